//! Work spread over every core, for the few jobs big enough to need it:
//! parsing a bank's files and building a large deck's notes.

/// `f` over `items` on all cores, results in the order of `items`.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    *results[i].lock().expect("no worker panics holding it") = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .expect("no worker panics holding it")
                .expect("every item was mapped")
        })
        .collect()
}

/// `f` over `items` on all cores, each result handed to `consume` in the
/// order of `items` as soon as it and those before it are ready, so the
/// calling thread consumes while the others compute. Stops at the first
/// error `consume` returns.
pub fn map_in_order<T: Sync, R: Send, E>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().try_for_each(|item| consume(f(item)));
    }
    // Items are handed out, and results sent back, a block at a time, so
    // that the calling thread wakes once per block rather than per item.
    const BLOCK: usize = 16;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (send, receive) = std::sync::mpsc::channel::<(usize, Vec<R>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, f) = (&next, &f);
            scope.spawn(move || {
                loop {
                    let first = next.fetch_add(BLOCK, std::sync::atomic::Ordering::Relaxed);
                    let Some(block) = items.get(first..(first + BLOCK).min(items.len())) else {
                        break;
                    };
                    if block.is_empty()
                        || send.send((first, block.iter().map(f).collect())).is_err()
                    {
                        // Done, or the consumer stopped.
                        break;
                    }
                }
            });
        }
        drop(send);
        // Blocks arrive nearly in order; hold the few that come early.
        let mut early = std::collections::BTreeMap::new();
        let mut wanted = 0;
        for (first, results) in receive.iter() {
            early.insert(first, results);
            while let Some(results) = early.remove(&wanted) {
                wanted += BLOCK;
                for result in results {
                    if let Err(e) = consume(result) {
                        next.store(items.len(), std::sync::atomic::Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_order() {
        let items: Vec<u64> = (0..1000).collect();
        assert_eq!(
            map(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn map_in_order_consumes_in_order_and_stops_at_an_error() {
        let items: Vec<u64> = (0..1000).collect();
        let mut seen = Vec::new();
        map_in_order(
            &items,
            |x| x * 2,
            |x| {
                seen.push(x);
                Ok::<_, ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let mut count = 0;
        let result = map_in_order(
            &items,
            |x| *x,
            |x| {
                count += 1;
                if x == 10 { Err(x) } else { Ok(()) }
            },
        );
        assert_eq!((result, count), (Err(10), 11));
    }
}

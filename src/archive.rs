//! Zip archives, written in one go, for Anki packages.
//!
//! An archive here is small and simple: a few entries, no directories, no
//! ZIP64, and fixed entry times (1980-01-01), so its bytes depend only on its
//! content. Large entries are deflated in fixed-size chunks on every core and
//! joined into one stream, the way `pigz` does: each chunk but the last ends
//! on a byte boundary with a sync flush. Chunk boundaries never depend on the
//! number of cores, so the output is the same on every machine.

use zlib_rs::{Deflate, DeflateConfig, DeflateFlush, Status};

/// Bytes deflated per task.
const CHUNK: usize = 1 << 20;
/// DOS date 1980-01-01 (the earliest a zip can say) and time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Zip 2.0, made on Unix (for the file permissions).
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
const VERSION_NEEDED: u16 = 20;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// A zip archive being written to memory, as a list of byte strings (the
/// archive is their concatenation), so that large entries are never copied.
#[derive(Default)]
pub struct Archive {
    parts: Vec<Vec<u8>>,
    /// Bytes in `parts`.
    len: usize,
    central: Vec<u8>,
    entries: u16,
}

impl Archive {
    /// An empty archive.
    pub fn new() -> Self {
        Archive::default()
    }

    /// Add a file as it is, uncompressed: the concatenation of `data`.
    /// Fails on an entry of 4 GiB or more.
    pub fn store(&mut self, name: &str, data: Vec<Vec<u8>>) -> Result<(), String> {
        let crc = crc(&data);
        let len = data.iter().map(Vec::len).sum();
        self.add(name, STORED, crc, len, data)
    }

    /// Add a file, deflated: the concatenation of `data`. Fails on an entry
    /// of 4 GiB or more.
    pub fn deflate<S: AsRef<[u8]> + Sync>(&mut self, name: &str, data: &[S]) -> Result<(), String> {
        // Chunks of whole segments, of at least CHUNK bytes but the last.
        let mut chunks: Vec<Vec<&[u8]>> = vec![Vec::new()];
        let mut size = 0;
        for segment in data {
            if size >= CHUNK {
                chunks.push(Vec::new());
                size = 0;
            }
            let segment = segment.as_ref();
            chunks.last_mut().expect("one chunk at least").push(segment);
            size += segment.len();
        }
        let last = chunks.len() - 1;
        let numbered: Vec<(usize, Vec<&[u8]>)> = chunks.into_iter().enumerate().collect();
        let parts = crate::parallel::map(&numbered, |(i, chunk)| deflate(chunk, *i == last));
        let len = data.iter().map(|s| s.as_ref().len()).sum();
        self.add(name, DEFLATED, crc(data), len, parts)
    }

    /// Add an entry of `len` bytes with checksum `crc`, whose bytes in the
    /// archive, compressed by `method`, are `parts` joined.
    fn add(
        &mut self,
        name: &str,
        method: u16,
        crc: u32,
        len: usize,
        parts: Vec<Vec<u8>>,
    ) -> Result<(), String> {
        let compressed: usize = parts.iter().map(Vec::len).sum();
        let header = Header {
            name,
            method,
            crc,
            compressed: size(compressed)?,
            uncompressed: size(len)?,
            offset: size(self.len)?,
        };
        let mut local = Vec::new();
        header.write_local(&mut local);
        self.push(local);
        for part in parts {
            self.push(part);
        }
        header.write_central(&mut self.central);
        self.entries = self
            .entries
            .checked_add(1)
            .ok_or("too many entries for a zip")?;
        Ok(())
    }

    fn push(&mut self, part: Vec<u8>) {
        self.len += part.len();
        self.parts.push(part);
    }

    /// The finished archive, as byte strings to be written one after another.
    pub fn finish(mut self) -> Result<Vec<Vec<u8>>, String> {
        let offset = size(self.len)?;
        let central = size(self.central.len())?;
        let mut end = std::mem::take(&mut self.central);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes()); // this disk
        end.extend_from_slice(&0u16.to_le_bytes()); // disk with the directory
        end.extend_from_slice(&self.entries.to_le_bytes());
        end.extend_from_slice(&self.entries.to_le_bytes());
        end.extend_from_slice(&central.to_le_bytes());
        end.extend_from_slice(&offset.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.push(end);
        size(self.len)?;
        Ok(self.parts)
    }
}

/// The CRC-32 of `data` joined.
fn crc<S: AsRef<[u8]>>(data: &[S]) -> u32 {
    let mut crc = crc32fast::Hasher::new();
    for segment in data {
        crc.update(segment.as_ref());
    }
    crc.finalize()
}

fn size(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| "the archive would be 4 GiB or more".to_string())
}

/// What the local and central headers of an entry say.
struct Header<'a> {
    name: &'a str,
    method: u16,
    crc: u32,
    compressed: u32,
    uncompressed: u32,
    offset: u32,
}

impl Header<'_> {
    /// The fields local and central headers share, from "version needed" to
    /// the name length.
    fn common(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&self.method.to_le_bytes());
        out.extend_from_slice(&DOS_TIME.to_le_bytes());
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&self.crc.to_le_bytes());
        out.extend_from_slice(&self.compressed.to_le_bytes());
        out.extend_from_slice(&self.uncompressed.to_le_bytes());
        out.extend_from_slice(&(self.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    }

    fn write_local(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.common(out);
        out.extend_from_slice(self.name.as_bytes());
    }

    fn write_central(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        self.common(out);
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out.extend_from_slice(&0u16.to_le_bytes()); // disk
        out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        out.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes()); // a regular file, rw-r--r--
        out.extend_from_slice(&self.offset.to_le_bytes());
        out.extend_from_slice(self.name.as_bytes());
    }
}

/// Raw deflate of one chunk, given as segments; every chunk but the last
/// ends with a sync flush so the next can follow it.
fn deflate(chunk: &[&[u8]], last: bool) -> Vec<u8> {
    let mut compress = Deflate::new_with_config(DeflateConfig {
        window_bits: -15,
        ..DeflateConfig::new(1)
    });
    let total: usize = chunk.iter().map(|s| s.len()).sum();
    // The worst case, so that no call runs out of room.
    let mut out: Vec<u8> = Vec::with_capacity(zlib_rs::compress_bound(total) + 64);
    let mut status = Status::Ok;
    for (i, segment) in chunk.iter().enumerate() {
        let flush = match (i + 1 == chunk.len(), last) {
            (false, _) => DeflateFlush::NoFlush,
            (true, false) => DeflateFlush::SyncFlush,
            (true, true) => DeflateFlush::Finish,
        };
        status = compress
            .compress_uninit(segment, out.spare_capacity_mut(), flush)
            .expect("deflating memory cannot fail");
        // SAFETY: deflate initialised every byte it has written so far.
        unsafe { out.set_len(compress.total_out() as usize) };
    }
    if chunk.is_empty() {
        status = compress
            .compress_uninit(&[], out.spare_capacity_mut(), DeflateFlush::Finish)
            .expect("deflating memory cannot fail");
        // SAFETY: as above.
        unsafe { out.set_len(compress.total_out() as usize) };
    }
    assert!(
        compress.total_in() as usize == total && (!last || status == Status::StreamEnd),
        "the buffer holds the worst case, so deflate takes all the input"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(stream: &[u8], size: usize) -> Vec<u8> {
        let mut out = vec![0; size];
        let (data, code) = zlib_rs::decompress_slice(
            &mut out,
            stream,
            zlib_rs::InflateConfig { window_bits: -15 },
        );
        assert_eq!(code, zlib_rs::ReturnCode::Ok, "inflate failed");
        data.to_vec()
    }

    #[test]
    fn chunks_join_into_one_stream() {
        let data: Vec<u8> = (0..3 * CHUNK + 123)
            .map(|i| (i % 251) as u8 ^ (i / 7919) as u8)
            .collect();
        let mut archive = Archive::new();
        let segments: Vec<&[u8]> = data.chunks(100_000).collect();
        archive.deflate("data", &segments).unwrap();
        archive
            .store("stored", vec![b"as ".to_vec(), b"is".to_vec()])
            .unwrap();
        archive.deflate("empty", &[b""]).unwrap();
        let bytes = archive.finish().unwrap().concat();
        // The first entry's data starts after its 30-byte header and name.
        let compressed = u32::from_le_bytes(bytes[18..22].try_into().unwrap()) as usize;
        assert_eq!(inflate(&bytes[34..34 + compressed], data.len()), data);
        let crc = u32::from_le_bytes(bytes[14..18].try_into().unwrap());
        assert_eq!(crc, crc32fast::hash(&data));
        // The end record counts both entries.
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(&end[..4], &0x0605_4b50u32.to_le_bytes());
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 3);
        let stored = 34 + compressed + 30 + "stored".len();
        assert_eq!(&bytes[stored..stored + 5], b"as is");
    }
}

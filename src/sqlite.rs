//! SQLite database files written directly, for Anki collections.
//!
//! An Anki collection is written once and never updated, so instead of
//! inserting row by row through SQLite we lay out its B-trees from rows that
//! come already sorted: leaf pages are filled in order and the interior
//! levels built on top, as SQLite's own bulk loaders do. The result is an
//! ordinary database file (format 4, UTF-8, no free pages) that SQLite opens,
//! queries and checks like any other; the tests run `PRAGMA integrity_check`
//! and compare every row and index with what was written.
//!
//! See <https://www.sqlite.org/fileformat2.html>.

/// The page size of a collection: large pages keep notes of a few kilobytes
/// each on one page, without overflow chains.
pub const PAGE_SIZE: usize = 65536;

/// A value in a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// SQL NULL; also stands for an `INTEGER PRIMARY KEY`, which is the rowid.
    Null,
    /// An integer.
    Integer(i64),
    /// UTF-8 text.
    Text(&'a str),
}

/// The most values a record here holds.
const MAX_VALUES: usize = 32;

/// The shape of a record: its serial types and its lengths.
struct Layout {
    types: [u64; MAX_VALUES],
    header: usize,
    len: usize,
}

impl Layout {
    fn of(values: &[Value<'_>]) -> Self {
        assert!(
            values.len() <= MAX_VALUES,
            "a record of at most {MAX_VALUES} values"
        );
        let mut types = [0u64; MAX_VALUES];
        let mut types_len = 0;
        let mut body = 0;
        for (slot, value) in types.iter_mut().zip(values) {
            *slot = serial_type(value);
            types_len += varint_len(*slot);
            body += match *value {
                Value::Null => 0,
                Value::Integer(_) => integer_width(*slot),
                Value::Text(s) => s.len(),
            };
        }
        // The header's length counts its own varint.
        let mut own = 1;
        while varint_len((types_len + own) as u64) > own {
            own += 1;
        }
        let header = types_len + own;
        Layout {
            types,
            header,
            len: header + body,
        }
    }

    /// Write the record of `values` to `out`, exactly `self.len` bytes.
    fn write_into(&self, values: &[Value<'_>], out: &mut Vec<u8>) {
        let start = out.len();
        out.resize(start + self.len, 0);
        self.write(values, &mut out[start..]);
    }

    fn write(&self, values: &[Value<'_>], out: &mut [u8]) {
        let mut at = write_varint(out, self.header as u64);
        for &t in &self.types[..values.len()] {
            at += write_varint(&mut out[at..], t);
        }
        for (value, &t) in values.iter().zip(&self.types) {
            let bytes: &[u8] = match value {
                Value::Null => &[],
                Value::Integer(n) => &n.to_be_bytes()[8 - integer_width(t)..],
                Value::Text(s) => s.as_bytes(),
            };
            out[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        }
        debug_assert_eq!(at, self.len);
    }
}

/// Bytes in the body of an integer of serial type `t`.
fn integer_width(t: u64) -> usize {
    match t {
        1..=4 => t as usize,
        5 => 6,
        6 => 8,
        _ => 0,
    }
}

/// Append the record of `values` (SQLite's row format) to `out`.
pub fn record(values: &[Value<'_>], out: &mut Vec<u8>) {
    Layout::of(values).write_into(values, out);
}

fn serial_type(value: &Value<'_>) -> u64 {
    match *value {
        Value::Null => 0,
        Value::Integer(0) => 8,
        Value::Integer(1) => 9,
        Value::Integer(n) => match n {
            -0x80..=0x7f => 1,
            -0x8000..=0x7fff => 2,
            -0x80_0000..=0x7f_ffff => 3,
            -0x8000_0000..=0x7fff_ffff => 4,
            -0x8000_0000_0000..=0x7fff_ffff_ffff => 5,
            _ => 6,
        },
        Value::Text(s) => 2 * s.len() as u64 + 13,
    }
}

fn varint_len(v: u64) -> usize {
    if v > 0x00ff_ffff_ffff_ffff {
        return 9;
    }
    let bits = 64 - v.leading_zeros() as usize;
    bits.div_ceil(7).max(1)
}

/// SQLite's variable-length integer: big-endian groups of 7 bits, the ninth
/// byte (if any) holding 8.
fn push_varint(out: &mut Vec<u8>, v: u64) {
    let mut bytes = [0u8; 9];
    let len = write_varint(&mut bytes, v);
    out.extend_from_slice(&bytes[..len]);
}

/// Write `v` as a varint at the start of `out`; its length.
fn write_varint(out: &mut [u8], v: u64) -> usize {
    if v > 0x00ff_ffff_ffff_ffff {
        out[8] = v as u8;
        let mut rest = v >> 8;
        for byte in out[..8].iter_mut().rev() {
            *byte = (rest & 0x7f) as u8 | 0x80;
            rest >>= 7;
        }
        return 9;
    }
    let len = varint_len(v);
    for (i, byte) in out[..len].iter_mut().enumerate() {
        let group = ((v >> (7 * (len - 1 - i))) & 0x7f) as u8;
        *byte = if i + 1 < len { group | 0x80 } else { group };
    }
    len
}

/// A database file being written.
pub struct Database {
    page_size: usize,
    /// Every page so far, in order; page 1, the schema table, is written
    /// last.
    pages: Vec<Vec<u8>>,
    /// Schema rows: type, name, table, root page, SQL.
    schema: Vec<(&'static str, String, String, u32, String)>,
}

/// The kinds of B-tree page.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    TableLeaf = 0x0d,
    TableInterior = 0x05,
    IndexLeaf = 0x0a,
    IndexInterior = 0x02,
}

impl Kind {
    fn header_len(self) -> usize {
        match self {
            Kind::TableLeaf | Kind::IndexLeaf => 8,
            Kind::TableInterior | Kind::IndexInterior => 12,
        }
    }
}

/// One page being filled: cell pointers grow up from the header, cells grow
/// down from the end.
struct Page {
    kind: Kind,
    /// Where the page header starts (100 on page 1, after the file header).
    start: usize,
    bytes: Vec<u8>,
    cells: usize,
    content: usize,
    /// The length of the last cell pushed.
    last: usize,
}

impl Page {
    fn new(kind: Kind, size: usize, start: usize) -> Self {
        Page {
            kind,
            start,
            bytes: vec![0; size],
            cells: 0,
            content: size,
            last: 0,
        }
    }

    fn fits(&self, cell: usize) -> bool {
        self.start + self.kind.header_len() + 2 * (self.cells + 1) + cell <= self.content
    }

    fn push(&mut self, cell: &[u8]) {
        self.reserve(cell.len()).copy_from_slice(cell);
    }

    /// Room for a cell of `len` bytes, to be filled by the caller.
    fn reserve(&mut self, len: usize) -> &mut [u8] {
        debug_assert!(self.fits(len));
        self.content -= len;
        let pointer = self.start + self.kind.header_len() + 2 * self.cells;
        self.bytes[pointer..pointer + 2].copy_from_slice(&(self.content as u16).to_be_bytes());
        self.cells += 1;
        self.last = len;
        &mut self.bytes[self.content..self.content + len]
    }

    /// Take back the last cell pushed (once).
    fn pop(&mut self) {
        debug_assert!(self.cells > 1 && self.last > 0);
        self.bytes[self.content..self.content + self.last].fill(0);
        self.content += self.last;
        self.cells -= 1;
        self.last = 0;
        let pointer = self.start + self.kind.header_len() + 2 * self.cells;
        self.bytes[pointer..pointer + 2].fill(0);
    }

    /// The finished page, with `right` as the right-most child of an
    /// interior page.
    fn finish(mut self, right: u32) -> Vec<u8> {
        let h = self.start;
        self.bytes[h] = self.kind as u8;
        self.bytes[h + 3..h + 5].copy_from_slice(&(self.cells as u16).to_be_bytes());
        // A content area that starts at 65536 is written as 0.
        self.bytes[h + 5..h + 7].copy_from_slice(&(self.content as u16).to_be_bytes());
        if self.kind.header_len() == 12 {
            self.bytes[h + 8..h + 12].copy_from_slice(&right.to_be_bytes());
        }
        self.bytes
    }
}

impl Database {
    /// An empty database with pages of `page_size` bytes (a power of two from
    /// 512 to 65536).
    pub fn new(page_size: usize) -> Self {
        assert!(page_size.is_power_of_two() && (512..=65536).contains(&page_size));
        Database {
            page_size,
            pages: vec![Vec::new()],
            schema: Vec::new(),
        }
    }

    /// Append a page; its number.
    fn append(&mut self, page: Vec<u8>) -> u32 {
        debug_assert_eq!(page.len(), self.page_size);
        self.pages.push(page);
        self.pages.len() as u32
    }

    /// The most payload a cell keeps on its page, and the least it keeps
    /// when the rest overflows.
    fn local_limits(&self, table: bool) -> (usize, usize) {
        let usable = self.page_size;
        let max = if table {
            usable - 35
        } else {
            (usable - 12) * 64 / 255 - 23
        };
        let min = (usable - 12) * 32 / 255 - 23;
        (max, min)
    }

    /// The part of `payload` kept on the page, followed by the first overflow
    /// page of the rest (written now) if it does not fit.
    fn local_payload(&mut self, payload: &[u8], table: bool, cell: &mut Vec<u8>) {
        let (max, min) = self.local_limits(table);
        if payload.len() <= max {
            cell.extend_from_slice(payload);
            return;
        }
        let per_page = self.page_size - 4;
        let k = min + (payload.len() - min) % per_page;
        let local = if k <= max { k } else { min };
        cell.extend_from_slice(&payload[..local]);
        // Overflow pages, each pointing to the next; they are appended in
        // order, so each one's successor is the page after it.
        let rest = &payload[local..];
        let first = self.pages.len() as u32 + 1;
        let count = rest.len().div_ceil(per_page);
        for (i, chunk) in rest.chunks(per_page).enumerate() {
            let mut page = vec![0u8; self.page_size];
            let next = if i + 1 < count {
                first + i as u32 + 1
            } else {
                0
            };
            page[..4].copy_from_slice(&next.to_be_bytes());
            page[4..4 + chunk.len()].copy_from_slice(chunk);
            self.append(page);
        }
        cell.extend_from_slice(&first.to_be_bytes());
    }

    /// Start a table; rows are then pushed in increasing rowid order.
    pub fn table(&mut self, name: &str, sql: &str) -> Table<'_> {
        let leaf = Page::new(Kind::TableLeaf, self.page_size, 0);
        Table {
            name: name.to_string(),
            sql: sql.to_string(),
            leaf,
            children: Vec::new(),
            last: None,
            db: self,
        }
    }

    /// Write an index on `table` whose keys (records ending with the rowid)
    /// come in SQLite's order for the index.
    pub fn index<'k>(
        &mut self,
        name: &str,
        table: &str,
        sql: &str,
        keys: impl IntoIterator<Item = &'k [u8]>,
    ) {
        let (max, _) = self.local_limits(false);
        let keys: Vec<&[u8]> = keys.into_iter().collect();
        // Leaves, with one key between each pair of them going up a level
        // (index B-trees keep keys in interior pages too).
        let mut leaves = Vec::new();
        let mut separators: Vec<Vec<u8>> = Vec::new();
        let mut leaf = Page::new(Kind::IndexLeaf, self.page_size, 0);
        let mut i = 0;
        while i < keys.len() {
            let cell = index_cell(keys[i], max);
            if leaf.fits(cell.len()) {
                leaf.push(&cell);
                i += 1;
                continue;
            }
            // Full: the next key separates this leaf from the next one,
            // unless it is the last key, which must start a leaf of its own;
            // then this leaf's last key goes up instead.
            let separator = if i + 1 < keys.len() {
                i += 1;
                keys[i - 1]
            } else {
                leaf.pop();
                keys[i - 1]
            };
            separators.push(separator.to_vec());
            let full = std::mem::replace(&mut leaf, Page::new(Kind::IndexLeaf, self.page_size, 0));
            leaves.push(self.append(full.finish(0)));
        }
        leaves.push(self.append(leaf.finish(0)));
        let keys: Vec<Vec<u8>> = separators.iter().map(|k| index_cell(k, max)).collect();
        let root = self.interior(Kind::IndexInterior, leaves, keys);
        self.schema
            .push(("index", name.into(), table.into(), root, sql.into()));
    }

    /// Interior levels over `children` until one page holds them all; its
    /// page number. `keys[j]` goes in the cell that points to child `j`: the
    /// largest rowid under it (tables), or the key between it and child
    /// `j + 1` (indexes, which have one key fewer than children).
    fn interior(&mut self, kind: Kind, mut children: Vec<u32>, mut keys: Vec<Vec<u8>>) -> u32 {
        while children.len() > 1 {
            let n = children.len();
            let (mut pages, mut up) = (Vec::new(), Vec::new());
            let mut i = 0;
            while i < n {
                let mut page = Page::new(kind, self.page_size, 0);
                let mut cell = Vec::new();
                while i + 1 < n {
                    cell.clear();
                    cell.extend_from_slice(&children[i].to_be_bytes());
                    cell.extend_from_slice(&keys[i]);
                    if !page.fits(cell.len()) {
                        break;
                    }
                    page.push(&cell);
                    i += 1;
                }
                // A page that filled just before the last child would leave
                // that child alone on a page with no cell: hand it one more.
                if i + 2 == n && page.cells > 1 {
                    page.pop();
                    i -= 1;
                }
                pages.push(self.append(page.finish(children[i])));
                if let Some(key) = keys.get(i) {
                    up.push(key.clone());
                }
                i += 1;
            }
            children = pages;
            keys = up;
        }
        children[0]
    }

    /// The finished file, as its pages in order.
    pub fn finish(mut self) -> Vec<Vec<u8>> {
        let pages = self.pages.len() as u32;
        let mut master = Page::new(Kind::TableLeaf, self.page_size, 100);
        let mut scratch = Vec::new();
        for (rowid, (kind, name, table, root, sql)) in self.schema.iter().enumerate() {
            scratch.clear();
            record(
                &[
                    Value::Text(kind),
                    Value::Text(name),
                    Value::Text(table),
                    Value::Integer(i64::from(*root)),
                    Value::Text(sql),
                ],
                &mut scratch,
            );
            let mut cell = Vec::new();
            push_varint(&mut cell, scratch.len() as u64);
            push_varint(&mut cell, rowid as u64 + 1);
            cell.extend_from_slice(&scratch);
            assert!(master.fits(cell.len()), "the schema fits on the first page");
            master.push(&cell);
        }
        let mut first = master.finish(0);
        let header = &mut first[..100];
        header[..16].copy_from_slice(b"SQLite format 3\0");
        let size = if self.page_size == 65536 {
            1
        } else {
            self.page_size as u16
        };
        header[16..18].copy_from_slice(&size.to_be_bytes());
        header[18] = 1; // legacy write and read versions
        header[19] = 1;
        header[21] = 64; // payload fractions, fixed by the format
        header[22] = 32;
        header[23] = 32;
        header[24..28].copy_from_slice(&1u32.to_be_bytes()); // change counter
        header[28..32].copy_from_slice(&pages.to_be_bytes());
        header[40..44].copy_from_slice(&1u32.to_be_bytes()); // schema cookie
        header[44..48].copy_from_slice(&4u32.to_be_bytes()); // schema format
        header[56..60].copy_from_slice(&1u32.to_be_bytes()); // UTF-8
        header[92..96].copy_from_slice(&1u32.to_be_bytes()); // version valid for
        header[96..100].copy_from_slice(&3_046_000u32.to_be_bytes());
        self.pages[0] = first;
        self.pages
    }
}

/// A leaf or interior index cell for `key`: its size, and the key (which is
/// never long enough to overflow: keys here are a few integers).
fn index_cell(key: &[u8], max_local: usize) -> Vec<u8> {
    assert!(key.len() <= max_local, "index keys are short");
    let mut cell = Vec::with_capacity(key.len() + 2);
    push_varint(&mut cell, key.len() as u64);
    cell.extend_from_slice(key);
    cell
}

/// A table being written, row by row in rowid order.
pub struct Table<'d> {
    db: &'d mut Database,
    name: String,
    sql: String,
    leaf: Page,
    /// Finished leaves: page number and largest rowid.
    children: Vec<(u32, i64)>,
    last: Option<i64>,
}

impl Table<'_> {
    /// Add a row; rowids must increase. The record goes straight onto the
    /// page unless it is too long for one.
    pub fn push(&mut self, rowid: i64, values: &[Value<'_>]) {
        assert!(
            self.last.is_none_or(|last| rowid > last),
            "rows come in rowid order"
        );
        let layout = Layout::of(values);
        let (max, _) = self.db.local_limits(true);
        let mut overflow = Vec::new();
        let len = if layout.len <= max {
            varint_len(layout.len as u64) + varint_len(rowid as u64) + layout.len
        } else {
            let mut record = Vec::new();
            layout.write_into(values, &mut record);
            overflow.clear();
            push_varint(&mut overflow, layout.len as u64);
            push_varint(&mut overflow, rowid as u64);
            self.db.local_payload(&record, true, &mut overflow);
            overflow.len()
        };
        if !self.leaf.fits(len) {
            let full = std::mem::replace(
                &mut self.leaf,
                Page::new(Kind::TableLeaf, self.db.page_size, 0),
            );
            let page = self.db.append(full.finish(0));
            self.children
                .push((page, self.last.expect("a full page has rows")));
        }
        let cell = self.leaf.reserve(len);
        if overflow.is_empty() {
            let mut at = write_varint(cell, layout.len as u64);
            at += write_varint(&mut cell[at..], rowid as u64);
            layout.write(values, &mut cell[at..]);
        } else {
            cell.copy_from_slice(&overflow);
        }
        self.last = Some(rowid);
    }

    /// Write the interior pages and record the table in the schema.
    pub fn finish(mut self) {
        let leaf = std::mem::replace(
            &mut self.leaf,
            Page::new(Kind::TableLeaf, self.db.page_size, 0),
        );
        let page = self.db.append(leaf.finish(0));
        self.children.push((page, self.last.unwrap_or(0)));
        let (children, keys) = self
            .children
            .iter()
            .map(|&(child, max)| {
                let mut key = Vec::new();
                push_varint(&mut key, max as u64);
                (child, key)
            })
            .unzip();
        let root = self.db.interior(Kind::TableInterior, children, keys);
        self.db
            .schema
            .push(("table", self.name.clone(), self.name, root, self.sql));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn open(bytes: Vec<u8>) -> Connection {
        let mut db = Connection::open_in_memory().unwrap();
        let size = bytes.len();
        db.deserialize_read_exact(rusqlite::MAIN_DB, bytes.as_slice(), size, false)
            .unwrap();
        db
    }

    #[test]
    fn varints_round_trip_through_sqlite() {
        for v in [
            0u64,
            1,
            127,
            128,
            16383,
            16384,
            1 << 40,
            u64::MAX >> 8,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            push_varint(&mut out, v);
            assert_eq!(out.len(), varint_len(v), "{v}");
        }
    }

    /// Tables and indexes of many shapes, read back by SQLite itself.
    #[test]
    fn sqlite_reads_what_we_write() {
        let cases =
            (0..200)
                .map(|n| (512, n))
                .chain([(512, 3000), (512, 9000), (4096, 700), (65536, 50)]);
        for (page_size, rows) in cases {
            let mut db = Database::new(page_size);
            let mut table = db.table(
                "t",
                "CREATE TABLE t (id integer primary key, a integer not null, b text not null)",
            );
            let mut expected = Vec::new();
            for i in 0..rows {
                let id = i * 7 + (i % 3) - 40;
                let a = (i * 7919) % 1000 - 500;
                // Some rows overflow the page, some are empty strings.
                let b = "é".repeat(((i * 31) % 97) as usize * if i % 50 == 0 { 200 } else { 1 });
                table.push(id, &[Value::Null, Value::Integer(a), Value::Text(&b)]);
                expected.push((id, a, b));
            }
            table.finish();
            let mut keys: Vec<Vec<u8>> = expected
                .iter()
                .map(|(id, a, _)| {
                    let mut key = Vec::new();
                    record(&[Value::Integer(*a), Value::Integer(*id)], &mut key);
                    key
                })
                .collect();
            let mut order: Vec<usize> = (0..expected.len()).collect();
            order.sort_by_key(|&i| (expected[i].1, expected[i].0));
            keys = order.iter().map(|&i| keys[i].clone()).collect();
            db.index(
                "ix_a",
                "t",
                "CREATE INDEX ix_a on t (a)",
                keys.iter().map(Vec::as_slice),
            );
            let empty = db.table("e", "CREATE TABLE e (x integer not null)");
            empty.finish();
            db.index(
                "ix_e",
                "e",
                "CREATE INDEX ix_e on e (x)",
                std::iter::empty(),
            );
            let bytes = db.finish().concat();
            let conn = open(bytes);
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(check, "ok", "page size {page_size}, {rows} rows");
            let mut stmt = conn.prepare("SELECT id, a, b FROM t ORDER BY id").unwrap();
            let got: Vec<(i64, i64, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(got, expected);
            let by_index: Vec<i64> = conn
                .prepare("SELECT id FROM t INDEXED BY ix_a WHERE a >= -1000 ORDER BY a, id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let want: Vec<i64> = order.iter().map(|&i| expected[i].0).collect();
            assert_eq!(by_index, want);
        }
    }
}

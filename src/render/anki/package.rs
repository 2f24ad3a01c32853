//! The `.apkg` file: a zip holding the collection and an empty media map.
//! Entries have fixed times and permissions, so the bytes depend only on
//! the collection. Reading one back (to carry note times forward) is
//! bounded: a package is refused if its collection is unreasonably large.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::Error;

/// The name of the collection inside a package.
const COLLECTION: &str = "collection.anki2";

/// The largest collection read back from an earlier package.
pub(super) const MAX_COLLECTION_BYTES: u64 = 512 * 1024 * 1024;

/// The deflate level: the fastest. The generated 10,000-note collection
/// (27 MB) deflates to 13 MB in about 70 ms at level 1; the default level
/// took about 250 ms more for a third less.
const LEVEL: i64 = 1;

/// Zip `collection` into a package.
pub(super) fn write(collection: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    // Deflated, a collection is rarely over half its size.
    let buffer = Vec::with_capacity(collection.len() / 2 + 4096);
    let mut zip = ZipWriter::new(Cursor::new(buffer));
    zip.start_file(COLLECTION, options)?;
    zip.write_all(collection)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    Ok(zip.finish()?.into_inner())
}

/// The collection inside the package at `path`.
pub(super) fn read_collection(path: &Path) -> Result<Vec<u8>, Error> {
    let bad = |why: String| {
        Error::io(
            "reading the earlier deck",
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, why),
        )
    };
    let file = crate::input::open_regular(path, "reading the earlier deck")?;
    let mut archive =
        ZipArchive::new(file).map_err(|e| bad(format!("not an Anki package ({e})")))?;
    let mut entry = archive
        .by_name(COLLECTION)
        .map_err(|_| bad(format!("not an Anki package: it has no {COLLECTION}")))?;
    if entry.size() > MAX_COLLECTION_BYTES {
        return Err(bad(format!(
            "its collection is {} MB; the limit is {} MB",
            entry.size() >> 20,
            MAX_COLLECTION_BYTES >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    (&mut entry)
        .take(MAX_COLLECTION_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(e.to_string()))?;
    if bytes.len() as u64 > MAX_COLLECTION_BYTES {
        return Err(bad("its collection is larger than it says".into()));
    }
    Ok(bytes)
}

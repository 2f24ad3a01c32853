//! Reading the files a user points `runbook` at. Only regular files are
//! read: a FIFO would block forever and a device such as `/dev/zero` would
//! never end, so both are refused before they are opened. Sizes are limited
//! while reading, so a huge file costs no more than the limit. A symbolic
//! link that leads nowhere is an error naming its target, never a file
//! silently skipped or replaced by a built-in one.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// The largest file `runbook` reads, in bytes. A real bank file is well
/// under a megabyte; a 10,000-question bank still fits in a few of these.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why `path` cannot be read as a regular file, if it cannot.
fn refuse(path: &Path, action: &'static str) -> Result<(), Error> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Ok(target) = std::fs::read_link(path) {
                return Err(Error::io(
                    action,
                    path,
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!(
                            "it is a symbolic link to {}, which does not exist",
                            target.display()
                        ),
                    ),
                ));
            }
            return Err(Error::io(action, path, e));
        }
        Err(e) => return Err(Error::io(action, path, e)),
    };
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        special_kind(&meta)
    };
    Err(Error::io(
        action,
        path,
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {what}, not a regular file"),
        ),
    ))
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> &'static str {
    "a special file"
}

/// Open `path` for reading if it is a regular file.
pub fn open_regular(path: &Path, action: &'static str) -> Result<File, Error> {
    refuse(path, action)?;
    File::open(path).map_err(|e| Error::io(action, path, e))
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_limited(path: &Path, limit: u64, action: &'static str) -> Result<Vec<u8>, Error> {
    let file = open_regular(path, action)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(action, path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

/// Like [`read_limited`], but `None` when nothing at all is at `path`
/// (not even a broken link), for files that have a built-in fallback.
pub fn read_optional(
    path: &Path,
    limit: u64,
    action: &'static str,
) -> Result<Option<Vec<u8>>, Error> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        _ => read_limited(path, limit, action).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_limited(&path, 5, "reading").unwrap(), b"12345");
        let e = read_limited(&path, 4, "reading").unwrap_err().to_string();
        assert!(e.contains("larger than the limit of 0 MB"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_directories_and_broken_links() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_limited(Path::new("/dev/zero"), 10, "reading").unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        let e = read_limited(dir.path(), 10, "reading").unwrap_err();
        assert!(e.to_string().contains("a directory"), "{e}");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(dir.path().join("gone.yaml"), &link).unwrap();
        let e = read_optional(&link, 10, "reading").unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(
            read_optional(&dir.path().join("none"), 10, "reading")
                .unwrap()
                .is_none()
        );
    }
}

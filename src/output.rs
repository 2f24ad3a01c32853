//! Writing results. Files are written atomically (a temporary file in the
//! same directory, then a rename), so a failed run never leaves a partial
//! file or damages an existing one. Standard output treats a closed pipe as
//! success.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Write `bytes` to `path` atomically, creating missing parent directories.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_parts_atomic(path, &[bytes])
}

/// Write `parts`, one after another, to `path` atomically, creating missing
/// parent directories.
pub fn write_parts_atomic<P: AsRef<[u8]>>(path: &Path, parts: &[P]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io("creating directory", dir, e))?;
    // Only a regular file is ever replaced: a device, FIFO or socket at the
    // path would otherwise be swapped for a file (as root, `/dev/null`).
    let existing = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(Error::io(
                "writing",
                path,
                std::io::Error::other("it is a directory; give a file name"),
            ));
        }
        Ok(m) if !m.is_file() => {
            return Err(Error::io(
                "writing",
                path,
                std::io::Error::other(
                    "it is not a regular file (a device, pipe or socket); give another path",
                ),
            ));
        }
        Ok(m) => Some(m),
        Err(_) => None,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let mut temp = tempfile_in(dir, &name).map_err(|e| Error::io("writing", path, e))?;
    let result = parts
        .iter()
        .try_for_each(|part| temp.1.write_all(part.as_ref()))
        .and_then(|()| keep_mode(&temp.1, existing.as_ref()))
        .and_then(|()| temp.1.sync_all())
        .and_then(|()| std::fs::rename(&temp.0, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp.0);
        return Err(Error::io("writing", path, e));
    }
    Ok(())
}

/// Give the new file the permissions of the one it replaces, so a private
/// (0600) copy stays private. A new file keeps the mode the umask gives it.
fn keep_mode(file: &std::fs::File, existing: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    match existing {
        Some(old) => file.set_permissions(old.permissions()),
        None => Ok(()),
    }
}

/// Create `.NAME.XXXX.tmp` in `dir` exclusively, trying a few suffixes.
fn tempfile_in(dir: &Path, name: &str) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100u32 {
        let candidate = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name was free")))
}

/// Print `text` to standard output.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.txt");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.pdf");
        write_atomic(&path, b"first").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"second").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn refuses_a_directory_target() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), b"x").is_err());
    }
}

//! Writing results. Files are written atomically (a temporary file in the
//! same directory, then a rename), so a failed run never leaves a partial
//! file or damages an existing one. Standard output treats a closed pipe as
//! success.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

mod temp;

pub use temp::remove_on_signal;

/// Write `bytes` to `path` atomically, creating missing parent directories.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_parts_atomic(path, &[bytes])
}

/// Write `parts`, one after another, to `path` atomically, creating missing
/// parent directories.
pub fn write_parts_atomic<P: AsRef<[u8]>>(path: &Path, parts: &[P]) -> Result<(), Error> {
    Staged::new(path, parts)?.commit()
}

/// Write every file or replace none: each is written in full beside its
/// target first, and only when all are ready are they renamed into place.
pub fn write_all_atomic<P: AsRef<[u8]>>(files: &[(PathBuf, P)]) -> Result<(), Error> {
    let staged = files
        .iter()
        .map(|(path, bytes)| Staged::new(path, &[bytes]))
        .collect::<Result<Vec<_>, _>>()?;
    staged.into_iter().try_for_each(Staged::commit)
}

/// A file written in full to a temporary name beside its target and not yet
/// renamed over it. Dropping it removes the temporary file.
struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

impl Staged {
    fn new<P: AsRef<[u8]>>(path: &Path, parts: &[P]) -> Result<Self, Error> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating directory", dir, e))?;
        let existing = replaceable(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        temp::remove_stale(dir);
        let (temp, mut file) =
            temp::create(dir, &name).map_err(|e| Error::io("writing", path, e))?;
        let staged = Staged {
            temp,
            target: path.to_path_buf(),
        };
        parts
            .iter()
            .try_for_each(|part| file.write_all(part.as_ref()))
            .and_then(|()| keep_mode(&file, existing.as_ref()))
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("writing", path, e))?;
        Ok(staged)
    }

    fn commit(self) -> Result<(), Error> {
        std::fs::rename(&self.temp, &self.target).map_err(|e| Error::io("writing", &self.target, e))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // After a successful rename the temporary name no longer exists.
        let _ = std::fs::remove_file(&self.temp);
        temp::forget(&self.temp);
    }
}

/// The metadata of the file at `path` if there is one to replace. Only a
/// regular file is ever replaced: a device, FIFO or socket at the path would
/// otherwise be swapped for a file (as root, `/dev/null`).
fn replaceable(path: &Path) -> Result<Option<std::fs::Metadata>, Error> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::io(
            "writing",
            path,
            std::io::Error::other("it is a directory; give a file name"),
        )),
        Ok(m) if !m.is_file() => Err(Error::io(
            "writing",
            path,
            std::io::Error::other(
                "it is not a regular file (a device, pipe or socket); give another path",
            ),
        )),
        Ok(m) => Ok(Some(m)),
        Err(_) => Ok(None),
    }
}

/// Give the new file the permissions of the one it replaces, so a private
/// (0600) copy stays private. A new file keeps the mode the umask gives it.
fn keep_mode(file: &std::fs::File, existing: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    match existing {
        Some(old) => file.set_permissions(old.permissions()),
        None => Ok(()),
    }
}

/// Print one line to standard error. A closed or full stderr is ignored: a
/// message that cannot be shown must not turn into a crash or change the
/// exit status.
pub fn note(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Print `text` to standard output.
pub fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// Write `bytes` to standard output. A closed standard output (`>&-`) is an
/// error, although the standard library would quietly drop the bytes; a
/// closed pipe is reported as [`Error::Stdout`] with `BrokenPipe`, which the
/// binary treats as success.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    stdout_is_open().map_err(Error::Stdout)?;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)
}

/// Whether standard output was open when the process started. The standard
/// library reopens a closed descriptor 1 on `/dev/null` before `main`, read
/// and write, so a closed stdout shows up as `/dev/null` opened `O_RDWR`; a
/// shell's `> /dev/null` opens it write-only. Linux only, through `/proc`.
#[cfg(target_os = "linux")]
fn stdout_is_open() -> std::io::Result<()> {
    const O_ACCMODE: u32 = 0o3;
    const O_RDWR: u32 = 0o2;
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
        return Ok(());
    };
    let read_write = std::fs::read_to_string("/proc/self/fdinfo/1")
        .ok()
        .and_then(|info| {
            let flags = info.lines().find_map(|l| l.strip_prefix("flags:"))?;
            u32::from_str_radix(flags.trim(), 8).ok()
        })
        .is_some_and(|flags| flags & O_ACCMODE == O_RDWR);
    if target == Path::new("/dev/null") && read_write {
        Err(std::io::Error::other(
            "standard output is closed; redirect it to a file, or give -o FILE where the command has it",
        ))
    } else {
        Ok(())
    }
}

#[cfg(not(target_os = "linux"))]
fn stdout_is_open() -> std::io::Result<()> {
    Ok(())
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

//! Atomic output: the PDF is written to a temporary file in the target's own
//! directory, flushed to disk, then renamed over the target. A failure at any
//! point leaves no partial file behind (the temporary file is removed when
//! dropped), and an existing file at the target is only replaced whole.
//! Public so that tend-core writes its other files (CSV exports, import
//! problem lists) the same way, through one helper.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::PdfError;

/// A file being written that appears at its path only when committed.
pub struct AtomicFile {
    path: PathBuf,
    temp: NamedTempFile,
}

impl AtomicFile {
    /// Prepares to write `path`. Fails at once, naming the path, if its
    /// directory is missing or not writable.
    pub fn create(path: &Path) -> Result<AtomicFile, PdfError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(PdfError::OutputDirectory {
                path: path.to_path_buf(),
                dir,
            });
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".part")
            .tempfile_in(&dir)
            .map_err(|source| PdfError::Output {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp,
        })
    }

    /// The target path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A buffered writer into the temporary file.
    pub fn writer(&mut self) -> BufWriter<&File> {
        BufWriter::with_capacity(1 << 16, self.temp.as_file())
    }

    /// Flushes to disk and renames the temporary file to the target path.
    /// Returns the size written.
    pub fn commit(self) -> Result<u64, PdfError> {
        let io = |source: std::io::Error| PdfError::Output {
            path: self.path.clone(),
            source,
        };
        let mut file = self.temp.as_file();
        file.flush().map_err(io)?;
        file.sync_all().map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        set_shareable_permissions(file).map_err(io)?;
        let path = self.path.clone();
        self.temp.persist(&path).map_err(|e| PdfError::Output {
            path: path.clone(),
            source: e.error,
        })?;
        sync_directory(&path).map_err(|source| PdfError::Output { path, source })?;
        Ok(size)
    }
}

/// Temporary files are created private (0600); a report is meant to be read
/// by others, so give it the usual 0644.
#[cfg(unix)]
fn set_shareable_permissions(file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_shareable_permissions(_file: &File) -> std::io::Result<()> {
    Ok(())
}

/// Makes the rename itself durable.
#[cfg(unix)]
fn sync_directory(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

#[cfg(not(unix))]
fn sync_directory(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_file_appears_whole_and_no_temp_remains() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        let mut file = AtomicFile::create(&path).unwrap();
        file.writer().write_all(b"%PDF-1.3 body").unwrap();
        assert!(!path.exists(), "nothing at the target before commit");
        assert_eq!(file.commit().unwrap(), 13);
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.3 body");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        let mut file = AtomicFile::create(&path).unwrap();
        file.writer().write_all(b"partial").unwrap();
        drop(file);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.pdf");
        let err = AtomicFile::create(&path).err().unwrap();
        assert!(matches!(err, PdfError::OutputDirectory { .. }));
        assert!(err.to_string().contains("out.pdf"));
    }
}

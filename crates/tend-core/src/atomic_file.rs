//! Every file Tend writes for the user (a report, a CSV export, an import's
//! problem list) appears whole or not at all: it is written to a temporary
//! file in the target's own folder, flushed to disk, then renamed over the
//! target. A failure or a cancel part-way leaves the target as it was. One
//! helper for all of them, over tend-pdf's [`tend_pdf::AtomicFile`] (which
//! writes the reports).

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `path` with `fill`, atomically; returns what `fill` returned. A
/// missing folder is an [`Error::Io`] naming it, before `fill` runs.
pub fn write<T>(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let mut file =
        tend_pdf::AtomicFile::create(path).map_err(|e| crate::report::pdf_error(e, "output"))?;
    let value = {
        let mut out = file.writer();
        let value = fill(&mut out)?;
        out.flush().map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        value
    };
    file.commit()
        .map_err(|e| crate::report::pdf_error(e, "output"))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, b"old").unwrap();
        let rows = write(&path, |out| {
            out.write_all(b"tag\r\nSRV-1\r\n")
                .map_err(|source| Error::Io {
                    path: "export.csv".into(),
                    source,
                })?;
            Ok(1)
        })
        .unwrap();
        assert_eq!(rows, 1);
        assert_eq!(std::fs::read(&path).unwrap(), b"tag\r\nSRV-1\r\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failure_part_way_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, b"old").unwrap();
        let err = write(&path, |out| -> Result<()> {
            out.write_all(b"half a file").unwrap();
            Err(Error::validation("query", "stopped"))
        })
        .unwrap_err();
        assert!(matches!(err, Error::Validation { .. }));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_io_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere/export.csv");
        let err = write(&path, |_| Ok(())).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}

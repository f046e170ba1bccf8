//! A file on disk about to be attached: opened once, its name checked, its
//! size against the register's limit, its media type from its name.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::model::human_size;
use crate::{Error, Result};

/// The longest name kept (as most file systems allow).
pub const NAME_MAX: usize = 255;

/// A file opened for attaching.
pub(crate) struct Source {
    pub path: PathBuf,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    pub file: File,
}

/// Opens `path` for attaching: a regular file of 1 byte to `limit` bytes
/// whose name can be kept. Every refusal names the file and says why.
pub(crate) fn open(path: &Path, limit: u64) -> Result<Source> {
    let io = |source: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Error::validation(
            "file",
            format!("{} is a folder or a device, not a file", path.display()),
        ));
    }
    let name = path
        .file_name()
        .ok_or_else(|| Error::validation("file", format!("{} names no file", path.display())))?;
    let name = name.to_str().ok_or_else(|| {
        Error::validation(
            "file",
            format!(
                "the name of {} is not valid UTF-8; rename the file first",
                path.display()
            ),
        )
    })?;
    let name = checked_name("file", name)?;
    let size = meta.len();
    if size == 0 {
        return Err(Error::validation(
            "file",
            format!("{} is empty (0 bytes): nothing to attach", path.display()),
        ));
    }
    if size > limit {
        return Err(Error::validation(
            "file",
            format!(
                "{} is {}, over the limit of {} per file (the setting {})",
                path.display(),
                human_size(size),
                human_size(limit),
                super::LIMIT_SETTING
            ),
        ));
    }
    Ok(Source {
        path: path.to_path_buf(),
        media_type: media_type(&name),
        name,
        size,
        file,
    })
}

/// A name an attachment may carry: one file name, no folders, no control
/// characters, 1 to [`NAME_MAX`] characters. It becomes a file name again
/// when saved or exported, so nothing in it may climb out of a folder.
pub fn checked_name(field: &str, name: &str) -> Result<String> {
    let refuse = |why: &str| Err(Error::validation(field, format!("the name {name:?} {why}")));
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return refuse("is empty");
    }
    if trimmed == "." || trimmed == ".." {
        return refuse("is not a file name");
    }
    if trimmed.contains(['/', '\\']) {
        return refuse("holds a path separator (/ or \\); give the file's own name");
    }
    if trimmed.chars().any(char::is_control) {
        return refuse("holds a control character (a line break, tab or similar)");
    }
    if trimmed.chars().count() > NAME_MAX {
        return refuse(&format!("is longer than {NAME_MAX} characters"));
    }
    Ok(trimmed.to_string())
}

/// The media type a name suggests (`application/octet-stream` when unknown).
pub fn media_type(name: &str) -> String {
    mime_guess::from_path(name)
        .first_raw()
        .unwrap_or("application/octet-stream")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_leave_a_folder_or_break_a_line_are_refused() {
        for bad in [
            "",
            "  ",
            ".",
            "..",
            "a/b.pdf",
            "..\\x.pdf",
            "line\nbreak.pdf",
            "tab\t.pdf",
            "bell\u{7}",
        ] {
            let e = checked_name("name", bad).unwrap_err();
            assert!(e.to_string().starts_with("name: the name"), "{bad:?}: {e}");
        }
        assert!(checked_name("name", &"x".repeat(256)).is_err());
        assert_eq!(
            checked_name("name", " Rechnung Müller.pdf ").unwrap(),
            "Rechnung Müller.pdf"
        );
    }

    #[test]
    fn media_types_come_from_the_name() {
        assert_eq!(media_type("invoice.PDF"), "application/pdf");
        assert_eq!(media_type("rack.jpg"), "image/jpeg");
        assert_eq!(media_type("notes"), "application/octet-stream");
    }
}

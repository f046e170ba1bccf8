//! The files the user chose in native dialogs, kept here so that the web view
//! never hands a path to a command. A dialog command keeps the chosen path
//! under a random token and returns only the token (and the path to show);
//! the commands of the same user action take the token back. A token works
//! only for the purpose it was issued for: the file to import stays the
//! wizard's until another is chosen; a report's target is used once. The web
//! view cannot make a token up, nor turn an import source into a place to
//! write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tend_core::{ApiError, ChosenFile, Error};

/// What a chosen file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A CSV file the import wizard reads (inspect, preview, import,
    /// problems), until another is chosen.
    ImportSource,
    /// Where one report is written (used once).
    ReportTarget,
    /// Where one PDF of labels is written (used once).
    LabelsTarget,
    /// The CA certificate a team register's server certificate must chain
    /// to (Settings → Register), until another is chosen.
    CaCertificate,
    /// A file to attach, chosen in the open dialog or dropped on the window
    /// (used once).
    AttachSource,
}

impl Purpose {
    fn field(self) -> &'static str {
        match self {
            Purpose::ImportSource => "file",
            Purpose::ReportTarget | Purpose::LabelsTarget => "path",
            Purpose::CaCertificate => "ca_file",
            Purpose::AttachSource => "files",
        }
    }

    fn again(self) -> &'static str {
        match self {
            Purpose::ImportSource => "choose the file to import again",
            Purpose::ReportTarget => "choose where to save the report again",
            Purpose::LabelsTarget => "choose where to save the labels again",
            Purpose::CaCertificate => "choose the CA certificate again",
            Purpose::AttachSource => "choose or drop the files to attach again",
        }
    }
}

/// The chosen files by token (app state).
#[derive(Default)]
pub struct ChosenFiles(Mutex<HashMap<String, (Purpose, PathBuf)>>);

impl ChosenFiles {
    /// Keeps `path` for `purpose` under a new token, forgetting any earlier
    /// file of the same purpose.
    pub fn issue(&self, purpose: Purpose, path: PathBuf) -> Result<ChosenFile, ApiError> {
        let token = new_token()?;
        let name = path.display().to_string();
        let mut files = self.lock();
        files.retain(|_, (p, _)| *p != purpose);
        files.insert(token.clone(), (purpose, path));
        Ok(ChosenFile { token, name })
    }

    /// Keeps each of `paths` for `purpose` under a token of its own,
    /// forgetting the earlier files of that purpose (files chosen together,
    /// or dropped together).
    pub fn issue_all(
        &self,
        purpose: Purpose,
        paths: Vec<PathBuf>,
    ) -> Result<Vec<ChosenFile>, ApiError> {
        let tokens = paths
            .iter()
            .map(|_| new_token())
            .collect::<Result<Vec<_>, _>>()?;
        let mut files = self.lock();
        files.retain(|_, (p, _)| *p != purpose);
        Ok(tokens
            .into_iter()
            .zip(paths)
            .map(|(token, path)| {
                let name = path.display().to_string();
                files.insert(token.clone(), (purpose, path));
                ChosenFile { token, name }
            })
            .collect())
    }

    /// The path behind `token`, which stays usable.
    pub fn get(&self, token: &str, purpose: Purpose) -> Result<PathBuf, ApiError> {
        match self.lock().get(token) {
            Some((p, path)) if *p == purpose => Ok(path.clone()),
            _ => Err(unknown(purpose)),
        }
    }

    /// The path behind `token`, which is used up.
    pub fn take(&self, token: &str, purpose: Purpose) -> Result<PathBuf, ApiError> {
        let mut files = self.lock();
        match files.get(token) {
            Some((p, _)) if *p == purpose => Ok(files.remove(token).expect("present").1),
            _ => Err(unknown(purpose)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Purpose, PathBuf)>> {
        // Nothing is left half-changed by a panic here: take the map as is.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn unknown(purpose: Purpose) -> ApiError {
    ApiError::from(Error::validation(
        purpose.field(),
        format!(
            "this file was not chosen in Tend's file dialog, or that choice is used up; {}",
            purpose.again()
        ),
    ))
}

/// 128 random bits from the operating system, in hex.
fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        ApiError::from(Error::Io {
            path: Path::new("random").to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tend_core::ErrorCode;

    #[test]
    fn a_token_made_up_by_the_web_view_is_refused() {
        let files = ChosenFiles::default();
        files
            .issue(Purpose::ImportSource, PathBuf::from("/data/in.csv"))
            .unwrap();
        for forged in ["", "/etc/passwd", "00000000000000000000000000000000"] {
            let err = files.get(forged, Purpose::ImportSource).unwrap_err();
            assert_eq!(err.code, ErrorCode::Validation);
            assert_eq!(err.field.as_deref(), Some("file"));
        }
    }

    #[test]
    fn an_import_source_cannot_be_used_as_a_report_target() {
        let files = ChosenFiles::default();
        let chosen = files
            .issue(Purpose::ImportSource, PathBuf::from("/data/in.csv"))
            .unwrap();
        assert!(files.take(&chosen.token, Purpose::ReportTarget).is_err());
        // ... and the import can still use it.
        assert_eq!(
            files.get(&chosen.token, Purpose::ImportSource).unwrap(),
            PathBuf::from("/data/in.csv")
        );
        assert_eq!(chosen.name, "/data/in.csv");
    }

    #[test]
    fn a_report_target_is_used_once() {
        let files = ChosenFiles::default();
        let chosen = files
            .issue(Purpose::ReportTarget, PathBuf::from("/data/out.pdf"))
            .unwrap();
        assert_eq!(
            files.take(&chosen.token, Purpose::ReportTarget).unwrap(),
            PathBuf::from("/data/out.pdf")
        );
        let err = files
            .take(&chosen.token, Purpose::ReportTarget)
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("path"));
    }

    #[test]
    fn files_chosen_together_each_have_a_token_used_once() {
        let files = ChosenFiles::default();
        let old = files
            .issue(Purpose::AttachSource, PathBuf::from("/old.pdf"))
            .unwrap();
        let chosen = files
            .issue_all(
                Purpose::AttachSource,
                vec![PathBuf::from("/a.pdf"), PathBuf::from("/b.png")],
            )
            .unwrap();
        assert_eq!(chosen.len(), 2);
        assert!(files.take(&old.token, Purpose::AttachSource).is_err());
        assert!(files.take(&chosen[0].token, Purpose::ReportTarget).is_err());
        assert_eq!(
            files.take(&chosen[1].token, Purpose::AttachSource).unwrap(),
            PathBuf::from("/b.png")
        );
        assert!(files.take(&chosen[1].token, Purpose::AttachSource).is_err());
    }

    #[test]
    fn choosing_again_forgets_the_earlier_file_of_that_purpose() {
        let files = ChosenFiles::default();
        let first = files
            .issue(Purpose::ImportSource, PathBuf::from("/a.csv"))
            .unwrap();
        let second = files
            .issue(Purpose::ImportSource, PathBuf::from("/b.csv"))
            .unwrap();
        assert_ne!(first.token, second.token);
        assert_eq!(second.token.len(), 32);
        assert!(files.get(&first.token, Purpose::ImportSource).is_err());
        assert!(files.get(&second.token, Purpose::ImportSource).is_ok());
    }
}

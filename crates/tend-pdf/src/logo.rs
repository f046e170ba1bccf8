//! The organisation's logo: a PNG or JPEG file, checked and decoded when the
//! document is set up so that a bad file is reported before any work is done.

use std::path::{Path, PathBuf};

use printpdf::RawImage;

use crate::error::PdfError;

/// A decoded logo image.
pub(crate) struct Logo {
    pub(crate) image: RawImage,
    /// Width over height.
    pub(crate) aspect: f32,
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];

impl Logo {
    /// Reads and decodes the PNG or JPEG at `path`. Any other content, or an
    /// image that cannot be decoded, is an error naming the file.
    pub(crate) fn load(path: &Path) -> Result<Logo, PdfError> {
        let bytes = std::fs::read(path).map_err(|source| PdfError::LogoFile {
            path: path.to_path_buf(),
            source,
        })?;
        let format_error = |reason: &str| PdfError::LogoFormat {
            path: PathBuf::from(path),
            reason: reason.to_string(),
        };
        if !bytes.starts_with(PNG_MAGIC) && !bytes.starts_with(JPEG_MAGIC) {
            return Err(format_error(
                "the file does not start with a PNG or JPEG signature",
            ));
        }
        let mut warnings = Vec::new();
        let image = RawImage::decode_from_bytes(&bytes, &mut warnings)
            .map_err(|reason| format_error(&reason))?;
        if image.width == 0 || image.height == 0 {
            return Err(format_error("the image has no pixels"));
        }
        let aspect = image.width as f32 / image.height as f32;
        Ok(Logo { image, aspect })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_file_is_rejected_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logo.png");
        std::fs::write(&path, "not an image").unwrap();
        let err = Logo::load(&path).err().unwrap();
        assert!(matches!(err, PdfError::LogoFormat { .. }));
        assert!(err.to_string().contains("logo.png"), "{err}");
    }

    #[test]
    fn truncated_png_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.png");
        std::fs::write(&path, PNG_MAGIC).unwrap();
        assert!(matches!(
            Logo::load(&path),
            Err(PdfError::LogoFormat { .. })
        ));
    }

    #[test]
    fn missing_file_is_rejected_by_name() {
        let err = Logo::load(Path::new("/nonexistent/tend-logo.png"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("tend-logo.png"));
    }
}

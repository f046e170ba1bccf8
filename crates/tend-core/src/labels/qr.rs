//! What a label's QR code holds — the tag, or a link made from the
//! `label_qr_url` setting — and the tag taken back out of what a scanner
//! read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// Where `{tag}` goes in [`QR_URL_SETTING`].
pub const TAG_PLACEHOLDER: &str = "{tag}";

/// What a label's QR code holds for `tag`: the tag, or the link made from
/// `template` with the tag percent-encoded in place of `{tag}`.
pub fn qr_content(template: &str, tag: &str) -> String {
    if template.trim().is_empty() {
        return tag.to_string();
    }
    let mut encoded = String::with_capacity(tag.len());
    for b in tag.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    template.trim().replace(TAG_PLACEHOLDER, &encoded)
}

/// The tag in what a scanner read: the text itself, or, when it is a link
/// made from `template`, the part that stands for `{tag}`, decoded.
pub fn tag_from_scan(template: &str, scanned: &str) -> String {
    let scanned = scanned.trim();
    let template = template.trim();
    if let Some((before, after)) = template.split_once(TAG_PLACEHOLDER) {
        let end = scanned.len().saturating_sub(after.len());
        let starts = scanned
            .get(..before.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(before));
        let ends = scanned.get(end..).is_some_and(|p| p == after);
        if starts && ends && end > before.len() {
            if let Some(tag) = scanned.get(before.len()..end).and_then(percent_decoded) {
                return tag;
            }
        }
    }
    scanned.to_string()
}

/// `%XX` sequences as bytes, the whole as UTF-8; None when it is not.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What a scanned label names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Scanned {
    /// The tag read (taken out of the link, when the code holds one).
    pub tag: String,
    /// The asset with that tag, if there is one.
    #[ts(type = "number | null")]
    pub asset_id: Option<i64>,
}

/// Checks the QR link setting: empty, or a link with `{tag}` in it.
pub(crate) fn check_qr_url(key: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    if !value.contains(TAG_PLACEHOLDER) {
        return Err(Error::validation(
            key,
            format!("needs {TAG_PLACEHOLDER} where the asset's tag goes, e.g. https://wiki.example.org/assets/{TAG_PLACEHOLDER}"),
        ));
    }
    if value.len() > 500 || value.chars().any(char::is_whitespace) {
        return Err(Error::validation(
            key,
            "expected a link of at most 500 characters without spaces",
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_holds_the_tag_percent_encoded() {
        assert_eq!(qr_content("", "SRV 1"), "SRV 1");
        assert_eq!(
            qr_content("https://wiki.example.org/assets/{tag}", "SRV 1/ü"),
            "https://wiki.example.org/assets/SRV%201%2F%C3%BC"
        );
        assert!(check_qr_url("label_qr_url", "https://x.example/a").is_err());
        assert!(check_qr_url("label_qr_url", "https://x.example/{tag}").is_ok());
    }

    #[test]
    fn a_scanned_link_gives_its_tag_back_and_anything_else_is_a_tag() {
        let template = "https://wiki.example.org/assets/{tag}";
        for tag in ["SRV-0001", "PC 7/1", "Zürich-1", "100%"] {
            assert_eq!(tag_from_scan(template, &qr_content(template, tag)), tag);
        }
        assert_eq!(tag_from_scan(template, " SRV-0001 "), "SRV-0001");
        assert_eq!(tag_from_scan("", "https://x/SRV-1"), "https://x/SRV-1");
        // A link elsewhere is read as it is.
        assert_eq!(
            tag_from_scan(template, "https://other.example/assets/A"),
            "https://other.example/assets/A"
        );
        assert_eq!(tag_from_scan("{tag}?from=label", "A%2F1?from=label"), "A/1");
    }
}

//! Font subsetting: each face is cut down to the glyphs the document uses
//! before it is embedded.
//!
//! printpdf 0.12 only subsets when built with its `text_layout` feature, which
//! pulls in the azul layout engine; without it, it embeds whole font files
//! (16 MB for a CJK collection). So the subset is made here, with the same
//! `allsorts` toolkit printpdf uses, and handed to printpdf as the font to
//! embed. The subset keeps a Unicode cmap, so text is still passed to printpdf
//! as characters and its ToUnicode map (copy and paste, `pdftotext`) is exact.

use printpdf::ParsedFont;

use crate::error::PdfError;
use crate::font::{Face, FontKey};
use crate::page::{Mark, Page};

/// Which characters each face draws in the document.
#[derive(Default)]
pub(crate) struct UsedChars {
    /// One bit set per face, indexed by code point.
    sets: Vec<Vec<u64>>,
}

const WORDS: usize = 0x11_0000 / 64;

impl UsedChars {
    /// Records every character drawn on `pages`.
    pub(crate) fn collect(pages: &[Page]) -> UsedChars {
        let mut used = UsedChars::default();
        for page in pages {
            for mark in &page.marks {
                if let Mark::Text { font, text, .. } = mark {
                    used.add(*font, text);
                }
            }
        }
        used
    }

    fn add(&mut self, font: FontKey, text: &str) {
        let index = usize::from(font.0);
        if self.sets.len() <= index {
            self.sets.resize_with(index + 1, Vec::new);
        }
        let set = &mut self.sets[index];
        if set.is_empty() {
            set.resize(WORDS, 0);
        }
        for c in text.chars() {
            let cp = c as usize;
            set[cp / 64] |= 1 << (cp % 64);
        }
    }

    /// The characters face `font` draws, in code-point order.
    pub(crate) fn chars(&self, font: FontKey) -> Vec<char> {
        let Some(set) = self.sets.get(usize::from(font.0)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (w, &word) in set.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(c) = char::from_u32((w * 64 + bit) as u32) {
                    out.push(c);
                }
            }
        }
        out
    }
}

/// Builds the embeddable subset of `face` holding the glyphs for `chars`.
pub(crate) fn subset(face: &Face, chars: &[char]) -> Result<ParsedFont, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as cut, CmapTarget, SubsetProfile};

    let failed = |reason: String| PdfError::Subset {
        font: face.origin().to_string(),
        reason,
    };
    // Glyph 0 (.notdef) must come first; the rest sorted and unique.
    let mut ids: Vec<u16> = chars.iter().filter_map(|c| face.glyph(*c)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.insert(0, 0);

    let font_file = ReadScope::new(face.data())
        .read::<FontData<'_>>()
        .map_err(|e| failed(e.to_string()))?;
    let provider = font_file
        .table_provider(face.index() as usize)
        .map_err(|e| failed(e.to_string()))?;
    let bytes = cut(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| failed(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| failed("the subset font could not be read back".to_string()))?;
    // ISO 32000-1 9.6.4: a subset font's name carries a six-letter tag.
    font.font_name = Some(format!("{}+{}", subset_tag(&ids), face.postscript_name()));
    Ok(font)
}

/// Six capital letters derived from the glyph set, so the same subset always
/// gets the same tag (FNV-1a hash).
fn subset_tag(ids: &[u16]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for byte in id.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::FontBook;
    use crate::page::Ink;

    #[test]
    fn used_chars_are_collected_per_face() {
        let page = Page {
            marks: vec![Mark::Text {
                x: 0.0,
                y: 0.0,
                width: 10.0,
                size: 8.0,
                font: FontKey::BOLD,
                ink: Ink::Text,
                text: "abca".into(),
            }],
        };
        let used = UsedChars::collect(&[page]);
        assert_eq!(used.chars(FontKey::BOLD), vec!['a', 'b', 'c']);
        assert!(used.chars(FontKey::REGULAR).is_empty());
    }

    #[test]
    fn subset_is_small_and_maps_the_characters() {
        let book = FontBook::new().unwrap();
        let face = book.face(FontKey::REGULAR);
        let font = subset(face, &['A', 'é', 'Ж']).unwrap();
        assert!(
            font.original_bytes.len() < 20_000,
            "{}",
            font.original_bytes.len()
        );
        for c in ['A', 'é', 'Ж'] {
            assert!(
                font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
                "{c}"
            );
        }
        assert!(font.lookup_glyph_index('B' as u32).is_none());
        let name = font.font_name.unwrap();
        assert_eq!(name.len(), "ABCDEF+DejaVuSans".len(), "{name}");
        assert!(name.ends_with("+DejaVuSans"), "{name}");
    }
}

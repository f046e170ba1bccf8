//! Font faces and the font book: which face draws each character, and how wide
//! it is.
//!
//! The bundled DejaVu Sans (regular and bold) covers Latin, Greek and Cyrillic.
//! Characters it lacks are looked up in installed system fonts (see
//! [`crate::fallback`]); a character that no font has is replaced by a visible
//! placeholder glyph and counted, never dropped.
//!
//! Lookups are the hot path of table layout (every character of every cell), so
//! each face keeps a dense code-point → glyph table for the Basic Multilingual
//! Plane and a dense glyph → advance table.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::PdfError;
use crate::fallback::SystemFonts;

/// DejaVu Sans, bundled (licence: fonts/LICENSE-DejaVu.txt).
const DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, bundled (licence: fonts/LICENSE-DejaVu.txt).
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The glyph drawn for a character that no available font has: WHITE SQUARE.
pub(crate) const PLACEHOLDER: char = '\u{25A1}';
/// Used instead of [`PLACEHOLDER`] if the primary face lacks the square.
const PLACEHOLDER_ASCII: char = '?';

/// Index of a face in the [`FontBook`]. 0 is regular, 1 is bold, the rest are
/// fallbacks found on the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FontKey(pub(crate) u8);

impl FontKey {
    pub(crate) const REGULAR: FontKey = FontKey(0);
    pub(crate) const BOLD: FontKey = FontKey(1);
}

/// Stroke weight requested for a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// Where a face's bytes came from, for error messages.
#[derive(Debug, Clone)]
pub(crate) enum FaceOrigin {
    Bundled(&'static str),
    System(PathBuf),
}

impl std::fmt::Display for FaceOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FaceOrigin::Bundled(name) => write!(f, "bundled {name}"),
            FaceOrigin::System(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One parsed font face with dense lookup tables.
pub(crate) struct Face {
    origin: FaceOrigin,
    data: Arc<Vec<u8>>,
    index: u32,
    /// PostScript name, for the embedded font's /BaseFont.
    postscript_name: String,
    units_per_em: f32,
    /// Ascender in em (positive).
    ascender: f32,
    /// Glyph id for each BMP code point; 0 means "not in this face".
    bmp: Vec<u16>,
    /// Glyph ids for code points above the BMP.
    astral: HashMap<u32, u16>,
    /// Advance width in font units for each glyph id.
    advances: Vec<u16>,
}

impl Face {
    /// Parses face `index` of `data` (a .ttf/.otf, or a .ttc collection).
    pub(crate) fn parse(
        data: Arc<Vec<u8>>,
        index: u32,
        origin: FaceOrigin,
    ) -> Result<Face, PdfError> {
        let parsed = ttf_parser::Face::parse(&data, index).map_err(|e| PdfError::Font {
            font: origin.to_string(),
            reason: e.to_string(),
        })?;
        let mut bmp = vec![0u16; 0x1_0000];
        let mut astral = HashMap::new();
        if let Some(cmap) = parsed.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|cp| {
                    if let Some(gid) = subtable.glyph_index(cp) {
                        if gid.0 == 0 {
                            return;
                        }
                        if cp < 0x1_0000 {
                            let slot = &mut bmp[cp as usize];
                            if *slot == 0 {
                                *slot = gid.0;
                            }
                        } else {
                            astral.entry(cp).or_insert(gid.0);
                        }
                    }
                });
            }
        }
        let advances = (0..parsed.number_of_glyphs())
            .map(|g| {
                parsed
                    .glyph_hor_advance(ttf_parser::GlyphId(g))
                    .unwrap_or(0)
            })
            .collect();
        let units_per_em = f32::from(parsed.units_per_em().max(1));
        let postscript_name = parsed
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .map(|n| {
                n.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect()
            })
            .filter(|n: &String| !n.is_empty())
            .unwrap_or_else(|| format!("Font{index}"));
        Ok(Face {
            postscript_name,
            ascender: f32::from(parsed.ascender()) / units_per_em,
            origin,
            index,
            units_per_em,
            bmp,
            astral,
            advances,
            data,
        })
    }

    /// The glyph id for `c`, if this face has one.
    #[inline]
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        let gid = if cp < 0x1_0000 {
            self.bmp[cp as usize]
        } else {
            self.astral.get(&cp).copied().unwrap_or(0)
        };
        (gid != 0).then_some(gid)
    }

    /// Advance of glyph `gid` in em, rounded down to 1/1000 em exactly as
    /// printpdf writes it into the PDF's /W widths, so that positions computed
    /// here and the viewer's pen positions agree.
    #[inline]
    pub(crate) fn advance_em(&self, gid: u16) -> f32 {
        let units = f32::from(self.advances.get(usize::from(gid)).copied().unwrap_or(0));
        (units * 1000.0 / self.units_per_em).floor() / 1000.0
    }

    /// Ascender height in em.
    pub(crate) fn ascender_em(&self) -> f32 {
        self.ascender
    }

    /// The font file bytes (the whole collection for a .ttc).
    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    /// Face index within [`Face::data`].
    pub(crate) fn index(&self) -> u32 {
        self.index
    }

    /// The face's PostScript name (ASCII letters, digits and hyphens).
    pub(crate) fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    /// Where the face came from, for messages.
    pub(crate) fn origin(&self) -> &FaceOrigin {
        &self.origin
    }
}

/// A character resolved to the face that draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    /// The character to emit (the placeholder if no font has the original).
    pub(crate) ch: char,
    pub(crate) font: FontKey,
    /// Advance in em.
    pub(crate) advance: f32,
    /// True if `ch` is a placeholder for a character no font has.
    pub(crate) missing: bool,
}

/// The faces of one document: bundled regular and bold, then fallbacks found
/// among installed system fonts on first need.
pub(crate) struct FontBook {
    faces: Vec<Face>,
    system: SystemFonts,
    /// Fallback answers already worked out: code point → face (None: no font).
    resolved: HashMap<char, Option<FontKey>>,
    placeholder: char,
}

impl FontBook {
    /// Loads the bundled faces. System fonts are only scanned when a character
    /// is missing from the bundled ones.
    pub(crate) fn new() -> Result<FontBook, PdfError> {
        let regular = Face::parse(
            Arc::new(DEJAVU_SANS.to_vec()),
            0,
            FaceOrigin::Bundled("DejaVuSans.ttf"),
        )?;
        let bold = Face::parse(
            Arc::new(DEJAVU_SANS_BOLD.to_vec()),
            0,
            FaceOrigin::Bundled("DejaVuSans-Bold.ttf"),
        )?;
        let placeholder = if regular.glyph(PLACEHOLDER).is_some() {
            PLACEHOLDER
        } else {
            PLACEHOLDER_ASCII
        };
        Ok(FontBook {
            faces: vec![regular, bold],
            system: SystemFonts::new(),
            resolved: HashMap::new(),
            placeholder,
        })
    }

    /// Uses `dirs` instead of the platform's usual font directories when
    /// looking for fallback faces.
    pub(crate) fn set_fallback_dirs(&mut self, dirs: Vec<PathBuf>) {
        self.system = SystemFonts::with_dirs(dirs);
        self.resolved.clear();
    }

    /// The face registered under `key`.
    pub(crate) fn face(&self, key: FontKey) -> &Face {
        &self.faces[usize::from(key.0)]
    }

    /// Every face, with its key.
    pub(crate) fn faces(&self) -> impl Iterator<Item = (FontKey, &Face)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FontKey(i as u8), f))
    }

    /// Which face draws `c` at `weight`, and how wide it is.
    #[inline]
    pub(crate) fn resolve(&mut self, c: char, weight: Weight) -> Glyph {
        let primary = match weight {
            Weight::Regular => FontKey::REGULAR,
            Weight::Bold => FontKey::BOLD,
        };
        let face = &self.faces[usize::from(primary.0)];
        if let Some(gid) = face.glyph(c) {
            return Glyph {
                ch: c,
                font: primary,
                advance: face.advance_em(gid),
                missing: false,
            };
        }
        self.resolve_slow(c, primary)
    }

    #[cold]
    fn resolve_slow(&mut self, c: char, primary: FontKey) -> Glyph {
        // The regular face may have what bold lacks (and vice versa is never
        // needed: bold is a subset of regular in DejaVu).
        let key = if primary == FontKey::BOLD && self.faces[0].glyph(c).is_some() {
            Some(FontKey::REGULAR)
        } else {
            self.fallback_for(c)
        };
        match key {
            Some(key) => {
                let face = &self.faces[usize::from(key.0)];
                let gid = face.glyph(c).unwrap_or(0);
                Glyph {
                    ch: c,
                    font: key,
                    advance: face.advance_em(gid),
                    missing: false,
                }
            }
            None => {
                let face = &self.faces[usize::from(primary.0)];
                let gid = face.glyph(self.placeholder).unwrap_or(0);
                Glyph {
                    ch: self.placeholder,
                    font: primary,
                    advance: face.advance_em(gid),
                    missing: true,
                }
            }
        }
    }

    fn fallback_for(&mut self, c: char) -> Option<FontKey> {
        if let Some(known) = self.resolved.get(&c) {
            return *known;
        }
        // A fallback face already adopted may have it.
        let adopted = self
            .faces
            .iter()
            .enumerate()
            .skip(2)
            .find(|(_, f)| f.glyph(c).is_some())
            .map(|(i, _)| FontKey(i as u8));
        let key = match adopted {
            Some(key) => Some(key),
            None if self.faces.len() < usize::from(u8::MAX) => match self.system.face_for(c) {
                Some(face) => {
                    self.faces.push(face);
                    Some(FontKey((self.faces.len() - 1) as u8))
                }
                None => None,
            },
            None => None,
        };
        self.resolved.insert(c, key);
        key
    }

    /// Width of `text` in points at `size`.
    pub(crate) fn measure(&mut self, text: &str, size: f32, weight: Weight) -> f32 {
        text.chars()
            .map(|c| self.resolve(c, weight).advance)
            .sum::<f32>()
            * size
    }
}

/// Reads a font file for a fallback face, mapping failures to [`PdfError`].
pub(crate) fn read_font_file(path: &Path) -> Result<Arc<Vec<u8>>, PdfError> {
    std::fs::read(path)
        .map(Arc::new)
        .map_err(|source| PdfError::FontFile {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_cover_latin_greek_cyrillic() {
        let mut book = FontBook::new().unwrap();
        for c in "José Müller, Zürich, Ελληνικά, Москва".chars() {
            let g = book.resolve(c, Weight::Regular);
            assert_eq!(g.font, FontKey::REGULAR, "{c}");
            assert!(!g.missing);
        }
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let mut book = FontBook::new().unwrap();
        let regular = book.measure("Warranty exposure", 10.0, Weight::Regular);
        let bold = book.measure("Warranty exposure", 10.0, Weight::Bold);
        assert!(bold > regular, "{bold} <= {regular}");
        // DejaVu Sans "M" is 1767/2048 em wide: 862/1000 em in the PDF.
        let m = book.measure("M", 10.0, Weight::Regular);
        assert!((m - 8.62).abs() < 1e-4, "{m}");
    }

    #[test]
    fn character_no_font_has_becomes_a_counted_placeholder() {
        let mut book = FontBook::new().unwrap();
        // An empty fallback directory list: only the bundled faces exist.
        book.set_fallback_dirs(Vec::new());
        let g = book.resolve('\u{1F680}', Weight::Regular);
        assert!(g.missing);
        assert_eq!(g.ch, PLACEHOLDER);
        assert!(g.advance > 0.0, "placeholder must take space");
    }
}

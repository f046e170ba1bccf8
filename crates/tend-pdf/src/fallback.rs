//! Fallback faces from installed system fonts, for scripts the bundled DejaVu
//! Sans lacks (CJK, Thai, Devanagari, ...).
//!
//! Nothing is scanned until a character is missing from the bundled faces.
//! Then font files are read one at a time, in order of preference (Noto Sans
//! and Droid Sans Fallback first, regular weights before bold/italic), and each
//! face's coverage is remembered as code-point ranges so a file that did not
//! help is never read twice. Collections (.ttc/.otc, e.g. Noto Sans CJK) are
//! searched face by face. Faces without vector outlines (colour-bitmap emoji
//! fonts) and CFF2 variable fonts are skipped: they cannot be embedded as a
//! plain PDF font program.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::font::{read_font_file, Face, FaceOrigin};

/// One face of a scanned font file and the code points it covers.
struct Scanned {
    path: PathBuf,
    index: u32,
    /// Sorted, non-overlapping inclusive ranges of covered code points.
    coverage: Vec<(u32, u32)>,
}

impl Scanned {
    fn covers(&self, cp: u32) -> bool {
        let i = self.coverage.partition_point(|&(_, end)| end < cp);
        self.coverage.get(i).is_some_and(|&(start, _)| start <= cp)
    }
}

/// Lazily scanned installed fonts.
pub(crate) struct SystemFonts {
    dirs: Vec<PathBuf>,
    /// Files not read yet, best first. `None` until the directories are listed.
    pending: Option<Vec<PathBuf>>,
    scanned: Vec<Scanned>,
}

impl SystemFonts {
    /// Uses the platform's usual font directories.
    pub(crate) fn new() -> SystemFonts {
        SystemFonts::with_dirs(default_font_dirs())
    }

    /// Uses exactly `dirs` (searched recursively).
    pub(crate) fn with_dirs(dirs: Vec<PathBuf>) -> SystemFonts {
        SystemFonts {
            dirs,
            pending: None,
            scanned: Vec::new(),
        }
    }

    /// A face that has `c`, loaded and ready, or `None` if no installed font
    /// has it.
    pub(crate) fn face_for(&mut self, c: char) -> Option<Face> {
        let cp = c as u32;
        // A face scanned earlier (for another character) may cover it.
        let known = self
            .scanned
            .iter()
            .position(|s| s.covers(cp))
            .map(|i| (self.scanned[i].path.clone(), self.scanned[i].index));
        if let Some((path, index)) = known {
            if let Some(face) = load(&path, index) {
                return Some(face);
            }
        }
        let pending = self
            .pending
            .get_or_insert_with(|| list_font_files(&self.dirs));
        while !pending.is_empty() {
            let path = pending.remove(0);
            let Ok(data) = read_font_file(&path) else {
                continue;
            };
            let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
            let mut hit = None;
            for index in 0..count {
                let Some(coverage) = embeddable_coverage(&data, index) else {
                    continue;
                };
                let scanned = Scanned {
                    path: path.clone(),
                    index,
                    coverage,
                };
                if hit.is_none() && scanned.covers(cp) {
                    hit = Some(index);
                }
                self.scanned.push(scanned);
            }
            if let Some(index) = hit {
                let origin = FaceOrigin::System(path.clone());
                if let Ok(face) = Face::parse(data, index, origin) {
                    return Some(face);
                }
            }
        }
        None
    }
}

fn load(path: &Path, index: u32) -> Option<Face> {
    let data = read_font_file(path).ok()?;
    Face::parse(data, index, FaceOrigin::System(path.to_path_buf())).ok()
}

/// The code points face `index` of `data` maps to glyphs, or `None` if the
/// face cannot be used (unparsable, no outlines, CFF2).
fn embeddable_coverage(data: &Arc<Vec<u8>>, index: u32) -> Option<Vec<(u32, u32)>> {
    let face = ttf_parser::Face::parse(data, index).ok()?;
    let tables = face.tables();
    if tables.glyf.is_none() && tables.cff.is_none() {
        return None;
    }
    let cmap = tables.cmap?;
    let mut points = Vec::new();
    for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        subtable.codepoints(|cp| {
            if subtable.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                points.push(cp);
            }
        });
    }
    points.sort_unstable();
    points.dedup();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for cp in points {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == cp => *end = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    Some(ranges)
}

/// The usual font directories of Linux, macOS and Windows that exist here.
fn default_font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(data_dirs) = std::env::var_os("XDG_DATA_DIRS") {
        dirs.extend(std::env::split_paths(&data_dirs).map(|d| d.join("fonts")));
    }
    for fixed in [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
    ] {
        dirs.push(PathBuf::from(fixed));
    }
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let keep = d.is_dir() && !seen.contains(d);
        seen.push(d.clone());
        keep
    });
    dirs
}

/// Every font file under `dirs`, most preferred first.
fn list_font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_font_file(&path) {
                files.push(path);
            }
        }
    }
    files.sort_by_cached_key(|p| (preference(p), p.clone()));
    files.dedup();
    files
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "ttf" | "otf" | "ttc" | "otc"))
}

/// Lower is better: sans-serif text faces of regular weight first.
fn preference(path: &Path) -> u32 {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let family = if name.starts_with("notosanscjk") || name.starts_with("notosans-") {
        0
    } else if name.contains("droidsansfallback") {
        1
    } else if name.starts_with("notosans") {
        2
    } else if name.starts_with("noto") {
        3
    } else if name.starts_with("dejavu") {
        4
    } else {
        5
    };
    let style = [
        "bold", "italic", "oblique", "light", "thin", "black", "mono", "serif",
    ]
    .iter()
    .filter(|w| name.contains(*w))
    .count() as u32;
    family * 10 + style.min(9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preference_puts_regular_sans_first() {
        let cjk = preference(Path::new("/f/NotoSansCJK-Regular.ttc"));
        let bold = preference(Path::new("/f/NotoSansCJK-Bold.ttc"));
        let other = preference(Path::new("/f/FreeSerif.ttf"));
        assert!(cjk < bold && bold < other);
    }

    #[test]
    fn coverage_ranges_answer_membership() {
        let s = Scanned {
            path: PathBuf::new(),
            index: 0,
            coverage: vec![(0x41, 0x5A), (0x4E00, 0x9FFF)],
        };
        assert!(s.covers(0x41) && s.covers(0x5A) && s.covers(0x6771));
        assert!(!s.covers(0x40) && !s.covers(0x61) && !s.covers(0x1F600));
    }

    #[test]
    fn no_directories_means_no_fallback() {
        let mut fonts = SystemFonts::with_dirs(Vec::new());
        assert!(fonts.face_for('東').is_none());
    }
}

//! Asset labels: the layouts Tend knows (label sheets and thermal labels),
//! what a label shows (tag, QR code, name, serial, organisation, the
//! "return to" line) and the two outputs — a PDF at exact size, drawn by
//! tend-pdf, and ZPL for Zebra printers.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tend_pdf::{LabelGrid, LabelText, POINTS_PER_MM};
use ts_rs::TS;

use crate::model::{Asset, AssetQuery};
use crate::{Error, Register, Result};

/// The setting holding the QR code's link, with `{tag}` where the tag goes
/// (empty: the code holds the tag itself).
pub const QR_URL_SETTING: &str = "label_qr_url";
/// The setting holding the "return to / call" line printed on every label.
pub const RETURN_LINE_SETTING: &str = "label_return_line";

/// Where `{tag}` goes in [`QR_URL_SETTING`].
pub const TAG_PLACEHOLDER: &str = "{tag}";

/// A label layout: a sheet of labels, or one label per page for a thermal
/// printer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabelLayout {
    /// A layout from [`LAYOUTS`] (its index).
    Known { index: usize },
    /// A sheet of `columns` × `rows` equal labels on A4 or Letter, with a
    /// margin around the sheet and a gap between labels, in millimetres.
    Custom {
        letter: bool,
        columns: u32,
        rows: u32,
        margin_mm: f32,
        gap_mm: f32,
    },
}

/// A layout Tend knows, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KnownLayout {
    pub id: &'static str,
    pub name: &'static str,
    /// Page size; for thermal labels the label itself.
    pub page: (f32, f32),
    pub label: (f32, f32),
    pub columns: u32,
    pub rows: u32,
    /// The first label's left and top edges.
    pub origin: (f32, f32),
    /// Between labels side by side, and one above the other.
    pub gap: (f32, f32),
}

const INCH: f32 = 25.4;

/// Every layout Tend knows. Sheets from their makers' templates; a thermal
/// label is its own page, landscape.
pub const LAYOUTS: [KnownLayout; 8] = [
    KnownLayout {
        id: "avery-l7163",
        name: "Avery L7163 (A4, 2 × 7, 99.1 × 38.1 mm)",
        page: (210.0, 297.0),
        label: (99.1, 38.1),
        columns: 2,
        rows: 7,
        origin: (4.65, 15.15),
        gap: (2.5, 0.0),
    },
    KnownLayout {
        id: "avery-l7160",
        name: "Avery L7160 (A4, 3 × 7, 63.5 × 38.1 mm)",
        page: (210.0, 297.0),
        label: (63.5, 38.1),
        columns: 3,
        rows: 7,
        origin: (7.25, 15.15),
        gap: (2.5, 0.0),
    },
    KnownLayout {
        id: "avery-5160",
        name: "Avery 5160 (Letter, 3 × 10, 2 5/8 × 1 in)",
        page: (8.5 * INCH, 11.0 * INCH),
        label: (2.625 * INCH, 1.0 * INCH),
        columns: 3,
        rows: 10,
        origin: (0.1875 * INCH, 0.5 * INCH),
        gap: (0.125 * INCH, 0.0),
    },
    KnownLayout {
        id: "avery-5163",
        name: "Avery 5163 (Letter, 2 × 5, 4 × 2 in)",
        page: (8.5 * INCH, 11.0 * INCH),
        label: (4.0 * INCH, 2.0 * INCH),
        columns: 2,
        rows: 5,
        origin: (0.15625 * INCH, 0.5 * INCH),
        gap: (0.1875 * INCH, 0.0),
    },
    KnownLayout {
        id: "brother-62x29",
        name: "Brother QL, 62 mm tape, 62 × 29 mm (DK-11209)",
        page: (62.0, 29.0),
        label: (62.0, 29.0),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    KnownLayout {
        id: "brother-29x90",
        name: "Brother QL, 29 × 90 mm (DK-11201)",
        page: (90.0, 29.0),
        label: (90.0, 29.0),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    KnownLayout {
        id: "dymo-99012",
        name: "DYMO 99012, 36 × 89 mm",
        page: (89.0, 36.0),
        label: (89.0, 36.0),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    KnownLayout {
        id: "zebra-2x1",
        name: "Zebra, 2 × 1 in",
        page: (2.0 * INCH, 1.0 * INCH),
        label: (2.0 * INCH, 1.0 * INCH),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
];

/// The layout used when none is given.
pub const DEFAULT_LAYOUT: &str = "avery-l7163";

impl LabelLayout {
    /// The known layout `id` (ignoring case).
    pub fn known(id: &str) -> Result<LabelLayout> {
        let wanted = id.trim().to_ascii_lowercase();
        LAYOUTS
            .iter()
            .position(|l| l.id == wanted)
            .map(|index| LabelLayout::Known { index })
            .ok_or_else(|| {
                let ids: Vec<&str> = LAYOUTS.iter().map(|l| l.id).collect();
                Error::validation(
                    "layout",
                    format!(
                        "no label layout \"{}\"; the layouts are {}, or custom",
                        id.trim(),
                        ids.join(", ")
                    ),
                )
            })
    }

    /// Where the labels sit, in points.
    pub fn grid(&self) -> Result<LabelGrid> {
        let mm = POINTS_PER_MM;
        match *self {
            LabelLayout::Known { index } => {
                let l = LAYOUTS[index];
                Ok(LabelGrid {
                    page_width: l.page.0 * mm,
                    page_height: l.page.1 * mm,
                    label_width: l.label.0 * mm,
                    label_height: l.label.1 * mm,
                    columns: l.columns,
                    rows: l.rows,
                    left: l.origin.0 * mm,
                    top: l.origin.1 * mm,
                    gap_x: l.gap.0 * mm,
                    gap_y: l.gap.1 * mm,
                })
            }
            LabelLayout::Custom {
                letter,
                columns,
                rows,
                margin_mm,
                gap_mm,
            } => {
                let (w, h) = if letter {
                    (8.5 * INCH, 11.0 * INCH)
                } else {
                    (210.0, 297.0)
                };
                if !(1..=20).contains(&columns) || !(1..=40).contains(&rows) {
                    return Err(Error::validation(
                        "layout",
                        format!("a custom sheet has 1 to 20 columns and 1 to 40 rows, not {columns} × {rows}"),
                    ));
                }
                if !(0.0..=50.0).contains(&margin_mm) || !(0.0..=50.0).contains(&gap_mm) {
                    return Err(Error::validation(
                        "layout",
                        "margins and gaps are 0 to 50 mm",
                    ));
                }
                let label_w =
                    (w - 2.0 * margin_mm - (columns - 1) as f32 * gap_mm) / columns as f32;
                let label_h = (h - 2.0 * margin_mm - (rows - 1) as f32 * gap_mm) / rows as f32;
                if label_w < 15.0 || label_h < 10.0 {
                    return Err(Error::validation(
                        "layout",
                        format!("{columns} × {rows} labels would be {label_w:.1} × {label_h:.1} mm; a label needs at least 15 × 10 mm"),
                    ));
                }
                Ok(LabelGrid {
                    page_width: w * mm,
                    page_height: h * mm,
                    label_width: label_w * mm,
                    label_height: label_h * mm,
                    columns,
                    rows,
                    left: margin_mm * mm,
                    top: margin_mm * mm,
                    gap_x: gap_mm * mm,
                    gap_y: gap_mm * mm,
                })
            }
        }
    }

    /// Labels on one page.
    pub fn per_page(&self) -> Result<usize> {
        Ok(self.grid()?.per_page())
    }
}

/// How labels are made.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelOptions {
    pub layout: LabelLayout,
    /// The place on the first sheet to start at, from 1 (a sheet partly
    /// used before).
    pub start: usize,
    /// Print the organisation's logo (from the settings) on each label.
    pub logo: bool,
}

impl Default for LabelOptions {
    fn default() -> Self {
        LabelOptions {
            layout: LabelLayout::known(DEFAULT_LAYOUT).expect("the default layout is known"),
            start: 1,
            logo: false,
        }
    }
}

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

/// Labels asked for by the desktop: which assets, on which layout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LabelRequest {
    /// These assets' tags, in this order; when empty, every asset `query`
    /// matches (its paging aside).
    pub tags: Vec<String>,
    pub query: Option<AssetQuery>,
    /// A known layout's id; empty for the default.
    pub layout: String,
    /// The place on the first sheet to start at, from 1 (0 is 1).
    pub start: u32,
    /// The organisation's logo on each label.
    pub logo: bool,
}

/// A layout as the desktop offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabelLayoutInfo {
    pub id: String,
    pub name: String,
    pub per_page: u32,
}

/// Labels written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabelsWritten {
    pub path: String,
    pub labels: u32,
    pub pages: u32,
}

/// Every known layout, for a chooser.
pub fn label_layouts() -> Vec<LabelLayoutInfo> {
    LAYOUTS
        .iter()
        .map(|l| LabelLayoutInfo {
            id: l.id.into(),
            name: l.name.into(),
            per_page: l.columns * l.rows,
        })
        .collect()
}

/// What the labels of a register say besides each asset's own fields.
struct Furniture {
    organisation: String,
    return_line: String,
    qr_url: String,
    logo: Option<std::path::PathBuf>,
}

impl Register {
    /// The asset a scanner's text names: a tag, or a link made from the
    /// `label_qr_url` setting.
    pub fn find_scanned(&self, scanned: &str) -> Result<Scanned> {
        let template = crate::store::settings::get(&self.conn, QR_URL_SETTING)?.unwrap_or_default();
        let tag = tag_from_scan(&template, scanned);
        let asset_id = match self.get_asset_by_tag(&tag) {
            Ok(asset) => Some(asset.id),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        Ok(Scanned { tag, asset_id })
    }

    fn label_furniture(&self, logo: bool) -> Result<Furniture> {
        let settings = self.settings()?;
        let get = |key: &str| -> Result<String> {
            Ok(crate::store::settings::get(&self.conn, key)?.unwrap_or_default())
        };
        let logo = if logo {
            if settings.logo_path.is_empty() {
                return Err(Error::validation(
                    "logo",
                    "no logo is set (settings: logo_path)",
                ));
            }
            Some(settings.logo_path.clone().into())
        } else {
            None
        };
        Ok(Furniture {
            organisation: settings.organisation_name,
            return_line: get(RETURN_LINE_SETTING)?,
            qr_url: get(QR_URL_SETTING)?,
            logo,
        })
    }

    /// The assets named by `tags` (in that order; an unknown tag is an
    /// error naming it), or else every asset `query` matches, paging aside.
    pub fn label_assets(&self, tags: &[String], query: Option<&AssetQuery>) -> Result<Vec<Asset>> {
        if !tags.is_empty() {
            return tags.iter().map(|t| self.get_asset_by_tag(t)).collect();
        }
        let mut query = query.cloned().unwrap_or_default();
        query.offset = 0;
        query.limit = 1000;
        let mut assets = Vec::new();
        loop {
            let page = self.list_assets(&query)?;
            let full = page.rows.len() == query.limit as usize;
            assets.extend(page.rows);
            if !full {
                return Ok(assets);
            }
            query.offset += query.limit;
        }
    }

    /// The options and assets of a desktop request.
    fn requested(&self, request: &LabelRequest) -> Result<(LabelOptions, Vec<Asset>)> {
        let layout = if request.layout.trim().is_empty() {
            LabelLayout::known(DEFAULT_LAYOUT)?
        } else {
            LabelLayout::known(&request.layout)?
        };
        let options = LabelOptions {
            layout,
            start: request.start.max(1) as usize,
            logo: request.logo,
        };
        let assets = self.label_assets(&request.tags, request.query.as_ref())?;
        if assets.is_empty() {
            return Err(Error::validation(
                "labels",
                "no asset matches: nothing to print",
            ));
        }
        Ok((options, assets))
    }

    /// The first page of the labels `request` asks for, as SVG.
    pub fn label_preview(&self, request: &LabelRequest) -> Result<String> {
        let (options, assets) = self.requested(request)?;
        let (grid, furniture, labels) = self.label_texts(&assets, &options)?;
        tend_pdf::preview_labels_svg(&grid, options.start - 1, &labels, furniture.logo.as_deref())
            .map_err(|e| crate::report::pdf_error(e, "labels"))
    }

    /// Writes the labels `request` asks for to `path`.
    pub fn write_requested_labels(
        &self,
        request: &LabelRequest,
        path: &Path,
    ) -> Result<LabelsWritten> {
        let (options, assets) = self.requested(request)?;
        let pages = self.write_labels(&assets, &options, path)?;
        Ok(LabelsWritten {
            path: path.display().to_string(),
            labels: assets.len() as u32,
            pages: pages as u32,
        })
    }

    /// The grid, the register's furniture and each asset's label.
    fn label_texts(
        &self,
        assets: &[Asset],
        options: &LabelOptions,
    ) -> Result<(LabelGrid, Furniture, Vec<LabelText>)> {
        let grid = options.layout.grid()?;
        let furniture = self.label_furniture(options.logo)?;
        let per_page = grid.per_page();
        if options.start == 0 || options.start > per_page {
            return Err(Error::validation(
                "start",
                format!(
                    "expected a place from 1 to {per_page} on the sheet, got {}",
                    options.start
                ),
            ));
        }
        let labels: Vec<LabelText> = assets
            .iter()
            .map(|a| LabelText {
                title: a.tag.clone(),
                qr: Some(qr_content(&furniture.qr_url, &a.tag)),
                lines: label_lines(a, &furniture),
            })
            .collect();
        Ok((grid, furniture, labels))
    }

    /// Writes the labels of `assets` as a PDF at exact size to `path`
    /// (atomically); the number of pages.
    pub fn write_labels(
        &self,
        assets: &[Asset],
        options: &LabelOptions,
        path: &Path,
    ) -> Result<usize> {
        let (grid, furniture, labels) = self.label_texts(assets, options)?;
        let written = tend_pdf::write_labels(
            &grid,
            options.start - 1,
            &labels,
            furniture.logo.as_deref(),
            "Asset labels",
            path,
        )
        .map_err(|e| crate::report::pdf_error(e, "labels"))?;
        Ok(written.pages)
    }

    /// The labels of `assets` in ZPL for a Zebra printer (203 dpi, the
    /// label of `layout`, or 2 × 1 in for sheets).
    pub fn labels_zpl(&self, assets: &[Asset], layout: &LabelLayout) -> Result<String> {
        let furniture = self.label_furniture(false)?;
        let grid = match layout {
            LabelLayout::Known { index } if LAYOUTS[*index].columns * LAYOUTS[*index].rows == 1 => {
                layout.grid()?
            }
            _ => LabelLayout::known("zebra-2x1")?.grid()?,
        };
        let dots = |pt: f32| (pt / 72.0 * 203.0).round() as u32;
        let (width, height) = (dots(grid.label_width), dots(grid.label_height));
        let mut out = String::new();
        for a in assets {
            let qr = qr_content(&furniture.qr_url, &a.tag);
            // The QR code's size in modules is unknown here; magnification
            // by the label's height keeps it inside (version ≤ 4 at 2 × 1 in).
            let magnification = (height / 45).clamp(2, 10);
            let text_x = height.min(width / 2) + 10;
            let title = (height / 4).clamp(20, 80);
            let small = (title / 2).max(16);
            out.push_str("^XA\n^CI28\n");
            out.push_str(&format!("^PW{width}\n^LL{height}\n"));
            out.push_str(&format!(
                "^FO10,10^BQN,2,{magnification}^FH_^FDQA,{}^FS\n",
                zpl_field(&qr)
            ));
            out.push_str(&format!(
                "^FO{text_x},12^A0N,{title},{title}^FH_^FD{}^FS\n",
                zpl_field(&a.tag)
            ));
            let mut y = 12 + title + 6;
            for line in label_lines(a, &furniture) {
                if y + small > height {
                    break;
                }
                out.push_str(&format!(
                    "^FO{text_x},{y}^A0N,{small},{small}^FB{},1,0,L^FH_^FD{}^FS\n",
                    width.saturating_sub(text_x + 10),
                    zpl_field(&line)
                ));
                y += small + 4;
            }
            out.push_str("^XZ\n");
        }
        Ok(out)
    }
}

/// The small lines of an asset's label: name, serial, organisation, the
/// return line.
fn label_lines(a: &Asset, furniture: &Furniture) -> Vec<String> {
    let mut lines = vec![a.name.clone()];
    if let Some(serial) = a.serial.as_deref().filter(|s| !s.is_empty()) {
        lines.push(format!("S/N {serial}"));
    }
    if !furniture.organisation.is_empty() {
        lines.push(furniture.organisation.clone());
    }
    if !furniture.return_line.is_empty() {
        lines.push(furniture.return_line.clone());
    }
    lines
}

/// Text for a ZPL field read with `^FH_`: the characters ZPL gives a meaning
/// (`^`, `~`) and the escape itself written as hexadecimal; line breaks as
/// spaces.
fn zpl_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '^' => out.push_str("_5E"),
            '~' => out.push_str("_7E"),
            '_' => out.push_str("_5F"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_fits_its_page() {
        for (index, l) in LAYOUTS.iter().enumerate() {
            let g = LabelLayout::Known { index }.grid().unwrap();
            let (x, y) = g.origin(g.per_page() - 1);
            assert!(
                x + g.label_width <= g.page_width + 0.5
                    && y + g.label_height <= g.page_height + 0.5,
                "{}",
                l.id
            );
        }
    }

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

    #[test]
    fn zpl_fields_escape_what_zpl_reads_as_commands() {
        assert_eq!(zpl_field("A^B~C_D\nE"), "A_5EB_7EC_5FD E");
    }

    #[test]
    fn a_custom_sheet_divides_the_page_and_refuses_tiny_labels() {
        let layout = LabelLayout::Custom {
            letter: false,
            columns: 3,
            rows: 8,
            margin_mm: 10.0,
            gap_mm: 2.0,
        };
        let g = layout.grid().unwrap();
        let mm = |pt: f32| pt / POINTS_PER_MM;
        assert!((mm(g.label_width) - (190.0 - 4.0) / 3.0).abs() < 0.01);
        let tiny = LabelLayout::Custom {
            letter: false,
            columns: 20,
            rows: 40,
            margin_mm: 0.0,
            gap_mm: 0.0,
        };
        let e = tiny.grid().unwrap_err().to_string();
        assert!(e.contains("at least 15 × 10 mm"), "{e}");
    }
}

//! Asset labels: the layouts Tend knows (label sheets and thermal labels),
//! what a label shows (tag, QR code, name, serial, organisation, the
//! "return to" line) and the two outputs — a PDF at exact size, drawn by
//! tend-pdf, and ZPL for Zebra printers.

mod layouts;
mod qr;
mod zpl;

pub use zpl::{send_zpl, ZPL_PORT};

pub use layouts::{
    label_layouts, KnownLayout, LabelLayout, LabelLayoutInfo, DEFAULT_LAYOUT, LAYOUTS,
};
pub(crate) use qr::check_qr_url;
pub use qr::{qr_content, tag_from_scan, Scanned, TAG_PLACEHOLDER};

use std::path::Path;

use serde::{Deserialize, Serialize};
use tend_pdf::{LabelGrid, LabelText};
use ts_rs::TS;

use crate::model::{Asset, AssetQuery};
use crate::{Error, Register, Result};

/// The setting holding the QR code's link, with `{tag}` where the tag goes
/// (empty: the code holds the tag itself).
pub const QR_URL_SETTING: &str = "label_qr_url";
/// The setting holding the "return to / call" line printed on every label.
pub const RETURN_LINE_SETTING: &str = "label_return_line";

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

/// Labels asked for by the desktop: which assets, on which layout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
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

/// Labels written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabelsWritten {
    pub path: String,
    pub labels: u32,
    pub pages: u32,
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
        let assets = self.chosen_assets(&request.tags, request.query.as_ref(), None)?;
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

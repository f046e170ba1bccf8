//! The header row: names matched ignoring case, spaces and punctuation,
//! each column bound to the field it feeds, with the checks that refuse a
//! file before any row is read (empty header, too many columns, two columns
//! for one field, a required column missing).

use super::field::Target;
use super::options::{ColumnMapping, ImportKind};
use super::profile::Importer;
use crate::{Error, Result};

/// Most columns a file may have.
pub const MAX_COLUMNS: usize = 1_000;

/// A header name reduced to lower-case letters and digits:
/// "Warranty (months)" → "warrantymonths".
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The columns of a file and the field each feeds.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Header names as written, in file order.
    pub names: Vec<String>,
    /// The field of each column; None for a column that is ignored.
    pub targets: Vec<Option<Target>>,
}

impl Binding {
    /// Columns no field takes (reported, then ignored).
    pub fn ignored(&self) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .zip(&self.targets)
            .filter(|(_, t)| t.is_none())
            .map(|(n, _)| n.as_str())
    }

    /// Whether some column feeds `target`.
    pub fn has(&self, target: &Target) -> bool {
        self.targets.iter().any(|t| t.as_ref() == Some(target))
    }

    /// The header name of the (first) column feeding `target`.
    pub fn column_of(&self, target: &Target) -> Option<&str> {
        self.targets
            .iter()
            .position(|t| t.as_ref() == Some(target))
            .map(|i| self.names[i].as_str())
    }
}

fn header_error(file: &str, column: Option<String>, message: String) -> Error {
    Error::Csv {
        file: file.to_string(),
        row: Some(1),
        column,
        message,
    }
}

/// The checks of a header whatever its format: not empty, not too many
/// columns, no NUL character.
pub fn check(file: &str, header: &[String]) -> Result<()> {
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(header_error(
            file,
            None,
            "the first row (the header) is empty; it must name the columns".into(),
        ));
    }
    if header.len() > MAX_COLUMNS {
        return Err(header_error(
            file,
            None,
            format!(
                "the header has {} columns; at most {MAX_COLUMNS} are supported",
                header.len()
            ),
        ));
    }
    if let Some(bad) = header.iter().find(|h| h.contains('\0')) {
        return Err(header_error(
            file,
            Some(bad.replace('\0', "\\0")),
            "the header contains a NUL character; is this a binary file, or UTF-16 without a byte-order mark?".into(),
        ));
    }
    Ok(())
}

/// Binds every column of `header` through `importer`; `overrides` (by
/// header name, ignoring case and punctuation) win over the importer.
pub fn bind(
    file: &str,
    header: &[String],
    importer: &dyn Importer,
    kind: ImportKind,
    overrides: &[ColumnMapping],
) -> Result<Binding> {
    check(file, header)?;
    let mut targets = Vec::with_capacity(header.len());
    for name in header {
        let norm = normalise(name);
        let chosen = overrides.iter().find(|m| normalise(&m.column) == norm);
        let target = match chosen {
            Some(m) if m.target.trim() == "ignore" || m.target.trim().is_empty() => None,
            Some(m) => Some(Target::parse(&m.target, kind).ok_or_else(|| {
                header_error(
                    file,
                    Some(name.clone()),
                    format!("unknown field \"{}\" in the column mapping", m.target),
                )
            })?),
            None if norm.is_empty() => None,
            None => importer.target(kind, name, &norm),
        };
        targets.push(target);
    }
    // Two columns for one field (only notes may be fed by several).
    for (i, t) in targets.iter().enumerate() {
        let Some(t) = t else { continue };
        if *t == Target::Notes {
            continue;
        }
        if let Some(j) = targets[..i].iter().position(|o| o.as_ref() == Some(t)) {
            return Err(header_error(
                file,
                Some(header[i].clone()),
                format!(
                    "columns {} \"{}\" and {} \"{}\" both give the {}; remove one or map it to another field",
                    j + 1,
                    header[j],
                    i + 1,
                    header[i],
                    t.label().to_lowercase()
                ),
            ));
        }
    }
    let binding = Binding {
        names: header.to_vec(),
        targets,
    };
    for (alternatives, name) in importer.required(kind) {
        if !alternatives.iter().any(|t| binding.has(t)) {
            return Err(header_error(
                file,
                Some((*name).to_string()),
                format!(
                    "the required column \"{name}\" is missing (the {} format needs it)",
                    importer.format().id()
                ),
            ));
        }
    }
    Ok(binding)
}

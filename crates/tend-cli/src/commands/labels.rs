//! `tend labels …`: asset labels as a PDF at exact size, or as ZPL written
//! to a file or sent to a Zebra printer's raw port.

use super::selection::{chosen, Choice};
use super::Context;
use crate::failure::Failure;
use crate::label_args::LabelsArgs;
use tend_core::labels::{LabelLayout, LabelOptions};
use tend_core::Error;

pub fn run(cx: &mut Context, a: LabelsArgs) -> Result<(), Failure> {
    let layout = if a.layout.trim().eq_ignore_ascii_case("custom") {
        let (Some(columns), Some(rows)) = (a.columns, a.rows) else {
            return Err(
                Error::validation("layout", "a custom layout needs --columns and --rows").into(),
            );
        };
        LabelLayout::Custom {
            letter: a.letter,
            columns,
            rows,
            margin_mm: a.margin,
            gap_mm: a.gap,
        }
    } else {
        LabelLayout::known(&a.layout)?
    };
    let assets = chosen(
        cx,
        &Choice {
            command: "labels",
            tags: &a.tags,
            category: a.category.as_deref(),
            location: a.location.as_deref(),
            order_number: None,
            all: a.all,
        },
    )?;
    if assets.is_empty() {
        return Err(Error::validation("labels", "no asset matches: nothing to print").into());
    }
    let n = assets.len();
    let plural = if n == 1 { "" } else { "s" };
    if a.zpl {
        let zpl = cx.register.labels_zpl(&assets, &layout)?;
        return match (&a.printer, &a.output) {
            (Some(printer), _) => {
                tend_core::labels::send_zpl(printer, zpl.as_bytes())?;
                writeln!(cx.out, "sent {n} label{plural} to {printer}")?;
                Ok(())
            }
            (None, Some(path)) => {
                tend_core::atomic_file::write(path, |w| {
                    w.write_all(zpl.as_bytes()).map_err(|source| Error::Io {
                        path: path.clone(),
                        source,
                    })
                })?;
                writeln!(cx.out, "wrote {} ({n} label{plural}, ZPL)", path.display())?;
                Ok(())
            }
            (None, None) => {
                cx.out.write_all(zpl.as_bytes())?;
                Ok(())
            }
        };
    }
    let Some(path) = &a.output else {
        return Err(Error::validation("output", "give the PDF to write with -o FILE").into());
    };
    let options = LabelOptions {
        layout,
        start: a.start,
        logo: a.logo,
    };
    let pages = cx.register.write_labels(&assets, &options, path)?;
    writeln!(
        cx.out,
        "wrote {} ({n} label{plural} on {pages} page{}; print at 100 %)",
        path.display(),
        if pages == 1 { "" } else { "s" }
    )?;
    Ok(())
}

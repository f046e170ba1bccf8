//! Labels in ZPL, the language of Zebra label printers (203 dpi).

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use super::{label_lines, qr_content, LabelLayout, LabelRequest, LAYOUTS};
use crate::model::Asset;
use crate::{Error, Register, Result};

/// The raw port Zebra printers listen on.
pub const ZPL_PORT: u16 = 9100;

/// Sends `data` to a label printer's raw port: `printer` is `HOST` (port
/// 9100) or `HOST:PORT`. Every failure names the address and says why.
pub fn send_zpl(printer: &str, data: &[u8]) -> Result<()> {
    let printer = printer.trim();
    if printer.is_empty() {
        return Err(Error::validation(
            "printer",
            "give the printer's host name or address",
        ));
    }
    let address = if printer
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        printer.to_string()
    } else {
        format!("{printer}:{ZPL_PORT}")
    };
    let failed = |e: std::io::Error| {
        Error::validation(
            "printer",
            format!("could not send the labels to {address}: {e}"),
        )
    };
    let addrs: Vec<std::net::SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(&address)
        .map_err(failed)?
        .collect();
    let Some(first) = addrs.first() else {
        return Err(failed(std::io::Error::other("the name has no address")));
    };
    let mut stream = TcpStream::connect_timeout(first, Duration::from_secs(10)).map_err(failed)?;
    stream
        .set_write_timeout(Some(Duration::from_secs(30)))
        .map_err(failed)?;
    stream.write_all(data).map_err(failed)?;
    stream.flush().map_err(failed)?;
    stream.shutdown(std::net::Shutdown::Write).map_err(failed)?;
    Ok(())
}

impl Register {
    /// The labels a desktop request asks for, in ZPL.
    pub fn requested_zpl(&self, request: &LabelRequest) -> Result<String> {
        let (options, assets) = self.requested(request)?;
        self.labels_zpl(&assets, &options.layout)
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
    fn zpl_fields_escape_what_zpl_reads_as_commands() {
        assert_eq!(zpl_field("A^B~C_D\nE"), "A_5EB_7EC_5FD E");
    }
}

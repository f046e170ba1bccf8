//! Printing through the system's print service. On Linux (and other
//! systems with CUPS) the printers are those `lpstat -e` names and a PDF is
//! handed to `lp` at 100 % (`print-scaling=none`), so a label sheet prints
//! where its labels are. Without CUPS there are no printers here, and the
//! app opens the PDF in the system's viewer instead.

use std::path::Path;
use std::process::Command;

use tend_core::{ApiError, Error};

/// The printers the print service offers; none when there is no CUPS.
pub fn printers() -> Vec<String> {
    let Ok(out) = Command::new("lpstat").arg("-e").output() else {
        return Vec::new();
    };
    if !out.status.success() {
        return Vec::new();
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Sends `pdf` to `printer` at 100 %; what the print service answered
/// ("request id is …").
pub fn print(printer: &str, pdf: &Path) -> Result<String, ApiError> {
    if !printers().iter().any(|p| p == printer) {
        return Err(Error::validation(
            "printer",
            format!("the print service has no printer \"{printer}\""),
        )
        .into());
    }
    let out = Command::new("lp")
        .args(["-d", printer, "-o", "print-scaling=none", "--"])
        .arg(pdf)
        .output()
        .map_err(|e| {
            ApiError::from(Error::validation(
                "printer",
                format!("could not run the print service's lp: {e}"),
            ))
        })?;
    if !out.status.success() {
        return Err(Error::validation(
            "printer",
            format!(
                "the print service refused the labels: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

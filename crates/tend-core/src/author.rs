//! Who is acting: the name every history entry and work-log entry records.
//!
//! On a SQLite register it is the operating-system user, unless a front door
//! names someone else ([`crate::Register::set_author`], e.g. the CLI's
//! `TEND_AUTHOR`). A name follows the core's rule for single-line text.

use crate::validate::{self, TEXT_MAX};
use crate::Result;

/// The operating-system user's login name: from the system's user database,
/// else the `USER` (Unix) or `USERNAME` (Windows) variable. None when none
/// of them gives a name [`checked`] accepts.
pub fn os_user() -> Option<String> {
    if let Some(name) = whoami::username().ok().and_then(|n| checked(&n).ok()) {
        return Some(name);
    }
    ["USER", "USERNAME"]
        .into_iter()
        .filter_map(|key| std::env::var(key).ok())
        .find_map(|n| checked(&n).ok())
}

/// A name as recorded: trimmed, one line, 1 to 200 characters (a
/// validation error on `author` otherwise).
pub fn checked(name: &str) -> Result<String> {
    validate::required("author", name, TEXT_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_must_be_one_line_of_at_most_200_characters() {
        assert_eq!(checked("  Anna Berg ").unwrap(), "Anna Berg");
        for bad in ["", "   ", "anna\nberg", &"a".repeat(201)] {
            let err = checked(bad).unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::Validation, "{bad:?}");
            assert!(err.to_string().contains("author"), "{err}");
        }
    }

    #[test]
    fn the_operating_system_user_is_found() {
        // Every machine the tests run on has a user with a name.
        let name = os_user().expect("a user name");
        assert_eq!(checked(&name).unwrap(), name);
    }
}

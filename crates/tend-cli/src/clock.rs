//! The command line's one reading of the clock: the day "today" means for
//! every command (the due list, plans, the cover filter). The core never
//! reads the clock itself; it is handed this day.

/// Today in the computer's own time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

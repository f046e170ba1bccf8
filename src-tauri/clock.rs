//! The desktop's one reading of the clock: the day every command judges
//! "today" by (the due list, plans, Home's figures, the cover filter). The
//! core never reads the clock itself; it is handed this day.

/// Today in the computer's own time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

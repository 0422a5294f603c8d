//! Legal knowledge as code over the data in `checks/`: the law registry and citation parser,
//! versioned statute tables and discretion bands, the working-day calendar, identifier
//! checksums.

pub mod calendar;
pub mod citation;
pub mod discretion;
pub mod ids;
pub mod jurisdiction;
pub mod laws;
pub mod statutes;

//! Legal knowledge as code: citations, statute tables, the working-day calendar, identifier checksums.

pub mod calendar;

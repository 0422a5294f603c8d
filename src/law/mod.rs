//! Legal knowledge as code over the data in `checks/`: the citation parser, statute tables,
//! the working-day calendar, identifier checksums.

pub mod calendar;
pub mod ids;

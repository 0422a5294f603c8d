//! Legal knowledge loaded from `checks/`: statute tables, discretion bands (and, from other
//! modules, the citation parser, calendar and identifier checks).

pub mod discretion;
pub mod statutes;

//! Readers: turn exported files (XML case files, Excel ledgers) into [`crate::model::Case`]s,
//! and the value parsers (dates, amounts, booleans) both readers share.

pub mod aliases;
pub mod values;
pub mod xml;

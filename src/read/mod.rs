//! Readers: turn exported files (XML case files, Excel ledgers) into [`crate::model::Case`]s.

pub mod aliases;
pub mod excel;

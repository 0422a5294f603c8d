//! Reading values out of case files: the XML and Excel readers and the value parsers they share.

pub mod values;

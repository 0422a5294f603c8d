//! Legal knowledge in code: identifier checksums, and (added alongside) the citation parser,
//! statute tables and working-day calendar loaded from `checks/`.

pub mod ids;

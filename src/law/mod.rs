//! The law as data: the law registry, statute citations, and (on other branches) statute
//! tables, the working-day calendar and identifier checksums, all loaded from `checks/`.

pub mod citation;
pub mod laws;

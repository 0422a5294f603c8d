//! caselint: checks exported fire-rescue administrative-penalty case files (XML case files and
//! Excel ledgers) for procedural defects and misapplied law.
//!
//! Module map:
//! - [`text`]: width folding, traditional characters, Chinese numerals.
//! - [`finding`]: the finding type, severities, categories, places.
//! - [`model`]: the normalized case both readers produce.
//! - [`data`]: the shipped `checks/` data and its validation errors.
//! - `read/`: the XML and Excel readers and the value parsers.
//! - `law/`: citation parser, statute tables, working-day calendar, identifier checksums.
//! - `rules/`: the rule registry and the built-in and declarative checks.
//! - `report/`: one output format per file.
//! - [`walk`], [`scan`]: find the inputs, then read and check them in parallel.
//! - [`review`]: peer cross-checks — the draw, the review sheets, the merge, masking.
//! - [`commands`]: one module per command, each with its own options; [`cli`] parses the
//!   arguments into them.

pub mod baseline;
pub mod cli;
pub mod cli_zh;
pub mod commands;
pub mod config;
pub mod data;
pub mod finding;
pub mod knowledge;
pub mod law;
pub mod model;
pub mod plain;
pub mod prng;
pub mod progress;
pub mod read;
pub mod report;
pub mod review;
pub mod roots;
pub mod rules;
pub mod scan;
pub mod spill;
pub mod text;
pub mod ui;
pub mod waivers;
pub mod walk;

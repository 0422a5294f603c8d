//! caselint: checks exported fire-rescue administrative-penalty case files (XML case files and
//! Excel ledgers) for procedural defects and misapplied law.
//!
//! The layers, lowest first (each uses only its own layer or lower; `tests/layering.rs` holds
//! this, `docs/architecture.md` explains it):
//! - foundation: [`text`], [`prng`], [`roots`], [`finding`], [`ui`], [`plain`], [`spill`], [`data`],
//!   [`fastmap`];
//! - [`model`]: the normalized case and the run's results;
//! - [`law`]: citation parser, statute tables, working-day calendar, identifier checksums;
//! - [`knowledge`], [`config`], [`baseline`]: the loaded data and the user's settings;
//! - [`read`]: the XML, Excel and decision readers (a case plus diagnostics);
//! - [`rules`]: the rule registry and the built-in and declarative checks;
//! - [`scan`], [`walk`], [`waivers`]: find the inputs, then read and check them in parallel;
//! - [`report`]: one output format per file;
//! - [`commands`], [`review`]: one module per command; the peer cross-check library;
//! - [`cli`], [`cli_zh`], [`progress`]: arguments into command options; the progress bar.

pub mod baseline;
pub mod cli;
pub mod cli_zh;
pub mod commands;
pub mod config;
pub mod data;
pub mod fastmap;
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

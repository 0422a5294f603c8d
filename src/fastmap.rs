//! The hash map of the lookups that run for every case (alias names, statute places, settings,
//! ledger columns, per-case caches): foldhash, much cheaper than the standard SipHash on short
//! keys, with a fixed seed so no run depends on a random one.

/// A `HashMap` hashed with foldhash's fixed-seed hasher.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

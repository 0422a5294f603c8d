//! An append-only list that stays in memory while it is small and moves to a temporary file when
//! it grows. A province's year is 10⁵–10⁶ files and the reports need a record of every case and
//! every input (scores, brigade tables, provenance), so keeping them all in memory would make a
//! scan's memory grow with the corpus. Past the limit each record is one JSON line in a file in
//! the system's temporary folder (`TMPDIR`), deleted when the list is dropped.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::sync::Mutex;

/// Records kept in memory before a list moves to disk (a few MiB of case summaries).
pub const DEFAULT_LIMIT: usize = 4096;

/// The list. Reading it yields owned records, in the order they were pushed.
pub struct Spill<T> {
    mem: Vec<T>,
    limit: usize,
    len: usize,
    disk: Option<Disk>,
    /// Why no temporary file could be made: the list then stays in memory (complete, bigger).
    fallback: Option<String>,
    /// The first error writing the temporary file: the list is then incomplete.
    error: Option<String>,
}

struct Disk {
    file: tempfile::NamedTempFile,
    /// Records are written through this; flushed before every read.
    writer: Mutex<BufWriter<File>>,
}

impl<T> Default for Spill<T> {
    fn default() -> Self {
        Spill::new(DEFAULT_LIMIT)
    }
}

impl<T> std::fmt::Debug for Spill<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spill")
            .field("len", &self.len)
            .field("on_disk", &self.disk.is_some())
            .finish()
    }
}

impl<T> Spill<T> {
    /// A list that keeps up to `limit` records in memory.
    pub fn new(limit: usize) -> Self {
        Spill {
            mem: Vec::new(),
            limit,
            len: 0,
            disk: None,
            fallback: None,
            error: None,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the records are in a temporary file.
    pub fn on_disk(&self) -> bool {
        self.disk.is_some()
    }

    /// Why the temporary file could not be written, if it could not: the list is then incomplete
    /// and the run must not pretend otherwise.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Why the list stayed in memory past its limit (no temporary file could be made).
    pub fn fallback(&self) -> Option<&str> {
        self.fallback.as_deref()
    }
}

impl<T: Serialize + DeserializeOwned + Clone> Spill<T> {
    /// Appends a record.
    pub fn push(&mut self, item: T) {
        self.len += 1;
        if self.disk.is_none() {
            if self.mem.len() < self.limit || self.fallback.is_some() {
                self.mem.push(item);
                return;
            }
            if let Err(e) = self.move_to_disk() {
                // No temporary file: stay in memory (correct, only bigger) and say why.
                self.fallback = Some(e.to_string());
                self.mem.push(item);
                return;
            }
        }
        self.write(&item);
    }

    fn move_to_disk(&mut self) -> std::io::Result<()> {
        let file = tempfile::Builder::new()
            .prefix("caselint-")
            .suffix(".jsonl")
            .tempfile()?;
        let mut writer = BufWriter::with_capacity(256 * 1024, file.reopen()?);
        // A folder that takes the file but not its contents (full, quota) is found out now,
        // while the records are still in memory.
        writer.write_all(b"\n")?;
        writer.flush()?;
        self.disk = Some(Disk {
            file,
            writer: Mutex::new(writer),
        });
        for item in std::mem::take(&mut self.mem) {
            self.write(&item);
        }
        Ok(())
    }

    fn write(&mut self, item: &T) {
        let Some(disk) = &self.disk else { return };
        let mut w = disk.writer.lock().unwrap_or_else(|p| p.into_inner());
        let done = serde_json::to_writer(&mut *w, item)
            .map_err(std::io::Error::from)
            .and_then(|_| w.write_all(b"\n"));
        if let Err(e) = done {
            self.error.get_or_insert_with(|| e.to_string());
        }
    }

    /// Every record, in order. Records on disk are read back one at a time.
    pub fn iter(&self) -> Box<dyn Iterator<Item = T> + '_> {
        let Some(disk) = &self.disk else {
            return Box::new(self.mem.iter().cloned());
        };
        let reopened = {
            let mut w = disk.writer.lock().unwrap_or_else(|p| p.into_inner());
            w.flush().and_then(|_| disk.file.reopen())
        };
        match reopened {
            Ok(f) => Box::new(
                serde_json::Deserializer::from_reader(BufReader::with_capacity(256 * 1024, f))
                    .into_iter::<T>()
                    // Only this list writes the file; a record that does not read back means
                    // the temporary folder was tampered with or failed.
                    .map(|r| r.unwrap_or_else(|e| panic!("caselint temporary file damaged: {e}"))),
            ),
            Err(e) => panic!("caselint temporary file cannot be read back: {e}"),
        }
    }

    /// The records at `indices` (ascending), in order. Records on disk that are not wanted are
    /// skipped without being parsed.
    pub fn select(&self, indices: &[usize]) -> Vec<T> {
        let Some(disk) = &self.disk else {
            return indices
                .iter()
                .filter_map(|i| self.mem.get(*i).cloned())
                .collect();
        };
        if indices.is_empty() {
            return Vec::new();
        }
        let reopened = {
            let mut w = disk.writer.lock().unwrap_or_else(|p| p.into_inner());
            w.flush().and_then(|_| disk.file.reopen())
        };
        let file =
            reopened.unwrap_or_else(|e| panic!("caselint temporary file cannot be read back: {e}"));
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        let mut out = Vec::with_capacity(indices.len());
        let mut line = Vec::new();
        let mut wanted = indices.iter().peekable();
        let mut i = 0;
        // The first line is the blank one written to test the folder.
        while wanted.peek().is_some() {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => panic!("caselint temporary file cannot be read back: {e}"),
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if wanted.peek() == Some(&&i) {
                wanted.next();
                out.push(
                    serde_json::from_slice(&line)
                        .unwrap_or_else(|e| panic!("caselint temporary file damaged: {e}")),
                );
            }
            i += 1;
        }
        out
    }

    /// Every record, collected (for small lists and the formats that need them all at once).
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().collect()
    }
}

impl<T: Serialize + DeserializeOwned + Clone> FromIterator<T> for Spill<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut s = Spill::default();
        for item in items {
            s.push(item);
        }
        s
    }
}

impl<T> From<Vec<T>> for Spill<T> {
    fn from(v: Vec<T>) -> Self {
        Spill {
            len: v.len(),
            mem: v,
            limit: DEFAULT_LIMIT,
            disk: None,
            fallback: None,
            error: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Rec {
        n: u32,
        s: String,
    }

    fn rec(n: u32) -> Rec {
        Rec {
            n,
            s: format!("第{n}号\n\"quoted\""),
        }
    }

    #[test]
    fn small_lists_stay_in_memory() {
        let mut s = Spill::new(10);
        for n in 0..10 {
            s.push(rec(n));
        }
        assert!(!s.on_disk());
        assert_eq!(s.len(), 10);
        assert_eq!(s.to_vec(), (0..10).map(rec).collect::<Vec<_>>());
    }

    #[test]
    fn large_lists_move_to_disk_and_read_back_in_order() {
        let mut s = Spill::new(3);
        for n in 0..1000 {
            s.push(rec(n));
            // Reading while still being written sees everything pushed so far.
            if n == 500 {
                assert_eq!(s.iter().count(), 501);
            }
        }
        assert!(s.on_disk());
        assert_eq!(s.error(), None);
        assert_eq!(s.len(), 1000);
        let back: Vec<Rec> = s.iter().collect();
        assert_eq!(back, (0..1000).map(rec).collect::<Vec<_>>());
        // Two readers at once do not disturb each other.
        let pairs = s
            .iter()
            .zip(s.iter().skip(1))
            .filter(|(a, b)| b.n == a.n + 1);
        assert_eq!(pairs.count(), 999);
    }

    #[test]
    fn select_reads_only_the_wanted_records_in_memory_and_on_disk() {
        for limit in [usize::MAX, 0, 5] {
            let mut s = Spill::new(limit);
            for n in 0..50 {
                s.push(rec(n));
            }
            let want = [0, 3, 4, 31, 49];
            assert_eq!(
                s.select(&want),
                want.map(|n| rec(n as u32)),
                "limit {limit}"
            );
            assert_eq!(s.select(&[]), []);
            assert_eq!(s.select(&[49, 50, 99]).len(), 1, "past the end: nothing");
        }
    }

    #[test]
    fn the_file_is_removed_with_the_list() {
        let mut s = Spill::new(0);
        s.push(rec(1));
        let path = s.disk.as_ref().unwrap().file.path().to_path_buf();
        assert!(path.exists());
        drop(s);
        assert!(!path.exists());
    }
}

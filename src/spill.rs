//! An append-only list that stays in memory while it is small and moves to a temporary file when
//! it grows. A province's year is 10⁵–10⁶ files and the reports need a record of every case and
//! every input (scores, brigade tables, provenance), so keeping them all in memory would make a
//! scan's memory grow with the corpus. Past the limit the records go, length-prefixed and
//! postcard-encoded, to a file in the system's temporary folder (`TMPDIR`). On Unix the file
//! has no name, so the system removes it however caselint ends; elsewhere it is deleted when the
//! list is dropped.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::sync::{Mutex, OnceLock};

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
    /// The first error writing the temporary file (also found when the last buffered records
    /// are flushed on a read): the list is then incomplete.
    error: OnceLock<String>,
    /// The buffer each record is encoded into before it is written (no allocation per record).
    encoded: Vec<u8>,
}

struct Disk {
    /// On Unix the file has no name: the system deletes it when caselint exits, even when it is
    /// killed. Readers read at their own positions, so any number can run beside the writer.
    #[cfg(unix)]
    file: File,
    /// Elsewhere a named file, deleted when the list is dropped; each reader opens it again.
    #[cfg(not(unix))]
    file: tempfile::NamedTempFile,
    /// Records are written through this; flushed before every read.
    writer: Mutex<BufWriter<Box<dyn Write + Send>>>,
}

impl Disk {
    fn create() -> std::io::Result<Disk> {
        #[cfg(unix)]
        let (file, handle) = {
            let file = tempfile::tempfile()?;
            let handle = file.try_clone()?;
            (file, handle)
        };
        #[cfg(not(unix))]
        let (file, handle) = {
            let file = tempfile::Builder::new()
                .prefix("caselint-")
                .suffix(".spill")
                .tempfile()?;
            let handle = file.reopen()?;
            (file, handle)
        };
        Ok(Disk {
            file,
            writer: Mutex::new(BufWriter::with_capacity(64 * 1024, Box::new(handle))),
        })
    }

    /// A reader from the start of the file, after flushing what was written.
    fn reader(&self) -> std::io::Result<Box<dyn Read + '_>> {
        self.writer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .flush()?;
        #[cfg(unix)]
        return Ok(Box::new(At {
            file: &self.file,
            pos: 0,
        }));
        #[cfg(not(unix))]
        return Ok(Box::new(self.file.reopen()?));
    }
}

/// Reads a file from a position of its own (`pread`), leaving the shared offset to the writer.
#[cfg(unix)]
struct At<'f> {
    file: &'f File,
    pos: u64,
}

#[cfg(unix)]
impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = std::os::unix::fs::FileExt::read_at(self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
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
            error: OnceLock::new(),
            encoded: Vec::new(),
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
        self.error.get().map(String::as_str)
    }

    /// Writes out the records still buffered, so a full disk is found (and kept as [`error`])
    /// before anything reads the list; call it when the last record is pushed.
    ///
    /// [`error`]: Spill::error
    pub fn flush(&self) {
        if let Some(disk) = &self.disk {
            let flushed = disk
                .writer
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .flush();
            if let Err(e) = flushed {
                let _ = self.error.set(e.to_string());
            }
        }
    }

    /// Why the list stayed in memory past its limit (no temporary file could be made).
    pub fn fallback(&self) -> Option<&str> {
        self.fallback.as_deref()
    }
}

impl<T: Serialize + DeserializeOwned + Clone + Send> Spill<T> {
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

    /// Appends a record already encoded (the concatenated `parts` are its postcard encoding,
    /// as [`Spill::push`] would write it): on disk the bytes are written as they are; in memory
    /// the record is decoded.
    pub fn push_parts(&mut self, parts: &[&[u8]]) {
        if self.disk.is_none() {
            self.push(decode(&parts.concat()));
            return;
        }
        self.len += 1;
        self.append(parts);
    }

    fn move_to_disk(&mut self) -> std::io::Result<()> {
        let disk = Disk::create()?;
        {
            // A folder that takes the file but not its contents (full, quota) is found out now,
            // while the records are still in memory.
            let mut w = disk.writer.lock().unwrap_or_else(|p| p.into_inner());
            w.write_all(MAGIC)?;
            w.flush()?;
        }
        self.disk = Some(disk);
        for item in std::mem::take(&mut self.mem) {
            self.write(&item);
        }
        Ok(())
    }

    /// One record: its length (u32, little-endian), then its postcard encoding.
    fn write(&mut self, item: &T) {
        let buf = std::mem::take(&mut self.encoded);
        match postcard::to_extend(item, buf) {
            Ok(mut bytes) => {
                self.append(&[&bytes]);
                bytes.clear();
                self.encoded = bytes;
            }
            Err(e) => {
                let _ = self.error.set(e.to_string());
            }
        }
    }

    /// Writes one record whose encoding is `parts` one after another, behind its length.
    fn append(&self, parts: &[&[u8]]) {
        let Some(disk) = &self.disk else { return };
        let mut w = disk.writer.lock().unwrap_or_else(|p| p.into_inner());
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let written = u32::try_from(len)
            .map_err(std::io::Error::other)
            .and_then(|len| {
                w.write_all(&len.to_le_bytes())?;
                parts.iter().try_for_each(|p| w.write_all(p))
            });
        if let Err(e) = written {
            let _ = self.error.set(e.to_string());
        }
    }

    /// A reader at the first record of the file (everything written so far is flushed). When
    /// the flush fails (a full disk) the error is kept and the records read are those that made
    /// it: the run then ends with the storage error (`ScanResult::storage_checked`), not a panic.
    fn records<'d>(&self, disk: &'d Disk) -> Records<'d> {
        let file = match disk.reader() {
            Ok(file) => file,
            Err(e) => {
                let _ = self.error.set(e.to_string());
                return Records {
                    reader: BufReader::new(Box::new(std::io::empty())),
                    buf: Vec::new(),
                };
            }
        };
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        let mut magic = [0; MAGIC.len()];
        if reader.read_exact(&mut magic).is_err() || magic != *MAGIC {
            panic!("caselint temporary file damaged: no header");
        }
        Records {
            reader,
            buf: Vec::new(),
        }
    }

    /// Every record, in order. Records on disk are read back a batch at a time and decoded on
    /// the worker threads (a batch is at most [`READ_AHEAD`] records, so memory stays flat).
    pub fn iter(&self) -> Box<dyn Iterator<Item = T> + '_> {
        match &self.disk {
            None => Box::new(self.mem.iter().cloned()),
            Some(disk) => self.decoded(disk),
        }
    }

    /// Every record's leading fields, in order: `H` is a struct of the first fields of `T`, in
    /// order and of the same types, so a record on disk decodes as `H` from the start of its
    /// bytes and the rest is never decoded; `head` takes them from a record in memory.
    pub fn iter_head<H: DeserializeOwned + Send + 'static>(
        &self,
        head: impl Fn(&T) -> H + 'static,
    ) -> Box<dyn Iterator<Item = H> + '_> {
        match &self.disk {
            None => Box::new(self.mem.iter().map(head)),
            Some(disk) => self.decoded(disk),
        }
    }

    /// The file's records decoded as `U` (a record or its leading fields), a batch at a time.
    fn decoded<'d, U: DeserializeOwned + Send + 'd>(
        &self,
        disk: &'d Disk,
    ) -> Box<dyn Iterator<Item = U> + 'd> {
        let mut records = self.records(disk);
        let mut batch = Batch::default();
        let mut ready: std::vec::IntoIter<U> = Vec::new().into_iter();
        Box::new(std::iter::from_fn(move || {
            if let Some(u) = ready.next() {
                return Some(u);
            }
            batch.clear();
            while batch.len() < READ_AHEAD {
                match records.next_bytes() {
                    Some(b) => batch.push(b),
                    None => break,
                }
            }
            ready = batch.decode().into_iter();
            ready.next()
        }))
    }

    /// The records at `indices` (ascending), in order. Records on disk that are not wanted are
    /// skipped without being decoded; the wanted ones are decoded on the worker threads.
    pub fn select(&self, indices: &[usize]) -> Vec<T> {
        let Some(disk) = &self.disk else {
            return indices
                .iter()
                .filter_map(|i| self.mem.get(*i).cloned())
                .collect();
        };
        let mut out = Vec::with_capacity(indices.len());
        if indices.is_empty() {
            return out;
        }
        let mut records = self.records(disk);
        let mut wanted = indices.iter().peekable();
        let mut batch = Batch::default();
        let mut i = 0;
        while let Some(&&want) = wanted.peek() {
            let Some(bytes) = records.next_bytes() else {
                break;
            };
            if want == i {
                wanted.next();
                batch.push(bytes);
                if batch.len() == READ_AHEAD {
                    out.extend(batch.decode());
                    batch.clear();
                }
            }
            i += 1;
        }
        out.extend(batch.decode());
        out
    }

    /// Every record, collected (for small lists and the formats that need them all at once).
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().collect()
    }
}

/// The first bytes of a spill file (also the probe that the folder takes writes).
const MAGIC: &[u8] = b"caselint spill 1\n";

/// Reads the records of a spill file one after another.
struct Records<'d> {
    reader: BufReader<Box<dyn Read + 'd>>,
    buf: Vec<u8>,
}

impl Records<'_> {
    /// The next record's bytes; `None` at the end.
    fn next_bytes(&mut self) -> Option<&[u8]> {
        let mut len = [0; 4];
        match self.reader.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return None,
            Err(e) => panic!("caselint temporary file cannot be read back: {e}"),
        }
        self.buf.resize(u32::from_le_bytes(len) as usize, 0);
        if let Err(e) = self.reader.read_exact(&mut self.buf) {
            panic!("caselint temporary file damaged: {e}");
        }
        Some(&self.buf)
    }
}

/// Records read back together and decoded in parallel.
const READ_AHEAD: usize = 512;

/// The encoded bytes of a few records, one after another.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Batch {
    fn push(&mut self, record: &[u8]) {
        self.bytes.extend_from_slice(record);
        self.ends.push(self.bytes.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    /// The records, decoded on the worker threads, in order.
    fn decode<T: DeserializeOwned + Send>(&self) -> Vec<T> {
        use rayon::prelude::*;
        (0..self.ends.len())
            .into_par_iter()
            .with_min_len(32)
            .map(|k| {
                let start = if k == 0 { 0 } else { self.ends[k - 1] };
                decode(&self.bytes[start..self.ends[k]])
            })
            .collect()
    }
}

/// Only this list writes the file; a record that does not read back means the temporary folder
/// was tampered with or failed.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> T {
    postcard::from_bytes(bytes).unwrap_or_else(|e| panic!("caselint temporary file damaged: {e}"))
}

impl<T: Serialize + DeserializeOwned + Clone + Send> FromIterator<T> for Spill<T> {
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
            error: OnceLock::new(),
            encoded: Vec::new(),
        }
    }
}

/// A writer that takes `left` bytes, then fails as a full disk does.
#[cfg(test)]
struct Full {
    inner: File,
    left: usize,
}

#[cfg(test)]
impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        self.inner.write(&buf[..n])
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
impl<T> Spill<T> {
    /// From now on (tests only) the temporary file takes `left` more bytes, then the disk is full.
    pub(crate) fn fill_disk_after(&mut self, left: usize) {
        let disk = self.disk.as_ref().expect("on disk");
        let mut w = disk.writer.lock().unwrap();
        w.flush().unwrap();
        #[cfg(unix)]
        let inner = disk.file.try_clone().unwrap();
        #[cfg(not(unix))]
        let inner = disk.file.reopen().unwrap();
        let mut inner = inner;
        use std::io::Seek;
        inner.seek(std::io::SeekFrom::End(0)).unwrap();
        *w = BufWriter::with_capacity(64 * 1024, Box::new(Full { inner, left }));
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

    /// The disk fills while the last records are still in the write buffer: nothing panics, the
    /// list reports the error, and the run ends with the storage error (exit 2), not a result
    /// missing records.
    #[test]
    fn a_full_disk_at_the_final_write_is_an_error_not_a_panic() {
        let mut s = Spill::new(4);
        for n in 0..10 {
            s.push(rec(n));
        }
        s.fill_disk_after(10);
        for n in 10..20 {
            s.push(rec(n)); // buffered: no error yet
        }
        assert_eq!(s.error(), None);
        let seen = s.to_vec(); // the read flushes, the flush fails
        assert!(seen.len() < 20, "{}", seen.len());
        assert!(s.error().unwrap().contains("No space"), "{:?}", s.error());
    }

    #[cfg(not(unix))]
    #[test]
    fn the_file_is_removed_with_the_list() {
        let mut s = Spill::new(0);
        s.push(rec(1));
        let path = s.disk.as_ref().unwrap().file.path().to_path_buf();
        assert!(path.exists());
        drop(s);
        assert!(!path.exists());
    }

    /// On Unix the file never has a name, so a killed run leaves nothing behind.
    #[cfg(unix)]
    #[test]
    fn the_file_has_no_name() {
        use std::os::unix::fs::MetadataExt;
        let mut s = Spill::new(0);
        s.push(rec(1));
        let meta = s.disk.as_ref().unwrap().file.metadata().unwrap();
        assert_eq!(
            meta.nlink(),
            0,
            "the temporary file is linked into a folder"
        );
        assert_eq!(s.to_vec(), [rec(1)]);
    }
}

//! `.xlsx` sheets streamed: calamine's cell reader parses the sheet on one thread while the rows
//! already parsed become cases and are checked on the others — rather than the whole sheet
//! first becoming a range (one core busy, the sheet in memory twice) and only then cases.
//!
//! The result is the range path's (`sheet`): the same header, places, skipped rows and
//! diagnostics. A sheet the stream cannot read exactly as calamine's range would — an error or
//! a panic in calamine, rows out of order, a column past Excel's last — is read again as a
//! range, its streamed cases dropped, so it is reported exactly as before.
//!
//! Cells are first read as records whose values can be moved out (no copy of every string);
//! a sheet with a formula is streamed again with calamine's plain cell reader, which reads a
//! formula's cell the way the range does.

use super::sheet::{first_filled, Header, ROW_BATCH};
use super::*;
use calamine::{DataRef, Xlsx, XlsxCellReader};
use std::io::{Read, Seek};

/// Why a sheet's stream stopped short; what it handed on is void.
enum Fallback {
    /// Stream it again, with calamine's plain cell reader: the record reader met a formula (or
    /// an error, or a panic, that may be the formula's).
    Plain,
    /// Read it as a range.
    Range,
}

/// Cells parsed into one batch at most (wide rows make smaller batches).
const BATCH_CELLS: usize = ROW_BATCH * 64;

/// Rows checked as one piece of a batch (see [`ExcelReader::check_rows`]).
const CHECK_PIECE: usize = 16;

/// Excel's last column (XFD); a cell past it would make a row huge.
const MAX_COL: u32 = 16_383;

/// Whole rows, each dense from column A, in one buffer.
#[derive(Default)]
struct Rows {
    cells: Vec<Data>,
    /// Each row's absolute index and its cells in `cells`.
    spans: Vec<(u32, std::ops::Range<usize>)>,
}

impl Rows {
    fn row(&self, i: usize) -> &[Data] {
        &self.cells[self.spans[i].1.clone()]
    }
}

/// A sheet's rows, in order, from calamine's stream of cells.
struct RowStream<'a, RS: Read + Seek> {
    cells: XlsxCellReader<'a, RS>,
    /// Read with `next_cell` (a copy of each value), not as records.
    plain: bool,
    /// The first cell of the next row, read while looking for the end of the current one.
    carry: Option<(u32, u32, Data)>,
    /// The last row read.
    last: Option<u32>,
    /// The stream is at the sheet's end (calamine must not be asked again).
    done: bool,
    /// The leftmost column of a cell so far.
    min_col: u32,
    /// Once rows are checked, the column their places assume is the sheet's leftmost: a cell
    /// further left would move them all.
    floor: Option<u32>,
}

impl<RS: Read + Seek> RowStream<'_, RS> {
    /// The next cell the range would keep (calamine's range leaves out empty cells).
    fn cell(&mut self) -> Result<Option<(u32, u32, Data)>, Fallback> {
        while !self.done {
            let ((row, col), v) = if self.plain {
                let Some(c) = self.cells.next_cell().map_err(|_| Fallback::Range)? else {
                    self.done = true;
                    break;
                };
                if matches!(c.get_value(), DataRef::Empty) {
                    continue;
                }
                (c.get_position(), Data::from(c.get_value().clone()))
            } else {
                let next = self.cells.next_cell_with_formula_metadata();
                let Some(c) = next.map_err(|_| Fallback::Plain)? else {
                    self.done = true;
                    break;
                };
                // `next_cell` takes a cell's elements in their order (an `<f>` after its
                // `<v>` empties it); the record does not say which came first.
                if c.formula.is_some() {
                    return Err(Fallback::Plain);
                }
                if matches!(c.value, DataRef::Empty) {
                    continue;
                }
                (c.pos, Data::from(c.value))
            };
            if col > MAX_COL || self.floor.is_some_and(|floor| col < floor) {
                return Err(Fallback::Range);
            }
            self.min_col = self.min_col.min(col);
            return Ok(Some((row, col, v)));
        }
        Ok(None)
    }

    /// Appends the next whole row to `to`; `false` at the sheet's end.
    fn next(&mut self, to: &mut Rows) -> Result<bool, Fallback> {
        let (row, col, v) = match self.carry.take() {
            Some(c) => c,
            None => match self.cell()? {
                Some(c) => c,
                None => return Ok(false),
            },
        };
        // A row met again (or rows going back) would change rows already checked; Excel
        // never writes one, and the range path gives whatever calamine makes of it.
        if self.last.is_some_and(|last| row <= last) {
            return Err(Fallback::Range);
        }
        self.last = Some(row);
        let start = to.cells.len();
        put(&mut to.cells, start, col, v);
        loop {
            match self.cell()? {
                Some((r, c, v)) if r == row => put(&mut to.cells, start, c, v),
                other => {
                    self.carry = other;
                    break;
                }
            }
        }
        to.spans.push((row, start..to.cells.len()));
        Ok(true)
    }

    /// Fills `rows` (empty) with the next batch of whole rows; none at the sheet's end.
    fn batch(&mut self, rows: &mut Rows) -> Result<(), Fallback> {
        while rows.spans.len() < ROW_BATCH && rows.cells.len() < BATCH_CELLS {
            if !self.next(rows)? {
                break;
            }
        }
        Ok(())
    }
}

/// Sets column `col` of the row that begins at `start`; a later cell at the same place
/// replaces the earlier one, as in calamine's range.
fn put(cells: &mut Vec<Data>, start: usize, col: u32, v: Data) {
    let i = start + col as usize;
    if cells.len() <= i {
        cells.resize(i + 1, Data::Empty);
    }
    cells[i] = v;
}

/// Runs calamine (through `f`) where a panic means the sheet is read another way.
fn guarded<R>(plain: bool, f: impl FnOnce() -> Result<R, Fallback>) -> Result<R, Fallback> {
    let fallback = if plain {
        Fallback::Range
    } else {
        Fallback::Plain
    };
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(Err(fallback))
}

impl ExcelReader<'_> {
    /// Streams one sheet: its rows' results go to `absorb` in batches in row order, its
    /// file-level diagnostics are returned; `None` when it must be read as a range instead
    /// (what it gave `absorb` is then void).
    pub(super) fn stream_sheet<T: Send, RS: Read + Seek>(
        &self,
        wb: &mut Xlsx<RS>,
        name: &str,
        date1904: bool,
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
        absorb: &mut dyn FnMut(LedgerRows<T>),
    ) -> Option<Vec<Diagnostic>> {
        match self.stream_as(false, wb, name, date1904, check, absorb) {
            Ok(diags) => Some(diags),
            Err(Fallback::Plain) => {
                absorb(LedgerRows::SheetVoid);
                self.stream_as(true, wb, name, date1904, check, absorb).ok()
            }
            Err(Fallback::Range) => None,
        }
    }

    /// [`ExcelReader::stream_sheet`] with cells read as records, or `plain`.
    fn stream_as<T: Send, RS: Read + Seek>(
        &self,
        plain: bool,
        wb: &mut Xlsx<RS>,
        name: &str,
        date1904: bool,
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
        absorb: &mut dyn FnMut(LedgerRows<T>),
    ) -> Result<Vec<Diagnostic>, Fallback> {
        let cells = guarded(true, move || {
            wb.worksheet_cells_reader(name).map_err(|_| Fallback::Range)
        })?;
        let mut stream = RowStream {
            cells,
            plain,
            carry: None,
            last: None,
            done: false,
            min_col: u32::MAX,
            floor: None,
        };
        let mut out = Vec::new();
        // The header: the first of the first HEADER_SEARCH_ROWS rows, counted from the first
        // row with a cell (the range's first row), that names enough known columns.
        let mut head = Rows::default();
        let header = guarded(plain, || {
            while stream.next(&mut head)? {
                let i = head.spans.len() - 1;
                if head.spans[i].0 - head.spans[0].0 >= HEADER_SEARCH_ROWS as u32 {
                    break;
                }
                if self.is_header(head.row(i)) {
                    return Ok(Some(i));
                }
            }
            Ok(None)
        })?;
        let Some(h) = header else {
            // F004 at the first filled cell, wherever it is; the rest is read all the same,
            // for an error further down is what the range path would report.
            let mut first = (0..head.spans.len())
                .find_map(|i| first_filled(head.row(i)).map(|c| (head.spans[i].0, c)));
            guarded(plain, || {
                let mut rows = Rows::default();
                while stream.next(&mut rows)? {
                    if first.is_none() {
                        first = first_filled(rows.row(0)).map(|c| (rows.spans[0].0, c));
                    }
                    rows = Rows::default();
                }
                Ok(())
            })?;
            if let Some((r, c)) = first {
                out.push(self.no_header(name, (0, 0), r as usize, c));
            }
            return Ok(out);
        };
        let header_row = head.spans[h].0 as usize;
        // A row's place is in the range's first column, the leftmost of the whole sheet: the
        // leftmost so far, and any cell further left sends the sheet to the range path.
        stream.floor = Some(stream.min_col);
        let header = self.header(
            name,
            (0, 0),
            stream.min_col,
            date1904,
            header_row,
            head.row(h),
            &mut out,
        );
        drop(head);
        // While the workers check one batch, this thread parses the next (and helps check it
        // once parsed); batches are handed on in row order. The two batches' buffers take
        // turns, so parsing does not keep asking for fresh memory.
        let mut pending: Option<Rows> = None;
        let mut spare = Rows::default();
        loop {
            let mut checked = None;
            let mut next = std::mem::take(&mut spare);
            let parsed = rayon::in_place_scope(|s| {
                if let Some(mut rows) = pending.take() {
                    let (header, checked) = (&header, &mut checked);
                    s.spawn(move |_| {
                        let batch = self.check_rows(header, &rows, check);
                        rows.cells.clear();
                        rows.spans.clear();
                        *checked = Some((batch, rows));
                    });
                }
                guarded(plain, || stream.batch(&mut next))
            });
            if let Some((batch, rows)) = checked {
                absorb(LedgerRows::Batch(batch));
                spare = rows;
            }
            match parsed {
                Ok(()) if !next.spans.is_empty() => pending = Some(next),
                Ok(()) => break,
                Err(fallback) => return Err(fallback),
            }
        }
        Ok(out)
    }

    /// A batch's data rows checked on the workers, in row order.
    fn check_rows<T: Send>(
        &self,
        header: &Header,
        rows: &Rows,
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
    ) -> Vec<T> {
        // Pieces of at most CHECK_PIECE rows: rayon splits a range further only when a piece
        // is stolen, so without a cap the worker checking the batch takes the second half as
        // one piece too, and this thread, once it has parsed the next batch, finds nothing to
        // help with and waits (measured: one core idle a sixth of the scan).
        rows.spans
            .par_iter()
            .with_max_len(CHECK_PIECE)
            .filter_map(|(r, span)| {
                self.check_row(header, *r as usize, &rows.cells[span.clone()], check)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;

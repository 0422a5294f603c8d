//! The walk over a workbook's sheets, and what both ways of reading a sheet share: find the
//! header row, map its columns, check the data rows in batches. `.xlsx` sheets are streamed
//! (`stream`); other formats, and a sheet the stream cannot read exactly as a range, are read
//! here as a whole calamine range.

use super::*;

/// A sheet's header: the context its rows are read in, and its texts (to spot it repeated).
pub(super) struct Header<'s> {
    pub(super) sheet: SheetCtx<'s>,
    pub(super) texts: Vec<Option<String>>,
}

impl ExcelReader<'_> {
    /// Reads every worksheet; each data row becomes a case that `check` turns into a `T` (on
    /// the worker threads); `absorb` gets them in row order, in batches, each sheet's after a
    /// [`LedgerRows::SheetStart`]. Returns file-level diagnostics (F001, F004, F005). Never
    /// panics on bad input; the file is opened read-only.
    pub fn read<T: Send>(
        &self,
        path: &Path,
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
        absorb: &mut dyn FnMut(LedgerRows<T>),
    ) -> Vec<Diagnostic> {
        self.read_as(path, true, check, absorb)
    }

    /// [`ExcelReader::read`], with `.xlsx` sheets streamed or (`stream` false, for the tests
    /// that hold the two ways equal) read as ranges like the other formats.
    pub(super) fn read_as<T: Send>(
        &self,
        path: &Path,
        stream: bool,
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
        absorb: &mut dyn FnMut(LedgerRows<T>),
    ) -> Vec<Diagnostic> {
        let f001 = DiagnosticKind::Unreadable;
        let mut out = Vec::new();
        // calamine parses hostile bytes; a panic inside it must become a finding, not a crash.
        let opened = catch_unwind(|| calamine::open_workbook_auto(path));
        let mut wb = match opened {
            Ok(Ok(wb)) => wb,
            Ok(Err(e)) => {
                out.push(Diagnostic::new(
                    f001,
                    Place::File,
                    "workbook",
                    self.open_error(&e),
                ));
                return out;
            }
            Err(_) => {
                out.push(Diagnostic::new(
                    f001,
                    Place::File,
                    "workbook",
                    self.crash_message(None),
                ));
                return out;
            }
        };
        let date1904 = match &wb {
            Sheets::Xlsx(x) => x.has_1904_epoch(),
            Sheets::Xls(x) => x.has_1904_epoch(),
            Sheets::Xlsb(x) => x.has_1904_epoch(),
            // ODS stores dates as ISO text, never as serials.
            Sheets::Ods(_) => false,
        };
        // `sheets_metadata` rather than `sheet_names`: chart sheets and macro modules hold no
        // rows and would otherwise be reported as unreadable.
        let sheets: Vec<String> = wb
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        for name in &sheets {
            absorb(LedgerRows::SheetStart);
            if let (true, Sheets::Xlsx(x)) = (stream, &mut wb) {
                match self.stream_sheet(x, name, date1904, check, absorb) {
                    Some(diags) => {
                        out.extend(diags);
                        continue;
                    }
                    None => absorb(LedgerRows::SheetVoid),
                }
            }
            let range = catch_unwind(AssertUnwindSafe(|| wb.worksheet_range(name)));
            match range {
                Ok(Ok(range)) => self.read_sheet(name, &range, date1904, &mut out, check, absorb),
                Ok(Err(e)) => out.push(Diagnostic::new(
                    f001,
                    Place::cell(name, 0, 0),
                    format!("sheet:{name}"),
                    match self.lang {
                        Lang::Zh => format!("工作表“{name}”无法读取：{e}"),
                        Lang::En => format!("worksheet `{name}` cannot be read: {e}"),
                    },
                )),
                Err(_) => out.push(Diagnostic::new(
                    f001,
                    Place::cell(name, 0, 0),
                    format!("sheet:{name}"),
                    self.crash_message(Some(name)),
                )),
            }
        }
        out
    }

    fn open_error(&self, e: &calamine::Error) -> String {
        use calamine::{Error, XlsError, XlsxError};
        let encrypted = matches!(
            e,
            Error::Xlsx(XlsxError::Password) | Error::Xls(XlsError::Password)
        );
        match (self.lang, encrypted) {
            (Lang::Zh, true) => format!("工作簿已加密（设有打开密码），无法读取（{e}）"),
            (Lang::En, true) => format!("the workbook is encrypted (password-protected): {e}"),
            (Lang::Zh, false) => {
                format!("无法打开工作簿（文件损坏、不是 Excel 文件或无法访问）：{e}")
            }
            (Lang::En, false) => {
                format!(
                    "cannot open the workbook (corrupt, not an Excel file, or inaccessible): {e}"
                )
            }
        }
    }

    fn crash_message(&self, sheet: Option<&str>) -> String {
        match (self.lang, sheet) {
            (Lang::Zh, None) => "工作簿结构异常，读取器无法解析".into(),
            (Lang::En, None) => "the workbook's structure is broken; the reader gave up".into(),
            (Lang::Zh, Some(s)) => format!("工作表“{s}”结构异常，读取器无法解析"),
            (Lang::En, Some(s)) => format!("worksheet `{s}` is broken; the reader gave up"),
        }
    }

    /// Finds the header, reports unknown columns, and hands the data rows' results to `absorb`.
    fn read_sheet<T: Send>(
        &self,
        name: &str,
        range: &Range<Data>,
        date1904: bool,
        out: &mut Vec<Diagnostic>,
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
        absorb: &mut dyn FnMut(LedgerRows<T>),
    ) {
        let Some(origin) = range.start() else {
            return; // an empty sheet: nothing to read, nothing wrong
        };
        let header = range
            .rows()
            .take(HEADER_SEARCH_ROWS)
            .position(|row| self.is_header(row));
        let Some(header_row) = header else {
            let first = range
                .rows()
                .enumerate()
                .find_map(|(r, row)| first_filled(row).map(|c| (r, c)));
            if let Some((r, c)) = first {
                out.push(self.no_header(name, origin, r, c));
            }
            return;
        };
        let Some(header_cells) = range.rows().nth(header_row) else {
            return;
        };
        let header = self.header(
            name,
            origin,
            origin.1,
            date1904,
            header_row,
            header_cells,
            out,
        );
        // Rows become cases and are checked on the worker threads, a batch at a time, handed
        // on in row order: a ledger is one file, so this is where its rows use more than one core.
        let rows: Vec<(usize, &[Data])> = range.rows().enumerate().skip(header_row + 1).collect();
        for batch in rows.chunks(ROW_BATCH) {
            absorb(LedgerRows::Batch(
                batch
                    .par_iter()
                    .filter_map(|&(rel_row, row)| self.check_row(&header, rel_row, row, check))
                    .collect(),
            ));
        }
    }

    /// Whether `row` names at least [`MIN_HEADER_MATCHES`] known columns.
    pub(super) fn is_header(&self, row: &[Data]) -> bool {
        row.iter()
            .filter_map(cell_str)
            .filter(|t| self.aliases.column(t).is_some())
            .count()
            >= MIN_HEADER_MATCHES
    }

    /// F004 for a sheet without a header, at its first filled cell (`rel_row`, `rel_col` from
    /// `origin`).
    pub(super) fn no_header(
        &self,
        name: &str,
        origin: (u32, u32),
        rel_row: usize,
        rel_col: usize,
    ) -> Diagnostic {
        let at = Place::cell(
            name,
            origin.0.saturating_add(rel_row as u32),
            origin.1.saturating_add(rel_col as u32),
        );
        Diagnostic::new(
            DiagnosticKind::NoHeaderRow,
            at,
            format!("sheet:{name}"),
            match self.lang {
                Lang::Zh => format!(
                    "工作表“{name}”前 {HEADER_SEARCH_ROWS} 行中没有可识别的表头（至少 {MIN_HEADER_MATCHES} 个已知列名），其数据未被读取"
                ),
                Lang::En => format!(
                    "worksheet `{name}` has no recognisable header (at least {MIN_HEADER_MATCHES} known column names) in its first {HEADER_SEARCH_ROWS} rows; its data was not read"
                ),
            },
        )
    }

    /// Maps the header row's known columns (the first column naming a field counts); each
    /// unknown column is an F005 in `out`. Positions are relative to `origin`; a row's own
    /// place is in column `first_col`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn header<'s>(
        &self,
        name: &'s str,
        origin: (u32, u32),
        first_col: u32,
        date1904: bool,
        header_row: usize,
        cells: &[Data],
        out: &mut Vec<Diagnostic>,
    ) -> Header<'s> {
        let mut sheet = SheetCtx {
            name,
            origin,
            first_col,
            date1904,
            cols: Cols::default(),
            steps: Default::default(),
            step_fields: Vec::new(),
        };
        let texts: Vec<Option<String>> = cells.iter().map(cell_text).collect();
        for (rel, text) in texts.iter().enumerate() {
            let Some(text) = text else { continue };
            match self.aliases.column(text) {
                Some((column, unit)) => {
                    if sheet.cols.contains_key(&column.field) {
                        continue; // a second column for the same field: the first one counts
                    }
                    if let Some(step) = &column.step {
                        std::sync::Arc::make_mut(&mut sheet.steps).insert(step.clone());
                        sheet.step_fields.push(StepCol {
                            step: step.clone(),
                            field: column.field.clone(),
                            raw_kind: format!("{}(台账)", self.aliases.documents.name(step)),
                        });
                    }
                    if let Some(step) = &column.covers {
                        std::sync::Arc::make_mut(&mut sheet.steps).insert(step.clone());
                    }
                    sheet.cols.insert(
                        column.field.clone(),
                        Col {
                            rel,
                            header: text.clone(),
                            unit,
                        },
                    );
                }
                None => out.push(Diagnostic::new(
                    DiagnosticKind::UnknownField,
                    sheet.place(header_row, rel),
                    format!("column:{text}@{name}"),
                    match self.lang {
                        Lang::Zh => format!("工作表“{name}”的列“{text}”未识别，其内容不会被检查"),
                        Lang::En => format!(
                            "column `{text}` of worksheet `{name}` is not known; it is not checked"
                        ),
                    },
                )),
            }
        }
        Header { sheet, texts }
    }

    /// One row below the header: `check` of its case, or `None` for a blank row, the header
    /// repeated or a totals row.
    pub(super) fn check_row<T>(
        &self,
        header: &Header,
        rel_row: usize,
        row: &[Data],
        check: &(dyn Fn(Case, Vec<Diagnostic>) -> T + Sync),
    ) -> Option<T> {
        if row.iter().all(is_blank) || is_repeated_header(row, &header.texts) || is_total(row) {
            return None;
        }
        let (case, diags) = RowReader {
            reader: self,
            sheet: &header.sheet,
            row,
            rel_row,
            out: Vec::new(),
        }
        .case();
        Some(check(case, diags))
    }
}

/// The column of a row's first filled cell (an error cell counts: it is data).
pub(super) fn first_filled(row: &[Data]) -> Option<usize> {
    row.iter().position(|c| !is_blank(c))
}

/// Rows checked together.
pub(super) const ROW_BATCH: usize = 512;

/// A header repeated further down (printed ledgers repeat it on every page).
fn is_repeated_header(row: &[Data], header: &[Option<String>]) -> bool {
    let mut any = false;
    for (i, cell) in row.iter().enumerate() {
        if let Some(t) = cell_str(cell) {
            if header.get(i).and_then(Option::as_deref) != Some(&*t) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// A totals row (`合计`, `总计`, `小计`) closing the table: not a case.
fn is_total(row: &[Data]) -> bool {
    // At most 合计： in any spacing: anything longer is not a totals label (no copy then).
    row.iter().find_map(cell_str).is_some_and(|t| {
        let mut chars = t.chars().filter(|c| !c.is_whitespace());
        let label: [Option<char>; 4] = std::array::from_fn(|_| chars.next());
        matches!(
            label,
            [Some('合' | '总' | '小'), Some('计'), None, None]
                | [Some('合'), Some('计'), Some(':' | '：'), None]
        )
    })
}

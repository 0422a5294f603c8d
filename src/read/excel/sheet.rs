//! Header detection and the walk over a workbook's sheets: find each sheet's header row, map
//! its columns, hand the data rows to the row reader (the parent module) in batches.

use super::*;

impl ExcelReader<'_> {
    /// Reads every worksheet; `sink` gets the data rows as cases with their diagnostics, in row
    /// order and in batches; returns file-level diagnostics (F001, F004, F005). Never panics on bad input; the file is opened
    /// read-only.
    pub fn read(
        &self,
        path: &Path,
        sink: &mut (dyn FnMut(Vec<(Case, Vec<Diagnostic>)>) + Send),
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
            let range = catch_unwind(AssertUnwindSafe(|| wb.worksheet_range(name)));
            match range {
                Ok(Ok(range)) => self.read_sheet(name, &range, date1904, &mut out, sink),
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

    /// Finds the header, reports unknown columns, and sends the data rows' cases to `sink`.
    fn read_sheet(
        &self,
        name: &str,
        range: &Range<Data>,
        date1904: bool,
        out: &mut Vec<Diagnostic>,
        sink: &mut (dyn FnMut(Vec<(Case, Vec<Diagnostic>)>) + Send),
    ) {
        let Some(origin) = range.start() else {
            return; // an empty sheet: nothing to read, nothing wrong
        };
        let mut sheet = SheetCtx {
            name,
            origin,
            date1904,
            cols: HashMap::new(),
            steps: BTreeSet::new(),
            step_fields: Vec::new(),
        };
        let header = range.rows().take(HEADER_SEARCH_ROWS).position(|row| {
            row.iter()
                .filter_map(cell_text)
                .filter(|t| self.aliases.column(t).is_some())
                .count()
                >= MIN_HEADER_MATCHES
        });
        let Some(header_row) = header else {
            let first = range
                .rows()
                .enumerate()
                .find_map(|(r, row)| row.iter().position(|c| !is_blank(c)).map(|c| (r, c)));
            if let Some((r, c)) = first {
                out.push(Diagnostic::new(
                    DiagnosticKind::NoHeaderRow,
                    sheet.place(r, c),
                    format!("sheet:{name}"),
                    match self.lang {
                        Lang::Zh => format!(
                            "工作表“{name}”前 {HEADER_SEARCH_ROWS} 行中没有可识别的表头（至少 {MIN_HEADER_MATCHES} 个已知列名），其数据未被读取"
                        ),
                        Lang::En => format!(
                            "worksheet `{name}` has no recognisable header (at least {MIN_HEADER_MATCHES} known column names) in its first {HEADER_SEARCH_ROWS} rows; its data was not read"
                        ),
                    },
                ));
            }
            return;
        };
        let Some(header_cells) = range.rows().nth(header_row) else {
            return;
        };
        let header_texts: Vec<Option<String>> = header_cells.iter().map(cell_text).collect();
        for (rel, text) in header_texts.iter().enumerate() {
            let Some(text) = text else { continue };
            match self.aliases.column(text) {
                Some((column, unit)) => {
                    if sheet.cols.contains_key(&column.field) {
                        continue; // a second column for the same field: the first one counts
                    }
                    if let Some(step) = &column.step {
                        sheet.steps.insert(step.clone());
                        sheet.step_fields.push((step.clone(), column.field.clone()));
                    }
                    if let Some(step) = &column.covers {
                        sheet.steps.insert(step.clone());
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
        // Rows become cases on the worker threads, a batch at a time, handed on in row order:
        // a ledger is one file, so this is where its rows use more than one core.
        let data_rows: Vec<(usize, &[Data])> = range
            .rows()
            .enumerate()
            .skip(header_row + 1)
            .filter(|(_, row)| {
                !(row.iter().all(is_blank)
                    || is_repeated_header(row, &header_texts)
                    || is_total(row))
            })
            .collect();
        // While `sink` checks one batch, the next batch's rows become cases beside it, so no
        // core waits at the end of either step.
        let mut pending: Option<Vec<(Case, Vec<Diagnostic>)>> = None;
        for batch in data_rows.chunks(ROW_BATCH) {
            let build = || {
                batch
                    .par_iter()
                    .map(|&(rel_row, row)| {
                        RowReader {
                            reader: self,
                            sheet: &sheet,
                            row,
                            rel_row,
                            out: Vec::new(),
                        }
                        .case()
                    })
                    .collect::<Vec<_>>()
            };
            let cases = match pending.take() {
                Some(done) => rayon::join(|| sink(done), build).1,
                None => build(),
            };
            pending = Some(cases);
        }
        if let Some(done) = pending {
            sink(done);
        }
    }
}

/// Rows turned into cases together.
const ROW_BATCH: usize = 512;

/// A header repeated further down (printed ledgers repeat it on every page).
fn is_repeated_header(row: &[Data], header: &[Option<String>]) -> bool {
    let mut any = false;
    for (i, cell) in row.iter().enumerate() {
        if let Some(t) = cell_text(cell) {
            if header.get(i).and_then(Option::as_deref) != Some(t.as_str()) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// A totals row (`合计`, `总计`, `小计`) closing the table: not a case.
fn is_total(row: &[Data]) -> bool {
    row.iter().find_map(cell_text).is_some_and(|t| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        matches!(t.as_str(), "合计" | "总计" | "小计" | "合计:" | "合计：")
    })
}

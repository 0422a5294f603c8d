//! The working-day calendar and the period arithmetic the procedure rules need.
//!
//! 行政处罚法 (2021) art. 85 makes its 二日/三日/五日/七日 periods working days (工作日, legal.md
//! §1.1), and a working day depends on the State Council's yearly holiday notice, including the
//! 调休 make-up working days — so it cannot be computed from the weekday alone. Other periods are
//! calendar days whose last day moves to the next working day when it is a rest day or holiday
//! (rules.md "Dates"; 公安机关办理行政案件程序规定 art. 35, legal.md §1.2 "day counting").
//!
//! The data is `checks/calendar/<year>.toml` (see its README.md). A year the data does not hold
//! is *not covered*: every answer that needs it is `None`, so a check reports "not checkable"
//! instead of guessing (rules.md "Dates").
//!
//! Counting convention everywhere: the period starts the day *after* the event (期间开始之日不计算在内).

use crate::data::{DataError, SHIPPED};
use crate::finding::Lang;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;
use toml::Spanned;

/// The verification marks of legal.md; a calendar file must carry one.
const MARKS: [&str; 4] = ["VERIFIED", "SECONDARY", "UNVERIFIED", "DERIVED"];

/// One `checks/calendar/<year>.toml` file as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: Spanned<i32>,
    source: Spanned<String>,
    mark: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)] // kept in the data for people; the checks need only the dates
    papers: Vec<String>,
    /// Date → holiday name; days off (statutory holidays and the rest of a holiday block).
    #[serde(default)]
    holidays: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Date → holiday name; 调休 make-up working days.
    #[serde(default)]
    workdays: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A date the holiday notices name: a day off or a make-up working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    /// The holiday it belongs to, e.g. `国庆节`.
    pub name: String,
    /// `true`: a day off; `false`: a 调休 make-up working day.
    pub off: bool,
}

/// Which days are working days, for the years the data holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeSet<i32>,
    special: HashMap<NaiveDate, SpecialDay>,
    /// Derived from the two above at load: the deadline rules ask about every day of every
    /// period, so each answer is one array read.
    days: DayIndex,
}

/// Whether each day from 1 January of the first covered year to 31 December of the last is a
/// working day (`Some(true)`), a day off (`Some(false)`) or in a year not covered (`None`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DayIndex {
    /// Days since the common era of `days[0]`.
    first: i32,
    days: Vec<Option<bool>>,
}

impl DayIndex {
    fn of(years: &BTreeSet<i32>, special: &HashMap<NaiveDate, SpecialDay>) -> DayIndex {
        let (Some(&lo), Some(&hi)) = (years.first(), years.last()) else {
            return DayIndex::default();
        };
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(lo, 1, 1),
            NaiveDate::from_ymd_opt(hi, 12, 31),
        ) else {
            return DayIndex::default();
        };
        let days = start
            .iter_days()
            .take_while(|d| *d <= end)
            .map(|d| {
                years.contains(&d.year()).then(|| match special.get(&d) {
                    Some(s) => !s.off,
                    None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                })
            })
            .collect();
        DayIndex {
            first: start.num_days_from_ce(),
            days,
        }
    }

    fn get(&self, d: NaiveDate) -> Option<bool> {
        let i = usize::try_from(d.num_days_from_ce() - self.first).ok()?;
        self.days.get(i).copied().flatten()
    }
}

impl Calendar {
    /// The calendar shipped in `checks/calendar/` (2015–2026). Parsed once per process.
    ///
    /// Panics if the shipped data is invalid: it is built into the binary and checked by the
    /// tests, so that would be a build defect, not a user error.
    pub fn shipped() -> Calendar {
        static SHIPPED_CAL: OnceLock<Calendar> = OnceLock::new();
        SHIPPED_CAL
            .get_or_init(|| {
                let files = shipped_files();
                Calendar::from_files(&files).unwrap_or_else(|errs| {
                    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
                    panic!("shipped calendar data is invalid:\n{}", msgs.join("\n"))
                })
            })
            .clone()
    }

    /// Builds a calendar from `(file name, file text)` pairs, one year per file. Every problem
    /// in every file is reported at once, each with file:line:col: TOML errors and unknown keys,
    /// a key that is not a `YYYY-MM-DD` date, a date outside the file's `year`, a date listed as
    /// both holiday and workday, an empty name or source, a mark that is not one of legal.md's,
    /// a `year` that contradicts a numeric file name, and a year given by two files.
    pub fn from_files(files: &[(String, String)]) -> Result<Calendar, Vec<DataError>> {
        let mut cal = Calendar::default();
        let mut errors = Vec::new();
        let mut year_file: HashMap<i32, &str> = HashMap::new();
        for (name, text) in files {
            let parsed: YearFile = match crate::data::parse_toml(name, text) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let err_at = |span: std::ops::Range<usize>, msg: String| {
                DataError::at_offset(name, text, span.start, msg)
            };
            let year = *parsed.year.get_ref();
            let mut ok = true;
            let stem = std::path::Path::new(name)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("");
            if !stem.is_empty()
                && stem.bytes().all(|b| b.is_ascii_digit())
                && stem.parse() != Ok(year)
            {
                errors.push(err_at(
                    parsed.year.span(),
                    format!("file {stem} declares year = {year}; name the file after its year"),
                ));
                ok = false;
            }
            if let Some(first) = year_file.get(&year) {
                errors.push(err_at(
                    parsed.year.span(),
                    format!("year {year} is already given by {first}; one file per year"),
                ));
                ok = false;
            }
            if parsed.source.get_ref().trim().is_empty() {
                errors.push(err_at(
                    parsed.source.span(),
                    "source is empty: say where the dates come from".to_string(),
                ));
            }
            if !MARKS.contains(&parsed.mark.get_ref().as_str()) {
                errors.push(err_at(
                    parsed.mark.span(),
                    format!(
                        "mark `{}` is not one of {}",
                        parsed.mark.get_ref(),
                        MARKS.join(", ")
                    ),
                ));
            }
            // Dates of this file, to catch one listed both as holiday and as workday.
            let mut seen: HashMap<NaiveDate, &'static str> = HashMap::new();
            let mut days = Vec::new();
            for (table, off, map) in [
                ("holidays", true, &parsed.holidays),
                ("workdays", false, &parsed.workdays),
            ] {
                for (key, value) in map {
                    let Some(date) = parse_iso_date(key.get_ref()) else {
                        errors.push(err_at(
                            key.span(),
                            format!(
                                "`{}` in [{table}] is not a date; write YYYY-MM-DD",
                                key.get_ref()
                            ),
                        ));
                        continue;
                    };
                    if date.year() != year {
                        errors.push(err_at(
                            key.span(),
                            format!(
                                "{date} is outside this file's year {year}; put it in the file of year {}",
                                date.year()
                            ),
                        ));
                        continue;
                    }
                    if let Some(other) = seen.insert(date, table) {
                        errors.push(err_at(
                            key.span(),
                            format!("{date} is listed twice: in [{other}] and in [{table}]"),
                        ));
                        continue;
                    }
                    if value.get_ref().trim().is_empty() {
                        errors.push(err_at(
                            value.span(),
                            format!("{date} has an empty holiday name"),
                        ));
                        continue;
                    }
                    days.push((
                        date,
                        SpecialDay {
                            name: value.get_ref().trim().to_string(),
                            off,
                        },
                    ));
                }
            }
            if ok {
                year_file.insert(year, name);
                cal.years.insert(year);
                cal.special.extend(days);
            }
        }
        if errors.is_empty() {
            cal.days = DayIndex::of(&cal.years, &cal.special);
            Ok(cal)
        } else {
            Err(errors)
        }
    }

    /// Whether the data holds `d`'s year.
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.years.contains(&d.year())
    }

    /// The years the data holds, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// The notice's entry for `d`, if it names that date (for messages such as "国庆节").
    pub fn special_day(&self, d: NaiveDate) -> Option<&SpecialDay> {
        self.special.get(&d)
    }

    /// `Some(true)` on a working day: Monday–Friday unless a holiday, or a make-up working
    /// day. `None` when the year is not covered.
    pub fn is_working_day(&self, d: NaiveDate) -> Option<bool> {
        self.days.get(d)
    }

    /// Working days strictly after `start` up to and including `end` (the period starts the
    /// day after the event). Negative, by the same count, when `end` is before `start`.
    /// `None` if a day that must be counted lies in a year that is not covered.
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> Option<i64> {
        if end < start {
            return self.working_days_between(end, start).map(|n| -n);
        }
        let mut n = 0;
        let mut d = start;
        while d < end {
            d = d.succ_opt()?;
            if self.is_working_day(d)? {
                n += 1;
            }
        }
        Some(n)
    }

    /// The day on which a period of `n` working days after `start` ends, i.e. the n-th working
    /// day after `start` (start not counted; `n = 0` gives `start`). `None` if not covered.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt()?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Some(d)
    }

    /// `d` if it is a working day, else the first working day after it. `None` if that search
    /// reaches a year that is not covered.
    pub fn first_working_day_from(&self, d: NaiveDate) -> Option<NaiveDate> {
        let mut d = d;
        while !self.is_working_day(d)? {
            d = d.succ_opt()?;
        }
        Some(d)
    }

    /// Last day of a calendar-day period of `n` days after `start` (start not counted),
    /// moved to the first working day if it falls on a rest day or holiday (rules.md "Dates").
    /// `None` if the last day, or the extension, needs a year that is not covered — whether the
    /// plain last day is a holiday is itself unknown then.
    pub fn calendar_period_end(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let last = start.checked_add_days(Days::new(u64::from(n)))?;
        self.first_working_day_from(last)
    }
}

/// The shipped calendar files as `(name, text)`, sorted by name so errors come in a fixed order.
fn shipped_files() -> Vec<(String, String)> {
    let Some(dir) = SHIPPED.get_dir("calendar") else {
        return Vec::new();
    };
    let mut files: Vec<(String, String)> = dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .map(|f| {
            let name = format!("checks/{}", f.path().display());
            let text = f
                .contents_utf8()
                .unwrap_or_else(|| panic!("{name} is not UTF-8"))
                .to_string();
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// Strict `YYYY-MM-DD` (chrono alone would also take `2022-1-1`).
fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A period as the rules and data files state it: `5wd`, `90d`, `6m`, `2y`, or in Chinese
/// `5个工作日`, `90日`, `6个月`, `2年`.
///
/// How each kind ends ([`Period::end_after`]):
/// - working days: the n-th working day after the event (行政处罚法 art. 85);
/// - calendar days: n days after the event, moved to the first working day when that is a
///   rest day or holiday (rules.md "Dates");
/// - months and years: the same day n months / years later, clamped to the month's end
///   (2022-01-31 + 1 month = 2022-02-28). These are **not** moved off rest days: in caselint
///   they measure windows such as the art. 36 two/five-year limitation, which runs from the
///   violation to its discovery, not a deadline a party must meet on a working day. A rule that
///   does need the extension can apply [`Calendar::first_working_day_from`] itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    WorkingDays(u32),
    CalendarDays(u32),
    Months(u32),
    Years(u32),
}

/// A period string that is not one of the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub input: String,
    pub reason: &'static str,
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad period `{}`: {}; write <n>wd, <n>d, <n>m or <n>y, or <n>个工作日, <n>日, <n>个月 or <n>年, with n a whole number above 0 in digits (e.g. 5wd, 90d, 6个月)",
            self.input, self.reason
        )
    }
}

impl std::error::Error for PeriodError {}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Period, PeriodError> {
        let err = |reason| PeriodError {
            input: s.to_string(),
            reason,
        };
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(err("it does not start with a number"));
        }
        let n: u32 = s[..digits]
            .parse()
            .map_err(|_| err("the number is too large"))?;
        if n == 0 {
            return Err(err("a period of 0 is meaningless"));
        }
        match &s[digits..] {
            "wd" | "个工作日" => Ok(Period::WorkingDays(n)),
            "d" | "日" => Ok(Period::CalendarDays(n)),
            "m" | "个月" => Ok(Period::Months(n)),
            "y" | "年" => Ok(Period::Years(n)),
            "" => Err(err("the unit is missing")),
            _ => Err(err("the unit is not known")),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = PeriodError;
    fn try_from(s: String) -> Result<Period, PeriodError> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

/// The short ASCII form that parses back: `5wd`, `90d`, `6m`, `2y`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::WorkingDays(n) => write!(f, "{n}wd"),
            Period::CalendarDays(n) => write!(f, "{n}d"),
            Period::Months(n) => write!(f, "{n}m"),
            Period::Years(n) => write!(f, "{n}y"),
        }
    }
}

impl Period {
    /// The day the period ends when it runs from the event on `start` (see the type's doc for
    /// each kind). `None` when a working-day question needs a year the calendar lacks; month
    /// and year periods need no calendar and are `None` only past chrono's date range.
    pub fn end_after(&self, cal: &Calendar, start: NaiveDate) -> Option<NaiveDate> {
        match *self {
            Period::WorkingDays(n) => cal.add_working_days(start, n),
            Period::CalendarDays(n) => cal.calendar_period_end(start, n),
            Period::Months(n) => start.checked_add_months(Months::new(n)),
            Period::Years(n) => start.checked_add_months(Months::new(n.checked_mul(12)?)),
        }
    }

    /// The period for a reader: `5个工作日` / `5 working days`.
    pub fn label(&self, lang: Lang) -> String {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match (*self, lang) {
            (Period::WorkingDays(n), Lang::Zh) => format!("{n}个工作日"),
            (Period::CalendarDays(n), Lang::Zh) => format!("{n}日"),
            (Period::Months(n), Lang::Zh) => format!("{n}个月"),
            (Period::Years(n), Lang::Zh) => format!("{n}年"),
            (Period::WorkingDays(n), Lang::En) => plural(n, "working day", "working days"),
            (Period::CalendarDays(n), Lang::En) => plural(n, "day", "days"),
            (Period::Months(n), Lang::En) => plural(n, "month", "months"),
            (Period::Years(n), Lang::En) => plural(n, "year", "years"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal() -> Calendar {
        Calendar::shipped()
    }

    /// The day index answers exactly what the calendar's own data says, for every day of the
    /// covered years and a year either side (uncovered: `None`), also with a gap year.
    #[test]
    fn day_index_agrees_with_the_data() {
        let reference = |c: &Calendar, d: NaiveDate| -> Option<bool> {
            if !c.covers(d) {
                return None;
            }
            Some(match c.special_day(d) {
                Some(s) => !s.off,
                None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
            })
        };
        let shipped = cal();
        let mut gappy = shipped.clone();
        gappy.years.remove(&2020);
        gappy.days = DayIndex::of(&gappy.years, &gappy.special);
        for c in [&shipped, &gappy, &Calendar::default()] {
            let mut day = d("2013-12-25");
            while day <= d("2028-01-05") {
                assert_eq!(c.is_working_day(day), reference(c, day), "{day}");
                day = day.succ_opt().unwrap();
            }
        }
        assert_eq!(gappy.is_working_day(d("2020-06-01")), None);
        assert_eq!(gappy.add_working_days(d("2019-12-30"), 5), None);
        assert_eq!(shipped.is_working_day(d("2022-10-08")), Some(true));
        assert_eq!(shipped.is_working_day(d("2022-10-03")), Some(false));
    }

    /// The holiday-cn snapshot the data was converted from, vendored in `tests/data/holidays`
    /// (with its licence and SOURCE.md); `CASELINT_HOLIDAYS_DIR` overrides.
    fn holiday_json_dir() -> PathBuf {
        if let Ok(p) = std::env::var("CASELINT_HOLIDAYS_DIR") {
            return PathBuf::from(p);
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/holidays");
        assert!(dir.is_dir(), "the holiday-cn snapshot is missing: {dir:?}");
        dir
    }

    #[test]
    fn every_day_2015_to_2026_matches_the_source_json() {
        // Merge all upstream files by date: a December date can be in next year's file.
        let mut listed: HashMap<NaiveDate, (bool, String)> = HashMap::new();
        let dir = holiday_json_dir();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.ends_with(".json") || name == "schema.json" {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for day in v["days"].as_array().unwrap() {
                let date = d(day["date"].as_str().unwrap());
                let off = day["isOffDay"].as_bool().unwrap();
                listed.insert(date, (off, day["name"].as_str().unwrap().to_string()));
            }
        }
        assert!(listed.len() > 500, "read too few days from {dir:?}");
        let cal = cal();
        assert_eq!(cal.years(), (2015..=2026).collect::<Vec<_>>());
        let mut day = d("2015-01-01");
        let mut checked = 0;
        while day <= d("2026-12-31") {
            let expected = match listed.get(&day) {
                Some((off, _)) => !off,
                None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            };
            assert_eq!(cal.is_working_day(day), Some(expected), "{day}");
            assert_eq!(
                cal.special_day(day).map(|s| (s.off, s.name.clone())),
                listed.get(&day).cloned(),
                "{day}"
            );
            checked += 1;
            day = day.succ_opt().unwrap();
        }
        assert_eq!(checked, 4383); // 12 years, 3 of them leap years
    }

    #[test]
    fn known_days() {
        let cal = cal();
        let table = [
            ("2022-10-08", Some(true)),  // Saturday, 国庆 make-up working day
            ("2022-10-09", Some(true)),  // Sunday, make-up
            ("2022-10-03", Some(false)), // Monday, 国庆节
            ("2022-10-10", Some(true)),  // plain Monday
            ("2022-10-15", Some(false)), // plain Saturday
            ("2022-12-31", Some(false)), // Saturday; listed in the 2023 notice as 元旦
            ("2018-12-29", Some(true)),  // Saturday make-up, listed in the 2019 notice
            ("2018-12-31", Some(false)), // Monday, 元旦 from the 2019 notice
            ("2020-02-03", Some(true)),  // Monday listed as working (end of the 2020 extension)
            ("2020-01-31", Some(false)), // Friday, extended 春节
            ("2015-09-03", Some(false)), // Thursday, one-off 70th anniversary holiday
            ("2015-09-06", Some(true)),  // Sunday make-up
            ("2024-02-29", Some(true)),  // leap day, Thursday
            ("2014-12-31", None),
            ("2014-06-03", None),
            ("2027-01-01", None),
            ("2027-01-04", None),
        ];
        for (s, want) in table {
            assert_eq!(cal.is_working_day(d(s)), want, "{s}");
            assert_eq!(cal.covers(d(s)), want.is_some(), "{s}");
        }
        assert_eq!(cal.special_day(d("2022-10-03")).unwrap().name, "国庆节");
        assert!(!cal.special_day(d("2022-10-08")).unwrap().off);
        assert_eq!(cal.special_day(d("2022-10-10")), None);
    }

    #[test]
    fn add_working_days_table() {
        let cal = cal();
        let table = [
            // 2021-07-15 is a Thursday: Fri 16, Mon 19, Tue 20, Wed 21, Thu 22.
            ("2021-07-15", 5, Some("2021-07-22")),
            // Notice on Thu 2022-09-29: Fri 9-30 (1); 10-01..07 off; Sat 10-08 (2) and
            // Sun 10-09 (3) are make-up days; Mon 10-10 (4); Tue 10-11 (5).
            ("2022-09-29", 5, Some("2022-10-11")),
            ("2022-09-29", 1, Some("2022-09-30")),
            ("2022-09-29", 2, Some("2022-10-08")),
            ("2022-09-30", 1, Some("2022-10-08")),
            // From a holiday, the next working day counts as day 1.
            ("2022-10-03", 1, Some("2022-10-08")),
            // Friday + 1 skips the weekend.
            ("2022-11-04", 1, Some("2022-11-07")),
            // n = 0: the period ends on the event day itself.
            ("2022-10-03", 0, Some("2022-10-03")),
            // 春节 2023: off 01-21..01-27, make-up Sat 01-28 and Sun 01-29.
            ("2023-01-19", 2, Some("2023-01-28")),
            ("2023-01-19", 7, Some("2023-02-02")),
            // Across the year end into 2026-12 and out of the data.
            ("2026-12-28", 3, Some("2026-12-31")),
            ("2026-12-28", 4, None),
            ("2014-12-30", 1, None),
        ];
        for (start, n, want) in table {
            assert_eq!(
                cal.add_working_days(d(start), n),
                want.map(d),
                "{start} + {n}wd"
            );
        }
    }

    #[test]
    fn working_days_between_table() {
        let cal = cal();
        let table = [
            ("2022-09-29", "2022-10-11", Some(5)),
            ("2022-09-29", "2022-10-07", Some(1)), // only Fri 09-30
            ("2022-09-30", "2022-10-07", Some(0)),
            ("2022-10-11", "2022-09-29", Some(-5)),
            ("2022-10-11", "2022-10-11", Some(0)),
            ("2021-07-15", "2021-07-22", Some(5)),
            ("2022-01-01", "2022-12-31", Some(249)), // 2022: 249 working days by the data
            ("2014-12-30", "2015-01-05", None),
            ("2026-12-30", "2027-01-04", None),
        ];
        for (a, b, want) in table {
            assert_eq!(cal.working_days_between(d(a), d(b)), want, "{a}..{b}");
        }
        // Consistent with add_working_days.
        let start = d("2024-09-25");
        for n in 0..40 {
            let end = cal.add_working_days(start, n).unwrap();
            assert_eq!(cal.working_days_between(start, end), Some(i64::from(n)));
        }
    }

    #[test]
    fn calendar_period_end_table() {
        let cal = cal();
        let table = [
            // Plain: 2022-11-01 + 15 = Wed 11-16.
            ("2022-11-01", 15, Some("2022-11-16")),
            // Lands on Sunday 2022-11-20 → Monday 11-21.
            ("2022-11-05", 15, Some("2022-11-21")),
            // Lands on Saturday 2022-11-19 → Monday 11-21.
            ("2022-11-04", 15, Some("2022-11-21")),
            // Lands in 春节 2022 (off 01-31..02-06) → Mon 02-07.
            ("2022-01-17", 15, Some("2022-02-07")),
            // Lands in 春节 2023 (off 01-21..01-27) → the make-up Saturday 01-28 is a working day.
            ("2023-01-08", 15, Some("2023-01-28")),
            // Lands on the make-up Saturday 2022-10-08 itself: stays.
            ("2022-09-23", 15, Some("2022-10-08")),
            // Lands on 国庆 2022-10-01 → 10-08.
            ("2022-09-16", 15, Some("2022-10-08")),
            // 2022-12-31 (元旦, from the 2023 notice) → the holiday runs to Mon 2023-01-02 → Tue 01-03.
            ("2022-12-16", 15, Some("2023-01-03")),
            // 90-day decision limit across a year end.
            ("2021-10-01", 90, Some("2021-12-30")),
            // Needs 2027 / 2014: unknown.
            ("2026-12-20", 15, None),
            ("2014-12-20", 5, None),
            // Starts in an uncovered year but ends in a covered one: fine.
            ("2014-12-20", 15, Some("2015-01-04")),
        ];
        for (start, n, want) in table {
            assert_eq!(
                cal.calendar_period_end(d(start), n),
                want.map(d),
                "{start} + {n}d"
            );
        }
    }

    #[test]
    fn period_parse_table() {
        let ok = [
            ("5wd", Period::WorkingDays(5)),
            ("7个工作日", Period::WorkingDays(7)),
            ("90d", Period::CalendarDays(90)),
            ("15日", Period::CalendarDays(15)),
            ("6m", Period::Months(6)),
            ("6个月", Period::Months(6)),
            ("2y", Period::Years(2)),
            ("5年", Period::Years(5)),
            ("1d", Period::CalendarDays(1)),
        ];
        for (s, want) in ok {
            assert_eq!(s.parse::<Period>(), Ok(want), "{s}");
        }
        let bad = [
            ("", "does not start with a number"),
            ("wd", "does not start with a number"),
            ("五日", "does not start with a number"), // strict: digits only
            ("-5d", "does not start with a number"),
            (" 5d", "does not start with a number"),
            ("0d", "0 is meaningless"),
            ("5", "unit is missing"),
            ("5 wd", "unit is not known"),
            ("5d ", "unit is not known"),
            ("5WD", "unit is not known"),
            ("5天", "unit is not known"),
            ("5工作日", "unit is not known"),
            ("6月", "unit is not known"), // would read as "June"
            ("5w", "unit is not known"),
            ("99999999999d", "too large"),
        ];
        for (s, reason) in bad {
            let e = s.parse::<Period>().unwrap_err();
            assert!(e.reason.contains(reason), "{s}: {e}");
            let msg = e.to_string();
            assert!(
                msg.contains("<n>wd") && msg.contains("<n>个工作日"),
                "{msg}"
            );
        }
        // Display round-trips.
        for p in [
            Period::WorkingDays(5),
            Period::CalendarDays(90),
            Period::Months(6),
            Period::Years(2),
        ] {
            assert_eq!(p.to_string().parse::<Period>(), Ok(p));
        }
    }

    #[test]
    fn period_deserializes_from_a_string_with_place() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        struct T {
            p: Period,
            q: Period,
        }
        let t: T = crate::data::parse_toml("t.toml", "p = \"5wd\"\nq = \"6个月\"\n").unwrap();
        assert_eq!((t.p, t.q), (Period::WorkingDays(5), Period::Months(6)));
        let e =
            crate::data::parse_toml::<T>("t.toml", "p = \"5wd\"\nq = \"5 days\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("bad period `5 days`"), "{e}");
    }

    #[test]
    fn period_end_after_and_label() {
        let cal = cal();
        let table = [
            (Period::WorkingDays(5), "2022-09-29", Some("2022-10-11")),
            (Period::CalendarDays(15), "2022-11-05", Some("2022-11-21")),
            // Months clamp to the month's end and are not moved off holidays.
            (Period::Months(1), "2022-01-31", Some("2022-02-28")),
            (Period::Months(1), "2022-09-01", Some("2022-10-01")),
            (Period::Months(6), "2022-08-31", Some("2023-02-28")),
            (Period::Years(2), "2020-02-29", Some("2022-02-28")),
            (Period::Years(2), "2024-02-29", Some("2026-02-28")),
            // Month/year periods need no calendar, so they work outside the data.
            (Period::Years(5), "2010-03-01", Some("2015-03-01")),
            (Period::Months(6), "2026-10-15", Some("2027-04-15")),
            (Period::WorkingDays(1), "2026-12-31", None),
            (Period::CalendarDays(3), "2026-12-30", None),
        ];
        for (p, start, want) in table {
            assert_eq!(
                p.end_after(&cal, d(start)),
                want.map(d),
                "{p} after {start}"
            );
        }
        let labels = [
            (Period::WorkingDays(5), "5个工作日", "5 working days"),
            (Period::WorkingDays(1), "1个工作日", "1 working day"),
            (Period::CalendarDays(90), "90日", "90 days"),
            (Period::Months(6), "6个月", "6 months"),
            (Period::Years(1), "1年", "1 year"),
        ];
        for (p, zh, en) in labels {
            assert_eq!(p.label(Lang::Zh), zh);
            assert_eq!(p.label(Lang::En), en);
            assert_eq!(p.label(Lang::Zh).parse::<Period>(), Ok(p));
        }
    }

    fn file(name: &str, text: &str) -> (String, String) {
        (name.to_string(), text.to_string())
    }

    const HEAD: &str = "year = 2022\nsource = \"test\"\nmark = \"UNVERIFIED\"\n";

    #[test]
    fn from_files_accepts_a_minimal_year() {
        let text = format!(
            "{HEAD}[holidays]\n2022-10-03 = \"国庆节\"\n[workdays]\n2022-10-08 = \"国庆节\"\n"
        );
        let cal = Calendar::from_files(&[file("2022.toml", &text)]).unwrap();
        assert_eq!(cal.years(), vec![2022]);
        assert_eq!(cal.is_working_day(d("2022-10-03")), Some(false));
        assert_eq!(cal.is_working_day(d("2022-10-08")), Some(true));
        assert_eq!(cal.is_working_day(d("2022-10-04")), Some(true)); // not listed here
        assert_eq!(cal.is_working_day(d("2023-01-02")), None);
        // No files: nothing covered.
        let empty = Calendar::from_files(&[]).unwrap();
        assert_eq!(empty.is_working_day(d("2022-10-04")), None);
    }

    /// (line, col, message fragment) of each error, in order.
    fn errs(files: &[(String, String)]) -> Vec<(String, usize, usize, String)> {
        Calendar::from_files(files)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.file, e.line, e.col, e.message))
            .collect()
    }

    #[test]
    fn from_files_rejects_duplicate_date_in_one_table() {
        let text = format!("{HEAD}[holidays]\n2022-10-03 = \"国庆节\"\n2022-10-03 = \"国庆节\"\n");
        let e = errs(&[file("2022.toml", &text)]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].1, e[0].2), (6, 1), "{e:?}");
        assert!(e[0].3.contains("duplicate"), "{e:?}");
    }

    #[test]
    fn from_files_rejects_bad_entries_all_at_once() {
        let a = format!(
            "{HEAD}[holidays]\n2022-10-03 = \"国庆节\"\n2023-01-01 = \"元旦\"\n2022-13-01 = \"x\"\n2022-1-05 = \"x\"\n2022-10-04 = \" \"\n[workdays]\n2022-10-03 = \"国庆节\"\n"
        );
        let b = "year = 2021\nsource = \"\"\nmark = \"VERIFED\"\nholiday = {}\n";
        let c = "year = 2021\nsource = \"s\"\nmark = \"DERIVED\"\n";
        let d2 = "year = 2021\nsource = \"s\"\nmark = \"DERIVED\"\n";
        let e = errs(&[
            file("checks/calendar/2022.toml", &a),
            file("b.toml", b),
            file("2021.toml", c),
            file("extra.toml", d2),
            file("2020.toml", c),
        ]);
        let got: Vec<(&str, usize, usize)> = e.iter().map(|x| (x.0.as_str(), x.1, x.2)).collect();
        assert_eq!(
            got,
            vec![
                // [holidays] is visited in key order: "2022-1-05" < "2022-10-04" < "2022-13-01".
                ("checks/calendar/2022.toml", 8, 1), // 2022-1-05: not a strict date
                ("checks/calendar/2022.toml", 9, 14), // empty name
                ("checks/calendar/2022.toml", 7, 1), // 2022-13-01: not a date
                ("checks/calendar/2022.toml", 6, 1), // 2023-01-01 outside 2022
                ("checks/calendar/2022.toml", 11, 1), // 2022-10-03 in both tables
                ("b.toml", 4, 1),                    // unknown key `holiday`
                ("extra.toml", 1, 8),                // year 2021 twice
                ("2020.toml", 1, 8),                 // file name says 2020
                ("2020.toml", 1, 8),                 // and 2021 is taken
            ],
            "{e:?}"
        );
        let msgs: Vec<&str> = e.iter().map(|x| x.3.as_str()).collect();
        assert!(
            msgs[0].contains("`2022-1-05` in [holidays] is not a date"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains("2022-10-04 has an empty holiday name"),
            "{msgs:?}"
        );
        assert!(msgs[2].contains("`2022-13-01`"), "{msgs:?}");
        assert!(
            msgs[3].contains("outside this file's year 2022"),
            "{msgs:?}"
        );
        assert!(
            msgs[4].contains("in [holidays] and in [workdays]"),
            "{msgs:?}"
        );
        assert!(msgs[5].contains("holiday"), "{msgs:?}");
        assert!(msgs[6].contains("already given by 2021.toml"), "{msgs:?}");
        assert!(msgs[7].contains("declares year = 2021"), "{msgs:?}");
        assert!(msgs[8].contains("already given by 2021.toml"), "{msgs:?}");
    }

    #[test]
    fn from_files_rejects_empty_source_and_bad_mark() {
        let text = "year = 2021\nsource = \" \"\nmark = \"VERIFED\"\n";
        let e = errs(&[file("2021.toml", text)]);
        let got: Vec<(usize, usize)> = e.iter().map(|x| (x.1, x.2)).collect();
        assert_eq!(got, vec![(2, 10), (3, 8)], "{e:?}");
        assert!(e[1].3.contains("`VERIFED` is not one of"), "{e:?}");
    }

    #[test]
    fn shipped_files_are_all_valid_and_named_by_year() {
        let files = shipped_files();
        assert_eq!(files.len(), 12);
        for (name, _) in &files {
            assert!(name.starts_with("checks/calendar/20"), "{name}");
        }
        assert!(Calendar::from_files(&files).is_ok());
    }
}

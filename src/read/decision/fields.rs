//! The decision reader proper: from a decision's paragraphs to its decision-only case (title,
//! number, party, facts, basis, penalties, remedy, date, agency), each field with its place.
//! The text preparation and small matchers it uses are in the parent module.

use super::*;

impl<'a> DecisionReader<'a> {
    /// Reads the paragraphs of one document into a decision-only case with the reader's
    /// diagnostics; a document that is not a decision gives the reason (the caller reports F001).
    pub fn read(&self, paragraphs: &[String]) -> Result<(Case, Vec<Diagnostic>), Why> {
        let mut n = 0;
        let ps: Vec<Para> = paragraphs
            .iter()
            .filter_map(|p| {
                let text = normalize(p);
                if text.is_empty() {
                    return None;
                }
                n += 1;
                Some(Para { n, text })
            })
            .collect();
        if ps.is_empty() {
            return Err((
                "无法识别为行政处罚决定书：文件没有文字".into(),
                "cannot be read as a penalty decision: the document has no text".into(),
            ));
        }
        let mut out = Vec::new();
        let title = self.title(&ps);
        let penalties = self.penalties(&ps, &mut out);
        let Some((title_i, raw_kind, kind)) = title.or_else(|| {
            // No title, but a decision sentence: a decision without its heading.
            (!penalties.is_empty()).then(|| (usize::MAX, String::new(), Some("decision".into())))
        }) else {
            return Err((
                "无法识别为行政处罚决定书：未找到标题（行政处罚决定书）或处罚决定语句（决定给予……处罚）".into(),
                "cannot be read as a penalty decision: no title (行政处罚决定书) and no decision sentence (决定给予……处罚)".into(),
            ));
        };
        let head_end = if title_i == usize::MAX {
            0
        } else {
            title_i + 1
        };
        let no = self.doc_no(&ps, head_end);
        let mut case = Case::new(
            self.file,
            SourceKind::Document,
            ps.get(title_i).map(Para::at).unwrap_or(Place::Paragraph(1)),
        );
        case.case_no = no.clone();
        let (date, date_i) = self.date(&ps, &mut out);
        case.agency = self.agency(&ps, title_i, date_i);
        // A published record (双公示) labels what the decision says in sentences.
        let labelled = |labels: &[&str]| {
            ps.iter().find_map(|p| {
                labels.iter().find_map(|l| {
                    p.text.strip_prefix(l).map(|v| {
                        (
                            v.trim_start_matches(':')
                                .trim_end_matches(['。', ';'])
                                .to_string(),
                            p,
                        )
                    })
                })
            })
        };
        let date = match (
            date,
            labelled(&["处罚决定日期", "作出处罚决定的日期", "决定日期", "处罚日期"]),
        ) {
            (d @ Field::Value { .. }, _) => d,
            (_, Some((v, p))) => match values::parse_date(&v) {
                Ok(d) => value(d, p.at()),
                Err(_) => {
                    out.push(self.unparseable(p, "日期", "date", &v));
                    Field::Invalid { raw: v, at: p.at() }
                }
            },
            (d, None) => d,
        };
        if !case.agency.is_filled() {
            if let Some((v, p)) = labelled(&[
                "处罚机关",
                "作出处罚决定的机关名称",
                "处罚决定机关",
                "执法机关",
                "实施机关",
            ]) {
                case.agency = value(v, p.at());
            }
        }
        case.procedure = value(
            if kind.as_deref() == Some("summary_decision") {
                Procedure::Summary
            } else {
                Procedure::General
            },
            ps.get(title_i).map(Para::at).unwrap_or(Place::File),
        );
        let party_end = self.party(&ps, &mut case);
        let (violated_i, violated) = self.violated(&ps);
        case.violation.violated = violated;
        case.violation.facts = self.facts(&ps, party_end, violated_i);
        if let Some(at) = case.violation.facts.at().cloned() {
            // The first date the facts give: when the act was found (or happened).
            if let Some(Field::Value { value: v, .. }) = case.violation.facts.value().map(|f| {
                date_re()
                    .find(f)
                    .and_then(|m| parse_cn_date(m.as_str()))
                    .map_or(Field::Absent, |d| Field::Value {
                        value: d,
                        at: at.clone(),
                    })
            }) {
                case.violation.date = Field::Value { value: v, at };
            }
        }
        let basis = self.basis(&ps);
        let mut doc = Document {
            kind: kind.clone(),
            raw_kind: if raw_kind.is_empty() {
                "行政处罚决定书".into()
            } else {
                raw_kind
            },
            at: case.at.clone(),
            date,
            no,
            ..Default::default()
        };
        doc.basis = if basis.is_empty() {
            missing()
        } else {
            let at = basis[0].at.clone();
            value(basis, at)
        };
        doc.penalties = if penalties.is_empty() {
            missing()
        } else {
            let at = penalties[0].at.clone();
            value(penalties, at)
        };
        doc.payment = self.payment(&ps);
        doc.remedy = self.remedy(&ps);
        doc.seal = ps
            .iter()
            .find(|p| {
                // (印章), (盖章), (公章), (消防救援机构印章), (单位公章)…
                p.text.contains("(印章)")
                    || p.text.contains("印章)")
                    || p.text.contains("盖章)")
                    || p.text.contains("公章)")
                    || p.text.contains("(章)")
            })
            .map_or(Field::Absent, |p| value(true, p.at()));
        case.coverage = Coverage::kinds(kind.iter().cloned());
        case.documents.push(doc);
        if title_i == usize::MAX {
            // Not a full decision (no heading): a record or extract of one. What it leaves out
            // is unknown, not missing.
            unknown_if_missing(&mut case);
        }
        Ok((case, out))
    }

    /// (paragraph index, title as written, document kind) of the first title among the first
    /// paragraphs.
    fn title(&self, ps: &[Para]) -> Option<(usize, String, Option<String>)> {
        ps.iter().take(8).enumerate().find_map(|(i, p)| {
            let t = &p.text;
            let end = t.find("决定书")? + "决定书".len();
            let head = &t[..end];
            // `行政处罚决定书文号：…` is a record's label, not a heading.
            if head.chars().count() > 40
                || t[end..].starts_with("文号")
                || t[end..].starts_with(':')
            {
                return None;
            }
            let kind = self.aliases.documents.lookup(head)?;
            matches!(
                kind,
                "decision" | "summary_decision" | "no_penalty_decision"
            )
            .then(|| (i, head.to_string(), Some(kind.to_string())))
        })
    }

    fn doc_no(&self, ps: &[Para], head_end: usize) -> Field<String> {
        for p in ps.iter().take(head_end.max(1) + 3) {
            let t = match p.text.find("决定书") {
                Some(i) => &p.text[i + "决定书".len()..],
                None => &p.text[..],
            };
            if let Some(m) = doc_no_re().find(t) {
                return value(m.as_str().to_string(), p.at());
            }
        }
        missing()
    }

    /// The decision date: the last date among the closing paragraphs.
    fn date(
        &self,
        ps: &[Para],
        out: &mut Vec<Diagnostic>,
    ) -> (Field<chrono::NaiveDate>, Option<usize>) {
        let start = ps.len().saturating_sub(6);
        // The party's or an officer's signature date (当场 forms) is not the decision's.
        let signed = |t: &str| {
            ["签名", "签收", "签字", "送达", "当事人"]
                .iter()
                .any(|k| t.contains(k))
        };
        let last = ps
            .iter()
            .enumerate()
            .skip(start)
            .rev()
            .filter(|(_, p)| !is_remedy(&p.text) && date_re().is_match(&p.text));
        let pick = last
            .clone()
            .find(|(_, p)| !signed(&p.text))
            .or_else(|| last.clone().next());
        if let Some((i, p)) = pick {
            if let Some(m) = date_re().find_iter(&p.text).last() {
                return match parse_cn_date(m.as_str()) {
                    Some(d) => (value(d, p.at()), Some(i)),
                    None => {
                        out.push(self.unparseable(p, "日期", "date", m.as_str()));
                        (
                            Field::Invalid {
                                raw: m.as_str().to_string(),
                                at: p.at(),
                            },
                            Some(i),
                        )
                    }
                };
            }
        }
        (missing(), None)
    }

    fn unparseable(&self, p: &Para, zh: &str, en: &str, raw: &str) -> Diagnostic {
        Diagnostic::new(
            DiagnosticKind::UnparseableValue,
            p.at(),
            format!("decision:{en}"),
            match self.lang {
                Lang::Zh => format!("决定书第{}段的{zh}“{raw}”无法识别", p.n),
                Lang::En => format!("the {en} `{raw}` in paragraph {} cannot be read", p.n),
            },
        )
    }

    /// The agency: the heading (before the title, or the title's own prefix), else the
    /// signature above or beside the date.
    fn agency(&self, ps: &[Para], title_i: usize, date_i: Option<usize>) -> Field<String> {
        let org = |s: &str| -> Option<String> {
            let s = s
                .trim_end_matches("(印章)")
                .trim_end_matches("(盖章)")
                .trim_end_matches("(公章)");
            let end = ORG_ENDS
                .iter()
                .filter_map(|e| s.rfind(e).map(|i| i + e.len()))
                .max()?;
            let s = &s[..end];
            (s.chars().count() >= 4 && s.chars().count() <= 40 && !s.contains(['。', ',']))
                .then(|| s.to_string())
        };
        if let Some(t) = ps.get(title_i) {
            for kind in ["当场行政处罚决定书", "行政处罚决定书", "处罚决定书"]
            {
                if let Some(i) = t.text.find(kind) {
                    if let Some(a) = org(&t.text[..i]) {
                        return value(a, t.at());
                    }
                }
            }
            if title_i > 0 {
                let h = &ps[title_i - 1];
                if let Some(a) = org(&h.text) {
                    return value(a, h.at());
                }
            }
        }
        if let Some(d) = date_i {
            let p = &ps[d];
            if let Some(m) = date_re().find(&p.text) {
                if let Some(a) = org(&p.text[..m.start()]) {
                    return value(a, p.at());
                }
            }
            for p in ps[..d].iter().rev().take(2) {
                if let Some(a) = org(&p.text) {
                    return value(a, p.at());
                }
            }
        }
        missing()
    }

    /// The party block: the paragraph that names the party and the label lines after it.
    /// Returns the index after the block (0 when none was found).
    fn party(&self, ps: &[Para], case: &mut Case) -> usize {
        const NAME: &[&str] = &[
            "行政相对人名称",
            "相对人名称",
            "当事人名称",
            "当事人姓名",
            "被处罚单位名称",
            "被处罚单位",
            "被处罚人姓名",
            "被处罚人",
            "当事人",
            "单位名称",
            "名称",
            "姓名",
        ];
        let Some(start) = ps.iter().take(14).position(|p| {
            NAME.iter().any(|l| p.text.starts_with(l)) && !p.text.starts_with("当事人应")
        }) else {
            case.party.name = missing();
            return 0;
        };
        let mut end = start + 1;
        while end < ps.len() && end < start + 10 && is_party_line(&ps[end].text) {
            end += 1;
        }
        let hits = label_values(&ps[start..end]);
        let get = |labels: &[&str]| -> Option<&(String, Place)> {
            labels
                .iter()
                .find_map(|l| hits.iter().find(|(k, _)| k == l).map(|(_, v)| v))
        };
        let p = &mut case.party;
        p.name = get(NAME).map_or(missing(), |(v, at)| value(v.clone(), at.clone()));
        let code = get(&["统一社会信用代码", "社会信用代码", "信用代码"]);
        let id = get(&[
            "身份证件种类及号码",
            "公民身份号码",
            "身份证号码",
            "身份证号",
            "身份证件号码",
            "证件号码",
        ]);
        // The number in the value (`居民身份证 4102…` names the document first).
        let token = |v: &str| -> String {
            let from = v
                .find(|c: char| c.is_ascii_alphanumeric())
                .unwrap_or(v.len());
            v[from..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || is_mask(*c))
                .collect()
        };
        // A masked number is unknown, not a defect.
        let known = |(v, at): &(String, Place)| -> Field<String> {
            let t = token(v);
            if t.is_empty() || t.chars().any(is_mask) || t.contains("xxxx") || t.contains("XXXX") {
                Field::Absent
            } else {
                value(t, at.clone())
            }
        };
        p.credit_code = code.map_or(Field::Absent, known);
        p.id_number = id.map_or(Field::Absent, known);
        let masked = hits.iter().any(|(_, (v, _))| v.chars().any(is_mask));
        p.address = match get(&[
            "住所地",
            "住所",
            "单位地址",
            "地址",
            "现住址",
            "住址",
            "经营场所",
        ]) {
            Some((v, at)) => value(v.clone(), at.clone()),
            None if masked => Field::Absent,
            None => missing(),
        };
        p.representative = get(&["法定代表人", "负责人", "经营者"])
            .map_or(Field::Absent, |(v, at)| value(v.clone(), at.clone()));
        let declared = get(&["当事人类型", "类型"]).and_then(|(v, at)| {
            crate::read::values::parse_party_kind(v)
                .ok()
                .map(|k| (k, at.clone()))
        });
        let at0 = ps[start].at();
        let name = p.name.value().cloned().unwrap_or_default();
        p.kind = if let Some((k, at)) = declared {
            value(k, at)
        } else if let Some((_, at)) = code {
            value(PartyKind::Unit, at.clone())
        } else if let Some((_, at)) = id {
            value(PartyKind::Individual, at.clone())
        } else if get(&["法定代表人"]).is_some()
            || [
                "公司",
                "有限",
                "集团",
                "厂",
                "医院",
                "学校",
                "幼儿园",
                "协会",
                "合作社",
            ]
            .iter()
            .any(|s| name.contains(s))
        {
            value(PartyKind::Unit, at0)
        } else if get(&["性别", "出生日期", "出生", "民族"]).is_some() {
            value(PartyKind::Individual, at0)
        } else {
            Field::Absent
        };
        end
    }

    /// "违反了……的规定": (paragraph index, provisions), several joined with `；`.
    fn violated(&self, ps: &[Para]) -> (Option<usize>, Field<String>) {
        let mut found: Vec<String> = Vec::new();
        let mut first: Option<usize> = None;
        for (i, p) in ps.iter().enumerate() {
            if is_remedy(&p.text) {
                continue;
            }
            let t = &p.text;
            if let Some(v) = t
                .strip_prefix("违反条款:")
                .or_else(|| t.strip_prefix("违反的法律条款:"))
            {
                found.push(v.trim_end_matches('。').to_string());
                first.get_or_insert(i);
                continue;
            }
            let mut rest = &t[..];
            while let Some(j) = rest.find("违反") {
                let after = &rest[j + "违反".len()..];
                let after = after.strip_prefix('了').unwrap_or(after);
                if starts_citation(after) {
                    let (cite, tail) = cite_span(after);
                    if is_citation(cite) && found.len() < MAX_CITES {
                        found.push(cite.to_string());
                        first.get_or_insert(i);
                    }
                    rest = tail;
                } else {
                    rest = after;
                }
            }
        }
        match first {
            Some(i) => (Some(i), value(found.join("；"), ps[i].at())),
            // A decision states the provision violated (art. 59 (二)); "违反了消防法律法规"
            // names none. The sentence that should is the place, else the document.
            None => (
                None,
                ps.iter()
                    .find(|p| !is_remedy(&p.text) && p.text.contains("违反"))
                    .map_or(missing(), |p| Field::Empty { at: p.at() }),
            ),
        }
    }

    /// 违法事实 (with its evidence): from the first paragraph that states them to the one that
    /// names the violated provision.
    fn facts(&self, ps: &[Para], party_end: usize, violated_i: Option<usize>) -> Field<String> {
        const MARKS: &[&str] = &[
            "经查",
            "现查明",
            "查明",
            "经调查",
            "违法事实",
            "你单位",
            "你(单位)",
            "你于",
            "你在",
            "该单位",
        ];
        let start = ps
            .iter()
            .enumerate()
            .skip(party_end)
            .find(|(_, p)| {
                MARKS
                    .iter()
                    .any(|m| p.text.starts_with(m) || p.text.contains(&format!("{m}:")))
            })
            .map(|(i, _)| i)
            .or_else(|| {
                // The paragraph after the party lines, if it is not the decision itself.
                ps.get(party_end)
                    .filter(|p| {
                        party_end > 0 && !p.text.starts_with("根据") && !p.text.contains("决定给予")
                    })
                    .map(|_| party_end)
            });
        let Some(start) = start else {
            return missing();
        };
        let end = violated_i
            .filter(|v| *v >= start)
            .map_or(start + 1, |v| v + 1);
        let text: String = ps[start..end.min(ps.len()).max(start + 1)]
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("");
        value(capped(text), ps[start].at())
    }

    /// "根据（依据、依照）《…》第…条…的规定": one basis per citation sentence, or a
    /// `处罚依据：` line.
    fn basis(&self, ps: &[Para]) -> Vec<Located<String>> {
        let mut out = Vec::new();
        for p in ps {
            if is_remedy(&p.text) {
                continue;
            }
            if let Some(v) = p
                .text
                .strip_prefix("处罚依据:")
                .or_else(|| p.text.strip_prefix("法律依据:"))
            {
                out.push(Located {
                    value: v.trim_end_matches('。').to_string(),
                    at: p.at(),
                });
                continue;
            }
            let mut rest = &p.text[..];
            loop {
                let next = ["根据", "依据", "依照", "按照"]
                    .iter()
                    .filter_map(|k| rest.find(k).map(|i| (i, k.len())))
                    .min();
                let Some((i, len)) = next else { break };
                let after = &rest[i + len..];
                if starts_citation(after) {
                    let (cite, tail) = cite_span(after);
                    if is_citation(cite) && out.len() < MAX_CITES {
                        out.push(Located {
                            value: cite.to_string(),
                            at: p.at(),
                        });
                    }
                    rest = tail;
                } else {
                    rest = after;
                }
            }
        }
        out
    }

    /// The penalties decided: every kind named in the decision sentences (and the list items
    /// under a "决定如下：" line), each fine with its amount.
    fn penalties(&self, ps: &[Para], out: &mut Vec<Diagnostic>) -> Vec<Penalty> {
        let mut clauses: Vec<(&Para, String)> = Vec::new();
        let mut list_open = false;
        for p in ps {
            let t = &p.text;
            if is_remedy(t) {
                list_open = false;
                continue;
            }
            // Under "决定给予如下处罚：": numbered items, or unnumbered penalty lines.
            let penalty_line = [
                "罚款",
                "警告",
                "停止使用",
                "停产停业",
                "停止施工",
                "没收",
                "吊销",
                "拘留",
            ]
            .iter()
            .any(|k| t.contains(k))
                && !["逾期", "缴"].iter().any(|k| t.contains(k));
            let is_list_item = list_open && (list_number().is_match(t) || penalty_line);
            if !is_list_item {
                list_open = false;
            }
            let labelled = [
                "处罚决定:",
                "处罚内容:",
                "处罚种类和幅度:",
                "处罚种类:",
                "处罚结果:",
            ]
            .iter()
            .find_map(|l| t.strip_prefix(l));
            for sentence in t.split('。') {
                let decides = sentence.contains("决定") || labelled.is_some() || is_list_item;
                if !decides || sentence.contains("决定书之日") && !sentence.contains("决定给予")
                {
                    continue;
                }
                // The facts may retell the notice (告知…拟作出罚款…的处罚决定): that is not the
                // decision ("经听证，决定给予…" is).
                if sentence.contains('拟') {
                    continue;
                }
                // The decision part only: from 决定 on (not the basis or the facts before it).
                let from = sentence.find("决定").unwrap_or(0);
                let part = &sentence[from..];
                for clause in part.split([';', '；']) {
                    if ["逾期", "加处", "每日", "缴纳", "缴至", "缴款"]
                        .iter()
                        .any(|k| clause.contains(k))
                    {
                        continue;
                    }
                    clauses.push((p, clause.to_string()));
                }
            }
            if (t.contains("决定") || labelled.is_some()) && t.ends_with(':') {
                list_open = true;
            } else if !is_list_item {
                list_open = false;
            }
        }
        // A merged fine (合并处罚款…) stands for the separate fines listed with it.
        let merged = clauses.iter().any(|(_, c)| {
            (c.contains("合并") || c.contains("合计") || c.contains("共计")) && c.contains("罚款")
        });
        let mut pens: Vec<Penalty> = Vec::new();
        for (p, clause) in &clauses {
            if merged
                && !(clause.contains("合并") || clause.contains("合计") || clause.contains("共计"))
            {
                // Other kinds still count; fines come from the merged clause.
                self.kinds_in(p, clause, false, &mut pens, out);
            } else {
                self.kinds_in(p, clause, true, &mut pens, out);
            }
        }
        pens
    }

    /// The penalty kinds in one clause (fines with their amounts when `fines`).
    fn kinds_in(
        &self,
        p: &Para,
        clause: &str,
        fines: bool,
        pens: &mut Vec<Penalty>,
        out: &mut Vec<Diagnostic>,
    ) {
        const KINDS: &[&str] = &[
            "警告",
            "罚款",
            "没收违法所得",
            "没收非法财物",
            "停产停业",
            "停止使用",
            "停止施工",
            "停止执业",
            "吊销",
            "撤销",
            "拘留",
        ];
        let mut hits: Vec<(usize, &str)> = Vec::new();
        for k in KINDS {
            for (i, _) in clause.match_indices(k) {
                hits.push((i, k));
            }
        }
        hits.sort();
        for (i, k) in hits {
            let Some(kind) = self.aliases.penalties.lookup(k) else {
                continue;
            };
            if kind == "fine" {
                if !fines || clause[..i].ends_with("加处") {
                    continue;
                }
                let after = &clause[i + k.len()..];
                let after = after.trim_start_matches([':', '：']);
                let after = after
                    .strip_prefix("金额")
                    .or_else(|| after.strip_prefix("数额"))
                    .map_or(after, |a| a.trim_start_matches([':', '为']));
                let amount = amount_re()
                    .find(after)
                    .filter(|m| {
                        !m.as_str().is_empty()
                            && m.as_str()
                                .chars()
                                .any(|c| c != '人' && c != '民' && c != '币')
                    })
                    .map(|m| m.as_str().to_string())
                    .or_else(|| {
                        amount_before_re()
                            .find(&clause[..i])
                            .map(|m| m.as_str().trim_end_matches('的').to_string())
                    });
                let amount = match amount {
                    Some(a) => match values::parse_amount(&a) {
                        Ok(m) => value(m, p.at()),
                        Err(_) => {
                            out.push(self.unparseable(p, "罚款金额", "fine amount", &a));
                            Field::Invalid { raw: a, at: p.at() }
                        }
                    },
                    None => Field::Empty { at: p.at() },
                };
                pens.push(Penalty {
                    kind: kind.to_string(),
                    raw_kind: "罚款".into(),
                    amount,
                    days: Field::Absent,
                    at: p.at(),
                });
            } else if !pens.iter().any(|q| q.kind == kind) {
                let raw_kind =
                    if k == "停止使用" || k == "停产停业" || k == "停止施工" || k == "停止执业"
                    {
                        format!("责令{k}")
                    } else {
                        k.to_string()
                    };
                pens.push(Penalty {
                    kind: kind.to_string(),
                    raw_kind,
                    amount: Field::Absent,
                    days: Field::Absent,
                    at: p.at(),
                });
            }
        }
    }

    /// How to pay (or carry out) the decision.
    fn payment(&self, ps: &[Para]) -> Field<String> {
        const KEYS: &[&str] = &[
            "缴纳",
            "缴至",
            "缴款",
            "履行方式",
            "当场收缴",
            "执行方式",
            "交至",
            // A penalty other than a fine is carried out too (责令…于…前停止使用，履行…).
            "履行",
            "之日起停止",
            "前停止",
        ];
        let found: Vec<&Para> = ps
            .iter()
            .filter(|p| !is_remedy(&p.text) && KEYS.iter().any(|k| p.text.contains(k)))
            .collect();
        match found.first() {
            Some(first) => {
                let text: Vec<&str> = found
                    .iter()
                    .flat_map(|p| p.text.split('。'))
                    .filter(|s| KEYS.iter().any(|k| s.contains(k)))
                    .collect();
                value(capped(text.join("。")), first.at())
            }
            None => missing(),
        }
    }

    /// The remedy sentence: "如不服本决定，可以在……申请行政复议或者……提起行政诉讼".
    fn remedy(&self, ps: &[Para]) -> Field<String> {
        ps.iter()
            .find(|p| is_remedy(&p.text))
            .map_or(missing(), |p| value(capped(p.text.clone()), p.at()))
    }
}

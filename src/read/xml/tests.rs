//! The XML reader's tests on small case files written inline.

use super::*;

/// Every canonical name the shipped alias table maps to is one the reader understands.
#[test]
fn every_shipped_canonical_name_is_interned() {
    let a = Aliases::shipped();
    for c in a.xml_canonical() {
        assert!(Canon::parse(c).is_some(), "{c}");
    }
}

#[test]
fn reads_both_name_styles_with_places() {
    let a = Aliases::shipped();
    let r = XmlReader {
        file: "t.xml",
        aliases: &a,
        lang: Lang::Zh,
    };
    let xml = "<?xml version=\"1.0\"?>\n<案卷集>\n<案卷><案件编号>甲1</案件编号></案卷>\n<Case>\n  <CaseNo>B2</CaseNo>\n  <Documents><Document kind=\"立案审批表\" date=\"2022-03-01\"/></Documents>\n</Case>\n</案卷集>\n";
    let mut cases = Vec::new();
    let findings = r.read(xml.as_bytes(), &mut |c, f| cases.push((c, f)));
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].0.case_no(), Some("甲1"));
    let second = &cases[1].0;
    assert_eq!(second.case_no(), Some("B2"));
    assert_eq!(second.case_no.at(), Some(&Place::line(5, 3)));
    let filing = second.docs("filing").next().unwrap();
    assert_eq!(
        filing.date.value().map(|d| d.to_string()).as_deref(),
        Some("2022-03-01")
    );
    assert_eq!(second.coverage, Coverage::All);
}

/// The forward-counting cursor gives the same line/column as the line table, for every
/// character boundary (CJK, CR LF, tabs, blank lines), and falls back correctly for an
/// offset behind it or inside a character.
#[test]
fn cursor_agrees_with_lines() {
    let text = "<a>\r\n\t<案卷 种类=\"罚款\">\n\n  中文x</案卷>\r\n<b/>末";
    let lines = Lines::new(text);
    for step in 1..5 {
        let mut cursor = Cursor::new();
        let offsets = (0..=text.len() + 2).filter(|&o| o > text.len() || text.is_char_boundary(o));
        for o in offsets.step_by(step) {
            assert_eq!(cursor.place(text, o), lines.place(text, o), "offset {o}");
        }
    }
    let mut cursor = Cursor::new();
    let inside = text.find('案').unwrap() + 1;
    for o in [20, 5, inside, 30, 0] {
        assert_eq!(cursor.place(text, o), lines.place(text, o), "offset {o}");
    }
}

#[test]
fn borrow_keeps_slices_of_the_input_only() {
    let text = "abcdef";
    assert!(matches!(borrow(text, &text[2..4]), Cow::Borrowed("cd")));
    assert!(matches!(borrow(text, &text[6..]), Cow::Borrowed("")));
    let elsewhere = String::from("cd");
    assert!(matches!(borrow(text, &elsewhere), Cow::Owned(s) if s == "cd"));
}

/// Texts made of several parts (entities, character references, CDATA, mixed content)
/// are joined in order; leading whitespace parts never show (every text is trimmed).
#[test]
fn texts_join_their_parts() {
    let a = Aliases::shipped();
    let r = XmlReader {
        file: "t.xml",
        aliases: &a,
        lang: Lang::En,
    };
    let xml = "<Case>\n  <CaseNo> \n A&amp;B&#x4E2D;<![CDATA[<c>]]> &#32;</CaseNo>\n  <Agency>&#32;\n  &foo;x</Agency>\n  <Officers>\n    <Officer>\n      张三<CertNo> 7 </CertNo>\n    李</Officer>\n    <Officer name=\"王五\"> ignored </Officer>\n  </Officers>\n  <Party kind=\"&#21333;位\"><Name>甲\r\n乙</Name></Party>\n</Case>";
    let mut cases = Vec::new();
    let findings = r.read(xml.as_bytes(), &mut |c, f| cases.push((c, f)));
    assert!(findings.is_empty(), "{findings:?}");
    let (case, f) = &cases[0];
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(case.case_no(), Some("A&B中<c>"));
    assert_eq!(case.case_no.at(), Some(&Place::line(2, 3)));
    assert_eq!(case.agency.value().map(String::as_str), Some("&foo;x"));
    let officers = case.officers.value().unwrap();
    let got: Vec<_> = officers
        .iter()
        .map(|o| (o.name.as_str(), o.cert.as_deref(), o.at.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("张三\n    李", Some("7"), Place::line(7, 5)),
            ("王五", None, Place::line(10, 5))
        ]
    );
    assert_eq!(case.party.kind.value(), Some(&PartyKind::Unit));
    assert_eq!(case.party.name.value().map(String::as_str), Some("甲\n乙"));
}

/// In a batch each case sees only its own elements, also when a case sits inside another
/// element or another case (the arena is cut back after each case).
#[test]
fn batch_cases_do_not_share_elements() {
    let a = Aliases::shipped();
    let r = XmlReader {
        file: "t.xml",
        aliases: &a,
        lang: Lang::En,
    };
    let xml = "<Cases><Case><CaseNo>1</CaseNo><Documents><Document kind=\"立案审批表\"/></Documents></Case>\n<Case><Extra a=\"1\"/><Case><CaseNo>inner</CaseNo></Case><CaseNo>2</CaseNo></Case><Other/></Cases>";
    let mut cases = Vec::new();
    let findings = r.read(xml.as_bytes(), &mut |c, f| cases.push((c, f)));
    assert!(findings.is_empty(), "{findings:?}");
    let got: Vec<_> = cases
        .iter()
        .map(|(c, f)| {
            (
                c.case_no().unwrap_or(""),
                c.documents.len(),
                c.coverage == Coverage::All,
                f.iter().map(|f| f.subject.as_str()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1", 1, true, vec![]),
            ("inner", 0, false, vec![]),
            ("2", 0, false, vec!["Extra"]),
        ]
    );
}

/// The declared encoding, read from the bytes, is what the lossy reading of the head says.
#[test]
fn declared_encoding_reads_as_the_lossy_head() {
    let lossy = |bytes: &[u8]| -> Option<String> {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
        let decl_end = head.find("?>")?;
        encoding_in(&head[..decl_end])
    };
    let long = format!("<?xml version=\"1.0\"{}encoding=\"GBK\"?>", " ".repeat(240));
    let inputs: Vec<Vec<u8>> = vec![
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Case/>".to_vec(),
        b"<?xml version='1.0' encoding='gb18030' ?>".to_vec(),
        b"<?xml version=\"1.0\" encoding=\"GB\xff\xfe\"?>".to_vec(),
        b"<?xml version=\"1.0\" encoding=\"\xe4\xb8\"?>".to_vec(),
        b"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"GBK\"?>".to_vec(),
        b"<?xml version=\"1.0\"?>".to_vec(),
        b"<Case/>".to_vec(),
        b"?".to_vec(),
        b"".to_vec(),
        long.into_bytes(),
    ];
    for b in &inputs {
        assert_eq!(
            declared_encoding(b),
            lossy(b),
            "{:?}",
            String::from_utf8_lossy(b)
        );
    }
}

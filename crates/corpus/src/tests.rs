//! The corpus generator's own tests: the PRNG's reference sequence, determinism, and that
//! the injected identifiers are (in)valid as intended.

use super::*;

#[test]
fn splitmix_matches_the_reference_sequence() {
    // First outputs for seed 1234567 from the reference C implementation.
    let mut r = SplitMix64::new(1234567);
    assert_eq!(r.next_u64(), 6457827717110365317);
    assert_eq!(r.next_u64(), 3203168211198807973);
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let spec = Spec {
        cases: 40,
        brigades: 3,
        ledgers: 1,
        ledger_rows: 5,
        defect_rate: 0.3,
        seed: 7,
    };
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let wa = write(a.path(), &spec).unwrap();
    let wb = write(b.path(), &spec).unwrap();
    write(
        c.path(),
        &Spec {
            seed: 8,
            ..spec.clone()
        },
    )
    .unwrap();
    assert_eq!(wa, wb);
    assert_eq!(wa.files, 41);
    let read = |d: &Path| {
        let mut v = Vec::new();
        for e in walkdir::WalkDir::new(d).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                v.push((
                    e.path().strip_prefix(d).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
        v
    };
    assert_eq!(read(a.path()), read(b.path()));
    assert_ne!(read(a.path()), read(c.path()));
}

/// Credit codes held against vectors that owe nothing to the checker: the sample codes of
/// GB 32100 practice quoted with the algorithm (legal.md §7.1), and codes whose check
/// character was worked out by hand from the standard's description — S = Σ value × 3^(i−1)
/// mod 31, check = set[(31 − S mod 31) mod 31] — chosen so the check character is a letter,
/// and the 31 → 0 wrap. A changed weight, character set or formula fails here.
const CREDIT_VECTORS: [(&str, u32); 13] = [
    ("91350100M000100Y43", 1640), // published sample; 1640 mod 31 = 28 → 3
    ("91110000600037341L", 538),  // published sample; 538 mod 31 = 11 → 20 = L
    ("91110108551385082Q", 999),  // published sample; 999 mod 31 = 7 → 24 = Q
    ("91410204010000000Q", 224),  // 224 mod 31 = 7 → 24 = Q
    ("91410204010000300R", 254),  // 254 mod 31 = 6 → 25 = R
    ("91410204010000600T", 284),  // 5 → 26 = T
    ("91410204010000900U", 314),  // 4 → 27 = U
    ("91410204010002100W", 282),  // 282 mod 31 = 3 → 28 = W
    ("91410204010002400X", 312),  // 2 → 29 = X
    ("91410204010002700Y", 342),  // 1 → 30 = Y
    ("914102040100010000", 248),  // 248 = 8 × 31: (31 − 0) mod 31 = 0 → 0
    ("12100000400000770U", 376),  // 376 mod 31 = 4 → 27 = U (机构编制 code shape)
    ("Y1410204ABCDEFGHJ2", 2850), // letters throughout; 2850 mod 31 = 29 → 2
];

/// ID numbers likewise: the two examples legal.md §7.2 gives (also the examples printed in
/// GB 11643-1999), and hand-computed numbers — S = Σ digit × 2^(18−i) mod 11, check =
/// "10X98765432"[S mod 11] — one for every remainder 0–10, the X included.
const ID_VECTORS: [(&str, u32); 13] = [
    ("11010519491231002X", 167), // 167 mod 11 = 2 → X
    ("440524188001010014", 195), // 195 mod 11 = 8 → 4
    ("410204198001010016", 138), // 138 mod 11 = 6 → 6
    ("410204198001010040", 144), // 144 mod 11 = 1 → 0
    ("410204198001010024", 140), // 140 mod 11 = 8 → 4
    ("41020419800101018X", 156), // 156 mod 11 = 2 → X
    ("410204198001010091", 154), // 154 = 14 × 11 → 1
    ("410204198001010008", 136), // 136 mod 11 = 4 → 8
    ("410204198001010032", 142), // 142 mod 11 = 10 → 2
    ("410204198001010059", 146), // 146 mod 11 = 3 → 9
    ("410204198001010067", 148), // 148 mod 11 = 5 → 7
    ("410204198001010075", 150), // 150 mod 11 = 7 → 5
    ("410204198001010083", 152), // 152 mod 11 = 9 → 3
];

#[test]
fn credit_code_validator_against_independent_vectors() {
    use caselint::law::ids::{check_credit_code, IdProblem};
    for (code, sum) in CREDIT_VECTORS {
        // The hand sum is what the comment says (so a wrong vector cannot hide).
        let set: Vec<char> = USCC_CHARS.chars().collect();
        let mut s = 0;
        for (i, c) in code.chars().take(17).enumerate() {
            s += set.iter().position(|&x| x == c).unwrap() as u32
                * [
                    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
                ][i];
        }
        assert_eq!(s, sum, "{code}");
        assert_eq!(check_credit_code(code), Ok(()), "{code}");
        // Every other check character is refused, naming the right one.
        let right = code.chars().last().unwrap();
        for wrong in USCC_CHARS.chars().filter(|&c| c != right) {
            let bad = format!("{}{wrong}", &code[..17]);
            assert_eq!(
                check_credit_code(&bad),
                Err(IdProblem::CheckChar {
                    expected: right,
                    found: wrong
                }),
                "{bad}"
            );
        }
    }
}

#[test]
fn id_number_validator_against_independent_vectors() {
    use caselint::law::ids::{check_id_number, IdKind, IdProblem};
    for (id, sum) in ID_VECTORS {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let s: u32 = id
            .chars()
            .take(17)
            .zip(weights)
            .map(|(c, w)| c.to_digit(10).unwrap() * w)
            .sum();
        assert_eq!(s, sum, "{id}");
        assert_eq!(check_id_number(id), Ok(IdKind::Full18), "{id}");
        let right = id.chars().last().unwrap();
        for wrong in "0123456789X".chars().filter(|&c| c != right) {
            let bad = format!("{}{wrong}", &id[..17]);
            assert_eq!(
                check_id_number(&bad),
                Err(IdProblem::CheckChar {
                    expected: right,
                    found: wrong
                }),
                "{bad}"
            );
        }
    }
    // A lower-case x is the same X.
    assert_eq!(check_id_number("11010519491231002x"), Ok(IdKind::Full18));
}

/// The generator computes check characters its own way (above); it and the checker agree
/// on the vectors, and on every code it makes.
#[test]
fn generator_and_checker_agree() {
    for (code, _) in CREDIT_VECTORS {
        assert_eq!(uscc_check_char(&code[..17]), code.chars().last().unwrap());
    }
    for (id, _) in ID_VECTORS {
        assert_eq!(id_check_char(&id[..17]), id.chars().last().unwrap());
    }
    let mut r = SplitMix64::new(3);
    for _ in 0..200 {
        let c = credit_code(&mut r);
        assert!(caselint::law::ids::check_credit_code(&c).is_ok(), "{c}");
        let id = id_number(&mut r);
        assert!(caselint::law::ids::check_id_number(&id).is_ok(), "{id}");
    }
}

#[test]
fn column_names() {
    let got: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702].map(col_name).to_vec();
    assert_eq!(got, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
}

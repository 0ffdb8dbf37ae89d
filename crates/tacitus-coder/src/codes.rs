//! How control verbs and modality transform a complement's CAMEO code: "refused to recognize"
//! (REJECT), "agreed to release" (intent to yield), "threatened to impose sanctions" (THREATEN).
//! The mappings follow the CAMEO codebook's parallel sub-codes of roots 03, 12 and 13.

/// Root of a code: its first two digits.
pub(crate) fn root(code: &str) -> &str {
    &code[..2.min(code.len())]
}

/// True for roots 03–09: acts of cooperation.
pub(crate) fn is_cooperative(code: &str) -> bool {
    matches!(root(code), "03" | "04" | "05" | "06" | "07" | "08")
}

/// "will / agreed to / promised to" + cooperative act = intent to do it (03x).
pub(crate) fn intent(code: &str) -> Option<&'static str> {
    Some(match code {
        c if c.starts_with("061") => "0311",
        c if c.starts_with("062") => "0312",
        c if c.starts_with("063") => "0313",
        c if c.starts_with("064") => "0314",
        c if c.starts_with("071") => "0331",
        c if c.starts_with("072") => "0332",
        c if c.starts_with("073") => "0333",
        c if c.starts_with("074") => "0334",
        c if c.starts_with("081") => "0351",
        c if c.starts_with("082") => "0352",
        c if c.starts_with("084") => "0353",
        c if c.starts_with("085") => "0354",
        c if c.starts_with("086") => "0355",
        c if c.starts_with("087") => "0356",
        c => match root(c) {
            "03" => "030",
            "04" => "036",
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => "035",
            "01" | "02" => "030",
            _ => return None,
        },
    })
}

/// "threatened to" / "will" + hostile act = a threat (13x).
pub(crate) fn threat(code: &str) -> Option<&'static str> {
    Some(match code {
        c if c.starts_with("163") => "1312",
        c if c.starts_with("16") => "1313",
        c if c.starts_with("172") => "132",
        c if c.starts_with("17") => "137",
        c if c.starts_with("191") => "1381",
        c if c.starts_with("192") => "1382",
        c if c.starts_with("18") => "1383",
        c if c.starts_with("19") || c.starts_with("15") => "1384",
        c if c.starts_with("20") => "1385",
        c if c.starts_with("14") => "133",
        c if c.starts_with("12") || c.starts_with("13") => "130",
        _ => return None,
    })
}

/// "refused to" + cooperative act = rejection (12x); hostile acts refused are no event.
pub(crate) fn refusal(code: &str) -> Option<&'static str> {
    Some(match code {
        c if c.starts_with("061") => "1211",
        c if c.starts_with("062") => "1212",
        c if c.starts_with("063") => "1213",
        c if c.starts_with("064") => "1214",
        c if c.starts_with("071") => "1221",
        c if c.starts_with("072") => "1222",
        c if c.starts_with("073") => "1223",
        c if c.starts_with("074") => "1224",
        c if c.starts_with("084") => "1243",
        c if c.starts_with("085") => "1244",
        c if c.starts_with("086") => "1245",
        c if c.starts_with("087") => "1246",
        c => match root(c) {
            "03" | "05" => "120",
            "04" => "125",
            "06" => "121",
            "07" => "122",
            "08" => "124",
            _ => return None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_follow_the_codebook() {
        assert_eq!(intent("0841"), Some("0353"));
        assert_eq!(intent("042"), Some("036"));
        assert_eq!(intent("190"), None);
        assert_eq!(threat("163"), Some("1312"));
        assert_eq!(threat("190"), Some("1384"));
        assert_eq!(refusal("054"), Some("120"));
        assert_eq!(refusal("112"), None);
        assert!(is_cooperative("0871"));
        assert!(!is_cooperative("112"));
    }
}

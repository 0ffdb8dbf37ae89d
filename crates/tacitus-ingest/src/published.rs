//! Shape check for `published`: `YYYY-MM-DD` or RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`).

/// True when `s` is `YYYY-MM-DD` or an RFC 3339 date-time with plausible field ranges.
pub fn is_valid_published(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || !is_date(&b[..10]) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    // RFC 3339 allows `T`, `t` or (per its note) a space between date and time.
    if !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let rest = &b[11..];
    if rest.len() < 8 || !is_time(&rest[..8]) {
        return false;
    }
    let mut rest = &rest[8..];
    if let Some(after_dot) = rest.strip_prefix(b".") {
        let n = after_dot.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &after_dot[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            two(*h1, *h2).is_some_and(|h| h <= 23) && two(*m1, *m2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// Normalises a date found in page metadata: valid values pass, otherwise a leading
/// `YYYY-MM-DD` is kept; anything else is dropped.
pub fn normalise_published(s: &str) -> Option<String> {
    let s = s.trim();
    if is_valid_published(s) {
        return Some(s.to_string());
    }
    let head = s.get(..10)?;
    is_date(head.as_bytes()).then(|| head.to_string())
}

fn two(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

fn is_date(b: &[u8]) -> bool {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let year: u32 = b[..4].iter().fold(0, |a, c| a * 10 + u32::from(c - b'0'));
    let (Some(month), Some(day)) = (two(b[5], b[6]), two(b[8], b[9])) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn is_time(b: &[u8]) -> bool {
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && two(b[0], b[1]).is_some_and(|h| h <= 23)
        && two(b[3], b[4]).is_some_and(|m| m <= 59)
        // 60: leap second, allowed by RFC 3339.
        && two(b[6], b[7]).is_some_and(|s| s <= 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dates_and_rfc3339() {
        for ok in [
            "2022-02-26",
            "2024-02-29",
            "2022-02-26T10:00:00Z",
            "2022-02-26t10:00:00.123+05:30",
            "2022-02-26 23:59:60-00:00",
        ] {
            assert!(is_valid_published(ok), "{ok}");
        }
        for bad in [
            "",
            "2022-2-26",
            "2023-02-29",
            "2022-13-01",
            "26/02/2022",
            "2022-02-26T10:00",
            "2022-02-26T10:00:00",
            "2022-02-26T10:00:00.Z",
            "2022-02-26T25:00:00Z",
            "2022-02-26Tx",
            "２０２２-02-26",
        ] {
            assert!(!is_valid_published(bad), "{bad}");
        }
    }

    #[test]
    fn normalises_metadata_dates() {
        assert_eq!(
            normalise_published(" 2022-02-26T10:00:00Z "),
            Some("2022-02-26T10:00:00Z".into())
        );
        assert_eq!(
            normalise_published("2022-02-26T10:00:00 GMT"),
            Some("2022-02-26".into())
        );
        assert_eq!(normalise_published("Feb 26, 2022"), None);
        assert_eq!(normalise_published("2022-02-2é"), None);
    }
}

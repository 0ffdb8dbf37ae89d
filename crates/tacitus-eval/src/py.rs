//! The few Python semantics the metric depends on: truthiness, `str()`, `repr()`, `zfill(2)`.

use serde_json::Value;

/// Python truthiness of a JSON value.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `str()` of a JSON value (containers approximated by their JSON text).
pub fn str_of(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `s.zfill(2)`: left-pads with zeros to two characters, after a leading sign.
pub fn zfill2(s: &str) -> String {
    let n = s.chars().count();
    if n >= 2 {
        return s.to_string();
    }
    match s.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}0{rest}", &s[..1]),
        None => format!("{}{s}", "0".repeat(2 - n)),
    }
}

/// Python's `repr()` of a string.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's `repr()` of a list of strings: `['KAZ', 'RUS']`.
pub fn list_repr(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| str_repr(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// Python's `repr()` of a 3-tuple of strings: `('KAZ', 'RUS', '12')`.
pub fn tuple_repr(t: &(String, String, String)) -> String {
    format!(
        "({}, {}, {})",
        str_repr(&t.0),
        str_repr(&t.1),
        str_repr(&t.2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_semantics() {
        assert_eq!(zfill2("3"), "03");
        assert_eq!(zfill2("-"), "-0");
        assert_eq!(zfill2("190"), "190");
        assert_eq!(zfill2(""), "00");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(list_repr(&["UKR".into(), "RUS".into()]), "['UKR', 'RUS']");
        assert_eq!(str_of(&serde_json::json!(1.5)), "1.5");
        assert!(!truthy(&serde_json::json!(0)) && truthy(&serde_json::json!("0")));
    }
}

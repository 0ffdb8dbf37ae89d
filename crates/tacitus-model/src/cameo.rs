//! The CAMEO 1.1b3 code table, embedded from `data/cameo.tsv`
//! (rebuilt by `scripts/build_cameo_table.py` from GDELT's and PLOVER's published tables).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Plover;

/// One CAMEO code with the values every event carries.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    pub code: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub plover: Plover,
    pub name: String,
}

/// All CAMEO codes by code string ("01" … "204"), leading zeros kept.
#[derive(Debug)]
pub struct CameoTable {
    codes: HashMap<String, CameoCode>,
}

const CAMEO_TSV: &str = include_str!("../../../data/cameo.tsv");

impl CameoTable {
    /// The embedded table, parsed once.
    pub fn embedded() -> &'static CameoTable {
        static TABLE: OnceLock<CameoTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            CameoTable::parse(CAMEO_TSV).expect("data/cameo.tsv is a build artifact and must parse")
        })
    }

    /// Parses the TSV layout of `data/cameo.tsv`; the error names the bad line.
    pub fn parse(tsv: &str) -> Result<CameoTable, String> {
        let mut codes = HashMap::new();
        for (i, line) in tsv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                return Err(format!("cameo.tsv line {}: expected 8 columns", i + 1));
            }
            let bad = |what: &str| format!("cameo.tsv line {}: bad {what}", i + 1);
            let none_if_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let code = CameoCode {
                code: f[0].to_string(),
                root: f[1].to_string(),
                quad_class: f[2].parse().map_err(|_| bad("quad_class"))?,
                goldstein: f[3].parse().map_err(|_| bad("goldstein"))?,
                plover: Plover {
                    event_type: none_if_empty(f[4]),
                    mode: none_if_empty(f[5]),
                    context: f[6]
                        .split(';')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                },
                name: f[7].to_string(),
            };
            codes.insert(code.code.clone(), code);
        }
        Ok(CameoTable { codes })
    }

    /// The entry for `code`, if CAMEO defines it.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// Number of codes in the table.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when the table holds no codes.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_has_every_root_and_known_values() {
        let t = CameoTable::embedded();
        assert!(t.len() > 300);
        for r in 1..=20 {
            assert!(t.get(&format!("{r:02}")).is_some(), "root {r:02}");
        }
        let c = t.get("1212").unwrap();
        assert_eq!(c.root, "12");
        assert_eq!(c.quad_class, 3);
        assert_eq!(c.goldstein, -4.0);
        assert_eq!(c.plover.event_type.as_deref(), Some("REJECT"));
        assert_eq!(t.get("190").unwrap().quad_class, 4);
        assert!(t.get("01").unwrap().plover.event_type.is_none());
    }
}

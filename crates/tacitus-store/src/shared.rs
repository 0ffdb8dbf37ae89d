//! What both backends share: the checks of user-given filter values, the cursor of event pages,
//! the names of attribution kinds and ICEWS's columns, so that a value means the same in a
//! DuckDB file and in PostgreSQL.

use serde_json::Value;
use tacitus_model::AttributionKind;

use crate::{CodeNames, StoreError};

/// Where a page of [`Store::events`] ended: the sort key of its last row (day as days since
/// 1970, undated as year 1; content hash; sentence; event id), written `day:hash:sentence:id`.
pub(crate) struct EventCursor {
    pub(crate) day: i64,
    pub(crate) content_hash: u64,
    pub(crate) sentence_index: i64,
    pub(crate) event_id: String,
}

impl EventCursor {
    pub(crate) fn parse(text: &str) -> Result<EventCursor, StoreError> {
        let bad = || StoreError::Invalid(format!("cursor {text:?}: pass back a next_cursor"));
        let mut parts = text.splitn(4, ':');
        let mut next = || parts.next().ok_or_else(bad);
        Ok(EventCursor {
            day: next()?.parse().map_err(|_| bad())?,
            content_hash: next()?.parse().map_err(|_| bad())?,
            sentence_index: next()?.parse().map_err(|_| bad())?,
            event_id: next()?.to_string(),
        })
    }
}

impl std::fmt::Display for EventCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let EventCursor {
            day,
            content_hash,
            sentence_index,
            event_id,
        } = self;
        write!(f, "{day}:{content_hash}:{sentence_index}:{event_id}")
    }
}

pub(crate) fn kind_from(name: &str) -> Option<AttributionKind> {
    serde_json::from_value(Value::String(name.to_string())).ok()
}

/// A date as given by a user (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) as its first day.
pub(crate) fn user_day(date: &str) -> Result<String, StoreError> {
    let d = date.trim();
    let day = match d.len() {
        10 => d.to_string(),
        7 => format!("{d}-01"),
        4 => format!("{d}-01-01"),
        _ => String::new(),
    };
    let well_formed = day.len() == 10
        && day.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if well_formed {
        Ok(day)
    } else {
        Err(StoreError::Invalid(format!(
            "date {date:?}: use YYYY-MM-DD, YYYY-MM or YYYY"
        )))
    }
}

/// An actor code as given by a user, upper-cased and checked.
pub(crate) fn actor_code(role: &str, code: &str) -> Result<String, StoreError> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(StoreError::Invalid(format!(
            "{role} {code:?}: an actor code is letters and digits (KAZ, RUSGOV)"
        )));
    }
    Ok(code)
}

/// The columns of ICEWS's event files, in order.
pub(crate) const ICEWS_COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// The dyad and root of a mention or a cluster, as `events` and `event_clusters` both spell it
/// (and as every cluster id begins): what incremental clustering selects by.
pub(crate) const CLUSTER_KEY: &str =
    "source_code || '>' || coalesce(target_code, '') || '/' || cameo_root";

/// Whether re-clustering the dyads of `new` documents beats a full rebuild of a store of
/// `stored`: past a fifth of the store, the dyads touched are most of them.
pub(crate) fn worth_updating(new: usize, stored: u64) -> bool {
    new as u64 * 5 <= stored
}

/// The query of an ICEWS export: the mentions `cond` selects, in the column order
/// [`IcewsMention::read`] reads, with `date` the backend's expression formatting `e.day` as
/// `YYYY-MM-DD`.
pub(crate) fn icews_select(cond: &str, date: &str) -> String {
    format!(
        "SELECT e.event_id, {date}, e.source_name, e.source_sector,
            e.source_country, e.cameo, e.goldstein, e.target_name, e.target_sector,
            e.target_country, e.doc_id, e.sentence_index + 1, e.outlet, e.location_name,
            e.location_country, e.lat, e.lon
         FROM events e WHERE {cond} ORDER BY e.day NULLS LAST, e.doc_id, e.sentence_index"
    )
}

/// One mention's values for a row of ICEWS's table.
pub(crate) struct IcewsMention {
    event_id: String,
    date: String,
    source_name: String,
    source_sector: Option<String>,
    source_country: Option<String>,
    cameo: String,
    goldstein: Option<f64>,
    target_name: String,
    target_sector: Option<String>,
    target_country: Option<String>,
    doc_id: String,
    /// From 1, as ICEWS counts.
    sentence_number: i64,
    outlet: String,
    location_name: String,
    location_country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

impl IcewsMention {
    /// Reads a row of [`icews_select`] through the driver's getters of a text, a number and
    /// an integer column.
    pub(crate) fn read<E>(
        text: impl Fn(usize) -> Result<Option<String>, E>,
        number: impl Fn(usize) -> Result<Option<f64>, E>,
        integer: impl Fn(usize) -> Result<i64, E>,
    ) -> Result<IcewsMention, E> {
        let text_or_empty = |i| Ok(text(i)?.unwrap_or_default());
        Ok(IcewsMention {
            event_id: text_or_empty(0)?,
            date: text_or_empty(1)?,
            source_name: text_or_empty(2)?,
            source_sector: text(3)?,
            source_country: text(4)?,
            cameo: text_or_empty(5)?,
            goldstein: number(6)?,
            target_name: text_or_empty(7)?,
            target_sector: text(8)?,
            target_country: text(9)?,
            doc_id: text_or_empty(10)?,
            sentence_number: integer(11)?,
            outlet: text_or_empty(12)?,
            location_name: text_or_empty(13)?,
            location_country: text(14)?,
            lat: number(15)?,
            lon: number(16)?,
        })
    }
}

/// The ICEWS row of `m` in the order of [`ICEWS_COLUMNS`]: codes named by `names` (a code
/// without a name stays a code), Event Text the CAMEO name of the code.
pub(crate) fn icews_record(
    m: IcewsMention,
    names: &CodeNames,
    cameo: &tacitus_model::CameoTable,
) -> [String; 20] {
    let named = |table: &std::collections::BTreeMap<String, String>, code: Option<String>| {
        code.map(|c| table.get(&c).cloned().unwrap_or(c))
            .unwrap_or_default()
    };
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    [
        m.event_id,
        m.date,
        m.source_name,
        named(&names.sectors, m.source_sector),
        named(&names.countries, m.source_country),
        cameo
            .get(&m.cameo)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        m.cameo,
        number(m.goldstein),
        m.target_name,
        named(&names.sectors, m.target_sector),
        named(&names.countries, m.target_country),
        m.doc_id,
        m.sentence_number.to_string(),
        m.outlet,
        m.location_name,
        String::new(),
        String::new(),
        named(&names.countries, m.location_country),
        number(m.lat),
        number(m.lon),
    ]
}

/// An error reading or writing the file at `path` (a store file or an export).
pub(crate) fn file_error(path: &std::path::Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Database {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

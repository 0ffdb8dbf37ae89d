//! The rows of the `documents` and `events` tables as [`row_scan`] reads them: each column a
//! name and a getter over a row that borrows the stored document and its event.
//!
//! Only values that exist nowhere as text yet (the joined PLOVER context, the explanation as
//! JSON, the day number) are made here, on all cores; everything else is read in place.

use tacitus_model::{AttributionKind, Event};

use crate::row_scan::{Column, Getter};
use crate::StoredDocument;

/// Below this many documents a part is not worth a thread of its own.
const MIN_PART_DOCUMENTS: usize = 1_000;

/// One row of the `events` table.
pub(crate) struct EventRow<'a> {
    document: &'a StoredDocument,
    event: &'a Event,
    day: Option<i32>,
    plover_context: Option<String>,
    explain: Option<String>,
}

/// The events of `documents` as rows of the `events` table, made on all cores.
pub(crate) fn event_rows<'a>(documents: &[&'a StoredDocument]) -> Vec<EventRow<'a>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_part = documents.len().div_ceil(threads).max(MIN_PART_DOCUMENTS);
    if documents.len() <= per_part {
        return documents.iter().flat_map(|d| rows_of(d)).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = documents
            .chunks(per_part)
            .map(|part| {
                scope.spawn(move || part.iter().flat_map(|d| rows_of(d)).collect::<Vec<_>>())
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

fn rows_of(document: &StoredDocument) -> impl Iterator<Item = EventRow<'_>> {
    document.events.iter().map(move |event| EventRow {
        document,
        event,
        day: event.date.as_deref().and_then(epoch_day),
        plover_context: (!event.plover.context.is_empty()).then(|| event.plover.context.join(",")),
        explain: event
            .explain
            .as_ref()
            .and_then(|x| serde_json::to_string(x).ok()),
    })
}

/// The columns of the `events` table.
pub(crate) fn event_columns<'a>() -> Vec<Column<EventRow<'a>>> {
    vec![
        Column {
            name: "event_id",
            get: Getter::Varchar(|r| Some(&r.event.event_id)),
        },
        Column {
            name: "content_hash",
            get: Getter::UBigint(|r| r.document.content_hash),
        },
        Column {
            name: "doc_id",
            get: Getter::Varchar(|r| Some(&r.event.doc_id)),
        },
        Column {
            name: "sentence_index",
            get: Getter::Integer(|r| r.event.sentence_index as i32),
        },
        Column {
            name: "sentence",
            get: Getter::Varchar(|r| Some(&r.event.sentence)),
        },
        Column {
            name: "date",
            get: Getter::Varchar(|r| r.event.date.as_deref()),
        },
        Column {
            name: "date_precision",
            get: Getter::Varchar(|r| r.event.date_precision.as_deref()),
        },
        Column {
            name: "day",
            get: Getter::Date(|r| r.day),
        },
        Column {
            name: "source_code",
            get: Getter::Varchar(|r| Some(&r.event.source.code)),
        },
        Column {
            name: "source_country",
            get: Getter::Varchar(|r| r.event.source.country.as_deref()),
        },
        Column {
            name: "source_sector",
            get: Getter::Varchar(|r| r.event.source.sector.as_deref()),
        },
        Column {
            name: "source_text",
            get: Getter::Varchar(|r| Some(&r.event.source.text)),
        },
        Column {
            name: "source_name",
            get: Getter::Varchar(|r| Some(&r.event.source.name)),
        },
        Column {
            name: "target_code",
            get: Getter::Varchar(|r| r.event.target.as_ref().map(|a| a.code.as_str())),
        },
        Column {
            name: "target_country",
            get: Getter::Varchar(|r| r.event.target.as_ref().and_then(|a| a.country.as_deref())),
        },
        Column {
            name: "target_sector",
            get: Getter::Varchar(|r| r.event.target.as_ref().and_then(|a| a.sector.as_deref())),
        },
        Column {
            name: "target_text",
            get: Getter::Varchar(|r| r.event.target.as_ref().map(|a| a.text.as_str())),
        },
        Column {
            name: "target_name",
            get: Getter::Varchar(|r| r.event.target.as_ref().map(|a| a.name.as_str())),
        },
        Column {
            name: "cameo",
            get: Getter::Varchar(|r| Some(&r.event.cameo)),
        },
        Column {
            name: "cameo_root",
            get: Getter::Varchar(|r| Some(&r.event.cameo_root)),
        },
        Column {
            name: "goldstein",
            get: Getter::Double(|r| Some(r.event.goldstein)),
        },
        Column {
            name: "quad_class",
            get: Getter::UTinyint(|r| r.event.quad_class),
        },
        Column {
            name: "plover_type",
            get: Getter::Varchar(|r| r.event.plover.event_type.as_deref()),
        },
        Column {
            name: "plover_mode",
            get: Getter::Varchar(|r| r.event.plover.mode.as_deref()),
        },
        Column {
            name: "plover_context",
            get: Getter::Varchar(|r| r.plover_context.as_deref()),
        },
        Column {
            name: "location_name",
            get: Getter::Varchar(|r| r.event.location.as_ref().map(|l| l.name.as_str())),
        },
        Column {
            name: "location_country",
            get: Getter::Varchar(|r| r.event.location.as_ref().and_then(|l| l.country.as_deref())),
        },
        Column {
            name: "lat",
            get: Getter::Double(|r| r.event.location.as_ref().and_then(|l| l.lat)),
        },
        Column {
            name: "lon",
            get: Getter::Double(|r| r.event.location.as_ref().and_then(|l| l.lon)),
        },
        Column {
            name: "attribution_kind",
            get: Getter::Varchar(|r| {
                r.event
                    .attribution
                    .as_ref()
                    .and_then(|a| a.kind)
                    .map(AttributionKind::as_str)
            }),
        },
        Column {
            name: "attribution_outlet",
            get: Getter::Varchar(|r| {
                r.event
                    .attribution
                    .as_ref()
                    .and_then(|a| a.outlet.as_deref())
            }),
        },
        Column {
            name: "attribution_reporter",
            get: Getter::Varchar(|r| {
                r.event
                    .attribution
                    .as_ref()
                    .and_then(|a| a.reporter.as_deref())
            }),
        },
        Column {
            name: "attribution_source",
            get: Getter::Varchar(|r| {
                r.event
                    .attribution
                    .as_ref()
                    .and_then(|a| a.source_text.as_deref())
            }),
        },
        Column {
            name: "rule",
            get: Getter::Varchar(|r| Some(&r.event.rule)),
        },
        Column {
            name: "confidence",
            get: Getter::Double(|r| Some(r.event.confidence)),
        },
        Column {
            name: "outlet",
            get: Getter::Varchar(|r| r.document.document.outlet_or_host()),
        },
        Column {
            name: "dict_version",
            get: Getter::Varchar(|r| Some(&r.document.dict_version)),
        },
        Column {
            name: "explain",
            get: Getter::Varchar(|r| r.explain.as_deref()),
        },
    ]
}

/// One row of the `documents` table.
pub(crate) struct DocumentRow<'a> {
    pub(crate) document: &'a StoredDocument,
    /// Microseconds since 1970 (UTC).
    pub(crate) ingested_at: i64,
}

/// The columns of the `documents` table.
pub(crate) fn document_columns<'a>() -> Vec<Column<DocumentRow<'a>>> {
    vec![
        Column {
            name: "content_hash",
            get: Getter::UBigint(|r| r.document.content_hash),
        },
        Column {
            name: "doc_id",
            get: Getter::Varchar(|r| Some(&r.document.document.id)),
        },
        Column {
            name: "url",
            get: Getter::Varchar(|r| r.document.document.url.as_deref()),
        },
        Column {
            name: "outlet",
            get: Getter::Varchar(|r| r.document.document.outlet.as_deref()),
        },
        Column {
            name: "published",
            get: Getter::Varchar(|r| r.document.document.published.as_deref()),
        },
        Column {
            name: "title",
            get: Getter::Varchar(|r| r.document.document.title.as_deref()),
        },
        Column {
            name: "author",
            get: Getter::Varchar(|r| r.document.document.author.as_deref()),
        },
        Column {
            name: "language",
            get: Getter::Varchar(|r| r.document.document.language.as_deref()),
        },
        Column {
            name: "bytes",
            get: Getter::Bigint(|r| r.document.bytes as i64),
        },
        Column {
            name: "events",
            get: Getter::Integer(|r| r.document.events.len() as i32),
        },
        Column {
            name: "dict_version",
            get: Getter::Varchar(|r| Some(&r.document.dict_version)),
        },
        Column {
            name: "ingested_at",
            get: Getter::Timestamp(|r| r.ingested_at),
        },
        Column {
            name: "text",
            get: Getter::Varchar(|r| Some(&r.document.document.text)),
        },
    ]
}

/// A single `content_hash` column, for joining hashes against the stored ones.
pub(crate) const HASH_COLUMNS: &[Column<u64>] = &[Column {
    name: "content_hash",
    get: Getter::UBigint(|h| *h),
}];

/// Days since 1970-01-01 of the first day of a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date
/// (days-from-civil, proleptic Gregorian, as DuckDB counts dates).
pub(crate) fn epoch_day(date: &str) -> Option<i32> {
    let b = date.as_bytes();
    let number = |at: std::ops::Range<usize>| {
        b[at].iter().try_fold(0i64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    };
    let (y, m, d) = match b.len() {
        4 => (number(0..4)?, 1, 1),
        7 if b[4] == b'-' => (number(0..4)?, number(5..7)?, 1),
        10 if b[4] == b'-' && b[7] == b'-' => (number(0..4)?, number(5..7)?, number(8..10)?),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::epoch_day;
    use crate::duck::date_from_days;

    #[test]
    fn epoch_days_round_trip_through_civil_dates() {
        assert_eq!(epoch_day("1970-01-01"), Some(0));
        assert_eq!(epoch_day("2022-02"), Some(19_024));
        assert_eq!(epoch_day("2000"), Some(10_957));
        assert_eq!(epoch_day("2022-13-01"), None);
        for days in (-700_000..2_000_000).step_by(997) {
            let date = date_from_days(days);
            assert_eq!(epoch_day(&date), Some(days as i32), "{date}");
        }
    }
}

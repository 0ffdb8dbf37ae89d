//! Event mentions as Arrow columns, the fast way into DuckDB.
//!
//! Appending row by row converts each of the 38 values of every row to a DuckDB value on its
//! own; an Arrow record batch hands DuckDB whole column vectors instead.

use std::sync::Arc;

use duckdb::arrow::array::{
    ArrayRef, Date32Builder, Float64Builder, Int32Builder, RecordBatch, StringBuilder,
    UInt64Builder, UInt8Builder,
};
use duckdb::arrow::datatypes::{Field, Schema};
use duckdb::arrow::error::ArrowError;

use crate::StoredDocument;

/// Builders for the columns of the `events` table, in its column order.
struct EventColumns {
    event_id: StringBuilder,
    content_hash: UInt64Builder,
    doc_id: StringBuilder,
    sentence_index: Int32Builder,
    sentence: StringBuilder,
    date: StringBuilder,
    date_precision: StringBuilder,
    day: Date32Builder,
    source_code: StringBuilder,
    source_country: StringBuilder,
    source_sector: StringBuilder,
    source_text: StringBuilder,
    source_name: StringBuilder,
    target_code: StringBuilder,
    target_country: StringBuilder,
    target_sector: StringBuilder,
    target_text: StringBuilder,
    target_name: StringBuilder,
    cameo: StringBuilder,
    cameo_root: StringBuilder,
    goldstein: Float64Builder,
    quad_class: UInt8Builder,
    plover_type: StringBuilder,
    plover_mode: StringBuilder,
    plover_context: StringBuilder,
    location_name: StringBuilder,
    location_country: StringBuilder,
    lat: Float64Builder,
    lon: Float64Builder,
    attribution_kind: StringBuilder,
    attribution_outlet: StringBuilder,
    attribution_reporter: StringBuilder,
    attribution_source: StringBuilder,
    rule: StringBuilder,
    confidence: Float64Builder,
    outlet: StringBuilder,
    dict_version: StringBuilder,
    explain: StringBuilder,
}

/// The events of `documents` as one record batch for the `events` table.
pub(crate) fn event_batch(documents: &[&StoredDocument]) -> Result<RecordBatch, ArrowError> {
    let mut c = EventColumns::new();
    for sd in documents {
        let outlet = sd.document.outlet_or_host();
        for e in &sd.events {
            let t = e.target.as_ref();
            let loc = e.location.as_ref();
            let att = e.attribution.as_ref();
            c.event_id.append_value(&e.event_id);
            c.content_hash.append_value(sd.content_hash);
            c.doc_id.append_value(&e.doc_id);
            c.sentence_index.append_value(e.sentence_index as i32);
            c.sentence.append_value(&e.sentence);
            c.date.append_option(e.date.as_deref());
            c.date_precision.append_option(e.date_precision.as_deref());
            c.day.append_option(e.date.as_deref().and_then(epoch_day));
            c.source_code.append_value(&e.source.code);
            c.source_country.append_option(e.source.country.as_deref());
            c.source_sector.append_option(e.source.sector.as_deref());
            c.source_text.append_value(&e.source.text);
            c.source_name.append_value(&e.source.name);
            c.target_code.append_option(t.map(|a| &a.code));
            c.target_country
                .append_option(t.and_then(|a| a.country.as_deref()));
            c.target_sector
                .append_option(t.and_then(|a| a.sector.as_deref()));
            c.target_text.append_option(t.map(|a| &a.text));
            c.target_name.append_option(t.map(|a| &a.name));
            c.cameo.append_value(&e.cameo);
            c.cameo_root.append_value(&e.cameo_root);
            c.goldstein.append_value(e.goldstein);
            c.quad_class.append_value(e.quad_class);
            c.plover_type.append_option(e.plover.event_type.as_deref());
            c.plover_mode.append_option(e.plover.mode.as_deref());
            c.plover_context
                .append_option((!e.plover.context.is_empty()).then(|| e.plover.context.join(",")));
            c.location_name.append_option(loc.map(|l| &l.name));
            c.location_country
                .append_option(loc.and_then(|l| l.country.as_deref()));
            c.lat.append_option(loc.and_then(|l| l.lat));
            c.lon.append_option(loc.and_then(|l| l.lon));
            c.attribution_kind
                .append_option(att.and_then(|a| a.kind).map(crate::shared::kind_name));
            c.attribution_outlet
                .append_option(att.and_then(|a| a.outlet.as_deref()));
            c.attribution_reporter
                .append_option(att.and_then(|a| a.reporter.as_deref()));
            c.attribution_source
                .append_option(att.and_then(|a| a.source_text.as_deref()));
            c.rule.append_value(&e.rule);
            c.confidence.append_value(e.confidence);
            c.outlet.append_option(outlet);
            c.dict_version.append_value(&sd.dict_version);
            c.explain.append_option(
                e.explain
                    .as_ref()
                    .and_then(|x| serde_json::to_string(x).ok()),
            );
        }
    }
    c.finish()
}

impl EventColumns {
    fn new() -> EventColumns {
        EventColumns {
            event_id: StringBuilder::new(),
            content_hash: UInt64Builder::new(),
            doc_id: StringBuilder::new(),
            sentence_index: Int32Builder::new(),
            sentence: StringBuilder::new(),
            date: StringBuilder::new(),
            date_precision: StringBuilder::new(),
            day: Date32Builder::new(),
            source_code: StringBuilder::new(),
            source_country: StringBuilder::new(),
            source_sector: StringBuilder::new(),
            source_text: StringBuilder::new(),
            source_name: StringBuilder::new(),
            target_code: StringBuilder::new(),
            target_country: StringBuilder::new(),
            target_sector: StringBuilder::new(),
            target_text: StringBuilder::new(),
            target_name: StringBuilder::new(),
            cameo: StringBuilder::new(),
            cameo_root: StringBuilder::new(),
            goldstein: Float64Builder::new(),
            quad_class: UInt8Builder::new(),
            plover_type: StringBuilder::new(),
            plover_mode: StringBuilder::new(),
            plover_context: StringBuilder::new(),
            location_name: StringBuilder::new(),
            location_country: StringBuilder::new(),
            lat: Float64Builder::new(),
            lon: Float64Builder::new(),
            attribution_kind: StringBuilder::new(),
            attribution_outlet: StringBuilder::new(),
            attribution_reporter: StringBuilder::new(),
            attribution_source: StringBuilder::new(),
            rule: StringBuilder::new(),
            confidence: Float64Builder::new(),
            outlet: StringBuilder::new(),
            dict_version: StringBuilder::new(),
            explain: StringBuilder::new(),
        }
    }

    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let text = |b: &mut StringBuilder| Arc::new(b.finish()) as ArrayRef;
        let columns: Vec<(&str, ArrayRef)> = vec![
            ("event_id", text(&mut self.event_id)),
            ("content_hash", Arc::new(self.content_hash.finish())),
            ("doc_id", text(&mut self.doc_id)),
            ("sentence_index", Arc::new(self.sentence_index.finish())),
            ("sentence", text(&mut self.sentence)),
            ("date", text(&mut self.date)),
            ("date_precision", text(&mut self.date_precision)),
            ("day", Arc::new(self.day.finish())),
            ("source_code", text(&mut self.source_code)),
            ("source_country", text(&mut self.source_country)),
            ("source_sector", text(&mut self.source_sector)),
            ("source_text", text(&mut self.source_text)),
            ("source_name", text(&mut self.source_name)),
            ("target_code", text(&mut self.target_code)),
            ("target_country", text(&mut self.target_country)),
            ("target_sector", text(&mut self.target_sector)),
            ("target_text", text(&mut self.target_text)),
            ("target_name", text(&mut self.target_name)),
            ("cameo", text(&mut self.cameo)),
            ("cameo_root", text(&mut self.cameo_root)),
            ("goldstein", Arc::new(self.goldstein.finish())),
            ("quad_class", Arc::new(self.quad_class.finish())),
            ("plover_type", text(&mut self.plover_type)),
            ("plover_mode", text(&mut self.plover_mode)),
            ("plover_context", text(&mut self.plover_context)),
            ("location_name", text(&mut self.location_name)),
            ("location_country", text(&mut self.location_country)),
            ("lat", Arc::new(self.lat.finish())),
            ("lon", Arc::new(self.lon.finish())),
            ("attribution_kind", text(&mut self.attribution_kind)),
            ("attribution_outlet", text(&mut self.attribution_outlet)),
            ("attribution_reporter", text(&mut self.attribution_reporter)),
            ("attribution_source", text(&mut self.attribution_source)),
            ("rule", text(&mut self.rule)),
            ("confidence", Arc::new(self.confidence.finish())),
            ("outlet", text(&mut self.outlet)),
            ("dict_version", text(&mut self.dict_version)),
            ("explain", text(&mut self.explain)),
        ];
        let schema = Schema::new(
            columns
                .iter()
                .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
                .collect::<Vec<_>>(),
        );
        RecordBatch::try_new(
            Arc::new(schema),
            columns.into_iter().map(|(_, a)| a).collect(),
        )
    }
}

/// Days since 1970-01-01 of the first day of a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date
/// (days-from-civil, proleptic Gregorian, as DuckDB counts dates).
pub(crate) fn epoch_day(date: &str) -> Option<i32> {
    let day = crate::shared::first_day(Some(date))?;
    let (y, m, d) = (
        day[0..4].parse::<i64>().ok()?,
        day[5..7].parse::<i64>().ok()?,
        day[8..10].parse::<i64>().ok()?,
    );
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

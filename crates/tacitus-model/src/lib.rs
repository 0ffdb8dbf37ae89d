//! The plain data that flows through tacitus: documents in, events out.
//!
//! Every later stage (coder, writers, store, server) speaks these types, so they carry the
//! event contract of `shared/spec/README.md` field for field. The CAMEO code table (names,
//! Goldstein weights, QuadClass, PLOVER type/mode/context) is embedded from `data/cameo.tsv`.

mod cameo;
mod document;
mod event;
mod sink;

pub use cameo::{CameoCode, CameoTable};
pub use document::{fnv1a, Document};
pub use event::{Actor, Attribution, AttributionKind, Event, Explain, Location, Plover, Span};
pub use sink::{CollectSink, DocumentSummary, Sink};

//! The one output contract: every consumer of coded events implements [`Sink`].
//!
//! JSONL/table/TSV writers, the store and the network server all receive events through this
//! trait, in the same order, with the same calls, so a new consumer needs nothing else.

use crate::{Document, Event};

/// What a sink learns about a document once all of its events have been delivered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentSummary<'a> {
    pub doc_id: &'a str,
    /// Number of sentences the coder looked at.
    pub sentences: usize,
    /// Number of events delivered for this document.
    pub events: usize,
}

/// A consumer of coded events, modelled on ripgrep's `Sink`.
///
/// Call order for each document, documents in input order:
/// `begin_document`, then `event` once per event (in sentence order), then `end_document`.
/// After the last document, `finish` is called exactly once, even when no document was coded.
/// A sink that returns `Ok(false)` from `event` asks the driver to stop delivering events of the
/// current document (the driver still calls `end_document` and moves on). An `Err` stops the run:
/// the driver calls nothing more and reports the error.
pub trait Sink {
    type Error;

    /// A document's events are about to be delivered; `document` is the document as read (its
    /// metadata and text), for sinks that keep documents too. The default does nothing.
    fn begin_document(&mut self, _document: &Document) -> Result<(), Self::Error> {
        Ok(())
    }

    /// One coded event. `Ok(true)`: continue; `Ok(false)`: skip the rest of this document.
    fn event(&mut self, event: &Event) -> Result<bool, Self::Error>;

    /// All events of the document have been delivered. The default does nothing.
    fn end_document(&mut self, _summary: DocumentSummary<'_>) -> Result<(), Self::Error> {
        Ok(())
    }

    /// The run is over: flush buffers, commit transactions. The default does nothing.
    fn finish(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// A sink that keeps every event in memory (tests, `eval`, small embedded uses).
#[derive(Debug, Default)]
pub struct CollectSink {
    pub events: Vec<Event>,
}

impl Sink for CollectSink {
    type Error = std::convert::Infallible;

    fn event(&mut self, event: &Event) -> Result<bool, Self::Error> {
        self.events.push(event.clone());
        Ok(true)
    }
}

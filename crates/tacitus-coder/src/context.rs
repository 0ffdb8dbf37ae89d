//! Document context for coreference: the last actors seen, by kind, so that "the country",
//! "the ministry", "he", "it" and "they" resolve to the last fitting actor.

use tacitus_knowledge::ActorEntry;

use crate::mentions::{Mention, Strength};

#[derive(Debug, Default)]
pub(crate) struct DocumentContext {
    last_state: Option<Mention>,
    last_person: Option<Mention>,
    last_actor: Option<Mention>,
    last_plural: Option<Mention>,
    /// The state of the first actor of the latest sentence that named one: its topic, which
    /// "the country" usually continues.
    topic: Option<Mention>,
    /// The first person named in the latest sentence that named one.
    topic_person: Option<Mention>,
    /// The last organisation or non-state group: what "the bloc" or "the group" continues.
    last_org: Option<Mention>,
    /// Recent named actors, newest last: "the ministry" continues the last "... ministry".
    recent: Vec<Mention>,
}

/// How many named actors the context remembers for "the ministry"-style references.
const RECENT: usize = 32;

fn at(m: &Mention, start: usize, end: usize) -> Mention {
    Mention {
        start,
        end,
        strength: Strength::Resolved,
        ..m.clone()
    }
}

impl DocumentContext {
    /// Records a mention as the latest antecedent of its kind.
    pub fn observe(&mut self, m: &Mention) {
        if m.strength == Strength::Weak || m.is_place {
            return;
        }
        if m.country.is_some() && (m.is_state || self.last_state.is_none()) {
            let mut s = m.clone();
            s.sector = Some("GOV".into());
            s.is_person = false;
            s.is_state = true;
            s.plural = false;
            if m.is_state || m.country != self.last_state.as_ref().and_then(|x| x.country.clone()) {
                self.last_state = Some(s);
            }
        }
        if m.strength == Strength::Named && m.country.is_some() {
            if self.recent.len() == RECENT {
                self.recent.remove(0);
            }
            self.recent.push(m.clone());
        }
        if m.base.starts_with("IGO") || m.base.starts_with("NGO") || m.base.len() > 3 {
            self.last_org = Some(m.clone());
        }
        if m.is_person {
            self.last_person = Some(m.clone());
        } else if m.plural {
            self.last_plural = Some(m.clone());
        } else {
            self.last_actor = Some(m.clone());
        }
    }

    /// "he"/"she": a person named earlier in the same sentence ("Erdogan said he ..."), else the
    /// first person of the sentence before (its subject, usually), else the last person.
    pub fn person(&self, i: usize, earlier_in_sentence: Option<&Mention>) -> Option<Mention> {
        earlier_in_sentence
            .or(self.topic_person.as_ref())
            .or(self.last_person.as_ref())
            .map(|m| at(m, i, i + 1))
    }

    /// "the bloc", "the alliance", "the group": the last organisation or group.
    pub fn organisation(&self, start: usize, end: usize) -> Option<Mention> {
        self.last_org.as_ref().map(|m| at(m, start, end))
    }

    pub fn thing(&self, i: usize) -> Option<Mention> {
        self.last_actor
            .as_ref()
            .or(self.last_state.as_ref())
            .map(|m| at(m, i, i + 1))
    }

    pub fn plural(&self, i: usize) -> Option<Mention> {
        self.last_plural
            .as_ref()
            .or(self.last_actor.as_ref())
            .map(|m| at(m, i, i + 1))
    }

    pub fn state(&self, start: usize, end: usize) -> Option<Mention> {
        self.topic
            .as_ref()
            .or(self.last_state.as_ref())
            .map(|m| at(m, start, end))
    }

    /// Records the topic of a sentence just read: its first actor with a state.
    pub fn set_topic(&mut self, mentions: &[Mention]) {
        if let Some(p) = mentions
            .iter()
            .find(|m| m.is_person && m.strength == Strength::Named)
        {
            self.topic_person = Some(p.clone());
        }
        if let Some(m) = mentions
            .iter()
            .find(|m| m.country.is_some() && m.strength == Strength::Named && !m.is_place)
        {
            let mut s = m.clone();
            s.sector = Some("GOV".into());
            s.is_person = false;
            s.is_state = true;
            s.plural = false;
            self.topic = Some(s);
        }
    }

    /// "the ministry", "the president": the last state's agent. A bare plural agent with no
    /// determiner ("police", "protesters") is resolved the same way.
    ///
    /// A title before an unknown name ("President Levy Mwanawasa", "Judge Alejandro Rivera")
    /// is resolved the same way; with no earlier state in the document, the first state named
    /// in the sentence (`in_sentence`) stands in.
    ///
    /// An actor named earlier in the same sentence (`earlier`) is the nearest antecedent:
    /// "Russian police detained 4,000 people", "the country prohibited men from leaving".
    #[allow(clippy::too_many_arguments)]
    pub fn resolve_agent(
        &self,
        e: &ActorEntry,
        start: usize,
        end: usize,
        prev: Option<&str>,
        titled: bool,
        earlier: Option<&Mention>,
        in_sentence: Option<&Mention>,
    ) -> Option<Mention> {
        let definite = matches!(prev, Some("the" | "its" | "their" | "local" | "state"));
        if !definite && !e.plural && !titled {
            return None;
        }
        // "the ministry" continues the last actor named with the same word ("Kazakhstan's
        // foreign ministry"); "the protesters" the last group of people; else the last state.
        let same_word = e.name.rsplit(' ').next().unwrap_or(&e.name);
        let named_alike = definite
            .then(|| self.recent.iter().rev().find(|m| m.noun == same_word))
            .flatten();
        let s = if e.plural {
            named_alike
                .or(earlier)
                .or(self.last_plural.as_ref().filter(|p| p.country.is_some()))
                .or(self.last_state.as_ref())
        } else {
            named_alike.or(self.last_state.as_ref())
        };
        let s = s.or(in_sentence)?;
        let mut m = at(s, start.saturating_sub(usize::from(definite)), end);
        m.is_person = titled;
        m.sector = e.sector.clone();
        m.is_state = false;
        m.name = format!("{} {}", s.name, e.name);
        Some(m)
    }
}

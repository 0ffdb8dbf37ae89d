//! The event coder: a pure function from a [`Document`] to its [`Event`]s, given compiled
//! [`Knowledge`]. Being pure is what makes it parallel, embeddable and distributable.
//!
//! The pipeline, per document:
//! 1. `tacitus-text` splits sentences and tokens (byte offsets);
//! 2. a cheap prefilter skips sentences with no actor word or no event verb;
//! 3. `tacitus-tagger` tags and lemmatises the rest ([`analysis`]);
//! 4. dictionary hits are combined into actors and references resolved ([`mentions`], [`context`]);
//! 5. each verb group is coded by the most specific verb pattern, composed with control verbs,
//!    negation and modality ([`events`]); its subject and object come from clause structure
//!    ([`grammar`]);
//! 6. dates ([`tacitus_dates`]), reporting frames ([`attribution`]) and location complete the event.

mod analysis;
mod attribution;
mod codes;
mod context;
mod events;
mod grammar;
mod mentions;

use std::sync::Arc;

use tacitus_dates::{find_dates, Anchor, Precision};
use tacitus_knowledge::Knowledge;
use tacitus_model::{Actor, CameoTable, Document, Event, Explain, Location, Span};
use tacitus_tagger::{Lemmatizer, Pos};

use crate::analysis::SentenceAnalysis;
use crate::context::DocumentContext;
use crate::mentions::{Mention, Strength};

/// The longest stretch of tokens analysed as one sentence.
const MAX_SENTENCE_TOKENS: usize = 160;

/// Options of one coding run.
#[derive(Clone, Copy, Debug, Default)]
pub struct CoderOptions {
    /// Attach token spans and the dictionary line to every event.
    pub explain: bool,
}

/// A document the coder could not take.
#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    #[error("document {doc_id}: {message}")]
    Invalid { doc_id: String, message: String },
}

/// Codes documents into events. Cheap to clone (shares its knowledge).
#[derive(Clone)]
pub struct Coder {
    knowledge: Arc<Knowledge>,
    options: CoderOptions,
}

/// Counters of one document, for benchmarks and progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentStats {
    pub sentences: usize,
    /// Sentences that passed the prefilter and were analysed.
    pub analysed: usize,
}

impl Coder {
    pub fn new(knowledge: Arc<Knowledge>, options: CoderOptions) -> Coder {
        Coder { knowledge, options }
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// All events of one document, in sentence order.
    pub fn code(&self, doc: &Document) -> Result<(Vec<Event>, DocumentStats), CodeError> {
        if doc.text.len() > tacitus_text::MAX_TEXT_LEN {
            return Err(CodeError::Invalid {
                doc_id: doc.id.clone(),
                message: format!(
                    "text is {} bytes; the limit is {}",
                    doc.text.len(),
                    tacitus_text::MAX_TEXT_LEN
                ),
            });
        }
        // An unparseable published date leaves relative dates unresolved; it does not lose the
        // document (ingest has already warned about it).
        let anchor = doc
            .published
            .as_deref()
            .and_then(|p| p.trim().parse::<Anchor>().ok());
        let date = anchor.map(|a| (a.year, a.month, a.day));
        let mut seg = tacitus_text::Segmentation::default();
        tacitus_text::segment(&doc.text, &mut seg);
        let mut ctx = DocumentContext::default();
        let mut events = Vec::new();
        let mut stats = DocumentStats {
            sentences: seg.sentences.len(),
            analysed: 0,
        };
        let k = &*self.knowledge;
        let lem = Lemmatizer::embedded();
        let mut scratch = String::new();
        let mut lowers = String::new();
        let mut ranges = Vec::new();
        // A "sentence" of thousands of tokens (a table, a list, a page with no punctuation) is
        // read in windows, so that the cost per token stays bounded.
        let windows = seg.sentences.iter().enumerate().flat_map(|(si, s)| {
            seg.tokens[s.tokens.start as usize..s.tokens.end as usize]
                .chunks(MAX_SENTENCE_TOKENS)
                .map(move |w| (si, w))
        });
        for (si, toks) in windows {
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let s = tacitus_text::Sentence {
                start: first.start,
                end: last.end,
                tokens: 0..0,
            };
            // Prefilter: an actor word and an event verb, or nothing to code here.
            let mut has_actor = false;
            let mut has_verb = false;
            for tk in toks {
                let w = &doc.text[tk.start as usize..tk.end as usize];
                if !has_actor && !k.actors.word_ids(w, &mut scratch).is_none() {
                    has_actor = true;
                }
                if !has_actor && mentions::REFERRING.contains(&scratch.as_str()) {
                    has_actor = true;
                }
                if !has_verb {
                    tacitus_knowledge::normalize_into(w, &mut scratch);
                    has_verb = is_verb_head(k, lem, &scratch);
                }
                if has_actor && has_verb {
                    break;
                }
            }
            if !has_actor {
                continue;
            }
            let text = &doc.text[s.start as usize..s.end as usize];
            let spans: Vec<(usize, usize)> = toks
                .iter()
                .map(|t| ((t.start - s.start) as usize, (t.end - s.start) as usize))
                .collect();
            SentenceAnalysis::lowercase(text, &spans, &mut lowers, &mut ranges);
            let a = SentenceAnalysis::new(text, &spans, &lowers, &ranges, k);
            let hits = mentions::dictionary_hits(&a, k);
            let ms = mentions::mentions(&a, k, &hits, &mut ctx, date);
            if !has_verb || ms.is_empty() {
                continue;
            }
            stats.analysed += 1;
            if debug() {
                eprintln!(
                    "TOKS {:?}",
                    a.toks
                        .iter()
                        .map(|t| format!("{}/{:?}/{}", t.lower, t.pos, t.lemma))
                        .collect::<Vec<_>>()
                );
                eprintln!("GROUPS {:?}", a.groups);
                eprintln!(
                    "MENTIONS {:?}",
                    ms.iter()
                        .map(|m| (m.start, m.end, m.code(), m.strength))
                        .collect::<Vec<_>>()
                );
            }
            self.code_sentence(doc, si, &a, &hits, &ms, anchor, &mut events);
        }
        // One event per (sentence, source, target, code).
        let mut seen = std::collections::HashSet::new();
        events.retain(|e: &Event| seen.insert(e.event_id.clone()));
        Ok((events, stats))
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        doc: &Document,
        si: usize,
        a: &SentenceAnalysis<'_>,
        hits: &[mentions::Hit],
        all: &[Mention],
        anchor: Option<Anchor>,
        out: &mut Vec<Event>,
    ) {
        let k = &*self.knowledge;
        let t = &a.toks;
        // Questions report no event; sports, markets and weather are not political events.
        if debug() {
            eprintln!("Q={} DISCARD={:?}", is_question(a), discarded(a, k, all));
        }
        if is_question(a) || discarded(a, k, all).is_some() {
            return;
        }
        let frame = attribution::find(a, k, hits, all);
        // Actors inside the reporting frame and places after "in"/"at" are context, not parties.
        let in_frame = |m: &Mention| {
            frame
                .as_ref()
                .is_some_and(|f| m.start >= f.start && m.end <= f.end && f.end > f.start)
        };
        let ms: Vec<Mention> = all
            .iter()
            .filter(|m| !in_frame(m) && !grammar::is_locative(a, m))
            .cloned()
            .collect();
        let ms = &ms[..];
        let dates = find_dates(a.text, anchor);
        let facts = SentenceFacts {
            doc,
            index: si,
            a,
            frame: frame.as_ref(),
            dates: &dates,
            mentions: all,
            anchor,
        };
        let groups = &a.groups;
        let mut consumed = vec![false; groups.len()];
        for g in 0..groups.len() {
            if consumed[g] {
                continue;
            }
            let head = groups[g].head;
            if frame
                .as_ref()
                .is_some_and(|f| head >= f.start && head < f.end)
            {
                continue;
            }
            // A complement "to VERB" is coded through its control verb, not on its own.
            if groups[g].start > 0 && t[groups[g].start - 1].lower == "to" && g > 0 {
                continue;
            }
            if !grammar::is_finite_clause(a, &groups[g])
                || grammar::in_conditional(a, groups[g].start)
            {
                continue;
            }
            // "Russia said Sudan must return the helicopter": a demand by the speaker.
            if groups[g].obligation && !groups[g].negated {
                if let Some(speech) = (0..g).rev().find(|&p| {
                    let v = t[groups[p].head].lemma;
                    analysis::is_statement_verb(v) || DEMANDING.contains(&v)
                }) {
                    let speakers = grammar::subject(a, groups, speech, all);
                    let addressees = grammar::subject(a, groups, g, ms);
                    for (src, tgt) in speakers
                        .iter()
                        .flat_map(|s| addressees.iter().map(move |t| (s, t)))
                    {
                        let pred = events::Predicate::grammatical(
                            &OBLIGATION_RULE,
                            "100",
                            groups[g].head,
                            speech,
                        );
                        if let Some(code) = events::fit_code(&pred.code, src, Some(tgt)) {
                            out.push(self.build_event(&facts, &pred, &code, src, Some(tgt)));
                        }
                    }
                }
                continue;
            }
            let end = grammar::clause_end(a, head + 1);
            let Some(pred) = events::code_group(a, k, groups, g, ms, end) else {
                continue;
            };
            if debug() {
                eprintln!(
                    "PRED g={g} head={} code={} pattern={} via={:?}",
                    pred.head, pred.code, pred.pattern.text, pred.via
                );
            }
            for cg in &pred.consumed {
                consumed[*cg] = true;
            }
            // "demanded that Russia withdraw its troops": the demanded act did not happen.
            if matches!(codes::root(&pred.code), "02" | "10" | "13") {
                // It runs to the end of the sentence or of this coordinated clause (", and ...").
                let stop = (pred.last.max(head)..t.len())
                    .find(|&i| {
                        matches!(t[i].lower, ";" | ".")
                            || (t[i].lower == ","
                                && t.get(i + 1).is_some_and(|n| n.pos == Pos::CoordConj))
                    })
                    .unwrap_or(t.len());
                for (x, gr) in groups.iter().enumerate() {
                    if gr.head > head && gr.head < stop {
                        consumed[x] = true;
                    }
                }
            }
            let mut subject = grammar::subject(a, groups, pred.subject_group, ms);
            let obj_end = grammar::clause_end(a, pred.last.max(pred.head) + 1).max(pred.last + 1);
            // "rejected an Australian ultimatum": a nationality on the pattern's own noun names
            // the party the act is aimed at.
            let on_element = ms.iter().find(|m| {
                m.strength == Strength::Weak && !m.is_place && pred.elements.contains(&(m.end - 1))
            });
            let mut object = match (pred.target_at, on_element) {
                (Some(at), _) => ms
                    .iter()
                    .find(|m| m.start == at)
                    .map(|m| grammar::with_conjuncts_right(a, ms, m.clone()))
                    .unwrap_or_default(),
                (None, Some(m)) => vec![m.clone()],
                (None, None) => grammar::object(a, ms, pred.head + 1, obj_end, &subject),
            };
            // "Ukraine received jets from Denmark": the giver is the source.
            let received_from =
                matches!(t[pred.head].lemma, "receive" | "obtain" | "get" | "accept")
                    && matches!(codes::root(&pred.code), "06" | "07")
                    && !pred.passive;
            if received_from {
                let from = (pred.head + 1..obj_end).find(|&i| t[i].lower == "from");
                let givers: Vec<Mention> = from
                    .map(|f| {
                        ms.iter()
                            .filter(|m| {
                                m.start == f + 1
                                    || (m.start == f + 2 && t[f + 1].pos == Pos::Determiner)
                            })
                            .take(1)
                            .flat_map(|m| grammar::object(a, ms, m.start, obj_end, &[]))
                            .collect()
                    })
                    .unwrap_or_default();
                if !givers.is_empty() {
                    object = subject.clone();
                    subject = givers;
                }
            }
            // "'We will not recognise the referendum,' Tokayev said": "we" and "I" in a quote
            // are the speaker of the reporting frame.
            if subject.is_empty() {
                let sg = &groups[pred.subject_group];
                let first_person = sg.start > 0 && matches!(t[sg.start - 1].lower, "we" | "i");
                if let (true, Some(f)) = (first_person, frame.as_ref()) {
                    subject.extend(
                        all.iter()
                            .filter(|m| {
                                m.start >= f.start && m.end <= f.end && m.strength != Strength::Weak
                            })
                            .take(1)
                            .cloned(),
                    );
                }
            }
            let (sources, mut targets) = if pred.passive {
                let agent = grammar::passive_agent(a, ms, pred.head + 1, obj_end);
                object.retain(|o| !agent.iter().any(|x| x.start == o.start));
                (agent, subject)
            } else {
                (subject, object)
            };
            if sources.is_empty() || grammar::has_negative_determiner(a, &sources, &pred) {
                continue;
            }
            // "demanded that Russia withdraw its troops": a base form after a singular subject is
            // a subjunctive, a demanded act rather than a reported one.
            let sg = &groups[pred.subject_group];
            if sg.start == sg.head
                && t[sg.head].pos == Pos::Verb
                && !pred.passive
                && sources.iter().all(|m| !m.plural)
                && sg.start > 0
                && !matches!(t[sg.start - 1].pos, Pos::To | Pos::Modal)
            {
                continue;
            }
            // "Analysts say Israel would attack": "would" about a named party is speculation.
            if groups[pred.subject_group].would
                && !pred.passive
                && sources.iter().all(|m| m.strength == Strength::Named)
            {
                continue;
            }
            // "Armenia and Azerbaijan signed a declaration", "Russian and Chinese warships held
            // exercises in the Sea of Japan": the conjuncts act on each other, unless the act has
            // a direct object of its own.
            let mut sources = sources;
            let mutual = matches!(codes::root(&pred.code), "03" | "04" | "05" | "06" | "19")
                && pred.via.is_none();
            if sources.len() >= 2 && !pred.passive && mutual {
                let direct = targets.first().is_some_and(|t| {
                    t.strength != Strength::Weak
                        && !matches!(
                            grammar::governing_preposition(a, t.start),
                            Some("of" | "in" | "at" | "near" | "from" | "for" | "since" | "during")
                        )
                });
                if !direct {
                    targets = sources.split_off(1);
                }
            }
            // "France is ready to contribute troops", "refused to extradite the suspect": an
            // actor resolved back to the source's own state is its instrument or its national,
            // not the other party; only force, coercion and protest act on a state's own people.
            let own = sources.first().and_then(|s| s.country.clone());
            let domestic_ok = |m: &Mention| {
                matches!(
                    codes::root(&pred.code),
                    "14" | "15" | "17" | "18" | "19" | "20"
                ) && !matches!(
                    m.sector.as_deref(),
                    Some("MIL" | "GOV" | "COP" | "SPY" | "BUS")
                )
            };
            // Only a state actor acts through its own agents; the opposition demanding something
            // of "President Mugabe" is a domestic dyad.
            let state_source = sources.first().is_some_and(|s| {
                s.is_state || matches!(s.sector.as_deref(), Some("GOV" | "MIL" | "COP" | "SPY"))
            });
            let instrument = |m: &Mention| {
                m.strength == Strength::Resolved
                    && own.is_some()
                    && m.country == own
                    && ((state_source && !domestic_ok(m)) || t[m.start].lower == "it")
            };
            if targets.iter().any(instrument) {
                let rest: Vec<Mention> = ms.iter().filter(|m| !instrument(m)).cloned().collect();
                targets = if pred.passive {
                    Vec::new()
                } else {
                    grammar::object(a, &rest, pred.head + 1, obj_end, &sources)
                };
            }
            // With no other party, the place acted upon is the target: "lifted a curfew in
            // Montenegro", "will provide food aid to refugees in Liberia".
            if targets.is_empty() && !pred.passive {
                let own = sources.first().and_then(|m| m.country.clone());
                // Curfews and bans fall on a state's own territory ("extend the curfew in Abidjan").
                let domestic = matches!(codes::root(&pred.code), "17")
                    || pred.code.starts_with("132")
                    || pred.code.starts_with("137");
                targets.extend(
                    all.iter()
                        .filter(|m| {
                            m.start > pred.head
                                && m.start < obj_end
                                && grammar::is_locative(a, m)
                                && m.country.is_some()
                                && (m.country != own || domestic)
                        })
                        .take(1)
                        .cloned(),
                );
            }
            // A threat is aimed at whoever its condition names: "... if the United States deploys".
            if targets.is_empty() && codes::root(&pred.code) == "13" {
                if let Some(cond) =
                    (pred.head..t.len()).find(|&i| matches!(t[i].lower, "if" | "unless"))
                {
                    targets.extend(ms.iter().filter(|m| m.start > cond).take(1).cloned());
                }
            }
            // Citizens protest against their own government unless the text names another target.
            if targets.is_empty()
                && codes::root(&pred.code) == "14"
                && !pred.code.starts_with("145")
            {
                targets.extend(
                    sources
                        .first()
                        .filter(|s| !s.base.starts_with("IGO") && !s.base.starts_with("NGO"))
                        .and_then(Mention::implied_government),
                );
            }
            for src in &sources {
                // A nationality adjective acts only through its weapons ("Russian missiles").
                if src.strength == Strength::Weak && !events::WEAPONS.contains(&src.noun.as_str()) {
                    continue;
                }
                let tgts: Vec<Option<&Mention>> = if targets.is_empty() {
                    vec![None]
                } else {
                    targets.iter().map(Some).collect()
                };
                for tgt in tgts {
                    if tgt.is_some_and(|tg| tg.start == src.start && !tg.implicit) {
                        continue;
                    }
                    let Some(code) = events::fit_code(&pred.code, src, tgt) else {
                        continue;
                    };
                    out.push(self.build_event(&facts, &pred, &code, src, tgt));
                }
            }
        }
    }

    fn build_event(
        &self,
        facts: &SentenceFacts<'_, '_>,
        pred: &events::Predicate<'_>,
        code: &str,
        src: &Mention,
        tgt: Option<&Mention>,
    ) -> Event {
        let SentenceFacts {
            doc,
            index: si,
            a,
            frame,
            dates,
            mentions: ms,
            anchor,
        } = *facts;
        let t = &a.toks;
        let span_text = |m: &Mention| {
            if m.implicit {
                String::new()
            } else {
                a.text[t[m.start].start..t[m.end - 1].end].to_string()
            }
        };
        let actor = |m: &Mention| Actor {
            code: m.code(),
            country: m.country.clone(),
            sector: m.sector.clone(),
            text: span_text(m),
            name: m.name.clone(),
        };
        let table = CameoTable::embedded();
        let cameo = table.get(code).or_else(|| table.get(codes::root(code)));
        let head_byte = t[pred.head].start;
        let date = dates
            .iter()
            .min_by_key(|d| d.start.abs_diff(head_byte))
            .map(|d| d.date);
        // The nearest stated date; else the published day (the ICEWS convention); else none.
        let (date, precision) = match (date, anchor) {
            (Some(d), _) => (Some(d.to_iso()), Some(precision_name(d.precision))),
            (None, Some(a)) => (
                Some(format!("{:04}-{:02}-{:02}", a.year, a.month, a.day)),
                Some("day"),
            ),
            (None, None) => (None, None),
        };
        let location = location(a, ms);
        let mut rule = format!("verb:{} ({})", pred.pattern.name(), pred.pattern.origin);
        if let Some(v) = pred.via {
            rule = format!("{v}>{rule}");
        }
        let mut confidence: f64 = 0.55 + 0.08 * pred.elements.len() as f64;
        if src.strength == Strength::Resolved {
            confidence -= 0.1;
        }
        if tgt.is_some_and(|m| m.strength == Strength::Weak) {
            confidence -= 0.1;
        }
        if tgt.is_none() {
            confidence -= 0.1;
        }
        let explain = self.options.explain.then(|| {
            let mut spans = vec![
                span("source", a, src.start, src.end),
                span("verb", a, pred.head, pred.head + 1),
            ];
            if let Some(m) = tgt {
                spans.push(span("target", a, m.start, m.end));
            }
            for &e in &pred.elements {
                spans.push(span("pattern", a, e, e + 1));
            }
            if let Some(f) = frame {
                spans.push(span("attribution", a, f.start, f.end.min(t.len())));
            }
            Explain {
                spans,
                pattern: format!("{}  ({})", pred.pattern.text, pred.pattern.origin),
            }
        });
        let source = actor(src);
        let target = tgt.map(actor);
        Event {
            event_id: Event::stable_id(
                &doc.id,
                a.text,
                &source.code,
                target.as_ref().map(|x| x.code.as_str()),
                code,
            ),
            doc_id: doc.id.clone(),
            sentence_index: si,
            sentence: a.text.to_string(),
            date,
            date_precision: precision.map(str::to_string),
            source,
            target,
            cameo: code.to_string(),
            cameo_root: codes::root(code).to_string(),
            goldstein: cameo.map_or(0.0, |c| c.goldstein),
            quad_class: cameo.map_or(0, |c| c.quad_class),
            plover: cameo.map(|c| c.plover.clone()).unwrap_or_default(),
            location,
            attribution: frame.map(|f| f.attribution.clone()),
            rule,
            confidence: confidence.clamp(0.05, 0.95),
            explain,
        }
    }
}

/// True when some inflection of `lower` is a pattern head (the tag is not known yet).
fn is_verb_head(k: &Knowledge, lem: &Lemmatizer, lower: &str) -> bool {
    k.verbs.is_head(lower)
        || [Pos::VerbPast, Pos::VerbPresent3, Pos::VerbGerund]
            .into_iter()
            .any(|p| k.verbs.is_head(lem.lemma(lower, p)))
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

fn span(label: &str, a: &SentenceAnalysis<'_>, s: usize, e: usize) -> Span {
    let t = &a.toks;
    let (start, end) = (t[s].start, t[e.max(s + 1) - 1].end);
    Span {
        label: label.into(),
        start,
        end,
        text: a.text[start..end].to_string(),
    }
}

/// What every event of one sentence shares.
#[derive(Clone, Copy)]
struct SentenceFacts<'x, 's> {
    doc: &'x Document,
    index: usize,
    a: &'x SentenceAnalysis<'s>,
    frame: Option<&'x attribution::Frame>,
    dates: &'x [tacitus_dates::DateMention],
    mentions: &'x [Mention],
    anchor: Option<Anchor>,
}

/// True for a question: "Will China invade Taiwan?" reports nothing.
fn is_question(a: &SentenceAnalysis<'_>) -> bool {
    a.toks
        .iter()
        .rev()
        .find(|t| !matches!(t.lower, "\"" | "”" | "'" | ")"))
        .is_some_and(|t| t.lower == "?")
}

/// The sentence's non-political domain ("sports"), when a discard word stands outside any actor.
fn discarded<'k>(a: &SentenceAnalysis<'_>, k: &'k Knowledge, ms: &[Mention]) -> Option<&'k str> {
    let t = &a.toks;
    for (i, tok) in t.iter().enumerate() {
        if ms.iter().any(|m| m.start <= i && i < m.end) || in_background(t, i) {
            continue;
        }
        if let Some(d) = k
            .verbs
            .discard_domain(tok.lemma)
            .or_else(|| k.verbs.discard_domain(tok.lower))
        {
            return Some(d);
        }
        // A score such as "25-13".
        if let Some((x, y)) = tok.lower.split_once('-') {
            if !x.is_empty()
                && !y.is_empty()
                && x.len() <= 3
                && y.len() <= 3
                && x.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit())
                && t.get(i + 1)
                    .is_none_or(|n| !matches!(n.lower, "year" | "years"))
            {
                return Some("sports");
            }
        }
    }
    let words: Vec<&str> = t.iter().map(|x| x.lower).collect();
    (0..words.len()).find_map(|i| k.verbs.discard_phrase(&words[i..]))
}

/// True for a word in a background phrase: "after Friday's earthquake", "amid the storm".
/// Such a phrase sets the scene; it does not make the sentence about weather or sport.
fn in_background(t: &[analysis::Tok<'_>], i: usize) -> bool {
    let mut j = i;
    while j > 0 && i - j < 5 {
        j -= 1;
        match t[j].pos {
            Pos::Determiner
            | Pos::Adjective
            | Pos::Noun
            | Pos::ProperNoun
            | Pos::Possessive
            | Pos::Number => continue,
            Pos::Adposition | Pos::SubConj => {
                return matches!(
                    t[j].lower,
                    "after"
                        | "before"
                        | "following"
                        | "despite"
                        | "amid"
                        | "amidst"
                        | "since"
                        | "during"
                        | "because"
                )
            }
            _ => return false,
        }
    }
    false
}

/// `TACITUS_DEBUG=1` prints each analysed sentence's tokens, groups, mentions and patterns.
fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("TACITUS_DEBUG").is_some())
}

/// Where it happened: the first place or state after "in"/"at".
fn location(a: &SentenceAnalysis<'_>, ms: &[Mention]) -> Option<Location> {
    ms.iter()
        .find(|m| m.country.is_some() && !m.is_person && grammar::is_locative(a, m))
        .map(|m| Location {
            name: m.name.clone(),
            country: m.country.clone(),
            lat: m.lat,
            lon: m.lon,
            geonameid: m.geonameid,
        })
}

/// Verbs that report what someone else must do: the verbs of saying and these.
const DEMANDING: &[&str] = &["warn", "conclude", "demand", "remind", "urge"];

/// The rule behind demands read from obligations in reported speech.
static OBLIGATION_RULE: std::sync::LazyLock<tacitus_knowledge::VerbPattern> =
    std::sync::LazyLock::new(|| tacitus_knowledge::VerbPattern {
        code: Some("100".into()),
        head: "must".into(),
        elements: Vec::new(),
        origin: "coder: obligation in reported speech".into(),
        text: "SPEAKER say|declare|insist ... ADDRESSEE must|should VERB => 100".into(),
    });

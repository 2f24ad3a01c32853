//! Anki decks (.apkg) that update in place. The package is a zip holding an
//! Anki collection (SQLite, the schema Anki's importer accepts) that we write
//! directly, fast, with no Anki library.
//!
//! Identity is stable: the note type id, deck ids and note GUIDs derive from
//! names and question ids, never from the clock. Anki applies an update only
//! when the incoming note is newer, so modification times come from
//! `SOURCE_DATE_EPOCH` (which moves forward when the bank changes) or the
//! real clock. The note type's fields and template names never change: Anki
//! treats a changed schema as a different note type.

use serde_json::json;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::archive::Archive;
use crate::document::{Document, Entry};
use crate::error::Error;
use crate::html;
use crate::question::{ALL_ROLES, Question};
use crate::render::{Context, Renderer};
use crate::sqlite::{self, Database, Value, record};
use crate::template;

/// The note type's name.
pub const NOTE_TYPE: &str = "runbook interview question";
/// The note type's fields, in order. Never reorder or rename them.
pub const FIELDS: [&str; 8] = [
    "Id",
    "Question",
    "Answer",
    "Key points",
    "Follow-ups",
    "Code",
    "Topic",
    "Level",
];
/// The top-level deck.
pub const ROOT_DECK: &str = "Python interview";

/// Writes an Anki package.
pub struct AnkiRenderer;

/// A stable id in Anki's id range from a name.
pub fn stable_id(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    let n = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    // Below 2^53 so JSON readers keep it exact; above 2^40 to stay clear of
    // small ids such as the default deck's.
    (1i64 << 40) + (n % (1u64 << 52)) as i64
}

/// The note type id.
pub fn note_type_id() -> i64 {
    stable_id(NOTE_TYPE)
}

/// The GUID of a question's note: the question id, namespaced.
pub fn guid(q: &Question) -> String {
    format!("runbook/{}", q.id)
}

/// The deck a question goes in: `Python interview::Senior::Concurrency`.
pub fn deck(doc: &Document<'_>, q: &Question) -> String {
    let level = doc.bank.levels.title(doc.level_of(q));
    let topic = doc.bank.topic_title(&q.topic);
    format!("{ROOT_DECK}::{}::{}", clean(level), clean(topic))
}

/// Deck names use `::` to nest; keep it out of the parts.
fn clean(part: &str) -> String {
    part.replace("::", ":")
}

/// The question's tags: `runbook::role::backend`, `runbook::level::senior`,
/// `runbook::topic::concurrency`, `runbook::kind::concept`.
pub fn tags(doc: &Document<'_>, q: &Question) -> Vec<String> {
    let mut tags = Vec::new();
    let roles: Vec<&str> = if q.roles.iter().any(|r| r == ALL_ROLES) {
        doc.bank.roles.iter().map(|r| r.id.as_str()).collect()
    } else {
        q.roles.iter().map(String::as_str).collect()
    };
    tags.extend(roles.iter().map(|r| format!("runbook::role::{r}")));
    tags.extend(
        q.levels
            .iter()
            .map(|l| format!("runbook::level::{}", l.id())),
    );
    tags.push(format!("runbook::topic::{}", q.topic));
    tags.push(format!("runbook::kind::{}", q.kind.id()));
    tags
}

/// The note's field values, HTML, in [`FIELDS`] order.
pub fn fields(doc: &Document<'_>, entry: &Entry<'_>) -> [String; 8] {
    let q = entry.question;
    let code = q.code.as_ref().map_or_else(String::new, |c| {
        let mut out = html::code_block(&c.source);
        if let Some(output) = &c.output {
            out.push_str(&format!(
                "<div class=\"meta\">Output</div><pre class=\"code\"><code>{}</code></pre>",
                html::escape(output.trim_end())
            ));
        }
        out
    });
    [
        html::escape(&q.id),
        html::markdown(q.prompt.trim()),
        html::markdown(q.answer.trim()),
        html::list(&q.key_points),
        html::list(&q.follow_ups),
        code,
        html::escape(doc.bank.topic_title(&q.topic)),
        html::escape(doc.bank.levels.title(doc.level_of(q))),
    ]
}

/// Anki's checksum of a note's first field.
fn checksum(first_field: &str) -> i64 {
    let digest = Sha1::digest(first_field.as_bytes());
    i64::from(u32::from_be_bytes(digest[..4].try_into().expect("4 bytes")))
}

impl Renderer for AnkiRenderer {
    fn name(&self) -> &'static str {
        "anki"
    }

    fn extension(&self) -> &'static str {
        "apkg"
    }

    fn file_name(&self, stem: &str) -> String {
        format!("{stem}.apkg")
    }

    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        Ok(self.render_parts(doc, ctx)?.concat())
    }

    fn render_parts(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<Vec<u8>>, Error> {
        let mod_time = ctx.timestamp.modification_time();
        let collection = collection(doc, ctx, mod_time)?;
        package(collection)
            .map_err(|e| Error::Render(format!("writing the Anki package: {e}")))
            .map_err(|e| Error::Render(format!("writing the Anki package: {e}")))
    }
}

/// The tables of a collection, in the order they are written.
const TABLES: [(&str, &str); 5] = [
    (
        "col",
        "CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null)",
    ),
    (
        "notes",
        "CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null)",
    ),
    (
        "cards",
        "CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null)",
    ),
    (
        "revlog",
        "CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null)",
    ),
    (
        "graves",
        "CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null)",
    ),
];

/// The indexes Anki expects: name, table and SQL.
const INDEXES: [(&str, &str, &str); 7] = [
    (
        "ix_notes_usn",
        "notes",
        "CREATE INDEX ix_notes_usn on notes (usn)",
    ),
    (
        "ix_cards_usn",
        "cards",
        "CREATE INDEX ix_cards_usn on cards (usn)",
    ),
    (
        "ix_revlog_usn",
        "revlog",
        "CREATE INDEX ix_revlog_usn on revlog (usn)",
    ),
    (
        "ix_cards_nid",
        "cards",
        "CREATE INDEX ix_cards_nid on cards (nid)",
    ),
    (
        "ix_cards_sched",
        "cards",
        "CREATE INDEX ix_cards_sched on cards (did, queue, due)",
    ),
    (
        "ix_revlog_cid",
        "revlog",
        "CREATE INDEX ix_revlog_cid on revlog (cid)",
    ),
    (
        "ix_notes_csum",
        "notes",
        "CREATE INDEX ix_notes_csum on notes (csum)",
    ),
];

/// The collection database file, as its pages. Rows come sorted by id, so the file is
/// laid out directly (see [`crate::sqlite`]) rather than built insert by
/// insert.
fn collection(doc: &Document<'_>, ctx: &Context<'_>, mod_time: i64) -> Result<Vec<Vec<u8>>, Error> {
    // Decks, parents included, in a stable order; each question's deck
    // depends on its level and topic only.
    let mut decks: Vec<String> = Vec::new();
    let mut deck_ids = std::collections::HashMap::new();
    for e in doc.entries() {
        let q = e.question;
        let key = (doc.level_of(q), q.topic.as_str());
        if deck_ids.contains_key(&key) {
            continue;
        }
        let name = deck(doc, q);
        deck_ids.insert(key, stable_id(&format!("deck:{name}")));
        let parts: Vec<&str> = name.split("::").collect();
        for n in 1..=parts.len() {
            let parent = parts[..n].join("::");
            if !decks.contains(&parent) {
                decks.push(parent);
            }
        }
    }
    let mut deck_json = serde_json::Map::new();
    deck_json.insert("1".into(), deck_entry(1, "Default", 0));
    for name in &decks {
        let id = stable_id(&format!("deck:{name}"));
        deck_json.insert(id.to_string(), deck_entry(id, name, mod_time));
    }
    let model_id = note_type_id();
    let first_deck = decks.last().map_or(1, |d| stable_id(&format!("deck:{d}")));
    let model = json!({
        "css": ctx.templates.text(template::ANKI_CSS)?,
        "did": first_deck,
        "flds": FIELDS.iter().enumerate().map(|(i, name)| json!({
            "name": name, "ord": i, "font": "Arial", "media": [], "rtl": false, "size": 20, "sticky": false,
        })).collect::<Vec<_>>(),
        "id": model_id.to_string(),
        "latexPost": "\\end{document}",
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "mod": mod_time,
        "name": NOTE_TYPE,
        "req": [[0, "all", [1]]],
        "sortf": 0,
        "tags": [],
        "tmpls": [{
            "name": "Question",
            "ord": 0,
            "qfmt": ctx.templates.text(template::ANKI_FRONT)?,
            "afmt": ctx.templates.text(template::ANKI_BACK)?,
            "bqfmt": "",
            "bafmt": "",
            "did": null,
        }],
        "type": 0,
        "usn": -1,
        "vers": [],
    });
    let models = json!({ model_id.to_string(): model });
    let mut db = Database::new(sqlite::PAGE_SIZE);
    let [col, notes, cards, revlog, graves] = TABLES;
    let mut table = db.table(col.0, col.1);
    table.push(
        1,
        &[
            Value::Null,
            Value::Integer(mod_time - mod_time.rem_euclid(86_400)),
            Value::Integer(mod_time * 1000),
            Value::Integer(mod_time * 1000),
            Value::Integer(11),
            Value::Integer(0),
            Value::Integer(0),
            Value::Integer(0),
            Value::Text(&conf(first_deck, model_id).to_string()),
            Value::Text(&models.to_string()),
            Value::Text(&serde_json::Value::Object(deck_json).to_string()),
            Value::Text(&dconf().to_string()),
            Value::Text("{}"),
        ],
    );
    table.finish();

    // Notes go in in id order, each as soon as its HTML, most of the work,
    // is built on another core.
    let mut entries: Vec<(i64, &Entry<'_>)> = doc
        .entries()
        .map(|e| (stable_id(&format!("note:{}", e.question.id)), e))
        .collect();
    entries.sort_unstable_by_key(|(id, _)| *id);
    let mut rows = Vec::with_capacity(entries.len());
    let mut table = db.table(notes.0, notes.1);
    crate::parallel::map_in_order(
        &entries,
        |(note_id, e)| {
            let deck_id = deck_ids[&(doc.level_of(e.question), e.question.topic.as_str())];
            Row::new(doc, e, *note_id, deck_id)
        },
        |(row, fields)| {
            let q = row.question;
            table.push(
                row.note_id,
                &[
                    Value::Null,
                    Value::Text(&row.guid),
                    Value::Integer(model_id),
                    Value::Integer(mod_time),
                    Value::Integer(-1),
                    Value::Text(&row.tags),
                    Value::Text(&fields),
                    sort_field(&q.id),
                    Value::Integer(row.csum),
                    Value::Integer(0),
                    Value::Text(""),
                ],
            );
            rows.push(row);
            Ok::<_, Error>(())
        },
    )?;
    table.finish();

    rows.sort_unstable_by_key(|row| row.card_id);
    let mut table = db.table(cards.0, cards.1);
    for row in &rows {
        table.push(
            row.card_id,
            &[
                Value::Null,
                Value::Integer(row.note_id),
                Value::Integer(row.deck_id),
                Value::Integer(0),
                Value::Integer(mod_time),
                Value::Integer(-1),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(row.position),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(0),
                Value::Integer(0),
                Value::Text(""),
            ],
        );
    }
    table.finish();
    db.table(revlog.0, revlog.1).finish();
    db.table(graves.0, graves.1).finish();

    // Index keys are the indexed columns and the rowid, in SQLite's order;
    // every key of an index has the same number of columns.
    let mut by_note: Vec<&Row<'_>> = rows.iter().collect();
    by_note.sort_unstable_by_key(|row| row.note_id);
    let mut flat = Vec::new();
    for (name, table, sql) in INDEXES {
        let (columns, mut keys): (usize, Vec<[i64; 4]>) = match name {
            "ix_notes_usn" => (2, by_note.iter().map(|r| [-1, r.note_id, 0, 0]).collect()),
            "ix_cards_usn" => (2, rows.iter().map(|r| [-1, r.card_id, 0, 0]).collect()),
            "ix_cards_nid" => (
                2,
                rows.iter().map(|r| [r.note_id, r.card_id, 0, 0]).collect(),
            ),
            "ix_cards_sched" => (
                4,
                rows.iter()
                    .map(|r| [r.deck_id, 0, r.position, r.card_id])
                    .collect(),
            ),
            "ix_notes_csum" => (
                2,
                by_note.iter().map(|r| [r.csum, r.note_id, 0, 0]).collect(),
            ),
            _ => (0, Vec::new()),
        };
        keys.sort_unstable();
        flat.clear();
        let mut ends = Vec::with_capacity(keys.len());
        for key in &keys {
            let values = key.map(Value::Integer);
            record(&values[..columns], &mut flat);
            ends.push(flat.len());
        }
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let keys = starts.zip(&ends).map(|(start, &end)| &flat[start..end]);
        db.index(name, table, sql, keys);
    }
    Ok(db.finish())
}

/// The sort field, as SQLite stores text in an integer column: as an
/// integer if it reads as one.
fn sort_field(id: &str) -> Value<'_> {
    match id.parse::<i64>() {
        Ok(n) if n.to_string() == id => Value::Integer(n),
        _ => Value::Text(id),
    }
}

/// A note and its card, ready to insert.
struct Row<'b> {
    question: &'b Question,
    note_id: i64,
    card_id: i64,
    deck_id: i64,
    /// Where the card comes in the deck's new-card queue.
    position: i64,
    guid: String,
    /// Anki's checksum of the first field.
    csum: i64,
    tags: String,
}

impl<'b> Row<'b> {
    /// The row and the note's fields, joined as Anki stores them.
    fn new(doc: &Document<'b>, entry: &Entry<'b>, note_id: i64, deck_id: i64) -> (Self, String) {
        let q = entry.question;
        let row = Row {
            question: q,
            note_id,
            card_id: stable_id(&format!("card:{}", q.id)),
            deck_id,
            position: entry.number as i64,
            guid: guid(q),
            csum: checksum(&q.id),
            tags: format!(" {} ", tags(doc, q).join(" ")),
        };
        (row, fields(doc, entry).join("\u{1f}"))
    }
}

fn deck_entry(id: i64, name: &str, mod_time: i64) -> serde_json::Value {
    json!({
        "collapsed": false, "conf": 1, "desc": "", "dyn": 0, "extendNew": 0, "extendRev": 50,
        "id": id, "lrnToday": [0, 0], "mod": mod_time, "name": name, "newToday": [0, 0],
        "revToday": [0, 0], "timeToday": [0, 0], "usn": -1,
    })
}

fn conf(deck: i64, model: i64) -> serde_json::Value {
    json!({
        "activeDecks": [deck], "addToCur": true, "collapseTime": 1200, "curDeck": deck,
        "curModel": model.to_string(), "dueCounts": true, "estTimes": true, "newBury": true,
        "newSpread": 0, "nextPos": 1, "sortBackwards": false, "sortType": "noteFld", "timeLim": 0,
    })
}

fn dconf() -> serde_json::Value {
    json!({ "1": {
        "autoplay": true, "id": 1, "maxTaken": 60, "mod": 0, "name": "Default", "replayq": true,
        "timer": 0, "usn": 0,
        "lapse": { "delays": [10], "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0 },
        "new": { "bury": true, "delays": [1, 10], "initialFactor": 2500, "ints": [1, 4, 7],
                 "order": 1, "perDay": 20, "separate": true },
        "rev": { "bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1, "maxIvl": 36500,
                 "minSpace": 1, "perDay": 200 },
    }})
}

/// Collections up to this size are deflated, to about a third; larger ones,
/// from thousands of questions, are stored as they are (as genanki does):
/// deflating would take longer than building the deck.
const DEFLATE_LIMIT: usize = 8 << 20;

/// Zip the collection into a package; the archive has fixed entry times, so
/// its bytes depend only on the content.
fn package(collection: Vec<Vec<u8>>) -> Result<Vec<Vec<u8>>, String> {
    let mut archive = Archive::new();
    let size: usize = collection.iter().map(Vec::len).sum();
    if size <= DEFLATE_LIMIT {
        archive.deflate("collection.anki2", &collection)?;
    } else {
        archive.store("collection.anki2", collection)?;
    }
    archive.deflate("media", &[b"{}"])?;
    archive.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_in_range() {
        assert_eq!(stable_id("x"), stable_id("x"));
        assert_ne!(stable_id("x"), stable_id("y"));
        for name in ["a", "deck:Python interview", "note:gil"] {
            let id = stable_id(name);
            assert!((1 << 40..(1 << 40) + (1 << 52)).contains(&id), "{id}");
        }
    }

    #[test]
    fn checksum_matches_anki() {
        // Anki: int(sha1("hello").hexdigest()[:8], 16)
        assert_eq!(checksum("hello"), 0xaaf4c61d);
    }
}

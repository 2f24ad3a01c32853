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

use rusqlite::{Connection, params};
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::archive::Archive;
use crate::document::{Document, Entry};
use crate::error::Error;
use crate::html;
use crate::question::{ALL_ROLES, Question};
use crate::render::{Context, Renderer};
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
        let mod_time = ctx.timestamp.modification_time();
        let failed = |e: Box<dyn std::error::Error>| {
            Error::Render(format!("writing the Anki collection: {e}"))
        };
        let mut db = collection(doc, ctx, mod_time).map_err(failed)?;
        let collection = db
            .serialize(rusqlite::MAIN_DB)
            .map_err(|e| failed(e.into()))?;
        package(&collection).map_err(|e| Error::Render(format!("writing the Anki package: {e}")))
    }
}

const SCHEMA: &str = "
PRAGMA page_size = 65536;
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
";

/// Indexes Anki expects, built after the rows are in (faster than
/// maintaining them row by row).
const INDEXES: &str = "
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// The collection database, in memory.
fn collection(
    doc: &Document<'_>,
    ctx: &Context<'_>,
    mod_time: i64,
) -> Result<Connection, Box<dyn std::error::Error>> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(SCHEMA)?;
    let tx = db.transaction()?;
    // Decks, parents included, in a stable order.
    let mut decks: Vec<String> = Vec::new();
    for e in doc.entries() {
        let name = deck(doc, e.question);
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
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?3, 11, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')",
        params![
            mod_time - mod_time.rem_euclid(86_400),
            mod_time * 1000,
            mod_time * 1000,
            conf(first_deck, model_id).to_string(),
            models.to_string(),
            Value::Object(deck_json).to_string(),
            dconf().to_string(),
        ],
    )?;
    {
        let mut note =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut card = tx.prepare("INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')")?;
        // Notes go in in id order (appending to a B-tree is much cheaper than
        // inserting into its middle), each as soon as its HTML, most of the
        // work, is built on another core.
        let mut entries: Vec<(i64, &Entry<'_>)> = doc
            .entries()
            .map(|e| (stable_id(&format!("note:{}", e.question.id)), e))
            .collect();
        entries.sort_unstable_by_key(|(id, _)| *id);
        let mut rows = Vec::with_capacity(entries.len());
        crate::parallel::map_in_order(
            &entries,
            |(note_id, e)| Row::new(doc, e, *note_id),
            |(row, fields)| {
                let q = row.question;
                note.execute(params![
                    row.note_id,
                    guid(q),
                    model_id,
                    mod_time,
                    row.tags,
                    fields,
                    q.id,
                    checksum(&q.id),
                ])?;
                rows.push(row);
                Ok::<_, rusqlite::Error>(())
            },
        )?;
        rows.sort_unstable_by_key(|row| row.card_id);
        for row in &rows {
            card.execute(params![
                row.card_id,
                row.note_id,
                row.deck_id,
                mod_time,
                row.position,
            ])?;
        }
    }
    tx.execute_batch(INDEXES)?;
    tx.commit()?;
    Ok(db)
}

/// A note and its card, ready to insert.
struct Row<'b> {
    question: &'b Question,
    note_id: i64,
    card_id: i64,
    deck_id: i64,
    /// Where the card comes in the deck's new-card queue.
    position: i64,
    tags: String,
}

impl<'b> Row<'b> {
    /// The row and the note's fields, joined as Anki stores them.
    fn new(doc: &Document<'b>, entry: &Entry<'b>, note_id: i64) -> (Self, String) {
        let q = entry.question;
        let row = Row {
            question: q,
            note_id,
            card_id: stable_id(&format!("card:{}", q.id)),
            deck_id: stable_id(&format!("deck:{}", deck(doc, q))),
            position: entry.number as i64,
            tags: format!(" {} ", tags(doc, q).join(" ")),
        };
        (row, fields(doc, entry).join("\u{1f}"))
    }
}

fn deck_entry(id: i64, name: &str, mod_time: i64) -> Value {
    json!({
        "collapsed": false, "conf": 1, "desc": "", "dyn": 0, "extendNew": 0, "extendRev": 50,
        "id": id, "lrnToday": [0, 0], "mod": mod_time, "name": name, "newToday": [0, 0],
        "revToday": [0, 0], "timeToday": [0, 0], "usn": -1,
    })
}

fn conf(deck: i64, model: i64) -> Value {
    json!({
        "activeDecks": [deck], "addToCur": true, "collapseTime": 1200, "curDeck": deck,
        "curModel": model.to_string(), "dueCounts": true, "estTimes": true, "newBury": true,
        "newSpread": 0, "nextPos": 1, "sortBackwards": false, "sortType": "noteFld", "timeLim": 0,
    })
}

fn dconf() -> Value {
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

/// Zip the collection into a package; the archive has fixed entry times, so
/// its bytes depend only on the content.
fn package(collection: &[u8]) -> Result<Vec<u8>, String> {
    let mut archive = Archive::new();
    archive.deflate("collection.anki2", collection)?;
    archive.deflate("media", b"{}")?;
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

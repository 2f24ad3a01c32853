//! The Anki collection: an SQLite database in the schema Anki's importer
//! reads (version 11), built with rusqlite in memory in one transaction and
//! serialized to bytes. The same rows give the same bytes.

use std::collections::HashMap;

use rusqlite::{Connection, MAIN_DB, params};

/// The tables of a collection, as Anki creates them.
const TABLES: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
";

/// The indexes, made after the rows are in: one sort each, rather than an
/// index update per row.
const INDEXES: &str = "
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// The collection's one `col` row: times and the JSON settings.
pub(super) struct Header {
    /// Modification time, seconds since 1970.
    pub mod_time: i64,
    /// The collection's options (`conf`).
    pub conf: String,
    /// The note types (`models`).
    pub models: String,
    /// The decks.
    pub decks: String,
    /// The deck options (`dconf`).
    pub dconf: String,
}

/// One note and its one card.
pub(super) struct NoteRow {
    /// The note id.
    pub id: i64,
    /// The note's GUID, which identifies it across imports.
    pub guid: String,
    /// The note type id.
    pub note_type: i64,
    /// Modification time, seconds since 1970.
    pub mod_time: i64,
    /// Tags, space-separated with a space at each end, as Anki stores them.
    pub tags: String,
    /// Fields joined by U+001F.
    pub fields: String,
    /// The sort field.
    pub sort_field: String,
    /// Anki's checksum of the first field.
    pub checksum: i64,
    /// The card id.
    pub card_id: i64,
    /// The card's deck.
    pub deck_id: i64,
    /// Position in the new-card queue.
    pub due: i64,
}

/// What an earlier deck said about one note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PreviousNote {
    /// Its modification time.
    pub mod_time: i64,
    /// Its fields, joined.
    pub fields: String,
    /// Its tags, as stored.
    pub tags: String,
}

/// Build the collection file and hand its bytes to `then` (without copying
/// them out of SQLite's memory).
pub(super) fn build<T>(
    header: &Header,
    notes: &[NoteRow],
    then: impl FnOnce(&[u8]) -> T,
) -> rusqlite::Result<T> {
    let mut db = Connection::open_in_memory()?;
    // A note's fields run to a few KiB: on 4 KiB pages most pages would hold
    // one note and half their space unused (the generated 10,000-note
    // collection was 43 MB); 64 KiB pages pack them.
    db.execute_batch("PRAGMA page_size = 65536; PRAGMA journal_mode = OFF;")?;
    let tx = db.transaction()?;
    tx.execute_batch(TABLES)?;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            header.mod_time - header.mod_time.rem_euclid(86_400),
            header.mod_time * 1000,
            header.conf,
            header.models,
            header.decks,
            header.dconf,
        ],
    )?;
    {
        let mut note =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut card = tx.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        for n in notes {
            note.execute(params![
                n.id,
                n.guid,
                n.note_type,
                n.mod_time,
                n.tags,
                n.fields,
                n.sort_field,
                n.checksum
            ])?;
            card.execute(params![n.card_id, n.id, n.deck_id, n.mod_time, n.due])?;
        }
    }
    tx.execute_batch(INDEXES)?;
    tx.commit()?;
    let data = db.serialize(MAIN_DB)?;
    Ok(then(&data))
}

/// The notes of an earlier collection file, by GUID.
pub(super) fn read_notes(bytes: &[u8]) -> rusqlite::Result<HashMap<String, PreviousNote>> {
    let mut db = Connection::open_in_memory()?;
    db.deserialize_read_exact(MAIN_DB, bytes, bytes.len(), true)?;
    let mut statement = db.prepare("SELECT guid, mod, flds, tags FROM notes")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            PreviousNote {
                mod_time: row.get(1)?,
                fields: row.get(2)?,
                tags: row.get(3)?,
            },
        ))
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            mod_time: 1_700_000_000,
            conf: "{}".into(),
            models: "{}".into(),
            decks: "{}".into(),
            dconf: "{}".into(),
        }
    }

    fn note(id: i64) -> NoteRow {
        NoteRow {
            id,
            guid: format!("g{id}"),
            note_type: 7,
            mod_time: 1_700_000_000 + id,
            tags: " a b ".into(),
            fields: format!("f{id}\u{1f}x"),
            sort_field: format!("f{id}"),
            checksum: id,
            card_id: id * 10,
            deck_id: 3,
            due: id,
        }
    }

    #[test]
    fn builds_a_sound_database_that_reads_back() {
        let notes: Vec<NoteRow> = (1..=500).map(note).collect();
        let bytes = build(&header(), &notes, <[u8]>::to_vec).unwrap();
        assert_eq!(&bytes[..16], b"SQLite format 3\0");
        let mut db = Connection::open_in_memory().unwrap();
        db.deserialize_read_exact(MAIN_DB, &bytes[..], bytes.len(), true)
            .unwrap();
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let cards: i64 = db
            .query_row("SELECT count(*) FROM cards WHERE did = 3", [], |r| r.get(0))
            .unwrap();
        assert_eq!(cards, 500);
        let previous = read_notes(&bytes).unwrap();
        assert_eq!(previous["g42"].mod_time, 1_700_000_042);
        assert_eq!(previous["g42"].fields, "f42\u{1f}x");
    }

    #[test]
    fn same_rows_same_bytes() {
        let notes: Vec<NoteRow> = (1..=50).map(note).collect();
        assert_eq!(
            build(&header(), &notes, <[u8]>::to_vec).unwrap(),
            build(&header(), &notes, <[u8]>::to_vec).unwrap()
        );
    }
}

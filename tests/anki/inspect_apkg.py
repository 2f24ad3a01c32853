#!/usr/bin/env python3
"""Import .apkg files into a real Anki collection and dump what Anki sees.

Used by the Rust integration tests to check generated decks with the real
Anki library (PyPI package `anki`, pinned in tests/requirements.txt).

Usage:
    inspect_apkg.py --collection DIR STEP...

DIR holds collection.anki2; it is created (with a fresh collection) when
missing and reused otherwise, so several invocations can build up state.
Steps run in order:

    import:PATH   import the .apkg at PATH with Anki's default import options
                  (notes and notetypes updated only if the incoming one is
                  newer, merge notetypes off, no scheduling, no deck configs)
    review:N      answer the first N due cards (new cards count) with "Good"
    dump          print one JSON object (notes, notetypes, decks, cards and
                  the import logs of this invocation) on its own line

Only dump writes to stdout. On any error the script prints a message to
stderr and exits with status 1 (2 for usage errors).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, NoReturn

# Everything except the dump JSON goes to stderr, even if Anki's native
# backend writes to file descriptor 1: keep the real stdout aside and point
# fd 1 at stderr for the rest of the run.
_REAL_STDOUT = os.fdopen(os.dup(1), "w", encoding="utf-8")
sys.stdout.flush()
os.dup2(2, 1)
sys.stdout = sys.stderr

PROG = "inspect_apkg.py"


class StepError(Exception):
    """A step failed; the message is shown to the user."""


def fail(message: str, status: int = 1) -> NoReturn:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(status)


try:
    # anki.collection first: importing anki.cards first is a circular import.
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
        ImportCsvRequest,
        ImportLogWithChanges,
    )
    from anki.cards import Card
    from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
except ImportError as err:  # pragma: no cover - environment problem
    fail(f"cannot import the anki library ({err}); install tests/requirements.txt")

# Good = 3 in the legacy answerCard() ease numbering (1 Again .. 4 Easy).
EASE_GOOD = 3


# --------------------------------------------------------------------------
# steps


def parse_step(raw: str) -> tuple[str, str | None]:
    """Split a STEP argument into (kind, argument), checking its syntax."""
    if raw == "dump":
        return ("dump", None)
    kind, sep, arg = raw.partition(":")
    if not sep or kind not in ("import", "importtxt", "review", "tag"):
        raise StepError(
            f"unknown step {raw!r} (expected import:PATH, importtxt:PATH, review:N, tag:GUID=TAG or dump)"
        )
    if kind in ("import", "importtxt"):
        if not arg:
            raise StepError(f"{kind} step needs a path: {kind}:PATH")
        return (kind, arg)
    if kind == "tag":
        guid, eq, tag = arg.partition("=")
        if not guid or not eq or not tag or " " in tag:
            raise StepError(f"tag step needs a note and one tag: tag:GUID=TAG, not {raw!r}")
        return ("tag", arg)
    try:
        count = int(arg)
    except ValueError:
        raise StepError(f"review step needs a whole number: {raw!r}") from None
    if count < 0:
        raise StepError(f"review count must not be negative: {raw!r}")
    return ("review", str(count))


def import_options() -> ImportAnkiPackageOptions:
    """The importer's defaults, spelled out (they equal the presets of a fresh
    collection, see Collection._backend.get_import_anki_package_presets())."""
    return ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )


# The lists of notes in ImportResponse.Log, by outcome.
LOG_LISTS = (
    "new",
    "updated",
    "duplicate",
    "conflicting",
    "first_field_match",
    "missing_notetype",
    "missing_deck",
    "empty_first_field",
)


def log_counts(response: ImportLogWithChanges) -> dict[str, int]:
    """The import log as a plain dict of counts: how many notes ended in each
    list of ImportResponse.Log, plus found_notes (notes in the package)."""
    log = response.log
    counts = {name: len(getattr(log, name)) for name in LOG_LISTS}
    counts["found_notes"] = log.found_notes
    return counts


def do_import(col: Collection, path: str) -> dict[str, int]:
    if not os.path.exists(path):
        raise StepError(f"import: no such file: {path}")
    if not os.path.isfile(path):
        raise StepError(f"import: not a file: {path}")
    request = ImportAnkiPackageRequest(
        package_path=os.path.abspath(path), options=import_options()
    )
    try:
        response = col.import_anki_package(request)
    except Exception as err:  # anki.errors.* from the backend
        raise StepError(
            f"import of {path} failed: {type(err).__name__}: {err}"
        ) from None
    return log_counts(response)


def do_import_text(col: Collection, path: str) -> dict[str, int]:
    """Import a plain-text (tab-separated) file the way Anki's import dialog
    would with no changes: the file's own header lines decide the mapping."""
    if not os.path.isfile(path):
        raise StepError(f"importtxt: no such file: {path}")
    path = os.path.abspath(path)
    try:
        metadata = col.get_csv_metadata(path, delimiter=None)
        response = col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
    except Exception as err:
        raise StepError(
            f"text import of {path} failed: {type(err).__name__}: {err}"
        ) from None
    return log_counts(response)


def do_review(col: Collection, count: int) -> None:
    """Answer `count` cards "Good" in the order Anki's (v3) scheduler hands
    them out. The scheduler only studies the current deck and its subdecks,
    so study each top-level deck in turn, in name order."""
    remaining = count
    previous = col.decks.get_current_id()
    try:
        for deck in sorted(col.decks.all_names_and_ids(), key=lambda d: d.name):
            if remaining == 0:
                break
            if "::" in deck.name:
                continue
            col.decks.set_current(deck.id)
            while remaining:
                card = col.sched.getCard()
                if card is None:
                    break
                col.sched.answerCard(card, EASE_GOOD)
                remaining -= 1
    finally:
        col.decks.set_current(previous)
    if remaining:
        raise StepError(
            f"review:{count}: only {count - remaining} card(s) were due"
        )


def do_tag(col: Collection, arg: str) -> None:
    """Add a tag to the note with this GUID, as a student does in the browser
    (Anki stamps the note with the current time)."""
    guid, _, tag = arg.partition("=")
    ids = col.db.list("select id from notes where guid = ?", guid)
    if not ids:
        raise StepError(f"tag: no note with GUID {guid!r}")
    note = col.get_note(ids[0])
    note.add_tag(tag)
    col.update_note(note)


# --------------------------------------------------------------------------
# dump


def notetype_json(nt: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": nt["id"],
        "name": nt["name"],
        "mod": nt["mod"],
        "fields": [f["name"] for f in sorted(nt["flds"], key=lambda f: f["ord"])],
        "templates": [
            {"name": t["name"], "qfmt": t["qfmt"], "afmt": t["afmt"]}
            for t in sorted(nt["tmpls"], key=lambda t: t["ord"])
        ],
        "css": nt["css"],
    }


def card_json(col: Collection, card: Card, guid: str) -> dict[str, Any]:
    # render_output() is what card.question()/card.answer() use, minus the
    # <style> block with the notetype's CSS.
    rendered = card.render_output(reload=True)
    return {
        "id": card.id,
        "note_guid": guid,
        "deck": col.decks.name(card.did),
        "ord": card.ord,
        "reps": card.reps,
        "ivl": card.ivl,
        "type": int(card.type),
        "queue": int(card.queue),
        "question_html": rendered.question_text,
        "answer_html": rendered.answer_text,
    }


def dump(col: Collection, imports: list[dict[str, int]]) -> dict[str, Any]:
    notetypes = {nt["id"]: nt for nt in col.models.all()}

    # notes.mod straight from the table: Note.mod comes through a uint32
    # protobuf field and silently wraps a value that does not fit (e.g. a
    # modification time written in milliseconds), while the importer's
    # "if newer" check compares the full stored value.
    stored_mod = dict(col.db.all("select id, mod from notes"))

    notes = []
    guid_of: dict[int, str] = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        guid_of[note.id] = note.guid
        notes.append(
            {
                "id": note.id,
                "guid": note.guid,
                "notetype": notetypes[note.mid]["name"],
                "notetype_id": note.mid,
                "mod": stored_mod[note.id],
                "fields": dict(note.items()),
                "tags": list(note.tags),
            }
        )
    notes.sort(key=lambda n: (n["guid"], n["id"]))

    cards = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        cards.append(card_json(col, card, guid_of[card.nid]))
    cards.sort(key=lambda c: (c["note_guid"], c["ord"], c["id"]))

    return {
        "notes": notes,
        "notetypes": sorted(
            (notetype_json(nt) for nt in notetypes.values()),
            key=lambda nt: (nt["name"], nt["id"]),
        ),
        "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
        "cards": cards,
        "imports": imports,
    }


# --------------------------------------------------------------------------
# main


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Import .apkg files into a real Anki collection and dump it as JSON.",
        epilog="steps: import:PATH | importtxt:PATH | review:N | tag:GUID=TAG | dump (run in order)",
    )
    parser.add_argument(
        "--collection",
        required=True,
        metavar="DIR",
        help="directory holding collection.anki2 (created if missing, reused otherwise)",
    )
    parser.add_argument("steps", nargs="+", metavar="STEP")
    args = parser.parse_args(argv)

    try:
        steps = [parse_step(s) for s in args.steps]
    except StepError as err:
        fail(str(err), status=2)

    directory = args.collection
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as err:
        fail(f"cannot create collection directory {directory}: {err}")
    path = os.path.join(directory, "collection.anki2")
    try:
        col = Collection(path)
    except Exception as err:
        fail(f"cannot open collection {path}: {type(err).__name__}: {err}")

    imports: list[dict[str, int]] = []
    try:
        for kind, arg in steps:
            if kind == "import":
                assert arg is not None
                imports.append(do_import(col, arg))
            elif kind == "importtxt":
                assert arg is not None
                imports.append(do_import_text(col, arg))
            elif kind == "review":
                assert arg is not None
                do_review(col, int(arg))
            elif kind == "tag":
                assert arg is not None
                do_tag(col, arg)
            else:
                try:
                    data = dump(col, imports)
                except Exception as err:
                    raise StepError(
                        f"dump failed: {type(err).__name__}: {err}"
                    ) from None
                _REAL_STDOUT.write(json.dumps(data, ensure_ascii=False) + "\n")
                _REAL_STDOUT.flush()
    except StepError as err:
        fail(str(err))
    except Exception as err:
        fail(f"{type(err).__name__}: {err}")
    finally:
        col.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

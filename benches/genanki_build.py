#!/usr/bin/env python3
"""Build an Anki package of a generated bank with Python's genanki, for
comparison with `runbook`: the same notes, fields, decks and GUIDs.

usage: genanki_build.py BANK_DIR OUT.apkg [ITERATIONS]

The YAML is parsed once, outside the timing; the package is then built
ITERATIONS times (default 1) and the total seconds of building printed.
Needs genanki and PyYAML (benches/requirements.txt).
"""
import glob
import sys
import time

import genanki
import yaml

FIELDS = ["Id", "Question", "Answer", "Key points", "Follow-ups", "Code", "Topic", "Level"]


def build(notes, out):
    model = genanki.Model(
        1607392319, "runbook interview question",
        fields=[{"name": n} for n in FIELDS],
        templates=[{"name": "Question", "qfmt": "{{Question}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"}])
    decks = {}
    for q in notes:
        name = "Python interview::" + q["levels"][0] + "::" + q["topic"]
        deck = decks.setdefault(name, genanki.Deck(abs(hash(name)) % (1 << 30), name))
        deck.add_note(genanki.Note(model=model, guid="runbook/" + q["id"], fields=[
            q["id"], q["prompt"], q["answer"], "<br>".join(q["key_points"]),
            "<br>".join(q["follow_ups"]), (q.get("code") or {}).get("source", ""),
            q["topic"], q["levels"][0]],
            tags=["runbook::topic::" + q["topic"]]))
    genanki.Package(list(decks.values())).write_to_file(out)


def main(argv):
    root, out = argv[0], argv[1]
    iterations = int(argv[2]) if len(argv) > 2 else 1
    notes = []
    for path in sorted(glob.glob(root + "/questions/*.yaml")):
        with open(path, encoding="utf-8") as f:
            notes.extend(yaml.load(f, Loader=yaml.CSafeLoader))
    start = time.perf_counter()
    for _ in range(iterations):
        build(notes, out)
    print(time.perf_counter() - start)


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Write a synthetic question bank for benchmarks.

usage: gen_bank.py N DIR [--seed S]

DIR gets questions/<topic>.yaml for the built-in topics, N questions in all,
each shaped like a real one (an answer of about 150 words, key points,
follow-ups, red flags, a rubric, sometimes code). The settings files are
left out, so runbook uses its built-in topics, roles and levels.
"""
import os
import random
import sys

TOPICS = [
    "fundamentals", "data-structures", "strings", "typing", "coding", "oop",
    "design-patterns", "functions", "errors", "files", "packaging", "concurrency",
    "asyncio", "memory", "performance", "testing", "debugging", "code-quality",
    "security", "production", "web-frameworks", "api-design", "networking",
    "task-queues", "databases", "data-analysis", "machine-learning", "automation",
    "system-design", "behavioral",
]
LEVELS = ["entry", "junior", "mid", "senior", "staff"]
ROLES = ["backend", "data", "ml", "devops", "generalist"]
KINDS = ["concept"] * 6 + ["coding", "design", "scenario", "behavioral"]


def words(rng, vocabulary, n):
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def question(rng, vocabulary, i, topic):
    first = rng.randrange(len(LEVELS))
    levels = LEVELS[first:first + rng.randint(1, 3)]
    roles = ["all"] if rng.random() < 0.4 else sorted(rng.sample(ROLES, rng.randint(1, 3)))
    answer = "\n".join(
        "    " + words(rng, vocabulary, 12) for _ in range(12)
    )
    lines = [
        f"- id: q{i:06d}-{topic}",
        f"  title: Generated question {i}",
        f"  prompt: Question {i} on {words(rng, vocabulary, 16)}?",
        f"  topic: {topic}",
        f"  levels: [{', '.join(levels)}]",
        f"  roles: [{', '.join(roles)}]",
        f"  minutes: {rng.choice([4, 5, 6, 8, 10, 12, 15])}",
        f"  kind: {rng.choice(KINDS)}",
        "  answer: |",
        answer,
        "  key_points:",
        *[f"    - {words(rng, vocabulary, 9)}" for _ in range(4)],
        "  follow_ups:",
        *[f"    - {words(rng, vocabulary, 11)}?" for _ in range(3)],
        "  red_flags:",
        *[f"    - {words(rng, vocabulary, 8)}" for _ in range(2)],
        "  rubric:",
        *[f"    {s}: {words(rng, vocabulary, 14)}" for s in range(1, 5)],
    ]
    if rng.random() < 0.3:
        values = [rng.randrange(100) for _ in range(6)]
        lines += [
            "  code:",
            "    source: |",
            f"      values = {values}",
            "      print(sorted(values))",
            "    output: |",
            f"      {sorted(values)}",
        ]
    lines += [
        f"  tags: [{rng.choice(vocabulary)}, {rng.choice(vocabulary)}]",
        f"  seeds: [g{i:06d}]",
    ]
    return "\n".join(lines) + "\n"


def main(argv):
    seed = 1
    if "--seed" in argv:
        k = argv.index("--seed")
        seed = int(argv[k + 1])
        del argv[k:k + 2]
    n, root = int(argv[0]), argv[1]
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "ru", "si", "ta", "vo", "pe", "du", "fa", "zi"]
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)})
    os.makedirs(os.path.join(root, "questions"), exist_ok=True)
    files = {t: open(os.path.join(root, "questions", f"{t}.yaml"), "w", encoding="utf-8") for t in TOPICS}
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        files[topic].write(question(rng, vocabulary, i, topic))
    for f in files.values():
        f.close()


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Whole-process benchmarks of the release binary: wall time (median of
several runs) and peak memory, for the speed targets in the issues, plus
Anki export against Python's genanki on the same notes.

usage: benches/whole_process.py
Run `cargo build --release` first; genanki and PyYAML come from
benches/requirements.txt (the script installs them into .venv if missing).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "runbook")
BANKS = os.path.join(ROOT, "target", "bench-banks")
VENV_PY = os.path.join(ROOT, ".venv", "bin", "python")


def bank(n):
    path = os.path.join(BANKS, str(n))
    if not os.path.isdir(os.path.join(path, "questions")):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_bank.py"), str(n), path], check=True)
    return path


def measure(args, runs=10, cwd=None):
    """Median wall seconds of `runbook args` (timed directly), and its peak
    RSS in MB (from one more run under /usr/bin/time)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([BIN, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"runbook {' '.join(args)} failed: {proc.stderr}")
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, *args], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
    return statistics.median(times), peak


def row(label, seconds, mb, extra=""):
    print(f"{label:<58} {seconds * 1000:9.1f} ms {mb:8.1f} MB  {extra}")


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(next(l for l in out.splitlines() if l.startswith("Pages:")).split()[1])


def genanki_seconds(bank_dir):
    if subprocess.run([VENV_PY, "-c", "import genanki, yaml"], capture_output=True).returncode != 0:
        subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "-r", os.path.join(ROOT, "benches", "requirements.txt")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for _ in range(3):
            script = os.path.join(ROOT, "benches", "genanki_build.py")
            out = subprocess.run([VENV_PY, script, bank_dir, os.path.join(tmp, "g.apkg")],
                                 capture_output=True, text=True, check=True).stdout
            runs.append(float(out.strip()))
        return statistics.median(runs)


def main(argv):
    env_note = f"{os.cpu_count()} cores"
    print(f"runbook whole-process benchmarks ({env_note}); median wall time, peak RSS\n")
    with tempfile.TemporaryDirectory() as tmp:
        print("Built-in bank")
        for label, args in [
            ("check", ["check"]),
            ("plan --role backend --level senior", ["plan", "--role", "backend", "--level", "senior"]),
            ("loop --role backend --level senior (4 rounds)", ["loop", "--role", "backend", "--level", "senior", "-o", "loop"]),
            ("render interviewer PDF (60-minute senior backend plan)", ["render", "--role", "backend", "--level", "senior", "-o", "i.pdf"]),
            ("export study guide PDF, whole bank", ["export", "--format", "pdf", "-o", "s.pdf"]),
            ("export anki, whole bank", ["export", "--format", "anki", "-o", "a.apkg"]),
            ("export csv, whole bank", ["export", "--format", "csv", "-o", "c.csv"]),
        ]:
            t, m = measure(args, runs=20 if args[0] in ("check", "plan", "loop") else 10, cwd=tmp)
            extra = ""
            out = next((a for a in args if a.endswith((".pdf", ".apkg", ".csv"))), None)
            if out:
                size = os.path.getsize(os.path.join(tmp, out))
                extra = f"{size / 1024:.0f} KB"
                if out.endswith(".pdf"):
                    extra += f", {pages(os.path.join(tmp, out))} pages"
            row(label, t, m, extra)

        print("\nGenerated banks: check (load + validate) and plan")
        sizes = [1_000, 10_000]
        for n in sizes:
            b = bank(n)
            t, m = measure(["check", "--content", b], runs=3)
            row(f"check, {n:,} questions", t, m, f"{t / n * 1e6:.1f} µs/question")
            t, m = measure(["plan", "--role", "backend", "--level", "senior", "--content", b], runs=3)
            row(f"plan, {n:,} questions", t, m)

        print("\nStudy guides of generated banks (growth)")
        for n in [125, 250, 500, 650]:
            b = bank(n)
            t, m = measure(["export", "--format", "pdf", "-o", "g.pdf", "--content", b], runs=3, cwd=tmp)
            p = pages(os.path.join(tmp, "g.pdf"))
            row(f"study guide, {n} questions", t, m, f"{p} pages, {t / p * 1000:.2f} ms/page")

        print("\nAnki: 10,000 generated questions")
        b = bank(10_000)
        t, m = measure(["export", "--format", "anki", "-o", "big.apkg", "--content", b], runs=5, cwd=tmp)
        row("runbook export --format anki (whole process)", t, m)
        g = genanki_seconds(b)
        print(f"{'genanki 0.13.1 (package building only, YAML already parsed)':<58} {g * 1000:9.1f} ms")
        print(f"ratio genanki / runbook: {g / t:.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Hostile input and bad timing, counted: runs the adversarial suite, slow kill loops included.

Usage: ``python bench/adversarial.py [-k EXPR]``. Runs ``tests/adversarial`` (hostile HTTP
servers on 127.0.0.1, cut and repaired PDFs, bad manifests, zip bombs, odd and huge queries,
concurrent syncs and reindexes, kill -9 loops around key changes) in a subprocess and prints,
per area, the attempts made, how many were refused or survived with one clear line, how many
lost something, and the seconds spent; the last line is one JSON object with the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-k", default=None, help="only cases matching this pytest -k expression")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.jsonl"
        env = dict(os.environ, MOEDEMAPPE_ADVERSARIAL_REPORT=str(report))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        cmd = [sys.executable, "-m", "pytest", "tests/adversarial", "-m", "adversarial", "-q"]
        cmd += ["-p", "no:cacheprovider"] + (["-k", args.k] if args.k else [])
        done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
        entries = (
            [json.loads(line) for line in report.read_text().splitlines()]
            if report.exists()
            else []
        )
    if not entries:
        print(done.stdout[-2000:] + done.stderr[-2000:], file=sys.stderr)
        print("no adversarial case ran", file=sys.stderr)
        return 1
    areas: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for e in entries:
        area = areas[e["module"]]
        area["cases"] += 1
        for key in ("attempts", "refusals", "losses", "seconds"):
            area[key] += e[key]
        area["failed"] += e["outcome"] != "passed"
    print(
        f"{'area':<28}{'cases':>7}{'attempts':>10}{'refused':>9}{'losses':>8}{'failed':>8}{'s':>9}"
    )
    for name in sorted(areas):
        a = areas[name]
        print(
            f"{name:<28}{int(a['cases']):>7}{int(a['attempts']):>10}{int(a['refusals']):>9}"
            f"{int(a['losses']):>8}{int(a['failed']):>8}{a['seconds']:>9.1f}"
        )
    total = {
        k: sum(a[k] for a in areas.values())
        for k in ("cases", "attempts", "refusals", "losses", "failed", "seconds")
    }
    for name in ("cases", "attempts", "refusals", "losses", "failed"):
        total[name] = int(total[name])
    total["seconds"] = round(total["seconds"], 1)
    for e in entries:
        if e["outcome"] != "passed":
            print(f"FAILED {e['module']}::{e['case']}", file=sys.stderr)
    print(json.dumps(total))
    return 0 if total["failed"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Every verdict of the labelled sets, written out so that a change can be compared byte for byte.

    python benchmarks/verdict_snapshot.py OUT.jsonl [FILE.jsonl ...]

Checks the text of every case of the given JSONL files (by default the calibration set, the
real-world corpus and, when they are beside the project, the development sets of
``../shared/eval``) with and without its department, and writes one JSON record per check:
the case's id, the buyer given, and the verdict exactly as ``catalogue lookup --format json``
gives it. A change that must not alter any answer (a faster matcher, lazier loading) leaves
the file identical:

    python benchmarks/verdict_snapshot.py /tmp/before.jsonl
    ... change ...
    python benchmarks/verdict_snapshot.py /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import catalogue

REPO = Path(__file__).resolve().parent.parent


def default_files() -> list[Path]:
    files = [REPO / "benchmarks" / "calibration.jsonl"]
    files += sorted((REPO / "benchmarks" / "corpus").glob("*.jsonl"))
    shared = REPO.parent / "shared" / "eval"
    files += [p for p in (shared / "dev.jsonl", shared / "real_dev.jsonl") if p.exists()]
    return files


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    files = [Path(a) for a in argv[1:]] or default_files()
    cat = catalogue.load()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for path in files:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                case = json.loads(line)
                for buyer in dict.fromkeys((case.get("department"), None)):
                    record: dict[str, object] = {"id": case.get("id"), "buyer": buyer}
                    try:
                        record.update(cat.check(case["text"], buyer).model_dump(mode="json"))
                    except catalogue.CatalogueError as e:
                        record["error"] = str(e)
                    f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                    n += 1
    print(f"{n} verdicts of {len(files)} files written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

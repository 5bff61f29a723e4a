"""Regenerate the report shown in docs/examples/README.md (or check it with ``--check``).

    python docs/examples/update_readme.py          # rewrite the block between the markers
    python docs/examples/update_readme.py --check  # exit 1 if the README is out of date

The report is what ``catalogue check docs/examples/table12.csv`` prints, run from the
repository root; its stderr summary is shown after it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = REPO / "docs" / "examples" / "README.md"
COMMAND = ["catalogue", "check", "docs/examples/table12.csv"]
BEGIN, END = "<!-- report:begin -->", "<!-- report:end -->"


def report() -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "catalogue", *COMMAND[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"the command failed ({proc.returncode}): {proc.stderr}")
    return (
        f"{BEGIN}\n```\n$ {' '.join(COMMAND)}\n{proc.stdout}```\n\n"
        f"标准错误上的汇总：\n\n```\n{proc.stderr}```\n{END}"
    )


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + report() + tail
    if "--check" in sys.argv[1:]:
        if new != text:
            sys.exit("docs/examples/README.md is out of date: run docs/examples/update_readme.py")
        print("docs/examples/README.md is up to date")
        return
    README.write_text(new, encoding="utf-8")
    print("docs/examples/README.md updated")


if __name__ == "__main__":
    main()

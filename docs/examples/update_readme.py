"""Regenerate the outputs shown in the docs, or check them (``--check``, which CI runs).

    python docs/examples/update_readme.py          # rewrite every shown output in place
    python docs/examples/update_readme.py --check  # exit 1, with a diff, if any is out of date

The same as ``update_docs.py`` (which says how examples are written): the report of
``docs/examples/README.md`` and every command example of ``README.md`` and ``docs/*.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from update_docs import main

if __name__ == "__main__":
    sys.exit(main())

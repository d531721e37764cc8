"""The report renderers through the real CLI: `show` in every format, and `serve` as a process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import lxml.html
import pytest
from report_samples import SCRIPT, hostile_report, sample_report


@pytest.fixture
def db(tmp_path):
    from newsaudit.store import Store

    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        store.save(sample_report())
        store.save(hostile_report())
    return str(path)


def test_show_prints_the_plain_summary_when_piped(cli, db):
    result = cli("show", "sample0", "--db", db)
    assert result.exit_code == 0
    assert result.output.startswith("Harbour council to close the old pier\n")
    assert "\x1b[" not in result.output
    assert "Hedged and anonymous-only claims (2)" in result.output


def test_show_writes_html_and_markdown_files(cli, db, tmp_path):
    out = tmp_path / "r.html"
    assert cli("show", "hostile0", "--db", db, "--format", "html", "-o", str(out)).exit_code == 0
    page = lxml.html.document_fromstring(out.read_text("utf-8"))
    assert not page.cssselect("script") and SCRIPT in page.cssselect("h1")[0].text_content()
    md = cli("show", "sample0", "--db", db, "--format", "md")
    assert md.output.startswith("# Harbour council to close the old pier\n")
    text = tmp_path / "r.txt"
    assert cli("show", "sample0", "--db", db, "-o", str(text)).exit_code == 0
    assert "\x1b[" not in text.read_text("utf-8") and "Ruth Okafor" in text.read_text("utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_runs_the_app_on_loopback(db):
    port = _free_port()
    exe = Path(sys.executable).with_name("newsaudit")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "newsaudit.cli"]
    proc = subprocess.Popen([*cmd, "serve", "--port", str(port), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/reports.json", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not start: {proc.stderr.read().decode()}")
                time.sleep(0.2)
        assert r.status_code == 200
        assert {x["id"] for x in r.json()["reports"]} == {"sample0000000001", "hostile000000001"}
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"serving http://127.0.0.1:{port}/" in err.decode()

"""Docs are tested: every command is documented, the README opens with the two make commands,
links resolve, every report key is in docs/json.md and every setting in docs/cli.md.

When one of these fails after you added a command, a report key or a setting, document it
(README.md's command table, docs/json.md, docs/cli.md): that is what the test is for.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
from pathlib import Path

import click
import pytest

from newsaudit import errors
from newsaudit.cli import main
from newsaudit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
SCHEMA = ROOT / "src" / "newsaudit" / "schema" / "report.schema.json"


def _commands(group: click.Command = main, path: tuple[str, ...] = ("newsaudit",)):
    """Every command and subcommand as (path, command), walking the click groups."""
    yield path, group
    if isinstance(group, click.Group):
        for name, sub in sorted(group.commands.items()):
            yield from _commands(sub, path + (name,))


COMMANDS = {" ".join(path): cmd for path, cmd in _commands()}


def _all_docs() -> str:
    return "\n".join(p.read_text("utf-8") for p in [README, *DOCS])


def test_the_walk_finds_the_commands_the_foundation_defines():
    assert {"newsaudit analyze", "newsaudit history", "newsaudit show", "newsaudit eval"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_text(name):
    cmd = COMMANDS[name]
    assert (cmd.help or cmd.short_help or "").strip(), f"{name} has no help text"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_named_in_the_readme_or_docs(name):
    assert re.search(rf"{re.escape(name)}(?![\w-])", _all_docs()), (
        f"`{name}` is not named in README.md or docs/*.md; add it to the command table in README.md"
    )


def test_readme_opens_with_make_demo_and_make_test():
    lines = [line for line in README.read_text("utf-8").splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    assert lines[1].startswith("```")
    assert [line.split("#")[0].strip() for line in lines[2:4]] == ["make demo", "make test"]
    assert lines[4] == "```"


def _exit_codes() -> set[int]:
    return {
        cls.exit_code
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.NewsauditError)
    }


def test_every_exit_code_is_in_the_readme_table():
    rows = set(re.findall(r"^\|\s*(\d+)\s*\|", README.read_text("utf-8"), re.M))
    assert {str(code) for code in _exit_codes()} | {"0"} <= rows


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.name)
def test_relative_links_resolve(doc):
    text = re.sub(r"```.*?```", "", doc.read_text("utf-8"), flags=re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (doc.parent / target.split("#")[0]).resolve()
        if not path.exists():
            broken.append(target)
    assert broken == []


def _schema_sections():
    """(top-level key, nested key names) for every key of the report schema."""
    schema = json.loads(SCHEMA.read_text("utf-8"))

    def names(node) -> set[str]:
        found: set[str] = set()
        node = node.get("items", node)
        for option in node.get("oneOf", []):
            found |= names(option)
        for key, sub in (node.get("properties") or {}).items():
            found.add(key)
            found |= names(sub)
        return found

    for key, sub in schema["properties"].items():
        yield key, names(sub)


def _sections(text: str) -> dict[str, str]:
    """Heading line -> the text under it, for every ## heading."""
    parts = re.split(r"^(## .*)$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.mark.parametrize("key, nested", list(_schema_sections()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_report_key_is_documented_in_json_md(key, nested):
    text = (ROOT / "docs" / "json.md").read_text("utf-8")
    assert f"`{key}`" in text
    if not nested:
        return
    section = next((body for heading, body in _sections(text).items() if f"`{key}`" in heading), None)
    assert section is not None, f"docs/json.md has no ## section for `{key}`"
    missing = sorted(n for n in nested if f"`{n}`" not in section)
    assert missing == [], f"keys of `{key}` not documented in its section of docs/json.md"


def test_every_setting_is_documented_in_cli_md():
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    defaults = Settings()
    missing = []
    for section in dataclasses.fields(Settings):
        value = getattr(defaults, section.name)
        if not dataclasses.is_dataclass(value):
            continue  # `published` comes from --published, not from the settings file
        if f"[{section.name}]" not in text:
            missing.append(f"[{section.name}]")
        missing += [f"{section.name}.{f.name}" for f in dataclasses.fields(value) if f"`{f.name}`" not in text]
    assert missing == []

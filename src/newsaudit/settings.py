"""One Settings object. Defaults ship in ``settings.toml``; a user file overrides them."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

from .errors import ConfigError

_DEFAULTS = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True, kw_only=True)
class IngestSettings:
    max_bytes: int = 20_000_000
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = "newsaudit/0.1"
    allow_private_urls: bool = False
    allowed_networks: tuple[str, ...] = ()  # private networks fetched even with the guard on (CIDR)
    thread: str = ""  # comment exports with several threads: the id, link or title to read

    def __post_init__(self) -> None:
        if isinstance(self.allowed_networks, list):  # TOML arrays are lists; Settings must stay hashable
            object.__setattr__(self, "allowed_networks", tuple(self.allowed_networks))


@dataclass(frozen=True, kw_only=True)
class StoreSettings:
    path: str = ""

    def resolved_path(self) -> Path:
        if self.path:
            return Path(self.path).expanduser()
        return Path(user_data_dir("newsaudit")) / "newsaudit.duckdb"


@dataclass(frozen=True, kw_only=True)
class AnalysisSettings:
    model: str = ""
    max_chars: int = 1_000_000


@dataclass(frozen=True, kw_only=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    max_upload_bytes: int = 20_000_000


@dataclass(frozen=True, kw_only=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    web: WebSettings = field(default_factory=WebSettings)
    published: str | None = None  # overrides the page's publication date (--published)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with top-level fields or ``section__key`` values changed."""
        top: dict[str, Any] = {}
        for key, value in changes.items():
            if "__" in key:
                section, name = key.split("__", 1)
                current = top.get(section, getattr(self, section))
                top[section] = dataclasses.replace(current, **{name: value})
            else:
                top[key] = value
        return dataclasses.replace(self, **top)


def _merge(settings: Settings, data: dict[str, Any], origin: str) -> Settings:
    changes: dict[str, Any] = {}
    sections = {f.name: f for f in dataclasses.fields(Settings)}
    for section, values in data.items():
        if section not in sections or not isinstance(values, dict):
            raise ConfigError(f"unknown settings section [{section}]", source=origin)
        allowed = {f.name for f in dataclasses.fields(getattr(settings, section))}
        for key, value in values.items():
            if key not in allowed:
                raise ConfigError(f"unknown setting {section}.{key}", source=origin)
            changes[f"{section}__{key}"] = value
    return settings.replace(**changes)


def user_settings_path() -> Path:
    env = os.environ.get("NEWSAUDIT_CONFIG")
    if env:
        return Path(env)
    return Path(user_config_dir("newsaudit")) / "settings.toml"


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, then the user's file (``path``, ``$NEWSAUDIT_CONFIG`` or the config dir)."""
    settings = _merge(Settings(), tomllib.loads(_DEFAULTS.read_text("utf-8")), str(_DEFAULTS))
    user = Path(path) if path else user_settings_path()
    if user.is_file():
        try:
            data = tomllib.loads(user.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not valid TOML ({exc})", source=str(user)) from None
        settings = _merge(settings, data, str(user))
    elif path:
        raise ConfigError("settings file not found", source=str(path))
    return settings

"""The embedded DuckDB store: every analysis, queryable across a corpus."""

from . import queries
from .duck import Store, open_store

__all__ = ["Store", "open_store", "queries"]

"""Batch runs over a whole corpus: every core, or a Dask cluster, streaming into the store."""

from .inputs import Item, count_items, iter_items
from .run import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "Item", "count_items", "iter_items", "run_batch"]

"""The local web app (``newsaudit serve``). Nothing here imports spaCy.

``create_app`` is imported lazily so that loading the CLI does not load FastAPI.
"""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any):  # noqa: ANN201 - a FastAPI app
    """See :func:`newsaudit.web.app.create_app`."""
    from .app import create_app as build

    return build(*args, **kwargs)


__all__ = ["create_app"]

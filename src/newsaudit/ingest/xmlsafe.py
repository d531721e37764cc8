"""Parsing untrusted XML (comment exports) without entity expansion or external fetches.

Every XML input goes through :func:`parse_xml`, which uses ``defusedxml`` so that an
entity-expansion bomb ("billion laughs") or an external entity (XXE) is refused
before it can expand or read anything. Lookups go by local name, so the readers work
whatever namespace URI a given export version uses (WXR 1.0, 1.1 and 1.2 differ only
there).
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from ..errors import InputError

__all__ = ["parse_xml", "local", "namespace", "children", "first", "text_of", "attr"]


def parse_xml(text: str, *, origin: str) -> Element:
    """The root element of ``text``; any unsafe or malformed XML is an :class:`InputError`."""
    try:
        # A DOCTYPE alone is harmless (WXR files from some plugins carry one); entity
        # declarations and external references are what make XML dangerous.
        return fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            target = exc.sysid or exc.pubid
            raise InputError(
                f"XML declares an external entity {exc.name!r} ({target}); refused, external entities are never read",
                source=origin,
            ) from None
        raise InputError(
            f"XML declares entity {exc.name!r}; refused, entity declarations can expand into an XML bomb "
            "(re-export the file without a DTD)",
            source=origin,
        ) from None
    except ExternalReferenceForbidden as exc:
        raise InputError(
            f"XML refers to an external resource ({exc.sysid}); refused, external references are never read",
            source=origin,
        ) from None
    except DefusedXmlException as exc:
        raise InputError(f"XML refused as unsafe ({exc})", source=origin) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise InputError(f"malformed XML at line {line} column {column}: {reason}", source=origin) from None


def local(tag: str) -> str:
    """``{uri}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def namespace(tag: str) -> str:
    """``{uri}name`` -> ``uri`` ('' without a namespace)."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def children(element: Element, name: str, *, ns: str | None = None) -> Iterator[Element]:
    """Direct children called ``name``, any namespace unless ``ns`` is a substring to require."""
    for child in element:
        if isinstance(child.tag, str) and local(child.tag) == name and (ns is None or ns in namespace(child.tag)):
            yield child


def first(element: Element | None, name: str, *, ns: str | None = None) -> Element | None:
    if element is None:
        return None
    return next(children(element, name, ns=ns), None)


def text_of(element: Element | None, name: str, *, ns: str | None = None, default: str = "") -> str:
    """Stripped text of the first child ``name`` (CDATA included), or ``default``."""
    found = first(element, name, ns=ns)
    if found is None:
        return default
    return "".join(found.itertext()).strip()


def attr(element: Element | None, name: str) -> str | None:
    """An attribute by local name (``dsq:id`` is ``{http://disqus.com/disqus-internals}id``)."""
    if element is None:
        return None
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None

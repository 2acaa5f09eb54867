"""Where each page lives: its Markdown source in docs/ and its URL on the site. The URL follows from the data."""

from __future__ import annotations

import re
from posixpath import relpath
from urllib.parse import urlsplit

from sitegen.core.messages import N_, _
from sitegen.core.model import URL_PATTERN, Language

HOME, WORKSHOPS, FAQ = "home", "workshops", "faq"
# The legally required pages, and the page in Leichte Sprache (source language only), by their address.
IMPRESSUM, PRIVACY, ACCESSIBILITY, EASY_LANGUAGE = "impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"
# Names a content file or language folder cannot have. workshops/index.yaml would become
# docs/<lang>/workshops/index.md, the overview page of all workshops; Windows cannot create a
# file or folder named like one of its devices, so an editor there could not check the site out.
OVERVIEW_NAME = "index"
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul"} | {f"{port}{number}" for port in ("com", "lpt")
                                                                 for number in range(1, 10)})
MAX_NAME_LENGTH = 80


def reserved_name_problem(name: str, what: str) -> str | None:
    """Why `name` cannot be the short name of a workshop (`what="workshop"`) or a language code ("language"),
    or None."""
    if name == OVERVIEW_NAME and what == "workshop":
        return _("'{name}' cannot be the short name of a workshop: /{folder}/{name}/ is the overview page of all "
                 "workshops, and a workshop of that name would overwrite it; rename the file").format(
                     name=name, folder=WORKSHOPS)
    if name in WINDOWS_DEVICE_NAMES:
        if what == "language":
            message = _("'{name}' cannot name a language: Windows reserves it for a device, so the file could not "
                        "be checked out there; choose another name")
        else:
            message = _("'{name}' cannot name a workshop: Windows reserves it for a device, so the file could not "
                        "be checked out there; choose another name")
        return message.format(name=name)
    if len(name) > MAX_NAME_LENGTH:
        if what == "language":
            message = _("the short name of a language may have at most {limit} characters, this one has {count}; "
                        "shorten it")
        else:
            message = _("the short name of a workshop may have at most {limit} characters, this one has {count}; "
                        "shorten it")
        return message.format(limit=MAX_NAME_LENGTH, count=len(name))
    return None


def page_source(language: Language, page: str, slug: str | None = None) -> str:
    """Path of a generated Markdown page inside docs/, e.g. `en/workshops/x.md`."""
    name = {HOME: "index.md", WORKSHOPS: "workshops/index.md", FAQ: "faq.md"}.get(page) or f"{page}.md"
    if slug is not None:
        name = f"workshops/{slug}.md"
    return f"{language.code}/{name}"


def page_url(language: Language, page: str, slug: str | None = None) -> str:
    """Site-relative URL of a page, e.g. `en/workshops/x/`; the source language lives at the root."""
    prefix = "" if language.source else f"{language.code}/"
    path = {HOME: "", WORKSHOPS: "workshops/", FAQ: "faq/"}.get(page, f"{page}/")
    if slug is not None:
        path = f"workshops/{slug}/"
    return prefix + path


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page's URL to another's that works wherever the site is hosted."""
    base = from_url.rstrip("/") or "."
    link = relpath(to_url.rstrip("/") or ".", base)
    return "./" if link == "." else link + "/"


def site_path(site_url: str | None) -> str:
    """The path of the site's root on its host, with a slash at each end: `/werkstaetten/` for
    https://owner.github.io/werkstaetten (with or without the trailing slash), `/` without an address."""
    return urlsplit(site_url or "/").path.rstrip("/") + "/"


def page_address(site_url: str | None, url: str) -> str:
    """The address of a page, from the site's address and the page's site-relative URL (`en/faq/`;
    `""`, `.` or `./` for the home page): absolute, or root-relative (`/en/faq/`) without a site address.
    The one place the canonical and hreflang links and the sitemap get their addresses from."""
    if url.startswith("/") or urlsplit(url).scheme:
        raise ValueError(f"not a site-relative URL: {url!r}")
    if url in (".", "./"):
        url = ""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url


# Addresses that come from outside the content (SITE_URL, SITEGEN_EDIT_URL, mkdocs.yml) are held to the
# rule of content links (model.URL_PATTERN: a web address with a host name, no user name, no spaces,
# control characters or " < > \ ^ ` { | }), web addresses only. Other addresses are made by appending
# paths to them, so they have no query or fragment; and no ' or &, which escaping would change.
_BASE_ADDRESS = re.compile(r"https?://[^?#'&]*")
# Translate it where it is used: `_(BASE_ADDRESS_RULE)`.
# TRANSLATORS: what an address must be, said of a setting: "SITE_URL {rule}, not 'x'; set it to e.g. …"
BASE_ADDRESS_RULE = N_("must be an http:// or https:// address with a host name, without a user name, query (?), "
                       "fragment (#), spaces, quotes or the characters < > \\ ^ ` { | } &")


def is_base_address(value: object) -> bool:
    """Whether `value` may be the base of addresses the site prints: the site's address, or the base of
    its "edit this page" links (see BASE_ADDRESS_RULE)."""
    return (isinstance(value, str) and re.fullmatch(URL_PATTERN, value) is not None
            and _BASE_ADDRESS.fullmatch(value) is not None)

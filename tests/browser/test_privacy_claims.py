"""Every claim of the privacy notice is true of the built site, and a test names the sentence that stops being
true. The notice (content/de/privacy.yaml) marks each section that states a checked fact with a `claim`; each
claim has one check below, and every check has its claim: a new sentence of that kind needs a new check."""

from __future__ import annotations

import re

import pytest
import yaml

from browser import load_together
from conftest import REPOSITORY
from test_browser import TABS, browser, content, open_search, server, site_pages  # noqa: F401 - fixtures

NOTICE = REPOSITORY / "content" / "de" / "privacy.yaml"


def claims() -> dict[str, str]:
    """claim -> the sentences that state it (heading and paragraphs of its section, German)."""
    data = yaml.safe_load(NOTICE.read_text(encoding="utf-8"))
    return {section["claim"]: " ".join([section["heading"]] + section.get("paragraphs", []))
            for section in data["sections"] if section.get("claim")}


def static_pages(server, browser, content) -> list[str]:
    """Only static files, and no form that sends anything anywhere (Material's search form has no action)."""
    dynamic = [str(path.relative_to(server.root)) for path in server.root.rglob("*")
               if path.is_file() and path.suffix in {".php", ".cgi", ".py", ".pl", ".asp", ".aspx", ".jsp"}]
    forms = []
    for path in server.root.rglob("*.html"):
        for form in re.findall(r"<form\b[^>]*>", path.read_text(encoding="utf-8")):
            if re.search(r"\b(action|method)\s*=", form):
                forms.append(f"{path.relative_to(server.root)}: {form}")
    return dynamic + forms


def github_pages(server, browser, content) -> list[str]:
    """The deploy workflow publishes site/ with GitHub Pages' own actions, and nothing else."""
    workflow = yaml.safe_load((REPOSITORY / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    problems = []
    if not any(use.startswith("actions/upload-pages-artifact@") for use in uses):
        problems.append("deploy.yml uploads no Pages artifact")
    if not any(use.startswith("actions/deploy-pages@") for use in uses):
        problems.append("deploy.yml does not deploy with actions/deploy-pages")
    return problems


def no_cookies(server, browser, content) -> list[str]:
    """No cookie, and nothing in the browser's storage, after reading pages in every language and searching."""
    context = browser.new_context()
    pages = [context.new_page() for _ in range(3)]
    load_together([(page, server.url(url)) for page, (_, url) in zip(pages, site_pages(content)[::9][:3])])
    open_search(pages[0], "Lausitz")
    found = [f"cookie {cookie['name']}" for cookie in context.cookies()]
    for page in pages:
        stored = page.evaluate("() => [document.cookie, localStorage.length, sessionStorage.length]")
        if stored != ["", 0, 0]:
            found.append(f"{page.url}: document.cookie, localStorage, sessionStorage = {stored}")
    context.close()
    return found


def no_third_party(server, browser, content) -> list[str]:
    """Every request made while reading every page in every language (404 pages included) and searching went to
    the site's own address. (Its own light visit: the axe crawl runs in another test process.)"""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tabs = [context.new_page() for _ in range(TABS)]
    pages = site_pages(content)
    for start in range(0, len(pages), TABS):
        load_together([(tab, server.url(url)) for tab, (_, url) in zip(tabs, pages[start:start + TABS])])
    open_search(tabs[0], "Lausitz")
    context.close()
    assert len(requests) > len(pages)
    return sorted({url for url in requests if not url.startswith(server.origin + "/")})


def local_search(server, browser, content) -> list[str]:
    """Searching sends the search words nowhere: no request carries them, and none leaves the site."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url(""), wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url + " " + (request.post_data or "")))
    open_search(page, "Strukturwandel")
    context.close()
    return [request for request in requests
            if "strukturwandel" in request.lower() or not request.startswith(server.origin + "/")]


CHECKS = {"static-pages": static_pages, "github-pages": github_pages, "no-cookies": no_cookies,
          "no-third-party": no_third_party, "local-search": local_search}


def test_every_claim_has_a_check_and_every_check_its_claim():
    assert sorted(claims()) == sorted(CHECKS)


@pytest.mark.parametrize("claim", sorted(CHECKS))
def test_the_privacy_notice_says_only_what_is_true(claim, server, browser, content):
    sentence = claims().get(claim, "(the claim is gone from the notice)")
    wrong = CHECKS[claim](server, browser, content)
    assert wrong == [], f"content/de/privacy.yaml, claim {claim!r}, is no longer true: {sentence!r}\n" + "\n".join(wrong)

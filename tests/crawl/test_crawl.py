"""Crawl the public site from /kk/, /ru/ and /en/ and check every page and link.

Every same-site link found on a public page is followed (pages in any language, static
files, media), and each page is checked by every function in PAGE_CHECKS. To add a check,
write `def check_<something>(lang, url, html) -> list[str]` returning problems, and list it.
"""

import gettext
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests import public_data

START = ["/kk/", "/ru/", "/en/"]
LANGS = ("kk", "ru", "en")
# Links into the signed-in areas are followed only as far as the login redirect.
PRIVATE_PREFIXES = ("staff/", "akimat/", "proposals/staff/", "accounts/")
MAX_PAGES = 3000  # a safety net against a link generator running away


class Page(HTMLParser):
    """Collects the links and the visible text (with accessible-name attributes) of a page."""

    TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("img", "script") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.assets.append(attrs["href"])
        if tag == "meta" and attrs.get("name") == "description":
            self.text.append(attrs.get("content") or "")
        self.text.extend(value for name, value in attrs.items() if name in self.TEXT_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def lang_of(path: str) -> str | None:
    first = path.strip("/").split("/", 1)[0]
    return first if first in LANGS else None


def is_private(path: str) -> bool:
    rest = path.lstrip("/").removeprefix(f"{lang_of(path)}/") if lang_of(path) else path.lstrip("/")
    return rest.startswith(PRIVATE_PREFIXES) or path.startswith(f"/{settings.ADMIN_URL_PREFIX}")


# --- per-page checks -------------------------------------------------------------------


def check_no_raw_template_syntax(lang, url, html, page):
    return [f"raw template syntax {token!r}" for token in ("{%", "%}", "{{", "}}") if token in html]


def check_one_h1(lang, url, html, page):
    count = len(re.findall(r"<h1[ >]", html))
    return [] if count == 1 else [f"{count} <h1> elements"]


def check_language(lang, url, html, page):
    return [] if f'<html lang="{lang}">' in html else [f"<html lang> is not {lang}"]


def _catalogue(lang: str) -> dict[str, str]:
    """The compiled project catalogue of a language: msgid -> msgstr (empty when not compiled)."""
    mo = Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.mo"
    if not mo.exists():
        return {}
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    return {k: v for k, v in catalogue.items() if isinstance(k, str) and k and isinstance(v, str)}


_CATALOGUES: dict[str, dict[str, str]] = {}


def check_no_untranslated_strings(lang, url, html, page):
    """English interface strings that the catalogue translates must not show on kk/ru pages.

    Only strings of two words or more and without placeholders are looked for, so that
    data (names, codes) cannot be mistaken for an untranslated string. Until the
    catalogues are compiled there is nothing to compare with and the check finds nothing.
    """
    if lang == "en":
        return []
    if lang not in _CATALOGUES:
        _CATALOGUES[lang] = _catalogue(lang)
    text = " ".join(" ".join(page.text).split())
    return [
        f"untranslated: {msgid!r}"
        for msgid, msgstr in _CATALOGUES[lang].items()
        if msgstr
        and msgstr != msgid
        and " " in msgid
        and "%" not in msgid
        and "{" not in msgid
        and "\n" not in msgid
        and msgid in text
    ]


PAGE_CHECKS = [check_no_raw_template_syntax, check_one_h1, check_language, check_no_untranslated_strings]


# --- the crawl -------------------------------------------------------------------------


def crawl(client):
    """Visit every public page reachable from the start pages. Returns (pages, problems)."""
    queue = deque(START)
    seen = set(START)
    found_on: dict[str, str] = {}
    assets: set[str] = set()
    pages: dict[str, str] = {}
    problems: list[str] = []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        path = urlsplit(url).path
        if is_private(path):
            if response.status_code not in (200, 302):
                problems.append(f"{url}: {response.status_code}")
            continue
        if response.status_code != 200:
            problems.append(f"{url} (linked from {found_on.get(url, 'start')}): {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html") or lang_of(path) is None:
            continue  # files, feeds, and pages outside the site's languages (the English API docs)
        html = response.content.decode()
        page = Page()
        page.feed(html)
        lang = lang_of(path)
        pages[url] = html
        for check in PAGE_CHECKS:
            problems.extend(f"{url}: {problem}" for problem in check(lang, url, html, page))
        for href in page.links:
            target = urlsplit(urljoin(url, href))
            if target.scheme not in ("", "http") or target.netloc not in ("", "testserver"):
                continue  # another site (none expected on the public pages)
            link = target.path + (f"?{target.query}" if target.query else "")
            if target.path.startswith((url_prefix(settings.STATIC_URL), url_prefix(settings.MEDIA_URL))):
                assets.add(target.path)
                continue
            if link not in seen and len(seen) < MAX_PAGES:
                seen.add(link)
                found_on[link] = url
                queue.append(link)
        assets.update(urlsplit(urljoin(url, src)).path for src in page.assets)
    problems.extend(check_assets(assets, client))
    assert len(seen) < MAX_PAGES, "the crawl ran into its page limit"
    return pages, problems


def url_prefix(setting: str) -> str:
    return "/" + setting.lstrip("/")


def check_assets(paths, client):
    problems = []
    static_prefix = url_prefix(settings.STATIC_URL)
    media_prefix = url_prefix(settings.MEDIA_URL)
    for path in sorted(paths):
        if path.startswith(static_prefix):
            if not finders.find(path.removeprefix(static_prefix)):
                problems.append(f"missing static file {path}")
        elif path.startswith(media_prefix):
            if not (Path(settings.MEDIA_ROOT) / path.removeprefix(media_prefix)).is_file():
                problems.append(f"missing media file {path}")
        else:
            # Files served through views (public meeting photos) must answer 200.
            status = client.get(path).status_code
            if status != 200:
                problems.append(f"asset {path}: {status}")
    return problems


@pytest.mark.django_db
def test_every_public_page_in_every_language_works(client):
    public_data.build(scale=1, proposals=30)  # every kind of page; fewer proposal pages to visit
    pages, problems = crawl(client)
    assert not problems, "\n".join(problems[:50])
    # The crawl really went everywhere: every page type in every language.
    print(f"crawled {len(pages)} pages")
    for lang in LANGS:
        visited = [url for url in pages if url.startswith(f"/{lang}/")]
        for part in ("/regions/", "/meetings/", "/programs/", "/proposals/", "/statistics/", "/accessibility/"):
            assert any(part in url for url in visited), f"no {part} page reached in {lang}"


def test_the_untranslated_string_check_finds_english_on_a_kazakh_page():
    _CATALOGUES["kk"] = {"Latest meetings": "Соңғы кездесулер"}
    try:
        page = Page()
        page.feed("<h2>Latest meetings</h2>")
        assert check_no_untranslated_strings("kk", "/kk/", "", page) == ["untranslated: 'Latest meetings'"]
        page = Page()
        page.feed("<h2>Соңғы кездесулер</h2>")
        assert check_no_untranslated_strings("kk", "/kk/", "", page) == []
    finally:
        del _CATALOGUES["kk"]

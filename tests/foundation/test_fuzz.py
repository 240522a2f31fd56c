"""Hostile input never gives a server error.

Walks every URL pattern of the site (but Django's admin), filled with objects of a small seeded
dataset, and sends a set of hostile values (NUL, huge and negative numbers, '²', impossible
months, very long strings, unicode, lists...) to every query parameter and form field it knows:
the parameters the code reads (`request.GET.get("...")`, found in the source) and the fields of
every form on each page, as the anonymous public, foundation staff and an akimat official.
A 4xx is fine, a 5xx or an exception is a failure; all failures are reported together.
"""

import datetime
import html.parser
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation

from consultations.models import Commitment, CommitmentProgress, Meeting, MeetingAttachment, Memorandum, MinutesPdf
from proposals.models import AnswerTemplate, ImportJob
from proposals.services import proposal_merge
from tests import factories
from tests.consultations.conftest_memoranda import make_memorandum, pdf_upload, png_upload
from tests.proposals.conftest import make_proposal

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "consultations", "foundation", "portal", "programs", "proposals"]

HOSTILE = [
    "\x00",
    "99999999999999999999",
    "-1",
    "²",
    "9999-12",
    "1-1",
    "2026-02-30",
    "1e309",
    "Ұ" * 6000,
    "😀𝕂\u200b\u202e",
    "' OR 1=1 --<script>alert(1)</script>",
    "",
]
LIST_VALUE = ["1", "²"]  # a parameter given twice
# Would end the persona's session halfway through the walk.
SKIP = {"logout"}


def source_parameters() -> set[str]:
    """Names the code reads straight from request.GET / request.POST."""
    pattern = re.compile(r"request\.(?:GET|POST)\.(?:get|getlist)\(\s*[\"'](\w+)[\"']")
    names = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def url_patterns(resolver=None, namespace=None, converters=None):
    """(name, converters) of every named URL pattern, namespaces joined."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            if inner == "admin" or str(pattern.pattern).startswith("admin"):
                continue
            yield from url_patterns(pattern, inner, found)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), found


class FormParser(html.parser.HTMLParser):
    """The forms of a page: method, action and field names (with the type of each input)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": {}}
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None and attrs.get("name"):
            kind = attrs.get("type", tag) if tag == "input" else tag
            if kind not in ("submit", "button", "reset", "image"):
                self._form["fields"][attrs["name"]] = kind

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def forms_of(content: bytes, page_url: str) -> list[dict]:
    parser = FormParser()
    parser.feed(content.decode("utf-8", "replace"))
    for form in parser.forms:
        action = urlsplit(form["action"] or page_url)
        form["url"] = action.path or urlsplit(page_url).path
    return [f for f in parser.forms if f["url"].startswith("/") and not f["url"].startswith("/admin")]


def hostile_data(fields: dict[str, str], value) -> dict:
    data = {}
    for name, kind in fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        if kind == "file":
            body = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else b"GIF89a\x00"
            data[name] = SimpleUploadedFile("x.png", b"GIF89a" + body[:1000])
        else:
            data[name] = value
    return data


@pytest.fixture
def dataset(tour, astana, almaty, staff_user, official_astana):
    """One of each object a URL names, in the states that open most pages."""
    now = timezone.now()
    meeting = factories.MeetingFactory(
        tour=tour, region=astana, status=Meeting.Status.MINUTES_PUBLISHED, starts_at=now - datetime.timedelta(days=3)
    )
    photo = MeetingAttachment(meeting=meeting, kind=MeetingAttachment.Kind.PHOTO, is_public=True)
    photo.file.save("photo.png", png_upload(), save=False)
    photo.thumbnail.save("photo.jpg", png_upload(), save=False)
    photo.save()
    pdf = MinutesPdf.objects.create(meeting=meeting, status=MinutesPdf.Status.DONE, progress=100)
    pdf.file.save("minutes.pdf", pdf_upload(), save=True)
    signed = make_memorandum(astana, Memorandum.Status.SIGNED, meeting=meeting, number="М-71/2026")
    in_review = make_memorandum(astana, Memorandum.Status.IN_REVIEW)
    draft = make_memorandum(almaty, Memorandum.Status.DRAFT)
    commitment = signed.commitments.get(party=Commitment.Party.AKIMAT)
    progress = CommitmentProgress.objects.create(
        commitment=commitment, author=official_astana, status="in_progress", note="Басталды", evidence=png_upload()
    )
    from consultations.services.memoranda import _freeze

    _freeze(in_review, staff_user)
    in_review.text_kk += "\nӨзгеріс."
    in_review.save()
    _freeze(in_review, staff_user)
    original = make_proposal(tour=tour, region=astana, meeting=meeting, text="Оңалту орталығын ашу")
    duplicate = proposal_merge(
        duplicate=make_proposal(tour=tour, region=astana, text="Оңалту орталығы"),
        original=original,
        merged_by=staff_user,
    )
    program = factories.ProgramFactory()
    template = AnswerTemplate.objects.create(title="Қабылданды", answer_kk="Рақмет")
    job = ImportJob.objects.create(tour=tour, channel="import", original_name="a.csv", file="proposal-imports/a.csv")
    return {
        "slug": {"programs:detail": program.slug, "consultations:region_detail": astana.slug},
        "pk": {
            "proposals:staff_detail": original.pk,
            "proposals:merge": duplicate.pk,
            "proposals:unmerge": duplicate.pk,
            "proposals:answer_template_edit": template.pk,
            "proposals:import_preview": job.pk,
            "proposals:import_confirm": job.pk,
            "proposals:import_progress": job.pk,
            "consultations:progress_evidence": progress.pk,
            "consultations:staff_commitment_detail": commitment.pk,
            "consultations:akimat_commitment_detail": commitment.pk,
            "consultations:memorandum_diff": in_review.pk,
            "consultations:akimat_memorandum_review": in_review.pk,
            "consultations:staff_memorandum_edit": draft.pk,
            "consultations:staff_memorandum_send": draft.pk,
            "consultations:staff_memorandum_sign": in_review.pk,
            "consultations:staff_memorandum_comment": in_review.pk,
        },
        "meeting": meeting.pk,
        "memorandum": signed.pk,
        "attachment_pk": photo.pk,
        "pdf_pk": pdf.pk,
        "meeting_pk": meeting.pk,
        "code": original.code,
        "fmt": "csv",
        "section": "regions",
    }


def sample_kwargs(name: str, converters: dict, data: dict) -> dict:
    kwargs = {}
    for key in converters:
        if key in ("pk", "slug"):
            by_name = data[key].get(name)
            if by_name is not None:
                kwargs[key] = by_name
            elif key == "slug":
                kwargs[key] = "x"
            else:
                kwargs[key] = data["memorandum"] if ("memorand" in name or "commitment" in name) else data["meeting"]
        else:
            kwargs[key] = data.get(key, 1)
    return kwargs


def _url_name(url: str) -> str | None:
    try:
        return resolve(url).url_name
    except Resolver404:
        return None


PERSONAS = ["anonymous", "staff_user", "official_astana"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_hostile_value_gives_a_server_error(persona, request, dataset, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    parameters = source_parameters()
    failures = []

    def send(method, url, data):
        cache.clear()  # no rate limit or page cache between the probes
        try:
            response = getattr(client, method)(url, data)
        except Exception as error:  # noqa: BLE001 -- every kind of failure is reported
            failures.append(f"{method.upper()} {url} {sorted(data)[:6]} -> {type(error).__name__}: {error}"[:400])
            return None
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url} {sorted(data)[:6]} -> {response.status_code}")
        return response

    pages, path_variants = [], []
    with translation.override("en"):
        for name, converters in url_patterns():
            if name in SKIP:
                continue
            pages.append(reverse(name, kwargs=sample_kwargs(name, converters, dataset)))
            # Hostile values inside the path itself.
            for key, converter in converters.items():
                for value in ("99999999999999999999", "0") if "Int" in type(converter).__name__ else ("²", "x" * 300):
                    kwargs = {**sample_kwargs(name, converters, dataset), key: value}
                    try:
                        path_variants.append(reverse(name, kwargs=kwargs))
                    except Exception:  # noqa: BLE001, S112 -- the converter refuses it: no such URL
                        continue
    for url in [*path_variants, "/en/proposals/%00/", "/en/regions/%00/", "/en/proposals/\u00b2/"]:
        send("get", url, {})

    forms = []
    names = sorted(parameters)
    for url in pages:
        response = send("get", url, {})
        if response is None or response.status_code not in (200, 405):
            continue  # the persona may not open it: the view never reads the parameters
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and "html" in content_type:
            forms += forms_of(response.content, url)
        if response.status_code == 405 or "html" in content_type or "json" in content_type:
            method = "post" if response.status_code == 405 else "get"
            for value in [*HOSTILE, LIST_VALUE]:
                send(method, url, dict.fromkeys(names, value))

    seen = set()
    for form in forms:
        key = (form["method"], form["url"], tuple(sorted(form["fields"])))
        if key in seen or _url_name(form["url"]) in SKIP:
            continue
        seen.add(key)
        for value in [*HOSTILE, LIST_VALUE]:
            send(form["method"], form["url"], hostile_data(form["fields"], value))
    assert forms, "no form found: the walk did not reach the pages"
    if persona != "anonymous":
        assert "_auth_user_id" in client.session, "the persona was logged out during the walk"
    assert not failures, "\n".join(failures)

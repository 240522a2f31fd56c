"""The datasets of the open-data package: one CSV each, its rows (from `opendata.selectors`) and
its columns, each with a description for the README data dictionary (kk/ru/en)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from consultations.models import Commitment, Meeting, Memorandum, Participation, Region
from foundation.links import absolute
from opendata import selectors
from programs.models import Direction, Program
from proposals.models import Proposal

LANGS = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    get: Callable
    type: str = "string"  # Frictionless Table Schema type, for datapackage.json


@dataclass(frozen=True)
class Dataset:
    name: str
    description: str
    rows: Callable[[], Iterable]
    columns: list[Column]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


def _date(value):
    return value.isoformat() if value else ""


def _datetime(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _slug(obj):
    return obj.slug if obj else ""


def _in_each_language(field: str, description) -> list[Column]:
    """One column per language of a translated field: name_kk, name_ru, name_en."""
    return [
        Column(
            f"{field}_{lang}",
            format_lazy("{} ({})", description, lang),
            lambda obj, f=f"{field}_{lang}": getattr(obj, f) or "",
        )
        for lang in LANGS
    ]


def _page(obj) -> str:
    with override(settings.LANGUAGE_CODE):
        return absolute(obj.get_absolute_url())


def _iterate(queryset, chunk_size=2000):
    return queryset.iterator(chunk_size=chunk_size)


# --- code lists: every coded column's values with their labels in each language -----------------

CODE_LISTS = [
    ("region.kind", Region.Kind),
    ("direction", Direction),
    ("meeting.kind", Meeting.Kind),
    ("meeting.status", Meeting.Status),
    ("participation.group", Participation.Group),
    ("memorandum.status", Memorandum.Status),
    ("commitment.party", Commitment.Party),
    ("commitment.status", Commitment.Status),
    ("program.status", Program.Status),
    ("proposal.channel", Proposal.Channel),
    ("proposal.status", Proposal.Status),
]


def _code_rows():
    for field, choices in CODE_LISTS:
        for value, label in choices.choices:
            row = {"field": field, "code": value}
            for lang in LANGS:
                with override(lang):
                    row[f"label_{lang}"] = str(label)
            yield row


def _state(commitment) -> str:
    return selectors.commitment_state(commitment)


DATASETS = [
    Dataset(
        "regions",
        _("The 20 regions: 17 oblasts and 3 cities of republican significance."),
        lambda: selectors.regions(),
        [
            Column("slug", _("Identifier used in the other files"), lambda r: r.slug),
            Column("code_iso", _("ISO 3166-2 code"), lambda r: r.code_iso),
            Column("kato", _("KATO code"), lambda r: r.kato),
            Column("kind", _("Kind (see codes.csv)"), lambda r: r.kind),
            *_in_each_language("name", _("Name")),
            *_in_each_language("center", _("Administrative centre")),
            Column("url", _("Page on the site"), _page),
        ],
    ),
    Dataset(
        "tours",
        _("Consultation tours: meetings and proposals belong to one."),
        lambda: selectors.tours(),
        [
            Column("slug", _("Identifier used in the other files"), lambda t: t.slug),
            *_in_each_language("name", _("Name")),
            *_in_each_language("goal", _("Goal")),
            Column("starts_on", _("First day"), lambda t: _date(t.starts_on), "date"),
            Column("ends_on", _("Last day"), lambda t: _date(t.ends_on), "date"),
            Column("is_current", _("The current tour"), lambda t: t.is_current, "boolean"),
        ],
    ),
    Dataset(
        "meetings",
        _("Meetings of the tour. Summary and outcomes once held; minutes once published."),
        lambda: selectors.meetings().order_by("starts_at", "id"),
        [
            Column("id", _("Identifier used in the other files"), lambda m: m.pk, "integer"),
            Column("tour", _("Tour (tours.csv)"), lambda m: m.tour.slug),
            Column("region", _("Region (regions.csv)"), lambda m: m.region.slug),
            Column("kind", _("Kind (see codes.csv)"), lambda m: m.kind),
            Column("title", _("Title"), lambda m: m.title),
            Column("starts_at", _("Date and time (local, with offset)"), lambda m: _datetime(m.starts_at), "datetime"),
            Column("venue", _("Venue"), lambda m: m.venue),
            Column("status", _("Status (see codes.csv)"), lambda m: m.status),
            Column("chair", _("Chair"), lambda m: m.chair),
            Column("hosts", _("Hosts, one per line"), lambda m: m.hosts),
            Column("agenda", _("Agenda (Markdown)"), lambda m: m.agenda),
            Column(
                "summary",
                _("Public summary"),
                lambda m: m.summary if selectors.meeting_has_taken_place(m) else "",
            ),
            Column(
                "outcomes",
                _("Outcomes (Markdown)"),
                lambda m: m.outcomes if selectors.meeting_has_taken_place(m) else "",
            ),
            Column(
                "minutes", _("Minutes (Markdown), once published"), lambda m: m.minutes if m.minutes_are_public else ""
            ),
            Column("url", _("Page on the site"), _page),
        ],
    ),
    Dataset(
        "participation",
        _("Who took part in each held meeting, by group."),
        lambda: selectors.participations().order_by("meeting_id", "group"),
        [
            Column("meeting", _("Meeting (meetings.csv)"), lambda p: p.meeting_id, "integer"),
            Column("group", _("Group (see codes.csv)"), lambda p: p.group),
            Column("count", _("Number of people"), lambda p: p.count, "integer"),
            Column("organisations", _("Organisations named"), lambda p: p.organisations),
        ],
    ),
    Dataset(
        "memoranda",
        _("Signed memoranda of cooperation with the akimats (and those expired or terminated since)."),
        lambda: selectors.memoranda().order_by("signed_on", "id"),
        [
            Column("id", _("Identifier used in the other files"), lambda m: m.pk, "integer"),
            Column("number", _("Number"), lambda m: m.number),
            Column("title", _("Title"), lambda m: m.title),
            Column("region", _("Region (regions.csv)"), lambda m: m.region.slug),
            Column("tour", _("Tour (tours.csv)"), lambda m: _slug(m.tour)),
            Column("meeting", _("Meeting where it was signed (meetings.csv)"), lambda m: m.meeting_id or "", "integer"),
            Column("status", _("Status (see codes.csv)"), lambda m: m.status),
            Column("signed_on", _("Date of signing"), lambda m: _date(m.signed_on), "date"),
            Column("signed_place", _("Place of signing"), lambda m: m.signed_place),
            Column("valid_from", _("Valid from"), lambda m: _date(m.valid_from), "date"),
            Column("valid_until", _("Valid until"), lambda m: _date(m.valid_until), "date"),
            Column("foundation_signatory", _("Signatory for the foundation"), lambda m: m.foundation_signatory),
            Column("akimat_signatory", _("Signatory for the akimat"), lambda m: m.akimat_signatory),
            Column("text_kk", _("Text in Kazakh (Markdown)"), lambda m: m.text_kk),
            Column("text_ru", _("Text in Russian (Markdown)"), lambda m: m.text_ru),
            Column("url", _("Page on the site"), _page),
        ],
    ),
    Dataset(
        "commitments",
        _("Commitments of the memoranda and where each stands."),
        lambda: selectors.commitments().order_by("memorandum_id", "order", "id"),
        [
            Column("id", _("Identifier"), lambda c: c.pk, "integer"),
            Column("memorandum", _("Memorandum (memoranda.csv)"), lambda c: c.memorandum_id, "integer"),
            Column("region", _("Region (regions.csv)"), lambda c: c.memorandum.region.slug),
            Column("party", _("Who is committed (see codes.csv)"), lambda c: c.party),
            Column("description", _("What"), lambda c: c.description),
            Column("due_on", _("Due date"), lambda c: _date(c.due_on), "date"),
            Column("status", _("Status (see codes.csv)"), lambda c: c.status),
            Column(
                "state",
                _("Status with overdue derived from the due date on the snapshot date: overdue or the status"),
                _state,
            ),
            Column("program", _("Program (programs.csv)"), lambda c: _slug(c.program)),
        ],
    ),
    Dataset(
        "programs",
        _("The foundation's charity programs."),
        lambda: selectors.programs().order_by("order", "id"),
        [
            Column("slug", _("Identifier used in the other files"), lambda p: p.slug),
            Column("direction", _("Direction (see codes.csv)"), lambda p: p.direction),
            *_in_each_language("title", _("Title")),
            *_in_each_language("summary", _("Summary")),
            *_in_each_language("body", _("Description (Markdown)")),
            *_in_each_language("target_group", _("For whom")),
            Column("status", _("Status (see codes.csv)"), lambda p: p.status),
            Column("beneficiaries", _("Beneficiaries"), lambda p: p.beneficiaries, "integer"),
            Column(
                "regions",
                _("Regions reached, separated by spaces"),
                lambda p: " ".join(r.slug for r in p.regions.all()),
            ),
            Column("url", _("Page on the site"), _page),
        ],
    ),
    Dataset(
        "proposals",
        _("Public proposals. Names and organisations only where the author agreed to publish them; contacts never."),
        lambda: _iterate(selectors.proposals().order_by("created_at", "id")),
        [
            Column("code", _("Tracking code"), lambda p: p.code),
            Column("tour", _("Tour (tours.csv)"), lambda p: p.tour.slug),
            Column("region", _("Region (regions.csv)"), lambda p: p.region.slug),
            Column("meeting", _("Meeting where it was voiced (meetings.csv)"), lambda p: p.meeting_id or "", "integer"),
            Column("direction", _("Direction (see codes.csv)"), lambda p: p.direction),
            Column("channel", _("How it reached the foundation (see codes.csv)"), lambda p: p.channel),
            Column("status", _("Status (see codes.csv)"), lambda p: p.status),
            Column("text", _("The proposal"), lambda p: p.text),
            Column("author_name", _("Author's name, if they agreed to publish it"), lambda p: p.public_author_name),
            Column(
                "author_organisation",
                _("Author's organisation, if they agreed to publish it"),
                lambda p: p.public_organisation,
            ),
            Column("duplicate_of", _("Code of the proposal it repeats"), lambda p: p.public_duplicate_of or ""),
            *_in_each_language("answer", _("Official answer")),
            Column("answered_at", _("When it was answered"), lambda p: _datetime(p.answered_at), "datetime"),
            Column("program", _("Program it was taken into (programs.csv)"), lambda p: _slug(p.program)),
            Column("received_at", _("When it was received"), lambda p: _datetime(p.created_at), "datetime"),
        ],
    ),
    Dataset(
        "proposal_status_changes",
        _("Every status change of the public proposals."),
        lambda: _iterate(selectors.status_changes().order_by("changed_at", "id")),
        [
            Column("proposal", _("Tracking code (proposals.csv)"), lambda s: s.proposal.code),
            Column("from_status", _("Status before (empty when received)"), lambda s: s.from_status),
            Column("to_status", _("Status after"), lambda s: s.to_status),
            Column("changed_at", _("When"), lambda s: _datetime(s.changed_at), "datetime"),
        ],
    ),
    Dataset(
        "codes",
        _("The codes used in the files and their labels in Kazakh, Russian and English."),
        _code_rows,
        [
            Column("field", _("File and column (file.column)"), lambda r: r["field"]),
            Column("code", _("Code"), lambda r: r["code"]),
            *[
                Column(f"label_{lang}", format_lazy("{} ({})", _("Label"), lang), lambda r, k=f"label_{lang}": r[k])
                for lang in LANGS
            ],
        ],
    ),
]

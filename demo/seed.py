"""Builds the demo data. Every function is idempotent: it finds rows by a natural key and saves
only what differs, so a second run creates and changes nothing (no new history rows either).

Generated content comes from a fixed random seed and the data modules in demo/data/, never from
database ids, so two runs on two databases produce the same rows.
"""

import datetime
import random
from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from consultations.models import (
    Commitment,
    CommitmentProgress,
    Meeting,
    Memorandum,
    MemorandumVersion,
    Participation,
    Region,
    ReviewComment,
    Tour,
)
from demo.data import astana as astana_data
from demo.data import events as event_data
from demo.data import proposals as proposal_data
from demo.data import regions as region_data
from demo.data.programs import PROGRAMS
from events.models import PressCoverage
from programs.models import Program
from proposals.models import CODE_ALPHABET, CODE_LENGTH, Proposal, ProposalStatusChange
from proposals.services import proposal_change_status, proposal_create

DEMO_PASSWORD = "demo-password"
RANDOM_SEED = 2026
TZ = ZoneInfo(settings.TIME_ZONE)

# username -> (role, region ISO code, is_superuser, first name, last name)
DEMO_USERS = {
    "admin": ("public", None, True, "Әкімші", "Демо"),
    "staff": ("foundation_staff", None, False, "Динара", "Сәрсенбаева"),
    "akimat-astana": ("akimat_official", "KZ-71", False, "Ерлан", "Мұхаметжанов"),
    "akimat-almaty": ("akimat_official", "KZ-75", False, "Алия", "Тұрсынбекова"),
}


class Stats:
    """Counts of rows created and updated per model, for the command's output and the tests."""

    def __init__(self):
        self.created = Counter()
        self.updated = Counter()

    def __str__(self):
        names = sorted(set(self.created) | set(self.updated))
        lines = [f"  {name}: {self.created[name]} created, {self.updated[name]} updated" for name in names]
        return "\n".join(lines) or "  nothing"

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


def _dt(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=TZ)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _upsert(stats: Stats, model, lookup: dict, values: dict):
    """get_or_create, then save only the fields that differ (update_or_create saves always,
    which would touch updated_at and add a history row on every run)."""
    obj = model.objects.filter(**lookup).first()
    name = model.__name__
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        stats.created[name] += 1
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
        stats.updated[name] += 1
    return obj


def _set_created_at(model, pk, field: str, when: datetime.datetime):
    # auto_now_add ignores the value given on create; an UPDATE sets the demo's own date.
    model.objects.filter(pk=pk).update(**{field: when})


def seed_users(stats: Stats) -> dict:
    User = get_user_model()
    users = {}
    password_hash = None
    for username, (role, region_code, is_superuser, first, last) in DEMO_USERS.items():
        values = {
            "email": f"{username}@example.kz",
            "first_name": first,
            "last_name": last,
            "role": role,
            "region": Region.objects.get(code_iso=region_code) if region_code else None,
            "is_superuser": is_superuser,
            "is_staff": is_superuser,
            "is_active": True,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            # The password is set only here, so re-running never changes the stored hash.
            # One hash for all accounts: hashing costs a good second per account, and the password is public.
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User(username=username, password=password_hash, **values)
            user.save()
            stats.created["User"] += 1
        else:
            user = _upsert(stats, User, {"username": username}, values)
        users[username] = user
    return users


def seed_programs(stats: Stats) -> dict:
    programs = {}
    for entry in PROGRAMS:
        values = {k: v for k, v in entry.items() if k not in ("slug", "regions")}
        programs[entry["slug"]] = _upsert(stats, Program, {"slug": entry["slug"]}, values)
    regions = {r.code_iso: r for r in Region.objects.prefetch_related("programs")}
    for entry in PROGRAMS:
        program = programs[entry["slug"]]
        for code in entry["regions"]:
            region = regions[code]
            if program not in region.programs.all():
                region.programs.add(program)
                stats.created["Region.programs"] += 1
    return programs


def seed_tour(stats: Stats) -> Tour:
    data = astana_data.TOUR
    # Only one tour may be current; the demo tour takes the mark.
    Tour.objects.filter(is_current=True).exclude(slug=data["slug"]).update(is_current=False)
    values = {k: v for k, v in data.items() if k not in ("slug", "starts_on", "ends_on")}
    values |= {"starts_on": _date(data["starts_on"]), "ends_on": _date(data["ends_on"]), "is_current": True}
    return _upsert(stats, Tour, {"slug": data["slug"]}, values)


def _seed_participation(stats: Stats, meeting: Meeting, rows):
    for group, count, organisations in rows:
        _upsert(
            stats,
            Participation,
            {"meeting": meeting, "group": group},
            {"count": count, "organisations": organisations},
        )


def seed_astana_meeting(stats: Stats, *, tour: Tour, users: dict) -> Meeting:
    data = astana_data.ASTANA_MEETING
    values = {k: data[k] for k in ("kind", "status", "venue", "chair", "hosts", "agenda", "minutes", "summary")}
    values |= {"outcomes": data["outcomes"], "starts_at": _dt(data["starts_at"]), "created_by": users["staff"]}
    region = Region.objects.get(code_iso=data["region"])
    meeting = _upsert(stats, Meeting, {"tour": tour, "region": region, "title": data["title"]}, values)
    _seed_participation(stats, meeting, data["participations"])
    return meeting


def _region_name(region: Region, lang: str) -> str:
    return getattr(region, f"name_{lang}") or region.name_kk


def _programs_of_region(code: str, lang: str) -> str:
    titles = [p[f"title_{lang}"] for p in PROGRAMS if code in p["regions"]]
    return "; ".join(titles) or ("қордың жалпы бағдарламалары" if lang == "kk" else "общие программы фонда")


def seed_regional_meetings(stats: Stats, *, tour: Tour, users: dict) -> dict:
    regions = {r.code_iso: r for r in Region.objects.all()}
    meetings = {}
    for code, kind, status, lang, starts_at, venue in region_data.MEETINGS:
        region = regions[code]
        name = _region_name(region, lang)
        held = status in (Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED)
        rng = random.Random(f"demo-meeting-{code}")
        participants = [
            (g, base + rng.randint(0, base), orgs_kk if lang == "kk" else orgs_ru)
            for g, base, orgs_kk, orgs_ru in region_data.PARTICIPATION
        ]
        total = sum(count for _, count, _ in participants)
        if status == Meeting.Status.CANCELLED:
            summary = region_data.CANCELLED_SUMMARY[lang]
        elif status == Meeting.Status.PLANNED:
            summary = region_data.PLANNED_SUMMARY[lang]
        else:
            summary = region_data.SUMMARY[lang].format(name=name)
        values = {
            "kind": kind,
            "status": status,
            "starts_at": _dt(starts_at),
            "venue": venue,
            "attendance": Meeting.Attendance.ONLINE if kind == "online_conference" else Meeting.Attendance.IN_PERSON,
            "online_url": f"https://us02web.zoom.us/j/82026{region.kato}0000" if kind == "online_conference" else "",
            "chair": region_data.CHAIR[lang],
            "hosts": region_data.HOSTS[lang].format(name=name),
            "agenda": region_data.AGENDA[lang].format(programs=_programs_of_region(code, lang)),
            "minutes": region_data.MINUTES[lang].format(total=total) if held else "",
            "summary": summary,
            "outcomes": region_data.OUTCOMES[lang] if held else "",
            "created_by": users["staff"],
        }
        title = region_data.KIND_TITLE[kind][lang].format(name=name)
        meeting = _upsert(stats, Meeting, {"tour": tour, "region": region, "title": title}, values)
        if held:
            _seed_participation(stats, meeting, participants)
        meetings[code] = meeting
    return meetings


def _online_url(day: datetime.date, n: int) -> str:
    return f"https://us02web.zoom.us/j/8{day:%Y%m%d}{n:02d}"


def seed_online_conferences(stats: Stats, *, tour: Tour, users: dict) -> int:
    """The online conferences besides the regional ones above: 40 in all, national (thematic),
    of one region or of several, one every two or three days from June to August."""
    regions = {r.code_iso: r for r in Region.objects.all()}
    first = datetime.date(2026, 6, 3)
    specs = [("kk", [], theme_kk) for theme_kk, _ in event_data.NATIONAL_THEMES]
    specs += [(lang, codes, None) for codes, lang in event_data.REGIONAL]
    # Interleave national and regional ones through the summer, the same order on every run.
    random.Random("demo-online-conferences").shuffle(specs)
    for n, (lang, codes, theme) in enumerate(specs):
        day = first + datetime.timedelta(days=n * 5 // 2)
        concerned = [regions[code] for code in codes]
        if theme:
            title = event_data.TITLE_NATIONAL.format(theme=theme)
        else:
            names = ", ".join(_region_name(r, lang) for r in concerned)
            title = event_data.TITLE_REGIONAL[lang].format(names=names)
        count = random.Random(f"demo-online-{n}").randint(40, 180)
        values = {
            "region": concerned[0] if concerned else None,
            "kind": Meeting.Kind.ONLINE_CONFERENCE,
            "attendance": Meeting.Attendance.ONLINE,
            "status": Meeting.Status.HELD,
            "starts_at": _dt(f"{day.isoformat()}T15:00"),
            "online_url": _online_url(day, n),
            "online_is_public": not concerned,
            "chair": event_data.CHAIR,
            "summary": event_data.SUMMARY[lang].format(count=count),
            "created_by": users["staff"],
        }
        meeting = _upsert(stats, Meeting, {"tour": tour, "title": title}, values)
        others = {r.pk for r in concerned[1:]}
        if set(meeting.regions.values_list("pk", flat=True)) != others:
            meeting.regions.set(others)
            stats.updated["Meeting.regions"] += 1
        _seed_participation(stats, meeting, [(Participation.Group.CITIZENS, count, "")])
    return len(specs)


def seed_national_conference(stats: Stats, *, tour: Tour, users: dict) -> Meeting:
    data = dict(event_data.NATIONAL_CONFERENCE)
    values = {k: v for k, v in data.items() if k not in ("title", "starts_at", "ends_at")}
    values |= {
        "region": None,
        "starts_at": _dt(data["starts_at"]),
        "ends_at": _dt(data["ends_at"]),
        "created_by": users["staff"],
    }
    return _upsert(stats, Meeting, {"tour": tour, "title": data["title"]}, values)


def seed_press_coverage(stats: Stats, *, meeting: Meeting) -> None:
    data = event_data.ASTANA_PRESS
    _upsert(
        stats,
        PressCoverage,
        {"meeting": meeting, "url": data["url"]},
        {"title": data["title"], "outlet": data["outlet"], "published_on": _date(data["published_on"])},
    )


def _seed_version(stats: Stats, memorandum: Memorandum, user):
    _upsert(
        stats,
        MemorandumVersion,
        {"memorandum": memorandum, "revision": memorandum.revision},
        {"title": memorandum.title, "text_kk": memorandum.text_kk, "text_ru": memorandum.text_ru, "created_by": user},
    )


def _seed_commitment(stats, memorandum, order, party, description, due_on, status, program):
    return _upsert(
        stats,
        Commitment,
        {"memorandum": memorandum, "order": order},
        {"party": party, "description": description, "due_on": _date(due_on), "status": status, "program": program},
    )


def seed_astana_memorandum(stats: Stats, *, tour, meeting, users, programs) -> Memorandum:
    data = astana_data.ASTANA_MEMORANDUM
    values = {
        k: data[k]
        for k in ("number", "status", "revision", "foundation_signatory", "akimat_signatory", "text_kk", "text_ru")
    }
    values |= {
        "tour": tour,
        "meeting": meeting,
        "signed_place": data["signed_place"],
        "valid_from": _date(data["valid_from"]),
        "valid_until": _date(data["valid_until"]),
        "signed_on": _date(data["signed_on"]),
    }
    region = Region.objects.get(code_iso=data["region"])
    memorandum = _upsert(stats, Memorandum, {"region": region, "title": data["title"]}, values)
    _seed_version(stats, memorandum, users["staff"])
    for order, (party, description, due_on, status, slug, notes) in enumerate(data["commitments"], start=1):
        program = programs[slug] if slug else None
        commitment = _seed_commitment(stats, memorandum, order, party, description, due_on, status, program)
        for author, note_status, note, day in notes:
            note_row = CommitmentProgress.objects.filter(commitment=commitment, note=note).first()
            if note_row is None:
                note_row = CommitmentProgress.objects.create(
                    commitment=commitment, author=users[author], status=note_status, note=note
                )
                _set_created_at(CommitmentProgress, note_row.pk, "created_at", _dt(f"{day}T16:00"))
                stats.created["CommitmentProgress"] += 1
    return memorandum


def seed_regional_memoranda(stats: Stats, *, tour, meetings, users, programs) -> dict:
    languages = {code: lang for code, _, _, lang, _, _ in region_data.MEETINGS}
    memoranda = {}
    for code, status, number, signed_on in region_data.MEMORANDA:
        region = Region.objects.get(code_iso=code)
        lang = languages.get(code, "kk")
        title = region_data.MEMORANDUM_TITLE[lang].format(name=_region_name(region, lang))
        signed = status == Memorandum.Status.SIGNED
        values = {
            "tour": tour,
            "meeting": meetings.get(code) if signed else None,
            "number": number,
            "status": status,
            "revision": 1,
            "text_kk": region_data.MEMORANDUM_TEXT_KK.format(name=region.name_kk),
            "text_ru": region_data.MEMORANDUM_TEXT_RU.format(name=region.name_ru),
            "foundation_signatory": "«Қазақстан халқына» ҚҚ Басқарма төрағасы",
            "akimat_signatory": f"{region.name_kk} әкімі",
            "valid_from": _date("2026-09-15"),
            "valid_until": _date("2028-12-31"),
            "signed_on": _date(signed_on),
            "signed_place": region.center_kk or region.name_kk if signed else "",
        }
        memorandum = _upsert(stats, Memorandum, {"region": region, "title": title}, values)
        if status != Memorandum.Status.DRAFT:
            _seed_version(stats, memorandum, users["staff"])
        for order, (party, description, slug, due_on, c_status) in enumerate(region_data.OTHER_COMMITMENTS, 1):
            if signed and order == 1:
                c_status = Commitment.Status.IN_PROGRESS
            _seed_commitment(stats, memorandum, order, party, description, due_on, c_status, programs[slug])
        for index, (author, decision, body) in enumerate(region_data.REVIEW_COMMENTS.get(code, [])):
            lookup = {"memorandum": memorandum, "author": users[author], "body": body}
            if not ReviewComment.objects.filter(**lookup).exists():
                comment = ReviewComment.objects.create(**lookup, decision=decision, revision=memorandum.revision)
                _set_created_at(ReviewComment, comment.pk, "created_at", _dt(f"2026-09-{20 + index}T11:00"))
                stats.created["ReviewComment"] += 1
        memoranda[code] = memorandum
    return memoranda


# --- Proposals ---------------------------------------------------------------------------------

# Weights of the statuses of generated proposals (duplicates are added apart).
STATUS_WEIGHTS = {
    Proposal.Status.RECEIVED: 14,
    Proposal.Status.UNDER_REVIEW: 18,
    Proposal.Status.ACCEPTED: 22,
    Proposal.Status.PARTLY_ACCEPTED: 16,
    Proposal.Status.DECLINED: 12,
    Proposal.Status.ALREADY_DONE: 12,
}
CHANNEL_WEIGHTS = {
    Proposal.Channel.MEETING: 40,
    Proposal.Channel.ONLINE_CONFERENCE: 20,
    Proposal.Channel.PUBLIC_FORM: 30,
    Proposal.Channel.IMPORT: 10,
}
TOUR_START = _dt("2026-06-01T09:00")


def _path_to(status: str) -> list[str]:
    """The statuses a proposal passes through to reach `status`, after `received`."""
    if status == Proposal.Status.RECEIVED:
        return []
    if status in (Proposal.Status.UNDER_REVIEW, Proposal.Status.DUPLICATE):
        return [status]
    return [Proposal.Status.UNDER_REVIEW, status]


def _city(region_row: dict, lang: str) -> str:
    return region_row[f"center_{lang}"] or region_row[f"name_{lang}"]


def proposal_specs(*, regions: dict, meetings: list[dict]) -> list[dict]:
    """Plain descriptions of the generated proposals; depends only on the data and the seed.

    `regions`: ISO code -> {"name_kk", "center_kk", ...}; `meetings`: held meetings as
    {"key", "region", "kind", "lang", "starts_at"}.
    """
    directions = list(proposal_data.TEXTS)
    region_codes = sorted(regions)
    by_kind = {
        Proposal.Channel.MEETING: [m for m in meetings if m["kind"] != "online_conference"],
        Proposal.Channel.ONLINE_CONFERENCE: [m for m in meetings if m["kind"] == "online_conference"],
    }
    specs = []
    for n in range(1, proposal_data.PROPOSAL_COUNT + 1):
        # One generator per proposal: editing the data changes only the proposals it concerns.
        rng = random.Random(f"{RANDOM_SEED}:{n}")
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        meeting = None
        if channel in by_kind:
            meeting = rng.choice(by_kind[channel])
            region = meeting["region"]
            # Most people speak the meeting's language; some switch.
            lang = meeting["lang"] if rng.random() < 0.8 else rng.choice(["kk", "ru"])
            received_at = meeting["starts_at"] + datetime.timedelta(minutes=rng.randint(20, 150))
        else:
            region, lang = rng.choice(region_codes), rng.choice(["kk", "ru"])
            received_at = TOUR_START + datetime.timedelta(days=rng.randint(0, 104), minutes=rng.randint(0, 720))
        # Every direction appears: the first rounds walk through them in turn.
        direction = directions[n % len(directions)] if n <= 3 * len(directions) else rng.choice(directions)
        text = rng.choice(proposal_data.TEXTS[direction][lang]).format(city=_city(regions[region], lang))
        detail = rng.choice(proposal_data.DETAILS[lang])
        organisation = rng.choice(proposal_data.ORGANISATIONS[lang])
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        if n <= len(STATUS_WEIGHTS):
            status = list(STATUS_WEIGHTS)[n - 1]
        spec = {
            "key": f"demo:{n}",
            "code": code,
            "region": region,
            "meeting": meeting["key"] if meeting else None,
            "direction": direction,
            "channel": channel,
            "text": f"{text} {detail}".strip(),
            "author_name": proposal_data.person_name(
                rng.choice(proposal_data.FIRST_NAMES), rng.choice(proposal_data.LAST_NAMES)
            ),
            "author_organisation": organisation,
            "publish_name": rng.random() < 0.4,
            "contact_email": f"author{n}@example.kz" if rng.random() < 0.6 else "",
            "status": status,
            "duplicate_of": None,
            "program": None,
            "received_at": received_at,
        }
        # About one in twenty-five repeats an earlier proposal of the same region and direction.
        earlier = [s for s in specs if s["region"] == region and s["status"] != Proposal.Status.DUPLICATE]
        if n > 20 and earlier and rng.random() < 0.04:
            original = rng.choice(earlier)
            spec |= {
                "status": Proposal.Status.DUPLICATE,
                "duplicate_of": original["key"],
                "text": original["text"],
                "direction": original["direction"],
            }
        if spec["status"] in Proposal.TAKEN_UP:
            slug = proposal_data.PROGRAM_FOR_DIRECTION.get(spec["direction"])
            if slug and rng.random() < 0.7:
                spec["program"] = slug
        spec["step_days"] = [rng.randint(2, 12) for _ in range(2)]
        specs.append(spec)
    return specs


def astana_proposal_specs(meeting_key: str, starts_at: datetime.datetime) -> list[dict]:
    statuses = [
        Proposal.Status.ACCEPTED,
        Proposal.Status.ACCEPTED,
        Proposal.Status.PARTLY_ACCEPTED,
        Proposal.Status.UNDER_REVIEW,
        Proposal.Status.ACCEPTED,
        Proposal.Status.ALREADY_DONE,
        Proposal.Status.UNDER_REVIEW,
        Proposal.Status.PARTLY_ACCEPTED,
        Proposal.Status.RECEIVED,
        Proposal.Status.ALREADY_DONE,
        Proposal.Status.UNDER_REVIEW,
        Proposal.Status.DECLINED,
        Proposal.Status.RECEIVED,
        Proposal.Status.ACCEPTED,
    ]
    rng = random.Random(f"{RANDOM_SEED}-astana")
    specs = []
    for n, ((direction, text, organisation, author), status) in enumerate(
        zip(astana_data.ASTANA_PROPOSALS, statuses, strict=True), start=1
    ):
        slug = proposal_data.PROGRAM_FOR_DIRECTION.get(direction)
        specs.append(
            {
                "key": f"demo:astana:{n}",
                "code": "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                "region": "KZ-71",
                "meeting": meeting_key,
                "direction": direction,
                "channel": Proposal.Channel.MEETING,
                "text": text,
                "author_name": author,
                "author_organisation": organisation,
                "publish_name": n % 3 != 0,
                "contact_email": "",
                "status": status,
                "duplicate_of": None,
                "program": slug if status in (Proposal.Status.ACCEPTED, Proposal.Status.ALREADY_DONE) else None,
                "received_at": starts_at + datetime.timedelta(minutes=30 + 7 * n),
                "step_days": [3, 10],
            }
        )
    return specs


def _proposal_values(spec, *, tour, regions, meetings, programs, originals) -> dict:
    answered = spec["status"] in Proposal.ANSWERED
    answer = proposal_data.ANSWERS.get(spec["status"], ("", "", ""))
    answered_at = spec["received_at"] + datetime.timedelta(days=sum(spec["step_days"])) if answered else None
    return {
        "tour": tour,
        "region": regions[spec["region"]],
        "meeting": meetings[spec["meeting"]] if spec["meeting"] else None,
        "direction": spec["direction"],
        "channel": spec["channel"],
        "text": spec["text"],
        "author_name": spec["author_name"],
        "author_organisation": spec["author_organisation"],
        "publish_name": spec["publish_name"],
        "contact_email": spec["contact_email"],
        "status": spec["status"],
        "duplicate_of": originals.get(spec["duplicate_of"]) if spec["duplicate_of"] else None,
        "answer_kk": answer[0],
        "answer_ru": answer[1],
        "answer_en": answer[2],
        "answered_at": answered_at,
        "program": programs[spec["program"]] if spec["program"] else None,
        "created_at": spec["received_at"],
    }


def _history(spec) -> list[tuple[str, str, str, datetime.datetime]]:
    """The status changes of a proposal: (from, to, note, when), starting at receipt."""
    when = spec["received_at"]
    rows = [("", Proposal.Status.RECEIVED, "", when)]
    previous = Proposal.Status.RECEIVED
    for step, status in enumerate(_path_to(spec["status"])):
        when = when + datetime.timedelta(days=spec["step_days"][step], hours=2)
        rows.append((previous, status, proposal_data.STATUS_NOTES.get(status, ""), when))
        previous = status
    return rows


def _date_history(proposal: Proposal, history):
    # The demo's own dates instead of "now", so the history reads like the tour.
    Proposal.objects.filter(pk=proposal.pk).update(created_at=history[0][3], updated_at=history[-1][3])
    for change, row in zip(proposal.status_changes.order_by("id"), history, strict=True):
        ProposalStatusChange.objects.filter(pk=change.pk).update(changed_at=row[3])


def _create_proposal(stats, spec, values, staff) -> Proposal:
    fields = {k: v for k, v in values.items() if k not in ("status", "duplicate_of", "answered_at", "created_at")}
    # Empty answers until the proposal is answered (the translated columns would otherwise stay NULL).
    fields |= {"answer_kk": "", "answer_ru": "", "answer_en": ""}
    proposal = proposal_create(code=spec["code"], import_key=spec["key"], status=Proposal.Status.RECEIVED, **fields)
    if spec["status"] in Proposal.ANSWERED:
        # The answer first: the workflow gives a decision only to a proposal that has one.
        for field in ("answer_kk", "answer_ru", "answer_en", "answered_at"):
            setattr(proposal, field, values[field])
        proposal.save(update_fields=["answer_kk", "answer_ru", "answer_en", "answered_at", "updated_at"])
    history = _history(spec)
    for _from, status, note, _when in history[1:]:
        if status == Proposal.Status.DUPLICATE:
            # The service saves the status alone; a duplicate needs its original in the same save.
            ProposalStatusChange.objects.create(
                proposal=proposal, from_status=proposal.status, to_status=status, changed_by=staff, note=note
            )
            proposal.status, proposal.duplicate_of = status, values["duplicate_of"]
            proposal.save(update_fields=["status", "duplicate_of", "updated_at"])
        else:
            proposal_change_status(proposal=proposal, status=status, user=staff, note=note)
    _date_history(proposal, history)
    stats.created["Proposal"] += 1
    return proposal


def _update_proposal(stats, proposal, spec, values, staff) -> Proposal:
    """Bring a proposal seeded by an older version of the demo data up to date."""
    changed = [f for f, v in values.items() if getattr(proposal, f) != v]
    if not changed:
        return proposal
    for field in changed:
        setattr(proposal, field, values[field])
    proposal.save()
    if {"status", "created_at"} & set(changed):
        # A history that ends in another status would contradict the proposal: write it anew.
        proposal.status_changes.all().delete()
        history = _history(spec)
        ProposalStatusChange.objects.bulk_create(
            ProposalStatusChange(proposal=proposal, from_status=f, to_status=t, note=n, changed_by=staff)
            for f, t, n, _when in history
        )
        _date_history(proposal, history)
    stats.updated["Proposal"] += 1
    return proposal


def seed_proposals(stats: Stats, *, tour, astana_meeting, regional_meetings, programs, users) -> int:
    region_rows = {
        r.code_iso: {
            f"{f}_{lang}": getattr(r, f"{f}_{lang}") or "" for f in ("name", "center") for lang in ("kk", "ru")
        }
        for r in Region.objects.all()
    }
    langs = {code: lang for code, _, _, lang, _, _ in region_data.MEETINGS}
    held = [
        {"key": code, "region": code, "kind": m.kind, "lang": langs[code], "starts_at": m.starts_at}
        for code, m in sorted(regional_meetings.items())
        if m.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED)
    ]
    meetings = dict(regional_meetings) | {"astana": astana_meeting}
    specs = astana_proposal_specs("astana", astana_meeting.starts_at) + proposal_specs(
        regions=region_rows, meetings=held
    )
    regions = {r.code_iso: r for r in Region.objects.all()}
    existing = {p.import_key: p for p in Proposal.objects.filter(import_key__startswith="demo:")}
    staff = users["staff"]
    originals = {}
    for spec in specs:
        values = _proposal_values(
            spec, tour=tour, regions=regions, meetings=meetings, programs=programs, originals=originals
        )
        proposal = existing.get(spec["key"])
        if proposal is None:
            proposal = _create_proposal(stats, spec, values, staff)
        else:
            proposal = _update_proposal(stats, proposal, spec, values, staff)
        originals[spec["key"]] = proposal
    return len(specs)


@transaction.atomic
def seed_all() -> Stats:
    stats = Stats()
    users = seed_users(stats)
    programs = seed_programs(stats)
    tour = seed_tour(stats)
    astana_meeting = seed_astana_meeting(stats, tour=tour, users=users)
    regional_meetings = seed_regional_meetings(stats, tour=tour, users=users)
    seed_online_conferences(stats, tour=tour, users=users)
    seed_national_conference(stats, tour=tour, users=users)
    seed_press_coverage(stats, meeting=astana_meeting)
    seed_astana_memorandum(stats, tour=tour, meeting=astana_meeting, users=users, programs=programs)
    seed_regional_memoranda(stats, tour=tour, meetings=regional_meetings, users=users, programs=programs)
    seed_proposals(
        stats,
        tour=tour,
        astana_meeting=astana_meeting,
        regional_meetings=regional_meetings,
        programs=programs,
        users=users,
    )
    return stats

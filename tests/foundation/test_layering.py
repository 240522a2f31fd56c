"""The layout holds: apps depend one way, with no cycle, and no app reads another's data through
hard-coded strings. Checked by reading the source (AST), not by importing it.

    .venv/bin/python tests/foundation/test_layering.py    # prints the graph it checks

Layers, bottom up (DESIGN.md "How the code is laid out"):
    foundation      config and shared helpers (role predicates included: foundation/roles.py);
                    its urls.py and settings.py name every app and count as the top layer
    outbox          e-mails and jobs recorded with a change, delivered later (uses foundation)
    programs        the directions and programs
    consultations   regions, tours, meetings, memoranda (may use programs)
    accounts        the user model: an official is bound to a Region (may use consultations)
    proposals       may use consultations, programs, accounts
    events          registrations, calendar and feeds of consultations' meetings (may use
                    consultations, programs, outbox; consultations shows its panel through a
                    template tag, never an import)
    opendata        the read API, feeds and the open-data package (reads every app)
    portal, demo    pages and data that gather every app; nothing imports them
Other apps reach the user model through settings.AUTH_USER_MODEL / get_user_model(), never by
importing accounts, so accounts <-> consultations is no cycle, in imports or in models.
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "foundation",
    "outbox",
    "programs",
    "accounts",
    "consultations",
    "proposals",
    "events",
    "opendata",
    "portal",
    "demo",
]
# What each app may import (besides itself). The one place this test states the layering.
ALLOWED = {
    "foundation": set(),
    "outbox": {"foundation"},
    "programs": {"foundation"},
    "consultations": {"foundation", "outbox", "programs"},
    "accounts": {"foundation", "consultations"},
    "proposals": {"foundation", "outbox", "programs", "consultations", "accounts"},
    "events": {"foundation", "outbox", "programs", "consultations"},
    "opendata": {"foundation", "outbox", "programs", "consultations", "accounts", "proposals"},
    "portal": {"foundation", "outbox", "programs", "consultations", "accounts", "proposals"},
    "demo": {"foundation", "outbox", "programs", "consultations", "accounts", "proposals", "events"},
}
# Files that belong to the top layer although they sit in foundation/: the root URL conf and
# the settings (which name every app).
TOP_LAYER_FILES = {"foundation/urls.py", "foundation/settings.py"}
MODEL_REFERENCE = re.compile(r"^(" + "|".join(APPS) + r")\.[A-Z]\w+$")


def _sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative or relative in TOP_LAYER_FILES:
            continue
        yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=relative)


def import_edges() -> dict[tuple[str, str], list[str]]:
    """(from app, to app) -> the files making the import, for imports at any depth of a module."""
    edges: dict[tuple[str, str], list[str]] = {}
    for app in APPS:
        for relative, tree in _sources(app):
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    target = name.split(".")[0]
                    if target in APPS and target != app:
                        edges.setdefault((app, target), []).append(relative)
    return edges


def model_references() -> set[tuple[str, str]]:
    """(app, "other_app.Model") for every model named by string in another app's code."""
    found = set()
    for app in APPS:
        for _relative, tree in _sources(app):
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and MODEL_REFERENCE.match(node.value)
                    and node.value.split(".")[0] != app
                ):
                    found.add((app, node.value))
    return found


def find_cycle(edges) -> list[str] | None:
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return visiting[visiting.index(node) :] + [node]
        if node in done:
            return None
        visiting.append(node)
        for nxt in sorted(graph.get(node, ())):
            cycle = visit(nxt)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start)
        if cycle:
            return cycle
    return None


def test_the_apps_import_one_another_only_downwards():
    wrong = {edge: files for edge, files in import_edges().items() if edge[1] not in ALLOWED[edge[0]]}
    assert wrong == {}


def test_the_import_graph_has_no_cycle():
    assert find_cycle(import_edges()) is None


def test_imports_and_string_model_references_together_have_no_cycle():
    model_edges = {(app, reference.split(".")[0]) for app, reference in model_references()}
    assert find_cycle(set(import_edges()) | model_edges) is None


def test_the_cycle_finder_finds_one():
    assert find_cycle({("accounts", "consultations"), ("consultations", "accounts")}) == [
        "accounts",
        "consultations",
        "accounts",
    ]


def test_string_model_references_go_downwards():
    upwards = {(app, reference) for app, reference in model_references() if reference.split(".")[0] not in ALLOWED[app]}
    assert upwards == set()


def _status_values(module_path: str, model: str) -> set[str]:
    """The values of `model.Status` declared in one models module."""
    tree = ast.parse((ROOT / module_path).read_text(encoding="utf-8"))
    values = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ClassDef) and node.name == model):
            continue
        for inner in node.body:
            if isinstance(inner, ast.ClassDef) and inner.name == "Status":
                for statement in inner.body:
                    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                        first = statement.value.elts[0]
                        if isinstance(first, ast.Constant) and isinstance(first.value, str):
                            values.add(first.value)
    return values


def _string_literals(app: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for relative, tree in _sources(app):
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.setdefault(node.value, []).append(relative)
            if isinstance(node, ast.keyword) and node.arg:
                found.setdefault(node.arg, []).append(relative)
    templates = ROOT / "templates" / app
    for path in sorted(templates.rglob("*.html")) if templates.exists() else []:
        for literal in re.findall(r'"([a-z_]+)"', path.read_text(encoding="utf-8")):
            found.setdefault(literal, []).append(path.relative_to(ROOT).as_posix())
    return found


def test_no_app_hard_codes_another_apps_statuses_or_lookups():
    """An app below `proposals` never spells a proposal status or a `proposals__` lookup: it asks
    the reverse relation's queryset methods (`region.proposals.public()`) instead."""
    proposal_statuses = _status_values("proposals/models.py", "Proposal")
    assert proposal_statuses == {
        "received",
        "under_review",
        "accepted",
        "partly_accepted",
        "declined",
        "already_done",
        "duplicate",
    }
    for app in ("consultations", "programs", "accounts"):
        literals = _string_literals(app)
        borrowed = {value: literals[value] for value in proposal_statuses if value in literals}
        lookups = {value: files for value, files in literals.items() if value.startswith("proposals__")}
        assert borrowed == {}, app
        assert lookups == {}, app


if __name__ == "__main__":
    for (source, target), files in sorted(import_edges().items()):
        mark = "" if target in ALLOWED[source] else "   <-- against the layers"
        print(f"{source:14} -> {target:14} ({len(files)} imports){mark}")
    print("model references by string:")
    for app, reference in sorted(model_references()):
        mark = "" if reference.split(".")[0] in ALLOWED[app] else "   <-- against the layers"
        print(f"  {app:14} -> {reference}{mark}")
    model_edges = {(app, reference.split(".")[0]) for app, reference in model_references()}
    cycle = find_cycle(set(import_edges()) | model_edges)
    print("cycle (imports and model references):", cycle)
    sys.exit(1 if cycle else 0)

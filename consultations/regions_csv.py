"""Reading the regions reference file. Used by the data migration and its tests."""

import csv
from pathlib import Path

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "kz_regions.csv"
EXPECTED_COLUMNS = [
    "code_iso",
    "kato",
    "type",
    "name_kk",
    "name_ru",
    "name_en",
    "center_kk",
    "center_ru",
    "center_en",
    "name_ru_gen",
    "name_ru_prep",
    "name_ru_ins",
    "center_ru_gen",
    "center_ru_prep",
    "center_ru_ins",
    "former_names",
    "tile_col",
    "tile_row",
]
KINDS = {"oblast", "city_of_republican_significance"}


class RegionsFileError(ValueError):
    pass


def read_regions(path: Path = REGIONS_CSV) -> list[dict]:
    """Rows of the regions file, checked: exact columns, 20 rows, known kinds, unique codes."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != EXPECTED_COLUMNS:
            raise RegionsFileError(f"{path.name}: expected columns {EXPECTED_COLUMNS}, found {reader.fieldnames}")
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if row["type"] not in KINDS:
            raise RegionsFileError(f"{path.name} line {number}: unknown type {row['type']!r}")
        required = ["code_iso", "kato", "name_kk", "name_ru", "name_en", "tile_col", "tile_row"]
        required += ["name_ru_gen", "name_ru_prep", "name_ru_ins"]
        if row["center_ru"]:
            required += ["center_ru_gen", "center_ru_prep", "center_ru_ins"]
        for column in required:
            if not row[column].strip():
                raise RegionsFileError(f"{path.name} line {number}: {column} is empty")
    for column in ("code_iso", "kato"):
        values = [r[column] for r in rows]
        if len(set(values)) != len(values):
            raise RegionsFileError(f"{path.name}: {column} values are not unique")
    if len(rows) != 20:
        raise RegionsFileError(f"{path.name}: expected 20 regions, found {len(rows)}")
    return rows


def region_defaults(row: dict) -> dict:
    return {
        "kato": row["kato"],
        "slug": row["name_en"].lower().replace(" ", "-"),
        "kind": row["type"],
        "name": row["name_kk"],
        "name_kk": row["name_kk"],
        "name_ru": row["name_ru"],
        "name_en": row["name_en"],
        "center": row["center_kk"],
        "center_kk": row["center_kk"],
        "center_ru": row["center_ru"],
        "center_en": row["center_en"],
        # Russian case forms for generated text («в Караганде», «акимат Костанайской области»).
        "name_ru_gen": row["name_ru_gen"],
        "name_ru_prep": row["name_ru_prep"],
        "name_ru_ins": row["name_ru_ins"],
        "center_ru_gen": row["center_ru_gen"],
        "center_ru_prep": row["center_ru_prep"],
        "center_ru_ins": row["center_ru_ins"],
        "former_names": row["former_names"],
        "tile_col": int(row["tile_col"]),
        "tile_row": int(row["tile_row"]),
    }


def load_regions(region_model) -> int:
    """Create or update the 20 regions from the file; returns how many rows were read.

    Takes the model as an argument so the data migration can pass its historical model.
    """
    rows = read_regions()
    # An older migration's model lacks the columns added since: give it only what it has.
    known = {field.name for field in region_model._meta.get_fields()}
    for row in rows:
        defaults = {k: v for k, v in region_defaults(row).items() if k in known}
        region_model.objects.update_or_create(code_iso=row["code_iso"], defaults=defaults)
    return len(rows)

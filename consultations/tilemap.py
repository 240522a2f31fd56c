"""Geometry of the regions tile map: a cartogram of 7 columns by 5 rows, one tile per region.

The SVG itself is drawn by templates/includes/tile_map.html from what this module computes.
"""

import re
from dataclasses import dataclass

from consultations.selectors import RegionProgress

COLUMNS = 7
ROWS = 5
TILE_WIDTH = 120
TILE_HEIGHT = 84
GAP = 6
LINE_CHARS = 14  # characters per label line before wrapping (the longest word has 14)


@dataclass(frozen=True)
class Tile:
    region: object
    x: int
    y: int
    lines: tuple[str, ...]

    @property
    def text_x(self) -> int:
        return self.x + TILE_WIDTH // 2

    @property
    def first_line_y(self) -> int:
        # Centre the block of label lines, leaving room for the status symbol at the bottom.
        return self.y + 30 - 8 * (len(self.lines) - 1)

    @property
    def symbol_y(self) -> int:
        return self.y + TILE_HEIGHT - 12


def label_lines(name: str) -> tuple[str, ...]:
    """Wrap a region name into short lines at spaces and after hyphens, never cutting it.

    Every line but the last keeps its trailing space (or hyphen), so the tile's text read
    as a whole is exactly the region's name: its link's accessible name starts with it.
    """
    words = re.findall(r"\S+?-|\S+", name)  # "Северо-Казахстанская" -> "Северо-", "Казахстанская"
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) <= LINE_CHARS:
            lines[-1] += word
        else:
            lines.append(word)
        if not word.endswith("-"):
            lines[-1] += " "
    return tuple(line if i < len(lines) - 1 else line.rstrip() for i, line in enumerate(lines))


def tiles(regions) -> list[Tile]:
    return [
        Tile(
            region=region,
            x=region.tile_col * (TILE_WIDTH + GAP),
            y=region.tile_row * (TILE_HEIGHT + GAP),
            lines=label_lines(region.name),
        )
        for region in sorted(regions, key=lambda r: (r.tile_row, r.tile_col))
    ]


def view_box() -> str:
    return f"0 0 {COLUMNS * (TILE_WIDTH + GAP) - GAP} {ROWS * (TILE_HEIGHT + GAP) - GAP}"


def tile_map_context(regions) -> dict:
    """What templates/includes/tile_map.html needs, for the home and the regions list."""
    return {
        "tiles": tiles(regions),
        "tile_view_box": view_box(),
        "tile_width": TILE_WIDTH,
        "tile_height": TILE_HEIGHT,
        "progress_choices": RegionProgress.choices,
        # Everything the map and the region list show: their kept fragments are keyed by it.
        "tile_signature": [
            (r.pk, r.slug, r.code_iso, r.name, r.progress, r.meetings_held, r.tile_col, r.tile_row) for r in regions
        ],
    }

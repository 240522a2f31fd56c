"""Horizontal bar charts drawn on the server as SVG (templates/includes/bar_chart.html).

No JavaScript and no chart library: the numbers are few, the page must work offline and
under a strict Content-Security-Policy, and every chart comes with a table alternative.
"""

from dataclasses import dataclass, field

LABEL_WIDTH = 260
BAR_AREA = 440
VALUE_WIDTH = 70
ROW_HEIGHT = 30
BAR_HEIGHT = 20
LABEL_CHARS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    percent: int

    @property
    def short_label(self) -> str:
        text = str(self.label)
        return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    bars: list[Bar] = field(default_factory=list)

    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 10

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def bar_chart(*, slug, title, description, label_heading, value_heading, rows, percent_of=None) -> BarChart:
    """A chart from (label, value) rows, in the order given; bars scale to the largest value.

    Shares are of the sum of the values, or of `percent_of` when given (a funnel's first stage).
    """
    rows = list(rows)
    largest = max((value for _, value in rows), default=0) or 1
    total = (sum(value for _, value in rows) if percent_of is None else percent_of) or 1
    bars = [
        Bar(
            label=label,
            value=value,
            y=5 + index * ROW_HEIGHT,
            width=round(BAR_AREA * value / largest),
            percent=round(100 * value / total),
        )
        for index, (label, value) in enumerate(rows)
    ]
    return BarChart(
        slug=slug,
        title=title,
        description=description,
        label_heading=label_heading,
        value_heading=value_heading,
        bars=bars,
    )

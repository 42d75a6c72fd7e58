"""The /progress charts as PNGs: sessions per week as bars and worst pain as a line, and
the field tests over time.

Drawn with matplotlib's object-oriented API on the Agg canvas: no pyplot state, no display,
nothing kept between calls, so it is safe in a server. matplotlib is imported by the first
chart, not at start-up: it costs about a second and 40 MB that most processes never need.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogs.records import FieldTest, FieldTestResult, Side
from dialogs.texts import t
from dialogs.training.progress import ProgressReport, week_label

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType
    from numpy.typing import ArrayLike

SIZE_PX = 1080  # square: Telegram shows it full width on a phone
DPI = 150
DONE_COLOUR = "#2a9d8f"
SKIPPED_COLOUR = "#b8c4c2"
PARTLY_COLOUR = "#8fd1c8"
PLANNED_COLOUR = "#264653"
PAIN_COLOUR = "#e76f51"
MARGINS = {"left": 0.1, "right": 0.87, "top": 0.91, "bottom": 0.24}
FONT: dict[RcKeyType, int] = {
    "font.size": 17,
    "axes.titlesize": 23,
    "axes.labelsize": 18,
    "xtick.labelsize": 16,
    "ytick.labelsize": 17,
    "legend.fontsize": 17,
}


@dataclass(frozen=True, slots=True)
class ChartImage:
    """The PNG and what was plotted on it, read back from the figure."""

    png: bytes
    width: int
    height: int
    labels: tuple[str, ...]  # one per week, oldest first: "3 Mar"
    done: tuple[int, ...]  # bar heights
    partly: tuple[int, ...]  # sessions started and not finished, stacked on the done bars
    skipped: tuple[int, ...]  # stacked on those
    planned: int | None  # the dashed line, if the runner picked days
    pain: tuple[tuple[int, int], ...]  # (week index, worst 0-10) for weeks with a score


def _ticks(labels: tuple[str, ...]) -> list[str]:
    """Day over month where the month changes, else the day alone: twelve labels fit a phone.

    Every label has two lines, so the days line up."""
    months = [label.split(" ", 1)[1] for label in labels]
    named = [index == 0 or months[index - 1] != month for index, month in enumerate(months)]
    # Two month names side by side would touch: the second one says it.
    if len(named) > 1 and named[1]:
        named[0] = False
    return [
        label.replace(" ", "\n", 1) if shown else label.split(" ", 1)[0] + "\n "
        for label, shown in zip(labels, named, strict=True)
    ]


def _png(canvas: FigureCanvasAgg) -> bytes:
    buffer = io.BytesIO()
    # matplotlib leaves print_png unannotated; savefig, which is typed, would apply the
    # savefig.* settings on the way.
    canvas.print_png(buffer)  # type: ignore[no-untyped-call]
    return buffer.getvalue()


def _numbers(data: ArrayLike) -> list[float]:
    """What an artist was given, read back (matplotlib types it as any array), as floats."""
    import numpy

    return [float(value) for value in numpy.ravel(data)]


@contextmanager
def _drawing() -> Iterator[tuple[Figure, FigureCanvasAgg]]:
    """A square figure on its own Agg canvas, in the charts' fonts."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(FONT):
        figure = Figure(figsize=(SIZE_PX / DPI, SIZE_PX / DPI), dpi=DPI)
        yield figure, FigureCanvasAgg(figure)


def render_progress_png(report: ProgressReport) -> ChartImage:
    """Draw the report's weeks; the figure is dropped before returning."""
    from matplotlib.ticker import MaxNLocator

    weeks = report.weeks
    labels = tuple(week_label(week.start) for week in weeks)
    positions = list(range(len(weeks)))
    with _drawing() as (figure, canvas):
        # Fixed margins: automatic layout would cost more than the rest of the drawing.
        figure.subplots_adjust(**MARGINS)
        sessions = figure.add_subplot()
        done = sessions.bar(
            positions,
            [w.done for w in weeks],
            width=0.7,
            color=DONE_COLOUR,
            label=t("progress.chart.done"),
        )
        partly = sessions.bar(
            positions,
            [w.partly for w in weeks],
            width=0.7,
            bottom=[w.done for w in weeks],
            color=PARTLY_COLOUR,
            label=t("progress.chart.partly"),
        )
        skipped = sessions.bar(
            positions,
            [w.skipped for w in weeks],
            width=0.7,
            bottom=[w.done + w.partly for w in weeks],
            color=SKIPPED_COLOUR,
            hatch="//",
            edgecolor="white",
            linewidth=0,
            label=t("progress.chart.skipped"),
        )
        planned_line = None
        if report.planned:
            planned_line = sessions.axhline(
                report.planned,
                color=PLANNED_COLOUR,
                linestyle="--",
                linewidth=2.5,
                label=t("progress.chart.planned"),
            )
        top = max([report.planned, *(w.done + w.partly + w.skipped for w in weeks)]) + 1
        sessions.set_ylim(0, top)
        sessions.yaxis.set_major_locator(MaxNLocator(integer=True))
        sessions.set_ylabel(t("progress.chart.sessions_axis"))
        sessions.set_xticks(positions, _ticks(labels))
        sessions.set_xlim(-0.6, len(weeks) - 0.4)
        sessions.set_title(t("progress.chart.title", weeks=len(weeks)), loc="left", pad=12)
        sessions.spines[["top"]].set_visible(False)
        sessions.grid(axis="y", alpha=0.3)
        sessions.set_axisbelow(True)

        pain_axis = sessions.twinx()
        scores = [math.nan if score is None else score for score in report.pain]
        (pain_line,) = pain_axis.plot(
            positions,
            scores,
            color=PAIN_COLOUR,
            linewidth=3,
            marker="o",
            markersize=10,
            markeredgecolor="white",
            markeredgewidth=1.5,
            clip_on=False,  # a 0/10 marker sits on the axis and must show whole
            label=t("progress.chart.pain"),
        )
        pain_axis.set_ylim(0, 10.5)
        pain_axis.set_yticks(range(0, 11, 2))
        pain_axis.set_ylabel(t("progress.chart.pain_axis"), color=PAIN_COLOUR)
        pain_axis.tick_params(axis="y", colors=PAIN_COLOUR)
        pain_axis.spines[["top"]].set_visible(False)

        optional = [partly] if report.partly else []
        planned_handle = [planned_line] if planned_line else []
        handles = [done, *optional, skipped, *planned_handle, pain_line]
        figure.legend(handles=handles, loc="lower center", ncols=2, frameon=False)

        png = _png(canvas)
        width, height = canvas.get_width_height()
    pain = zip(_numbers(pain_line.get_xdata()), _numbers(pain_line.get_ydata()), strict=True)
    return ChartImage(
        png=png,
        width=width,
        height=height,
        labels=labels,
        done=tuple(round(bar.get_height()) for bar in done),
        partly=tuple(round(bar.get_height()) for bar in partly),
        skipped=tuple(round(bar.get_height()) for bar in skipped),
        planned=None if planned_line is None else round(_numbers(planned_line.get_ydata())[0]),
        pain=tuple((round(x), round(y)) for x, y in pain if not math.isnan(y)),
    )


LEFT_COLOUR = "#264653"
RIGHT_COLOUR = "#e9c46a"


@dataclass(frozen=True, slots=True)
class TestsChartImage:
    """The field tests chart and what was plotted on it, read back from the figure."""

    png: bytes
    width: int
    height: int
    # (test, side) -> the plotted values, one per test day in date order (days a side was
    # skipped are left out of its line).
    series: dict[tuple[str, str], tuple[int, ...]]


def render_field_tests_png(results: Sequence[FieldTestResult]) -> TestsChartImage:
    """One small panel per test, left and right as lines over the test days."""
    from matplotlib.ticker import MaxNLocator

    days = sorted({r.day for r in results})
    labels = [f"{day.day} {day:%b}" for day in days]
    series: dict[tuple[str, str], tuple[int, ...]] = {}
    with _drawing() as (figure, canvas):
        figure.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.14, hspace=0.55, wspace=0.3)
        figure.suptitle(t("field_tests.chart_title"), x=0.1, ha="left", fontsize=23)
        for index, test in enumerate(FieldTest):
            panel = figure.add_subplot(2, 2, index + 1)
            panel.set_title(t(f"field_tests.name.{test.value}"), loc="left", fontsize=17)
            for side, colour in ((Side.LEFT, LEFT_COLOUR), (Side.RIGHT, RIGHT_COLOUR)):
                points = sorted(
                    (days.index(r.day), r.value)
                    for r in results
                    if r.test is test and r.side is side
                )
                (line,) = panel.plot(
                    [x for x, _ in points],
                    [y for _, y in points],
                    color=colour,
                    linewidth=3,
                    marker="o",
                    markersize=8,
                    label=t(f"field_tests.chart_{side.value}"),
                )
                values = _numbers(line.get_ydata())
                series[(test.value, side.value)] = tuple(round(y) for y in values)
            panel.set_xticks(range(len(days)), labels, fontsize=12)
            panel.set_xlim(-0.5, len(days) - 0.5)
            panel.set_ylim(bottom=0)
            panel.yaxis.set_major_locator(MaxNLocator(integer=True))
            panel.spines[["top", "right"]].set_visible(False)
            panel.grid(axis="y", alpha=0.3)
        handles, names = figure.axes[0].get_legend_handles_labels()
        figure.legend(handles, names, loc="lower center", ncols=2, frameon=False)
        png = _png(canvas)
        width, height = canvas.get_width_height()
    return TestsChartImage(png, width, height, series)

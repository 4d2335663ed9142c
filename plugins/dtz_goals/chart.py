"""Geometry of the progress chart: cumulative count through the year against the straight line to the target
at the deadline. Only numbers: the template draws the inline SVG, and the chart is testable."""

import datetime

from dtz_content import dates

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 96, 24, 36  # room for axis labels and the line labels on the right
FRAME = {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}  # the plot's edges


def chart(p, year):
    """Everything the SVG needs for one count part's PartProgress ``p`` in the plan's ``year``."""
    target = p.target
    first = datetime.date(year, 1, 1)
    days = (datetime.date(year, 12, 31) - first).days + 1
    top = max(target, p.value)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day):
        """Left edge of the year at 0, end of 31 December at the full width."""
        return round(LEFT + plot_w * min(max((day - first).days, 0), days) / days, 1)

    def y(count):
        return round(TOP + plot_h * (1 - count / top), 1)

    end = min(p.as_of, datetime.date(year, 12, 31)) + datetime.timedelta(days=1)  # end of the as-of day
    points = [(x(first), y(0))]
    markers = []
    for number, counted in enumerate(p.counted, 1):
        at = x(counted.first_date)
        points += [(at, y(number - 1)), (at, y(number))]
        markers.append({"x": at, "y": y(number), "number": number, "date": counted.first_date})
    if p.as_of >= first:
        points.append((x(end), y(p.value)))
    step = max(1, -(-top // 8))  # at most about eight grid lines
    deadline = x(p.part.deadline + datetime.timedelta(days=1))  # the target line: up to the deadline's end, then level
    target_label = WIDTH - RIGHT + 6, y(target) + 4
    count_label = points[-1][0] + 6, points[-1][1] - 6
    if count_label[0] > WIDTH - RIGHT - 20 and abs(count_label[1] - target_label[1]) < 16:
        count_label = count_label[0], target_label[1] + 16  # both lines end together: keep the labels apart
    return {
        **FRAME,
        "count_path": "M" + " L".join(f"{a},{b}" for a, b in points) if p.as_of >= first else "",
        "count_label": {"x": count_label[0], "y": count_label[1]},
        "target_label": {"x": target_label[0], "y": target_label[1]},
        "markers": markers,
        "target_path": f"M{x(first)},{y(0)} L{deadline},{y(target)}" + (f" L{WIDTH - RIGHT},{y(target)}" if deadline < WIDTH - RIGHT else ""),
        "as_of_x": x(end) if first <= p.as_of <= datetime.date(year, 12, 31) else None,
        "as_of_anchor": "end" if x(end) > LEFT + plot_w / 2 else "start",  # label stays inside the plot
        "months": [{"x": x(datetime.date(year, month, 1)), "label": dates.MONTHS[month - 1][:3]} for month in range(1, 13)],
        "ticks": [{"y": y(value), "value": value} for value in range(0, top + 1, step)],
    }

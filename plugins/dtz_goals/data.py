"""voortgang/goals.json: every target with its status, the keys a goal had (from its first count), and its parts."""

from .counting import item_entry


def as_json(targets, as_of, year, themes, candidates):
    """goals.json as a dict, keys in a fixed order; ``candidates``: type key -> its candidates (or None)."""
    return {"as_of": as_of.isoformat(), "year": year, "targets": [target_entry(t, year, themes, candidates) for t in targets]}


def target_entry(t, year, themes, candidates):
    first = t.first
    counting = first.part.measure == "count"
    marked = candidates.get(first.part.type) if counting else None
    entry = {
        "name": t.target.slug,
        "label": t.target.title,
        "type": first.part.type,
        "year": year,
        "target": first.target,
        "count": first.value,
        "items": [item_entry(c, marked is not None) for c in first.counted],
        "by_channel": dict(first.by_channel),
        "expected_by_as_of": first.expected,
        "status": t.status,
        "number": t.number,
        "theme": t.theme,
        "theme_name": themes[t.theme - 1] if t.theme <= len(themes) else "",
        "owner": t.target.owner,
        "parts": [part_entry(p, candidates) for p in t.parts],
    }
    if marked is not None:
        entry["pearl_candidates"] = [{"slug": i.slug, "title": i.title} for i in marked]
    return entry


def part_entry(p, candidates):
    part = p.part
    measure = {"kind": part.measure}
    if part.measure == "count":
        measure.update(type=part.type, channels={part.rule: list(part.channels)}, filters={name: value for _, name, value in part.filters})
    entry = {
        "name": part.name,
        "deadline": part.deadline.isoformat(),
        "due": part.due or None,
        "measure": measure,
        "value": p.value,
        "target": p.target,
        "expected_by_as_of": p.expected,
        "status": p.status,
        "example": part.example,
    }
    if part.measure == "count":
        entry["items"] = [item_entry(c, candidates.get(part.type) is not None) for c in p.counted]
        entry["by_channel"] = dict(p.by_channel)
    elif part.measure == "figure":
        entry["reports"] = [{"date": r.date.isoformat(), "value": r.value, "source": r.source, "example": r.example} for r in p.reports]
    else:
        entry.update(done=p.done.isoformat() if p.done else None, done_late=p.done_late, evidence=part.evidence)
    return entry

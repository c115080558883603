"""Compare scorecards with a labelled set (labels.csv) and summarise agreement, item by item of
the rubric being evaluated."""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .logs import current_fault
from .model import InputError, Scorecard
from .rubric import STATUSES, Rubric

# columns a labels.csv may add after `file` and the rubric's items, each compared when present
OPTIONAL_COLUMNS = ("milestone_count", "credible", "pitfalls", "close_type")


@dataclass
class CallComparison:
    file: str
    expected: dict[str, str]
    got: dict[str, str]

    @property
    def mismatches(self) -> list[str]:
        return [k for k in self.expected if k != "file" and self.expected[k] != self.got.get(k)]


@dataclass
class EvalReport:
    rubric: Rubric
    columns: tuple[str, ...] = ()  # the optional columns the labels have
    calls: list[CallComparison] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def agreement(self, column: str) -> float:
        n = len(self.calls) or 1
        return sum(c.expected[column] == c.got[column] for c in self.calls) / n

    def confusion(self, item: str) -> dict[str, dict[str, int]]:
        counts = Counter((c.expected[item], c.got[item]) for c in self.calls)
        return {e: {g: counts[(e, g)] for g in STATUSES} for e in STATUSES}

    def pitfall_scores(self) -> dict[str, dict[str, float | int]]:
        out = {}
        for pid in self.rubric.pitfall_ids if "pitfalls" in self.columns else ():
            tp = fp = fn = 0
            for c in self.calls:
                exp, got = pid in c.expected["pitfalls"].split(";"), pid in c.got["pitfalls"].split(";")
                tp += exp and got
                fp += got and not exp
                fn += exp and not got
            out[pid] = {"tp": tp, "fp": fp, "fn": fn,
                        "precision": tp / (tp + fp) if tp + fp else 1.0,
                        "recall": tp / (tp + fn) if tp + fn else 1.0}
        return out

    def _optional(self, column: str) -> float | None:
        return round(self.agreement(column), 3) if column in self.columns else None

    def to_dict(self) -> dict:
        return {
            "rubric": {"id": self.rubric.id, "version": self.rubric.version},
            "calls": len(self.calls),
            "failed": self.failed,
            "items": {i: {"agreement": round(self.agreement(i), 3), "confusion": self.confusion(i)}
                      for i in self.rubric.item_ids},
            "milestone_count_exact": self._optional("milestone_count"),
            "credible_agreement": self._optional("credible"),
            "close_type_accuracy": self._optional("close_type"),
            "pitfalls": self.pitfall_scores(),
            "mismatches": {c.file: {k: [c.expected[k], c.got[k]] for k in c.mismatches}
                           for c in self.calls if c.mismatches},
        }


def scorecard_row(card: Scorecard, rubric: Rubric) -> dict[str, str]:
    """A scorecard in labels.csv terms."""
    row = {i: card.items[i].status for i in rubric.item_ids}
    row["milestone_count"] = str(len(card.milestones))
    row["credible"] = "true" if card.credible else "false"
    row["pitfalls"] = ";".join(p for p in rubric.pitfall_ids if p in {x.id for x in card.pitfalls})
    row["close_type"] = card.close_type
    return row


def read_labels(folder: Path, rubric: Rubric) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """(the optional columns present, one row per labelled call)."""
    path = folder / "labels.csv"
    if not path.exists():
        raise InputError(str(path), "no labels.csv in this folder")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in ("file", *rubric.item_ids) if c not in header]
        if missing:
            raise InputError(str(path), f"missing columns: {', '.join(missing)} "
                                        f"(rubric {rubric.id})", 1)
        optional = tuple(c for c in OPTIONAL_COLUMNS if c in header)
        keep = ("file", *rubric.item_ids, *optional)
        return optional, [{k: (row[k] or "").strip() for k in keep} for row in reader]


def evaluate_folder(folder: Path, score_file, rubric: Rubric) -> EvalReport:
    """`score_file(path) -> Scorecard`; a call that fails to load is listed, not fatal."""
    columns, labels = read_labels(folder, rubric)
    report = EvalReport(rubric, columns)
    for label in labels:
        try:
            card = score_file(folder / label["file"])
        except InputError as exc:
            report.failed.append(exc.one_line())
            continue
        except Exception:  # a bug on one call is reported (traceback logged), not fatal
            report.failed.append(f"{label['file']}: {current_fault(label['file'])}")
            continue
        report.calls.append(CallComparison(label["file"], label, scorecard_row(card, rubric)))
    return report


def override_agreement(calls) -> dict:
    """Manager overrides as labels: for every overridden item, did the machine agree?
    `calls` are StoredCall rows from the store."""
    per_item: dict[str, dict[str, int]] = {}
    disagreements = []
    for call in calls:
        for item, over in call.overrides.items():
            machine = call.scorecard["items"][item]["status"]
            counts = per_item.setdefault(item, {"labels": 0, "agree": 0})
            counts["labels"] += 1
            counts["agree"] += machine == over["status"]
            if machine != over["status"]:
                disagreements.append({"call_id": call.call_id, "item": item, "machine": machine,
                                      "manager": over["status"], "note": over.get("note", "")})
    total = sum(c["labels"] for c in per_item.values())
    agree = sum(c["agree"] for c in per_item.values())
    return {"labels": total, "agreement": round(agree / total, 3) if total else None,
            "items": {k: dict(v, agreement=round(v["agree"] / v["labels"], 3))
                      for k, v in sorted(per_item.items())},
            "disagreements": disagreements}

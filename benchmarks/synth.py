"""Generate a week of varied, medium-length sales calls from our own templates.

Used by the batch benchmark (1,000 calls) and by the kill -9 test. Each call mixes small talk,
discovery, and a random subset of the Backwards Close moves, with dates that resolve against
its call date. Deterministic for a given seed.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

REPS = ["Avery Chen", "Bruno Silva", "Carmen Ortiz", "Dev Patel", "Elena Novak"]
BUYERS = ["Farah", "Gideon", "Hana", "Ivo", "Jolene", "Kwame", "Lucia", "Marek", "Nia", "Omar"]
ACCOUNTS = ["Alder Foods", "Birch Logistics", "Cedar Dental", "Dogwood Schools", "Elm Credit Union",
            "Fir Hotels", "Grove Labs", "Hazel Retail", "Ivy Clinics", "Juniper Energy"]
EVENTS = ["the spring audit", "our peak season", "the board review", "the new term",
          "the store opening", "the insurance renewal"]
STEPS = ["security review", "contract signature", "integration", "training", "data import",
         "kickoff", "pilot start", "go-live"]
SMALL_TALK = [
    "How was the long weekend?", "Did you catch the game on Sunday?",
    "My daughter's recital is on the {d1}, so I'm leaving early that day.",
    "We had a fire drill this morning, so apologies if I'm scattered.",
    "I'm at a conference on the {d2}, back the day after.",
]
DISCOVERY = [
    "What's the biggest headache with the current process?",
    "Honestly, the manual reconciliation eats two days a month.",
    "How many people touch that workflow today?",
    "About fifteen, across three sites.",
    "And what happens when a step gets missed?",
    "We find out at month end, which is too late.",
    "Walk me through the last time that went wrong, start to finish, so I can see where the time goes.",
    "Sure. A shipment came in short, nobody flagged it for three days, and by then the customer had "
    "already called twice and our account manager had promised a credit we could not really afford.",
    "Who else feels that pain, outside your team?",
    "Finance, mostly. They spend the first week of every month chasing the same numbers we chased.",
    "If that went away, what would your team do with the time?",
    "Honestly, we would finally get to the supplier reviews we keep postponing every quarter.",
    "How are you measuring it today, if at all?",
    "A spreadsheet that three people edit, which is part of the problem, to be honest with you.",
]


def _fmt(d: date) -> str:
    return f"{d:%B} {d.day}"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def make_call(rng: random.Random, index: int, week_monday: date) -> tuple[dict, list[tuple[str, str]]]:
    call_date = week_monday + timedelta(days=rng.randrange(5))
    rep, buyer = rng.choice(REPS), rng.choice(BUYERS)
    rep_first = rep.split()[0]
    target = call_date + timedelta(days=rng.randrange(60, 120))
    turns: list[tuple[str, str]] = []
    say = lambda who, text: turns.append((who, text))  # noqa: E731
    say(rep_first, f"Thanks for the time today, {buyer}.")
    for line in rng.sample(SMALL_TALK, 2):
        d1, d2 = call_date + timedelta(days=rng.randrange(2, 20)), call_date + timedelta(days=rng.randrange(2, 20))
        say(rng.choice([rep_first, buyer]), line.format(d1=_ordinal(d1.day), d2=_ordinal(d2.day)))
    for i, line in enumerate(DISCOVERY[: rng.randrange(4, len(DISCOVERY))]):
        say(rep_first if i % 2 == 0 else buyer, line)
    event = rng.choice(EVENTS)
    if rng.random() < 0.8:
        say(buyer, f"The date that matters is {event} on {_fmt(target)}.")
    if rng.random() < 0.7:
        say(rep_first, "Let me play back what I heard: you need the manual work gone before that date.")
        say(buyer, "That's right.")
    n_steps = rng.choice([0, 1, 2, 3, 3, 4, 4, 5, 6])
    steps = rng.sample(STEPS, n_steps)
    day = target
    path = []
    for step in steps:
        day -= timedelta(days=rng.randrange(5, 12))
        path.append(f"{step} by {_fmt(day)}")
    if path:
        say(rep_first, f"Working back from {_fmt(target)}: " + ", ".join(path) + ".")
        say(buyer, "That seems doable.")
    ask_day = call_date + timedelta(days=(4 - call_date.weekday()) % 7)
    ask = rng.choice([f"Can you approve the order by Friday, {_fmt(ask_day)}?",
                      "Are you comfortable signing this week?",
                      "Would you rather start with one site or all three?",
                      "Shall we move forward?", ""])
    if ask:
        say(rep_first, ask + (" [pause]" if rng.random() < 0.5 else
                              " And honestly our pricing expires at the end of our quarter."))
        say(buyer, rng.choice(["Let me check with finance.", "Yes, I think we can.",
                               "I'd have to run it by our CFO first."]))
    if rng.random() < 0.5:
        say(rep_first, "We can start with a pilot at one site, with exit criteria if it doesn't work.")
    if rng.random() < 0.5:
        owner = rng.choice(BUYERS)
        say(rep_first, f"I'll send a mutual action plan today. {owner} owns the training step.")
    for i in range(rng.randrange(8, 20)):
        say(rep_first if i % 2 == 0 else buyer, rng.choice(DISCOVERY))
    say(buyer, "Thanks, talk soon.")
    meta = {"call_id": f"synth-{index:05d}", "rep": rep_first, "call_date": call_date.isoformat(),
            "account": rng.choice(ACCOUNTS), "moment": rng.choice(["post_demo", "proposal_review",
                                                                   "final_decision"])}
    return meta, turns


def write_calls(folder: Path, n: int, seed: int = 7, week_monday: date = date(2026, 11, 23)) -> list[Path]:
    """Write n calls (txt with front matter, and every fifth one as a JSON turn list)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        meta, turns = make_call(rng, i, week_monday)
        if i % 5 == 4:
            path = folder / f"{meta['call_id']}.json"
            path.write_text(json.dumps({"meta": meta, "turns": [
                {"speaker": s, "text": t} for s, t in turns]}, indent=1))
        else:
            path = folder / f"{meta['call_id']}.txt"
            front = "\n".join(f"{k}: {v}" for k, v in meta.items())
            path.write_text(f"---\n{front}\n---\n" + "\n".join(f"{s}: {t}" for s, t in turns) + "\n")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    out = write_calls(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(f"{len(out)} calls in {sys.argv[1]}")

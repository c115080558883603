"""The password policy for accounts: at least 12 characters, and not a common password or one
close to it. "Close" is zxcvbn's judgement (its lists of common passwords, names and English
words, keyboard walks, repeats, sequences, dates and the user's own name): a password it
expects to fall within 10^8 guesses (score below 3) is refused, with its reason.
"""
from __future__ import annotations

from typing import Iterable

MIN_LENGTH = 12
MAX_LENGTH = 1000  # what the sign-in form accepts
_CHECKED = 72  # zxcvbn's own limit; a longer password is judged on its first 72 characters
_MIN_SCORE = 3


def password_problem(password: str, user_inputs: Iterable[str | None] = ()) -> str | None:
    """Why `password` may not be used, in one line; None when it is fine."""
    from zxcvbn import zxcvbn

    if len(password or "") < MIN_LENGTH:
        return f"password must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"password must be at most {MAX_LENGTH} characters"
    words = [w for value in user_inputs if value for w in [value, *value.split()]]
    verdict = zxcvbn(password[:_CHECKED], user_inputs=words)
    if verdict["score"] >= _MIN_SCORE:
        return None
    why = (verdict.get("feedback") or {}).get("warning") or "it is a common password or close to one"
    return (f"password is too easy to guess ({why.rstrip('.')}); "
            "use a longer phrase of unrelated words")

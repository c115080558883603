"""CSRF tokens: every form carries one; a POST without the right one is refused (403).

Signed in, the token is the session's own (random, kept server-side with the session).
On the sign-in form, before any session exists, it is the signed value of a random
pre-session cookie (double submit, bound by the store's key so it cannot be made elsewhere).
"""
from __future__ import annotations

import hmac
import secrets

from itsdangerous import BadSignature, Signer

from .sessions import Session

FIELD = "csrf_token"
HEADER = "x-csrf-token"
PRE_COOKIE = "callreview_presession"


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


class Csrf:
    def __init__(self, secret: str):
        self.signer = Signer(secret, salt="callreview.signin-csrf")

    def signin_token(self, nonce: str) -> str:
        return self.signer.sign(nonce).decode()

    def signin_ok(self, submitted: str | None, nonce: str | None) -> bool:
        if not submitted or not nonce:
            return False
        try:
            value = self.signer.unsign(submitted).decode()
        except BadSignature:
            return False
        return hmac.compare_digest(value, nonce)

    @staticmethod
    def session_ok(submitted: str | None, session: Session | None) -> bool:
        return bool(submitted and session) and hmac.compare_digest(submitted, session.csrf_token)

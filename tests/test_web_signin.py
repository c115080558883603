"""Accounts a team can run: sign-in throttling with back-off (429 + Retry-After) and a lockout
notice, a password policy, and `callreview users disable|enable|reset-password|remove`, each
of which ends that user's sessions."""
from __future__ import annotations

import logging

import pytest

import analyzer.web.throttle as throttle_mod
from analyzer.web.accounts import AccountError, add_user, authenticate, get_user
from test_web_kit import PASSWORDS, Clock, cli, seeded_db, token, web  # noqa: F401


@pytest.fixture()
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(throttle_mod, "utcnow", c)
    return c


def attempt(client, name: str, password: str):
    page = client.get("/signin")
    return client.post("/signin", data={"csrf_token": token(page.text), "name": name,
                                        "password": password})


# --- throttling -------------------------------------------------------------------------------
def test_fifty_wrong_passwords_then_the_right_one_is_refused_with_429(web, clock, caplog):
    client = web.client()
    codes = []
    with caplog.at_level(logging.WARNING, logger="callreview.web"):
        for _ in range(50):
            codes.append(attempt(client, "maria", "wrong-password-x").status_code)
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    response = attempt(client, "maria", PASSWORDS["maria"])
    assert response.status_code == 429 and web.store.count("sessions") == 0
    assert response.headers["retry-after"] == "30"
    assert "Too many failed sign-ins for this account" in response.text
    assert "locked for 30 seconds" in response.text
    assert any("maria" in r.getMessage() and "locked" in r.getMessage() for r in caplog.records)
    assert response.headers["x-frame-options"] == "DENY"  # still a page of ours
    clock.advance(31)
    assert attempt(client, "maria", PASSWORDS["maria"]).status_code == 303


def test_the_lock_backs_off_and_a_success_resets_it(web, clock):
    client = web.client()
    for _ in range(5):
        assert attempt(client, "tessa", "wrong-password-x").status_code == 401
    clock.advance(31)
    assert attempt(client, "tessa", "wrong-password-x").status_code == 401  # one more try...
    response = attempt(client, "tessa", PASSWORDS["tessa"])
    assert response.status_code == 429 and response.headers["retry-after"] == "60"  # ...doubles
    clock.advance(61)
    assert attempt(client, "tessa", PASSWORDS["tessa"]).status_code == 303
    other = web.client()  # after a success the account starts afresh
    for _ in range(4):
        assert attempt(other, "tessa", "wrong-password-x").status_code == 401
    assert attempt(other, "tessa", PASSWORDS["tessa"]).status_code == 303


def test_one_address_trying_many_accounts_is_throttled(web, clock):
    client = web.client()
    for n in range(20):
        assert attempt(client, f"user{n}", "wrong-password-x").status_code == 401
    response = attempt(client, "renata", PASSWORDS["renata"])
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    assert "Too many failed sign-ins from your address" in response.text
    clock.advance(int(response.headers["retry-after"]) + 1)
    assert attempt(client, "renata", PASSWORDS["renata"]).status_code == 303


def test_an_unknown_user_is_throttled_like_a_real_one(web, clock):
    client = web.client()
    codes = [attempt(client, "nobody", "wrong-password-x").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]


# --- password policy --------------------------------------------------------------------------
@pytest.mark.parametrize("password, message", [
    ("short-pass1", "at least 12 characters"),
    ("password1234", "too easy to guess"),
    ("123456789012", "too easy to guess"),
    ("qwertyuiopas", "too easy to guess"),
    ("kim-kim-kim-kim", "too easy to guess"),
])
def test_weak_passwords_are_refused(web, password, message):
    with pytest.raises(AccountError, match=message):
        add_user(web.store, "kim", "rep", password)
    assert get_user(web.store, "kim") is None
    assert add_user(web.store, "kim", "rep", "plum-harbor-violet-7").name == "kim"


# --- users commands ---------------------------------------------------------------------------
def test_users_disable_enable_reset_and_remove_end_that_users_sessions(web):
    db = web.cfg.db
    tessa, renata = web.signed_in("tessa"), web.signed_in("renata")
    assert tessa.get("/api/me").status_code == 200

    done = cli("users", "disable", "tessa", "--db", db)
    assert done.returncode == 0 and "disabled 'tessa'" in done.stdout and "1 session" in done.stdout
    assert tessa.get("/api/me").status_code == 401 and renata.get("/api/me").status_code == 200
    response = attempt(web.client(), "tessa", PASSWORDS["tessa"])
    assert response.status_code == 403 and "This account is disabled" in response.text
    assert "disabled" in cli("users", "list", "--db", db).stdout

    assert cli("users", "enable", "tessa", "--db", db).returncode == 0
    tessa = web.signed_in("tessa")
    done = cli("users", "reset-password", "tessa", "--password-stdin", "--db", db,
               stdin="birch-lantern-quiet-4\n")
    assert done.returncode == 0 and "1 session" in done.stdout, done.stderr
    assert tessa.get("/api/me").status_code == 401
    assert authenticate(web.store, "tessa", PASSWORDS["tessa"]) is None
    assert authenticate(web.store, "tessa", "birch-lantern-quiet-4").name == "tessa"
    done = cli("users", "reset-password", "tessa", "--password-stdin", "--db", db, stdin="tessa1234567\n")
    assert done.returncode == 2 and "too easy to guess" in done.stderr

    renata_session = renata.cookies.get("callreview_session")
    done = cli("users", "remove", "renata", "--db", db)
    assert done.returncode == 0 and "removed 'renata'" in done.stdout
    assert renata.get("/api/me").status_code == 401 and get_user(web.store, "renata") is None
    assert renata_session and web.store.count("sessions") == 0

    for args in (("disable", "nobody"), ("enable", "nobody"), ("remove", "nobody")):
        done = cli("users", *args, "--db", db)
        assert done.returncode == 1 and "no user named 'nobody'" in done.stderr
    done = cli("users", "remove", "maria", "--db", db)  # the only manager
    assert done.returncode == 1 and "last manager" in done.stderr
    assert cli("users", "disable", "maria", "--db", db).returncode == 1

"""Access rules of the web app, each enforced on the server for pages and the JSON API.

No session: pages redirect (303) to sign-in, the API answers 401. Reps: their own calls and
scorecard only (a teammate's call is 404, a teammate's scorecard and manager pages are 403).
Managers: everything. Sessions: signed HttpOnly SameSite=Lax cookie, killed by signing out.
"""
from __future__ import annotations

import re
from datetime import datetime

import pytest
import sqlalchemy as sa

from test_web_kit import PASSWORDS, page_token, seeded_db, signin, token, web  # noqa: F401

PAGES = ["/", "/calls", "/calls/1", "/upload", "/jobs", "/team", "/team/weeks/2026-W15",
         "/reps/Tessa", "/reps/Tessa/weeks/2026-W15"]
API = ["/api/me", "/api/calls", "/api/calls/1", "/api/reps/Tessa/weeks/2026-W15",
       "/api/team/weeks/2026-W15", "/api/jobs", "/api/jobs/1"]


# --- no session -------------------------------------------------------------------------------
@pytest.mark.parametrize("path", PAGES)
def test_pages_without_a_session_redirect_to_sign_in(web, path):
    response = web.client().get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/signin?next={path}"


@pytest.mark.parametrize("path", API)
def test_api_without_a_session_is_401(web, path):
    response = web.client().get(path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in first."}


def test_posts_without_a_session_change_nothing(web):
    client = web.client()
    assert client.post("/upload", files={"files": ("a.txt", b"x")}).status_code == 303
    assert client.post(f"/calls/{web.tessa_call}/overrides",
                       data={"item": "pause", "status": "fail"}).status_code == 303
    assert web.store.count("jobs") == 0 and web.store.count("overrides") == 0


def test_signing_in_returns_to_the_page_asked_for_and_only_to_this_site(web):
    client = web.client()
    assert signin(client, "maria", PASSWORDS["maria"], "/jobs").headers["location"] == "/jobs"
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        assert signin(web.client(), "maria", PASSWORDS["maria"], evil).headers["location"] == "/"


# --- sessions ---------------------------------------------------------------------------------
def test_session_cookie_is_signed_httponly_samesite_lax(web):
    response = signin(web.client(), "tessa", PASSWORDS["tessa"])
    cookie = next(c for c in response.headers.get_list("set-cookie")
                  if c.startswith("callreview_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    assert value.count(".") == 2  # token.timestamp.signature (itsdangerous)
    assert web.store.count("sessions") == 1
    with web.store.engine.connect() as conn:  # the store keeps a hash, not the token
        stored = conn.execute(sa.text("SELECT token_hash FROM sessions")).scalar()
    assert stored not in value and len(stored) == 64


def test_wrong_password_or_unknown_user_gets_no_session(web):
    for name, password in (("maria", "wrong-password"), ("nobody", "whatever-123")):
        client = web.client()
        page = client.get("/signin")
        response = client.post("/signin", data={"csrf_token": token(page.text), "name": name,
                                                "password": password})
        assert response.status_code == 401
        assert "Wrong user name or password." in response.text
        assert "callreview_session" not in response.headers.get("set-cookie", "")
    assert web.store.count("sessions") == 0


def test_signing_out_ends_the_session_on_the_server(web):
    client = web.signed_in("tessa")
    cookie = client.cookies.get("callreview_session")
    response = client.post("/signout", data={"csrf_token": page_token(client)})
    assert response.status_code == 303 and response.headers["location"] == "/signin"
    assert web.store.count("sessions") == 0
    replay = web.client()
    replay.cookies.set("callreview_session", cookie)  # a copy of the old cookie is dead too
    assert replay.get("/calls").status_code == 303
    assert replay.get("/api/calls").status_code == 401


def test_forged_or_expired_session_cookies_are_refused(web):
    client = web.signed_in("maria")
    good = client.cookies.get("callreview_session")
    forged = web.client()
    forged.cookies.set("callreview_session", good[:-2] + ("AA" if good[-2:] != "AA" else "BB"))
    assert forged.get("/api/me").status_code == 401
    made_up = web.client()
    made_up.cookies.set("callreview_session", "1")
    assert made_up.get("/api/me").status_code == 401
    with web.store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE sessions SET expires_at = :t"), {"t": datetime(2000, 1, 1)})
    assert client.get("/api/me").status_code == 401


# --- CSRF -------------------------------------------------------------------------------------
def test_sign_in_without_the_form_token_is_403(web):
    client = web.client()
    client.get("/signin")
    for data in ({}, {"csrf_token": "forged"}):
        response = client.post("/signin", data=data | {"name": "maria", "password": PASSWORDS["maria"]})
        assert response.status_code == 403
    other = web.client()  # a token from someone else's page, without their pre-session cookie
    stolen = token(client.get("/signin").text)
    response = other.post("/signin", data={"csrf_token": stolen, "name": "maria",
                                           "password": PASSWORDS["maria"]})
    assert response.status_code == 403 and web.store.count("sessions") == 0


def test_every_form_post_without_a_valid_token_is_403(web):
    client = web.signed_in("maria")
    other = web.signed_in("renata")
    wrong = page_token(other)  # a real token, of another session
    posts = [("/upload", {"files": ("call.txt", TESSA_TEXT)}),
             (f"/calls/{web.tessa_call}/overrides", None),
             ("/signout", None)]
    for path, files in posts:
        for data in ({}, {"csrf_token": "nope"}, {"csrf_token": wrong}):
            data = data | ({"item": "pause", "status": "fail"} if "overrides" in path else {})
            response = client.post(path, data=data, files=files)
            assert response.status_code == 403, (path, data)
            assert "did not come from a page of this site" in response.text
    assert web.store.count("jobs") == 0 and web.store.count("overrides") == 0
    assert client.get("/api/me").status_code == 200  # still signed in


TESSA_TEXT = b"---\ncall_date: 2026-04-08\nrep: Tessa\n---\nTessa: Hello.\nBuyer: Hi.\n"


# --- reps -------------------------------------------------------------------------------------
def test_a_rep_lists_only_their_own_calls(web):
    client = web.signed_in("tessa")
    calls = client.get("/api/calls").json()["calls"]
    assert [c["id"] for c in calls] == [web.tessa_call] and calls[0]["rep"] == "Tessa"
    page = client.get("/calls").text
    assert "Bramblewood" in page and "Ironbark" not in page
    assert client.get("/api/calls?week=2026-W17").json()["calls"] == []


def test_a_rep_cannot_read_a_teammates_call_page_or_api(web):
    client = web.signed_in("tessa")
    assert client.get(f"/calls/{web.tessa_call}").status_code == 200
    assert client.get(f"/api/calls/{web.tessa_call}").status_code == 200
    for path in (f"/calls/{web.renata_call}", f"/api/calls/{web.renata_call}"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Ironbark" not in response.text and "Renata" not in response.text
    # a call that does not exist answers the same: ids cannot be probed
    assert client.get("/api/calls/999").json() == client.get(f"/api/calls/{web.renata_call}").json()


def test_a_rep_cannot_read_a_teammates_scorecard(web):
    client = web.signed_in("tessa")
    for path in ("/reps/Renata", "/reps/Renata/weeks/2026-W17", "/api/reps/Renata/weeks/2026-W17"):
        assert client.get(path).status_code == 403, path
    own = client.get("/reps/tessa/weeks/2026-W15")  # labels match ignoring case
    assert own.status_code == 200 and "Rep scorecard" in own.text
    data = client.get("/api/reps/Tessa/weeks/2026-W15").json()
    assert data["rep"] == "Tessa" and [c["href"] for c in data["calls"]] == [f"/calls/{web.tessa_call}"]


@pytest.mark.parametrize("path", ["/upload", "/jobs", "/team", "/team/weeks/2026-W15",
                                  "/api/team/weeks/2026-W15", "/api/jobs", "/api/jobs/1"])
def test_manager_pages_and_api_are_403_for_a_rep(web, path):
    assert web.signed_in("tessa").get(path).status_code == 403


def test_a_rep_cannot_upload_or_override(web):
    client = web.signed_in("tessa")
    csrf = page_token(client)
    assert client.post("/upload", data={"csrf_token": csrf},
                       files={"files": ("call.txt", TESSA_TEXT)}).status_code == 403
    assert client.post(f"/calls/{web.tessa_call}/overrides",
                       data={"csrf_token": csrf, "item": "pause", "status": "pass"}).status_code == 403
    assert web.store.count("jobs") == 0 and web.store.count("overrides") == 0
    assert "/overrides\"" not in client.get(f"/calls/{web.tessa_call}").text  # no override forms


# --- managers ---------------------------------------------------------------------------------
def test_a_manager_sees_every_call_scorecard_and_the_team(web):
    client = web.signed_in("maria")
    assert {c["id"] for c in client.get("/api/calls").json()["calls"]} == {web.tessa_call, web.renata_call}
    for path in (f"/calls/{web.tessa_call}", f"/calls/{web.renata_call}", "/calls", "/upload",
                 "/jobs", "/team/weeks/2026-W15", "/reps/Renata/weeks/2026-W17",
                 f"/api/calls/{web.renata_call}", "/api/reps/Renata/weeks/2026-W17",
                 "/api/team/weeks/2026-W17", "/api/jobs"):
        assert client.get(path).status_code == 200, path
    assert client.get("/team").headers["location"] == "/team/weeks/2026-W17"


def test_a_manager_overrides_a_finding_and_the_rep_sees_it(web):
    client = web.signed_in("maria")
    page = client.get(f"/calls/{web.tessa_call}").text
    assert page.count('/overrides"') == 7  # one override form per checklist finding
    response = client.post(f"/calls/{web.tessa_call}/overrides",
                           data={"csrf_token": token(page), "item": "pause", "status": "fail",
                                 "note": "talked over the <buyer>"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/calls/{web.tessa_call}#review-pause"
    detail = client.get(f"/api/calls/{web.tessa_call}").json()
    assert detail["manager_overrides"]["pause"] == {"status": "fail", "note": "talked over the <buyer>",
                                                    "author": "maria"}
    assert detail["effective_items"]["pause"] == "fail"
    for bad in ({"item": "nonsense", "status": "fail"}, {"item": "pause", "status": "great"}):
        assert client.post(f"/calls/{web.tessa_call}/overrides",
                           data={"csrf_token": token(page)} | bad).status_code == 400
    rep_page = web.signed_in("tessa").get(f"/calls/{web.tessa_call}").text
    assert "Your manager changed 1 of the analyzer" in rep_page
    assert "talked over the &lt;buyer&gt;" in rep_page and "<buyer>" not in rep_page


# --- the rest of the surface ------------------------------------------------------------------
def test_security_headers_on_every_response(web):
    for response in (web.client().get("/signin"), web.client().get("/api/calls"),
                     web.signed_in("maria").get("/calls")):
        h = response.headers
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
        assert "script-src 'self'" in h["content-security-policy"]
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["cache-control"] == "no-store"


def test_openapi_document_describes_the_api(web):
    doc = web.client().get("/openapi.json").json()
    assert {"/api/calls", "/api/calls/{call_id}", "/api/reps/{rep}/weeks/{week}"} <= set(doc["paths"])
    assert not any(p.startswith(("/calls", "/signin", "/upload")) for p in doc["paths"])


def test_bad_addresses_are_404_pages_not_tracebacks(web):
    client = web.signed_in("maria")
    for path in ("/calls/abc", "/calls/999", "/team/weeks/last", "/reps/Tessa/weeks/2031-W01", "/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "Not found" in response.text, path
    assert client.get("/api/calls/abc").status_code == 422


def test_a_rep_scorecard_for_a_week_without_their_calls_is_empty_not_an_error(web):
    client = web.signed_in("tessa")
    page = client.get("/reps/Tessa/weeks/2026-W17")  # only Renata called that week
    assert page.status_code == 200 and "No calls were scored for Tessa in 2026-W17" in page.text
    assert "Ironbark" not in page.text.split("How a teammate did it")[0]


def test_signing_in_again_ends_the_previous_session(web):
    client = web.client()
    form = token(client.get("/signin").text)  # a sign-in page left open in another tab
    first = web.signed_in("maria").cookies.get("callreview_session")
    client.cookies.set("callreview_session", first)
    response = client.post("/signin", data={"csrf_token": form, "name": "tessa",
                                            "password": PASSWORDS["tessa"]})
    assert response.status_code == 303 and web.store.count("sessions") == 1
    replay = web.client()
    replay.cookies.set("callreview_session", first)
    assert replay.get("/api/me").status_code == 401
    assert client.get("/api/me").json()["name"] == "tessa"


# --- odd addresses and labels -----------------------------------------------------------------
HUGE = "99999999999999999999999"  # beyond 64 bits


def _headers_ok(response) -> bool:
    h = response.headers
    return (h.get("x-frame-options") == "DENY" and h.get("x-content-type-options") == "nosniff"
            and "frame-ancestors 'none'" in h.get("content-security-policy", "")
            and h.get("cache-control") == "no-store")


def test_ids_beyond_64_bits_are_404_with_the_security_headers(web):
    from fastapi.testclient import TestClient

    client = TestClient(web.app, follow_redirects=False, raise_server_exceptions=False)
    signin(client, "maria", PASSWORDS["maria"])
    csrf = page_token(client)
    for path in (f"/api/calls/{HUGE}", f"/calls/{HUGE}", f"/api/jobs/{HUGE}", "/api/calls/-1",
                 f"/api/calls/{2 ** 63}", "/calls/0"):
        response = client.get(path)
        assert response.status_code == 404, (path, response.status_code)
        assert _headers_ok(response), path
    assert client.get(f"/api/calls/{HUGE}").json() == client.get("/api/calls/999").json()
    assert client.get(f"/api/jobs?ids={HUGE},1").json()["jobs"] == []
    response = client.post(f"/calls/{HUGE}/overrides",
                           data={"csrf_token": csrf, "item": "pause", "status": "fail"})
    assert response.status_code == 404 and _headers_ok(response)


def test_an_unexpected_error_is_a_500_with_the_security_headers_and_no_traceback(web, monkeypatch):
    from fastapi.testclient import TestClient

    from analyzer.web import views

    client = TestClient(web.app, follow_redirects=False, raise_server_exceptions=False)
    signin(client, "maria", PASSWORDS["maria"])

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /srv/callreview")
    monkeypatch.setattr(views, "visible_calls", broken)
    for path in ("/calls", "/api/calls"):
        response = client.get(path)
        assert response.status_code == 500 and _headers_ok(response), path
        assert "secret internals" not in response.text and "Traceback" not in response.text


DANA = "Dana Ruiz / EMEA"


@pytest.fixture()
def dana(web):
    """A rep whose label has a slash, with one call in 2026-W15."""
    from dataclasses import replace

    from analyzer.engine import analyze
    from analyzer.ingest import load_call
    from analyzer.web.accounts import add_user
    from test_web_kit import TESSA_CALL

    t = load_call(TESSA_CALL)
    t = replace(t, meta=replace(t.meta, rep=DANA, call_id="dana-1"))
    pk = web.store.save(t, analyze(t), "hash-dana", "dana.txt")
    add_user(web.store, "dana", "rep", "dana-ruiz-pass-1", DANA)
    return pk


def test_a_rep_label_with_a_slash_has_a_working_scorecard_page_api_and_link(web, dana):
    client = web.client()
    signin(client, "dana", "dana-ruiz-pass-1")
    home = client.get("/calls").text
    link = re.search(r'<a href="([^"]+)"[^>]*>My scorecard</a>', home).group(1)
    assert link == "/reps/Dana%20Ruiz%20%2F%20EMEA"
    response = client.get(link)
    assert response.status_code == 303
    assert response.headers["location"] == "/reps/Dana%20Ruiz%20%2F%20EMEA/weeks/2026-W15"
    page = client.get(response.headers["location"])
    assert page.status_code == 200 and "Rep scorecard" in page.text and DANA in page.text
    data = client.get("/api/reps/Dana%20Ruiz%20%2F%20EMEA/weeks/2026-W15").json()
    assert data["rep"] == DANA and [c["href"] for c in data["calls"]] == [f"/calls/{dana}"]
    # the rest of the rules still hold: a teammate's scorecard stays closed to Dana
    assert client.get("/api/reps/Tessa/weeks/2026-W15").status_code == 403
    assert web.signed_in("tessa").get("/api/reps/Dana%20Ruiz%20%2F%20EMEA/weeks/2026-W15").status_code == 403
    team = web.signed_in("maria").get("/team/weeks/2026-W15").text
    assert 'href="/reps/Dana%20Ruiz%20%2F%20EMEA/weeks/2026-W15"' in team
    assert web.signed_in("maria").get("/reps/Dana%20Ruiz%20%2F%20EMEA/weeks/2026-W15").status_code == 200


def test_a_rep_sees_only_a_teammates_name_account_and_quote_in_most_missed(web):
    mine = web.signed_in("renata").get("/api/reps/Renata/weeks/2026-W17").json()
    example = mine["most_missed"]["example"]
    assert set(example) == {"rep", "account", "speaker", "quote"}
    assert example["rep"] == "Tessa" and example["account"] == "Bramblewood Veterinary Partners"
    assert example["quote"]
    page = web.signed_in("renata").get("/reps/Renata/weeks/2026-W17").text
    part = page.split("How a teammate did it")[1].split("</section>")[0]
    assert example["quote"] in part.replace("&#39;", "'") and "Tessa" in part and "Bramblewood" in part
    assert "href" not in part and "score" not in part.lower() and "2026-W15" not in part
    assert f"/calls/{web.tessa_call}" not in page
    # a manager reading the same scorecard sees the full example
    full = web.signed_in("maria").get("/api/reps/Renata/weeks/2026-W17").json()
    assert full["most_missed"]["example"]["call_id"] and full["most_missed"]["example"]["score"]

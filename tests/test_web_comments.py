"""The comment thread of a call: a manager's note on a moment, the rep's reply and 'read';
escaped, stored, exported, and closed to anyone who may not open the call."""
from __future__ import annotations

import csv

import pytest

from analyzer.comments import CommentError, parse_moment
from test_web_kit import cli, page_token, seeded_db, web  # noqa: F401

NOTE = '<img src=x onerror="alert(1)"> ask for a date & stop'


def _post(client, call_pk: int, body: str, at: str = "", csrf: str | None = None):
    csrf = csrf if csrf is not None else page_token(client, f"/calls/{call_pk}")
    return client.post(f"/calls/{call_pk}/comments", data={"csrf_token": csrf, "body": body, "at": at})


def test_a_note_goes_from_manager_to_rep_and_back_escaped(web, tmp_path):
    maria, tessa = web.signed_in("maria"), web.signed_in("tessa")
    sent = _post(maria, web.tessa_call, NOTE, "1:05")
    assert sent.status_code == 303 and sent.headers["location"].startswith(f"/calls/{web.tessa_call}#comment-")
    page = tessa.get(f"/calls/{web.tessa_call}").text
    assert NOTE not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; ask for a date &amp; stop" in page
    [note] = tessa.get(f"/api/calls/{web.tessa_call}/comments").json()["comments"]
    assert (note["body"], note["at_s"], note["role"], note["read_at"]) == (NOTE, 65.0, "manager", None)
    assert maria.post(f"/calls/{web.tessa_call}/comments/{note['id']}/read",
                      data={"csrf_token": page_token(maria, f"/calls/{web.tessa_call}")}).status_code == 403
    read = tessa.post(f"/calls/{web.tessa_call}/comments/{note['id']}/read",
                      data={"csrf_token": page_token(tessa, f"/calls/{web.tessa_call}")})
    assert read.status_code == 303
    assert _post(tessa, web.tessa_call, "<b>on it</b>").status_code == 303
    thread = maria.get(f"/api/calls/{web.tessa_call}/comments").json()["comments"]
    assert [(c["role"], c["body"]) for c in thread] == [("manager", NOTE), ("rep", "<b>on it</b>")]
    assert thread[0]["read_at"] is not None
    assert "&lt;b&gt;on it&lt;/b&gt;" in maria.get(f"/calls/{web.tessa_call}").text

    out = tmp_path / "comments.csv"
    done = cli("export", "--kind", "comments", "--db", web.cfg.db, "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(r["author"], r["body"], r["rep"]) for r in rows] == [("maria", NOTE, "Tessa"),
                                                                 ("tessa", "<b>on it</b>", "Tessa")]


def test_the_thread_is_closed_to_whoever_may_not_open_the_call(web):
    _post(web.signed_in("maria"), web.tessa_call, "private coaching")
    renata = web.signed_in("renata")
    csrf = page_token(renata, f"/calls/{web.renata_call}")
    assert renata.get(f"/api/calls/{web.tessa_call}/comments").status_code == 404
    assert _post(renata, web.tessa_call, "let me in", csrf=csrf).status_code == 404
    assert renata.post(f"/calls/{web.tessa_call}/comments/1/read",
                       data={"csrf_token": csrf}).status_code == 404
    assert "private coaching" not in renata.get(f"/calls/{web.renata_call}").text
    assert web.client().get(f"/api/calls/{web.tessa_call}/comments").status_code == 401
    assert _post(web.signed_in("tessa"), web.tessa_call, "forged", csrf="nope").status_code == 403
    assert web.store.count("comments") == 1


def test_bad_comments_are_refused_in_one_line(web):
    maria = web.signed_in("maria")
    for body, at, words in (("   ", "", "empty"), ("x" * 2001, "", "at most 2000"),
                            ("fine", "soon", "like 12:05"), ("fine", "1:75", "75 seconds")):
        response = _post(maria, web.tessa_call, body, at)
        assert response.status_code == 400 and words in response.text, words
    assert web.store.count("comments") == 0


def test_moments_read_as_times_on_the_call():
    assert [parse_moment(t) for t in ("", "0:12", "12:05", "1:02:05", "75", "7.5")] == \
        [None, 12.0, 725.0, 3725.0, 75.0, 7.5]
    for bad in ("12:5", "noon", "-3", "1:2:3:4"):
        with pytest.raises(CommentError):
            parse_moment(bad)

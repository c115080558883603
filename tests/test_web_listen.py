"""The call page as a place to listen: the recording streamed with Range support to exactly
who may open the call, the retention that deletes old recordings and says so, the transcript
view (every turn, evidence linked both ways), quotes on the team and rep pages linking to
their call at the moment, the favicon, and a call with no close headed as such."""
from __future__ import annotations

import re
import uuid
from datetime import timedelta

from analyzer.web.audio import purge_old_audio
from analyzer.web.clock import utcnow
from analyzer.rebuild import transcript_from_json
from test_web_kit import seeded_db, web  # noqa: F401

SOUND = bytes(range(256)) * 40  # stands in for a recording: the route never decodes it


def _recorded(web, call_pk: int) -> str:
    web.cfg.upload_dir.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.ogg"
    (web.cfg.upload_dir / name).write_bytes(SOUND)
    web.store.set_audio(call_pk, name)
    return name


def test_the_recording_streams_with_ranges_to_whoever_may_open_the_call(web):
    _recorded(web, web.tessa_call)
    url = f"/calls/{web.tessa_call}/audio"
    for name in ("tessa", "maria"):
        client = web.signed_in(name)
        full = client.get(url)
        assert full.status_code == 200 and full.content == SOUND
        assert full.headers["content-type"] == "audio/ogg" and full.headers["accept-ranges"] == "bytes"
        part = client.get(url, headers={"Range": "bytes=1000-1999"})
        assert part.status_code == 206 and part.content == SOUND[1000:2000]
        assert part.headers["content-range"] == f"bytes 1000-1999/{len(SOUND)}"
        assert client.get(url, headers={"Range": "bytes=-100"}).content == SOUND[-100:]
    page = web.signed_in("tessa").get(f"/calls/{web.tessa_call}").text
    assert f'<audio id="call-audio" controls preload="metadata" src="{url}"' in page


def test_a_rep_gets_404_for_a_teammates_recording_with_or_without_a_range(web):
    _recorded(web, web.renata_call)
    tessa = web.signed_in("tessa")
    url = f"/calls/{web.renata_call}/audio"
    missing = tessa.get("/calls/999999/audio")
    for headers in ({}, {"Range": "bytes=0-"}, {"Range": "bytes=10-20"}):
        response = tessa.get(url, headers=headers)
        assert response.status_code == 404 and SOUND[10:20] not in response.content
        assert response.text == missing.text  # the same answer as a call that does not exist
    assert web.client().get(url, headers={"Range": "bytes=0-"}).status_code == 303  # sign in first
    assert web.signed_in("renata").get(url, headers={"Range": "bytes=10-19"}).content == SOUND[10:20]


def test_old_recordings_are_deleted_and_the_call_page_says_so(web):
    name = _recorded(web, web.tessa_call)
    kept = _recorded(web, web.renata_call)
    assert purge_old_audio(web.store, web.cfg.upload_dir, 30) == 0  # both are new
    later = utcnow() + timedelta(days=31)
    with web.store.engine.begin() as conn:  # Renata's call was stored just now
        conn.execute(web.store.t["calls"].update().where(web.store.t["calls"].c.id == web.renata_call)
                     .values(created_at=later))
    assert purge_old_audio(web.store, web.cfg.upload_dir, 30, now=later) == 1
    assert not (web.cfg.upload_dir / name).exists() and (web.cfg.upload_dir / kept).exists()
    client = web.signed_in("tessa")
    assert client.get(f"/calls/{web.tessa_call}/audio").status_code == 404
    page = client.get(f"/calls/{web.tessa_call}").text
    assert "The recording of this call was deleted on" in page and "<audio" not in page
    assert "The transcript and the verdicts stay" in page and 'id="transcript"' in page


def test_the_transcript_shows_every_turn_and_links_evidence_both_ways(web):
    client = web.signed_in("maria")
    page = client.get(f"/calls/{web.tessa_call}").text
    turns = transcript_from_json(web.store.transcript_body(web.tessa_call)).turns
    assert len(re.findall(r'<li class="turn turn-(?:rep|buyer|other)', page)) == len(turns)
    first = page[page.index(f'id="turn-{turns[0].index}"'):]
    assert turns[0].speaker in first[:600] and f'side-{turns[0].role}' in first[:600]
    ask = client.get(f"/api/calls/{web.tessa_call}").json()["scorecard"]["items"]["dated_ask"]
    turn = ask["evidence"][0]["turn"]
    card = page[page.index('id="item-dated_ask"'):]
    assert f'href="#turn-{turn}"' in card[:card.index("</article>")]  # verdict -> turn
    marked = page[page.index(f'id="turn-{turn}"'):]
    assert 'href="#item-dated_ask"' in marked[:marked.index("</li>\n")]  # turn -> verdict
    assert 'data-find' in page and "<audio" not in page  # a text transcript: no player
    assert '<script src="/static/call.js" defer>' in page


def test_quotes_on_the_team_and_rep_pages_open_their_call_at_the_moment(web):
    client = web.signed_in("maria")
    team = client.get("/team/weeks/2026-W17").text  # a missed item: Renata's miss, Tessa's pass
    links = set(re.findall(r'href="/calls/(\d+)#turn-\d+"', team))
    assert links == {str(web.tessa_call), str(web.renata_call)}
    rep = client.get("/reps/Renata/weeks/2026-W17").text  # Renata's most missed: Tessa's pass
    linked = re.findall(r'href="(/calls/\d+#turn-\d+)"', rep)
    assert linked and all(link.startswith(f"/calls/{web.tessa_call}#") for link in linked)
    own = web.signed_in("renata").get("/reps/Renata/weeks/2026-W17").text
    assert f"/calls/{web.tessa_call}" not in own  # a rep never gets a teammate's call link


def test_the_favicon_is_served_and_every_page_names_it(web):
    icon = web.client().get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.headers["cache-control"].count("max-age") == 1 and "no-store" not in icon.headers["cache-control"]
    assert '<link rel="icon" href="/static/favicon.svg"' in web.client().get("/signin").text
    assert web.client().get("/static/favicon.svg").status_code == 200


def test_a_call_without_a_close_is_not_headed_with_the_rubrics_name(web):
    client = web.signed_in("maria")
    for call in (web.tessa_call, web.renata_call):
        close = client.get(f"/api/calls/{call}").json()["close_type"]
        page = client.get(f"/calls/{call}").text
        eyebrow = re.search(r'<p class="eyebrow">(.*?)</p>', page).group(1)
        assert eyebrow == "Call review · " + {"none": "No close", "backwards": "Backwards close",
                                              "option": "Option close", "date": "Date close",
                                              "process": "Process close"}[close]

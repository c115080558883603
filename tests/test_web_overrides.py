"""A manager's override really overrides: the call page (checklist at a glance, the item card,
the score), the calls list, the API, the rep's scorecard all show the manager's verdict, with
the analyzer's beside it and marked; a manager can withdraw an override."""
from __future__ import annotations

import re

from test_web_kit import page_token, seeded_db, token, web  # noqa: F401


def _section(html: str, element_id: str) -> str:
    """The HTML of the element with this id, up to the next article/section end."""
    start = html.index(f'id="{element_id}"')
    return html[start:html.index("</article>", start)]


def _override(client, call_pk: int, item: str, status: str, note: str = ""):
    page = client.get(f"/calls/{call_pk}").text
    return client.post(f"/calls/{call_pk}/overrides",
                       data={"csrf_token": token(page), "item": item, "status": status, "note": note})


def test_an_override_changes_the_verdict_everywhere_on_the_call_page_and_the_score(web):
    client = web.signed_in("maria")
    before = client.get(f"/api/calls/{web.tessa_call}").json()
    assert before["scorecard"]["items"]["pause"]["status"] == "pass" and before["score"] == 100
    assert _override(client, web.tessa_call, "pause", "fail", "talked over the buyer").status_code == 303

    detail = client.get(f"/api/calls/{web.tessa_call}").json()
    assert detail["effective_items"]["pause"] == "fail"
    assert detail["score"] == 88 and detail["machine_score"] == 100  # pause weighs 12 of 100
    assert detail["scorecard"]["items"]["pause"]["status"] == "pass"  # the analyzer's, kept
    [listed] = [c for c in client.get("/api/calls").json()["calls"] if c["id"] == web.tessa_call]
    assert listed["score"] == 88

    for viewer in (client, web.signed_in("tessa")):
        page = viewer.get(f"/calls/{web.tessa_call}").text
        badge = page[page.index('class="badge'):page.index("</div>", page.index('class="badge'))]
        assert ">88<" in badge and "analyzer: 100" in badge
        glance = page[page.index('id="h-glance"'):page.index('id="h-tips"')]
        assert re.search(r'class="miss">.*?Dated ask \+ pause', glance, re.S)  # no longer ticked
        strip = glance[glance.index('href="#item-pause"'):]
        strip = strip[:strip.index("</li>")]
        assert "chip-fail" in strip and "chip-pass" not in strip.split("analyzer")[0]
        assert "manager" in strip.lower() and "analyzer" in strip
        card = _section(page, "item-pause")
        assert 'class="card item item-fail"' in page[page.index('id="item-pause"') - 60:
                                                     page.index('id="item-pause"')]
        assert "talked over the buyer" in card and "Analyzer" in card and "chip-pass" in card
    assert "88" in client.get("/calls").text.split("Bramblewood")[1].split("</tr>")[0]


def test_a_manager_withdraws_an_override_and_the_analyzers_verdict_is_back(web):
    client = web.signed_in("maria")
    _override(client, web.tessa_call, "pause", "fail")
    page = client.get(f"/calls/{web.tessa_call}").text
    assert f'action="/calls/{web.tessa_call}/overrides/pause/withdraw"' in page
    response = client.post(f"/calls/{web.tessa_call}/overrides/pause/withdraw",
                           data={"csrf_token": token(page)})
    assert response.status_code == 303
    assert response.headers["location"] == f"/calls/{web.tessa_call}#review-pause"
    detail = client.get(f"/api/calls/{web.tessa_call}").json()
    assert detail["manager_overrides"] == {} and detail["score"] == 100
    assert detail["effective_items"]["pause"] == "pass"
    assert "withdraw" not in client.get(f"/calls/{web.tessa_call}").text.split('id="review"')[1]
    # the store keeps the withdrawn verdict for the record, and reports ignore it
    assert web.store.count("overrides") == 1 and web.store.calls(call_pk=web.tessa_call)[0].overrides == {}
    # withdrawing what is not there: 404; a rep cannot withdraw; a bad token changes nothing
    csrf = page_token(client, f"/calls/{web.tessa_call}")
    assert client.post(f"/calls/{web.tessa_call}/overrides/pause/withdraw",
                       data={"csrf_token": csrf}).status_code == 404
    _override(client, web.tessa_call, "pause", "fail")
    rep = web.signed_in("tessa")
    assert rep.post(f"/calls/{web.tessa_call}/overrides/pause/withdraw",
                    data={"csrf_token": page_token(rep)}).status_code == 403
    assert client.post(f"/calls/{web.tessa_call}/overrides/pause/withdraw",
                       data={"csrf_token": "nope"}).status_code == 403
    assert client.get(f"/api/calls/{web.tessa_call}").json()["effective_items"]["pause"] == "fail"


def test_the_reps_scorecard_uses_the_overridden_score(web):
    client = web.signed_in("maria")
    _override(client, web.tessa_call, "pause", "fail")
    card = client.get("/api/reps/Tessa/weeks/2026-W15").json()
    assert card["mean_score"] == 88 and card["calls"][0]["score"] == 88

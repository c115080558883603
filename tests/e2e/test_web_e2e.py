"""End to end in headless Chromium against the real server: a manager signs in, uploads
transcripts (dropped on the page) and a recording, waits for the jobs, opens the report and
overrides a finding; a rep signs in, sees their calls, and gets 404/403 for a teammate's
report by URL and by API. Screenshots of the main pages go to out/screenshots/."""
from __future__ import annotations

import re

import pytest

from test_web_kit import PASSWORDS, SAMPLES, Server, cli

JOBS_FINISHED = """() => {
  const rows = [...document.querySelectorAll('tr[data-job-id]')];
  return rows.length > 0 && rows.every(r => ['done', 'failed'].includes(r.dataset.status));
}"""
DROP = """([files]) => {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(new File([f.text], f.name, {type: 'text/plain'}));
  return dt;
}"""


@pytest.fixture()
def server(tmp_path):
    db = tmp_path / "team.db"
    for name, role, label in (("maria", "manager", None), ("tessa", "rep", "Tessa"),
                              ("renata", "rep", "Renata")):
        args = ["users", "add", name, "--role", role, "--db", str(db), "--password-stdin"]
        done = cli(*args, *(["--rep-label", label] if label else []), stdin=PASSWORDS[name] + "\n")
        assert done.returncode == 0, done.stderr
    srv = Server(db, tmp_path / "uploads", workers=1).wait_ready()
    yield srv
    srv.stop()


def sign_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    assert "/signin" in page.url
    page.fill("#name", name)
    page.fill("#password", PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/calls$"))


def test_manager_uploads_and_reviews_a_rep_reads_only_their_own(browser, server, recording, shots):
    base = server.url
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)

    # --- the manager ---------------------------------------------------------------------------
    page.goto(base + "/calls")
    assert "/signin?next=/calls" in page.url
    page.screenshot(path=shots / "01-sign-in.png")
    page.fill("#name", "maria")
    page.fill("#password", "not her password")
    page.click("button[type=submit]")
    assert page.locator(".msg-error").inner_text() == "Wrong user name or password."
    page.fill("#password", PASSWORDS["maria"])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/calls$"))
    assert "No calls yet." in page.inner_text("main")

    page.click("nav.mainnav >> text=Upload")
    transcripts = [SAMPLES / "s01_bramblewood_vet_final_decision.txt",  # Tessa
                   SAMPLES / "s02_ironbark_freight_proposal_review.txt"]  # Renata
    drop = page.evaluate_handle(DROP, [[{"name": p.name, "text": p.read_text()} for p in transcripts]])
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": drop})
    assert page.locator("[data-picked] li").count() == 2  # the script took the dropped files
    page.screenshot(path=shots / "02-upload-dropped.png", full_page=True)
    page.click("button:has-text('Upload and score')")
    assert "2 files queued." in page.inner_text(".msg-ok")

    if recording is None:  # no sample recording and no espeak-ng: the rest runs without one
        print("no recording to upload: no sample in sample_calls/ and no espeak-ng + sox")
        report_of, n_calls = transcripts[0].name, 2
    else:
        files, fields = recording
        page.set_input_files("input[type=file]", [str(f) for f in files])
        for name, value in fields.items():
            if name in ("moment", "rep_channel"):
                page.select_option(f"#{name}", value)
            else:
                page.fill(f"#{name}", value)
        page.screenshot(path=shots / "03-upload-recording.png", full_page=True)
        page.click("button:has-text('Upload and score')")
        assert "1 file queued." in page.inner_text(".msg-ok")
        page.screenshot(path=shots / "04-upload-queued.png", full_page=True)
        report_of, n_calls = files[0].name, 3

    page.click("nav.mainnav >> text=Jobs")
    assert page.locator("tr[data-job-id]").count() == n_calls
    page.wait_for_function(JOBS_FINISHED, timeout=300_000)  # live updates, no reload
    page.screenshot(path=shots / "05-jobs-done.png", full_page=True)
    failed = page.locator("tr[data-status=failed]")
    assert failed.count() == 0, failed.all_inner_texts()

    page.locator("tr[data-job-id]", has_text=report_of).locator("text=Open report").click()
    page.wait_for_url(re.compile(r".*/calls/\d+$"))
    reviewed_call = page.url.rsplit("/", 1)[1]
    assert page.locator("h1").first.inner_text()  # the report's title
    assert page.locator("#h-items").is_visible() and page.locator("#review").is_visible()
    assert "Tessa" in page.inner_text(".facts")
    page.screenshot(path=shots / "06-call-report.png", full_page=True)

    row = page.locator("#review-pause")
    row.locator("select").select_option("fail")
    row.locator("input[name=note]").fill("talked straight over the silence")
    row.locator("button:has-text('Save')").click()
    page.wait_for_url(re.compile(r".*#review-pause$"))
    assert "talked straight over the silence" in page.locator("#review-pause").inner_text()
    page.locator("#review").screenshot(path=shots / "07-manager-review.png")

    calls = page.request.get(base + "/api/calls").json()["calls"]
    by_account = {c["account"]: c for c in calls}
    renata_call = by_account["Ironbark Freight Brokerage"]
    assert renata_call["rep"] == "Renata" and len(calls) == n_calls

    page.click("nav.mainnav >> text=Team")
    page.wait_for_url(re.compile(r".*/team/weeks/\d{4}-W\d\d$"))
    page.screenshot(path=shots / "08-team-summary.png", full_page=True)
    page.goto(base + "/calls")
    page.screenshot(path=shots / "09-calls-manager.png", full_page=True)
    page.click("button:has-text('Sign out')")
    page.wait_for_url(re.compile(r".*/signin$"))
    assert page.request.get(base + "/api/calls").status == 401

    # --- a rep ---------------------------------------------------------------------------------
    sign_in(page, base, "tessa")
    listed = page.locator("table.calls tbody tr")
    assert listed.count() == n_calls - 1 and "Ironbark" not in page.inner_text("main")
    page.screenshot(path=shots / "10-calls-rep.png", full_page=True)
    page.goto(f"{base}/calls/{reviewed_call}")
    assert "Your manager changed 1 of the analyzer" in page.inner_text(".banner")
    assert page.locator("#review form").count() == 0  # no override forms for a rep
    page.screenshot(path=shots / "11-call-report-rep.png", full_page=True)

    response = page.goto(f"{base}/calls/{renata_call['id']}")
    assert response.status == 404 and "Ironbark" not in page.content()
    page.screenshot(path=shots / "12-teammate-call-404.png")
    assert page.request.get(f"{base}/api/calls/{renata_call['id']}").status == 404
    assert page.request.get(f"{base}/api/reps/Renata/weeks/{renata_call['week']}").status == 403
    assert page.goto(f"{base}/team").status == 403
    own = page.request.get(base + "/api/calls").json()["calls"]
    assert {c["rep"] for c in own} == {"Tessa"} and len(own) == n_calls - 1

    page.click("nav.mainnav >> text=My scorecard")
    page.wait_for_url(re.compile(r".*/reps/Tessa/weeks/\d{4}-W\d\d$"))
    page.screenshot(path=shots / "13-rep-scorecard.png", full_page=True)
    context.close()

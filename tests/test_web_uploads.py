"""Upload safety: size limits, type checked by content, generated names, clear messages."""
from __future__ import annotations

import io
import os
import random
import re
import wave
from pathlib import Path

import pytest

from analyzer.web.sniff import describe, sniff_audio, text_problem
from test_web_kit import SAMPLES, TESSA_CALL, make_web, page_token, seeded_db, web  # noqa: F401

STORED = re.compile(r"^[0-9a-f]{32}\.(txt|md|vtt|srt|json|wav|mp3|m4a|ogg|flac|webm|meta\.yaml)$")


def wav_bytes(seconds: float = 0.2, channels: int = 1) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * channels * int(16000 * seconds))
    return buf.getvalue()


def mp3_frames(n: int = 3) -> bytes:
    """MPEG-1 layer III, 128 kbit/s, 44.1 kHz frames: 417 bytes each."""
    return (b"\xff\xfb\x90\x00" + b"\0" * 413) * n


def upload(client, files, **fields):
    data = {"csrf_token": page_token(client, "/upload")} | fields
    return client.post("/upload", data=data, files=[("files", f) for f in files])


def rejected(html: str) -> dict[str, str]:
    """{display name: reason} from the upload result page."""
    return {name: reason for name, reason in
            re.findall(r'<li><span class="fname">(.*?)</span>: (.*?)</li>', html)}


def stored_files(web) -> list[str]:
    return sorted(p.name for p in web.cfg.upload_dir.iterdir()) if web.cfg.upload_dir.exists() else []


# --- content sniffing (unit) ------------------------------------------------------------------
def test_recordings_are_recognised_by_their_first_bytes():
    assert sniff_audio(wav_bytes()) == ".wav"
    assert sniff_audio(mp3_frames()) == ".mp3"
    assert sniff_audio(b"ID3\x04\x00\x00\x00\x00\x02\x01" + mp3_frames()) == ".mp3"
    assert sniff_audio(b"OggS\x00\x02" + b"\0" * 40) == ".ogg"
    assert sniff_audio(b"fLaC\x00\x00\x00\x22" + b"\0" * 40) == ".flac"
    assert sniff_audio(b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00") == ".m4a"
    assert sniff_audio(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01") == ".webm"


def test_programs_documents_and_noise_are_not_recordings():
    rng = random.Random(7)
    noise = [bytes(rng.getrandbits(8) for _ in range(4096)) for _ in range(300)]
    noise += [b"\xff\xfb" + n[2:] for n in noise[:100]]  # even with a frame sync at the start
    assert not [n for n in noise if sniff_audio(n)]
    for blob, what in ((b"MZ\x90\x00" + b"\0" * 60, "a Windows program"),
                       (b"\x7fELF\x02\x01", "a Linux program"), (b"%PDF-1.7", "a PDF document"),
                       (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"PK\x03\x04", "a ZIP archive or Office document"),
                       (b"Tessa: hello", "text")):
        assert sniff_audio(blob) is None and describe(blob) == what
    assert text_problem(b"caf\xc3\xa9 ok") is None
    assert text_problem("Núñez: café at 9\nDana: ok\n".encode("cp1252")) is None  # a Windows encoding
    assert "not text" in text_problem(bytes(range(128, 256)) * 4)
    assert text_problem(b"a\x00b")
    assert text_problem("é".encode()[:1], partial=True) is None  # cut mid-character at the end


# --- through the app --------------------------------------------------------------------------
def test_disguised_files_are_rejected_with_a_clear_message(web):
    client = web.signed_in("maria")
    rng = random.Random(1)
    response = upload(client, [("setup.wav", b"MZ\x90\x00\x03" + b"\0" * 2000, "audio/wav"),
                               ("song.mp3", bytes(rng.getrandbits(8) for _ in range(5000)), "audio/mpeg"),
                               ("notes.txt", bytes(rng.getrandbits(8) for _ in range(500)), "text/plain"),
                               ("call.vtt", wav_bytes(), "text/vtt"),
                               ("tool.exe", b"MZ" + b"\0" * 100, "application/octet-stream"),
                               ("empty.txt", b"", "text/plain")])
    assert response.status_code == 400  # nothing was accepted
    why = rejected(response.text)
    assert why["setup.wav"] == "not a WAV recording: the content is a Windows program, not audio"
    assert why["song.mp3"] == "not a MP3 recording: the content is unrecognised binary data, not audio"
    assert why["notes.txt"].startswith("not a .txt transcript: the file is not text in any encoding we can read")
    assert why["call.vtt"] == "this is a WAV recording, not a .vtt transcript: name it .wav"
    assert why["tool.exe"].startswith("unsupported file type .exe: upload recordings (.wav")
    assert why["empty.txt"] == "the file is empty"
    assert web.store.count("jobs") == 0 and stored_files(web) == []


def test_a_real_recording_is_accepted_and_stored_under_the_type_its_content_has(web):
    client = web.signed_in("maria")
    response = upload(client, [("call.wav", wav_bytes(), "audio/wav"),
                               ("named-wrong.wav", mp3_frames(), "audio/wav")],
                      call_date="2026-04-08", rep="Tessa", rep_channel="left")
    assert response.status_code == 200 and rejected(response.text) == {}
    names = stored_files(web)
    assert len(names) == 2 and all(STORED.match(n) for n in names)
    assert sorted(Path(n).suffix for n in names) == [".mp3", ".wav"]
    jobs = web.signed_in("maria").get("/api/jobs").json()["jobs"]
    assert {j["filename"]: (j["kind"], j["status"]) for j in jobs} == {
        "call.wav": ("audio", "queued"), "named-wrong.wav": ("audio", "queued")}


def test_a_recording_without_a_call_date_is_refused_at_once(web):
    response = upload(web.signed_in("maria"), [("call.wav", wav_bytes(), "audio/wav")])
    assert response.status_code == 400
    assert rejected(response.text)["call.wav"].startswith("call.wav: no call_date (YYYY-MM-DD)")


def test_oversized_files_are_rejected_and_nothing_is_kept(tmp_path, seeded_db):
    web = make_web(tmp_path, seeded_db, max_upload_mb=0.01)  # 10 KiB per file
    client = web.signed_in("maria")
    big = TESSA_CALL.read_bytes()  # 8.5 KB: fits
    response = upload(client, [("fits.txt", big, "text/plain"),
                               ("big.txt", big * 3, "text/plain")])
    assert response.status_code == 200
    assert rejected(response.text) == {"big.txt": "larger than the 0.01 MB limit per file"}
    assert web.store.count("jobs") == 1 and len(stored_files(web)) == 1


def test_a_request_over_the_total_limit_is_refused_before_it_is_read(tmp_path, seeded_db):
    web = make_web(tmp_path, seeded_db, max_upload_mb=0.01, max_files=2)
    client = web.signed_in("maria")
    csrf = page_token(client, "/upload")
    huge = b"a" * (web.cfg.max_request_bytes + 1)
    response = client.post("/upload", data={"csrf_token": csrf}, files={"files": ("x.txt", huge)})
    assert response.status_code == 413
    assert "The upload is too large" in response.text
    assert web.store.count("jobs") == 0 and stored_files(web) == []
    # other forms take at most 1 MB
    response = client.post("/signout", data={"csrf_token": csrf, "pad": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


def test_path_traversal_names_are_display_text_only(web, tmp_path):
    client = web.signed_in("maria")
    text = TESSA_CALL.read_bytes()
    names = ["../../etc/passwd.txt", "..\\..\\windows\\win.ini.txt", "/etc/cron.d/x.txt",
             "<img src=x onerror=alert(1)>.txt"]
    # each must be a distinct call for the store: vary the content a little
    response = upload(client, [(n, text + f"\nTessa: note {i}.\n".encode(), "text/plain")
                               for i, n in enumerate(names)])
    assert response.status_code == 200 and rejected(response.text) == {}
    stored = stored_files(web)
    assert len(stored) == 4 and all(STORED.match(n) for n in stored)
    assert not (tmp_path / "etc").exists() and not (web.cfg.data_dir / "etc").exists()
    jobs = client.get("/api/jobs").json()["jobs"]
    assert sorted(j["filename"] for j in jobs) == sorted(
        ["passwd.txt", "win.ini.txt", "x.txt", "<img src=x onerror=alert(1)>.txt"])
    page = client.get("/jobs").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_transcripts_the_ingest_cannot_read_fail_their_job_naming_the_file(web):
    from analyzer.web import jobs
    from analyzer.web.worker import Worker

    client = web.signed_in("maria")
    response = upload(client, [("no-date.txt", b"Tessa: Hello there.\nBuyer: Hi.\n", "text/plain"),
                               ("broken.json", b'{"turns": 5', "application/json"),
                               ("bad-meta.txt", b"---\ncall_date: [\n---\nTessa: Hi.\n", "text/plain")])
    assert response.status_code == 200 and rejected(response.text) == {}  # read by the worker
    Worker(web.store, web.cfg, log=lambda line: None).run_pending()
    why = {j.filename: j.reason for j in jobs.recent(web.store)}
    assert why["no-date.txt"].startswith("no-date.txt: no call_date (YYYY-MM-DD)")
    assert why["broken.json"].startswith("broken.json")
    assert why["bad-meta.txt"].startswith("bad-meta.txt:")
    assert web.cfg.upload_dir.name not in " ".join(why.values())  # no server paths in messages
    assert not re.search(r"[0-9a-f]{32}", " ".join(why.values()))  # nor stored names
    assert "a sidecar no-date.meta.yaml" in why["no-date.txt"]
    assert why["no-date.txt"].endswith("or fill in Call date on the upload form")
    assert {j.status for j in jobs.recent(web.store)} == {"failed"}
    # the form's call date fills what the file lacks
    upload(client, [("no-date.txt", b"Tessa: Hello there.\nBuyer: Hi.\n", "text/plain")],
           call_date="2026-04-09", rep="Tessa")
    Worker(web.store, web.cfg, log=lambda line: None).run_pending()
    assert jobs.recent(web.store)[0].status == "done"


def test_a_sidecar_travels_with_its_call_file(web):
    client = web.signed_in("maria")
    vtt, meta = SAMPLES / "s04_quillon_bio_post_demo.vtt", SAMPLES / "s04_quillon_bio_post_demo.meta.yaml"
    response = upload(client, [(vtt.name, vtt.read_bytes(), "text/vtt"),
                               (meta.name, meta.read_bytes(), "application/yaml"),
                               ("orphan.meta.yaml", b"rep: Dana\n", "application/yaml")])
    assert response.status_code == 200
    assert rejected(response.text) == {
        "orphan.meta.yaml": "a metadata sidecar needs its call file in the same upload (a file named orphan.*)"}
    stored = stored_files(web)
    assert len(stored) == 2 and {Path(s).stem.split(".")[0] for s in stored} == {Path(stored[0]).stem.split(".")[0]}
    [job] = client.get("/api/jobs").json()["jobs"]
    assert job["filename"] == vtt.name


def test_bad_form_fields_and_empty_uploads_get_a_message(web):
    client = web.signed_in("maria")
    cases = [({"call_date": "08/04/2026"}, "is not a date (YYYY-MM-DD)"),
             ({"moment": "lunch"}, "Moment must be one of"),
             ({"rep_channel": "middle"}, "Rep channel must be left or right")]
    for fields, message in cases:
        response = upload(client, [("a.txt", TESSA_CALL.read_bytes(), "text/plain")], **fields)
        assert response.status_code == 400 and message in response.text
    response = client.post("/upload", data={"csrf_token": page_token(client, "/upload")})
    assert response.status_code == 400 and "Choose at least one" in response.text
    assert web.store.count("jobs") == 0


def test_too_many_files_at_once_are_refused_on_the_form_with_its_fields(tmp_path, seeded_db):
    web = make_web(tmp_path, seeded_db, max_files=2)
    client = web.signed_in("maria")
    csrf = page_token(client, "/upload")
    for count in (4, 40):  # a few over the limit, and far over (the form is not even read)
        response = client.post("/upload", data={"csrf_token": csrf, "rep": "Dana <Ruiz>"},
                               files=[("files", (f"{i}.txt", b"x", "text/plain")) for i in range(count)])
        assert response.status_code == 400 and web.store.count("jobs") == 0
        assert "At most 2 files can be uploaded at a time" in response.text
        assert 'action="/upload"' in response.text and 'name="files"' in response.text  # the form
    assert "this upload has 4" in client.post(
        "/upload", data={"csrf_token": csrf, "rep": "Dana <Ruiz>"},
        files=[("files", (f"{i}.txt", b"x", "text/plain")) for i in range(4)]).text
    page = client.post("/upload", data={"csrf_token": csrf, "rep": "Dana <Ruiz>"},
                       files=[("files", (f"{i}.txt", b"x", "text/plain")) for i in range(4)]).text
    assert 'value="Dana &lt;Ruiz&gt;"' in page  # the fields stay, escaped


def test_uploaded_files_are_not_served_back(web):
    client = web.signed_in("maria")
    upload(client, [("a.txt", TESSA_CALL.read_bytes(), "text/plain")])
    [name] = stored_files(web)
    for path in (f"/static/{name}", f"/static/../data/uploads/{name}", f"/uploads/{name}"):
        assert client.get(path).status_code == 404
    assert os.stat(web.cfg.upload_dir / name).st_size == TESSA_CALL.stat().st_size

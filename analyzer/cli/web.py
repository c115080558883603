"""Web command: `serve` (the app and its job workers). Registered on the main `callreview` app,
with the `users` commands (users.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..web.limits import WORKER_MEMORY_MB
from .app import DB_HELP, RUBRIC_HELP, app, err, open_store


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    db: Optional[str] = typer.Option(None, help=DB_HELP),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir",
                                            help="Folder for uploaded files (default: $CALLREVIEW_DATA, or <db>-data/ beside a SQLite file)."),
    max_upload_mb: Optional[float] = typer.Option(None, "--max-upload-mb", min=0.001,
                                                  help="Largest file an upload may hold, in MB (default: $CALLREVIEW_MAX_UPLOAD_MB or 200)."),
    workers: int = typer.Option(1, min=0, max=64, help="Job worker processes, each up to --worker-memory-mb (0: queue only, no processing)."),
    worker_memory_mb: int = typer.Option(WORKER_MEMORY_MB, "--worker-memory-mb", min=1000,
                                         help="Memory cap of each worker process, in MB."),
    rubric: Optional[Path] = typer.Option(None, help=RUBRIC_HELP),
    secure_cookies: bool = typer.Option(False, "--secure-cookies",
                                        help="Mark cookies Secure (when served over HTTPS)."),
    keep_audio: Optional[float] = typer.Option(None, "--keep-audio", min=0.0, metavar="DAYS",
                                               help="Delete recordings stored more than DAYS days ago (default: keep them); the call page says so."),
):
    """Serve the web app: sign in, upload calls, read reports (Ctrl-C stops it and its workers)."""
    import uvicorn

    from ..web import WebConfig, create_app
    from ..web.accounts import list_users
    from ..web.jobs import requeue_interrupted
    from ..web.pool import WorkerPool
    from ..web.retention import Retention

    cfg = WebConfig.from_env(db, data_dir, max_upload_mb, secure_cookies=secure_cookies,
                             rubric=str(rubric) if rubric else None,
                             worker_memory_mb=worker_memory_mb, keep_audio_days=keep_audio)
    store = open_store(cfg.db)
    cfg.upload_dir.mkdir(parents=True, exist_ok=True)
    again = requeue_interrupted(store)
    if again:
        err.print(f"{again} interrupted job(s) queued again", highlight=False)
    if not any(u.is_manager and not u.disabled for u in list_users(store)):
        err.print("[yellow]no manager account yet:[/yellow] create one with "
                  "`callreview users add NAME --role manager`", highlight=False)
    say = lambda line: err.print(line, highlight=False)  # noqa: E731
    pool = WorkerPool(cfg, store, workers, say)
    pool.start()
    if keep_audio is not None:
        Retention(store, cfg.upload_dir, keep_audio, say).start()
    err.print(f"callreview on http://{host}:{port}/ (store {store.url.split('://')[0]}, "
              f"uploads in {cfg.data_dir}, {workers} worker(s) of up to {worker_memory_mb} MB)",
              highlight=False)
    try:
        uvicorn.run(create_app(cfg, store), host=host, port=port, log_level="info",
                    proxy_headers=False, server_header=False)
    finally:
        pool.stop()


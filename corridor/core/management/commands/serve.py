from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the platform with waitress on HOST:PORT (default 127.0.0.1:8000)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=settings.HOST, help="address to bind (env HOST)")
        parser.add_argument("--port", type=int, default=settings.PORT, help="port (env PORT)")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        from waitress import create_server  # type: ignore[import-untyped]

        from corridor.imports.retention import purge_old_uploads
        from corridor.jobs.services import fail_orphans_at_start
        from corridor.wsgi import application

        # Jobs this server's previous run left "running" died with it; old uploads go (README, Uploads).
        failed = fail_orphans_at_start()
        if failed:
            self.stdout.write(f"{failed} job(s) left unfinished by the previous run marked failed")
        purge_old_uploads()
        from corridor.rnd.index import warm_in_background

        warm_in_background()  # the R&D overlap index, loaded in a job before the first save needs it

        # Bind before announcing the address: a taken port must not be reported as running.
        try:
            server = create_server(application, host=host, port=port, threads=threads, ident="corridor")
        except OSError as exc:
            raise CommandError(f"cannot listen on {host}:{port} ({exc.strerror}); set PORT (or HOST) to a free one") from exc
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        self.stdout.write(self.style.SUCCESS(f"Corridor is running at http://{shown}:{port}/  (Ctrl-C to stop)"))
        try:
            server.run()
        except KeyboardInterrupt:
            pass

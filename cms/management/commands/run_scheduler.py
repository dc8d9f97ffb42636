"""Run Wagtail's ``publish_scheduled`` every minute, once per site, and then the
other commands listed in ``settings.SCHEDULED_COMMANDS`` (the distribution round:
digests, retries of unsent alerts, expired sign-ups).

Embargoed press releases go live (and expiring pages come down) when their time
comes, without anyone touching them. In production run this as one long-lived
process (a systemd service or a container), or put ``manage.py publish_scheduled``
in cron every minute. With several app servers, any number of schedulers may run:
on PostgreSQL a session advisory lock lets only one of them work each minute.
"""

import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

LOCK_ID = 72_301_417  # arbitrary, constant: "the publish scheduler"


class Command(BaseCommand):
    help = "Publish and unpublish scheduled content every minute (Ctrl-C stops)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument(
            "--once", action="store_true", help="Run one round and exit."
        )

    def handle(self, *args, interval=60, once=False, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        while self.running:
            started = time.monotonic()
            try:
                self._round()
            except Exception as error:  # noqa: BLE001 - keep the scheduler alive
                self.stderr.write(f"scheduled commands failed: {error}")
                connection.close()
            if once:
                break
            time.sleep(max(0.0, interval - (time.monotonic() - started)))

    def _stop(self, *args):
        self.running = False

    def _commands(self):
        for name in settings.SCHEDULED_COMMANDS:
            call_command(name, stdout=self.stdout)

    def _round(self):
        if connection.vendor != "postgresql":
            self._commands()
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
            if not cursor.fetchone()[0]:
                return  # another server's scheduler has this minute
            try:
                self._commands()
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])

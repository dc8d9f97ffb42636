"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what arrives, and the
real queue worker (django-tasks-db's db_worker) run until the queue is empty."""

import email
import io
import signal
import time
from email import policy
from unittest import mock

from django.core.management import call_command

import pytest
from aiosmtpd.controller import Controller

from scripts.harness import free_port


class Inbox:
    """What the mail server received. Addresses with "bounce" in them are refused
    with 550 (a permanent failure), as a receiving server does for unknown users;
    those with "busy" with 450 (try again later)."""

    def __init__(self):
        self.messages = []
        self.arrivals = []  # time.time() of each message

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "bounce" in address:
            return "550 5.1.1 No such user"
        if "busy" in address:
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        for recipient in envelope.rcpt_tos:
            self.messages.append((recipient, message))
            self.arrivals.append(time.time())
        return "250 OK"

    def to(self, address):
        return [message for recipient, message in self.messages if recipient == address]

    def clear(self):
        self.messages.clear()
        self.arrivals.clear()


@pytest.fixture
def smtp(settings):
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # an empty queue to start with
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.ALERTS_PER_SECOND = 0
    settings.DEFAULT_FROM_EMAIL = "nyheter@region.example"
    try:
        yield inbox
    finally:
        controller.stop()


def run_worker():
    """The real worker, in this process, until the queue is empty. Its SIGINT and
    SIGTERM handlers are put back afterwards (pytest's own), and it keeps the
    test's database connection (closing it, as a worker process does between
    tasks, would end the test's transaction; tests/ops runs it as a process)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with mock.patch(
            "django_tasks_db.management.commands.db_worker.close_old_connections"
        ):
            call_command(
                "db_worker",
                "--batch",
                "--backend",
                "queue",
                "--no-startup-delay",
                "--interval",
                "0.01",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()

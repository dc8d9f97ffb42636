"""Logging filters that keep outages readable: a database or Redis outage would
otherwise write a full traceback for every request (tens of thousands of lines a
minute)."""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError


class DropDatabaseOutageTracebacks(logging.Filter):
    """For django.request: cms.views.server_error already logs one line per
    database error, so Django's own traceback for it is dropped."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, OperationalError | InterfaceError)


class RateLimitFilter(logging.Filter):
    """At most one record per logger and message every ``interval`` seconds, without
    the traceback; the next one says how many were suppressed."""

    def __init__(self, interval: float = 30.0):
        super().__init__()
        self.interval = interval
        self.seen: dict[tuple[str, str], tuple[float, int]] = {}
        self.lock = threading.Lock()

    def filter(self, record):
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self.lock:
            last, suppressed = self.seen.get(key, (0.0, 0))
            if now - last < self.interval:
                self.seen[key] = (last, suppressed + 1)
                return False
            self.seen[key] = (now, 0)
        if record.exc_info:
            record.msg = (
                f"{record.msg} ({record.exc_info[0].__name__}: {record.exc_info[1]})"
            )
            record.exc_info = None
            record.exc_text = None
        if suppressed:
            record.msg = f"{record.msg} [{suppressed} similar messages suppressed]"
        return True

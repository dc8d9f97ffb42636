"""PostgreSQL's own CPU per request; run by bench/run.py, not by hand.

``python bench/db_cpu.py REQUESTS PATH...`` prints one JSON object: for each
path, the status, the queries of one request and the CPU time the database
server's process spent per request, in milliseconds, over REQUESTS requests
(after three unmeasured ones). The requests are made in-process with Django's
test client under the settings gunicorn gets (bench/run.py passes the cold
configuration: every cache off), over one database connection, so the CPU of
that connection's server process is the database's whole share of the work.
It is read from /proc/<pid>/schedstat (nanoseconds; /proc/<pid>/stat's clock
ticks otherwise), which needs PostgreSQL on this machine: the figure is null
when it is not.

Neither Django nor PostgreSQL reports a query's CPU (``EXPLAIN ANALYZE`` times
one execution without parsing and planning, and its instrumentation is most of
what it measures for small queries), hence this.
"""

import json
import logging
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def server_cpu_ns(pid: int) -> int | None:
    """CPU time used so far by process ``pid``, or None if it cannot be read."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        pass
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks * 1_000_000_000 // os.sysconf("SC_CLK_TCK")


def server_pid() -> int:
    """The PostgreSQL server process of Django's connection."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def warmed_client(path: str):
    """A test client that has asked for ``path`` three times (unmeasured), and
    its last response. No cookies, as wrk sends none."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    for _warm_up in range(3):
        response = client.get(path)
    return client, response


def measure(requests: int, paths: list[str]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pid = server_pid()
    results = {}
    for path in paths:
        client, response = warmed_client(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        # Now: the next request empties Django's query log.
        number = len(queries)
        before = server_cpu_ns(pid)
        for _request in range(requests):
            client.get(path)
        after = server_cpu_ns(pid)
        per_request = None
        if before is not None and after is not None:
            per_request = round((after - before) / requests / 1e6, 3)
        results[path] = {
            "status": response.status_code,
            "queries": number,
            "db_cpu_ms": per_request,
        }
    return results


def main() -> int:
    django.setup()
    logging.getLogger("cms.requests").disabled = True
    requests, paths = int(sys.argv[1]), sys.argv[2:]
    print(json.dumps(measure(requests, paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

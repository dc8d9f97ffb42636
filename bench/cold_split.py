"""Where a cold request's CPU goes in the worker; run by bench/run.py, not by hand.

``python bench/cold_split.py REQUESTS PATH...`` prints one JSON object: for each
path, the worker's CPU per request (in-process, Django's test client, the
settings gunicorn gets: bench/run.py passes the cold configuration) and the part
of it spent in Django's ORM: building querysets, compiling them to SQL, the
database driver, and making model instances from the rows. The rest is
middleware, Wagtail's serving, StreamField and template rendering. Beside them,
PostgreSQL's CPU for the same requests (its server process, as in
bench/db_cpu.py), so that the three are measured at the same moment; and
``lightest_query``, the CPU (worker and PostgreSQL) of the lightest query the
ORM makes, a page's key by its key: a floor for what a query can cost.

The ORM's share is measured by timing every QuerySet method on the outermost
call only (``time.thread_time``: CPU, not the wait for PostgreSQL). The timing
wrappers add about a microsecond per call, a few hundred calls per request, to
the figures.

Why: issue 22's cold targets set a budget of CPU per request (see
docs/performance.md, "The cold floor"), and this shows whether the ORM alone
fits in it.
"""

import functools
import json
import logging
import sys
import time
import types
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

_depth = 0
_orm_cpu = 0.0


def _timed(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        global _depth, _orm_cpu
        if _depth:
            return method(*args, **kwargs)
        _depth += 1
        began = time.thread_time()
        try:
            return method(*args, **kwargs)
        finally:
            _orm_cpu += time.thread_time() - began
            _depth -= 1

    return wrapper


def instrument() -> None:
    """Wrap every method QuerySet defines (and its iteration, length, truth and
    indexing), so that a template's ``{% for %}`` over a lazy queryset counts too."""
    from django.db.models.query import QuerySet

    for name, value in list(vars(QuerySet).items()):
        special = name in ("__iter__", "__len__", "__bool__", "__getitem__")
        if isinstance(value, types.FunctionType) and (
            special or not name.startswith("__")
        ):
            setattr(QuerySet, name, _timed(value))


def measure(requests: int, paths: list[str]) -> dict:
    global _orm_cpu
    from db_cpu import server_cpu_ns, server_pid, warmed_client

    pid = server_pid()
    results = {}
    for path in paths:
        client, response = warmed_client(path)
        _orm_cpu = 0.0
        server = server_cpu_ns(pid)
        began = time.thread_time()
        for _request in range(requests):
            client.get(path)
        worker = (time.thread_time() - began) / requests * 1000
        after = server_cpu_ns(pid)
        database = None
        if server is not None and after is not None:
            database = round((after - server) / requests / 1e6, 2)
        orm = _orm_cpu / requests * 1000
        results[path] = {
            "status": response.status_code,
            "worker_cpu_ms": round(worker, 2),
            "orm_cpu_ms": round(orm, 2),
            "other_cpu_ms": round(worker - orm, 2),
            "db_cpu_ms": database,
        }
    return results


def lightest_query(repeats: int = 200) -> dict:
    """The CPU of the lightest query a page can make through the ORM (one page's
    key by its key): the worker's and PostgreSQL's."""

    from wagtail.models import Page

    from db_cpu import server_cpu_ns, server_pid

    pid = server_pid()
    key = Page.objects.values_list("pk", flat=True).first()
    server, began = server_cpu_ns(pid), time.thread_time()
    for _query in range(repeats):
        list(Page.objects.filter(pk=key).values_list("pk", flat=True))
    worker, after = time.thread_time() - began, server_cpu_ns(pid)
    database = None
    if server is not None and after is not None:
        database = round((after - server) / repeats / 1e6, 3)
    return {"worker_cpu_ms": round(worker / repeats * 1000, 3), "db_cpu_ms": database}


def main() -> int:
    django.setup()
    logging.getLogger("cms.requests").disabled = True
    requests, paths = int(sys.argv[1]), sys.argv[2:]
    lightest = lightest_query()
    instrument()
    print(json.dumps({"lightest_query": lightest, **measure(requests, paths)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

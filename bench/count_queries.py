"""Count SQL queries per request in-process; run by bench/run.py, not by hand.

``python bench/count_queries.py HOST PATH...`` prints one JSON object: for each
path, the status, the number of queries of a warm request (the second one: the
first fills Wagtail's caches, the page cache and any image renditions) and the
X-Cache header. The settings and environment are the ones gunicorn gets for the
same configuration (production settings, PAGE_CACHE on or off, REDIS_URL).
"""

import json
import logging
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def count(host: str, paths: list[str]) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = {}
    for path in paths:
        measured = None
        for _attempt in range(2):
            # A new client every time: wrk sends no cookies, so neither may we
            # (a stored csrftoken would make the page cache step aside).
            client = Client(HTTP_HOST=host, raise_request_exception=False)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            measured = (response, len(queries))
        response, number = measured
        results[path] = {
            "status": response.status_code,
            "queries": number,
            "x_cache": response.get("X-Cache", ""),
        }
    return results


def main() -> int:
    django.setup()
    # The request log writes JSON lines to stdout too; only the counts go there.
    logging.getLogger("cms.requests").disabled = True
    host, paths = sys.argv[1], sys.argv[2:]
    print(json.dumps(count(host, paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

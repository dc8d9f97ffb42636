"""The web archive's cost; run by bench/run.py, not by hand.

``python bench/archive.py N`` snapshots N bench releases (a fixed sample, both
languages each, as the worker does after a publish) into WEB_ARCHIVE_ROOT (a
temporary folder bench/run.py gives it), and prints one JSON object: the time
per publish (p50, p95, worst), the bytes per release and the archive size per
1,000 releases. The snapshots it made are deleted again. Production settings,
the bench database, the page cache off (as right after a publish).
"""

import json
import logging
import random
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(sample: int) -> dict:
    from press.models import PressReleasePage
    from records import snapshots
    from records.models import Snapshot

    ids = list(
        PressReleasePage.objects.live().order_by("pk").values_list("pk", flat=True)
    )
    chosen = random.Random(20).sample(ids, min(sample, len(ids)))
    before = set(Snapshot.objects.values_list("pk", flat=True))
    seconds, sizes = [], []
    for page_id in chosen:
        began = time.perf_counter()
        taken = snapshots.take(page_id, Snapshot.PUBLISHED, "bench")
        seconds.append(time.perf_counter() - began)
        sizes.append(sum(s.size for s in taken))
    Snapshot.objects.exclude(pk__in=before).delete()
    seconds.sort()
    per_release = statistics.mean(sizes)
    return {
        "releases": len(chosen),
        "snapshot_p50_ms": round(statistics.median(seconds) * 1000, 1),
        "snapshot_p95_ms": round(seconds[int(len(seconds) * 0.95) - 1] * 1000, 1),
        "snapshot_max_ms": round(seconds[-1] * 1000, 1),
        "bytes_per_release": round(per_release),
        "mb_per_1000_releases": round(per_release * 1000 / 1e6, 1),
    }


def main() -> int:
    django.setup()
    logging.getLogger("cms.requests").disabled = True
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(json.dumps(measure(sample)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Screenshots of every page type in both languages at phone (390 px) and desktop
(1280 px) widths, into docs/screenshots/: ``make screenshots``.

It serves the demo site (the database `make setup` built) with runserver on a free
port and takes the first screen of each page with Debian's Chromium through
Playwright, as the browser tests do. JPEG, so the folder stays small; the first
screen is what a reader judges a page by.
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.utils.text import slugify

from harness import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    fetch,
    free_port,
    start_process,
    stop_group,
    wait_for,
)

from tests.reader_pages import PAGES  # the page types the tests walk

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main() -> int:
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    log = Path(tempfile.gettempdir()) / "screenshots-runserver.log"
    server = start_process(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/healthz")[0] == 200, 60, "runserver")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS
            )
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}
                )
                page = context.new_page()
                for name, addresses in PAGES.items():
                    for language, address in zip(("sv", "en"), addresses, strict=True):
                        page.goto(base + address)
                        stem = f"{slugify(name)}-{language}-{width_name}"
                        target = OUT / f"{stem}.jpg"
                        page.screenshot(path=str(target), type="jpeg", quality=60)
                        print(f"  {target.relative_to(ROOT)}")
                context.close()
            browser.close()
    finally:
        stop_group(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())

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

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
# Page type: (Swedish address, English address); the same list as the
# accessibility test's.
PAGES = {
    "home": ("/", "/en/"),
    "news": ("/nyheter/", "/en/news/"),
    "news-archive": ("/nyheter/2021/08/", "/en/news/2021/08/"),
    "release": (
        "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/",
        "/en/news/region-blekinge-invests-in-the-countys-recovery/",
    ),
    "strategy": ("/smart-specialisering/", "/en/smart-specialisation/"),
    "area": ("/smart-specialisering/tech/", "/en/smart-specialisation/tech/"),
    "projects": ("/projekt/", "/en/projects/"),
    "project": ("/projekt/kickstart-s3/", "/en/projects/kickstart-s3/"),
    "search": ("/sok/?q=specialisering", "/en/search/?q=specialisation"),
    "press-images": ("/pressbilder/", "/en/press-images/"),
    "subscribe": ("/prenumerera/", "/en/subscribe/"),
    "accessibility": ("/tillganglighetsredogorelse/", "/en/accessibility-statement/"),
    "not-found": ("/finns-inte/", "/en/does-not-exist/"),
}


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
                        target = OUT / f"{name}-{language}-{width_name}.jpg"
                        page.screenshot(path=str(target), type="jpeg", quality=60)
                        print(f"  {target.relative_to(ROOT)}")
                context.close()
            browser.close()
    finally:
        stop_group(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())

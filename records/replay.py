"""Opening a snapshot as it was: the archived answer, not a new rendering.

The archived HTML refers to its files by the site's own addresses (``/static/...``,
``/media/...``); for the viewer those addresses, where the file is in the WARC,
are pointed at the archived copy. Everything else is byte for byte as served
(``raw`` gives the exact bytes)."""

import html
import re
from urllib.parse import urljoin

from django.urls import reverse

from . import warc

ATTRIBUTE = re.compile(r'(?P<name>\b(?:src|href|srcset))="(?P<value>[^"]*)"')


def load(snapshot) -> dict:
    with snapshot.warc.open("rb") as f:
        return warc.read(f)


def rewritten(snapshot, archived: dict) -> bytes:
    page_url, _status, _headers, body = archived["page"]
    files = list(archived["files"])

    def local(url: str) -> str:
        absolute = urljoin(page_url, html.unescape(url))
        if absolute in archived["files"]:
            return reverse("records_file", args=[snapshot.pk, files.index(absolute)])
        return url

    def replace(match):
        name, value = match["name"], match["value"]
        if name == "srcset":
            value = ", ".join(
                " ".join([local(part.split()[0]), *part.split()[1:]])
                for part in value.split(",")
                if part.strip()
            )
        else:
            value = local(value)
        return f'{name}="{value}"'

    return ATTRIBUTE.sub(replace, body.decode("utf-8", "replace")).encode()

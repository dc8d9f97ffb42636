"""Writing and reading the WARC files (ISO 28500, WARC/1.1) with warcio.

A snapshot's file holds, in order: a ``warcinfo`` record, the page's
``response`` record, one ``response`` record per file the page uses, and a
``metadata`` record (JSON: page, revision, language, address, event, who, when,
and the SHA-256 of every payload).
"""

import hashlib
import io
import json

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .capture import Answer, Capture

SOFTWARE = "Regionens nyhetsrum, records (warcio)"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _response(writer, answer: Answer, date: str):
    headers = StatusAndHeaders(
        f"{answer.status} {answer.reason}", answer.headers, protocol="HTTP/1.1"
    )
    return writer.create_warc_record(
        answer.url,
        "response",
        payload=io.BytesIO(answer.body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )


def write(capture: Capture, metadata: dict, filename: str) -> bytes:
    """The WARC file (gzip per record, as crawlers write them) as bytes."""
    date = metadata["captured_at"]
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(
        writer.create_warcinfo_record(
            filename,
            {
                "software": SOFTWARE,
                "format": "WARC File Format 1.1",
                "isPartOf": metadata["url"],
                "description": "Public record: a published page as readers got it",
            },
        )
    )
    page = _response(writer, capture.page, date)
    writer.write_record(page)
    for resource in capture.resources:
        writer.write_record(_response(writer, resource, date))
    described = {
        **metadata,
        "sha256": {
            answer.url: sha256(answer.body)
            for answer in [capture.page, *capture.resources]
        },
        "not_archived": capture.skipped,
    }
    writer.write_record(
        writer.create_warc_record(
            capture.page.url,
            "metadata",
            payload=io.BytesIO(json.dumps(described, indent=2).encode()),
            warc_content_type="application/json",
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": page.rec_headers.get_header("WARC-Record-ID"),
            },
        )
    )
    return out.getvalue()


def records(stream):
    """(type, target URI, status, headers, payload bytes) of every record."""
    for record in ArchiveIterator(stream):
        status = None
        headers = []
        if record.http_headers is not None:
            status = int(record.http_headers.get_statuscode() or 0)
            headers = record.http_headers.headers
        yield (
            record.rec_type,
            record.rec_headers.get_header("WARC-Target-URI"),
            status,
            headers,
            record.content_stream().read(),
        )


def file_at(stream, index: int):
    """(status, headers, payload) of the page's ``index``-th file, reading only
    that payload (the viewer asks for one file at a time); None past the end."""
    responses = -1  # the first response is the page itself
    for record in ArchiveIterator(stream):
        if record.rec_type != "response":
            continue
        if responses == index:
            status = int(record.http_headers.get_statuscode() or 0)
            return status, record.http_headers.headers, record.content_stream().read()
        responses += 1
    return None


def read(stream) -> dict:
    """The file as {"page": (status, headers, body), "files": {url: (...)},
    "metadata": {...}}: the first response is the page."""
    result = {"page": None, "files": {}, "metadata": {}}
    for rec_type, uri, status, headers, payload in records(stream):
        if rec_type == "response":
            if result["page"] is None:
                result["page"] = (uri, status, headers, payload)
            else:
                result["files"][uri] = (status, headers, payload)
        elif rec_type == "metadata":
            result["metadata"] = json.loads(payload)
    return result

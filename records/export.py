"""Export for the region's e-archive: the snapshots of a period or a subtree as one
package (a zip file) in the structure of an E-ARK SIP, which Riksarkivet's FGS
builds on: a root ``METS.xml`` listing every file with its SHA-256 and size,
``metadata/descriptive/snapshots.json`` (one entry per snapshot), the WARC files
under ``representations/rep1/data/`` and a ``documentation/README.txt``.

Written by hand: no package on the registry writes E-ARK SIPs for WARC files;
the METS written here is the part of the CSIP profile a receiving archive reads
to check completeness (fileSec with checksums, one structMap)."""

import datetime
import hashlib
import io
import json
import uuid
import zipfile
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from . import warc
from .models import Snapshot

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
DATA = "representations/rep1/data/"
MANIFEST = "metadata/descriptive/snapshots.json"
README = "documentation/README.txt"

ET.register_namespace("mets", METS)
ET.register_namespace("xlink", XLINK)
ET.register_namespace("csip", CSIP)


class PackageError(Exception):
    pass


def select(since=None, until=None, root_page_id=None):
    """Snapshots captured in [since, until) (dates), under a page (by its place
    in the tree when captured, so deleted pages are included)."""
    snapshots = Snapshot.objects.order_by("captured_at", "pk")
    if since:
        snapshots = snapshots.filter(captured_at__date__gte=since)
    if until:
        snapshots = snapshots.filter(captured_at__date__lt=until)
    if root_page_id is not None:
        root = Page.objects.filter(pk=root_page_id).first()
        if root is None:
            raise PackageError(f"No page {root_page_id}")
        snapshots = snapshots.filter(tree_path__startswith=root.path)
    return snapshots


def entry(snapshot: Snapshot, path: str) -> dict:
    return {
        "id": snapshot.pk,
        "page_id": snapshot.page_id,
        "revision_id": snapshot.revision_id,
        "language": snapshot.language,
        "url": snapshot.url,
        "title": snapshot.title,
        "event": snapshot.event,
        "captured_at": snapshot.captured_at.astimezone(datetime.UTC).isoformat(),
        "published_by": snapshot.published_by,
        "status": snapshot.status_code,
        "private": snapshot.private,
        "html_sha256": snapshot.html_sha256,
        "warc_sha256": snapshot.warc_sha256,
        "file": path,
    }


def _mets(name: str, files: list[tuple[str, str, int, str]]) -> bytes:
    now = timezone.now().astimezone(datetime.UTC).isoformat()
    root = ET.Element(
        f"{{{METS}}}mets",
        {
            "OBJID": name,
            "TYPE": "Web archive",
            "PROFILE": PROFILE,
            "LABEL": "Webbarkiv / Web archive",
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER",
            f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE": "WARC (ISO 28500)",
        },
    )
    header = ET.SubElement(root, f"{{{METS}}}metsHdr", {"CREATEDATE": now})
    agent = ET.SubElement(
        header, f"{{{METS}}}agent", {"ROLE": "CREATOR", "TYPE": "ORGANIZATION"}
    )
    ET.SubElement(agent, f"{{{METS}}}name").text = settings.WAGTAIL_SITE_NAME
    dmd = ET.SubElement(root, f"{{{METS}}}dmdSec", {"ID": "dmd-snapshots"})
    ET.SubElement(
        dmd,
        f"{{{METS}}}mdRef",
        {
            "LOCTYPE": "URL",
            "MDTYPE": "OTHER",
            "OTHERMDTYPE": "JSON",
            f"{{{XLINK}}}type": "simple",
            f"{{{XLINK}}}href": MANIFEST,
        },
    )
    file_sec = ET.SubElement(root, f"{{{METS}}}fileSec")
    groups = {}
    struct = ET.SubElement(root, f"{{{METS}}}structMap", {"TYPE": "PHYSICAL"})
    top = ET.SubElement(struct, f"{{{METS}}}div", {"LABEL": name})
    for n, (path, digest, size, mimetype) in enumerate(files):
        use = path.split("/", 1)[0] if not path.startswith(DATA) else DATA[:-1]
        group = groups.get(use)
        if group is None:
            group = groups[use] = ET.SubElement(
                file_sec, f"{{{METS}}}fileGrp", {"USE": use}
            )
        item = ET.SubElement(
            group,
            f"{{{METS}}}file",
            {
                "ID": f"file-{n}",
                "MIMETYPE": mimetype,
                "SIZE": str(size),
                "CHECKSUM": digest,
                "CHECKSUMTYPE": "SHA-256",
            },
        )
        ET.SubElement(
            item,
            f"{{{METS}}}FLocat",
            {
                "LOCTYPE": "URL",
                f"{{{XLINK}}}type": "simple",
                f"{{{XLINK}}}href": path,
            },
        )
        ET.SubElement(
            ET.SubElement(top, f"{{{METS}}}div", {"LABEL": path}),
            f"{{{METS}}}fptr",
            {"FILEID": f"file-{n}"},
        )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_package(snapshots, out) -> dict:
    """Write the package to ``out`` (a path or a binary file); returns a summary."""
    name = f"webarkiv-{timezone.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    files = []
    entries = []
    with zipfile.ZipFile(out, "w") as package:

        def add(path, data, mimetype, compress=zipfile.ZIP_DEFLATED):
            package.writestr(f"{name}/{path}", data, compress_type=compress)
            files.append((path, hashlib.sha256(data).hexdigest(), len(data), mimetype))

        for snapshot in snapshots:
            with snapshot.warc.open("rb") as f:
                data = f.read()
            path = DATA + snapshot.warc.name.split("/", 1)[-1]
            if hashlib.sha256(data).hexdigest() != snapshot.warc_sha256:
                raise PackageError(f"Snapshot {snapshot.pk}: the WARC file changed")
            add(path, data, "application/warc", zipfile.ZIP_STORED)
            entries.append(entry(snapshot, path))
        add(MANIFEST, json.dumps(entries, indent=2).encode(), "application/json")
        add(README, readme(len(entries)).encode(), "text/plain")
        package.writestr(f"{name}/METS.xml", _mets(name, files))
    return {"name": name, "snapshots": len(entries)}


def readme(count: int) -> str:
    return (
        f"{settings.WAGTAIL_SITE_NAME}: web archive export ({count} snapshots).\n\n"
        "Each WARC file (ISO 28500, WARC/1.1) holds one page in one language as "
        "readers got it: the HTTP response, the files it used (style sheets, "
        "scripts, images, documents) and a metadata record (JSON). "
        "metadata/descriptive/snapshots.json lists every snapshot; METS.xml lists "
        "every file with its SHA-256. Open a WARC file with any WARC reader "
        "(warcio, pywb, ReplayWeb.page).\n"
    )


def read_package(source) -> list[dict]:
    """Read a package back, checking every file against METS.xml: returns the
    manifest's entries, each with the archived page (``page``: status and body)."""
    with zipfile.ZipFile(source) as package:
        names = package.namelist()
        roots = [n for n in names if n.count("/") == 1 and n.endswith("/METS.xml")]
        mets_name = roots[0] if roots else None
        if mets_name is None:
            raise PackageError("No METS.xml")
        base = mets_name[: -len("METS.xml")]
        # Packages this site wrote; the bundled expat (2.4+) refuses entity
        # expansion attacks, and no DTD is read.
        mets = ET.fromstring(package.read(mets_name))  # noqa: S314
        listed = {}
        for item in mets.iter(f"{{{METS}}}file"):
            href = item.find(f"{{{METS}}}FLocat").get(f"{{{XLINK}}}href")
            data = package.read(base + href)
            if hashlib.sha256(data).hexdigest() != item.get("CHECKSUM"):
                raise PackageError(f"{href}: checksum differs")
            if len(data) != int(item.get("SIZE")):
                raise PackageError(f"{href}: size differs")
            listed[href] = data
        if set(listed) != {n[len(base) :] for n in names if n != mets_name}:
            raise PackageError("Files and METS.xml differ")
        entries = json.loads(listed[MANIFEST])
        for item in entries:
            archived = warc.read(io.BytesIO(listed[item["file"]]))
            if archived["metadata"].get("url") != item["url"]:
                raise PackageError(f"{item['file']}: metadata differs")
            item["page"] = {"status": archived["page"][1], "body": archived["page"][3]}
        return entries

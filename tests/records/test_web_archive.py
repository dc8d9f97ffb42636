"""The web archive (issue 20): every publish, scheduled go-live, unpublish and
expiry kept per language as readers got it, in WARC files, taken by the real
queue worker; opened in the admin as it was; exported for the e-archive."""

import datetime
import hashlib
import io
import subprocess
import sys
import time
import zipfile

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS
from records import warc
from records.export import read_package
from records.models import Snapshot
from specialisation.snippets import FactBox
from tests.api.content import make_area
from tests.builders import make_release, stream
from tests.cms.test_workflows import make_user
from tests.distribution.conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()


@pytest.fixture
def editor():
    return make_user("arkiv-redaktor", EDITORS)


@pytest.fixture
def publisher():
    return make_user("arkiv-granskare", PUBLISHERS)


def publish(page, user, capture, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def new_release(capture, **fields):
    fields.setdefault("title_sv", "Regionen sparar sina sidor")
    fields.setdefault("title_en", "The region keeps its pages")
    with capture(execute=True):
        return make_release(**fields)


def snapshots_of(page, **filters):
    return list(Snapshot.objects.filter(page_id=page.pk, **filters).order_by("pk"))


def served(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_publish_and_unpublish_are_kept_in_both_languages(
    client, queue, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks)
    page = publish(page, publisher, django_capture_on_commit_callbacks)
    # Nothing is taken in the publishing request: the worker does it.
    assert snapshots_of(page) == []
    run_worker()
    taken = {s.language: s for s in snapshots_of(page, event=Snapshot.PUBLISHED)}
    assert set(taken) == {"sv", "en"}
    assert "/nyheter/" in taken["sv"].url
    assert "/en/news/" in taken["en"].url
    for language, title in (("sv", page.title_sv), ("en", page.title_en)):
        snapshot = taken[language]
        assert snapshot.status_code == 200
        assert snapshot.published_by == publisher.get_username()
        assert snapshot.revision_id == page.live_revision_id
        with snapshot.warc.open("rb") as f:
            archived = warc.read(f)
        assert title.encode() in archived["page"][3]
        # The style sheet and the images it used are in the file too.
        assert any(url.endswith(".css") for url in archived["files"])
        assert archived["metadata"]["language"] == language
        assert archived["metadata"]["sha256"][snapshot.url] == snapshot.html_sha256

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish(user=publisher)
    run_worker()
    gone = {s.language: s for s in snapshots_of(page, event=Snapshot.UNPUBLISHED)}
    assert set(gone) == {"sv", "en"}
    # What readers got after the unpublish: the page is not found.
    assert {s.status_code for s in gone.values()} == {404}
    assert {s.published_by for s in gone.values()} == {publisher.get_username()}


def test_a_page_changed_twice_replays_three_versions_byte_for_byte(
    client, queue, editor, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks)
    expected = {"sv": [], "en": []}
    for lead_sv, lead_en in [
        ("Första versionen.", "First version."),
        ("Andra versionen.", "Second version."),
        ("Tredje versionen.", "Third version."),
    ]:
        page = publish(
            page,
            publisher,
            django_capture_on_commit_callbacks,
            lead_sv=lead_sv,
            lead_en=lead_en,
        )
        run_worker()
        for language in ("sv", "en"):
            url = snapshots_of(page, language=language)[-1].url
            expected[language].append(served(client, url.split("testserver", 1)[1]))
    client.force_login(editor)
    for language in ("sv", "en"):
        versions = [
            s for s in snapshots_of(page, language=language) if s.event == "published"
        ][-3:]
        bodies = [
            client.get(reverse("records_raw", args=[s.pk])).content for s in versions
        ]
        assert bodies == expected[language]
        assert len(set(bodies)) == 3
    # The page's timeline lists them, newest first, for an editor.
    response = client.get(reverse("records_timeline", args=[page.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="snapshot"') >= 6
    # The registrar's list finds it by title or address, and only it.
    index = reverse("records_index")
    for query, language in (
        ("sparar sina sidor", "Svenska"),
        ("its-pages", "Engelska"),
    ):
        found = client.get(index, {"q": query}).content.decode()
        assert found.count('class="snapshot"') == 3
        assert found.count(f"<td>{language}</td>") == 3
    none = client.get(index, {"q": "finns-inte-alls"}).content.decode()
    assert 'class="snapshot"' not in none
    # Opened as it was: a banner saying when, the archived page in a frame.
    newest = snapshots_of(page, language="en")[-1]
    detail = client.get(reverse("records_detail", args=[newest.pk])).content.decode()
    assert "records-banner" in detail and newest.url in detail
    view = client.get(reverse("records_view", args=[newest.pk]))
    assert view.status_code == 200
    assert "sandbox" in view["Content-Security-Policy"]
    html = view.content.decode()
    assert "Third version." in html
    # Its style sheet comes from the archive, not from the live site.
    assert f"/admin/webarchive/{newest.pk}/file/" in html
    css = client.get(reverse("records_file", args=[newest.pk, 0]))
    assert css.status_code == 200
    assert css["Content-Type"] == "text/css"
    with newest.warc.open("rb") as f:
        archived_css = next(iter(warc.read(f)["files"].values()))[2]
    assert css.content == archived_css and b"{" in archived_css
    past_end = reverse("records_file", args=[newest.pk, newest.resources])
    assert client.get(past_end).status_code == 404


def test_a_worker_behind_two_publishes_keeps_what_it_served_under_its_revision(
    queue, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks, lead_sv="Först.")
    page = publish(page, publisher, django_capture_on_commit_callbacks, lead_sv="Sen.")
    run_worker()  # both publishes' tasks, after both publishes
    taken = snapshots_of(page, language="sv")
    assert len(taken) == 1
    assert taken[0].revision_id == page.live_revision_id
    with taken[0].warc.open("rb") as f:
        assert b"Sen." in warc.read(f)["page"][3]


def test_a_fact_box_change_snapshots_the_pages_that_show_it(
    queue, publisher, django_capture_on_commit_callbacks
):
    box = FactBox.objects.create(
        title_sv="Fakta om arkivet",
        title_en="Facts about the archive",
        body_sv="<p>Gamla svenska fakta.</p>",
        body_en="<p>Old English facts.</p>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        area = make_area(
            title_sv="Område med faktaruta",
            title_en="Area with a fact box",
            body=stream(("fact_box", box.pk)),
        )
    run_worker()
    before = len(snapshots_of(area))
    assert before == 2
    box.body_sv = "<p>Nya svenska fakta.</p>"
    box.body_en = "<p>New English facts.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        box.save_revision(user=publisher).publish(user=publisher)
    run_worker()
    related = {s.language: s for s in snapshots_of(area, event=Snapshot.RELATED)}
    assert set(related) == {"sv", "en"}
    with related["sv"].warc.open("rb") as f:
        assert b"Nya svenska fakta." in warc.read(f)["page"][3]
    with related["en"].warc.open("rb") as f:
        assert b"New English facts." in warc.read(f)["page"][3]


def test_warc_files_pass_warcios_own_check(
    queue, publisher, django_capture_on_commit_callbacks, tmp_path
):
    page = new_release(django_capture_on_commit_callbacks)
    publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    snapshot = snapshots_of(page)[0]
    path = tmp_path / "snapshot.warc.gz"
    with snapshot.warc.open("rb") as f:
        data = f.read()
    path.write_bytes(data)
    assert hashlib.sha256(data).hexdigest() == snapshot.warc_sha256
    # warcio's checker recomputes every block and payload digest.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from warcio.cli import main; main(sys.argv[1:])",
            "check",
            "-v",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout
    types = [record[0] for record in warc.records(io.BytesIO(data))]
    assert types[0] == "warcinfo" and types[1] == "response"
    assert types[-1] == "metadata"


def test_an_export_round_trips(
    queue, publisher, django_capture_on_commit_callbacks, tmp_path
):
    page = new_release(django_capture_on_commit_callbacks)
    publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    out = tmp_path / "export.zip"
    today = timezone.localdate()
    call_command(
        "export_web_archive",
        "--since",
        today.isoformat(),
        "--until",
        (today + datetime.timedelta(days=1)).isoformat(),
        "--page",
        str(page.get_parent().pk),
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    entries = {entry["id"]: entry for entry in read_package(out)}
    ours = snapshots_of(page)
    assert {s.pk for s in ours} <= set(entries)
    for snapshot in ours:
        entry = entries[snapshot.pk]
        assert entry["url"] == snapshot.url
        assert entry["language"] == snapshot.language
        assert hashlib.sha256(entry["page"]["body"]).hexdigest() == snapshot.html_sha256
    checked = io.StringIO()
    call_command("export_web_archive", "--check", str(out), stdout=checked)
    assert "OK" in checked.getvalue()
    # A package whose file was altered is refused.
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("snapshots.json"):
                data = data.replace(b"published", b"PUBLISHED", 1)
            target.writestr(item, data)
    with pytest.raises(Exception, match="checksum"):
        read_package(broken)


def test_an_embargoed_release_has_no_snapshot_before_go_live(
    queue, publisher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_release(
            title_sv="Under embargo",
            title_en="Under embargo in English",
            publish=False,
        )
        page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
        page.save_revision(user=publisher).publish(user=publisher)
    page.refresh_from_db()
    assert not page.live
    run_worker()
    assert snapshots_of(page) == []
    # The embargo lifts and the scheduler runs (as it does every minute).
    time.sleep(max(0.0, (page.go_live_at - timezone.now()).total_seconds()) + 0.2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    run_worker()
    scheduled = snapshots_of(page, event=Snapshot.SCHEDULED)
    assert {s.language for s in scheduled} == {"sv", "en"}
    assert {s.status_code for s in scheduled} == {200}
    with scheduled[1].warc.open("rb") as f:
        assert b"Under embargo in English" in warc.read(f)["page"][3]


def test_expiry_is_kept_as_the_scheduler_takes_the_page_down(
    queue, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks)
    page.expire_at = timezone.now() + datetime.timedelta(seconds=2)
    page = publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    time.sleep(max(0.0, (page.expire_at - timezone.now()).total_seconds()) + 0.2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    run_worker()
    expired = snapshots_of(page, event=Snapshot.EXPIRED)
    assert {s.language for s in expired} == {"sv", "en"}
    assert {(s.status_code, s.published_by) for s in expired} == {(404, "")}


def test_a_private_pages_snapshot_is_seen_only_by_those_who_may_edit_it(
    client, queue, editor, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks, lead_sv="Intern text.")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    page = publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    private = snapshots_of(page, private=True)
    assert {s.language for s in private} == {"sv", "en"}
    with private[0].warc.open("rb") as f:
        # What signed-in readers got, not the login form.
        assert b"Intern text." in warc.read(f)["page"][3]
    outsider = make_user("arkiv-utomstaende")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    timeline = client.get(reverse("records_timeline", args=[page.pk]))
    assert timeline.status_code == 200
    assert 'class="snapshot"' not in timeline.content.decode()
    for name in ("records_detail", "records_view", "records_raw", "records_download"):
        # Wagtail's answer to a denied admin view: back to the dashboard.
        refused = client.get(reverse(name, args=[private[0].pk]))
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    client.force_login(editor)
    assert (
        client.get(reverse("records_detail", args=[private[0].pk])).status_code == 200
    )
    assert (
        'class="snapshot"'
        in client.get(reverse("records_timeline", args=[page.pk])).content.decode()
    )
    client.logout()
    assert client.get(reverse("records_raw", args=[private[0].pk])).status_code == 302


def test_deleting_the_page_or_its_revisions_keeps_the_record(
    client, queue, editor, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks)
    publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    kept = snapshots_of(page)
    call_command("purge_revisions", "--days=0", stdout=io.StringIO())
    Page.objects.get(pk=page.pk).delete()
    assert [s.pk for s in snapshots_of(page)] == [s.pk for s in kept]
    client.force_login(editor)
    response = client.get(reverse("records_timeline", args=[page.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="snapshot"') == len(kept)
    raw = client.get(reverse("records_raw", args=[kept[-1].pk]))
    assert hashlib.sha256(raw.content).hexdigest() == kept[-1].html_sha256


def test_retention_prunes_only_when_set(
    settings, queue, publisher, django_capture_on_commit_callbacks
):
    page = new_release(django_capture_on_commit_callbacks)
    run_worker()
    old = snapshots_of(page)[0]
    Snapshot.objects.filter(pk=old.pk).update(
        captured_at=timezone.now() - datetime.timedelta(days=400)
    )
    call_command("prune_web_archive", stdout=io.StringIO())
    assert Snapshot.objects.filter(pk=old.pk).exists()  # 0: kept for ever
    settings.WEB_ARCHIVE_RETENTION_DAYS = 365
    name = old.warc.name
    call_command("prune_web_archive", stdout=io.StringIO())
    assert not Snapshot.objects.filter(pk=old.pk).exists()
    assert not old.warc.storage.exists(name)

"""A reviewer schedules a release's go-live (the embargo) and expiry in the
scheduling dialog, with the mouse and the keyboard, as granskare."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from cms.editorial.roles import PUBLISHERS
from press.models import PressReleasePage
from tests.browser.admin import PASSWORD, login
from tests.builders import make_release


def test_schedule_dialog_keeps_what_was_typed(site, new_page, django_user_model):
    user = django_user_model.objects.create_user("granskare", "g@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    release = make_release(title_sv="Schemaläggs", publish=False)
    release.save_revision(user=user)
    go_live = (timezone.localtime() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    expiry = go_live + timedelta(days=30)

    page = new_page()
    login(page, site.url, "granskare")
    page.goto(f"{site.url}/admin/pages/{release.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator("button[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name=re.compile("Sätt schema")).first.click()
    dialog = page.locator("#schedule-publishing-dialog .w-dialog__box")
    dialog.wait_for()

    # The picker opens on the go-live field; Escape closes the picker only.
    page.click("#id_go_live_at")
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()
    page.keyboard.type(go_live.strftime("%Y-%m-%d %H:"), delay=60)
    page.keyboard.press("Escape")
    assert dialog.is_visible()
    assert page.locator(".xdsoft_datetimepicker:visible").count() == 0
    page.keyboard.type("00", delay=60)
    # A whole time typed closes the picker, so the expiry field is free to click,
    # and the expiry's picker then does not cover "Spara schema".
    page.click("#id_expire_at", timeout=5_000)
    page.keyboard.type(expiry.strftime("%Y-%m-%d %H:%M"), delay=60)
    page.get_by_role("button", name="Spara schema").click(timeout=5_000)
    page.wait_for_load_state("networkidle")

    draft = PressReleasePage.objects.get(pk=release.pk).get_latest_revision_as_object()
    assert timezone.localtime(draft.go_live_at) == go_live
    assert timezone.localtime(draft.expire_at) == expiry
    page.locator("button[data-side-panel-toggle='status']").click()
    status = page.locator("[data-side-panel='status']").inner_text()
    assert "När schemat är sparat:" in status
    assert "Publicering:" in status

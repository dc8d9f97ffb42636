"""A project's status follows its dates: one that ended is finished, one that has
not started is planned, whatever was once ticked; the stored choice counts only
where the dates do not say. Pages, teasers and the status filter agree, in both
languages."""

import datetime

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from specialisation.models import ProjectIndexPage, ProjectPage
from tests.builders import make_page

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


class ProjectStatusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        index = ProjectIndexPage.objects.get()
        common = {"summary_sv": "Ett projekt.", "summary_en": "A project."}
        cls.ended = make_page(
            index,
            ProjectPage,
            title_sv="Avslutat men pågående",
            title_en="Ended",
            status="ongoing",
            start_date=datetime.date(2021, 9, 1),
            end_date=datetime.date(2023, 8, 31),
            **common,
        )
        cls.future = make_page(
            index,
            ProjectPage,
            title_sv="Framtida",
            title_en="Future",
            status="ongoing",
            start_date=days(30),
            end_date=days(400),
            **common,
        )
        cls.running = make_page(
            index,
            ProjectPage,
            title_sv="Pågår nu",
            title_en="Running now",
            status="planned",
            start_date=days(-30),
            end_date=days(30),
            **common,
        )
        cls.undated = make_page(
            index,
            ProjectPage,
            title_sv="Utan datum",
            title_en="No dates",
            status="planned",
            **common,
        )

    def test_the_dates_decide_the_status(self):
        self.assertEqual(self.ended.current_status(), "finished")
        self.assertEqual(self.future.current_status(), "planned")
        self.assertEqual(self.running.current_status(), "ongoing")
        self.assertEqual(self.undated.current_status(), "planned")

    def test_pages_show_the_status_the_dates_give(self):
        for url, label in (
            (self.ended.url, "Avslutat"),
            ("/en/projects/ended/", "Finished"),
            (self.future.url, "Planerat"),
            ("/en/projects/future/", "Planned"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, f"<dd>{label}</dd>")

    def test_the_status_filter_agrees_with_the_pages(self):
        for base in ("/projekt/", "/en/projects/"):
            for status, inside, outside in (
                ("finished", self.ended, self.running),
                ("ongoing", self.running, self.ended),
                ("planned", self.future, self.running),
                ("planned", self.undated, self.ended),
            ):
                with self.subTest(base=base, status=status):
                    cache.clear()  # the same address again: not from the page cache
                    response = self.client.get(base, {"status": status})
                    titles = [p.pk for p in response.context["projects"]]
                    self.assertIn(inside.pk, titles)
                    self.assertNotIn(outside.pk, titles)

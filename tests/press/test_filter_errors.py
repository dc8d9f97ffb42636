"""A filter value that makes no sense: 400, the error beside the field it belongs
to (the id that the field's aria-describedby names exists), the field marked, and
no "0 items" claim; in both languages, on the news and the project index."""

from django.test import TestCase

from lxml import html

CASES = [
    ("/nyheter/?month=3", "month", "sv"),
    ("/en/news/?month=3", "month", "en"),
    ("/projekt/?status=bogus", "status", "sv"),
    ("/en/projects/?status=bogus", "status", "en"),
]


class FilterErrorTests(TestCase):
    def test_errors_are_beside_their_fields_and_nothing_claims_zero(self):
        for url, name, language in CASES:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400)
                tree = html.fromstring(response.content)
                self.assertEqual(tree.get("lang"), language)
                field = tree.xpath(f"//select[@name='{name}']")[0]
                self.assertEqual(field.get("aria-invalid"), "true")
                described = field.get("aria-describedby")
                error = tree.xpath(f"//*[@id='{described}']")
                self.assertEqual(len(error), 1, f"no element with id {described}")
                self.assertTrue(error[0].text_content().strip())
                wrapper = field.getparent()
                self.assertIn("field--error", wrapper.get("class"))
                self.assertEqual(tree.xpath("//p[@class='result-count']"), [])
                self.assertEqual(tree.xpath("//p[@class='empty-state']"), [])
                self.assertTrue(tree.xpath("//div[@role='alert']"))

"""Limits that hold behind a proxy and cannot be talked round: the login lockout
keys on the client's address (not the proxy's), password spraying and password
reset mail are limited per address, and the feedback limit ignores the
User-Agent and refuses the tree's root."""

from django.core import mail
from django.test import TestCase, override_settings

from wagtail.models import Page

from cms.editorial.roles import EDITORS
from cms.models import Feedback
from tests.cms.test_feedback import ORIGIN, feedback_release
from tests.cms.test_workflows import PASSWORD, make_user

PROXY = "10.0.0.1"


def login(client, username, password, client_address):
    """A login through one reverse proxy that appends X-Forwarded-For."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=5)
class LoginBehindProxyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-proxy", EDITORS, email="r@example.org")

    def logged_in(self, response):
        return response.status_code == 302 and "_auth_user_id" in self.client.session

    def test_an_attacker_cannot_lock_the_editor_out(self):
        for _ in range(6):
            login(self.client, "redaktor-proxy", "fel-lösenord", "203.0.113.66")
        # The attacker's address is locked...
        response = login(self.client, "redaktor-proxy", PASSWORD, "203.0.113.66")
        self.assertFalse(self.logged_in(response))
        # ...the editor, at her own address behind the same proxy, is not.
        response = login(self.client, "redaktor-proxy", PASSWORD, "198.51.100.20")
        self.assertTrue(self.logged_in(response))

    def test_a_spoofed_forwarded_header_does_not_help(self):
        for _ in range(6):
            login(self.client, "redaktor-proxy", "fel", "1.2.3.4, 203.0.113.66")
        # The proxy appended the real address last; the spoofed one is ignored.
        response = login(
            self.client, "redaktor-proxy", PASSWORD, "9.9.9.9, 203.0.113.66"
        )
        self.assertFalse(self.logged_in(response))

    @override_settings(LOGIN_FAILURES_PER_ADDRESS=10)
    def test_password_spraying_from_one_address_is_stopped(self):
        for n in range(10):
            login(self.client, f"anvandare-{n}", "Sommar2026!", "203.0.113.99")
        response = login(self.client, "redaktor-proxy", PASSWORD, "203.0.113.99")
        self.assertFalse(self.logged_in(response))
        # Others are not affected.
        response = login(self.client, "redaktor-proxy", PASSWORD, "198.51.100.21")
        self.assertTrue(self.logged_in(response))


@override_settings(
    TRUSTED_PROXY_COUNT=1, PASSWORD_RESETS_PER_ADDRESS=3, PASSWORD_RESETS_PER_EMAIL=2
)
class PasswordResetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_user("redaktor-reset", EDITORS, email="reset@example.org")

    def reset(self, email, address):
        return self.client.post(
            "/admin/password_reset/",
            {"email": email},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        )

    def test_reset_mail_is_limited_per_email_address(self):
        for _ in range(2):
            self.assertEqual(
                self.reset("reset@example.org", "203.0.113.5").status_code, 302
            )
        response = self.reset("reset@example.org", "198.51.100.9")
        self.assertEqual(response.status_code, 429)
        self.assertIn("För många", response.content.decode())
        self.assertEqual(len(mail.outbox), 2)

    def test_reset_requests_are_limited_per_address(self):
        for n in range(3):
            self.reset(f"okand-{n}@example.org", "203.0.113.6")
        self.assertEqual(
            self.reset("reset@example.org", "203.0.113.6").status_code, 429
        )
        self.assertEqual(len(mail.outbox), 0)


@override_settings(FEEDBACK_RATE_LIMIT=3, TRUSTED_PROXY_COUNT=1)
class FeedbackLimitTests(TestCase):
    def answer(self, page_id, user_agent, address="203.0.113.7"):
        return self.client.post(
            "/feedback/",
            {"page": page_id, "answer": "yes"},
            HTTP_ORIGIN=ORIGIN,
            HTTP_USER_AGENT=user_agent,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        )

    def test_changing_the_user_agent_does_not_reset_the_limit(self):
        page = feedback_release(slug_sv="strypning-testsvar").pk
        for n in range(3):
            self.assertEqual(self.answer(page, f"Webbläsare {n}").status_code, 303)
        self.assertEqual(self.answer(page, "Webbläsare 99").status_code, 429)
        # Another reader behind the same proxy is not limited.
        self.assertEqual(self.answer(page, "X", "198.51.100.30").status_code, 303)

    def test_the_trees_root_takes_no_feedback(self):
        root = Page.get_first_root_node()
        response = self.answer(root.pk, "X")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Feedback.objects.filter(page=root).exists())

"""Create the first administrator if there is none: ``python manage.py ensure_admin``.

Username and password come from DJANGO_SUPERUSER_USERNAME and
DJANGO_SUPERUSER_PASSWORD. Without a password a random one is generated and printed
once; it is never stored anywhere but in the (hashed) user row.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS


class Command(BaseCommand):
    help = "Create an administrator account unless one exists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create a demo user per editorial role, with the same password.",
        )

    def handle(self, *args, demo_users=False, **options):
        password = self._ensure_admin()
        if demo_users and password:
            self._ensure_demo_users(password)

    def _ensure_demo_users(self, password):
        user_model = get_user_model()
        for username, group_name in (
            ("redaktor", EDITORS),
            ("granskare", PUBLISHERS),
            ("oversattare", TRANSLATORS),
        ):
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            if created:
                user.set_password(password)
                user.save()
                self.stdout.write(f"Created demo user '{username}' ({group_name}).")
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                user.groups.add(group)

    def _ensure_admin(self) -> str:
        """Create the administrator; return the password when it is known."""
        user_model = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@example.org")
        existing = user_model.objects.filter(username=username).first()
        if existing is not None:
            if password and not existing.check_password(password):
                existing.set_password(password)
                existing.save(update_fields=["password"])
                self.stdout.write(
                    f"Updated the password of administrator '{username}'."
                )
            else:
                self.stdout.write(f"Administrator '{username}' already exists.")
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=username, email=email, password=password
        )
        self.stdout.write(self.style.SUCCESS(f"Created administrator '{username}'."))
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Generated password (shown once, write it down): {password}"
                )
            )
        return password

"""Export the web archive for the e-archive, or check an exported package.

manage.py export_web_archive --since 2026-01-01 --until 2027-01-01 -o 2026.zip
manage.py export_web_archive --page 42 -o press.zip     (a subtree)
manage.py export_web_archive --check 2026.zip
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from records.export import PackageError, read_package, select, write_package


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = "Write the web archive's snapshots as an E-ARK SIP package (zip)."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, help="first day (YYYY-MM-DD)")
        parser.add_argument("--until", type=_date, help="day after the last")
        parser.add_argument("--page", type=int, help="only this page and below")
        parser.add_argument("-o", "--output", help="the zip file to write")
        parser.add_argument("--check", metavar="ZIP", help="check a package")

    def handle(self, *args, **options):
        try:
            if options["check"]:
                entries = read_package(options["check"])
                self.stdout.write(f"{options['check']}: {len(entries)} snapshots, OK")
                return
            if not options["output"]:
                raise CommandError("Give --output FILE.zip (or --check FILE.zip)")
            snapshots = select(options["since"], options["until"], options["page"])
            summary = write_package(snapshots, options["output"])
        except (PackageError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{options['output']}: {summary['snapshots']} snapshots ({summary['name']})"
        )

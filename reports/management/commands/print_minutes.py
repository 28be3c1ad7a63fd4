"""Print a meeting's minutes to a PDF file, for batch printing by admins (no queue involved)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting
from reports.documents import minutes
from reports.pdf.render import render


class Command(BaseCommand):
    help = "Write the minutes of meeting MEETING_ID to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--output", required=True, help="The PDF file to write.")
        parser.add_argument("--lang", help="fa, sq or en; the council's language if not given.")

    def handle(self, *args, meeting_id, output, lang, **options):
        meeting = Meeting.objects.select_related("council").filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(f"There is no meeting {meeting_id}.")
        language = lang or meeting.council.language
        if language not in dict(settings.LANGUAGES):
            raise CommandError(f"Unknown language {language!r}: use one of {', '.join(dict(settings.LANGUAGES))}.")
        data = render(minutes(meeting, language))
        Path(output).write_bytes(data)
        self.stdout.write(
            f"{output}: {len(data):,} bytes, minutes of meeting {meeting.number}/{meeting.year} ({language})"
        )

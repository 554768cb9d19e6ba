from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from themes.story_loading import StoryDocumentError, read_story_document, stories_load


class Command(BaseCommand):
    help = (
        "Load theme stories published before the tracker (fixtures/theme-stories.json), word "
        "for word. Run after load_plan, which loads the themes. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path)

    def handle(self, *args, path: Path | None = None, **options):
        path = path or Path(settings.BASE_DIR) / "fixtures" / "theme-stories.json"
        try:
            counts = stories_load(document=read_story_document(path))
        except StoryDocumentError as exc:
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(f"{path} was not loaded; nothing was changed:\n{problems}") from exc
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"{path}: {summary}.")

"""No code reads files as paths under MEDIA_ROOT: report files and meeting packs go through
Django's storage API (core/files.py), so a deployment on several hosts can keep them in shared
object storage. Only settings may name MEDIA_ROOT (the local storage's folder)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The settings that define the folder; tests may point it at a temporary one.
ALLOWED = {"tracker/settings.py", "devtools/settings.py", "devtools/test_settings.py"}
SKIPPED_FOLDERS = {"tests", "node_modules", "staticfiles", "media", "var"}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        top = relative.parts[0]
        if top.startswith(".") or top in SKIPPED_FOLDERS or relative.as_posix() in ALLOWED:
            continue
        yield relative.as_posix(), path


def test_no_code_outside_settings_names_media_root():
    sources = dict(_sources())
    # The search must see the code that used to read MEDIA_ROOT, or it proves nothing.
    assert {"reports/views.py", "reports/services.py", "tracker/backup.py"} <= set(sources)
    offenders = [
        f"{name}:{number}: {line.strip()}"
        for name, path in sources.items()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "MEDIA_ROOT" in line
    ]
    assert not offenders, "Read files through core.files, not MEDIA_ROOT:\n" + "\n".join(offenders)

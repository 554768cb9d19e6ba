"""Settings for the real worker the browser tests start (tests/celery_process.py BrowserWorker):
the test settings, with the media folder the test process serves from and an email outbox it
can read. The database, the broker and the queue come from the environment, as in production.
"""

import os
from pathlib import Path

from devtools.test_settings import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["TEST_WORKER_MEDIA_ROOT"])
EMAIL_BACKEND = "tests.celery_process.OutboxBackend"

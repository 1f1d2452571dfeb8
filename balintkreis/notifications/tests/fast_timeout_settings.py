"""Settings for subprocess tests that need a sending timeout of seconds."""

import os

from balintkreis.settings import *  # noqa: F403

OUTBOX_SENDING_TIMEOUT_MINUTES = float(os.environ["TEST_SENDING_TIMEOUT_MINUTES"])

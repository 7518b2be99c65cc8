"""``python -m bot``: the same as the ``whosaid`` command."""

import sys

from bot.cli import main

sys.exit(main())

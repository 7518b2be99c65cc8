"""The bot's per-chat state on disk: written atomically, and a damaged file never stops it.

python-telegram-bot's :class:`PicklePersistence` writes the file in place, so a crash, a kill
or a full disk during a flush leaves a truncated pickle, and it refuses to start on one. Here
the file is written to a temporary sibling and renamed over the old one (the rename is
atomic), and a file that cannot be read is moved aside (``<name>.corrupt-<UTC time>``) with a
warning: the bot starts with empty chat state instead of not at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path
from typing import Any

from telegram.ext import PersistenceInput, PicklePersistence

logger = logging.getLogger(__name__)


class StatePersistence(PicklePersistence[Any, Any, Any]):
    """A single-file :class:`PicklePersistence` that keeps only chat data, written atomically."""

    def __init__(self, filepath: Path, *, update_interval: float = 30) -> None:
        super().__init__(
            filepath=filepath,
            # Only chat context is state worth keeping; bot_data holds live objects.
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=False, callback_data=False
            ),
            single_file=True,
            update_interval=update_interval,
        )

    def _load_singlefile(self) -> None:
        try:
            super()._load_singlefile()
        except TypeError as exc:  # what PicklePersistence raises for an unreadable pickle
            aside = self.filepath.with_name(
                f"{self.filepath.name}.corrupt-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"
            )
            os.replace(self.filepath, aside)
            logger.warning(
                "the bot state file %s was unreadable (%s); moved it to %s and started with "
                "empty chat state",
                self.filepath,
                exc,
                aside.name,
            )
            super()._load_singlefile()  # the file is gone now: fresh, empty state

    def _dump_singlefile(self) -> None:
        target = self.filepath
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        self.filepath = temporary
        try:
            super()._dump_singlefile()
            with temporary.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        finally:
            self.filepath = target
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()

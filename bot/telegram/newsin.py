"""Registers the news-in handlers (links, feeds, channels, /follow) and their scheduled jobs.

Registered before the core handlers in the same group, so a forwarded channel post, an admin's
links and the new commands are taken here rather than as a question; everything first passes
the access guard (group -1), which knows the new commands and buttons.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.feeds import feeds_command, poll_job
from bot.telegram.follow import alert_job, follow_command, following_command, unfollow_command
from bot.telegram.links import URLS_ONLY, links_message
from bot.telegram.posts import (
    FROM_CHANNEL,
    channel_command,
    channel_post,
    forwarded_post,
    post_button,
)

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def add_newsin_handlers(application: AnyApplication, admins: frozenset[int]) -> None:
    """Register the handlers of links, feeds, channel posts and follows."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    application.add_handlers(
        [
            CommandHandler("follow", follow_command),
            CommandHandler("following", following_command),
            CommandHandler("unfollow", unfollow_command),
            CommandHandler("feeds", feeds_command),
            CommandHandler("channel", channel_command),
            CallbackQueryHandler(post_button, pattern=f"^{re.escape('post|')}"),
            MessageHandler(private & FROM_CHANNEL, forwarded_post),
            MessageHandler(private & URLS_ONLY & filters.User(user_id=admins), links_message),
            MessageHandler(filters.UpdateType.CHANNEL_POSTS, channel_post),
        ]
    )


def schedule_jobs(application: AnyApplication) -> None:
    """Schedule the feed polls and the alert looks, as the settings ask (after post_init)."""
    deps = application.bot_data.get(DEPS_KEY)
    queue = application.job_queue
    if not isinstance(deps, Deps) or deps.service is None or queue is None:
        return
    settings = getattr(deps.service, "settings", None)
    minutes = float(getattr(settings, "feed_poll_minutes", 0) or 0)
    if minutes > 0:
        queue.run_repeating(poll_job, interval=minutes * 60, first=60, name="feeds")
        logger.info("polling feeds every %g minutes", minutes)
    if deps.settings.alert_seconds > 0:
        queue.run_repeating(
            alert_job, interval=deps.settings.alert_seconds, first=5, name="alerts"
        )

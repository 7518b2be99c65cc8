"""Front ends: the ``whosaid`` command line, the terminal chat and the Telegram bot."""

"""The demo's outbox: every e-mail is written to its own file under `EMAIL_FILE_PATH`
(`var/mail/` by default) and announced by one line in the log, so `make demo` does not
pour dozens of raw messages into the terminal. `serve-demo` selects it for the web
server and the worker; a court's server sends by SMTP instead."""

from __future__ import annotations

import datetime
import logging
import os
import uuid
from collections.abc import Sequence

from django.core.mail.backends import filebased
from django.core.mail.message import EmailMessage

logger = logging.getLogger("benchguard.mail")


class EmailBackend(filebased.EmailBackend):
    # Set by Django's filebased backend; its stubs do not declare them.
    file_path: str
    _fname: str | None

    def _get_filename(self) -> str:
        if self._fname is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{stamp}-{uuid.uuid4().hex[:8]}.eml")
        return self._fname

    def write_message(self, message: EmailMessage) -> None:
        # The bare message, without the console backend's separator line: a valid .eml.
        self.stream.write(message.message().as_bytes())

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            # One file per message, even when a caller sends several on one connection.
            self.close()
            self._fname = None
            if super().send_messages([message]):
                sent += 1
                logger.info(
                    "e-mail to %s: %s -> %s", ", ".join(message.recipients()), message.subject, self._fname
                )
        return sent

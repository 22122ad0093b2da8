"""A local SMTP server for `bench/load.py`: accepts every message the workers send (real
SMTP through Django's mail settings, as a court's relay would) and keeps only a count,
written to `--count-file` on every message. Python 3.11's `smtpd` (the machines here and
many court servers run 3.11; the module is gone in 3.12, where aiosmtpd does this).

    python bench/smtp_sink.py --port 8025 --count-file /tmp/mails
"""

from __future__ import annotations

import argparse
import asyncore
import warnings
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import smtpd


class Sink(smtpd.SMTPServer):
    def __init__(self, address: tuple[str, int], count_file: Path) -> None:
        super().__init__(address, None, decode_data=False)
        self.count, self.count_file = 0, count_file

    def process_message(self, *args: Any, **kwargs: Any) -> None:
        self.count += 1
        self.count_file.write_text(str(self.count), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count-file", type=Path, required=True)
    args = parser.parse_args()
    Sink(("127.0.0.1", args.port), args.count_file)
    asyncore.loop()


if __name__ == "__main__":
    main()

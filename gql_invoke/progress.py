"""A plain-text progress bar on stderr, for long CLI steps (archiving images).

Backups run from cron as often as from a terminal: on a TTY the bar redraws one line
(carriage return, at most ten times a second); anywhere else it prints a line when the
first file is done and at each tenth of the way, with no control characters, so a
mailed cron log stays readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30
_REDRAW_S = 0.1


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


class Progress:
    def __init__(
        self, label: str, total_files: int, total_bytes: int, stream: TextIO | None = None
    ) -> None:
        self.label = label
        self.total_files = total_files
        self.total_bytes = total_bytes
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.files = 0
        self.bytes = 0
        self._last_draw = 0.0
        self._last_tenth = -1

    def _fraction(self) -> float:
        if self.total_bytes:
            return min(1.0, self.bytes / self.total_bytes)
        return 1.0 if not self.total_files else min(1.0, self.files / self.total_files)

    def _text(self) -> str:
        return (
            f"{self.label}: {self._fraction() * 100:3.0f}% ({self.files}/{self.total_files} "
            f"files, {_mb(self.bytes)} of {_mb(self.total_bytes)})"
        )

    def advance(self, n_bytes: int) -> None:
        self.files += 1
        self.bytes += n_bytes
        self._draw(final=False)

    def finish(self) -> None:
        self._draw(final=True)

    def _draw(self, final: bool) -> None:
        if self.tty:
            now = time.monotonic()
            if not final and now - self._last_draw < _REDRAW_S:
                return
            self._last_draw = now
            filled = int(self._fraction() * _WIDTH)
            bar = "#" * filled + "-" * (_WIDTH - filled)
            end = "\n" if final else ""
            self.stream.write(f"\r[{bar}] {self._text()}{end}")
        else:
            tenth = int(self._fraction() * 10)
            if tenth == self._last_tenth and not (final and tenth < 10):
                return
            self._last_tenth = tenth
            self.stream.write(self._text() + "\n")
        self.stream.flush()

"""progress.py: a redrawn bar on a terminal, plain lines (each tenth) anywhere else."""

from __future__ import annotations

import io

from gql_invoke.progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_a_terminal_it_prints_a_plain_line_at_the_start_and_per_tenth() -> None:
    out = io.StringIO()
    bar = Progress("images", 100, 100 * 1_048_576, stream=out)
    for _ in range(100):
        bar.advance(1_048_576)
    bar.finish()
    lines = out.getvalue().splitlines()
    assert len(lines) == 11 and lines[-1] == "images: 100% (100/100 files, 100.0 MB of 100.0 MB)"
    assert lines[0].startswith("images:   1% (1/100") and lines[1].startswith("images:  10%")
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_on_a_terminal_it_redraws_one_line_and_ends_it() -> None:
    out = Tty()
    bar = Progress("images", 2, 0, stream=out)
    bar.advance(0)
    bar.advance(0)
    bar.finish()
    text = out.getvalue()
    assert text.startswith("\r[") and text.endswith("100% (2/2 files, 0.0 MB of 0.0 MB)\n")
    assert text.count("\n") == 1


def test_nothing_to_do_still_says_done() -> None:
    out = io.StringIO()
    Progress("images", 0, 0, stream=out).finish()
    assert out.getvalue() == "images: 100% (0/0 files, 0.0 MB of 0.0 MB)\n"

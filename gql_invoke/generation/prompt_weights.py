"""Prompt weighting, A1111 syntax: ``(word:1.3)``, ``(word)`` x1.1, ``[word]`` /1.1.

Parentheses nest and multiply: ``((word))`` is 1.21. ``\\(`` and ``\\)`` (and the
bracket pair) are literal. An unclosed group runs to the end of the prompt, an
unmatched closer is kept as text, so no prompt is refused. A prompt without any
of these characters is one segment of weight 1 and encodes exactly as before.

Pure Python (no torch): the parser is tested on its own; long_prompts applies the
weights to the embeddings.
"""

from __future__ import annotations

import re

UP = 1.1
DOWN = 1 / 1.1
# A token of the syntax: escapes, openers, "(:number)" closers, plain closers, text.
_TOKENS = re.compile(
    r"\\[()\[\]]|\\|\(|\[|:\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*\)|\)|\]|[^\\()\[\]:]+|:"
)


class _Parser:
    def __init__(self) -> None:
        self.out: list[tuple[str, float]] = []
        self.stack: list[tuple[str, int]] = []  # ("(" or "[", where in out it began)

    def close(self, factor: float) -> None:
        start = self.stack.pop()[1]
        for i in range(start, len(self.out)):
            self.out[i] = (self.out[i][0], self.out[i][1] * factor)

    def open_is(self, kind: str) -> bool:
        return bool(self.stack) and self.stack[-1][0] == kind

    def feed(self, tok: str, number: str | None) -> None:
        if tok.startswith("\\") and len(tok) == 2:
            self.out.append((tok[1], 1.0))
        elif tok in ("(", "["):
            self.stack.append((tok, len(self.out)))
        elif number is not None and self.open_is("("):
            self.close(float(number))
        elif tok == ")" and self.open_is("("):
            self.close(UP)
        elif tok == "]" and self.open_is("["):
            self.close(DOWN)
        else:
            self.out.append((tok, 1.0))

    def finish(self) -> list[tuple[str, float]]:
        while self.stack:  # unclosed: A1111 applies the group's weight to the rest
            self.close(UP if self.stack[-1][0] == "(" else DOWN)
        merged: list[tuple[str, float]] = []
        for text, weight in self.out:
            if merged and merged[-1][1] == weight:
                merged[-1] = (merged[-1][0] + text, weight)
            elif text:
                merged.append((text, weight))
        return merged or [("", 1.0)]


def parse(prompt: str) -> list[tuple[str, float]]:
    """(text, weight) segments of ``prompt``, neighbours of equal weight merged."""
    parser = _Parser()
    for match in _TOKENS.finditer(prompt):
        parser.feed(match.group(0), match.group(1))
    return parser.finish()


def is_plain(segments: list[tuple[str, float]]) -> bool:
    return all(weight == 1.0 for _text, weight in segments)

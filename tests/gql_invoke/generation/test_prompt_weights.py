"""Prompt weighting (A1111 syntax): the parser, and what it does to the embeddings."""

from __future__ import annotations

import pytest
import torch

from gql_invoke.generation import long_prompts
from gql_invoke.generation.prompt_weights import DOWN, UP, parse
from tests.gql_invoke.generation.test_long_prompts import pipe


@pytest.mark.parametrize(
    ("prompt", "segments"),
    [
        ("a red fox", [("a red fox", 1.0)]),
        ("a (fox:1.3) on", [("a ", 1.0), ("fox", 1.3), (" on", 1.0)]),
        ("(a: 0.5)", [("a", 0.5)]),
        ("(fox)", [("fox", UP)]),
        ("((fox))", [("fox", UP * UP)]),
        ("[fog]", [("fog", DOWN)]),
        ("((a) b:2)", [("a", UP * 2), (" b", 2.0)]),
        ("style: anime", [("style: anime", 1.0)]),
        (r"\(literal\) \[x\]", [("(literal) [x]", 1.0)]),
        ("open (ended", [("open ", 1.0), ("ended", UP)]),
        ("stray ) and ] closers", [("stray ) and ] closers", 1.0)]),
        ("", [("", 1.0)]),
    ],
)
def test_the_parser_reads_a1111_weights(prompt: str, segments: list[tuple[str, float]]) -> None:
    assert parse(prompt) == segments


def test_a_weight_changes_the_embeddings_but_not_the_tokens_or_their_mean() -> None:
    sd = pipe("sd")
    with torch.inference_mode():
        plain = long_prompts.encode(sd, "a red fox", "")
        weighted = long_prompts.encode(sd, "a (red:1.5) fox", "")
        escaped = long_prompts.encode(sd, r"a \(red\) fox", "")
        literal = long_prompts.encode(sd, "a (red) fox".replace("(", "").replace(")", ""), "")
    a, b = plain.kwargs["prompt_embeds"], weighted.kwargs["prompt_embeds"]
    assert weighted.prompt_tokens == plain.prompt_tokens == 7  # the syntax is no token
    assert not torch.equal(a, b)
    assert torch.allclose(a.mean(), b.mean(), atol=1e-5)  # scaled back, as A1111 does
    assert escaped.prompt_tokens == 9  # the escaped parentheses are text
    assert torch.equal(literal.kwargs["prompt_embeds"], a)

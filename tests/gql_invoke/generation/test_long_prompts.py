"""Long prompts: 75-token chunks, encoded alone and concatenated; short ones as diffusers."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import torch

from gql_invoke.generation import long_prompts
from gql_invoke.generation.pipelines import load_pipeline
from tests import queue_support, tiny_models

_pipes: dict[str, Any] = {}


def pipe(kind: str) -> Any:
    if kind not in _pipes:
        if kind == "sd":
            path = queue_support.demo_model_dir()
        else:
            path = tiny_models.build_tiny_sdxl(Path(tempfile.mkdtemp()) / "xl")
        _pipes[kind] = load_pipeline(path, "diffusers", torch.device("cpu"), torch.float32)
    return _pipes[kind]


def test_a_short_prompt_encodes_exactly_as_diffusers_does() -> None:
    sd = pipe("sd")
    with torch.inference_mode():
        ours = long_prompts.encode(sd, "a red fox", "fog")
        theirs, negative = sd.encode_prompt("a red fox", torch.device("cpu"), 1, True, "fog")
    assert torch.equal(ours.kwargs["prompt_embeds"], theirs)
    assert torch.equal(ours.kwargs["negative_prompt_embeds"], negative)
    assert (ours.prompt_tokens, ours.negative_tokens) == (7, 3)  # a</w> r e d</w> f o x</w>


@pytest.mark.parametrize(("letters", "chunks"), [(75, 1), (76, 2), (150, 2), (300, 4)])
def test_long_prompts_take_one_77_token_row_per_75_tokens(letters: int, chunks: int) -> None:
    sd = pipe("sd")
    with torch.inference_mode():
        out = long_prompts.encode(sd, "x" * letters, "")  # one token per letter
    assert out.prompt_tokens == letters
    assert out.kwargs["prompt_embeds"].shape == (1, 77 * chunks, 32)
    # The negative prompt is padded to the same length (CFG stacks the two).
    assert out.kwargs["negative_prompt_embeds"].shape == (1, 77 * chunks, 32)


def test_the_first_chunk_of_a_long_prompt_is_its_first_75_tokens() -> None:
    sd = pipe("sd")
    # Five tokens a word (the last letter carries the end-of-word mark): 15 words are 75.
    with torch.inference_mode():
        whole = long_prompts.encode(sd, " ".join(["abcde"] * 60), "").kwargs["prompt_embeds"]
        head = long_prompts.encode(sd, " ".join(["abcde"] * 15), "").kwargs["prompt_embeds"]
    assert torch.equal(whole[:, :77], head)


def test_sdxl_uses_both_encoders_and_the_pooled_embedding() -> None:
    xl = pipe("sdxl")
    with torch.inference_mode():
        out = long_prompts.encode(xl, "y" * 100, "")
        theirs = xl.encode_prompt("y" * 50, device=torch.device("cpu"), negative_prompt="z")
        short = long_prompts.encode(xl, "y" * 50, "z")
    assert out.kwargs["prompt_embeds"].shape == (1, 154, 64)  # 32 + 32 side by side
    assert out.kwargs["pooled_prompt_embeds"].shape == (1, 32)
    # An empty negative prompt gives zeros, as diffusers' force_zeros_for_empty_prompt.
    assert not out.kwargs["negative_prompt_embeds"].any()
    assert torch.equal(short.kwargs["prompt_embeds"], theirs[0])
    assert torch.equal(short.kwargs["negative_prompt_embeds"], theirs[1])
    assert torch.equal(short.kwargs["pooled_prompt_embeds"], theirs[2])
    assert torch.equal(short.kwargs["negative_pooled_prompt_embeds"], theirs[3])

"""Prompts of any length: CLIP embeddings in chunks of 75 tokens, concatenated.

CLIP reads at most 77 tokens (75 + begin/end), and diffusers cuts a longer
prompt there without a word. Like A1111, the tokens are split into chunks of
75, each chunk is wrapped in BOS/EOS, padded to 77 and encoded on its own, and
the embeddings are concatenated along the sequence axis; the UNet's
cross-attention takes any sequence length. The negative prompt is encoded to
the same number of chunks (classifier-free guidance stacks the two). A prompt
of up to 75 tokens encodes exactly as diffusers would encode it.

SDXL: both text encoders, their penultimate hidden states side by side, and
the pooled embedding of the second encoder's first chunk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch


@dataclass(frozen=True)
class PromptEmbeds:
    """What the pipeline call takes instead of the prompt strings."""

    kwargs: dict[str, torch.Tensor]
    prompt_tokens: int  # the prompt's tokens, all of them used
    negative_tokens: int


def _token_ids(tokenizer: Any, text: str) -> list[int]:
    # verbose=False: the "longer than 77" warning is what this module is about.
    ids: list[int] = tokenizer(
        text, add_special_tokens=False, truncation=False, verbose=False
    ).input_ids
    return ids


def _chunks(tokenizer: Any, ids: list[int], count: int) -> list[list[int]]:
    """``count`` rows of model_max_length ids: BOS, up to 75 tokens, EOS, padding."""
    width = int(tokenizer.model_max_length)
    size = width - 2
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    rows = []
    for i in range(count):
        part = ids[i * size : (i + 1) * size]
        row = [tokenizer.bos_token_id, *part, tokenizer.eos_token_id]
        rows.append(row + [pad] * (width - len(row)))
    return rows


def chunk_count(tokenizer: Any, *texts: str) -> int:
    """How many 75-token chunks the longest of ``texts`` needs (at least one)."""
    size = int(tokenizer.model_max_length) - 2
    longest = max(len(_token_ids(tokenizer, t)) for t in texts)
    return max(1, -(-longest // size))


def _encode(encoder: Any, rows: list[list[int]], penultimate: bool) -> tuple[torch.Tensor, Any]:
    ids = torch.tensor(rows, dtype=torch.long, device=encoder.device)
    out = encoder(ids, output_hidden_states=penultimate)
    hidden = out.hidden_states[-2] if penultimate else out[0]
    # One row per chunk -> one sequence of all chunks: (1, chunks * 77, dim).
    return hidden.reshape(1, -1, hidden.shape[-1]), out


def encode_sd(pipe: Any, prompt: str, negative: str) -> PromptEmbeds:
    """SD1/SD2: prompt_embeds and negative_prompt_embeds of the same length."""
    tok = pipe.tokenizer
    count = chunk_count(tok, prompt, negative)
    embeds, _ = _encode(pipe.text_encoder, _chunks(tok, _token_ids(tok, prompt), count), False)
    neg, _ = _encode(pipe.text_encoder, _chunks(tok, _token_ids(tok, negative), count), False)
    return PromptEmbeds(
        {"prompt_embeds": embeds, "negative_prompt_embeds": neg},
        len(_token_ids(tok, prompt)),
        len(_token_ids(tok, negative)),
    )


def _encode_xl(pipe: Any, text: str, count: int) -> tuple[torch.Tensor, torch.Tensor]:
    first, _ = _encode(
        pipe.text_encoder, _chunks(pipe.tokenizer, _token_ids(pipe.tokenizer, text), count), True
    )
    tok2 = pipe.tokenizer_2
    second, out = _encode(pipe.text_encoder_2, _chunks(tok2, _token_ids(tok2, text), count), True)
    pooled = out[0][:1]  # text_embeds of the first chunk, as A1111 does
    return torch.cat([first, second], dim=-1), pooled


def encode_sdxl(pipe: Any, prompt: str, negative: str) -> PromptEmbeds:
    """SDXL: both encoders, pooled embeddings too; an empty negative prompt gives zeros
    when the model says so (force_zeros_for_empty_prompt), as diffusers does."""
    count = max(
        chunk_count(pipe.tokenizer, prompt, negative),
        chunk_count(pipe.tokenizer_2, prompt, negative),
    )
    embeds, pooled = _encode_xl(pipe, prompt, count)
    if not negative and getattr(pipe.config, "force_zeros_for_empty_prompt", False):
        neg, neg_pooled = torch.zeros_like(embeds), torch.zeros_like(pooled)
    else:
        neg, neg_pooled = _encode_xl(pipe, negative, count)
    return PromptEmbeds(
        {
            "prompt_embeds": embeds,
            "pooled_prompt_embeds": pooled,
            "negative_prompt_embeds": neg,
            "negative_pooled_prompt_embeds": neg_pooled,
        },
        len(_token_ids(pipe.tokenizer, prompt)),
        len(_token_ids(pipe.tokenizer, negative)),
    )


def encode(pipe: Any, prompt: str, negative: str) -> PromptEmbeds:
    """The embeddings of ``prompt`` and ``negative`` for ``pipe`` (SD or SDXL), never cut."""
    if getattr(pipe, "text_encoder_2", None) is not None:
        return encode_sdxl(pipe, prompt, negative)
    return encode_sd(pipe, prompt, negative)

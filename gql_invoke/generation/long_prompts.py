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

Weights (``(word:1.3)``, generation/prompt_weights.py) scale each token's embedding,
then the whole is scaled back to its unweighted mean, as A1111 does (so a weight
changes the balance between words, not the overall magnitude).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

from gql_invoke.generation import prompt_weights


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


def _weighted_ids(tokenizer: Any, text: str) -> tuple[list[int], list[float] | None]:
    """Token ids of ``text`` without its weighting syntax, and their weights (None: all 1)."""
    segments = prompt_weights.parse(text)
    if prompt_weights.is_plain(segments):
        return _token_ids(tokenizer, "".join(t for t, _w in segments)), None
    ids: list[int] = []
    weights: list[float] = []
    for part, weight in segments:
        part_ids = _token_ids(tokenizer, part)
        ids += part_ids
        weights += [weight] * len(part_ids)
    return ids, weights


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


def _weigh(hidden: torch.Tensor, tokenizer: Any, weights: list[float] | None) -> torch.Tensor:
    """Token embeddings times their weights, scaled back to the unweighted mean."""
    if weights is None:
        return hidden
    width = int(tokenizer.model_max_length)
    size, count = width - 2, hidden.shape[1] // width
    per_position: list[float] = []
    for i in range(count):
        part = weights[i * size : (i + 1) * size]
        per_position += [1.0, *part] + [1.0] * (width - 1 - len(part))
    scale = torch.tensor(per_position, dtype=hidden.dtype, device=hidden.device)
    weighted = hidden * scale.reshape(1, -1, 1)
    return weighted * (hidden.mean() / weighted.mean())


def chunk_count(tokenizer: Any, *texts: str) -> int:
    """How many 75-token chunks the longest of ``texts`` needs (at least one)."""
    size = int(tokenizer.model_max_length) - 2
    longest = max(len(_weighted_ids(tokenizer, t)[0]) for t in texts)
    return max(1, -(-longest // size))


def _encode(encoder: Any, rows: list[list[int]], penultimate: bool) -> tuple[torch.Tensor, Any]:
    ids = torch.tensor(rows, dtype=torch.long, device=encoder.device)
    out = encoder(ids, output_hidden_states=penultimate)
    hidden = out.hidden_states[-2] if penultimate else out[0]
    # One row per chunk -> one sequence of all chunks: (1, chunks * 77, dim).
    return hidden.reshape(1, -1, hidden.shape[-1]), out


def _encode_text(
    encoder: Any, tokenizer: Any, text: str, count: int, penultimate: bool
) -> tuple[torch.Tensor, Any, int]:
    ids, weights = _weighted_ids(tokenizer, text)
    hidden, out = _encode(encoder, _chunks(tokenizer, ids, count), penultimate)
    return _weigh(hidden, tokenizer, weights), out, len(ids)


def encode_sd(pipe: Any, prompt: str, negative: str) -> PromptEmbeds:
    """SD1/SD2: prompt_embeds and negative_prompt_embeds of the same length."""
    tok, enc = pipe.tokenizer, pipe.text_encoder
    count = chunk_count(tok, prompt, negative)
    embeds, _, n_prompt = _encode_text(enc, tok, prompt, count, False)
    neg, _, n_negative = _encode_text(enc, tok, negative, count, False)
    return PromptEmbeds(
        {"prompt_embeds": embeds, "negative_prompt_embeds": neg}, n_prompt, n_negative
    )


def _encode_xl(pipe: Any, text: str, count: int) -> tuple[torch.Tensor, torch.Tensor, int]:
    first, _, n = _encode_text(pipe.text_encoder, pipe.tokenizer, text, count, True)
    second, out, _ = _encode_text(pipe.text_encoder_2, pipe.tokenizer_2, text, count, True)
    pooled = out[0][:1]  # text_embeds of the first chunk, as A1111 does
    return torch.cat([first, second], dim=-1), pooled, n


def encode_sdxl(pipe: Any, prompt: str, negative: str) -> PromptEmbeds:
    """SDXL: both encoders, pooled embeddings too; an empty negative prompt gives zeros
    when the model says so (force_zeros_for_empty_prompt), as diffusers does."""
    count = max(
        chunk_count(pipe.tokenizer, prompt, negative),
        chunk_count(pipe.tokenizer_2, prompt, negative),
    )
    embeds, pooled, n_prompt = _encode_xl(pipe, prompt, count)
    if not negative and getattr(pipe.config, "force_zeros_for_empty_prompt", False):
        neg, neg_pooled, n_negative = torch.zeros_like(embeds), torch.zeros_like(pooled), 0
    else:
        neg, neg_pooled, n_negative = _encode_xl(pipe, negative, count)
    return PromptEmbeds(
        {
            "prompt_embeds": embeds,
            "pooled_prompt_embeds": pooled,
            "negative_prompt_embeds": neg,
            "negative_pooled_prompt_embeds": neg_pooled,
        },
        n_prompt,
        n_negative,
    )


def encode(pipe: Any, prompt: str, negative: str) -> PromptEmbeds:
    """The embeddings of ``prompt`` and ``negative`` for ``pipe`` (SD or SDXL), never cut."""
    if getattr(pipe, "text_encoder_2", None) is not None:
        return encode_sdxl(pipe, prompt, negative)
    return encode_sd(pipe, prompt, negative)

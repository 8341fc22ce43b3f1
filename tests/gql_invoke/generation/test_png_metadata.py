"""Our metadata as InvokeAI's and A1111's chunks, and back from any of the three."""

from __future__ import annotations

import json

from gql_invoke.generation.png_metadata import (
    A1111_KEY,
    INVOKEAI_KEY,
    OUR_KEY,
    interop_chunks,
    read_chunks,
)

META = {
    "prompt": "a red fox, autumn",
    "negativePrompt": "blurry",
    "model": "demo-tiny-sd",
    "width": 512,
    "height": 384,
    "steps": 20,
    "cfgScale": 7.5,
    "scheduler": "EULER_A",
    "seed": 4294967295,
}


def test_generated_metadata_becomes_invokeai_and_a1111_chunks() -> None:
    chunks = interop_chunks(META)
    invoke = json.loads(chunks[INVOKEAI_KEY])
    assert invoke == {
        "positive_prompt": "a red fox, autumn",
        "negative_prompt": "blurry",
        "seed": 4294967295,
        "steps": 20,
        "cfg_scale": 7.5,
        "scheduler": "euler_a",
        "width": 512,
        "height": 384,
        "model": {"key": "demo-tiny-sd", "name": "demo-tiny-sd"},
    }
    assert chunks[A1111_KEY] == (
        "a red fox, autumn\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, "
        "CFG scale: 7.5, Seed: 4294967295, Size: 512x384, Model: demo-tiny-sd"
    )


def test_no_prompt_no_interop_chunks() -> None:
    assert interop_chunks({"boardFallback": {}}) == {}


def test_each_chunk_reads_back_to_our_names() -> None:
    chunks = interop_chunks(META)
    assert read_chunks({INVOKEAI_KEY: chunks[INVOKEAI_KEY]}) == META
    assert read_chunks({A1111_KEY: chunks[A1111_KEY]}) == META
    assert read_chunks({OUR_KEY: json.dumps(META)}) == META


def test_ours_comes_first_then_invokeai_then_a1111() -> None:
    chunks = {
        A1111_KEY: "from a1111\nSteps: 5, Seed: 1",
        INVOKEAI_KEY: json.dumps({"positive_prompt": "from invokeai"}),
    }
    assert read_chunks(chunks) == {"prompt": "from invokeai"}
    assert read_chunks({**chunks, OUR_KEY: json.dumps({"prompt": "ours"})}) == {"prompt": "ours"}


def test_a_real_a1111_text_with_unknown_fields_and_a_multiline_prompt() -> None:
    text = (
        "masterpiece, a castle\non a hill\nNegative prompt: lowres\n"
        "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6, Seed: 123, "
        "Size: 768x512, Model hash: abc123, Model: dreamshaper_8, Version: v1.9"
    )
    assert read_chunks({A1111_KEY: text}) == {
        "prompt": "masterpiece, a castle\non a hill",
        "negativePrompt": "lowres",
        "steps": 28,
        "scheduler": "DPMPP_2M",
        "cfgScale": 6.0,
        "seed": 123,
        "width": 768,
        "height": 512,
        "model": "dreamshaper_8",
    }


def test_untrusted_chunks_keep_only_known_fields_of_the_right_type() -> None:
    hostile = {"prompt": "x" * 20_000, "seed": "1", "steps": True, "cfgScale": "nan", "a": 1}
    assert read_chunks({OUR_KEY: json.dumps(hostile)}) == {"prompt": "x" * 10_000}
    assert read_chunks({OUR_KEY: "not json"}) is None
    assert read_chunks({OUR_KEY: "[1, 2]", INVOKEAI_KEY: "{}"}) is None
    assert read_chunks({}) is None

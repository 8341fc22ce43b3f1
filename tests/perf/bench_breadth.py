"""Generation-breadth benchmark: img2img, inpainting and txt2img + LoRA through a real
`gql-invoke serve` against a plain diffusers loop, and the cost of switching LoRAs.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_breadth.py [--images 10] [--rounds 3] [--device cpu]

The server and its raw counterpart are bench_generation.py's (the same Server
class: single-user `serve` with worker processes; raw: a child process that loads
the same demo model with gql_invoke's load_pipeline). Cases at 128x128, 12 steps,
Euler, CFG 7.5:

- img2img: strength 0.75 from a 128x128 image the server made (raw: the same PNG,
  StableDiffusionImg2ImgPipeline.from_pipe);
- inpaint: the same with another server image as the mask (raw: the same two PNGs,
  StableDiffusionInpaintPipeline.from_pipe);
- txt2img_lora: one tiny LoRA at weight 0.8 (tests/tiny_models.py). The raw loop
  loads it once, as a script would; the server applies and removes it every job.

Rounds alternate raw and server per case; each case's best of rounds is compared.

LoRA switch cost: three server batches of --images jobs, one mutation per job, with
no LoRA, always LoRA A, and alternating A and B; per job, (LoRA A - none) is the cost
of applying a LoRA and (alternating - always A) the extra cost of a switch, in ms.

Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

from tests.perf import bench_generation as bg  # noqa: E402

SIZE, STEPS, STRENGTH, LORA_WEIGHT = 128, 12, 0.75, 0.8
CASES = ("img2img", "inpaint", "txt2img_lora")
TARGET = 0.97
INSTALL = "mutation($i: ModelInstallInput!){ installModel(input: $i){ key } }"
IMAGE = "query($id: ID!){ queueItem(id: $id){ images { id url } } }"


def _generation(case: str, ids: dict[str, str], seed: int = 0) -> dict[str, Any]:
    g = bg._generation(SIZE, STEPS) | {"seed": seed}
    if case in ("img2img", "inpaint"):
        g |= {"initImageId": ids["init"], "strength": STRENGTH}
    if case == "inpaint":
        g["maskImageId"] = ids["mask"]
    if case == "txt2img_lora":
        g["loras"] = [{"model": ids["lora_a"], "weight": LORA_WEIGHT}]
    return g


async def _run_items(server: bg.Server, generations: list[dict[str, Any]]) -> float:
    """One enqueue per generation; seconds until all are COMPLETED."""
    ws = await bg._ws(server.url)
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": bg.EVENTS}}))
    await asyncio.sleep(0.2)
    started = time.perf_counter()
    wanted: set[str] = set()
    for g in generations:
        data = await asyncio.to_thread(server.gql, bg.ENQUEUE, {"i": {"generation": g}})
        wanted |= {i["id"] for i in data["enqueue"]["items"]}
    while wanted:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 300))
        item = (msg.get("payload") or {}).get("data", {}).get("queueEvents", {}).get("item") or {}
        if item.get("status") == "COMPLETED":
            wanted.discard(item["id"])
        elif item.get("status") in ("FAILED", "CANCELED"):
            raise RuntimeError(f"item {item['id']} {item['status']}")
    elapsed = time.perf_counter() - started
    await ws.close()
    return elapsed


def _server_image(server: bg.Server, dest: Path, seed: int) -> str:
    data = server.gql(
        bg.ENQUEUE, {"i": {"generation": bg._generation(SIZE, STEPS) | {"seed": seed}}}
    )
    item_id = data["enqueue"]["items"][0]["id"]
    deadline = time.monotonic() + 120
    while True:
        images = server.gql(IMAGE, {"id": item_id})["queueItem"]["images"]
        if images:
            dest.write_bytes(server.http.get(images[0]["url"]).content)
            return str(images[0]["id"])
        if time.monotonic() > deadline:
            raise RuntimeError("the source image never came")
        time.sleep(0.1)


def raw_child(model: str, device_name: str, init: str, mask: str, lora: str) -> None:
    """Reads {"case", "n"} lines on stdin, answers {"seconds"} lines on stdout."""
    import torch
    from diffusers import (
        EulerDiscreteScheduler,
        StableDiffusionImg2ImgPipeline,
        StableDiffusionInpaintPipeline,
    )
    from PIL import Image

    from gql_invoke.generation.pipelines import load_pipeline, pick_dtype

    device = torch.device(device_name)
    base = load_pipeline(Path(model), "diffusers", device, pick_dtype(device))
    base.scheduler = EulerDiscreteScheduler.from_config(base.scheduler.config)
    init_image = Image.open(init).convert("RGB")
    mask_image = Image.open(mask).convert("L")
    pipes = {
        "img2img": StableDiffusionImg2ImgPipeline.from_pipe(base),
        "inpaint": StableDiffusionInpaintPipeline.from_pipe(base),
    }
    for pipe in pipes.values():
        pipe.set_progress_bar_config(disable=True)
    lora_pipe = type(base).from_pipe(base)
    lora_pipe.set_progress_bar_config(disable=True)

    def once(case: str, seed: int) -> None:
        kwargs: dict[str, Any] = {
            "prompt": bg.PROMPT,
            "num_inference_steps": STEPS,
            "guidance_scale": bg.CFG,
            "generator": torch.Generator("cpu").manual_seed(seed),
        }
        if case == "img2img":
            pipes[case](image=init_image, strength=STRENGTH, **kwargs)
        elif case == "inpaint":
            pipes[case](
                image=init_image,
                mask_image=mask_image,
                strength=STRENGTH,
                width=SIZE,
                height=SIZE,
                **kwargs,
            )
        else:
            lora_pipe(width=SIZE, height=SIZE, **kwargs)

    lora_pipe.load_lora_weights(lora, adapter_name="a")
    lora_pipe.set_adapters(["a"], adapter_weights=[LORA_WEIGHT])
    for case in CASES:
        for i in range(bg.WARM_UP):
            once(case, 1000 + i)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        ask = json.loads(line)
        started = time.perf_counter()
        for i in range(ask["n"]):
            once(ask["case"], i)
        print(json.dumps({"seconds": time.perf_counter() - started}), flush=True)


class Raw:
    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--raw", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=bg._clean_env(),
        )
        assert self.proc.stdout is not None
        assert json.loads(self.proc.stdout.readline())["ready"]

    def run(self, case: str, n: int) -> float:
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"case": case, "n": n}) + "\n")
        self.proc.stdin.flush()
        return float(json.loads(self.proc.stdout.readline())["seconds"])

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _switch_cost(server: bg.Server, ids: dict[str, str], n: int) -> dict[str, Any]:
    plain = bg._generation(SIZE, STEPS)

    def with_lora(key: str) -> dict[str, Any]:
        return plain | {"loras": [{"model": key, "weight": LORA_WEIGHT}]}

    runs = {
        "none": [plain] * n,
        "always_a": [with_lora(ids["lora_a"])] * n,
        "alternating_a_b": [with_lora(ids["lora_a" if i % 2 else "lora_b"]) for i in range(n)],
    }
    seconds = {name: asyncio.run(_run_items(server, gens)) for name, gens in runs.items()}
    per_job = {name: s / n for name, s in seconds.items()}
    return {
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "apply_lora_ms_per_job": bg._ms(per_job["always_a"] - per_job["none"]),
        "switch_ms_per_job": bg._ms(per_job["alternating_a_b"] - per_job["always_a"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=10, help="images per round and case")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    from gql_invoke.generation.demo import build_demo_model
    from tests import tiny_models

    base = Path(tempfile.mkdtemp(prefix="bench-breadth-"))
    model = build_demo_model(base / "model" / bg.DEMO_KEY)
    lora_a = tiny_models.build_tiny_lora(model, base / "lora-a", seed=1)
    lora_b = tiny_models.build_tiny_lora(model, base / "lora-b", seed=2)
    server = bg.Server(base / "root", model, args.device, "", 0)
    raw: Raw | None = None
    raw_s: dict[str, list[float]] = {c: [] for c in CASES}
    server_s: dict[str, list[float]] = {c: [] for c in CASES}
    try:
        server.wait_ready()
        ids = {
            "init": _server_image(server, base / "init.png", 1),
            "mask": _server_image(server, base / "mask.png", 2),
        }
        for name, path in (("lora_a", lora_a), ("lora_b", lora_b)):
            data = server.gql(INSTALL, {"i": {"source": str(path), "type": "LORA", "name": name}})
            ids[name] = data["installModel"]["key"]
        raw = Raw(
            str(model), args.device, str(base / "init.png"), str(base / "mask.png"), str(lora_a)
        )
        for case in CASES:
            asyncio.run(
                _run_items(server, [_generation(case, ids, 1000 + i) for i in range(bg.WARM_UP)])
            )
        for n in range(args.rounds):
            for case in CASES:
                raw_s[case].append(raw.run(case, args.images))
                gens = [_generation(case, ids, i) for i in range(args.images)]
                server_s[case].append(asyncio.run(_run_items(server, gens)))
            # On stderr as it goes: a run cut short on a busy machine still tells something.
            progress = {"round": n + 1, "raw_s": raw_s, "server_s": server_s}
            print(json.dumps(progress), file=sys.stderr, flush=True)
        switch = _switch_cost(server, ids, args.images)
    finally:
        server.stop()
        if raw is not None:
            raw.stop()
    throughput = {}
    for case in CASES:
        ratio = min(raw_s[case]) / min(server_s[case])
        throughput[case] = {
            "raw_s": [round(s, 3) for s in raw_s[case]],
            "server_s": [round(s, 3) for s in server_s[case]],
            "ratio_raw_over_server_best_of_rounds": round(ratio, 4),
            "target": f">= {TARGET}",
            "met": ratio >= TARGET,
        }
    result = {
        "config": {
            "size": SIZE,
            "steps": STEPS,
            "strength": STRENGTH,
            "images": args.images,
            "rounds": args.rounds,
            "device": args.device,
            "cpu_count": os.cpu_count(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "throughput": throughput,
        "lora_switch": switch,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--raw":
        raw_child(*sys.argv[2:7])
    else:
        main()

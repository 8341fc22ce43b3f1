"""The GPU task loop: one per worker process (worker_process.py), one job at a time.

The loop claims the next item (queue_jobs.claim_next), runs the diffusers
pipeline in a worker thread, publishes progress from the step callback, and
hands the finished image to a background task that stores it, so the GPU
starts the next job while the PNG is written: the gap between two jobs is
one claim (a few ms). When there is nothing to do it sleeps on an
asyncio.Event that enqueue/resume/cancel set; no polling.

Cancellation is checked after every denoising step (generate's should_cancel);
shutdown uses the same path, so the process never exits with a torch thread
still running (that aborts the interpreter), and the interrupted item goes
back to PENDING.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from gql_invoke import events
from gql_invoke.config import Settings
from gql_invoke.errors import DomainError
from gql_invoke.events import EventBus
from gql_invoke.generation import devices
from gql_invoke.services import images, models, queue_jobs, queue_sources, queue_view

log = logging.getLogger("gql_invoke.worker")
# Errors whose message helps the owner (bad input, out of memory, missing model);
# anything else is a bug and only the log gets the details.
_TELLABLE = (DomainError, ValueError, RuntimeError, MemoryError, OSError)
_CANCELED = object()
# What an image was made from besides the prompt, kept in its metadata when used.
_SOURCE_KEYS = ("initImageId", "strength", "maskImageId", "loras", "vae")


class Worker:
    def __init__(
        self,
        settings: Settings,
        bus: EventBus,
        cache: Any = None,
        *,
        device: str | None = None,
        worker_id: str | None = None,
        cpu_threads: int | None = None,
    ) -> None:
        self.settings = settings
        # On the CPU: torch's threads for this worker (None: torch's default, every core).
        self.cpu_threads = cpu_threads
        self.bus = bus
        # Empty: the `device` key, else the best one there is (generation/devices.pick_device).
        self.device_name = device or settings.device
        # Claimed items carry it (their lease is this worker's); None in tests' inline loop.
        self.worker_id = worker_id
        self.current_item: int | None = None
        # torch and diffusers are imported by the first job, in the worker thread:
        # importing them takes seconds, which must not stall start-up or the loop.
        self.cache = cache
        self.device: Any = None
        self.dtype: Any = None
        self._wake = asyncio.Event()
        self._stopping = False
        self._shutdown = threading.Event()  # read by the torch thread
        self._cancel: set[int] = set()
        self._finishing: set[int] = set()
        self._finishers: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        # Always the same thread: torch keeps a pool of compute threads per calling
        # thread, and two pools spinning on the same cores slow every step by half.
        # (CUDA also prefers one thread per device.)
        self._gpu_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gql-invoke-gpu")
        # Set once the next job is on the GPU (or there is none): the finished
        # image is saved after that, so saving it never delays the next claim.
        self._handoff = asyncio.Event()
        self._models: dict[str, Any] = {}
        self._run_pipes: Any = None  # pipelines.RunPipelines, used by the GPU thread only
        # Benchmarks set a list here to get (event, item_id, step, time.time()) tuples.
        self.trace: list[tuple[str, int, int, float]] | None = None

    # --- control (event loop thread) ----------------------------------------------------

    async def start(self) -> None:
        await queue_jobs.recover_interrupted()
        self._task = asyncio.create_task(self._loop(), name="gql-invoke-worker")

    async def stop(self) -> None:
        """Stop claiming, abort the job in flight at its next step, save what is done."""
        self._stopping = True
        self._shutdown.set()
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        self._handoff.set()
        if self._finishers:
            await asyncio.gather(*self._finishers, return_exceptions=True)
        self._gpu_thread.shutdown(wait=True)

    def wake(self) -> None:
        self._wake.set()

    def import_torch(self) -> asyncio.Future[Any]:
        """Starts importing torch and diffusers in the torch thread (warm() waits for it)."""
        return asyncio.get_running_loop().run_in_executor(self._gpu_thread, self._setup)

    async def warm(self) -> None:
        """Import torch and load the default model now, so the first job starts at once."""
        try:
            rec = await models.resolve_model(None)
        except DomainError:
            rec = None  # no model yet: torch is still imported, the first job loads one
        await asyncio.get_running_loop().run_in_executor(self._gpu_thread, self._warm, rec)

    def _warm(self, rec: Any) -> None:
        self._setup()
        if rec is not None:
            self.cache.get(rec.key, models.pipeline_loader(rec, self.device, self.dtype))
            gc.freeze()  # see _generate

    def request_cancel(self, item_id: int) -> bool:
        """Ask the running job to stop; False once its image is being saved (too late)."""
        if item_id in self._finishing:
            return False
        self._cancel.add(item_id)
        return True

    def evict_model(self, key: str) -> None:
        """Drop a cached pipeline (the model was deleted). Never blocks the event loop:
        the cache lock may be held for seconds by a load."""
        self._models.pop(key, None)
        if self._run_pipes is not None:
            self._run_pipes.clear()  # they hold the evicted model's weights
        if self.cache is not None:
            threading.Thread(target=self.cache.evict, args=(key,), daemon=True).start()

    # --- the loop ---------------------------------------------------------------------------

    async def _loop(self) -> None:
        while not self._stopping:
            # Cleared before looking, so a wake() during the claim is not lost.
            self._wake.clear()
            try:
                item = await queue_jobs.claim_next(worker_id=self.worker_id, publish=False)
            except Exception:
                log.exception("could not claim the next queue item")
                await self._sleep(1.0)
                continue
            if item is None:
                self._handoff.set()  # idle: the last image may be saved now
                await self._wake.wait()
                continue
            self.current_item = item.id
            try:
                await self._run(item)
            except Exception:  # the loop must survive anything one job does
                log.exception("queue item %s: unexpected worker error", item.id)
                await queue_jobs.fail(
                    item.id, "internal error (see the server log)", self.worker_id
                )
            finally:
                self.current_item = None

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    async def _model(self, key: str) -> Any:
        rec = self._models.get(key)
        if rec is None:  # raises Invalid (the job fails) if the model was deleted
            rec = self._models[key] = await models.resolve_model(key)
        return rec

    async def _run(self, item: Any) -> None:
        try:
            rec = await self._model(item.model_key)
            # Checked again now, for the owner: access may have gone while it waited.
            sources = await queue_sources.job_sources(item, rec.base)
            report: dict[str, Any] = {}
            job = asyncio.get_running_loop().run_in_executor(
                self._gpu_thread, self._generate, item, rec, sources, report
            )
            # Only now that the GPU has its next job: the IN_PROGRESS event, and the
            # previous job's image may be saved (its queries would delay the claim).
            queue_view.publish_status(item)
            self._handoff.set()
            image = await job
        except _TELLABLE as exc:
            log.warning("queue item %s failed: %s", item.id, exc)
            await queue_jobs.fail(item.id, _message(exc), self.worker_id)
            return
        if image is _CANCELED or item.id in self._cancel:
            if item.id in self._cancel or not self._shutdown.is_set():
                self._cancel.discard(item.id)
                await queue_jobs.canceled(
                    item.id, worker_id=self.worker_id
                )  # usually already CANCELED by the user
            else:  # shutdown: it runs again after the restart
                await queue_jobs.give_back(item.id, self.worker_id)
            return
        self._finishing.add(item.id)
        self._handoff = asyncio.Event()
        task = asyncio.create_task(self._finish(item, image, report, self._handoff))
        self._finishers.add(task)
        task.add_done_callback(self._finishers.discard)

    def _generate(self, item: Any, rec: Any, sources: Any, report: dict[str, Any]) -> Any:
        """In the torch thread: the cached pipeline, then one generation (or _CANCELED)."""
        pipelines = self._setup()
        p = item.params
        req = pipelines.GenerationRequest(
            prompt=p["prompt"],
            negative_prompt=p.get("negativePrompt") or None,
            width=p["width"],
            height=p["height"],
            steps=p["steps"],
            cfg_scale=p["cfgScale"],
            scheduler=p["scheduler"],
            seed=p["seed"],
            init_image=sources.init_image,
            mask_image=sources.mask_image,
            strength=p.get("strength"),
            loras=sources.loras,
            vae=sources.vae,
        )
        on_step, should_cancel = self._callbacks(item, rec.base)
        if should_cancel():  # canceled while waiting for the thread: skip the load
            return _CANCELED
        loaded = rec.key in self.cache
        pipe = self.cache.get(rec.key, models.pipeline_loader(rec, self.device, self.dtype))
        if not loaded:
            # torch, diffusers and the model are millions of long-lived objects; a full
            # garbage collection scanning them stalls every thread for a few hundred ms
            # (progress stops, the GPU idles). Freeze them out of the collector's view.
            gc.freeze()
        trace = self.trace
        if trace is not None:
            trace.append(("start", item.id, 0, time.time()))
        try:
            return pipelines.generate(
                pipe,
                req,
                self.device,
                on_step=on_step,
                should_cancel=should_cancel,
                reuse=self._run_pipes,
                report=report,
            )
        except pipelines.GenerationCanceled:
            return _CANCELED
        finally:
            if trace is not None:
                trace.append(("end", item.id, 0, time.time()))

    def _setup(self) -> Any:
        """In the torch thread: device, dtype and caches, once; returns generation.pipelines."""
        # Here, not at the top: generation.pipelines imports torch and diffusers (seconds),
        # which must not stall start-up; warm() or the first job pays for it, in this thread.
        from gql_invoke.generation import pipelines

        if self.device is None:
            import torch  # here for the same reason (already loaded by pipelines by now)

            name = self.device_name
            # A device this machine lacks is refused here, by name (DeviceUnavailable).
            self.device = devices.checked_device(name) if name else devices.pick_device()
            self.dtype = pipelines.pick_dtype(self.device)
            if self.cpu_threads and self.device.type == "cpu":
                # Several CPU workers on one machine, each with a thread per core, spin
                # against each other in OpenMP: two on two cores ran 9x slower per image
                # than one alone. With their share of the cores each runs at full speed.
                torch.set_num_threads(self.cpu_threads)
        if self.cache is None:
            self.cache = pipelines.PipelineCache(self.settings.pipeline_cache_size)
        if self._run_pipes is None:
            self._run_pipes = pipelines.RunPipelines()
        return pipelines

    def _callbacks(self, item: Any, base: str) -> tuple[Any, Any]:
        # Here, not at the top: generation.preview imports torch (see _generate).
        from gql_invoke.generation.preview import RateLimiter, preview_data_url

        item_id, cancel, shutdown = item.id, self._cancel, self._shutdown
        limiter = RateLimiter(self.settings.previews_per_second) if self.settings.previews else None
        batch_id, owner_id = str(item.batch_id), str(item.owner_id)
        publish, key, trace = self.bus.publish_threadsafe, str(item_id), self.trace

        def on_step(done: int, total: int, latents: Any) -> None:
            now = time.monotonic()
            preview = None
            if limiter is not None and limiter.allow(now):
                preview = preview_data_url(latents, base)
            sent_at = time.time()
            if trace is not None:
                trace.append(("step", item_id, done, sent_at))
            progress = events.GenerationProgress(
                item_id=item_id,
                batch_id=batch_id,
                owner_id=owner_id,
                step=done,
                total=total,
                preview=preview,
                sent_at=sent_at,
            )
            publish(events.PROGRESS, progress, key)

        def should_cancel() -> bool:
            return item_id in cancel or shutdown.is_set()

        return on_step, should_cancel

    async def _finish(
        self, item: Any, image: Any, report: dict[str, Any], handoff: asyncio.Event
    ) -> None:
        await handoff.wait()
        try:
            # A cancel from another process only shows in the database.
            if not await queue_jobs.still_running(item.id, self.worker_id, item.attempts):
                return
            params = item.params
            metadata = {
                k: params[k]
                for k in (
                    "prompt",
                    "negativePrompt",
                    "model",
                    "width",
                    "height",
                    "steps",
                    "cfgScale",
                    "scheduler",
                    "seed",
                    *_SOURCE_KEYS,
                )
                if params.get(k) not in (None, [])
            }
            metadata |= report  # the tokens encoded: nothing of the prompt was cut
            metadata["queueItemId"] = item.id
            await images.store_generated(
                str(item.owner_id), image, metadata, params.get("boardId"), item.id
            )
            await queue_jobs.complete(item.id, self.worker_id, params={**params, **report})
        except Exception as exc:
            if not isinstance(exc, _TELLABLE):
                log.exception("queue item %s: could not store the image", item.id)
            await queue_jobs.fail(
                item.id, f"could not save the image: {_message(exc)}", self.worker_id
            )
        finally:
            self._finishing.discard(item.id)
            self._cancel.discard(item.id)


def _message(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, _TELLABLE):
        return f"{type(exc).__name__}: {exc}"[:2000]
    return "internal error (see the server log)"

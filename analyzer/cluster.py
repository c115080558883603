"""The weekly batch on a Ray cluster: the same batch, its calls scored by Ray actors.

    callreview batch INBOX --cluster ray             # the cluster this machine joined (or $RAY_ADDRESS)
    callreview batch INBOX --cluster ray://HEAD:10001   # Ray Client, from outside the cluster
    callreview batch INBOX --cluster auto            # a private Ray instance for this run

analyzer.batch stays the driver: it skips what this rubric version scored and is the one
writer, one transaction per call. This module only supplies the outcomes (a batch.Runner).

Actors keep what is slow to load. An Analyst holds the rubric and the spaCy pipeline, and on a
cluster without GPUs it also transcribes the recordings it is given (Whisper stays loaded in
it, as in a local batch worker). Where the cluster has GPUs, one Transcriber per GPU holds
faster-whisper there (float16, its batched pipeline) and the Analysts get the transcripts.
Analysts are placed node by node, at most `max_tasks_per_node` on each (never more than its
CPUs); each actor holds at most DEPTH calls, so the calls in flight, and the object store, stay
bounded. Files are read where they lie (the same path on every node) or, with `ship_files`,
sent through the object store with their sidecars.

A worker process that dies is restarted by Ray and its call retried (RETRIES times by Ray, then
RETRIES times more by the driver, on any Analyst); then the call is recorded as failed and the
batch goes on. Analysts on a node that is lost are ended (Ray would restart them elsewhere only
where a CPU is free) and their calls go to the Analysts left. Nothing is stored twice: only the driver
writes, once per call, and the store keys a call by its content hash.
"""
from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from .batch import Outcome, Runner, _init_worker, analyze_one, load_one
from .ingest import AUDIO_SUFFIXES, sidecars

DEPTH = 2  # calls an actor holds at once: one running, one waiting (backpressure)
RETRIES = 2  # a call whose worker dies is tried again this many times, then recorded as failed
AUTO_OBJECT_STORE = 256 * 1024 * 1024  # --cluster auto: outcomes are small; shipped files pass
CONNECT_TIMEOUT_S = 5
NODE_CHECK_S = 5  # how often the driver looks for lost nodes
REST_S = 30  # an Analyst whose worker died gets no calls for this long (its node may be gone)
WHISPER_BATCH = 16  # windows per batch for a GPU Transcriber (faster-whisper BatchedInferencePipeline)


class ClusterError(RuntimeError):
    """The cluster cannot be used (Ray missing, unreachable, no CPU): one line for the user."""


def parse_address(value: str) -> str:
    """`--cluster` as given: 'ray', 'ray://HOST:PORT' or 'auto'; ValueError otherwise."""
    if value in ("ray", "auto") or (value.startswith("ray://") and len(value) > len("ray://")):
        return value
    raise ValueError(f"--cluster must be 'ray', 'ray://HOST:PORT' or 'auto', got '{value}'")


# --- what travels to a worker -------------------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """One call for a worker: `path` as the driver names it, `where` it lies on a shared path,
    or its `files` (the call and its sidecars, by name) when it is shipped."""

    path: str
    where: str = ""
    files: tuple[tuple[str, bytes], ...] = ()


def make_call(path: str, ship: bool) -> Call:
    if not ship:
        return Call(path, where=str(Path(path).resolve()))
    try:
        files = tuple((f.name, f.read_bytes()) for f in (Path(path), *sidecars(path)))
    except OSError:  # gone since it was listed: the worker finds no file and says so
        files = ()
    return Call(path, files=files)


def _loaded(call: Call) -> Outcome:
    """load_one() on the worker's copy of the call, told as if read at the driver's path."""
    if call.where:
        return _as_driver_path(load_one(call.where), call.where, call.path)
    with tempfile.TemporaryDirectory(prefix="callreview-call-") as tmp:
        for name, data in call.files:
            Path(tmp, name).write_bytes(data)
        local = str(Path(tmp, Path(call.path).name))
        return _as_driver_path(load_one(local), local, call.path)


def _as_driver_path(out: Outcome, local: str, path: str) -> Outcome:
    if local == path:
        return out
    here, there = str(Path(local).parent), str(Path(path).parent)
    transcript = replace(out.transcript, source=path) if out.transcript is not None else None
    trace = out.fault and (out.fault[0], out.fault[1].replace(here, there))
    return replace(out, path=path, transcript=transcript,
                   problem=out.problem.replace(here, there), fault=trace)


# --- actors ------------------------------------------------------------------------------------
class Analyst:
    """A Ray actor holding the rubric and the spaCy pipeline (and Whisper once it transcribed)."""

    def __init__(self, rubric: tuple[str, str] | None, render: bool):
        path = None
        if rubric is not None:  # the driver's rubric file, sent as text: no shared path needed
            folder = tempfile.mkdtemp(prefix="callreview-rubric-")
            path = str(Path(folder, rubric[0]))
            Path(path).write_text(rubric[1], encoding="utf-8")
        _init_worker(path, render, threads=1)

    def score(self, call: Call) -> Outcome:
        return analyze_one(_loaded(call))

    def analyze(self, loaded: Outcome) -> Outcome:
        return analyze_one(loaded)


class Transcriber:
    """A Ray actor holding faster-whisper (on its GPU: float16, batched windows)."""

    def __init__(self, whisper_batch: int):
        from .transcribe.engines import BATCH_ENV

        os.environ.setdefault("CALLREVIEW_THREADS", "1")
        if whisper_batch > 1:
            os.environ[BATCH_ENV] = str(whisper_batch)

    def load(self, call: Call) -> Outcome:
        return _loaded(call)


# --- driver ------------------------------------------------------------------------------------
def ray_runner(address: str, max_tasks_per_node: int | None = None, ship_files: bool = False,
               local_cpus: int | None = None, transcribers: int | None = None,
               whisper_batch: int = WHISPER_BATCH) -> Runner:
    """A batch.Runner on the Ray cluster at `address` (see parse_address). `transcribers`:
    Transcriber actors (default: one per GPU, none on a CPU cluster); `local_cpus`: the size
    of an `auto` instance."""
    def results(paths: list[str], rubric_path: str | None, render: bool) -> Iterator[Outcome]:
        ray = _import_ray()
        with _connected(ray, address, local_cpus):
            rubric = None
            if rubric_path:
                rubric = (Path(rubric_path).name, Path(rubric_path).read_text(encoding="utf-8"))
            pool = _Pool(ray, rubric, render, max_tasks_per_node, transcribers, whisper_batch)
            yield from pool.run(paths, ship_files)
    return results


def _import_ray():
    try:
        import ray
    except ImportError:
        raise ClusterError("--cluster needs Ray: pip install 'callreview[cluster]'") from None
    return ray


CLIENT_TRIES = 3
CLIENT_RETRY_S = 3.0


def _check_reachable(address: str) -> None:
    """Fail in seconds, not minutes, when the head is not listening (Ray retries for long)."""
    target = os.environ.get("RAY_ADDRESS", "") if address == "ray" else address
    host, sep, port = target.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return  # none given: Ray looks for a cluster started on this machine, and says so fast
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ClusterError(f"cannot reach the Ray cluster at {target}: "
                           f"{exc.strerror or exc.__class__.__name__}") from None


@contextmanager
def _connected(ray, address: str, local_cpus: int | None):
    quiet = dict(logging_level=logging.WARNING, log_to_driver=False)
    if address != "auto":
        _check_reachable(address)
    # the Ray Client server starts a process per client and can refuse the first try under load
    # ("Initialization failure from server"): a ray:// address gets a few tries
    tries = CLIENT_TRIES if address.startswith("ray://") else 1
    for attempt in range(1, tries + 1):
        try:
            if address == "auto":
                ray.init(address="local", num_cpus=local_cpus or os.cpu_count(),
                         include_dashboard=False, object_store_memory=AUTO_OBJECT_STORE, **quiet)
            else:
                ray.init(address="auto" if address == "ray" else address, **quiet)
            break
        except (ConnectionError, RuntimeError, ValueError) as exc:
            if attempt < tries and not isinstance(exc, ValueError):
                time.sleep(CLIENT_RETRY_S)
                continue
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            raise ClusterError(f"cannot reach the Ray cluster ({address}): {first}") from None
    try:
        yield
    finally:
        ray.shutdown()


class _Pool:
    """Actors placed on the cluster and the loop that keeps each fed with at most DEPTH calls."""

    def __init__(self, ray, rubric, render: bool, per_node: int | None, transcribers: int | None,
                 whisper_batch: int):
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        self.ray = ray
        nodes = [n for n in ray.nodes() if n.get("Alive") and n["Resources"].get("CPU", 0) >= 1]
        if not nodes:
            raise ClusterError("the Ray cluster has no live node with a CPU")
        actor = ray.remote(Analyst)
        self.analysts, self.node_of = [], []
        self.lost: set[int] = set()  # Analysts ended with their node
        for node in nodes:
            cpus = int(node["Resources"]["CPU"])
            for _ in range(min(per_node or cpus, cpus)):
                self.analysts.append(actor.options(
                    num_cpus=1, max_restarts=-1, max_task_retries=RETRIES,
                    # soft: a restarted actor goes elsewhere when its node is gone
                    scheduling_strategy=NodeAffinitySchedulingStrategy(node["NodeID"], soft=True),
                ).remote(rubric, render))
                self.node_of.append(node["NodeID"])
        self.resting = [0.0] * len(self.analysts)  # not fed until then: its worker just died
        gpus = int(ray.cluster_resources().get("GPU", 0))
        count = gpus if transcribers is None else transcribers
        need = {"num_gpus": 1, "num_cpus": 0} if gpus else {"num_cpus": 0}
        self.transcribers = [ray.remote(Transcriber).options(
            max_restarts=-1, max_task_retries=RETRIES, **need).remote(whisper_batch if gpus else 1)
            for _ in range(count)]

    def run(self, paths: list[str], ship: bool) -> Iterator[Outcome]:
        self.ship = ship
        waiting: dict[str, deque] = {"score": deque(), "load": deque(), "analyze": deque()}
        for p in paths:  # recordings go to the Transcribers when there are any
            audio = self.transcribers and p.lower().endswith(AUDIO_SUFFIXES)
            waiting["load" if audio else "score"].append(p)
        load = {"analysts": [0] * len(self.analysts), "transcribers": [0] * len(self.transcribers)}
        inflight: dict = {}  # ObjectRef -> (stage, path, (kind, index))
        died: dict[str, int] = {}  # path -> times its worker died under it
        checked = time.monotonic()
        while any(waiting.values()) or inflight:
            self._feed(waiting, load, inflight)
            if not inflight:  # every Analyst lost or resting
                if len(self.lost) == len(self.analysts):
                    raise ClusterError("every node that held an Analyst is lost: run the batch "
                                       "again to score the calls not stored")
                time.sleep(1)
            ready = self.ray.wait(list(inflight), num_returns=1, timeout=NODE_CHECK_S)[0] \
                if inflight else []
            if time.monotonic() - checked >= NODE_CHECK_S:
                self._drop_lost_nodes()
                checked = time.monotonic()
            if not ready:
                continue
            stage, path, (kind, i) = inflight.pop(ready[0])
            load[kind][i] -= 1
            out = self._get(ready[0], path)
            if isinstance(out, str):  # the worker died: Ray's own retries are spent
                if kind == "analysts":
                    self.resting[i] = time.monotonic() + REST_S
                    self._drop_lost_nodes()
                lost = kind == "analysts" and i in self.lost  # not the call's fault: no count
                died[path] = died.get(path, 0) + (0 if lost else 1)
                if died[path] <= RETRIES:  # another Analyst, or this one after its rest
                    waiting["load" if stage == "analyze" else stage].appendleft(path)
                    continue
                out = Outcome(path, problem=f"its cluster worker died on every try ({out}); "
                                            "not stored")
            if stage == "load" and out.transcript is not None:
                waiting["analyze"].append((ready[0], path))  # the transcript stays put
            else:
                yield out

    def _feed(self, waiting: dict, load: dict, inflight: dict) -> None:
        """Give each actor calls up to DEPTH; a call is read (when shipped) only now."""
        for i, actor in enumerate(self.analysts):
            while (i not in self.lost and self.resting[i] <= time.monotonic()
                   and load["analysts"][i] < DEPTH and (waiting["analyze"] or waiting["score"])):
                if waiting["analyze"]:
                    ref, path = waiting["analyze"].popleft()
                    stage, new = "analyze", actor.analyze.remote(ref)
                else:
                    stage, path = "score", waiting["score"].popleft()
                    new = actor.score.remote(make_call(path, self.ship))
                inflight[new] = (stage, path, ("analysts", i))
                load["analysts"][i] += 1
        room = DEPTH * len(self.analysts) - len(waiting["analyze"])  # transcripts not piling up
        for i, actor in enumerate(self.transcribers):
            while load["transcribers"][i] < DEPTH and waiting["load"] and room > 0:
                path = waiting["load"].popleft()
                inflight[actor.load.remote(make_call(path, self.ship))] = (
                    "load", path, ("transcribers", i))
                load["transcribers"][i] += 1
                room -= 1

    def _drop_lost_nodes(self) -> None:
        """Analysts on a node that is gone may wait for a free CPU to restart on, for ever:
        end them; their calls go to the others."""
        alive = {n["NodeID"] for n in self.ray.nodes() if n.get("Alive")}
        for i, node in enumerate(self.node_of):
            if i not in self.lost and node not in alive:
                self.lost.add(i)
                self.ray.kill(self.analysts[i], no_restart=True)

    def _get(self, ref, path: str) -> Outcome | str:
        """The outcome, or the name of the error when the worker running it died."""
        ray = self.ray
        try:
            return ray.get(ref)
        except (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError) as exc:
            return exc.__class__.__name__
        except ray.exceptions.RayError as exc:
            return Outcome(path, fault=(exc.__class__.__name__, str(exc)))

"""Timing proxies around model-backed components, and the process's peak RSS.

A proxy forwards every attribute to the wrapped object and adds the wall time spent in
the named methods to `seconds`; `calls` counts them and `items` the inputs they got.
"""
from __future__ import annotations

import resource
import sys
import time
from typing import Any, Callable, Iterator


class Timed:
    """`Timed(model, "embed")`: `model.embed(...)` still works and is timed."""

    def __init__(self, inner: Any, *methods: str, record: bool = False) -> None:
        self._inner = inner
        self._methods = frozenset(methods)
        self._record = record
        self.seconds = 0.0
        self.calls = 0
        self.items = 0
        self.inputs: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if name in self._methods and callable(value):
            return self._timed(value)
        return value

    def _timed(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(batch, *args, **kwargs):
            started = time.perf_counter()
            try:
                return method(batch, *args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1
                self.items += len(batch)
                if self._record:
                    self.inputs.extend(batch)

        return call


class MethodTimer:
    """Times one method of one object in place: `MethodTimer(index, "_link_claim").seconds`."""

    def __init__(self, obj: Any, name: str) -> None:
        self.seconds = 0.0
        self.calls = 0
        method = getattr(obj, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        setattr(obj, name, timed)


class TimedPipe:
    """`TimedPipe(nlp)`: `nlp.pipe(...)` still works, and the time spent producing its docs
    is in `seconds` (the pipeline consumes the generator lazily, between other work)."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def pipe(self, texts: Any, **kwargs: Any) -> Iterator[Any]:
        docs = iter(self._nlp.pipe(texts, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - started
            yield doc


class Stopwatch:
    """`with watch("parse"): ...` adds the block's wall time to `watch.seconds["parse"]`."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str) -> _Lap:
        return _Lap(self, name)


class _Lap:
    def __init__(self, watch: Stopwatch, name: str) -> None:
        self._watch, self._name = watch, name

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self._started
        self._watch.seconds[self._name] = self._watch.seconds.get(self._name, 0.0) + elapsed


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """Resident set size now, in MiB (from /proc; falls back to the peak elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except OSError:
        return peak_rss_mb()
    return pages * resource.getpagesize() / (1024 * 1024)

"""Asynchronous analysis: `POST /api/v1/jobs` queues articles too big for one synchronous
request; a worker thread analyses them one job at a time.

The queue is bounded (`Settings.job_queue_size`): when full, a new job is refused with 503
and `Retry-After` rather than piling up work. Jobs live in this process's memory (the
articles they store are in the database): a restart forgets queued jobs, and with several
gunicorn workers a job is visible only on the worker that took it (run one worker, as
docs/service.md recommends). The last `KEEP_FINISHED` finished jobs stay pollable.
"""
from __future__ import annotations

import datetime as dt
import queue
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping, Sequence

from narratives.errors import NarrativesError

KEEP_FINISHED = 1_000
JobStatus = Literal["queued", "running", "done", "failed"]


class QueueFullError(NarrativesError):
    code = "queue_full"
    http_status = 503
    title = "Analysis queue full"
    headers = {"Retry-After": "30"}


@dataclass
class Job:
    id: str
    records: Sequence[Mapping[str, Any]]
    status: JobStatus = "queued"
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    finished_at: dt.datetime | None = None
    articles: list[dict[str, Any]] = field(default_factory=list)  # {"id", "duplicate", "claims"}
    error: dict[str, str] | None = None  # {"code", "message"} of a failed job


class JobQueue:
    """A bounded FIFO of jobs and the one worker thread that runs them with `run`
    (records -> per-article summaries)."""

    def __init__(self, run: Callable[[Sequence[Mapping[str, Any]]], list[dict[str, Any]]], *, capacity: int) -> None:
        self._run = run
        self._queue: queue.Queue[Job] = queue.Queue(maxsize=capacity)
        self.capacity = capacity
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def submit(self, records: Sequence[Mapping[str, Any]]) -> Job:
        job = Job(secrets.token_hex(8), list(records))
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            raise QueueFullError(f"{self.capacity} jobs are already waiting; retry later") from None
        with self._lock:
            self._jobs[job.id] = job
            self._start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def depth(self) -> dict[str, int]:
        with self._lock:
            running = sum(1 for j in self._jobs.values() if j.status == "running")
        return {"queued": self._queue.qsize(), "running": running, "capacity": self.capacity}

    def _start(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="analysis-jobs", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            job.status = "running"
            try:
                job.articles = self._run(job.records)
                job.status = "done"
            except NarrativesError as exc:
                job.error, job.status = {"code": exc.code, "message": exc.message}, "failed"
            except Exception as exc:  # the job fails, the worker lives on  # noqa: BLE001
                job.error, job.status = {"code": "internal_error", "message": type(exc).__name__}, "failed"
            job.finished_at = dt.datetime.now(dt.timezone.utc)
            job.records = ()
            self._forget_old()
            self._queue.task_done()

    def _forget_old(self) -> None:
        with self._lock:
            finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
            for key in finished[: max(0, len(finished) - KEEP_FINISHED)]:
                del self._jobs[key]

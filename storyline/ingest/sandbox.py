"""Running a parser that may loop or explode (pdfminer on a hostile PDF) in a worker process with limits.

A PDF whose objects point at each other makes pdfminer loop for ever, and a compression bomb makes it
inflate gigabytes; neither can be stopped from inside the process. So the parse runs in a long-lived
worker process with an address-space limit (``RLIMIT_AS``), and the caller waits at most a wall time for
its answer; a worker that overran is killed and a fresh one started for the next file.

The worker is started with ``subprocess`` (not ``multiprocessing``), which works from threads and from
daemonic processes (a Dask worker) alike, and it is started once, not per file, so a normal PDF costs a
pipe round trip, not an interpreter start.
"""

from __future__ import annotations

import atexit
import os
import pickle
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from storyline.ingest.errors import Unreadable

Result = TypeVar("Result")

_SERVE = "import sys; from storyline.ingest.sandbox import serve; serve(*map(int, sys.argv[1:]))"
_STOP_WAIT_SECONDS = 5.0
_START_SECONDS = 120.0  # generous: on a busy machine importing the parsers can take a while
_READY = b"ready"


def serve(request_fd: int, reply_fd: int, memory_bytes: int) -> None:
    """The worker's loop: run each pickled ``(function, args)`` request and send back its outcome.

    A MemoryError ends the worker after its answer, since the heap it leaves behind is fragmented.
    """
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ValueError, OSError):  # a platform without an address-space limit: the time limit still holds
        pass
    requests, replies = Connection(request_fd, writable=False), Connection(reply_fd, readable=False)
    replies.send_bytes(_READY)
    while True:
        try:
            function, args = pickle.loads(requests.recv_bytes())
        except EOFError:  # the parent has gone
            return
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except Unreadable as exc:
            reply = ("unreadable", str(exc))
        except MemoryError:
            reply = ("memory", None)
        except Exception as exc:  # noqa: BLE001 -- any failure is the file's, reported, and the worker goes on
            reply = ("unreadable", f"could not be read ({type(exc).__name__}: {str(exc)[:120]})")
        replies.send_bytes(pickle.dumps(reply))
        if reply[0] == "memory":
            return


class _Worker:
    """One worker process and the two pipes to it."""

    def __init__(self, memory_bytes: int) -> None:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, str(request_read), str(reply_write), str(memory_bytes)],
            pass_fds=(request_read, reply_write),
            stdin=subprocess.DEVNULL,
        )
        os.close(request_read)
        os.close(reply_write)
        self.requests = Connection(request_write, readable=False)
        self.replies = Connection(reply_read, writable=False)
        # Wait for the worker's imports here, so that they do not count against the first file's time limit.
        try:
            ready = self.replies.poll(_START_SECONDS) and self.replies.recv_bytes() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            status = self.kill()
            raise Unreadable(f"the reader process did not start (exit status {status})")

    def call(self, request: bytes, timeout: float) -> tuple[str, Any]:
        """The worker's reply; ("timeout", None) when none came within ``timeout`` seconds, ("crashed", None)
        when the worker died."""
        try:
            self.requests.send_bytes(request)
            if not self.replies.poll(timeout):
                return ("timeout", None)
            return pickle.loads(self.replies.recv_bytes())
        except (EOFError, OSError):
            return ("crashed", None)

    def stop(self) -> None:
        """Let an idle worker end (it stops when its request pipe closes)."""
        self.requests.close()
        self.replies.close()
        try:
            self.process.wait(_STOP_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> int:
        """End a worker that overran or crashed; its exit status (negative: the signal that ended it)."""
        if self.process.poll() is None:
            self.process.kill()
        status = self.process.wait()
        self.requests.close()
        self.replies.close()
        return status


_workers: dict[int, _Worker] = {}  # by memory limit: one worker per limit in use (in practice one)
_lock = threading.Lock()


def run_limited(function: Callable[..., Result], *args: Any, seconds: float, memory_bytes: int) -> Result:
    """``function(*args)`` in the worker process, within ``seconds`` of wall time and ``memory_bytes``.

    ``function`` must be importable by name (a module-level function) and its result picklable. An
    ``Unreadable`` it raises comes back as it is; overrunning either limit, or crashing the worker, raises
    ``Unreadable`` with a plain reason.
    """
    request = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
    with _lock:
        worker = _workers.get(memory_bytes)
        if worker is None or worker.process.poll() is not None:
            worker = _workers[memory_bytes] = _Worker(memory_bytes)
        outcome, value = worker.call(request, seconds)
        if outcome in ("timeout", "crashed", "memory"):
            del _workers[memory_bytes]
            status = worker.kill()
    if outcome == "timeout":
        raise Unreadable(f"took longer than {seconds:g} s to read (stopped)")
    if outcome == "memory":
        raise Unreadable(f"needs more than the {memory_bytes / 2**20:,.0f} MB memory limit to read (stopped)")
    if outcome == "crashed":
        raise Unreadable(f"the reader process failed (exit status {status})")
    if outcome == "unreadable":
        raise Unreadable(value)
    return value


@atexit.register
def _stop_workers() -> None:
    with _lock:
        for worker in _workers.values():
            worker.stop()
        _workers.clear()

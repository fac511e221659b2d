"""Run a function over parts of the work in forked processes, results in order.

Verification needs the whole analysed corpus (profiles, sparse matrices, term
weights), profiling the texts.  Pickling them to pool workers would cost more
than the work, so each part runs in a child forked when the data is ready, which
sees it as it is, and only the part's results come back through a pipe.  The
last part runs in this process meanwhile.  Where ``fork`` is unavailable, or in
a child already, parts run here one after another.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

__all__ = ["can_fork", "forked_map"]

P = TypeVar("P")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1  # <sys/prctl.h>
#: Says a list follows, an item a message: one pickle of a whole part's profiles held a few hundred MB at once.
_ITEMS = "items"


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to end this child when the process that forked it dies (killed by a CI job's timeout, say),
    rather than let it run on for minutes holding a copy of the corpus.  Elsewhere, a no-op: the child then
    finishes its part and exits when it finds no one to send it to."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


def _run_and_send(function: Callable[[P], R], part: P, send: Connection, inherited: list[Connection],
                  parent: int) -> None:
    # The parent's read ends, this part's own among them, came along with the fork: while this process holds
    # one, a write to that pipe can never fail, and a child whose parent died would wait on it forever.
    for receive in inherited:
        receive.close()
    _die_with_parent(parent)
    try:
        outcome: tuple[bool, object] = (True, function(part))
    except KeyboardInterrupt:
        send.close()  # Ctrl-C reached the parent too, which reports it
        return
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which re-raises it
        outcome = (False, exc)
    try:
        ok, value = outcome
        if ok and isinstance(value, list):  # item by item: the parent never holds the whole part's pickle
            send.send((_ITEMS, len(value)))
            for item in value:
                send.send((True, item))
        else:
            send.send(outcome)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        # The parent stopped listening, or the outcome cannot be pickled: say so if it still listens.
        with contextlib.suppress(OSError):
            send.send((False, RuntimeError(f"a worker's result could not be sent back: {exc}")))
    finally:
        send.close()


def _items(receive: Connection, count: int) -> tuple[bool, object]:
    """A list sent an item a message, each as (True, item); a (False, error) in their place ends it."""
    items = []
    for _ in range(count):
        ok, item = receive.recv()
        if not ok:
            return False, item
        items.append(item)
    return True, items


def forked_map(function: Callable[[P], R], parts: Sequence[P]) -> list[R]:
    """``[function(part) for part in parts]``, all parts but the last in forked children.

    In a child already (a part's work that forks again: ``dedup find`` searches queries in children, and a
    search reads pages without their site lines in parts of its own), the parts run in that child, one
    after another: a child may not fork children of its own."""
    if len(parts) < 2 or not can_fork() or multiprocessing.current_process().daemon:
        return [function(part) for part in parts]
    context = multiprocessing.get_context("fork")
    children: list[tuple[multiprocessing.context.ForkProcess, Connection]] = []
    for part in parts[:-1]:
        receive, send = context.Pipe(duplex=False)
        inherited = [*(r for _, r in children), receive]
        child = context.Process(target=_run_and_send, args=(function, part, send, inherited, os.getpid()),
                                daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    try:
        last = function(parts[-1])
        results = []
        for child, receive in children:
            try:
                ok, value = receive.recv()
                if ok == _ITEMS:
                    ok, value = _items(receive, value)
            except EOFError:
                raise RuntimeError(f"a worker process died (exit code {child.exitcode})") from None
            if not ok:
                raise value
            results.append(value)
        return [*results, last]
    finally:
        for child, receive in children:
            receive.close()
            if child.is_alive():
                child.terminate()
            child.join()

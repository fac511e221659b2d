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
import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

__all__ = ["can_fork", "forked_map"]

P = TypeVar("P")
R = TypeVar("R")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run_and_send(function: Callable[[P], R], part: P, send: Connection) -> None:
    try:
        outcome: tuple[bool, object] = (True, function(part))
    except KeyboardInterrupt:
        send.close()  # Ctrl-C reached the parent too, which reports it
        return
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which re-raises it
        outcome = (False, exc)
    try:
        send.send(outcome)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        # The parent stopped listening, or the outcome cannot be pickled: say so if it still listens.
        with contextlib.suppress(OSError):
            send.send((False, RuntimeError(f"a worker's result could not be sent back: {exc}")))
    finally:
        send.close()


def forked_map(function: Callable[[P], R], parts: Sequence[P]) -> list[R]:
    """``[function(part) for part in parts]``, all parts but the last in forked children.

    In a child already (a part's work that forks again: ``dedup find`` searches queries in children, and a
    search reads pages without their site lines in parts of its own), the parts run in that child, one
    after another: a child may not fork children of its own."""
    if len(parts) < 2 or not can_fork() or multiprocessing.current_process().daemon:
        return [function(part) for part in parts]
    context = multiprocessing.get_context("fork")
    children = []
    for part in parts[:-1]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_run_and_send, args=(function, part, send), daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    try:
        last = function(parts[-1])
        results = []
        for child, receive in children:
            try:
                ok, value = receive.recv()
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

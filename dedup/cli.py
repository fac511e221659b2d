"""The ``dedup`` command: parse options, build one ScanSettings, call the engine, render.

Exit codes (all commands): 0 ran; 1 duplicates found (``check`` only); 2 usage
error or no readable input; 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import DedupError
from .jsonout import dumps, jsonl_lines, result_dict
from .model import Problem
from .pipeline import ScanResult, scan
from .read import DEFAULT_INCLUDE, ReadOptions
from .render import render_scan
from .settings import ScanSettings
from .verify import Relation

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
LEVELS = [r.label for r in Relation]
EXIT_INTERRUPTED = 130


class InputError(click.ClickException):
    """Nothing readable, or a setting the engine refused: exit 2, like a usage error."""

    exit_code = 2


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
        help="Output format: " + ", ".join(choices) + ".",
    )


def scan_options(func: F) -> F:
    """Reading and detection options shared by every command that scans a corpus."""
    options = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--level", type=click.Choice(LEVELS), default="story", show_default=True,
                     help="Loosest relation that may join a cluster: exact < copy < rewrite < story."),
        click.option("--include", multiple=True, metavar="GLOB",
                     help=f"Files to read in folders (repeatable). Default: {' '.join(DEFAULT_INCLUDE)}."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip (repeatable)."),
        click.option("--text-field", default="text", show_default=True, help="JSON/JSONL field with the text."),
        click.option("--id-field", default="id", show_default=True, help="JSON/JSONL field with the id."),
        click.option("--title-field", default="title", show_default=True, help="JSON/JSONL field with the title."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=ReadOptions.max_bytes,
                     show_default=True, help="Per-document size limit; longer texts are truncated and reported."),
        click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
                     help="Processes for fingerprinting (0: one per core)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_settings(*, level: str, include: tuple[str, ...], exclude: tuple[str, ...], text_field: str,
                   id_field: str, title_field: str, max_bytes: int, workers: int) -> ScanSettings:
    read = ReadOptions(
        include=include or DEFAULT_INCLUDE, exclude=exclude, text_field=text_field,
        id_field=id_field, title_field=title_field, max_bytes=max_bytes,
    )
    try:
        return ScanSettings(level=Relation.parse(level), read=read, workers=workers)
    except DedupError as exc:
        raise click.UsageError(str(exc)) from exc


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    console = _stderr()
    if quiet or not console.is_terminal:
        yield None
        return
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                   console=console, transient=True)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield update


def report_problems(problems: list[Problem], quiet: bool) -> None:
    """Each bad input once, one line, on stderr (warnings too, unless --quiet)."""
    for p in problems:
        if p.fatal or not quiet:
            label = "error" if p.fatal else "warning"
            click.echo(f"dedup: {label}: {p}", err=True)


def run_scan(paths: tuple[str, ...], settings: ScanSettings, quiet: bool) -> ScanResult:
    stdin = sys.stdin.buffer if "-" in paths else None
    try:
        with _progress(quiet) as progress:
            result = scan(list(paths), settings, stdin=stdin, progress=progress)
    except DedupError as exc:
        raise InputError(str(exc)) from exc
    report_problems(result.problems, quiet)
    return result


def emit(result: ScanResult, fmt: str, limit: int) -> None:
    if fmt == "json":
        click.echo(dumps(result_dict(result)))
    elif fmt == "jsonl":
        for line in jsonl_lines(result):
            click.echo(line)
    else:
        render_scan(result, Console(highlight=False, soft_wrap=False), limit=limit)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dedup")
def app() -> None:
    """Find copies, rewrites and independent write-ups of the same news report.

    \b
    Exit codes: 0 ran; 1 duplicates found (check); 2 usage error or
    no readable input; 130 interrupted.
    """


@app.command("scan")
@scan_options
@format_option("table", "json", "jsonl")
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Sentences shown per section in the table (0: all).")
def scan_command(paths: tuple[str, ...], fmt: str, limit: int, quiet: bool, **options: Any) -> None:
    """Cluster the articles in PATH... (files, folders, '-' for stdin).

    Reads .txt, .md, .json and .jsonl; prints each cluster of copies of one
    report with the sentences its copies share and those unique to each copy.

    \b
    Exit codes: 0 the scan ran (duplicates found or not); 2 usage error or
    no readable input; 130 interrupted.
    """
    result = run_scan(paths, build_settings(**options), quiet)
    emit(result, fmt, limit)


def main() -> None:
    try:
        app(prog_name="dedup")
    except KeyboardInterrupt:
        click.echo("dedup: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)

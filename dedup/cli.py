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
from .compare import compare_documents
from .evaluate import evaluate_levels, read_labels
from .jsonout import comparison_dict, dumps, jsonl_lines, result_dict
from .model import Document, Problem
from .pipeline import ScanResult, scan
from .read import DEFAULT_INCLUDE, ReadOptions, read_inputs
from .render import render_comparison, render_evaluation, render_scan
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
        click.option("--strict", is_flag=True,
                     help="Exit 2 if any input could not be read (after printing the results)."),
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
def scan_command(paths: tuple[str, ...], fmt: str, limit: int, quiet: bool, strict: bool, **options: Any) -> None:
    """Cluster the articles in PATH... (files, folders, '-' for stdin).

    Reads .txt, .md, .json and .jsonl; prints each cluster of copies of one
    report with the sentences its copies share and those unique to each copy.

    \b
    Exit codes: 0 the scan ran (duplicates found or not); 2 usage error,
    no readable input, or (with --strict) any input failed; 130 interrupted.
    """
    result = run_scan(paths, build_settings(**options), quiet)
    emit(result, fmt, limit)
    fail_if_strict(result, strict)


def fail_if_strict(result: ScanResult, strict: bool) -> None:
    failed = sum(1 for p in result.problems if p.fatal)
    if strict and failed:
        raise InputError(f"{failed} input(s) could not be read (--strict)")


def _read_one(path: str, settings: ScanSettings, quiet: bool) -> Document:
    stdin = sys.stdin.buffer if path == "-" else None
    read = read_inputs([path], settings.read, stdin)
    report_problems(read.problems, quiet)
    if len(read.documents) != 1:
        found = f"{len(read.documents)} documents" if read.documents else "no readable document"
        raise InputError(f"{path}: expected one document, found {found}")
    return read.documents[0]


@app.command("compare")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option("--level", type=click.Choice(LEVELS), default="story", show_default=True,
              help="Level a scan would use: says whether A and B would join one cluster.")
@format_option("table", "json")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def compare_command(first: str, second: str, level: str, fmt: str, quiet: bool) -> None:
    """Align two documents sentence by sentence and say why they are (not) copies.

    A and B are files (or '-' for stdin, once). The score is higher for more
    alike documents (0..1); the relation is the tightest that holds.
    """
    if first == "-" and second == "-":
        raise click.UsageError("only one of A and B can be '-'")
    settings = build_settings(level=level, include=(), exclude=(), text_field="text", id_field="id",
                              title_field="title", max_bytes=ReadOptions.max_bytes, workers=1)
    a = _read_one(first, settings, quiet)
    b = _read_one(second, settings, quiet)
    comparison = compare_documents(a, b, settings)
    if fmt == "json":
        click.echo(dumps(comparison_dict(comparison)))
    else:
        render_comparison(comparison, Console(highlight=False))


@app.command("eval")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--label-field", default="cluster", show_default=True,
              help="Field holding each record's true cluster label.")
@click.option("--text-field", default="text", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("--level", "levels", multiple=True, type=click.Choice(LEVELS),
              help="Levels to score (repeatable; default: all four).")
@format_option("table", "json")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def eval_command(corpus: str, label_field: str, text_field: str, id_field: str, levels: tuple[str, ...],
                 fmt: str, quiet: bool) -> None:
    """Score clustering quality on a labelled JSONL corpus (id, text, label per line).

    Prints pairwise precision, recall and F1 and the adjusted Rand index for
    each level; unclustered documents count as singletons.
    """
    settings = build_settings(level="story", include=(), exclude=(), text_field=text_field, id_field=id_field,
                              title_field="title", max_bytes=ReadOptions.max_bytes, workers=0)
    read = read_inputs([corpus], settings.read)
    report_problems(read.problems, quiet)
    labels = read_labels(corpus, label_field)
    docs = [d for d in read.documents if d.line in labels]
    if len(docs) < 2:
        raise InputError(f"{corpus}: fewer than two records with a {label_field!r} label")
    chosen = [Relation.parse(x) for x in (levels or LEVELS)]
    scores = evaluate_levels(docs, [labels[d.line] for d in docs if d.line is not None], settings, chosen)
    if fmt == "json":
        click.echo(dumps({"corpus": corpus, "documents": len(docs), "levels": scores}))
    else:
        render_evaluation(scores, Console(highlight=False))


def main() -> None:
    """Entry point.  Runs click outside standalone mode so Ctrl-C exits 130, not click's 'Aborted!' 1."""
    try:
        code = app.main(prog_name="dedup", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("dedup: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # `dedup scan ... | head`: the reader left, nothing to report
        sys.stderr.close()
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

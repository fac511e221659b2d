"""The ``dedup`` command: parse options, build one ScanSettings, call the engine, render.

Exit codes (all commands): 0 ran; 1 duplicates found (``check`` only); 2 usage
error or no readable input; 130 interrupted; 141 output cut off (``| head``).
"""

from __future__ import annotations

import errno
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import click
from click.core import ParameterSource

from . import __version__
from .check import check_against, load_baseline, save_baseline
from .collector import collector_paused
from .compare import compare_documents
from .config import config_layers
from .csvout import FIND_COLUMNS, SCAN_COLUMNS, csv_text, find_rows, scan_rows
from .distinct import Distinct, distinct_documents, document_record
from .errors import DedupError
from .evaluate import evaluate_levels
from .find import find_copies
from .jsonout import (comparison_dict, dumps, evaluation_dict, find_dict, finding_dict, json_bytes, jsonl_lines,
                      provenance, result_dict)
from .model import Document, Problem
from .parquetout import kept_table, parquet_bytes, require_pyarrow
from .pipeline import ScanResult, scan
from .read import DEFAULT_INCLUDE, ReadOptions, read_inputs
from .reporters import check_dict, github_annotations, junit_xml, sarif_dict
from .settings import ScanSettings
from .verify import Relation

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
LEVELS = [r.label for r in Relation]
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what shells report for `cmd | head` when cmd is cut off


class InputError(click.ClickException):
    """Nothing readable, or a setting the engine refused: exit 2, like a usage error."""

    exit_code = 2


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
        help="Output format: " + ", ".join(choices) + ".",
    )


def stacked(*options: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator applying ``options`` as if written one above the other, in the order given."""
    def decorate(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


#: Shared by scan, check, compare and eval: a pair's verdict must not depend on the command.
DATE_OPTIONS = (
    click.option("--within-days", type=click.FloatRange(min=0, min_open=True), default=None, metavar="DAYS",
                 help="Only texts published within DAYS of each other can be copies, rewrites or "
                      "write-ups of one report (dates from --date-field; undated texts are not held to it)."),
    click.option("--rewrites-within-days", type=click.FloatRange(min=0), default=4.0, show_default=True,
                 metavar="DAYS",
                 help="Dated texts further apart than DAYS can still be copies (a reprint may come weeks later), "
                      "not rewrites or write-ups of one report: a follow-up retells the earlier report in other "
                      "words; write-ups whose leads report other facts, not beyond a day; nor a later day's text "
                      "after one that says what comes 'tomorrow' (0: no limit; undated texts are not held to "
                      "it)."),
    click.option("--date-field", default="date", show_default=True,
                 help="JSON/JSONL field (or Markdown front matter key) with the publication date; left at 'date', "
                      "published, published_at, pubDate, date_publish and the like are looked in too (a record "
                      "without one is a warning with --within-days)."),
)


date_options = stacked(*DATE_OPTIONS)


#: Which files of a folder are read and which fields of a record: shared by every command that reads a corpus,
#: so that ``compare --corpus`` and ``eval`` read it as ``scan`` does.
READ_OPTIONS = (
    click.option("--include", multiple=True, metavar="GLOB",
                 help=f"Files to read in folders (repeatable). Default: {' '.join(DEFAULT_INCLUDE)}."),
    click.option("--exclude", multiple=True, metavar="GLOB",
                 help="Files to skip (repeatable), by name or path below the folder: 'drafts/*'."),
    click.option("--text-field", default="text", show_default=True,
                 help="Record field (JSON, JSONL, tables) with the text (dotted for a nested one: article.body; a "
                      "list of paragraphs is joined)."),
    click.option("--id-field", default="id", show_default=True, help="Record field with the id."),
    click.option("--title-field", default="title", show_default=True, help="Record field with the title."),
)


read_options = stacked(*READ_OPTIONS)


#: A file, a folder or '-': checked when read (a missing one is an input error, counted like any other), typed as
#: a path so that the shell completes it.
_PATH = click.Path(allow_dash=True)


def _named_paths(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An empty argument ('' from an unset shell variable) names no file: said as usage, not as a file not found
    whose name is blank."""
    if value == "" or (isinstance(value, tuple) and "" in value):
        raise click.BadParameter("an empty path names no file (an unset shell variable?)")
    return value


def scan_options_at(level: str) -> Callable[[F], F]:
    """Reading and detection options shared by every command that scans a corpus, ``level`` the default --level."""
    return functools.partial(_scan_options, level=level)


def _scan_options(func: F, *, level: str) -> F:
    options = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=_PATH, callback=_named_paths),
        click.option("--level", type=click.Choice(LEVELS), default=level, show_default=True,
                     help="Loosest relation that may join a cluster: exact < copy < rewrite < story."),
        *READ_OPTIONS,
        *DATE_OPTIONS,
        click.option("--max-bytes", type=click.IntRange(min=1), default=ReadOptions.max_bytes,
                     show_default=True, help="Per-document size limit; longer texts are truncated and reported."),
        click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
                     help="Processes for reading, fingerprinting and verification (0: one per core this process "
                          "may use, at most 4)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings on stderr."),
        click.option("--strict", is_flag=True,
                     help="Exit 2 if any input could not be read (after printing the results)."),
    ]
    return stacked(*options)(func)


scan_options = scan_options_at("story")

#: Options that only make sense typed, never in a configuration file.
_NOT_CONFIGURABLE = frozenset({"show_config", "write_baseline"})


def _configurable(ctx: click.Context) -> dict[str, click.Option]:
    return {p.name: p for p in ctx.command.params
            if isinstance(p, click.Option) and p.name and p.name not in _NOT_CONFIGURABLE}


def _config_key(option: click.Option) -> str:
    return option.opts[-1].lstrip("-")


def _other_commands_options(ctx: click.Context) -> Iterator[click.Option]:
    """The configurable options of the group's other commands: one configuration file configures them all."""
    group = ctx.parent.command if ctx.parent is not None else None
    commands = group.commands.values() if isinstance(group, click.Group) else ()
    return (p for command in commands if command.name != ctx.command.name
            for p in command.params if isinstance(p, click.Option) and p.name not in _NOT_CONFIGURABLE)


def _other_commands_keys(ctx: click.Context) -> set[str]:
    """Configuration keys the other commands take: one file configures them all ("max-clusters" is check's)."""
    return {_config_key(p).replace("-", "_") for p in _other_commands_options(ctx)}


def _another_command_takes(ctx: click.Context, key: str, value: object) -> bool:
    """Whether another command takes ``value`` for the configuration key ``key``: a value only one command's choices
    hold (a format) is that command's."""
    for p in _other_commands_options(ctx):
        if _config_key(p).replace("-", "_") == key.replace("-", "_"):
            try:
                p.type_cast_value(ctx, value)
            except click.BadParameter:
                continue
            return True
    return False


def apply_config(ctx: click.Context, paths: tuple[str, ...]) -> dict[str, str]:
    """Fill options the user did not type from the configuration files; return each one's source."""
    options = _configurable(ctx)
    by_key = {_config_key(o).replace("-", "_"): name for name, o in options.items()}
    elsewhere = _other_commands_keys(ctx)
    sources = {name: ("command line" if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE else "default")
               for name in options}
    try:
        layers = config_layers(paths)
    except DedupError as exc:
        raise click.UsageError(str(exc)) from exc
    for layer in layers:
        for key, value in layer.values.items():
            name = by_key.get(key.replace("-", "_"))
            if name is None and key.replace("-", "_") in elsewhere:
                continue  # another command's setting
            if name is None:
                raise click.UsageError(f"{layer.source}: unknown configuration key {key!r}")
            if sources[name] == "command line":
                continue
            option = options[name]
            if option.multiple and isinstance(value, str):
                value = [value]
            try:
                ctx.params[name] = option.type_cast_value(ctx, value)
            except click.BadParameter as exc:
                if _another_command_takes(ctx, key, value):
                    continue  # format = "sarif" is check's, not scan's
                raise click.UsageError(f"{layer.source}: {key}: {exc.message}") from exc
            sources[name] = layer.source
    return sources


def show_config(ctx: click.Context, sources: dict[str, str]) -> None:
    """The effective settings as TOML a user could paste into .dedup.toml, each with its source."""
    for name, option in sorted(_configurable(ctx).items(), key=lambda kv: _config_key(kv[1])):
        value = ctx.params[name]
        shown = json.dumps(list(value) if isinstance(value, tuple) else value)
        click.echo(f"{_config_key(option)} = {shown}  # {sources[name]}")


def with_config(func: F) -> F:
    """Apply configuration files before the command runs; ``--show-config`` prints them and stops."""

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        ctx = click.get_current_context()
        sources = apply_config(ctx, kwargs.get("paths", ()))
        params = dict(ctx.params)
        if params.pop("show_config", False):
            show_config(ctx, sources)
            return None
        return func(**params)

    return wrapper  # type: ignore[return-value]


def show_config_option(func: F) -> F:
    return click.option("--show-config", is_flag=True,
                        help="Print the effective settings and where each comes from, then exit.")(func)


def build_settings(*, level: str, include: tuple[str, ...], exclude: tuple[str, ...], text_field: str,
                   id_field: str, title_field: str, max_bytes: int, workers: int, within_days: float | None = None,
                   rewrites_within_days: float = 4.0, date_field: str = "date") -> ScanSettings:
    rewrites = rewrites_within_days or None  # 0: no limit
    read = ReadOptions(
        include=include or DEFAULT_INCLUDE, exclude=exclude, text_field=text_field,
        id_field=id_field, title_field=title_field, max_bytes=max_bytes,
        date_field=date_field if within_days is not None or rewrites is not None else None,
        date_warnings=within_days is not None,
    )
    try:
        return ScanSettings(level=Relation.parse(level), read=read, workers=workers, within_days=within_days,
                            rewrites_within_days=rewrites)
    except DedupError as exc:
        raise click.UsageError(str(exc)) from exc


# rich (dedup.render) is imported where a table or a progress bar is drawn, not at start-up: it is about a tenth
# of it, which JSON, JSON Lines and CSV output, and runs whose stderr is no terminal, do without.
def _stderr() -> Console | None:
    """rich's console on stderr, where stderr is a terminal."""
    if sys.stderr is None or not sys.stderr.isatty():
        return None
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _stdout(**options: Any) -> Console:
    _require_stdout()
    from .render import stdout_console

    return stdout_console(**options)


def _stdin_for(paths: Sequence[str]) -> BinaryIO | None:
    """Standard input's bytes where ``-`` is among ``paths``; one line, not a traceback, where it is closed."""
    if "-" not in paths:
        return None
    if sys.stdin is None:  # started with stdin closed (`<&-`, some service managers)
        raise InputError("-: standard input is closed")
    return sys.stdin.buffer


def _data(text: str | bytes, *, line: bool = True) -> None:
    """A line (or lines) of machine-readable output: UTF-8 whatever the locale, as JSON's RFC 8259 and the XML
    declaration say, so that an ASCII or Windows code-page stdout neither breaks nor garbles it."""
    _require_stdout()
    data = text.encode("utf-8") if isinstance(text, str) else text
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a stream of text only
        click.echo(data, nl=line)
        return
    sys.stdout.flush()
    # A write larger than the pipe into a pipe whose reader has left returns short, and only the next one raises
    # (BrokenPipeError, exit 141): one write, and the output would be cut off with exit 0.
    view = memoryview(data + b"\n" if line else data)
    while view:
        written = out.write(view)
        if not written:
            raise BrokenPipeError(errno.EPIPE, "standard output took no more")
        view = view[written:]
    out.flush()


def _require_stdout() -> None:
    """Started with stdout closed (`>&-`), Python has no sys.stdout, and click writes nothing without a word: the
    results would be lost while the command reports success."""
    if sys.stdout is None:
        raise _OutputFailed("cannot write the output: standard output is closed")


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    console = None if quiet else _stderr()
    # A terminal in fact, not only in rich's view: FORCE_COLOR (set in many CI jobs for coloured logs) makes rich
    # treat any stream as one, and a bar redrawn into a log file is noise.
    if console is None or not console.is_terminal or not console.file.isatty():
        yield None
        return
    # Imported here, on a terminal only: rich's progress module (its spinners' table) is a twentieth of start-up.
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    # Drawn by the calls below, not by rich's refresh thread: the scan forks its workers, and forking a process
    # that runs a thread can leave the child waiting on a lock that thread held (Python 3.12 warns of it).
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                   console=console, transient=True, auto_refresh=False)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total, refresh=True)

    with bar:
        yield update


def report_problems(problems: list[Problem], quiet: bool) -> None:
    """Each bad input once, one line, on stderr (warnings too, unless --quiet)."""
    for p in problems:
        if p.fatal or not quiet:
            label = "error" if p.fatal else "warning"
            click.echo(f"dedup: {label}: {p}", err=True)


def run_scan(paths: tuple[str, ...], settings: ScanSettings, quiet: bool) -> ScanResult:
    stdin = _stdin_for(paths)
    try:
        with _progress(quiet) as progress:
            result = scan(list(paths), settings, stdin=stdin, progress=progress)
    except DedupError as exc:
        raise InputError(str(exc)) from exc
    report_problems(result.problems, quiet)
    if settings.within_days is not None and not quiet and all(d.published is None for d in result.documents):
        click.echo(f"dedup: warning: --within-days: no document has a readable {settings.read.date_field!r} "
                   "field, so no dates were compared (dates come from records, tables, feeds, e-mail, web archives, "
                   "Markdown front matter and web pages that declare one; a plain text file has none)", err=True)
    return result


def emit(result: ScanResult, fmt: str, limit: int) -> None:
    with collector_paused():  # a dict or a renderable per cluster, document and sentence
        _emit(result, fmt, limit)


def _emit(result: ScanResult, fmt: str, limit: int) -> None:
    if fmt == "json":
        _data(json_bytes(result_dict(result)))  # 151 MB for 55,000 documents: not decoded and encoded again
    elif fmt == "jsonl":
        for line in jsonl_lines(result):
            _data(line)
    elif fmt == "csv":
        _data(csv_text(SCAN_COLUMNS, scan_rows(result.clusters)), line=False)
    else:
        from .render import render_scan

        render_scan(result, _stdout(soft_wrap=False), limit=limit)


class _OutputClosed(Exception):
    """stdout's reader went away; click would turn the BrokenPipeError into a plain exit 1."""


class _OutputFailed(Exception):
    """stdout could not be written (a full disk): one line and exit 2, not a traceback and check's exit 1."""


#: What writing stdout fails with, never reading (the reader reports its files' errors itself).
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise _OutputClosed from exc
        except OSError as exc:
            if exc.errno in _WRITE_FAILURES:
                raise _OutputFailed(f"cannot write the output: {exc.strerror}") from exc
            raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dedup")
def app() -> None:
    """Find copies, rewrites and independent write-ups of the same news report.

    \b
    Exit codes: 0 ran; 1 duplicates found (check); 2 usage error, no
    readable input or output not written; 130 interrupted; 141 output cut
    off (| head).
    """


def listing_options(limit_help: str) -> Callable[[F], F]:
    """How scan and find show results (--format table, json, jsonl or csv; --limit for the table), and the
    configuration files applied."""
    return stacked(format_option("table", "json", "jsonl", "csv"),
                   click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True, help=limit_help),
                   show_config_option, with_config)


@app.command("scan")
@scan_options
@listing_options("Rows shown per section in the table: documents, sentences, wordings of a sentence (0: all).")
def scan_command(paths: tuple[str, ...], fmt: str, limit: int, quiet: bool, strict: bool, **options: Any) -> None:
    """Cluster the articles in PATH... (files, folders, '-' for stdin).

    Reads .txt, Markdown, Word (.docx), .odt, .pdf, .json, .jsonl, .csv, .tsv, .parquet,
    Arrow (.arrow, .feather), .orc, Excel (.xlsx), saved web pages (.html, .htm),
    web archives (.warc, .wet), e-mail (.eml, .mbox), RSS/Atom feeds (.rss, .atom)
    and, with --include '*.xml', wire agencies' NewsML and NITF, also compressed
    (.gz, .bz2, .xz, .zst) or in zip and tar archives (.zip, .tar, .tar.gz,
    .tgz) named as PATH (in folders with --include '*.zip' or '*.tar'); prints
    each cluster of copies of one report with the
    sentences its copies share and those unique to each copy.

    \b
    Exit codes: 0 the scan ran (duplicates found or not); 2 usage error,
    no readable input, output not written (a full disk), or (with
    --strict) any input failed; 130 interrupted; 141 output cut off
    (| head).
    """
    result = run_scan(paths, build_settings(**options), quiet)
    emit(result, fmt, limit)
    fail_if_strict(result, strict)


@app.command("filter")
@scan_options_at("copy")
@format_option("jsonl", "parquet")
@show_config_option
@with_config
def filter_command(paths: tuple[str, ...], fmt: str, quiet: bool, strict: bool, **options: Any) -> None:
    """Write PATH... back without its copies, as JSON Lines or Parquet: a
    dataset deduplicated.

    Each cluster keeps one member, the one with the fewest site lines
    (boilerplate), then the canonical, then the longest; every document in no
    cluster is kept; all in reading order. A record is written as it was read
    (a JSON Lines line unchanged; a JSON, table or feed record with all its
    fields; with --format parquet a Parquet, Arrow or ORC row with its
    columns' types); any other document (a file of its own) as {"id",
    "title", "text"}. The default --level is copy: story would also leave out
    other outlets' write-ups of a report.

    \b
    Exit codes: 0 written (copies found or not); 2 usage error, no readable
    input, output not written, or (with --strict) any input failed; 130
    interrupted; 141 output cut off (| head).
    """
    parquet = fmt == "parquet"
    if parquet:
        if sys.stdout is not None and sys.stdout.isatty():
            raise click.UsageError("--format parquet writes binary data: redirect standard output to a file "
                                   "(> kept.parquet)")
        try:
            require_pyarrow()
        except DedupError as exc:
            raise click.UsageError(str(exc)) from exc
    settings = build_settings(**options)
    settings = replace(settings, read=replace(settings.read, keep_sources=True, keep_tables=parquet))
    result = run_scan(paths, settings, quiet)
    distinct = distinct_documents(result)
    with collector_paused():
        if parquet:
            _write_parquet(distinct, result, quiet)
        else:
            for document in distinct.kept:
                _data(document_record(document))
    if not quiet:
        from .render import filter_summary

        click.echo(filter_summary(distinct, len(result.documents), settings.level.label), err=True)
    fail_if_strict(result, strict)


def _write_parquet(distinct: Distinct, result: ScanResult, quiet: bool) -> None:
    """The documents kept as one Parquet file on stdout, what wrote it and how in its metadata."""
    about = {**provenance(result.settings.parameters()), "documents": len(result.documents),
             "kept": len(distinct.kept), "left_out": distinct.left_out, "clusters": distinct.clusters}
    try:
        kept = kept_table(distinct.kept, result.tables)
        data = parquet_bytes(kept, about)
    except DedupError as exc:
        raise InputError(str(exc)) from exc
    _data(data, line=False)
    if kept.as_json_text and not quiet:
        click.echo(f"dedup: warning: {', '.join(repr(name) for name in kept.as_json_text)}: written as JSON text, "
                   "as no one Parquet type holds their values", err=True)


def fail_if_strict(result: ScanResult, strict: bool) -> None:
    failed = sum(1 for p in result.problems if p.fatal)
    if strict and failed:
        raise InputError(f"{failed} input(s) could not be read (--strict)")


@app.command("check")
@scan_options
@format_option("table", "json", "sarif", "github", "junit")
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Accept the clusters recorded in FILE; only new ones fail.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record the current clusters in FILE as accepted, and exit 0.")
@click.option("--max-clusters", type=click.IntRange(min=0), default=0, show_default=True,
              help="How many new duplicate clusters are allowed before the check fails.")
@show_config_option
@with_config
def check_command(paths: tuple[str, ...], fmt: str, quiet: bool, strict: bool, baseline: str | None,
                  write_baseline: str | None, max_clusters: int, **options: Any) -> None:
    """Fail (exit 1) when PATH... holds duplicate clusters beyond those accepted.

    For CI and pre-commit. Settings can also come from [tool.dedup] in
    pyproject.toml or from .dedup.toml; flags typed here win.

    \b
    Exit codes: 0 nothing new (or --write-baseline); 1 new duplicate
    clusters; 2 usage error, bad configuration or baseline, no readable
    input, output or baseline not written, or (with --strict) any input
    failed; 130 interrupted; 141 output cut off (| head).
    """
    own_files = tuple(os.path.basename(f) for f in (baseline, write_baseline) if f)
    settings = build_settings(**{**options, "exclude": (*options["exclude"], *own_files)})
    result = run_scan(paths, settings, quiet)
    if write_baseline:
        try:
            save_baseline(write_baseline, result.clusters, settings.parameters())
        except DedupError as exc:
            raise InputError(str(exc)) from exc
        if not quiet:
            click.echo(f"dedup: wrote {len(result.clusters)} accepted clusters to {write_baseline}", err=True)
        fail_if_strict(result, strict)
        return
    try:
        accepted = load_baseline(baseline) if baseline else []
    except DedupError as exc:
        raise InputError(str(exc)) from exc
    checked = check_against(result.clusters, accepted, max_clusters=max_clusters)
    if fmt == "json":
        _data(dumps(check_dict(checked, result)))
    elif fmt == "sarif":
        _data(dumps(sarif_dict(checked)))
    elif fmt == "github":
        for line in github_annotations(checked):
            _data(line)
    elif fmt == "junit":
        _data(junit_xml(checked).removesuffix("\n"))
    else:
        from .render import render_check

        render_check(checked, _stdout(soft_wrap=False))
    fail_if_strict(result, strict)
    if checked.failed:
        click.get_current_context().exit(1)


def _read_some(paths: list[str], settings: ScanSettings, quiet: bool,
               problems: list[Problem]) -> list[Document]:
    """The documents in ``paths``, or one line saying why there are none (the input's own problem); what could not
    be read is reported and added to ``problems``."""
    read = read_inputs(paths, settings.read, _stdin_for(paths), workers=settings.processes)
    fatal = [p for p in read.problems if p.fatal]
    if not read.documents:
        raise InputError(str(fatal[0]) if fatal else f"{' '.join(paths)}: no readable document ({read.why_nothing()})")
    report_problems(read.problems, quiet)
    problems.extend(read.problems)
    return read.documents


def _read_one(path: str, settings: ScanSettings, quiet: bool, problems: list[Problem],
              corpus: Sequence[Document] = ()) -> Document:
    """A or B of ``compare``: the corpus's document with that id, as a scan shows it, or else a file (or '-')."""
    named = next((d for d in corpus if d.id == path), None)
    if named is not None:
        return named
    if corpus and path != "-" and not os.path.exists(path):
        raise InputError(f"{path}: no such file, nor a document of --corpus with that id")
    documents = _read_some([path], settings, quiet, problems)
    if len(documents) != 1:
        hint = f"; with --corpus {path}, name A and B by their ids" if len(documents) > 1 else ""
        raise InputError(f"{path}: expected one document, found {len(documents)} documents{hint}")
    return documents[0]


@app.command("find")
@click.argument("query", metavar="QUERY", type=_PATH, callback=_named_paths)
@scan_options
@listing_options("Matches shown per query in the table (0: all).")
def find_command(query: str, paths: tuple[str, ...], fmt: str, limit: int, quiet: bool, strict: bool,
                 **options: Any) -> None:
    """Find the documents in PATH... that copy, reword or retell those in QUERY.

    QUERY is a file (or '-' for stdin, or a folder) of one or more documents: a
    press release, a story, incoming wire copy. Each is judged against every
    document of PATH... that the scan's indexes propose with it or with one of
    its matches (every one, in a small corpus), as a scan judges a pair, with
    term rarity from the corpus; --level is the loosest relation that counts as
    a match. A document of PATH... that is QUERY's own file is passed over.

    \b
    Exit codes: 0 it ran (matches found or not); 2 usage error, no readable
    input, output not written, or (with --strict) any input failed.
    """
    if query == "-" and "-" in paths:
        raise click.UsageError("only one of QUERY and PATH... can be '-'")
    settings = build_settings(**options)
    stdin = _stdin_for((query, *paths))
    queries, corpus = (read_inputs(list(named), settings.read, stdin, workers=settings.processes)
                       for named in ([query], paths))
    problems = sorted([*queries.problems, *corpus.problems], key=lambda p: (p.path, p.line or 0, p.reason))
    report_problems(problems, quiet)
    for named, read in ((query, queries), (" ".join(paths), corpus)):
        if not read.documents:
            said = any(p.fatal for p in read.problems)  # its errors are printed above
            raise InputError(f"{named}: no readable document" + ("" if said else f" ({read.why_nothing()})"))
    with _progress(quiet) as progress:
        findings, stats = find_copies(queries.documents, corpus.documents, settings, progress=progress)
    if fmt == "json":
        _data(dumps(find_dict(findings, stats, settings.parameters(), problems)))
    elif fmt == "jsonl":
        for finding in findings:
            _data(dumps(finding_dict(finding), compact=True))
    elif fmt == "csv":
        _data(csv_text(FIND_COLUMNS, find_rows(findings)), line=False)
    else:
        from .render import render_find

        render_find(findings, stats, _stdout(soft_wrap=False), limit=limit)
    if strict and any(p.fatal for p in problems):
        raise InputError(f"{sum(p.fatal for p in problems)} input(s) could not be read (--strict)")


@app.command("compare")
@click.argument("first", metavar="A", type=_PATH, callback=_named_paths)
@click.argument("second", metavar="B", type=_PATH, callback=_named_paths)
@click.option("--level", type=click.Choice(LEVELS), default="story", show_default=True,
              help="Level a scan would use: says whether A and B would join one cluster.")
@click.option("--corpus", "corpus_paths", multiple=True, metavar="PATH", type=_PATH, callback=_named_paths,
              help="Judge A and B within this corpus (files or folders, repeatable), as a scan of it would.")
@read_options
@date_options
@format_option("table", "json")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def compare_command(first: str, second: str, level: str, corpus_paths: tuple[str, ...], fmt: str, quiet: bool,
                    **options: Any) -> None:
    """Align two documents sentence by sentence and say why they are (not) copies.

    A and B are files (or '-' for stdin, once) or, with --corpus, ids of the
    corpus's documents as a scan shows them. The score is higher for more
    alike documents (0..1); the relation is the tightest that holds. Alone, A and
    B are judged by English word rarity; with --corpus, by the corpus's own, so
    the verdict is the one a scan of that corpus gives.

    Exit codes: 0 compared (whether or not they join); 2 usage error, A or B
    unreadable or not one document, output not written; 130 interrupted.
    """
    if first == "-" and second == "-":
        raise click.UsageError("only one of A and B can be '-'")
    if "-" in corpus_paths:
        raise click.UsageError("--corpus takes files and folders, not '-'")
    settings = build_settings(level=level, max_bytes=ReadOptions.max_bytes, workers=0, **options)
    problems: list[Problem] = []
    context = _read_some(list(corpus_paths), settings, quiet, problems) if corpus_paths else []
    a = _read_one(first, settings, quiet, problems, context)
    b = _read_one(second, settings, quiet, problems, context)
    with _progress(quiet or not context) as progress:  # a corpus of thousands takes seconds to analyse
        comparison = compare_documents(a, b, settings, context=context, progress=progress)
    if fmt == "json":
        _data(dumps(comparison_dict(comparison, problems)))
    else:
        from .render import render_comparison

        render_comparison(comparison, _stdout())


@app.command("eval")
@click.argument("corpus", type=click.Path(exists=True, allow_dash=True))
@click.option("--label-field", default="cluster", show_default=True,
              help="Field holding each record's true cluster label.")
@read_options
@click.option("--level", "levels", multiple=True, type=click.Choice(LEVELS),
              help="Levels to score (repeatable; default: all four).")
@date_options
@format_option("table", "json")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def eval_command(corpus: str, label_field: str, levels: tuple[str, ...], fmt: str, quiet: bool,
                 **options: Any) -> None:
    """Score clustering quality on a labelled corpus: records with an id, a text and a cluster label.

    CORPUS is a JSON Lines, JSON, CSV/TSV, Parquet, Arrow, ORC or Excel file
    (also compressed), a folder of them, or '-' for stdin.  Prints pairwise precision, recall and F1
    and the adjusted Rand index for each level; unclustered documents count as
    singletons.  Records without a label are left out, with a warning.

    Exit codes: 0 scored; 2 usage error, no readable input or fewer than two
    labelled records, output not written; 130 interrupted.
    """
    settings = build_settings(level="story", max_bytes=ReadOptions.max_bytes, workers=0, **options)
    stdin = _stdin_for([corpus])
    read = read_inputs([corpus], replace(settings.read, label_field=label_field), stdin, workers=settings.processes)
    docs = [d for d in read.documents if d.label is not None]
    unlabelled = len(read.documents) - len(docs)
    if unlabelled:
        read.problems.append(Problem(corpus, f"{unlabelled} of {len(read.documents)} documents have no "
                                     f"{label_field!r} label: scored without them", fatal=False))
    report_problems(read.problems, quiet)
    if len(docs) < 2:
        raise InputError(f"{corpus}: fewer than two records with a {label_field!r} label "
                         "(--label-field names the field holding each record's true cluster)")
    chosen = [Relation.parse(x) for x in (levels or LEVELS)]
    with _progress(quiet) as progress:
        scores = evaluate_levels(docs, [d.label for d in docs if d.label is not None], settings, chosen,
                                 progress=progress)
    if fmt == "json":
        _data(dumps(evaluation_dict(corpus, len(docs), scores, settings.parameters(), read.problems)))
    else:
        from .render import render_evaluation

        render_evaluation(scores, _stdout())


def _stdout_discarded() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush of what is left does not fail again."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main() -> None:
    """Entry point.  Runs click outside standalone mode so Ctrl-C exits 130, not click's 'Aborted!' 1."""
    # Text for people (the table, --show-config) is written in the terminal's encoding; what it cannot show
    # becomes '?' rather than a traceback half-way through a report (an ASCII locale, a Windows code page).
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    try:
        code = app.main(prog_name="dedup", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("dedup: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (BrokenPipeError, _OutputClosed):  # `dedup scan ... | head`: the reader left, nothing to report
        _stdout_discarded()
        sys.exit(EXIT_BROKEN_PIPE)
    except _OutputFailed as exc:
        click.echo(f"dedup: error: {exc}", err=True)
        _stdout_discarded()
        sys.exit(InputError.exit_code)
    sys.exit(code if isinstance(code, int) else 0)

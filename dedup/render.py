"""Rich rendering of scan, check, compare, find and eval results (the ``table`` format).

Only this module and :mod:`dedup.cli` import rich.  Everything is laid out to
stay readable at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .check import CheckResult
from .compare import Comparison
from .distinct import Distinct, kept_member
from .find import Finding
from .model import escaped_controls
from .normalize import fold, tokens
from .pipeline import ScanResult
from .report import ClusterReport, SentenceRef

__all__ = ["filter_summary", "highlight_differences", "render_check", "render_comparison", "render_evaluation",
           "render_find", "render_scan", "stdout_console"]

#: Narrower than this, a table shows nothing useful: a COLUMNS of 0 (set by some shells and CI runners) once made
#: the table print nothing at all, and exit 0.  Such a width is taken as unknown, and 80 columns used.
_MIN_WIDTH = 20
_FALLBACK_WIDTH = 80


class _StdoutConsole(Console):
    """rich's console for data on stdout.  rich answers a closed pipe with exit 1; the error is
    passed on instead, so that ``dedup scan ... | head`` exits 141 as the other formats do."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def stdout_console(**options: Any) -> Console:
    """The console tables are drawn on: stdout, 80 columns where its width is unknown."""
    console = _StdoutConsole(highlight=False, **options)
    if console.width < _MIN_WIDTH:
        console.width = _FALLBACK_WIDTH
    return console


def highlight_differences(text: str, reference: str) -> Text:
    """``text`` with the words that ``reference`` lacks in bold: what this copy changed."""
    known = set(tokens(fold(reference)))
    out = Text()
    for i, word in enumerate(text.split(" ")):
        if i:
            out.append(" ")
        changed = any(t not in known for t in tokens(fold(word)))
        out.append(word, style="bold yellow" if changed else "")
    return out


def _name(document_id: str) -> str:
    """An id on one line of the table: control characters in it (a newline in a file name) shown escaped."""
    return escaped_controls(document_id)


def _more(count: int, what: str = "") -> Text:
    return Text(f"  ... and {count} more{what} (--limit 0 shows all)", style="dim")


def _grid(marker: int = 3) -> Table:
    """Two columns: a short marker (``marker`` characters wide), then text that wraps under itself (a hanging
    indent)."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=marker, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    return grid


_Item = TypeVar("_Item")


def _capped(items: Sequence[_Item], limit: int) -> Sequence[_Item]:
    """The first ``limit`` of ``items``; all of them for ``limit`` 0 (``--limit 0`` shows all)."""
    return items if limit <= 0 else items[:limit]


def _sentences(refs: Sequence[SentenceRef], limit: int) -> list[RenderableType]:
    shown = _capped(refs, limit)
    grid = _grid()
    for r in shown:
        grid.add_row("-", Text(r.text))  # Text, not markup: "[sic]" is the article's own
    rows: list[RenderableType] = [grid]
    if len(refs) > len(shown):
        rows.append(_more(len(refs) - len(shown)))
    return rows


def _cluster(c: ClusterReport, limit: int) -> Panel:
    members = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
    members.add_column("document", overflow="fold", ratio=1)
    members.add_column("relation", no_wrap=True)
    members.add_column("score", justify="right", no_wrap=True)
    members.add_column("words", justify="right", no_wrap=True)
    listed = c.documents if limit <= 0 else c.documents[: limit + 1]  # the canonical and ``limit`` copies
    for d in listed:
        name = Text(_name(d.id), style="bold" if d.role == "canonical" else "")
        if d.published:  # read with --within-days: the day says which issue of a notice this is
            name.append(f" ({d.published[:16].replace('T', ' ')})", style="dim")
        relation = "canonical" if d.role == "canonical" else (d.relation or "")
        score = f"{d.score:.2f}" if d.score is not None else ""
        members.add_row(name, relation, score, str(d.words))

    parts: list[RenderableType] = [members]
    if len(c.documents) > len(listed):
        parts.append(_more(len(c.documents) - len(listed), " documents"))
    kept = kept_member(c)
    if kept.role != "canonical":  # a trimmed copy at the centre of the cluster, in more of a site's chrome
        parts.append(Text(f"dedup filter keeps {_name(kept.id)}: fewer site lines than the canonical", style="dim"))
    parts.extend([Text(), Text(f"Shared sentences ({len(c.shared)})", style="bold green")])
    shared = _capped(c.shared, limit)
    grid = _grid(max([3, *(len(f"x{len(s.documents)}") for s in shared)]))  # "x2972" whole, however many copies
    for s in shared:
        grid.add_row(Text(f"x{len(s.documents)}", style="green"), Text(s.text))
        variants = _capped(s.variants, limit)
        for v in variants:
            line = Text(f"{_name(v.document)} ({v.similarity:.2f}): ", style="dim")
            line.append_text(highlight_differences(v.text, s.text))
            grid.add_row("", line)
        if len(s.variants) > len(variants):
            grid.add_row("", _more(len(s.variants) - len(variants), " wordings"))
    parts.append(grid)
    if len(c.shared) > len(shared):
        parts.append(_more(len(c.shared) - len(shared)))
    # Copies with nothing of their own (the exact ones, a wire story's plain reprints) are named once, together:
    # a section each would be most of a large cluster's panel.
    bare = []
    sections = 0
    for d in c.documents:
        if not d.unique and not d.boilerplate:
            bare.append(d)
            continue
        sections += 1
        if 0 < limit < sections:
            continue
        parts.append(Text())
        parts.append(Text(f"Only in {_name(d.id)} ({len(d.unique)})", style="bold cyan"))
        parts.extend(_sentences(d.unique, limit))
        if d.boilerplate:
            parts.append(Text(f"  boilerplate: {_count(len(d.boilerplate), 'sentence')} "
                              "(recur across unrelated documents)", style="dim"))
    if 0 < limit < sections:
        parts.append(Text())
        parts.append(_more(sections - limit, " with sentences of their own"))
    if bare:
        named = _capped(bare, limit)
        parts.append(Text())
        parts.append(Text(f"Nothing of their own ({len(bare)})", style="bold cyan"))
        grid = _grid()
        grid.add_row("", Text(", ".join(_name(d.id) for d in named)))
        parts.append(grid)
        if len(bare) > len(named):
            parts.append(_more(len(bare) - len(named)))
    title = f"[bold]{c.id}[/] - {_count(len(c.documents), 'document')} - {c.relation}"
    return Panel(Group(*parts), title=title, title_align="left", padding=(0, 1))


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return noun if n == 1 else plural or noun + "s"


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 cluster``, ``2 clusters``: summaries read as sentences."""
    return f"{n} {_plural(n, noun, plural)}"


def render_scan(result: ScanResult, console: Console, *, limit: int = 10) -> None:
    for c in result.clusters:
        console.print(_cluster(c, limit))
    s = result.stats
    summary = (
        f"{_count(s['documents'], 'document')} read, {_count(s['clusters'], 'cluster')} "
        f"({_count(s['documents_in_clusters'], 'document')} in clusters), "
        f"{_count(sum(1 for p in result.problems if p.fatal), 'input')} failed"
    )
    console.print(Text(summary, style="bold"))


def filter_summary(distinct: Distinct, documents: int, level: str) -> str:
    """What ``dedup filter`` wrote, in a line for stderr."""
    alone = len(distinct.kept) - distinct.clusters
    return (f"dedup: kept {len(distinct.kept)} of {_count(documents, 'document')}: one of each of "
            f"{_count(distinct.clusters, 'cluster')} ({distinct.left_out} left out) and the {alone} in none "
            f"(--level {level})")


def render_find(findings: Sequence[Finding], stats: dict[str, int], console: Console, *, limit: int = 10) -> None:
    """One panel a query with a match: each matching document, its relation, score and why."""
    for f in findings:
        if not f.matches:
            continue
        table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
        table.add_column("document", overflow="fold", ratio=1)
        table.add_column("relation", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True)
        for m in _capped(f.matches, limit):
            name = Text(_name(m.document.id))
            if m.document.title:  # a record's id says little of what it is
                name.append(f" {m.document.title}", style="italic")
            table.add_row(name, m.relation, f"{m.link.score:.2f}")
            table.add_row(Text(m.link.reason, style="dim"), "", "")
        rows: list[RenderableType] = [table]
        if len(f.matches) > limit > 0:
            rows.append(_more(len(f.matches) - limit, " documents"))
        named = f"{_name(f.query.id)} {f.query.title}" if f.query.title else _name(f.query.id)
        title = f"{named} - {_count(len(f.matches), 'match', 'matches')}"
        console.print(Panel(Group(*rows), title=Text(title), title_align="left"))
    queries = stats["queries"]
    matched = sum(1 for f in findings if f.matches)
    console.print(Text(f"{_count(queries, 'query', 'queries')} against {_count(stats['documents'], 'document')}: "
                       f"{matched} with matches, {_count(stats['matches'], 'match', 'matches')}", style="bold"))


def render_check(result: CheckResult, console: Console, *, limit: int = 5) -> None:
    """Each new cluster in full (what is new in it first), then a one-line verdict."""
    for status in result.new:
        if status.status == "grown":
            console.print(Text(f"New copies in known cluster {status.baseline_id}: "
                               + ", ".join(map(_name, status.new_members)), style="bold red"))
        else:
            console.print(Text(f"New duplicate cluster {status.cluster.id}", style="bold red"))
        console.print(_cluster(status.cluster, limit))
    for gone in result.vanished:
        console.print(Text(f"Accepted cluster {gone} no longer found (not a failure)", style="dim"))
    accepted = sum(1 for s in result.statuses if not s.is_new)
    verdict = "FAILED" if result.failed else "passed"
    console.print(Text(f"dedup check {verdict}: {len(result.new)} new duplicate {_plural(len(result.new), 'cluster')} "
                       f"(allowed {result.max_clusters}), {accepted} accepted, {len(result.vanished)} vanished",
                       style="bold"))


def render_comparison(c: Comparison, console: Console) -> None:
    """Each sentence of A with its match in B (or none), then B's sentences A lacks."""
    verdict = c.relation or "not a duplicate"
    joined = "joins" if c.joins else "does not join"
    console.print(Text.assemble(("score ", "bold"), f"{c.score:.2f}  ", ("relation ", "bold"), verdict,
                                f"  ({joined} a cluster at --level {c.level})"))
    console.print(Text(c.link.reason, style="dim"))
    scores = c.link.scores.as_dict()
    console.print(Text("  ".join(f"{k}={v}" for k, v in scores.items()), style="dim"), soft_wrap=False)
    grid = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
    grid.add_column(Text(f"A: {_name(c.a.id)}"), ratio=1, overflow="fold")
    grid.add_column("sim", justify="right", no_wrap=True, width=4)
    grid.add_column(Text(f"B: {_name(c.b.id)}"), ratio=1, overflow="fold")
    b_text = {r.index: r.text for r in c.rows_b}
    for row in c.rows_a:
        if row.match is None:
            grid.add_row(Text(row.text, style="cyan"), "", "")
        else:
            grid.add_row(Text(row.text), f"{row.score:.2f}", highlight_differences(b_text[row.match], row.text))
    for row in c.rows_b:
        if row.match is None:
            grid.add_row("", "", Text(row.text, style="cyan"))
    console.print(grid)


def render_evaluation(scores: dict[str, dict[str, float | int]], console: Console) -> None:
    table = Table(title="Pairwise scores against the labels", header_style="bold")
    for name in ("level", "precision", "recall", "f1", "ari", "clusters"):
        table.add_column(name, justify="left" if name == "level" else "right")
    for level, s in scores.items():
        table.add_row(level, *(f"{s[k]:.4f}" for k in ("precision", "recall", "f1", "ari")), str(s["clusters"]))
    console.print(table)

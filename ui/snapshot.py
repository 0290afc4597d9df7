"""What the window shows of the library, read in one op on the library worker.

Apart from the window (and free of Qt) so that start-up can begin this read before the
window's modules are loaded: the library worker then reads while the UI thread imports and
builds the widgets, and the first list is filled as soon as they are there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reader.library.news import Badges, BodyGroup, LibraryBadges, NewsEntry, news_kind
from reader.library.rows import ItemRow, MeetingRow

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from reader.library import Library
    from reader.paths import DataPaths
    from ui import tasks


@dataclass(frozen=True)
class Snapshot:
    """The meetings, their badges and what is new, and the agenda of the meeting the list
    is about to select."""

    meetings: list[MeetingRow]
    counts: dict[str, int]
    items: dict[int, list[ItemRow]]  # the agenda of the meeting about to be selected
    groups: list[BodyGroup]  # the meetings by body, upcoming first
    badges: LibraryBadges
    news: list[NewsEntry]
    demo: set[int]  # the demo meetings still shown
    sources: int  # how many sources there are
    empty: bool  # no meeting at all (not even one the member removed from the lists)


def group_meetings(
    meetings: list[MeetingRow], badges: LibraryBadges, today: str
) -> list[BodyGroup]:
    """The meetings by body (alphabetically): upcoming ones soonest first, past ones latest
    first (as ``Library.meetings_by_body``, from the meetings and badges already read)."""
    groups: dict[int, tuple[str, list[MeetingRow], list[MeetingRow]]] = {}
    for meeting in meetings:  # latest first
        _name, upcoming, past = groups.setdefault(meeting.body_id, (meeting.body, [], []))
        (upcoming if meeting.start and meeting.start[:10] >= today else past).append(meeting)
    return [
        BodyGroup(body_id, name, upcoming[::-1], past, badges.bodies.get(body_id, Badges()))
        for body_id, (name, upcoming, past) in sorted(
            groups.items(), key=lambda g: (g[1][0].casefold(), g[0])
        )
    ]


def news_of(meetings: list[MeetingRow], badges: LibraryBadges) -> list[NewsEntry]:
    """What the latest syncs brought (as ``Library.whats_new``, from what was read)."""
    entries: list[NewsEntry] = []
    for meeting in meetings:
        for doc in meeting.documents:
            state = badges.documents.get(doc.id)
            if state is not None and (what := news_kind(state, meeting)) is not None:
                entries.append(NewsEntry(what, meeting, doc, 0))
    entries.sort(key=lambda e: (e.meeting.start or "", e.document.id), reverse=True)
    return entries


def count_sources(lib: Library) -> int:
    """How many sources the member added (imports are not sources)."""
    row = lib.conn.execute("SELECT count(*) FROM sources WHERE kind != 'import'").fetchone()
    return int(row[0])


def read_snapshot(lib: Library, meeting_id: int | None) -> Snapshot:
    """On the library worker: everything the window shows, with the agenda of
    ``meeting_id`` (or of the meeting the list selects first if it is not listed)."""
    from reader.demo import demo_meetings

    meetings = lib.meetings()
    badges = lib.badges()
    groups = group_meetings(meetings, badges, date.today().isoformat())
    ordered = [m for g in groups for m in g.upcoming + g.past]
    if ordered and meeting_id not in {m.id for m in ordered}:
        meeting_id = ordered[0].id  # the list selects its first meeting
    items = {meeting_id: lib.items(meeting_id)} if meeting_id is not None else {}
    return Snapshot(
        meetings,
        lib.counts(),
        items,
        groups,
        badges,
        news_of(meetings, badges),
        set(demo_meetings(lib)),
        count_sources(lib),
        lib.is_empty(),
    )


class FirstRead:
    """The window's first snapshot, started before the window exists (``start``); the
    window takes it over with ``then``. Results reach the UI thread only through its event
    loop, so a window built right after ``start`` is always there to receive them."""

    def __init__(self) -> None:
        self._outcome: tuple[bool, object] | None = None
        self._handlers: tuple[Callable[[Snapshot], None], Callable[[Exception], None]] | None
        self._handlers = None
        self._window: QObject | None = None
        self.meeting_id: int | None = None

    @classmethod
    def start(cls, paths: DataPaths, meeting_id: int | None, owner: QObject) -> FirstRead:
        """Queue the read on the library worker (the first op of the run); ``owner`` (the
        application) outlives it."""
        from ui import tasks

        read = cls()
        read.meeting_id = meeting_id

        def work(_task: tasks.Task) -> Snapshot:
            return read_snapshot(tasks.worker_library(paths), meeting_id)

        tasks.start(
            work,
            owner,
            succeeded=lambda snapshot: read._arrived((True, snapshot)),
            failed=lambda exc: read._arrived((False, exc)),
        )
        return read

    def then(
        self,
        window: QObject,
        shown: Callable[[Snapshot], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Hand the snapshot (or the failure) to ``window``, now if it is already in; not
        once the window is gone."""
        self._window = window
        self._handlers = (shown, failed)
        if self._outcome is not None:
            self._deliver()

    def _arrived(self, outcome: tuple[bool, object]) -> None:
        self._outcome = outcome
        if self._handlers is not None:
            self._deliver()

    def _deliver(self) -> None:
        import shiboken6

        assert self._outcome is not None and self._handlers is not None
        (ok, value), (shown, failed) = self._outcome, self._handlers
        self._handlers = None
        if not shiboken6.isValid(self._window):
            return
        if ok:
            shown(value)  # type: ignore[arg-type]
        else:
            failed(value)  # type: ignore[arg-type]

"""Read state, badges, what is new, and meetings by body with the upcoming ones first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reader.library import Library
from reader.library.importer import import_paths
from reader.library.store import set_document_removed
from tests.support.library_fixtures import agenda_pdf, plain_pdf


def _meeting(library: Library, root: Path, day: int, extra: str = "") -> int:
    agenda_pdf(root / "dagsorden.pdf", day=day, extra=extra)
    plain_pdf(root / "Evaluering af piloten.pdf", "Evaluering af piloten", str(day))
    [mid] = import_paths(library, [root]).meetings
    return mid


def test_read_state_counts_unread_and_changed_since_read_per_document_item_meeting_and_body(
    library: Library, tmp_path: Path
) -> None:
    mid = _meeting(library, tmp_path / "m", 3)
    meeting = library.meeting(mid)
    agenda = next(d for d in meeting.documents if d.kind == "agenda")
    bilag = next(d for d in meeting.documents if d.kind == "attachment")
    [item] = [i for i in library.items(mid) if i.number == "2.1"]
    badges = library.badges()
    assert badges.documents[agenda.id].unread and not badges.documents[agenda.id].changed
    assert badges.meetings[mid].unread == 2
    assert badges.items[item.id].unread == 1  # the attachment of item 2.1
    assert badges.bodies[meeting.body_id].unread == 2

    library.mark_read(agenda.id)
    library.mark_read(bilag.id)
    badges = library.badges()
    assert not badges.meetings[mid] and not badges.items[item.id]
    assert badges.documents[agenda.id].read_version == 1

    agenda_pdf(tmp_path / "m" / "dagsorden.pdf", day=3, extra="Rettet efter udsendelse.")
    assert import_paths(library, [tmp_path / "m"]).new_versions == 1
    badges = library.badges()
    state = badges.documents[agenda.id]
    assert (state.version, state.read_version, state.changed, state.unread) == (2, 1, True, False)
    assert badges.meetings[mid].to_json() == {"new": 0, "changed": 1, "unread": 0}
    library.mark_unread(bilag.id)
    assert library.badges().meetings[mid].to_json() == {"new": 0, "changed": 1, "unread": 1}
    library.mark_meeting_read(mid)
    assert not library.badges().meetings[mid]
    library.mark_meeting_read(mid, read=False)
    assert library.badges().meetings[mid].unread == 2

    # withdrawn documents are listed but not counted; removed meetings not at all
    with library.transaction() as conn:
        set_document_removed(conn, bilag.id, True)
    badges = library.badges()
    assert badges.documents[bilag.id].removed and badges.meetings[mid].unread == 1
    library.remove_meeting(mid)
    assert library.badges().meetings == {} and library.badges().documents == {}


def test_whats_new_since_a_time_or_a_change_log_position(library: Library, tmp_path: Path) -> None:
    first = _meeting(library, tmp_path / "a", 3)
    mark = library.last_event()
    second = _meeting(library, tmp_path / "b", 10)
    agenda_pdf(tmp_path / "a" / "dagsorden.pdf", day=3, extra="Rettet.")
    import_paths(library, [tmp_path / "a"])
    news = library.whats_new(since=mark)
    assert sorted((e.what, e.meeting.id, e.document.kind) for e in news) == [
        ("new", second, "agenda"),
        ("new", second, "attachment"),
        ("updated", first, "agenda"),
    ]
    assert news[0].seq >= news[-1].seq  # the latest first
    assert news[0].to_json()["meeting_title"]
    assert library.badges(since=mark).meetings[second].new == 2
    assert library.badges(since=mark).meetings[first].new == 0
    # a time: everything arrived after a day long past; nothing after one to come
    assert len(library.whats_new(since="2000-01-01")) == 4
    assert library.whats_new(since="2999-01-01T00:00:00+00:00") == []
    # a withdrawal is news too
    bilag = next(d for d in library.meeting(first).documents if d.kind == "attachment")
    mark = library.last_event()
    with library.transaction() as conn:
        set_document_removed(conn, bilag.id, True)
    assert [(e.what, e.document.id, e.document.removed) for e in library.whats_new(mark)] == [
        ("removed", bilag.id, True)
    ]


def test_meetings_by_body_put_upcoming_first_soonest_first_then_past_latest_first(
    library: Library, tmp_path: Path
) -> None:
    ids = {day: _meeting(library, tmp_path / f"m{day}", day) for day in (3, 10, 17, 24)}
    other = library.edit_meeting(ids[24], body="Anden komité")
    undated = library.edit_meeting(ids[17], start="2026-02-17")
    with library.transaction() as conn:  # a meeting the source gave no date
        conn.execute("UPDATE meeting_edits SET start = NULL WHERE meeting_id = ?", (ids[17],))
        conn.execute("UPDATE meetings SET start = NULL WHERE id = ?", (ids[17],))
    groups = library.meetings_by_body(today=date(2026, 2, 5))
    assert [(g.body, g.body_id) for g in groups] == [
        ("Anden komité", other.body_id),
        ("KKR Testegnen", undated.body_id),
    ]
    kkr = groups[1]
    assert [m.id for m in kkr.upcoming] == [ids[10]]
    assert [m.id for m in kkr.past] == [ids[3], ids[17]]  # the undated one last
    assert [m.id for m in groups[0].upcoming] == [ids[24]]
    assert kkr.badges.unread == 6 and kkr.badges.new == 0  # never synced: nothing is news
    library.remove_meeting(ids[10])
    kkr = library.meetings_by_body(today=date(2026, 2, 5))[1]
    assert kkr.upcoming == [] and kkr.badges.unread == 4
    assert [m.id for m in library.meetings_by_body(today=date(2026, 2, 3))[1].upcoming] == [ids[3]]

"""Correcting a meeting the reader got wrong: its body, kind, title and date.

A minutes PDF read as "Dagsorden – Ukendt udvalg" is put right here; the correction is kept
apart from what the source says, so a re-sync or a re-import does not undo it, and "Brug
kildens oplysninger" brings the source's values back.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.library.rows import MeetingRow

RESET = 100  # the dialog's result when the member asks for the source's values


class MeetingEditor(QDialog):
    def __init__(self, parent: QWidget, meeting: MeetingRow, bodies: list[str]) -> None:
        super().__init__(parent)
        self.setObjectName("meetingEditor")
        self.setWindowTitle(self.tr("Ret møde"))
        self.meeting = meeting
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("meetingBody")
        self.body_combo.setAccessibleName(self.tr("Udvalg"))
        self.body_combo.setEditable(True)
        self.body_combo.addItems(sorted(set(bodies) | {meeting.body}, key=str.casefold))
        self.body_combo.setCurrentText(meeting.body)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("meetingKind")
        self.kind_combo.setAccessibleName(self.tr("Slags"))
        self.kind_combo.addItem(self.tr("Dagsorden"), "agenda")
        self.kind_combo.addItem(self.tr("Referat"), "minutes")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(meeting.kind)))
        self.title_edit = QLineEdit(meeting.title)
        self.title_edit.setObjectName("meetingTitle")
        self.title_edit.setAccessibleName(self.tr("Titel"))
        self.dated = QCheckBox(self.tr("Mødet har en dato"))
        self.dated.setObjectName("meetingDated")
        self.start_edit = QDateTimeEdit()
        self.start_edit.setObjectName("meetingStart")
        self.start_edit.setAccessibleName(self.tr("Dato og tid"))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        if meeting.start:
            dt = datetime.fromisoformat(meeting.start)
            self.start_edit.setDateTime(
                QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute))
            )
            self.dated.setChecked(True)
        else:
            self.start_edit.setDateTime(QDateTime(QDate.currentDate(), QTime(9, 0)))
        self.start_edit.setEnabled(self.dated.isChecked())
        self.dated.toggled.connect(self.start_edit.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("&Udvalg:"), self.body_combo)
        form.addRow(self.tr("&Slags:"), self.kind_combo)
        form.addRow(self.tr("&Titel:"), self.title_edit)
        form.addRow("", self.dated)
        form.addRow(self.tr("&Dato:"), self.start_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("meetingEditError")
        self.error_label.setWordWrap(True)
        edited = QLabel()
        if meeting.edited:
            edited.setText(self.tr("Du har rettet dette møde før."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Gem"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annullér"))
        self.reset_button = buttons.addButton(
            self.tr("&Brug kildens oplysninger"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reset_button.setObjectName("meetingReset")
        self.reset_button.setEnabled(bool(meeting.edited))
        self.reset_button.clicked.connect(lambda: self.done(RESET))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(edited)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def changes(self) -> dict[str, str]:
        """The fields the member changed, as ``Library.edit_meeting`` takes them."""
        m = self.meeting
        out: dict[str, str] = {}
        body = " ".join(self.body_combo.currentText().split())
        if body != m.body:
            out["body"] = body
        kind = str(self.kind_combo.currentData())
        if kind != m.kind:
            out["kind"] = kind
        title = " ".join(self.title_edit.text().split())
        if title != m.title:
            out["title"] = title
        if self.dated.isChecked():
            start = self.start_edit.dateTime().toString("yyyy-MM-ddTHH:mm:00")
            if start != (m.start or "")[:19]:
                out["start"] = start
        return out

    def _accept(self) -> None:
        if not self.body_combo.currentText().strip():
            self.error_label.setText(self.tr("Udvalget må ikke være tomt."))
            return
        if not self.title_edit.text().strip():
            self.error_label.setText(self.tr("Titlen må ikke være tom."))
            return
        self.accept()

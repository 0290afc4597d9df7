"""File and folder choosers whose every word is in the window's language.

Qt's own file dialog (used where the desktop offers none) takes most of its words from
Qt's catalogue, but the labels of its form ("Look in:", "Files of type:") stayed English
beside Danish ones with the catalogue pip's PySide6 ships: they are set here, from ours.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

Label = QFileDialog.DialogLabel


class FileDialog(QFileDialog):
    def __init__(self, parent: QWidget, title: str, start: str) -> None:
        super().__init__(parent, title, start)
        self.setObjectName("fileDialog")
        self.setLabelText(Label.LookIn, self.tr("Kig i:"))
        self.setLabelText(Label.FileType, self.tr("Filtype:"))
        self.setLabelText(Label.Reject, self.tr("Annullér"))

    def for_files(self, filters: str) -> None:
        self.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.setNameFilter(filters)
        self.setLabelText(Label.FileName, self.tr("Filnavn:"))
        self.setLabelText(Label.Accept, self.tr("Åbn"))

    def for_folder(self) -> None:
        self.setFileMode(QFileDialog.FileMode.Directory)
        self.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.setLabelText(Label.FileName, self.tr("Mappe:"))
        self.setLabelText(Label.Accept, self.tr("Vælg"))


def open_files(parent: QWidget, title: str, start: str, filters: str) -> list[Path]:
    dialog = FileDialog(parent, title, start)
    dialog.for_files(filters)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return [Path(f) for f in dialog.selectedFiles()]


def folder(parent: QWidget, title: str, start: str) -> Path | None:
    dialog = FileDialog(parent, title, start)
    dialog.for_folder()
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen else None

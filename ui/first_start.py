"""The first start: what Mødemappe is, the demo meetings said to be a demo (and how to remove
them), and the way to the member's own meetings: a source, or a folder to import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Welcome(QFrame):
    add_source = Signal()
    import_folder = Signal()
    remove_demo = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Velkommen"))
        heading = QLabel(self.tr("Velkommen til Mødemappe"))
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.text = QLabel(
            self.tr(
                "Mødemappe samler dine mødepakker – dagsordener, referater og bilag – fra "
                "kommunens systemer, så du kan læse, søge og skrive noter, også uden net. "
                "Noterne er krypterede og bliver på din computer."
            )
        )
        self.text.setWordWrap(True)
        self.demo_label = QLabel(
            self.tr(
                "De to møder i listen er et demo-bibliotek med opdigtede udvalg og sager, "
                "så du kan prøve læseren. Fjern dem, når du har dine egne."
            )
        )
        self.demo_label.setObjectName("demoNotice")
        self.demo_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Tilføj din første kilde…"))
        self.add_button.setObjectName("welcomeAddSource")
        self.add_button.setDefault(True)
        self.add_button.setAccessibleName(self.tr("Tilføj din første kilde"))
        self.add_button.clicked.connect(self.add_source)
        self.import_button = QPushButton(self.tr("&Importér en mappe…"))
        self.import_button.setObjectName("welcomeImportFolder")
        self.import_button.setAccessibleName(self.tr("Importér en mappe"))
        self.import_button.clicked.connect(self.import_folder)
        self.remove_button = QPushButton(self.tr("&Fjern demoen"))
        self.remove_button.setObjectName("removeDemo")
        self.remove_button.setAccessibleName(self.tr("Fjern demoen"))
        self.remove_button.clicked.connect(self.remove_demo)
        self.close_button = QPushButton(self.tr("S&kjul"))
        self.close_button.setObjectName("welcomeClose")
        self.close_button.setAccessibleName(self.tr("Skjul velkomsten"))
        self.close_button.clicked.connect(self.dismissed)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.import_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(self.demo_label)
        layout.addLayout(buttons)

    def set_demo(self, present: bool) -> None:
        self.demo_label.setVisible(present)
        self.remove_button.setVisible(present)

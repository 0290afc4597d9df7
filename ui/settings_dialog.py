"""Settings: language, colours, where the data is and how to back it up, the notes'
passphrase, and how often to sync."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.paths import DataPaths
from ui.sync_control import DEFAULT_INTERVAL_MIN, INTERVAL_KEY
from ui.theme import DARK, LIGHT, SYSTEM

LANGUAGE_KEY = "language"
THEME_KEY = "view/theme"


class SettingsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        paths: DataPaths,
        passphrase_action: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Indstillinger"))
        self.settings = settings
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageChoice")
        self.language_combo.setAccessibleName(self.tr("Sprog"))
        self.language_combo.addItem("Dansk", "da")
        self.language_combo.addItem("English", "en")
        lang = str(settings.value(LANGUAGE_KEY, "da"))
        self.language_combo.setCurrentIndex(1 if lang.startswith("en") else 0)
        self.language_note = QLabel(self.tr("Sproget skiftes, næste gang Mødemappe starter."))
        self.language_note.setWordWrap(True)
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeChoice")
        self.theme_combo.setAccessibleName(self.tr("Farver"))
        for theme, text in (
            (SYSTEM, self.tr("Som systemet")),
            (LIGHT, self.tr("Lyse")),
            (DARK, self.tr("Mørke")),
        ):
            self.theme_combo.addItem(text, theme)
        self.theme_combo.setCurrentIndex(
            max(0, self.theme_combo.findData(str(settings.value(THEME_KEY, SYSTEM))))
        )
        self.interval_spin = QSpinBox()
        self.interval_spin.setObjectName("syncInterval")
        self.interval_spin.setAccessibleName(self.tr("Synkronisér hvert antal minutter"))
        self.interval_spin.setRange(0, 24 * 60)
        self.interval_spin.setSingleStep(5)
        self.interval_spin.setSuffix(self.tr(" min"))
        self.interval_spin.setSpecialValueText(self.tr("kun når jeg beder om det"))
        try:
            minutes = int(str(settings.value(INTERVAL_KEY, DEFAULT_INTERVAL_MIN)))
        except ValueError:
            minutes = DEFAULT_INTERVAL_MIN
        self.interval_spin.setValue(minutes)

        general = QFormLayout()
        general.addRow(self.tr("&Sprog:"), self.language_combo)
        general.addRow("", self.language_note)
        general.addRow(self.tr("&Farver:"), self.theme_combo)
        general.addRow(self.tr("S&ynkronisér hvert:"), self.interval_spin)

        data = QGroupBox(self.tr("Data og sikkerhedskopi"))
        where = QLineEdit(str(paths.root))
        where.setObjectName("dataLocation")
        where.setAccessibleName(self.tr("Datamappe"))
        where.setReadOnly(True)
        open_button = QPushButton(self.tr("&Åbn mappen"))
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.root)))
        )
        row = QHBoxLayout()
        row.addWidget(where, 1)
        row.addWidget(open_button)
        backup = QLabel(
            self.tr(
                "Alt, hvad Mødemappe gemmer – møder, dokumenter og dine krypterede noter – "
                "ligger i denne mappe. Tag en sikkerhedskopi ved at kopiere hele mappen, mens "
                "Mødemappe er lukket. Noterne kan kun åbnes med din adgangskode eller din "
                "gendannelsesnøgle, så gem gendannelsesnøglen et sikkert sted. En anden mappe "
                "vælges med miljøvariablen MOEDEMAPPE_DATA_DIR."
            )
        )
        backup.setWordWrap(True)
        data_layout = QVBoxLayout(data)
        data_layout.addLayout(row)
        data_layout.addWidget(backup)

        notes = QGroupBox(self.tr("Noter"))
        notes_layout = QHBoxLayout(notes)
        notes_text = QLabel(self.tr("Noterne er beskyttet med en adgangskode."))
        notes_text.setWordWrap(True)
        notes_layout.addWidget(notes_text, 1)
        self.passphrase_button = QPushButton(self.tr("Skift &adgangskode…"))
        self.passphrase_button.setObjectName("changePassphrase")
        if passphrase_action is not None:
            self.passphrase_button.setEnabled(passphrase_action.isEnabled())
            self.passphrase_button.clicked.connect(passphrase_action.trigger)
        else:
            self.passphrase_button.setEnabled(False)
        notes_layout.addWidget(self.passphrase_button)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Gem"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annullér"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(data)
        layout.addWidget(notes)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def theme(self) -> str:
        return str(self.theme_combo.currentData())

    def interval(self) -> int:
        return int(self.interval_spin.value())

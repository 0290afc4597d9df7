"""The words and number shapes agendas and minutes share, in Danish, German and English.

Everything here describes how documents are written, never which bodies exist: a parser that
knows only a fixed list of committee names misses every body not on the list.
"""

from __future__ import annotations

import re

# --- sections ----------------------------------------------------------------------------------

SECTION_NAMES = frozenset(
    s.casefold()
    for s in (
        # Danish
        "Baggrund",
        "Indstilling",
        "Indstillinger",
        "Sagsfremstilling",
        "Sagsbeskrivelse",
        "Sagen",
        "Beskrivelse",
        "Økonomi",
        "Bilag",
        "Bilagsfortegnelse",
        "Beslutning",
        "Beslutninger",
        "Beslutningen træffes af",
        "Beslutningskompetence",
        "Kompetence",
        "Resume",
        "Resumé",
        "Sammendrag",
        "Sagsresume",
        "Sagsresumé",
        "Sagsforløb",
        "Lovgrundlag",
        "Retsgrundlag",
        "Lovgivning",
        "Vurdering",
        "Høring",
        "Høringssvar",
        "Kommunikation",
        "Tidsplan",
        "Videre proces",
        "Proces",
        "Formål",
        "Konsekvenser",
        "Historik",
        "Tidligere beslutninger",
        "Politisk behandling",
        "Supplerende sagsfremstilling",
        "Fraværende",
        "Afbud",
        "Bemærkninger",
        "Økonomiske konsekvenser",
        "Økonomiske konsekvenser og finansiering",
        "Bevillingsmæssige konsekvenser",
        "Miljøvurdering",
        "Borgerinddragelse",
        "Administrationens indstilling",
        "Forvaltningens indstilling",
        "Direktionens indstilling",
        "Administrationens vurdering",
        "Forvaltningens vurdering",
        # German
        "Sachverhalt",
        "Sachstand",
        "Begründung",
        "Antrag",
        "Anträge",
        "Beschlussvorschlag",
        "Beschlussantrag",
        "Beschluss",
        "Beschlüsse",
        "Abstimmungsergebnis",
        "Ergebnis",
        "Beratung",
        "Beratungsergebnis",
        "Finanzielle Auswirkungen",
        "Stellungnahme",
        "Anlage",
        "Anlagen",
        "Beilage",
        "Beilagen",
        "Eintreten",
        "Detailberatung",
        "Beschlussfassung",
        "Schlussabstimmung",
        "Diskussion",
        "Protokollvermerk",
        # English
        "Background",
        "Recommendation",
        "Recommendations",
        "Decision",
        "Resolution",
        "Summary",
        "Attachments",
        "Appendices",
        "Financial implications",
    )
)

# First words that open a longer section heading ("Beslutning i Økonomiudvalget den 12-03-2025").
SECTION_STARTS = frozenset(
    {
        "baggrund",
        "indstilling",
        "beslutning",
        "sagsfremstilling",
        "økonomi",
        "økonomiske",
        "bilag",
        "resume",
        "resumé",
        "høring",
        "tidsplan",
        "vurdering",
        "lovgrundlag",
        "beschluss",
        "beschlussvorschlag",
        "antrag",
        "abstimmungsergebnis",
        "sachverhalt",
    }
)

# Sections whose lines list attachments.
ATTACHMENT_SECTIONS = frozenset(
    {
        "bilag",
        "bilagsfortegnelse",
        "anlage",
        "anlagen",
        "beilage",
        "beilagen",
        "attachments",
        "appendices",
    }
)

# A decision heading in any of its forms: "Beslutning", "Beslutning i Byrådet den …",
# "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1", "Beschluss:",
# "Abstimmungsergebnis", "Decision". Recognised by its words, whatever its typography.
DECISION_HEADING = re.compile(
    r"^(?:[\wæøåÆØÅ][\wæøåÆØÅ\-–, ]{0,90}?(?:s|es)\s+)?"
    r"(?:beslutning|beschluss|beschlussfassung|abstimmungsergebnis|decision)\b"
    r"(?:\s+(?:i|af|den|d\.|vom|am|des|der|of|on)\b[^!?]{0,90}?)?\s*:?$",
    re.IGNORECASE,
)
DECISION_WORDS = frozenset(
    {"beslutning", "beschluss", "abstimmungsergebnis", "decision", "beschlussfassung"}
)
TRAILING_ITEM_REF = re.compile(r"\s+(?:punkt|pkt\.?|top)\s*\d{1,3}\s*$", re.IGNORECASE)


# the stems without their first letter, which may be a capital
_DECISION_STEMS = ("eslutning", "eschluss", "bstimmung", "ecision")


def decision_heading(text: str) -> str | None:
    """The heading's name if ``text`` opens a decision ("… beslutning den 04.12.2012 Punkt 1"
    gives "… beslutning den 04.12.2012"), else None; a sentence is never a heading."""
    if len(text) > 130 or not (text.isupper() or any(stem in text for stem in _DECISION_STEMS)):
        return None  # most lines: a few substring tests, no regular expression
    t = TRAILING_ITEM_REF.sub("", text.strip()).strip()
    if len(t) > 110 or re.search(r"[a-zæøåäöüß]\.$", t) or not DECISION_HEADING.match(t):
        return None
    return t.rstrip(":").strip()


# An item marked closed on a line of its own ("Lukket punkt", "nicht öffentlich").
CLOSED_LINE = re.compile(
    r"^(?:lukket(?:\s+punkt|\s+sag)?|punktet er lukket|nicht öffentlich|nichtöffentlich)\.?$",
    re.IGNORECASE,
)

# --- meeting kinds -----------------------------------------------------------------------------

AGENDA_WORDS = frozenset(
    {"dagsorden", "indkaldelse", "einladung", "tagesordnung", "agenda", "ladung"}
)
MINUTES_WORDS = frozenset(
    {
        "referat",
        "mødereferat",
        "beslutningsprotokol",
        "protokol",
        "niederschrift",
        "verhandlungsschrift",
        "protokoll",
        "sitzungsprotokoll",
        "beschlussprotokoll",
        "ergebnisprotokoll",
        "sitzungsniederschrift",
        "minutes",
    }
)
KIND_LINE = re.compile(
    r"^(?:(?:åbent?|lukket|öffentliche|nichtöffentliche|nicht\s+öffentliche|public|draft|"
    r"endelig|foreløbig)\s+)?([\wæøåäöüß]+)\b(?!\s*:)",
    re.IGNORECASE,
)

# --- bodies ------------------------------------------------------------------------------------

# Nouns that name a political body, as the last part of a word or a word of their own. A line
# with one of these (and not a person's title) names the body.
BODY_NOUN = re.compile(
    r"(?:udvalg(?:et)?|byråd(?:et)?|kommunalbestyrelsen?|regionsråd(?:et)?|"
    r"borgerrepræsentationen|magistrat(?:en)?|råd(?:et)?|kkr\s+\w+|bestyrelsen?|"
    r"(?:gemeinde|stadt|stadtteil|bei|orts|ortschafts|kantons|land|regierungs|kreis|bezirks|"
    r"senioren|integrations|jugend|grosser\s|großer\s)rat|kreistag|landtag|ausschuss|"
    r"bezirksvertretung|gemeindevertretung|stadtverordnetenversammlung|senat|kommission|gremium|"
    r"council|committee|board|assembly|cabinet)$",
    re.IGNORECASE,
)
# "Sitzung des Gemeinderates", "Mødet i Økonomiudvalget": a body named in running text.
BODY_IN_PROSE = re.compile(
    r"(?:sitzung|besprechung|versammlung)\s+(?:des|der)\s+(.+?)(?:\s+(?:am|vom|in|im)\b.*)?$"
    r"|(?:møde|mødet)\s+i\s+(.+?)(?:\s+(?:den|d\.|kl\.)\b.*)?$"
    r"|meeting\s+of\s+(?:the\s+)?(.+?)(?:\s+(?:on|at)\b.*)?$",
    re.IGNORECASE,
)
# Words that make a line about a person or an office, not the body itself.
PERSON_WORDS = re.compile(
    r"\b(?:vorsitzende[rn]?|formand|næstformand|sekretær|bürgermeister(?:in)?|präsident(?:in)?|"
    r"mitglied(?:er)?|medlem(?:mer)?|chair(?:man|woman)?|gez\.|i\s+vertretung)\b",
    re.IGNORECASE,
)

# --- dates, times, places ----------------------------------------------------------------------

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "january": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "february": 2,
    "feb": 2,
    "marts": 3,
    "märz": 3,
    "march": 3,
    "mar": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dezember": 12,
    "dec": 12,
    "dez": 12,
}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = (
    r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
WEEKDAY = re.compile(rf"\b(?:{WEEKDAY_RE})\b", re.IGNORECASE)

NUM_DATE = re.compile(r"(?<![\d/])(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?![\d/])")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
TXT_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*({MONTH_RE})\.?,?\s+(\d{{4}})", re.IGNORECASE)
EN_DATE = re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)

# "kl. 13:00", "13.00 - 15.30", "15.00 Uhr", "09.30 Uhr bis 12.40 Uhr", "18:30".
TIME_RANGE = re.compile(
    r"(?:\bkl\.?\s*|\bum\s+|\bat\s+)?(?<![\d.:])(\d{1,2})[:.](\d{2})(?![\d.:]\d)\s*(uhr|h\b)?"
    r"(?:\s*(?:-|–|til|bis|to)\s*(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?![\d.:]\d)\s*(?:uhr|h\b)?)?",
    re.IGNORECASE,
)
TIME_HOUR = re.compile(r"\bkl\.?\s*(\d{1,2})(?![\d:.])|\b(\d{1,2})\s*uhr\b", re.IGNORECASE)

# Labels that introduce the meeting's date (and often its time).
DATE_LABEL = re.compile(
    r"^(?:møde)?dato(?:\s+og\s+tid(?:spunkt)?)?|^mødetidspunkt|^tidspunkt|^tid|^afholdt|"
    r"^sitzungs(?:tag|datum|termin)|^datum\s+der\s+sitzung|^besprechung\s+am|^sitzung\s+am|"
    r"^termin|^meeting\s+date|^date(?:\s+and\s+time)?|^datum|^zeit",
    re.IGNORECASE,
)
START_LABEL = re.compile(
    r"^(?:starttidspunkt|mødestart|start|mødetid|tidspunkt|kl\.|beginn|sitzungsbeginn|zeit|"
    r"uhrzeit|time)\b",
    re.IGNORECASE,
)
END_LABEL = re.compile(
    r"^(?:sluttidspunkt|mødeslut|slut|ende|sitzungsende|schluss|end)\b", re.IGNORECASE
)
PLACE_LABEL = re.compile(
    r"^(mødested|sted|mødelokale|lokale|adresse|ort|sitzungsort|tagungsort|sitzungssaal|raum|"
    r"location|venue|place)\b\s*:?\s*(.*)$",
    re.IGNORECASE,
)
# "i Mødecenter C, Lokale 32 på Ballerup Rådhus", "In der Welser Stadthalle stattfindenden",
# "im Rathaus, Sitzungssaal".
PLACE_PROSE = re.compile(
    r"^(?i:i|på|in\s+der|in\s+dem|im|in|at)\s+(?P<place>[A-ZÆØÅÄÖÜ].+?)"
    r"(?:\s+(?:stattfindenden|stattfindende|statt)\b.*)?[.,]?$"
)
# A letter's own date: "Erlangen, den 20. Oktober 2021", "Ballerup, 4. december 2012".
LETTER_DATE = re.compile(r"^[A-ZÆØÅÄÖÜ][\wæøåäöüß .\-]{1,40},\s*(?:den\s+|d\.\s*)?\d")
# Embedded labels split a row of label/value pairs ("Ort: Digital Ende: 20:30 Uhr").
EMBEDDED_LABEL = re.compile(r"\s(?=[A-ZÆØÅÄÖÜ][\wæøåäöüß.]{1,25}:\s)")

# --- case numbers ------------------------------------------------------------------------------

CASE_RES = (
    # KL/ESDH style: SAG-2025-01103, EMN-2025-003383
    re.compile(r"(?<![\w-])[A-ZÆØÅ]{2,5}-\d{4}-\d{2,}\b"),
    # KLE journal numbers: 00.01.00-A00-1-25
    re.compile(r"\b\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}\b"),
    # Thurgau and similar: 20/BS 48/457, 20/WA 88/521
    re.compile(r"(?<![\w/])\d{2}/[A-Z]{2,4}\s\d{1,4}/\d{1,5}\b"),
    # Austrian and German file numbers: FD-Buch-14-2022/003, BdB-325-01-1-2022, BK-K-133-2022
    re.compile(
        r"(?<![\w./-])[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5}(?:-[A-Za-z0-9ÄÖÜäöü.]{1,9}){1,5}"
        r"-(?:19|20)\d{2}(?:/\d{1,4})?(?![\w-])"
    ),
    # Labelled: "Sagsnr.: 2011-29298", "J.nr. 12/27845", "Az.: 32-1/2020"
    re.compile(
        r"(?:sags?\s*nr\.?|sagsnummer|journal\s*nr\.?|j\.\s*nr\.?|\baz\.|aktenzeichen|"
        r"geschäftszahl)\s*:?\s*([\w./-]*\d[\w./-]*)",
        re.IGNORECASE,
    ),
)

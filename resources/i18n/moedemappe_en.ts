<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Bookmarks</name>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="175"/>
        <source>Bogmærker</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="193"/>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../ui/viewer/view.py" line="88"/>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/view.py" line="90"/>
        <source>Dokumentets sider. Piletaster, Page Up og Page Down ruller.</source>
        <translation>The document&apos;s pages. Arrow keys, Page Up and Page Down scroll.</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/view.py" line="461"/>
        <source>Siden kunne ikke vises</source>
        <translation>The page could not be shown</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../ui/viewer/find.py" line="30"/>
        <location filename="../../ui/viewer/find.py" line="36"/>
        <source>Find i dokumentet</source>
        <translation>Find in the document</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="35"/>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="39"/>
        <source>Forrige</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="39"/>
        <source>Forrige fund (Shift+F3)</source>
        <translation>Previous match (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="42"/>
        <source>Næste</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="42"/>
        <source>Næste fund (F3)</source>
        <translation>Next match (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="46"/>
        <source>Antal fund</source>
        <translation>Number of matches</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="47"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="47"/>
        <source>Luk (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="211"/>
        <source>Ingen fund</source>
        <translation>No matches</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="211"/>
        <source>Søger…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/find.py" line="213"/>
        <source>%1 af %2</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>d. MMMM yyyy</source>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <source>kl. %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>Filtrér møder…</source>
        <translation>Filter meetings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>Filtrér møder</source>
        <translation>Filter meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <location filename="../../ui/main_window.py" line="145"/>
        <source>Møder</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>&amp;Møder</source>
        <translation>&amp;Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>Møder og søgning</source>
        <translation>Meetings and search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146"/>
        <source>Søg</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>Dagsordenspunkter</source>
        <translation>Agenda items</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>Punkt</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>&amp;Dagsorden</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>D&amp;okument</source>
        <translation>D&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>&amp;Importér…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231"/>
        <source>Importér &amp;mappe…</source>
        <translation>Import &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="234"/>
        <source>&amp;Afslut</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235"/>
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>&amp;Find møde</source>
        <translation>&amp;Find meeting</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="243"/>
        <source>&amp;Søg i alt</source>
        <translation>&amp;Search everything</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244"/>
        <source>Gå til &amp;møder</source>
        <translation>Go to &amp;meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245"/>
        <source>Gå til &amp;dagsorden</source>
        <translation>Go to &amp;agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="246"/>
        <source>Gå til d&amp;okument</source>
        <translation>Go to d&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247"/>
        <source>&amp;Næste side</source>
        <translation>&amp;Next page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248"/>
        <source>&amp;Forrige side</source>
        <translation>&amp;Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250"/>
        <source>Zoom &amp;ind</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255"/>
        <source>Zoom &amp;ud</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <source>&amp;Tilpas til bredden</source>
        <translation>&amp;Fit to width</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263"/>
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264"/>
        <source>&amp;Om Mødemappe</source>
        <translation>&amp;About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>Uden dato</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>%1 møder, %2 dokumenter</source>
        <translation>%1 meetings, %2 documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Bilag</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Referat</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Dagsorden</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="364"/>
        <source>(lukket)</source>
        <translation>(closed)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369"/>
        <source>Bilag: </source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="467"/>
        <source>Side %1 af %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="475"/>
        <source>Importér mødepakker</source>
        <translation>Import meeting packages</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="477"/>
        <source>PDF og zip (*.pdf *.zip);;Alle filer (*)</source>
        <translation>PDF and zip (*.pdf *.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483"/>
        <source>Importér mappe</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491"/>
        <source>Importerer…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="493"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="505"/>
        <source>Opdaterer søgeindekset…</source>
        <translation>Updating the search index…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="507"/>
        <source>Gemmer…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="516"/>
        <source>%1 nye dokumenter, %2 nye versioner, %3 uændrede</source>
        <translation>%1 new documents, %2 new versions, %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="530"/>
        <source>Import stoppet</source>
        <translation>Import stopped</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="547"/>
        <source>Nogle filer blev ikke importeret</source>
        <translation>Some files were not imported</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="553"/>
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="555"/>
        <source>Mødemappe %1

Dine mødepakker, noter og søgning – også uden net.
Licens: AGPL-3.0-or-later.
Data: %2</source>
        <translation>Mødemappe %1

Your meeting packages, notes and search – also offline.
Licence: AGPL-3.0-or-later.
Data: %2</translation>
    </message>
</context>
<context>
    <name>NotesArea</name>
    <message>
        <location filename="../../ui/notes_area.py" line="42"/>
        <source>Dine noter er krypterede. Åbner…</source>
        <translation>Your notes are encrypted. Opening…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="45"/>
        <location filename="../../ui/notes_area.py" line="116"/>
        <source>&amp;Lås noter op…</source>
        <translation>&amp;Unlock notes…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="47"/>
        <location filename="../../ui/notes_area.py" line="73"/>
        <source>Lås noter op</source>
        <translation>Unlock notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="74"/>
        <source>Adgangskode til dine noter:</source>
        <translation>Passphrase for your notes:</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="80"/>
        <source>Beskyt dine noter</source>
        <translation>Protect your notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="82"/>
        <source>Computerens nøglering kan ikke gemme nøglen til dine noter.
Vælg en adgangskode (mindst 8 tegn):</source>
        <translation>The computer&apos;s keyring cannot keep the key to your notes.
Choose a passphrase (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="88"/>
        <source>Adgangskoden skal have mindst 8 tegn.</source>
        <translation>The passphrase must have at least 8 characters.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="115"/>
        <source>Dine noter er låst. Skriv din adgangskode for at åbne dem.</source>
        <translation>Your notes are locked. Enter your passphrase to open them.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="119"/>
        <source>Dine noter krypteres, men computerens nøglering kan ikke bruges. Vælg en adgangskode for at komme i gang.</source>
        <translation>Your notes are encrypted, but the computer&apos;s keyring cannot be used. Choose a passphrase to get started.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="122"/>
        <source>&amp;Vælg adgangskode…</source>
        <translation>&amp;Choose passphrase…</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../ui/notes_panel.py" line="57"/>
        <location filename="../../ui/notes_panel.py" line="60"/>
        <location filename="../../ui/notes_panel.py" line="105"/>
        <source>Noter</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="62"/>
        <source>&amp;Ny note</source>
        <translation>&amp;New note</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="63"/>
        <source>Ny note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="65"/>
        <location filename="../../ui/notes_panel.py" line="66"/>
        <source>Slet note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="69"/>
        <source>Notens tekst</source>
        <translation>Note text</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="70"/>
        <source>Skriv din note her. Den gemmes automatisk.</source>
        <translation>Write your note here. It is saved automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="73"/>
        <source>Gemmestatus</source>
        <translation>Save status</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="109"/>
        <source>Noter til mødet</source>
        <translation>Notes for the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="111"/>
        <source>Noter til punkt %1</source>
        <translation>Notes for item %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="131"/>
        <location filename="../../ui/notes_panel.py" line="207"/>
        <source>(tom note)</source>
        <translation>(empty note)</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="164"/>
        <source>Ikke gemt endnu</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="180"/>
        <source>Gemmer …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="210"/>
        <source>Gemt</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="239"/>
        <source>Noten er slettet</source>
        <translation>The note was deleted</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="247"/>
        <source>Kunne ikke gemme</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../ui/page_view.py" line="29"/>
        <source>Dokumentside</source>
        <translation>Document page</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../ui/viewer/pane.py" line="74"/>
        <source>Læser</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="140"/>
        <source>Læserens værktøjslinje</source>
        <translation>The reader&apos;s toolbar</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="142"/>
        <source>Sidepanel</source>
        <translation>Sidebar</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="142"/>
        <source>Vis eller skjul sidepanelet (F4)</source>
        <translation>Show or hide the sidebar (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="147"/>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="147"/>
        <source>Tilbage til hvor du var (Alt+Venstre)</source>
        <translation>Back to where you were (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="151"/>
        <source>Frem</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="151"/>
        <source>Frem igen (Alt+Højre)</source>
        <translation>Forward again (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="154"/>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="157"/>
        <source>Sidetal</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="158"/>
        <source>Gå til side (Ctrl+G)</source>
        <translation>Go to page (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="168"/>
        <source>Zoom ud</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="168"/>
        <source>Zoom ud (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="173"/>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="176"/>
        <source>Tilpas bredde</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="177"/>
        <source>Hele siden</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="183"/>
        <source>Zoom i procent</source>
        <translation>Zoom in percent</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="186"/>
        <source>Zoom ind</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="186"/>
        <source>Zoom ind (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="192"/>
        <source>Mørke sider</source>
        <translation>Dark pages</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="193"/>
        <source>Vis siderne med lys tekst på mørk baggrund</source>
        <translation>Show the pages with light text on a dark background</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="198"/>
        <source>Find i dokumentet</source>
        <translation>Find in the document</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="198"/>
        <source>Find i dokumentet (Ctrl+F)</source>
        <translation>Find in the document (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="217"/>
        <source>af %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="259"/>
        <source>Zoom: %1 %</source>
        <translation>Zoom: %1 %</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="69"/>
        <source>Søg, fx sundhedsreform &quot;ikke godkendt&quot;</source>
        <translation>Search, e.g. sundhedsreform &quot;ikke godkendt&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="70"/>
        <source>Søgeord</source>
        <translation>Search words</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="76"/>
        <source>Udvalg</source>
        <translation>Committee</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="77"/>
        <source>Kun dette udvalg</source>
        <translation>Only this committee</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="79"/>
        <source>Dokumenttype</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="83"/>
        <source>Alle dokumenter</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="84"/>
        <source>Dagsordener</source>
        <translation>Agendas</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="85"/>
        <source>Referater</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="86"/>
        <source>Bilag</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="91"/>
        <source>Lukkede punkter</source>
        <translation>Closed items</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="93"/>
        <source>Medtag lukkede punkter</source>
        <translation>Include closed items</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="94"/>
        <source>Fra</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="95"/>
        <source>Fra dato</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="98"/>
        <source>Første mødedato</source>
        <translation>First meeting date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="99"/>
        <source>Til</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="100"/>
        <source>Til dato</source>
        <translation>To date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="103"/>
        <source>Sidste mødedato</source>
        <translation>Last meeting date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="123"/>
        <source>Forslag til stavning</source>
        <translation>Spelling suggestion</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="127"/>
        <source>Søgestatus</source>
        <translation>Search status</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="129"/>
        <source>Opdaterer søgeindekset</source>
        <translation>Updating the search index</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="133"/>
        <source>Søgeresultater</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="177"/>
        <source>Søgeindeks: %1 af %2 sider</source>
        <translation>Search index: %1 of %2 pages</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="255"/>
        <source>Søgeindekset genopbygges…</source>
        <translation>Rebuilding the search index…</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="264"/>
        <source>Søgningen mislykkedes</source>
        <translation>The search failed</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="270"/>
        <source>Mente du: %1</source>
        <translation>Did you mean: %1</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="276"/>
        <source>Ingen resultater</source>
        <translation>No results</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="278"/>
        <source>1 resultat</source>
        <translation>1 result</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="280"/>
        <source>%1 resultater</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="293"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="295"/>
        <source>s. %1</source>
        <translation>p. %1</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="213"/>
        <source>Sidepanel</source>
        <translation>Sidebar</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="216"/>
        <source>Sidepanelets faner</source>
        <translation>The sidebar&apos;s tabs</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="217"/>
        <source>Sider</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="218"/>
        <source>Bogmærker</source>
        <translation>Bookmarks</translation>
    </message>
</context>
<context>
    <name>Thumbnails</name>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="42"/>
        <source>Sideminiaturer</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="83"/>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="26"/>
        <source>Der opstod en uventet fejl</source>
        <translation>An unexpected error occurred</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>Mødemappe</source>
        <translation>Mødemappe</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/app.py" line="74"/>
        <source>Indlæser demo-biblioteket…</source>
        <translation>Loading the demo library…</translation>
    </message>
</context>
</TS>

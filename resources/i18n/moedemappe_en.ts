<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AnnotationList</name>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="43"/>
        <source>Kommentarer</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="45"/>
        <source>Lås noterne op for at se og lave kommentarer.</source>
        <translation>Unlock the notes to see and make comments.</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="50"/>
        <source>Filtrér kommentarer</source>
        <translation>Filter comments</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="51"/>
        <source>Filtrér…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="56"/>
        <source>Dokumentets kommentarer</source>
        <translation>The document's comments</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="63"/>
        <source>Placér igen</source>
        <translation>Place again</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="65"/>
        <source>Placér kommentaren igen</source>
        <translation>Place the comment again</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="67"/>
        <source>Markér den nye tekst i dokumentet, og vælg Placér igen</source>
        <translation>Select the new text in the document, then choose Place again</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="70"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="72"/>
        <source>Slet kommentaren</source>
        <translation>Delete the comment</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="73"/>
        <source>Slet den valgte kommentar (Delete)</source>
        <translation>Delete the selected comment (Delete)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="75"/>
        <source>Note…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="77"/>
        <source>Redigér kommentarens note</source>
        <translation>Edit the comment's note</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="78"/>
        <source>Redigér noten (F2)</source>
        <translation>Edit the note (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="120"/>
        <source>Før første punkt</source>
        <translation>Before the first item</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="131"/>
        <source>Ikke placeret i denne version</source>
        <translation>Not placed in this version</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="136"/>
        <source>Teksten blev ikke fundet i den nye version. Markér den nye tekst, vælg kommentaren, og vælg Placér igen.</source>
        <translation>The text was not found in the new version. Select the new text, choose the comment, then choose Place again.</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="150"/>
        <source>Fremhævning</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="151"/>
        <source>Understregning</source>
        <translation>Underline</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="152"/>
        <source>Gennemstregning</source>
        <translation>Strikeout</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="153"/>
        <source>Frihånd</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="154"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="155"/>
        <source>Tekstboks</source>
        <translation>Text box</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="156"/>
        <source>Rektangel</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="161"/>
        <source>s. %1</source>
        <translation>p. %1</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="164"/>
        <source>fra version %1</source>
        <translation>from version %1</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="168"/>
        <source>⚠ Ændret: «%1» → «%2»</source>
        <translation>⚠ Changed: “%1” → “%2”</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="175"/>
        <location filename="../../ui/viewer/annotation_list.py" line="185"/>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="181"/>
        <source>Markeret: %1</source>
        <translation>Marked: %1</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotation_list.py" line="183"/>
        <source>Nu: %1</source>
        <translation>Now: %1</translation>
    </message>
</context>
<context>
    <name>Annotations</name>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="467"/>
        <source>Fremhæv</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="468"/>
        <source>Understreg</source>
        <translation>Underline</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="469"/>
        <source>Gennemstreg</source>
        <translation>Strike out</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="506"/>
        <location filename="../../ui/viewer/annotations.py" line="793"/>
        <source>Ny note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="507"/>
        <source>Frihånd</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="508"/>
        <source>Rektangel</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="509"/>
        <location filename="../../ui/viewer/annotations.py" line="832"/>
        <source>Tekstboks</source>
        <translation>Text box</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="531"/>
        <source>Redigér note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="536"/>
        <source>Redigér tekst</source>
        <translation>Edit text</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="541"/>
        <source>Skift farve</source>
        <translation>Change colour</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="559"/>
        <source>Flyt</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="578"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="597"/>
        <source>Placér igen</source>
        <translation>Place again</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="793"/>
        <location filename="../../ui/viewer/annotations.py" line="823"/>
        <source>Notens tekst</source>
        <translation>Note text</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="797"/>
        <source>Ny tekstboks</source>
        <translation>New text box</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="797"/>
        <location filename="../../ui/viewer/annotations.py" line="832"/>
        <source>Tekst i boksen</source>
        <translation>Text in the box</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="823"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="852"/>
        <source>Kommentarer</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="857"/>
        <source>Redigér &amp;note…</source>
        <translation>Edit &amp;note…</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="859"/>
        <source>Redigér &amp;tekst…</source>
        <translation>Edit &amp;text…</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="862"/>
        <source>&amp;Slet</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="869"/>
        <source>Lås noterne op for at kommentere</source>
        <translation>Unlock the notes to comment</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="873"/>
        <source>&amp;Placér kommentaren her</source>
        <translation>&amp;Place the comment here</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="875"/>
        <source>&amp;Kopiér</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="879"/>
        <source>Tilføj &amp;note her…</source>
        <translation>Add a &amp;note here…</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="893"/>
        <source>&amp;Fremhæv</source>
        <translation>&amp;Highlight</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="894"/>
        <source>&amp;Understreg</source>
        <translation>&amp;Underline</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="895"/>
        <source>&amp;Gennemstreg</source>
        <translation>&amp;Strike out</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="906"/>
        <source>&amp;Farve</source>
        <translation>&amp;Colour</translation>
    </message>
</context>
<context>
    <name>Bookmarks</name>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="184"/>
        <source>Bogmærker</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="202"/>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../ui/viewer/view.py" line="106"/>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/view.py" line="108"/>
        <source>Dokumentets sider. Piletaster, Page Up og Page Down ruller.</source>
        <translation>The document&apos;s pages. Arrow keys, Page Up and Page Down scroll.</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/view.py" line="507"/>
        <source>Siden kunne ikke vises</source>
        <translation>The page could not be shown</translation>
    </message>
</context>
<context>
    <name>ExportRun</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="57"/>
        <source>Annuller</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="59"/>
        <source>Eksport</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="60"/>
        <source>Eksportens fremdrift</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="80"/>
        <source>Stopper…</source>
        <translation>Stopping…</translation>
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
        <location filename="../../ui/main_window.py" line="145"/>
        <source>d. MMMM yyyy</source>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>kl. %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Filtrér møder…</source>
        <translation>Filter meetings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>Filtrér møder</source>
        <translation>Filter meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>Møder</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>&amp;Møder</source>
        <translation>&amp;Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>Møder og søgning</source>
        <translation>Meetings and search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>Søg</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Dagsordenspunkter</source>
        <translation>Agenda items</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Punkt</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Noter</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>&amp;Dagsorden</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231"/>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>D&amp;okument</source>
        <translation>D&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="279"/>
        <source>&amp;Importér…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>Importér &amp;mappe…</source>
        <translation>Import &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <source>&amp;Afslut</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290"/>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>&amp;Find møde</source>
        <translation>&amp;Find meeting</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>&amp;Søg i alt</source>
        <translation>&amp;Search everything</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Gå til &amp;møder</source>
        <translation>Go to &amp;meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Gå til &amp;dagsorden</source>
        <translation>Go to &amp;agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Gå til d&amp;okument</source>
        <translation>Go to d&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300"/>
        <source>&amp;Læs</source>
        <translation>&amp;Read</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>&amp;Næste side</source>
        <translation>&amp;Next page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>&amp;Forrige side</source>
        <translation>&amp;Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>&amp;Gå til side…</source>
        <translation>&amp;Go to page…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>&amp;Tilbage</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>&amp;Frem</source>
        <translation>&amp;Forward</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Find i &amp;dokumentet…</source>
        <translation>Find in the &amp;document…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Zoom &amp;ind</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Zoom &amp;ud</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310"/>
        <source>Tilpas til &amp;bredden</source>
        <translation>Fit &amp;width</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>&amp;Hele siden</source>
        <translation>W&amp;hole page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>&amp;Sidepanel</source>
        <translation>&amp;Sidebar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>&amp;Mørke sider</source>
        <translation>&amp;Dark pages</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>&amp;Farver</source>
        <translation>&amp;Colours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322"/>
        <source>Som &amp;systemet</source>
        <translation>Like the &amp;system</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>&amp;Lyse</source>
        <translation>&amp;Light</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>&amp;Mørke</source>
        <translation>&amp;Dark</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>&amp;Noter</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="488"/>
        <source>Øvrige bilag</source>
        <translation>Other attachments</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="500"/>
        <source>Bilag: %1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <source>&amp;Tilpas til bredden</source>
        <translation type="vanished">&amp;Fit to width</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>&amp;Om Mødemappe</source>
        <translation>&amp;About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="360"/>
        <source>Uden dato</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377"/>
        <source>%1 møder, %2 dokumenter</source>
        <translation>%1 meetings, %2 documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="426"/>
        <source>Bilag</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="430"/>
        <source>Referat</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="430"/>
        <source>Dagsorden</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="465"/>
        <source>(lukket)</source>
        <translation>(closed)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Bilag: </source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <source>Side %1 af %2</source>
        <translation type="vanished">Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="721"/>
        <source>Importér mødepakker</source>
        <translation>Import meeting packages</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="723"/>
        <source>PDF og zip (*.pdf *.zip);;Alle filer (*)</source>
        <translation>PDF and zip (*.pdf *.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="729"/>
        <source>Importér mappe</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="737"/>
        <source>Importerer…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="737"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="739"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="753"/>
        <source>Opdaterer søgeindekset…</source>
        <translation>Updating the search index…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="755"/>
        <source>Gemmer…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="764"/>
        <source>%1 nye dokumenter, %2 nye versioner, %3 uændrede</source>
        <translation>%1 new documents, %2 new versions, %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="780"/>
        <source>Import stoppet</source>
        <translation>Import stopped</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="797"/>
        <source>Nogle filer blev ikke importeret</source>
        <translation>Some files were not imported</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="813"/>
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="815"/>
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
        <location filename="../../ui/notes_area.py" line="155"/>
        <source>Dine noter er krypterede. Åbner…</source>
        <translation>Your notes are encrypted. Opening…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="103"/>
        <location filename="../../ui/notes_area.py" line="158"/>
        <location filename="../../ui/notes_area.py" line="205"/>
        <location filename="../../ui/notes_area.py" line="378"/>
        <source>&amp;Lås noter op…</source>
        <translation>&amp;Unlock notes…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="105"/>
        <location filename="../../ui/notes_area.py" line="205"/>
        <location filename="../../ui/notes_area.py" line="213"/>
        <source>Vælg &amp;adgangskode…</source>
        <translation>Choose &amp;passphrase…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="107"/>
        <source>Ny &amp;gendannelsesnøgle…</source>
        <translation>New &amp;recovery key…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="109"/>
        <source>Skift &amp;krypteringsnøgle…</source>
        <translation>Change &amp;encryption key…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="111"/>
        <source>Lå&amp;s noter</source>
        <translation>Lo&amp;ck notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="132"/>
        <source>Noternes lås</source>
        <translation>Notes lock</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="135"/>
        <source>Beskyttelse</source>
        <translation>Protection</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="136"/>
        <source>Beskyttelse af noter</source>
        <translation>Protection of notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="148"/>
        <source>Besked om noternes beskyttelse</source>
        <translation>Message about the protection of notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="160"/>
        <source>Lås noter op</source>
        <translation>Unlock notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="163"/>
        <source>&amp;Prøv nøgleringen igen</source>
        <translation>&amp;Try the keyring again</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="165"/>
        <source>Prøv nøgleringen igen</source>
        <translation>Try the keyring again</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="186"/>
        <source>Noter: åbner…</source>
        <translation>Notes: opening…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="188"/>
        <source>Noter: ingen adgangskode valgt endnu</source>
        <translation>Notes: no passphrase chosen yet</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="190"/>
        <source>Noter: låst</source>
        <translation>Notes: locked</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="194"/>
        <source>Noter: låst op med nøgleringen</source>
        <translation>Notes: unlocked with the keyring</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="195"/>
        <source>Noter: låst op med adgangskode</source>
        <translation>Notes: unlocked with passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="196"/>
        <source>Noter: låst op med gendannelsesnøgle</source>
        <translation>Notes: unlocked with recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="197"/>
        <source>Noter: låst op</source>
        <translation>Notes: unlocked</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="211"/>
        <source>Skift &amp;adgangskode…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="273"/>
        <source>Dine noter er beskyttet af din adgangskode.</source>
        <translation>Your notes are protected by your passphrase.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="308"/>
        <source>Du har åbnet dine noter med gendannelsesnøglen. Vælg en ny adgangskode under Beskyttelse, hvis du har glemt den gamle.</source>
        <translation>You opened your notes with the recovery key. Choose a new passphrase under Protection if you forgot the old one.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="331"/>
        <source>Computerens nøglering er låst, så nøglen til dine noter kan ikke hentes.</source>
        <translation>The computer&apos;s keyring is locked, so the key to your notes cannot be fetched.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="334"/>
        <source>Nøglen til dine noter findes ikke i computerens nøglering (måske er det en ny computer eller en anden bruger).</source>
        <translation>The key to your notes is not in the computer&apos;s keyring (perhaps this is a new computer or another user).</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="337"/>
        <location filename="../../ui/notes_area.py" line="364"/>
        <location filename="../../ui/notes_area.py" line="365"/>
        <source>Computerens nøglering kan ikke bruges.</source>
        <translation>The computer&apos;s keyring cannot be used.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="338"/>
        <source>Nøglen i computerens nøglering passer ikke til dine noter.</source>
        <translation>The key in the computer&apos;s keyring does not fit your notes.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="341"/>
        <source>Du har låst dine noter. Vælg Lås noter op for at åbne dem igen.</source>
        <translation>You locked your notes. Choose Unlock notes to open them again.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="345"/>
        <source>Dine noter er låst.</source>
        <translation>Your notes are locked.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="347"/>
        <source>Der er ingen adgangskode eller gendannelsesnøgle til dine noter, så de kan kun åbnes med nøgleringen. Lås nøgleringen op, og vælg Prøv nøgleringen igen.</source>
        <translation>Your notes have no passphrase or recovery key, so only the keyring can open them. Unlock the keyring and choose Try the keyring again.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="353"/>
        <source>Skriv din adgangskode eller gendannelsesnøgle for at åbne dine noter.</source>
        <translation>Enter your passphrase or recovery key to open your notes.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="354"/>
        <source>Dine noter er låst. </source>
        <translation>Your notes are locked. </translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="363"/>
        <source>Computerens nøglering er låst.</source>
        <translation>The computer&apos;s keyring is locked.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="368"/>
        <source>%1 Dine noter krypteres; vælg en adgangskode for at komme i gang – eller lås nøgleringen op, og prøv igen.</source>
        <translation>%1 Your notes are encrypted; choose a passphrase to get started – or unlock the keyring and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="434"/>
        <source>Din adgangskode er skiftet.</source>
        <translation>Your passphrase was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="436"/>
        <source>Din adgangskode er valgt.</source>
        <translation>Your passphrase is set.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="455"/>
        <source>Din nye gendannelsesnøgle er taget i brug.</source>
        <translation>Your new recovery key is in use.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="471"/>
        <source>nøglering</source>
        <translation>keyring</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="472"/>
        <source>adgangskode</source>
        <translation>passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="476"/>
        <source>Krypteringsnøglen er skiftet (%1).</source>
        <translation>The encryption key was changed (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/notes_area.py" line="372"/>
        <source>&amp;Vælg adgangskode…</source>
        <translation>&amp;Choose passphrase…</translation>
    </message>
</context>
<context>
    <name>NotesExporter</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="140"/>
        <source>Eksportér noter</source>
        <translation>Export notes</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="143"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="144"/>
        <location filename="../../ui/export_dialog.py" line="183"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="150"/>
        <source>Noterne er gemt i %1</source>
        <translation>The notes are saved in %1</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="169"/>
        <source>Eksporterer noter…</source>
        <translation>Exporting notes…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="181"/>
        <source>Eksportér kommenteret PDF</source>
        <translation>Export annotated PDF</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="187"/>
        <location filename="../../ui/export_dialog.py" line="227"/>
        <source>%1 med %2</source>
        <translation>%1 with %2</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="210"/>
        <source>Eksporterer PDF med markeringer…</source>
        <translation>Exporting the PDF with annotations…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="221"/>
        <source>Eksportér W3C-annotationer</source>
        <translation>Export W3C annotations</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="223"/>
        <source>JSON-LD (*.jsonld)</source>
        <translation>JSON-LD (*.jsonld)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="245"/>
        <source>Eksporterer annotationer…</source>
        <translation>Exporting annotations…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="269"/>
        <source>Eksportér &amp;noter…</source>
        <translation>Export &amp;notes…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="271"/>
        <source>Mødets noter og markeringer punkt for punkt, som Markdown eller PDF</source>
        <translation>The meeting&apos;s notes and highlights item by item, as Markdown or PDF</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="274"/>
        <source>Eksportér &amp;kommenteret PDF…</source>
        <translation>Export &amp;annotated PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="275"/>
        <source>Dokumentet med dine markeringer tegnet ind</source>
        <translation>The document with your annotations drawn in</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="277"/>
        <source>Eksportér &amp;W3C-annotationer…</source>
        <translation>Export &amp;W3C annotations…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="278"/>
        <source>Dokumentets markeringer som W3C JSON-LD</source>
        <translation>The document&apos;s annotations as W3C JSON-LD</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="328"/>
        <source>Eksporten er stoppet; der er ikke gemt noget.</source>
        <translation>The export was stopped; nothing was saved.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../ui/notes_panel.py" line="132"/>
        <location filename="../../ui/notes_panel.py" line="135"/>
        <location filename="../../ui/notes_panel.py" line="265"/>
        <source>Noter</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="145"/>
        <source>&amp;Ny note</source>
        <translation>&amp;New note</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="146"/>
        <source>Ny note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="155"/>
        <location filename="../../ui/notes_panel.py" line="156"/>
        <location filename="../../ui/notes_panel.py" line="611"/>
        <source>Slet note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="170"/>
        <source>Notens tekst</source>
        <translation>Note text</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="435"/>
        <location filename="../../ui/notes_panel.py" line="503"/>
        <source>Skriv din note her. Den gemmes automatisk.</source>
        <translation>Write your note here. It is saved automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="173"/>
        <source>Gemmestatus</source>
        <translation>Save status</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="138"/>
        <location filename="../../ui/notes_panel.py" line="462"/>
        <source>Note til mødet</source>
        <translation>Note on the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="140"/>
        <location filename="../../ui/notes_panel.py" line="274"/>
        <source>Note til punktet</source>
        <translation>Note on the item</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="142"/>
        <location filename="../../ui/notes_panel.py" line="280"/>
        <source>Note til siden</source>
        <translation>Note on the page</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="147"/>
        <source>Ny note til punktet, eller vælg mødet eller siden</source>
        <translation>New note on the item, or choose the meeting or the page</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="158"/>
        <source>Fortryd sletning</source>
        <translation>Undo deletion</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="167"/>
        <source>Hvad noten handler om</source>
        <translation>What the note is about</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="180"/>
        <source>&amp;Fortryd</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="181"/>
        <source>Fortryd sletningen</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="267"/>
        <source>Noter til mødet</source>
        <translation>Notes for the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="269"/>
        <source>Noter til punkt %1</source>
        <translation>Notes for item %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="272"/>
        <location filename="../../ui/notes_panel.py" line="460"/>
        <source>Note til punkt %1</source>
        <translation>Note on item %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="278"/>
        <location filename="../../ui/notes_panel.py" line="456"/>
        <source>Note til side %1</source>
        <translation>Note on page %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="333"/>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="337"/>
        <source>Punkt %1</source>
        <translation>Item %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="340"/>
        <source>Mødet</source>
        <translation>The meeting</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="409"/>
        <location filename="../../ui/notes_panel.py" line="608"/>
        <location filename="../../ui/notes_panel.py" line="662"/>
        <source>(tom note)</source>
        <translation>(empty note)</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="411"/>
        <source>s. %1 · %2</source>
        <translation>p. %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="437"/>
        <source>Ingen note valgt. Vælg en note i listen, eller vælg Ny note.</source>
        <translation>No note selected. Choose a note in the list, or choose New note.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="446"/>
        <source>Ny note til side %1</source>
        <translation>New note on page %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="448"/>
        <source>Ny note til punkt %1</source>
        <translation>New note on item %1</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="450"/>
        <source>Ny note til mødet</source>
        <translation>New note on the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="458"/>
        <source> (punkt %1)</source>
        <translation> (item %1)</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="512"/>
        <source>Ikke gemt endnu</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="532"/>
        <source>Gemmer …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="561"/>
        <location filename="../../ui/notes_panel.py" line="588"/>
        <source>Gemt</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="612"/>
        <source>Vil du slette noten »%1«?</source>
        <translation>Delete the note “%1”?</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="613"/>
        <source>Du kan fortryde det lige bagefter.</source>
        <translation>You can undo it right afterwards.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="614"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="616"/>
        <source>Annuller</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="661"/>
        <source>Noten »%1« er slettet.</source>
        <translation>The note “%1” is deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="667"/>
        <source>Noten er slettet</source>
        <translation>The note was deleted</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="707"/>
        <source>Noten er gendannet</source>
        <translation>The note is restored</translation>
    </message>
    <message>
        <location filename="../../ui/notes_panel.py" line="721"/>
        <source>Kunne ikke gemme</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Dokumentside</source>
        <translation type="vanished">Document page</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="246"/>
        <source>Beskyt dine noter</source>
        <translation>Protect your notes</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="248"/>
        <source>Computerens nøglering kan ikke gemme nøglen til dine noter. Vælg en adgangskode; du skal skrive den, hver gang Mødemappe åbner dine noter.</source>
        <translation>The computer&apos;s keyring cannot keep the key to your notes. Choose a passphrase; you will enter it each time Mødemappe opens your notes.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="252"/>
        <source>Skift adgangskode</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="253"/>
        <source>Skriv din nuværende adgangskode og den nye to gange.</source>
        <translation>Enter your current passphrase and the new one twice.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="255"/>
        <source>Vælg adgangskode</source>
        <translation>Choose passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="257"/>
        <source>Med en adgangskode kan du åbne dine noter, også hvis computerens nøglering ikke kan.</source>
        <translation>With a passphrase you can open your notes even when the computer&apos;s keyring cannot.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="262"/>
        <source>Nuværende adgangskode</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="263"/>
        <source>Ny adgangskode</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="264"/>
        <source>Gentag ny adgangskode</source>
        <translation>Repeat new passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="268"/>
        <source>Adgangskodens styrke</source>
        <translation>Passphrase strength</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="271"/>
        <source>&amp;Nuværende adgangskode:</source>
        <translation>&amp;Current passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="274"/>
        <source>N&amp;y adgangskode:</source>
        <translation>N&amp;ew passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="276"/>
        <source>&amp;Gentag:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="279"/>
        <source>Vigtigt: Glemmer du adgangskoden, og mister du samtidig computerens nøglering (f.eks. med en ny computer), kan dine noter ikke gendannes – heller ikke af Mødemappe. Gem en gendannelsesnøgle et sikkert sted.</source>
        <translation>Important: if you forget the passphrase and also lose the computer&apos;s keyring (for example with a new computer), your notes cannot be recovered – not even by Mødemappe. Keep a recovery key in a safe place.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="287"/>
        <source>Lav en &amp;gendannelsesnøgle bagefter</source>
        <translation>Make a &amp;recovery key afterwards</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="289"/>
        <source>Lav en gendannelsesnøgle bagefter</source>
        <translation>Make a recovery key afterwards</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="293"/>
        <source>&amp;Skift adgangskode</source>
        <translation>&amp;Change passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="293"/>
        <source>&amp;Vælg adgangskode</source>
        <translation>&amp;Choose passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="313"/>
        <source>For kort: mindst %1 tegn</source>
        <translation>Too short: at least %1 characters</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="315"/>
        <source>Styrke: svag – brug flere ord eller tegn</source>
        <translation>Strength: weak – use more words or characters</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="317"/>
        <source>Styrke: middel</source>
        <translation>Strength: fair</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="319"/>
        <source>Styrke: god</source>
        <translation>Strength: good</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="325"/>
        <source>Skriv din nuværende adgangskode.</source>
        <translation>Enter your current passphrase.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="329"/>
        <source>Adgangskoden er for kort: den skal have mindst %1 tegn.</source>
        <translation>The passphrase is too short: it must have at least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="336"/>
        <source>De to nye adgangskoder er ikke ens.</source>
        <translation>The two new passphrases do not match.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="360"/>
        <source>Den nuværende adgangskode er forkert – prøv igen. Intet blev ændret.</source>
        <translation>The current passphrase is wrong – try again. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="366"/>
        <source>Dine noter er allerede beskyttet af en anden adgangskode. Luk og vælg Lås noter op.</source>
        <translation>Your notes are already protected by another passphrase. Close this and choose Unlock notes.</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../ui/viewer/pane.py" line="98"/>
        <source>Læser</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="106"/>
        <source>Kommentarer</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="177"/>
        <source>Læserens værktøjslinje</source>
        <translation>The reader&apos;s toolbar</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="179"/>
        <source>Sidepanel</source>
        <translation>Sidebar</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="179"/>
        <source>Vis eller skjul sidepanelet (F4)</source>
        <translation>Show or hide the sidebar (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="184"/>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="184"/>
        <source>Tilbage til hvor du var (Alt+Venstre)</source>
        <translation>Back to where you were (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="188"/>
        <source>Frem</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="188"/>
        <source>Frem igen (Alt+Højre)</source>
        <translation>Forward again (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="191"/>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="194"/>
        <source>Sidetal</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="195"/>
        <source>Gå til side (Ctrl+G)</source>
        <translation>Go to page (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="205"/>
        <source>Zoom ud</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="205"/>
        <source>Zoom ud (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="210"/>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="213"/>
        <source>Tilpas bredde</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="214"/>
        <source>Hele siden</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="220"/>
        <source>Zoom i procent</source>
        <translation>Zoom in percent</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="223"/>
        <source>Zoom ind</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="223"/>
        <source>Zoom ind (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="229"/>
        <source>Mørke sider</source>
        <translation>Dark pages</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="230"/>
        <source>Vis siderne med lys tekst på mørk baggrund</source>
        <translation>Show the pages with light text on a dark background</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="235"/>
        <source>Find i dokumentet</source>
        <translation>Find in the document</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="235"/>
        <source>Find i dokumentet (Ctrl+F)</source>
        <translation>Find in the document (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="262"/>
        <source>Markér tekst</source>
        <translation>Select text</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="263"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="263"/>
        <source>Sæt en note på siden</source>
        <translation>Put a note on the page</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="264"/>
        <source>Frihånd</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="264"/>
        <source>Tegn frihånd</source>
        <translation>Draw freehand</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="265"/>
        <source>Rektangel</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="265"/>
        <source>Tegn et rektangel</source>
        <translation>Draw a rectangle</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="266"/>
        <source>Tekstboks</source>
        <translation>Text box</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="266"/>
        <source>Skriv i en tekstboks</source>
        <translation>Write in a text box</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="277"/>
        <source>Fremhæv</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="277"/>
        <source>Fremhæv den markerede tekst (H)</source>
        <translation>Highlight the selected text (H)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="290"/>
        <source>Farve</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="290"/>
        <source>Farve på nye og valgte kommentarer</source>
        <translation>Colour of new and selected comments</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="304"/>
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="304"/>
        <location filename="../../ui/viewer/pane.py" line="357"/>
        <source>Fortryd (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="309"/>
        <source>Gentag</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="309"/>
        <location filename="../../ui/viewer/pane.py" line="362"/>
        <source>Gentag (Ctrl+Shift+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="328"/>
        <source>Lås noterne op for at kommentere</source>
        <translation>Unlock the notes to comment</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="355"/>
        <source>Fortryd %1 (Ctrl+Z)</source>
        <translation>Undo %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="360"/>
        <source>Gentag %1 (Ctrl+Shift+Z)</source>
        <translation>Redo %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="370"/>
        <source>af %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/pane.py" line="412"/>
        <source>Zoom: %1 %</source>
        <translation>Zoom: %1 %</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="393"/>
        <location filename="../../ui/vault_dialogs.py" line="408"/>
        <source>Gendannelsesnøgle</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="399"/>
        <source>Dette er din gendannelsesnøgle. Den vises kun denne ene gang. Med den kan du åbne dine noter, hvis du glemmer adgangskoden eller mister computerens nøglering. Gem den som fil eller udskriv den, og opbevar den et sikkert sted: den, der har nøglen, kan læse dine noter.</source>
        <translation>This is your recovery key. It is shown only this once. With it you can open your notes if you forget the passphrase or lose the computer&apos;s keyring. Save it as a file or print it, and keep it in a safe place: whoever has the key can read your notes.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="414"/>
        <source>&amp;Gem som fil…</source>
        <translation>&amp;Save as file…</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="416"/>
        <source>Gem som fil</source>
        <translation>Save as file</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="418"/>
        <source>&amp;Udskriv…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="420"/>
        <source>Udskriv</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="427"/>
        <source>Jeg har &amp;skrevet nøglen ned</source>
        <translation>I have &amp;written the key down</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="429"/>
        <source>Jeg har skrevet nøglen ned</source>
        <translation>I have written the key down</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="434"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="442"/>
        <source>Din tidligere gendannelsesnøgle holder op med at virke.</source>
        <translation>Your earlier recovery key will stop working.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="446"/>
        <source>&amp;Tag nøglen i brug</source>
        <translation>&amp;Use this key</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="467"/>
        <source>Gem gendannelsesnøgle</source>
        <translation>Save recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="469"/>
        <source>Tekstfiler (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="492"/>
        <source>Nøglen blev ikke gemt (%1). Vælg en anden mappe, eller udskriv den.</source>
        <translation>The key was not saved (%1). Choose another folder, or print it.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="500"/>
        <source>Gemt i %1</source>
        <translation>Saved in %1</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="507"/>
        <source>Mødemappe – gendannelsesnøgle til dine noter</source>
        <translation>Mødemappe – recovery key for your notes</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="511"/>
        <source>Lavet: %1</source>
        <translation>Made: %1</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="512"/>
        <source>Noter: %1</source>
        <translation>Notes: %1</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="515"/>
        <source>Skriv nøglen i stedet for adgangskoden, når Mødemappe beder om den. Opbevar den et sikkert sted: den, der har nøglen, kan læse dine noter.</source>
        <translation>Enter the key instead of the passphrase when Mødemappe asks for it. Keep it in a safe place: whoever has the key can read your notes.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="544"/>
        <source>Udskrevet</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="560"/>
        <source>Nøglen blev ikke taget i brug: %1 Den gemte eller udskrevne nøgle virker ikke; en tidligere nøgle virker stadig.</source>
        <translation>The key was not put into use: %1 The saved or printed key does not work; an earlier key still does.</translation>
    </message>
</context>
<context>
    <name>RotateDialog</name>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="597"/>
        <source>Skift krypteringsnøgle</source>
        <translation>Change encryption key</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="601"/>
        <source>Mødemappe laver en ny nøgle i computerens nøglering til dine noter og sletter den gamle. Noterne selv ændres ikke, og din adgangskode og gendannelsesnøgle virker som før.</source>
        <translation>Mødemappe makes a new key for your notes in the computer&apos;s keyring and deletes the old one. The notes themselves are not changed, and your passphrase and recovery key work as before.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="608"/>
        <source>Adgangskode</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="611"/>
        <source>&amp;Adgangskode:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="615"/>
        <source>Skriv din adgangskode, så den også pakkes ind på ny (kan udelades, hvis nøgleringen virker).</source>
        <translation>Enter your passphrase so that it is re-wrapped too (may be left out if the keyring works).</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="623"/>
        <source>&amp;Skift nøgle</source>
        <translation>&amp;Change key</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="641"/>
        <source>Forkert adgangskode – prøv igen. Intet blev ændret.</source>
        <translation>Wrong passphrase – try again. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="646"/>
        <source>Computerens nøglering kan ikke bruges lige nu (%1). Lås den op og prøv igen, eller skriv din adgangskode.</source>
        <translation>The computer&apos;s keyring cannot be used right now (%1). Unlock it and try again, or enter your passphrase.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="86"/>
        <source>Søg, fx sundhedsreform &quot;ikke godkendt&quot;</source>
        <translation>Search, e.g. sundhedsreform &quot;ikke godkendt&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="87"/>
        <source>Søgeord</source>
        <translation>Search words</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="93"/>
        <source>Udvalg</source>
        <translation>Committee</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="94"/>
        <source>Kun dette udvalg</source>
        <translation>Only this committee</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="96"/>
        <source>Dokumenttype</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="100"/>
        <source>Alle dokumenter</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="101"/>
        <source>Dagsordener</source>
        <translation>Agendas</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="102"/>
        <source>Referater</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="103"/>
        <source>Bilag</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="108"/>
        <source>Lukkede punkter</source>
        <translation>Closed items</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="110"/>
        <source>Medtag lukkede punkter</source>
        <translation>Include closed items</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="111"/>
        <source>Fra</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="112"/>
        <source>Fra dato</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="115"/>
        <source>Første mødedato</source>
        <translation>First meeting date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="116"/>
        <source>Til</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="117"/>
        <source>Til dato</source>
        <translation>To date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="120"/>
        <source>Sidste mødedato</source>
        <translation>Last meeting date</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="140"/>
        <source>Forslag til stavning</source>
        <translation>Spelling suggestion</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="144"/>
        <source>Søgestatus</source>
        <translation>Search status</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="146"/>
        <source>Opdaterer søgeindekset</source>
        <translation>Updating the search index</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="150"/>
        <source>Søgeresultater</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="198"/>
        <source>Søgeindeks: %1 af %2 sider</source>
        <translation>Search index: %1 of %2 pages</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="278"/>
        <source>Søgeindekset genopbygges…</source>
        <translation>Rebuilding the search index…</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="288"/>
        <source>Søgningen mislykkedes</source>
        <translation>The search failed</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="294"/>
        <source>Mente du: %1</source>
        <translation>Did you mean: %1</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="300"/>
        <source>Ingen resultater</source>
        <translation>No results</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="302"/>
        <source>1 resultat</source>
        <translation>1 result</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="304"/>
        <source>%1 resultater</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="317"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="319"/>
        <source>s. %1</source>
        <translation>p. %1</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="222"/>
        <source>Sidepanel</source>
        <translation>Sidebar</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="225"/>
        <source>Sidepanelets faner</source>
        <translation>The sidebar&apos;s tabs</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="226"/>
        <source>Sider</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/sidebar.py" line="227"/>
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
        <location filename="../../ui/viewer/sidebar.py" line="90"/>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="180"/>
        <source>Lås noter op</source>
        <translation>Unlock notes</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="187"/>
        <source>Adgangskode eller gendannelsesnøgle</source>
        <translation>Passphrase or recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="190"/>
        <source>&amp;Adgangskode:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="192"/>
        <source>Har du glemt adgangskoden, kan du skrive din gendannelsesnøgle i stedet.</source>
        <translation>If you forgot the passphrase, you can enter your recovery key instead.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="195"/>
        <source>&amp;Lås op</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="204"/>
        <source>Skriv din adgangskode eller gendannelsesnøgle.</source>
        <translation>Enter your passphrase or recovery key.</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="219"/>
        <source>Forkert adgangskode – prøv igen</source>
        <translation>Wrong passphrase – try again</translation>
    </message>
</context>
<context>
    <name>_VaultDialog</name>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="76"/>
        <source>Fejl</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="83"/>
        <source>Arbejder</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="93"/>
        <source>Annuller</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/vault_dialogs.py" line="169"/>
        <source>Der opstod en uventet fejl. Intet blev ændret; prøv igen.</source>
        <translation>An unexpected error occurred. Nothing was changed; try again.</translation>
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
    <name>owner</name>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="1053"/>
        <source>Gul</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="1054"/>
        <source>Grøn</source>
        <translation>Green</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="1055"/>
        <source>Blå</source>
        <translation>Blue</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="1056"/>
        <source>Rød</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="1057"/>
        <source>Lilla</source>
        <translation>Purple</translation>
    </message>
    <message>
        <location filename="../../ui/viewer/annotations.py" line="1058"/>
        <source>Orange</source>
        <translation>Orange</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/app.py" line="82"/>
        <source>Indlæser demo-biblioteket…</source>
        <translation>Loading the demo library…</translation>
    </message>
</context>
</TS>

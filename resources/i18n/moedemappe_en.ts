<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AnnotationList</name>
    <message>
        <source>Kommentarer</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Lås noterne op for at se og lave kommentarer.</source>
        <translation>Unlock the notes to see and make comments.</translation>
    </message>
    <message>
        <source>Filtrér kommentarer</source>
        <translation>Filter comments</translation>
    </message>
    <message>
        <source>Filtrér…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <source>Dokumentets kommentarer</source>
        <translation>The document&apos;s comments</translation>
    </message>
    <message>
        <source>Placér igen</source>
        <translation>Place again</translation>
    </message>
    <message>
        <source>Placér kommentaren igen</source>
        <translation>Place the comment again</translation>
    </message>
    <message>
        <source>Markér den nye tekst i dokumentet, og vælg Placér igen</source>
        <translation>Select the new text in the document, then choose Place again</translation>
    </message>
    <message>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Slet kommentaren</source>
        <translation>Delete the comment</translation>
    </message>
    <message>
        <source>Slet den valgte kommentar (Delete)</source>
        <translation>Delete the selected comment (Delete)</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>Redigér kommentarens note</source>
        <translation>Edit the comment&apos;s note</translation>
    </message>
    <message>
        <source>Redigér noten (F2)</source>
        <translation>Edit the note (F2)</translation>
    </message>
    <message>
        <source>Før første punkt</source>
        <translation>Before the first item</translation>
    </message>
    <message>
        <source>Ikke placeret i denne version</source>
        <translation>Not placed in this version</translation>
    </message>
    <message>
        <source>Teksten blev ikke fundet i den nye version. Markér den nye tekst, vælg kommentaren, og vælg Placér igen.</source>
        <translation>The text was not found in the new version. Select the new text, choose the comment, then choose Place again.</translation>
    </message>
    <message>
        <source>Fremhævning</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>Understregning</source>
        <translation>Underline</translation>
    </message>
    <message>
        <source>Gennemstregning</source>
        <translation>Strikeout</translation>
    </message>
    <message>
        <source>Frihånd</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Tekstboks</source>
        <translation>Text box</translation>
    </message>
    <message>
        <source>Rektangel</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>s. %1</source>
        <translation>p. %1</translation>
    </message>
    <message>
        <source>fra version %1</source>
        <translation>from version %1</translation>
    </message>
    <message>
        <source>⚠ Ændret: «%1» → «%2»</source>
        <translation>⚠ Changed: “%1” → “%2”</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>Markeret: %1</source>
        <translation>Marked: %1</translation>
    </message>
    <message>
        <source>Nu: %1</source>
        <translation>Now: %1</translation>
    </message>
</context>
<context>
    <name>Annotations</name>
    <message>
        <source>Fremhæv</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>Understreg</source>
        <translation>Underline</translation>
    </message>
    <message>
        <source>Gennemstreg</source>
        <translation>Strike out</translation>
    </message>
    <message>
        <source>Ny note</source>
        <translation>New note</translation>
    </message>
    <message>
        <source>Frihånd</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <source>Rektangel</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Tekstboks</source>
        <translation>Text box</translation>
    </message>
    <message>
        <source>Redigér note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <source>Redigér tekst</source>
        <translation>Edit text</translation>
    </message>
    <message>
        <source>Skift farve</source>
        <translation>Change colour</translation>
    </message>
    <message>
        <source>Flyt</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Placér igen</source>
        <translation>Place again</translation>
    </message>
    <message>
        <source>Notens tekst</source>
        <translation>Note text</translation>
    </message>
    <message>
        <source>Ny tekstboks</source>
        <translation>New text box</translation>
    </message>
    <message>
        <source>Tekst i boksen</source>
        <translation>Text in the box</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Kommentarer</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Redigér &amp;note…</source>
        <translation>Edit &amp;note…</translation>
    </message>
    <message>
        <source>Redigér &amp;tekst…</source>
        <translation>Edit &amp;text…</translation>
    </message>
    <message>
        <source>&amp;Slet</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Lås noterne op for at kommentere</source>
        <translation>Unlock the notes to comment</translation>
    </message>
    <message>
        <source>&amp;Placér kommentaren her</source>
        <translation>&amp;Place the comment here</translation>
    </message>
    <message>
        <source>&amp;Kopiér</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Tilføj &amp;note her…</source>
        <translation>Add a &amp;note here…</translation>
    </message>
    <message>
        <source>&amp;Fremhæv</source>
        <translation>&amp;Highlight</translation>
    </message>
    <message>
        <source>&amp;Understreg</source>
        <translation>&amp;Underline</translation>
    </message>
    <message>
        <source>&amp;Gennemstreg</source>
        <translation>&amp;Strike out</translation>
    </message>
    <message>
        <source>&amp;Farve</source>
        <translation>&amp;Colour</translation>
    </message>
</context>
<context>
    <name>Bookmarks</name>
    <message>
        <source>Bogmærker</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Sagens punkter på tværs af møder</source>
        <translation>The case&apos;s items across meetings</translation>
    </message>
    <message>
        <source>Dato</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Udvalg</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Punkt</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Klik eller tryk Enter for at åbne punktet, hvor det står</source>
        <translation>Click or press Enter to open the item where it is printed</translation>
    </message>
    <message>
        <source>Beslutningen</source>
        <translation>The decision</translation>
    </message>
    <message>
        <source>Åbn &amp;beslutningen</source>
        <translation>Open the &amp;decision</translation>
    </message>
    <message>
        <source>(dette punkt)</source>
        <translation>(this item)</translation>
    </message>
    <message>
        <source>Muligvis samme sag</source>
        <translation>Possibly the same case</translation>
    </message>
    <message>
        <source>Punkter med en lignende titel i de samme udvalg, men uden fælles sagsnummer. De er ikke lagt sammen med sagen.</source>
        <translation>Items with a similar title in the same bodies but no case number in common. They are not merged into the case.</translation>
    </message>
    <message>
        <source>Fælles ord i titlen: %1</source>
        <translation>Words the titles share: %1</translation>
    </message>
    <message>
        <source>Biblioteket har ingen beslutning på dette punkt endnu.</source>
        <translation>The library has no decision on this item yet.</translation>
    </message>
    <message>
        <source>Vælg et punkt på dagsordenen for at se sagens forløb.</source>
        <translation>Choose an agenda item to see its case history.</translation>
    </message>
    <message>
        <source>Punktet har intet sagsnummer. Punkter med lignende titel:</source>
        <translation>The item has no case number. Items with a similar title:</translation>
    </message>
    <message>
        <source>Punktet har intet sagsnummer og ingen punkter med lignende titel.</source>
        <translation>The item has no case number and no items with a similar title.</translation>
    </message>
    <message>
        <source>Sag %1: ingen andre punkter i biblioteket.</source>
        <translation>Case %1: no other items in the library.</translation>
    </message>
    <message>
        <source>Sag %1: %2 i biblioteket</source>
        <translation>Case %1: %2 in the library</translation>
    </message>
    <message>
        <source>Intet punkt i biblioteket har sagsnummer %1.</source>
        <translation>No item in the library has case number %1.</translation>
    </message>
    <message>
        <source>Punktet findes ikke længere.</source>
        <translation>The item no longer exists.</translation>
    </message>
</context>
<context>
    <name>ChangeList</name>
    <message>
        <source>Ændringer</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Ændringer efter punkt</source>
        <translation>Changes by item</translation>
    </message>
    <message>
        <source>Forrige ændring</source>
        <translation>Previous change</translation>
    </message>
    <message>
        <source>Forrige ændring (Shift+F8)</source>
        <translation>Previous change (Shift+F8)</translation>
    </message>
    <message>
        <source>Næste ændring</source>
        <translation>Next change</translation>
    </message>
    <message>
        <source>Næste ændring (F8)</source>
        <translation>Next change (F8)</translation>
    </message>
    <message>
        <source>Side om side</source>
        <translation>Side by side</translation>
    </message>
    <message>
        <source>Vis den gamle og den nye side side om side</source>
        <translation>Show the old and the new page side by side</translation>
    </message>
    <message>
        <source>Der er ingen tidligere version at sammenligne med.</source>
        <translation>There is no earlier version to compare with.</translation>
    </message>
    <message>
        <source>Ingen ændringer fra version %1 til version %2.</source>
        <translation>No changes from version %1 to version %2.</translation>
    </message>
    <message>
        <source>%1 ændringer fra version %2 til version %3.</source>
        <translation>%1 changes from version %2 to version %3.</translation>
    </message>
    <message>
        <source>Før første punkt</source>
        <translation>Before the first item</translation>
    </message>
    <message>
        <source>Omnummereret</source>
        <translation>Renumbered</translation>
    </message>
    <message>
        <source>Tilføjet</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Fjernet</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>Flyttet</source>
        <translation>Moved</translation>
    </message>
    <message>
        <source>Ændret</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>fra punkt %1</source>
        <translation>from item %1</translation>
    </message>
    <message>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>Før: %1</source>
        <translation>Before: %1</translation>
    </message>
    <message>
        <source>Nu: %1</source>
        <translation>Now: %1</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Dokumentets sider. Piletaster, Page Up og Page Down ruller.</source>
        <translation>The document&apos;s pages. Arrow keys, Page Up and Page Down scroll.</translation>
    </message>
    <message>
        <source>Siden kunne ikke vises</source>
        <translation>The page could not be shown</translation>
    </message>
</context>
<context>
    <name>ExportRun</name>
    <message>
        <source>Annuller</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Eksport</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Eksportens fremdrift</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>Stopper…</source>
        <translation>Stopping…</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>Kig i:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <source>Filtype:</source>
        <translation>Files of type:</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Filnavn:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>Åbn</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Mappe:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>Vælg</source>
        <translation>Choose</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find i dokumentet</source>
        <translation>Find in the document</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Forrige</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Forrige fund (Shift+F3)</source>
        <translation>Previous match (Shift+F3)</translation>
    </message>
    <message>
        <source>Næste</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Næste fund (F3)</source>
        <translation>Next match (F3)</translation>
    </message>
    <message>
        <source>Antal fund</source>
        <translation>Number of matches</translation>
    </message>
    <message>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Luk (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Ingen fund</source>
        <translation>No matches</translation>
    </message>
    <message>
        <source>Søger…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>%1 af %2</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>d. MMMM yyyy</source>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <source>kl. %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <source>Filtrér møder…</source>
        <translation>Filter meetings…</translation>
    </message>
    <message>
        <source>Filtrér møder</source>
        <translation>Filter meetings</translation>
    </message>
    <message>
        <source>Møder</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>&amp;Møder</source>
        <translation>&amp;Meetings</translation>
    </message>
    <message>
        <source>Møder efter udvalg</source>
        <translation>Meetings by body</translation>
    </message>
    <message>
        <source>Møder og søgning</source>
        <translation>Meetings and search</translation>
    </message>
    <message>
        <source>Søg</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Nyt</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Dagsordenspunkter</source>
        <translation>Agenda items</translation>
    </message>
    <message>
        <source>Punkt</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Noter</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>&amp;Dagsorden</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <source>Noter og sagens forløb</source>
        <translation>Notes and case history</translation>
    </message>
    <message>
        <source>Sagens forløb</source>
        <translation>Case history</translation>
    </message>
    <message>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>D&amp;okument</source>
        <translation>D&amp;ocument</translation>
    </message>
    <message>
        <source>&amp;Importér…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>Importér &amp;mappe…</source>
        <translation>Import &amp;folder…</translation>
    </message>
    <message>
        <source>&amp;Afslut</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Kilder…</source>
        <translation>&amp;Sources…</translation>
    </message>
    <message>
        <source>&amp;Indstillinger…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Ret mødet…</source>
        <translation>&amp;Correct meeting…</translation>
    </message>
    <message>
        <source>&amp;Fjern mødet…</source>
        <translation>&amp;Remove meeting…</translation>
    </message>
    <message>
        <source>Markér som &amp;læst</source>
        <translation>Mark as &amp;read</translation>
    </message>
    <message>
        <source>Markér som &amp;ulæst</source>
        <translation>Mark as &amp;unread</translation>
    </message>
    <message>
        <source>Fjern &amp;demoen</source>
        <translation>Remove the &amp;demo</translation>
    </message>
    <message>
        <source>&amp;Møde</source>
        <translation>&amp;Meeting</translation>
    </message>
    <message>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Find møde</source>
        <translation>&amp;Find meeting</translation>
    </message>
    <message>
        <source>&amp;Søg i alt</source>
        <translation>&amp;Search everything</translation>
    </message>
    <message>
        <source>&amp;Nyt siden sidste synkronisering</source>
        <translation>&amp;New since the last sync</translation>
    </message>
    <message>
        <source>Gå til &amp;møder</source>
        <translation>Go to &amp;meetings</translation>
    </message>
    <message>
        <source>Gå til &amp;dagsorden</source>
        <translation>Go to &amp;agenda</translation>
    </message>
    <message>
        <source>Gå til d&amp;okument</source>
        <translation>Go to d&amp;ocument</translation>
    </message>
    <message>
        <source>&amp;Læs</source>
        <translation>&amp;Read</translation>
    </message>
    <message>
        <source>&amp;Næste side</source>
        <translation>&amp;Next page</translation>
    </message>
    <message>
        <source>&amp;Forrige side</source>
        <translation>&amp;Previous page</translation>
    </message>
    <message>
        <source>&amp;Gå til side…</source>
        <translation>&amp;Go to page…</translation>
    </message>
    <message>
        <source>&amp;Tilbage</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>&amp;Frem</source>
        <translation>&amp;Forward</translation>
    </message>
    <message>
        <source>Find i &amp;dokumentet…</source>
        <translation>Find in &amp;document…</translation>
    </message>
    <message>
        <source>Zoom &amp;ind</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom &amp;ud</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>Tilpas til &amp;bredden</source>
        <translation>Fit &amp;width</translation>
    </message>
    <message>
        <source>&amp;Hele siden</source>
        <translation>&amp;Whole page</translation>
    </message>
    <message>
        <source>&amp;Sidepanel</source>
        <translation>&amp;Sidebar</translation>
    </message>
    <message>
        <source>&amp;Mørke sider</source>
        <translation>&amp;Dark pages</translation>
    </message>
    <message>
        <source>&amp;Farver</source>
        <translation>&amp;Colours</translation>
    </message>
    <message>
        <source>Som &amp;systemet</source>
        <translation>As the &amp;system</translation>
    </message>
    <message>
        <source>&amp;Lyse</source>
        <translation>&amp;Light</translation>
    </message>
    <message>
        <source>&amp;Mørke</source>
        <translation>&amp;Dark</translation>
    </message>
    <message>
        <source>&amp;Noter</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Kommende</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>Tidligere</source>
        <translation>Past</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>demo</translation>
    </message>
    <message>
        <source>Kilden har ikke længere dette møde</source>
        <translation>The source no longer has this meeting</translation>
    </message>
    <message>
        <source>%1 nye</source>
        <translation>%1 new</translation>
    </message>
    <message>
        <source>%1 ændr.</source>
        <translation>%1 changed</translation>
    </message>
    <message>
        <source>%1 ulæst</source>
        <translation>%1 unread</translation>
    </message>
    <message>
        <source>ny</source>
        <translation>new</translation>
    </message>
    <message>
        <source>ændret</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>ulæst</source>
        <translation>unread</translation>
    </message>
    <message>
        <source>(fjernet af kilden)</source>
        <translation>(removed by the source)</translation>
    </message>
    <message>
        <source>Øvrige bilag</source>
        <translation>Other attachments</translation>
    </message>
    <message>
        <source>Bilag: %1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Om Mødemappe</source>
        <translation>&amp;About Mødemappe</translation>
    </message>
    <message>
        <source>Uden dato</source>
        <translation>No date</translation>
    </message>
    <message>
        <source>Bilag</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>Referat</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Dagsorden</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>(lukket)</source>
        <translation>(closed)</translation>
    </message>
    <message>
        <source>Bilag: </source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <source>Kilden har ikke længere dette dokument</source>
        <translation>The source no longer has this document</translation>
    </message>
    <message>
        <source>Ændret siden den forrige version – se Ændringer i læseren (F8)</source>
        <translation>Changed since the previous version – see Changes in the reader (F8)</translation>
    </message>
    <message>
        <source>Importér mødepakker</source>
        <translation>Import meeting packages</translation>
    </message>
    <message>
        <source>PDF og zip (*.pdf *.zip);;Alle filer (*)</source>
        <translation>PDF and zip (*.pdf *.zip);;All files (*)</translation>
    </message>
    <message>
        <source>Importér mappe</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <source>Importerer…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Opdaterer søgeindekset…</source>
        <translation>Updating the search index…</translation>
    </message>
    <message>
        <source>Gemmer…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Import stoppet</source>
        <translation>Import stopped</translation>
    </message>
    <message>
        <source>Nogle filer blev ikke importeret</source>
        <translation>Some files were not imported</translation>
    </message>
    <message>
        <source>Mødet er rettet</source>
        <translation>The meeting was corrected</translation>
    </message>
    <message>
        <source>Fjern mødet</source>
        <translation>Remove meeting</translation>
    </message>
    <message>
        <source>Fjern %1 fra listen? Dine noter til mødet bliver gemt, indtil du selv sletter dem, og en synkronisering henter det ikke igen.</source>
        <translation>Remove %1 from the list? Your notes on the meeting are kept until you delete them, and a sync does not bring it back.</translation>
    </message>
    <message>
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Demoen er fjernet (%1)</source>
        <translation>The demo was removed (%1)</translation>
    </message>
    <message>
        <source>Sproget skiftes, næste gang Mødemappe starter.</source>
        <translation>The language changes the next time Mødemappe starts.</translation>
    </message>
    <message>
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
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
    <name>MeetingEditor</name>
    <message>
        <source>Ret møde</source>
        <translation>Correct meeting</translation>
    </message>
    <message>
        <source>Udvalg</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Slags</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Dagsorden</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Referat</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Mødet har en dato</source>
        <translation>The meeting has a date</translation>
    </message>
    <message>
        <source>Dato og tid</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>&amp;Udvalg:</source>
        <translation>&amp;Body:</translation>
    </message>
    <message>
        <source>&amp;Slags:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Titel:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Dato:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>Du har rettet dette møde før.</source>
        <translation>You have corrected this meeting before.</translation>
    </message>
    <message>
        <source>&amp;Gem</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Brug kildens oplysninger</source>
        <translation>&amp;Use the source&apos;s details</translation>
    </message>
    <message>
        <source>Udvalget må ikke være tomt.</source>
        <translation>The body must not be empty.</translation>
    </message>
    <message>
        <source>Titlen må ikke være tom.</source>
        <translation>The title must not be empty.</translation>
    </message>
</context>
<context>
    <name>NewsPanel</name>
    <message>
        <source>Nyt siden sidste synkronisering</source>
        <translation>New since the last sync</translation>
    </message>
    <message>
        <source>Intet nyt siden sidste synkronisering.</source>
        <translation>Nothing new since the last sync.</translation>
    </message>
    <message>
        <source>Nyt</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Ændret</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Fjernet af kilden</source>
        <translation>Removed by the source</translation>
    </message>
</context>
<context>
    <name>NotesArea</name>
    <message>
        <source>Dine noter er krypterede. Åbner…</source>
        <translation>Your notes are encrypted. Opening…</translation>
    </message>
    <message>
        <source>&amp;Lås noter op…</source>
        <translation>&amp;Unlock notes…</translation>
    </message>
    <message>
        <source>Vælg &amp;adgangskode…</source>
        <translation>Choose &amp;passphrase…</translation>
    </message>
    <message>
        <source>Ny &amp;gendannelsesnøgle…</source>
        <translation>New &amp;recovery key…</translation>
    </message>
    <message>
        <source>Skift &amp;krypteringsnøgle…</source>
        <translation>Change &amp;encryption key…</translation>
    </message>
    <message>
        <source>Lå&amp;s noter</source>
        <translation>Lo&amp;ck notes</translation>
    </message>
    <message>
        <source>Noternes lås</source>
        <translation>Notes lock</translation>
    </message>
    <message>
        <source>Beskyttelse</source>
        <translation>Protection</translation>
    </message>
    <message>
        <source>Beskyttelse af noter</source>
        <translation>Protection of notes</translation>
    </message>
    <message>
        <source>Besked om noternes beskyttelse</source>
        <translation>Message about the protection of notes</translation>
    </message>
    <message>
        <source>Lås noter op</source>
        <translation>Unlock notes</translation>
    </message>
    <message>
        <source>&amp;Prøv nøgleringen igen</source>
        <translation>&amp;Try the keyring again</translation>
    </message>
    <message>
        <source>Prøv nøgleringen igen</source>
        <translation>Try the keyring again</translation>
    </message>
    <message>
        <source>Noter: åbner…</source>
        <translation>Notes: opening…</translation>
    </message>
    <message>
        <source>Noter: ingen adgangskode valgt endnu</source>
        <translation>Notes: no passphrase chosen yet</translation>
    </message>
    <message>
        <source>Noter: låst</source>
        <translation>Notes: locked</translation>
    </message>
    <message>
        <source>Noter: låst op med nøgleringen</source>
        <translation>Notes: unlocked with the keyring</translation>
    </message>
    <message>
        <source>Noter: låst op med adgangskode</source>
        <translation>Notes: unlocked with passphrase</translation>
    </message>
    <message>
        <source>Noter: låst op med gendannelsesnøgle</source>
        <translation>Notes: unlocked with recovery key</translation>
    </message>
    <message>
        <source>Noter: låst op</source>
        <translation>Notes: unlocked</translation>
    </message>
    <message>
        <source>Skift &amp;adgangskode…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <source>Dine noter er beskyttet af din adgangskode.</source>
        <translation>Your notes are protected by your passphrase.</translation>
    </message>
    <message>
        <source>Du har åbnet dine noter med gendannelsesnøglen. Vælg en ny adgangskode under Beskyttelse, hvis du har glemt den gamle.</source>
        <translation>You opened your notes with the recovery key. Choose a new passphrase under Protection if you forgot the old one.</translation>
    </message>
    <message>
        <source>Computerens nøglering er låst, så nøglen til dine noter kan ikke hentes.</source>
        <translation>The computer&apos;s keyring is locked, so the key to your notes cannot be fetched.</translation>
    </message>
    <message>
        <source>Nøglen til dine noter findes ikke i computerens nøglering (måske er det en ny computer eller en anden bruger).</source>
        <translation>The key to your notes is not in the computer&apos;s keyring (perhaps this is a new computer or another user).</translation>
    </message>
    <message>
        <source>Computerens nøglering kan ikke bruges.</source>
        <translation>The computer&apos;s keyring cannot be used.</translation>
    </message>
    <message>
        <source>Nøglen i computerens nøglering passer ikke til dine noter.</source>
        <translation>The key in the computer&apos;s keyring does not fit your notes.</translation>
    </message>
    <message>
        <source>Du har låst dine noter. Vælg Lås noter op for at åbne dem igen.</source>
        <translation>You locked your notes. Choose Unlock notes to open them again.</translation>
    </message>
    <message>
        <source>Dine noter er låst.</source>
        <translation>Your notes are locked.</translation>
    </message>
    <message>
        <source>Der er ingen adgangskode eller gendannelsesnøgle til dine noter, så de kan kun åbnes med nøgleringen. Lås nøgleringen op, og vælg Prøv nøgleringen igen.</source>
        <translation>Your notes have no passphrase or recovery key, so only the keyring can open them. Unlock the keyring and choose Try the keyring again.</translation>
    </message>
    <message>
        <source>Skriv din adgangskode eller gendannelsesnøgle for at åbne dine noter.</source>
        <translation>Enter your passphrase or recovery key to open your notes.</translation>
    </message>
    <message>
        <source>Dine noter er låst. </source>
        <translation>Your notes are locked. </translation>
    </message>
    <message>
        <source>Computerens nøglering er låst.</source>
        <translation>The computer&apos;s keyring is locked.</translation>
    </message>
    <message>
        <source>%1 Dine noter krypteres; vælg en adgangskode for at komme i gang – eller lås nøgleringen op, og prøv igen.</source>
        <translation>%1 Your notes are encrypted; choose a passphrase to get started – or unlock the keyring and try again.</translation>
    </message>
    <message>
        <source>Din adgangskode er skiftet.</source>
        <translation>Your passphrase was changed.</translation>
    </message>
    <message>
        <source>Din adgangskode er valgt.</source>
        <translation>Your passphrase is set.</translation>
    </message>
    <message>
        <source>Din nye gendannelsesnøgle er taget i brug.</source>
        <translation>Your new recovery key is in use.</translation>
    </message>
    <message>
        <source>nøglering</source>
        <translation>keyring</translation>
    </message>
    <message>
        <source>adgangskode</source>
        <translation>passphrase</translation>
    </message>
    <message>
        <source>Krypteringsnøglen er skiftet (%1).</source>
        <translation>The encryption key was changed (%1).</translation>
    </message>
    <message>
        <source>&amp;Vælg adgangskode…</source>
        <translation>&amp;Choose passphrase…</translation>
    </message>
</context>
<context>
    <name>NotesExporter</name>
    <message>
        <source>Eksportér noter</source>
        <translation>Export notes</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Noterne er gemt i %1</source>
        <translation>The notes are saved in %1</translation>
    </message>
    <message>
        <source>Eksporterer noter…</source>
        <translation>Exporting notes…</translation>
    </message>
    <message>
        <source>Eksportér kommenteret PDF</source>
        <translation>Export annotated PDF</translation>
    </message>
    <message>
        <source>%1 med %2</source>
        <translation>%1 with %2</translation>
    </message>
    <message>
        <source>Eksporterer PDF med markeringer…</source>
        <translation>Exporting the PDF with annotations…</translation>
    </message>
    <message>
        <source>Eksportér W3C-annotationer</source>
        <translation>Export W3C annotations</translation>
    </message>
    <message>
        <source>JSON-LD (*.jsonld)</source>
        <translation>JSON-LD (*.jsonld)</translation>
    </message>
    <message>
        <source>Eksporterer annotationer…</source>
        <translation>Exporting annotations…</translation>
    </message>
    <message>
        <source>Eksportér &amp;noter…</source>
        <translation>Export &amp;notes…</translation>
    </message>
    <message>
        <source>Mødets noter og markeringer punkt for punkt, som Markdown eller PDF</source>
        <translation>The meeting&apos;s notes and highlights item by item, as Markdown or PDF</translation>
    </message>
    <message>
        <source>Eksportér &amp;kommenteret PDF…</source>
        <translation>Export &amp;annotated PDF…</translation>
    </message>
    <message>
        <source>Dokumentet med dine markeringer tegnet ind</source>
        <translation>The document with your annotations drawn in</translation>
    </message>
    <message>
        <source>Eksportér &amp;W3C-annotationer…</source>
        <translation>Export &amp;W3C annotations…</translation>
    </message>
    <message>
        <source>Dokumentets markeringer som W3C JSON-LD</source>
        <translation>The document&apos;s annotations as W3C JSON-LD</translation>
    </message>
    <message>
        <source>Eksporten er stoppet; der er ikke gemt noget.</source>
        <translation>The export was stopped; nothing was saved.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Noter</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>&amp;Ny note</source>
        <translation>&amp;New note</translation>
    </message>
    <message>
        <source>Ny note</source>
        <translation>New note</translation>
    </message>
    <message>
        <source>Slet note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <source>Notens tekst</source>
        <translation>Note text</translation>
    </message>
    <message>
        <source>Skriv din note her. Den gemmes automatisk.</source>
        <translation>Write your note here. It is saved automatically.</translation>
    </message>
    <message>
        <source>Gemmestatus</source>
        <translation>Save status</translation>
    </message>
    <message>
        <source>Note til mødet</source>
        <translation>Note on the meeting</translation>
    </message>
    <message>
        <source>Note til punktet</source>
        <translation>Note on the item</translation>
    </message>
    <message>
        <source>Note til siden</source>
        <translation>Note on the page</translation>
    </message>
    <message>
        <source>Ny note til punktet, eller vælg mødet eller siden</source>
        <translation>New note on the item, or choose the meeting or the page</translation>
    </message>
    <message>
        <source>Fortryd sletning</source>
        <translation>Undo deletion</translation>
    </message>
    <message>
        <source>Hvad noten handler om</source>
        <translation>What the note is about</translation>
    </message>
    <message>
        <source>&amp;Fortryd</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Fortryd sletningen</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <source>Noter til mødet</source>
        <translation>Notes for the meeting</translation>
    </message>
    <message>
        <source>Noter til punkt %1</source>
        <translation>Notes for item %1</translation>
    </message>
    <message>
        <source>Note til punkt %1</source>
        <translation>Note on item %1</translation>
    </message>
    <message>
        <source>Note til side %1</source>
        <translation>Note on page %1</translation>
    </message>
    <message>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>Punkt %1</source>
        <translation>Item %1</translation>
    </message>
    <message>
        <source>Mødet</source>
        <translation>The meeting</translation>
    </message>
    <message>
        <source>(tom note)</source>
        <translation>(empty note)</translation>
    </message>
    <message>
        <source>s. %1 · %2</source>
        <translation>p. %1 · %2</translation>
    </message>
    <message>
        <source>Ingen note valgt. Vælg en note i listen, eller vælg Ny note.</source>
        <translation>No note selected. Choose a note in the list, or choose New note.</translation>
    </message>
    <message>
        <source>Ny note til side %1</source>
        <translation>New note on page %1</translation>
    </message>
    <message>
        <source>Ny note til punkt %1</source>
        <translation>New note on item %1</translation>
    </message>
    <message>
        <source>Ny note til mødet</source>
        <translation>New note on the meeting</translation>
    </message>
    <message>
        <source> (punkt %1)</source>
        <translation> (item %1)</translation>
    </message>
    <message>
        <source>Ikke gemt endnu</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <source>Gemmer …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <source>Gemt</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Vil du slette noten »%1«?</source>
        <translation>Delete the note “%1”?</translation>
    </message>
    <message>
        <source>Du kan fortryde det lige bagefter.</source>
        <translation>You can undo it right afterwards.</translation>
    </message>
    <message>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Annuller</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Noten »%1« er slettet.</source>
        <translation>The note “%1” is deleted.</translation>
    </message>
    <message>
        <source>Noten er slettet</source>
        <translation>The note was deleted</translation>
    </message>
    <message>
        <source>Noten er gendannet</source>
        <translation>The note is restored</translation>
    </message>
    <message>
        <source>Kunne ikke gemme</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>PageImage</name>
    <message>
        <source>Siden kunne ikke vises</source>
        <translation>The page could not be shown</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Beskyt dine noter</source>
        <translation>Protect your notes</translation>
    </message>
    <message>
        <source>Computerens nøglering kan ikke gemme nøglen til dine noter. Vælg en adgangskode; du skal skrive den, hver gang Mødemappe åbner dine noter.</source>
        <translation>The computer&apos;s keyring cannot keep the key to your notes. Choose a passphrase; you will enter it each time Mødemappe opens your notes.</translation>
    </message>
    <message>
        <source>Skift adgangskode</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>Skriv din nuværende adgangskode og den nye to gange.</source>
        <translation>Enter your current passphrase and the new one twice.</translation>
    </message>
    <message>
        <source>Vælg adgangskode</source>
        <translation>Choose passphrase</translation>
    </message>
    <message>
        <source>Med en adgangskode kan du åbne dine noter, også hvis computerens nøglering ikke kan.</source>
        <translation>With a passphrase you can open your notes even when the computer&apos;s keyring cannot.</translation>
    </message>
    <message>
        <source>Nuværende adgangskode</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>Ny adgangskode</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>Gentag ny adgangskode</source>
        <translation>Repeat new passphrase</translation>
    </message>
    <message>
        <source>Adgangskodens styrke</source>
        <translation>Passphrase strength</translation>
    </message>
    <message>
        <source>&amp;Nuværende adgangskode:</source>
        <translation>&amp;Current passphrase:</translation>
    </message>
    <message>
        <source>N&amp;y adgangskode:</source>
        <translation>N&amp;ew passphrase:</translation>
    </message>
    <message>
        <source>&amp;Gentag:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <source>Vigtigt: Glemmer du adgangskoden, og mister du samtidig computerens nøglering (f.eks. med en ny computer), kan dine noter ikke gendannes – heller ikke af Mødemappe. Gem en gendannelsesnøgle et sikkert sted.</source>
        <translation>Important: if you forget the passphrase and also lose the computer&apos;s keyring (for example with a new computer), your notes cannot be recovered – not even by Mødemappe. Keep a recovery key in a safe place.</translation>
    </message>
    <message>
        <source>Lav en &amp;gendannelsesnøgle bagefter</source>
        <translation>Make a &amp;recovery key afterwards</translation>
    </message>
    <message>
        <source>Lav en gendannelsesnøgle bagefter</source>
        <translation>Make a recovery key afterwards</translation>
    </message>
    <message>
        <source>&amp;Skift adgangskode</source>
        <translation>&amp;Change passphrase</translation>
    </message>
    <message>
        <source>&amp;Vælg adgangskode</source>
        <translation>&amp;Choose passphrase</translation>
    </message>
    <message>
        <source>For kort: mindst %1 tegn</source>
        <translation>Too short: at least %1 characters</translation>
    </message>
    <message>
        <source>Styrke: svag – brug flere ord eller tegn</source>
        <translation>Strength: weak – use more words or characters</translation>
    </message>
    <message>
        <source>Styrke: middel</source>
        <translation>Strength: fair</translation>
    </message>
    <message>
        <source>Styrke: god</source>
        <translation>Strength: good</translation>
    </message>
    <message>
        <source>Skriv din nuværende adgangskode.</source>
        <translation>Enter your current passphrase.</translation>
    </message>
    <message>
        <source>Adgangskoden er for kort: den skal have mindst %1 tegn.</source>
        <translation>The passphrase is too short: it must have at least %1 characters.</translation>
    </message>
    <message>
        <source>De to nye adgangskoder er ikke ens.</source>
        <translation>The two new passphrases do not match.</translation>
    </message>
    <message>
        <source>Den nuværende adgangskode er forkert – prøv igen. Intet blev ændret.</source>
        <translation>The current passphrase is wrong – try again. Nothing was changed.</translation>
    </message>
    <message>
        <source>Dine noter er allerede beskyttet af en anden adgangskode. Luk og vælg Lås noter op.</source>
        <translation>Your notes are already protected by another passphrase. Close this and choose Unlock notes.</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <source>Læser</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Kommentarer</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Ændringer</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Læserens værktøjslinje</source>
        <translation>The reader&apos;s toolbar</translation>
    </message>
    <message>
        <source>Sidepanel</source>
        <translation>Sidebar</translation>
    </message>
    <message>
        <source>Vis eller skjul sidepanelet (F4)</source>
        <translation>Show or hide the sidebar (F4)</translation>
    </message>
    <message>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Tilbage til hvor du var (Alt+Venstre)</source>
        <translation>Back to where you were (Alt+Left)</translation>
    </message>
    <message>
        <source>Frem</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Frem igen (Alt+Højre)</source>
        <translation>Forward again (Alt+Right)</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Sidetal</source>
        <translation>Page number</translation>
    </message>
    <message>
        <source>Gå til side (Ctrl+G)</source>
        <translation>Go to page (Ctrl+G)</translation>
    </message>
    <message>
        <source>Zoom ud</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom ud (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Tilpas bredde</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Hele siden</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>Zoom i procent</source>
        <translation>Zoom in percent</translation>
    </message>
    <message>
        <source>Zoom ind</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom ind (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Mørke sider</source>
        <translation>Dark pages</translation>
    </message>
    <message>
        <source>Vis siderne med lys tekst på mørk baggrund</source>
        <translation>Show the pages with light text on a dark background</translation>
    </message>
    <message>
        <source>Find i dokumentet</source>
        <translation>Find in the document</translation>
    </message>
    <message>
        <source>Find i dokumentet (Ctrl+F)</source>
        <translation>Find in the document (Ctrl+F)</translation>
    </message>
    <message>
        <source>Vis ændringer</source>
        <translation>Show changes</translation>
    </message>
    <message>
        <source>Vis ændringer siden versionen før (F8: næste ændring)</source>
        <translation>Show the changes since the version before (F8: next change)</translation>
    </message>
    <message>
        <source>Markér tekst</source>
        <translation>Select text</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Sæt en note på siden (N: midt i visningen)</source>
        <translation>Put a note on the page (N: in the middle of the view)</translation>
    </message>
    <message>
        <source>Frihånd</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <source>Tegn frihånd</source>
        <translation>Draw freehand</translation>
    </message>
    <message>
        <source>Rektangel</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Tegn et rektangel</source>
        <translation>Draw a rectangle</translation>
    </message>
    <message>
        <source>Tekstboks</source>
        <translation>Text box</translation>
    </message>
    <message>
        <source>Skriv i en tekstboks</source>
        <translation>Write in a text box</translation>
    </message>
    <message>
        <source>Fremhæv</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>Fremhæv den markerede tekst (H)</source>
        <translation>Highlight the selected text (H)</translation>
    </message>
    <message>
        <source>Farve</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Farve på nye og valgte kommentarer</source>
        <translation>Colour of new and selected comments</translation>
    </message>
    <message>
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Fortryd (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Gentag</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Gentag (Ctrl+Shift+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Lås noterne op for at kommentere</source>
        <translation>Unlock the notes to comment</translation>
    </message>
    <message>
        <source>Fortryd %1 (Ctrl+Z)</source>
        <translation>Undo %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Gentag %1 (Ctrl+Shift+Z)</source>
        <translation>Redo %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>af %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <source>Zoom: %1 %</source>
        <translation>Zoom: %1 %</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Gendannelsesnøgle</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Dette er din gendannelsesnøgle. Den vises kun denne ene gang. Med den kan du åbne dine noter, hvis du glemmer adgangskoden eller mister computerens nøglering. Gem den som fil eller udskriv den, og opbevar den et sikkert sted: den, der har nøglen, kan læse dine noter.</source>
        <translation>This is your recovery key. It is shown only this once. With it you can open your notes if you forget the passphrase or lose the computer&apos;s keyring. Save it as a file or print it, and keep it in a safe place: whoever has the key can read your notes.</translation>
    </message>
    <message>
        <source>&amp;Gem som fil…</source>
        <translation>&amp;Save as file…</translation>
    </message>
    <message>
        <source>Gem som fil</source>
        <translation>Save as file</translation>
    </message>
    <message>
        <source>&amp;Udskriv…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Udskriv</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Jeg har &amp;skrevet nøglen ned</source>
        <translation>I have &amp;written the key down</translation>
    </message>
    <message>
        <source>Jeg har skrevet nøglen ned</source>
        <translation>I have written the key down</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Din tidligere gendannelsesnøgle holder op med at virke.</source>
        <translation>Your earlier recovery key will stop working.</translation>
    </message>
    <message>
        <source>&amp;Tag nøglen i brug</source>
        <translation>&amp;Use this key</translation>
    </message>
    <message>
        <source>Gem gendannelsesnøgle</source>
        <translation>Save recovery key</translation>
    </message>
    <message>
        <source>Tekstfiler (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>Nøglen blev ikke gemt (%1). Vælg en anden mappe, eller udskriv den.</source>
        <translation>The key was not saved (%1). Choose another folder, or print it.</translation>
    </message>
    <message>
        <source>Gemt i %1</source>
        <translation>Saved in %1</translation>
    </message>
    <message>
        <source>Mødemappe – gendannelsesnøgle til dine noter</source>
        <translation>Mødemappe – recovery key for your notes</translation>
    </message>
    <message>
        <source>Lavet: %1</source>
        <translation>Made: %1</translation>
    </message>
    <message>
        <source>Noter: %1</source>
        <translation>Notes: %1</translation>
    </message>
    <message>
        <source>Skriv nøglen i stedet for adgangskoden, når Mødemappe beder om den. Opbevar den et sikkert sted: den, der har nøglen, kan læse dine noter.</source>
        <translation>Enter the key instead of the passphrase when Mødemappe asks for it. Keep it in a safe place: whoever has the key can read your notes.</translation>
    </message>
    <message>
        <source>Udskrevet</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Nøglen blev ikke taget i brug: %1 Den gemte eller udskrevne nøgle virker ikke; en tidligere nøgle virker stadig.</source>
        <translation>The key was not put into use: %1 The saved or printed key does not work; an earlier key still does.</translation>
    </message>
</context>
<context>
    <name>RotateDialog</name>
    <message>
        <source>Skift krypteringsnøgle</source>
        <translation>Change encryption key</translation>
    </message>
    <message>
        <source>Mødemappe laver en ny nøgle i computerens nøglering til dine noter og sletter den gamle. Noterne selv ændres ikke, og din adgangskode og gendannelsesnøgle virker som før.</source>
        <translation>Mødemappe makes a new key for your notes in the computer&apos;s keyring and deletes the old one. The notes themselves are not changed, and your passphrase and recovery key work as before.</translation>
    </message>
    <message>
        <source>Adgangskode</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Adgangskode:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Skriv din adgangskode, så den også pakkes ind på ny (kan udelades, hvis nøgleringen virker).</source>
        <translation>Enter your passphrase so that it is re-wrapped too (may be left out if the keyring works).</translation>
    </message>
    <message>
        <source>&amp;Skift nøgle</source>
        <translation>&amp;Change key</translation>
    </message>
    <message>
        <source>Forkert adgangskode – prøv igen. Intet blev ændret.</source>
        <translation>Wrong passphrase – try again. Nothing was changed.</translation>
    </message>
    <message>
        <source>Computerens nøglering kan ikke bruges lige nu (%1). Lås den op og prøv igen, eller skriv din adgangskode.</source>
        <translation>The computer&apos;s keyring cannot be used right now (%1). Unlock it and try again, or enter your passphrase.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Søg, fx sundhedsreform &quot;ikke godkendt&quot;</source>
        <translation>Search, e.g. sundhedsreform &quot;ikke godkendt&quot;</translation>
    </message>
    <message>
        <source>Søgeord</source>
        <translation>Search words</translation>
    </message>
    <message>
        <source>Udvalg</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>Kun dette udvalg</source>
        <translation>Only this committee</translation>
    </message>
    <message>
        <source>Dokumenttype</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Alle dokumenter</source>
        <translation>All documents</translation>
    </message>
    <message>
        <source>Dagsordener</source>
        <translation>Agendas</translation>
    </message>
    <message>
        <source>Referater</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Bilag</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Lukkede punkter</source>
        <translation>Closed items</translation>
    </message>
    <message>
        <source>Medtag lukkede punkter</source>
        <translation>Include closed items</translation>
    </message>
    <message>
        <source>Fra</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Fra dato</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>Første mødedato</source>
        <translation>First meeting date</translation>
    </message>
    <message>
        <source>Til</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Til dato</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>Sidste mødedato</source>
        <translation>Last meeting date</translation>
    </message>
    <message>
        <source>Forslag til stavning</source>
        <translation>Spelling suggestion</translation>
    </message>
    <message>
        <source>Vis sagens forløb</source>
        <translation>Show the case history</translation>
    </message>
    <message>
        <source>Søgestatus</source>
        <translation>Search status</translation>
    </message>
    <message>
        <source>Opdaterer søgeindekset</source>
        <translation>Updating the search index</translation>
    </message>
    <message>
        <source>Søgeresultater</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Søgeindeks: %1 af %2 sider</source>
        <translation>Search index: %1 of %2 pages</translation>
    </message>
    <message>
        <source>Vis sagens forløb for %1 →</source>
        <translation>Show the case history of %1 →</translation>
    </message>
    <message>
        <source>Søgeindekset genopbygges…</source>
        <translation>Rebuilding the search index…</translation>
    </message>
    <message>
        <source>Søgningen mislykkedes</source>
        <translation>The search failed</translation>
    </message>
    <message>
        <source>Mente du: %1</source>
        <translation>Did you mean: %1</translation>
    </message>
    <message>
        <source>Ingen resultater</source>
        <translation>No results</translation>
    </message>
    <message>
        <source>1 resultat</source>
        <translation>1 result</translation>
    </message>
    <message>
        <source>%1 resultater</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <source>Kommentar, s. %1</source>
        <translation>Comment, p. %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Bilag: %1, s. %2</source>
        <translation>Attachment: %1, p. %2</translation>
    </message>
    <message>
        <source>s. %1</source>
        <translation>p. %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Sprog</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Sproget skiftes, næste gang Mødemappe starter.</source>
        <translation>The language changes the next time Mødemappe starts.</translation>
    </message>
    <message>
        <source>Farver</source>
        <translation>Colours</translation>
    </message>
    <message>
        <source>Som systemet</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>Lyse</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Mørke</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Synkronisér hvert antal minutter</source>
        <translation>Sync every number of minutes</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>kun når jeg beder om det</source>
        <translation>only when I ask</translation>
    </message>
    <message>
        <source>&amp;Sprog:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Farver:</source>
        <translation>&amp;Colours:</translation>
    </message>
    <message>
        <source>S&amp;ynkronisér hvert:</source>
        <translation>S&amp;ync every:</translation>
    </message>
    <message>
        <source>Data og sikkerhedskopi</source>
        <translation>Data and backup</translation>
    </message>
    <message>
        <source>Datamappe</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>&amp;Åbn mappen</source>
        <translation>&amp;Open the folder</translation>
    </message>
    <message>
        <source>Alt, hvad Mødemappe gemmer – møder, dokumenter og dine krypterede noter – ligger i denne mappe. Tag en sikkerhedskopi ved at kopiere hele mappen, mens Mødemappe er lukket. Noterne kan kun åbnes med din adgangskode eller din gendannelsesnøgle, så gem gendannelsesnøglen et sikkert sted. En anden mappe vælges med miljøvariablen MOEDEMAPPE_DATA_DIR.</source>
        <translation>Everything Mødemappe keeps – meetings, documents and your encrypted notes – is in this folder. Back it up by copying the whole folder while Mødemappe is closed. The notes open only with your passphrase or your recovery key, so keep the recovery key somewhere safe. Another folder is chosen with the environment variable MOEDEMAPPE_DATA_DIR.</translation>
    </message>
    <message>
        <source>Noter</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Noterne er beskyttet med en adgangskode.</source>
        <translation>The notes are protected by a passphrase.</translation>
    </message>
    <message>
        <source>Skift &amp;adgangskode…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <source>&amp;Gem</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SideBySide</name>
    <message>
        <source>Ændring side om side</source>
        <translation>Change side by side</translation>
    </message>
    <message>
        <source>Version %1, side %2</source>
        <translation>Version %1, page %2</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sidepanel</source>
        <translation>Sidebar</translation>
    </message>
    <message>
        <source>Sidepanelets faner</source>
        <translation>The sidebar&apos;s tabs</translation>
    </message>
    <message>
        <source>Sider</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Bogmærker</source>
        <translation>Bookmarks</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <source>Tilføj kilde</source>
        <translation>Add source</translation>
    </message>
    <message>
        <source>Redigér kilde</source>
        <translation>Edit source</translation>
    </message>
    <message>
        <source>Kildens navn</source>
        <translation>Name of the source</translation>
    </message>
    <message>
        <source>fx Kommunens OParl</source>
        <translation>e.g. The council&apos;s OParl</translation>
    </message>
    <message>
        <source>Adresse eller mappe</source>
        <translation>Address or folder</translation>
    </message>
    <message>
        <source>https://… eller en mappe</source>
        <translation>https://… or a folder</translation>
    </message>
    <message>
        <source>&amp;Vælg mappe…</source>
        <translation>C&amp;hoose folder…</translation>
    </message>
    <message>
        <source>Slags</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Genkend automatisk</source>
        <translation>Recognise automatically</translation>
    </message>
    <message>
        <source>Brugernavn</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Adgangskode</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>uændret</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>&amp;Test forbindelsen</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <source>&amp;Navn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Adresse:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Slags:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Brugernavn:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>Adgangs&amp;kode:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Brugernavn, adgangskode og token gemmes i styresystemets nøglering, aldrig i biblioteket. Lad dem stå tomme, hvis kilden er offentlig.</source>
        <translation>The user name, password and token are kept in the operating system&apos;s keychain, never in the library. Leave them empty if the source is public.</translation>
    </message>
    <message>
        <source>&amp;Gem</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Genkendt: %1</source>
        <translation>Recognised: %1</translation>
    </message>
    <message>
        <source>Slagsen findes, når forbindelsen testes</source>
        <translation>The kind is found when the connection is tested</translation>
    </message>
    <message>
        <source>Vælg mappe</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>Tester forbindelsen…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Giv kilden et navn.</source>
        <translation>Give the source a name.</translation>
    </message>
    <message>
        <source>Skriv en adresse, eller vælg en mappe.</source>
        <translation>Type an address, or choose a folder.</translation>
    </message>
</context>
<context>
    <name>SourcesDialog</name>
    <message>
        <source>Kilder</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Mødemappe henter møder fra kommunens OParl-server, FirstAgenda, et Mødemappe-feed eller en mappe (et publiceringsdrev eller en USB-nøgle).</source>
        <translation>Mødemappe fetches meetings from the council&apos;s OParl server, FirstAgenda, a Mødemappe feed or a folder (a publication share or a USB stick).</translation>
    </message>
    <message>
        <source>Der er ingen kilder endnu.</source>
        <translation>There are no sources yet.</translation>
    </message>
    <message>
        <source>&amp;Tilføj…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Redigér…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Fjern</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>&amp;Synkronisér</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>&amp;Luk</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>aldrig</source>
        <translation>never</translation>
    </message>
    <message>
        <source>synkroniseret %1</source>
        <translation>synced %1</translation>
    </message>
    <message>
        <source>Fjern kilde</source>
        <translation>Remove source</translation>
    </message>
    <message>
        <source>Fjern kilden %1? Møderne, den har hentet, bliver i biblioteket; adgangskoden fjernes fra nøgleringen.</source>
        <translation>Remove the source %1? The meetings it fetched stay in the library; the password is removed from the keychain.</translation>
    </message>
    <message>
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SyncControl</name>
    <message>
        <source>&amp;Synkronisér nu</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>Synkronisering</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Synkroniseringens fremskridt</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Annullér synkroniseringen</source>
        <translation>Cancel the sync</translation>
    </message>
    <message>
        <source>Detaljer</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Synkroniseringens resultat pr. kilde</source>
        <translation>The sync&apos;s result per source</translation>
    </message>
    <message>
        <source>Synkroniserer…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Synkroniserer %1 (%2 af %3)…</source>
        <translation>Syncing %1 (%2 of %3)…</translation>
    </message>
    <message>
        <source>Opdaterer søgeindekset…</source>
        <translation>Updating the search index…</translation>
    </message>
    <message>
        <source>Stopper synkroniseringen…</source>
        <translation>Stopping the sync…</translation>
    </message>
    <message>
        <source>Ingen kilder at synkronisere</source>
        <translation>No sources to sync</translation>
    </message>
    <message>
        <source>Synkroniseringen blev stoppet</source>
        <translation>The sync was stopped</translation>
    </message>
    <message>
        <source>Ingen forbindelse – prøver igen senere</source>
        <translation>No connection – trying again later</translation>
    </message>
    <message>
        <source>Synkroniseret; fejl ved %1</source>
        <translation>Synced; errors in %1</translation>
    </message>
    <message>
        <source>Synkroniseringen mislykkedes</source>
        <translation>The sync failed</translation>
    </message>
    <message>
        <source>Synkroniseret – intet nyt</source>
        <translation>Synced – nothing new</translation>
    </message>
    <message>
        <source>Synkroniseret: %1</source>
        <translation>Synced: %1</translation>
    </message>
    <message>
        <source>%1: ingen forbindelse</source>
        <translation>%1: no connection</translation>
    </message>
    <message>
        <source>%1: fejl: %2</source>
        <translation>%1: error: %2</translation>
    </message>
    <message>
        <source>%1: fejl</source>
        <translation>%1: error</translation>
    </message>
    <message>
        <source>%1 fjernet af kilden</source>
        <translation>%1 removed by the source</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Thumbnails</name>
    <message>
        <source>Sideminiaturer</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <source>Side %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Lås noter op</source>
        <translation>Unlock notes</translation>
    </message>
    <message>
        <source>Adgangskode eller gendannelsesnøgle</source>
        <translation>Passphrase or recovery key</translation>
    </message>
    <message>
        <source>&amp;Adgangskode:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Har du glemt adgangskoden, kan du skrive din gendannelsesnøgle i stedet.</source>
        <translation>If you forgot the passphrase, you can enter your recovery key instead.</translation>
    </message>
    <message>
        <source>&amp;Lås op</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Skriv din adgangskode eller gendannelsesnøgle.</source>
        <translation>Enter your passphrase or recovery key.</translation>
    </message>
    <message>
        <source>Forkert adgangskode – prøv igen</source>
        <translation>Wrong passphrase – try again</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Velkommen</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Velkommen til Mødemappe</source>
        <translation>Welcome to Mødemappe</translation>
    </message>
    <message>
        <source>Mødemappe samler dine mødepakker – dagsordener, referater og bilag – fra kommunens systemer, så du kan læse, søge og skrive noter, også uden net. Noterne er krypterede og bliver på din computer.</source>
        <translation>Mødemappe gathers your meeting packages – agendas, minutes and attachments – from the council&apos;s systems, so that you can read, search and take notes, offline too. The notes are encrypted and stay on your computer.</translation>
    </message>
    <message>
        <source>De to møder i listen er et demo-bibliotek med opdigtede udvalg og sager, så du kan prøve læseren. Fjern dem, når du har dine egne.</source>
        <translation>The two meetings in the list are a demo library with invented bodies and cases, for trying the reader. Remove them once you have your own.</translation>
    </message>
    <message>
        <source>&amp;Tilføj din første kilde…</source>
        <translation>&amp;Add your first source…</translation>
    </message>
    <message>
        <source>Tilføj din første kilde</source>
        <translation>Add your first source</translation>
    </message>
    <message>
        <source>&amp;Importér en mappe…</source>
        <translation>&amp;Import a folder…</translation>
    </message>
    <message>
        <source>Importér en mappe</source>
        <translation>Import a folder</translation>
    </message>
    <message>
        <source>&amp;Fjern demoen</source>
        <translation>&amp;Remove the demo</translation>
    </message>
    <message>
        <source>Fjern demoen</source>
        <translation>Remove the demo</translation>
    </message>
    <message>
        <source>S&amp;kjul</source>
        <translation>&amp;Hide</translation>
    </message>
    <message>
        <source>Skjul velkomsten</source>
        <translation>Hide the welcome</translation>
    </message>
</context>
<context>
    <name>_VaultDialog</name>
    <message>
        <source>Fejl</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Arbejder</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>Annuller</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Der opstod en uventet fejl. Intet blev ændret; prøv igen.</source>
        <translation>An unexpected error occurred. Nothing was changed; try again.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Der opstod en uventet fejl</source>
        <translation>An unexpected error occurred</translation>
    </message>
    <message>
        <source>Mødemappe</source>
        <translation>Mødemappe</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <source>Gul</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>Grøn</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>Blå</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>Rød</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Lilla</source>
        <translation>Purple</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>Orange</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>OParl-server</source>
        <translation>OParl server</translation>
    </message>
    <message>
        <source>FirstAgenda</source>
        <translation>FirstAgenda</translation>
    </message>
    <message>
        <source>Mødemappe-feed</source>
        <translation>Mødemappe feed</translation>
    </message>
    <message>
        <source>Mappe (publiceringsdrev eller USB-nøgle)</source>
        <translation>Folder (publication share or USB stick)</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Indlæser demo-biblioteket…</source>
        <translation>Loading the demo library…</translation>
    </message>
</context>
</TS>

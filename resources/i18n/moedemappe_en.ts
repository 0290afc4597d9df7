<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="79" />
        <source>d. MMMM yyyy</source>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81" />
        <source>kl. %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89" />
        <source>Filtrér møder…</source>
        <translation>Filter meetings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>Filtrér møder</source>
        <translation>Filter meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96" />
        <source>Møder</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102" />
        <source>&amp;Møder</source>
        <translation>&amp;Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107" />
        <source>Dagsordenspunkter</source>
        <translation>Agenda items</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108" />
        <source>Punkt</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108" />
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128" />
        <source>&amp;Dagsorden</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134" />
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142" />
        <source>Siden kunne ikke vises: %1</source>
        <translation>The page could not be shown: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147" />
        <source>D&amp;okument</source>
        <translation>D&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>&amp;Importér…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184" />
        <source>Importér &amp;mappe…</source>
        <translation>Import &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186" />
        <source>&amp;Afslut</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187" />
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192" />
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194" />
        <source>&amp;Find møde</source>
        <translation>&amp;Find meeting</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195" />
        <source>Gå til &amp;møder</source>
        <translation>Go to &amp;meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196" />
        <source>Gå til &amp;dagsorden</source>
        <translation>Go to &amp;agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197" />
        <source>Gå til d&amp;okument</source>
        <translation>Go to d&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198" />
        <source>&amp;Næste side</source>
        <translation>&amp;Next page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199" />
        <source>&amp;Forrige side</source>
        <translation>&amp;Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201" />
        <source>Zoom &amp;ind</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Zoom &amp;ud</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210" />
        <source>&amp;Tilpas til bredden</source>
        <translation>&amp;Fit to width</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214" />
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215" />
        <source>&amp;Om Mødemappe</source>
        <translation>&amp;About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223" />
        <source>Uden dato</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236" />
        <source>%1 møder, %2 dokumenter</source>
        <translation>%1 meetings, %2 documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270" />
        <source>Bilag</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>Referat</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>Dagsorden</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281" />
        <source>(lukket)</source>
        <translation>(closed)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286" />
        <source>Bilag: </source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324" />
        <source>Side %1 af %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332" />
        <source>Importér mødepakker</source>
        <translation>Import meeting packages</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334" />
        <source>PDF og zip (*.pdf *.zip);;Alle filer (*)</source>
        <translation>PDF and zip (*.pdf *.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="340" />
        <source>Importér mappe</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="348" />
        <source>Importerer…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="348" />
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350" />
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362" />
        <source>Gemmer…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371" />
        <source>%1 nye dokumenter, %2 nye versioner, %3 uændrede</source>
        <translation>%1 new documents, %2 new versions, %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379" />
        <source>Nogle filer blev ikke importeret</source>
        <translation>Some files were not imported</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388" />
        <source>Import stoppet: %1</source>
        <translation>Import stopped: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400" />
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="402" />
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
    <name>PageView</name>
    <message>
        <location filename="../../ui/page_view.py" line="29" />
        <source>Dokumentside</source>
        <translation>Document page</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/app.py" line="62" />
        <source>Indlæser demo-biblioteket…</source>
        <translation>Loading the demo library…</translation>
    </message>
</context>
</TS>
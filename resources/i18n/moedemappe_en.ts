<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="61" />
        <source>d. MMMM yyyy</source>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63" />
        <source>kl. %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71" />
        <source>Filtrér møder…</source>
        <translation>Filter meetings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>Filtrér møder</source>
        <translation>Filter meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="78" />
        <source>Møder</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86" />
        <source>&amp;Møder</source>
        <translation>&amp;Meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94" />
        <source>Dagsordenspunkter</source>
        <translation>Agenda items</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95" />
        <source>Punkt</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95" />
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114" />
        <source>&amp;Dagsorden</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122" />
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129" />
        <source>Siden kunne ikke vises: %1</source>
        <translation>The page could not be shown: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135" />
        <source>D&amp;okument</source>
        <translation>D&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>&amp;Importér…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165" />
        <source>Importér &amp;mappe…</source>
        <translation>Import &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166" />
        <source>&amp;Afslut</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174" />
        <source>&amp;Find møde</source>
        <translation>&amp;Find meeting</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175" />
        <source>Gå til &amp;møder</source>
        <translation>Go to &amp;meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176" />
        <source>Gå til &amp;dagsorden</source>
        <translation>Go to &amp;agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177" />
        <source>Gå til d&amp;okument</source>
        <translation>Go to d&amp;ocument</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178" />
        <source>&amp;Næste side</source>
        <translation>&amp;Next page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>&amp;Forrige side</source>
        <translation>&amp;Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180" />
        <source>Zoom &amp;ind</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181" />
        <source>Zoom &amp;ud</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185" />
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186" />
        <source>&amp;Om Mødemappe</source>
        <translation>&amp;About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194" />
        <source>Uden dato</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207" />
        <source>%1 møder, %2 dokumenter</source>
        <translation>%1 meetings, %2 documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241" />
        <source>Bilag</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245" />
        <source>Referat</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245" />
        <source>Dagsorden</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252" />
        <source>(lukket)</source>
        <translation>(closed)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257" />
        <source>Bilag: </source>
        <translation>Attachments: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294" />
        <source>Side %1 af %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300" />
        <source>Importér mødepakker</source>
        <translation>Import meeting packages</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301" />
        <source>PDF og zip (*.pdf *.zip);;Alle filer (*)</source>
        <translation>PDF and zip (*.pdf *.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307" />
        <source>Importér mappe</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313" />
        <source>Importerer…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313" />
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315" />
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327" />
        <source>Gemmer…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332" />
        <source>%1 nye dokumenter, %2 nye versioner, %3 uændrede</source>
        <translation>%1 new documents, %2 new versions, %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338" />
        <source>Nogle filer blev ikke importeret</source>
        <translation>Some files were not imported</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="344" />
        <source>Import stoppet: %1</source>
        <translation>Import stopped: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355" />
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357" />
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
        <location filename="../../ui/page_view.py" line="24" />
        <source>Dokumentside</source>
        <translation>Document page</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/app.py" line="59" />
        <source>Indlæser demo-biblioteket…</source>
        <translation>Loading the demo library…</translation>
    </message>
</context>
</TS>
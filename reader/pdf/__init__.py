"""Everything that touches PyMuPDF: visible text, agenda structure, geometry, rendering.

Importing the package routes MuPDF's messages to the log, so that whatever process first
touches a PDF (the app, a command, a render worker) never has them on stdout. The window
itself imports no part of it: start-up stays fast, and PDFs are opened in worker processes.
"""

from reader.pdf.messages import quiet_mupdf

quiet_mupdf()

"""Everything that touches PyMuPDF: visible text, agenda structure, composing PDFs."""

"""Everything that touches PyMuPDF: visible text, agenda structure, geometry, rendering."""

"""The document reader: a continuous view of a PDF's pages, rendered in worker processes."""

"""Ingest: inputs (JSONL, JSON, folders, RUWA CSV) -> `Article`s (HTML to text, hashing,
boilerplate), the spaCy parse, and dates in the text."""

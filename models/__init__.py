"""Learned components behind the Protocols in `narratives.protocols`.

Only this package imports torch / transformers / sentence-transformers.
"""

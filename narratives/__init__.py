"""narratives: compare competing narratives of the same war events.

article -> attributed claims -> side of each claim -> events -> claim vs counter-claim

The packages follow that pipeline: `ingest` (articles and their parse), `attribution` (who
said what, speakers, claims), `sides` (registry and side of each claim), `events` (story
alignment), `pairing` (claim vs counter-claim), `index` (the incremental index that ties
events and pairs together), `storage`, `batch`; beside them `corpora`, `evaluation`,
`bench` and `cli`. The core (`types`, `errors`, `protocols`, `config`) is at the bottom;
`composition` is the one module that builds the real models (`models/`).
"""
__version__ = "0.1.0"

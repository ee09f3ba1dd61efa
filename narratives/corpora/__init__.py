"""Corpus readers shared by training, evaluation and the bench: PolNeAR (attribution
spans), RUWA (headlines and ledes by outlet and event), the NLI sets (SNLI, SICK, ANLI,
LingNLI, CAD-SNLI) and articles labelled by event (ECB+, users' own sets).

Each reads files in place from `../shared/data` and raises `DataError` saying which file
and line is wrong. The readers import only the domain core, so `models/training` takes
their records as plain data from the CLI that read them.
"""

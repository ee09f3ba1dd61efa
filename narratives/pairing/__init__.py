"""Pairing: claim vs counter-claim; candidates within an event, rebuttals and denials, blame
and targets, numbers, and the contradiction model's scores -> relation and rationale."""

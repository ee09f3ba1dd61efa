"""Sides: the actor registry (file format, validation, lookup) and the side of each claim
(registry first, then the learned side classifier, then the outlet's voice)."""

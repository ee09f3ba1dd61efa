"""Training entry points for `narratives train`."""

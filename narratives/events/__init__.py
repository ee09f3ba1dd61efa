"""Events: one event per real-world incident; article-level story alignment, claims within
the story, readable labels."""

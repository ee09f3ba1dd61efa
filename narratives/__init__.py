"""narratives: compare competing narratives of the same war events.

article -> attributed claims -> side of each claim -> events -> claim vs counter-claim
"""
__version__ = "0.1.0"

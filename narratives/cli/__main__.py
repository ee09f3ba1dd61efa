"""`python -m narratives.cli ...`: the same as the `narratives` command."""
from narratives.cli import main

main()

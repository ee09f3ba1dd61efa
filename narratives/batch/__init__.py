"""Batch analysis: `narratives analyze` over files (local engine or Ray), the JSONL outputs
and the self-contained `report.html`."""

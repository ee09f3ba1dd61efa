"""The incremental narrative index: claims -> events -> pairs, in memory over day-bucketed
vectors; used by the batch run and the service alike."""

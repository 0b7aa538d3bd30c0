"""The one path for writes: the per-field write policy and the record every change leaves."""

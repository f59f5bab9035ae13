"""The raw store: the append-only corpus, ingest of saved pages, and the extraction cache."""

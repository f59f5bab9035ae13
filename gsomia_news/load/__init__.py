"""Load stage: the dataset writer, the officials registry, and validation."""

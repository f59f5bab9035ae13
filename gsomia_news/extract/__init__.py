"""Extract stage: cleaned body -> date mentions and named officials."""

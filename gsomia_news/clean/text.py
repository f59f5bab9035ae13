"""Text captures (pages saved as text, menus and all) -> lines -> classified article parts."""

from __future__ import annotations

from .lines import LineResult, classify
from .rules import Rules


def clean_text(text: str, rules: Rules) -> LineResult:
    """Classify every line of a text capture."""
    return classify(text.splitlines(), rules)

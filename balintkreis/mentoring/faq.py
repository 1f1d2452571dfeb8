"""FAQ answers: Markdown written by the secretariat, sanitised HTML out."""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_answer(text: str) -> str:
    """Markdown to HTML, then stripped to a safe list of tags (no scripts,
    no inline styles, links get rel="noopener noreferrer")."""
    html = markdown.markdown(text, extensions=["sane_lists", "tables"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )

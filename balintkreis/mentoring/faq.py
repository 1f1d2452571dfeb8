"""FAQ answers: Markdown written by the secretariat, sanitised HTML out."""

import tomllib
from pathlib import Path

import markdown
import nh3

from balintkreis.mentoring.models import FaqCategory, FaqEntry

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


SEED = Path(__file__).with_name("faq_seed.toml")


def load_seed() -> int:
    """Create the starter FAQ from ``faq_seed.toml``; existing questions are
    left as the secretariat edited them. Returns the number of new entries."""
    data = tomllib.loads(SEED.read_text(encoding="utf-8"))
    created = 0
    for cat_pos, cat in enumerate(data["category"]):
        category, _new = FaqCategory.objects.get_or_create(
            slug=cat["slug"], defaults={"name": cat["name"], "position": cat_pos}
        )
        for pos, item in enumerate(cat["entry"]):
            _entry, new = FaqEntry.objects.get_or_create(
                category=category,
                question=item["question"],
                defaults={
                    "answer": item["answer"].strip(),
                    "visibility": item["visibility"],
                    "position": pos,
                },
            )
            created += new
    return created

"""`{% feed_links %}`: each page's Atom feeds as <link rel="alternate"> in its head.

Every page links the feed of approved progress; a theme or action page also links its own,
and the reports page the reports feed. Read from the page's URL name, so the pages' own apps
need not know the feeds exist.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# The pages that have a feed of their own: the view name, the feed, its arguments.
_OWN_FEEDS = {
    "themes:detail": ("feed-theme", ("number",), gettext_lazy("Approved progress on this theme")),
    "actions:detail": (
        "feed-action",
        ("plan", "number"),
        gettext_lazy("Approved progress on this action"),
    ),
    "action-detail-with-decisions": (
        "feed-action",
        ("plan", "number"),
        gettext_lazy("Approved progress on this action"),
    ),
    "reports:list": ("feed-reports", (), gettext_lazy("Published reports")),
}


@register.simple_tag(takes_context=True)
def feed_links(context) -> str:
    links = [(reverse("feed-updates"), _("Approved progress"))]
    match = getattr(context.get("request"), "resolver_match", None)
    own = _OWN_FEEDS.get(match.view_name) if match else None
    if own is not None:
        name, arguments, title = own
        kwargs = {argument: match.kwargs[argument] for argument in arguments}
        links.append((reverse(name, kwargs=kwargs), str(title)))
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="application/atom+xml" href="{}" title="{}">',
        ((href, title) for href, title in links),
    )

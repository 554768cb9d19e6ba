"""Pages of a long list, with links shaped like the GOV.UK pagination component."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _


class PageNotFound(Exception):
    """The ``page`` parameter names no page of these results; the message says which would."""


def paginate(queryset: QuerySet, *, params: QueryDict, per_page: int) -> Page:
    paginator = Paginator(queryset, per_page)
    raw = params.get("page", "1")
    try:
        return paginator.page(raw)
    except InvalidPage as exc:
        value = raw[:20]
        if paginator.num_pages == 1:
            message = _("“{value}” is not a page of these results. They fit on one page.")
        else:
            message = _(
                "“{value}” is not a page of these results. Use a whole number from 1 to {last}."
            )
        raise PageNotFound(message.format(value=value, last=paginator.num_pages)) from exc


def page_url(params: QueryDict, number: int) -> str:
    """The query string for one page, keeping every other parameter (page 1 has none)."""
    query = params.copy()
    query.pop("page", None)
    if number > 1:
        query["page"] = str(number)
    return "?" + query.urlencode()


def page_links(page: Page, *, params: QueryDict) -> dict | None:
    """Previous, next and numbered links, with gaps, or None when everything fits on one page."""
    paginator = page.paginator
    if paginator.num_pages < 2:
        return None
    items = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            url = page_url(params, number)
            items.append({"number": number, "url": url, "current": number == page.number})
    return {
        "previous": page_url(params, page.previous_page_number()) if page.has_previous() else None,
        "next": page_url(params, page.next_page_number()) if page.has_next() else None,
        "items": items,
    }

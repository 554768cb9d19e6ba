"""Reads of the strategy and its themes."""

from django.db.models import QuerySet

from themes.models import Strategy, Theme

# Latest first. Two strategies starting in the same year: the one loaded last is current. Plans
# (actions.selectors) use the same order, so "current" means the same thing for both.
LATEST_FIRST = ("-start_year", "-pk")


def strategies_latest_first() -> QuerySet[Strategy]:
    return Strategy.objects.order_by(*LATEST_FIRST)


def strategy_current() -> Strategy | None:
    """The strategy now in force: the latest by start year."""
    return strategies_latest_first().first()


def themes_current() -> QuerySet[Theme]:
    """The current strategy's themes, as one query (a subquery picks the strategy)."""
    return Theme.objects.filter(strategy__in=strategies_latest_first()[:1])


def themes_of_current_strategy() -> QuerySet[Theme]:
    """The current strategy's themes, for get_object_or_404 by number."""
    return Theme.objects.select_related("strategy").filter(strategy=strategy_current())


def theme_get(*, number: int) -> Theme:
    return themes_of_current_strategy().get(number=number)

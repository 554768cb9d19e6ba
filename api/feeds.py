"""Atom feeds (django.contrib.syndication): approved progress for the whole plan, a theme or an
action, and published reports. Each in the page's language: /feeds/... and /cy/feeds/...

Only approved updates are fed (`ProgressUpdate.objects.approved()`), with their public summary,
never the internal note; only published report editions.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from actions.models import Action, ProgressUpdate
from actions.status import ActionStatus
from reports.models import ReportRun
from themes.selectors import themes_of_current_strategy

FEED_LENGTH = 50


class _AtomFeed(Feed):
    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        self._host = request.get_host().split(":")[0] or "localhost"
        return super().__call__(request, *args, **kwargs)

    def author_name(self) -> str:
        return _("Social Care Wales")

    def _tag(self, kind: str, pk: int) -> str:
        # A tag: URI (RFC 4151) never changes when the site moves or the page is renamed.
        return f"tag:{self._host},2024:{kind}-{pk}"


class UpdatesFeed(_AtomFeed):
    """Approved progress, newest first."""

    def title(self, obj=None) -> str:
        return _("Workforce Strategy Tracker: approved progress")

    def link(self, obj=None) -> str:
        return reverse("actions:list")

    def subtitle(self, obj=None) -> str:
        return _("Progress updates on the delivery plans' actions, as approved for publication.")

    def updates(self, obj=None):
        return ProgressUpdate.objects.approved()

    def items(self, obj=None):
        return (
            self.updates(obj)
            .select_related("action", "action__plan", "review")
            .order_by("-review__reviewed_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, update: ProgressUpdate) -> str:
        return _("{action} ({plan}): {status}, {quarter}").format(
            action=update.action.heading,
            plan=update.action.plan.name,
            status=ActionStatus(update.status).label,
            quarter=update.quarter,
        )

    def item_description(self, update: ProgressUpdate) -> str:
        return update.summary

    def item_link(self, update: ProgressUpdate) -> str:
        return update.action.get_absolute_url()

    def item_guid(self, update: ProgressUpdate) -> str:
        return self._tag("update", update.pk)

    def item_pubdate(self, update: ProgressUpdate):
        return update.review.reviewed_at

    def item_updateddate(self, update: ProgressUpdate):
        return update.review.reviewed_at


class ThemeUpdatesFeed(UpdatesFeed):
    """Approved progress on one theme's actions, in every plan."""

    def get_object(self, request, number: int):
        return get_object_or_404(themes_of_current_strategy(), number=number)

    def title(self, obj=None) -> str:
        return _("Approved progress: theme {number}, {title}").format(
            number=obj.number, title=obj.title
        )

    def link(self, obj=None) -> str:
        return obj.get_absolute_url()

    def updates(self, obj=None):
        return ProgressUpdate.objects.approved().filter(action__theme=obj)


class ActionUpdatesFeed(UpdatesFeed):
    """Approved progress on one action."""

    def get_object(self, request, plan: str, number: int):
        return get_object_or_404(
            Action.objects.select_related("plan"), plan__slug=plan, number=number
        )

    def title(self, obj=None) -> str:
        return _("Approved progress: {action} of the {plan}").format(
            action=obj.reference, plan=obj.plan.name
        )

    def link(self, obj=None) -> str:
        return obj.get_absolute_url()

    def updates(self, obj=None):
        return ProgressUpdate.objects.approved().filter(action=obj)


class ReportsFeed(_AtomFeed):
    """Published editions of the annual progress report, newest first."""

    def title(self) -> str:
        return _("Workforce Strategy Tracker: published reports")

    def link(self) -> str:
        return reverse("reports:list")

    def subtitle(self) -> str:
        return _("Each edition of the annual progress report when it is published.")

    def items(self):
        return (
            ReportRun.objects.filter(published_at__isnull=False)
            .select_related("report", "report__plan")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, run: ReportRun) -> str:
        return _("{report} ({language}), version {version}").format(
            report=run.report, language=run.get_language_display(), version=run.version
        )

    def item_description(self, run: ReportRun) -> str:
        return run.change_note or _("First publication.")

    def item_link(self, run: ReportRun) -> str:
        return reverse("reports:html", kwargs={"pk": run.pk})

    def item_guid(self, run: ReportRun) -> str:
        return self._tag("report", run.pk)

    def item_pubdate(self, run: ReportRun):
        return run.published_at

    def item_updateddate(self, run: ReportRun):
        return run.published_at

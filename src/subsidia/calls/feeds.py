"""The Atom feed of newly published calls."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from subsidia.core import formatting

from . import selectors


class NewCallsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("New calls for proposals")

    def subtitle(self):
        return _("Calls for proposals published by the managing authority, newest first.")

    def link(self):
        return reverse("calls:public-list")

    def feed_url(self):
        return reverse("calls:feed")

    def items(self):
        return selectors.new_calls()

    def item_title(self, call):
        return f"{call.reference}: {call.title}"

    def item_description(self, call):
        return _("%(summary)s Budget: %(budget)s. Open from %(opens)s to %(closes)s (Brussels time).") % {
            "summary": call.summary,
            "budget": formatting.money(call.budget),
            "opens": formatting.datetime(call.opens_at),
            "closes": formatting.datetime(call.closes_at),
        }

    def item_link(self, call):
        return reverse("calls:public-detail", args=[call.pk])

    def item_guid(self, call):
        return f"subsidia-call-{call.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, call):
        return call.published_at

    def item_updateddate(self, call):
        return max(call.updated_at, call.published_at)

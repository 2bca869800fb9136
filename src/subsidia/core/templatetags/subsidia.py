"""Template filters for amounts, numbers and dates (CLDR via Babel), loaded as a builtin."""

from django import template

from .. import formatting

register = template.Library()


@register.filter
def money(value):
    return formatting.money(value)


@register.filter
def num(value, decimals=None):
    return formatting.number(value, decimals=None if decimals is None else int(decimals))


@register.filter
def pct(value, decimals=2):
    return formatting.percent(value, decimals=int(decimals))


@register.filter
def ldate(value, fmt="medium"):
    return formatting.date(value, format=fmt)


@register.filter
def ldatetime(value, fmt="medium"):
    return formatting.datetime(value, format=fmt)


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"

"""The call's deadline as an iCalendar file (RFC 5545), written by hand: one event, times in UTC (no time-zone
component needed), text escaped and lines folded at 75 octets with CRLF endings."""

import datetime as dt

from subsidia.core import clock

PRODID = "-//Subsidia//Calls for proposals//EN"


def escape(value: str) -> str:
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, newlines as ``\\n``."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into octet-limited parts (75 octets, §3.1) without cutting a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines start with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def deadline_calendar(call, *, url: str, host: str, summary: str, description: str, reminder: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:call-{call.pk}-deadline@{host}",
        f"DTSTAMP:{utc(clock.now())}",
        f"DTSTART:{utc(call.closes_at)}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
        f"LAST-MODIFIED:{utc(call.updated_at)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P7D",
        f"DESCRIPTION:{escape(reminder)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)

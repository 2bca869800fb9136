"""Every string of the app is translated to Dutch (binding) and French, with the same placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\w*\}")


def catalogue(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_is_translated_with_its_placeholders(language):
    missing, broken = [], []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(ids[0])
            continue
        if sorted(PLACEHOLDER.findall(ids[-1])) != sorted(PLACEHOLDER.findall(strings[-1])):
            broken.append(ids[0])
    assert missing == [] and broken == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Lijst van concrete acties"), ("fr", "Liste des opérations"), ("en", "List of operations")],
)
def test_the_list_page_speaks_the_language_of_the_reader(client, make_op, language, title):
    make_op()
    client.cookies["django_language"] = language
    page = client.get("/list-of-operations/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert title in page

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages in English (the source language) unless a test asks for another; pages still follow
    the request's language."""
    with translation.override("en"):
        yield

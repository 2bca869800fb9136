import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Services answer in the active language (Dutch by default); these tests read the English source texts."""
    with translation.override("en"):
        yield

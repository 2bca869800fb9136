import pytest
from django.utils import translation

from subsidia.core.tests.factories import UserFactory


@pytest.fixture
def english():
    """Services answer in the active language (Dutch by default); the service tests read the English texts."""
    with translation.override("en"):
        yield


@pytest.fixture
def approver2(db):
    return UserFactory(username="approver2", role="authorising_officer")

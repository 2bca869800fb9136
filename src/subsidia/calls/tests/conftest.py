import pytest

from .factories import CallFactory, complete, funded_programme


@pytest.fixture
def programme(db):
    return funded_programme()


@pytest.fixture
def draft_call(programme, officer):
    """A complete draft call on a programme with EUR 1 000 000 for SO2 × VLG × Annex IV."""
    return complete(CallFactory(programme=programme, created_by=officer))

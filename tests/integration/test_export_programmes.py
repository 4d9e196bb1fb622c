"""Programmes and exchange rates: lookups by id, enrolment and rates that stay correct
when the same form is sent twice, also at the same moment."""

import pytest

from creative_market.exceptions import NotFoundError
from creative_market.export import programmes, queries


@pytest.mark.parametrize("huge", [2**31, 10**30, 0, -1])
def test_ids_outside_the_database_range_are_not_found(session, huge):
    with pytest.raises(NotFoundError, match=f"There is no programme {huge}"):
        programmes.get_programme(session, programme_id=huge)
    with pytest.raises(NotFoundError, match=f"There is no shipment {huge}"):
        queries.get_shipment(session, shipment_id=huge)
    with pytest.raises(NotFoundError, match=f"There is no document {huge}"):
        queries.get_document(session, document_id=huge)

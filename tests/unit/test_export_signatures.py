"""The export services follow the house rule: the Session first, then keyword-only
arguments, so calls read `get_shipment(session, shipment_id=7)` everywhere."""

import inspect

import pytest

from creative_market.export import programmes, queries, services

MODULES = [programmes, queries, services]


def _services_of(module):
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("_") or function.__module__ != module.__name__:
            continue
        parameters = list(inspect.signature(function).parameters.values())
        if parameters and parameters[0].name == "session":
            yield name, parameters


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_services_take_the_session_first_then_keyword_only_arguments(module):
    found = list(_services_of(module))
    assert found
    positional = [f"{name}({p.name})" for name, parameters in found for p in parameters[1:]
                  if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert positional == []


"""The API against its own OpenAPI document, fuzzed: schemathesis generates
requests from the served document (valid and invalid parameters) and checks every
response: no server error, a documented status, and a body that matches the
schema."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .content import build, never_public


class Tree:
    pass


@pytest.fixture
def content(db, settings):
    # Real content to answer with: both languages, Swedish only, a project with
    # partners and contacts, snippets, and the never-public pages.
    settings.API_RATE_LIMIT = 100_000  # the fuzzer is one client sending many
    build(Tree)
    never_public()
    # The requests go through the real WSGI handler, which closes the database
    # connection after each one; the test's transaction must outlive them (as
    # Django's test client arranges).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The document as served (test_api checks that it is the committed one). Loaded
# when the module is collected: schemathesis' fixture-based loader does not run
# under pytest 9.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_contract(case, content):
    # Every check but "a schema-valid request is accepted": a cursor is opaque
    # (any string fits the schema), and one the API did not make gets a 400.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])

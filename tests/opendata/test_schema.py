"""The OpenAPI schema: generated without a warning, valid OpenAPI 3, served and documented."""

import json

import yaml
from django.core.management import call_command
from django.urls import reverse
from openapi_spec_validator import validate


def test_schema_generates_without_warnings_and_validates(tmp_path):
    path = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(path))
    schema = json.loads(path.read_text())
    validate(schema)
    paths = set(schema["paths"])
    assert {
        "/api/v1/regions/",
        "/api/v1/regions/{slug}/",
        "/api/v1/tours/",
        "/api/v1/directions/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{id}/",
        "/api/v1/memoranda/",
        "/api/v1/memoranda/{id}/",
        "/api/v1/commitments/",
        "/api/v1/programs/",
        "/api/v1/programs/{slug}/",
        "/api/v1/proposals/",
        "/api/v1/proposals/{code}/",
    } == paths
    proposal_fields = set(schema["components"]["schemas"]["ProposalDetail"]["properties"])
    assert not proposal_fields & {"contact_email", "contact_phone", "is_public", "notify_by_email", "publish_name"}
    list_params = {p["name"] for p in schema["paths"]["/api/v1/proposals/"]["get"]["parameters"]}
    assert {"q", "region", "direction", "status", "cursor", "page_size", "lang"} <= list_params


def test_the_served_schema_is_the_same_valid_document(client, db):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    validate(yaml.safe_load(response.content))
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_docs_page_uses_local_assets_and_no_inline_script(client, db):
    response = client.get(reverse("api:docs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<script>" not in html and "<style" not in html and "cdn" not in html.lower()
    script = client.get(reverse("api:docs") + "?script")
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()

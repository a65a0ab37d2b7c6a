"""Schemathesis hooks of the API fuzz run (loaded through SCHEMATHESIS_HOOKS).

Every request carries the role's bearer token (FUZZ_TOKEN), except the sign-out routes: each of
those gets a session signed in for it alone (FUZZ_SIGN_IN_USERNAME/PASSWORD), so signing out
revokes nobody's token but its own and the rest of the run keeps its role.

FUZZ_VALID_REQUESTS names a JSON file of valid requests per operation id (valid-requests.ts):
a project at the stage the decision needs with a body its rules take, an uploaded document of
that project, a short audit period. With probability FUZZ_VALID_SHARE a generated case becomes
one of them, so every operation gets through to a real workflow, while the other cases stay as
generated. schemathesis revalidates a case a hook changed, so a case made valid this way is
checked as a positive one (it must then be accepted, or refused only by an allowed rule).
"""

import json
import os
import urllib.request
import uuid

import schemathesis
from hypothesis import strategies as st

SIGN_OUT_OPERATIONS = ["sessionsSignOut", "browserSessionsSignOut"]


def _bearer(case, token):
    case.headers = case.headers or {}
    case.headers["Authorization"] = f"Bearer {token}"


@schemathesis.auth(refresh_interval=None, retry_on=[]).skip_for(operation_id=SIGN_OUT_OPERATIONS)
class RoleToken:
    def get(self, case, context):
        return os.environ["FUZZ_TOKEN"]

    def set(self, case, data, context):
        _bearer(case, data)


if os.environ.get("FUZZ_SIGN_IN_USERNAME"):

    @schemathesis.auth(refresh_interval=None, retry_on=[]).apply_to(operation_id=SIGN_OUT_OPERATIONS)
    class FreshSession:
        def get(self, case, context):
            body = json.dumps(
                {
                    "username": os.environ["FUZZ_SIGN_IN_USERNAME"],
                    "password": os.environ["FUZZ_SIGN_IN_PASSWORD"],
                }
            ).encode()
            request = urllib.request.Request(
                os.environ["FUZZ_BASE_URL"] + "/auth/sessions",
                data=body,
                headers={"content-type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)["token"]

        def set(self, case, data, context):
            _bearer(case, data)


def _load_valid_requests():
    path = os.environ.get("FUZZ_VALID_REQUESTS")
    if not path:
        return {}
    with open(path, encoding="utf-8") as file:
        return json.load(file)


VALID_REQUESTS = _load_valid_requests()
VALID_SHARE = float(os.environ.get("FUZZ_VALID_SHARE", "0.4"))
# A PDF the upload's recogniser takes. Text, not bytes: schemathesis counts a case carrying bytes
# as invalid for its schema, and the spec names the part business-plan.pdf.
PLAN_PDF = "%PDF-1.4\n% a business plan the fuzz run uploads\n%%EOF\n"


def _made_valid(case, request):
    if "path" in request:
        case.path_parameters = {**(case.path_parameters or {}), **request["path"]}
    if "query" in request:
        case.query = dict(request["query"])
    if request.get("pdf"):
        case.media_type = "multipart/form-data"
        case.body = {"file": PLAN_PDF}
    elif "body" in request:
        body = dict(request["body"])
        if request.get("decision"):
            # Fresh each time (Hypothesis would draw the same ids in every run).
            body["decisionId"] = str(uuid.uuid4())
        case.media_type = "application/json"
        case.body = body
    return case


@schemathesis.hook
def flatmap_case(context, case):
    # Drawn through Hypothesis (not `random`, which Hypothesis seeds alike for every example).
    valid = VALID_REQUESTS.get(case.operation.definition.raw.get("operationId"))
    if not valid:
        return st.just(case)
    return st.tuples(st.integers(0, 99), st.sampled_from(valid)).map(
        lambda drawn: _made_valid(case, drawn[1]) if drawn[0] < VALID_SHARE * 100 else case
    )

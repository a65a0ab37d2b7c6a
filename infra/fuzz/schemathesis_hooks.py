"""Schemathesis hooks of the API fuzz run (loaded through SCHEMATHESIS_HOOKS).

Every request carries the role's bearer token (FUZZ_TOKEN), except the sign-out routes: each of
those gets a session signed in for it alone (FUZZ_SIGN_IN_USERNAME/PASSWORD), so signing out
revokes nobody's token but its own and the rest of the run keeps its role.
"""

import json
import os
import urllib.request

import schemathesis

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

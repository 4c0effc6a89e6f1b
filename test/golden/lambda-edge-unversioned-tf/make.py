#!/usr/bin/env python3
"""Writes in/plan.json: Lambda@Edge associations, versioned or not.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): /auth/* runs an unqualified Lambda ARN on viewer-request
(the function's arn, not its qualified_arn: fires), /api/* one in
eu-west-1 on origin-request (fires), and the default behavior version 7 of
a us-east-1 function on origin-response (passes).  Changed wherever
terraform writes it (configuration, planned_values, resource_changes).
Written as terraform prints it: compact, with <, > and & escaped.  Run
from this folder; the output is committed."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))



FN = "arn:aws:lambda:%s:111122223333:function:%s"


def lam(event, arn):
    return {"event_type": event, "include_body": False, "lambda_arn": arn}


def change(v):
    behavior(v, "/auth/*")["lambda_function_association"] = [
        lam("viewer-request", FN % ("us-east-1", "auth-check"))]
    behavior(v, "/api/*")["lambda_function_association"] = [
        lam("origin-request", FN % ("eu-west-1", "api-router") + ":3")]
    v["default_cache_behavior"][0]["lambda_function_association"] = [
        lam("origin-response", FN % ("us-east-1", "security-headers") + ":7")]


edit(plan, change)

write(plan)

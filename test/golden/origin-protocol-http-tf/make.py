#!/usr/bin/env python3
"""Writes in/plan.json from examples/alias-swap/fixed/plan.json (terraform
show -json output, which passes every origin rule): WHAT says what changes.
The change is made wherever terraform writes it (configuration,
planned_values, resource_changes before/after), on both distributions.  Written as terraform prints it: compact, with <, > and & escaped.
Run from this folder; the output is committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behaviors, edit_everywhere, origin, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))


# The API origin is API Gateway reached over http-only; its behaviors use
# AllViewerExceptHostHeader, as API Gateway needs.
API = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
ORP = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
plan["variables"]["api_origin_domain"]["value"] = API


def edit_values(d):
    o = origin(d["origin"], "alb-api")
    o["domain_name"] = API
    o["custom_origin_config"][0]["origin_protocol_policy"] = "http-only"
    for b in behaviors(d, "alb-api"):
        b["origin_request_policy_id"] = ORP


def edit_config(e):
    o = origin(e["origin"], {"constant_value": "alb-api"})
    o["custom_origin_config"][0]["origin_protocol_policy"] = {"constant_value": "http-only"}
    for b in behaviors(e, {"constant_value": "alb-api"}):
        b["origin_request_policy_id"] = {"constant_value": ORP}


edit_everywhere(plan, edit_values, edit_config)
write(plan)

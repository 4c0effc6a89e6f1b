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
from tfedit import behaviors, edit_everywhere, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))


# The /api/* and /auth/* behaviors to the load balancer use
# AllViewerExceptHostHeader instead of AllViewer: the origin is the bare
# elb.amazonaws.com name over https-only, and nothing forwards Host.
ORP = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def edit_values(d):
    for b in behaviors(d, "alb-api"):
        b["origin_request_policy_id"] = ORP


def edit_config(e):
    for b in behaviors(e, {"constant_value": "alb-api"}):
        b["origin_request_policy_id"] = {"constant_value": ORP}


edit_everywhere(plan, edit_values, edit_config)
write(plan)

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
from tfedit import edit_everywhere, origin, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))


# The API origin is API Gateway (var.api_origin_domain), still reached with
# AllViewer, which forwards the viewer's Host.
API = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
plan["variables"]["api_origin_domain"]["value"] = API


def edit_values(d):
    origin(d["origin"], "alb-api")["domain_name"] = API


def edit_config(e):
    pass


edit_everywhere(plan, edit_values, edit_config)
write(plan)

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


# The load balancer origin gets the S3 bucket's origin access control.
OAC = "aws_cloudfront_origin_access_control.frontend"


def edit_values(d):
    origin(d["origin"], "alb-api")["origin_access_control_id"] = "E3Y3N897T93CNJ"


def edit_config(e):
    origin(e["origin"], {"constant_value": "alb-api"})["origin_access_control_id"] = {
        "references": [OAC + ".id", OAC]}


edit_everywhere(plan, edit_values, edit_config)
write(plan)

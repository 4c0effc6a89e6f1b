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


# The load balancer origin loses its custom_origin_config block: the AWS
# provider then sends an empty S3OriginConfig for it.


def edit_values(d):
    origin(d["origin"], "alb-api")["custom_origin_config"] = []


def edit_config(e):
    del origin(e["origin"], {"constant_value": "alb-api"})["custom_origin_config"]


edit_everywhere(plan, edit_values, edit_config)
write(plan)

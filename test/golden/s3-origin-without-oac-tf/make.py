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


# The S3 origin loses its origin access control.


def edit_values(d):
    origin(d["origin"], "s3-frontend")["origin_access_control_id"] = ""


def edit_config(e):
    del origin(e["origin"], {"constant_value": "s3-frontend"})["origin_access_control_id"]


edit_everywhere(plan, edit_values, edit_config)
write(plan)

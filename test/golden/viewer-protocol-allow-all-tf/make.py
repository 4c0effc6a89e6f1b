#!/usr/bin/env python3
"""Writes in/plan.json: behaviors that let viewers use plain HTTP.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): /auth/*, a configured write route (the default routes), and
/assets/* get viewer protocol policy allow-all.  The first is an error (a
write route in clear text), the second a warning; /api/* (https-only) and
the default behavior (redirect-to-https) pass.  Changed wherever terraform
writes it (configuration, planned_values, resource_changes).  Written as
terraform prints it: compact, with <, > and & escaped.  Run from this
folder; the output is committed."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))



def change(v):
    behavior(v, "/auth/*")["viewer_protocol_policy"] = "allow-all"
    behavior(v, "/assets/*")["viewer_protocol_policy"] = "allow-all"


edit(plan, change)

write(plan)

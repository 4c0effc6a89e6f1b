#!/usr/bin/env python3
"""Writes in/plan.json: a path pattern with '{' and '}'.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): /assets/* becomes /assets/{hash}/*, which CloudFront refuses
('{' is not allowed in a path pattern); /api/* and /auth/* pass.  The
case's edgegate.yml lowers quotas.cache_behaviors to 2, so /auth/*, the
third ordered behavior, is beyond the quota.  Changed wherever terraform
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
    behavior(v, "/assets/*")["path_pattern"] = "/assets/{hash}/*"


edit(plan, change)

write(plan)

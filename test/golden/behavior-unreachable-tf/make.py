#!/usr/bin/env python3
"""Writes in/plan.json: /api/v1/* placed after /api/*.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): a new behavior /api/v1/* to the same ALB comes after
/api/*, which matches every path it matches (fires), while *.json placed
last still takes /x.json (reachable: passes).  Changed wherever terraform writes it (configuration,
planned_values, resource_changes).  Written as terraform prints it:
compact, with <, > and & escaped.  Run from this folder; the output is
committed."""

import copy
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))



def change(v):
    obs = v["ordered_cache_behavior"]
    api = copy.deepcopy(behavior(v, "/api/*"))
    api["path_pattern"] = "/api/v1/*"
    json_ = copy.deepcopy(behavior(v, "/assets/*"))
    json_["path_pattern"] = "*.json"
    obs.append(api)
    obs.append(json_)


edit(plan, change)

write(plan)

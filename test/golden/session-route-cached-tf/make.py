#!/usr/bin/env python3
"""Writes in/plan.json: sign-in routes and their cache keys.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output), with the case's edgegate.yml naming /auth/* and /account/*
sign-in routes and sessionid the session cookie.  /auth/* uses
CachingOptimized (no cookies, no Authorization in the key: fires); a new
/account/* behavior uses the managed Amplify policy, whose key holds
Authorization and all cookies (passes); /api/* is no sign-in route.
Changed wherever terraform writes it (configuration, planned_values,
resource_changes).  Written as terraform prints it: compact, with <, > and
& escaped.  Run from this folder; the output is committed."""

import copy
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))



def change(v):
    auth = behavior(v, "/auth/*")
    auth["cache_policy_id"] = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    account = copy.deepcopy(auth)
    account["path_pattern"] = "/account/*"
    account["cache_policy_id"] = "2e54312d-136d-493c-8eb9-b001f22f67d2"
    v["ordered_cache_behavior"].append(account)


edit(plan, change)

write(plan)

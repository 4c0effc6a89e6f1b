#!/usr/bin/env python3
"""Writes in/plan.json: an API Gateway origin and CORS preflights.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): the API origin becomes an API Gateway endpoint.  A new
/public-api/* behavior allows only GET and HEAD (fires: the OPTIONS
preflight gets 403); /api/* caches OPTIONS under CachingOptimized, whose
key has no Origin header (fires); /auth/* caches OPTIONS under
CachingDisabled (nothing cached: passes).  Changed wherever terraform
writes it (configuration, planned_values, resource_changes).  Written as
terraform prints it: compact, with <, > and & escaped.  Run from this
folder; the output is committed."""

import copy
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))



def change(v):
    o = [o for o in v["origin"] if o["origin_id"] == "alb-api"][0]
    o["domain_name"] = "k3x9q2w7ze.execute-api.us-east-1.amazonaws.com"
    api = behavior(v, "/api/*")
    api["cached_methods"] = ["GET", "HEAD", "OPTIONS"]
    api["cache_policy_id"] = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    behavior(v, "/auth/*")["cached_methods"] = ["GET", "HEAD", "OPTIONS"]
    public = copy.deepcopy(api)
    public["path_pattern"] = "/public-api/*"
    public["allowed_methods"] = ["GET", "HEAD"]
    public["cached_methods"] = ["GET", "HEAD"]
    v["ordered_cache_behavior"].insert(1, public)


edit(plan, change)

write(plan)

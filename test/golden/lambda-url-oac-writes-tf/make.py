#!/usr/bin/env python3
"""Writes in/plan.json: writes through OAC to a Lambda function URL.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): the API origin becomes a Lambda function URL with an origin
access control.  /api/* and /auth/* allow all seven methods to it through
OAC (fire: Lambda refuses POST and PUT without x-amz-content-sha256); a
new /health behavior allows only GET and HEAD (passes).  Changed
wherever terraform writes it (configuration, planned_values,
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
    o = [o for o in v["origin"] if o["origin_id"] == "alb-api"][0]
    o["origin_id"] = "fn-api"
    o["domain_name"] = "x7kq3mz2vd4hw5a6lbnr8tpe1y0cuojf.lambda-url.us-east-1.on.aws"
    o["origin_access_control_id"] = "E3QV8LAMBDAOAC"
    for b in v["ordered_cache_behavior"]:
        if b["target_origin_id"] == "alb-api":
            b["target_origin_id"] = "fn-api"
    status = copy.deepcopy(behavior(v, "/api/*"))
    status["path_pattern"] = "/health"
    status["allowed_methods"] = ["GET", "HEAD"]
    v["ordered_cache_behavior"].insert(1, status)


edit(plan, change)

write(plan)

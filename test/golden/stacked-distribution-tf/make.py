#!/usr/bin/env python3
"""Writes in/plan.json: the API served through another distribution.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output, the passing case): the variable api_origin_domain, and with
it the alb-api origin's domain everywhere terraform writes it, becomes
d1ap1example0.cloudfront.net, an older distribution in front of the load
balancer.  stacked-distribution fires.  Written as terraform prints it.
Run from this folder; the output is committed."""
import os

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
OLD = "storefront-api-prod-1623094871.us-east-1.elb.amazonaws.com"
raw = open(BASE).read()
assert OLD in raw
os.makedirs("in", exist_ok=True)
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(raw.replace(OLD, "d1ap1example0.cloudfront.net"))

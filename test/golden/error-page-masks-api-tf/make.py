#!/usr/bin/env python3
"""Writes in/plan.json: an SPA error rewrite in front of an API.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output: S3 by default, /api/* and /auth/* to an ALB).  This plan
adds to the canary a custom_error_response 404 -> 200 /index.html (cached
10 s) in configuration, planned_values and resource_changes (after, with
its sensitive_values mirror); before and prior_state keep none.  Written
as terraform prints it: compact, with <, > and & escaped.  Run from this
folder; the output is committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import config, planned, rc, values, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"


ch = rc(plan, CANARY)["change"]
resp = {"error_caching_min_ttl": 10, "error_code": 404, "response_code": 200,
        "response_page_path": "/index.html"}
for v in (ch["after"], planned(plan, CANARY)):
    v["custom_error_response"] = [dict(resp)]
for s in (ch["after_sensitive"], values(plan["planned_values"]["root_module"], CANARY)["sensitive_values"]):
    s["custom_error_response"] = [{}]
e = config(plan, CANARY)["expressions"]
e["custom_error_response"] = [{k: {"constant_value": v} for k, v in resp.items()}]
config(plan, CANARY)["expressions"] = dict(sorted(e.items()))
write(plan)

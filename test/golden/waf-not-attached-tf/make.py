#!/usr/bin/env python3
"""Writes in/plan.json: a distribution without a WAF web ACL.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output, both distributions use var.web_acl_arn).  The canary's
web_acl_id is not set ("" as the provider prints it; before this plan
too), in configuration, planned_values, resource_changes and prior_state.
Written as terraform prints it: compact, with <, > and & escaped.  Run
from this folder; the output is committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import config, every_view, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"


for v in every_view(plan, CANARY):
    v["web_acl_id"] = ""
del config(plan, CANARY)["expressions"]["web_acl_id"]
write(plan)

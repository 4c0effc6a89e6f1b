#!/usr/bin/env python3
"""Writes in/plan.json: a distribution without standard logging.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output, both distributions log to acme-edge-logs).  The
canary's logging_config block is gone (before this plan too) from
configuration, planned_values, resource_changes and prior_state, with
their sensitive_values mirrors.  Written as terraform prints it: compact,
with <, > and & escaped.  Run from this folder; the output is committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import config, every_view, sensitive_views, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"


for v in every_view(plan, CANARY):
    v["logging_config"] = []
for s in sensitive_views(plan, CANARY):
    s["logging_config"] = []
del config(plan, CANARY)["expressions"]["logging_config"]
write(plan)

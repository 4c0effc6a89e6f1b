#!/usr/bin/env python3
"""Writes in/plan.json: a viewer TLS policy below the configured floor.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output).  The canary's minimum_protocol_version becomes
TLSv1.2_2019 (before this plan too) and the new production distribution's
TLSv1.2_2025, in configuration, planned_values and resource_changes;
in/.edgegate.yml sets tls_floor TLSv1.2_2021.  Written as terraform prints
it: compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import config, every_view, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"


def policy(address, value):
    for v in every_view(plan, address):
        v["viewer_certificate"][0]["minimum_protocol_version"] = value
    config(plan, address)["expressions"]["viewer_certificate"][0]["minimum_protocol_version"] = {
        "constant_value": value}


policy(CANARY, "TLSv1.2_2019")
policy(PROD, "TLSv1.2_2025")
os.makedirs("in", exist_ok=True)
with open(os.path.join("in", ".edgegate.yml"), "w") as f:
    f.write("tls_floor: TLSv1.2_2021\n")
write(plan)

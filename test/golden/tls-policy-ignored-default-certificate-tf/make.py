#!/usr/bin/env python3
"""Writes in/plan.json: a security policy set with the default certificate.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output).  The canary's viewer_certificate becomes
cloudfront_default_certificate = true with minimum_protocol_version
TLSv1.2_2021 (and no ACM certificate), before this plan too, in
configuration, planned_values, resource_changes and prior_state.  Written
as terraform prints it: compact, with <, > and & escaped.  Run from this
folder; the output is committed."""
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
    v["viewer_certificate"] = [{
        "acm_certificate_arn": "", "cloudfront_default_certificate": True,
        "iam_certificate_id": "", "minimum_protocol_version": "TLSv1.2_2021",
        "ssl_support_method": ""}]
config(plan, CANARY)["expressions"]["viewer_certificate"] = [{
    "cloudfront_default_certificate": {"constant_value": True},
    "minimum_protocol_version": {"constant_value": "TLSv1.2_2021"}}]
write(plan)

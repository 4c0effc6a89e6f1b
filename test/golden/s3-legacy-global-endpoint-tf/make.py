#!/usr/bin/env python3
"""Writes in/plan.json from examples/alias-swap/fixed/plan.json (terraform
show -json output, which passes every origin rule): WHAT says what changes.
The change is made wherever terraform writes it (configuration,
planned_values, resource_changes before/after), on both distributions.  Written as terraform prints it: compact, with <, > and & escaped.
Run from this folder; the output is committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import edit_everywhere, origin, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))


# The bucket lives in eu-west-1 and the S3 origin uses bucket_domain_name,
# the legacy global endpoint.
GLOBAL = "acme-web-prod-frontend.s3.amazonaws.com"


def edit_values(d):
    origin(d["origin"], "s3-frontend")["domain_name"] = GLOBAL


def edit_config(e):
    origin(e["origin"], {"constant_value": "s3-frontend"})["domain_name"] = {
        "references": ["aws_s3_bucket.frontend.bucket_domain_name", "aws_s3_bucket.frontend"]}


def edit_resource(rtype, values):
    if rtype == "aws_s3_bucket":
        values["region"] = "eu-west-1"
        values["bucket_regional_domain_name"] = "acme-web-prod-frontend.s3.eu-west-1.amazonaws.com"
        values["arn"] = values["arn"]


edit_everywhere(plan, edit_values, edit_config, edit_resource)
write(plan)

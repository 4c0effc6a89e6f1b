#!/usr/bin/env python3
"""Writes in/plan.json from examples/alias-swap/fixed/plan.json (terraform
show -json output): the S3 origin of both distributions uses
aws_s3_bucket.frontend.bucket_domain_name (acme-web-prod-frontend.s3.amazonaws.com,
the legacy global endpoint), as in s3-legacy-global-endpoint-tf, but the
bucket stays in us-east-1, where that endpoint answers without a redirect:
s3-legacy-global-endpoint passes.  The change is made wherever terraform
writes it (configuration, planned_values, prior_state, resource_changes
before/after).
Compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
GLOBAL = "acme-web-prod-frontend.s3.amazonaws.com"
plan = json.load(open(BASE))


def origin(origins, oid):
    for o in origins:
        if o.get("origin_id") in (oid, {"constant_value": oid}):
            return o
    raise KeyError(oid)


for rc in plan["resource_changes"]:
    if rc["type"] == "aws_cloudfront_distribution":
        for side in ("before", "after"):
            if rc["change"].get(side):
                origin(rc["change"][side]["origin"], "s3-frontend")["domain_name"] = GLOBAL
for views in (plan["planned_values"], plan["prior_state"]["values"]):
    for r in views["root_module"]["resources"]:
        if r["type"] == "aws_cloudfront_distribution":
            origin(r["values"]["origin"], "s3-frontend")["domain_name"] = GLOBAL
for r in plan["configuration"]["root_module"]["resources"]:
    if r["type"] == "aws_cloudfront_distribution":
        origin(r["expressions"]["origin"], {"constant_value": "s3-frontend"})["domain_name"] = {
            "references": ["aws_s3_bucket.frontend.bucket_domain_name", "aws_s3_bucket.frontend"]}
os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

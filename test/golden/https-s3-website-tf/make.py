#!/usr/bin/env python3
"""Writes in/plan.json: the staging website bucket reached over HTTPS.

Derived from examples/mixed-environments/fixed/plan.json (terraform show
-json output), whose s3-website origin uses http-only and passes
https-origin-to-s3-website.  Here the origin's protocol policy is
https-only wherever terraform writes it (configuration, planned_values,
resource_changes): S3 website endpoints have no TLS, so every request gets
502.  Written as terraform prints it: compact, with <, > and & escaped.
Run from this folder; the output is committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "mixed-environments", "fixed", "plan.json")
plan = json.load(open(BASE))


def fix(origins):
    for o in origins:
        if o.get("origin_id") in ("s3-website", {"constant_value": "s3-website"}):
            cfg = o["custom_origin_config"][0]
            cfg["origin_protocol_policy"] = (
                {"constant_value": "https-only"}
                if isinstance(cfg["origin_protocol_policy"], dict) else "https-only")


def walk_values(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_cloudfront_distribution":
            fix(r["values"]["origin"])
    for c in m.get("child_modules", []):
        walk_values(c)


def walk_config(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_cloudfront_distribution":
            fix(r["expressions"]["origin"])
    for c in m.get("module_calls", {}).values():
        walk_config(c["module"])


for rc in plan["resource_changes"]:
    if rc["type"] == "aws_cloudfront_distribution":
        fix(rc["change"]["after"]["origin"])
walk_values(plan["planned_values"]["root_module"])
walk_config(plan["configuration"]["root_module"])
os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

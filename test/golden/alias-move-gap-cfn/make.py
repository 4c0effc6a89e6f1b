#!/usr/bin/env python3
"""Writes in/plan.json: examples/missing-auth-behavior/fixed/plan.json
(terraform show -json) in which the Terraform-managed storefront
distribution gives up its aliases: the module call now passes
aliases = [] (the hosts move to the CloudFormation stack in
in/storefront.yaml).  before keeps example.com and www.example.com, after
and planned_values have [], as terraform prints an in-place update.
Compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
DIST = "module.web.aws_cloudfront_distribution.this"
plan = json.load(open(BASE))
for rc in plan["resource_changes"]:
    if rc["address"] == DIST:
        ch = rc["change"]
        ch["after"]["aliases"] = []
        ch["after_unknown"]["aliases"] = []
        ch["after_sensitive"]["aliases"] = []


def walk(m):
    for r in m.get("resources", []):
        if r["address"] == DIST:
            r["values"]["aliases"] = []
            r["sensitive_values"]["aliases"] = []
    for c in m.get("child_modules", []):
        walk(c)


walk(plan["planned_values"]["root_module"])
plan["configuration"]["root_module"]["module_calls"]["web"]["expressions"]["aliases"] = {
    "constant_value": []}
os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

#!/usr/bin/env python3
"""Writes in/plan.json: production takes www.example.com while it also
holds *.example.com.

Derived from examples/alias-swap/fixed/plan.json (terraform show -json
output), where the plan moves example.com and www.example.com from the
canary distribution to the new production one.  Here production's stage
also lists *.example.com (var.stages, and so the distribution's aliases in
planned_values and the change's after, with their unknown and sensitive
mirrors).  Written as terraform prints it:
compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))
PROD = 'aws_cloudfront_distribution.site["production"]'
plan["variables"]["stages"]["value"]["production"]["aliases"].append("*.example.com")
for rc in plan["resource_changes"]:
    if rc["address"] == PROD:
        rc["change"]["after"]["aliases"].append("*.example.com")
        rc["change"]["after_unknown"]["aliases"].append(False)
        rc["change"]["after_sensitive"]["aliases"].append(False)
for r in plan["planned_values"]["root_module"]["resources"]:
    if r["address"] == PROD:
        r["values"]["aliases"].append("*.example.com")
        r["sensitive_values"]["aliases"].append(False)
os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

#!/usr/bin/env python3
"""Writes in/envs/canary/plan.json and in/envs/production/plan.json.

Derived from ../identity-terraform-roots (one Terraform root per
environment, derived in turn from examples/alias-swap/broken/plan.json,
terraform show -json output).  The production root is unchanged: it
creates the production distribution with no aliases and moves the apex and
www records to it.  In the canary root the canary distribution, which
still holds example.com and www.example.com, is being disabled
(`enabled = each.value.enabled`, false for canary).  Written compact, with
<, > and & escaped, as `terraform show -json` prints.  Run from this
folder; the output is committed."""
import json
import os

SRC = os.path.join("..", "identity-terraform-roots", "in", "envs")


def write(path, plan):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(path, "w") as f:
        f.write(text + "\n")


def dists(module):
    return [r for r in module.get("resources", []) if r["type"] == "aws_cloudfront_distribution"]


for env in ("canary", "production"):
    plan = json.load(open(os.path.join(SRC, env, "plan.json")))
    stages = plan["variables"]["stages"]["value"]
    for name, stage in stages.items():
        stage["enabled"] = name != "canary"
    cdn = plan["configuration"]["root_module"]["module_calls"]["cdn"]["module"]
    for r in dists(cdn):
        r["expressions"]["enabled"] = {"references": ["each.value.enabled", "each.value"]}
    if env == "canary":
        for rc in plan["resource_changes"]:
            if rc["type"] != "aws_cloudfront_distribution":
                continue
            rc["change"]["actions"] = ["update"]
            rc["change"]["after"]["enabled"] = False
        for child in plan["planned_values"]["root_module"]["child_modules"]:
            for r in dists(child):
                r["values"]["enabled"] = False
    write(os.path.join("in", "envs", env, "plan.json"), plan)

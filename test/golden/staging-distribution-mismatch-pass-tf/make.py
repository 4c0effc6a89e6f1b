#!/usr/bin/env python3
"""Writes in/plan.json: staging-distribution-mismatch-tf's plan (terraform
show -json, derived from examples/dns-to-wrong-distribution/fixed) without
the staging distribution's extra /beta/* behavior, wherever terraform
writes it (configuration, planned_values, prior_state, resource_changes
before/after and their sensitive mirrors).  The staging distribution then
has its primary's paths and HTTP/2: staging-distribution-mismatch passes.
Run ../staging-distribution-mismatch-tf/make.py first; this folder's
output is committed."""
import json
import os

BASE = os.path.join("..", "staging-distribution-mismatch-tf", "in", "plan.json")
plan = json.load(open(BASE))


def is_beta(b):
    return b.get("path_pattern") in ("/beta/*", {"constant_value": "/beta/*"})


def drop(values, sens=None):
    if not values or "ordered_cache_behavior" not in values:
        return
    keep = [i for i, b in enumerate(values["ordered_cache_behavior"]) if not is_beta(b)]
    if len(keep) == len(values["ordered_cache_behavior"]):
        return
    if sens is not None and isinstance(sens.get("ordered_cache_behavior"), list):
        sens["ordered_cache_behavior"] = [sens["ordered_cache_behavior"][i] for i in keep]
    values["ordered_cache_behavior"] = [values["ordered_cache_behavior"][i] for i in keep]


for rc in plan["resource_changes"]:
    if rc["type"] == "aws_cloudfront_distribution":
        ch = rc["change"]
        drop(ch["before"], ch.get("before_sensitive") or None)
        drop(ch["after"], ch.get("after_sensitive"))
        if isinstance(ch["after_unknown"].get("ordered_cache_behavior"), list) and \
                len(ch["after_unknown"]["ordered_cache_behavior"]) > len(ch["after"]["ordered_cache_behavior"]):
            ch["after_unknown"]["ordered_cache_behavior"] = \
                ch["after_unknown"]["ordered_cache_behavior"][:len(ch["after"]["ordered_cache_behavior"])]


def walk(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_cloudfront_distribution":
            drop(r["values"], r.get("sensitive_values"))
    for c in m.get("child_modules", []):
        walk(c)


walk(plan["planned_values"]["root_module"])
if plan.get("prior_state"):
    walk(plan["prior_state"]["values"]["root_module"])
for r in plan["configuration"]["root_module"]["resources"]:
    if r["type"] == "aws_cloudfront_distribution":
        drop(r["expressions"])
os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

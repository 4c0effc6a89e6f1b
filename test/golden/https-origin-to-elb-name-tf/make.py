#!/usr/bin/env python3
"""Writes in/plan.json from examples/alias-swap/fixed/plan.json (terraform
show -json output, which passes every origin rule): WHAT says what changes.
The change is made wherever terraform writes it (configuration,
planned_values, resource_changes before/after), on both distributions.  Written as terraform prints it: compact, with <, > and & escaped.
Run from this folder; the output is committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))


def origin(origins, oid):
    for o in origins:
        if o.get("origin_id") in (oid, {"constant_value": oid}):
            return o
    raise KeyError(oid)


def behaviors(dist, oid):
    out = [b for b in dist.get("ordered_cache_behavior", []) if b.get("target_origin_id") == oid]
    out += [b for b in dist.get("default_cache_behavior", []) if b.get("target_origin_id") == oid]
    return out


# The /api/* and /auth/* behaviors to the load balancer use
# AllViewerExceptHostHeader instead of AllViewer: the origin is the bare
# elb.amazonaws.com name over https-only, and nothing forwards Host.
ORP = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def edit_values(d):
    for b in behaviors(d, "alb-api"):
        b["origin_request_policy_id"] = ORP


def edit_config(e):
    for b in behaviors(e, {"constant_value": "alb-api"}):
        b["origin_request_policy_id"] = {"constant_value": ORP}


def edit_resource(rtype, values):
    pass


def dists_values():
    for rc in plan["resource_changes"]:
        if rc["type"] == "aws_cloudfront_distribution":
            for side in ("before", "after"):
                if rc["change"].get(side):
                    yield rc["change"][side]
    for r in plan["planned_values"]["root_module"]["resources"]:
        if r["type"] == "aws_cloudfront_distribution":
            yield r["values"]


for values in dists_values():
    edit_values(values)
for rc in plan["resource_changes"]:
    for side in ("before", "after"):
        if rc["change"].get(side):
            edit_resource(rc["type"], rc["change"][side])
for r in plan["planned_values"]["root_module"]["resources"]:
    edit_resource(r["type"], r["values"])
edit_config([r for r in plan["configuration"]["root_module"]["resources"]
             if r["type"] == "aws_cloudfront_distribution"][0]["expressions"])
os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

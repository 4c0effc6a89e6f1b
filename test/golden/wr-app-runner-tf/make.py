#!/usr/bin/env python3
"""Writes in/plan.json: a Django app on App Runner behind CloudFront.

Derived from examples/missing-auth-behavior/broken/plan.json (terraform
show -json output).  Here var.api_origin_domain is the App Runner
service's default domain, the origin is called app-runner, the `/api/*`
behavior is gone and the default behavior sends everything that is not
`/assets/*` to the app, still with GET and HEAD only: no behavior sends
writes anywhere, so the app counts as a backend only because App Runner is
an application platform.  The change is made in `configuration`,
`planned_values` and the change's `after`, as terraform would print it;
`before` keeps the running configuration.  Written compact, with <, > and
& escaped, as `terraform show -json` prints.  Run from this folder; the
output is committed."""
import json
import os

SRC = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "broken", "plan.json")
ALB = "storefront-api-prod-1623094871.us-east-1.elb.amazonaws.com"
APP_RUNNER = "pmw3xpmbmi.us-east-1.awsapprunner.com"
plan = json.loads(open(SRC).read().replace(ALB, APP_RUNNER))


def rework(default, ordered, origins, const):
    def val(v):
        return {"constant_value": v} if const else v
    default[0]["target_origin_id"] = val("app-runner")
    keep = [b for b in ordered if b["path_pattern"] != val("/api/*")]
    assert len(keep) == len(ordered) - 1
    ordered[:] = keep
    for o in origins:
        if o["origin_id"] == val("alb-api"):
            o["origin_id"] = val("app-runner")


def dist(resources):
    return [r for r in resources if r["type"] == "aws_cloudfront_distribution"]


web = plan["configuration"]["root_module"]["module_calls"]["web"]["module"]
for r in dist(web["resources"]):
    e = r["expressions"]
    rework(e["default_cache_behavior"], e["ordered_cache_behavior"], e["origin"], True)
for child in plan["planned_values"]["root_module"]["child_modules"]:
    for r in dist(child["resources"]):
        v = r["values"]
        rework(v["default_cache_behavior"], v["ordered_cache_behavior"], v["origin"], False)
for rc in plan["resource_changes"]:
    if rc["type"] == "aws_cloudfront_distribution":
        a = rc["change"]["after"]
        rework(a["default_cache_behavior"], a["ordered_cache_behavior"], a["origin"], False)

text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
os.makedirs("in", exist_ok=True)
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

#!/usr/bin/env python3
"""Writes in/plan.json: the /api/* route sent to an origin group.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output).  A second load balancer origin and an origin group
"api-failover" (primary, then secondary on 500/502/503/504) are added, and
/api/* (all seven methods) targets the group, which CloudFront refuses at
apply.  /assets/* targets the same group with GET and HEAD only, which it
accepts: the rule must not fire there.  The group is added wherever
terraform writes the distribution (configuration, planned_values,
resource_changes after and after_unknown).  Written as terraform prints
it: compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import copy
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))
ADDR = "module.web.aws_cloudfront_distribution.this"
SECOND = "storefront-api-prod-dr-2087453190.us-west-2.elb.amazonaws.com"


def group(value):
    return [{"failover_criteria": [{"status_codes": [500, 502, 503, 504]}],
             "member": [{"origin_id": value["api"]}, {"origin_id": "api-alb-secondary"}],
             "origin_id": "api-failover"}]


def api_origin(origins):
    return next(o for o in origins if o.get("custom_origin_config"))


def edit_values(v):
    api = api_origin(v["origin"])
    second = copy.deepcopy(api)
    second["domain_name"] = SECOND
    second["origin_id"] = "api-alb-secondary"
    v["origin"].append(second)
    v["origin_group"] = group({"api": api["origin_id"]})
    for b in v["ordered_cache_behavior"]:
        if b["path_pattern"] in ("/api/*", "/assets/*"):
            b["target_origin_id"] = "api-failover"


def edit_unknown(u):
    u["origin"].append(copy.deepcopy(u["origin"][1]))
    u["origin_group"] = [{"failover_criteria": [{"status_codes": [False] * 4}],
                          "member": [{}, {}]}]


for rc in plan["resource_changes"]:
    if rc["address"] == ADDR:
        edit_values(rc["change"]["after"])
        edit_unknown(rc["change"]["after_unknown"])


def planned(module):
    for r in module.get("resources", []):
        if r["address"] == ADDR:
            edit_values(r["values"])
    for child in module.get("child_modules", []):
        planned(child)


planned(plan["planned_values"]["root_module"])

web = plan["configuration"]["root_module"]["module_calls"]["web"]["module"]
for r in web["resources"]:
    if r["address"] == "aws_cloudfront_distribution.this":
        ex = r["expressions"]
        api = next(o for o in ex["origin"] if o.get("custom_origin_config"))
        second = copy.deepcopy(api)
        second["domain_name"] = {"constant_value": SECOND}
        second["origin_id"] = {"constant_value": "api-alb-secondary"}
        ex["origin"].append(second)
        ex["origin_group"] = [{
            "failover_criteria": [{"status_codes": {"constant_value": [500, 502, 503, 504]}}],
            "member": [{"origin_id": api["origin_id"]},
                       {"origin_id": {"constant_value": "api-alb-secondary"}}],
            "origin_id": {"constant_value": "api-failover"}}]
        for b in ex["ordered_cache_behavior"]:
            if b["path_pattern"].get("constant_value") in ("/api/*", "/assets/*"):
                b["target_origin_id"] = {"constant_value": "api-failover"}

os.makedirs("in", exist_ok=True)
text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "plan.json"), "w") as f:
    f.write(text + "\n")

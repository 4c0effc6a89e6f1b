#!/usr/bin/env python3
"""Writes in/envs/canary/plan.json and in/envs/production/plan.json.

One Terraform root per environment, both calling the same module, so both
plans hold module.cdn.aws_cloudfront_distribution.this (seed incident 1 in
its most common layout).  Derived from examples/alias-swap/broken/plan.json
(terraform show -json output): the canary root keeps the canary
distribution, unchanged; the production root creates the production
distribution with no aliases and moves the apex and www records to it.
Written compact, as `terraform show -json` prints.  Run from this folder;
the output is committed."""
import copy
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "broken", "plan.json")
plan = json.load(open(BASE))
MOD = "module.cdn"


def local(address):
    """aws_cloudfront_distribution.site["canary"] -> the module's own name."""
    if address.startswith("aws_cloudfront_distribution.site["):
        return "aws_cloudfront_distribution.this"
    return address


def in_module(res):
    res = copy.deepcopy(res)
    addr = local(res["address"])
    if addr == "aws_cloudfront_distribution.this":
        res["name"] = "this"
        res.pop("index", None)
    res["address"] = MOD + "." + addr
    return res


def root_plan(env):
    keep_dist = 'aws_cloudfront_distribution.site["%s"]' % env
    prod = env == "production"

    def wanted(address):
        if address.startswith("aws_cloudfront_distribution."):
            return address == keep_dist
        return prod  # records, bucket, OAC and policy live with production

    out = copy.deepcopy(plan)
    out["variables"]["stages"]["value"] = {env: plan["variables"]["stages"]["value"][env]}
    changes = []
    for rc in plan["resource_changes"]:
        if not wanted(rc["address"]):
            continue
        rc = in_module(rc)
        rc["module_address"] = MOD
        # module_address comes right after address in Terraform's output
        rc = dict([("address", rc.pop("address")), ("module_address", rc.pop("module_address"))] +
                  list(rc.items()))
        if rc["type"] == "aws_route53_record":
            change = rc["change"]
            change["actions"] = ["update"]
            after = change["after"]
            after["alias"][0].pop("name")
            after["alias"][0].pop("zone_id")
            change["after_unknown"] = {"alias": [{"name": True, "zone_id": True}]}
        changes.append(rc)
    out["resource_changes"] = changes

    def module_values(root):
        res = [in_module(r) for r in root.get("resources", []) if wanted(r["address"])]
        return {"child_modules": [{"resources": res, "address": MOD}]}

    out["planned_values"]["root_module"] = module_values(plan["planned_values"]["root_module"])
    out["planned_values"]["outputs"] = {}
    out["prior_state"]["values"]["root_module"] = module_values(
        plan["prior_state"]["values"]["root_module"])
    for r in out["planned_values"]["root_module"]["child_modules"][0]["resources"]:
        if r["type"] == "aws_route53_record":
            r["values"]["alias"][0].pop("name")
            r["values"]["alias"][0].pop("zone_id")
    out["output_changes"] = {}

    conf = plan["configuration"]["root_module"]
    resources = []
    for r in conf["resources"]:
        if r["address"] == "aws_cloudfront_distribution.site":
            r = copy.deepcopy(r)
            r["address"] = "aws_cloudfront_distribution.this"
            r["name"] = "this"
            r.pop("for_each_expression", None)
        elif not prod:
            continue
        r = json.loads(json.dumps(r).replace(
            'aws_cloudfront_distribution.site[\\"canary\\"]', "aws_cloudfront_distribution.this")
            .replace('aws_cloudfront_distribution.site[\\"production\\"]',
                     "aws_cloudfront_distribution.this")
            .replace('"aws_cloudfront_distribution.site"', '"aws_cloudfront_distribution.this"'))
        resources.append(r)
    out["configuration"]["root_module"] = {
        "module_calls": {"cdn": {
            "source": "../../modules/cdn",
            "expressions": {"stage": {"constant_value": env}},
            "module": {"resources": resources}}}}
    out["relevant_attributes"] = [
        {"resource": MOD + "." + local(a["resource"]), "attribute": a["attribute"]}
        for a in plan["relevant_attributes"] if wanted(a["resource"])]
    return out


for env in ("canary", "production"):
    d = os.path.join("in", "envs", env)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "plan.json"), "w") as f:
        json.dump(root_plan(env), f, separators=(",", ":"))
        f.write("\n")

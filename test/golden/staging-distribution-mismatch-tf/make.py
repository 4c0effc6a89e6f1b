#!/usr/bin/env python3
"""Writes in/plan.json: a staging distribution with a path its primary lacks.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output).  The canary becomes the staging distribution of
continuous deployment: staging = true, no aliases (viewers never reach a
staging distribution by name), and its canary.example.com record is gone;
it already has an extra /beta/* behavior (a copy of /api/*) that the new
production distribution lacks.  The plan creates
aws_cloudfront_continuous_deployment_policy.canary, which names the
canary's domain name (known: the canary exists), and production refers to
it in continuous_deployment_policy_id (unknown until the policy exists).
Both use HTTP/2 only, as continuous deployment requires.  Each change is
made in configuration, planned_values, resource_changes and prior_state,
as terraform writes them.  Written as terraform prints it: compact, with
<, > and & escaped.  Run from this folder; the output is committed."""
import copy
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


def rc(address):
    return next(r for r in plan["resource_changes"] if r["address"] == address)


def values(module, address):
    return next(r for r in module["resources"] if r["address"] == address)


def config(address):
    return values(plan["configuration"]["root_module"], address)


def planned(address):
    return values(plan["planned_values"]["root_module"], address)["values"]


def prior(address):
    return values(plan["prior_state"]["values"]["root_module"], address)["values"]


def every_view(address):
    """The distribution's values wherever terraform writes them: the
    change's after (and before, and prior_state, when it exists), and
    planned_values."""
    ch = rc(address)["change"]
    out = [ch["after"], planned(address)]
    if ch["before"] is not None:
        out += [ch["before"], prior(address)]
    return out


def write():
    os.makedirs("in", exist_ok=True)
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(os.path.join("in", "plan.json"), "w") as f:
        f.write(text + "\n")


def sensitive_views(address):
    """The same places' sensitive_values mirrors."""
    ch = rc(address)["change"]
    mod = plan["planned_values"]["root_module"]
    out = [ch["after_sensitive"], values(mod, address)["sensitive_values"]]
    if ch["before"] is not None:
        out += [ch["before_sensitive"],
                values(plan["prior_state"]["values"]["root_module"], address)["sensitive_values"]]
    return out


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"



POLICY = "aws_cloudfront_continuous_deployment_policy.canary"
RECORD = "aws_route53_record.canary"
DOMAIN = rc(CANARY)["change"]["after"]["domain_name"]

# the staging distribution: no aliases, HTTP/2, and a path of its own
for v in every_view(CANARY):
    v["staging"] = True
    v["aliases"] = []
    beta = copy.deepcopy(v["ordered_cache_behavior"][0])
    beta["path_pattern"] = "/beta/*"
    v["ordered_cache_behavior"].append(beta)
for s in sensitive_views(CANARY):
    s["aliases"] = []
    s["ordered_cache_behavior"].append(copy.deepcopy(s["ordered_cache_behavior"][0]))
e = config(CANARY)["expressions"]
del e["aliases"]
e["staging"] = {"constant_value": True}
beta = copy.deepcopy(e["ordered_cache_behavior"][0])
beta["path_pattern"] = {"constant_value": "/beta/*"}
e["ordered_cache_behavior"].append(beta)
config(CANARY)["expressions"] = dict(sorted(e.items()))
for address in (CANARY, PROD):
    for v in every_view(address):
        v["http_version"] = "http2"
    config(address)["expressions"]["http_version"] = {"constant_value": "http2"}

# the primary names the policy
e = config(PROD)["expressions"]
e["continuous_deployment_policy_id"] = {"references": [POLICY + ".id", POLICY]}
config(PROD)["expressions"] = dict(sorted(e.items()))

# no record for the staging distribution
plan["resource_changes"] = [r for r in plan["resource_changes"] if r["address"] != RECORD]
for m in (plan["planned_values"]["root_module"], plan["configuration"]["root_module"]):
    m["resources"] = [r for r in m["resources"] if r["address"] != RECORD]
plan["relevant_attributes"] = [
    a for a in plan["relevant_attributes"]
    if a != {"resource": CANARY, "attribute": ["hosted_zone_id"]}]

# the policy, created by this plan
after = {
    "enabled": True,
    "staging_distribution_dns_names": [{"items": [DOMAIN], "quantity": 1}],
    "traffic_config": [{"single_header_config": [], "single_weight_config": [
        {"session_stickiness_config": [], "weight": 0.05}], "type": "SingleWeight"}],
}
sensitive = {"staging_distribution_dns_names": [{"items": [False]}],
             "traffic_config": [{"single_header_config": [], "single_weight_config": [
                 {"session_stickiness_config": []}]}]}
unknown = {"etag": True, "id": True, "last_modified_time": True,
           "staging_distribution_dns_names": [{"items": [False]}],
           "traffic_config": [{"single_header_config": [], "single_weight_config": [
               {"session_stickiness_config": []}]}]}
plan["resource_changes"].insert(0, {
    "address": POLICY, "mode": "managed", "type": "aws_cloudfront_continuous_deployment_policy",
    "name": "canary", "provider_name": "registry.terraform.io/hashicorp/aws",
    "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
               "before_sensitive": False, "after_sensitive": sensitive}})
plan["planned_values"]["root_module"]["resources"].insert(0, {
    "address": POLICY, "mode": "managed", "type": "aws_cloudfront_continuous_deployment_policy",
    "name": "canary", "provider_name": "registry.terraform.io/hashicorp/aws",
    "schema_version": 0, "values": copy.deepcopy(after), "sensitive_values": copy.deepcopy(sensitive)})
plan["configuration"]["root_module"]["resources"].insert(0, {
    "address": POLICY, "mode": "managed", "type": "aws_cloudfront_continuous_deployment_policy",
    "name": "canary", "provider_config_key": "aws",
    "expressions": {
        "enabled": {"constant_value": True},
        "staging_distribution_dns_names": [{
            "items": {"references": [CANARY + ".domain_name", CANARY]},
            "quantity": {"constant_value": 1}}],
        "traffic_config": [{"single_weight_config": [{"weight": {"constant_value": 0.05}}],
                            "type": {"constant_value": "SingleWeight"}}]},
    "schema_version": 0})
write()

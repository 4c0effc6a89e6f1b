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
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import config, every_view, rc, sensitive_views, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"


POLICY = "aws_cloudfront_continuous_deployment_policy.canary"
RECORD = "aws_route53_record.canary"
DOMAIN = rc(plan, CANARY)["change"]["after"]["domain_name"]

# the staging distribution: no aliases, HTTP/2, and a path of its own
for v in every_view(plan, CANARY):
    v["staging"] = True
    v["aliases"] = []
    beta = copy.deepcopy(v["ordered_cache_behavior"][0])
    beta["path_pattern"] = "/beta/*"
    v["ordered_cache_behavior"].append(beta)
for s in sensitive_views(plan, CANARY):
    s["aliases"] = []
    s["ordered_cache_behavior"].append(copy.deepcopy(s["ordered_cache_behavior"][0]))
e = config(plan, CANARY)["expressions"]
del e["aliases"]
e["staging"] = {"constant_value": True}
beta = copy.deepcopy(e["ordered_cache_behavior"][0])
beta["path_pattern"] = {"constant_value": "/beta/*"}
e["ordered_cache_behavior"].append(beta)
config(plan, CANARY)["expressions"] = dict(sorted(e.items()))
for address in (CANARY, PROD):
    for v in every_view(plan, address):
        v["http_version"] = "http2"
    config(plan, address)["expressions"]["http_version"] = {"constant_value": "http2"}

# the primary names the policy
e = config(plan, PROD)["expressions"]
e["continuous_deployment_policy_id"] = {"references": [POLICY + ".id", POLICY]}
config(plan, PROD)["expressions"] = dict(sorted(e.items()))

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
write(plan)

#!/usr/bin/env python3
"""Writes a `terraform show -json` plan with N distributions, each with 20
ordered cache behaviors and a Route 53 alias record, among other
resources, as an estate with one distribution per service looks.  Derived
from examples/missing-auth-behavior/broken/plan.json (its distribution and
its records: each distribution lacks /auth/*, one finding each), written compact as Terraform prints it.

usage: many_dists.py N OUT"""
import copy
import json
import os
import sys

n, out = int(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
seed = json.load(open(os.path.join(here, "..", "..", "examples", "missing-auth-behavior",
                                   "broken", "plan.json")))
dist = next(r for r in seed["resource_changes"] if r["type"] == "aws_cloudfront_distribution")
rec = next(r for r in seed["resource_changes"] if r["type"] == "aws_route53_record")
others = [r for r in seed["resource_changes"]
          if r["type"] not in ("aws_cloudfront_distribution", "aws_route53_record")]
after = dist["change"]["after"]
model_beh = after["ordered_cache_behavior"][0]
changes = []
for i in range(n):
    host = "svc%d.example.com" % i
    d = copy.deepcopy(dist)
    d["address"] = 'module.svc["%d"].aws_cloudfront_distribution.this' % i
    d["module_address"] = 'module.svc["%d"]' % i
    a = d["change"]["after"]
    a["aliases"] = [host]
    a["id"] = "E%013d" % i
    a["domain_name"] = "d%013d.cloudfront.net" % i
    a["arn"] = "arn:aws:cloudfront::123456789012:distribution/" + a["id"]
    a["caller_reference"] = "terraform-2025061109%016d" % i
    behs = [b for b in a["ordered_cache_behavior"]]
    k = 0
    while len(behs) < 20:
        b = copy.deepcopy(model_beh)
        b["path_pattern"] = "/static%d/*" % k
        k += 1
        behs.append(b)
    a["ordered_cache_behavior"] = behs
    d["change"]["before"] = copy.deepcopy(a)
    d["change"]["actions"] = ["no-op"]
    changes.append(d)
    r = copy.deepcopy(rec)
    r["address"] = 'module.svc["%d"].aws_route53_record.this' % i
    r["module_address"] = 'module.svc["%d"]' % i
    ra = r["change"]["after"]
    ra["name"] = host
    ra["fqdn"] = host
    ra["alias"] = [{"evaluate_target_health": False, "name": a["domain_name"],
                    "zone_id": "Z2FDTNDATAQYW2"}]
    r["change"]["before"] = copy.deepcopy(ra)
    r["change"]["actions"] = ["no-op"]
    r["change"]["after_unknown"] = {}
    changes.append(r)
    for o in others:
        o = copy.deepcopy(o)
        o["address"] = 'module.svc["%d"].%s' % (i, o["address"])
        changes.append(o)
plan = dict(seed)
plan["resource_changes"] = changes
plan["planned_values"] = {"root_module": {}}
plan["prior_state"] = {"format_version": seed["format_version"], "values": {"root_module": {}}}
plan["configuration"] = {"root_module": {}}
plan.pop("relevant_attributes", None)
with open(out, "w") as fh:
    json.dump(plan, fh, separators=(",", ":"))
    fh.write("\n")

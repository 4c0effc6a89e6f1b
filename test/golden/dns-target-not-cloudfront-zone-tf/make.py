#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py, from
examples/missing-auth-behavior/fixed) in which the AAAA alias records
(aws_route53_record.alias_ipv6, count over local.hostnames) are new in
this plan (create) and their alias block takes zone_id from the domain's
own zone, aws_route53_zone.main.zone_id, instead of the distribution's
hosted_zone_id.  Route 53 rejects both with InvalidChangeBatch, so
dns-target-not-cloudfront-zone fires twice; the A records, in state with
Z2FDTNDATAQYW2, pass.  Written as terraform prints a create: before null,
the computed fqdn and id left to apply.  Run from this folder; the output
is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

plan = tfbase.load()
ADDR = "aws_route53_record.alias_ipv6"


def as_create(values):
    v = dict(values)
    for k in ("fqdn", "id"):
        v.pop(k)
    v["alias"] = [dict(values["alias"][0], zone_id=tfbase.ZONE_ID)]
    v.update(health_check_id=None, multivalue_answer_routing_policy=None, records=None,
             set_identifier=None, ttl=None)
    return v


prior = plan["prior_state"]["values"]["root_module"]["resources"]
prior[:] = [r for r in prior if not r["address"].startswith(ADDR + "[")]
for r in plan["planned_values"]["root_module"]["resources"]:
    if r["address"].startswith(ADDR + "["):
        r["values"] = as_create(r["values"])
        r["sensitive_values"] = {"alias": [{}], "cidr_routing_policy": [],
                                 "failover_routing_policy": [],
                                 "geolocation_routing_policy": [],
                                 "geoproximity_routing_policy": [],
                                 "latency_routing_policy": [],
                                 "weighted_routing_policy": []}
for rc in plan["resource_changes"]:
    if rc["address"].startswith(ADDR + "["):
        ch = rc["change"]
        after = as_create(ch["after"])
        ch.update(actions=["create"], before=None, after=after,
                  after_unknown={"alias": [{}], "cidr_routing_policy": [],
                                 "failover_routing_policy": [], "fqdn": True,
                                 "geolocation_routing_policy": [],
                                 "geoproximity_routing_policy": [], "id": True,
                                 "latency_routing_policy": [], "weighted_routing_policy": []},
                  before_sensitive=False)
tfbase.config_resource(plan, ADDR)["expressions"]["alias"][0]["zone_id"] = {
    "references": ["aws_route53_zone.main.zone_id", "aws_route53_zone.main"]}
tfbase.write(plan, "in/plan.json")

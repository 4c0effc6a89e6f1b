#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py) with one
more record to create, aws_route53_record.apex_cname: a CNAME example.com
(the apex of the zone example.com in the plan) to the distribution's
domain.  cname-at-apex fires for it (Route 53 refuses a CNAME at the
apex) and passes for the CNAME docs.example.com.  Run from this folder;
the output is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

plan = tfbase.load()
values = tfbase.record_values("example.com", "CNAME", records=[tfbase.DIST_DOMAIN], ttl=300)
unknown = {"fqdn": True, "id": True}
for k in unknown:
    values.pop(k)
after = dict(values)
sens = tfbase.sensitive_of(after)
plan["planned_values"]["root_module"]["resources"].append({
    "address": "aws_route53_record.apex_cname", "mode": "managed",
    "type": "aws_route53_record", "name": "apex_cname", "provider_name": tfbase.PROVIDER,
    "schema_version": 2, "values": after, "sensitive_values": sens})
plan["resource_changes"].append({
    "address": "aws_route53_record.apex_cname", "mode": "managed",
    "type": "aws_route53_record", "name": "apex_cname", "provider_name": tfbase.PROVIDER,
    "change": {"actions": ["create"], "before": None, "after": after,
               "after_unknown": dict(unknown, alias=[], cidr_routing_policy=[],
                                     failover_routing_policy=[],
                                     geolocation_routing_policy=[],
                                     geoproximity_routing_policy=[],
                                     latency_routing_policy=[], records=[False],
                                     weighted_routing_policy=[]),
               "before_sensitive": False, "after_sensitive": sens}})
plan["configuration"]["root_module"]["resources"].append({
    "address": "aws_route53_record.apex_cname", "mode": "managed",
    "type": "aws_route53_record", "name": "apex_cname", "provider_config_key": "aws",
    "expressions": {"name": {"references": ["var.domain_name"]},
                    "records": {"references": ["module.web.distribution_domain_name",
                                               "module.web"]},
                    "ttl": {"constant_value": 300}, "type": {"constant_value": "CNAME"},
                    "zone_id": {"references": ["aws_route53_zone.main.zone_id",
                                               "aws_route53_zone.main"]}},
    "schema_version": 2})
tfbase.write(plan, "in/plan.json")

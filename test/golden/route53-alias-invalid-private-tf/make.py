#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py) whose hosted
zone example.com, in state and unchanged, is private (a vpc block).
route53-alias-invalid fires for the four CloudFront alias records in it
(Route 53 creates no CloudFront alias in a private zone); the CNAME
docs.example.com is no alias and passes.  Run from this folder; the output
is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

VPC = [{"vpc_id": "vpc-0c1e2a3b4d5f60718", "vpc_region": "us-east-1"}]
plan = tfbase.load()
for rc in plan["resource_changes"]:
    if rc["address"] == "aws_route53_zone.main":
        rc["change"]["before"]["vpc"] = VPC
        rc["change"]["before_sensitive"]["vpc"] = [{}]
        rc["change"]["after_sensitive"]["vpc"] = [{}]
tfbase.each_resource(plan, "aws_route53_zone.main", lambda v: v.update(vpc=VPC))
for r in plan["prior_state"]["values"]["root_module"]["resources"]:
    if r["address"] == "aws_route53_zone.main":
        r["values"]["vpc"] = VPC
        r["sensitive_values"]["vpc"] = [{}]
for r in plan["planned_values"]["root_module"]["resources"]:
    if r["address"] == "aws_route53_zone.main":
        r["sensitive_values"]["vpc"] = [{}]
tfbase.config_resource(plan, "aws_route53_zone.main")["expressions"]["vpc"] = [
    {"vpc_id": {"constant_value": "vpc-0c1e2a3b4d5f60718"}}]
tfbase.write(plan, "in/plan.json")

#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py) whose AAAA
alias records (count over local.hostnames) change evaluate_target_health
to true, an update as terraform plans it (before false, after true).
route53-alias-invalid fires for both AAAA records (Route 53 refuses
EvaluateTargetHealth true for a CloudFront target) and passes for the
unchanged A records.  Run from this folder; the output is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

plan = tfbase.load()
for i in range(2):
    addr = "aws_route53_record.alias_ipv6[%d]" % i
    tfbase.each_resource(plan, addr, lambda v: v["alias"][0].update(evaluate_target_health=True))
    tfbase.set_action_update(plan, addr)
tfbase.config_resource(plan, "aws_route53_record.alias_ipv6")["expressions"]["alias"][0][
    "evaluate_target_health"] = {"constant_value": True}
tfbase.write(plan, "in/plan.json")

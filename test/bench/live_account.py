#!/usr/bin/env python3
"""Writes a live account of N distributions and one Route 53 zone with N
alias records to them: `aws cloudfront list-distributions` and `aws route53
list-resource-record-sets` as the AWS CLI v2 prints them (4-space indent),
in the shapes examples/live-alias-swap/make.py writes.

usage: live_account.py N LIVE_OUT RECORDS_OUT"""
import importlib.util
import json
import os
import sys

n, live_out, rec_out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "make_live", os.path.join(here, "..", "..", "examples", "live-alias-swap", "make.py"))
src = open(spec.origin).read()
# only the definitions: make.py writes its files when run as a script
defs = src.split("\nfor variant, ", 1)[0]
ns = {"__file__": spec.origin}
exec(compile(defs, spec.origin, "exec"), ns)
items, sets = [], []
for i in range(n):
    did = "E%013d" % i
    domain = "d%013d.cloudfront.net" % i
    host = "svc%d.example.com" % i
    items.append(ns["distribution_summary"](did, domain, [host], "service %d" % i,
                                            "2025-06-11T09:00:00.000000+00:00"))
    sets.append({"Name": host + ".", "Type": "A", "AliasTarget": {
        "HostedZoneId": "Z2FDTNDATAQYW2", "DNSName": domain + ".",
        "EvaluateTargetHealth": False}})
with open(live_out, "w") as fh:
    json.dump({"DistributionList": {"Items": items}}, fh, indent=4)
    fh.write("\n")
with open(rec_out, "w") as fh:
    json.dump({"ResourceRecordSets": sets}, fh, indent=4)
    fh.write("\n")

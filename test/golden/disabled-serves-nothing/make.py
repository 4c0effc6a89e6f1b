#!/usr/bin/env python3
"""Writes in/live.json and in/records.json: DNS moved to a distribution
while the one that still holds the hosts is disabled.

Derived from examples/live-alias-swap/broken (the exact shapes `aws
cloudfront list-distributions` and `aws route53 list-resource-record-sets`
print, AWS CLI v2, 4-space indent): the canary distribution E2YUNNT9WRCDXG
still holds example.com and www.example.com but is disabled, and the
records now point at the production distribution E3PRODQ7WDLX2K, which
has no aliases.  A disabled distribution serves nothing, so the hosts get
403 from CloudFront: the report must say no distribution serves them, not
that the canary does.  Run from this folder; the output is committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "live-alias-swap", "broken")
live = json.load(open(os.path.join(BASE, "live.json")))
records = json.load(open(os.path.join(BASE, "records.json")))

for item in live["DistributionList"]["Items"]:
    if item["Id"] == "E2YUNNT9WRCDXG":
        item["Enabled"] = False
for rr in records["ResourceRecordSets"]:
    target = rr.get("AliasTarget")
    if target and target["DNSName"] == "d3beird0wclbhu.cloudfront.net.":
        target["DNSName"] = "d1prod4n8xk2ql.cloudfront.net."

os.makedirs("in", exist_ok=True)
for name, doc in (("live.json", live), ("records.json", records)):
    with open(os.path.join("in", name), "w") as f:
        f.write(json.dumps(doc, indent=4) + "\n")

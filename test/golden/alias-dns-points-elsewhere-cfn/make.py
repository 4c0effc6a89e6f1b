#!/usr/bin/env python3
"""Writes in/live.json and in/records.json from live-dns-switched: the
`aws cloudfront list-distributions` output reduced to the production
distribution E3PRODQ7WDLX2K (which holds no alias any more), and the
`aws route53 list-resource-record-sets` output as it is (example.com and
www.example.com still alias to E3PRODQ7WDLX2K's d1prod4n8xk2ql.cloudfront.net).
Written as the AWS CLI prints JSON: indent 4.  Run from this folder; the
output is committed."""
import json
import os

SRC = os.path.join("..", "live-dns-switched", "in")
live = json.load(open(os.path.join(SRC, "live.json")))
live["DistributionList"]["Items"] = [i for i in live["DistributionList"]["Items"]
                                     if i["Id"] == "E3PRODQ7WDLX2K"]
os.makedirs("in", exist_ok=True)
for name, doc in (("live.json", live),
                  ("records.json", json.load(open(os.path.join(SRC, "records.json"))))):
    with open(os.path.join("in", name), "w") as f:
        f.write(json.dumps(doc, indent=4, ensure_ascii=False) + "\n")

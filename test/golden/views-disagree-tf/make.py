#!/usr/bin/env python3
"""Writes in/state-2025-10-09.json and in/state-2025-09-30.json: two
`terraform show -json` exports of one state, taken by a nightly job before
and after www.example.com was added to aws_cloudfront_distribution.website.

The newer export is state-show-json/in/plan.json as it is.  The older one
is the same state as it was on 2025-09-30: the website distribution held
example.com alone (its last_modified_time and etag earlier), and
aws_route53_record.www did not exist yet.  module.assets is the same in
both.  Written as terraform prints it: compact, with <, > and & escaped.
Run from this folder; the output is committed."""
import copy
import json
import os

BASE = os.path.join("..", "state-show-json", "in", "plan.json")


def write(state, path):
    text = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(path, "w") as f:
        f.write(text + "\n")


new = json.load(open(BASE))
old = copy.deepcopy(new)
root = old["values"]["root_module"]
root["resources"] = [r for r in root["resources"] if r["address"] != "aws_route53_record.www"]
for r in root["resources"]:
    if r["address"] == "aws_cloudfront_distribution.website":
        r["values"]["aliases"] = ["example.com"]
        r["sensitive_values"]["aliases"] = [False]
        r["values"]["last_modified_time"] = "2025-09-30 16:02:51.417 +0000 UTC"
        r["values"]["etag"] = "E3UN6WX5RRO2AG"
os.makedirs("in", exist_ok=True)
write(new, os.path.join("in", "state-2025-10-09.json"))
write(old, os.path.join("in", "state-2025-09-30.json"))

#!/usr/bin/env python3
"""Writes in/state.json: state-show-json's `terraform show -json` state in
which the S3-only distribution module.assets.aws_cloudfront_distribution.this
answers 403 and 404 with /index.html and status 200 (the single-page-app
fallback: custom_error_response blocks, with their sensitive_values
mirror).  It has no API behind it, so error-page-masks-api passes.
Compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import json
import os

BASE = os.path.join("..", "state-show-json", "in", "plan.json")
state = json.load(open(BASE))
for mod in state["values"]["root_module"]["child_modules"]:
    for r in mod["resources"]:
        if r["address"] == "module.assets.aws_cloudfront_distribution.this":
            r["values"]["custom_error_response"] = [
                {"error_caching_min_ttl": 10, "error_code": code, "response_code": 200,
                 "response_page_path": "/index.html"} for code in (403, 404)]
            r["sensitive_values"]["custom_error_response"] = [{}, {}]
os.makedirs("in", exist_ok=True)
text = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
with open(os.path.join("in", "state.json"), "w") as f:
    f.write(text + "\n")

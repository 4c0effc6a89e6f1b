#!/usr/bin/env python3
"""Writes in/eu-west-1-cert/plan.json and in/default-cert/plan.json.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output), which passes both certificate rules (an ACM certificate in
us-east-1).  eu-west-1-cert: the variable acm_certificate_arn names a
certificate in eu-west-1, as a stack that creates its certificate in its
own region does (acm-certificate-not-us-east-1 fires).  default-cert: the
viewer certificate is the default *.cloudfront.net one while the aliases
stay, as in the Terraform registry's first example
(aliases-with-default-certificate fires).  Written as terraform prints it:
compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
ADDR = "module.web.aws_cloudfront_distribution.this"
US = "arn:aws:acm:us-east-1:123456789012:certificate/65897611-0c39-4a03-bb51-a0310e730ed8"
EU = "arn:aws:acm:eu-west-1:123456789012:certificate/65897611-0c39-4a03-bb51-a0310e730ed8"


def each_dist(plan, fn):
    for rc in plan["resource_changes"]:
        if rc["address"] == ADDR:
            fn(rc["change"]["after"]["viewer_certificate"][0])

    def walk(m):
        for r in m.get("resources", []):
            if r["address"] == ADDR:
                fn(r["values"]["viewer_certificate"][0])
        for c in m.get("child_modules", []):
            walk(c)
    walk(plan["planned_values"]["root_module"])


def write(name, plan):
    os.makedirs(os.path.join("in", name), exist_ok=True)
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(os.path.join("in", name, "plan.json"), "w") as f:
        f.write(text + "\n")


raw = open(BASE).read()
assert US in raw
write("eu-west-1-cert", json.loads(raw.replace(US, EU)))


def default_cert(vc):
    vc.update({"acm_certificate_arn": "", "cloudfront_default_certificate": True,
               "minimum_protocol_version": "TLSv1", "ssl_support_method": ""})


plan = json.loads(raw)
each_dist(plan, default_cert)
web = plan["configuration"]["root_module"]["module_calls"]["web"]["module"]
for r in web["resources"]:
    if r["address"] == "aws_cloudfront_distribution.this":
        r["expressions"]["viewer_certificate"] = [
            {"cloudfront_default_certificate": {"constant_value": True}}]
write("default-cert", plan)

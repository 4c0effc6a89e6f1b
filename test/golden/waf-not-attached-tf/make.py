#!/usr/bin/env python3
"""Writes in/plan.json: a distribution without a WAF web ACL.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output, both distributions use var.web_acl_arn).  The canary's
web_acl_id is not set ("" as the provider prints it; before this plan
too), in configuration, planned_values, resource_changes and prior_state.
Written as terraform prints it: compact, with <, > and & escaped.  Run
from this folder; the output is committed."""
import copy
import json
import os

BASE = os.path.join("..", "..", "..", "examples", "dns-to-wrong-distribution", "fixed", "plan.json")
plan = json.load(open(BASE))


def rc(address):
    return next(r for r in plan["resource_changes"] if r["address"] == address)


def values(module, address):
    return next(r for r in module["resources"] if r["address"] == address)


def config(address):
    return values(plan["configuration"]["root_module"], address)


def planned(address):
    return values(plan["planned_values"]["root_module"], address)["values"]


def prior(address):
    return values(plan["prior_state"]["values"]["root_module"], address)["values"]


def every_view(address):
    """The distribution's values wherever terraform writes them: the
    change's after (and before, and prior_state, when it exists), and
    planned_values."""
    ch = rc(address)["change"]
    out = [ch["after"], planned(address)]
    if ch["before"] is not None:
        out += [ch["before"], prior(address)]
    return out


def write():
    os.makedirs("in", exist_ok=True)
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(os.path.join("in", "plan.json"), "w") as f:
        f.write(text + "\n")


def sensitive_views(address):
    """The same places' sensitive_values mirrors."""
    ch = rc(address)["change"]
    mod = plan["planned_values"]["root_module"]
    out = [ch["after_sensitive"], values(mod, address)["sensitive_values"]]
    if ch["before"] is not None:
        out += [ch["before_sensitive"],
                values(plan["prior_state"]["values"]["root_module"], address)["sensitive_values"]]
    return out


CANARY = "aws_cloudfront_distribution.canary"
PROD = "aws_cloudfront_distribution.production"



for v in every_view(CANARY):
    v["web_acl_id"] = ""
del config(CANARY)["expressions"]["web_acl_id"]
write()

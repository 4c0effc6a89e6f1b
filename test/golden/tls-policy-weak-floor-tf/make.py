#!/usr/bin/env python3
"""Writes in/plan.json: a viewer TLS policy below the configured floor.

Derived from examples/dns-to-wrong-distribution/fixed/plan.json (terraform
show -json output).  The canary's minimum_protocol_version becomes
TLSv1.2_2019 (before this plan too) and the new production distribution's
TLSv1.2_2025, in configuration, planned_values and resource_changes;
in/.edgegate.yml sets tls_floor TLSv1.2_2021.  Written as terraform prints
it: compact, with <, > and & escaped.  Run from this folder; the output is
committed."""
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



def policy(address, value):
    for v in every_view(address):
        v["viewer_certificate"][0]["minimum_protocol_version"] = value
    config(address)["expressions"]["viewer_certificate"][0]["minimum_protocol_version"] = {
        "constant_value": value}


policy(CANARY, "TLSv1.2_2019")
policy(PROD, "TLSv1.2_2025")
os.makedirs("in", exist_ok=True)
with open(os.path.join("in", ".edgegate.yml"), "w") as f:
    f.write("tls_floor: TLSv1.2_2021\n")
write()

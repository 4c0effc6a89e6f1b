#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py, from
examples/missing-auth-behavior/fixed) whose distribution also holds the
wildcard alias *.example.com (the module's aliases now come from
local.distribution_aliases, the hostnames plus the wildcard; already in
state, so before and after agree), with its ACM certificate in the plan
naming example.com, *.example.com and *.docs.example.com, and two CNAME
records two labels deep that point at the distribution's domain name:

  eu.docs.example.com   covered by *.docs.example.com: passes
  shop.eu.example.com   *.example.com covers one label only: fires

Both are unchanged resources in state (no-op), as terraform prints them.
Run from this folder; the output is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

ALIASES = ["example.com", "www.example.com", "*.example.com"]
NAMES = ["example.com", "*.example.com", "*.docs.example.com"]

plan = tfbase.load()


def every_copy(plan, address, fn):
    """fn(values, sensitive) on each copy terraform prints of a resource."""
    for rc in plan["resource_changes"]:
        if rc["address"] == address:
            for side in ("before", "after"):
                fn(rc["change"][side], rc["change"][side + "_sensitive"])
            if "aliases" in rc["change"]["after_unknown"]:
                rc["change"]["after_unknown"]["aliases"] = [False] * len(ALIASES)

    def walk(m):
        for r in m.get("resources", []):
            if r["address"] == address:
                fn(r["values"], r["sensitive_values"])
        for c in m.get("child_modules", []):
            walk(c)
    walk(plan["planned_values"]["root_module"])
    walk(plan["prior_state"]["values"]["root_module"])


def set_aliases(values, sens):
    values["aliases"] = list(ALIASES)
    sens["aliases"] = [False] * len(ALIASES)


def set_names(values, sens):
    opts = values["domain_validation_options"]
    apex = opts[0]
    values["domain_validation_options"] = [
        dict(apex, domain_name="*.docs.example.com",
             resource_record_name="_1f0b7d3e9a6c42e8b5d2c7a4f9e1b036.docs.example.com.",
             resource_record_value="_7e2a9c4f1b8d46a3b0e5d9c2f6a1e4b8.mhbtsbpdnt.acm-validations.aws."),
        # a wildcard validates with the record of the name under it
        dict(apex, domain_name="*.example.com"),
        apex,
    ]
    values["subject_alternative_names"] = sorted(NAMES)
    sens["domain_validation_options"] = [{} for _ in NAMES]
    sens["subject_alternative_names"] = [False] * len(NAMES)


every_copy(plan, tfbase.DIST, set_aliases)
every_copy(plan, "aws_acm_certificate.site", set_names)
plan["configuration"]["root_module"]["module_calls"]["web"]["expressions"]["aliases"] = {
    "references": ["local.distribution_aliases"]}
tfbase.config_resource(plan, "aws_acm_certificate.site")["expressions"][
    "subject_alternative_names"] = {"references": ["local.certificate_names"]}
for name in ("eu.docs.example.com", "shop.eu.example.com"):
    res = name.split(".")[0] + "_" + name.split(".")[1]
    tfbase.add_noop(plan, "aws_route53_record", res,
                    tfbase.record_values(name, "CNAME", records=[tfbase.DIST_DOMAIN], ttl=300),
                    {"name": {"constant_value": name},
                     "records": {"references": ["module.web.distribution_domain_name",
                                                "module.web"]},
                     "ttl": {"constant_value": 300}, "type": {"constant_value": "CNAME"},
                     "zone_id": {"references": ["aws_route53_zone.main.zone_id",
                                                "aws_route53_zone.main"]}})
tfbase.write(plan, "in/plan.json")

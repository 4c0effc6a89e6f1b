"""Shared by the make.py of the dns-rules and certificate-alias Terraform
cases: a plan that passes certificate-not-covering-alias,
route53-alias-invalid, cname-at-apex, ipv6-without-aaaa and
alias-invalid-format, derived from
examples/missing-auth-behavior/fixed/plan.json (terraform show -json).

To that real plan it adds, as terraform would print resources already in
state and unchanged (no-op: configuration, planned_values, prior_state,
resource_changes): the ACM certificate the distribution uses (example.com
and www.example.com), the public hosted zone example.com, AAAA alias
records next to the A records (the distribution has IPv6 enabled), and a
CNAME docs.example.com.  Variants change it in place and write it
compact, with <, > and & escaped, as terraform does."""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "..", "..", "examples", "missing-auth-behavior", "fixed",
                    "plan.json")
CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/65897611-0c39-4a03-bb51-a0310e730ed8"
ZONE_ID = "Z06183512U2C4HBFH4LXS"
DIST = "module.web.aws_cloudfront_distribution.this"
DIST_DOMAIN = "dzhc2kbvxetvpr.cloudfront.net"
PROVIDER = "registry.terraform.io/hashicorp/aws"


def sensitive_of(values):
    """after_sensitive / sensitive_values: the shape of lists and blocks."""
    out = {}
    for k, v in values.items():
        if isinstance(v, list):
            out[k] = [sensitive_of(i) if isinstance(i, dict) else False for i in v] \
                if any(isinstance(i, dict) for i in v) else [False] * 0
        elif isinstance(v, dict):
            out[k] = {}
    return out


def add_noop(plan, rtype, name, values, expressions, index=None, provider_key="aws",
             extra_config=None):
    address = "%s.%s" % (rtype, name) + ("" if index is None else "[%d]" % index)
    base = {"address": address, "mode": "managed", "type": rtype, "name": name}
    if index is not None:
        base["index"] = index
    base["provider_name"] = PROVIDER
    sens = sensitive_of(values)
    pv = dict(base, schema_version=0 if rtype != "aws_route53_record" else 2,
              values=values, sensitive_values=sens)
    plan["planned_values"]["root_module"]["resources"].append(copy.deepcopy(pv))
    plan["prior_state"]["values"]["root_module"]["resources"].append(copy.deepcopy(pv))
    rc = dict(base, change={"actions": ["no-op"], "before": copy.deepcopy(values),
                            "after": copy.deepcopy(values), "after_unknown": {},
                            "before_sensitive": sens, "after_sensitive": sens})
    plan["resource_changes"].append(rc)
    conf = [r for r in plan["configuration"]["root_module"]["resources"]
            if r["address"] == "%s.%s" % (rtype, name)]
    if not conf:
        c = {"address": "%s.%s" % (rtype, name), "mode": "managed", "type": rtype,
             "name": name, "provider_config_key": provider_key, "expressions": expressions,
             "schema_version": pv["schema_version"]}
        if extra_config:
            c.update(extra_config)
        plan["configuration"]["root_module"]["resources"].append(c)
    return address


def record_values(name, rtype, alias=None, records=None, ttl=0):
    return {"alias": [alias] if alias else [], "allow_overwrite": None,
            "cidr_routing_policy": [], "failover_routing_policy": [], "fqdn": name,
            "geolocation_routing_policy": [], "geoproximity_routing_policy": [],
            "health_check_id": "", "id": "%s_%s_%s" % (ZONE_ID, name, rtype),
            "latency_routing_policy": [], "multivalue_answer_routing_policy": False,
            "name": name, "records": records or [], "set_identifier": "", "timeouts": None,
            "ttl": ttl, "type": rtype, "weighted_routing_policy": [], "zone_id": ZONE_ID}


def cf_alias(eth=False, zone="Z2FDTNDATAQYW2"):
    return {"evaluate_target_health": eth, "name": DIST_DOMAIN, "zone_id": zone}


def aaaa_expressions(count):
    return {"alias": [{"evaluate_target_health": {"constant_value": False},
                       "name": {"references": ["module.web.distribution_domain_name",
                                               "module.web"]},
                       "zone_id": {"references": ["module.web.distribution_hosted_zone_id",
                                                  "module.web"]}}],
            "name": {"references": ["local.hostnames", "count.index"]} if count
            else {"references": ["var.domain_name"]},
            "type": {"constant_value": "AAAA"},
            "zone_id": {"references": ["aws_route53_zone.main.zone_id",
                                       "aws_route53_zone.main"]}}


def load(aaaa_hosts=None, sans=("example.com", "www.example.com")):
    """aaaa_hosts: None for an AAAA alias per host (count over
    local.hostnames), else the apex alone (aws_route53_record.apex_ipv6)."""
    plan = json.load(open(BASE))
    add_noop(plan, "aws_acm_certificate", "site", {
        "arn": CERT_ARN, "certificate_authority_arn": "", "certificate_body": None,
        "certificate_chain": None, "domain_name": "example.com",
        "domain_validation_options": [
            {"domain_name": "example.com",
             "resource_record_name": "_5d1c3e0ab2f44c8b9e27a6f0d3c18e42.example.com.",
             "resource_record_type": "CNAME",
             "resource_record_value": "_8b3f6e1d9c2a47e5b0f4d7a2c6e9b1f3.mhbtsbpdnt.acm-validations.aws."},
            {"domain_name": "www.example.com",
             "resource_record_name": "_a4e7c2f90d1b4e36a8c5f1b7d2e09c64.www.example.com.",
             "resource_record_type": "CNAME",
             "resource_record_value": "_2c9d4f7a1e6b43d8b5a0e3f6c9d2a7b1.mhbtsbpdnt.acm-validations.aws."}
        ][:len(sans)],
        "early_renewal_duration": "", "id": CERT_ARN, "key_algorithm": "RSA_2048",
        "not_after": "2027-06-14T23:59:59Z", "not_before": "2026-05-16T00:00:00Z",
        "options": [{"certificate_transparency_logging_preference": "ENABLED"}],
        "pending_renewal": False, "private_key": None, "renewal_eligibility": "ELIGIBLE",
        "renewal_summary": [], "status": "ISSUED",
        "subject_alternative_names": list(sans), "tags": {},
        "tags_all": {}, "type": "AMAZON_ISSUED", "validation_emails": [],
        "validation_method": "DNS", "validation_option": []},
        {"domain_name": {"references": ["var.domain_name"]},
         "subject_alternative_names": {"references": ["var.domain_name"]},
         "validation_method": {"constant_value": "DNS"}}, provider_key="aws.us_east_1")
    add_noop(plan, "aws_route53_zone", "main", {
        "arn": "arn:aws:route53:::hostedzone/" + ZONE_ID, "comment": "Managed by Terraform",
        "delegation_set_id": "", "force_destroy": False, "id": ZONE_ID,
        "name": "example.com",
        "name_servers": ["ns-1156.awsdns-16.org", "ns-1742.awsdns-25.co.uk",
                         "ns-297.awsdns-37.com", "ns-826.awsdns-39.net"],
        "primary_name_server": "ns-297.awsdns-37.com", "tags": {}, "tags_all": {},
        "vpc": [], "zone_id": ZONE_ID},
        {"name": {"references": ["var.domain_name"]}})
    if aaaa_hosts is None:
        for i, host in enumerate(["example.com", "www.example.com"]):
            add_noop(plan, "aws_route53_record", "alias_ipv6",
                     record_values(host, "AAAA", alias=cf_alias()), aaaa_expressions(True),
                     index=i, extra_config={"count_expression": {"references": ["local.hostnames"]}})
    else:
        add_noop(plan, "aws_route53_record", "apex_ipv6",
                 record_values("example.com", "AAAA", alias=cf_alias()), aaaa_expressions(False))
    add_noop(plan, "aws_route53_record", "docs",
             record_values("docs.example.com", "CNAME", records=["acme-docs.readthedocs.io"],
                           ttl=300),
             {"name": {"constant_value": "docs.example.com"},
              "records": {"constant_value": ["acme-docs.readthedocs.io"]},
              "ttl": {"constant_value": 300}, "type": {"constant_value": "CNAME"},
              "zone_id": {"references": ["aws_route53_zone.main.zone_id",
                                         "aws_route53_zone.main"]}})
    return plan


def each_resource(plan, address, fn):
    """fn(values) on every copy terraform prints of the resource's new values."""
    for rc in plan["resource_changes"]:
        if rc["address"] == address:
            fn(rc["change"]["after"])

    def walk(m):
        for r in m.get("resources", []):
            if r["address"] == address:
                fn(r["values"])
        for c in m.get("child_modules", []):
            walk(c)
    walk(plan["planned_values"]["root_module"])


def set_action_update(plan, address):
    for rc in plan["resource_changes"]:
        if rc["address"] == address and rc["change"]["actions"] == ["no-op"]:
            rc["change"]["actions"] = ["update"]


def config_resource(plan, address):
    for r in plan["configuration"]["root_module"]["resources"]:
        if r["address"] == address:
            return r
    raise KeyError(address)


def write(plan, path):
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(path, "w") as f:
        f.write(text + "\n")

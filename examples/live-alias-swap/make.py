#!/usr/bin/env python3
"""Writes broken/ and fixed/ of the live alias-swap example.

plan.json is derived from ../alias-swap/*/plan.json (terraform show -json
output): the production distribution now exists (id E3PRODQ7WDLX2K), and
the release moves DNS to it.  live.json and records.json are written in
the exact shapes `aws cloudfront list-distributions` and `aws route53
list-resource-record-sets --hosted-zone-id Z06183512U2C4HBFH4LXS` print
(AWS CLI v2: 4-space indent, list-distributions without Quantity/Marker).
Run from this directory; the output is committed."""
import copy
import json
import os

CANARY = ("E2YUNNT9WRCDXG", "d3beird0wclbhu.cloudfront.net")
PROD = ("E3PRODQ7WDLX2K", "d1prod4n8xk2ql.cloudfront.net")
HOSTS = ["example.com", "www.example.com"]


def distribution_summary(dist_id, domain, aliases, comment, modified):
    origin = "acme-web-prod-frontend.s3.us-east-1.amazonaws.com"
    aliases_obj = {"Quantity": len(aliases)}
    if aliases:
        aliases_obj["Items"] = aliases
    return {
        "Id": dist_id,
        "ARN": "arn:aws:cloudfront::123456789012:distribution/" + dist_id,
        "Status": "Deployed",
        "LastModifiedTime": modified,
        "DomainName": domain,
        "Aliases": aliases_obj,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "s3-frontend",
            "DomainName": origin,
            "OriginPath": "",
            "CustomHeaders": {"Quantity": 0},
            "S3OriginConfig": {"OriginAccessIdentity": ""},
            "ConnectionAttempts": 3,
            "ConnectionTimeout": 10,
            "OriginShield": {"Enabled": False},
            "OriginAccessControlId": "E3Y3N897T93CNJ"}]},
        "OriginGroups": {"Quantity": 0},
        "DefaultCacheBehavior": {
            "TargetOriginId": "s3-frontend",
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
            "TrustedKeyGroups": {"Enabled": False, "Quantity": 0},
            "ViewerProtocolPolicy": "redirect-to-https",
            "AllowedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"],
                               "CachedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"]}},
            "SmoothStreaming": False,
            "Compress": True,
            "LambdaFunctionAssociations": {"Quantity": 0},
            "FunctionAssociations": {"Quantity": 0},
            "FieldLevelEncryptionId": "",
            "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
        "CacheBehaviors": {"Quantity": 0},
        "CustomErrorResponses": {"Quantity": 0},
        "Comment": comment,
        "PriceClass": "PriceClass_100",
        "Enabled": True,
        "ViewerCertificate": {
            "CloudFrontDefaultCertificate": False,
            "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0b5e8f4c-2a57-4d7e-9f0e-6c1d3b2a9e41",
            "SSLSupportMethod": "sni-only",
            "MinimumProtocolVersion": "TLSv1.2_2021",
            "Certificate": "arn:aws:acm:us-east-1:123456789012:certificate/0b5e8f4c-2a57-4d7e-9f0e-6c1d3b2a9e41",
            "CertificateSource": "acm"},
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": "",
        "HttpVersion": "HTTP2",
        "IsIPV6Enabled": True,
        "Staging": False,
    }


def record_sets(target):
    sets = [{"Name": "example.com.", "Type": "NS", "TTL": 172800, "ResourceRecords": [
        {"Value": "ns-1184.awsdns-20.org."}, {"Value": "ns-1787.awsdns-31.co.uk."},
        {"Value": "ns-368.awsdns-46.com."}, {"Value": "ns-847.awsdns-41.net."}]},
        {"Name": "example.com.", "Type": "SOA", "TTL": 900, "ResourceRecords": [
            {"Value": "ns-1184.awsdns-20.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}]}]
    for host in HOSTS:
        for rtype in ("A", "AAAA"):
            sets.append({"Name": host + ".", "Type": rtype, "AliasTarget": {
                "HostedZoneId": "Z2FDTNDATAQYW2", "DNSName": target + ".",
                "EvaluateTargetHealth": False}})
    if target == PROD[1]:
        sets.append({"Name": "canary.example.com.", "Type": "CNAME", "TTL": 300,
                     "ResourceRecords": [{"Value": CANARY[1]}]})
    # Route 53 sorts by reversed name labels, then type
    sets.sort(key=lambda r: (list(reversed(r["Name"].rstrip(".").split("."))), r["Type"]))
    return {"ResourceRecordSets": sets}


def with_ids(values, ident, aliases):
    v = copy.deepcopy(values)
    v["id"], v["domain_name"] = ident
    v["arn"] = "arn:aws:cloudfront::123456789012:distribution/" + ident[0]
    v["hosted_zone_id"] = "Z2FDTNDATAQYW2"
    v["aliases"] = aliases
    return v


def plan(src, prod_aliases, canary_aliases):
    p = json.load(open(src))
    canary_after = next(r for r in p["resource_changes"]
                        if r["address"] == 'aws_cloudfront_distribution.site["canary"]')["change"]["after"]
    known = {k: v for k, v in canary_after.items()}
    prod_values = with_ids(known, PROD, prod_aliases)
    prod_values["comment"] = "acme-web production"
    prod_values["tags"] = prod_values["tags_all"] = {"Environment": "production", "Service": "acme-web"}
    prod_values["caller_reference"] = "terraform-20261118093412775900000001"
    canary_values = with_ids(known, CANARY, canary_aliases)
    for rc in p["resource_changes"]:
        ch = rc["change"]
        if rc["address"] == 'aws_cloudfront_distribution.site["production"]':
            ch["actions"] = ["no-op"]
            ch["before"] = ch["after"] = prod_values
            ch["after_unknown"] = {}
            ch["before_sensitive"] = ch["after_sensitive"] = ch.get("after_sensitive", {})
        elif rc["address"] == 'aws_cloudfront_distribution.site["canary"]':
            ch["before"] = ch["after"] = canary_values
        elif rc["type"] == "aws_route53_record":
            before = copy.deepcopy(ch["after"])
            ch["after"]["alias"][0]["name"] = PROD[1]
            if before != ch["after"]:
                ch["actions"] = ["update"]
                ch["before"] = before
    for mod in (p["planned_values"]["root_module"], p["prior_state"]["values"]["root_module"]):
        for r in mod["resources"]:
            if r["address"] == 'aws_cloudfront_distribution.site["production"]':
                r["values"] = prod_values
            elif r["address"] == 'aws_cloudfront_distribution.site["canary"]':
                r["values"] = canary_values
            elif r["type"] == "aws_route53_record" and mod is p["planned_values"]["root_module"]:
                r["values"]["alias"][0]["name"] = PROD[1]
    prior = p["prior_state"]["values"]["root_module"]["resources"]
    if not any(r["address"] == 'aws_cloudfront_distribution.site["production"]' for r in prior):
        entry = copy.deepcopy(next(r for r in prior if r["address"] == 'aws_cloudfront_distribution.site["canary"]'))
        entry["address"] = 'aws_cloudfront_distribution.site["production"]'
        entry["index"] = "production"
        entry["values"] = prod_values
        prior.insert(1, entry)
    p["relevant_attributes"] = [a for a in p["relevant_attributes"]
                                if a["resource"] != 'aws_cloudfront_distribution.site["production"]']
    return p


def write(path, doc, indent):
    """indent: the AWS CLI's 4 spaces; else terraform show -json's bytes
    (compact, <, > and & escaped as Go's encoder does)."""
    with open(path, "w", encoding="utf-8") as f:
        if indent:
            json.dump(doc, f, indent=4)
        else:
            text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
            f.write(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
        f.write("\n")


for variant, prod_aliases, canary_aliases in (("broken", [], HOSTS),
                                              ("fixed", HOSTS, ["canary.example.com"])):
    os.makedirs(variant, exist_ok=True)
    write(os.path.join(variant, "plan.json"),
          plan("../alias-swap/broken/plan.json", prod_aliases, canary_aliases), False)
    live = {"DistributionList": {"Items": [
        distribution_summary(CANARY[0], CANARY[1], canary_aliases, "acme-web canary",
                             "2026-11-02T08:14:51.112000+00:00"),
        distribution_summary(PROD[0], PROD[1], prod_aliases, "acme-web production",
                             "2026-11-18T09:36:07.904000+00:00")]}}
    write(os.path.join(variant, "live.json"), live, True)
    # before the release DNS still points at the canary in the broken case;
    # in the fixed one the hosts were moved with associate-alias first
    write(os.path.join(variant, "records.json"),
          record_sets(CANARY[1] if variant == "broken" else PROD[1]), True)

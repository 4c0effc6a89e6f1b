#!/usr/bin/env python3
"""Derives in/config.json (aws cloudfront get-distribution-config output)
from cname-to-unknown-distribution's canary config: one distribution with
a finding for each rule whose patch is DistributionConfig JSON."""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(HERE, "..", "cname-to-unknown-distribution", "in", "canary-config.json")
doc = json.load(open(src))
cfg = doc["DistributionConfig"]

# tls-policy-weak: TLS 1.0 accepted with a certificate of our own
cfg["ViewerCertificate"]["MinimumProtocolVersion"] = "TLSv1_2016"
# viewer-protocol-allow-all and default-root-object-missing: the S3 default
cfg["DefaultCacheBehavior"]["ViewerProtocolPolicy"] = "allow-all"

s3 = cfg["Origins"]["Items"][0]
custom = {
    "HTTPPort": 80,
    "HTTPSPort": 443,
    "OriginProtocolPolicy": "https-only",
    "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
    "OriginReadTimeout": 30,
    "OriginKeepaliveTimeout": 5,
}
api = copy.deepcopy(s3)
del api["S3OriginConfig"]
api.update(Id="api-gw", DomainName="k7h2f9x3qa.execute-api.us-east-1.amazonaws.com",
           OriginAccessControlId="")
api["CustomOriginConfig"] = dict(custom, OriginProtocolPolicy="http-only")  # origin-protocol-http
alb = copy.deepcopy(api)
alb.update(Id="alb-app", DomainName="acme-app-prod-1623094871.us-east-1.elb.amazonaws.com")
alb["CustomOriginConfig"] = dict(custom)  # https-origin-to-elb-name: no behavior forwards Host
cfg["Origins"] = {"Quantity": 3, "Items": [s3, api, alb]}


def behavior(pattern, origin, methods, orp=None):
    b = copy.deepcopy(cfg["DefaultCacheBehavior"])
    b.update(PathPattern=pattern, TargetOriginId=origin, ViewerProtocolPolicy="https-only",
             CachePolicyId="4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
    b["AllowedMethods"] = {"Quantity": len(methods), "Items": methods,
                           "CachedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"]}}
    if orp:
        b["OriginRequestPolicyId"] = orp
    return {k: b[k] for k in ["PathPattern"] + [k for k in b if k != "PathPattern"]}


SEVEN = ["HEAD", "DELETE", "POST", "GET", "OPTIONS", "PUT", "PATCH"]
cfg["CacheBehaviors"] = {"Quantity": 2, "Items": [
    # host-header-to-api-origin: AllViewer sends the viewer's Host to API Gateway
    behavior("/api/*", "api-gw", SEVEN, "216adef6-5c7f-47e4-b989-5492eafa07d3"),
    # allowed-methods-invalid: POST without the other write methods
    behavior("/app/*", "alb-app", ["HEAD", "GET", "POST"]),
]}
cfg["Comment"] = "acme-app production"

with open(os.path.join(HERE, "in", "config.json"), "w") as fh:
    json.dump(doc, fh, indent=4)
    fh.write("\n")

# A second distribution: the default certificate with a policy set
# (tls-policy-ignored-default-certificate), aliases spelt as CloudFront
# does not store them (alias-invalid-format), an S3 website endpoint sent
# as an S3 origin (origin-config-mismatch) and an API behavior without
# OPTIONS (cors-preflight-blocked).
doc2 = json.load(open(src))
cfg2 = doc2["DistributionConfig"]
cfg2["Comment"] = "acme-docs production"
cfg2["CallerReference"] = "cli-docs-20250611"
cfg2["Aliases"] = {"Quantity": 2, "Items": ["Docs.Example.com.", "help.example.com"]}
cfg2["ViewerCertificate"] = {
    "CloudFrontDefaultCertificate": True,
    "MinimumProtocolVersion": "TLSv1.2_2021",
    "CertificateSource": "cloudfront",
}
cfg2["DefaultRootObject"] = "index.html"
web = copy.deepcopy(s3)
web.update(Id="docs-website", DomainName="acme-docs.s3-website-us-east-1.amazonaws.com",
           OriginAccessControlId="")
api2 = copy.deepcopy(api)
api2["CustomOriginConfig"] = dict(custom)
cfg2["Origins"] = {"Quantity": 2, "Items": [web, api2]}
cfg2["DefaultCacheBehavior"]["TargetOriginId"] = "docs-website"
b = behavior("/search/*", "api-gw", ["HEAD", "GET"], "b689b0a8-53d0-40ab-baf2-68738e2966ac")
cfg2["CacheBehaviors"] = {"Quantity": 1, "Items": [b]}
with open(os.path.join(HERE, "in", "docs-config.json"), "w") as fh:
    json.dump(doc2, fh, indent=4)
    fh.write("\n")

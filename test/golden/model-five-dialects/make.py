#!/usr/bin/env python3
"""Writes in/: one CloudFront distribution, designed once, in the five forms
edgegate reads, each as its tool prints it:

  plan.json                 terraform show -json plan.out   (compact)
  state.json                terraform show -json            (compact)
  template.yaml             a hand-written CloudFormation template
  distribution-config.json  aws cloudfront get-distribution-config (CLI v2, 4-space indent)
  stack.json                pulumi stack export             (pulumi-aws 6, 4-space indent)

`edgegate model` must give the same model for all five, apart from where
each value is written and how each names the distribution
(test/model_dialects.py checks it).  Run from this folder; the output is
committed."""
import json
import os

DIST_ID = "E1SHOPQ7EXAMPL"
DOMAIN = "d2shop7example.cloudfront.net"
CALLER = "terraform-20260914101502215300000001"
ACM = "arn:aws:acm:us-east-1:123456789012:certificate/9d4a3c1e-52b7-4e38-9a61-0f2e8d3b7c55"
WAF = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop-prod/6c0b5c1e-7d7e-4f0a-b2c4-2f0e1d9a8b77"
FN = "arn:aws:cloudfront::123456789012:function/shop-api-rewrite"
OAC = "E3SHOPOAC7XQ2L"
S3_DOMAIN = "shop-prod-site.s3.us-east-1.amazonaws.com"
API_DOMAIN = "shop-api-prod-1498201733.us-east-1.elb.amazonaws.com"
OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "216adef6-5c7f-47e4-b989-5492eafa07d3"
SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03"
ALL = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
TAGS = {"Environment": "production", "Service": "shop"}


def out(name, text):
    os.makedirs("in", exist_ok=True)
    with open(os.path.join("in", name), "w") as f:
        f.write(text)


# --- Terraform (aws provider 5.x attribute set) ------------------------------

def tf_behavior(path, target, methods, policy, orp, rhp, functions):
    b = {"allowed_methods": methods, "cache_policy_id": policy,
         "cached_methods": ["GET", "HEAD"], "compress": True, "default_ttl": 0,
         "field_level_encryption_id": "", "forwarded_values": [],
         "function_association": [{"event_type": "viewer-request", "function_arn": f}
                                  for f in functions],
         "grpc_config": [{"enabled": False}], "lambda_function_association": [],
         "max_ttl": 0, "min_ttl": 0, "origin_request_policy_id": orp,
         "realtime_log_config_arn": "", "response_headers_policy_id": rhp,
         "smooth_streaming": False, "target_origin_id": target, "trusted_key_groups": [],
         "trusted_signers": [], "viewer_protocol_policy": "redirect-to-https"}
    if path:
        b = dict(sorted(list(b.items()) + [("path_pattern", path)]))
    return b


TF_VALUES = {
    "aliases": ["shop.example.com"],
    "arn": "arn:aws:cloudfront::123456789012:distribution/" + DIST_ID,
    "caller_reference": CALLER,
    "comment": "shop production",
    "continuous_deployment_policy_id": "",
    "custom_error_response": [{"error_caching_min_ttl": 10, "error_code": 404,
                               "response_code": 404, "response_page_path": "/404.html"}],
    "default_cache_behavior": [tf_behavior(None, "s3-site", ["GET", "HEAD"], OPTIMIZED, "",
                                           SECURITY_HEADERS, [])],
    "default_root_object": "index.html",
    "domain_name": DOMAIN,
    "enabled": True,
    "etag": "E2SHOP5ETAG1XZ",
    "hosted_zone_id": "Z2FDTNDATAQYW2",
    "http_version": "http2and3",
    "id": DIST_ID,
    "in_progress_validation_batches": 0,
    "is_ipv6_enabled": True,
    "last_modified_time": "2026-11-24 09:14:37.208 +0000 UTC",
    "logging_config": [{"bucket": "shop-logs.s3.amazonaws.com", "include_cookies": False,
                        "prefix": "cloudfront/shop/"}],
    "ordered_cache_behavior": [tf_behavior("/api/*", "api", ALL, DISABLED,
                                           ALL_VIEWER_EXCEPT_HOST, "", [FN])],
    "origin": [
        {"connection_attempts": 3, "connection_timeout": 10, "custom_header": [],
         "custom_origin_config": [], "domain_name": S3_DOMAIN,
         "origin_access_control_id": OAC, "origin_id": "s3-site", "origin_path": "",
         "origin_shield": [], "s3_origin_config": [{"origin_access_identity": ""}],
         "vpc_origin_config": []},
        {"connection_attempts": 3, "connection_timeout": 10,
         "custom_header": [{"name": "X-Origin-Verify", "value": "f3b1c9e2a7d04e5b"}],
         "custom_origin_config": [{"http_port": 80, "https_port": 443,
                                   "origin_keepalive_timeout": 5,
                                   "origin_protocol_policy": "https-only",
                                   "origin_read_timeout": 30,
                                   "origin_ssl_protocols": ["TLSv1.2"]}],
         "domain_name": API_DOMAIN, "origin_access_control_id": "", "origin_id": "api",
         "origin_path": "", "origin_shield": [], "s3_origin_config": [],
         "vpc_origin_config": []}],
    "origin_group": [],
    "price_class": "PriceClass_100",
    "restrictions": [{"geo_restriction": [{"locations": [], "restriction_type": "none"}]}],
    "retain_on_delete": False,
    "staging": False,
    "status": "Deployed",
    "tags": TAGS,
    "tags_all": TAGS,
    "trusted_key_groups": [{"enabled": False, "items": []}],
    "trusted_signers": [{"enabled": False, "items": []}],
    "viewer_certificate": [{"acm_certificate_arn": ACM, "cloudfront_default_certificate": False,
                            "iam_certificate_id": "", "minimum_protocol_version": "TLSv1.2_2021",
                            "ssl_support_method": "sni-only"}],
    "wait_for_deployment": True,
    "web_acl_id": WAF,
}
TF_RESOURCE = {"address": "aws_cloudfront_distribution.shop", "mode": "managed",
               "type": "aws_cloudfront_distribution", "name": "shop",
               "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1}


def sensitive(v):
    """Terraform's sensitive_values mirror: false leaves dropped, shapes kept."""
    if isinstance(v, dict):
        return {k: sensitive(x) for k, x in v.items() if isinstance(x, (dict, list))}
    if isinstance(v, list):
        return [sensitive(x) if isinstance(x, (dict, list)) else False for x in v]
    return False


def tf_plan():
    res = dict(TF_RESOURCE, values=TF_VALUES, sensitive_values=sensitive(TF_VALUES))
    change = {"address": TF_RESOURCE["address"], "mode": "managed",
              "type": "aws_cloudfront_distribution", "name": "shop",
              "provider_name": TF_RESOURCE["provider_name"],
              "change": {"actions": ["no-op"], "before": TF_VALUES, "after": TF_VALUES,
                         "after_unknown": {}, "before_sensitive": sensitive(TF_VALUES),
                         "after_sensitive": sensitive(TF_VALUES)}}
    plan = {"format_version": "1.2", "terraform_version": "1.9.8",
            "planned_values": {"root_module": {"resources": [res]}},
            "resource_changes": [change],
            "prior_state": {"format_version": "1.0", "terraform_version": "1.9.8",
                            "values": {"root_module": {"resources": [res]}}},
            "configuration": {"provider_config": {"aws": {
                "name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
                "version_constraint": "~> 5.0",
                "expressions": {"region": {"constant_value": "us-east-1"}}}},
                "root_module": {"resources": [{
                    "address": "aws_cloudfront_distribution.shop", "mode": "managed",
                    "type": "aws_cloudfront_distribution", "name": "shop",
                    "provider_config_key": "aws", "expressions": {
                        "comment": {"constant_value": "shop production"},
                        "enabled": {"constant_value": True}},
                    "schema_version": 1}]}},
            "timestamp": "2026-12-01T10:22:41Z", "applyable": False, "complete": True,
            "errored": False}
    return json.dumps(plan, separators=(",", ":")) + "\n"


def tf_state():
    res = dict(TF_RESOURCE, values=TF_VALUES, sensitive_values=sensitive(TF_VALUES))
    state = {"format_version": "1.0", "terraform_version": "1.9.8",
             "values": {"root_module": {"resources": [res]}}}
    return json.dumps(state, separators=(",", ":")) + "\n"


# --- CloudFormation ---------------------------------------------------------------

TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Description: shop.example.com, static site on S3 with an API behind an ALB.

Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Comment: shop production
        Enabled: true
        Staging: false
        HttpVersion: http2and3
        IPV6Enabled: true
        PriceClass: PriceClass_100
        DefaultRootObject: index.html
        WebACLId: %(waf)s
        Aliases:
          - shop.example.com
        Logging:
          Bucket: shop-logs.s3.amazonaws.com
          IncludeCookies: false
          Prefix: cloudfront/shop/
        Restrictions:
          GeoRestriction:
            RestrictionType: none
        ViewerCertificate:
          AcmCertificateArn: %(acm)s
          MinimumProtocolVersion: TLSv1.2_2021
          SslSupportMethod: sni-only
        Origins:
          - Id: s3-site
            DomainName: %(s3)s
            OriginAccessControlId: %(oac)s
            S3OriginConfig:
              OriginAccessIdentity: ''
          - Id: api
            DomainName: %(api)s
            OriginCustomHeaders:
              - HeaderName: X-Origin-Verify
                HeaderValue: f3b1c9e2a7d04e5b
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
              OriginSSLProtocols:
                - TLSv1.2
              HTTPPort: 80
              HTTPSPort: 443
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: redirect-to-https
            AllowedMethods: [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]
            CachedMethods: [GET, HEAD]
            Compress: true
            CachePolicyId: %(disabled)s
            OriginRequestPolicyId: %(orp)s
            FunctionAssociations:
              - EventType: viewer-request
                FunctionARN: %(fn)s
        DefaultCacheBehavior:
          TargetOriginId: s3-site
          ViewerProtocolPolicy: redirect-to-https
          AllowedMethods: [GET, HEAD]
          CachedMethods: [GET, HEAD]
          Compress: true
          CachePolicyId: %(optimized)s
          ResponseHeadersPolicyId: %(rhp)s
        CustomErrorResponses:
          - ErrorCode: 404
            ResponseCode: 404
            ResponsePagePath: /404.html
            ErrorCachingMinTTL: 10
      Tags:
        - Key: Environment
          Value: production
        - Key: Service
          Value: shop
""" % {"waf": WAF, "acm": ACM, "s3": S3_DOMAIN, "oac": OAC, "api": API_DOMAIN,
       "disabled": DISABLED, "orp": ALL_VIEWER_EXCEPT_HOST, "fn": FN, "optimized": OPTIMIZED,
       "rhp": SECURITY_HEADERS}


# --- AWS CLI ------------------------------------------------------------------------

def wrap(items):
    return {"Quantity": len(items), "Items": items} if items else {"Quantity": 0}


def cli_behavior(path, target, methods, policy, orp, rhp, functions):
    b = {}
    if path:
        b["PathPattern"] = path
    b.update({
        "TargetOriginId": target,
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
        "TrustedKeyGroups": {"Enabled": False, "Quantity": 0},
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": dict(wrap(methods), CachedMethods=wrap(["HEAD", "GET"])),
        "SmoothStreaming": False,
        "Compress": True,
        "LambdaFunctionAssociations": {"Quantity": 0},
        "FunctionAssociations": wrap([{"FunctionARN": f, "EventType": "viewer-request"}
                                      for f in functions]),
        "FieldLevelEncryptionId": "",
        "CachePolicyId": policy})
    if orp:
        b["OriginRequestPolicyId"] = orp
    if rhp:
        b["ResponseHeadersPolicyId"] = rhp
    b["GrpcConfig"] = {"Enabled": False}
    return b


def cli_config():
    cfg = {
        "CallerReference": CALLER,
        "Aliases": wrap(["shop.example.com"]),
        "DefaultRootObject": "index.html",
        "Origins": wrap([
            {"Id": "s3-site", "DomainName": S3_DOMAIN, "OriginPath": "",
             "CustomHeaders": {"Quantity": 0},
             "S3OriginConfig": {"OriginAccessIdentity": ""},
             "ConnectionAttempts": 3, "ConnectionTimeout": 10,
             "OriginShield": {"Enabled": False}, "OriginAccessControlId": OAC},
            {"Id": "api", "DomainName": API_DOMAIN, "OriginPath": "",
             "CustomHeaders": wrap([{"HeaderName": "X-Origin-Verify",
                                     "HeaderValue": "f3b1c9e2a7d04e5b"}]),
             "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                    "OriginProtocolPolicy": "https-only",
                                    "OriginSslProtocols": wrap(["TLSv1.2"]),
                                    "OriginReadTimeout": 30, "OriginKeepaliveTimeout": 5},
             "ConnectionAttempts": 3, "ConnectionTimeout": 10,
             "OriginShield": {"Enabled": False}, "OriginAccessControlId": ""}]),
        "OriginGroups": {"Quantity": 0},
        "DefaultCacheBehavior": cli_behavior(None, "s3-site", ["HEAD", "GET"], OPTIMIZED, "",
                                             SECURITY_HEADERS, []),
        "CacheBehaviors": wrap([cli_behavior("/api/*", "api",
                                             ["HEAD", "DELETE", "POST", "GET", "OPTIONS",
                                              "PUT", "PATCH"], DISABLED,
                                             ALL_VIEWER_EXCEPT_HOST, "", [FN])]),
        "CustomErrorResponses": wrap([{"ErrorCode": 404, "ResponsePagePath": "/404.html",
                                       "ResponseCode": "404", "ErrorCachingMinTTL": 10}]),
        "Comment": "shop production",
        "Logging": {"Enabled": True, "IncludeCookies": False,
                    "Bucket": "shop-logs.s3.amazonaws.com", "Prefix": "cloudfront/shop/"},
        "PriceClass": "PriceClass_100",
        "Enabled": True,
        "ViewerCertificate": {"CloudFrontDefaultCertificate": False, "ACMCertificateArn": ACM,
                              "SSLSupportMethod": "sni-only",
                              "MinimumProtocolVersion": "TLSv1.2_2021",
                              "Certificate": ACM, "CertificateSource": "acm"},
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": WAF,
        "HttpVersion": "http2and3",
        "IsIPV6Enabled": True,
        "ContinuousDeploymentPolicyId": "",
        "Staging": False,
    }
    return json.dumps({"ETag": "E2SHOP5ETAG1XZ", "DistributionConfig": cfg}, indent=4) + "\n"


# --- Pulumi ---------------------------------------------------------------------------

def camel(name):
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


PU_RENAMES = {"ordered_cache_behavior": "orderedCacheBehaviors", "origin": "origins",
              "origin_group": "originGroups", "custom_error_response": "customErrorResponses",
              "custom_header": "customHeaders", "function_association": "functionAssociations",
              "lambda_function_association": "lambdaFunctionAssociations",
              "logging_config": "loggingConfig", "ttl": "Ttl", "web_acl_id": "webAclId",
              "is_ipv6_enabled": "isIpv6Enabled", "default_ttl": "defaultTtl",
              "max_ttl": "maxTtl", "min_ttl": "minTtl",
              "error_caching_min_ttl": "errorCachingMinTtl"}
# Blocks that are lists of one in Terraform are objects (or null) in Pulumi.
PU_BLOCKS = {"default_cache_behavior", "viewer_certificate", "restrictions", "geo_restriction",
             "logging_config", "s3_origin_config", "custom_origin_config", "origin_shield",
             "vpc_origin_config", "grpc_config", "forwarded_values", "cookies"}


def pulumi(v, key=None):
    if isinstance(v, dict):
        return {PU_RENAMES.get(k, camel(k)): pulumi(x, k) for k, x in sorted(v.items())}
    if isinstance(v, list):
        if key in PU_BLOCKS:
            return pulumi(v[0], None) if v else None
        return [pulumi(x) for x in v]
    return v


def pu_export():
    outputs = pulumi(TF_VALUES)
    outputs["__meta"] = "{\"schema_version\":\"1\"}"
    outputs = dict(sorted(outputs.items()))
    stack = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod"
    provider = "urn:pulumi:prod::shop::pulumi:providers:aws::default_6_54_0"
    dist = {"urn": "urn:pulumi:prod::shop::aws:cloudfront/distribution:Distribution::shop",
            "custom": True, "id": DIST_ID,
            "type": "aws:cloudfront/distribution:Distribution",
            "inputs": {k: outputs[k] for k in ("aliases", "comment", "defaultCacheBehavior",
                                                 "enabled", "origins", "restrictions",
                                                 "viewerCertificate")},
            "outputs": outputs, "parent": stack,
            "provider": provider + "::04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            "created": "2026-09-14T10:15:02.215Z", "modified": "2026-11-24T09:14:37.208Z"}
    doc = {"version": 3, "deployment": {
        "manifest": {"time": "2026-11-24T09:15:02.118Z",
                     "magic": "3b1c5d6f0a2e4b7c9d8e1f203a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d",
                     "version": "v3.137.0"},
        "secrets_providers": {"type": "service", "state": {
            "url": "https://api.pulumi.com", "owner": "acme", "project": "shop",
            "stack": "prod"}},
        "resources": [
            {"urn": stack, "custom": False, "type": "pulumi:pulumi:Stack",
             "created": "2026-09-14T10:14:51.03Z", "modified": "2026-09-14T10:14:51.03Z"},
            {"urn": provider, "custom": True, "id": "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
             "type": "pulumi:providers:aws", "inputs": {"region": "us-east-1",
                                                         "version": "6.54.0"},
             "outputs": {"region": "us-east-1", "version": "6.54.0"},
             "created": "2026-09-14T10:14:53.6Z", "modified": "2026-09-14T10:14:53.6Z"},
            dist]}}
    return json.dumps(doc, indent=4) + "\n"


out("plan.json", tf_plan())
out("state.json", tf_state())
out("template.yaml", TEMPLATE)
out("distribution-config.json", cli_config())
out("stack.json", pu_export())

#!/usr/bin/env python3
"""Writes in/plan.json: Lambda@Edge functions with and without what the
edge refuses.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): two aws_lambda_function resources already in the state
(no-op), auth-check with environment variables and a VPC configuration,
security-headers with neither; /auth/* associates auth-check's qualified
ARN (fires), the default behavior security-headers' (passes).  Written
wherever terraform writes them (resource_changes, planned_values,
prior_state, configuration), compact, with <, > and & escaped.  Run from
this folder; the output is committed."""

import copy
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))

ACCOUNT = "111122223333"
ROLE = "arn:aws:iam::%s:role/edge-functions" % ACCOUNT


def function(name, version, environment, vpc):
    arn = "arn:aws:lambda:us-east-1:%s:function:%s" % (ACCOUNT, name)
    return {
        "architectures": ["x86_64"], "arn": arn, "code_sha256": "Zk9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==",
        "code_signing_config_arn": "", "dead_letter_config": [], "description": "",
        "environment": environment, "ephemeral_storage": [{"size": 512}],
        "file_system_config": [], "filename": "build/%s.zip" % name,
        "function_name": name, "handler": "index.handler", "id": name, "image_config": [],
        "image_uri": "", "invoke_arn": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/"
        "functions/%s/invocations" % arn, "kms_key_arn": "", "last_modified":
        "2026-11-30T08:41:12.000+0000", "layers": [], "logging_config": [{
            "application_log_level": "", "log_format": "Text", "log_group":
            "/aws/lambda/%s" % name, "system_log_level": ""}], "memory_size": 128,
        "package_type": "Zip", "publish": True, "qualified_arn": "%s:%s" % (arn, version),
        "qualified_invoke_arn": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "%s:%s/invocations" % (arn, version), "replace_security_groups_on_destroy": None,
        "replacement_security_group_ids": None, "reserved_concurrent_executions": -1,
        "role": ROLE, "runtime": "nodejs22.x", "s3_bucket": None, "s3_key": None,
        "s3_object_version": None, "signing_job_arn": "", "signing_profile_version_arn": "",
        "skip_destroy": False, "snap_start": [], "source_code_hash": "", "source_code_size": 1204,
        "tags": None, "tags_all": {}, "timeout": 5, "timeouts": None,
        "tracing_config": [{"mode": "PassThrough"}], "version": version, "vpc_config": vpc,
    }


AUTH = function("auth-check", "4",
                [{"variables": {"SESSION_API": "https://api.example.com/session"}}],
                [{"ipv6_allowed_for_dual_stack": False,
                  "security_group_ids": ["sg-0a1b2c3d4e5f60718"],
                  "subnet_ids": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
                  "vpc_id": "vpc-0a1b2c3d4e5f67890"}])
HEADERS = function("security-headers", "7", [], [])


def add(address, name, values):
    plan["resource_changes"].append({
        "address": address, "mode": "managed", "type": "aws_lambda_function", "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": ["no-op"], "before": copy.deepcopy(values),
                   "after": copy.deepcopy(values), "after_unknown": {},
                   "before_sensitive": {}, "after_sensitive": {}}})
    state = {"address": address, "mode": "managed", "type": "aws_lambda_function", "name": name,
             "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
             "values": copy.deepcopy(values), "sensitive_values": {}}
    plan["planned_values"]["root_module"]["resources"].append(copy.deepcopy(state))
    plan["prior_state"]["values"]["root_module"]["resources"].append(state)
    plan["configuration"]["root_module"]["resources"].append({
        "address": address, "mode": "managed", "type": "aws_lambda_function", "name": name,
        "provider_config_key": "aws",
        "expressions": {"function_name": {"constant_value": name},
                        "handler": {"constant_value": "index.handler"},
                        "publish": {"constant_value": True},
                        "role": {"constant_value": ROLE},
                        "runtime": {"constant_value": "nodejs22.x"}},
        "schema_version": 0})


add("aws_lambda_function.auth", "auth", AUTH)
add("aws_lambda_function.headers", "headers", HEADERS)


def lam(event, arn):
    return {"event_type": event, "include_body": False, "lambda_arn": arn}


def change(v):
    behavior(v, "/auth/*")["lambda_function_association"] = [
        lam("viewer-request", AUTH["qualified_arn"])]
    v["default_cache_behavior"][0]["lambda_function_association"] = [
        lam("origin-response", HEADERS["qualified_arn"])]


edit(plan, change)

write(plan)

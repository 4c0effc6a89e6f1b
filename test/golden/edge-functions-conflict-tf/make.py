#!/usr/bin/env python3
"""Writes in/plan.json: a CloudFront Function and Lambda@Edge on one event.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): the default behavior runs a CloudFront Function and a
Lambda@Edge version on viewer-request (fires); /auth/* runs a CloudFront
Function on viewer-request and Lambda@Edge on origin-request (allowed:
passes).  Changed wherever terraform writes it (configuration,
planned_values, resource_changes).  Written as terraform prints it:
compact, with <, > and & escaped.  Run from this folder; the output is
committed."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import behavior, edit, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "missing-auth-behavior", "fixed", "plan.json")
plan = json.load(open(BASE))



CFF = "arn:aws:cloudfront::111122223333:function/%s"
LAMBDA = "arn:aws:lambda:us-east-1:111122223333:function:%s:4"


def change(v):
    d = v["default_cache_behavior"][0]
    d["function_association"] = [{"event_type": "viewer-request", "function_arn": CFF % "spa-rewrite"}]
    d["lambda_function_association"] = [
        {"event_type": "viewer-request", "include_body": False, "lambda_arn": LAMBDA % "geo-auth"}]
    a = behavior(v, "/auth/*")
    a["function_association"] = [{"event_type": "viewer-request", "function_arn": CFF % "strip-query"}]
    a["lambda_function_association"] = [
        {"event_type": "origin-request", "include_body": True, "lambda_arn": LAMBDA % "sign-body"}]


edit(plan, change)

write(plan)

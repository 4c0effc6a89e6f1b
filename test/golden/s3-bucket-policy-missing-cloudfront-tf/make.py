#!/usr/bin/env python3
"""Writes in/plan.json from examples/alias-swap/fixed/plan.json (terraform
show -json output, which passes every origin rule): WHAT says what changes.
The change is made wherever terraform writes it (configuration,
planned_values, resource_changes before/after), on both distributions.  Written as terraform prints it: compact, with <, > and & escaped.
Run from this folder; the output is committed."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tfedit import edit_everywhere, write  # noqa: E402

BASE = os.path.join("..", "..", "..", "examples", "alias-swap", "fixed", "plan.json")
plan = json.load(open(BASE))


# The bucket policy lets in one older distribution only, by its ARN, where
# it let in every distribution of the account: the literal is inside the
# same jsonencode, so the configuration's references do not change.
OLD = "arn:aws:cloudfront::123456789012:distribution/*"
NEW = "arn:aws:cloudfront::123456789012:distribution/E1LEGACY0DIST9"


def edit_values(d):
    pass


def edit_config(e):
    pass


def edit_resource(rtype, values):
    if rtype == "aws_s3_bucket_policy":
        doc = json.loads(values["policy"])
        for st in doc["Statement"]:
            st["Condition"]["StringLike"]["AWS:SourceArn"] = NEW
        values["policy"] = json.dumps(doc, separators=(",", ":"))


edit_everywhere(plan, edit_values, edit_config, edit_resource)
write(plan)

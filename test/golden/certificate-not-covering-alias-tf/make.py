#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py) whose ACM
certificate, in state and unchanged, names example.com only, while the
distribution keeps the aliases example.com and www.example.com.
certificate-not-covering-alias fires for www.example.com (CloudFront
refuses an alias its certificate does not cover) and passes for
example.com.  Run from this folder; the output is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

plan = tfbase.load(sans=("example.com",))
tfbase.config_resource(plan, "aws_acm_certificate.site")["expressions"].pop(
    "subject_alternative_names")
tfbase.write(plan, "in/plan.json")

#!/usr/bin/env python3
"""Writes in/plan.json: the plan of tfbase.py, unchanged.  It passes
certificate-not-covering-alias (the certificate in the plan names both
aliases), route53-alias-invalid (EvaluateTargetHealth false, public zone,
Z2FDTNDATAQYW2 for a .cloudfront.net target), cname-at-apex
(docs.example.com is no apex), ipv6-without-aaaa (A and AAAA alias for
each host of an IPv6 distribution) and alias-invalid-format.  Run from
this folder; the output is committed."""
import tfbase

tfbase.write(tfbase.load(), "in/plan.json")

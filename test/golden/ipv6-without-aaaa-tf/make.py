#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py) with an AAAA
alias for the apex only (aws_route53_record.apex_ipv6), as a module that
wrote the AAAA record by hand for the first host does.  The distribution
has IPv6 enabled: ipv6-without-aaaa warns for the A record
www.example.com (no AAAA alias next to it) and passes for the A and AAAA
records of example.com.  Run from this folder; the output is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

tfbase.write(tfbase.load(aaaa_hosts=["example.com"]), "in/plan.json")

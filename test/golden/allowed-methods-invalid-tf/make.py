#!/usr/bin/env python3
"""Writes in/plan.json: a behavior allowing GET, HEAD, POST.

Derived from examples/missing-auth-behavior/fixed/plan.json (terraform show
-json output): the /assets/* behavior allows GET, HEAD, POST, a set
CloudFront refuses, and /auth/* caches GET, HEAD, OPTIONS (valid: all
seven allowed).  Changed wherever terraform writes it (configuration,
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



def change(v):
    behavior(v, "/assets/*")["allowed_methods"] = ["GET", "HEAD", "POST"]
    behavior(v, "/auth/*")["cached_methods"] = ["GET", "HEAD", "OPTIONS"]


edit(plan, change)

write(plan)

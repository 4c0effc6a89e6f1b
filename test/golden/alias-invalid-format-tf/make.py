#!/usr/bin/env python3
"""Writes in/plan.json: the dns-rules-pass-tf plan (tfbase.py) where
local.hostnames writes www.example.com with a trailing dot, as a name
copied from Route 53 would be.  The distribution's aliases (var.aliases =
local.hostnames) change to [example.com, www.example.com.] in the update;
the records' names stay as they are (the provider stores record names
without the trailing dot).  alias-invalid-format fires for
www.example.com. and passes for example.com.  Run from this folder; the
output is committed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dns-rules-pass-tf"))
import tfbase  # noqa: E402

plan = tfbase.load()
tfbase.each_resource(plan, tfbase.DIST, lambda v: v.update(aliases=["example.com",
                                                                  "www.example.com."]))
tfbase.write(plan, "in/plan.json")

#!/usr/bin/python3
"""One model, whatever the dialect: `edgegate model` of the same
distribution written as a Terraform plan, Terraform state, a CloudFormation
template, `aws cloudfront get-distribution-config` output and a Pulumi
stack export (test/golden/model-five-dialects/in, written by its make.py)
must agree on every mapped value, apart from where each value is written
and how each input names the distribution.

A value and whether it is unknown must match; "known" and "default" are
the same value said two ways (a template leaves out what a plan prints).
Lists compare as sets: Terraform prints a set sorted, the API in its own
order.

usage: python3 test/model_dialects.py BIN
Prints "model-dialects: N passed, M failed" last."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASE = os.path.join(ROOT, "test", "golden", "model-five-dialects")
INPUTS = ["plan.json", "state.json", "template.yaml", "distribution-config.json", "stack.json"]
# Facts of an input rather than of the distribution's configuration.
SKIP = {"location", "container", "identity", "tags", "environment", "environment_source",
        "kind_source", "superseded"}


def normalize(v):
    if isinstance(v, dict):
        if set(v) == {"value", "state", "location"}:
            value = v["value"]
            if isinstance(value, list):
                value = sorted(value, key=lambda x: (x is None, x))
            return {"value": value, "unknown": v["state"] == "unknown"}
        return {k: normalize(x) for k, x in v.items() if k not in SKIP}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    return v


def differences(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            yield from differences(a.get(k), b.get(k), path + "." + k)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, "%s[%d]" % (path, i))
    elif a != b:
        yield "%s: %s != %s" % (path or ".", json.dumps(a), json.dumps(b))


def main():
    binary = os.path.abspath(sys.argv[1])
    passed = failed = 0
    models = {}
    for name in INPUTS:
        p = subprocess.run([binary, "model", os.path.join("in", name)], cwd=CASE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            print("FAIL model-dialects %s: exit %d: %s" % (name, p.returncode,
                                                           p.stderr.decode().strip()))
            failed += 1
            continue
        doc = json.loads(p.stdout)
        if len(doc["distributions"]) != 1:
            print("FAIL model-dialects %s: %d distributions, expected 1"
                  % (name, len(doc["distributions"])))
            failed += 1
            continue
        models[name] = normalize(doc["distributions"][0])
    first = INPUTS[0]
    for name in INPUTS[1:]:
        if first not in models or name not in models:
            continue
        diff = list(differences(models[first], models[name]))
        if diff:
            print("FAIL model-dialects %s differs from %s:" % (name, first))
            for line in diff[:20]:
                print("  " + line)
            failed += 1
        else:
            passed += 1
    print("model-dialects: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

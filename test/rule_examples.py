#!/usr/bin/env python3
"""Every rule's example: must fire the rule it documents.

An example that is a CloudFormation template fragment (it has a Resources:
key) is linted as a template with only its rule selected (--rule ID), and
must give a finding of that rule.  Terraform HCL and AWS CLI examples cannot
run without a plan; the golden cases cover those rules.
Usage: rule_examples.py BINARY
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    binary = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # the pack in this tree, wherever the binary was built (build/asan/...)
    env = dict(os.environ, NO_COLOR="1", EDGEGATE_RULES=os.path.join(root, "rules"))
    for k in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"):
        env.pop(k, None)
    rules = json.loads(subprocess.run([binary, "rules", "--format", "json"], env=env,
                                      check=True, capture_output=True, text=True).stdout)
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r in rules:
            x = json.loads(subprocess.run([binary, "explain", "--format", "json", r["id"]],
                                          env=env, check=True, capture_output=True,
                                          text=True).stdout)
            example = x["example"]
            if example is None or "\nResources:" not in "\n" + example:
                skipped += 1
                continue
            path = os.path.join(tmp, r["id"] + ".yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(example)
            p = subprocess.run([binary, "lint", "--format", "json", "--fail-on", "never",
                                "--region", "eu-west-1", "--rule", r["id"], path],
                               env=env, capture_output=True, text=True, cwd=tmp)
            fired = p.returncode == 0 and any(
                f["rule"] == r["id"] for f in json.loads(p.stdout)["findings"])
            if fired:
                passed += 1
            else:
                failed += 1
                print(f"FAIL rule example {r['id']}: its example: does not fire it "
                      f"(exit {p.returncode}) {p.stderr.strip()}")
    print(f"rule examples: {passed} passed, {failed} failed, "
          f"{skipped} not CloudFormation (left to the golden cases)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

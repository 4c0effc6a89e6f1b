#!/usr/bin/env python3
"""Applies edgegate's patches to the three seed outages (and to the golden
inputs of other rules) and lints again.

    python3 test/patches.py build/edgegate

For the Terraform and CloudFormation form of each seed incident, every
finding of the seed's rule that carries a patch (JSON report field
`patch`) is applied to the input's own source form, and the patched input
is linted again: those findings (by fingerprint) must be gone.

- CloudFormation: the template is read as CloudFormation reads it
  (test/cfn/yaml2json.py), the patch text (YAML) goes where its `place`
  says, and the result is written back as a YAML template.
- Terraform: the HCL patch is read (the small part of HCL edgegate writes:
  `name = value` with JSON values, and `block { ... }`) and the plan JSON is
  changed the same way terraform would show it: the resource's
  planned_values, its change's `after`, and constant expressions in
  `configuration`.

A patch that does not apply, or a finding that survives, fails the test.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "cfn"))
import yaml2json  # noqa: E402

ROOT = os.path.dirname(HERE)
SEEDS = [
    ("seed 1, Terraform", "examples/alias-swap/broken/plan.json", "production-without-aliases"),
    ("seed 1, CloudFormation", "test/cfn/alias-swap/broken.yaml", "production-without-aliases"),
    ("seed 1, CloudFormation, DNS side", "test/cfn/alias-swap/broken.yaml",
     "dns-alias-not-on-distribution"),
    ("seed 1, Terraform, two roots", "test/golden/identity-terraform-roots/in/envs/production/plan.json",
     "dns-alias-not-on-distribution"),
    ("seed 2, Terraform", "examples/mixed-environments/broken/plan.json", "mixed-environment-origins"),
    ("seed 2, CloudFormation", "test/cfn/mixed-environments/broken.yaml", "mixed-environment-origins"),
    ("seed 3, Terraform", "examples/missing-auth-behavior/broken/plan.json", "write-route-unreachable"),
    ("seed 3, CloudFormation", "test/cfn/missing-auth-behavior/broken.yaml", "write-route-unreachable"),
]

# Other rules whose patches apply as simply, on their golden inputs (and
# arguments): each finding with a text must be gone after it is applied.
G = "test/golden/"
RULES = [
    (rule + ", " + form, G + "%s-%s/in/%s" % (rule, form, name), rule) + tuple(args)
    for rule, forms in [
        ("tls-policy-weak", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("tls-policy-ignored-default-certificate", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("viewer-protocol-allow-all", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("origin-protocol-http", [("tf", "plan.json"), ("cfn", "template.yaml")]),
        ("default-root-object-missing", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("allowed-methods-invalid", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("host-header-to-api-origin", [("tf", "plan.json"), ("cfn", "template.yaml")]),
        ("s3-legacy-global-endpoint", [("tf", "plan.json"),
                                       ("cfn", "template.yaml", "--region", "eu-west-1")]),
        ("alias-invalid-format", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("route53-alias-invalid", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("cors-preflight-blocked", [("tf", "plan.json"), ("cfn", "site.yaml")]),
        ("oac-on-wrong-origin", [("tf", "plan.json"), ("cfn", "template.yaml")]),
    ]
    for form, name, *args in forms
]

# Rules a rule's patch must not make fire: the origin request policy of a
# new write behavior decides the Host the origin gets.
GUARDS = {
    "write-route-unreachable": ("https-origin-to-elb-name", "host-header-to-api-origin"),
}


def lint(binary, path, args=()):
    env = dict(os.environ, EDGEGATE_RULES=os.path.join(ROOT, "rules"))
    r = subprocess.run([binary, "lint", "--format", "json"] + list(args) + [path],
                       capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1):
        raise AssertionError("edgegate exit %d on %s: %s" % (r.returncode, path, r.stderr.strip()))
    return json.loads(r.stdout)["findings"]


# --- HCL: the part edgegate writes ------------------------------------------

def parse_hcl(text):
    """`name = JSON` lines and `name { ... }` blocks, `#` comments."""
    lines = [ln.split(" #")[0].rstrip() for ln in text.splitlines()]
    lines = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    pos = 0

    def body():
        nonlocal pos
        out = {}
        while pos < len(lines):
            ln = lines[pos]
            pos += 1
            if ln == "}":
                return out
            m = re.fullmatch(r"([a-z_]+)\s*\{", ln)
            if m:
                out.setdefault(m.group(1), []).append(body())
                continue
            m = re.fullmatch(r"([a-z_]+)\s*=\s*(.+)", ln)
            if not m:
                raise AssertionError("not HCL edgegate writes: %r" % ln)
            out[m.group(1)] = json.loads(m.group(2))
        return out

    return body()


def constant(value):
    """A value as terraform's configuration expressions write it."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [{k: constant(v) for k, v in item.items()} for item in value]
    return {"constant_value": value}


def leaf(value, expr):
    """A value as the plan shows it, or as a configuration expression does."""
    return value.get("constant_value") if expr and isinstance(value, dict) else value


def tf_block(values, place, expr=False):
    """The block of a resource's values (or expressions) a patch's place
    names; the resource itself for its arguments."""
    def item(name, key=None, want=None):
        blocks = values.get(name) or []
        for b in blocks:
            if key is None or leaf(b.get(key), expr) == want:
                return b
        raise AssertionError("no %s block%s" % (name, "" if key is None else " %s" % want))
    m = re.search(r'the custom_origin_config block of the origin "([^"]+)"', place)
    if m:
        values = item("origin", "origin_id", m.group(1))
        return item("custom_origin_config")
    m = re.search(r'whose origin_id is "([^"]+)"', place)
    if m:
        return item("origin", "origin_id", m.group(1))
    m = re.search(r'the ordered_cache_behavior block of \S+ whose path_pattern is "([^"]+)"', place)
    if m:
        return item("ordered_cache_behavior", "path_pattern", m.group(1))
    for name in ("viewer_certificate", "default_cache_behavior", "alias"):
        if place.startswith("the %s block of" % name):
            return item(name)
    return values


def apply_tf(plan, finding):
    patch, place = parse_hcl(finding["patch"]["text"]), finding["patch"]["place"]
    address = finding["patch"]["resource"]
    targets = []
    for rc in plan["resource_changes"]:
        if rc["address"] == address:
            targets.append((rc["change"]["after"], rc["change"].get("after_unknown")))

    def walk(module):
        for r in module.get("resources", []):
            if r["address"] == address:
                targets.append((r["values"], None))
        for child in module.get("child_modules", []):
            walk(child)
    walk(plan["planned_values"]["root_module"])
    if not targets:
        raise AssertionError("no resource %s in the plan" % address)
    for values, unknown in targets:
        block = tf_block(values, place)
        if block is not values:  # arguments of one nested block
            block.update(patch)
            continue
        for name, value in patch.items():
            if name == "ordered_cache_behavior":  # a new block, before the others
                values[name] = copy.deepcopy(value) + values.get(name, [])
                if isinstance(unknown, dict) and isinstance(unknown.get(name), list):
                    unknown[name] = [{}] + unknown[name]
            else:
                values[name] = value
                if isinstance(unknown, dict):
                    unknown.pop(name, None)
    # configuration: the resource's expressions, where they are constants
    local = address.split("[")[0]
    for res in config_resources(plan["configuration"]["root_module"]):
        if not local.endswith(res["address"]):
            continue
        exprs = tf_block(res["expressions"], place, expr=True)
        if exprs is not res["expressions"]:
            exprs.update({k: constant(v) for k, v in patch.items()})
            continue
        for name, value in patch.items():
            if name == "ordered_cache_behavior":
                exprs[name] = constant(value) + exprs.get(name, [])
            else:
                exprs[name] = constant(value)


def config_resources(module, prefix=""):
    for r in module.get("resources", []):
        yield dict(r, address=prefix + r["address"])
    for name, call in module.get("module_calls", {}).items():
        yield from config_resources(call["module"], prefix + "module.%s." % name)


# --- CloudFormation ------------------------------------------------------------

def load_yaml_text(text):
    return yaml.load(text, Loader=yaml2json.CfnLoader)


def cfn_resource(template, address):
    """A resource by logical id, or an item of a RecordSetGroup (Group[3])."""
    m = re.fullmatch(r"(\S+)\[(\d+)\]", address)
    if m:
        return template["Resources"][m.group(1)]["Properties"]["RecordSets"][int(m.group(2))]
    return template["Resources"][address]["Properties"]


def apply_cfn(template, finding):
    patch, place = load_yaml_text(finding["patch"]["text"]), finding["patch"]["place"]
    props = cfn_resource(template, finding["patch"]["resource"])
    if place.startswith("AliasTarget of"):
        props["AliasTarget"].update(patch)
        return
    config = props["DistributionConfig"]

    def item(items, key, want):
        found = [x for x in items if x[key] == want]
        if not found:
            raise AssertionError("no item whose %s is %s" % (key, want))
        return found[0]
    m = re.search(r"Origins of \S+ whose Id is (\S+)", place)
    m2 = re.search(r"CustomOriginConfig of the origin (\S+) in", place)
    m3 = re.search(r"the item of DistributionConfig.CacheBehaviors of \S+ whose PathPattern is (\S+)",
                   place)
    if m:
        item(config["Origins"], "Id", m.group(1)).update(patch)
    elif m2:
        item(config["Origins"], "Id", m2.group(1))["CustomOriginConfig"].update(patch)
    elif m3:
        item(config["CacheBehaviors"], "PathPattern", m3.group(1)).update(patch)
    elif "new item of DistributionConfig.CacheBehaviors" in place:
        config["CacheBehaviors"] = patch + config.get("CacheBehaviors", [])
    elif place.startswith("DistributionConfig.ViewerCertificate of"):
        config["ViewerCertificate"].update(patch)
    elif place.startswith("DistributionConfig.DefaultCacheBehavior of"):
        config["DefaultCacheBehavior"].update(patch)
    elif place.startswith("DistributionConfig of"):
        config.update(patch)
    else:
        raise AssertionError("no rule here for where this patch goes: %s" % place)


def write_patched(path, out, findings):
    if path.endswith(".yaml"):
        doc = yaml2json.load(path)
        for f in findings:
            apply_cfn(doc, f)
        with open(out, "w") as fh:
            yaml.safe_dump(doc, fh, sort_keys=False)
    else:
        plan = json.load(open(path))
        for f in findings:
            apply_tf(plan, f)
        with open(out, "w") as fh:
            json.dump(plan, fh, separators=(",", ":"))


def main():
    binary = os.path.abspath(sys.argv[1])
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, rel, rule, *args in SEEDS + RULES:
            src = os.path.join(ROOT, rel)
            out = os.path.join(tmp, os.path.basename(rel))
            # a "no text:" patch says what to do instead: nothing to apply
            before = [f for f in lint(binary, src, args)
                      if f["rule"] == rule and f["patch"] and f["patch"]["text"]]
            if not before:
                print("FAIL %s: no %s finding with a patch" % (name, rule))
                failed += 1
                continue
            gone = {f["fingerprint"] for f in before}
            guarded = GUARDS.get(rule, ())
            errors_before = {f["fingerprint"] for f in lint(binary, src, args) if f["rule"] in guarded}
            # A patch may uncover the next one (/auth/* added, the bare
            # /auth still missed): apply until none of these is left.
            todo, path, rounds = before, src, 0
            while todo and rounds < 3:
                rounds += 1
                write_patched(path, out, todo)
                path = out
                left = [f for f in lint(binary, out, args) if f["fingerprint"] in gone]
                todo = [f for f in left if f["patch"] and f["patch"]["text"]]
            # the fix must not trade this error for another one
            # (AllViewerExceptHostHeader to a bare ELB name: 502)
            new = [f for f in lint(binary, out, args)
                   if f["rule"] in guarded and f["fingerprint"] not in errors_before]
            if left:
                print("FAIL %s: still %s" % (name, "; ".join(f["message"] for f in left)))
                failed += 1
            elif new:
                print("FAIL %s: the patch brings new errors: %s"
                      % (name, "; ".join("%s [%s]" % (f["message"], f["rule"]) for f in new)))
                failed += 1
            else:
                print("ok   %s: %d %s finding(s) gone after %d round(s) of patches"
                      % (name, len(before), rule, rounds))
    print("patches: %d passed, %d failed" % (len(SEEDS) + len(RULES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Validates real files against schemas/*.schema.json.

usage: python3 test/schema_check.py BIN      (BIN: the edgegate binary)

Checks, each one counted as passed or failed:
  - the three schemas are valid JSON Schema (draft 2020-12);
  - every rules/*.yml against rule.schema.json;
  - every example config (examples/**/.edgegate.yml, test/golden/*/.edgegate.yml,
    test/golden/*/in/**/.edgegate.yml, test/config-example.yml) against
    config.schema.json;
  - the --format json report of examples/ and of each test/golden/* case that
    exits 0 or 1 against report.schema.json, and `edgegate model` of the same
    inputs against model.schema.json;
  - self-checks: small rules and configs that the C loader rejects must be
    rejected by the schemas too (and the C loader is run on each to confirm
    it still agrees), a few it accepts must be accepted, and broken reports
    must be rejected.  Known differences between schema and loader are cases
    of their own, so a change on either side shows up here.

Prints "schemas: N passed, M failed" last and exits 1 on any failure.
Needs Debian's python3-jsonschema and python3-yaml.
"""
import copy
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover
    print("schema_check: %s (apt-get install python3-jsonschema python3-yaml)" % e,
          file=sys.stderr)
    print("schemas: 0 passed, 1 failed")
    sys.exit(1)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "schemas")


# --- YAML the way the C loader reads it --------------------------------------
# lint/yamldoc.c: only plain true/false (any case) are booleans, so YAML 1.1's
# yes/no/on/off stay strings, and timestamps are strings too.

class EgLoader(yaml.SafeLoader):
    pass


EgLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EgLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"),
    list("tTfF"))


def load_yaml(text):
    return yaml.load(text, Loader=EgLoader)


# --- bookkeeping --------------------------------------------------------------

passed = 0
failed = 0


def ok(label):
    global passed
    passed += 1
    if os.environ.get("VERBOSE"):
        print("ok   %s" % label)


def fail(label, why):
    global failed
    failed += 1
    print("FAIL %s: %s" % (label, why))


def rel(path):
    return os.path.relpath(path, ROOT)


def load_schema(name):
    path = os.path.join(SCHEMAS, name)
    try:
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        fail("schemas/" + name, "not a valid schema: %s" % str(e).splitlines()[0])
        return None
    ok("schemas/" + name)
    return jsonschema.Draft202012Validator(schema)


def first_error(validator, instance):
    """The most relevant error, or None when instance is valid."""
    err = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if err is None:
        return None
    where = "/".join(str(p) for p in err.absolute_path) or "(root)"
    return "%s: %s" % (where, err.message[:300])


def expect_valid(validator, instance, label):
    if validator is None:
        return
    why = first_error(validator, instance)
    if why:
        fail(label, why)
    else:
        ok(label)


def expect_invalid(validator, instance, label):
    if validator is None:
        return
    if first_error(validator, instance) is None:
        fail(label, "the schema accepts it, but should reject it")
    else:
        ok(label)


def check_yaml_file(validator, path):
    label = rel(path)
    try:
        with open(path, encoding="utf-8") as f:
            doc = load_yaml(f.read())
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        fail(label, "cannot read: %s" % str(e).splitlines()[0])
        return
    expect_valid(validator, doc, label)


# --- running the binary -------------------------------------------------------

def run(bin_path, args, cwd):
    env = dict(os.environ, NO_COLOR="1", EDGEGATE_RULES="")
    try:
        p = subprocess.run([bin_path] + args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "", str(e)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_output(validator, bin_path, args, cwd, label, ok_codes, what, skip_exit_2=True):
    """Runs edgegate and validates its JSON stdout.  skip_exit_2: an error
    case is the golden's to pin, not this check's."""
    code, out, errtext = run(bin_path, args, cwd)
    if code == 2 and skip_exit_2:
        if os.environ.get("VERBOSE"):
            print("skip %s: exits 2 (an error case)" % label)
        return
    if code not in ok_codes:
        last = (errtext.strip().splitlines() or [""])[-1]
        fail(label, "edgegate %s exited %s: %s" % (" ".join(args), code, last))
        return
    try:
        doc = json.loads(out)
    except ValueError as e:
        fail(label, "%s is not JSON: %s" % (what, e))
        return
    expect_valid(validator, doc, label)


def check_report(validator, bin_path, args, cwd, label, skip_exit_2):
    check_output(validator, bin_path, args, cwd, label, (0, 1), "report", skip_exit_2)


def model_args(args):
    """args of a golden case turned into `edgegate model`: the same inputs
    and ingest options, without the report and gate options."""
    out = ["model"]
    takes = ("--format", "--fail-on", "--color", "--output", "--baseline", "--write-baseline",
             "--evidence", "--today", "--rules", "--unknown-severity")
    i = 1
    while i < len(args):
        a = args[i]
        if a in takes:
            i += 2
            continue
        if a.startswith(tuple(t + "=" for t in takes)) or a in ("--no-color", "--no-default-rules"):
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def check_model(validator, bin_path, args, cwd, label):
    check_output(validator, bin_path, args, cwd, label, (0,), "model")


def check_route(validator, bin_path, args, cwd, label):
    """A route case, forced to JSON."""
    args = [a for a in args if a != "--no-color"]
    if "--format" not in args:
        args = args[:1] + ["--format", "json"] + args[1:]
    check_output(validator, bin_path, args, cwd, label, (0,), "route output")


def json_args(args):
    """args of a golden case with the report forced to JSON, failing never."""
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--format", "--fail-on", "--color"):
            i += 2
            continue
        if a.startswith(("--format=", "--fail-on=", "--color=")) or a == "--no-color":
            i += 1
            continue
        out.append(a)
        i += 1
    return out[:1] + ["--format", "json", "--fail-on", "never"] + out[1:]


# --- self-checks --------------------------------------------------------------

# A plan with one production distribution without aliases: one finding.
PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.5.7",
    "resource_changes": [{
        "address": "aws_cloudfront_distribution.site",
        "mode": "managed",
        "type": "aws_cloudfront_distribution",
        "name": "site",
        "change": {
            "actions": ["create"],
            "before": None,
            "after": {
                "aliases": [],
                "enabled": True,
                "tags": {"Environment": "production"},
                "origin": [{
                    "origin_id": "web",
                    "domain_name": "web-prod.s3.amazonaws.com",
                    "origin_path": "",
                    "s3_origin_config": [{"origin_access_identity": ""}],
                    "custom_origin_config": [],
                }],
                "default_cache_behavior": [{
                    "target_origin_id": "web",
                    "allowed_methods": ["GET", "HEAD"],
                    "cached_methods": ["GET", "HEAD"],
                    "viewer_protocol_policy": "redirect-to-https",
                }],
                "ordered_cache_behavior": [],
            },
            "after_unknown": {},
        },
    }],
}

BASE_RULE = """\
id: schema-check
title: Schema check rule
severity: error
description: A rule for the schema self-checks.
remediation: Nothing to do.
references: [https://example.com/doc]
scope: distribution
assert: {attribute: aliases, operator: not_empty}
message: "{address} has no aliases"
"""

ROUTE_RULE = """\
id: schema-check
title: Schema check rule
severity: warning
description: A rule for the schema self-checks.
remediation: Nothing to do.
references: [https://example.com/doc]
scope: route
routes: [{path: /auth/*, methods: [POST, PUT]}]
where:
  any:
    in: distribution.origins
    that: {attribute: kind, operator: not_in, value: [s3, s3-website]}
assert:
  - {attribute: serving.allowed_methods, operator: contains_all, value: {attribute: methods}}
  - {attribute: serving.target_kind, operator: not_in, value: [s3, origin-group]}
at: serving
message:
  - when: {attribute: shadowed_by, operator: exists}
    text: "{path} is shadowed by '{shadowed_by.path_pattern}'"
  - text: "{methods} {path}: only {serving.allowed_methods}"
unknown:
  severity: note
  message: cannot verify {path}
"""


def setter(*pairs):
    """A mutation that sets key paths ('a.b.0.c') to values; None deletes."""
    def mutate(doc):
        for path, value in pairs:
            keys = [int(k) if k.isdigit() else k for k in path.split(".")]
            node = doc
            for k in keys[:-1]:
                node = node[k]
            if value is None:
                del node[keys[-1]]
            else:
                node[keys[-1]] = value
        return doc
    return mutate


# (label, base, mutation, C loader accepts, schema accepts)
# Where the two verdicts differ the case documents a known difference.
RULE_CASES = [
    ("rule: base", BASE_RULE, setter(), True, True),
    ("rule: route rule with cases, quantifier, reference", ROUTE_RULE, setter(), True, True),
    ("rule: plain list means and", BASE_RULE,
     setter(("assert", [{"attribute": "aliases", "operator": "not_empty"},
                        {"attribute": "enabled", "operator": "is_true"}])), True, True),
    ("rule: or, not, all, none", BASE_RULE,
     setter(("assert", {"or": [
         {"not": {"attribute": "environment", "operator": "equals", "value": "production"}},
         {"all": {"in": "origins", "that": {"attribute": "kind", "operator": "equals",
                                            "value": "s3"}}},
         {"none": {"in": "behaviors", "that": {"attribute": "allowed_methods",
                                               "operator": "contains", "value": "POST"}}}]})),
     True, True),
    ("rule: count_at_most with a number", BASE_RULE,
     setter(("assert", {"attribute": "origin_environments", "operator": "count_at_most",
                        "value": 1})), True, True),
    ("rule: empty unknown, tags, brace escapes", BASE_RULE,
     setter(("unknown", {}), ("tags", ["alias"]), ("message", "{{literal}} {address}")),
     True, True),
    ("rule: single fallback message case", BASE_RULE,
     setter(("message", [{"text": "{address}"}])), True, True),
    ("rule: patch with filters and places by language", BASE_RULE,
     setter(("patch", [{"when": {"attribute": "aliases", "operator": "empty"},
                        "place": {"terraform": "in {address}", "cloudformation": "in {address}"},
                        "terraform": "aliases = {dns_records.host|json}\n",
                        "cloudformation": "Aliases: {dns_records.host|json}\n"},
                       {"place": "no text: move it"}])), True, True),
    # rejected by both
    ("rule: patch without place", BASE_RULE, setter(("patch", {"terraform": "x = 1\n"})),
     False, False),
    ("rule: patch with an unknown language", BASE_RULE,
     setter(("patch", {"place": "p", "pulumi": "x"})), False, False),
    ("rule: unknown key", BASE_RULE, setter(("severty", "error")), False, False),
    ("rule: bad operator", BASE_RULE,
     setter(("assert", {"attribute": "aliases", "operator": "is_empty"})), False, False),
    ("rule: missing references", BASE_RULE, setter(("references", None)), False, False),
    ("rule: empty references", BASE_RULE, setter(("references", [])), False, False),
    ("rule: bad severity", BASE_RULE, setter(("severity", "fatal")), False, False),
    ("rule: bad id", BASE_RULE, setter(("id", "Schema_Check")), False, False),
    ("rule: bad scope", BASE_RULE, setter(("scope", "bucket")), False, False),
    ("rule: empty title", BASE_RULE, setter(("title", "")), False, False),
    ("rule: routes outside scope route", BASE_RULE,
     setter(("routes", [{"path": "/api/*", "methods": ["POST"]}])), False, False),
    ("rule: unknown HTTP method", ROUTE_RULE, setter(("routes.0.methods", ["FETCH"])),
     False, False),
    ("rule: route without methods", ROUTE_RULE, setter(("routes.0.methods", None)),
     False, False),
    ("rule: empty and", BASE_RULE, setter(("assert", {"and": []})), False, False),
    ("rule: and mixed with attribute", BASE_RULE,
     setter(("assert", {"and": [{"attribute": "aliases", "operator": "empty"}],
                        "attribute": "aliases"})), False, False),
    ("rule: empty condition", BASE_RULE, setter(("assert", {})), False, False),
    ("rule: value on exists", BASE_RULE,
     setter(("assert", {"attribute": "aliases", "operator": "exists", "value": "x"})),
     False, False),
    ("rule: equals without value", BASE_RULE,
     setter(("assert", {"attribute": "environment", "operator": "equals"})), False, False),
    ("rule: in with one value", BASE_RULE,
     setter(("assert", {"attribute": "environment", "operator": "in", "value": "dev"})),
     False, False),
    ("rule: equals with a list", BASE_RULE,
     setter(("assert", {"attribute": "environment", "operator": "equals",
                        "value": ["dev"]})), False, False),
    ("rule: count_at_most with a word", BASE_RULE,
     setter(("assert", {"attribute": "aliases", "operator": "count_at_most",
                        "value": "one"})), False, False),
    ("rule: reference with extra key", BASE_RULE,
     setter(("assert", {"attribute": "aliases", "operator": "contains_all",
                        "value": {"attribute": "origin_kinds", "x": 1}})), False, False),
    ("rule: path ends with a dot", BASE_RULE,
     setter(("assert", {"attribute": "aliases.", "operator": "not_empty"})), False, False),
    ("rule: quantifier without that", BASE_RULE,
     setter(("assert", {"any": {"in": "origins"}})), False, False),
    ("rule: quantifier with extra key", BASE_RULE,
     setter(("assert", {"any": {"in": "origins", "that": {"attribute": "kind",
                                                          "operator": "exists"},
                                "where": "x"}})), False, False),
    ("rule: last message case has when", BASE_RULE,
     setter(("message", [{"when": {"attribute": "enabled", "operator": "is_true"},
                          "text": "x"}])), False, False),
    ("rule: two fallback message cases", BASE_RULE,
     setter(("message", [{"text": "a"}, {"text": "b"}])), False, False),
    ("rule: message case with extra key", BASE_RULE,
     setter(("message", [{"text": "a", "level": "note"}])), False, False),
    ("rule: message case with its own severity", BASE_RULE,
     setter(("message", [{"text": "a", "severity": "note"}])), True, True),
    ("rule: message case with a bad severity", BASE_RULE,
     setter(("message", [{"text": "a", "severity": "fatal"}])), False, False),
    ("rule: unterminated brace in message", BASE_RULE, setter(("message", "{address")),
     False, False),
    ("rule: lone closing brace in message", BASE_RULE, setter(("message", "a } b")),
     False, False),
    ("rule: unknown with extra key", BASE_RULE,
     setter(("unknown", {"severity": "note", "text": "x"})), False, False),
    ("rule: unknown severity never", BASE_RULE, setter(("unknown", {"severity": "never"})),
     False, False),
    # known differences
    ("rule: lower-case method (loader accepts, schema wants upper case)", ROUTE_RULE,
     setter(("routes.0.methods", ["post"])), True, False),
    ("rule: number as title (loader reads every scalar as text)", BASE_RULE,
     setter(("title", 42)), True, False),
    ("rule: null value", BASE_RULE,
     setter(("assert", {"attribute": "environment", "operator": "equals", "value": None})),
     False, False),
    ("rule: quoted number for count_at_most (loader parses the text)", BASE_RULE,
     setter(("assert", {"attribute": "aliases", "operator": "count_at_most", "value": "1"})),
     True, False),
    ("rule: unknown attribute (only the loader knows attributes)", BASE_RULE,
     setter(("assert", {"attribute": "alias", "operator": "not_empty"})), False, True),
    ("rule: operator on wrong type (only the loader knows types)", BASE_RULE,
     setter(("assert", {"attribute": "aliases", "operator": "is_true"})), False, True),
]

FULL_CONFIG = """\
fail_on: warning
unknown_severity: note
routes:
  - {path: /auth/*, methods: [POST, PUT]}
  - path: /api/*
environments:
  tag_keys: [Environment, Stage]
  tokens:
    staging: [stg, stage]
    qa: [qa]
  resources:
    - {match: "module.prod.*", environment: production}
rules:
  production-without-aliases: {enabled: false}
  write-route-unreachable: {severity: warning, enabled: True}
  alias-claimed-twice: {}
select:
  rules: [write-route-*]
  tags: [outage]
skip:
  rules: [alias-move-gap]
  tags: [hygiene]
waivers:
  - rule: production-without-aliases
    resource: "module.legacy.*"
    reason: retired in TICKET-12
    expires: 2027-01-31
  - {rule: alias-claimed-twice, resource: aws_cloudfront_distribution.old, reason: cut-over}
"""

# (label, YAML text, C loader accepts, schema accepts)
CONFIG_CASES = [
    ("config: every key", FULL_CONFIG, True, True),
    ("config: empty file", "", True, True),
    ("config: fail_on never, no routes", "fail_on: never\nroutes: []\n", True, True),
    ("config: unknown key", "fail_on: error\nfail_at: error\n", False, False),
    ("config: bad fail_on", "fail_on: always\n", False, False),
    ("config: unknown_severity never", "unknown_severity: never\n", False, False),
    ("config: route without path", "routes: [{methods: [POST]}]\n", False, False),
    ("config: route with extra key", "routes: [{path: /a/*, method: POST}]\n", False, False),
    ("config: unknown HTTP method", "routes: [{path: /a/*, methods: [SEND]}]\n",
     False, False),
    ("config: empty methods", "routes: [{path: /a/*, methods: []}]\n", False, False),
    ("config: empty tag_keys", "environments: {tag_keys: []}\n", False, False),
    ("config: unknown environments key", "environments: {tags: [Env]}\n", False, False),
    ("config: tokens not a list", "environments: {tokens: {dev: devel}}\n", False, False),
    ("config: resource without environment",
     "environments: {resources: [{match: 'a*'}]}\n", False, False),
    ("config: rule setting with extra key",
     "rules: {production-without-aliases: {enabled: false, level: note}}\n", False, False),
    ("config: enabled yes (YAML 1.1 only)",
     "rules: {production-without-aliases: {enabled: yes}}\n", False, False),
    ("config: rule severity never",
     "rules: {production-without-aliases: {severity: never}}\n", False, False),
    # known difference: the loader checks the id names a loaded rule
    ("config: setting for a rule that is not loaded (only the loader knows)",
     "rules: {no-such-rule: {enabled: false}}\n", False, True),
    ("config: select not a mapping", "select: [outage]\n", False, False),
    ("config: select with an unknown key", "select: {tag: [outage]}\n", False, False),
    ("config: skip tags not a list", "skip: {tags: hygiene}\n", False, False),
    ("config: skip with an empty rule", "skip: {rules: ['']}\n", False, False),
    # known difference: only the loader knows which ids and tags are loaded
    ("config: select a tag no rule has (only the loader knows)",
     "select: {tags: [outge]}\n", False, True),
    ("config: waiver without reason",
     "waivers: [{rule: alias-claimed-twice, resource: x}]\n", False, False),
    ("config: waiver with empty reason",
     "waivers: [{rule: alias-claimed-twice, resource: x, reason: ''}]\n", False, False),
    ("config: waiver without resource",
     "waivers: [{rule: alias-claimed-twice, reason: r}]\n", False, False),
    ("config: waiver with an unknown key",
     "waivers: [{rule: alias-claimed-twice, resource: x, reason: r, until: 2027-01-01}]\n",
     False, False),
    ("config: waiver expiry not a date",
     "waivers: [{rule: alias-claimed-twice, resource: x, reason: r, expires: next week}]\n",
     False, False),
    ("config: waiver expiry 2027-13-01",
     "waivers: [{rule: alias-claimed-twice, resource: x, reason: r, expires: 2027-13-01}]\n",
     False, False),
    ("config: waivers not a list",
     "waivers: {rule: alias-claimed-twice, resource: x, reason: r}\n", False, False),
    # known differences: only the loader knows loaded rules and calendars
    ("config: waiver for a rule that is not loaded (only the loader knows)",
     "waivers: [{rule: no-such-rule, resource: x, reason: r}]\n", False, True),
    ("config: waiver expiry 2027-02-30 (only the loader knows calendars)",
     "waivers: [{rule: alias-claimed-twice, resource: x, reason: r, expires: 2027-02-30}]\n",
     False, True),
]

FINDING = {
    "rule": "production-without-aliases",
    "title": "Production distribution has no aliases",
    "category": None,
    "severity": "error",
    "cannot_verify": False,
    "message": "production distribution x has no aliases",
    "resource": None,
    "stack": None,
    "construct_path": None,
    "file": None,
    "line": 0,
    "column": 0,
    "pointer": None,
    "distribution": None,
    "also_described_by": [],
    "environment": None,
    "environment_source": None,
    "remediation": "Set the aliases.",
    "patch": None,
    "fingerprint": "0123456789abcdef0123456789abcdef",
    "suppressed": None,
    "expired_waiver": None,
}


def c_verdict(bin_path, args, tmp):
    """True when the binary accepts the rule or config, False when it reports
    the error, None (and a failure) when something else happened."""
    code, _, errtext = run(bin_path, args, tmp)
    if code in (0, 1):
        return True
    if code == 2 and " error: " in errtext:
        return False
    return None


def self_checks(bin_path, rule_v, config_v, report_v):
    tmp = tempfile.mkdtemp(prefix="edgegate-schema.")
    try:
        with open(os.path.join(tmp, "plan.json"), "w", encoding="utf-8") as f:
            json.dump(PLAN, f)
        rule_path = os.path.join(tmp, "rule.yml")
        for label, base, mutate, c_ok, schema_ok in RULE_CASES:
            doc = mutate(load_yaml(base))
            with open(rule_path, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=1)  # JSON is YAML
            c = c_verdict(bin_path, ["lint", "--no-default-rules", "--rules", rule_path,
                                     "--format", "json", "--fail-on", "never", "plan.json"],
                          tmp)
            if c is None:
                fail(label, "the C loader neither accepted nor rejected it")
            elif c != c_ok:
                fail(label, "the C loader %s it (this check expects it to %s): update "
                     "the schema or this case" % ("accepts" if c else "rejects",
                                                  "accept" if c_ok else "reject"))
            if schema_ok:
                expect_valid(rule_v, doc, label)
            else:
                expect_invalid(rule_v, doc, label)

        config_path = os.path.join(tmp, "config.yml")
        for label, text, c_ok, schema_ok in CONFIG_CASES:
            with open(config_path, "w", encoding="utf-8") as f:
                f.write(text)
            c = c_verdict(bin_path, ["lint", "--config", config_path, "--format", "json",
                                     "--fail-on", "never", "plan.json"], tmp)
            if c is None:
                fail(label, "the C loader neither accepted nor rejected it")
            elif c != c_ok:
                fail(label, "the C loader %s it (this check expects it to %s): update "
                     "the schema or this case" % ("accepts" if c else "rejects",
                                                  "accept" if c_ok else "reject"))
            doc = load_yaml(text)
            if schema_ok:
                expect_valid(config_v, doc, label)
            else:
                expect_invalid(config_v, doc, label)

        # reports: a real one with a finding, then broken copies of it
        code, out, errtext = run(bin_path, ["lint", "--format", "json", "--fail-on", "never",
                                            "plan.json"], tmp)
        try:
            report = json.loads(out)
        except ValueError:
            fail("report: self-check plan", "exit %s, no JSON report: %s" % (code, errtext.strip()))
            return
        if not report.get("findings"):
            fail("report: self-check plan", "expected a finding in the report")
        expect_valid(report_v, report, "report: self-check plan")
        synthetic = copy.deepcopy(report)
        synthetic["findings"] = [FINDING]
        expect_valid(report_v, synthetic, "report: finding with nulls")
        broken = [
            ("report: missing summary", lambda r: r.pop("summary")),
            ("report: extra top-level key", lambda r: r.update(extra=1)),
            ("report: summary missing passed", lambda r: r["summary"].pop("passed")),
            ("report: negative count", lambda r: r["summary"].update(errors=-1)),
            ("report: finding severity never",
             lambda r: r["findings"][0].update(severity="never")),
            ("report: finding missing pointer", lambda r: r["findings"][0].pop("pointer")),
            ("report: finding with extra key", lambda r: r["findings"][0].update(url="x")),
            ("report: null title", lambda r: r["findings"][0].update(title=None)),
            ("report: unknown category",
             lambda r: r["findings"][0].update(category="deploy")),
            ("report: summary missing a category",
             lambda r: r["summary"]["by_category"].pop("hygiene")),
            ("report: unknown input format", lambda r: r["inputs"][0].update(format="cdk")),
            ("report: also_described_by without format",
             lambda r: r["findings"][0].update(also_described_by=[{"file": "a", "line": 1,
                                                                   "column": 1}])),
        ]
        for label, mutate in broken:
            r = copy.deepcopy(synthetic)
            mutate(r)
            expect_invalid(report_v, r, label)
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


EVIDENCE_CONFIG = """\
waivers:
  - rule: production-without-aliases
    resource: aws_cloudfront_distribution.*
    reason: aliases move in the next change (CHG-7)
    expires: 2030-01-01
  - {rule: alias-claimed-twice, resource: nothing.here, reason: stale}
"""


def evidence_checks(bin_path, report_v, evidence_v):
    """Evidence and a report with waivers and a baseline follow their
    schemas, and two runs give the same evidence apart from the time."""
    tmp = tempfile.mkdtemp(prefix="edgegate-evidence.")
    try:
        with open(os.path.join(tmp, "plan.json"), "w", encoding="utf-8") as f:
            json.dump(PLAN, f)
        with open(os.path.join(tmp, ".edgegate.yml"), "w", encoding="utf-8") as f:
            f.write(EVIDENCE_CONFIG)
        code, _, errtext = run(bin_path, ["lint", "--write-baseline", "base.json", "plan.json"], tmp)
        if code != 0:
            fail("evidence: write baseline", "exit %s: %s" % (code, errtext.strip()))
            return
        records = []
        for i in range(2):
            code, out, errtext = run(bin_path, ["lint", "--today", "2026-11-23", "--baseline",
                                                "base.json", "--evidence", "ev%d.json" % i,
                                                "--format", "json", "plan.json"], tmp)
            if code != 0:
                fail("evidence: run %d" % i, "exit %s: %s" % (code, errtext.strip()))
                return
            report = json.loads(out)
            expect_valid(report_v, report, "report: waived, unused waiver (run %d)" % i)
            with open(os.path.join(tmp, "ev%d.json" % i), encoding="utf-8") as f:
                records.append(json.load(f))
            expect_valid(evidence_v, records[-1], "evidence: run %d" % i)
        if not any(w["state"] == "applied" for w in records[0]["waivers"]) or \
                not any(w["state"] == "unused" for w in records[0]["waivers"]):
            fail("evidence: waivers", "expected an applied and an unused waiver")
        for r in records:
            r.pop("time")
        if records[0] != records[1]:
            fail("evidence: determinism", "two runs over the same inputs differ")
        else:
            ok("evidence: two runs are identical apart from time")
        bad = copy.deepcopy(records[0])
        bad["decision"] = "maybe"
        expect_invalid(evidence_v, bad, "evidence: unknown decision")
        bad = copy.deepcopy(records[0])
        bad["inputs"][0]["sha256"] = "abc"
        expect_invalid(evidence_v, bad, "evidence: short digest")
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


# --- main ---------------------------------------------------------------------

def has_json(d):
    for _, _, files in os.walk(d):
        if any(f.endswith(".json") for f in files):
            return True
    return False


def main():
    if len(sys.argv) != 2:
        print("usage: python3 test/schema_check.py BIN", file=sys.stderr)
        return 2
    bin_path = os.path.abspath(sys.argv[1])
    if not os.access(bin_path, os.X_OK):
        print("schema_check: %s is not an executable" % sys.argv[1], file=sys.stderr)
        return 2

    rule_v = load_schema("rule.schema.json")
    config_v = load_schema("config.schema.json")
    report_v = load_schema("report.schema.json")
    evidence_v = load_schema("evidence.schema.json")
    model_v = load_schema("model.schema.json")
    route_v = load_schema("route.schema.json")

    rules = sorted(glob.glob(os.path.join(ROOT, "rules", "*.yml")) +
                   glob.glob(os.path.join(ROOT, "rules", "*.yaml")))
    if not rules:
        fail("rules/", "no rule files found")
    for path in rules:
        check_yaml_file(rule_v, path)

    configs = set(glob.glob(os.path.join(ROOT, "examples", "**", ".edgegate.yml"),
                            recursive=True))
    configs.update(glob.glob(os.path.join(ROOT, "test", "golden", "*", ".edgegate.yml")))
    configs.update(glob.glob(os.path.join(ROOT, "test", "golden", "*", "in", "**",
                                          ".edgegate.yml"), recursive=True))
    example = os.path.join(ROOT, "test", "config-example.yml")
    if os.path.isfile(example):
        configs.add(example)
    for path in sorted(configs):
        check_yaml_file(config_v, path)

    # reports: examples/ as a whole, and each example folder with its own config
    examples = os.path.join(ROOT, "examples")
    if os.path.isdir(examples) and has_json(examples):
        check_report(report_v, bin_path, ["lint", "--format", "json", "--fail-on", "never",
                                          "."], examples, "report: examples/", False)
        for cfg in sorted(c for c in configs if c.startswith(examples + os.sep)):
            d = os.path.dirname(cfg)
            if d != examples and has_json(d):
                check_report(report_v, bin_path, ["lint", "--format", "json", "--fail-on",
                                                  "never", "."], d,
                             "report: %s/" % rel(d), False)
    for case in sorted(glob.glob(os.path.join(ROOT, "test", "golden", "*", ""))):
        case = case.rstrip(os.sep)
        args = ["lint", "in"]
        args_file = os.path.join(case, "args")
        if os.path.isfile(args_file):
            with open(args_file, encoding="utf-8") as f:
                args = shlex.split(f.read())
        elif not os.path.isdir(os.path.join(case, "in")):
            continue
        if args and args[0] == "route" and route_v:
            check_route(route_v, bin_path, args, case, "route: %s" % rel(case))
            continue
        if not args or args[0] != "lint":
            continue
        check_report(report_v, bin_path, json_args(args), case, "report: %s" % rel(case), True)
        if model_v:
            check_model(model_v, bin_path, model_args(args), case, "model: %s" % rel(case))

    if rule_v and config_v and report_v:
        self_checks(bin_path, rule_v, config_v, report_v)
    if report_v and evidence_v:
        evidence_checks(bin_path, report_v, evidence_v)

    print("schemas: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

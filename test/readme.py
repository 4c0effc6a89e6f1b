#!/usr/bin/env python3
"""README.md's examples, checked against the real binary (make test).

usage: test/readme.py build/edgegate [README.md ...]

Every fenced block of README.md (and of the other files named) is taken as
a newcomer would copy it:

- a block after `<!-- readme-sample: exit N -->` is a sample run: its first
  line is `$ COMMAND`, the rest is COMMAND's exact stdout, and COMMAND must
  exit N (`make ...` runs without MAKEFLAGS, from the repository root);
- ```yaml blocks must parse.  A rule file loads with `--rules`, a config
  (or a `waivers:` excerpt) with `--config`, a CloudFormation resource
  fragment is put into the CloudFormation example's Distribution and linted;
  an Action step names only inputs of action.yml, a .pre-commit-config.yaml
  only the hook ids of .pre-commit-hooks.yaml; neither names a tag or
  version of edgegate that the repository does not have;
- shell blocks (```, ```sh, ```bash, ```console whose first line is a
  command): every option given to edgegate is one `edgegate --help` lists,
  every `make TARGET` is a target of the Makefile.  An edgegate command
  whose files all exist in the repository runs, and must not exit 2; under
  a `$ ` prompt the lines that follow must appear in its output (`...`
  matches anything).  Blocks that need the cloud (aws, terraform, cdk, npx,
  pulumi, sst) or files you would have (plan.json) are only checked for
  their options.
"""
import datetime
import os
import re
import shlex
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLOUD = {"aws", "terraform", "cdk", "npx", "pulumi", "sst", "cdktf", "serverless"}
COMMANDS = CLOUD | {"make", "edgegate", "build/edgegate", "git", "iconv", "jq"}
CONFIG_KEYS = {"fail_on", "unknown_severity", "routes", "session", "quotas", "environments",
               "rules", "select", "skip", "waivers", "tls_floor"}
# The options of edgegate that take a value, and those whose value is a
# file edgegate reads (so the command can run only when it exists) or writes
# (so it never runs here).
READS = {"--config", "--rules", "--baseline", "--param-file"}
WRITES = {"--output", "--write-baseline", "--evidence"}
VALUED = READS | WRITES | {"--format", "--method", "--fail-on", "--env", "--unknown-severity", "--today",
                           "--param", "--region", "--account", "--stack-name", "--color",
                           "--rule", "--tag", "--skip-rule", "--skip-tag"}
# What a config or rule example is linted with.
EXAMPLE = "examples/alias-swap/broken"
CFN_TEMPLATE = "examples/cfn-missing-auth-behavior/broken/template.yaml"

failures = []
counts = {"samples": 0, "yaml": 0, "ran": 0, "options-only": 0, "make": 0}


def fail(where, msg):
    failures.append("%s: %s" % (where, msg))


def blocks(path):
    """(line, lang, marker, text) of each fenced block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i, marker = 0, None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"<!-- readme-sample: exit (\d+)", line)
        if m:
            marker = int(m.group(1))
        fence = re.match(r"^(\s*)```(\w*)\s*$", line)
        if fence:
            indent, lang, start = fence.group(1), fence.group(2), i + 1
            body = []
            i += 1
            while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
                body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
                i += 1
            yield start, lang, marker, "\n".join(body) + "\n"
            marker = None
        elif line.strip() and not line.startswith("<!--"):
            marker = None
        i += 1


def help_options(bin_path):
    out = subprocess.run([bin_path, "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"(?<![\w-])(-v|--[a-z][a-z-]*)", out))


def make_targets():
    text = open(os.path.join(ROOT, "Makefile"), encoding="utf-8").read()
    return set(re.findall(r"^([a-z][a-z0-9-]*):", text, re.M))


def run(argv, cwd=ROOT, env=None):
    e = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        e.pop(k, None)
    e["NO_COLOR"] = "1"
    e.update(env or {})
    return subprocess.run(argv, cwd=cwd, env=e, capture_output=True, text=True, timeout=300)


def commands(text):
    """(command, output lines) pairs: `$ ` prompts, or every line a command."""
    lines = text.split("\n")
    prompted = any(l.startswith("$ ") for l in lines)
    out, cur = [], None
    joined = []
    for l in lines:
        if joined and joined[-1].endswith("\\"):
            joined[-1] = joined[-1][:-1] + " " + l.strip()
        elif joined and re.search(r"(&&|\|)\s*(#.*)?$", joined[-1]) and not prompted:
            joined[-1] = re.sub(r"\s*#.*$", "", joined[-1]) + " " + l.strip()
        else:
            joined.append(l)
    for l in joined:
        if prompted:
            if l.startswith("$ "):
                cur = (l[2:], [])
                out.append(cur)
            elif cur is not None and l.strip():
                cur[1].append(l)
        elif l.strip() and not l.lstrip().startswith("#"):
            out.append((l, []))
    return out


def is_shell(lang, text):
    if lang not in ("", "sh", "bash", "console", "shell"):
        return False
    first = next((l for l in text.split("\n") if l.strip()), "")
    if first.startswith("$ "):
        return True
    return first.split()[0] in COMMANDS if first.split() else False


def segments(cmd):
    """The simple commands of a line: split on &&, ||, ;, | (not inside quotes)."""
    try:
        lex = shlex.shlex(cmd, posix=True, punctuation_chars=True)
        lex.whitespace_split = True
        lex.commenters = "#"
        toks = list(lex)
    except ValueError as e:
        return None, str(e)
    segs, cur = [], []
    for t in toks:
        if t in ("&&", "||", ";", "|", "&"):
            segs.append(cur)
            cur = []
        else:
            cur.append(t)
    segs.append(cur)
    return [s for s in segs if s], None


def check_edgegate(where, argv, opts, cloud, bin_path, want_lines):
    """argv: edgegate's arguments (without the program name)."""
    args, positional, runnable, i = argv, [], not cloud, 0
    # explain's operand is a rule id, not a file
    ids_only = bool(args) and args[0] == "explain"
    if args and args[0] in ("lint", "model", "route", "graph", "rules", "explain"):
        args = args[1:]
    elif args and args[0] not in ("--version", "--help", "-h"):
        fail(where, "edgegate %s: not a command edgegate has" % args[0])
        return
    while i < len(args):
        a = args[i]
        if a.startswith("-") and a != "-":
            name = a.split("=", 1)[0]
            if name not in opts:
                fail(where, "edgegate option %s is not in `edgegate --help`" % name)
            if name in VALUED and "=" not in a:
                i += 1
                value = args[i] if i < len(args) else None
            else:
                value = a.split("=", 1)[1] if "=" in a else None
            if name in WRITES:
                runnable = False
            if name in READS and value and not os.path.exists(os.path.join(ROOT, value)):
                runnable = False
        else:
            positional.append(a)
            if ids_only:
                pass
            elif any(c in a for c in "*?[<>") or not os.path.exists(os.path.join(ROOT, a)):
                runnable = False
        i += 1
    if not runnable:
        counts["options-only"] += 1
        return
    r = run([bin_path] + argv)
    counts["ran"] += 1
    if r.returncode not in (0, 1):
        fail(where, "`edgegate %s` exited %d:\n%s%s" % (" ".join(argv), r.returncode, r.stdout, r.stderr))
        return
    got = (r.stdout + r.stderr).split("\n")
    for want in want_lines:
        pat = "^" + ".*".join(re.escape(p) for p in want.split("...")) + "$"
        if not any(re.match(pat, g) for g in got):
            fail(where, "`edgegate %s` does not print: %s" % (" ".join(argv), want))


def check_shell(where, text, opts, targets, bin_path):
    cmds = commands(text)
    cloud = False
    for cmd, _ in cmds:
        segs, _ = segments(cmd)
        for s in segs or []:
            if s[0] in CLOUD:
                cloud = True
    for cmd, output in cmds:
        segs, err = segments(cmd)
        if err:
            fail(where, "cannot split `%s` as a shell command: %s" % (cmd, err))
            continue
        for s in segs:
            prog = s[0]
            if prog in ("edgegate", "build/edgegate"):
                check_edgegate(where, s[1:], opts, cloud, bin_path, output)
            elif prog == "make":
                counts["make"] += 1
                for t in s[1:]:
                    if not t.startswith("-") and "=" not in t and t not in targets:
                        fail(where, "make %s: the Makefile has no target %s" % (t, t))
            elif prog.startswith("-"):
                fail(where, "`%s` is not a command (a `|` meant as \"or\"?)" % " ".join(s))


def check_sample(where, text, want_exit, bin_path):
    counts["samples"] += 1
    lines = text.rstrip("\n").split("\n")
    if not lines[0].startswith("$ "):
        fail(where, "a readme-sample block starts with `$ COMMAND`")
        return
    argv = shlex.split(lines[0][2:])
    if argv[0] == "make":
        argv = ["make", "--no-print-directory"] + argv[1:]
    elif argv[0] == "build/edgegate":
        argv[0] = bin_path
    r = run(argv)
    want = "\n".join(lines[1:]) + "\n"
    if r.returncode != want_exit:
        fail(where, "`%s` exited %d, the README says %d:\n%s" % (lines[0][2:], r.returncode, want_exit, r.stderr))
    if r.stdout != want:
        import difflib
        diff = "".join(difflib.unified_diff(want.splitlines(True), r.stdout.splitlines(True),
                                            "README.md", "real run"))
        fail(where, "the sample output of `%s` differs from a real run:\n%s" % (lines[0][2:], diff))


def lint_with(where, bin_path, flag, content, name, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        r = run([bin_path, "lint", flag, path] + list(extra) + [EXAMPLE])
        if r.returncode not in (0, 1):
            fail(where, "edgegate lint %s <this block> %s exited %d:\n%s" % (flag, EXAMPLE, r.returncode, r.stderr))
        return r


def check_dates(where, text):
    today = datetime.date.today().isoformat()
    for d in re.findall(r"expires:\s*(\d{4}-\d{2}-\d{2})", text):
        if d <= today:
            # Not a failure: a test that breaks on a date is worse than a
            # stale example.  Printed so the next edit picks a later date.
            print("readme: note: %s: the example waiver expires on %s, which is past" % (where, d))


def check_yaml(where, text, bin_path):
    counts["yaml"] += 1
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        fail(where, "not valid YAML: %s" % e)
        return
    check_dates(where, text)
    if not isinstance(doc, dict):
        fail(where, "a YAML example that is not a mapping")
        return
    keys = set(doc)
    if "id" in keys and "scope" in keys:
        lint_with(where, bin_path, "--rules", text, doc["id"] + ".yml")
    elif keys <= CONFIG_KEYS:
        lint_with(where, bin_path, "--config", text, ".edgegate.yml")
    elif "repos" in keys:
        hooks = {h["id"] for h in yaml.safe_load(open(os.path.join(ROOT, ".pre-commit-hooks.yaml")))}
        for repo in doc["repos"]:
            check_ref(where, str(repo.get("rev", "")))
            for h in repo.get("hooks", []):
                if h.get("id") not in hooks:
                    fail(where, "hook id %s is not in .pre-commit-hooks.yaml" % h.get("id"))
    elif "steps" in keys:
        inputs = set(yaml.safe_load(open(os.path.join(ROOT, "action.yml")))["inputs"])
        for step in doc["steps"]:
            uses = step.get("uses", "")
            if "edgegate" in uses:
                check_ref(where, uses.split("@", 1)[1] if "@" in uses else "")
                for k in step.get("with", {}):
                    if k not in inputs:
                        fail(where, "the action has no input %s (action.yml)" % k)
    elif len(doc) == 1 and isinstance(next(iter(doc.values())), dict) and \
            next(iter(doc.values())).get("Type") == "AWS::CloudFront::Distribution":
        check_cfn_fragment(where, text, next(iter(doc.values())), bin_path)
    else:
        fail(where, "a YAML block test/readme.py does not know how to check (keys %s)" % sorted(keys))


def check_ref(where, ref):
    """A tag or version of edgegate must exist; a placeholder is fine."""
    if not ref or ref.startswith("<") or re.fullmatch(r"[0-9a-f]{40}", ref):
        return
    tags = run(["git", "tag", "--list"]).stdout.split()
    if ref not in tags:
        fail(where, "names edgegate's %s, which is no tag of this repository" % ref)


def check_cfn_fragment(where, text, resource, bin_path):
    """Metadata of a Distribution: put it into the CloudFormation example."""
    meta = resource.get("Metadata")
    if not meta:
        return
    src = open(os.path.join(ROOT, CFN_TEMPLATE), encoding="utf-8").read()
    anchor = "  Distribution:\n    Type: AWS::CloudFront::Distribution\n"
    if anchor not in src:
        fail(where, "%s has no Distribution to put the example into" % CFN_TEMPLATE)
        return
    block = text[text.index("    Metadata:"):]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "template.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(src.replace(anchor, anchor + block.rstrip("\n") + "\n"))
        r = run([bin_path, "lint", "--today", "2026-01-01", path])
        if r.returncode != 0:
            fail(where, "the Metadata waiver, put into %s, does not waive its finding (exit %d):\n%s%s"
                 % (CFN_TEMPLATE, r.returncode, r.stdout[-800:], r.stderr))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bin_path = os.path.abspath(sys.argv[1])
    files = sys.argv[2:] or ["README.md"]
    opts = help_options(bin_path)
    targets = make_targets()
    for f in files:
        for line, lang, marker, text in blocks(os.path.join(ROOT, f)):
            where = "%s:%d" % (f, line)
            if marker is not None:
                check_sample(where, text, marker, bin_path)
            elif lang == "yaml":
                check_yaml(where, text, bin_path)
            elif is_shell(lang, text):
                check_shell(where, text, opts, targets, bin_path)
    for msg in failures:
        print("FAIL " + msg)
    print("readme: %d samples, %d YAML blocks, %d edgegate commands run, %d checked for options only, "
          "%d make commands; %d failures" % (counts["samples"], counts["yaml"], counts["ran"],
                                            counts["options-only"], counts["make"], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# make check-integrations: each integration checked by the real tool that
# consumes it, never by our own idea of the format.
#
#   action-validator  action.yml, .github/workflows/*.yml, examples/github/*.yml
#   pre-commit        pre-commit try-repo runs the hook of .pre-commit-hooks.yaml:
#                     fails on a broken plan with the finding shown, passes on
#                     the fixed one, skips .env.template, and a staged
#                     cdk.out template brings its whole assembly
#   man               lint/edgegate.1 renders with groff -ww without a warning,
#                     and documents every option of edgegate --help
#   sarif             --format sarif passes Microsoft's SARIF validator with
#                     GitHub's ingestion rules (Sarif.Multitool, npm)
#   junit             --format junit validates against schemas/junit.xsd (xmllint)
#   mermaid           every mermaid diagram edgegate prints (graph goldens, the
#                     ```mermaid blocks of golden GitHub summaries, edgegate
#                     graph of each example) parses and renders with the real
#                     mermaid (npm) in Debian's headless chromium; a broken
#                     diagram rendered beside them must fail
#   dot               edgegate graph --format dot (goldens and each example)
#                     renders with Graphviz dot -Tsvg without a warning
#
# Installs what is missing: Debian packages with apt-get (as root or with
# passwordless sudo), npm packages into build/integrations/node.  A tool that
# cannot be installed is a failure, never a skip.
#
# usage: test/integrations.sh build/edgegate
#        EG_INTEGRATIONS_ONLY=sarif,junit test/integrations.sh build/edgegate
set -euo pipefail

ALL_CHECKS="action-validator pre-commit man sarif junit mermaid dot"
# The example whose broken plan trips production-without-aliases.
EXAMPLE=examples/alias-swap
EXAMPLE_RULE=production-without-aliases
# Pinned: the versions these checks were written against.
NPM_SARIF=@microsoft/sarif-multitool-linux@5.7.0
NPM_ACTIONLINT=@action-validator/cli@0.6.0
NPM_MERMAID=mermaid@11.17.2

[ $# -eq 1 ] || { echo "usage: $0 path/to/edgegate" >&2; exit 2; }
[ -x "$1" ] || { echo "check-integrations: FAILED: $1 is not an executable (run make first)" >&2; exit 1; }
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_DIR=$ROOT/build/integrations/node
MULTITOOL=$NODE_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
ACTION_VALIDATOR=$NODE_DIR/node_modules/.bin/action-validator
MERMAID_JS=$NODE_DIR/node_modules/mermaid/dist/mermaid.min.js
WORK=$(mktemp -d "${TMPDIR:-/tmp}/edgegate-integrations.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

die() { echo "check-integrations: FAILED: $*" >&2; exit 1; }

# --- which checks ----------------------------------------------------------
CHECKS=$ALL_CHECKS
if [ -n "${EG_INTEGRATIONS_ONLY:-}" ]; then
  CHECKS=$(echo "$EG_INTEGRATIONS_ONLY" | tr ',' ' ')
  for c in $CHECKS; do
    case " $ALL_CHECKS " in *" $c "*) ;; *) die "EG_INTEGRATIONS_ONLY: unknown check '$c' (known: $ALL_CHECKS)" ;; esac
  done
  echo "check-integrations: only $CHECKS (EG_INTEGRATIONS_ONLY)"
fi
selected() { case " $CHECKS " in *" $1 "*) return 0 ;; esac; return 1; }

# --- install what is missing -----------------------------------------------
# command -> Debian package, for the selected checks only.
debs=""
need_cmd() { command -v "$1" >/dev/null 2>&1 || debs="$debs $2"; }
need_npm=""
if selected action-validator; then need_npm="$need_npm $NPM_ACTIONLINT"; fi
if selected sarif; then need_npm="$need_npm $NPM_SARIF"; need_cmd python3 python3; fi
if selected pre-commit; then need_cmd pre-commit pre-commit; need_cmd git git; fi
if selected man; then need_cmd groff groff; fi
if selected junit; then need_cmd xmllint libxml2-utils; fi
if selected mermaid; then need_npm="$need_npm $NPM_MERMAID"; need_cmd chromium chromium; need_cmd node nodejs; fi
if selected dot; then need_cmd dot graphviz; fi
if [ -n "$need_npm" ]; then need_cmd npm npm; fi

if [ -n "$debs" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
  else die "cannot install$debs: not root and no passwordless sudo. Run:
  sudo apt-get update && sudo apt-get install -y$debs"
  fi
  echo "check-integrations: installing$debs with apt-get"
  # env: sudo resets the environment; $debs is one word per package.
  # shellcheck disable=SC2086
  if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $debs; } \
      >"$WORK/apt.log" 2>&1; then
    tail -20 "$WORK/apt.log" >&2
    die "cannot install$debs: apt-get failed (above). Run:
  sudo apt-get update && sudo apt-get install -y$debs"
  fi
fi

npm_have() {
  case "$1" in
    "$NPM_SARIF") [ -f "$MULTITOOL" ] ;;
    "$NPM_ACTIONLINT") [ -x "$ACTION_VALIDATOR" ] ;;
    "$NPM_MERMAID") [ -f "$MERMAID_JS" ] ;;
  esac
}
npm_missing=""
for p in $need_npm; do npm_have "$p" || npm_missing="$npm_missing $p"; done
if [ -n "$npm_missing" ]; then
  echo "check-integrations: installing$npm_missing into $NODE_DIR with npm"
  mkdir -p "$NODE_DIR"
  # shellcheck disable=SC2086  # one word per package
  if ! npm install --prefix "$NODE_DIR" --no-audit --no-fund $npm_missing >"$WORK/npm.log" 2>&1; then
    tail -20 "$WORK/npm.log" >&2
    die "cannot install$npm_missing: npm install failed (above)"
  fi
  for p in $npm_missing; do npm_have "$p" || die "cannot install $p: npm install left no executable behind"; done
fi
# The package's postinstall (chmod u+x) does not run where npm holds back
# install scripts; the native binary must be executable all the same.
if selected sarif; then chmod u+x "$MULTITOOL"; fi

# --- the checks --------------------------------------------------------------
# Each runs in a subshell with errexit, its output in a log that is shown on
# failure.  The last line it prints is the detail of a PASS.

check_action_validator() {
  local f n=0
  for f in action.yml .github/workflows/*.yml .github/workflows/*.yaml examples/github/*.yml; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    if ! "$ACTION_VALIDATOR" "$f"; then
      echo "action-validator: $f is not valid (errors above)"
      return 1
    fi
  done
  # action.yml, the CI workflow and the two examples at least.
  if [ "$n" -lt 4 ]; then echo "expected at least 4 files to validate, found $n"; return 1; fi
  echo "$n files valid"
}

# try-repo clones a git repository.  On a repository with uncommitted
# changes it commits only the tracked files' changes, so a new, not yet
# committed hook file would be invisible: the hook file as it is in the work
# tree is committed to a scratch hook repository instead.
check_pre_commit() {
  local hooks=$WORK/hook-repo user=$WORK/user-repo out=$WORK/pre-commit.out rc
  scratch_repo() {
    git init -q "$1"
    git -C "$1" config user.name "edgegate check-integrations"
    git -C "$1" config user.email "check-integrations@edgegate.invalid"
    git -C "$1" config commit.gpgsign false
  }
  scratch_repo "$hooks"
  cp .pre-commit-hooks.yaml "$hooks/"
  git -C "$hooks" add .pre-commit-hooks.yaml
  git -C "$hooks" commit -q -m "edgegate hook"

  scratch_repo "$user"
  cp "$EXAMPLE/broken/plan.json" "$user/plan.json"
  git -C "$user" add plan.json
  git -C "$user" commit -q -m "broken plan"

  # language: system runs the edgegate on PATH, as after make install.
  mkdir -p "$WORK/bin" "$WORK/pre-commit-home"
  ln -sf "$BIN" "$WORK/bin/edgegate"
  try_repo() {
    (cd "$user" && PATH="$WORK/bin:$PATH" EDGEGATE_RULES="$ROOT/rules" \
      PRE_COMMIT_HOME="$WORK/pre-commit-home" \
      pre-commit try-repo --color never "$hooks" edgegate --files "${@:-plan.json}")
  }

  rc=0; try_repo >"$out" 2>&1 || rc=$?
  cat "$out"
  if [ "$rc" -eq 0 ]; then echo "the hook passed on $EXAMPLE/broken/plan.json; it must fail"; return 1; fi
  if ! grep -q "\[$EXAMPLE_RULE\]" "$out"; then echo "the hook failed without the finding [$EXAMPLE_RULE] on screen"; return 1; fi

  cp "$EXAMPLE/fixed/plan.json" "$user/plan.json"
  git -C "$user" commit -q -am "fixed plan"
  rc=0; try_repo >"$out" 2>&1 || rc=$?
  cat "$out"
  if [ "$rc" -ne 0 ]; then echo "the hook failed on $EXAMPLE/fixed/plan.json (exit $rc); it must pass"; return 1; fi
  if ! grep -q "^edgegate.*Passed" "$out"; then echo "pre-commit did not report the edgegate hook as Passed"; return 1; fi

  # A non-IaC file whose name ends in .template is not the hook's business.
  printf 'DATABASE_URL=postgres://localhost/app\nSECRET_KEY=change-me\n' >"$user/.env.template"
  git -C "$user" add .env.template
  git -C "$user" commit -q -m "env template"
  rc=0; try_repo .env.template >"$out" 2>&1 || rc=$?
  cat "$out"
  if [ "$rc" -ne 0 ]; then echo "the hook failed on .env.template (exit $rc); it must not run on it"; return 1; fi
  if ! grep -q "^edgegate.*Skipped" "$out"; then echo "the hook ran on .env.template; the default files: must not match it"; return 1; fi

  # A staged template of a CDK cloud assembly brings the whole assembly: the
  # canary's template alone has no finding, the production stack beside it has.
  cp -r test/cdk/cdk.out "$user/cdk.out"
  git -C "$user" add cdk.out
  git -C "$user" commit -q -m "cdk synth"
  rc=0; try_repo cdk.out/PortalCanary.template.json >"$out" 2>&1 || rc=$?
  cat "$out"
  if [ "$rc" -eq 0 ]; then echo "the hook passed on cdk.out/PortalCanary.template.json; its assembly must fail"; return 1; fi
  if ! grep -q "PortalProduction/" "$out"; then echo "the hook did not lint the assembly of the staged template (no PortalProduction finding)"; return 1; fi
  echo "fails on $EXAMPLE/broken with [$EXAMPLE_RULE], passes on $EXAMPLE/fixed, skips .env.template, lints a staged cdk.out template's whole assembly"
}

check_man() {
  local warn=$WORK/groff.err opt missing=""
  groff -man -Tutf8 -ww -z lint/edgegate.1 2>"$warn"
  if [ -s "$warn" ]; then cat "$warn"; echo "groff warns about lint/edgegate.1 (above)"; return 1; fi
  # -P-cbou: plain text, no escape sequences or overstrikes to grep through.
  groff -man -Tutf8 -P-cbou lint/edgegate.1 2>/dev/null | grep -q "^EXIT STATUS" ||
    { echo "lint/edgegate.1 renders without an EXIT STATUS section"; return 1; }
  # Every long option that --help lists is described in the man page.
  for opt in $("$BIN" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" lint/edgegate.1 || missing="$missing $opt"
  done
  if [ -n "$missing" ]; then echo "lint/edgegate.1 does not describe:$missing"; return 1; fi
  echo "groff -ww: no warnings; every --help option documented"
}

# The runs both reporters are checked on: NAME EXIT DIR ARGS..., run in DIR
# (so report paths are relative to it, as in CI).  Failing and passing
# examples, the golden case with odd characters in the file name and
# messages, and one with a waiver in force, an expired one, an unused one
# and a "cannot verify" finding.
report_runs() {
  local d
  for d in examples/*/broken; do echo "$(basename "$(dirname "$d")")-broken 1 . lint $d"; done
  for d in examples/*/fixed; do echo "$(basename "$(dirname "$d")")-fixed 0 . lint $d"; done
  echo "escaping 0 test/golden/github-escaping lint --no-default-rules --rules rules in"
  echo "waivers 0 test/golden/sarif-waivers lint --today 2026-06-01 in"
}

# Writes $WORK/NAME.EXT with --format FORMAT for each run and lists the
# names in $WORK/FORMAT.runs; fails on an unexpected exit status or an empty
# report.
report_each() {
  local format=$1 ext=$2 name want dir rc args_line
  local -a args
  while read -r name want dir args_line; do
    read -r -a args <<<"$args_line"
    rc=0
    (cd "$dir" && EDGEGATE_RULES="$ROOT/rules" "$BIN" "${args[0]}" --format "$format" "${args[@]:1}") \
      >"$WORK/$name.$ext" || rc=$?
    if [ "$rc" -ne "$want" ]; then
      echo "edgegate ${args[*]} --format $format (in $dir) exited $rc, expected $want"
      return 1
    fi
    [ -s "$WORK/$name.$ext" ] || { echo "--format $format wrote nothing for $name"; return 1; }
    echo "$name" >>"$WORK/$format.runs"
  done < <(report_runs)
}

# The validator exits 0 even when it finds problems: it writes them as a
# SARIF log of its own, which is what is counted.  Errors and warnings both
# fail (there are none with the pinned version); notes are listed.
check_sarif() {
  local name result rc n=0 counts
  report_each sarif sarif
  while read -r name; do
    result=$WORK/$name.result.sarif
    rc=0
    "$MULTITOOL" validate --rule-kind "Gh;Sarif" --output "$result" "$WORK/$name.sarif" \
      >"$WORK/validate.out" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] || [ ! -s "$result" ]; then
      cat "$WORK/validate.out"; echo "Sarif.Multitool validate failed to run on $name (exit $rc)"; return 1
    fi
    counts=$(python3 - "$result" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
errors = warnings = 0
for run in log.get("runs", []):
    for inv in run.get("invocations", []):
        if not inv.get("executionSuccessful", False):
            errors += 1
        for note in inv.get("toolConfigurationNotifications", []) + inv.get("toolExecutionNotifications", []):
            if note.get("level") == "error":
                errors += 1
    for r in run.get("results", []):
        level = r.get("level", "warning")  # SARIF's default level
        msg = r.get("message", {})
        print("  %s %s %s %s" % (level, r.get("ruleId"), msg.get("id", msg.get("text", "")),
                                 msg.get("arguments", "")), file=sys.stderr)
        errors += level == "error"
        warnings += level == "warning"
print(errors, warnings)
EOF
)
    # shellcheck disable=SC2086 # "errors warnings"
    set -- $counts
    if [ "$1" -ne 0 ] || [ "$2" -ne 0 ]; then
      echo "Sarif.Multitool validate --rule-kind Gh;Sarif on $name: $1 errors, $2 warnings (above)"
      return 1
    fi
    n=$((n + 1))
  done <"$WORK/sarif.runs"
  [ "$n" -ge 4 ] || { echo "expected at least 4 SARIF reports, validated $n"; return 1; }
  echo "Sarif.Multitool (Gh;Sarif): 0 errors, 0 warnings in $n reports"
}

check_junit() {
  local name n=0
  if [ ! -f schemas/junit.xsd ]; then echo "schemas/junit.xsd is missing"; return 1; fi
  report_each junit xml
  while read -r name; do
    xmllint --noout --schema schemas/junit.xsd "$WORK/$name.xml" ||
      { echo "xmllint --schema schemas/junit.xsd rejects the report for $name"; return 1; }
    n=$((n + 1))
  done <"$WORK/junit.runs"
  [ "$n" -ge 4 ] || { echo "expected at least 4 JUnit reports, validated $n"; return 1; }
  echo "valid against schemas/junit.xsd: $n reports"
}

# The graphs of every example, broken and fixed, and of the golden inputs
# with hostile and odd strings, as FORMAT: NAME.EXT in $WORK/graph-FORMAT/,
# one path a line on stdout.
example_graphs() {
  local format=$1 ext=$2 d name dir=$WORK/graph-$1
  mkdir -p "$dir"
  for d in examples/*/broken examples/*/fixed test/golden/report-hostile-strings/in \
      test/golden/github-escaping/in; do
    [ -d "$d" ] || continue
    case "$d" in
      test/golden/*) name=$(basename "$(dirname "$d")") ;;
      *) name=$(basename "$(dirname "$d")")-$(basename "$d") ;;
    esac
    EDGEGATE_RULES="$ROOT/rules" "$BIN" graph --format "$format" "$d" >"$dir/$name.$ext" ||
      { echo "edgegate graph --format $format $d exited $?" >&2; return 1; }
    [ -s "$dir/$name.$ext" ] || { echo "edgegate graph --format $format $d wrote nothing" >&2; return 1; }
    echo "$dir/$name.$ext"
  done
}

# Golden cases of edgegate graph that exit 0: with --format dot when $1 is
# dot, without it otherwise.  One expected file a line.
golden_graphs() {
  local d args
  for d in test/golden/*/; do
    if [ ! -f "$d/args" ] || [ ! -f "$d/expected" ]; then continue; fi
    [ "$(cat "$d/exit" 2>/dev/null || echo 0)" = 0 ] || continue
    args=$(tr '\n' ' ' <"$d/args")
    case "$args" in graph\ *) ;; *) continue ;; esac
    case "$args" in
      *"--format dot"*) [ "$1" = dot ] || continue ;;
      *) [ "$1" = mermaid ] || continue ;;
    esac
    echo "${d%/}/expected"
  done
}

# One page renders every diagram with mermaid.render() and writes one line
# per diagram into the DOM (EGMERMAID OK|FAIL name: error), which chromium
# --dump-dom prints.  A deliberately broken diagram (an unescaped " in a
# label) is rendered too and must FAIL: proof that errors are seen at all.
check_mermaid() {
  local dir=$WORK/mermaid f g name n=0 i dom=$WORK/mermaid.results bad
  mkdir -p "$dir"
  golden_graphs mermaid >"$WORK/mermaid.goldens"
  while read -r f; do
    name=$(basename "$(dirname "$f")")
    cp "$f" "$dir/golden-$name.mmd"
  done <"$WORK/mermaid.goldens"
  # Each ```mermaid block of a golden's expected output (GitHub summaries).
  for f in test/golden/*/expected; do
    grep -q '^```mermaid' "$f" || continue
    name=$(basename "$(dirname "$f")")
    awk -v out="$dir/summary-$name" '
      /^```mermaid/ { i++; p = 1; next }
      /^```/ && p { p = 0; next }
      p { print > (out "-" i ".mmd") }' "$f"
  done
  example_graphs mermaid mmd >"$WORK/mermaid.examples"
  while read -r g; do
    cp "$g" "$dir/example-$(basename "$g" .mmd).mmd"
  done <"$WORK/mermaid.examples"
  printf 'flowchart LR\n  a["a "quoted" label"] --> b\n' >"$dir/selftest-broken.mmd"

  node - "$dir" "$MERMAID_JS" >"$WORK/mermaid.html" <<'EOF'
const fs = require("fs"), path = require("path");
const [dir, js] = process.argv.slice(2);
const diagrams = fs.readdirSync(dir).filter(f => f.endsWith(".mmd")).sort()
  .map(f => ({ name: f.slice(0, -4), text: fs.readFileSync(path.join(dir, f), "utf8") }));
// < as \u003c: no diagram text can end the script element.
const data = JSON.stringify(diagrams).replace(/</g, "\\u003c");
process.stdout.write(`<!doctype html><html><head><meta charset="utf-8">
<script src="file://${js}"></script></head><body><pre id="results"></pre><script>
const diagrams = ${data};
const out = document.getElementById("results");
const say = line => out.appendChild(document.createTextNode("EGMERMAID " + line + "\\n"));
(async () => {
  if (typeof mermaid === "undefined") { say("FAIL page: mermaid.min.js did not load"); say("DONE"); return; }
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  let i = 0;
  for (const d of diagrams) {
    try {
      await mermaid.parse(d.text);
      const { svg } = await mermaid.render("eg" + i++, d.text);
      if (!svg.includes("<svg") || /Syntax error|aria-roledescription="error"/.test(svg))
        throw new Error("rendered an error diagram");
      say("OK " + d.name);
    } catch (e) {
      say("FAIL " + d.name + ": " + String(e && e.message || e).replace(/\\s+/g, " "));
    }
  }
  say("DONE");
})();
</script></body></html>
`);
EOF
  # chromium needs a writable profile and home; --no-sandbox as root.
  mkdir -p "$WORK/chromium-home"
  HOME=$WORK/chromium-home timeout 300 chromium --headless=new --no-sandbox --disable-gpu \
    --user-data-dir="$WORK/chromium-home/profile" --allow-file-access-from-files \
    --virtual-time-budget=60000 --dump-dom "file://$WORK/mermaid.html" >"$WORK/mermaid.dom" 2>"$WORK/chromium.err" ||
    { tail -20 "$WORK/chromium.err"; echo "chromium --headless --dump-dom failed (exit $?)"; return 1; }
  # One result a line, whatever markup precedes the first.
  sed 's/EGMERMAID /\nEGMERMAID /g' "$WORK/mermaid.dom" >"$dom"
  grep -q "^EGMERMAID DONE" "$dom" ||
    { tail -20 "$WORK/chromium.err"; echo "the page did not finish rendering (no EGMERMAID DONE in chromium's DOM)"; return 1; }
  grep -q "^EGMERMAID FAIL selftest-broken: " "$dom" ||
    { grep "^EGMERMAID" "$dom"; echo "the deliberately broken diagram did not fail: errors would go unseen"; return 1; }
  bad=$(grep "^EGMERMAID FAIL" "$dom" | grep -v "^EGMERMAID FAIL selftest-broken: " || true)
  if [ -n "$bad" ]; then
    echo "$bad"
    for f in $(echo "$bad" | sed -n 's/^EGMERMAID FAIL \([^:]*\):.*/\1/p'); do
      echo "--- $f.mmd"; cat "$dir/$f.mmd" 2>/dev/null || true
    done
    echo "mermaid rejects $(echo "$bad" | wc -l) diagram(s) (above)"; return 1
  fi
  n=$(grep -c "^EGMERMAID OK " "$dom" || true)
  i=$(find "$dir" -name '*.mmd' ! -name 'selftest-*' | wc -l)
  if [ "$n" -ne "$i" ]; then
    grep "^EGMERMAID" "$dom"; find "$dir" -name '*.mmd' | sort
    echo "rendered $n of $i diagrams (above)"; return 1
  fi
  [ "$n" -ge 10 ] || { echo "expected at least 10 mermaid diagrams, rendered $n"; return 1; }
  echo "mermaid $(node -p "require('$NODE_DIR/node_modules/mermaid/package.json').version") in $(chromium --version 2>/dev/null | head -1): $n diagrams render (the broken self-test fails)"
}

check_dot() {
  local f n=0 rc
  golden_graphs dot >"$WORK/dot.list"
  example_graphs dot dot >>"$WORK/dot.list"
  while read -r f; do
    rc=0
    dot -Tsvg "$f" >"$WORK/dot.svg" 2>"$WORK/dot.err" || rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$WORK/dot.err" ]; then
      cat "$WORK/dot.err"; cat "$f"
      echo "dot -Tsvg $f: exit $rc, $(wc -l <"$WORK/dot.err") line(s) on stderr (above)"; return 1
    fi
    grep -q "<svg" "$WORK/dot.svg" || { echo "dot -Tsvg $f wrote no SVG"; return 1; }
    n=$((n + 1))
  done <"$WORK/dot.list"
  [ "$n" -ge 5 ] || { echo "expected at least 5 dot graphs, rendered $n"; return 1; }
  echo "$(dot -V 2>&1 | head -1): $n graphs render without a warning"
}

# --- run and summarise -----------------------------------------------------
passed=0; failed=0; failed_names=""
for c in $CHECKS; do
  log=$WORK/$c.log
  set +e
  ( set -euo pipefail; "check_${c//-/_}" ) >"$log" 2>&1
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    echo "PASS  $c: $(tail -n 1 "$log")"
    passed=$((passed + 1))
  else
    echo "FAIL  $c:"
    sed 's/^/    /' "$log"
    echo "FAIL  $c: $(tail -n 1 "$log")"
    failed=$((failed + 1)); failed_names="$failed_names $c"
  fi
done

if [ "$failed" -gt 0 ]; then
  echo "check-integrations: FAILED:$failed_names"
fi
echo "check-integrations: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

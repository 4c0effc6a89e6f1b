#!/bin/sh
# make bench: how fast edgegate reads large inputs, side by side with the
# obvious alternatives, in one run.  Prints figures and ratios; asserts
# nothing (timing in tests is flaky).  Each figure is the median of RUNS
# (default 3) runs; CPU is user+sys, RSS is the peak resident set (a mapped
# input counts).  Ends with one table: each goal, the figure of this run,
# and whether it is met.
#
# usage: bench.sh BIN [JANSSON_LOAD]   (SIZE_MB=100, RUNS=3, TMPDIR)
set -eu
bin=$1
jload=${2:-}
size_mb=${SIZE_MB:-100}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=${TMPDIR:-/tmp}/edgegate-bench
mkdir -p "$work"
goals=$work/goals
: >"$goals"

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing (apt-get install time): no CPU or RSS figures" >&2
	exit 1
fi

# measure NAME CMD...: median of $runs runs; sets cpu, wall, rss (MB).
measure() {
	name=$1
	shift
	: >"$work/runs"
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
		# the last line: a failing command adds "Command exited with ..." first
		tail -n 1 "$work/time" |
			awk '{ printf "%.3f %.3f %.1f\n", $1 + $2, $3, $4 / 1024 }' >>"$work/runs"
		i=$((i + 1))
	done
	cpu=$(sort -n -k1 "$work/runs" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	wall=$(sort -n -k2 "$work/runs" | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
	rss=$(sort -n -k3 "$work/runs" | awk '{ a[NR] = $3 } END { print a[int((NR + 1) / 2)] }')
	printf 'bench:   %-28s %7s s CPU %7s s wall %7s MB peak RSS\n' "$name" "$cpu" "$wall" "$rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "inf" }'; }
# goal ROW FIGURE OP LIMIT UNIT
goal() { echo "$1|$2|$3|$4|$5" >>"$goals"; }

echo "bench: $(uname -m), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), median of $runs runs"

# --- a large plan: few distributions, many small other resources --------------
plan=$work/plan-${size_mb}mb-objects.json
seed=$here/../examples/alias-claimed-twice/fixed/plan.json
[ -f "$plan" ] || python3 "$here/bench/big_plan.py" "$seed" "$size_mb" "$plan"
bytes=$(wc -c <"$plan")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
echo "bench: $(basename "$plan"): $mb MB, $(grep -o '"type":"aws_cloudfront_distribution"' "$plan" | wc -l) distributions, $(grep -o '"type":"aws_s3_object"' "$plan" | wc -l) aws_s3_object entries"
measure "edgegate lint" "$bin" lint --fail-on never "$plan"
eg_cpu=$cpu eg_rss=$rss
if [ -n "$jload" ] && [ -x "$jload" ]; then
	measure "jansson json_load_file" "$jload" "$plan"
	echo "bench:   edgegate / json_load_file: $(ratio "$eg_cpu" "$cpu") of the CPU, $(ratio "$eg_rss" "$rss") of the RSS"
	goal "$mb MB plan: CPU relative to json_load_file" "$(ratio "$eg_cpu" "$cpu")" "<=" 0.10 "x"
else
	echo "bench:   (no json_load_file program: make bench builds build/bench/jansson_load)"
fi
if command -v jq >/dev/null 2>&1; then
	measure "jq -e length" jq -e length "$plan"
	echo "bench:   edgegate / jq: $(ratio "$eg_cpu" "$cpu") of the CPU"
else
	echo "bench:   (jq not installed: apt-get install jq)"
fi
# The goal is stated for 186 MB: RSS scales to it from the size measured.
goal "$mb MB plan: peak RSS (file mapping counted)" "$eg_rss" "<=" \
	"$(awk -v m="$mb" 'BEGIN { printf "%.0f", 150 * m / 186 }')" "MB"

# --- many distributions: cost per distribution ------------------------------
base=
for n in 50 200 1000; do
	many=$work/many-$n.json
	[ -f "$many" ] || python3 "$here/bench/many_dists.py" "$n" "$many"
	echo "bench: many distributions: $n in $(($(wc -c <"$many") / 1024 / 1024)) MB"
	measure "edgegate lint ($n)" "$bin" lint --fail-on never "$many"
	per=$(awk -v c="$cpu" -v n="$n" 'BEGIN { printf "%.3f", c * 1000 / n }')
	[ -n "$base" ] || base=$per
	echo "bench:   ${per} ms CPU per distribution ($(ratio "$per" "$base")x the cost at 50)"
done
goal "1,000 distributions: CPU" "$cpu" "<=" 0.5 "s"
goal "CPU per distribution, 1,000 vs 50" "$(ratio "$per" "$base")" "<=" 1.5 "x"

# --- CloudFormation: a 1 MB template, against cfn-lint ------------------------
tpl=$work/template-1mb.yaml
if [ ! -f "$tpl" ]; then
	python3 - "$here/cfn/missing-auth-behavior/broken.yaml" "$tpl" <<'PY'
import sys
seed, out = sys.argv[1], sys.argv[2]
text = open(seed).read()
head, res = text.split("\nResources:\n", 1)
parts = [head, "\nResources:\n"]
i = 0
while sum(len(p) for p in parts) < 1024 * 1024:
    parts.append("  Queue%d:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                 "      QueueName: !Sub 'portal-${Stage}-%d'\n"
                 "      Tags:\n        - Key: Environment\n          Value: !Ref Stage\n" % (i, i))
    i += 1
parts.append(res)
open(out, "w").write("".join(parts))
PY
fi
echo "bench: $(basename "$tpl"): $(($(wc -c <"$tpl") / 1024)) KB, $(grep -c 'Type: AWS::' "$tpl") resources"
measure "edgegate lint" "$bin" lint --fail-on never "$tpl"
eg_cpu=$cpu eg_wall=$wall
if command -v cfn-lint >/dev/null 2>&1; then
	# about a minute and a half a run here: once
	runs_was=$runs
	runs=1
	measure "cfn-lint (one run)" cfn-lint "$tpl"
	runs=$runs_was
	echo "bench:   edgegate / cfn-lint: $(ratio "$eg_cpu" "$cpu") of the CPU, $(ratio "$eg_wall" "$wall") of the wall time"
else
	echo "bench:   (cfn-lint not installed)"
fi

# --- a live account: 2,000 distributions and 2,000 Route 53 records ----------
live=$work/live-2000.json
zone=$work/route53-2000.json
[ -f "$live" ] || python3 "$here/bench/live_account.py" 2000 "$live" "$zone"
echo "bench: live account: $(basename "$live") $(($(wc -c <"$live") / 1024)) KB, $(basename "$zone") $(($(wc -c <"$zone") / 1024)) KB"
measure "edgegate lint" "$bin" lint --fail-on never "$live" "$zone"

# --- start-up ----------------------------------------------------------------
small=$here/../examples/missing-auth-behavior/broken/plan.json
# time(1) has 10 ms resolution: wall ms per run over 50 runs instead
per_run_ms() {
	start=$(date +%s%N)
	i=0
	while [ "$i" -lt 50 ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	echo "$start $(date +%s%N)" | awk '{ printf "%.2f", ($2 - $1) / 50 / 1000000 }'
}
v_ms=$(per_run_ms "$bin" --version)
s_ms=$(per_run_ms "$bin" lint --fail-on never "$small")
echo "bench: start-up: --version ${v_ms} ms wall, lint of $(basename "$(dirname "$(dirname "$small")")") ${s_ms} ms wall (mean of 50)"
goal "--version: wall" "$v_ms" "<=" 5 "ms"
goal "small plan: wall" "$s_ms" "<=" 5 "ms"

echo
printf '%-46s %10s %10s  %s\n' "goal" "measured" "goal" "met"
awk -F'|' '{ met = ($3 == "<=") ? ($2 + 0 <= $4 + 0) : ($2 + 0 >= $4 + 0)
	printf "%-46s %9s%s %7s %s%s  %s\n", $1, $2, ($5 == "x" ? "x" : " " $5), $3, $4, ($5 == "x" ? "x" : " " $5), met ? "yes" : "NO" }' "$goals"

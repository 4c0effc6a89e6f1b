#!/bin/sh
# make bench: how fast edgegate reads large plans.  Prints figures; asserts
# nothing (timing in tests is flaky).  Generates a plan of about SIZE_MB
# megabytes by repeating the resources of an example plan under new
# addresses, as big Terraform estates look: few distributions, many others.
set -eu
bin=$1
size_mb=${SIZE_MB:-100}
here=$(cd "$(dirname "$0")" && pwd)
work=${TMPDIR:-/tmp}/edgegate-bench
mkdir -p "$work"
plan=$work/plan-${size_mb}mb.json
seed=$(ls "$here"/../examples/*/fixed/plan.json | head -1)
if [ ! -f "$plan" ]; then
	python3 - "$seed" "$plan" "$size_mb" <<'PY'
import json, sys
seed, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
plan = json.load(open(seed))
changes = plan["resource_changes"]
filler = {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance",
          "name": "web", "provider_name": "registry.terraform.io/hashicorp/aws",
          "change": {"actions": ["create"], "before": None,
                     "after": {"ami": "ami-0abcdef1234567890", "instance_type": "t3.micro",
                               "tags": {"Name": "web", "Environment": "production"},
                               "user_data": "x" * 2000},
                     "after_unknown": {"id": True, "arn": True}}}
one = len(json.dumps(filler, separators=(",", ":")))
n = size_mb * 1024 * 1024 // one
extra = []
for i in range(n):
    f = dict(filler)
    f["address"] = 'module.fleet[%d].aws_instance.web' % i
    extra.append(f)
plan["resource_changes"] = extra[: n // 2] + changes + extra[n // 2:]
with open(out, "w") as fh:
    json.dump(plan, fh, separators=(",", ":"))
    fh.write("\n")
PY
fi
bytes=$(wc -c <"$plan")
echo "bench: $(basename "$plan"): $((bytes / 1024 / 1024)) MB, $(grep -o '"type":"aws_cloudfront_distribution"' "$plan" | wc -l) distributions"
for run in 1 2 3; do
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %M" -o "$work/time" "$bin" lint --fail-on never "$plan" >/dev/null
		read -r secs kb <"$work/time"
		rss="peak RSS $((kb / 1024)) MB"
	else # Debian package 'time' not installed: wall time only
		start=$(date +%s.%N)
		"$bin" lint --fail-on never "$plan" >/dev/null
		secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
		rss="peak RSS not measured (apt-get install time)"
	fi
	echo "bench: run $run: ${secs} s, $(echo "$bytes $secs" | awk '{ if ($2 > 0) printf "%.0f", $1 / 1048576 / $2; else print "inf" }') MB/s, $rss"
done

# CloudFormation: a template as large as CloudFormation accepts (1 MB from
# S3), YAML with short tags, many resources around one distribution.
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
bytes=$(wc -c <"$tpl")
echo "bench: $(basename "$tpl"): $((bytes / 1024)) KB, $(grep -c 'Type: AWS::' "$tpl") resources"
for run in 1 2 3; do
	start=$(date +%s.%N)
	"$bin" lint --fail-on never "$tpl" >/dev/null
	secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.3f", $2 - $1 }')
	echo "bench: run $run: ${secs} s"
done

# Live state: a list-distributions output against a Route 53 zone of 30,000
# alias records (records are matched by host, not pair by pair).
zone=$work/route53-30k.json
if [ ! -f "$zone" ]; then
	python3 - "$zone" <<'PY'
import json, sys
sets = [{"Name": "h%d.example.com." % i, "Type": "A", "AliasTarget": {
    "HostedZoneId": "Z2FDTNDATAQYW2", "DNSName": "d1prod4n8xk2ql.cloudfront.net.",
    "EvaluateTargetHealth": False}} for i in range(30000)]
json.dump({"ResourceRecordSets": sets}, open(sys.argv[1], "w"), indent=4)
PY
fi
live=$here/../examples/live-alias-swap/fixed/live.json
echo "bench: $(basename "$zone"): $(($(wc -c <"$zone") / 1024)) KB, 30000 records, with $(basename "$live")"
for run in 1 2 3; do
	start=$(date +%s.%N)
	"$bin" lint --fail-on never "$live" "$zone" >/dev/null
	secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.3f", $2 - $1 }')
	echo "bench: run $run: ${secs} s"
done

# Many distributions: N distributions, each with 20 behaviors, a Route 53
# alias record and a finding, at 50, 200 and 1,000.  CPU seconds per
# distribution should stay flat (nothing compares every pair or walks the
# file again per finding); the ratio to the 50-distribution cost says so.
cpu() { # best user+sys seconds of three runs of "$bin lint" on $1
	best=
	for run in 1 2 3; do
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f "%U %S" -o "$work/time" "$bin" lint --fail-on never "$1" >/dev/null
			s=$(awk '{ printf "%.3f", $1 + $2 }' "$work/time")
		else
			start=$(date +%s.%N)
			"$bin" lint --fail-on never "$1" >/dev/null
			s=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.3f", $2 - $1 }')
		fi
		best=$(awk -v b="$best" -v s="$s" 'BEGIN { print (b == "" || s < b) ? s : b }')
	done
	echo "$best"
}
base=
for n in 50 200 1000; do
	many=$work/many-$n.json
	[ -f "$many" ] || python3 "$here/bench/many_dists.py" "$n" "$many"
	secs=$(cpu "$many")
	per=$(echo "$secs $n" | awk '{ printf "%.2f", $1 * 1000 / $2 }')
	[ -n "$base" ] || base=$per
	echo "bench: many distributions: $n in $(($(wc -c <"$many") / 1024 / 1024)) MB: ${secs} s CPU, ${per} ms per distribution ($(echo "$per $base" | awk '{ printf "%.2f", ($2 > 0) ? $1 / $2 : 0 }')x the cost at 50)"
done

#!/bin/sh
# make fuzz: runs each libFuzzer target for $2 seconds (FUZZ_SECONDS) from
# seeds copied into the build directory at run time: test/golden/*/in,
# examples/ and rules/ (and ../shared/corpus when it is there; never
# committed).  A crash leaves crash-* in $1/<target>/ and fails the run.
set -u
build=$1 seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$root/../shared/corpus
cd "$root" || exit 2
status=0
seed() { # seed DIR FILES...: copies regular files under 1 MB into DIR
	dir=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		[ "$(wc -c <"$f")" -le 1048576 ] || continue
		cp "$f" "$dir/$(echo "$f" | tr '/ ' '__')" 2>/dev/null
	done
}
for target in ingest rules config; do
	work=$build/$target
	mkdir -p "$work/corpus"
	case $target in
	ingest)
		seed "$work/corpus" $(find test/golden/*/in examples test/cfn test/cdk -type f \
			\( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.template' -o -name '*.tfstate' \))
		[ -d "$shared" ] && seed "$work/corpus" $(find "$shared" -type f)
		;;
	rules)
		seed "$work/corpus" rules/*.yml $(find test/golden -path '*/rules/*.yml')
		;;
	config)
		seed "$work/corpus" $(find test/golden examples -name '.edgegate.yml' -o -name '*.edgegate.yml')
		;;
	esac
	echo "== fuzz $target for ${seconds}s ($(ls "$work/corpus" | wc -l) inputs in $work/corpus)"
	EDGEGATE_RULES="$root/rules" "$build/fuzz-$target" -artifact_prefix="$work/" \
		-max_total_time="$seconds" -dict="test/fuzz/$target.dict" \
		-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		"$work/corpus" 2>"$work/fuzz.log"
	rc=$?
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^#[0-9]+.*DONE' "$work/fuzz.log" | tail -3
	if [ "$rc" != 0 ]; then
		echo "FAIL fuzz $target (exit $rc): see $work/fuzz.log and $work/crash-*"
		grep -E 'ERROR|runtime error|SUMMARY' "$work/fuzz.log" | head -5
		status=1
	fi
done
exit $status

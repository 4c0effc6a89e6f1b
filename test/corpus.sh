#!/bin/sh
# Runs the binary over real files in ../shared/corpus (read in place, never
# copied) and compares with the reviewed reports in test/corpus/.
#
# test/corpus/<dir>/<file>.txt is the reviewed text report for
# ../shared/corpus/<dir>/<file>, with the exit status as its last line.
# test/corpus/pairs/<name>.args lists corpus files linted together (live
# JSON with its records or its state); <name>.txt is their report.
# UPDATE=1 rewrites them: review every change before committing.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
corpus=${EDGEGATE_CORPUS:-$here/../../shared/corpus}
# A clone has no ../shared, so the suite is skipped there, loudly; CI always
# has it beside the clone, so under CI=true a missing corpus fails.
if [ ! -d "$corpus" ]; then
	{
		echo "************************************************************************"
		echo "corpus: SKIPPED: $corpus not found"
		echo "corpus: the real-world corpus lives beside the repository in the team's"
		echo "corpus: workspace (../shared); this run did NOT check it"
		echo "************************************************************************"
	} >&2
	if [ "${CI:-}" = true ]; then
		echo "corpus: FAIL: CI=true and the corpus is missing" >&2
		exit 1
	fi
	exit 0
fi
corpus=$(cd "$corpus" && pwd)
pass=0 fail=0
# Every file of the formats edgegate reads must have a reviewed report.
for dir in terraform-plan terraform-state terraform-config large cloudformation cdk awscli pulumi; do
	for f in $(cd "$corpus" && ls "$dir" 2>/dev/null); do
		if [ ! -f "$here/corpus/$dir/$f.txt" ]; then
			if [ "${UPDATE:-}" = 1 ]; then
				mkdir -p "$here/corpus/$dir" && : >"$here/corpus/$dir/$f.txt"
			else
				echo "FAIL corpus $dir/$f: no reviewed report test/corpus/$dir/$f.txt"
				fail=$((fail + 1))
			fi
		fi
	done
done
for golden in $(cd "$here/corpus" && find . -name '*.txt' | sort); do
	rel=${golden#./}
	rel=${rel%.txt}
	inputs=$rel
	case $rel in pairs/*) inputs=$(cat "$here/corpus/$rel.args") ;; esac
	# shellcheck disable=SC2086 # a pair's inputs are separate words
	out=$(cd "$corpus" && NO_COLOR=1 EDGEGATE_RULES="$here/../rules" $bin lint --no-color $inputs 2>&1; echo "exit $?")
	if [ "${UPDATE:-}" = 1 ]; then
		printf '%s\n' "$out" >"$here/corpus/$rel.txt"
	fi
	if printf '%s\n' "$out" | diff -u "$here/corpus/$rel.txt" - >/tmp/corpus.$$.diff; then
		pass=$((pass + 1))
	else
		echo "FAIL corpus $rel"
		head -40 /tmp/corpus.$$.diff
		fail=$((fail + 1))
	fi
done
rm -f /tmp/corpus.$$.diff
echo "corpus: $pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/sh
# One picture, whatever the order: every golden case that names two or more
# inputs is run again with its inputs reversed and rotated, and a case that
# walks one directory is run with the directory's files named one by one,
# forwards and backwards.  Each run must print the same report and exit
# with the same status as the first.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")" && pwd)/golden
rules=$(cd "$(dirname "$0")/../rules" && pwd)
pass=0 fail=0 tmp=${TMPDIR:-/tmp}/order.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# run DIR OUT ARGS...: the report and exit status, as golden.sh runs it
run() {
	dir=$1 out=$2
	shift 2
	# shellcheck disable=SC2086 # env holds separate words
	(cd "$dir/$cwd" && env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u GITHUB_WORKSPACE NO_COLOR=1 \
		EDGEGATE_RULES="$rules" $envs "$bin" "$@" >"$out" 2>&1; echo "exit $?" >>"$out")
	rm -f "$dir"/output.* "$dir/step-summary.md"
}

# same CASE WHAT ARGS...: one more order, compared with $tmp/first
same() {
	what=$1
	shift
	run "$dir" "$tmp/other" "$@"
	if diff -u "$tmp/first" "$tmp/other" >"$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "FAIL order $case ($what): the report depends on the order of the inputs"
		head -30 "$tmp/diff"
		fail=$((fail + 1))
	fi
}

for dir in "$root"/*/; do
	case=$(basename "$dir")
	dir=${dir%/}
	args="lint --no-color in"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	cwd=.
	[ -f "$dir/cwd" ] && cwd=$(cat "$dir/cwd")
	envs=
	[ -f "$dir/env" ] && envs=$(sed "s|@GOLDEN@|$root|g" "$dir/env")
	# Split the arguments into options (with their values) and inputs.
	opts= inputs= n=0 takes=
	# shellcheck disable=SC2086 # args are separate words
	set -- $args
	[ "${1:-}" = lint ] || continue
	shift
	for w in "$@"; do
		if [ -n "$takes" ]; then
			opts="$opts $w" takes=
			continue
		fi
		case $w in
		--format | --output | --fail-on | --config | --rules | --env | --unknown-severity | \
			--param | --param-file | --region | --account | --stack-name | --baseline | \
			--write-baseline | --evidence | --today | --color | --rule | --tag | --skip-rule | \
			--skip-tag)
			opts="$opts $w" takes=1 ;;
		-*) opts="$opts $w" ;;
		*) inputs="$inputs $w" n=$((n + 1)) ;;
		esac
	done
	if [ "$n" -ge 2 ]; then
		# shellcheck disable=SC2086
		set -- $inputs
		first=$1
		shift
		rotated="$* $first"
		reversed=
		for w in $inputs; do reversed="$w $reversed"; done
		# shellcheck disable=SC2086
		run "$dir" "$tmp/first" lint $opts $inputs
		# shellcheck disable=SC2086
		same reversed lint $opts $reversed
		# shellcheck disable=SC2086
		[ "$n" -ge 3 ] && same rotated lint $opts $rotated
	elif [ "$n" = 1 ] && [ -d "$dir/$cwd/${inputs# }" ] && [ -z "$(find "$dir/$cwd/${inputs# }" -name manifest.json)" ]; then
		files=$(cd "$dir/$cwd" && find "${inputs# }" -type f \( -name '*.json' -o -name '*.yaml' -o \
			-name '*.yml' -o -name '*.template' -o -name '*.tfstate' \) | sort)
		[ "$(printf '%s\n' "$files" | grep -c .)" -ge 2 ] || continue
		# shellcheck disable=SC2086
		run "$dir" "$tmp/first" lint $opts $files
		# A walk skips what a command line refuses: nothing to compare.
		grep -q '^exit 2$' "$tmp/first" && continue
		reversed=
		for w in $files; do reversed="$w $reversed"; done
		# shellcheck disable=SC2086
		same "files named backwards" lint $opts $reversed
	fi
done
echo "order: $pass passed, $fail failed"
[ "$fail" = 0 ]

/* run.h - one lint run: config, rules, inputs, evaluation, report.
 *
 * This is the library's entry point; main.c only turns argv into
 * eg_run_options and the result into an exit code.  Everything a run
 * allocates is freed before eg_run returns.
 */
#ifndef EG_RUN_H
#define EG_RUN_H

#include "common.h"
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum eg_output_format {
	EG_OUTPUT_TEXT, EG_OUTPUT_JSON, EG_OUTPUT_GITHUB, EG_OUTPUT_SARIF, EG_OUTPUT_JUNIT,
} eg_output_format;

/* "text", "json", "github", "sarif", "junit"; false for anything else. */
bool eg_output_format_parse(const char *s, eg_output_format *out);

/* --output FORMAT=FILE: one more report, written to a file. */
typedef struct eg_output {
	eg_output_format format;
	const char *path;
} eg_output;

typedef struct eg_run_options {
	const char *const *paths;      /* files and directories to lint */
	size_t npaths;
	const char *builtin_rules;     /* the rule pack directory, or NULL for none */
	/* rule files parsed at build time (yamldoc.h), used for any rule file
	 * with the same name and bytes; borrowed, may be none */
	const struct eg_ydoc_prepared *prepared_rules;
	size_t nprepared_rules;
	const char *const *rule_dirs;  /* --rules: more rule files or directories */
	size_t nrule_dirs;
	const char *config_path;       /* --config; NULL: ./.edgegate.yml if it exists */
	const char *const *env_args;   /* --env ENV or PATTERN=ENV */
	size_t nenv_args;
	const char *const *param_args; /* --param NAME=VALUE */
	size_t nparam_args;
	const char *const *param_files; /* --param-file: CloudFormation parameters files */
	size_t nparam_files;
	const char *region, *account, *stack_name; /* CloudFormation pseudo parameters, or NULL */
	bool has_fail_on;              /* --fail-on beats the config */
	eg_severity fail_on;
	bool has_unknown_severity;
	eg_severity unknown_severity;
	eg_output_format format;       /* the report on `out` */
	const eg_output *outputs;      /* --output: more reports, to files */
	size_t noutputs;
	const char *baseline;          /* --baseline FILE: only new findings fail */
	const char *write_baseline;    /* --write-baseline FILE */
	const char *evidence;          /* --evidence FILE: audit record of the decision */
	const char *today;             /* YYYY-MM-DD for waiver expiry; NULL: today (UTC) */
	const char *root;              /* repository root for SARIF URIs; NULL: the cwd */
	long long evidence_time;       /* seconds since the epoch; <0: now */
	bool color;
	bool verbose;
	bool model_only;               /* `edgegate model`: print the model, no rules */
	const char *route_url;         /* `edgegate route`: explain this request (with
					  model_only), format text or json */
	const char *route_method;      /* its method; NULL: GET */
	bool list_rules;               /* `edgegate rules`: list the selected rules (text,
					  json or, with rules_markdown, Markdown), no inputs */
	bool rules_markdown;
	const char *explain_rule;      /* `edgegate explain ID`: print that rule (text or
					  json), no inputs */
	const char *const *select_args[EG_SELECT__COUNT]; /* --rule, --tag, --skip-rule,
							     --skip-tag, by eg_select_kind */
	size_t nselect_args[EG_SELECT__COUNT];
	const char *graph;             /* `edgegate graph`: "mermaid" or "dot" in place
					  of the report; the run then passes */
	FILE *out;                     /* the report; flushed, not closed */
	const char *out_name;          /* out in errors; NULL: "<stdout>" */
	const char *step_summary;      /* append a Markdown summary here (GitHub's
					  GITHUB_STEP_SUMMARY), or NULL */
	FILE *log;                     /* --verbose notes */
} eg_run_options;

typedef struct eg_run_result {
	bool failed;      /* findings at or above fail_on */
	size_t findings;
} eg_run_result;

/* Returns 0 when the run completed (whatever the gate decided), or an
 * error with err filled in: usage, input, rule or config, EG_ERR_IO when
 * a report could not be written whole (out included: full disk, closed
 * pipe), or EG_ERR_LIMIT when memory ran out (err names the file or
 * directory being read, if any).  Either way everything the run allocated
 * is given back (common.h, eg_mem_guard). */
int eg_run(const eg_run_options *o, eg_run_result *res, eg_error *err);

#endif

/* main.c - the edgegate command: arguments in, exit code out.
 *
 * Exit codes are public API: 0 the gate passed, 1 findings at or above
 * --fail-on, 2 a usage, input, rule or config error.
 */
#include "common.h"
#include "rulepack.h"
#include "run.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef EG_VERSION
#define EG_VERSION "0.0.0"
#endif
#ifndef EG_DATADIR
#define EG_DATADIR "/usr/local/share/edgegate"
#endif

static const char usage_text[] =
	"usage: edgegate lint [options] PATH...\n"
	"       edgegate model [options] PATH...   print the model edgegate builds (JSON)\n"
	"       edgegate route [--method M] URL PATH...   which distribution, behavior\n"
	"                                          and origin serve a request\n"
	"       edgegate graph [--format mermaid|dot] PATH...   hosts, records,\n"
	"                                          distributions, behaviors, origins\n"
	"       edgegate rules [--format text|json|markdown]   list the rules that\n"
	"                                          would run: id, severity, tags, title\n"
	"       edgegate explain [--format text|json] ID   one rule: what breaks, the\n"
	"                                          fix, references, a firing example\n"
	"       edgegate --version | --help\n"
	"\n"
	"Lints CloudFront distributions and DNS records.  Inputs, recognised from\n"
	"their content (never the name):\n"
	"  Terraform       plan and state: terraform show -json [plan.out]\n"
	"                  raw state: terraform state pull\n"
	"  CloudFormation  templates, JSON or YAML; CDK cloud assemblies (cdk.out,\n"
	"                  or a template inside one); SST v2 (.sst/dist)\n"
	"  AWS CLI         aws cloudfront get-distribution-config, get-distribution,\n"
	"                  list-distributions; aws route53 list-resource-record-sets\n"
	"  Pulumi          pulumi stack export, pulumi preview --json;\n"
	"                  SST v3 state: sst state export --stage NAME\n"
	"Directories are searched for *.json, *.yaml, *.yml, *.template and *.tfstate\n"
	"files; other files there are skipped (-v lists them).  - reads one input\n"
	"from stdin.\n"
	"\n"
	"options:\n"
	"  --format FORMAT          report on stdout: text (default), json, github\n"
	"                           (workflow annotations), sarif or junit\n"
	"  --method METHOD          route: the request's method (default GET)\n"
	"  --output FORMAT=FILE     also write a report to FILE (repeatable); FILE -\n"
	"                           is stdout, in place of the text report\n"
	"  --fail-on LEVEL          error, warning, note or never (default error)\n"
	"  --config FILE            settings (default: .edgegate.yml or .edgegate.yaml\n"
	"                           here or in a parent, up to the repository root)\n"
	"  --rules PATH             also load rule files from PATH (repeatable)\n"
	"  --no-default-rules       do not load the built-in rule pack\n"
	"  --rule ID                run only the rules whose id matches ID (a glob;\n"
	"                           repeatable; replaces select: in the config)\n"
	"  --tag TAG                run only the rules with a tag matching TAG (a glob;\n"
	"                           repeatable; with --rule, either selects)\n"
	"  --skip-rule ID           do not run the rules whose id matches ID (repeatable;\n"
	"                           adds to skip: in the config; beats --rule)\n"
	"  --skip-tag TAG           do not run the rules with a tag matching TAG\n"
	"  --env [PATTERN=]ENV      environment of distributions matching PATTERN\n"
	"                           (glob over address, id, alias, stack; repeatable)\n"
	"  --unknown-severity LEVEL severity of \"cannot verify\" findings\n"
	"                           (default warning; error makes unknowns fail)\n"
	"  --baseline FILE          fail only on findings not in FILE\n"
	"  --write-baseline FILE    record this run's findings in FILE (the run passes)\n"
	"  --evidence FILE          write an audit record of the decision (JSON)\n"
	"  --today YYYY-MM-DD       the date waivers expire against (default: today, UTC)\n"
	"CloudFormation:\n"
	"  --param NAME=VALUE       template parameter value (repeatable; beats Default)\n"
	"  --param-file FILE        parameters file: [{ParameterKey, ParameterValue}],\n"
	"                           {\"Parameters\": {...}} or [\"NAME=VALUE\"] (repeatable)\n"
	"  --region REGION          AWS::Region (and Partition, URLSuffix); else unknown\n"
	"  --account ID             AWS::AccountId; else unknown\n"
	"  --stack-name NAME        AWS::StackName; a CDK manifest names its own stacks\n"
	"\n"
	"  --color auto|always|never  colour text output (default auto; NO_COLOR)\n"
	"  -v, --verbose            list the config and the files read and skipped\n"
	"\n"
	"exit status: 0 gate passed, 1 findings at or above --fail-on,\n"
	"             2 usage, input, rule or config error\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "edgegate: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'edgegate --help'.\n");
	return 2;
}

/* Whether what went to stdout (--help, --version) got there; a full disk
 * or closed pipe is exit 2, never a silent 0. */
static int stdout_status(int status)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "<stdout>: error: cannot write: %s\n",
			errno ? strerror(errno) : "write error");
		return 2;
	}
	return status;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The rule pack: $EDGEGATE_RULES, then next to the binary (a build tree or
 * an installed prefix), then the compiled-in data directory. */
static const char *find_rule_pack(char *buf, size_t n)
{
	const char *env = getenv("EDGEGATE_RULES");
	char exe[PATH_MAX];
	ssize_t len;

	if (env && *env)
		return env;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		char *slash;
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, n, "%s/../rules", exe);
			if (is_dir(buf))
				return buf;
			snprintf(buf, n, "%s/../share/edgegate/rules", exe);
			if (is_dir(buf))
				return buf;
		}
	}
	snprintf(buf, n, "%s/rules", EG_DATADIR);
	return is_dir(buf) ? buf : NULL;
}

static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (!strcmp(argv[*i], name)) {
		if (*i + 1 >= argc)
			return NULL;
		return argv[++*i];
	}
	return NULL;
}

static bool is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

/* --rule, --tag, --skip-rule, --skip-tag as an eg_select_kind, else
 * EG_SELECT__COUNT. */
static size_t select_option(const char *a)
{
	if (is_option(a, "--rule"))
		return EG_SELECT_RULES;
	if (is_option(a, "--tag"))
		return EG_SELECT_TAGS;
	if (is_option(a, "--skip-rule"))
		return EG_SKIP_RULES;
	if (is_option(a, "--skip-tag"))
		return EG_SKIP_TAGS;
	return EG_SELECT__COUNT;
}

static int cli(int argc, char **argv)
{
	eg_run_options o;
	eg_run_result res;
	eg_error err = EG_ERROR_INIT;
	const char **paths = NULL, **rules = NULL, **envs = NULL, **params = NULL, **pfiles = NULL;
	eg_output *outputs = NULL;
	size_t noutputs = 0, aoutputs = 0;
	size_t npaths = 0, nrules = 0, nenvs = 0, apaths = 0, arules = 0, aenvs = 0;
	size_t nparams = 0, aparams = 0, npfiles = 0, apfiles = 0;
	const char *color = "auto";
	const char *stdout_from = NULL; /* the option that chose stdout's report */
	static const char *const select_opts[EG_SELECT__COUNT] = {
		"--rule", "--tag", "--skip-rule", "--skip-tag",
	};
	const char **select_args[EG_SELECT__COUNT] = { NULL };
	size_t nselect[EG_SELECT__COUNT] = { 0 }, aselect[EG_SELECT__COUNT] = { 0 }, k;
	bool is_explain;
	char pack[PATH_MAX + 64];
	bool default_rules = true, options_done = false, is_route = false;
	int i, rc, status;

	if (argc < 2)
		return usage_error("%s", "missing command");
	if (!strcmp(argv[1], "--version")) {
		printf("edgegate %s\n", EG_VERSION);
		return stdout_status(0);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage_text, stdout);
		return stdout_status(0);
	}
	if (strcmp(argv[1], "lint") && strcmp(argv[1], "model") && strcmp(argv[1], "route") &&
	    strcmp(argv[1], "graph") && strcmp(argv[1], "rules") && strcmp(argv[1], "explain"))
		return usage_error("unknown command '%s'", argv[1]);

	memset(&o, 0, sizeof(o));
	o.model_only = !strcmp(argv[1], "model") || !strcmp(argv[1], "route");
	is_route = !strcmp(argv[1], "route");
	if (!strcmp(argv[1], "graph"))
		o.graph = "mermaid";
	o.list_rules = !strcmp(argv[1], "rules");
	is_explain = !strcmp(argv[1], "explain");
	o.out = stdout;
	/* In a GitHub job, the gate decision also goes to the job summary. */
	if (getenv("GITHUB_ACTIONS") && !strcmp(getenv("GITHUB_ACTIONS"), "true") &&
	    getenv("GITHUB_STEP_SUMMARY") && *getenv("GITHUB_STEP_SUMMARY"))
		o.step_summary = getenv("GITHUB_STEP_SUMMARY");
	o.log = stderr;
	/* SARIF URIs are relative to the repository, which in a GitHub job is
	 * the workspace even when edgegate runs in a subdirectory. */
	if (getenv("GITHUB_WORKSPACE") && getenv("GITHUB_WORKSPACE")[0] == '/')
		o.root = getenv("GITHUB_WORKSPACE");
	/* Reproducible-builds convention: a fixed clock for the evidence time. */
	o.evidence_time = -1;
	if (getenv("SOURCE_DATE_EPOCH")) {
		char *end;
		long long t = strtoll(getenv("SOURCE_DATE_EPOCH"), &end, 10);
		if (*getenv("SOURCE_DATE_EPOCH") && !*end && t >= 0)
			o.evidence_time = t;
	}
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v;
		if (is_route && !o.route_url && (options_done || a[0] != '-')) {
			o.route_url = a; /* the first operand of route is the URL */
		} else if (options_done || a[0] != '-' || !strcmp(a, "-")) {
			EG_ALLOC_GROW(paths, npaths + 1, apaths);
			paths[npaths++] = a;
		} else if (!strcmp(a, "--")) {
			options_done = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			status = stdout_status(0);
			goto out;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o.verbose = true;
		} else if (!strcmp(a, "--no-default-rules")) {
			default_rules = false;
		} else if (!strcmp(a, "--no-color")) {
			color = "never";
		} else if (is_route && is_option(a, "--method")) {
			if (!(v = option_value(argc, argv, &i, "--method")))
				goto missing;
			o.route_method = v;
		} else if (o.graph && is_option(a, "--format")) {
			if (!(v = option_value(argc, argv, &i, "--format")))
				goto missing;
			if (strcmp(v, "mermaid") && strcmp(v, "dot")) {
				status = usage_error("graph --format must be mermaid or dot, not '%s'", v);
				goto out;
			}
			o.graph = v;
		} else if (o.list_rules && is_option(a, "--format=markdown")) {
			o.rules_markdown = true;
		} else if (o.list_rules && !strcmp(a, "--format") && i + 1 < argc &&
			   !strcmp(argv[i + 1], "markdown")) {
			o.rules_markdown = true;
			i++;
		} else if (is_option(a, "--format")) {
			if (!(v = option_value(argc, argv, &i, "--format")))
				goto missing;
			if (!eg_output_format_parse(v, &o.format)) {
				status = usage_error("--format must be text, json, github, sarif or junit, not '%s'", v);
				goto out;
			}
			if (stdout_from && !strcmp(stdout_from, "--output")) {
				status = usage_error("%s", "--output FORMAT=- and --format both choose the "
						     "report on stdout: give one of them");
				goto out;
			}
			stdout_from = "--format";
		} else if (is_option(a, "--output")) {
			const char *eq;
			char name[16];
			if (!(v = option_value(argc, argv, &i, "--output")))
				goto missing;
			eq = strchr(v, '=');
			if (!eq || !eq[1] || (size_t)(eq - v) >= sizeof(name)) {
				status = usage_error("--output takes FORMAT=FILE, not '%s'", v);
				goto out;
			}
			memcpy(name, v, (size_t)(eq - v));
			name[eq - v] = '\0';
			EG_ALLOC_GROW(outputs, noutputs + 1, aoutputs);
			if (!eg_output_format_parse(name, &outputs[noutputs].format)) {
				status = usage_error("--output: the format must be text, json, github, sarif or junit, not '%s'", name);
				goto out;
			}
			/* FORMAT=- is the report on stdout, in place of the text
			 * report: stdout holds one report, never two. */
			if (!strcmp(eq + 1, "-")) {
				if (stdout_from) {
					status = usage_error("%s", !strcmp(stdout_from, "--format")
						     ? "--output FORMAT=- and --format both choose the report on "
						       "stdout: give one of them"
						     : "--output FORMAT=- is given twice: stdout holds one report");
					goto out;
				}
				stdout_from = "--output";
				o.format = outputs[noutputs].format;
				continue;
			}
			outputs[noutputs++].path = eq + 1;
		} else if (is_option(a, "--baseline")) {
			if (!(o.baseline = option_value(argc, argv, &i, "--baseline")))
				goto missing;
		} else if (is_option(a, "--write-baseline")) {
			if (!(o.write_baseline = option_value(argc, argv, &i, "--write-baseline")))
				goto missing;
		} else if (is_option(a, "--evidence")) {
			if (!(o.evidence = option_value(argc, argv, &i, "--evidence")))
				goto missing;
		} else if (is_option(a, "--today")) {
			if (!(o.today = option_value(argc, argv, &i, "--today")))
				goto missing;
		} else if (is_option(a, "--fail-on")) {
			if (!(v = option_value(argc, argv, &i, "--fail-on")))
				goto missing;
			if (!eg_severity_parse(v, true, &o.fail_on)) {
				status = usage_error("--fail-on must be error, warning, note or never, not '%s'", v);
				goto out;
			}
			o.has_fail_on = true;
		} else if (is_option(a, "--unknown-severity")) {
			if (!(v = option_value(argc, argv, &i, "--unknown-severity")))
				goto missing;
			if (!eg_severity_parse(v, false, &o.unknown_severity)) {
				status = usage_error("--unknown-severity must be error, warning or note, not '%s'", v);
				goto out;
			}
			o.has_unknown_severity = true;
		} else if (is_option(a, "--config")) {
			if (!(v = option_value(argc, argv, &i, "--config")))
				goto missing;
			o.config_path = v;
		} else if (is_option(a, "--rules")) {
			if (!(v = option_value(argc, argv, &i, "--rules")))
				goto missing;
			EG_ALLOC_GROW(rules, nrules + 1, arules);
			rules[nrules++] = v;
		} else if ((k = select_option(a)) < EG_SELECT__COUNT) {
			if (!(v = option_value(argc, argv, &i, select_opts[k])))
				goto missing;
			EG_ALLOC_GROW(select_args[k], nselect[k] + 1, aselect[k]);
			select_args[k][nselect[k]++] = v;
		} else if (is_option(a, "--env")) {
			if (!(v = option_value(argc, argv, &i, "--env")))
				goto missing;
			EG_ALLOC_GROW(envs, nenvs + 1, aenvs);
			envs[nenvs++] = v;
		} else if (is_option(a, "--param")) {
			if (!(v = option_value(argc, argv, &i, "--param")))
				goto missing;
			EG_ALLOC_GROW(params, nparams + 1, aparams);
			params[nparams++] = v;
		} else if (is_option(a, "--param-file")) {
			if (!(v = option_value(argc, argv, &i, "--param-file")))
				goto missing;
			EG_ALLOC_GROW(pfiles, npfiles + 1, apfiles);
			pfiles[npfiles++] = v;
		} else if (is_option(a, "--region")) {
			if (!(o.region = option_value(argc, argv, &i, "--region")))
				goto missing;
		} else if (is_option(a, "--account")) {
			if (!(o.account = option_value(argc, argv, &i, "--account")))
				goto missing;
		} else if (is_option(a, "--stack-name")) {
			if (!(o.stack_name = option_value(argc, argv, &i, "--stack-name")))
				goto missing;
		} else if (is_option(a, "--color")) {
			if (!(v = option_value(argc, argv, &i, "--color")))
				goto missing;
			if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never")) {
				status = usage_error("--color must be auto, always or never, not '%s'", v);
				goto out;
			}
			color = v;
		} else {
			status = usage_error("unknown option '%s'", a);
			goto out;
		}
	}
	if (is_route && !o.route_url) {
		status = usage_error("%s", "route needs a URL: edgegate route [--method M] "
				     "https://HOST/PATH PATH...");
		goto out;
	}
	if (is_route && o.format != EG_OUTPUT_TEXT && o.format != EG_OUTPUT_JSON) {
		status = usage_error("%s", "route prints text or json");
		goto out;
	}
	if (o.list_rules && (npaths || (o.format != EG_OUTPUT_TEXT && o.format != EG_OUTPUT_JSON))) {
		status = usage_error("%s", npaths ? "rules takes no inputs: edgegate rules [--rules DIR]"
						: "rules prints text, json or markdown");
		goto out;
	}
	if (is_explain) {
		if (npaths != 1 || paths[0][0] == '-') {
			status = usage_error("%s", npaths > 1 ? "explain takes one rule id: edgegate explain ID"
							: "explain needs a rule id: edgegate explain ID "
							  "(edgegate rules lists them)");
			goto out;
		}
		if (o.format != EG_OUTPUT_TEXT && o.format != EG_OUTPUT_JSON) {
			status = usage_error("%s", "explain prints text or json");
			goto out;
		}
		for (k = 0; k < EG_SELECT__COUNT; k++)
			if (nselect[k]) {
				status = usage_error("explain names its rule: %s does not apply",
						     select_opts[k]);
				goto out;
			}
		o.explain_rule = paths[0];
		npaths = 0;
	}
	for (k = 0; o.model_only && k < EG_SELECT__COUNT; k++)
		if (nselect[k]) {
			status = usage_error(is_route ? "route runs no rules: %s does not apply"
						      : "model runs no rules: %s does not apply",
					     select_opts[k]);
			goto out;
		}
	if (!npaths && !o.list_rules && !o.explain_rule) {
		status = usage_error("%s needs at least one file or directory", argv[1]);
		goto out;
	}
	o.paths = paths;
	o.npaths = npaths;
	o.rule_dirs = rules;
	o.nrule_dirs = nrules;
	o.env_args = envs;
	o.nenv_args = nenvs;
	o.param_args = params;
	o.nparam_args = nparams;
	o.param_files = pfiles;
	o.nparam_files = npfiles;
	o.outputs = outputs;
	o.noutputs = noutputs;
	for (k = 0; k < EG_SELECT__COUNT; k++) {
		o.select_args[k] = select_args[k];
		o.nselect_args[k] = nselect[k];
	}
	if (!strcmp(color, "always"))
		o.color = true;
	else if (!strcmp(color, "auto"))
		o.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	o.prepared_rules = eg_rulepack;
	o.nprepared_rules = eg_rulepack_n;
	if (default_rules && !o.model_only) { /* the model needs no rules */
		o.builtin_rules = find_rule_pack(pack, sizeof(pack));
		if (!o.builtin_rules) {
			fprintf(stderr, "edgegate: cannot find the rule pack; set EDGEGATE_RULES "
					"or reinstall (looked next to the binary and in %s/rules)\n",
				EG_DATADIR);
			status = 2;
			goto out;
		}
	}

	rc = eg_run(&o, &res, &err);
	if (rc) {
		if (err.file[0] && err.line)
			fprintf(stderr, "%s:%d:%d: error: %s\n", err.file, err.line, err.col, err.message);
		else if (err.file[0])
			fprintf(stderr, "%s: error: %s\n", err.file, err.message);
		else
			fprintf(stderr, "edgegate: error: %s\n", err.message);
		status = 2; /* every error: usage, input, rule or config */
		goto out;
	}
	status = res.failed ? 1 : 0;
	goto out;
missing:
	status = usage_error("option '%s' needs a value", argv[i]);
out:
	eg_free(paths);
	eg_free(rules);
	eg_free(envs);
	eg_free(params);
	eg_free(pfiles);
	eg_free(outputs);
	for (k = 0; k < EG_SELECT__COUNT; k++)
		eg_free(select_args[k]);
	return status;
}

int main(int argc, char **argv)
{
	eg_mem_guard guard;
	int status;

	/* eg_run gives back its own memory; this guard is for the options */
	eg_mem_guard_enter(&guard);
	if (setjmp(guard.jump)) {
		fprintf(stderr, "edgegate: error: out of memory (an allocation of %zu bytes "
				"failed)\n", eg_mem_failed_size());
		return 2;
	}
	status = cli(argc, argv);
	eg_mem_guard_leave(&guard);
	return status;
}

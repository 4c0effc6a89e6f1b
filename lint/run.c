/* run.c - the pipeline: config -> rules -> ingest -> model -> eval -> report. */
#include "run.h"

#include "derive.h"
#include "explain.h"
#include "eval.h"
#include "evidence.h"
#include "gate.h"
#include "ingest.h"
#include "json.h"
#include "jsonmem.h"
#include "model.h"
#include "report.h"
#include "rules.h"
#include "strbuf.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

bool eg_output_format_parse(const char *s, eg_output_format *out)
{
	static const char *const names[] = { "text", "json", "github", "sarif", "junit" };
	size_t i;

	for (i = 0; i < EG_ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i])) {
			*out = (eg_output_format)i;
			return true;
		}
	return false;
}

typedef void (*report_fn)(FILE *out, const eg_report *r);

static report_fn writer_for(eg_output_format format)
{
	switch (format) {
	case EG_OUTPUT_JSON: return eg_report_json;
	case EG_OUTPUT_GITHUB: return eg_report_github;
	case EG_OUTPUT_SARIF: return eg_report_sarif;
	case EG_OUTPUT_JUNIT: return eg_report_junit;
	default: return eg_report_text;
	}
}

/* Whether everything written to f reached the system: a full disk or a
 * closed pipe shows only here, and a gate whose report went nowhere must
 * not pass.  close: fclose f too (it is ours). */
static int report_done(FILE *f, bool close, const char *name, eg_error *err)
{
	int e, failed;

	errno = 0;
	failed = fflush(f) != 0;
	e = errno;
	failed |= ferror(f) != 0;
	if (close && fclose(f) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	if (failed)
		return eg_error_set(err, EG_ERR_IO, name, 0, 0, "cannot write the report: %s",
				    e ? strerror(e) : "write error");
	return 0;
}

/* A report file is written whole or the run fails: a CI step that uploads
 * a half-written SARIF file must not pass. */
static int report_file(const char *path, const char *mode, report_fn fn, eg_report *r,
		       eg_error *err)
{
	FILE *f = fopen(path, mode);
	bool color = r->color;
	eg_cleanup hold;

	if (!f)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot write the report: %s",
				    strerror(errno));
	eg_cleanup_push(&hold, eg_cleanup_fclose, f);
	r->color = false;
	fn(f, r);
	r->color = color;
	eg_cleanup_pop(&hold);
	return report_done(f, true, path, err);
}

static void log_verbose(const eg_run_options *o, const char *fmt, const char *arg)
{
	if (o->verbose && o->log) {
		fprintf(o->log, fmt, arg);
		fputc('\n', o->log);
	}
}

static void today_utc(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

static int load_rules(eg_ruleset *rs, const char *path, eg_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read rules: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return eg_ruleset_load_dir(rs, path, err);
	return eg_ruleset_load_file(rs, path, err);
}

/* `edgegate explain ID`: an id no rule has is a usage error with the
 * nearest id, so a typo from a finding's [rule-id] is one step from right. */
static int explain_rule(const eg_run_options *o, const eg_ruleset *rs, eg_error *err)
{
	const eg_rule *r = eg_ruleset_find(rs, o->explain_rule);
	const char **ids;
	const char *hint;
	size_t i;
	int rc;

	if (r) {
		eg_report_rule_explain(o->out, r, o->format == EG_OUTPUT_JSON);
		return 0;
	}
	ids = eg_xcalloc(rs->n + 1, sizeof(*ids));
	for (i = 0; i < rs->n; i++)
		ids[i] = rs->rules[i]->id;
	hint = eg_suggest(o->explain_rule, ids, rs->n);
	rc = eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
			  "explain: no loaded rule has the id '%s'%s%s%s; `edgegate rules` lists them",
			  o->explain_rule, hint ? " (did you mean '" : "", hint ? hint : "",
			  hint ? "'?)" : "");
	eg_free(ids);
	return rc;
}

/* `edgegate route`: the request through the same view the rules read. */
static int explain(const eg_run_options *o, const eg_model *m, const eg_config *c,
		   eg_error *err)
{
	eg_view *v = eg_view_new(m, c);
	eg_explain e;
	int rc = eg_explain_request(v, o->route_url, o->route_method, &e, err);

	if (!rc) {
		if (o->format == EG_OUTPUT_JSON)
			eg_explain_print_json(o->out, v, &e);
		else
			eg_explain_print_text(o->out, v, &e);
	}
	eg_view_free(v);
	return rc;
}

/* What the run was reading, for an out-of-memory error (read after the
 * jump, so not a local). */
static _Thread_local const char *reading; /* the caller's strings only */

static int run(const eg_run_options *o, eg_run_result *res, eg_error *err)
{
	eg_config config;
	eg_ruleset rules;
	eg_findings findings;
	eg_model *model = eg_model_new();
	eg_ingest_options io;
	eg_cfn_options cfn;
	eg_arena params_arena;
	size_t params_alloc = 0;
	eg_report report;
	eg_gate gate;
	eg_baseline baseline;
	eg_ingest_seen seen = EG_INGEST_SEEN_INIT;
	char today[11], cwd[PATH_MAX];
	char *found_config = NULL;
	size_t i, k;
	int rc = 0;

	/* under eg_run's guard a failed jansson allocation never returns
	 * (jsonmem.h), so no report goes out with members missing */
	eg_jsonmem_install();
	eg_arena_init(&params_arena);
	memset(&cfn, 0, sizeof(cfn));
	eg_config_init(&config);
	eg_ruleset_init(&rules);
	rules.prepared = o->prepared_rules;
	rules.nprepared = o->nprepared_rules;
	eg_findings_init(&findings);
	memset(res, 0, sizeof(*res));
	memset(&gate, 0, sizeof(gate));
	memset(&baseline, 0, sizeof(baseline));
	if (o->today && !eg_date_valid(o->today)) {
		rc = eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
				  "--today must be a date YYYY-MM-DD, not '%s'", o->today);
		goto out;
	}

	reading = NULL;
	if (o->config_path) {
		reading = o->config_path;
		rc = eg_config_load(&config, o->config_path, err);
		log_verbose(o, "edgegate: config %s (--config)", o->config_path);
	} else if (!(rc = eg_config_find(NULL, &found_config, err))) {
		if (found_config) {
			rc = eg_config_load(&config, found_config, err);
			log_verbose(o, "edgegate: config %s", found_config);
		} else
			log_verbose(o, "edgegate: no config: %s", "no .edgegate.yml or .edgegate.yaml "
				    "from here up to the repository root; the defaults apply");
	}
	reading = NULL; /* never found_config: the jump frees it */
	for (i = 0; !rc && i < o->nenv_args; i++)
		rc = eg_config_add_env_arg(&config, o->env_args[i], err);
	if (rc)
		goto out;
	if (o->has_fail_on)
		config.fail_on = o->fail_on;
	if (o->has_unknown_severity) {
		config.unknown_severity = o->unknown_severity;
		config.unknown_severity_set = true;
	}

	if (o->model_only)
		goto inputs;
	if ((reading = o->builtin_rules) && (rc = load_rules(&rules, o->builtin_rules, err)))
		goto out;
	for (i = 0; i < o->nrule_dirs; i++)
		if ((rc = load_rules(&rules, reading = o->rule_dirs[i], err)))
			goto out;
	reading = NULL;
	if (!rules.n) {
		rc = eg_error_set(err, EG_ERR_RULE, NULL, 0, 0, "no rules loaded");
		goto out;
	}
	if ((rc = eg_ruleset_check_config(&rules, &config, err)))
		goto out;
	if (o->explain_rule) {
		if (!(rc = explain_rule(o, &rules, err)))
			rc = report_done(o->out, false, o->out_name ? o->out_name : "<stdout>", err);
		goto out;
	}
	for (k = 0; k < EG_SELECT__COUNT; k++)
		for (i = 0; i < o->nselect_args[k]; i++)
			eg_config_add_select_arg(&config, (eg_select_kind)k, o->select_args[k][i]);
	if ((rc = eg_ruleset_select(&rules, &config, err)))
		goto out;
	if (o->list_rules) {
		eg_report_rules(o->out, &rules, o->rules_markdown ? EG_RULES_MARKDOWN
					       : o->format == EG_OUTPUT_JSON ? EG_RULES_JSON
					       : EG_RULES_TEXT);
		rc = report_done(o->out, false, o->out_name ? o->out_name : "<stdout>", err);
		goto out;
	}
	if (o->baseline && (rc = eg_baseline_load(&baseline, o->baseline, err)))
		goto out;

inputs:
	/* Files first, so --param beats a parameters file. */
	for (i = 0; i < o->nparam_files; i++)
		if ((rc = eg_cfn_params_file(o->param_files[i], &params_arena, &cfn.params,
					     &cfn.nparams, &params_alloc, err)))
			goto out;
	for (i = 0; i < o->nparam_args; i++)
		if ((rc = eg_cfn_param_arg(o->param_args[i], &params_arena, &cfn.params,
					   &cfn.nparams, &params_alloc, err)))
			goto out;
	cfn.region = o->region;
	cfn.account = o->account;
	cfn.stack_name = o->stack_name;
	memset(&io, 0, sizeof(io));
	io.verbose = o->verbose;
	io.log = o->log;
	io.cfn = &cfn;
	io.seen = &seen;
	for (i = 0; i < o->npaths; i++)
		if ((rc = eg_ingest_path(model, reading = o->paths[i], &io, err)))
			goto out;
	reading = NULL;
	if (!model->nsources) {
		/* named by the paths given, so the log says where nothing was */
		eg_strbuf where = EG_STRBUF_INIT;
		for (i = 0; i < o->npaths; i++)
			eg_sb_addf(&where, "%s%s", i ? ", " : "", o->paths[i]);
		rc = eg_error_set(err, EG_ERR_INPUT, where.len ? where.buf : "(no paths)", 0, 0,
				  "no input found: %s no `terraform show -json` file, "
				  "CloudFormation template or CDK cloud assembly",
				  o->npaths == 1 ? "this path holds" : "these paths hold");
		eg_sb_release(&where);
		goto out;
	}
	/* A mistyped --param must not silently leave the Default in force. */
	for (i = 0; i < cfn.nparams; i++)
		if (cfn.params[i].strict && !cfn.params[i].used) {
			rc = eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
					  "--param %s: no template in this run declares a parameter %s",
					  cfn.params[i].name, cfn.params[i].name);
			goto out;
		}
	eg_model_link(model);
	if ((rc = eg_derive_check_env_args(model, &config, err)))
		goto out;
	eg_derive_environments(model, &config);
	if (o->model_only) {
		if (o->route_url)
			rc = explain(o, model, &config, err);
		else
			eg_report_model(o->out, model);
		if (!rc)
			rc = report_done(o->out, false, o->out_name ? o->out_name : "<stdout>", err);
		goto out;
	}
	eg_eval_run(&rules, model, &config, &findings);

	if (o->today)
		memcpy(today, o->today, sizeof(today));
	else
		today_utc(today);
	gate.today = today;
	gate.baseline = o->baseline ? &baseline : NULL;
	gate.baseline_all = o->write_baseline != NULL;
	if ((rc = eg_gate_apply(&gate, &findings, &rules, &config, model, err)))
		goto out;
	if (o->write_baseline && (rc = eg_baseline_write(o->write_baseline, &findings, err)))
		goto out;

	res->findings = findings.n;
	res->failed = gate.failed;
	memset(&report, 0, sizeof(report));
	report.findings = &findings;
	report.model = model;
	report.rules = &rules;
	report.fail_on = config.fail_on;
	report.failed = res->failed;
	report.root = o->root ? o->root : getcwd(cwd, sizeof(cwd));
	for (i = 0; i < o->noutputs; i++)
		if ((rc = report_file(o->outputs[i].path, "w", writer_for(o->outputs[i].format),
					      &report, err)))
			goto out;
	if (o->step_summary &&
	    (rc = report_file(o->step_summary, "a", eg_report_github_summary, &report, err)))
		goto out;
	if (o->evidence) {
		eg_evidence ev;
		memset(&ev, 0, sizeof(ev));
		ev.model = model;
		ev.rules = &rules;
		ev.config = &config;
		ev.findings = &findings;
		ev.gate = &gate;
		ev.baseline_path = o->baseline;
		ev.when = o->evidence_time >= 0 ? (time_t)o->evidence_time : time(NULL);
		if ((rc = eg_evidence_write(o->evidence, &ev, err)))
			goto out;
	}
	report.color = o->color && o->format == EG_OUTPUT_TEXT;
	if (o->graph) {
		res->failed = false; /* a picture, not a gate */
		eg_report_graph(o->out, &report, !strcmp(o->graph, "dot"), false);
	} else {
		writer_for(o->format)(o->out, &report);
	}
	rc = report_done(o->out, false, o->out_name ? o->out_name : "<stdout>", err);
out:
	eg_free(found_config);
	eg_ingest_seen_release(&seen);
	eg_baseline_release(&baseline);
	eg_findings_release(&findings);
	eg_model_free(model);
	eg_ruleset_release(&rules);
	eg_config_release(&config);
	eg_free(cfn.params);
	eg_arena_release(&params_arena);
	return rc;
}

int eg_run(const eg_run_options *o, eg_run_result *res, eg_error *err)
{
	eg_mem_guard guard;
	int rc;

	eg_mem_guard_enter(&guard);
	if (setjmp(guard.jump)) {
		memset(res, 0, sizeof(*res));
		/* o->out may hold half a report: the exit code says so */
		return eg_error_set(err, EG_ERR_LIMIT, reading, 0, 0,
				    "out of memory (an allocation of %zu bytes failed); nothing "
				    "was checked past that point",
				    eg_mem_failed_size());
	}
	rc = run(o, res, err);
	eg_mem_guard_leave(&guard);
	return rc;
}

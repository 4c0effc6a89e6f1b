/* run.c - the pipeline: config -> rules -> ingest -> model -> eval -> report. */
#include "run.h"

#include "env.h"
#include "eval.h"
#include "ingest.h"
#include "model.h"
#include "report.h"
#include "rules.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int load_rules(eg_ruleset *rs, const char *path, eg_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read rules: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return eg_ruleset_load_dir(rs, path, err);
	return eg_ruleset_load_file(rs, path, err);
}

int eg_run(const eg_run_options *o, eg_run_result *res, eg_error *err)
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
	struct stat st;
	size_t i;
	int rc = 0;

	eg_arena_init(&params_arena);
	memset(&cfn, 0, sizeof(cfn));
	eg_config_init(&config);
	eg_ruleset_init(&rules);
	eg_findings_init(&findings);
	memset(res, 0, sizeof(*res));

	if (o->config_path)
		rc = eg_config_load(&config, o->config_path, err);
	else if (stat(".edgegate.yml", &st) == 0)
		rc = eg_config_load(&config, ".edgegate.yml", err);
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

	if (o->builtin_rules && (rc = load_rules(&rules, o->builtin_rules, err)))
		goto out;
	for (i = 0; i < o->nrule_dirs; i++)
		if ((rc = load_rules(&rules, o->rule_dirs[i], err)))
			goto out;
	if (!rules.n) {
		rc = eg_error_set(err, EG_ERR_RULE, NULL, 0, 0, "no rules loaded");
		goto out;
	}
	if ((rc = eg_ruleset_check_config(&rules, &config, err)))
		goto out;

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
	for (i = 0; i < o->npaths; i++)
		if ((rc = eg_ingest_path(model, o->paths[i], &io, err)))
			goto out;
	if (!model->nsources) {
		rc = eg_error_set(err, EG_ERR_INPUT, NULL, 0, 0,
				  "no input found: the paths hold no `terraform show -json` file, "
				  "CloudFormation template or CDK cloud assembly");
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
	eg_env_assign(model, &config);
	eg_eval_run(&rules, model, &config, &findings);

	res->findings = findings.n;
	res->failed = eg_findings_count_at_least(&findings, config.fail_on) > 0;
	memset(&report, 0, sizeof(report));
	report.findings = &findings;
	report.model = model;
	report.rules = &rules;
	report.fail_on = config.fail_on;
	report.failed = res->failed;
	report.color = o->color && o->format == EG_OUTPUT_TEXT;
	if (o->format == EG_OUTPUT_JSON)
		eg_report_json(o->out, &report);
	else if (o->format == EG_OUTPUT_GITHUB)
		eg_report_github(o->out, &report);
	else
		eg_report_text(o->out, &report);
	if (o->step_summary) {
		FILE *sf = fopen(o->step_summary, "a");
		if (!sf || (eg_report_github_summary(sf, &report), fclose(sf) != 0))
			rc = eg_error_set(err, EG_ERR_IO, o->step_summary, 0, 0,
					  "cannot append the job summary: %s", strerror(errno));
	}
out:
	eg_findings_release(&findings);
	eg_model_free(model);
	eg_ruleset_release(&rules);
	eg_config_release(&config);
	free(cfn.params);
	eg_arena_release(&params_arena);
	return rc;
}

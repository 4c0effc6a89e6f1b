/* fuzz_rules.c - a rule file from the fuzz data, loaded and, when it
 * loads, evaluated over a fixed small model (an example plan). */
#include "config.h"
#include "derive.h"
#include "eval.h"
#include "ingest.h"
#include "model.h"
#include "rules.h"

#include "fuzz_common.h"

#define FUZZ_PLAN "examples/missing-auth-behavior/broken/plan.json"

static eg_model *model;
static eg_config config;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	eg_ingest_options o;
	eg_error err = EG_ERROR_INIT;

	(void)argc;
	(void)argv;
	memset(&o, 0, sizeof(o));
	eg_config_init(&config);
	model = eg_model_new();
	if (eg_ingest_path(model, FUZZ_PLAN, &o, &err)) {
		fprintf(stderr, "fuzz_rules: %s: %s\n", err.file, err.message);
		abort();
	}
	eg_model_link(model);
	eg_derive_environments(model, &config);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	eg_ruleset rs;
	eg_findings findings;
	eg_error err = EG_ERROR_INIT;

	eg_ruleset_init(&rs);
	if (eg_ruleset_parse(&rs, (const char *)data, size, "fuzz.yml", &err) == 0 &&
	    eg_ruleset_check_config(&rs, &config, &err) == 0) {
		eg_findings_init(&findings);
		eg_eval_run(&rs, model, &config, &findings);
		eg_findings_sort(&findings);
		eg_findings_release(&findings);
	}
	eg_ruleset_release(&rs);
	return 0;
}

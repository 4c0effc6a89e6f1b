/* fuzz_ingest.c - one input file, whatever its format: recognised,
 * ingested, linked and checked by the rule pack. */
#include "config.h"
#include "derive.h"
#include "eval.h"
#include "ingest.h"
#include "model.h"
#include "rules.h"

#include "fuzz_common.h"

static eg_ruleset rules;
static eg_config config;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_rules(&rules, "fuzz_ingest");
	eg_config_init(&config);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* .json or .yaml makes no difference: the format is told by content */
	const char *path = fuzz_write_temp(data, size, ".json");
	eg_ingest_options o;
	eg_error err = EG_ERROR_INIT;
	eg_model *m;
	eg_findings findings;

	if (!path)
		return 0;
	memset(&o, 0, sizeof(o));
	m = eg_model_new();
	if (eg_ingest_path(m, path, &o, &err) == 0) {
		eg_model_link(m);
		eg_derive_environments(m, &config);
		eg_findings_init(&findings);
		eg_eval_run(&rules, m, &config, &findings);
		eg_findings_release(&findings);
	}
	eg_model_free(m);
	unlink(path);
	return 0;
}

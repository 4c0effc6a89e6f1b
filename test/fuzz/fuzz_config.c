/* fuzz_config.c - the config loader (.edgegate.yml), checked against the
 * rule pack as a run does. */
#include "config.h"
#include "rules.h"

#include "fuzz_common.h"

static eg_ruleset rules;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_rules(&rules, "fuzz_config");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_temp(data, size, ".yml");
	eg_config c;
	eg_error err = EG_ERROR_INIT;

	if (!path)
		return 0;
	eg_config_init(&c);
	if (eg_config_load(&c, path, &err) == 0)
		eg_ruleset_check_config(&rules, &c, &err);
	eg_config_release(&c);
	unlink(path);
	return 0;
}

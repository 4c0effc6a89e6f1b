/* fuzz_common.h - helpers shared by the libFuzzer targets (test only). */
#ifndef EG_FUZZ_COMMON_H
#define EG_FUZZ_COMMON_H

#include "rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The library reads files by path: each input is written to one temporary
 * file per process (name ends in suffix; the walk of a directory is not
 * what is fuzzed).  Returns the path, or NULL when it cannot be written. */
static inline const char *fuzz_write_temp(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/edgegate-fuzz-%ld%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), suffix);
	if (!(f = fopen(path, "wb")))
		return NULL;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return NULL;
	}
	return fclose(f) == 0 ? path : NULL;
}

/* The rule pack: $EDGEGATE_RULES, else rules/ (make fuzz runs from the
 * repository root). */
static inline const char *fuzz_rules_dir(void)
{
	const char *env = getenv("EDGEGATE_RULES");
	return env && *env ? env : "rules";
}

/* Loads the rule pack into r once, for a target's LLVMFuzzerInitialize;
 * a pack that does not load stops the fuzzer (it would fuzz nothing). */
static inline void fuzz_load_rules(eg_ruleset *r, const char *target)
{
	eg_error err = EG_ERROR_INIT;

	eg_ruleset_init(r);
	if (eg_ruleset_load_dir(r, fuzz_rules_dir(), &err)) {
		fprintf(stderr, "%s: %s: %s\n", target, err.file, err.message);
		abort();
	}
}

#endif

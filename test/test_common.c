/* test_common.c - unit tests for the shared helpers (common.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common.h"

#include <stdlib.h>
#include <string.h>

static void expect_normal(const char *in, const char *want)
{
	char *got = eg_path_normalize(in);
	if (strcmp(got, want))
		fail_msg("eg_path_normalize(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	free(got);
}

static void test_common__path_normalize(void **state)
{
	(void)state;
	expect_normal("build/../rules/a.yml", "rules/a.yml");
	expect_normal("/work/repo/build/../rules//a.yml", "/work/repo/rules/a.yml");
	expect_normal("./in/./plan.json", "in/plan.json");
	expect_normal("in//plan.json", "in/plan.json");
	expect_normal("../x/../../y", "../../y");
	expect_normal("a/b/../../..", "..");
	expect_normal("a/..", ".");
	expect_normal("", ".");
	expect_normal(".", ".");
	expect_normal("/", "/");
	expect_normal("/..", "/");
	expect_normal("/../a/", "/a");
	expect_normal("rules/", "rules");
	expect_normal("..a/.b/c..", "..a/.b/c..");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common__path_normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_jsonmem.c - unit tests for jsonmem.h: every allocation jansson
 * could not get is counted.  (A whole run under failing allocations is
 * test/failalloc.c's.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "jsonmem.h"

#include <jansson.h>
#include <string.h>

static void test_jsonmem__counts_failures(void **state)
{
	size_t before;
	json_t *j;

	(void)state;
	eg_jsonmem_install();
	before = eg_jsonmem_failures();
	eg_jsonmem_fail_nth(1);
	j = json_string("x");
	assert_null(j);
	assert_int_equal(eg_jsonmem_failures(), before + 1);
	j = json_string("y");
	assert_non_null(j);
	json_decref(j);
	assert_int_equal(eg_jsonmem_failures(), before + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonmem__counts_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

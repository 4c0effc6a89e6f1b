/* test_jsonmem.c - unit tests for jsonmem.h: a plan parsed while jansson
 * could not allocate is an error, never a model one byte short. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ingest.h"
#include "jsonmem.h"
#include "model.h"

#include <jansson.h>
#include <string.h>

/* unit tests run from the repository root */
#define PLAN "examples/missing-auth-behavior/broken/plan.json"

static int ingest(eg_error *err)
{
	eg_ingest_options o;
	eg_model *m = eg_model_new();
	int rc;

	memset(&o, 0, sizeof(o));
	rc = eg_ingest_path(m, PLAN, &o, err);
	eg_model_free(m);
	return rc;
}

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

/* Fail each of the first jansson allocations of an ingest in turn: every
 * run either fails with "out of memory while parsing" or, once n is past
 * the allocations the ingest makes, succeeds as without the failure.
 * jansson 2.14 alone returns a document with a byte dropped for some n. */
static void test_jsonmem__failed_allocation_fails_the_parse(void **state)
{
	size_t n, failed = 0;
	eg_error err = EG_ERROR_INIT;

	(void)state;
	eg_jsonmem_install();
	assert_int_equal(ingest(&err), 0);
	for (n = 1; n <= 400; n++) {
		int rc;

		memset(&err, 0, sizeof(err));
		eg_jsonmem_fail_nth(n);
		rc = ingest(&err);
		eg_jsonmem_fail_nth(0);
		if (rc == 0)
			continue;
		failed++;
		assert_int_equal(rc, EG_ERR_LIMIT);
		assert_string_equal(err.file, PLAN);
		assert_non_null(strstr(err.message, "out of memory while parsing"));
	}
	assert_true(failed > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonmem__counts_failures),
		cmocka_unit_test(test_jsonmem__failed_allocation_fails_the_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

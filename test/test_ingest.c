/* test_ingest.c - recognising inputs and the caps of a run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "ingest.h"
#include "model.h"
#include "testutil.h"


/* The inputs of a run together are capped: a file that would take the
 * run past max_total_bytes is EG_ERR_LIMIT, however small on its own. */
static void test_ingest__total_input_cap(void **state)
{
	static const char plan[] = "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\","
				   "\"resource_changes\":[]}\n";
	char *path = test_write_temp(plan, sizeof(plan) - 1);
	eg_model *m = eg_model_new();
	eg_ingest_options o;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	memset(&o, 0, sizeof(o));
	o.max_total_bytes = sizeof(plan) + sizeof(plan) / 2;
	assert_int_equal(eg_ingest_path(m, path, &o, &err), 0);
	assert_int_equal(eg_ingest_path(m, path, &o, &err), EG_ERR_LIMIT);
	assert_non_null(strstr(err.message, "the inputs of this run together"));
	eg_model_free(m);
	unlink(path);
	eg_free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ingest__total_input_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

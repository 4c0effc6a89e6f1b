/* test_explain.c - `edgegate route` (explain.h) over a real plan: the
 * fixed seed incident 3 example, as terraform show -json printed it. */
#include "config.h"
#include "derive.h"
#include "explain.h"
#include "ingest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

typedef struct fixture {
	eg_model *m;
	eg_config c;
	eg_view *v;
} fixture;

static int setup(void **state)
{
	static fixture f;
	eg_ingest_options o = { 0 };
	eg_error err = EG_ERROR_INIT;

	f.m = eg_model_new();
	if (eg_ingest_path(f.m, "examples/missing-auth-behavior/fixed/plan.json", &o, &err))
		return -1;
	eg_model_link(f.m);
	eg_config_init(&f.c);
	eg_derive_environments(f.m, &f.c);
	f.v = eg_view_new(f.m, &f.c);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	eg_view_free(f->v);
	eg_config_release(&f->c);
	eg_model_free(f->m);
	return 0;
}

static void explain_ok(fixture *f, const char *url, const char *method, eg_explain *e)
{
	eg_error err = EG_ERROR_INIT;

	if (eg_explain_request(f->v, url, method, e, &err))
		fail_msg("%s", err.message);
}

static void test_explain__url_parts(void **state)
{
	fixture *f = *state;
	eg_explain e;

	/* case, port, query and fragment do not reach the match */
	explain_ok(f, "https://WWW.Example.com:443/api/v1?x=/auth/#top", "POST", &e);
	assert_string_equal(e.host, "www.example.com");
	assert_string_equal(e.path, "/api/v1");
	assert_non_null(e.behavior);
	assert_string_equal(e.behavior->path_pattern, "/api/*");
	/* no path is / */
	explain_ok(f, "http://example.com", NULL, &e);
	assert_string_equal(e.path, "/");
	assert_string_equal(e.method, "GET");
	assert_true(e.behavior->is_default);
}

static void test_explain__first_match_wins(void **state)
{
	fixture *f = *state;
	eg_explain e;
	size_t i, chosen = 0, matching = 0;

	explain_ok(f, "https://example.com/auth/email-check/", "POST", &e);
	for (i = 0; i < e.nsteps; i++) {
		chosen += e.steps[i].chosen;
		matching += e.steps[i].matches == EG_TRI_TRUE;
	}
	assert_int_equal(chosen, 1);
	assert_int_equal(matching, 2); /* /auth/ * and the default */
	assert_string_equal(e.behavior->path_pattern, "/auth/*");
	assert_int_equal(e.method_allowed, EG_TRI_TRUE);
	assert_string_equal(e.origin->id, "alb-api");
	assert_string_equal(e.origin_path, "/auth/email-check/");
	/* AllViewer: the viewer's Host reaches the ALB (its certificate
	 * covers example.com, not the elb.amazonaws.com name) */
	assert_int_equal(e.host_forwarded, EG_TRI_TRUE);
}

static void test_explain__method_refused(void **state)
{
	fixture *f = *state;
	eg_explain e;

	explain_ok(f, "https://example.com/assets/app.js", "DELETE", &e);
	assert_string_equal(e.behavior->path_pattern, "/assets/*");
	assert_int_equal(e.method_allowed, EG_TRI_FALSE);
}

static void test_explain__no_distribution(void **state)
{
	fixture *f = *state;
	eg_explain e;

	explain_ok(f, "https://a.example.com/", "GET", &e);
	assert_null(e.claim);
	assert_false(e.claim_unknown);
	assert_null(e.behavior);
	assert_int_equal(e.nsteps, 0);
}

static void test_explain__usage_errors(void **state)
{
	fixture *f = *state;
	eg_explain e;
	eg_error err = EG_ERROR_INIT;

	assert_int_equal(eg_explain_request(f->v, "example.com/", NULL, &e, &err), EG_ERR_USAGE);
	assert_non_null(strstr(err.message, "https://HOST/PATH"));
	assert_int_equal(eg_explain_request(f->v, "https:///x", NULL, &e, &err), EG_ERR_USAGE);
	assert_int_equal(eg_explain_request(f->v, "https://example.com/", "FETCH", &e, &err),
			 EG_ERR_USAGE);
	assert_non_null(strstr(err.message, "FETCH"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explain__url_parts),
		cmocka_unit_test(test_explain__first_match_wins),
		cmocka_unit_test(test_explain__method_refused),
		cmocka_unit_test(test_explain__no_distribution),
		cmocka_unit_test(test_explain__usage_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

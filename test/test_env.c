/* test_env.c - unit tests for lint/env.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"

/* Environment of name under the default vocabulary, or NULL. */
static const char *env_of(const char *name)
{
	return eg_env_from_name(eg_env_default_vocab(), name, NULL);
}

static void check_env(const char *name, const char *want)
{
	const char *got = env_of(name);

	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: got %s, want %s", name, got ? got : "(none)",
			 want ? want : "(none)");
}

static void test_env__default_vocabulary_tokens(void **state)
{
	static const struct {
		const char *name;
		const char *env;
	} cases[] = {
		{ "prod", "production" },    { "prd", "production" },
		{ "production", "production" }, { "stg", "staging" },
		{ "stage", "staging" },      { "staging", "staging" },
		{ "dev", "dev" },            { "development", "dev" },
		{ "qa", "qa" },              { "test", "test" },
		{ "uat", "uat" },            { "canary", "canary" },
		{ "preview", "preview" },    { "sandbox", "sandbox" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_env(cases[i].name, cases[i].env);
}

static void test_env__default_vocabulary_shape(void **state)
{
	const eg_env_vocab *v = eg_env_default_vocab();
	size_t i, j;

	(void)state;
	assert_non_null(v);
	assert_ptr_equal(v, eg_env_default_vocab());
	assert_int_equal(v->n, 9);
	assert_string_equal(v->entries[0].env, EG_ENV_PRODUCTION);
	for (i = 0; i < v->n; i++) {
		assert_true(v->entries[i].ntokens > 0);
		for (j = 0; j < v->entries[i].ntokens; j++)
			assert_non_null(v->entries[i].tokens[j]);
	}
}

static void test_env__seed_incident_names(void **state)
{
	(void)state;
	check_env("mesh-web-dev", "dev");
	check_env("webdev-alb-stg-123", "staging");
	check_env("webdev-alb-stg-123456.us-east-1.elb.amazonaws.com", "staging");
	check_env("mesh-web-dev.s3-website-us-east-1.amazonaws.com", "dev");
}

static void test_env__substrings_do_not_count(void **state)
{
	(void)state;
	check_env("devops-tools", NULL);
	check_env("webdev", NULL);
	check_env("products-api", NULL);
	check_env("prodigy", NULL);
	check_env("testing", NULL);
	check_env("contest", NULL);
	check_env("staged", NULL);
	check_env("squad", NULL);
}

static void test_env__separators(void **state)
{
	(void)state;
	check_env("api_prod_eu", "production");
	check_env("api.staging.example.com", "staging");
	check_env("/prod/v1", "production");
	check_env("site prod", "production");
	check_env("api:uat", "uat");
	check_env("--dev--", "dev");
	check_env("caf\xc3\xa9-qa", "qa"); /* bytes outside ASCII separate */
	check_env("", NULL);
	check_env("-._", NULL);
}

static void test_env__case_insensitive(void **state)
{
	(void)state;
	check_env("PROD", "production");
	check_env("Staging", "staging");
	check_env("web-DEV", "dev");
	check_env("SandBox", NULL); /* camelCase step: sand, box */
}

static void test_env__camel_case_splits(void **state)
{
	const char *token = NULL;

	(void)state;
	check_env("ProdSite", "production");
	check_env("siteProd", "production");
	check_env("webDevBucket", "dev");
	check_env("APIProd", "production");
	check_env("myAPIStaging", "staging");
	check_env("PRODSite", "production");
	check_env("WebdevBucket", NULL);
	assert_string_equal(eg_env_from_name(eg_env_default_vocab(),
					     "MyStgALB", &token),
			    "staging");
	assert_string_equal(token, "stg");
}

static void test_env__digits_split_from_letters(void **state)
{
	(void)state;
	check_env("prod1", "production");
	check_env("web-dev2", "dev");
	check_env("stg3-api", "staging");
	check_env("2qa", "qa");
	check_env("v2", NULL);
	check_env("s3-assets", NULL);
}

static void test_env__first_token_wins(void **state)
{
	const char *token = NULL;

	(void)state;
	check_env("dev-to-prod-mirror", "dev");
	check_env("prod-copy-of-dev", "production");
	assert_string_equal(eg_env_from_name(eg_env_default_vocab(),
					     "app-PRD-canary", &token),
			    "production");
	assert_string_equal(token, "prd");
}

static void test_env__no_match_clears_token(void **state)
{
	const char *token = "stale";

	(void)state;
	assert_null(eg_env_from_name(eg_env_default_vocab(), "devops", &token));
	assert_null(token);
	token = "stale";
	assert_null(eg_env_from_name(eg_env_default_vocab(), NULL, &token));
	assert_null(token);
	assert_null(eg_env_from_name(NULL, "prod", NULL));
}

static void test_env__custom_vocabulary(void **state)
{
	const char *perf_tokens[] = { "perf", "load" };
	eg_env_entry entries[] = { { "performance", perf_tokens, 2 } };
	eg_env_vocab v = { entries, 1, 1 };
	const char *token = NULL;

	(void)state;
	assert_string_equal(eg_env_from_name(&v, "api-LOAD-1", &token),
			    "performance");
	assert_string_equal(token, "load");
	assert_null(eg_env_from_name(&v, "api-prod", NULL));
}

static void test_env__canonical_known_values(void **state)
{
	const eg_env_vocab *v = eg_env_default_vocab();
	char buf[32];

	(void)state;
	assert_string_equal(eg_env_canonical(v, "Prod", buf, sizeof(buf)),
			    "production");
	assert_string_equal(eg_env_canonical(v, "production", buf, sizeof(buf)),
			    "production");
	assert_string_equal(eg_env_canonical(v, "PRD", buf, sizeof(buf)),
			    "production");
	assert_string_equal(eg_env_canonical(v, "Stage", buf, sizeof(buf)),
			    "staging");
	assert_string_equal(eg_env_canonical(v, "Development", buf, sizeof(buf)),
			    "dev");
	assert_string_equal(eg_env_canonical(v, " qa\n", buf, sizeof(buf)), "qa");
	/* known values need no buffer */
	assert_string_equal(eg_env_canonical(v, "prod", NULL, 0), "production");
}

static void test_env__canonical_unknown_values_lower_cased(void **state)
{
	const eg_env_vocab *v = eg_env_default_vocab();
	char buf[32], small[4];
	const char *got;

	(void)state;
	got = eg_env_canonical(v, "Perf", buf, sizeof(buf));
	assert_ptr_equal(got, buf);
	assert_string_equal(got, "perf");
	/* the whole value is one token: no searching inside it */
	assert_string_equal(eg_env_canonical(v, "Prod-EU", buf, sizeof(buf)),
			    "prod-eu");
	assert_string_equal(eg_env_canonical(v, "  Load Test ", buf, sizeof(buf)),
			    "load test");
	assert_string_equal(eg_env_canonical(v, "Performance", small,
					     sizeof(small)),
			    "per");
	assert_null(eg_env_canonical(v, "Perf", NULL, 0));
	assert_null(eg_env_canonical(v, "Perf", buf, 0));
}

static void test_env__canonical_null_and_empty(void **state)
{
	char buf[8];

	(void)state;
	assert_null(eg_env_canonical(eg_env_default_vocab(), NULL, buf,
				     sizeof(buf)));
	assert_null(eg_env_canonical(eg_env_default_vocab(), "", buf,
				     sizeof(buf)));
	assert_null(eg_env_canonical(eg_env_default_vocab(), " \t", buf,
				     sizeof(buf)));
	assert_string_equal(eg_env_canonical(NULL, "Prod", buf, sizeof(buf)),
			    "prod");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env__default_vocabulary_tokens),
		cmocka_unit_test(test_env__default_vocabulary_shape),
		cmocka_unit_test(test_env__seed_incident_names),
		cmocka_unit_test(test_env__substrings_do_not_count),
		cmocka_unit_test(test_env__separators),
		cmocka_unit_test(test_env__case_insensitive),
		cmocka_unit_test(test_env__camel_case_splits),
		cmocka_unit_test(test_env__digits_split_from_letters),
		cmocka_unit_test(test_env__first_token_wins),
		cmocka_unit_test(test_env__no_match_clears_token),
		cmocka_unit_test(test_env__custom_vocabulary),
		cmocka_unit_test(test_env__canonical_known_values),
		cmocka_unit_test(test_env__canonical_unknown_values_lower_cased),
		cmocka_unit_test(test_env__canonical_null_and_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

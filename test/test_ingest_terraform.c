/* Unit tests for ingest.c and ingest_terraform.c: plans and state into the model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dialect.h"
#include "ingest.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmp_path[64];

/* Writes json to a temp file and ingests it into a new model. */
static int ingest(const char *json, eg_model **out, eg_error *err)
{
	eg_ingest_options o = { 0 };
	int fd, rc;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/eg_tf_XXXXXX");
	fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
	close(fd);
	*out = eg_model_new();
	rc = eg_ingest_path(*out, tmp_path, &o, err);
	unlink(tmp_path);
	if (!rc)
		eg_model_link(*out);
	return rc;
}

#define PLAN_HEAD "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\",\"resource_changes\":["
#define DIST(addr, actions, after, unknown)                                                   \
	"{\"address\":\"" addr "\",\"mode\":\"managed\",\"type\":\"aws_cloudfront_distribution\"," \
	"\"name\":\"x\",\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"change\":{"   \
	"\"actions\":" actions ",\"before\":null,\"after\":" after ",\"after_unknown\":" unknown "}}"

static const eg_distribution *dist(const eg_model *m, const char *address)
{
	size_t i;
	for (i = 0; i < m->ndists; i++)
		if (!strcmp(m->dists[i]->address, address))
			return m->dists[i];
	return NULL;
}

static void test_ingest_terraform__keeps_module_and_instance_keys(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
			 DIST("module.cdn[\\\"eu\\\"].aws_cloudfront_distribution.this[0]", "[\"create\"]",
			      "{\"aliases\":[\"a.example.com\"]}", "{}") ","
			 DIST("module.site.module.cdn.aws_cloudfront_distribution.main", "[\"no-op\"]",
			      "{\"aliases\":[]}", "{}") "]}",
			 &m, &err), 0);
	assert_int_equal(m->ndists, 2);
	assert_non_null(dist(m, "module.cdn[\"eu\"].aws_cloudfront_distribution.this[0]"));
	assert_non_null(dist(m, "module.site.module.cdn.aws_cloudfront_distribution.main"));
	assert_string_equal(m->dists[0]->action, "create");
	assert_string_equal(m->dists[1]->action, "no-op");
	assert_string_equal(m->dists[0]->loc.pointer, "/resource_changes/0");
	eg_model_free(m);
}

static void test_ingest_terraform__skips_deletes_and_reads_keeps_replace(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
			 DIST("aws_cloudfront_distribution.gone", "[\"delete\"]", "null", "{}") ","
			 DIST("aws_cloudfront_distribution.read", "[\"read\"]", "{}", "{}") ","
			 DIST("aws_cloudfront_distribution.new", "[\"delete\",\"create\"]", "{}", "{}") ","
			 DIST("aws_cloudfront_distribution.new2", "[\"create\",\"delete\"]", "{}", "{}") "]}",
			 &m, &err), 0);
	assert_int_equal(m->ndists, 2);
	assert_string_equal(m->dists[0]->action, "replace");
	assert_string_equal(m->dists[1]->action, "replace");
	eg_model_free(m);
}

static void test_ingest_terraform__unknown_values_stay_unknown(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
			 DIST("aws_cloudfront_distribution.d", "[\"create\"]",
			      "{\"origin\":[{\"origin_id\":\"api\",\"custom_origin_config\":[]}],"
			      "\"ordered_cache_behavior\":[{\"path_pattern\":\"/api/*\"}],"
			      "\"default_cache_behavior\":[{\"allowed_methods\":[\"GET\",\"HEAD\"]}]}",
			      "{\"aliases\":true,\"domain_name\":true,\"id\":true,"
			      "\"origin\":[{\"domain_name\":true}],"
			      "\"ordered_cache_behavior\":[{\"allowed_methods\":true}]}") "]}",
			 &m, &err), 0);
	d = m->dists[0];
	assert_true(d->aliases.unknown);
	assert_true(eg_is_unknown(d->id));
	assert_true(eg_is_unknown(d->domain_name));
	assert_int_equal(d->norigins, 1);
	assert_true(eg_is_unknown(d->origins[0]->domain));
	assert_int_equal(d->origins[0]->kind, EG_ORIGIN_UNKNOWN);
	assert_int_equal(d->nbehaviors, 2);
	assert_true(d->behaviors[0]->allowed_methods.unknown);
	assert_false(d->behaviors[1]->allowed_methods.unknown);
	assert_true(d->behaviors[1]->is_default);
	eg_model_free(m);
}

static void test_ingest_terraform__null_and_empty_are_absent(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
			 DIST("aws_cloudfront_distribution.d", "[\"update\"]",
			      "{\"aliases\":null,\"web_acl_id\":\"\",\"comment\":null,"
			      "\"viewer_certificate\":[{\"acm_certificate_arn\":\"\","
			      "\"cloudfront_default_certificate\":true}]}", "{}") "]}",
			 &m, &err), 0);
	d = m->dists[0];
	assert_false(d->aliases.unknown);
	assert_int_equal(d->aliases.n, 0);
	assert_null(d->web_acl_id);
	assert_null(d->comment);
	assert_null(d->acm_certificate_arn);
	assert_int_equal(d->default_certificate, EG_TRI_TRUE);
	eg_model_free(m);
}

static void test_ingest_terraform__after_null_on_create_is_all_unknown(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	/* checkov's trimmed fixture: after null while after_unknown is set */
	assert_int_equal(ingest(PLAN_HEAD
			 DIST("aws_cloudfront_distribution.d", "[\"create\"]", "null",
			      "{\"logging_config\":[{\"bucket\":true}]}") "]}",
			 &m, &err), 0);
	assert_true(m->dists[0]->aliases.unknown);
	assert_true(m->dists[0]->origins_unknown);
	assert_true(m->dists[0]->behaviors_unknown);
	eg_model_free(m);
}

static void test_ingest_terraform__record_links_through_module_references(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
		DIST("module.web.aws_cloudfront_distribution.site", "[\"create\"]",
		     "{\"aliases\":[\"www.example.com\"]}", "{\"domain_name\":true}") ","
		"{\"address\":\"module.web.aws_route53_record.www\",\"mode\":\"managed\","
		"\"type\":\"aws_route53_record\",\"name\":\"www\",\"change\":{\"actions\":[\"create\"],"
		"\"after\":{\"name\":\"www.example.com\",\"type\":\"A\",\"alias\":[{\"evaluate_target_health\":false}]},"
		"\"after_unknown\":{\"fqdn\":true,\"alias\":[{\"name\":true,\"zone_id\":true}]}}},"
		"{\"address\":\"aws_route53_record.apex\",\"mode\":\"managed\","
		"\"type\":\"aws_route53_record\",\"name\":\"apex\",\"change\":{\"actions\":[\"create\"],"
		"\"after\":{\"name\":\"example.com\",\"type\":\"A\",\"alias\":[{}]},"
		"\"after_unknown\":{\"alias\":[{\"name\":true,\"zone_id\":true}]}}}],"
		"\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_route53_record.apex\","
		"\"expressions\":{\"alias\":[{\"name\":{\"references\":[\"module.web.cdn_domain\",\"module.web\"]}}]}}],"
		"\"module_calls\":{\"web\":{\"module\":{\"outputs\":{\"cdn_domain\":{\"expression\":{"
		"\"references\":[\"aws_cloudfront_distribution.site.domain_name\",\"aws_cloudfront_distribution.site\"]}}},"
		"\"resources\":[{\"address\":\"aws_route53_record.www\",\"expressions\":{\"alias\":[{\"name\":"
		"{\"references\":[\"aws_cloudfront_distribution.site.domain_name\",\"aws_cloudfront_distribution.site\"]}}]}}]}}}}}}",
		&m, &err), 0);
	assert_int_equal(m->nrecords, 2);
	assert_non_null(m->records[0]->target);
	assert_string_equal(m->records[0]->target->address, "module.web.aws_cloudfront_distribution.site");
	assert_string_equal(m->records[0]->link_source, "resource reference");
	assert_string_equal(m->records[0]->name, "www.example.com");
	/* the root record reaches it through the module's output */
	assert_non_null(m->records[1]->target);
	assert_string_equal(m->records[1]->target->address, "module.web.aws_cloudfront_distribution.site");
	eg_model_free(m);
}

static void test_ingest_terraform__origin_kind_from_reference(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_origin *o;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
		DIST("aws_cloudfront_distribution.d", "[\"create\"]",
		     "{\"origin\":[{\"origin_id\":\"api\"}]}", "{\"origin\":[{\"domain_name\":true}]}") ","
		"{\"address\":\"aws_lb.api\",\"mode\":\"managed\",\"type\":\"aws_lb\",\"name\":\"api\","
		"\"change\":{\"actions\":[\"create\"],\"after\":{\"name\":\"shop-api-stg\",\"tags\":"
		"{\"Environment\":\"staging\"}},\"after_unknown\":{\"dns_name\":true}}}],"
		"\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_cloudfront_distribution.d\","
		"\"expressions\":{\"origin\":[{\"origin_id\":{\"constant_value\":\"api\"},"
		"\"domain_name\":{\"references\":[\"aws_lb.api.dns_name\",\"aws_lb.api\"]}}]}}]}}}",
		&m, &err), 0);
	o = m->dists[0]->origins[0];
	assert_int_equal(o->kind, EG_ORIGIN_LB);
	assert_string_equal(o->kind_source, "reference to aws_lb.api.dns_name");
	assert_string_equal(o->ref_name, "shop-api-stg");
	assert_int_equal(o->nref_tags, 1);
	assert_string_equal(eg_tag_find(o->ref_tags, o->nref_tags, "environment"), "staging");
	eg_model_free(m);
}

/* A Lambda function's qualified ARN is its own, not read through the
 * behaviors' function_arn ("function.arn" of associations), and a literal
 * association ARN finds it. */
static void test_ingest_terraform__lambda_function_arn_and_link(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_resource *r;
	const eg_function_assoc *f;
	(void)state;

	assert_int_equal(ingest(PLAN_HEAD
		DIST("aws_cloudfront_distribution.d", "[\"no-op\"]",
		     "{\"default_cache_behavior\":[{\"target_origin_id\":\"s3\","
		     "\"lambda_function_association\":[{\"event_type\":\"origin-request\","
		     "\"include_body\":false,\"lambda_arn\":"
		     "\"arn:aws:lambda:us-east-1:111122223333:function:edge:3\"}]}]}", "{}") ","
		"{\"address\":\"aws_lambda_function.edge\",\"mode\":\"managed\","
		"\"type\":\"aws_lambda_function\",\"name\":\"edge\",\"change\":{\"actions\":[\"no-op\"],"
		"\"before\":null,\"after\":{\"function_name\":\"edge\",\"version\":\"3\","
		"\"arn\":\"arn:aws:lambda:us-east-1:111122223333:function:edge\","
		"\"qualified_arn\":\"arn:aws:lambda:us-east-1:111122223333:function:edge:3\"},"
		"\"after_unknown\":{}}}]}",
		&m, &err), 0);
	assert_int_equal(m->nresources, 1);
	r = m->resources[0];
	assert_int_equal(r->kind, EG_RES_LAMBDA);
	assert_string_equal(r->arn, "arn:aws:lambda:us-east-1:111122223333:function:edge:3");
	assert_string_equal(r->name, "edge");
	assert_string_equal(r->region, "us-east-1");
	f = m->dists[0]->behaviors[0]->functions[0];
	assert_ptr_equal(f->function, r);
	eg_model_free(m);
}

static void test_ingest_terraform__state_walks_child_modules(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest("{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.8\",\"values\":"
		"{\"root_module\":{\"resources\":[{\"address\":\"aws_cloudfront_distribution.a\","
		"\"mode\":\"managed\",\"type\":\"aws_cloudfront_distribution\",\"name\":\"a\","
		"\"values\":{\"aliases\":[\"a.example.com\"],\"domain_name\":\"d111111abcdef8.cloudfront.net\"}}],"
		"\"child_modules\":[{\"address\":\"module.x\",\"child_modules\":[{\"address\":\"module.x.module.y\","
		"\"resources\":[{\"address\":\"module.x.module.y.aws_cloudfront_distribution.b[\\\"k\\\"]\","
		"\"mode\":\"managed\",\"type\":\"aws_cloudfront_distribution\",\"name\":\"b\",\"index\":\"k\","
		"\"values\":{\"aliases\":[]}}]}]}]}}}",
		&m, &err), 0);
	assert_int_equal(m->ndists, 2);
	assert_string_equal(m->dists[1]->address, "module.x.module.y.aws_cloudfront_distribution.b[\"k\"]");
	assert_null(m->dists[0]->action);
	assert_string_equal(m->dists[0]->domain_name, "d111111abcdef8.cloudfront.net");
	assert_string_equal(m->dists[1]->loc.pointer,
			    "/values/root_module/child_modules/0/child_modules/0/resources/0");
	eg_model_free(m);
}

static void test_ingest_terraform__empty_state_is_state(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest("{\"format_version\":\"1.0\"}\n", &m, &err), 0);
	assert_int_equal(m->nsources, 1);
	assert_int_equal(m->sources[0]->format, EG_FMT_TF_STATE);
	eg_model_free(m);
}

static void test_ingest_terraform__unsupported_format_version(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest("{\n  \"format_version\": \"2.0\",\n  \"resource_changes\": []\n}\n", &m, &err),
			 EG_ERR_INPUT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 21);
	assert_non_null(strstr(err.message, "format_version \"2.0\"") ? err.message : strstr(err.message, "2.0"));
	eg_model_free(m);
}

static void test_ingest_terraform__other_json_is_an_input_error(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest("{\"name\":\"pkg\",\"version\":\"1.0.0\"}", &m, &err), EG_ERR_INPUT);
	assert_non_null(strstr(err.message, "not a recognised input"));
	assert_string_equal(err.file, tmp_path);
	eg_model_free(m);
}

static void test_ingest_terraform__malformed_json_names_line_and_column(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest("{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [\n    {\"a\": 1,}\n  ]\n}\n",
			 &m, &err), EG_ERR_INPUT);
	assert_int_equal(err.line, 4);
	assert_true(err.col > 0);
	eg_model_free(m);
}

static void test_ingest_terraform__resolves_pointer_to_line(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	eg_loc loc;
	(void)state;

	assert_int_equal(ingest("{\n\"format_version\": \"1.2\",\n\"resource_changes\": [\n"
			 DIST("aws_cloudfront_distribution.d", "[\"create\"]", "{\"aliases\":[]}", "{}")
			 "\n]}\n", &m, &err), 0);
	loc = m->dists[0]->aliases_loc;
	eg_model_resolve_loc(&loc);
	assert_int_equal(loc.line, 4);
	/* an unknown value points at its nearest present parent */
	loc = eg_model_loc_child(&m->arena, &m->dists[0]->loc, "/change/after/origin/0");
	eg_model_resolve_loc(&loc);
	assert_int_equal(loc.line, 4);
	eg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ingest_terraform__keeps_module_and_instance_keys),
		cmocka_unit_test(test_ingest_terraform__skips_deletes_and_reads_keeps_replace),
		cmocka_unit_test(test_ingest_terraform__unknown_values_stay_unknown),
		cmocka_unit_test(test_ingest_terraform__null_and_empty_are_absent),
		cmocka_unit_test(test_ingest_terraform__after_null_on_create_is_all_unknown),
		cmocka_unit_test(test_ingest_terraform__record_links_through_module_references),
		cmocka_unit_test(test_ingest_terraform__origin_kind_from_reference),
		cmocka_unit_test(test_ingest_terraform__lambda_function_arn_and_link),
		cmocka_unit_test(test_ingest_terraform__state_walks_child_modules),
		cmocka_unit_test(test_ingest_terraform__empty_state_is_state),
		cmocka_unit_test(test_ingest_terraform__unsupported_format_version),
		cmocka_unit_test(test_ingest_terraform__other_json_is_an_input_error),
		cmocka_unit_test(test_ingest_terraform__malformed_json_names_line_and_column),
		cmocka_unit_test(test_ingest_terraform__resolves_pointer_to_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

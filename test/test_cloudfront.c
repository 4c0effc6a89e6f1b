/* test_cloudfront.c - unit tests for lint/cloudfront.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cloudfront.h"

/* --- path patterns ------------------------------------------------------ */

static void test_cloudfront__star_matches_any_run_including_slash(void **state)
{
	(void)state;
	assert_true(eg_cf_path_match("/images/*", "/images/a.jpg"));
	assert_true(eg_cf_path_match("/images/*", "/images/a/b/c.jpg"));
	assert_true(eg_cf_path_match("*.jpg", "/a/b/c.jpg"));
	assert_true(eg_cf_path_match("/a*b*c", "/abc"));
	assert_true(eg_cf_path_match("/a*b*c", "/a/x/b/y/c"));
	assert_false(eg_cf_path_match("/a*b*c", "/a/x/b/y/cd"));
	assert_false(eg_cf_path_match("*.jpg", "/a/b/c.jpeg"));
}

static void test_cloudfront__default_star_matches_everything(void **state)
{
	(void)state;
	assert_true(eg_cf_path_match("*", ""));
	assert_true(eg_cf_path_match("*", "/"));
	assert_true(eg_cf_path_match("*", "/any/thing?x=1"));
	assert_true(eg_cf_path_match("/*", "/"));
	assert_true(eg_cf_path_match("**", "/a"));
}

static void test_cloudfront__question_mark_is_exactly_one_char(void **state)
{
	(void)state;
	assert_true(eg_cf_path_match("/v?/users", "/v1/users"));
	assert_true(eg_cf_path_match("/v?/users", "/v//users"));
	assert_false(eg_cf_path_match("/v?/users", "/v/users"));
	assert_false(eg_cf_path_match("/v?/users", "/v12/users"));
	assert_true(eg_cf_path_match("/???", "/abc"));
	assert_false(eg_cf_path_match("/???", "/ab"));
	assert_false(eg_cf_path_match("?", "/"));
}

static void test_cloudfront__matching_is_case_sensitive(void **state)
{
	(void)state;
	assert_true(eg_cf_path_match("/API/*", "/API/x"));
	assert_false(eg_cf_path_match("/API/*", "/api/x"));
	assert_false(eg_cf_path_match("*.JPG", "/a.jpg"));
}

static void test_cloudfront__auth_slash_star_does_not_match_auth(void **state)
{
	(void)state;
	assert_true(eg_cf_path_match("/auth/*", "/auth/login"));
	assert_true(eg_cf_path_match("/auth/*", "/auth/"));
	assert_false(eg_cf_path_match("/auth/*", "/auth"));
	assert_false(eg_cf_path_match("/auth/*", "/authors"));
	assert_true(eg_cf_path_match("/auth*", "/auth"));
	assert_true(eg_cf_path_match("/auth*", "/auth/x"));
	assert_true(eg_cf_path_match("/auth*", "/authors"));
	assert_false(eg_cf_path_match("/auth*", "/aut"));
}

static void test_cloudfront__leading_slash_is_optional(void **state)
{
	(void)state;
	assert_true(eg_cf_path_match("auth/*", "/auth/login"));
	assert_true(eg_cf_path_match("/auth/*", "auth/login"));
	assert_true(eg_cf_path_match("auth/*", "auth/login"));
	assert_true(eg_cf_path_match("images/*.jpg", "/images/a.jpg"));
	/* only one slash is optional */
	assert_false(eg_cf_path_match("//auth/*", "/auth/x"));
}

static void test_cloudfront__null_never_matches(void **state)
{
	(void)state;
	assert_false(eg_cf_path_match(NULL, "/"));
	assert_false(eg_cf_path_match("*", NULL));
	assert_false(eg_cf_pattern_equal(NULL, "*"));
	assert_false(eg_cf_pattern_equal("*", NULL));
}

static void test_cloudfront__many_stars_stay_fast(void **state)
{
	char pattern[256], path[4096];
	size_t i;

	(void)state;
	/* "*a*a*a...*b" against "aaaa...": exponential for naive recursion */
	for (i = 0; i + 2 < sizeof(pattern) - 2; i += 2) {
		pattern[i] = '*';
		pattern[i + 1] = 'a';
	}
	pattern[i] = 'b';
	pattern[i + 1] = '\0';
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_false(eg_cf_path_match(pattern, path));
	path[sizeof(path) - 2] = 'b';
	assert_true(eg_cf_path_match(pattern, path));
}

static void test_cloudfront__route_probe_matches_its_pattern(void **state)
{
	static const char *const patterns[] = {
		"*", "/api/*", "api/v?/*", "*.jpg", "/auth*", "/a/b", "/??*",
	};
	char buf[256];
	size_t i;

	(void)state;
	eg_cf_route_probe("/api/*", buf, sizeof(buf));
	assert_string_equal(buf, "/api/edgegate-probe");
	eg_cf_route_probe("api/v?/*.json", buf, sizeof(buf));
	assert_string_equal(buf, "/api/vx/edgegate-probe.json");
	eg_cf_route_probe("*", buf, sizeof(buf));
	assert_string_equal(buf, "/edgegate-probe");
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		eg_cf_route_probe(patterns[i], buf, sizeof(buf));
		assert_true(eg_cf_path_match(patterns[i], buf));
	}
}

static void test_cloudfront__route_probe_truncates_and_terminates(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'z', sizeof(buf));
	eg_cf_route_probe("/api/*", buf, sizeof(buf));
	assert_string_equal(buf, "/api/ed");
	eg_cf_route_probe(NULL, buf, sizeof(buf));
	assert_string_equal(buf, "");
	buf[0] = 'q';
	eg_cf_route_probe("/x", buf, 1);
	assert_string_equal(buf, "");
	eg_cf_route_probe("/x", buf, 0); /* writes nothing, no crash */
	eg_cf_route_probe("/x", NULL, 10);
}

static void test_cloudfront__pattern_equal_ignores_leading_slash(void **state)
{
	(void)state;
	assert_true(eg_cf_pattern_equal("/api/*", "api/*"));
	assert_true(eg_cf_pattern_equal("api/*", "api/*"));
	assert_true(eg_cf_pattern_equal("*", "/*"));
	assert_false(eg_cf_pattern_equal("/API/*", "/api/*"));
	assert_false(eg_cf_pattern_equal("/api/*", "/api*"));
}

/* --- origin kinds ------------------------------------------------------- */

static void test_cloudfront__classifies_origin_domains(void **state)
{
	static const struct {
		const char *domain;
		eg_origin_kind kind;
	} cases[] = {
		{ "bucket.s3-website-us-east-1.amazonaws.com", EG_ORIGIN_S3_WEBSITE },
		{ "bucket.s3-website.eu-west-1.amazonaws.com", EG_ORIGIN_S3_WEBSITE },
		{ "my.dotted.bucket.s3-website-us-east-1.amazonaws.com", EG_ORIGIN_S3_WEBSITE },
		{ "bucket.s3.amazonaws.com", EG_ORIGIN_S3 },
		{ "bucket.s3.us-east-1.amazonaws.com", EG_ORIGIN_S3 },
		{ "bucket.s3-us-west-2.amazonaws.com", EG_ORIGIN_S3 },
		{ "bucket.s3.dualstack.us-east-1.amazonaws.com", EG_ORIGIN_S3 },
		{ "s3-website-assets.s3.amazonaws.com", EG_ORIGIN_S3 },
		{ "internal-x-123.us-east-1.elb.amazonaws.com", EG_ORIGIN_LB },
		{ "webdev-alb-stg-123456.us-east-1.elb.amazonaws.com", EG_ORIGIN_LB },
		{ "x.elb.us-east-1.amazonaws.com", EG_ORIGIN_LB },
		{ "s3-proxy-1.us-east-1.elb.amazonaws.com", EG_ORIGIN_LB },
		{ "abc123.execute-api.us-east-1.amazonaws.com", EG_ORIGIN_APIGW },
		{ "abc.lambda-url.us-east-1.on.aws", EG_ORIGIN_LAMBDA_URL },
		{ "abc.data.mediastore.us-west-2.amazonaws.com", EG_ORIGIN_MEDIASTORE },
		{ "abc.mediapackage.us-west-2.amazonaws.com", EG_ORIGIN_MEDIASTORE },
		{ "d111.cloudfront.net", EG_ORIGIN_CLOUDFRONT },
		{ "api.example.com", EG_ORIGIN_CUSTOM },
		{ "ec2-54-1-2-3.compute-1.amazonaws.com", EG_ORIGIN_CUSTOM },
		{ "amazonaws.com", EG_ORIGIN_CUSTOM },
		{ "foo.on.aws", EG_ORIGIN_CUSTOM },
		{ "s3.example.com", EG_ORIGIN_CUSTOM },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		eg_origin_kind got = eg_cf_classify_domain(cases[i].domain);

		if (got != cases[i].kind)
			fail_msg("%s: got %s, want %s", cases[i].domain,
				 eg_cf_origin_kind_name(got),
				 eg_cf_origin_kind_name(cases[i].kind));
	}
}

static void test_cloudfront__s3_website_is_tested_before_s3(void **state)
{
	(void)state;
	/* both contain "s3" and the dash form starts with "s3-" */
	assert_int_equal(eg_cf_classify_domain("b.s3-website-us-east-1.amazonaws.com"),
			 EG_ORIGIN_S3_WEBSITE);
	assert_int_equal(eg_cf_classify_domain("b.s3-us-east-1.amazonaws.com"),
			 EG_ORIGIN_S3);
}

static void test_cloudfront__classify_ignores_case_and_trailing_dot(void **state)
{
	(void)state;
	assert_int_equal(eg_cf_classify_domain("Bucket.S3-Website-US-East-1.AmazonAWS.com"),
			 EG_ORIGIN_S3_WEBSITE);
	assert_int_equal(eg_cf_classify_domain("bucket.s3.amazonaws.com."),
			 EG_ORIGIN_S3);
	assert_int_equal(eg_cf_classify_domain("D111.CloudFront.NET."),
			 EG_ORIGIN_CLOUDFRONT);
	assert_int_equal(eg_cf_classify_domain("API.Example.com."),
			 EG_ORIGIN_CUSTOM);
}

static void test_cloudfront__classify_china_regions(void **state)
{
	(void)state;
	assert_int_equal(eg_cf_classify_domain("b.s3.cn-north-1.amazonaws.com.cn"),
			 EG_ORIGIN_S3);
	assert_int_equal(eg_cf_classify_domain("b.s3-website.cn-north-1.amazonaws.com.cn"),
			 EG_ORIGIN_S3_WEBSITE);
	assert_int_equal(eg_cf_classify_domain("lb-1.cn-north-1.elb.amazonaws.com.cn"),
			 EG_ORIGIN_LB);
	assert_int_equal(eg_cf_classify_domain("id.execute-api.cn-north-1.amazonaws.com.cn"),
			 EG_ORIGIN_APIGW);
	assert_int_equal(eg_cf_classify_domain("d123.cloudfront.cn"),
			 EG_ORIGIN_CLOUDFRONT);
}

static void test_cloudfront__classify_null_and_empty_are_unknown(void **state)
{
	(void)state;
	assert_int_equal(eg_cf_classify_domain(NULL), EG_ORIGIN_UNKNOWN);
	assert_int_equal(eg_cf_classify_domain(""), EG_ORIGIN_UNKNOWN);
	assert_int_equal(eg_cf_classify_domain("."), EG_ORIGIN_UNKNOWN);
}

static void test_cloudfront__owner_part_is_bucket_or_lb_name(void **state)
{
	static const struct {
		const char *domain;
		const char *owner;
	} cases[] = {
		{ "mesh-web-dev.s3-website-us-east-1.amazonaws.com", "mesh-web-dev" },
		{ "my.bucket.s3-website.eu-west-1.amazonaws.com", "my.bucket" },
		{ "bucket.s3.amazonaws.com", "bucket" },
		{ "bucket.s3.us-east-1.amazonaws.com", "bucket" },
		{ "bucket.s3-us-west-2.amazonaws.com", "bucket" },
		{ "bucket.s3.dualstack.us-east-1.amazonaws.com", "bucket" },
		{ "webdev-alb-stg-123456.us-east-1.elb.amazonaws.com", "webdev-alb-stg-123456" },
		{ "internal-api-prod-1.us-east-1.elb.amazonaws.com", "internal-api-prod-1" },
		{ "nlb-prod-0123abcd.elb.us-east-1.amazonaws.com", "nlb-prod-0123abcd" },
		{ "abc123.execute-api.us-east-1.amazonaws.com", "abc123" },
		{ "abc.lambda-url.us-east-1.on.aws", "abc" },
		{ "d111.cloudfront.net", "d111" },
		{ "api.example.com", "api.example.com" },
		{ "api.example.com.", "api.example.com" },
		{ "ec2-54-1-2-3.compute-1.amazonaws.com", "ec2-54-1-2-3.compute-1.amazonaws.com" },
		{ "s3.amazonaws.com", "" },
		{ "Bucket-Prod.S3.AMAZONAWS.COM.", "Bucket-Prod" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t got = eg_cf_domain_owner_part(cases[i].domain);

		if (got != strlen(cases[i].owner) ||
		    strncmp(cases[i].domain, cases[i].owner, got) != 0)
			fail_msg("%s: got \"%.*s\", want \"%s\"", cases[i].domain,
				 (int)got, cases[i].domain, cases[i].owner);
	}
	assert_int_equal(eg_cf_domain_owner_part(NULL), 0);
	assert_int_equal(eg_cf_domain_owner_part(""), 0);
}

static void test_cloudfront__kind_names_round_trip(void **state)
{
	static const char *const names[] = {
		"unknown", "s3", "s3-website", "load-balancer", "api-gateway",
		"lambda-url", "mediastore", "cloudfront", "custom", "origin-group",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		eg_origin_kind k = eg_cf_origin_kind_from_name(names[i]);

		assert_int_equal(k, (eg_origin_kind)i);
		assert_string_equal(eg_cf_origin_kind_name(k), names[i]);
	}
	assert_int_equal(eg_cf_origin_kind_from_name("S3-Website"),
			 EG_ORIGIN_S3_WEBSITE);
	assert_int_equal(eg_cf_origin_kind_from_name("bogus"), EG_ORIGIN_UNKNOWN);
	assert_int_equal(eg_cf_origin_kind_from_name(NULL), EG_ORIGIN_UNKNOWN);
	assert_string_equal(eg_cf_origin_kind_name((eg_origin_kind)99), "unknown");
}

/* --- methods ------------------------------------------------------------ */

static void test_cloudfront__method_bits_ignore_case(void **state)
{
	(void)state;
	assert_int_equal(eg_cf_method_bit("GET"), EG_M_GET);
	assert_int_equal(eg_cf_method_bit("head"), EG_M_HEAD);
	assert_int_equal(eg_cf_method_bit("Options"), EG_M_OPTIONS);
	assert_int_equal(eg_cf_method_bit("PUT"), EG_M_PUT);
	assert_int_equal(eg_cf_method_bit("patch"), EG_M_PATCH);
	assert_int_equal(eg_cf_method_bit("POST"), EG_M_POST);
	assert_int_equal(eg_cf_method_bit("DELETE"), EG_M_DELETE);
	assert_int_equal(eg_cf_method_bit("TRACE"), 0);
	assert_int_equal(eg_cf_method_bit("GETX"), 0);
	assert_int_equal(eg_cf_method_bit(""), 0);
	assert_int_equal(eg_cf_method_bit(NULL), 0);
}

static void test_cloudfront__only_three_method_sets_are_valid(void **state)
{
	unsigned m;
	int valid = 0;

	(void)state;
	assert_true(eg_cf_methods_valid(EG_M_GET | EG_M_HEAD));
	assert_true(eg_cf_methods_valid(EG_M_GET | EG_M_HEAD | EG_M_OPTIONS));
	assert_true(eg_cf_methods_valid(EG_M_ALL));
	assert_false(eg_cf_methods_valid(EG_M_GET));
	assert_false(eg_cf_methods_valid(EG_M_GET | EG_M_HEAD | EG_M_POST));
	assert_false(eg_cf_methods_valid(EG_M_ALL & ~EG_M_DELETE));
	assert_false(eg_cf_methods_valid(0));
	for (m = 0; m <= EG_M_ALL; m++)
		valid += eg_cf_methods_valid(m);
	assert_int_equal(valid, 3);
}

/* --- hosts and aliases -------------------------------------------------- */

static void test_cloudfront__host_equal_ignores_case_and_one_dot(void **state)
{
	(void)state;
	assert_true(eg_cf_host_equal("www.Example.com", "WWW.example.COM"));
	assert_true(eg_cf_host_equal("www.example.com.", "www.example.com"));
	assert_true(eg_cf_host_equal("www.example.com", "www.example.com."));
	assert_false(eg_cf_host_equal("www.example.com..", "www.example.com"));
	assert_false(eg_cf_host_equal("www.example.com", "example.com"));
	assert_false(eg_cf_host_equal("", ""));
	assert_false(eg_cf_host_equal(NULL, "a"));
	assert_false(eg_cf_host_equal("a", NULL));
	/* the order sorts equal names together */
	assert_int_equal(eg_cf_host_cmp("www.Example.com.", "WWW.example.COM"), 0);
	assert_true(eg_cf_host_cmp("a.example.com", "B.example.com") < 0);
	assert_true(eg_cf_host_cmp("B.example.com", "a.example.com") > 0);
	assert_true(eg_cf_host_cmp("example.com", "example.com.au") < 0);
}

/* A wildcard alias routes a host at any depth (CloudFront Developer Guide,
 * alternate-domain-names-wildcard: "marketing.product-name.example.com"),
 * never the bare domain. */
static void test_cloudfront__wildcard_alias_routes_any_depth(void **state)
{
	(void)state;
	assert_true(eg_cf_alias_routes("*.example.com", "a.example.com"));
	assert_true(eg_cf_alias_routes("*.example.com", "A.Example.COM."));
	assert_true(eg_cf_alias_routes("*.example.com.", "a.example.com"));
	assert_true(eg_cf_alias_routes("*.example.com", "marketing.product-name.example.com"));
	assert_false(eg_cf_alias_routes("*.example.com", "example.com"));
	assert_false(eg_cf_alias_routes("*.example.com", ".example.com"));
	assert_false(eg_cf_alias_routes("*.example.com", "aexample.com"));
	assert_false(eg_cf_alias_routes("*.", "a."));
	/* a wildcard host is routed by the same wildcard and any above it */
	assert_true(eg_cf_alias_routes("*.example.com", "*.example.com"));
	assert_true(eg_cf_alias_routes("*.example.com", "*.a.example.com"));
	assert_false(eg_cf_alias_routes("a.example.com", "*.example.com"));
	assert_false(eg_cf_alias_routes("*.a.example.com", "*.example.com"));
}

/* A wildcard certificate name covers exactly one label (CNAMEs.html). */
static void test_cloudfront__wildcard_certificate_covers_one_label(void **state)
{
	(void)state;
	assert_true(eg_cf_cert_covers("*.example.com", "a.example.com"));
	assert_true(eg_cf_cert_covers("*.Example.com.", "A.example.com"));
	assert_false(eg_cf_cert_covers("*.example.com", "a.b.example.com"));
	assert_false(eg_cf_cert_covers("*.example.com", "example.com"));
	assert_true(eg_cf_cert_covers("*.example.com", "*.example.com"));
	assert_false(eg_cf_cert_covers("*.example.com", "*.a.example.com"));
	assert_true(eg_cf_cert_covers("example.com", "EXAMPLE.com."));
	assert_false(eg_cf_cert_covers(NULL, "a"));
}

static void test_cloudfront__plain_alias_routes_equal_host(void **state)
{
	(void)state;
	assert_true(eg_cf_alias_routes("www.example.com", "WWW.EXAMPLE.COM."));
	assert_false(eg_cf_alias_routes("www.example.com", "api.example.com"));
	/* '*' is a wildcard only as the whole first label */
	assert_false(eg_cf_alias_routes("*example.com", "aexample.com"));
	assert_false(eg_cf_alias_routes(NULL, "a.example.com"));
	assert_false(eg_cf_alias_routes("*.example.com", NULL));
}

/* The more specific name wins: exact over wildcard, longer over shorter. */
static void test_cloudfront__alias_specificity(void **state)
{
	(void)state;
	assert_true(eg_cf_alias_specificity("www.example.com") >
		    eg_cf_alias_specificity("*.example.com"));
	assert_true(eg_cf_alias_specificity("*.a.example.com") >
		    eg_cf_alias_specificity("*.example.com"));
	assert_true(eg_cf_alias_specificity(NULL) < 0);
}

static void test_cloudfront__alias_overlap(void **state)
{
	(void)state;
	assert_true(eg_cf_alias_overlap("www.example.com", "WWW.example.com."));
	assert_true(eg_cf_alias_overlap("*.example.com", "api.example.com"));
	assert_true(eg_cf_alias_overlap("api.example.com", "*.example.com"));
	assert_true(eg_cf_alias_overlap("*.example.com", "*.Example.com."));
	/* some host (x.a.example.com) is routed by both */
	assert_true(eg_cf_alias_overlap("*.example.com", "*.a.example.com"));
	assert_true(eg_cf_alias_overlap("*.a.example.com", "*.example.com"));
	assert_false(eg_cf_alias_overlap("*.example.com", "example.com"));
	assert_true(eg_cf_alias_overlap("*.example.com", "a.b.example.com"));
	assert_false(eg_cf_alias_overlap("a.example.com", "b.example.com"));
	assert_false(eg_cf_alias_overlap(NULL, NULL));
}

static void test_cloudfront__distribution_domain(void **state)
{
	(void)state;
	assert_true(eg_cf_is_distribution_domain("d111111abcdef8.cloudfront.net"));
	assert_true(eg_cf_is_distribution_domain("d111111abcdef8.cloudfront.net."));
	assert_true(eg_cf_is_distribution_domain("D111111ABCDEF8.CloudFront.Net"));
	assert_true(eg_cf_is_distribution_domain("d123.cloudfront.cn"));
	assert_false(eg_cf_is_distribution_domain("d.cloudfront.net"));
	assert_false(eg_cf_is_distribution_domain("x111.cloudfront.net"));
	assert_false(eg_cf_is_distribution_domain("d1-1.cloudfront.net"));
	assert_false(eg_cf_is_distribution_domain("a.d111.cloudfront.net"));
	assert_false(eg_cf_is_distribution_domain("cloudfront.net"));
	assert_false(eg_cf_is_distribution_domain("d111.cloudfront.net.evil.com"));
	assert_false(eg_cf_is_distribution_domain(""));
	assert_false(eg_cf_is_distribution_domain(NULL));
	assert_string_equal(EG_CF_ZONE_ID, "Z2FDTNDATAQYW2");
}

/* Route resolution is over paths: the shortest path a route and a behavior
 * share that no earlier behavior takes. */
static void test_cloudfront__pattern_witness(void **state)
{
	static const char *const api[] = { "/api/*" };
	static const char *const json[] = { "*.json" };
	static const char *const all[] = { "*" };
	static const char *const ends[] = { "a*", "b*", "c*", "d*", "*a", "*b", "*c", "*d" };
	char w[64];

	(void)state;
	/* '*.json' before '/api/ *' takes POST /api/x.json */
	assert_int_equal(eg_cf_pattern_witness("/api/*", "*.json", NULL, 0, w, sizeof(w)), 1);
	assert_true(eg_cf_path_match("/api/*", w) && eg_cf_path_match("*.json", w));
	/* after '*.json', '/api/ *' still takes /api/x */
	assert_int_equal(eg_cf_pattern_witness("/api/*", "/api/*", json, 1, w, sizeof(w)), 1);
	assert_false(eg_cf_path_match("*.json", w));
	/* '/auth/ *' and '/api/ *' share no path */
	assert_int_equal(eg_cf_pattern_witness("/auth/*", "/api/*", NULL, 0, w, sizeof(w)), 0);
	/* an earlier '/api/ *' takes all of a later '/api/v1/ *' */
	assert_int_equal(eg_cf_pattern_witness("/api/*", "/api/v1/*", api, 1, w, sizeof(w)), 0);
	/* the default behavior takes what nothing before it does */
	assert_int_equal(eg_cf_pattern_witness("/auth/*", "*", api, 1, w, sizeof(w)), 1);
	assert_string_equal(w, "/auth/");
	assert_int_equal(eg_cf_pattern_witness("/auth/*", "*", all, 1, w, sizeof(w)), 0);
	/* '?' is one byte; the leading '/' is optional */
	assert_int_equal(eg_cf_pattern_witness("v?/*", "/v1/*", NULL, 0, w, sizeof(w)), 1);
	assert_true(eg_cf_path_match("v?/*", w));
	/* no room for the path: unknown */
	assert_int_equal(eg_cf_pattern_witness("/api/*", "/api/*", NULL, 0, w, 3), -1);
	/* a search past its first 64 states (327 here) grows the table while
	 * it walks it */
	assert_int_equal(eg_cf_pattern_witness("*a*b*c*d*", "*d*c*b*a*", ends, 8, w, sizeof(w)), 1);
	assert_string_equal(w, "/xabcdcbax");
}

static void test_cloudfront__pattern_covers(void **state)
{
	(void)state;
	/* an earlier '/api/ *' shadows '/api/v1/ *' completely, not the reverse */
	assert_int_equal(eg_cf_pattern_covers("/api/*", "/api/v1/*"), 1);
	assert_int_equal(eg_cf_pattern_covers("/api/v1/*", "/api/*"), 0);
	/* '*' covers everything; '/ *' too, the leading '/' being optional */
	assert_int_equal(eg_cf_pattern_covers("*", "/img/*.png"), 1);
	assert_int_equal(eg_cf_pattern_covers("/*", "*.png"), 1);
	/* '*.png' and '/img/ *' overlap, neither covers the other */
	assert_int_equal(eg_cf_pattern_covers("*.png", "/img/*"), 0);
	assert_int_equal(eg_cf_pattern_covers("/img/*", "*.png"), 0);
	/* '?' is one character: '/v?/ *' covers '/v1/ *' but not '/v10/ *' */
	assert_int_equal(eg_cf_pattern_covers("/v?/*", "/v1/*"), 1);
	assert_int_equal(eg_cf_pattern_covers("/v?/*", "/v10/*"), 0);
	/* case-sensitive; equal patterns cover each other */
	assert_int_equal(eg_cf_pattern_covers("/API/*", "/api/*"), 0);
	assert_int_equal(eg_cf_pattern_covers("api/*", "/api/*"), 1);
	assert_int_equal(eg_cf_pattern_covers(NULL, "/api/*"), -1);
}

static void test_cloudfront__pattern_bad_char(void **state)
{
	(void)state;
	assert_int_equal(eg_cf_pattern_bad_char("/api/v?/*.json"), '\0');
	assert_int_equal(eg_cf_pattern_bad_char("/a_b-c.d$e~f\"g'h@i:j+k&l"), '\0');
	assert_int_equal(eg_cf_pattern_bad_char("/api/{id}"), '{');
	assert_int_equal(eg_cf_pattern_bad_char("/caf\xc3\xa9"), '\xc3');
	assert_int_equal(eg_cf_pattern_bad_char("/a b"), ' ');
	assert_int_equal(eg_cf_pattern_bad_char("/50%"), '%');
	assert_int_equal(eg_cf_pattern_bad_char(NULL), '\0');
}

static void test_cloudfront__lambda_qualifier(void **state)
{
	size_t len;
	const char *q;

	(void)state;
	q = eg_cf_lambda_qualifier("arn:aws:lambda:us-east-1:123456789012:function:auth:12", &len);
	assert_non_null(q);
	assert_int_equal(len, 2);
	assert_memory_equal(q, "12", 2);
	assert_true(eg_cf_lambda_numbered("arn:aws:lambda:us-east-1:123456789012:function:auth:12"));
	/* $LATEST, an alias and no qualifier are not numbered versions */
	assert_false(eg_cf_lambda_numbered("arn:aws:lambda:us-east-1:123456789012:function:auth:$LATEST"));
	assert_false(eg_cf_lambda_numbered("arn:aws:lambda:us-east-1:123456789012:function:auth:live"));
	assert_null(eg_cf_lambda_qualifier("arn:aws:lambda:us-east-1:123456789012:function:auth", &len));
	assert_false(eg_cf_lambda_numbered("arn:aws:lambda:us-east-1:123456789012:function:auth"));
	/* a CloudFront Function ARN has no qualifier */
	assert_null(eg_cf_lambda_qualifier("arn:aws:cloudfront::123456789012:function/rewrite", &len));
	assert_null(eg_cf_lambda_qualifier(NULL, &len));
}

/* The AWS table's order; newer policies in its naming rank above it. */
static void test_cloudfront__tls_policy_order(void **state)
{
	const eg_cf_order *o = &eg_cf_tls_policies;

	(void)state;
	assert_int_equal(o->n, 9);
	assert_int_equal(eg_cf_order_rank(o, "SSLv3"), 0);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1"), 1);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1_2016"), 2);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.1_2016"), 3);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2_2018"), 4);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2_2021"), 6);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2_2025"), 7);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.3_2025"), 8);
	/* a future policy: at least the newest known, never weak */
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.3_2027"), 9);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2_2026"), 9);
	/* not in the naming, or a weak protocol under a new year: unrecognised */
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.1_2030"), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2_2020"), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2_20255"), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, "TLSv1.2"), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, "tlsv1.2_2021"), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, "TLS_V1_2_2021"), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, ""), EG_CF_RANK_NONE);
	assert_int_equal(eg_cf_order_rank(o, NULL), EG_CF_RANK_NONE);
}

/* Managed policies by id, header lists, S3 endpoint names. */
static void test_cloudfront__managed_policies_and_s3_names(void **state)
{
	const eg_cf_managed_policy *p;
	char region[32];

	(void)state;
	p = eg_cf_managed_policy_find("216ADEF6-5c7f-47e4-b989-5492eafa07d3");
	assert_non_null(p);
	assert_string_equal(p->name, "AllViewer");
	assert_true(p->origin_request);
	p = eg_cf_managed_policy_find("b689b0a8-53d0-40ab-baf2-68738e2966ac");
	assert_string_equal(p->header_behavior, "allExcept");
	assert_true(eg_cf_header_list_has(p->headers, "host"));
	assert_false(eg_cf_header_list_has("Origin,Access-Control-Request-Headers", "Host"));
	assert_null(eg_cf_managed_policy_find("00000000-0000-0000-0000-000000000000"));
	assert_null(eg_cf_managed_policy_find(NULL));
	assert_true(eg_cf_is_s3_global_endpoint("site.s3.amazonaws.com."));
	assert_false(eg_cf_is_s3_global_endpoint("site.s3.eu-west-1.amazonaws.com"));
	assert_false(eg_cf_is_s3_global_endpoint(".s3.amazonaws.com"));
	assert_true(eg_cf_s3_domain_region("site.s3.eu-west-1.amazonaws.com", region, sizeof(region)));
	assert_string_equal(region, "eu-west-1");
	assert_true(eg_cf_s3_domain_region("site.s3-website-us-west-2.amazonaws.com", region,
					   sizeof(region)));
	assert_string_equal(region, "us-west-2");
	assert_false(eg_cf_s3_domain_region("site.s3.amazonaws.com", region, sizeof(region)));
	assert_false(eg_cf_s3_domain_region("api.example.com", region, sizeof(region)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cloudfront__star_matches_any_run_including_slash),
		cmocka_unit_test(test_cloudfront__default_star_matches_everything),
		cmocka_unit_test(test_cloudfront__question_mark_is_exactly_one_char),
		cmocka_unit_test(test_cloudfront__matching_is_case_sensitive),
		cmocka_unit_test(test_cloudfront__auth_slash_star_does_not_match_auth),
		cmocka_unit_test(test_cloudfront__leading_slash_is_optional),
		cmocka_unit_test(test_cloudfront__null_never_matches),
		cmocka_unit_test(test_cloudfront__many_stars_stay_fast),
		cmocka_unit_test(test_cloudfront__route_probe_matches_its_pattern),
		cmocka_unit_test(test_cloudfront__route_probe_truncates_and_terminates),
		cmocka_unit_test(test_cloudfront__pattern_equal_ignores_leading_slash),
		cmocka_unit_test(test_cloudfront__classifies_origin_domains),
		cmocka_unit_test(test_cloudfront__s3_website_is_tested_before_s3),
		cmocka_unit_test(test_cloudfront__classify_ignores_case_and_trailing_dot),
		cmocka_unit_test(test_cloudfront__classify_china_regions),
		cmocka_unit_test(test_cloudfront__classify_null_and_empty_are_unknown),
		cmocka_unit_test(test_cloudfront__owner_part_is_bucket_or_lb_name),
		cmocka_unit_test(test_cloudfront__kind_names_round_trip),
		cmocka_unit_test(test_cloudfront__method_bits_ignore_case),
		cmocka_unit_test(test_cloudfront__only_three_method_sets_are_valid),
		cmocka_unit_test(test_cloudfront__host_equal_ignores_case_and_one_dot),
		cmocka_unit_test(test_cloudfront__wildcard_alias_routes_any_depth),
		cmocka_unit_test(test_cloudfront__wildcard_certificate_covers_one_label),
		cmocka_unit_test(test_cloudfront__alias_specificity),
		cmocka_unit_test(test_cloudfront__plain_alias_routes_equal_host),
		cmocka_unit_test(test_cloudfront__alias_overlap),
		cmocka_unit_test(test_cloudfront__pattern_witness),
		cmocka_unit_test(test_cloudfront__pattern_covers),
		cmocka_unit_test(test_cloudfront__pattern_bad_char),
		cmocka_unit_test(test_cloudfront__lambda_qualifier),
		cmocka_unit_test(test_cloudfront__distribution_domain),
		cmocka_unit_test(test_cloudfront__tls_policy_order),
		cmocka_unit_test(test_cloudfront__managed_policies_and_s3_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

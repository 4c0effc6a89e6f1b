/* test_cfn.c - unit tests for CloudFormation intrinsic resolution (cfn.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "arena.h"
#include "cfn.h"
#include "common.h"
#include "strbuf.h"
#include "yamldoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- helpers ----------------------------------------------------------------- */

/* An opened template: the document and the eg_cfn that borrows it. */
typedef struct tpl {
	eg_ydoc *doc;
	eg_cfn *t;
} tpl;

/* Parses YAML (or JSON when json) text as "t.yml"; fails the test on error. */
static eg_ydoc *parse_doc(const char *text, bool json)
{
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	int rc = json ? eg_ydoc_parse_json(&doc, text, strlen(text), "t.yml", NULL, &err)
		      : eg_ydoc_parse(&doc, text, strlen(text), "t.yml", NULL, &err);

	if (rc)
		fail_msg("template does not parse: %d at %d:%d: %s\n%s", rc, err.line, err.col,
			 err.message, text);
	return doc;
}

static tpl open_doc(const char *text, bool json, eg_cfn_options *o)
{
	tpl p;
	eg_error err = EG_ERROR_INIT;
	int rc;

	p.doc = parse_doc(text, json);
	p.t = NULL;
	rc = eg_cfn_open(&p.t, p.doc, o, &err);
	if (rc)
		fail_msg("eg_cfn_open failed: %d at %d:%d: %s\n%s", rc, err.line, err.col,
			 err.message, text);
	assert_non_null(p.t);
	return p;
}

static tpl open_ok(const char *yaml, eg_cfn_options *o)
{
	return open_doc(yaml, false, o);
}

static void tpl_close(tpl *p)
{
	eg_cfn_free(p->t);
	eg_ydoc_free(p->doc);
	p->t = NULL;
	p->doc = NULL;
}

/* The node at a dot-separated path of mapping keys and sequence indexes
 * ("Outputs.X.Value", "Resources.B.Properties.Tags.0"). */
static const eg_ynode *node_at(const eg_ydoc *doc, const char *path)
{
	const eg_ynode *n = doc->root;
	char buf[256], *part, *save = NULL;

	assert_true(strlen(path) < sizeof(buf));
	strcpy(buf, path);
	for (part = strtok_r(buf, ".", &save); part && n; part = strtok_r(NULL, ".", &save)) {
		if (n->kind == EG_Y_SEQ) {
			size_t i = (size_t)strtoul(part, NULL, 10);
			n = i < n->nitems ? n->items[i] : NULL;
		} else {
			n = eg_ynode_get(n, part);
		}
	}
	if (!n)
		fail_msg("no node at %s", path);
	return n;
}

/* Resolves the node at path; fails the test on error. */
static eg_cval *get(tpl *p, const char *path)
{
	eg_error err = EG_ERROR_INIT;
	eg_cval *v = (eg_cval *)1;
	int rc = eg_cfn_resolve(p->t, node_at(p->doc, path), &v, &err);

	if (rc)
		fail_msg("resolving %s failed: %d at %d:%d: %s", path, rc, err.line, err.col,
			 err.message);
	return v;
}

/* Outputs.<name>.Value, resolved. */
static eg_cval *out(tpl *p, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "Outputs.%s.Value", name);
	return get(p, path);
}

/* A template every expression test shares; the expression under test is the
 * value of Outputs.X, at line 20 column 12. */
#define BASE                                                                                 \
	"Parameters:\n"                                               /*  1 */                  \
	"  Env: {Type: String, Default: prod}\n"                      /*  2 */                  \
	"  Unset: {Type: String}\n"                                   /*  3 */                  \
	"  Names: {Type: CommaDelimitedList, Default: 'a,b,c'}\n"     /*  4 */                  \
	"  Idx: {Type: Number, Default: 1}\n"                         /*  5 */                  \
	"Mappings:\n"                                                 /*  6 */                  \
	"  Regions:\n"                                                /*  7 */                  \
	"    eu-west-1: {Ami: ami-eu, Zones: [a, b]}\n"               /*  8 */                  \
	"    us-east-1: {Ami: ami-us}\n"                              /*  9 */                  \
	"Conditions:\n"                                               /* 10 */                  \
	"  IsProd: !Equals [!Ref Env, prod]\n"                        /* 11 */                  \
	"  IsDev: !Equals [!Ref Env, dev]\n"                          /* 12 */                  \
	"  Maybe: !Equals [!Ref Unset, x]\n"                          /* 13 */                  \
	"Resources:\n"                                                /* 14 */                  \
	"  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: site}}\n" /* 15 */          \
	"  Anon: {Type: AWS::S3::Bucket}\n"                           /* 16 */                  \
	"  LB: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer}\n"   /* 17 */                  \
	"Outputs:\n"                                                  /* 18 */                  \
	"  X:\n"                                                      /* 19 */                  \
	"    Value: "                                                 /* 20, col 12 */
#define XLINE 20
#define XCOL 12

static char *with_base(const char *expr)
{
	eg_strbuf sb = EG_STRBUF_INIT;

	eg_sb_adds(&sb, BASE);
	eg_sb_adds(&sb, expr);
	eg_sb_adds(&sb, "\n");
	return eg_sb_detach(&sb);
}

/* Opens BASE with expr as Outputs.X.Value (o may be NULL) and resolves it. */
static eg_cval *eval(tpl *p, const char *expr, eg_cfn_options *o)
{
	char *text = with_base(expr);

	*p = open_ok(text, o);
	eg_free(text);
	return out(p, "X");
}

/* eg_cfn_open on text fails with EG_ERR_INPUT at line:col, the message
 * containing needle. */
static void expect_open_error_doc(const char *text, bool json, eg_cfn_options *o, int line,
				  int col, const char *needle)
{
	eg_ydoc *doc = parse_doc(text, json);
	eg_cfn *t = (eg_cfn *)1;
	eg_error err = EG_ERROR_INIT;
	int rc = eg_cfn_open(&t, doc, o, &err);
	bool ok = rc == EG_ERR_INPUT && err.code == EG_ERR_INPUT && t == NULL &&
		  !strcmp(err.file, "t.yml") && err.line == line && err.col == col &&
		  strstr(err.message, needle);

	if (!ok)
		fail_msg("got rc %d (code %d) %s:%d:%d: %s\nwant %d t.yml:%d:%d: ...%s...\n%s", rc,
			 err.code, err.file, err.line, err.col, err.message, EG_ERR_INPUT, line,
			 col, needle, text);
	eg_ydoc_free(doc);
}

static void expect_open_error(const char *yaml, int line, int col, const char *needle)
{
	expect_open_error_doc(yaml, false, NULL, line, col, needle);
}

/* expr as Outputs.X.Value of BASE fails to open at XLINE, XCOL + dcol. */
static void expect_expr_error(const char *expr, int dcol, const char *needle)
{
	char *text = with_base(expr);

	expect_open_error_doc(text, false, NULL, XLINE, XCOL + dcol, needle);
	eg_free(text);
}

/* Errors that depend on values (an undefined name, a missing mapping key,
 * an index past the end) are not raised by the walk in eg_cfn_open, only
 * when the value is resolved: BASE with expr opens, and resolving
 * Outputs.X.Value fails at XLINE, XCOL + dcol. */
static void expect_resolve_error_o(const char *expr, eg_cfn_options *o, int dcol,
				   const char *needle)
{
	char *text = with_base(expr);
	tpl p = open_ok(text, o);
	eg_cval *v = (eg_cval *)1;
	eg_error err = EG_ERROR_INIT;
	int rc = eg_cfn_resolve(p.t, node_at(p.doc, "Outputs.X.Value"), &v, &err);
	bool ok = rc == EG_ERR_INPUT && err.code == EG_ERR_INPUT && v == NULL &&
		  !strcmp(err.file, "t.yml") && err.line == XLINE && err.col == XCOL + dcol &&
		  strstr(err.message, needle);

	if (!ok)
		fail_msg("got rc %d (code %d) %s:%d:%d: %s\nwant %d t.yml:%d:%d: ...%s...\n%s", rc,
			 err.code, err.file, err.line, err.col, err.message, EG_ERR_INPUT, XLINE,
			 XCOL + dcol, needle, text);
	tpl_close(&p);
	eg_free(text);
}

static void expect_resolve_error(const char *expr, int dcol, const char *needle)
{
	expect_resolve_error_o(expr, NULL, dcol, needle);
}

static void assert_cv_str(const eg_cval *v, const char *s)
{
	if (!v)
		fail_msg("want scalar '%s', got NULL (AWS::NoValue)", s);
	if (v->kind != EG_CV_SCALAR)
		fail_msg("want scalar '%s', got kind %d (%s)", s, v->kind, v->str ? v->str : "");
	assert_string_equal(v->str, s);
	assert_string_equal(eg_cval_str(v), s);
}

static void assert_same_str(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else if (!got)
		fail_msg("want '%s', got NULL", want);
	else
		assert_string_equal(got, want);
}

/* Unknown, remembering resource ref and attribute attr (either may be NULL). */
static void assert_cv_unknown(const eg_cval *v, const char *ref, const char *attr)
{
	assert_non_null(v);
	if (v->kind != EG_CV_UNKNOWN)
		fail_msg("want unknown, got kind %d (%s)", v->kind, v->str ? v->str : "");
	assert_non_null(v->str); /* says what is unknown */
	assert_null(eg_cval_str(v));
	assert_same_str(v->ref, ref);
	assert_same_str(v->ref_attr, attr);
}

static void assert_cv_list(const eg_cval *v, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_non_null(v);
	assert_int_equal(v->kind, EG_CV_SEQ);
	assert_int_equal(v->nitems, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_cv_str(v->items[i], va_arg(ap, const char *));
	va_end(ap);
}

static char *write_temp(const char *text)
{
	return test_write_temp(text, strlen(text));
}

/* --- Ref ------------------------------------------------------------------------ */

static void test_cfn__ref_parameter_default_short_and_long_form(void **state)
{
	tpl p;
	(void)state;

	assert_cv_str(eval(&p, "!Ref Env", NULL), "prod");
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Ref: Env}", NULL), "prod");
	tpl_close(&p);
	/* a number Default is its text */
	assert_cv_str(eval(&p, "!Ref Idx", NULL), "1");
	assert_cv_str(eg_cfn_param_value(p.t, "Env"), "prod");
	assert_null(eg_cfn_param_value(p.t, "Nope"));
	tpl_close(&p);
}

static void test_cfn__ref_parameter_takes_param_option_and_marks_it_used(void **state)
{
	eg_cfn_param params[] = {
		{ "Env", "staging", true, false },
		{ "Other", "x", true, false },
		{ "Env", "qa", false, false }, /* later entries win */
		{ "Unset", "given", false, false },
	};
	eg_cfn_options o = { params, 4, NULL, NULL, NULL };
	tpl p;
	(void)state;

	assert_cv_str(eval(&p, "!Ref Env", &o), "qa");
	assert_cv_str(eg_cfn_param_value(p.t, "Unset"), "given");
	tpl_close(&p);
	assert_true(params[0].used);
	assert_false(params[1].used); /* the template declares no Other */
	assert_true(params[2].used);
	assert_true(params[3].used);
	assert_true(params[0].strict); /* untouched */
}

static void test_cfn__ref_parameter_without_default_is_unknown(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Ref Unset", NULL);
	assert_cv_unknown(v, NULL, NULL);
	assert_non_null(strstr(v->str, "parameter Unset has no Default"));
	assert_non_null(strstr(v->str, "--param Unset=VALUE"));
	assert_int_equal(v->src->line, 3); /* the declaration */
	assert_int_equal(eg_cfn_condition(p.t, "Maybe"), -1);
	tpl_close(&p);
}

static void test_cfn__pseudo_parameters_known_from_options(void **state)
{
	eg_cfn_options o = { NULL, 0, "eu-west-1", "123456789012", "web" };
	const char *yaml = "Outputs:\n"
			   "  R: {Value: !Ref AWS::Region}\n"
			   "  A: {Value: !Ref AWS::AccountId}\n"
			   "  S: {Value: {Ref: AWS::StackName}}\n"
			   "  P: {Value: !Ref AWS::Partition}\n"
			   "  U: {Value: !Ref AWS::URLSuffix}\n"
			   "  I: {Value: !Ref AWS::StackId}\n"
			   "  N: {Value: !Ref AWS::NotificationARNs}\n";
	tpl p;
	(void)state;

	p = open_ok(yaml, &o);
	assert_cv_str(out(&p, "R"), "eu-west-1");
	assert_cv_str(out(&p, "A"), "123456789012");
	assert_cv_str(out(&p, "S"), "web");
	assert_cv_str(out(&p, "P"), "aws");
	assert_cv_str(out(&p, "U"), "amazonaws.com");
	assert_int_equal(out(&p, "R")->src->line, 2);
	assert_int_equal(out(&p, "R")->src->col, 14);
	/* never known before deploy */
	assert_cv_unknown(out(&p, "I"), NULL, NULL);
	assert_cv_unknown(out(&p, "N"), NULL, NULL);
	tpl_close(&p);

	o.region = "cn-north-1";
	p = open_ok(yaml, &o);
	assert_cv_str(out(&p, "P"), "aws-cn");
	assert_cv_str(out(&p, "U"), "amazonaws.com.cn");
	tpl_close(&p);

	o.region = "us-gov-west-1";
	p = open_ok(yaml, &o);
	assert_cv_str(out(&p, "P"), "aws-us-gov");
	assert_cv_str(out(&p, "U"), "amazonaws.com");
	tpl_close(&p);
}

static void test_cfn__pseudo_parameters_unknown_without_options(void **state)
{
	static const char *const names[] = { "R", "A", "S", "P", "U" };
	eg_cfn_options none = { NULL, 0, NULL, NULL, NULL };
	const char *yaml = "Outputs:\n"
			   "  R: {Value: !Ref AWS::Region}\n"
			   "  A: {Value: !Ref AWS::AccountId}\n"
			   "  S: {Value: !Ref AWS::StackName}\n"
			   "  P: {Value: !Ref AWS::Partition}\n"
			   "  U: {Value: !Ref AWS::URLSuffix}\n";
	tpl p;
	size_t i;
	(void)state;

	p = open_ok(yaml, NULL);
	for (i = 0; i < EG_ARRAY_SIZE(names); i++)
		assert_cv_unknown(out(&p, names[i]), NULL, NULL);
	assert_non_null(strstr(out(&p, "R")->str, "AWS::Region"));
	tpl_close(&p);
	p = open_ok(yaml, &none);
	for (i = 0; i < EG_ARRAY_SIZE(names); i++)
		assert_cv_unknown(out(&p, names[i]), NULL, NULL);
	tpl_close(&p);
}

static void test_cfn__ref_no_value_is_null(void **state)
{
	tpl p;
	(void)state;

	assert_null(eval(&p, "!Ref AWS::NoValue", NULL));
	tpl_close(&p);
	assert_null(eval(&p, "{Ref: AWS::NoValue}", NULL));
	tpl_close(&p);
}

static void test_cfn__ref_bucket_with_name_is_the_name(void **state)
{
	eg_cfn_options o = { NULL, 0, NULL, NULL, "web" };
	const char *yaml = "Parameters:\n"
			   "  Env: {Type: String, Default: prod}\n"
			   "Resources:\n"
			   "  Bucket:\n"
			   "    Type: AWS::S3::Bucket\n"
			   "    Properties:\n"
			   "      BucketName: !Sub '${AWS::StackName}-${Env}-assets'\n"
			   "Outputs:\n"
			   "  X: {Value: !Ref Bucket}\n";
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Ref Bucket", NULL);
	assert_cv_str(v, "site");
	assert_string_equal(v->ref, "Bucket");
	assert_null(v->ref_attr);
	tpl_close(&p);

	p = open_ok(yaml, &o);
	v = out(&p, "X");
	assert_cv_str(v, "web-prod-assets");
	assert_string_equal(v->ref, "Bucket");
	tpl_close(&p);
	/* the name depends on the unknown stack name */
	p = open_ok(yaml, NULL);
	assert_cv_unknown(out(&p, "X"), "Bucket", NULL);
	tpl_close(&p);
}

static void test_cfn__ref_other_resource_is_unknown_with_ref(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Ref LB", NULL);
	assert_cv_unknown(v, "LB", NULL);
	assert_string_equal(v->str, "!Ref LB");
	tpl_close(&p);
	/* a bucket without a BucketName gets a generated name */
	assert_cv_unknown(eval(&p, "!Ref Anon", NULL), "Anon", NULL);
	tpl_close(&p);
}

static void test_cfn__ref_undefined_is_an_error_except_under_a_transform(void **state)
{
	const char *yaml = "Transform: AWS::Serverless-2016-10-31\n"
			   "Resources:\n"
			   "  Fn: {Type: AWS::Serverless::Function}\n"
			   "Outputs:\n"
			   "  R: {Value: !Ref FnRole}\n"
			   "  G: {Value: !GetAtt FnRole.Arn}\n"
			   "  S: {Value: !Sub '${FnRole}'}\n";
	tpl p;
	(void)state;

	expect_resolve_error("!Ref Nope", 0, "!Ref Nope: no parameter or resource of that name");
	expect_resolve_error("{Ref: Nope}", 0, "!Ref Nope: no parameter or resource of that name");
	expect_resolve_error("!GetAtt Nope.Arn", 0, "!GetAtt Nope.Arn: no resource named Nope");
	expect_resolve_error("!GetAtt [Nope, Arn]", 0, "!GetAtt Nope.Arn: no resource named Nope");
	expect_resolve_error("!Sub 'x-${Nope}'", 0, "!Ref Nope: no parameter or resource");
	expect_resolve_error("!Sub 'x-${Nope.Arn}'", 0, "!GetAtt Nope.Arn: no resource named Nope");
	expect_resolve_error("[a, [b, !Ref Nope]]", 8, "!Ref Nope: no parameter or resource");

	p = open_ok(yaml, NULL);
	assert_cv_unknown(out(&p, "R"), "FnRole", NULL);
	assert_non_null(strstr(out(&p, "R")->str, "transform"));
	assert_cv_unknown(out(&p, "G"), "FnRole", "Arn");
	assert_cv_unknown(out(&p, "S"), "FnRole", NULL);
	tpl_close(&p);
}

static void test_cfn__ref_shapes(void **state)
{
	(void)state;
	expect_expr_error("{Ref: [Env]}", 6, "Ref needs the name of a parameter or resource");
	expect_expr_error("{Ref: !Ref Env}", 6, "Ref needs the name of a parameter or resource");
	expect_expr_error("!Ref [Env]", 0, "Ref needs the name of a parameter or resource");
}

/* --- GetAtt ---------------------------------------------------------------------- */

static const char *const getatt_yaml =
	"Resources:\n"
	"  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: site}}\n"
	"Outputs:\n"
	"  D1: {Value: !GetAtt Bucket.DomainName}\n"
	"  D2: {Value: !GetAtt [Bucket, DomainName]}\n"
	"  D3: {Value: {Fn::GetAtt: [Bucket, DomainName]}}\n"
	"  D4: {Value: {Fn::GetAtt: Bucket.DomainName}}\n"
	"  R: {Value: !GetAtt Bucket.RegionalDomainName}\n"
	"  W: {Value: !GetAtt [Bucket, WebsiteURL]}\n"
	"  A: {Value: !GetAtt Bucket.Arn}\n";

static void test_cfn__getatt_bucket_without_region(void **state)
{
	static const char *const forms[] = { "D1", "D2", "D3", "D4" };
	tpl p;
	size_t i;
	(void)state;

	p = open_ok(getatt_yaml, NULL);
	for (i = 0; i < EG_ARRAY_SIZE(forms); i++) {
		eg_cval *v = out(&p, forms[i]);
		assert_cv_str(v, "site.s3.amazonaws.com");
		assert_string_equal(v->ref, "Bucket");
		assert_string_equal(v->ref_attr, "DomainName");
	}
	assert_int_equal(out(&p, "D1")->src->line, 4);
	assert_int_equal(out(&p, "D1")->src->col, 15);
	assert_cv_unknown(out(&p, "R"), "Bucket", "RegionalDomainName");
	assert_cv_unknown(out(&p, "W"), "Bucket", "WebsiteURL");
	assert_cv_unknown(out(&p, "A"), "Bucket", "Arn");
	assert_string_equal(out(&p, "A")->str, "!GetAtt Bucket.Arn");
	tpl_close(&p);
}

static void test_cfn__getatt_bucket_with_region(void **state)
{
	eg_cfn_options o = { NULL, 0, "us-east-2", NULL, NULL };
	tpl p;
	eg_cval *v;
	(void)state;

	p = open_ok(getatt_yaml, &o);
	assert_cv_str(out(&p, "D2"), "site.s3.amazonaws.com");
	v = out(&p, "R");
	assert_cv_str(v, "site.s3.us-east-2.amazonaws.com");
	assert_string_equal(v->ref, "Bucket");
	assert_string_equal(v->ref_attr, "RegionalDomainName");
	v = out(&p, "W");
	assert_cv_str(v, "http://site.s3-website.us-east-2.amazonaws.com");
	assert_string_equal(v->ref_attr, "WebsiteURL");
	assert_cv_unknown(out(&p, "A"), "Bucket", "Arn");
	tpl_close(&p);

	o.region = "cn-north-1";
	p = open_ok(getatt_yaml, &o);
	assert_cv_str(out(&p, "R"), "site.s3.cn-north-1.amazonaws.com.cn");
	tpl_close(&p);
}

static void test_cfn__getatt_website_url_in_a_legacy_region(void **state)
{
	/* Regions older than 2014 name website endpoints with a dash
	 * (s3-website-eu-west-1), newer ones with a dot; cn- regions end in
	 * amazonaws.com.cn. */
	eg_cfn_options o = { NULL, 0, "eu-west-1", NULL, NULL };
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!GetAtt Bucket.WebsiteURL", &o);
	assert_cv_str(v, "http://site.s3-website-eu-west-1.amazonaws.com");
	tpl_close(&p);
}

static void test_cfn__getatt_bucket_without_name_is_unknown(void **state)
{
	eg_cfn_options o = { NULL, 0, "eu-west-1", NULL, NULL };
	tpl p;
	(void)state;

	assert_cv_unknown(eval(&p, "!GetAtt Anon.DomainName", &o), "Anon", "DomainName");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!GetAtt Anon.RegionalDomainName", &o), "Anon",
			  "RegionalDomainName");
	tpl_close(&p);
}

static void test_cfn__getatt_other_resource_is_unknown_with_ref_and_attr(void **state)
{
	eg_cfn_options o = { NULL, 0, "eu-west-1", "1", "s" };
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!GetAtt LB.DNSName", &o);
	assert_cv_unknown(v, "LB", "DNSName");
	assert_string_equal(v->str, "!GetAtt LB.DNSName");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "{Fn::GetAtt: [LB, DNSName]}", NULL), "LB", "DNSName");
	tpl_close(&p);
	/* the attribute is everything after the first dot */
	assert_cv_unknown(eval(&p, "!GetAtt LB.Endpoint.Address", NULL), "LB", "Endpoint.Address");
	tpl_close(&p);
}

static void test_cfn__getatt_attribute_name_from_ref(void **state)
{
	const char *yaml = "Parameters:\n"
			   "  Attr: {Type: String, Default: DomainName}\n"
			   "  NoAttr: {Type: String}\n"
			   "Resources:\n"
			   "  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: site}}\n"
			   "Outputs:\n"
			   "  A: {Value: !GetAtt [Bucket, !Ref Attr]}\n"
			   "  B: {Value: !GetAtt [Bucket, !Ref NoAttr]}\n";
	tpl p;
	(void)state;

	p = open_ok(yaml, NULL);
	assert_cv_str(out(&p, "A"), "site.s3.amazonaws.com");
	assert_cv_unknown(out(&p, "B"), "Bucket", NULL);
	tpl_close(&p);
}

static void test_cfn__getatt_wrong_shape(void **state)
{
	(void)state;
	expect_expr_error("!GetAtt Bucket", 0,
			  "Fn::GetAtt needs 'Resource.Attribute' or [Resource, Attribute]");
	expect_expr_error("!GetAtt .Arn", 0, "Fn::GetAtt needs");
	expect_expr_error("!GetAtt Bucket.", 0, "Fn::GetAtt needs");
	expect_expr_error("!GetAtt [Bucket]", 0, "Fn::GetAtt needs");
	expect_expr_error("!GetAtt [Bucket, Arn, x]", 0, "Fn::GetAtt needs");
	expect_expr_error("!GetAtt [!Ref Env, Arn]", 0, "Fn::GetAtt needs");
	/* long form: the position is that of the argument */
	expect_expr_error("{Fn::GetAtt: {a: b}}", 13, "Fn::GetAtt needs");
}

/* --- Sub --------------------------------------------------------------------------- */

static void test_cfn__sub_scalar_form(void **state)
{
	eg_cfn_options o = { NULL, 0, "eu-west-1", NULL, NULL };
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Sub '${Env}.${Bucket.DomainName}/${!Literal}/${AWS::Region}'", &o);
	assert_cv_str(v, "prod.site.s3.amazonaws.com/${Literal}/eu-west-1");
	/* a derived value, not a resource's own */
	assert_null(v->ref);
	assert_int_equal(v->src->line, XLINE);
	assert_int_equal(v->src->col, XCOL);
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::Sub: 'no variables'}", NULL), "no variables");
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::Sub: '${Bucket}-${Env}'}", NULL), "site-prod");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Sub ''", NULL), "");
	tpl_close(&p);
	/* '$' and '{' alone are text */
	assert_cv_str(eval(&p, "!Sub 'a$b{c}$'", NULL), "a$b{c}$");
	tpl_close(&p);
}

static void test_cfn__sub_list_form_with_variables(void **state)
{
	tpl p;
	(void)state;

	assert_cv_str(eval(&p, "!Sub ['${Host}/${Env}', {Host: !GetAtt Bucket.DomainName}]", NULL),
		      "site.s3.amazonaws.com/prod");
	tpl_close(&p);
	/* a variable shadows a parameter of the same name */
	assert_cv_str(eval(&p, "{Fn::Sub: ['${Env}', {Env: !Join [-, [x, y]]}]}", NULL), "x-y");
	tpl_close(&p);
	/* a dotted variable name is a variable, not an attribute */
	assert_cv_str(eval(&p, "!Sub ['${A.B}', {A.B: v}]", NULL), "v");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Sub ['${H}', {H: !GetAtt LB.DNSName}]", NULL), "LB",
			  "DNSName");
	tpl_close(&p);
}

static void test_cfn__sub_unknown_keeps_the_ref(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Sub 'https://${LB.DNSName}/${Env}'", NULL);
	assert_cv_unknown(v, "LB", "DNSName");
	assert_non_null(strstr(v->str, "https://${LB.DNSName}/${Env}"));
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Sub '${Env}-${LB}'", NULL), "LB", NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Sub '${Unset}'", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Sub '${AWS::AccountId}'", NULL), NULL, NULL);
	tpl_close(&p);
}

static void test_cfn__sub_unknown_keeps_its_shape(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Sub 'api-${Env}-${Unset}.${AWS::Region}.elb.amazonaws.com'", NULL);
	assert_cv_unknown(v, NULL, NULL);
	assert_non_null(v->shape);
	assert_string_equal(v->shape, "api-prod-${Unset}.${AWS::Region}.elb.amazonaws.com");
	tpl_close(&p);
	v = eval(&p, "!Sub ['${Host}:${Port}', {Host: !Ref Unset, Port: 443}]", NULL);
	assert_string_equal(v->shape, "${Host}:443");
	tpl_close(&p);
	/* known values have no shape */
	assert_null(eval(&p, "!Sub '${Env}'", NULL)->shape);
	tpl_close(&p);
}

static void test_cfn__sub_shape_keeps_attribute_names(void **state)
{
	/* The shape keeps the whole ${Res.Attr}: messages quote it. */
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Sub 'https://${LB.DNSName}/${Env}'", NULL);
	assert_cv_unknown(v, "LB", "DNSName");
	assert_non_null(v->shape);
	assert_string_equal(v->shape, "https://${LB.DNSName}/prod");
	tpl_close(&p);
}

static void test_cfn__sub_variable_that_is_no_value(void **state)
{
	/* A ${Name} that is AWS::NoValue is an error, never a known value that
	 * still holds a placeholder. */
	const char *cases[] = {
		"!Sub ['x${X}y', {X: !If [IsDev, a, !Ref AWS::NoValue]}]",
		"!Sub 'x${AWS::NoValue}y'",
	};
	size_t i;
	(void)state;

	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		char *text = with_base(cases[i]);
		tpl p = open_ok(text, NULL);
		eg_cval *v = NULL;
		eg_error err = EG_ERROR_INIT;
		int rc = eg_cfn_resolve(p.t, node_at(p.doc, "Outputs.X.Value"), &v, &err);

		eg_free(text);
		if (!rc)
			assert_true(!v || v->kind != EG_CV_SCALAR || !strcmp(v->str, "xy"));
		tpl_close(&p);
	}
}

static void test_cfn__sub_errors(void **state)
{
	(void)state;
	expect_expr_error("!Sub 'a-${Env'", 0, "Fn::Sub: '${' without a closing '}'");
	expect_expr_error("!Sub ['${Env', {}]", 6, "Fn::Sub: '${' without a closing '}'");
	expect_resolve_error("!Sub '${Names}'", 0, "Fn::Sub: ${Names} is not a string");
	expect_expr_error("!Sub [x]", 0, "Fn::Sub needs a list of 2 items");
	expect_expr_error("!Sub [x, {}, {}]", 0, "Fn::Sub needs a list of 2 items");
	expect_expr_error("!Sub [x, [a]]", 9,
			  "Fn::Sub: the second item must be a mapping of variables");
	expect_expr_error("!Sub [x, {Ref: Env}]", 9,
			  "Fn::Sub: the second item must be a mapping of variables");
	expect_expr_error("!Sub {a: b}", 0, "Fn::Sub needs a string");
	expect_expr_error("!Sub [[a], {}]", 6, "Fn::Sub needs a string");
	expect_expr_error("!Sub [!Ref Env, {}]", 6, "Fn::Sub needs a string");
}

/* --- Join, Select, Split ----------------------------------------------------------- */

static void test_cfn__join(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Join ['-', [a, !Ref Env, b]]", NULL);
	assert_cv_str(v, "a-prod-b");
	assert_int_equal(v->src->col, XCOL);
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::Join: ['', [x, !Ref Bucket]]}", NULL), "xsite");
	tpl_close(&p);
	/* a CommaDelimitedList parameter is a list */
	assert_cv_str(eval(&p, "!Join ['|', !Ref Names]", NULL), "a|b|c");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Join [',', []]", NULL), "");
	tpl_close(&p);
	/* NoValue items are dropped */
	assert_cv_str(eval(&p, "!Join ['-', [a, !Ref AWS::NoValue, b]]", NULL), "a-b");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Join ['-', [a, !If [IsDev, x, !Ref AWS::NoValue]]]", NULL), "a");
	tpl_close(&p);
}

static void test_cfn__join_unknown(void **state)
{
	tpl p;
	(void)state;

	assert_cv_unknown(eval(&p, "!Join ['', ['https://', !GetAtt LB.DNSName, /]]", NULL), "LB",
			  "DNSName");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Join [!Ref Unset, [a, b]]", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Join [',', !Split [',', !GetAtt LB.DNSName]]", NULL), "LB",
			  "DNSName");
	tpl_close(&p);
}

static void test_cfn__join_errors(void **state)
{
	(void)state;
	expect_expr_error("!Join ['-']", 0, "Fn::Join needs a list of 2 items");
	expect_expr_error("!Join ['-', [a], [b]]", 0, "Fn::Join needs a list of 2 items");
	expect_expr_error("{Fn::Join: '-'}", 11, "Fn::Join needs a list of 2 items");
	expect_expr_error("!Join ['-', abc]", 12, "expected a list here");
	expect_resolve_error("!Join ['-', [a, [b]]]", 16, "Fn::Join: list items must be strings");
	expect_expr_error("!Join [[x], [a]]", 7, "Fn::Join: expected a string here");
	expect_expr_error("!Join [!Ref AWS::NoValue, [a]]", 7,
			  "Fn::Join: AWS::NoValue is not allowed here");
}

static void test_cfn__select(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Select [1, [a, b, c]]", NULL);
	assert_cv_str(v, "b");
	assert_int_equal(v->src->col, XCOL + 16); /* the item itself */
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::Select: ['0', !Ref Names]}", NULL), "a");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Select [!Ref Idx, !Ref Names]", NULL), "b");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Select [!Ref Unset, [a]]", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Select [0, [!GetAtt LB.DNSName]]", NULL), "LB", "DNSName");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Select [0, !GetAZs '']", NULL), NULL, NULL);
	tpl_close(&p);
}

static void test_cfn__select_errors(void **state)
{
	(void)state;
	expect_resolve_error("!Select [3, [a, b, c]]", 0,
			     "Fn::Select: index 3 is past the end of a list of 3");
	expect_resolve_error("!Select [3, !Ref Names]", 0,
			     "Fn::Select: index 3 is past the end of a list of 3");
	expect_resolve_error("!Select [x, [a]]", 9,
			     "Fn::Select: index 'x' is not a non-negative integer");
	expect_resolve_error("!Select ['-1', [a]]", 9, "index '-1' is not a non-negative integer");
	expect_resolve_error("!Select ['1x', [a, b]]", 9,
			     "index '1x' is not a non-negative integer");
	expect_resolve_error("!Select [0, []]", 0, "index 0 is past the end of a list of 0");
	expect_expr_error("!Select [0]", 0, "Fn::Select needs a list of 2 items");
	expect_expr_error("!Select [0, a]", 12, "expected a list here");
}

static void test_cfn__split(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	assert_cv_list(eval(&p, "!Split [',', 'a,b,,c']", NULL), 4, "a", "b", "", "c");
	tpl_close(&p);
	assert_cv_list(eval(&p, "{Fn::Split: ['::', 'x::y::']}", NULL), 3, "x", "y", "");
	tpl_close(&p);
	assert_cv_list(eval(&p, "!Split ['|', 'none']", NULL), 1, "none");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Select [1, !Split ['.', !GetAtt Bucket.DomainName]]", NULL), "s3");
	tpl_close(&p);
	v = eval(&p, "!Split ['.', !GetAtt Bucket.DomainName]", NULL);
	assert_cv_list(v, 4, "site", "s3", "amazonaws", "com");
	/* pieces keep the resource they come from */
	assert_string_equal(v->items[0]->ref, "Bucket");
	assert_string_equal(v->items[0]->ref_attr, "DomainName");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Split ['.', !GetAtt LB.DNSName]", NULL), "LB", "DNSName");
	tpl_close(&p);
}

static void test_cfn__split_errors(void **state)
{
	(void)state;
	expect_expr_error("!Split ['', abc]", 8, "Fn::Split: the delimiter is empty");
	expect_expr_error("!Split [',']", 0, "Fn::Split needs a list of 2 items");
	expect_expr_error("!Split [',', [a]]", 13, "Fn::Split: expected a string here");
}

/* --- If and conditions -------------------------------------------------------------- */

static void test_cfn__if_true_false_and_unknown_conditions(void **state)
{
	tpl p;
	(void)state;

	assert_cv_str(eval(&p, "!If [IsProd, yes, no]", NULL), "yes");
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::If: [IsDev, yes, no]}", NULL), "no");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!If [Maybe, yes, no]", NULL), NULL, NULL);
	tpl_close(&p);
	/* equal branches do not depend on the condition */
	assert_cv_str(eval(&p, "!If [Maybe, same, same]", NULL), "same");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!If [Maybe, !Ref Env, prod]", NULL), "prod");
	tpl_close(&p);
	assert_null(eval(&p, "!If [IsProd, !Ref AWS::NoValue, x]", NULL));
	tpl_close(&p);
}

static void test_cfn__if_errors(void **state)
{
	(void)state;
	expect_expr_error("!If [IsProd, a]", 0, "Fn::If needs a list of 3 items");
	expect_expr_error("!If [IsProd, a, b, c]", 0, "Fn::If needs a list of 3 items");
	expect_resolve_error("!If [Nope, a, b]", 5, "Fn::If: no condition named Nope");
	expect_expr_error("!If [!Ref Env, a, b]", 5,
			  "Fn::If: the first item must be a condition name");
}

static void test_cfn__branch_not_taken_is_not_validated(void **state)
{
	tpl p;
	(void)state;

	/* open only checks names and shapes: values in the branch not taken
	 * may name things that are not there */
	assert_cv_str(eval(&p, "!If [IsProd, a, !Ref Nope]", NULL), "a");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!If [IsDev, !Select [5, [x]], b]", NULL), "b");
	tpl_close(&p);
	/* ... but not misshapen ones */
	expect_expr_error("!If [IsProd, a, !Select [5]]", 16, "Fn::Select needs a list of 2 items");
}

static const char *const cond_yaml =
	"Parameters:\n"
	"  Env: {Type: String, Default: prod}\n"
	"  Unset: {Type: String}\n"
	"  Zones: {Type: CommaDelimitedList, Default: 'a,b'}\n"
	"Conditions:\n"
	"  T: !Equals [!Ref Env, prod]\n"
	"  F: !Equals [prod, staging]\n"
	"  U: !Equals [!Ref Unset, x]\n"
	"  FandU: !And [!Condition F, !Condition U]\n"
	"  UandF: !And [!Condition U, !Condition F]\n"
	"  TandU: !And [!Condition T, !Condition U]\n"
	"  TandT: {Fn::And: [{Condition: T}, !Condition T, !Not [!Condition F]]}\n"
	"  TorU: !Or [!Condition T, !Condition U]\n"
	"  UorT: !Or [!Condition U, !Condition T]\n"
	"  ForU: !Or [!Condition F, !Condition U]\n"
	"  ForF: {Fn::Or: [!Condition F, {Condition: F}]}\n"
	"  NotU: !Not [!Condition U]\n"
	"  NotT: {Fn::Not: [{Condition: T}]}\n"
	"  Alias: !Condition TorU\n"
	"  Lists: !Equals [!Ref Zones, [a, b]]\n"
	"  Nums: !Equals [1, '1']\n"
	"  Later: !Condition Last\n"
	"  Last: !Equals [a, a]\n";

static void test_cfn__condition_values_are_three_valued(void **state)
{
	tpl p;
	(void)state;

	p = open_ok(cond_yaml, NULL);
	assert_int_equal(eg_cfn_condition(p.t, "T"), 1);
	assert_int_equal(eg_cfn_condition(p.t, "F"), 0);
	assert_int_equal(eg_cfn_condition(p.t, "U"), -1);
	assert_int_equal(eg_cfn_condition(p.t, "FandU"), 0); /* false AND unknown */
	assert_int_equal(eg_cfn_condition(p.t, "UandF"), 0);
	assert_int_equal(eg_cfn_condition(p.t, "TandU"), -1);
	assert_int_equal(eg_cfn_condition(p.t, "TandT"), 1);
	assert_int_equal(eg_cfn_condition(p.t, "TorU"), 1); /* true OR unknown */
	assert_int_equal(eg_cfn_condition(p.t, "UorT"), 1);
	assert_int_equal(eg_cfn_condition(p.t, "ForU"), -1);
	assert_int_equal(eg_cfn_condition(p.t, "ForF"), 0);
	assert_int_equal(eg_cfn_condition(p.t, "NotU"), -1);
	assert_int_equal(eg_cfn_condition(p.t, "NotT"), 0);
	assert_int_equal(eg_cfn_condition(p.t, "Alias"), 1);
	assert_int_equal(eg_cfn_condition(p.t, "Lists"), 1);
	assert_int_equal(eg_cfn_condition(p.t, "Nums"), 1);
	assert_int_equal(eg_cfn_condition(p.t, "Later"), 1); /* defined further down */
	assert_int_equal(eg_cfn_condition(p.t, "Nope"), -2);
	tpl_close(&p);
}

static void test_cfn__condition_functions_as_values(void **state)
{
	tpl p;
	(void)state;

	assert_cv_str(eval(&p, "!Equals [a, a]", NULL), "true");
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::Not: [{Condition: IsProd}]}", NULL), "false");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Condition IsProd", NULL), "true");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!Or [!Condition IsDev, !Condition Maybe, !Condition IsProd]", NULL),
		      "true");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!And [!Condition IsProd, !Condition Maybe]", NULL), NULL, NULL);
	tpl_close(&p);
}

static void test_cfn__condition_errors(void **state)
{
	(void)state;
	expect_open_error("Conditions:\n  A: !Equals [a]\n", 2, 6, "Fn::Equals needs a list of 2 items");
	expect_open_error("Conditions:\n  A: {Fn::Equals: [a, b, c]}\n", 2, 19,
			  "Fn::Equals needs a list of 2 items");
	expect_open_error("Conditions:\n  A: !And [!Equals [a, a]]\n", 2, 6,
			  "Fn::And needs a list of 2 to 10 items");
	expect_open_error("Conditions:\n  A: !Or [x, y, z, x, y, z, x, y, z, x, y]\n", 2, 6,
			  "Fn::Or needs a list of 2 to 10 items");
	expect_open_error("Conditions:\n  A: !Not [!Equals [a, a], !Equals [a, a]]\n", 2, 6,
			  "Fn::Not needs a list of 1 items");
	expect_open_error("Conditions:\n  A: !Equals [a, !Ref AWS::NoValue]\n", 2, 6,
			  "Fn::Equals: AWS::NoValue is not allowed here");
	expect_open_error("Conditions:\n  A: !Condition Nope\n", 2, 6, "no condition named Nope");
	expect_open_error("Conditions:\n  A: {Condition: [B]}\n", 2, 18,
			  "Condition needs a condition name");
	expect_open_error("Conditions:\n  A: true\n", 2, 6,
			  "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
	expect_open_error("Conditions:\n  A: !Ref X\n", 2, 6, "Ref cannot be used as a condition");
	expect_open_error("Conditions:\n  A: {Fn::Join: [a, [b]]}\n", 2, 6,
			  "Fn::Join cannot be used as a condition");
	expect_open_error("Conditions:\n  A: !Foo [a, b]\n", 2, 6, "unknown tag !Foo");
	expect_open_error("Conditions:\n  A: !And [!Equals [a, a], x]\n", 2, 28,
			  "a condition must be");
	expect_open_error("Conditions:\n  A: !Equals [!Ref Nope, a]\n", 2, 15,
			  "!Ref Nope: no parameter or resource");
}

static void test_cfn__circular_conditions(void **state)
{
	(void)state;
	/* reported where the cycle closes: B's reference back to A */
	expect_open_error("Conditions:\n"
			  "  A: !Condition B\n"
			  "  B: !Condition A\n", 3, 6, "condition A depends on itself");
	expect_open_error("Conditions:\n"
			  "  A: !And [{Condition: B}, !Equals [x, x]]\n"
			  "  B: !Not [{Condition: A}]\n", 3, 24, "condition A depends on itself");
	expect_open_error("Conditions:\n"
			  "  A: !Not [!Condition A]\n", 2, 12, "condition A depends on itself");
}

static void test_cfn__resource_condition_must_be_defined(void **state)
{
	const char *ok = "Conditions:\n"
			 "  C: !Equals [a, b]\n"
			 "Resources:\n"
			 "  B:\n"
			 "    Type: AWS::S3::Bucket\n"
			 "    Condition: C\n";
	tpl p;
	(void)state;

	p = open_ok(ok, NULL);
	assert_int_equal(eg_cfn_condition(p.t, "C"), 0);
	tpl_close(&p);
	expect_open_error("Resources:\n"
			  "  B:\n"
			  "    Type: AWS::S3::Bucket\n"
			  "    Condition: Nope\n", 4, 16, "resource B: no condition named Nope");
	expect_open_error("Conditions:\n"
			  "  C: !Equals [a, b]\n"
			  "Resources:\n"
			  "  B: {Type: AWS::S3::Bucket, Condition: [C]}\n", 4, 41,
			  "resource B: no condition named (not a name)");
}

/* --- FindInMap ------------------------------------------------------------------------ */

static void test_cfn__find_in_map(void **state)
{
	eg_cfn_options o = { NULL, 0, "eu-west-1", NULL, NULL };
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!FindInMap [Regions, !Ref AWS::Region, Ami]", &o);
	assert_cv_str(v, "ami-eu");
	assert_int_equal(v->src->line, 8); /* where the mapping holds it */
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::FindInMap: [Regions, us-east-1, Ami]}", NULL), "ami-us");
	tpl_close(&p);
	assert_cv_list(eval(&p, "!FindInMap [Regions, eu-west-1, Zones]", NULL), 2, "a", "b");
	tpl_close(&p);
	/* unknown key: unknown value */
	assert_cv_unknown(eval(&p, "!FindInMap [Regions, !Ref AWS::Region, Ami]", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!FindInMap [Regions, !Ref LB, Ami]", NULL), "LB", NULL);
	tpl_close(&p);
	/* AWS::LanguageExtensions DefaultValue */
	assert_cv_str(eval(&p, "!FindInMap [Regions, ap-south-1, Ami, {DefaultValue: ami-x}]",
			   NULL), "ami-x");
	tpl_close(&p);
	assert_cv_str(eval(&p, "!FindInMap [Regions, us-east-1, Ami, {DefaultValue: ami-x}]",
			   NULL), "ami-us");
	tpl_close(&p);
}

static void test_cfn__find_in_map_errors(void **state)
{
	eg_cfn_options o = { NULL, 0, "ap-south-1", NULL, NULL };
	(void)state;

	expect_resolve_error("!FindInMap [Regions, us-east-1, Nope]", 0,
			     "Fn::FindInMap: Mappings has no Regions.us-east-1.Nope");
	expect_resolve_error("!FindInMap [Nope, a, b]", 0,
			     "Fn::FindInMap: Mappings has no Nope.a.b");
	expect_expr_error("!FindInMap [Regions, us-east-1]", 0,
			  "Fn::FindInMap needs a list of 3 to 4 items");
	expect_expr_error("!FindInMap [a, b, c, d, e]", 0,
			  "Fn::FindInMap needs a list of 3 to 4 items");
	expect_expr_error("!FindInMap [Regions, [a], Ami]", 21,
			  "Fn::FindInMap: expected a string here");
	expect_resolve_error_o("!FindInMap [Regions, !Ref AWS::Region, Ami]", &o, 0,
			       "Fn::FindInMap: Mappings has no Regions.ap-south-1.Ami");
}

/* --- functions CloudFormation evaluates ------------------------------------------------ */

static void test_cfn__import_value_getazs_cidr_are_unknown(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!ImportValue shared-vpc-id", NULL);
	assert_cv_unknown(v, NULL, NULL);
	assert_string_equal(v->str, "!ImportValue shared-vpc-id");
	tpl_close(&p);
	v = eval(&p, "{Fn::ImportValue: !Sub '${Env}-origin'}", NULL);
	assert_cv_unknown(v, NULL, NULL);
	assert_string_equal(v->str, "!ImportValue prod-origin");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!GetAZs ''", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "{Fn::GetAZs: !Ref AWS::Region}", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Cidr [10.0.0.0/16, 4, 8]", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "{Fn::Cidr: [!Ref Env, 4, 8]}", NULL), NULL, NULL);
	tpl_close(&p);
	/* their arguments are still checked */
	expect_expr_error("!Cidr [!Select [1], 4, 8]", 7, "Fn::Select needs a list of 2 items");
	expect_resolve_error("{Fn::ImportValue: !Ref Nope}", 18, "!Ref Nope");
}

static void test_cfn__base64(void **state)
{
	static const char *const cases[][2] = {
		{ "!Base64 hello", "aGVsbG8=" }, { "!Base64 ''", "" },
		{ "!Base64 a", "YQ==" },         { "!Base64 ab", "YWI=" },
		{ "!Base64 abc", "YWJj" },       { "{Fn::Base64: !Ref Env}", "cHJvZA==" },
		{ "{Fn::Base64: !Sub '${Env}!'}", "cHJvZCE=" },
		{ "!Base64 \"\\xFF\\xFE\"", "w7/Dvg==" }, /* UTF-8 of U+00FF U+00FE */
	};
	tpl p;
	size_t i;
	(void)state;

	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		assert_cv_str(eval(&p, cases[i][0], NULL), cases[i][1]);
		tpl_close(&p);
	}
	assert_cv_unknown(eval(&p, "{Fn::Base64: !GetAtt LB.DNSName}", NULL), "LB", "DNSName");
	tpl_close(&p);
	expect_expr_error("!Base64 [a]", 0, "Fn::Base64 needs a string");
	expect_expr_error("{Fn::Base64: !Ref AWS::NoValue}", 13, "Fn::Base64 needs a string");
}

static void test_cfn__base64_of_a_long_form_function_under_the_tag(void **state)
{
	/* `!Base64` tagging a one-member mapping such as {Fn::Sub: ...}, the
	 * usual way to write EC2 UserData */
	const char *yaml = "Parameters:\n"
			   "  Env: {Type: String, Default: prod}\n"
			   "Outputs:\n"
			   "  X:\n"
			   "    Value: !Base64\n"
			   "      Fn::Sub: '${Env}'\n"
			   "  Y:\n"
			   "    Value: !ImportValue\n"
			   "      Fn::Sub: '${Env}-origin'\n";
	tpl p;
	(void)state;

	p = open_ok(yaml, NULL);
	assert_cv_str(out(&p, "X"), "cHJvZA==");
	assert_string_equal(out(&p, "Y")->str, "!ImportValue prod-origin");
	tpl_close(&p);
}

static void test_cfn__dynamic_reference_is_unknown(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "'{{resolve:ssm:/web/origin}}'", NULL);
	assert_cv_unknown(v, NULL, NULL);
	assert_string_equal(v->str, "{{resolve:ssm:/web/origin}}");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "'https://{{resolve:secretsmanager:s:SecretString:host}}/'",
			       NULL), NULL, NULL);
	tpl_close(&p);
}

static void test_cfn__dynamic_reference_built_by_sub_is_unknown(void **state)
{
	/* A dynamic reference is fetched at deploy time, however the string
	 * holding it was assembled. */
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, "!Sub '{{resolve:ssm:/${Env}/origin}}'", NULL);
	assert_cv_unknown(v, NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!Join ['', ['{{resolve:ssm:/', !Ref Env, '}}']]", NULL), NULL,
			  NULL);
	tpl_close(&p);
}

static void test_cfn__other_intrinsics(void **state)
{
	tpl p;
	(void)state;

	assert_cv_str(eval(&p, "!Length [a, b, c]", NULL), "3");
	tpl_close(&p);
	assert_cv_str(eval(&p, "{Fn::Length: !Ref Names}", NULL), "3");
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "!ToJsonString {a: b}", NULL), NULL, NULL);
	tpl_close(&p);
	assert_cv_unknown(eval(&p, "{Fn::Transform: {Name: M}}", NULL), NULL, NULL);
	tpl_close(&p);
	expect_expr_error("!Length abc", 0, "expected a list here");
}

/* --- unknown names ---------------------------------------------------------------------- */

static void test_cfn__unknown_tag_and_function(void **state)
{
	(void)state;
	expect_expr_error("!Foo bar", 0, "unknown tag !Foo (CloudFormation short forms are !Ref");
	expect_expr_error("[a, !GetAttr B.C]", 4, "unknown tag !GetAttr");
	expect_expr_error("{Fn::Nope: [a]}", 1, "unknown intrinsic function Fn::Nope");
	/* a Ref with another key is an ordinary mapping */
	{
		tpl p;
		eg_cval *v = eval(&p, "{Ref: Nope, Other: 1}", NULL);
		assert_int_equal(v->kind, EG_CV_MAP);
		assert_int_equal(v->npairs, 2);
		assert_cv_str(eg_cval_get(v, "Ref"), "Nope");
		tpl_close(&p);
	}
	/* YAML core tags are not intrinsics */
	{
		tpl p;
		assert_cv_str(eval(&p, "!!str 42", NULL), "42");
		tpl_close(&p);
	}
}

static void test_cfn__errors_in_resources_and_unwalked_nodes(void **state)
{
	const char *yaml = "Resources:\n"
			   "  B:\n"
			   "    Type: AWS::S3::Bucket\n"
			   "    Properties:\n"
			   "      Tags:\n"
			   "        - {Key: a, Value: !Select [9, [a]]}\n";
	const char *unwalked = "Resources:\n"
			       "  B: {Type: AWS::S3::Bucket}\n"
			       "Other:\n"
			       "  V: !Join [',']\n";
	tpl p;
	eg_cval *v = (eg_cval *)1;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	/* a value error in a resource: open passes, resolving the resource fails */
	p = open_ok(yaml, NULL);
	assert_int_equal(eg_cfn_resolve(p.t, node_at(p.doc, "Resources.B.Properties"), &v, &err),
			 EG_ERR_INPUT);
	assert_null(v);
	assert_int_equal(err.line, 6);
	assert_int_equal(err.col, 27);
	assert_string_equal(err.message, "Fn::Select: index 9 is past the end of a list of 1");
	tpl_close(&p);
	/* a shape error in a resource fails open */
	expect_open_error("Resources:\n"
			  "  B:\n"
			  "    Type: AWS::S3::Bucket\n"
			  "    Properties:\n"
			  "      Tags:\n"
			  "        - {Key: a, Value: !Select [9]}\n", 6, 27,
			  "Fn::Select needs a list of 2 items");
	/* sections nothing reads are not checked at open, but resolving them
	 * reports the same errors */
	p = open_ok(unwalked, NULL);
	assert_int_equal(eg_cfn_resolve(p.t, node_at(p.doc, "Other.V"), &v, &err), EG_ERR_INPUT);
	assert_null(v);
	assert_int_equal(err.code, EG_ERR_INPUT);
	assert_string_equal(err.file, "t.yml");
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 6);
	assert_string_equal(err.message, "Fn::Join needs a list of 2 items");
	tpl_close(&p);
}

static void test_cfn__resources_shape_errors(void **state)
{
	(void)state;
	expect_open_error("Resources: [a]\n", 1, 12, "Resources must be a mapping");
	expect_open_error("Resources:\n  A: {Type: AWS::S3::Bucket}\n  B: 1\n", 3, 6,
			  "resource B must be a mapping");
	expect_open_error("Resources:\n  B: [Type]\n", 2, 6, "resource B must be a mapping");
}

static void test_cfn__reference_cycle_hits_the_depth_cap(void **state)
{
	(void)state;
	expect_open_error("Resources:\n"
			  "  B:\n"
			  "    Type: AWS::S3::Bucket\n"
			  "    Properties: {BucketName: !Ref B}\n", 4, 30,
			  "references nested deeper than 576 (a cycle?)");
}

static void test_cfn__deep_property_is_no_cycle(void **state)
{
	/* Deep data inside an intrinsic (a state machine, a policy) is nesting,
	 * not a reference chain: 200 levels resolve. */
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_ydoc *doc = NULL;
	eg_cfn *t = NULL;
	eg_cval *v = NULL;
	eg_error err = EG_ERROR_INIT;
	int i;
	(void)state;

	eg_sb_adds(&sb, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
			"      Tags: !If [Never, x, ");
	for (i = 0; i < 200; i++)
		eg_sb_adds(&sb, "{a: ");
	eg_sb_adds(&sb, "leaf");
	for (i = 0; i < 200; i++)
		eg_sb_adds(&sb, "}");
	eg_sb_adds(&sb, "]\nConditions:\n  Never: !Equals [a, b]\n");
	assert_int_equal(eg_ydoc_parse(&doc, sb.buf, sb.len, "t.yml", NULL, &err), 0);
	assert_int_equal(eg_cfn_open(&t, doc, NULL, &err), 0);
	assert_int_equal(eg_cfn_resolve(t, doc->root->pairs[0].value->pairs[0].value, &v, &err), 0);
	eg_cfn_free(t);
	eg_ydoc_free(doc);
	eg_sb_release(&sb);
}

/* --- nesting ------------------------------------------------------------------------------ */

static void test_cfn__select_split_getatt_website_host(void **state)
{
	eg_cfn_options o = { NULL, 0, "us-east-2", NULL, NULL };
	const char *expr = "!Select [2, !Split ['/', !GetAtt Bucket.WebsiteURL]]";
	tpl p;
	eg_cval *v;
	(void)state;

	v = eval(&p, expr, NULL);
	assert_cv_unknown(v, "Bucket", "WebsiteURL");
	tpl_close(&p);

	v = eval(&p, expr, &o);
	assert_cv_str(v, "site.s3-website.us-east-2.amazonaws.com");
	assert_string_equal(v->ref, "Bucket");
	assert_string_equal(v->ref_attr, "WebsiteURL");
	tpl_close(&p);
}

static void test_cfn__sub_inside_if_inside_a_list(void **state)
{
	const char *expr = "[!If [IsProd, !Sub '${Env}.example.com', !Ref AWS::NoValue], "
			   "!If [IsDev, !Sub 'dev.${Env}', !Ref AWS::NoValue], static]";
	tpl p;
	(void)state;

	assert_cv_list(eval(&p, expr, NULL), 2, "prod.example.com", "static");
	tpl_close(&p);
}

static void test_cfn__no_value_dropped_from_lists_and_maps(void **state)
{
	tpl p;
	eg_cval *v;
	(void)state;

	assert_cv_list(eval(&p, "[a, !Ref AWS::NoValue, b, {Ref: AWS::NoValue}]", NULL), 2, "a",
		       "b");
	tpl_close(&p);
	v = eval(&p, "{k: !If [IsDev, v, !Ref AWS::NoValue], j: 1, n: {Ref: AWS::NoValue}}", NULL);
	assert_int_equal(v->kind, EG_CV_MAP);
	assert_int_equal(v->npairs, 1);
	assert_string_equal(v->pairs[0].key, "j");
	assert_int_equal(v->pairs[0].key_node->col, XCOL + 39);
	assert_cv_str(eg_cval_get(v, "j"), "1");
	assert_null(eg_cval_get(v, "k"));
	assert_null(eg_cval_get(v, "n"));
	assert_null(eg_cval_get(NULL, "j"));
	assert_null(eg_cval_get(eg_cval_get(v, "j"), "j"));
	assert_null(eg_cval_str(NULL));
	assert_null(eg_cval_str(v));
	tpl_close(&p);
}

static void test_cfn__resolve_resource_properties(void **state)
{
	eg_cfn_options o = { NULL, 0, "us-east-1", NULL, NULL };
	const char *yaml =
		"Parameters:\n"
		"  Domain: {Type: String, Default: example.com}\n"
		"Conditions:\n"
		"  HasLogs: !Equals [!Ref Domain, example.com]\n"
		"Resources:\n"
		"  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub 'site-${AWS::Region}'}}\n"
		"  Dist:\n"
		"    Type: AWS::CloudFront::Distribution\n"
		"    Properties:\n"
		"      DistributionConfig:\n"
		"        Aliases: [!Sub 'www.${Domain}', !Ref Domain]\n"
		"        Logging: !If [HasLogs, {Bucket: !GetAtt Bucket.DomainName}, !Ref AWS::NoValue]\n"
		"        Origins:\n"
		"          - Id: s3\n"
		"            DomainName: !GetAtt Bucket.RegionalDomainName\n";
	tpl p;
	eg_cval *cfg, *origin;
	(void)state;

	p = open_ok(yaml, &o);
	assert_non_null(eg_cfn_resources(p.t));
	assert_int_equal(eg_cfn_resources(p.t)->npairs, 2);
	assert_non_null(eg_cfn_resource(p.t, "Dist"));
	assert_null(eg_cfn_resource(p.t, "Nope"));
	assert_string_equal(eg_cfn_resource_type(p.t, "Dist"), "AWS::CloudFront::Distribution");
	assert_null(eg_cfn_resource_type(p.t, "Nope"));
	cfg = get(&p, "Resources.Dist.Properties.DistributionConfig");
	assert_int_equal(cfg->kind, EG_CV_MAP);
	assert_cv_list(eg_cval_get(cfg, "Aliases"), 2, "www.example.com", "example.com");
	assert_cv_str(eg_cval_get(eg_cval_get(cfg, "Logging"), "Bucket"),
		      "site-us-east-1.s3.amazonaws.com");
	origin = eg_cval_get(cfg, "Origins")->items[0];
	assert_cv_str(eg_cval_get(origin, "DomainName"), "site-us-east-1.s3.us-east-1.amazonaws.com");
	assert_string_equal(eg_cval_get(origin, "DomainName")->ref, "Bucket");
	assert_int_equal(eg_cval_get(origin, "DomainName")->src->line, 15);
	tpl_close(&p);
}

static void test_cfn__json_template(void **state)
{
	eg_cfn_options o = { NULL, 0, "eu-west-1", NULL, NULL };
	const char *json =
		"{\n"
		"  \"Parameters\": {\"Env\": {\"Type\": \"String\", \"Default\": \"prod\"}},\n"
		"  \"Resources\": {\n"
		"    \"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\":\n"
		"      {\"Fn::Join\": [\"-\", [\"web\", {\"Ref\": \"Env\"}, {\"Ref\": \"AWS::Region\"}]]}}}\n"
		"  },\n"
		"  \"Outputs\": {\n"
		"    \"X\": {\"Value\": {\"Fn::GetAtt\": [\"B\", \"DomainName\"]}},\n"
		"    \"N\": {\"Value\": {\"Ref\": \"AWS::NoValue\"}}\n"
		"  }\n"
		"}\n";
	const char *bad = "{\n"
			  "  \"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\",\n"
			  "    \"Properties\": {\"Tags\": {\"Fn::Nope\": [1]}}}}\n"
			  "}\n";
	tpl p;
	eg_cval *v;
	(void)state;

	p = open_doc(json, true, &o);
	v = out(&p, "X");
	assert_cv_str(v, "web-prod-eu-west-1.s3.amazonaws.com");
	/* the long form's argument: ["B", "DomainName"] */
	assert_int_equal(v->src->line, 8);
	assert_int_equal(v->src->col, 35);
	assert_null(out(&p, "N"));
	tpl_close(&p);
	expect_open_error_doc(bad, true, NULL, 3, 29, "unknown intrinsic function Fn::Nope");
}

/* --- parameters ---------------------------------------------------------------------------- */

static void test_cfn__allowed_values(void **state)
{
	const char *yaml = "Parameters:\n"
			   "  Env:\n"
			   "    Type: String\n"
			   "    Default: dev\n"
			   "    AllowedValues: [dev, prod]\n"
			   "  Port: {Type: Number, Default: 443, AllowedValues: [80, 443]}\n";
	eg_cfn_param bad[] = { { "Env", "qa", true, false } };
	eg_cfn_param good[] = { { "Env", "prod", true, false } };
	eg_cfn_options o = { bad, 1, NULL, NULL, NULL };
	tpl p;
	(void)state;

	expect_open_error_doc(yaml, false, &o, 5, 20,
			      "parameter Env: value 'qa' (from --param) is not one of its "
			      "AllowedValues [dev, prod]");
	assert_true(bad[0].used);
	o.params = good;
	p = open_ok(yaml, &o);
	assert_cv_str(eg_cfn_param_value(p.t, "Env"), "prod");
	assert_cv_str(eg_cfn_param_value(p.t, "Port"), "443");
	tpl_close(&p);
	/* a Default outside AllowedValues is reported at the Default */
	expect_open_error("Parameters:\n  Env: {Default: x, AllowedValues: [a, b]}\n", 2, 18,
			  "parameter Env: value 'x' (from its Default) is not one of its AllowedValues");
	/* a value given for a parameter without Default is checked too */
	o.params = bad;
	expect_open_error_doc("Parameters:\n  Env: {AllowedValues: [a]}\n", false, &o, 2, 24,
			      "value 'qa' (from --param) is not one of its AllowedValues");
}

static void test_cfn__list_parameters_split(void **state)
{
	const char *yaml = "Parameters:\n"
			   "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}\n"
			   "  Names: {Type: CommaDelimitedList, Default: 'a, b,c', AllowedValues: [x]}\n"
			   "  One: {Type: CommaDelimitedList, Default: ''}\n"
			   "  Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /ami/latest}\n";
	eg_cfn_param params[] = { { "Subnets", "subnet-1,subnet-2", true, false } };
	eg_cfn_options o = { params, 1, NULL, NULL, NULL };
	tpl p;
	const eg_cval *v;
	(void)state;

	p = open_ok(yaml, &o);
	assert_cv_list(eg_cfn_param_value(p.t, "Subnets"), 2, "subnet-1", "subnet-2");
	/* spaces after a comma are dropped; AllowedValues does not apply */
	assert_cv_list(eg_cfn_param_value(p.t, "Names"), 3, "a", "b", "c");
	assert_cv_list(eg_cfn_param_value(p.t, "One"), 1, "");
	v = eg_cfn_param_value(p.t, "Ami");
	assert_cv_unknown(v, NULL, NULL);
	assert_non_null(strstr(v->str, "/ami/latest"));
	tpl_close(&p);
}

/* --- is_template ------------------------------------------------------------------------- */

static void test_cfn__is_template(void **state)
{
	static const struct {
		const char *text;
		bool want;
	} cases[] = {
		{ "AWSTemplateFormatVersion: '2010-09-09'\n", true },
		{ "AWSTemplateFormatVersion: '2010-09-09'\nResources: []\n", true },
		{ "Resources:\n  B: {Type: AWS::S3::Bucket}\n", true },
		{ "Resources:\n  B: {Type: AWS::S3::Bucket}\n  C: {Type: X, Properties: {}}\n", true },
		{ "Resources: {}\n", false },
		{ "Resources: [a]\n", false },
		{ "Resources:\n  B: {Properties: {}}\n", false },
		{ "Resources:\n  B: {Type: AWS::S3::Bucket}\n  C: {Properties: {}}\n", true },
		{ "Resources:\n  B: {Type: Custom::X}\n  C: {Properties: {}}\n", false },
		{ "Transform: AWS::Serverless-2016-10-31\n", true },
		{ "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n", true },
		{ "Resources:\n  B: {Type: [x]}\n", false },
		{ "Resources:\n  B: x\n", false },
		{ "apiVersion: v1\nkind: Pod\n", false },
		{ "[a, b]\n", false },
		{ "just text\n", false },
	};
	size_t i;
	(void)state;

	assert_false(eg_cfn_is_template(NULL));
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		eg_ydoc *doc = parse_doc(cases[i].text, false);
		if (eg_cfn_is_template(doc->root) != cases[i].want)
			fail_msg("eg_cfn_is_template want %d for:\n%s", cases[i].want, cases[i].text);
		eg_ydoc_free(doc);
	}
}

/* An anchored node is resolved once, however many aliases use it. */
static void test_cfn__alias_resolved_once(void **state)
{
	tpl p = open_ok("Outputs:\n"
			"  A: {Value: &j !Join ['-', [a, b]]}\n"
			"  B: {Value: *j}\n"
			"  C: {Value: !Join ['', [*j, *j]]}\n", NULL);
	eg_cval *a = get(&p, "Outputs.A.Value"), *b = get(&p, "Outputs.B.Value");
	(void)state;

	assert_string_equal(a->str, "a-b");
	assert_ptr_equal(a, b);
	assert_string_equal(get(&p, "Outputs.C.Value")->str, "a-ba-b");
	tpl_close(&p);
}

/* A string built past EG_MAX_CFN_STRING stops with EG_ERR_LIMIT at the
 * intrinsic that crossed it. */
static void test_cfn__join_string_cap(void **state)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_error err = EG_ERROR_INIT;
	eg_cval *v = NULL;
	tpl p;
	int k;
	(void)state;

	eg_sb_adds(&sb, "Outputs:\n  Z: {Value: &b0 !Join ['', [");
	for (k = 0; k < 1000; k++)
		eg_sb_adds(&sb, "xxxxxxxxxx");
	eg_sb_adds(&sb, "]]}\n");
	for (k = 1; k <= 3; k++)
		eg_sb_addf(&sb, "  B%d: {Value: &b%d !Join ['', [*b%d, *b%d, *b%d, *b%d, *b%d, *b%d, "
			   "*b%d, *b%d, *b%d, *b%d, *b%d, *b%d, *b%d, *b%d, *b%d, *b%d, *b%d, "
			   "*b%d, *b%d, *b%d]]}\n", k, k, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1,
			   k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1,
			   k - 1, k - 1, k - 1, k - 1);
	p.doc = parse_doc(sb.buf, false);
	p.t = NULL;
	assert_int_equal(eg_cfn_open(&p.t, p.doc, NULL, &err), EG_ERR_LIMIT);
	assert_int_equal(err.line, 4); /* B2: 20 x 200 KB */
	assert_non_null(strstr(err.message, "longer than 1048576 bytes"));
	(void)v;
	tpl_close(&p);
	eg_sb_release(&sb);
}

static void test_cfn__open_without_template_sections(void **state)
{
	tpl p;
	eg_cfn *t = (eg_cfn *)1;
	eg_ydoc *doc;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	p = open_ok("Description: nothing here\n", NULL);
	assert_null(eg_cfn_resources(p.t));
	assert_null(eg_cfn_resource(p.t, "B"));
	assert_int_equal(eg_cfn_condition(p.t, "C"), -2);
	tpl_close(&p);
	doc = parse_doc("", false);
	assert_int_equal(eg_cfn_open(&t, doc, NULL, &err), 0);
	assert_non_null(t);
	eg_cfn_free(t);
	eg_ydoc_free(doc);
	eg_cfn_free(NULL);
}

/* --- parameter files and --param ------------------------------------------------------------ */

typedef struct plist {
	eg_arena arena;
	eg_cfn_param *params;
	size_t n, alloc;
} plist;

static void plist_init(plist *l)
{
	eg_arena_init(&l->arena);
	l->params = NULL;
	l->n = l->alloc = 0;
}

static void plist_release(plist *l)
{
	eg_free(l->params);
	eg_arena_release(&l->arena);
}

static int load_params(plist *l, const char *text, eg_error *err, char **path_out)
{
	char *path = write_temp(text);
	int rc = eg_cfn_params_file(path, &l->arena, &l->params, &l->n, &l->alloc, err);

	unlink(path);
	if (path_out)
		*path_out = path;
	else
		eg_free(path);
	return rc;
}

static void assert_param(const eg_cfn_param *p, const char *name, const char *value, bool strict)
{
	assert_string_equal(p->name, name);
	assert_string_equal(p->value, value);
	assert_true(p->strict == strict);
	assert_false(p->used);
}

static void test_cfn__params_file_formats(void **state)
{
	plist l;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	plist_init(&l);
	/* create-stack's list */
	assert_int_equal(load_params(&l,
				     "[\n"
				     "  {\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"},\n"
				     "  {\"ParameterKey\": \"Old\", \"UsePreviousValue\": true},\n"
				     "  {\"ParameterKey\": \"Port\", \"ParameterValue\": 443}\n"
				     "]\n", &err, NULL), 0);
	assert_int_equal(l.n, 2);
	assert_param(&l.params[0], "Env", "prod", false);
	assert_param(&l.params[1], "Port", "443", false);
	/* CodePipeline's template configuration; appended */
	assert_int_equal(load_params(&l,
				     "{\"Parameters\": {\"Domain\": \"example.com\", \"N\": \"\"},\n"
				     " \"Tags\": {\"team\": \"web\"}}\n", &err, NULL), 0);
	assert_int_equal(l.n, 4);
	assert_param(&l.params[2], "Domain", "example.com", false);
	assert_param(&l.params[3], "N", "", false);
	/* deploy --parameter-overrides */
	assert_int_equal(load_params(&l, "[\"A=1\", \"Url=https://x/?a=b\", \"E=\"]", &err, NULL), 0);
	assert_int_equal(l.n, 7);
	assert_param(&l.params[4], "A", "1", false);
	assert_param(&l.params[5], "Url", "https://x/?a=b", false);
	assert_param(&l.params[6], "E", "", false);
	/* empty list: nothing */
	assert_int_equal(load_params(&l, "[]", &err, NULL), 0);
	assert_int_equal(l.n, 7);
	plist_release(&l);
}

static void expect_params_error(const char *text, int code, int line, int col, const char *needle)
{
	plist l;
	eg_error err = EG_ERROR_INIT;
	char *path;
	int rc;
	bool ok;

	plist_init(&l);
	rc = load_params(&l, text, &err, &path);
	ok = rc == code && err.code == code && !strcmp(err.file, path) && err.line == line &&
	     err.col == col && strstr(err.message, needle);
	if (!ok)
		fail_msg("got rc %d %s:%d:%d: %s\nwant %d %d:%d ...%s...\n%s", rc, err.file, err.line,
			 err.col, err.message, code, line, col, needle, text);
	eg_free(path);
	plist_release(&l);
}

static void test_cfn__params_file_errors(void **state)
{
	plist l;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	expect_params_error("[\n  {\"ParameterKey\": \"Env\", \"ParameterValue\": \"a\"},\n"
			    "  {\"ParameterKey\": \"Env\"}\n]\n", EG_ERR_INPUT, 3, 3,
			    "expected {\"ParameterKey\": NAME, \"ParameterValue\": VALUE} or "
			    "\"NAME=VALUE\"");
	expect_params_error("[\"=x\"]", EG_ERR_INPUT, 1, 2, "expected {\"ParameterKey\"");
	expect_params_error("[\"novalue\"]", EG_ERR_INPUT, 1, 2, "or \"NAME=VALUE\"");
	expect_params_error("[{\"ParameterKey\": [\"a\"], \"ParameterValue\": \"x\"}]", EG_ERR_INPUT,
			    1, 2, "expected {\"ParameterKey\"");
	expect_params_error("{\"Parameters\": {\n  \"A\": \"x\",\n  \"B\": [1]\n}}", EG_ERR_INPUT,
			    3, 8, "parameter B: value must be a string");
	expect_params_error("{\"Env\": \"prod\"}", EG_ERR_INPUT, 1, 1, "not a parameters file");
	expect_params_error("\"Env=prod\"", EG_ERR_INPUT, 1, 1, "not a parameters file");
	/* malformed JSON: the validator's position */
	expect_params_error("[\n  \"A=1\",\n]\n", EG_ERR_INPUT, 3, 1,
			    "(trailing commas are not allowed)");
	expect_params_error("Env: prod\n", EG_ERR_INPUT, 1, 1, "expected a JSON value, found 'E'");
	/* a file that is not there */
	plist_init(&l);
	assert_int_equal(eg_cfn_params_file("/nonexistent/params.json", &l.arena, &l.params, &l.n,
					    &l.alloc, &err), EG_ERR_IO);
	assert_string_equal(err.file, "/nonexistent/params.json");
	plist_release(&l);
}

static void test_cfn__param_arg(void **state)
{
	plist l;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	plist_init(&l);
	assert_int_equal(eg_cfn_param_arg("Env=prod", &l.arena, &l.params, &l.n, &l.alloc, &err), 0);
	assert_int_equal(eg_cfn_param_arg("Url=a=b", &l.arena, &l.params, &l.n, &l.alloc, &err), 0);
	assert_int_equal(eg_cfn_param_arg("Empty=", &l.arena, &l.params, &l.n, &l.alloc, &err), 0);
	assert_int_equal(l.n, 3);
	assert_param(&l.params[0], "Env", "prod", true);
	assert_param(&l.params[1], "Url", "a=b", true);
	assert_param(&l.params[2], "Empty", "", true);

	assert_int_equal(eg_cfn_param_arg("Env", &l.arena, &l.params, &l.n, &l.alloc, &err),
			 EG_ERR_USAGE);
	assert_int_equal(err.code, EG_ERR_USAGE);
	assert_string_equal(err.message, "--param needs NAME=VALUE, not 'Env'");
	assert_int_equal(err.line, 0);
	assert_int_equal(eg_cfn_param_arg("=prod", &l.arena, &l.params, &l.n, &l.alloc, &err),
			 EG_ERR_USAGE);
	assert_string_equal(err.message, "--param needs NAME=VALUE, not '=prod'");
	assert_int_equal(l.n, 3);
	plist_release(&l);
}

static void test_cfn__params_feed_a_template(void **state)
{
	plist l;
	eg_error err = EG_ERROR_INIT;
	eg_cfn_options o;
	tpl p;
	(void)state;

	plist_init(&l);
	assert_int_equal(load_params(&l, "[\"Env=file\", \"Stray=1\"]", &err, NULL), 0);
	assert_int_equal(eg_cfn_param_arg("Env=cli", &l.arena, &l.params, &l.n, &l.alloc, &err), 0);
	memset(&o, 0, sizeof(o));
	o.params = l.params;
	o.nparams = l.n;
	assert_cv_str(eval(&p, "!Ref Env", &o), "cli");
	tpl_close(&p);
	assert_true(l.params[0].used);
	assert_false(l.params[1].used);
	assert_true(l.params[2].used);
	plist_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfn__ref_parameter_default_short_and_long_form),
		cmocka_unit_test(test_cfn__ref_parameter_takes_param_option_and_marks_it_used),
		cmocka_unit_test(test_cfn__ref_parameter_without_default_is_unknown),
		cmocka_unit_test(test_cfn__pseudo_parameters_known_from_options),
		cmocka_unit_test(test_cfn__pseudo_parameters_unknown_without_options),
		cmocka_unit_test(test_cfn__ref_no_value_is_null),
		cmocka_unit_test(test_cfn__ref_bucket_with_name_is_the_name),
		cmocka_unit_test(test_cfn__ref_other_resource_is_unknown_with_ref),
		cmocka_unit_test(test_cfn__ref_undefined_is_an_error_except_under_a_transform),
		cmocka_unit_test(test_cfn__ref_shapes),
		cmocka_unit_test(test_cfn__getatt_bucket_without_region),
		cmocka_unit_test(test_cfn__getatt_bucket_with_region),
		cmocka_unit_test(test_cfn__getatt_website_url_in_a_legacy_region),
		cmocka_unit_test(test_cfn__getatt_bucket_without_name_is_unknown),
		cmocka_unit_test(test_cfn__getatt_other_resource_is_unknown_with_ref_and_attr),
		cmocka_unit_test(test_cfn__getatt_attribute_name_from_ref),
		cmocka_unit_test(test_cfn__getatt_wrong_shape),
		cmocka_unit_test(test_cfn__sub_scalar_form),
		cmocka_unit_test(test_cfn__sub_list_form_with_variables),
		cmocka_unit_test(test_cfn__sub_unknown_keeps_the_ref),
		cmocka_unit_test(test_cfn__sub_unknown_keeps_its_shape),
		cmocka_unit_test(test_cfn__sub_shape_keeps_attribute_names),
		cmocka_unit_test(test_cfn__sub_variable_that_is_no_value),
		cmocka_unit_test(test_cfn__sub_errors),
		cmocka_unit_test(test_cfn__join),
		cmocka_unit_test(test_cfn__join_unknown),
		cmocka_unit_test(test_cfn__join_errors),
		cmocka_unit_test(test_cfn__select),
		cmocka_unit_test(test_cfn__select_errors),
		cmocka_unit_test(test_cfn__split),
		cmocka_unit_test(test_cfn__split_errors),
		cmocka_unit_test(test_cfn__if_true_false_and_unknown_conditions),
		cmocka_unit_test(test_cfn__if_errors),
		cmocka_unit_test(test_cfn__branch_not_taken_is_not_validated),
		cmocka_unit_test(test_cfn__condition_values_are_three_valued),
		cmocka_unit_test(test_cfn__condition_functions_as_values),
		cmocka_unit_test(test_cfn__condition_errors),
		cmocka_unit_test(test_cfn__circular_conditions),
		cmocka_unit_test(test_cfn__resource_condition_must_be_defined),
		cmocka_unit_test(test_cfn__find_in_map),
		cmocka_unit_test(test_cfn__find_in_map_errors),
		cmocka_unit_test(test_cfn__import_value_getazs_cidr_are_unknown),
		cmocka_unit_test(test_cfn__base64),
		cmocka_unit_test(test_cfn__base64_of_a_long_form_function_under_the_tag),
		cmocka_unit_test(test_cfn__dynamic_reference_is_unknown),
		cmocka_unit_test(test_cfn__dynamic_reference_built_by_sub_is_unknown),
		cmocka_unit_test(test_cfn__other_intrinsics),
		cmocka_unit_test(test_cfn__unknown_tag_and_function),
		cmocka_unit_test(test_cfn__errors_in_resources_and_unwalked_nodes),
		cmocka_unit_test(test_cfn__resources_shape_errors),
		cmocka_unit_test(test_cfn__reference_cycle_hits_the_depth_cap),
		cmocka_unit_test(test_cfn__deep_property_is_no_cycle),
		cmocka_unit_test(test_cfn__select_split_getatt_website_host),
		cmocka_unit_test(test_cfn__sub_inside_if_inside_a_list),
		cmocka_unit_test(test_cfn__no_value_dropped_from_lists_and_maps),
		cmocka_unit_test(test_cfn__resolve_resource_properties),
		cmocka_unit_test(test_cfn__json_template),
		cmocka_unit_test(test_cfn__allowed_values),
		cmocka_unit_test(test_cfn__list_parameters_split),
		cmocka_unit_test(test_cfn__is_template),
		cmocka_unit_test(test_cfn__open_without_template_sections),
		cmocka_unit_test(test_cfn__params_file_formats),
		cmocka_unit_test(test_cfn__params_file_errors),
		cmocka_unit_test(test_cfn__param_arg),
		cmocka_unit_test(test_cfn__alias_resolved_once),
		cmocka_unit_test(test_cfn__join_string_cap),
		cmocka_unit_test(test_cfn__params_feed_a_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

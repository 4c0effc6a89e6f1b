/* test_eval.c - unit tests for three-valued rule evaluation (eval.h).
 *
 * Each test builds a small model by hand, loads a few rules (inline, or the
 * shipped ones from rules/ for their verdicts) and checks the findings:
 * how many, which severity, whether they say "cannot verify", and the text.
 * Tests run from the repository root (make unit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config.h"
#include "eval.h"
#include "model.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- building models ------------------------------------------------------- */

static eg_loc at_line(int line)
{
	eg_loc loc;

	memset(&loc, 0, sizeof(loc));
	loc.line = line;
	loc.col = 1;
	return loc;
}

/* A distribution at line with environment env (NULL, EG_UNKNOWN or a name). */
static eg_distribution *add_dist(eg_model *m, const char *name, int line, const char *env)
{
	eg_loc loc = at_line(line);
	char address[128];
	eg_distribution *d;

	snprintf(address, sizeof(address), "aws_cloudfront_distribution.%s", name);
	d = eg_model_add_distribution(m, &loc, address);
	d->env = eg_model_str(m, env);
	/* declared, as derive.c words a tag: the strongest evidence */
	if (eg_known(env))
		d->env_source = eg_arena_printf(&m->arena, "tag Environment=%s", env);
	return d;
}

static void add_aliases(eg_model *m, eg_distribution *d, const char *const *aliases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		eg_strlist_push(m, &d->aliases, aliases[i]);
}

static eg_origin *add_origin(eg_model *m, eg_distribution *d, int line, const char *id,
			     eg_origin_kind kind, const char *env)
{
	eg_loc loc = at_line(line);
	eg_origin *o = eg_model_add_origin(m, d, &loc);

	o->id = eg_model_str(m, id);
	o->kind = kind;
	o->env = eg_model_str(m, env);
	return o;
}

/* A behavior; pattern "*" makes the default (add it last).  methods is a
 * NULL-terminated list, or NULL to leave allowed_methods unset. */
static eg_behavior *add_behavior(eg_model *m, eg_distribution *d, int line, const char *pattern,
				 const char *target, const char *const *methods)
{
	eg_loc loc = at_line(line);
	eg_behavior *b = eg_model_add_behavior(m, d, &loc);

	b->is_default = !strcmp(pattern, "*");
	b->index = b->is_default ? -1 : (int)d->nbehaviors - 1;
	b->path_pattern = eg_model_str(m, pattern);
	b->target_origin_id = eg_model_str(m, target);
	for (; methods && *methods; methods++)
		eg_strlist_push(m, &b->allowed_methods, *methods);
	return b;
}

static const char *const ALL_METHODS[] = { "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST",
					   "DELETE", NULL };
static const char *const GET_HEAD[] = { "GET", "HEAD", NULL };

/* --- rules and runs -------------------------------------------------------- */

/* Adds one rule with the given id, severity and scope; body holds the rest
 * (assert, message, ...).  The title is "Title of <id>". */
static void add_rule(eg_ruleset *rs, const char *id, const char *severity, const char *scope,
		     const char *body)
{
	char yaml[4096];
	eg_error err = EG_ERROR_INIT;
	int rc;

	snprintf(yaml, sizeof(yaml),
		 "id: %s\ntitle: Title of %s\nseverity: %s\ndescription: D\nremediation: R\n"
		 "references: [u]\nscope: %s\n%s",
		 id, id, severity, scope, body);
	rc = eg_ruleset_parse(rs, yaml, strlen(yaml), "r.yml", &err);
	if (rc)
		fail_msg("rule %s: %d:%d: %s", id, err.line, err.col, err.message);
}

static void load_shipped(eg_ruleset *rs, const char *id)
{
	char path[256];
	eg_error err = EG_ERROR_INIT;

	snprintf(path, sizeof(path), "rules/%s.yml", id);
	if (eg_ruleset_load_file(rs, path, &err))
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.message);
}

static void run(const eg_ruleset *rs, eg_model *m, const eg_config *c, eg_findings *f)
{
	eg_model_link(m);
	eg_findings_init(f);
	eg_eval_run(rs, m, c, f);
}

/* The one finding of rule on the resource whose address ends with ".name",
 * or NULL; two such findings fail the test. */
static const eg_finding *finding(const eg_findings *f, const char *rule, const char *name)
{
	const eg_finding *found = NULL;
	size_t i, n = strlen(name);

	for (i = 0; i < f->n; i++) {
		const eg_finding *x = &f->items[i];
		size_t len = x->resource ? strlen(x->resource) : 0;
		if (strcmp(x->rule->id, rule) || len <= n || strcmp(x->resource + len - n, name) ||
		    x->resource[len - n - 1] != '.')
			continue;
		if (found)
			fail_msg("two findings of %s on %s", rule, name);
		found = x;
	}
	return found;
}

/* What a rule said about a resource: 'T' nothing (the assert held), 'F' a
 * failure, 'U' cannot verify. */
static char verdict(const eg_findings *f, const char *rule, const char *name)
{
	const eg_finding *x = finding(f, rule, name);

	return !x ? 'T' : x->cannot_verify ? 'U' : 'F';
}

static void expect_verdict(const eg_findings *f, const char *rule, const char *name, char want)
{
	char got = verdict(f, rule, name);

	if (got != want)
		fail_msg("%s on %s: got %c, want %c", rule, name, got, want);
}

static void expect_message(const eg_findings *f, const char *rule, const char *name,
			   const char *want)
{
	const eg_finding *x = finding(f, rule, name);

	if (!x)
		fail_msg("%s on %s: no finding", rule, name);
	assert_string_equal(x->message, want);
}

/* A Route 53 alias record: address, host, type, zone and target. */
static eg_dns_record *add_alias_record(eg_model *m, const eg_loc *loc, const char *address,
				       const char *name, const char *type, const char *zone,
				       const char *target, const char *target_zone)
{
	eg_dns_record *r = eg_model_add_record(m, loc, address);

	r->name = name;
	r->type = type;
	r->zone_id = zone;
	r->alias_name = target;
	r->alias_zone_id = target_zone;
	return r;
}

/* --- unknown is not empty -------------------------------------------------- */

static void test_eval__unknown_aliases_cannot_verify(void **state)
{
	static const char *const one[] = { "www.example.com" };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *unk, *empty;
	const eg_finding *x;

	(void)state;
	unk = add_dist(m, "unk", 10, "production");
	unk->aliases.unknown = true;
	empty = add_dist(m, "empty", 20, "production");
	add_aliases(m, add_dist(m, "served", 30, "production"), one, 1);
	add_dist(m, "stage", 40, "staging");
	add_dist(m, "unk_env", 50, EG_UNKNOWN);
	add_aliases(m, add_dist(m, "unk_env_served", 60, EG_UNKNOWN), one, 1);
	add_dist(m, "no_env", 70, NULL);

	eg_ruleset_init(&rs);
	load_shipped(&rs, "production-without-aliases");
	eg_config_init(&c);
	run(&rs, m, &c, &f);

	assert_int_equal(f.n, 3);
	assert_int_equal(f.rules_run, 1);
	x = finding(&f, "production-without-aliases", "unk");
	assert_non_null(x);
	assert_true(x->cannot_verify);
	assert_int_equal(x->severity, EG_SEV_WARNING);
	assert_non_null(strstr(x->message, "cannot verify"));
	assert_non_null(strstr(x->message, "aws_cloudfront_distribution.unk "));
	assert_ptr_equal(x->dist, unk);
	assert_int_equal(x->loc.line, 10);

	/* known and empty: a failure, not a guess */
	x = finding(&f, "production-without-aliases", "empty");
	assert_non_null(x);
	assert_false(x->cannot_verify);
	assert_int_equal(x->severity, EG_SEV_ERROR);
	assert_non_null(strstr(x->message, "aws_cloudfront_distribution.empty"));
	assert_ptr_equal(x->dist, empty);
	assert_string_equal(x->resource, "aws_cloudfront_distribution.empty");

	/* the environment is unknown and the aliases are empty: it may be production */
	expect_verdict(&f, "production-without-aliases", "unk_env", 'U');
	expect_verdict(&f, "production-without-aliases", "unk_env_served", 'T');
	expect_verdict(&f, "production-without-aliases", "served", 'T');
	expect_verdict(&f, "production-without-aliases", "stage", 'T');
	expect_verdict(&f, "production-without-aliases", "no_env", 'T');
	assert_int_equal(eg_findings_count(&f, EG_SEV_ERROR), 1);
	assert_int_equal(eg_findings_count(&f, EG_SEV_WARNING), 2);
	assert_int_equal(eg_findings_count_at_least(&f, EG_SEV_WARNING), 3);
	assert_int_equal(eg_findings_count_at_least(&f, EG_SEV_ERROR), 1);
	assert_int_equal(eg_findings_count_at_least(&f, EG_SEV_NONE), 0);

	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__unknown_is_never_read_as_empty(void **state)
{
	static const char *const some[] = { "a.example.com", EG_UNKNOWN };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	add_dist(m, "unk", 10, NULL)->aliases.unknown = true;
	add_aliases(m, add_dist(m, "some", 20, NULL), some, 2);
	add_dist(m, "none", 30, NULL);

	eg_ruleset_init(&rs);
	add_rule(&rs, "empty", "error", "distribution", "assert: {attribute: aliases, operator: empty}\nmessage: m\n");
	add_rule(&rs, "not-empty", "error", "distribution", "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n");
	add_rule(&rs, "at-most-0", "error", "distribution",
		 "assert: {attribute: aliases, operator: count_at_most, value: 0}\nmessage: m\n");
	add_rule(&rs, "absent", "error", "distribution", "assert: {attribute: aliases, operator: absent}\nmessage: m\n");
	add_rule(&rs, "has-a", "error", "distribution",
		 "assert: {attribute: aliases, operator: contains, value: a.example.com}\nmessage: m\n");
	add_rule(&rs, "has-b", "error", "distribution",
		 "assert: {attribute: aliases, operator: contains, value: b.example.com}\nmessage: m\n");
	add_rule(&rs, "lacks-b", "error", "distribution",
		 "assert: {attribute: aliases, operator: not_contains, value: b.example.com}\nmessage: m\n");
	/* known and unknown themselves always know the answer */
	add_rule(&rs, "known", "error", "distribution", "assert: {attribute: aliases, operator: known}\nmessage: m\n");
	add_rule(&rs, "unknown", "error", "distribution", "assert: {attribute: aliases, operator: unknown}\nmessage: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);

	expect_verdict(&f, "empty", "unk", 'U');
	expect_verdict(&f, "not-empty", "unk", 'U');
	expect_verdict(&f, "at-most-0", "unk", 'U');
	expect_verdict(&f, "absent", "unk", 'U');
	expect_verdict(&f, "has-a", "unk", 'U');
	expect_verdict(&f, "lacks-b", "unk", 'U');
	expect_verdict(&f, "known", "unk", 'F');
	expect_verdict(&f, "unknown", "unk", 'T');

	/* an unknown item is an item: the list is not empty */
	expect_verdict(&f, "empty", "some", 'F');
	expect_verdict(&f, "not-empty", "some", 'T');
	expect_verdict(&f, "at-most-0", "some", 'F');
	expect_verdict(&f, "absent", "some", 'F');
	expect_verdict(&f, "has-a", "some", 'T');
	expect_verdict(&f, "has-b", "some", 'U'); /* the unknown one may be b */
	expect_verdict(&f, "lacks-b", "some", 'U');
	expect_verdict(&f, "known", "some", 'F');
	expect_verdict(&f, "unknown", "some", 'T');

	expect_verdict(&f, "empty", "none", 'T');
	expect_verdict(&f, "not-empty", "none", 'F');
	expect_verdict(&f, "has-a", "none", 'F');
	expect_verdict(&f, "lacks-b", "none", 'T');
	expect_verdict(&f, "known", "none", 'T');

	/* the default "cannot verify" text names the rule and what is unknown */
	expect_message(&f, "empty", "unk",
		       "cannot verify: Title of empty; aliases is not known until apply");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- logic ----------------------------------------------------------------- */

static void test_eval__and_or_not_with_unknown(void **state)
{
	/* U: id is unknown; T: the address exists; F: no comment */
#define U "{attribute: id, operator: exists}"
#define T "{attribute: address, operator: exists}"
#define F "{attribute: comment, operator: exists}"
	static const struct {
		const char *id, *assert;
		char want;
	} cases[] = {
		{ "and-uf", "{and: [" U ", " F "]}", 'F' },
		{ "and-fu", "{and: [" F ", " U "]}", 'F' },
		{ "and-ut", "[" U ", " T "]", 'U' }, /* a list alone means and */
		{ "and-tt", "{and: [" T ", " T "]}", 'T' },
		{ "or-ut", "{or: [" U ", " T "]}", 'T' },
		{ "or-tu", "{or: [" T ", " U "]}", 'T' },
		{ "or-uf", "{or: [" U ", " F "]}", 'U' },
		{ "or-ff", "{or: [" F ", " F "]}", 'F' },
		{ "not-u", "{not: " U "}", 'U' },
		{ "not-f", "{not: " F "}", 'T' },
		{ "not-t", "{not: " T "}", 'F' },
		{ "not-not-u", "{not: {not: " U "}}", 'U' },
		{ "nested", "{or: [{and: [" U ", " F "]}, {not: " T "}]}", 'F' },
		{ "nested-u", "{or: [{and: [" U ", " T "]}, " F "]}", 'U' },
	};
#undef U
#undef T
#undef F
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	size_t i;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	d->id = EG_UNKNOWN;
	eg_ruleset_init(&rs);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char body[512];
		snprintf(body, sizeof(body), "assert: %s\nmessage: failed\n", cases[i].assert);
		add_rule(&rs, cases[i].id, "error", "distribution", body);
	}
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_verdict(&f, cases[i].id, "web", cases[i].want);
	expect_message(&f, "and-uf", "web", "failed");
	expect_message(&f, "or-uf", "web", "cannot verify: Title of or-uf; id is not known until apply");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__quantifiers(void **state)
{
	static const char *const rules[][2] = {
		{ "any-s3", "{any: {in: origins, that: {attribute: kind, operator: equals, value: s3}}}" },
		{ "any-lambda", "{any: {in: origins, that: {attribute: kind, operator: equals, value: lambda-url}}}" },
		{ "all-s3", "{all: {in: origins, that: {attribute: kind, operator: equals, value: s3}}}" },
		{ "all-known", "{all: {in: origins, that: {attribute: kind, operator: in, value: [s3, load-balancer]}}}" },
		{ "none-s3", "{none: {in: origins, that: {attribute: kind, operator: equals, value: s3}}}" },
		{ "none-lambda", "{none: {in: origins, that: {attribute: kind, operator: equals, value: lambda-url}}}" },
	};
	/* verdicts per distribution, in the order of rules */
	static const struct {
		const char *dist;
		const char *want;
	} cases[] = {
		{ "mixed", "TUFUFU" }, /* s3, load balancer and one of unknown kind */
		{ "known", "TFFTFT" }, /* s3 and load balancer */
		{ "empty", "FFTTTT" }, /* no origins: any is false, all and none hold */
		{ "unk", "UUUUUU" },   /* the origin list itself is unknown */
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	size_t i, j;

	(void)state;
	d = add_dist(m, "mixed", 10, NULL);
	add_origin(m, d, 11, "web", EG_ORIGIN_S3, NULL);
	add_origin(m, d, 12, "api", EG_ORIGIN_LB, NULL);
	add_origin(m, d, 13, "new", EG_ORIGIN_UNKNOWN, NULL);
	d = add_dist(m, "known", 20, NULL);
	add_origin(m, d, 21, "web", EG_ORIGIN_S3, NULL);
	add_origin(m, d, 22, "api", EG_ORIGIN_LB, NULL);
	add_dist(m, "empty", 30, NULL);
	add_dist(m, "unk", 40, NULL)->origins_unknown = true;

	eg_ruleset_init(&rs);
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		char body[512];
		snprintf(body, sizeof(body), "assert: %s\nmessage: m\n", rules[i][1]);
		add_rule(&rs, rules[i][0], "error", "distribution", body);
	}
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (j = 0; j < sizeof(rules) / sizeof(rules[0]); j++)
			expect_verdict(&f, rules[j][0], cases[i].dist, cases[i].want[j]);
	/* the body's unknown is reported by name */
	expect_message(&f, "any-lambda", "mixed",
		       "cannot verify: Title of any-lambda; kind is not known until apply");
	expect_message(&f, "any-lambda", "unk",
		       "cannot verify: Title of any-lambda; origins is not known until apply");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- count_at_most over environments --------------------------------------- */

static void add_envs_cases(eg_model *m)
{
	eg_distribution *d;

	d = add_dist(m, "one_unknown", 10, NULL);
	add_origin(m, d, 11, "web", EG_ORIGIN_S3, EG_UNKNOWN);
	d = add_dist(m, "known_and_unknown", 20, NULL);
	add_origin(m, d, 21, "web", EG_ORIGIN_S3, "dev");
	add_origin(m, d, 22, "api", EG_ORIGIN_LB, EG_UNKNOWN);
	d = add_dist(m, "two_unknown", 30, NULL);
	add_origin(m, d, 31, "web", EG_ORIGIN_S3, EG_UNKNOWN);
	add_origin(m, d, 32, "api", EG_ORIGIN_LB, EG_UNKNOWN);
	d = add_dist(m, "different", 40, NULL);
	add_origin(m, d, 41, "web", EG_ORIGIN_S3, "dev");
	add_origin(m, d, 42, "api", EG_ORIGIN_LB, "staging");
	d = add_dist(m, "same", 50, NULL);
	add_origin(m, d, 51, "web", EG_ORIGIN_S3, "dev");
	add_origin(m, d, 52, "api", EG_ORIGIN_LB, "dev");
	d = add_dist(m, "same_and_none", 60, NULL);
	add_origin(m, d, 61, "web", EG_ORIGIN_S3, "dev");
	add_origin(m, d, 62, "api", EG_ORIGIN_LB, NULL); /* no environment is not unknown */
	add_dist(m, "origins_unknown", 70, NULL)->origins_unknown = true;
}

static void test_eval__count_at_most_with_unknown_items(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	const eg_finding *x;

	(void)state;
	add_envs_cases(m);
	eg_ruleset_init(&rs);
	add_rule(&rs, "mixed", "error", "distribution",
		 "assert: {attribute: origin_environments, operator: count_at_most, value: 1}\n"
		 "message: \"{address}: {origin_environments} ({origins.id})\"\n");
	add_rule(&rs, "at-least-2", "note", "distribution",
		 "assert: {attribute: origin_environments, operator: count_at_least, value: 2}\n"
		 "message: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);

	/* one origin cannot mix, whatever its environment */
	expect_verdict(&f, "mixed", "one_unknown", 'T');
	/* the unknown one may or may not be dev */
	expect_verdict(&f, "mixed", "known_and_unknown", 'U');
	/* two unknowns may differ */
	expect_verdict(&f, "mixed", "two_unknown", 'U');
	expect_verdict(&f, "mixed", "same", 'T');
	expect_verdict(&f, "mixed", "same_and_none", 'T');
	expect_verdict(&f, "mixed", "origins_unknown", 'U');
	x = finding(&f, "mixed", "different");
	assert_non_null(x);
	assert_false(x->cannot_verify);
	assert_int_equal(x->severity, EG_SEV_ERROR);
	assert_string_equal(x->message, "aws_cloudfront_distribution.different: dev, staging (web, api)");
	x = finding(&f, "mixed", "known_and_unknown");
	assert_int_equal(x->severity, EG_SEV_WARNING);

	expect_verdict(&f, "at-least-2", "one_unknown", 'F');
	expect_verdict(&f, "at-least-2", "known_and_unknown", 'U');
	expect_verdict(&f, "at-least-2", "two_unknown", 'U');
	expect_verdict(&f, "at-least-2", "different", 'T');
	expect_verdict(&f, "at-least-2", "same", 'F');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__shipped_mixed_environment_rule(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	add_envs_cases(m);
	eg_ruleset_init(&rs);
	load_shipped(&rs, "mixed-environment-origins");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "mixed-environment-origins", "one_unknown", 'T');
	expect_verdict(&f, "mixed-environment-origins", "known_and_unknown", 'U');
	expect_verdict(&f, "mixed-environment-origins", "two_unknown", 'U');
	expect_verdict(&f, "mixed-environment-origins", "different", 'F');
	expect_verdict(&f, "mixed-environment-origins", "same", 'T');
	expect_verdict(&f, "mixed-environment-origins", "same_and_none", 'T');
	assert_non_null(strstr(finding(&f, "mixed-environment-origins", "different")->message,
			       "(dev, staging)"));
	assert_int_equal(f.n, 4);
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- lists compared with references ---------------------------------------- */

static void test_eval__contains_all_with_refs(void **state)
{
	static const char *const with_unknown[] = { "GET", "HEAD", "POST", EG_UNKNOWN, NULL };
	static const char *const writes_and_unknown[] = { "POST", "DELETE", EG_UNKNOWN, NULL };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	eg_behavior *b;

	(void)state;
#define API_AND_DEFAULT(name, line, methods)                                   \
	d = add_dist(m, name, line, NULL);                                     \
	add_origin(m, d, line + 1, "alb", EG_ORIGIN_LB, NULL);                 \
	b = add_behavior(m, d, line + 2, "/api/*", "alb", methods);            \
	add_behavior(m, d, line + 3, "*", "alb", ALL_METHODS) /* the bare /api goes here */
	API_AND_DEFAULT("all", 10, ALL_METHODS);
	API_AND_DEFAULT("get_head", 20, GET_HEAD);
	API_AND_DEFAULT("some_unknown", 30, with_unknown);
	API_AND_DEFAULT("writes_and_unknown", 40, writes_and_unknown);
	API_AND_DEFAULT("list_unknown", 50, NULL);
	b->allowed_methods.unknown = true;
	API_AND_DEFAULT("not_set", 60, NULL); /* not set: GET and HEAD */
#undef API_AND_DEFAULT
	d = add_dist(m, "fall_through", 70, NULL);
	add_behavior(m, d, 71, "/static/*", "s3", ALL_METHODS);
	add_behavior(m, d, 72, "*", "s3", GET_HEAD);
	add_dist(m, "behaviors_unknown", 80, NULL)->behaviors_unknown = true;

	eg_ruleset_init(&rs);
	add_rule(&rs, "writes", "error", "route",
		 "routes: [{path: /api/*, methods: [POST, DELETE]}]\n"
		 "assert: {attribute: serving.allowed_methods, operator: contains_all, value: {attribute: methods}}\n"
		 "message: \"{methods} {path}: '{serving.path_pattern}' allows only {serving.allowed_methods}\"\n");
	/* the rule's methods are upper-cased as they load */
	add_rule(&rs, "lower", "error", "route",
		 "routes: [{path: /api/*, methods: [post]}]\n"
		 "assert: {attribute: serving.allowed_methods, operator: contains_all, value: {attribute: methods}}\n"
		 "message: m\n");
	add_rule(&rs, "literal", "error", "route",
		 "routes: [{path: /api/*, methods: [GET]}]\n"
		 "assert: {attribute: serving.allowed_methods, operator: contains_all, value: [OPTIONS, GET]}\n"
		 "message: m\n");
	add_rule(&rs, "reads-only", "note", "route",
		 "routes: [{path: /api/*, methods: [GET]}]\n"
		 "assert: {attribute: serving.allowed_methods, operator: subset_of, value: [GET, HEAD]}\n"
		 "message: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);

	expect_verdict(&f, "writes", "all", 'T');
	expect_verdict(&f, "writes", "get_head", 'F');
	expect_message(&f, "writes", "get_head", "POST, DELETE /api/*: '/api/*' allows only GET, HEAD");
	expect_verdict(&f, "writes", "some_unknown", 'U'); /* DELETE may be the unknown one */
	expect_verdict(&f, "writes", "writes_and_unknown", 'T');
	expect_verdict(&f, "writes", "list_unknown", 'U');
	expect_message(&f, "writes", "list_unknown",
		       "cannot verify: Title of writes; serving.allowed_methods is not known until apply");
	expect_verdict(&f, "writes", "not_set", 'F');
	expect_message(&f, "writes", "not_set", "POST, DELETE /api/*: '/api/*' allows only GET, HEAD");
	expect_verdict(&f, "writes", "fall_through", 'F');
	expect_message(&f, "writes", "fall_through", "POST, DELETE /api/*: '*' allows only GET, HEAD");
	assert_int_equal(finding(&f, "writes", "fall_through")->loc.line, 72); /* the serving behavior */
	expect_verdict(&f, "writes", "behaviors_unknown", 'U');
	expect_message(&f, "writes", "behaviors_unknown",
		       "cannot verify: Title of writes; serving.allowed_methods is not known until apply");

	expect_verdict(&f, "lower", "all", 'T');
	expect_verdict(&f, "lower", "get_head", 'F');

	expect_verdict(&f, "literal", "all", 'T');
	expect_verdict(&f, "literal", "get_head", 'F');
	expect_verdict(&f, "literal", "some_unknown", 'U');

	expect_verdict(&f, "reads-only", "get_head", 'T');
	expect_verdict(&f, "reads-only", "not_set", 'T');
	expect_verdict(&f, "reads-only", "all", 'F');
	expect_verdict(&f, "reads-only", "some_unknown", 'F'); /* POST is known and not a read */
	expect_verdict(&f, "reads-only", "writes_and_unknown", 'F');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__config_routes_are_checked_by_default(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	add_origin(m, d, 11, "alb", EG_ORIGIN_LB, NULL);
	add_behavior(m, d, 12, "/api/*", "alb", ALL_METHODS);
	add_behavior(m, d, 13, "*", "alb", GET_HEAD);
	eg_ruleset_init(&rs);
	add_rule(&rs, "writes", "error", "route",
		 "assert: {attribute: serving.allowed_methods, operator: contains_all, value: {attribute: methods}}\n"
		 "message: \"{path}\"\n");
	eg_config_init(&c); /* the auth and api routes */
	run(&rs, m, &c, &f);
	/* the auth route falls to the default; so does the bare /api, which
	 * the api route's pattern does not match */
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[0].message, "/api/*");
	assert_string_equal(f.items[1].message, "/auth/*");
	assert_int_equal(f.items[1].loc.line, 13);
	assert_int_equal(f.checks, 2);
	assert_int_equal(f.nchecked, 1); /* one JUnit test case: the rule on the distribution */
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__covered_by_wildcard(void **state)
{
	static const char *const aliases[] = { "*.example.com", "example.org" };
	static const struct {
		const char *name, *host;
		char want;
	} records[] = {
		{ "www", "www.example.com", 'T' },
		{ "shouting", "WWW.Example.COM.", 'T' }, /* case and the trailing dot */
		{ "deep", "a.b.example.com", 'T' },      /* a wildcard alias routes any depth */
		{ "apex", "example.com", 'F' },
		{ "org", "example.org", 'T' },
		{ "sub_org", "www.example.org", 'F' },
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *site, *unk;
	eg_dns_record *r;
	eg_loc loc = at_line(100);
	size_t i;

	(void)state;
	site = add_dist(m, "site", 10, NULL);
	add_aliases(m, site, aliases, 2);
	unk = add_dist(m, "unk", 20, NULL);
	unk->aliases.unknown = true;
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		char address[64];
		snprintf(address, sizeof(address), "aws_route53_record.%s", records[i].name);
		r = eg_model_add_record(m, &loc, address);
		r->name = records[i].host;
		r->target_ref = site->address;
	}
	r = eg_model_add_record(m, &loc, "aws_route53_record.name_unknown");
	r->name = EG_UNKNOWN;
	r->target_ref = site->address;
	r = eg_model_add_record(m, &loc, "aws_route53_record.to_unknown_aliases");
	r->name = "www.example.com";
	r->target_ref = unk->address;
	r = eg_model_add_record(m, &loc, "aws_route53_record.target_unknown");
	r->name = "www.example.com";
	r->target_ref = EG_UNKNOWN;
	r = eg_model_add_record(m, &loc, "aws_route53_record.elsewhere");
	r->name = "www.example.net";

	eg_ruleset_init(&rs);
	add_rule(&rs, "covered", "error", "dns_record",
		 "where: {attribute: target, operator: exists}\n"
		 "assert: {attribute: name, operator: covered_by, value: {attribute: target.aliases}}\n"
		 "message: \"{name} -> {target.address} ({link_source}) serves {target.aliases}\"\n");
	add_rule(&rs, "uncovered", "note", "dns_record",
		 "where: {attribute: target, operator: exists}\n"
		 "assert: {attribute: name, operator: not_covered_by, value: [\"*.example.com\"]}\n"
		 "message: m\n");
	add_rule(&rs, "cert", "note", "dns_record",
		 "where: {attribute: target, operator: exists}\n"
		 "assert: {attribute: name, operator: covered_by_certificate, value: [\"*.example.com\"]}\n"
		 "message: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);

	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++)
		expect_verdict(&f, "covered", records[i].name, records[i].want);
	expect_message(&f, "covered", "apex",
		       "example.com -> aws_cloudfront_distribution.site (resource reference) serves "
		       "*.example.com, example.org");
	expect_verdict(&f, "covered", "name_unknown", 'U');
	expect_verdict(&f, "covered", "to_unknown_aliases", 'U');
	expect_verdict(&f, "covered", "target_unknown", 'U');
	expect_verdict(&f, "covered", "elsewhere", 'T'); /* where is false: not checked */

	expect_verdict(&f, "uncovered", "www", 'F');
	expect_verdict(&f, "uncovered", "deep", 'F'); /* routed at any depth */
	expect_verdict(&f, "uncovered", "name_unknown", 'U');
	/* a certificate's wildcard covers one label only */
	expect_verdict(&f, "cert", "www", 'T');
	expect_verdict(&f, "cert", "deep", 'F');
	expect_verdict(&f, "cert", "apex", 'F');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* DNS names compare as DNS does (case, trailing dot); other strings and
 * matches_regex see the text as written. */
static void test_eval__host_names_ignore_case_and_dot(void **state)
{
	static const struct {
		const char *name, *host;
		char eq, in, glob, upper, dot;
	} records[] = {
		{ "plain", "www.example.com", 'T', 'T', 'T', 'T', 'T' },
		{ "shouting", "WWW.Example.COM.", 'T', 'T', 'T', 'F', 'F' },
		{ "other", "www.example.org", 'F', 'F', 'F', 'T', 'T' },
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_dns_record *r;
	eg_loc loc = at_line(100);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		char address[64];
		snprintf(address, sizeof(address), "aws_route53_record.%s", records[i].name);
		r = eg_model_add_record(m, &loc, address);
		r->name = records[i].host;
		r->type = "A";
	}
	r = eg_model_add_record(m, &loc, "aws_route53_record.unknown");
	r->name = EG_UNKNOWN;
	r->type = "a"; /* no DNS name: compared as written */

	eg_ruleset_init(&rs);
	add_rule(&rs, "eq", "error", "dns_record",
		 "assert: {attribute: name, operator: equals, value: www.example.com}\nmessage: m\n");
	add_rule(&rs, "in", "error", "dns_record",
		 "assert: {attribute: name, operator: in, value: [a.example.com, www.example.com.]}\n"
		 "message: m\n");
	add_rule(&rs, "glob", "error", "dns_record",
		 "assert: {attribute: name, operator: matches, value: \"*.EXAMPLE.com\"}\nmessage: m\n");
	add_rule(&rs, "upper", "error", "dns_record",
		 "assert: {attribute: name, operator: not_matches_regex, value: \"[A-Z]\"}\n"
		 "message: m\n");
	add_rule(&rs, "dot", "error", "dns_record",
		 "assert: {attribute: name, operator: not_matches_regex, value: \"\\\\.$\"}\n"
		 "message: m\n");
	add_rule(&rs, "type", "error", "dns_record",
		 "assert: {attribute: type, operator: equals, value: A}\nmessage: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		expect_verdict(&f, "eq", records[i].name, records[i].eq);
		expect_verdict(&f, "in", records[i].name, records[i].in);
		expect_verdict(&f, "glob", records[i].name, records[i].glob);
		expect_verdict(&f, "upper", records[i].name, records[i].upper);
		expect_verdict(&f, "dot", records[i].name, records[i].dot);
	}
	expect_verdict(&f, "eq", "unknown", 'U');
	expect_verdict(&f, "upper", "unknown", 'U');
	expect_verdict(&f, "type", "unknown", 'F'); /* record types are no DNS names */
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* The shipped DNS rules over zone, health and partition facts. */
static void test_eval__route53_alias_and_apex(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *site = add_dist(m, "site", 10, NULL);
	eg_loc loc = at_line(100);
	eg_resource *zone;
	eg_dns_record *r;

	(void)state;
	site->domain_name = "d111111abcdef8.cloudfront.net";
	site->ipv6 = EG_TRI_TRUE;
	eg_strlist_push(m, &site->aliases, "example.com");
	eg_strlist_push(m, &site->aliases, "www.example.com");
	zone = eg_model_add_resource(m, &loc, EG_RES_ZONE, "aws_route53_zone.main");
	zone->id = "Z1";
	zone->name = "Example.com.";
	zone->private_zone = EG_TRI_FALSE;

	r = add_alias_record(m, &loc, "aws_route53_record.ok", "www.example.com", "A", "Z1", site->domain_name, "Z2FDTNDATAQYW2");
	r = add_alias_record(m, &loc, "aws_route53_record.ok6", "WWW.example.com.", "AAAA", "Z1", site->domain_name, "Z2FDTNDATAQYW2");
	r = add_alias_record(m, &loc, "aws_route53_record.health", "example.com", "A", "Z1", site->domain_name, "Z2FDTNDATAQYW2");
	r->evaluate_target_health = EG_TRI_TRUE;
	r = add_alias_record(m, &loc, "aws_route53_record.health_unknown", "example.com", "AAAA", "Z1", site->domain_name, "Z2FDTNDATAQYW2");
	r->evaluate_target_health = EG_TRI_UNKNOWN;
	r = add_alias_record(m, &loc, "aws_route53_record.china", "cn.example.com", "A", NULL, "d222222abcdef8.cloudfront.cn", "Z2FDTNDATAQYW2");
	r = eg_model_add_record(m, &loc, "aws_route53_record.apex_cname");
	r->name = "example.com";
	r->type = "CNAME";
	r->zone_id = "Z1";
	eg_strlist_push(m, &r->records, "www.example.com");
	r = eg_model_add_record(m, &loc, "aws_route53_record.docs");
	r->name = "docs.example.com";
	r->type = "CNAME";
	r->zone_name = "example.com.";
	eg_strlist_push(m, &r->records, "acme.readthedocs.io");
	r = eg_model_add_record(m, &loc, "aws_route53_record.zone_unknown");
	r->name = "example.com";
	r->type = "CNAME";
	r->zone_name = EG_UNKNOWN;

	eg_ruleset_init(&rs);
	load_shipped(&rs, "route53-alias-invalid");
	load_shipped(&rs, "cname-at-apex");
	load_shipped(&rs, "ipv6-without-aaaa");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "route53-alias-invalid", "ok", 'T');
	expect_verdict(&f, "route53-alias-invalid", "health", 'F');
	expect_verdict(&f, "route53-alias-invalid", "health_unknown", 'U');
	expect_verdict(&f, "route53-alias-invalid", "china", 'F');
	expect_verdict(&f, "cname-at-apex", "apex_cname", 'F'); /* zone name case and dot */
	expect_verdict(&f, "cname-at-apex", "docs", 'T');
	expect_verdict(&f, "cname-at-apex", "zone_unknown", 'U');
	/* www has A and AAAA (names compared as DNS does); the apex A has an AAAA */
	expect_verdict(&f, "ipv6-without-aaaa", "ok", 'T');
	expect_verdict(&f, "ipv6-without-aaaa", "ok6", 'T');
	expect_verdict(&f, "ipv6-without-aaaa", "health", 'T');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- messages and locations ------------------------------------------------ */

static void test_eval__message_cases_choose_first_match(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;

	(void)state;
	d = add_dist(m, "id_unknown", 10, NULL);
	d->id = EG_UNKNOWN;
	d->comment = "bad";
	d = add_dist(m, "id_known", 20, NULL);
	d->id = "E123";
	d->comment = "bad";
	add_dist(m, "mad", 30, NULL)->comment = "mad";
	add_dist(m, "silent", 40, NULL);
	add_dist(m, "fine", 50, NULL)->comment = "ok";

	eg_ruleset_init(&rs);
	add_rule(&rs, "cases", "error", "distribution",
		 "assert: {attribute: comment, operator: equals, value: ok}\n"
		 "message:\n"
		 "  - when: {attribute: id, operator: exists}\n"
		 "    text: \"first {id}\"\n"
		 "  - when: {attribute: comment, operator: starts_with, value: b}\n"
		 "    text: \"second {comment}\"\n"
		 "  - when: {attribute: comment, operator: ends_with, value: d}\n"
		 "    text: \"third {comment}\"\n"
		 "  - text: \"fallback {comment}\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	assert_int_equal(f.n, 4);
	/* an unknown 'when' is not a match: the next case speaks */
	expect_message(&f, "cases", "id_unknown", "second bad");
	expect_message(&f, "cases", "id_known", "first E123");
	expect_message(&f, "cases", "mad", "third mad");
	expect_message(&f, "cases", "silent", "fallback (none)");
	expect_verdict(&f, "cases", "fine", 'T');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__message_renders_values(void **state)
{
	static const char *const aliases[] = { "a.example.com", "b.example.com" };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	d->id = EG_UNKNOWN;
	d->enabled = EG_TRI_TRUE;
	add_aliases(m, d, aliases, 2);
	add_origin(m, d, 11, "s3-web", EG_ORIGIN_S3, NULL);
	add_origin(m, d, 12, "alb", EG_ORIGIN_LB, NULL);
	add_behavior(m, d, 13, "/api/*", "alb", ALL_METHODS);
	add_behavior(m, d, 14, "*", "s3-web", GET_HEAD);
	eg_model_add_tag(m, d, "team", "edge");
	add_dist(m, "bare", 20, NULL);

	eg_ruleset_init(&rs);
	add_rule(&rs, "show", "note", "distribution",
		 "assert: {attribute: address, operator: absent}\n"
		 "message: \"{comment}|{id}|{aliases}|{origins}|{enabled}|{behaviors.position}|"
		 "{default_behavior}|{tags.Team}|{origins.kind}|{{x}}\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_message(&f, "show", "web",
		       "(none)|(unknown until apply)|a.example.com, b.example.com|s3-web, alb|true|1, 0|"
		       "*|edge|s3, load-balancer|{x}");
	expect_message(&f, "show", "bare", "(none)|(none)|(none)|(none)|(unknown until apply)|(none)|"
		       "(none)|(none)|(none)|{x}");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* A patch comes in the language of the input the finding points at, with
 * |json and |count, the first case that holds, and none from an unknown. */
static void test_eval__patch_in_the_input_language(void **state)
{
	static const char *const aliases[] = { "a.example.com", "b.example.com", "a.example.com" };
	static char short_tags[] = "Resources:\n  D:\n    Properties: {Id: !Ref X}\n";
	static char long_form[] = "Resources:\n  D:\n    Properties: {Id: {Ref: X}}\n";
	static char path[] = "in";
	eg_source tf = { 0 }, yml = { 0 }, yml_long = { 0 }, json = { 0 }, cli = { 0 };
	struct {
		const char *name;
		eg_source *src;
		const char *lang, *text;
	} want[] = {
		{ "tf", &tf, "hcl", "aliases = [\"a.example.com\", \"b.example.com\"] # 2\n" },
		{ "yml", &yml, "yaml", "Aliases: [\"a.example.com\", \"b.example.com\"]\nId: !GetAtt Web.Id\n" },
		{ "yml_long", &yml_long, "yaml",
		  "Aliases:\n  - a.example.com\n  - b.example.com\nId:\n  Fn::GetAtt:\n    - Web\n    - Id\n" },
		{ "json", &json, "json",
		  "{\n  \"Aliases\": [\n    \"a.example.com\",\n    \"b.example.com\"\n  ],\n"
		  "  \"Id\": {\n    \"Fn::GetAtt\": [\n      \"Web\",\n      \"Id\"\n    ]\n  }\n}\n" },
		{ "cli", &cli, NULL, NULL }, /* its text needs the id: unknown */
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	size_t i;

	(void)state;
	tf.path = yml.path = yml_long.path = json.path = cli.path = path;
	tf.format = EG_FMT_TF_PLAN;
	yml.format = yml_long.format = EG_FMT_CFN_YAML;
	yml.data = short_tags;
	yml_long.data = long_form;
	json.format = EG_FMT_CFN_JSON;
	cli.format = EG_FMT_AWS_CLOUDFRONT;
	for (i = 0; i < EG_ARRAY_SIZE(want); i++) {
		eg_distribution *d = add_dist(m, want[i].name, (int)i + 1, NULL);
		d->loc.src = want[i].src;
		d->id = EG_UNKNOWN;
		add_aliases(m, d, aliases, 3);
	}
	eg_ruleset_init(&rs);
	add_rule(&rs, "p", "error", "distribution",
		 "assert: {attribute: address, operator: absent}\n"
		 "message: m\n"
		 "patch:\n"
		 "  - when: {attribute: comment, operator: exists}\n"
		 "    place: never\n"
		 "    terraform: \"x = 1\\n\"\n"
		 "  - place: {terraform: 'in {address}', cloudformation: 'at {name}', aws-cli: c}\n"
		 "    terraform: \"aliases = {aliases|json} # {aliases|count}\\n\"\n"
		 "    cloudformation: \"Aliases: {aliases|json}\\nId: !GetAtt Web.Id\\n\"\n"
		 "    aws-cli: \"{{\\\"Id\\\": {id|json}}}\\n\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < EG_ARRAY_SIZE(want); i++) {
		const eg_finding *x = finding(&f, "p", want[i].name);
		assert_non_null(x);
		if (!want[i].text) {
			assert_null(x->patch);
			continue;
		}
		assert_non_null(x->patch);
		assert_string_equal(eg_patch_lang_name(x->patch_lang), want[i].lang);
		assert_string_equal(x->patch, want[i].text);
	}
	assert_string_equal(finding(&f, "p", "tf")->patch_place, "in aws_cloudfront_distribution.tf");
	assert_string_equal(finding(&f, "p", "json")->patch_place, "at json");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* |hosts writes host names as CloudFront stores them: lower case, no
 * trailing dot, a name given twice in two spellings once. */
static void test_eval__patch_hosts_filter(void **state)
{
	static const char *const aliases[] = { "WWW.Example.com.", "www.example.com", "api.example.com" };
	static char path[] = "in";
	eg_source tf = { 0 };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	const eg_finding *x;

	(void)state;
	tf.path = path;
	tf.format = EG_FMT_TF_PLAN;
	d = add_dist(m, "web", 1, NULL);
	d->loc.src = &tf;
	add_aliases(m, d, aliases, 3);
	eg_ruleset_init(&rs);
	add_rule(&rs, "p", "error", "distribution",
		 "assert: {attribute: address, operator: absent}\n"
		 "message: m\n"
		 "patch:\n"
		 "  place: here\n"
		 "  terraform: \"aliases = {aliases|hosts|json} # {aliases|hosts|count} of {aliases|count}\\n\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	x = finding(&f, "p", "web");
	assert_non_null(x);
	assert_non_null(x->patch);
	assert_string_equal(x->patch, "aliases = [\"www.example.com\", \"api.example.com\"] # 2 of 3\n");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* regional_domain_name: the global endpoint name with the region the
 * name of a regional one gives, a dotted bucket name kept whole; absent
 * off the global endpoint, unknown while the region is. */
static void test_eval__origin_regional_domain_name(void **state)
{
	static const struct {
		const char *name, *domain;
		char want;
		const char *message;
	} cases[] = {
		{ "dotted", "assets.example.com.s3.amazonaws.com", 'F',
		  "assets.example.com.s3.eu-west-1.amazonaws.com" },
		{ "regional", "site.s3.eu-west-1.amazonaws.com", 'T', NULL },
		{ "noregion", "other.s3.amazonaws.com", 'U', NULL },
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_loc loc = at_line(100);
	eg_resource *b;
	size_t i;

	(void)state;
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		eg_distribution *d = add_dist(m, cases[i].name, (int)i + 1, NULL);
		eg_origin *o = add_origin(m, d, (int)i + 1, "site", EG_ORIGIN_S3, NULL);
		o->domain = eg_model_str(m, cases[i].domain);
	}
	b = eg_model_add_resource(m, &loc, EG_RES_BUCKET, "aws_s3_bucket.assets");
	b->id = b->name = "assets.example.com";
	b->region = "eu-west-1";
	eg_ruleset_init(&rs);
	add_rule(&rs, "r", "error", "origin",
		 "assert: {attribute: regional_domain_name, operator: absent}\n"
		 "message: \"{regional_domain_name}\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		expect_verdict(&f, "r", cases[i].name, cases[i].want);
		if (cases[i].message)
			expect_message(&f, "r", cases[i].name, cases[i].message);
	}
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* The names a bucket policy statement needs: the distribution's ARN, the
 * bucket's name (the bucket's own, else the endpoint's) and address; a
 * patch naming a value not known has no text, even unfiltered. */
static void test_eval__bucket_statement_names(void **state)
{
	static char path[] = "in";
	eg_source tf = { 0 };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_loc loc = at_line(100);
	eg_distribution *d;
	eg_origin *o;
	eg_resource *b;

	(void)state;
	tf.path = path;
	tf.format = EG_FMT_TF_PLAN;
	d = add_dist(m, "known", 1, NULL);
	d->loc.src = &tf;
	d->arn = "arn:aws:cloudfront::123456789012:distribution/E1";
	o = add_origin(m, d, 2, "site", EG_ORIGIN_S3, NULL);
	o->domain = eg_model_str(m, "named-by-domain.s3.eu-west-1.amazonaws.com");
	o->loc.src = &tf;
	d = add_dist(m, "bucketed", 3, NULL);
	d->loc.src = &tf;
	d->arn = EG_UNKNOWN;
	o = add_origin(m, d, 4, "site", EG_ORIGIN_S3, NULL);
	o->domain = eg_model_str(m, "assets.s3.eu-west-1.amazonaws.com");
	o->loc.src = &tf;
	b = eg_model_add_resource(m, &loc, EG_RES_BUCKET, "aws_s3_bucket.assets");
	b->id = b->name = "assets";
	eg_ruleset_init(&rs);
	add_rule(&rs, "r", "error", "origin",
		 "assert: {attribute: id, operator: absent}\n"
		 "message: \"{bucket_name} {bucket_address}\"\n"
		 "patch:\n"
		 "  place: here\n"
		 "  terraform: \"{bucket_name} {distribution.arn}\\n\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_message(&f, "r", "known", "named-by-domain (none)");
	assert_non_null(finding(&f, "r", "known")->patch);
	assert_string_equal(finding(&f, "r", "known")->patch,
			    "named-by-domain arn:aws:cloudfront::123456789012:distribution/E1\n");
	expect_message(&f, "r", "bucketed", "assets aws_s3_bucket.assets");
	assert_null(finding(&f, "r", "bucketed")->patch);
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__tags_map(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	eg_model_add_tag(m, add_dist(m, "tagged", 10, NULL), "ENVIRONMENT", "prod");
	add_dist(m, "untagged", 20, NULL);
	add_dist(m, "tags_unknown", 30, NULL)->tags_unknown = true;
	eg_model_add_tag(m, add_dist(m, "value_unknown", 40, NULL), "Environment", EG_UNKNOWN);

	eg_ruleset_init(&rs);
	add_rule(&rs, "tag", "error", "distribution",
		 "assert: {attribute: tags.environment, operator: not_equals, value: prod}\n"
		 "message: \"{tags.Environment}\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "tag", "tagged", 'F'); /* keys match in any case */
	expect_message(&f, "tag", "tagged", "prod");
	expect_verdict(&f, "tag", "untagged", 'T');
	expect_verdict(&f, "tag", "tags_unknown", 'U');
	expect_verdict(&f, "tag", "value_unknown", 'U');
	expect_message(&f, "tag", "value_unknown",
		       "cannot verify: Title of tag; tags.environment is not known until apply");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__at_moves_the_location(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	add_origin(m, d, 15, "alb", EG_ORIGIN_LB, NULL);
	add_behavior(m, d, 20, "/api/*", "alb", GET_HEAD);
	add_behavior(m, d, 25, "*", "gone", GET_HEAD); /* targets no origin */

	eg_ruleset_init(&rs);
	add_rule(&rs, "origin-at-dist", "error", "origin",
		 "assert: {attribute: id, operator: absent}\nmessage: m\nat: distribution\n");
	add_rule(&rs, "origin-here", "error", "origin",
		 "assert: {attribute: id, operator: absent}\nmessage: m\n");
	add_rule(&rs, "behavior-at-target", "error", "behavior",
		 "assert: {attribute: path_pattern, operator: absent}\nmessage: \"{path_pattern}\"\n"
		 "at: target\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	assert_int_equal(f.n, 4);
	assert_int_equal(finding(&f, "origin-at-dist", "web")->loc.line, 10);
	assert_int_equal(finding(&f, "origin-here", "web")->loc.line, 15);
	/* sorted by line, then rule id: the API behavior points at its origin
	 * (15); the default, whose target is absent, stays where it is (25) */
	assert_string_equal(f.items[0].rule->id, "origin-at-dist");
	assert_int_equal(f.items[0].loc.line, 10);
	assert_string_equal(f.items[1].rule->id, "behavior-at-target");
	assert_int_equal(f.items[1].loc.line, 15);
	assert_string_equal(f.items[1].message, "/api/*");
	assert_string_equal(f.items[2].rule->id, "origin-here");
	assert_int_equal(f.items[2].loc.line, 15);
	assert_int_equal(f.items[3].loc.line, 25);
	assert_string_equal(f.items[3].message, "*");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- severities ------------------------------------------------------------ */

static void test_eval__config_override_disables_and_changes_severity(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_rule_override ov[2];

	(void)state;
	add_dist(m, "web", 10, NULL);
	add_dist(m, "unk", 20, NULL)->aliases.unknown = true;
	eg_ruleset_init(&rs);
	add_rule(&rs, "off", "error", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n");
	add_rule(&rs, "quiet", "error", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n");
	add_rule(&rs, "as-is", "warning", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n");

	memset(ov, 0, sizeof(ov));
	ov[0].rule = "off";
	ov[0].disabled = true;
	ov[1].rule = "quiet";
	ov[1].has_severity = true;
	ov[1].severity = EG_SEV_NOTE;
	eg_config_init(&c);
	c.overrides = ov;
	c.noverrides = 2;
	run(&rs, m, &c, &f);

	assert_int_equal(f.rules_run, 2);
	expect_verdict(&f, "off", "web", 'T');
	expect_verdict(&f, "off", "unk", 'T');
	assert_int_equal(finding(&f, "quiet", "web")->severity, EG_SEV_NOTE);
	/* cannot verify is never louder than the failure would be */
	assert_int_equal(finding(&f, "quiet", "unk")->severity, EG_SEV_NOTE);
	assert_true(finding(&f, "quiet", "unk")->cannot_verify);
	assert_int_equal(finding(&f, "as-is", "web")->severity, EG_SEV_WARNING);
	assert_int_equal(finding(&f, "as-is", "unk")->severity, EG_SEV_WARNING);
	assert_int_equal(f.n, 4);
	eg_findings_release(&f);
	c.overrides = NULL;
	c.noverrides = 0;
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__unknown_severity(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	add_dist(m, "unk", 10, NULL)->aliases.unknown = true;
	eg_ruleset_init(&rs);
	add_rule(&rs, "error-default", "error", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n");
	add_rule(&rs, "error-own-note", "error", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n"
		 "unknown: {severity: note, message: \"unsure about {address}\"}\n");
	add_rule(&rs, "note-default", "note", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n");
	add_rule(&rs, "warning-own-error", "warning", "distribution",
		 "assert: {attribute: aliases, operator: not_empty}\nmessage: m\n"
		 "unknown: {severity: error}\n");

	/* defaults: warning, or the rule's own, never above the rule's severity */
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	assert_int_equal(f.n, 4);
	assert_int_equal(finding(&f, "error-default", "unk")->severity, EG_SEV_WARNING);
	assert_int_equal(finding(&f, "error-own-note", "unk")->severity, EG_SEV_NOTE);
	expect_message(&f, "error-own-note", "unk", "unsure about aws_cloudfront_distribution.unk");
	assert_int_equal(finding(&f, "note-default", "unk")->severity, EG_SEV_NOTE);
	assert_int_equal(finding(&f, "warning-own-error", "unk")->severity, EG_SEV_WARNING);
	eg_findings_release(&f);

	/* a config value the user did not set is only the default */
	c.unknown_severity = EG_SEV_NOTE;
	run(&rs, m, &c, &f);
	assert_int_equal(finding(&f, "error-default", "unk")->severity, EG_SEV_NOTE);
	assert_int_equal(finding(&f, "error-own-note", "unk")->severity, EG_SEV_NOTE);
	assert_int_equal(finding(&f, "warning-own-error", "unk")->severity, EG_SEV_WARNING);
	eg_findings_release(&f);

	/* set by the user, it overrides each rule's own (still capped) */
	c.unknown_severity = EG_SEV_ERROR;
	c.unknown_severity_set = true;
	run(&rs, m, &c, &f);
	assert_int_equal(finding(&f, "error-default", "unk")->severity, EG_SEV_ERROR);
	assert_int_equal(finding(&f, "error-own-note", "unk")->severity, EG_SEV_ERROR);
	assert_int_equal(finding(&f, "note-default", "unk")->severity, EG_SEV_NOTE);
	assert_int_equal(finding(&f, "warning-own-error", "unk")->severity, EG_SEV_WARNING);
	eg_findings_release(&f);

	c.unknown_severity = EG_SEV_NOTE;
	run(&rs, m, &c, &f);
	assert_int_equal(finding(&f, "error-default", "unk")->severity, EG_SEV_NOTE);
	assert_int_equal(finding(&f, "error-own-note", "unk")->severity, EG_SEV_NOTE);
	assert_int_equal(finding(&f, "warning-own-error", "unk")->severity, EG_SEV_NOTE);
	eg_findings_release(&f);

	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__where_filters_three_ways(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	add_dist(m, "prod_bare", 10, "production");
	add_dist(m, "dev_bare", 20, "dev");
	add_dist(m, "unk_bare", 30, EG_UNKNOWN);
	add_dist(m, "unk_commented", 40, EG_UNKNOWN)->comment = "has a comment";
	eg_ruleset_init(&rs);
	add_rule(&rs, "w", "error", "distribution",
		 "where: {attribute: environment, operator: equals, value: production}\n"
		 "assert: {attribute: comment, operator: exists}\n"
		 "message: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "w", "prod_bare", 'F');
	expect_verdict(&f, "w", "dev_bare", 'T');
	/* may be production, and fails if it is */
	expect_verdict(&f, "w", "unk_bare", 'U');
	expect_message(&f, "w", "unk_bare", "cannot verify: Title of w; environment is not known until apply");
	/* may be production, and holds either way */
	expect_verdict(&f, "w", "unk_commented", 'T');
	assert_int_equal(f.checks, 3); /* dev_bare is filtered out */
	assert_int_equal(f.rules_run, 1);
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* at_least and below: listed, newer, unrecognised, unknown and absent
 * policies, against a literal and the configured floor. */
static void test_eval__ordered_tls_policies(void **state)
{
	static const struct {
		const char *name, *policy;
		char at_least_2021, below_floor;
	} cases[] = {
		{ "sslv3", "SSLv3", 'F', 'F' },
		{ "tls11", "TLSv1.1_2016", 'F', 'F' },
		{ "tls12_2019", "TLSv1.2_2019", 'F', 'T' },
		{ "tls12_2021", "TLSv1.2_2021", 'T', 'T' },
		{ "tls13_2025", "TLSv1.3_2025", 'T', 'T' },
		{ "future", "TLSv1.3_2029", 'T', 'T' },
		{ "typo", "TLSv1.2-2021", 'U', 'U' },
		{ "unknown", EG_UNKNOWN, 'U', 'U' },
		{ "absent", NULL, 'U', 'U' },
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	size_t i;

	(void)state;
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++)
		add_dist(m, cases[i].name, 10 + (int)i, NULL)->minimum_protocol_version =
			eg_model_str(m, cases[i].policy);
	eg_ruleset_init(&rs);
	add_rule(&rs, "lit", "error", "distribution",
		 "assert: {attribute: minimum_protocol_version, operator: at_least, value: TLSv1.2_2021}\n"
		 "message: m\n");
	/* below the floor fails the assert: 'F' where the policy is below */
	add_rule(&rs, "floor", "error", "distribution",
		 "assert: {not: {attribute: minimum_protocol_version, operator: below,"
		 " value: {attribute: tls_floor}}}\nmessage: m\n");
	eg_config_init(&c);
	c.tls_floor = "TLSv1.2_2019";
	run(&rs, m, &c, &f);
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		expect_verdict(&f, "lit", cases[i].name, cases[i].at_least_2021);
		expect_verdict(&f, "floor", cases[i].name, cases[i].below_floor);
	}
	expect_message(&f, "lit", "absent",
		       "cannot verify: Title of lit; minimum_protocol_version is not known until apply");
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* An absent value means CloudFront holds none, because the mapping fills in
 * CloudFront's defaults first: not_in and not_equals are true on it, in
 * and equals false; only unknown is unknown.  The shipped TLS rule never
 * sees an absent policy from an input (TLSv1 is the default). */
static void test_eval__negative_operators_on_absent(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	add_dist(m, "none", 10, NULL);
	add_dist(m, "unk", 20, NULL)->web_acl_id = EG_UNKNOWN;
	add_dist(m, "set", 30, NULL)->web_acl_id = "arn:waf";
	eg_ruleset_init(&rs);
	add_rule(&rs, "not-in", "error", "distribution",
		 "assert: {attribute: web_acl_id, operator: not_in, value: [arn:waf]}\nmessage: m\n");
	add_rule(&rs, "in", "error", "distribution",
		 "assert: {attribute: web_acl_id, operator: in, value: [arn:waf]}\nmessage: m\n");
	add_rule(&rs, "not-equals", "error", "distribution",
		 "assert: {attribute: web_acl_id, operator: not_equals, value: arn:waf}\nmessage: m\n");
	add_rule(&rs, "not-matches", "error", "distribution",
		 "assert: {attribute: web_acl_id, operator: not_matches, value: 'arn:*'}\nmessage: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "not-in", "none", 'T');
	expect_verdict(&f, "in", "none", 'F');
	expect_verdict(&f, "not-equals", "none", 'T');
	expect_verdict(&f, "not-matches", "none", 'T');
	expect_verdict(&f, "not-in", "unk", 'U');
	expect_verdict(&f, "in", "unk", 'U');
	expect_verdict(&f, "not-equals", "unk", 'U');
	expect_verdict(&f, "not-matches", "unk", 'U');
	expect_verdict(&f, "not-in", "set", 'F');
	expect_verdict(&f, "not-matches", "set", 'F');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* The primary's continuous deployment policy names its staging
 * distribution by DNS name; the shipped rule compares their patterns and
 * refuses HTTP/3.  A staging distribution whose primary is not in the
 * inputs cannot be checked. */
static void test_eval__staging_distribution_and_its_primary(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_loc loc = at_line(1);
	eg_resource *policy = eg_model_add_resource(m, &loc, EG_RES_CD_POLICY, "policy");
	eg_distribution *primary = add_dist(m, "primary", 10, NULL);
	eg_distribution *staging = add_dist(m, "staging", 20, NULL);
	eg_distribution *orphan = add_dist(m, "orphan", 30, NULL);
	eg_distribution *h3 = add_dist(m, "h3", 40, NULL);
	eg_distribution *d;
	size_t i;

	(void)state;
	policy->id = "E2POLICY";
	eg_strlist_push(m, &policy->staging_domains, "d2stg.cloudfront.net");
	primary->continuous_deployment_policy_id = "E2POLICY";
	primary->http_version = "http2";
	staging->staging = orphan->staging = h3->staging = EG_TRI_TRUE;
	staging->domain_name = "D2STG.cloudfront.net."; /* DNS names ignore case and the dot */
	h3->http_version = "http2and3";
	for (i = 0; i < 4; i++) {
		d = m->dists[i];
		add_origin(m, d, 11 + 10 * (int)i, "site", EG_ORIGIN_S3, NULL);
		add_behavior(m, d, 12 + 10 * (int)i, "/api/*", "site", NULL);
		if (d == staging)
			add_behavior(m, d, 13 + 10 * (int)i, "/beta/*", "site", NULL);
		add_behavior(m, d, 14 + 10 * (int)i, "*", "site", NULL);
	}
	eg_ruleset_init(&rs);
	load_shipped(&rs, "staging-distribution-mismatch");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	assert_ptr_equal(staging->primary, primary);
	assert_null(orphan->primary);
	expect_verdict(&f, "staging-distribution-mismatch", "primary", 'T');
	expect_verdict(&f, "staging-distribution-mismatch", "staging", 'F');
	expect_verdict(&f, "staging-distribution-mismatch", "orphan", 'U');
	/* HTTP/3 is refused whatever the primary */
	expect_verdict(&f, "staging-distribution-mismatch", "h3", 'F');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* Custom error responses are the distribution's; the shipped rule reads
 * them through error_responses and asks whether any behavior serves an
 * application. */
static void test_eval__error_responses_navigate(void **state)
{
	static const char *const names[] = { "spa_api", "spa_only", "spa_unknown", "api_plain" };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	size_t i;

	(void)state;
	for (i = 0; i < EG_ARRAY_SIZE(names); i++) {
		eg_distribution *d = add_dist(m, names[i], 10 + 10 * (int)i, NULL);
		eg_loc loc = at_line(15 + 10 * (int)i);
		add_origin(m, d, 11 + 10 * (int)i, "site", EG_ORIGIN_S3, NULL);
		add_origin(m, d, 12 + 10 * (int)i, "api",
			   i == 2 ? EG_ORIGIN_UNKNOWN : i == 1 ? EG_ORIGIN_S3 : EG_ORIGIN_LB, NULL);
		add_behavior(m, d, 13 + 10 * (int)i, "/api/*", "api", ALL_METHODS);
		add_behavior(m, d, 14 + 10 * (int)i, "*", "site", NULL);
		if (i < 3) {
			eg_error_response *e = eg_model_add_error_response(m, d, &loc);
			e->error_code = "404";
			e->response_code = "200";
			e->page_path = "/index.html";
		}
	}
	eg_ruleset_init(&rs);
	load_shipped(&rs, "error-page-masks-api");
	add_rule(&rs, "scope", "note", "error_response",
		 "assert: {attribute: distribution.error_responses, operator: count_at_most, value: 0}\n"
		 "message: \"{error_code} -> {response_code} {page_path} on {distribution.name}\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "error-page-masks-api", "spa_api", 'F');
	expect_verdict(&f, "error-page-masks-api", "spa_only", 'T');
	expect_verdict(&f, "error-page-masks-api", "spa_unknown", 'U');
	expect_verdict(&f, "error-page-masks-api", "api_plain", 'T');
	/* error_response is a scope of its own too: one object per response */
	expect_message(&f, "scope", "spa_only", "404 -> 200 /index.html on spa_only");
	assert_int_equal(f.rules_run, 2);
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__alias_claimed_twice(void **state)
{
	static const char *const first[] = { "www.example.com", "shop.example.com" };
	static const char *const second[] = { "*.example.com" };
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();

	(void)state;
	add_aliases(m, add_dist(m, "old", 10, NULL), first, 2);
	add_aliases(m, add_dist(m, "new", 20, NULL), second, 1);
	eg_ruleset_init(&rs);
	load_shipped(&rs, "alias-claimed-twice");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	/* a wildcard overlapping two names is legal: only the very same alias
	 * twice fails (CNAMEAlreadyExists) */
	assert_int_equal(f.n, 0);
	eg_findings_release(&f);
	eg_ruleset_release(&rs);
	eg_model_free(m);

	m = eg_model_new();
	add_aliases(m, add_dist(m, "old", 10, NULL), first, 2);
	add_aliases(m, add_dist(m, "new", 20, NULL), first + 1, 1);
	eg_ruleset_init(&rs);
	load_shipped(&rs, "alias-claimed-twice");
	run(&rs, m, &c, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].resource, "aws_cloudfront_distribution.new");
	assert_int_equal(f.items[0].severity, EG_SEV_ERROR);
	assert_non_null(strstr(f.items[0].message, "shop.example.com on aws_cloudfront_distribution.old"));
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- behavior navigation: shadowing, routes, functions, cache key ------------ */

/* Every behavior's attributes, rendered by a rule that fails everywhere. */
static void test_eval__behavior_shadowing_and_routes(void **state)
{
	static const char *const want[] = {
		"/api/*|false|(none)|/api/*|false|(none)",
		"/api/v1/*|true|/api/*|(none)|false|(none)",
		"*.json|false|(none)|/auth/*|true|(none)", /* takes /auth/x.json */
		"/a b/*|false|(none)|(none)|true| ",
		"*|false|(none)|/auth/*|false|(none)",
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	size_t i;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	add_origin(m, d, 11, "alb", EG_ORIGIN_LB, NULL);
	add_behavior(m, d, 12, "/api/*", "alb", ALL_METHODS);
	add_behavior(m, d, 13, "/api/v1/*", "alb", ALL_METHODS);
	add_behavior(m, d, 14, "*.json", "alb", GET_HEAD);
	add_behavior(m, d, 15, "/a b/*", "alb", GET_HEAD);
	add_behavior(m, d, 16, "*", "alb", GET_HEAD);
	eg_ruleset_init(&rs);
	add_rule(&rs, "probe", "note", "behavior",
		 "assert: {attribute: position, operator: less_than, value: 0}\n"
		 "message: \"{path_pattern}|{unreachable}|{shadowed_by.path_pattern}|{write_routes}|"
		 "{beyond_quota}|{pattern_bad_character}\"\n");
	eg_config_init(&c);
	c.behavior_quota = 2; /* *.json and the pattern after it are beyond it */
	run(&rs, m, &c, &f);
	assert_int_equal(f.n, EG_ARRAY_SIZE(want));
	for (i = 0; i < f.n; i++) {
		size_t j;
		/* in source order */
		for (j = 0; j < f.n; j++)
			if (f.items[j].loc.line == 12 + (int)i)
				assert_string_equal(f.items[j].message, want[i]);
	}
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* An unknown earlier pattern leaves shadowing and routes unknown. */
static void test_eval__unknown_pattern_leaves_shadowing_unknown(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	add_origin(m, d, 11, "alb", EG_ORIGIN_LB, NULL);
	add_behavior(m, d, 12, "/api/*", "alb", ALL_METHODS)->path_pattern = EG_UNKNOWN;
	add_behavior(m, d, 13, "/api/v1/*", "alb", ALL_METHODS);
	add_behavior(m, d, 14, "*", "alb", GET_HEAD);
	eg_ruleset_init(&rs);
	add_rule(&rs, "reachable", "warning", "behavior",
		 "where: {attribute: position, operator: equals, value: 2}\n"
		 "assert: {attribute: unreachable, operator: is_false}\nmessage: m\n");
	add_rule(&rs, "routes", "warning", "behavior",
		 "where: {attribute: position, operator: equals, value: 2}\n"
		 "assert: {attribute: write_routes, operator: empty}\nmessage: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	expect_verdict(&f, "reachable", "web", 'U');
	expect_verdict(&f, "routes", "web", 'U');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static eg_function_assoc *add_function(eg_model *m, eg_behavior *b, bool lambda, const char *event,
				       const char *arn)
{
	eg_loc loc = at_line(50 + (int)b->nfunctions);
	eg_function_assoc *fn = eg_model_add_function(m, b, &loc);

	fn->lambda = lambda;
	fn->event_type = eg_model_str(m, event);
	fn->arn = eg_model_str(m, arn);
	return fn;
}

static void test_eval__function_scope(void **state)
{
	static const char *const want[] = {
		"cloudfront-function|viewer-request|true|(none)|(none)|*",
		"lambda-edge|viewer-request|true|7|us-east-1|*",
		"lambda-edge|origin-request|false|$LATEST|eu-west-1|*",
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	eg_behavior *b;
	size_t i;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	add_origin(m, d, 11, "alb", EG_ORIGIN_LB, NULL);
	b = add_behavior(m, d, 12, "*", "alb", GET_HEAD);
	add_function(m, b, false, "viewer-request", "arn:aws:cloudfront::111122223333:function/rw");
	add_function(m, b, true, "viewer-request", "arn:aws:lambda:us-east-1:111122223333:function:a:7");
	add_function(m, b, true, "origin-request",
		     "arn:aws:lambda:eu-west-1:111122223333:function:b:$LATEST");
	eg_ruleset_init(&rs);
	add_rule(&rs, "probe", "note", "function",
		 "assert: {attribute: kind, operator: equals, value: none}\n"
		 "message: \"{kind}|{event_type}|{viewer_event}|{version}|{region}|{behavior.path_pattern}\"\n");
	add_rule(&rs, "mixed", "error", "behavior",
		 "assert:\n  not:\n    and:\n"
		 "      - any: {in: functions, that: [{attribute: kind, operator: equals, value: cloudfront-function}, {attribute: event_type, operator: equals, value: viewer-request}]}\n"
		 "      - any: {in: functions, that: [{attribute: kind, operator: equals, value: lambda-edge}, {attribute: event_type, operator: equals, value: viewer-request}]}\n"
		 "message: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < EG_ARRAY_SIZE(want); i++) {
		size_t j;
		bool seen = false;
		for (j = 0; j < f.n; j++)
			if (!strcmp(f.items[j].rule->id, "probe") && f.items[j].loc.line == 50 + (int)i) {
				assert_string_equal(f.items[j].message, want[i]);
				seen = true;
			}
		assert_true(seen);
	}
	expect_verdict(&f, "mixed", "web", 'F');
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

static void test_eval__cache_key(void **state)
{
	static const char *const want[] = {
		"(none)|(none)|true",                       /* CachingOptimized */
		"(none)|(none)|false",                      /* CachingDisabled */
		"authorization, cloudfront-viewer-country, host|*|true", /* Amplify */
		"origin|sessionid|true",                    /* legacy forwarded values */
		"(unknown until apply)|(unknown until apply)|(unknown until apply)", /* not in the picture */
	};
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	eg_model *m = eg_model_new();
	eg_distribution *d;
	eg_behavior *b;
	size_t i;

	(void)state;
	d = add_dist(m, "web", 10, NULL);
	add_origin(m, d, 11, "alb", EG_ORIGIN_LB, NULL);
	b = add_behavior(m, d, 12, "/a/*", "alb", GET_HEAD);
	b->cache_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6";
	b = add_behavior(m, d, 13, "/b/*", "alb", GET_HEAD);
	b->cache_policy_id = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
	b = add_behavior(m, d, 14, "/c/*", "alb", GET_HEAD);
	b->cache_policy_id = "2E54312D-136D-493C-8EB9-B001F22F67D2"; /* ids ignore case */
	b = add_behavior(m, d, 15, "/d/*", "alb", GET_HEAD);
	eg_strlist_push(m, &b->forward_headers, "Origin");
	b->forward_cookies = "whitelist";
	eg_strlist_push(m, &b->forward_cookie_names, "sessionid");
	b->max_ttl = "86400";
	b = add_behavior(m, d, 16, "*", "alb", GET_HEAD);
	b->cache_policy_id = "0d4c9e1a-custom-policy";
	eg_ruleset_init(&rs);
	add_rule(&rs, "probe", "note", "behavior",
		 "assert: {attribute: position, operator: less_than, value: 0}\n"
		 "message: \"{key_headers}|{key_cookies}|{caches}\"\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	assert_int_equal(f.n, EG_ARRAY_SIZE(want));
	for (i = 0; i < f.n; i++) {
		size_t j;
		for (j = 0; j < f.n; j++)
			if (f.items[j].loc.line == 12 + (int)i)
				assert_string_equal(f.items[j].message, want[i]);
	}
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* --- origin rules: forwarded headers and bucket policies ------------------ */

/* The Host header reaches the origin through a managed policy (by id), a
 * cache policy's key, or legacy ForwardedValues; a custom policy that is
 * not in the inputs leaves it unknown. */
static void test_eval__forwards_host_from_policies(void **state)
{
	static const struct {
		const char *name, *cache, *orp, *legacy; /* legacy: one forwarded header */
		char want; /* verdict of "assert: forwards_host is_false" */
	} cases[] = {
		{ "allviewer", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
		  "216adef6-5c7f-47e4-b989-5492eafa07d3", NULL, 'F' },
		{ "except_host", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
		  "b689b0a8-53d0-40ab-baf2-68738e2966ac", NULL, 'T' },
		{ "custom_orp", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "0a1b2c3d-custom", NULL, 'U' },
		{ "key_has_host", "83da9c7e-98b4-4e11-a168-04f0df8e2c65", NULL, NULL, 'F' },
		{ "none", "658327ea-f89d-4fab-a63d-7e88639e58f6", NULL, NULL, 'T' },
		{ "legacy_host", NULL, NULL, "host", 'F' },
		{ "legacy_star", NULL, NULL, "*", 'F' },
		{ "legacy_other", NULL, NULL, "Authorization", 'T' },
		{ "unknown_orp", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "?", NULL, 'U' },
	};
	eg_model *m = eg_model_new();
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	size_t i;

	(void)state;
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		eg_distribution *d = add_dist(m, cases[i].name, (int)i + 1, NULL);
		eg_behavior *b;
		add_origin(m, d, (int)i + 1, "api", EG_ORIGIN_APIGW, NULL);
		b = add_behavior(m, d, (int)i + 1, "*", "api", GET_HEAD);
		b->cache_policy_id = eg_model_str(m, cases[i].cache);
		b->origin_request_policy_id = cases[i].orp && !strcmp(cases[i].orp, "?")
						      ? EG_UNKNOWN : eg_model_str(m, cases[i].orp);
		if (cases[i].legacy)
			eg_strlist_push(m, &b->forward_headers, cases[i].legacy);
	}
	eg_ruleset_init(&rs);
	add_rule(&rs, "host", "error", "behavior",
		 "assert: {attribute: forwards_host, operator: is_false}\nmessage: m\n");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++)
		expect_verdict(&f, "host", cases[i].name, cases[i].want);
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

/* A bucket policy in the inputs decides for an OAC origin: "*" lets every
 * distribution in, an ARN only that one, an unknown value or a new
 * distribution's ARN cannot be checked, a !Sub naming the distribution's
 * logical id is it.  Without a policy in the inputs the rule is silent. */
static void test_eval__bucket_policy_grants(void **state)
{
	static const struct {
		const char *name, *grant; /* grant NULL: no policy in the inputs */
		bool arn_known;
		char want;
	} cases[] = {
		{ "any", "*", true, 'T' },
		{ "this_arn", "arn:aws:cloudfront::123456789012:distribution/E1", true, 'T' },
		{ "other_arn", "arn:aws:cloudfront::123456789012:distribution/EOTHER", true, 'F' },
		{ "new_dist", "arn:aws:cloudfront::123456789012:distribution/EOTHER", false, 'U' },
		{ "unknown_value", "?", true, 'U' },
		{ "sub_names_it", "!Sub arn:aws:cloudfront::${AWS::AccountId}:distribution/${t.sub_names_it}",
		  false, 'T' },
		{ "sub_other", "!Sub arn:aws:cloudfront::${AWS::AccountId}:distribution/${Other}",
		  false, 'U' },
		{ "no_policy", NULL, true, 'T' },
	};
	eg_model *m = eg_model_new();
	eg_ruleset rs;
	eg_config c;
	eg_findings f;
	size_t i;

	(void)state;
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++) {
		eg_distribution *d = add_dist(m, cases[i].name, (int)i + 1, NULL);
		eg_origin *o = add_origin(m, d, (int)i + 1, "site", EG_ORIGIN_S3, NULL);
		eg_loc loc = at_line(100 + (int)i);
		const char *bucket = eg_arena_printf(&m->arena, "bucket-%zu", i);

		/* a template's logical id is its address ("t." for finding()) */
		if (!strncmp(cases[i].name, "sub_", 4))
			d->address = eg_arena_printf(&m->arena, "t.%s", cases[i].name);
		/* distinct ids: one id is one distribution (eg_model_link) */
		d->id = cases[i].arn_known ? eg_arena_printf(&m->arena, "E%zu", i) : EG_UNKNOWN;
		d->arn = cases[i].arn_known
				 ? eg_arena_printf(&m->arena, "arn:aws:cloudfront::123456789012:distribution/%s",
						   d->id)
				 : EG_UNKNOWN;
		o->domain = eg_arena_printf(&m->arena, "%s.s3.us-east-1.amazonaws.com", bucket);
		o->oac_id = "E2OAC";
		add_behavior(m, d, (int)i + 1, "*", "site", GET_HEAD);
		if (cases[i].grant) {
			eg_resource *p = eg_model_add_resource(m, &loc, EG_RES_BUCKET_POLICY, "policy");
			p->bucket = bucket;
			eg_strlist_push(m, &p->cloudfront_grants,
					strcmp(cases[i].grant, "?") ? cases[i].grant : EG_UNKNOWN);
		}
	}
	eg_ruleset_init(&rs);
	load_shipped(&rs, "s3-bucket-policy-missing-cloudfront");
	eg_config_init(&c);
	run(&rs, m, &c, &f);
	for (i = 0; i < EG_ARRAY_SIZE(cases); i++)
		expect_verdict(&f, "s3-bucket-policy-missing-cloudfront", cases[i].name, cases[i].want);
	eg_findings_release(&f);
	eg_config_release(&c);
	eg_ruleset_release(&rs);
	eg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval__unknown_aliases_cannot_verify),
		cmocka_unit_test(test_eval__unknown_is_never_read_as_empty),
		cmocka_unit_test(test_eval__and_or_not_with_unknown),
		cmocka_unit_test(test_eval__quantifiers),
		cmocka_unit_test(test_eval__count_at_most_with_unknown_items),
		cmocka_unit_test(test_eval__shipped_mixed_environment_rule),
		cmocka_unit_test(test_eval__contains_all_with_refs),
		cmocka_unit_test(test_eval__config_routes_are_checked_by_default),
		cmocka_unit_test(test_eval__covered_by_wildcard),
		cmocka_unit_test(test_eval__host_names_ignore_case_and_dot),
		cmocka_unit_test(test_eval__route53_alias_and_apex),
		cmocka_unit_test(test_eval__message_cases_choose_first_match),
		cmocka_unit_test(test_eval__message_renders_values),
		cmocka_unit_test(test_eval__patch_in_the_input_language),
		cmocka_unit_test(test_eval__patch_hosts_filter),
		cmocka_unit_test(test_eval__origin_regional_domain_name),
		cmocka_unit_test(test_eval__bucket_statement_names),
		cmocka_unit_test(test_eval__tags_map),
		cmocka_unit_test(test_eval__at_moves_the_location),
		cmocka_unit_test(test_eval__config_override_disables_and_changes_severity),
		cmocka_unit_test(test_eval__unknown_severity),
		cmocka_unit_test(test_eval__where_filters_three_ways),
		cmocka_unit_test(test_eval__alias_claimed_twice),
		cmocka_unit_test(test_eval__behavior_shadowing_and_routes),
		cmocka_unit_test(test_eval__unknown_pattern_leaves_shadowing_unknown),
		cmocka_unit_test(test_eval__function_scope),
		cmocka_unit_test(test_eval__cache_key),
		cmocka_unit_test(test_eval__ordered_tls_policies),
		cmocka_unit_test(test_eval__negative_operators_on_absent),
		cmocka_unit_test(test_eval__staging_distribution_and_its_primary),
		cmocka_unit_test(test_eval__error_responses_navigate),
		cmocka_unit_test(test_eval__forwards_host_from_policies),
		cmocka_unit_test(test_eval__bucket_policy_grants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_rules.c - unit tests for the rule loader (rules.h).
 *
 * Every error path is checked for its code, file, line, column and the gist
 * of its message, so a rule author always learns where the typo is.  Tests
 * run from the repository root (make unit), where rules/ holds the shipped
 * rule pack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Lines 1-6 of most test rules; the scope comes on line 7. */
#define HEAD                                                                  \
	"id: t\n"                                                             \
	"title: T\n"                                                          \
	"severity: error\n"                                                   \
	"description: D\n"                                                    \
	"remediation: R\n"                                                    \
	"references: [u]\n"
#define DIST HEAD "scope: distribution\n"
#define ROUTE HEAD "scope: route\n"
/* A valid assert and message, for tests about the other keys. */
#define ASSERT_OK "assert: {attribute: aliases, operator: not_empty}\n"
#define MSG "message: m\n"

static int parse(eg_ruleset *rs, const char *name, const char *yaml, eg_error *err)
{
	return eg_ruleset_parse(rs, yaml, strlen(yaml), name, err);
}

/* Parses yaml as r.yml into a fresh ruleset and checks the error: code,
 * file, position and a part of the message; no rule may be added. */
static void expect_error(const char *yaml, int line, int col, const char *needle)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;
	int rc;
	size_t n;

	eg_ruleset_init(&rs);
	rc = parse(&rs, "r.yml", yaml, &err);
	n = rs.n;
	eg_ruleset_release(&rs);
	if (rc != EG_ERR_RULE || err.code != EG_ERR_RULE || strcmp(err.file, "r.yml") ||
	    err.line != line || err.col != col || !strstr(err.message, needle))
		fail_msg("got rc %d (code %d) %s:%d:%d: %s\nwant %d %s:%d:%d: ...%s...\nrule:\n%s",
			 rc, err.code, err.file, err.line, err.col, err.message,
			 EG_ERR_RULE, "r.yml", line, col, needle, yaml);
	assert_int_equal(n, 0);
}

/* Parses yaml into rs, failing the test on any error. */
static const eg_rule *parse_ok(eg_ruleset *rs, const char *yaml)
{
	eg_error err = EG_ERROR_INIT;
	int rc = parse(rs, "r.yml", yaml, &err);

	if (rc)
		fail_msg("unexpected error %d at %d:%d: %s\nrule:\n%s", rc, err.line, err.col,
			 err.message, yaml);
	assert_true(rs->n > 0);
	return rs->rules[rs->n - 1];
}

/* A fresh directory under /tmp; returns its malloc'ed path. */
static char *make_temp_dir(void)
{
	char tmpl[] = "/tmp/test_rules.XXXXXX";
	char *dir;

	assert_non_null(mkdtemp(tmpl));
	dir = eg_xmalloc(sizeof(tmpl));
	assert_non_null(dir);
	memcpy(dir, tmpl, sizeof(tmpl));
	return dir;
}

/* Writes text to dir/name; returns the malloc'ed path. */
static char *write_file(const char *dir, const char *name, const char *text)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = eg_xmalloc(len);
	FILE *f;

	assert_non_null(path);
	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* --- the shipped rule pack ---------------------------------------------- */

static void test_rules__loads_every_shipped_rule(void **state)
{
	static const struct {
		const char *id;
		eg_severity severity;
	} ids[] = {
		{ "access-logging-disabled", EG_SEV_WARNING },
		{ "acm-certificate-not-us-east-1", EG_SEV_ERROR },
		{ "alias-claimed-twice", EG_SEV_ERROR },
		{ "alias-dns-points-elsewhere", EG_SEV_ERROR },
		{ "alias-invalid-format", EG_SEV_ERROR },
		{ "alias-move-gap", EG_SEV_WARNING },
		{ "alias-wildcard-overlap", EG_SEV_NOTE },
		{ "aliases-with-default-certificate", EG_SEV_ERROR },
		{ "allowed-methods-invalid", EG_SEV_ERROR },
		{ "behavior-unreachable", EG_SEV_WARNING },
		{ "certificate-not-covering-alias", EG_SEV_ERROR },
		{ "certificate-not-covering-host", EG_SEV_ERROR },
		{ "cname-at-apex", EG_SEV_ERROR },
		{ "cors-preflight-blocked", EG_SEV_WARNING },
		{ "default-root-object-missing", EG_SEV_WARNING },
		{ "dns-alias-not-on-distribution", EG_SEV_ERROR },
		{ "dns-target-not-cloudfront-zone", EG_SEV_ERROR },
		{ "edge-functions-conflict", EG_SEV_ERROR },
		{ "error-page-masks-api", EG_SEV_WARNING },
		{ "host-header-to-api-origin", EG_SEV_ERROR },
		{ "https-origin-to-elb-name", EG_SEV_ERROR },
		{ "https-origin-to-s3-website", EG_SEV_ERROR },
		{ "ipv6-without-aaaa", EG_SEV_WARNING },
		{ "lambda-edge-unsupported-feature", EG_SEV_ERROR },
		{ "lambda-edge-unversioned", EG_SEV_ERROR },
		{ "lambda-url-oac-writes", EG_SEV_WARNING },
		{ "mixed-environment-origins", EG_SEV_ERROR },
		{ "oac-on-wrong-origin", EG_SEV_ERROR },
		{ "origin-config-mismatch", EG_SEV_ERROR },
		{ "origin-group-write-methods", EG_SEV_ERROR },
		{ "origin-protocol-http", EG_SEV_WARNING },
		{ "path-pattern-invalid", EG_SEV_ERROR },
		{ "production-alias-on-non-production", EG_SEV_ERROR },
		{ "production-without-aliases", EG_SEV_ERROR },
		{ "route53-alias-invalid", EG_SEV_ERROR },
		{ "s3-bucket-policy-missing-cloudfront", EG_SEV_ERROR },
		{ "s3-legacy-global-endpoint", EG_SEV_WARNING },
		{ "s3-origin-without-oac", EG_SEV_WARNING },
		{ "session-route-cached", EG_SEV_ERROR },
		{ "stacked-distribution", EG_SEV_WARNING },
		{ "staging-distribution-mismatch", EG_SEV_ERROR },
		{ "tls-policy-ignored-default-certificate", EG_SEV_NOTE },
		{ "tls-policy-weak", EG_SEV_ERROR },
		{ "viewer-protocol-allow-all", EG_SEV_WARNING },
		{ "views-disagree", EG_SEV_NOTE },
		{ "waf-not-attached", EG_SEV_WARNING },
		{ "write-route-unreachable", EG_SEV_ERROR },
	};
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;
	const eg_rule *r;
	size_t i;
	int rc;

	(void)state;
	eg_ruleset_init(&rs);
	rc = eg_ruleset_load_dir(&rs, "rules", &err);
	if (rc)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.message);
	assert_int_equal(rs.n, EG_ARRAY_SIZE(ids));
	for (i = 0; i < rs.n; i++) {
		char file[128];
		/* in name order, each from its own file */
		assert_string_equal(rs.rules[i]->id, ids[i].id);
		snprintf(file, sizeof(file), "rules/%s.yml", ids[i].id);
		assert_string_equal(rs.rules[i]->file, file);
		assert_int_equal(rs.rules[i]->severity, ids[i].severity);
		assert_true(rs.rules[i]->nreferences > 0);
		assert_non_null(rs.rules[i]->assert);
		assert_true(rs.rules[i]->nmessages > 0);
		assert_ptr_equal(eg_ruleset_find(&rs, ids[i].id), rs.rules[i]);
	}

	r = eg_ruleset_find(&rs, "alias-claimed-twice");
	assert_int_equal(r->line, 1);
	assert_int_equal(r->col, 1);
	assert_int_equal(r->scope, EG_SCOPE_ALIAS);
	assert_null(r->where);
	assert_int_equal(r->assert->kind, EG_COND_ATTR);
	assert_int_equal(r->assert->op, EG_OP_EMPTY);
	assert_int_equal(r->ntags, 2);
	assert_string_equal(r->tags[0], "alias");
	assert_string_equal(r->tags[1], "deploy-failure");

	r = eg_ruleset_find(&rs, "dns-alias-not-on-distribution");
	assert_int_equal(r->line, 3); /* after the comment */
	assert_int_equal(r->scope, EG_SCOPE_RECORD);
	assert_int_equal(r->assert->op, EG_OP_ROUTED_BY);
	assert_int_equal(r->assert->value.kind, EG_OPERAND_REF);
	assert_string_equal(r->assert->value.ref.text, "target.aliases");
	assert_int_equal(r->assert->value.ref.type, EG_T_LIST);
	assert_true(r->has_unknown_message);
	assert_false(r->has_unknown_severity);

	r = eg_ruleset_find(&rs, "mixed-environment-origins");
	assert_int_equal(r->scope, EG_SCOPE_DISTRIBUTION);
	assert_int_equal(r->assert->op, EG_OP_COUNT_AT_MOST);
	assert_int_equal(r->assert->value.kind, EG_OPERAND_NUM);
	assert_true(r->assert->value.num == 1.0);

	r = eg_ruleset_find(&rs, "production-without-aliases");
	assert_non_null(r->where);
	assert_int_equal(r->where->op, EG_OP_EQUALS);
	assert_string_equal(r->where->value.s, "production");
	assert_true(r->has_unknown_severity);
	assert_int_equal(r->unknown_severity, EG_SEV_WARNING);

	r = eg_ruleset_find(&rs, "write-route-unreachable");
	assert_int_equal(r->scope, EG_SCOPE_ROUTE);
	assert_int_equal(r->nroutes, 0); /* the config's routes */
	assert_int_equal(r->where->kind, EG_COND_ATTR);
	assert_string_equal(r->where->path.text, "distribution.fronts_application");
	assert_int_equal(r->where->op, EG_OP_IS_TRUE);
	assert_int_equal(r->assert->kind, EG_COND_AND); /* a list alone means and */
	assert_int_equal(r->assert->nkids, 2);
	assert_int_equal(r->assert->kids[0]->op, EG_OP_CONTAINS_ALL);
	assert_int_equal(r->nmessages, 8);
	assert_int_equal(r->messages[0].when->kind, EG_COND_AND); /* the bare prefix */
	assert_true(r->messages[0].has_severity);
	assert_int_equal(r->messages[0].severity, EG_SEV_NOTE);
	assert_true(r->messages[1].has_severity); /* a narrower backend pattern */
	assert_int_equal(r->messages[1].severity, EG_SEV_WARNING);
	assert_false(r->messages[2].has_severity);
	assert_int_equal(r->messages[3].when->kind, EG_COND_AND);
	assert_non_null(r->messages[6].when); /* an origin group */
	assert_null(r->messages[7].when);
	assert_true(r->has_at);
	assert_string_equal(r->at.text, "serving");
	assert_int_equal(r->at.scope, EG_SCOPE_BEHAVIOR);

	assert_null(eg_ruleset_find(&rs, "no-such-rule"));
	eg_ruleset_release(&rs);
}

static void test_rules__shipped_rules_load_one_by_one(void **state)
{
	static const char *const files[] = {
		"rules/alias-claimed-twice.yml", "rules/dns-alias-not-on-distribution.yml",
		"rules/mixed-environment-origins.yml", "rules/production-without-aliases.yml",
		"rules/write-route-unreachable.yml", "rules/origin-group-write-methods.yml",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		eg_ruleset rs;
		eg_error err = EG_ERROR_INIT;
		int rc;

		eg_ruleset_init(&rs);
		rc = eg_ruleset_load_file(&rs, files[i], &err);
		if (rc)
			fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.message);
		assert_int_equal(rs.n, 1);
		assert_string_equal(rs.rules[0]->file, files[i]);
		eg_ruleset_release(&rs);
	}
}

/* --- a rule's parts, parsed ------------------------------------------------ */

static void test_rules__parses_every_key(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs,
		     "id: web-1\n"
		     "title: A title\n"
		     "severity: note\n"
		     "description: What breaks.\n"
		     "remediation: The fix.\n"
		     "references: [https://a, https://b]\n"
		     "tags: [x, y]\n"
		     "scope: route\n"
		     "routes: [{path: /auth/*, methods: [POST, DELETE]}, {path: /api/*, methods: [PUT]}]\n"
		     "where: {not: {attribute: path, operator: equals, value: /x}}\n"
		     "assert:\n"
		     "  or:\n"
		     "    - {attribute: serving.allowed_methods, operator: contains_all, value: {attribute: methods}}\n"
		     "    - all: {in: distribution.origins, that: {attribute: kind, operator: in, value: [s3]}}\n"
		     "message: \"{path} on {distribution.address}\"\n"
		     "unknown: {severity: note, message: \"cannot tell {path}\"}\n"
		     "at: serving\n");
	assert_string_equal(r->id, "web-1");
	assert_string_equal(r->title, "A title");
	assert_string_equal(r->description, "What breaks.");
	assert_string_equal(r->remediation, "The fix.");
	assert_string_equal(r->file, "r.yml");
	assert_int_equal(r->line, 1);
	assert_int_equal(r->col, 1);
	assert_int_equal(r->severity, EG_SEV_NOTE);
	assert_int_equal(r->nreferences, 2);
	assert_string_equal(r->references[1], "https://b");
	assert_int_equal(r->ntags, 2);
	assert_string_equal(r->tags[0], "x");
	assert_int_equal(r->scope, EG_SCOPE_ROUTE);

	assert_int_equal(r->nroutes, 2);
	assert_string_equal(r->routes[0].path, "/auth/*");
	assert_int_equal(r->routes[0].nmethods, 2);
	assert_string_equal(r->routes[0].methods[1], "DELETE");
	assert_string_equal(r->routes[1].path, "/api/*");
	assert_string_equal(r->routes[1].methods[0], "PUT");

	assert_int_equal(r->where->kind, EG_COND_NOT);
	assert_int_equal(r->where->line, 10);
	assert_int_equal(r->where->col, 8);
	assert_int_equal(r->where->kid->kind, EG_COND_ATTR);
	assert_int_equal(r->where->kid->op, EG_OP_EQUALS);
	assert_int_equal(r->where->kid->value.kind, EG_OPERAND_STR);
	assert_string_equal(r->where->kid->value.s, "/x");

	assert_int_equal(r->assert->kind, EG_COND_OR);
	assert_int_equal(r->assert->nkids, 2);
	assert_int_equal(r->assert->kids[0]->kind, EG_COND_ATTR);
	assert_int_equal(r->assert->kids[0]->path.n, 2);
	assert_int_equal(r->assert->kids[0]->path.type, EG_T_LIST);
	assert_false(r->assert->kids[0]->path.many);
	assert_int_equal(r->assert->kids[0]->value.kind, EG_OPERAND_REF);
	assert_int_equal(r->assert->kids[1]->kind, EG_COND_ALL);
	assert_int_equal(r->assert->kids[1]->line, 14);
	assert_int_equal(r->assert->kids[1]->col, 7);
	assert_int_equal(r->assert->kids[1]->path.type, EG_T_OBJS);
	assert_int_equal(r->assert->kids[1]->path.scope, EG_SCOPE_ORIGIN);
	assert_int_equal(r->assert->kids[1]->kid->value.kind, EG_OPERAND_LIST);
	assert_int_equal(r->assert->kids[1]->kid->value.n, 1);
	assert_string_equal(r->assert->kids[1]->kid->value.items[0], "s3");

	assert_int_equal(r->nmessages, 1);
	assert_null(r->messages[0].when);
	assert_int_equal(r->messages[0].text.n, 3);
	assert_true(r->has_unknown_severity);
	assert_int_equal(r->unknown_severity, EG_SEV_NOTE);
	assert_true(r->has_unknown_message);
	assert_string_equal(r->unknown_message.source, "cannot tell {path}");
	assert_true(r->has_at);
	assert_int_equal(r->at.type, EG_T_OBJ);
	eg_ruleset_release(&rs);
}

static void test_rules__operand_kinds(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;
	const eg_cond *const *k;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, DIST
		     "assert:\n"
		     "  - {attribute: enabled, operator: equals, value: true}\n"
		     "  - {attribute: enabled, operator: equals, value: \"true\"}\n"
		     "  - {attribute: origins, operator: count_at_least, value: 2.5}\n"
		     "  - {attribute: comment, operator: equals, value: 42}\n"
		     "  - {attribute: comment, operator: equals, value: {attribute: name}}\n"
		     "  - {attribute: aliases, operator: contains_any, value: []}\n"
		     "  - {attribute: origins.id, operator: contains, value: web}\n"
		     "  - {attribute: aliases, operator: empty}\n"
		     MSG);
	assert_int_equal(r->assert->kind, EG_COND_AND);
	assert_int_equal(r->assert->nkids, 8);
	k = (const eg_cond *const *)r->assert->kids;
	assert_int_equal(k[0]->value.kind, EG_OPERAND_BOOL);
	assert_true(k[0]->value.b);
	assert_string_equal(k[0]->value.s, "true");
	assert_int_equal(k[1]->value.kind, EG_OPERAND_STR); /* quoted: a string */
	assert_string_equal(k[1]->value.s, "true");
	assert_int_equal(k[2]->value.kind, EG_OPERAND_NUM);
	assert_true(k[2]->value.num == 2.5);
	assert_int_equal(k[3]->value.kind, EG_OPERAND_STR); /* equals compares text */
	assert_string_equal(k[3]->value.s, "42");
	assert_int_equal(k[4]->value.kind, EG_OPERAND_REF);
	assert_string_equal(k[4]->value.ref.text, "name");
	assert_int_equal(k[5]->value.kind, EG_OPERAND_LIST);
	assert_int_equal(k[5]->value.n, 0);
	assert_true(k[6]->path.many); /* one id per origin */
	assert_int_equal(k[6]->path.type, EG_T_STR);
	assert_int_equal(k[7]->value.kind, EG_OPERAND_NONE);
	eg_ruleset_release(&rs);
}

static void test_rules__paths(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;
	const eg_cond *const *k;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, HEAD "scope: alias\n"
		     "assert:\n"
		     "  - {attribute: distribution.tags.Environment, operator: equals, value: prod}\n"
		     "  - {attribute: overlaps.distribution.origins, operator: empty}\n"
		     "  - {attribute: distribution.default_behavior.target.domain_name, operator: exists}\n"
		     MSG);
	k = (const eg_cond *const *)r->assert->kids;
	assert_int_equal(k[0]->path.n, 3);
	assert_non_null(k[0]->path.segs[1].attr);
	assert_string_equal(k[0]->path.segs[1].attr->name, "tags");
	assert_null(k[0]->path.segs[2].attr); /* a map key */
	assert_string_equal(k[0]->path.segs[2].key, "Environment");
	assert_int_equal(k[0]->path.type, EG_T_STR);
	assert_false(k[0]->path.many);
	assert_int_equal(k[1]->path.type, EG_T_OBJS);
	assert_int_equal(k[1]->path.scope, EG_SCOPE_ORIGIN);
	assert_true(k[1]->path.many);
	assert_int_equal(k[2]->path.n, 4);
	assert_int_equal(k[2]->path.type, EG_T_STR);
	assert_false(k[2]->path.many);
	assert_int_equal(k[2]->path.scope, EG_SCOPE_ORIGIN);
	eg_ruleset_release(&rs);
}

static void test_rules__template_segments(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;
	const eg_template *t;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, DIST ASSERT_OK
		     "message: \"a {{b}} {address}{tags.Stage} c}}\"\n");
	t = &r->messages[0].text;
	assert_string_equal(t->source, "a {{b}} {address}{tags.Stage} c}}");
	assert_int_equal(t->n, 4);
	assert_string_equal(t->segs[0].text, "a {b} ");
	assert_null(t->segs[1].text);
	assert_string_equal(t->segs[1].path.text, "address");
	assert_null(t->segs[2].text);
	assert_string_equal(t->segs[2].path.text, "tags.Stage");
	assert_string_equal(t->segs[3].text, " c}");
	eg_ruleset_release(&rs);
}

static void test_rules__message_cases(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, DIST ASSERT_OK
		     "message:\n"
		     "  - when: {attribute: comment, operator: exists}\n"
		     "    text: first {comment}\n"
		     "  - when: [{attribute: id, operator: exists}]\n"
		     "    text: second\n"
		     "  - text: last\n");
	assert_int_equal(r->nmessages, 3);
	assert_int_equal(r->messages[0].when->kind, EG_COND_ATTR);
	assert_int_equal(r->messages[0].when->line, 10);
	assert_int_equal(r->messages[0].when->col, 11);
	assert_int_equal(r->messages[1].when->kind, EG_COND_AND);
	assert_null(r->messages[2].when);
	assert_string_equal(r->messages[2].text.source, "last");
	eg_ruleset_release(&rs);
}

static void test_rules__op_names(void **state)
{
	(void)state;
	assert_string_equal(eg_op_name(EG_OP_EQUALS), "equals");
	assert_string_equal(eg_op_name(EG_OP_COUNT_AT_MOST), "count_at_most");
	assert_string_equal(eg_op_name(EG_OP_NOT_COVERED_BY), "not_covered_by");
	assert_string_equal(eg_op_name(EG_OP__COUNT), "?");
}

static void test_rules__every_operator_loads(void **state)
{
	/* one valid use of each operator, by name */
	static const char *const conds[] = {
		"{attribute: address, operator: equals, value: a}",
		"{attribute: address, operator: not_equals, value: a}",
		"{attribute: address, operator: in, value: [a]}",
		"{attribute: address, operator: not_in, value: [a]}",
		"{attribute: address, operator: exists}",
		"{attribute: address, operator: absent}",
		"{attribute: aliases, operator: empty}",
		"{attribute: aliases, operator: not_empty}",
		"{attribute: aliases, operator: contains, value: a}",
		"{attribute: aliases, operator: not_contains, value: a}",
		"{attribute: aliases, operator: contains_all, value: [a]}",
		"{attribute: aliases, operator: contains_any, value: [a]}",
		"{attribute: aliases, operator: subset_of, value: [a]}",
		"{attribute: address, operator: matches, value: 'a*'}",
		"{attribute: address, operator: not_matches, value: 'a*'}",
		"{attribute: address, operator: starts_with, value: a}",
		"{attribute: address, operator: ends_with, value: a}",
		"{attribute: default_behavior.position, operator: less_than, value: 3}",
		"{attribute: default_behavior.position, operator: greater_than, value: -1}",
		"{attribute: aliases, operator: count_at_most, value: 1}",
		"{attribute: origins, operator: count_at_least, value: 1}",
		"{attribute: enabled, operator: is_true}",
		"{attribute: enabled, operator: is_false}",
		"{attribute: aliases, operator: known}",
		"{attribute: aliases, operator: unknown}",
		"{attribute: domain_name, operator: covered_by, value: [a]}",
		"{attribute: domain_name, operator: not_covered_by, value: {attribute: aliases}}",
		"{attribute: domain_name, operator: routed_by, value: [a]}",
		"{attribute: domain_name, operator: not_routed_by, value: {attribute: aliases}}",
		"{attribute: domain_name, operator: covered_by_certificate, value: [a]}",
		"{attribute: domain_name, operator: not_covered_by_certificate, value: [a]}",
		"{attribute: domain_name, operator: matches_regex, value: '^[a-z.]+$'}",
		"{attribute: domain_name, operator: not_matches_regex, value: '[A-Z]'}",
		"{attribute: minimum_protocol_version, operator: at_least, value: TLSv1.2_2021}",
		"{attribute: minimum_protocol_version, operator: below, value: {attribute: tls_floor}}",
	};
	size_t i;

	(void)state;
	assert_int_equal(sizeof(conds) / sizeof(conds[0]), EG_OP__COUNT);
	for (i = 0; i < EG_OP__COUNT; i++) {
		char yaml[512];
		eg_ruleset rs;
		const eg_rule *r;

		snprintf(yaml, sizeof(yaml), DIST "assert: %s\n" MSG, conds[i]);
		eg_ruleset_init(&rs);
		r = parse_ok(&rs, yaml);
		assert_int_equal(r->assert->op, (eg_op)i);
		eg_ruleset_release(&rs);
	}
}

/* --- the rule file --------------------------------------------------------- */

/* at_least and below take an ordered attribute and a value of its list. */
static void test_rules__ordered_operators(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: comment, operator: at_least, value: a}\n" MSG, 8, 40,
		     "operator 'at_least' needs an ordered attribute (such as minimum_protocol_version)");
	expect_error(DIST "assert: {attribute: origins.id, operator: below, value: a}\n" MSG, 8, 43,
		     "needs an ordered attribute");
	/* a typo would make every comparison unknown */
	expect_error(DIST "assert: {attribute: minimum_protocol_version, operator: below,"
			  " value: TLSv1.2_2012}\n" MSG,
		     8, 71, "'TLSv1.2_2012' is not a known viewer TLS security policy (known: SSLv3, "
			    "TLSv1, TLSv1_2016, TLSv1.1_2016, TLSv1.2_2018, TLSv1.2_2019, TLSv1.2_2021, "
			    "TLSv1.2_2025, TLSv1.3_2025)");
	/* a newer policy is fine in an input, not as a rule's own literal */
	expect_error(DIST "assert: {attribute: minimum_protocol_version, operator: at_least,"
			  " value: TLSv1.3_2027}\n" MSG,
		     8, 74, "is not a known viewer TLS security policy");
	expect_error(DIST "assert: {attribute: minimum_protocol_version, operator: at_least,"
			  " value: {attribute: comment}}\n" MSG,
		     8, 74, "operator 'at_least' needs a viewer TLS security policy to compare with; 'comment' is not one");
	expect_error(DIST "assert: {attribute: minimum_protocol_version, operator: at_least,"
			  " value: [TLSv1]}\n" MSG,
		     8, 74, "takes a single value");
}

static void test_rules__missing_required_keys(void **state)
{
	static const char *const lines[] = {
		"id: t\n", "title: T\n", "severity: error\n", "description: D\n",
		"remediation: R\n", "references: [u]\n", "scope: distribution\n",
		"assert: {attribute: aliases, operator: not_empty}\n", "message: m\n",
	};
	static const char *const keys[] = {
		"id", "title", "severity", "description", "remediation", "references",
		"scope", "assert", "message",
	};
	size_t skip, i;

	(void)state;
	for (skip = 0; skip < sizeof(lines) / sizeof(lines[0]); skip++) {
		char yaml[512] = "", needle[64];

		for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
			if (i != skip)
				strcat(yaml, lines[i]);
		snprintf(needle, sizeof(needle), "rule is missing required key '%s'", keys[skip]);
		expect_error(yaml, 1, 1, needle);
	}
}

static void test_rules__optional_keys_may_be_left_out(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, DIST ASSERT_OK MSG);
	assert_int_equal(r->ntags, 0);
	assert_int_equal(r->nroutes, 0);
	assert_null(r->where);
	assert_false(r->has_unknown_severity);
	assert_false(r->has_unknown_message);
	assert_false(r->has_at);
	eg_ruleset_release(&rs);
}

static void test_rules__unknown_top_level_key(void **state)
{
	(void)state;
	expect_error(DIST ASSERT_OK MSG "colour: red\n", 10, 1,
		     "unknown key 'colour' in rule (expected one of: id, title, severity,");
	/* unknown keys are found before missing ones */
	expect_error("id: t\nnotes: x\n", 2, 1, "unknown key 'notes' in rule");
}

static void test_rules__bad_id(void **state)
{
	(void)state;
	expect_error("id: Bad_Id\n", 1, 1, "missing required key 'title'");
	expect_error("id: Bad_Id\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 5, "id 'Bad_Id' must use only a-z, 0-9 and '-'");
	expect_error("id: Web\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 5, "id 'Web' must use only a-z, 0-9 and '-'");
	expect_error("id: a.b\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 5, "id 'a.b' must use only a-z, 0-9 and '-'");
	expect_error("id: ''\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 5, "id must not be empty");
	expect_error("id:\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 4, "id must not be empty");
	expect_error("id: [a]\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 5, "id must be a string");
	expect_error("id: !Ref a\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     1, 5, "id must be a string");
}

static void test_rules__duplicate_id_across_parses(void **state)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;

	(void)state;
	eg_ruleset_init(&rs);
	assert_int_equal(parse(&rs, "a.yml", "\n" DIST ASSERT_OK MSG, &err), 0);
	assert_int_equal(parse(&rs, "r.yml", DIST ASSERT_OK MSG, &err), EG_ERR_RULE);
	assert_int_equal(err.code, EG_ERR_RULE);
	assert_string_equal(err.file, "r.yml");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 5);
	assert_string_equal(err.message, "duplicate rule id 't' (also in a.yml:2)");
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.rules[0]->file, "a.yml");
	eg_ruleset_release(&rs);
}

static void test_rules__failed_parse_adds_nothing(void **state)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;

	(void)state;
	eg_ruleset_init(&rs);
	/* fails late, in 'at': the id must not stay claimed */
	assert_int_equal(parse(&rs, "r.yml", DIST ASSERT_OK MSG "at: nowhere\n", &err),
			 EG_ERR_RULE);
	assert_int_equal(rs.n, 0);
	assert_null(eg_ruleset_find(&rs, "t"));
	parse_ok(&rs, DIST ASSERT_OK MSG);
	assert_int_equal(rs.n, 1);
	eg_ruleset_release(&rs);
}

static void test_rules__bad_severity(void **state)
{
	(void)state;
	expect_error("id: t\ntitle: T\nseverity: fatal\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     3, 11, "severity must be error, warning or note, not 'fatal'");
	/* never is for --fail-on only */
	expect_error("id: t\ntitle: T\nseverity: never\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     3, 11, "not 'never'");
	expect_error("id: t\ntitle: T\nseverity: Error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     3, 11, "not 'Error'");
	expect_error("id: t\ntitle: T\nseverity: [error]\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     3, 11, "severity must be a string");
}

static void test_rules__text_fields_must_be_text(void **state)
{
	(void)state;
	expect_error("id: t\ntitle: ''\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     2, 8, "title must not be empty");
	expect_error("id: t\ntitle: T\nseverity: error\ndescription: {a: b}\nremediation: R\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     4, 14, "description must be a string");
	expect_error("id: t\ntitle: T\nseverity: error\ndescription: D\nremediation: ~\n"
		     "references: [u]\nscope: distribution\n" ASSERT_OK MSG,
		     5, 14, "remediation must not be empty");
}

static void test_rules__references(void **state)
{
	(void)state;
	expect_error("id: t\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: []\nscope: distribution\n" ASSERT_OK MSG,
		     6, 13, "references must not be empty");
	expect_error("id: t\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: https://a\nscope: distribution\n" ASSERT_OK MSG,
		     6, 13, "references must be a list of strings");
	expect_error("id: t\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u, '']\nscope: distribution\n" ASSERT_OK MSG,
		     6, 17, "references must not be empty");
	expect_error("id: t\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n"
		     "references: [u, [v]]\nscope: distribution\n" ASSERT_OK MSG,
		     6, 17, "references must be a string");
}

static void test_rules__tags(void **state)
{
	(void)state;
	expect_error(DIST "tags: alias\n" ASSERT_OK MSG, 8, 7, "tags must be a list of strings");
	expect_error(DIST "tags: [alias, '']\n" ASSERT_OK MSG, 8, 15, "tags must not be empty");
}

static void test_rules__unknown_scope(void **state)
{
	(void)state;
	expect_error(HEAD "scope: cdn\n" ASSERT_OK MSG, 7, 8,
		     "unknown scope 'cdn' (known: distribution, origin, behavior, alias, dns_record, "
		     "route, function)");
	expect_error(HEAD "scope: Distribution\n" ASSERT_OK MSG, 7, 8,
		     "unknown scope 'Distribution'");
	expect_error(HEAD "scope: [route]\n" ASSERT_OK MSG, 7, 8, "scope must be a string");
}

static void test_rules__routes(void **state)
{
	(void)state;
	expect_error(DIST "routes: [{path: /a, methods: [POST]}]\n" ASSERT_OK MSG, 8, 9,
		     "'routes' is only for scope: route");
	expect_error(ROUTE "routes: [{path: /a, methods: [POST, FETCH]}]\n" MSG
		     "assert: {attribute: path, operator: exists}\n",
		     8, 37, "unknown HTTP method 'FETCH'");
	expect_error(ROUTE "routes: [{path: /a, methods: [POST], method: GET}]\n" MSG
		     "assert: {attribute: path, operator: exists}\n",
		     8, 38, "unknown key 'method' in route (expected one of: path, methods)");
	expect_error(ROUTE "routes: []\n" MSG "assert: {attribute: path, operator: exists}\n",
		     8, 9, "routes must be a non-empty list of {path, methods}");
	expect_error(ROUTE "routes: {path: /a}\n" MSG "assert: {attribute: path, operator: exists}\n",
		     8, 9, "routes must be a non-empty list of {path, methods}");
	expect_error(ROUTE "routes: [/a]\n" MSG "assert: {attribute: path, operator: exists}\n",
		     8, 10, "a route is {path, methods}");
	expect_error(ROUTE "routes: [{path: /a}]\n" MSG "assert: {attribute: path, operator: exists}\n",
		     8, 10, "route needs 'methods'");
	expect_error(ROUTE "routes: [{methods: [POST]}]\n" MSG
		     "assert: {attribute: path, operator: exists}\n",
		     8, 10, "route needs 'path'");
	expect_error(ROUTE "routes: [{path: '', methods: [POST]}]\n" MSG
		     "assert: {attribute: path, operator: exists}\n",
		     8, 17, "path must not be empty");
	expect_error(ROUTE "routes: [{path: /a, methods: POST}]\n" MSG
		     "assert: {attribute: path, operator: exists}\n",
		     8, 30, "methods must be a list of strings");
}

static void test_rules__route_methods_are_upper_cased(void **state)
{
	/* eg_cf_method_bit accepts any case; evaluation compares text with the
	 * behaviors' methods, which CloudFront spells in capitals */
	eg_ruleset rs;
	const eg_rule *r;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, ROUTE "routes: [{path: /a, methods: [post, Delete]}]\n" MSG
		     "assert: {attribute: path, operator: exists}\n");
	assert_int_equal(r->routes[0].nmethods, 2);
	assert_string_equal(r->routes[0].methods[0], "POST");
	assert_string_equal(r->routes[0].methods[1], "DELETE");
	eg_ruleset_release(&rs);
}

/* --- attribute paths ------------------------------------------------------- */

static void test_rules__unknown_attribute_lists_known_ones(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: alias, operator: not_empty}\n" MSG, 8, 21,
		     "unknown attribute 'alias' of distribution in 'alias' (known: address, name, id, "
		     "domain_name, comment,");
	/* after an object, the object's scope names the attributes */
	expect_error(DIST "assert: {attribute: origins.kind_of, operator: exists}\n" MSG, 8, 21,
		     "unknown attribute 'kind_of' of origin in 'origins.kind_of' (known: id, domain_name,");
	expect_error(HEAD "scope: dns_record\nassert: {attribute: target.origins.nope, operator: exists}\n" MSG,
		     8, 21, "unknown attribute 'nope' of origin in 'target.origins.nope'");
	/* names are case-sensitive */
	expect_error(DIST "assert: {attribute: Aliases, operator: not_empty}\n" MSG, 8, 21,
		     "unknown attribute 'Aliases' of distribution");
}

static void test_rules__path_through_a_string(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: address.foo, operator: exists}\n" MSG, 8, 21,
		     "'address.foo': 'address' is a string and has no attributes");
	expect_error(DIST "assert: {attribute: aliases.first, operator: exists}\n" MSG, 8, 21,
		     "'aliases.first': 'aliases' is a list and has no attributes");
	expect_error(DIST "assert: {attribute: default_behavior.position.x, operator: exists}\n" MSG,
		     8, 21, "'default_behavior.position.x': 'position' is a number and has no attributes");
}

static void test_rules__map_path_without_key(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: tags, operator: exists}\n" MSG, 8, 21,
		     "'tags' is a map: name a key, as in 'tags.Environment'");
	expect_error(HEAD "scope: origin\nassert: {attribute: distribution.tags, operator: exists}\n" MSG,
		     8, 21, "'distribution.tags' is a map: name a key");
	expect_error(DIST "assert: {attribute: tags.Environment.x, operator: exists}\n" MSG, 8, 21,
		     "'tags.Environment.x': nothing can follow a tag key");
}

static void test_rules__malformed_paths(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: aliases., operator: exists}\n" MSG, 8, 21,
		     "attribute path 'aliases.' ends with '.'");
	expect_error(DIST "assert: {attribute: tags., operator: exists}\n" MSG, 8, 21,
		     "attribute path 'tags.' ends with '.'");
	expect_error(DIST "assert: {attribute: origins.kind., operator: exists}\n" MSG, 8, 21,
		     "attribute path 'origins.kind.' ends with '.'");
	expect_error(DIST "assert: {attribute: .aliases, operator: exists}\n" MSG, 8, 21,
		     "empty segment in attribute path '.aliases'");
	expect_error(DIST "assert: {attribute: origins..id, operator: exists}\n" MSG, 8, 21,
		     "empty segment in attribute path 'origins..id'");
	expect_error(DIST "assert: {attribute: '', operator: exists}\n" MSG, 8, 21,
		     "attribute must not be empty");
	expect_error(DIST "assert: {attribute: [aliases], operator: exists}\n" MSG, 8, 21,
		     "attribute must be a string");
}

/* --- conditions ------------------------------------------------------------ */

static void test_rules__condition_shapes(void **state)
{
	(void)state;
	expect_error(DIST "assert: 5\n" MSG, 8, 9, "expected a condition: {attribute, operator, value}");
	expect_error(DIST "assert: {}\n" MSG, 8, 9, "expected a condition");
	expect_error(DIST "assert: []\n" MSG, 8, 9, "expected a non-empty list of conditions");
	expect_error(DIST "assert: {and: []}\n" MSG, 8, 15, "expected a non-empty list of conditions");
	expect_error(DIST "assert: {or: {attribute: aliases, operator: empty}}\n" MSG, 8, 14,
		     "expected a non-empty list of conditions");
	expect_error(DIST "assert: {not: x}\n" MSG, 8, 15, "expected a condition");
	expect_error(DIST "assert: {not: []}\n" MSG, 8, 15, "expected a non-empty list of conditions");
	expect_error(DIST "assert: [{attribute: aliases, operator: empty}, 3]\n" MSG, 8, 49,
		     "expected a condition");
	expect_error(DIST "assert: {operator: exists}\n" MSG, 8, 9, "condition needs 'attribute'");
	expect_error(DIST "assert: {attribute: aliases}\n" MSG, 8, 9, "condition needs 'operator'");
	expect_error(DIST "assert: {attribute: aliases, operator: [empty]}\n" MSG, 8, 40,
		     "operator must be a string");
}

static void test_rules__unknown_key_in_condition(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: aliases, operator: not_empty, valu: 1}\n" MSG, 8, 51,
		     "unknown key 'valu' in condition (expected one of: attribute, operator, value)");
	/* a combinator with a second key is not a combinator */
	expect_error(DIST "assert: {and: [{attribute: aliases, operator: empty}], or: []}\n" MSG, 8, 10,
		     "unknown key 'and' in condition");
	expect_error(DIST "assert: {nand: []}\n" MSG, 8, 10, "unknown key 'nand' in condition");
}

static void test_rules__unknown_key_in_quantifier(void **state)
{
	(void)state;
	expect_error(DIST "assert: {any: {in: origins, that: {attribute: id, operator: exists}, where: x}}\n"
		     MSG, 8, 70, "unknown key 'where' in quantifier (expected one of: in, that)");
}

static void test_rules__quantifiers(void **state)
{
	(void)state;
	expect_error(DIST "assert: {any: {in: aliases, that: {attribute: id, operator: exists}}}\n" MSG,
		     8, 20, "'aliases' is not a list of objects");
	expect_error(DIST "assert: {all: {in: default_behavior, that: {attribute: position, operator: exists}}}\n"
		     MSG, 8, 20, "'default_behavior' is not a list of objects");
	expect_error(DIST "assert: {all: {in: address.x, that: {attribute: id, operator: exists}}}\n" MSG,
		     8, 20, "'address' is a string and has no attributes");
	expect_error(DIST "assert: {all: origins}\n" MSG, 8, 15,
		     "expected {in: <list attribute>, that: <condition>}");
	expect_error(DIST "assert: {none: {in: origins}}\n" MSG, 8, 16, "missing 'that' condition");
	expect_error(DIST "assert: {none: {that: {attribute: id, operator: exists}}}\n" MSG, 8, 16,
		     "missing 'in'");
	expect_error(DIST "assert: {any: {in: [origins], that: {attribute: id, operator: exists}}}\n" MSG,
		     8, 20, "in must be a string");
	/* the body speaks of the collection's objects */
	expect_error(DIST "assert: {any: {in: origins, that: {attribute: aliases, operator: empty}}}\n" MSG,
		     8, 47, "unknown attribute 'aliases' of origin in 'aliases'");
}

static void test_rules__nesting_is_capped(void **state)
{
	char yaml[2048];
	size_t len;
	int i;

	(void)state;
	/* depth 0 is the assert itself; depth 65 is one too deep */
	len = (size_t)snprintf(yaml, sizeof(yaml), DIST "assert: ");
	for (i = 0; i < 65; i++)
		len += (size_t)snprintf(yaml + len, sizeof(yaml) - len, "{not: ");
	len += (size_t)snprintf(yaml + len, sizeof(yaml) - len, "{attribute: aliases, operator: empty}");
	for (i = 0; i < 65; i++)
		len += (size_t)snprintf(yaml + len, sizeof(yaml) - len, "}");
	snprintf(yaml + len, sizeof(yaml) - len, "\n" MSG);
	expect_error(yaml, 8, 9 + 65 * 6, "conditions nested deeper than 64");
}

static void test_rules__unknown_operator(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: aliases, operator: eq, value: x}\n" MSG, 8, 40,
		     "unknown operator 'eq' (known: equals, not_equals, in, not_in, exists, absent, "
		     "empty, not_empty, contains, not_contains, contains_all, contains_any, subset_of, "
		     "matches, not_matches, starts_with, ends_with, less_than, greater_than, "
		     "count_at_most, count_at_least, is_true, is_false, known, unknown, covered_by, "
		     "not_covered_by, routed_by, not_routed_by, covered_by_certificate, "
		     "not_covered_by_certificate, matches_regex, not_matches_regex, at_least, below)");
	expect_error(DIST "assert: {attribute: aliases, operator: Empty}\n" MSG, 8, 40,
		     "unknown operator 'Empty'");
	/* a regex that does not compile fails the load, not the run */
	expect_error(DIST "assert: {attribute: domain_name, operator: matches_regex, value: '[a-'}\n"
		     MSG, 8, 66, "'[a-' is no POSIX extended regular expression");
}

static void test_rules__operator_type_mismatch(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: address, operator: is_true}\n" MSG, 8, 40,
		     "operator 'is_true' needs a boolean attribute; 'address' is a string");
	expect_error(DIST "assert: {attribute: address, operator: empty}\n" MSG, 8, 40,
		     "operator 'empty' needs a list attribute; 'address' is a string");
	expect_error(DIST "assert: {attribute: address, operator: count_at_most, value: 1}\n" MSG, 8, 40,
		     "operator 'count_at_most' needs a list attribute");
	expect_error(DIST "assert: {attribute: aliases, operator: equals, value: x}\n" MSG, 8, 40,
		     "operator 'equals' needs a single string attribute; 'aliases' is a list");
	expect_error(DIST "assert: {attribute: address, operator: less_than, value: 1}\n" MSG, 8, 40,
		     "operator 'less_than' needs a number attribute; 'address' is a string");
	expect_error(DIST "assert: {attribute: default_behavior, operator: equals, value: x}\n" MSG, 8, 49,
		     "operator 'equals' needs a single string attribute; 'default_behavior' is a object");
	/* through an object list, one value per object is a list */
	expect_error(DIST "assert: {attribute: origins.id, operator: equals, value: x}\n" MSG, 8, 43,
		     "'origins.id' is a string (one per object)");
	expect_error(DIST "assert: {attribute: origins.s3_origin_config, operator: is_true}\n" MSG, 8, 57,
		     "operator 'is_true' needs a boolean attribute; 'origins.s3_origin_config' is a boolean (one per object)");
	expect_error(DIST "assert: {attribute: enabled, operator: contains, value: x}\n" MSG, 8, 40,
		     "operator 'contains' needs a list attribute; 'enabled' is a boolean");
}

static void test_rules__string_operators_refuse_object_lists(void **state)
{
	/* These compare strings: an object list has none to compare. */
	(void)state;
	expect_error(DIST "assert: {attribute: origins, operator: contains, value: x}\n" MSG, 8, 40,
		     "operator 'contains' needs a list of strings; 'origins' is a object list");
	expect_error(DIST "assert: {attribute: origins, operator: subset_of, value: [a]}\n" MSG, 8, 40,
		     "operator 'subset_of' needs a list of strings");
	expect_error(DIST "assert: {attribute: origins.distribution, operator: contains_any, value: [a]}\n"
		     MSG, 8, 53, "operator 'contains_any' needs a list of strings");
	expect_error(HEAD "scope: alias\nassert: {attribute: overlaps, operator: contains_all, value: [a]}\n"
		     MSG, 8, 41, "operator 'contains_all' needs a list of strings");
}

static void test_rules__value_presence(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: address, operator: equals}\n" MSG, 8, 9,
		     "operator 'equals' needs a 'value'");
	expect_error(DIST "assert: {attribute: aliases, operator: count_at_least}\n" MSG, 8, 9,
		     "operator 'count_at_least' needs a 'value'");
	expect_error(DIST "assert: {attribute: aliases, operator: empty, value: x}\n" MSG, 8, 54,
		     "operator 'empty' takes no 'value'");
	expect_error(DIST "assert: {attribute: address, operator: exists, value: true}\n" MSG, 8, 55,
		     "operator 'exists' takes no 'value'");
	expect_error(DIST "assert: {attribute: aliases, operator: known, value: []}\n" MSG, 8, 54,
		     "operator 'known' takes no 'value'");
	/* a null is no value: 'value:' left empty is a typo, not "" */
	expect_error(DIST "assert: {attribute: address, operator: equals, value: ~}\n" MSG, 8, 55,
		     "value is null; quote it");
	expect_error(DIST "assert:\n  attribute: address\n  operator: equals\n  value:\n" MSG, 11, 9,
		     "value is null; quote it");
	expect_error(DIST "assert: {attribute: aliases, operator: count_at_most, value: null}\n" MSG, 8, 62,
		     "value is null");
}

static void test_rules__list_and_scalar_values(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: address, operator: in, value: x}\n" MSG, 8, 51,
		     "operator 'in' needs a list value");
	expect_error(DIST "assert: {attribute: aliases, operator: contains_all, value: a}\n" MSG, 8, 61,
		     "operator 'contains_all' needs a list value");
	expect_error(DIST "assert: {attribute: address, operator: equals, value: [a]}\n" MSG, 8, 55,
		     "operator 'equals' takes a single value, not a list");
	expect_error(DIST "assert: {attribute: address, operator: in, value: [a, {b: c}]}\n" MSG, 8, 55,
		     "value must be a string");
	expect_error(DIST "assert: {attribute: address, operator: in, value: [a, '']}\n" MSG, 8, 55,
		     "value must not be empty");
}

static void test_rules__number_values(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: aliases, operator: count_at_most, value: abc}\n" MSG, 8, 62,
		     "operator 'count_at_most' needs a number, not 'abc'");
	expect_error(DIST "assert: {attribute: aliases, operator: count_at_most, value: 1x}\n" MSG, 8, 62,
		     "needs a number, not '1x'");
	expect_error(DIST "assert: {attribute: aliases, operator: count_at_most, value: ''}\n" MSG, 8, 62,
		     "needs a number, not ''");
	expect_error(DIST "assert: {attribute: default_behavior.position, operator: less_than, value: [1]}\n"
		     MSG, 8, 76, "operator 'less_than' takes a single value, not a list");
	/* numbers are literals: evaluation never reads a reference for them */
	expect_error(DIST "assert: {attribute: origins, operator: count_at_most, value: {attribute: address}}\n"
		     MSG, 8, 62, "operator 'count_at_most' needs a number, not an attribute");
}

static void test_rules__value_references(void **state)
{
	(void)state;
	expect_error(DIST "assert: {attribute: address, operator: equals, value: {attribute: name, attr: x}}\n"
		     MSG, 8, 73, "unknown key 'attr' in value reference (expected one of: attribute)");
	expect_error(DIST "assert: {attribute: address, operator: equals, value: {}}\n" MSG, 8, 55,
		     "value reference needs 'attribute'");
	expect_error(DIST "assert: {attribute: address, operator: equals, value: {attribute: nam}}\n" MSG,
		     8, 67, "unknown attribute 'nam' of distribution");
	expect_error(DIST "assert: {attribute: address, operator: in, value: {attribute: name}}\n" MSG,
		     8, 51, "operator 'in' needs a list; 'name' is a string");
	/* single-value operators compare with one value, not a list */
	expect_error(DIST "assert: {attribute: address, operator: matches, value: {attribute: aliases}}\n"
		     MSG, 8, 56, "operator 'matches' takes a single value; 'aliases' is a list");
	expect_error(HEAD "scope: origin\n"
		     "assert: {attribute: id, operator: equals, value: {attribute: distribution.origins.id}}\n"
		     MSG, 8, 50, "operator 'equals' takes a single value; 'distribution.origins.id' is a string (one per object)");
	/* objects have no text to compare */
	expect_error(DIST "assert: {attribute: address, operator: equals, value: {attribute: default_behavior}}\n"
		     MSG, 8, 55, "'default_behavior' is an object: name one of its attributes");
	expect_error(DIST "assert: {attribute: address, operator: in, value: {attribute: origins}}\n" MSG,
		     8, 51, "'origins' is an object list: name one of its attributes");
}

/* --- messages -------------------------------------------------------------- */

static void test_rules__patches(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;

	(void)state;
	eg_ruleset_init(&rs);
	r = parse_ok(&rs, DIST ASSERT_OK MSG
		     "patch:\n"
		     "  - when: {attribute: aliases, operator: empty}\n"
		     "    place: {terraform: t, cloudformation: c}\n"
		     "    terraform: \"aliases = {aliases|json}\\n\"\n"
		     "  - place: no text\n");
	assert_int_equal(r->npatches, 2);
	assert_true(r->patches[0].has[EG_PATCH_TERRAFORM]);
	assert_false(r->patches[0].has[EG_PATCH_CLOUDFORMATION]);
	assert_int_equal(r->patches[0].text[EG_PATCH_TERRAFORM].segs[1].filter, EG_FILTER_JSON);
	assert_string_equal(r->patches[0].text[EG_PATCH_TERRAFORM].segs[1].path.text, "aliases");
	assert_false(r->patches[1].has[EG_PATCH_TERRAFORM]);
	eg_ruleset_release(&rs);

	expect_error(DIST ASSERT_OK MSG "patch: {terraform: x}\n", 10, 8, "patch needs 'place'");
	expect_error(DIST ASSERT_OK MSG "patch: {place: p, pulumi: x}\n", 10, 19,
		     "unknown key 'pulumi' in patch");
	expect_error(DIST ASSERT_OK MSG "patch: [{place: p}, {place: q}]\n", 10, 9,
		     "only the last patch case may omit 'when'");
	expect_error(DIST ASSERT_OK MSG "patch: {place: {cloudformation: c}, terraform: x}\n", 10, 16,
		     "patch place has no 'terraform'");
	expect_error(DIST ASSERT_OK MSG "patch: {place: p, terraform: '{aliases|yaml}'}\n", 10, 30,
		     "aliases|yaml");
	expect_error(DIST ASSERT_OK MSG "patch: []\n", 10, 8, "patch list must not be empty");
}

static void test_rules__message_templates(void **state)
{
	(void)state;
	expect_error(DIST ASSERT_OK "message: \"a {address\"\n", 9, 10,
		     "unterminated '{' in message (write '{{' for a brace)");
	expect_error(DIST ASSERT_OK "message: \"a } b\"\n", 9, 10,
		     "unmatched '}' in message (write '}}' for a brace)");
	expect_error(DIST ASSERT_OK "message: \"{address}}\"\n", 9, 10, "unmatched '}' in message");
	expect_error(DIST ASSERT_OK "message: \"see {adress}\"\n", 9, 10,
		     "unknown attribute 'adress' of distribution in 'adress' (known: address,");
	expect_error(DIST ASSERT_OK "message: \"see {}\"\n", 9, 10, "empty attribute path");
	expect_error(DIST ASSERT_OK "message: \"{tags}\"\n", 9, 10, "'tags' is a map: name a key");
	expect_error(DIST ASSERT_OK "message: >-\n  folded {address.x}\n", 9, 10,
		     "'address' is a string and has no attributes");
	expect_error(DIST ASSERT_OK "message: ''\n", 9, 10, "message must not be empty");
	expect_error(DIST ASSERT_OK "message: {text: a}\n", 9, 10,
		     "message must be a string or a list of {when, text}");
	expect_error(DIST ASSERT_OK "message: []\n", 9, 10,
		     "message must be a string or a list of {when, text}");
}

static void test_rules__message_case_errors(void **state)
{
	(void)state;
	expect_error(DIST ASSERT_OK "message: [{text: a}, {text: b}]\n", 9, 11,
		     "only the last message case may omit 'when'");
	expect_error(DIST ASSERT_OK "message: [{when: {attribute: aliases, operator: empty}, text: a}]\n",
		     9, 11, "the last message case must omit 'when': it is the fallback");
	expect_error(DIST ASSERT_OK
		     "message:\n"
		     "  - when: {attribute: aliases, operator: empty}\n"
		     "    text: a\n"
		     "    txt: b\n"
		     "  - text: c\n",
		     12, 5, "unknown key 'txt' in message case (expected one of: when, text, severity)");
	expect_error(DIST ASSERT_OK "message: [a, {text: b}]\n", 9, 11,
		     "message case must be {when: <condition>, text: <message>}");
	expect_error(DIST ASSERT_OK "message: [{when: {attribute: aliases, operator: empty}}, {text: b}]\n",
		     9, 11, "message case needs 'text'");
	expect_error(DIST ASSERT_OK
		     "message:\n"
		     "  - when: {attribute: nope, operator: exists}\n"
		     "    text: a\n"
		     "  - text: b\n",
		     10, 23, "unknown attribute 'nope' of distribution");
	expect_error(DIST ASSERT_OK
		     "message:\n"
		     "  - when: {attribute: aliases, operator: exists}\n"
		     "    text: \"{nope}\"\n"
		     "  - text: b\n",
		     11, 11, "unknown attribute 'nope' of distribution");
}

/* --- unknown and at -------------------------------------------------------- */

static void test_rules__unknown_section(void **state)
{
	(void)state;
	expect_error(DIST ASSERT_OK MSG "unknown: {severity: warning, text: x}\n", 10, 30,
		     "unknown key 'text' in unknown (expected one of: severity, message)");
	expect_error(DIST ASSERT_OK MSG "unknown: warning\n", 10, 10,
		     "unknown must be {severity, message}");
	expect_error(DIST ASSERT_OK MSG "unknown: {severity: loud}\n", 10, 21,
		     "severity must be error, warning or note, not 'loud'");
	expect_error(DIST ASSERT_OK MSG "unknown: {severity: ''}\n", 10, 21, "severity must not be empty");
	expect_error(DIST ASSERT_OK MSG "unknown: {message: \"x {nope}\"}\n", 10, 20,
		     "unknown attribute 'nope' of distribution");
}

static void test_rules__at(void **state)
{
	eg_ruleset rs;
	const eg_rule *r;

	(void)state;
	expect_error(DIST ASSERT_OK MSG "at: aliases\n", 10, 5,
		     "'at' must name one object, such as 'serving'");
	expect_error(DIST ASSERT_OK MSG "at: address\n", 10, 5, "'at' must name one object");
	expect_error(DIST ASSERT_OK MSG "at: origins\n", 10, 5, "'at' must name one object");
	expect_error(HEAD "scope: alias\nassert: {attribute: name, operator: exists}\n" MSG
		     "at: overlaps.distribution\n", 10, 5,
		     "'at' must name one object");
	expect_error(DIST ASSERT_OK MSG "at: nowhere\n", 10, 5, "unknown attribute 'nowhere' of distribution");
	expect_error(DIST ASSERT_OK MSG "at: [default_behavior]\n", 10, 5, "at must be a string");

	eg_ruleset_init(&rs);
	r = parse_ok(&rs, HEAD "scope: behavior\nassert: {attribute: target, operator: exists}\n" MSG
		     "at: target\n");
	assert_true(r->has_at);
	assert_int_equal(r->at.scope, EG_SCOPE_ORIGIN);
	eg_ruleset_release(&rs);
}

/* --- the document ---------------------------------------------------------- */

static void test_rules__yaml_syntax_error(void **state)
{
	(void)state;
	/* a flow sequence that never closes: libyaml stops at the next key */
	expect_error("id: t\ntitle: [T\nseverity: error\n", 3, 9,
		     "did not find expected ',' or ']'");
	expect_error("id: t\nid: u\n", 2, 1, "duplicate key 'id' (first at 1:1)");
	expect_error("id: t\n  title: T\n", 2, 8, "mapping values are not allowed");
}

static void test_rules__yaml_limits_are_rule_errors(void **state)
{
	char yaml[2048];
	size_t len;
	int i;

	(void)state;
	/* the root mapping is one level: the 512th '[' is one too many */
	len = (size_t)snprintf(yaml, sizeof(yaml), "id: t\nassert: ");
	for (i = 0; i < 600; i++)
		yaml[len++] = '[';
	for (i = 0; i < 600; i++)
		yaml[len++] = ']';
	yaml[len] = '\0';
	expect_error(yaml, 2, 8 + 512, "nesting deeper than 512");
}

static void test_rules__document_must_be_a_mapping(void **state)
{
	(void)state;
	expect_error("- id: t\n- title: T\n", 1, 1, "a rule file must be a mapping with id, title, severity");
	expect_error("just text\n", 1, 1, "a rule file must be a mapping");
	/* "---" alone holds one null scalar, after the marker */
	expect_error("---\n", 2, 1, "a rule file must be a mapping");
	/* an empty file has no node to point at */
	expect_error("", 0, 0, "a rule file must be a mapping");
	expect_error("# only a comment\n", 0, 0, "a rule file must be a mapping");
}

static void test_rules__load_file_errors(void **state)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;
	char *dir = make_temp_dir();
	char *bad = write_file(dir, "bad.yml", "id: t\ntitle: [\n");
	char *wrong = write_file(dir, "wrong.yml", DIST ASSERT_OK "message: \"{x\"\n");
	char missing[600];

	(void)state;
	eg_ruleset_init(&rs);
	snprintf(missing, sizeof(missing), "%s/missing.yml", dir);
	assert_int_equal(eg_ruleset_load_file(&rs, missing, &err), EG_ERR_IO);
	assert_int_equal(err.code, EG_ERR_IO);
	assert_string_equal(err.file, missing);

	memset(&err, 0, sizeof(err));
	assert_int_equal(eg_ruleset_load_file(&rs, bad, &err), EG_ERR_RULE);
	assert_int_equal(err.code, EG_ERR_RULE);
	assert_string_equal(err.file, bad);
	assert_int_equal(err.line, 3);

	memset(&err, 0, sizeof(err));
	assert_int_equal(eg_ruleset_load_file(&rs, wrong, &err), EG_ERR_RULE);
	assert_string_equal(err.file, wrong);
	assert_int_equal(err.line, 9);
	assert_int_equal(err.col, 10);
	assert_non_null(strstr(err.message, "unterminated '{'"));
	assert_int_equal(rs.n, 0);
	eg_ruleset_release(&rs);

	unlink(bad);
	unlink(wrong);
	rmdir(dir);
	eg_free(bad);
	eg_free(wrong);
	eg_free(dir);
}

static void test_rules__load_dir(void **state)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;
	char *dir = make_temp_dir();
	char *paths[5];
	size_t i;

	(void)state;
	paths[0] = write_file(dir, "b.yml", "id: b\ntitle: T\nseverity: error\ndescription: D\n"
			      "remediation: R\nreferences: [u]\nscope: origin\n"
			      "assert: {attribute: id, operator: exists}\n" MSG);
	paths[1] = write_file(dir, "a.yaml", "id: a\ntitle: T\nseverity: note\ndescription: D\n"
			      "remediation: R\nreferences: [u]\nscope: origin\n"
			      "assert: {attribute: id, operator: exists}\n" MSG);
	paths[2] = write_file(dir, "c.txt", "not a rule");
	paths[3] = write_file(dir, ".hidden.yml", "not a rule");
	paths[4] = write_file(dir, "yml", "not a rule");

	eg_ruleset_init(&rs);
	assert_int_equal(eg_ruleset_load_dir(&rs, dir, &err), 0);
	assert_int_equal(rs.n, 2);
	assert_string_equal(rs.rules[0]->id, "a"); /* name order */
	assert_string_equal(rs.rules[0]->file, paths[1]);
	assert_string_equal(rs.rules[1]->id, "b");
	eg_ruleset_release(&rs);

	/* a trailing slash does not double */
	{
		char slash[600];
		snprintf(slash, sizeof(slash), "%s/", dir);
		eg_ruleset_init(&rs);
		assert_int_equal(eg_ruleset_load_dir(&rs, slash, &err), 0);
		assert_string_equal(rs.rules[1]->file, paths[0]);
		eg_ruleset_release(&rs);
	}

	/* loading the same rules twice collides on the ids */
	eg_ruleset_init(&rs);
	assert_int_equal(eg_ruleset_load_dir(&rs, dir, &err), 0);
	assert_int_equal(eg_ruleset_load_dir(&rs, dir, &err), EG_ERR_RULE);
	assert_string_equal(err.file, paths[1]);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 5);
	assert_non_null(strstr(err.message, "duplicate rule id 'a'"));
	eg_ruleset_release(&rs);

	for (i = 0; i < 5; i++) {
		unlink(paths[i]);
		eg_free(paths[i]);
	}
	rmdir(dir);
	eg_free(dir);
}

static void test_rules__load_dir_stops_at_first_bad_file(void **state)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;
	char *dir = make_temp_dir();
	char *a = write_file(dir, "a.yml", HEAD "scope: origin\nassert: {attribute: id, operator: exists}\n" MSG);
	char *b = write_file(dir, "b.yml", HEAD "scope: origins\n");
	char missing[600];

	(void)state;
	eg_ruleset_init(&rs);
	assert_int_equal(eg_ruleset_load_dir(&rs, dir, &err), EG_ERR_RULE);
	assert_string_equal(err.file, b);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 1);
	assert_non_null(strstr(err.message, "missing required key 'assert'"));
	assert_int_equal(rs.n, 1);
	eg_ruleset_release(&rs);

	snprintf(missing, sizeof(missing), "%s/none", dir);
	eg_ruleset_init(&rs);
	assert_int_equal(eg_ruleset_load_dir(&rs, missing, &err), EG_ERR_IO);
	assert_string_equal(err.file, missing);
	assert_non_null(strstr(err.message, "cannot read directory"));
	eg_ruleset_release(&rs);

	unlink(a);
	unlink(b);
	rmdir(dir);
	eg_free(a);
	eg_free(b);
	eg_free(dir);
}

/* --- the config's rule settings -------------------------------------------- */

static void test_rules__check_config(void **state)
{
	eg_ruleset rs;
	eg_config c;
	eg_error err = EG_ERROR_INIT;
	char *dir = make_temp_dir();
	char *good = write_file(dir, "good.yml",
				"rules:\n"
				"  production-without-aliases: {enabled: false}\n"
				"  write-route-unreachable: {severity: warning}\n");
	char *bad = write_file(dir, "bad.yml",
			       "fail_on: warning\n"
			       "rules:\n"
			       "  production-without-aliases: {enabled: false}\n"
			       "  production-without-alias: {severity: note}\n");

	(void)state;
	eg_ruleset_init(&rs);
	assert_int_equal(eg_ruleset_load_dir(&rs, "rules", &err), 0);

	/* no settings, nothing to check */
	eg_config_init(&c);
	assert_int_equal(eg_ruleset_check_config(&rs, &c, &err), 0);
	eg_config_release(&c);

	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, good, &err), 0);
	assert_int_equal(eg_ruleset_check_config(&rs, &c, &err), 0);
	eg_config_release(&c);

	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, bad, &err), 0);
	assert_int_equal(eg_ruleset_check_config(&rs, &c, &err), EG_ERR_CONFIG);
	assert_int_equal(err.code, EG_ERR_CONFIG);
	assert_string_equal(err.file, bad);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 3);
	assert_string_equal(err.message, "no rule with id 'production-without-alias' is loaded");
	eg_config_release(&c);

	/* with no rules loaded, every setting names a missing rule */
	eg_ruleset_release(&rs);
	eg_ruleset_init(&rs);
	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, good, &err), 0);
	assert_int_equal(eg_ruleset_check_config(&rs, &c, &err), EG_ERR_CONFIG);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "'production-without-aliases'"));
	eg_config_release(&c);
	eg_ruleset_release(&rs);

	unlink(good);
	unlink(bad);
	rmdir(dir);
	eg_free(good);
	eg_free(bad);
	eg_free(dir);
}

/* Every shipped rule says what a finding costs, exactly one primary tag,
 * and shows a firing example (edgegate explain, rules/README.md). */
static void test_rules__every_shipped_rule_has_one_primary_tag(void **state)
{
	eg_ruleset rs;
	eg_error err = EG_ERROR_INIT;
	size_t i;

	(void)state;
	eg_ruleset_init(&rs);
	if (eg_ruleset_load_dir(&rs, "rules", &err))
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.message);
	for (i = 0; i < rs.n; i++)
		if (!eg_rule_category(rs.rules[i]))
			fail_msg("%s: tags must hold exactly one of outage, deploy-failure, "
				 "security, hygiene", rs.rules[i]->file);
		else if (!rs.rules[i]->example)
			fail_msg("%s: no example: (a fragment that fires the rule)",
				 rs.rules[i]->file);
	eg_ruleset_release(&rs);
}

static void test_rules__category(void **state)
{
	eg_ruleset rs;

	(void)state;
	eg_ruleset_init(&rs);
	assert_string_equal(eg_rule_category(parse_ok(&rs, DIST ASSERT_OK MSG
						     "tags: [dns, hygiene]\n")), "hygiene");
	assert_null(eg_rule_category(parse_ok(&rs, "id: t2\ntitle: T\nseverity: error\n"
					      "description: D\nremediation: R\nreferences: [u]\n"
					      "scope: distribution\n" ASSERT_OK MSG
					      "tags: [outage, security]\n")));
	assert_null(eg_rule_category(parse_ok(&rs, "id: t3\ntitle: T\nseverity: error\n"
					      "description: D\nremediation: R\nreferences: [u]\n"
					      "scope: distribution\n" ASSERT_OK MSG)));
	eg_ruleset_release(&rs);
}

#define SEL_RULE(id, tags)                                                    \
	"id: " id "\ntitle: T\nseverity: error\ndescription: D\nremediation: R\n" \
	"references: [u]\nscope: distribution\n" ASSERT_OK MSG "tags: " tags "\n"

/* Runs c's selection over three rules; returns a mask of those left to run
 * (bit 0 alias-a, 1 alias-b, 2 origin-c), or -1 with err filled in. */
static int select_mask(eg_config *c, eg_error *err)
{
	eg_ruleset rs;
	int mask = 0;
	size_t i;

	eg_ruleset_init(&rs);
	parse_ok(&rs, SEL_RULE("alias-a", "[alias, outage]"));
	parse_ok(&rs, SEL_RULE("alias-b", "[alias, hygiene]"));
	parse_ok(&rs, SEL_RULE("origin-c", "[origin, security]"));
	if (eg_ruleset_select(&rs, c, err))
		mask = -1;
	for (i = 0; mask >= 0 && i < rs.n; i++)
		if (!rs.rules[i]->deselected)
			mask |= 1 << i;
	eg_ruleset_release(&rs);
	return mask;
}

static void test_rules__select(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;

	(void)state;
	eg_config_init(&c);
	assert_int_equal(select_mask(&c, &err), 7); /* nothing said: everything */
	eg_config_add_select_arg(&c, EG_SELECT_RULES, "alias-*");
	assert_int_equal(select_mask(&c, &err), 3);
	eg_config_add_select_arg(&c, EG_SELECT_TAGS, "security"); /* either selects */
	assert_int_equal(select_mask(&c, &err), 7);
	eg_config_add_select_arg(&c, EG_SKIP_TAGS, "hyg*"); /* a skip beats a select */
	assert_int_equal(select_mask(&c, &err), 5);
	eg_config_add_select_arg(&c, EG_SKIP_RULES, "alias-a");
	assert_int_equal(select_mask(&c, &err), 4);
	eg_config_add_select_arg(&c, EG_SKIP_RULES, "origin-?");
	assert_int_equal(select_mask(&c, &err), -1);
	assert_int_equal(err.code, EG_ERR_USAGE);
	assert_non_null(strstr(err.message, "leaves no rule to run"));
	eg_config_release(&c);

	/* a pattern that matches nothing is a typo, with the nearest name */
	eg_config_init(&c);
	eg_config_add_select_arg(&c, EG_SKIP_RULES, "alais-a");
	assert_int_equal(select_mask(&c, &err), -1);
	assert_int_equal(err.code, EG_ERR_USAGE);
	assert_string_equal(err.message, "--skip-rule 'alais-a' matches no loaded rule id (did "
					 "you mean 'alias-a'?); `edgegate rules` lists them");
	eg_config_release(&c);
	eg_config_init(&c);
	eg_config_add_select_arg(&c, EG_SELECT_TAGS, "orign");
	assert_int_equal(select_mask(&c, &err), -1);
	assert_non_null(strstr(err.message, "--tag 'orign' matches no tag of a loaded rule (did "
					    "you mean 'origin'?)"));
	eg_config_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules__loads_every_shipped_rule),
		cmocka_unit_test(test_rules__every_shipped_rule_has_one_primary_tag),
		cmocka_unit_test(test_rules__category),
		cmocka_unit_test(test_rules__select),
		cmocka_unit_test(test_rules__shipped_rules_load_one_by_one),
		cmocka_unit_test(test_rules__parses_every_key),
		cmocka_unit_test(test_rules__patches),
		cmocka_unit_test(test_rules__operand_kinds),
		cmocka_unit_test(test_rules__paths),
		cmocka_unit_test(test_rules__template_segments),
		cmocka_unit_test(test_rules__message_cases),
		cmocka_unit_test(test_rules__op_names),
		cmocka_unit_test(test_rules__every_operator_loads),
		cmocka_unit_test(test_rules__ordered_operators),
		cmocka_unit_test(test_rules__missing_required_keys),
		cmocka_unit_test(test_rules__optional_keys_may_be_left_out),
		cmocka_unit_test(test_rules__unknown_top_level_key),
		cmocka_unit_test(test_rules__bad_id),
		cmocka_unit_test(test_rules__duplicate_id_across_parses),
		cmocka_unit_test(test_rules__failed_parse_adds_nothing),
		cmocka_unit_test(test_rules__bad_severity),
		cmocka_unit_test(test_rules__text_fields_must_be_text),
		cmocka_unit_test(test_rules__references),
		cmocka_unit_test(test_rules__tags),
		cmocka_unit_test(test_rules__unknown_scope),
		cmocka_unit_test(test_rules__routes),
		cmocka_unit_test(test_rules__route_methods_are_upper_cased),
		cmocka_unit_test(test_rules__unknown_attribute_lists_known_ones),
		cmocka_unit_test(test_rules__path_through_a_string),
		cmocka_unit_test(test_rules__map_path_without_key),
		cmocka_unit_test(test_rules__malformed_paths),
		cmocka_unit_test(test_rules__condition_shapes),
		cmocka_unit_test(test_rules__unknown_key_in_condition),
		cmocka_unit_test(test_rules__unknown_key_in_quantifier),
		cmocka_unit_test(test_rules__quantifiers),
		cmocka_unit_test(test_rules__nesting_is_capped),
		cmocka_unit_test(test_rules__unknown_operator),
		cmocka_unit_test(test_rules__operator_type_mismatch),
		cmocka_unit_test(test_rules__string_operators_refuse_object_lists),
		cmocka_unit_test(test_rules__value_presence),
		cmocka_unit_test(test_rules__list_and_scalar_values),
		cmocka_unit_test(test_rules__number_values),
		cmocka_unit_test(test_rules__value_references),
		cmocka_unit_test(test_rules__message_templates),
		cmocka_unit_test(test_rules__message_case_errors),
		cmocka_unit_test(test_rules__unknown_section),
		cmocka_unit_test(test_rules__at),
		cmocka_unit_test(test_rules__yaml_syntax_error),
		cmocka_unit_test(test_rules__yaml_limits_are_rule_errors),
		cmocka_unit_test(test_rules__document_must_be_a_mapping),
		cmocka_unit_test(test_rules__load_file_errors),
		cmocka_unit_test(test_rules__load_dir),
		cmocka_unit_test(test_rules__load_dir_stops_at_first_bad_file),
		cmocka_unit_test(test_rules__check_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_config.c - unit tests for the defaults and the config file (config.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "config.h"
#include "env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *write_temp(const char *text)
{
	return test_write_temp(text, strlen(text));
}

/* Loads yaml (through a temp file) on top of c; fails the test on error. */
static void load_ok(eg_config *c, const char *yaml)
{
	eg_error err = EG_ERROR_INIT;
	char *path = write_temp(yaml);
	int rc = eg_config_load(c, path, &err);

	unlink(path);
	eg_free(path);
	if (rc)
		fail_msg("unexpected error %d at %d:%d: %s\nconfig:\n%s", rc, err.line, err.col,
			 err.message, yaml);
}

/* Loads yaml into fresh defaults and checks the error: code, file (the temp
 * file's path), position and a part of the message. */
static void expect_error(const char *yaml, int line, int col, const char *needle)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;
	char *path = write_temp(yaml);
	int rc;
	bool ok;

	eg_config_init(&c);
	rc = eg_config_load(&c, path, &err);
	eg_config_release(&c);
	unlink(path);
	ok = rc == EG_ERR_CONFIG && err.code == EG_ERR_CONFIG && !strcmp(err.file, path) &&
	     err.line == line && err.col == col && strstr(err.message, needle);
	eg_free(path);
	if (!ok)
		fail_msg("got rc %d (code %d) %d:%d: %s\nwant %d %d:%d: ...%s...\nconfig:\n%s", rc,
			 err.code, err.line, err.col, err.message, EG_ERR_CONFIG, line, col, needle,
			 yaml);
}

static void assert_default_routes(const eg_config *c)
{
	static const char *const methods[] = { "POST", "PUT", "PATCH", "DELETE" };
	size_t i, j;

	assert_int_equal(c->nroutes, 2);
	assert_string_equal(c->routes[0].path, "/auth/*");
	assert_string_equal(c->routes[1].path, "/api/*");
	for (i = 0; i < 2; i++) {
		assert_int_equal(c->routes[i].nmethods, 4);
		for (j = 0; j < 4; j++)
			assert_string_equal(c->routes[i].methods[j], methods[j]);
	}
}

static void assert_defaults(const eg_config *c)
{
	assert_false(c->has_fail_on);
	assert_int_equal(c->fail_on, EG_SEV_ERROR);
	assert_int_equal(c->unknown_severity, EG_SEV_WARNING);
	assert_false(c->unknown_severity_set);
	assert_default_routes(c);
	assert_int_equal(c->nenv_tag_keys, 3);
	assert_string_equal(c->env_tag_keys[0], "Environment");
	assert_string_equal(c->env_tag_keys[1], "Env");
	assert_string_equal(c->env_tag_keys[2], "Stage");
	assert_int_equal(c->vocab.n, eg_env_default_vocab()->n);
	assert_string_equal(eg_env_from_name(&c->vocab, "web-prod", NULL), EG_ENV_PRODUCTION);
	assert_int_equal(c->nenv_rules, 0);
	assert_int_equal(c->noverrides, 0);
	assert_int_equal(c->nsession_routes, 0); /* sign-in routes are opt-in */
	assert_int_equal(c->nsession_cookies, 0);
	assert_int_equal(c->behavior_quota, 75);
	assert_string_equal(c->tls_floor, "TLSv1.2_2018");
}

/* --- defaults -------------------------------------------------------------- */

static void test_config__defaults(void **state)
{
	eg_config c;
	size_t i;
	bool production = false;

	(void)state;
	eg_config_init(&c);
	assert_null(c.file);
	assert_defaults(&c);
	for (i = 0; i < c.vocab.n; i++)
		production |= !strcmp(c.vocab.entries[i].env, "production");
	assert_true(production);
	/* a private copy, so the file can change it */
	assert_ptr_not_equal(c.vocab.entries, eg_env_default_vocab()->entries);
	eg_config_release(&c);
}

static void test_config__severity_names(void **state)
{
	eg_severity s = EG_SEV_NOTE;

	(void)state;
	assert_string_equal(eg_severity_name(EG_SEV_NONE), "never");
	assert_string_equal(eg_severity_name(EG_SEV_NOTE), "note");
	assert_string_equal(eg_severity_name(EG_SEV_WARNING), "warning");
	assert_string_equal(eg_severity_name(EG_SEV_ERROR), "error");
	assert_string_equal(eg_severity_name((eg_severity)7), "?");
	assert_true(eg_severity_parse("warning", false, &s));
	assert_int_equal(s, EG_SEV_WARNING);
	assert_false(eg_severity_parse("never", false, &s));
	assert_int_equal(s, EG_SEV_WARNING);
	assert_true(eg_severity_parse("never", true, &s));
	assert_int_equal(s, EG_SEV_NONE);
	assert_false(eg_severity_parse("Error", true, &s));
	assert_false(eg_severity_parse("", true, &s));
}

/* --- a whole file ---------------------------------------------------------- */

static void test_config__every_key(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;
	char *path = write_temp("# settings\n"
				"fail_on: warning\n"
				"unknown_severity: note\n"
				"routes:\n"
				"  - path: /login\n"
				"    methods: [POST]\n"
				"  - path: /graphql\n"
				"environments:\n"
				"  tag_keys: [Team, Env]\n"
				"  tokens:\n"
				"    perf: [perf, load]\n"
				"    production: [live]\n"
				"  resources:\n"
				"    - match: \"module.shop*\"\n"
				"      environment: staging\n"
				"rules:\n"
				"  production-without-aliases: {enabled: false}\n"
				"  write-route-unreachable: {severity: warning, enabled: true}\n");
	char origin[600];

	(void)state;
	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, path, &err), 0);
	assert_string_equal(c.file, path);
	assert_true(c.has_fail_on);
	assert_int_equal(c.fail_on, EG_SEV_WARNING);
	assert_true(c.unknown_severity_set);
	assert_int_equal(c.unknown_severity, EG_SEV_NOTE);

	assert_int_equal(c.nroutes, 2);
	assert_string_equal(c.routes[0].path, "/login");
	assert_int_equal(c.routes[0].nmethods, 1);
	assert_string_equal(c.routes[0].methods[0], "POST");
	assert_string_equal(c.routes[1].path, "/graphql");
	assert_int_equal(c.routes[1].nmethods, 4); /* methods default to the writes */
	assert_string_equal(c.routes[1].methods[3], "DELETE");

	assert_int_equal(c.nenv_tag_keys, 2);
	assert_string_equal(c.env_tag_keys[0], "Team");

	/* a new environment, and production's tokens replaced */
	assert_int_equal(c.vocab.n, eg_env_default_vocab()->n + 1);
	assert_string_equal(c.vocab.entries[c.vocab.n - 1].env, "perf");
	assert_int_equal(c.vocab.entries[c.vocab.n - 1].ntokens, 2);
	assert_string_equal(eg_env_from_name(&c.vocab, "api-load-1", NULL), "perf");
	assert_string_equal(c.vocab.entries[0].env, EG_ENV_PRODUCTION);
	assert_int_equal(c.vocab.entries[0].ntokens, 1);
	assert_string_equal(c.vocab.entries[0].tokens[0], "live");
	assert_string_equal(eg_env_from_name(&c.vocab, "shop-live", NULL), EG_ENV_PRODUCTION);
	assert_null(eg_env_from_name(&c.vocab, "shop-prod", NULL));
	/* the built-in vocabulary is untouched */
	assert_string_equal(eg_env_from_name(eg_env_default_vocab(), "shop-prod", NULL),
			    EG_ENV_PRODUCTION);
	assert_null(eg_env_from_name(eg_env_default_vocab(), "shop-live", NULL));

	assert_int_equal(c.nenv_rules, 1);
	assert_string_equal(c.env_rules[0].pattern, "module.shop*");
	assert_string_equal(c.env_rules[0].env, "staging");
	snprintf(origin, sizeof(origin), "%s:14", path);
	assert_string_equal(c.env_rules[0].origin, origin);

	assert_int_equal(c.noverrides, 2);
	assert_string_equal(c.overrides[0].rule, "production-without-aliases");
	assert_true(c.overrides[0].disabled);
	assert_false(c.overrides[0].has_severity);
	assert_string_equal(c.overrides[0].file, path);
	assert_int_equal(c.overrides[0].line, 17);
	assert_int_equal(c.overrides[0].col, 3);
	assert_string_equal(c.overrides[1].rule, "write-route-unreachable");
	assert_false(c.overrides[1].disabled);
	assert_true(c.overrides[1].has_severity);
	assert_int_equal(c.overrides[1].severity, EG_SEV_WARNING);
	assert_int_equal(c.overrides[1].line, 18);
	eg_config_release(&c);
	unlink(path);
	eg_free(path);
}

static void test_config__empty_file_keeps_defaults(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;
	char *path = write_temp("");

	(void)state;
	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, path, &err), 0);
	assert_string_equal(c.file, path);
	assert_defaults(&c);
	eg_config_release(&c);
	unlink(path);
	eg_free(path);

	eg_config_init(&c);
	load_ok(&c, "# nothing set yet\n\n");
	assert_defaults(&c);
	eg_config_release(&c);

	/* sections that are present but set nothing change nothing */
	eg_config_init(&c);
	load_ok(&c, "environments: {}\nrules: {}\n");
	assert_defaults(&c);
	eg_config_release(&c);
}

static void test_config__fail_on(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "fail_on: never\n");
	assert_true(c.has_fail_on);
	assert_int_equal(c.fail_on, EG_SEV_NONE);
	eg_config_release(&c);

	eg_config_init(&c);
	load_ok(&c, "fail_on: note\n");
	assert_int_equal(c.fail_on, EG_SEV_NOTE);
	eg_config_release(&c);

	expect_error("fail_on: fatal\n", 1, 10,
		     "expected error, warning, note or never, not 'fatal'");
	expect_error("fail_on: ERROR\n", 1, 10, "not 'ERROR'");
	expect_error("fail_on: ''\n", 1, 10, "severity must be a non-empty string");
	expect_error("fail_on: [error]\n", 1, 10, "severity must be a non-empty string");
}

static void test_config__unknown_severity(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "unknown_severity: error\n");
	assert_true(c.unknown_severity_set);
	assert_int_equal(c.unknown_severity, EG_SEV_ERROR);
	eg_config_release(&c);

	/* "never" would hide what cannot be verified */
	expect_error("unknown_severity: never\n", 1, 19, "expected error, warning or note, not 'never'");
	expect_error("fail_on: error\nunknown_severity: loud\n", 2, 19, "not 'loud'");
}

static void test_config__unknown_keys(void **state)
{
	(void)state;
	expect_error("fail_on: error\ncolour: red\n", 2, 1,
		     "unknown key 'colour' in config (expected one of: fail_on, unknown_severity, "
		     "routes, session, quotas, environments, rules, select, skip, waivers, tls_floor)");
	expect_error("environments:\n  tokenz: {}\n", 2, 3,
		     "unknown key 'tokenz' in environments (expected one of: tag_keys, tokens, resources)");
	expect_error("routes:\n  - path: /a\n    method: [GET]\n", 3, 5,
		     "unknown key 'method' in route (expected one of: path, methods)");
	expect_error("rules:\n  r: {enable: false}\n", 2, 7,
		     "unknown key 'enable' in rule setting (expected one of: enabled, severity)");
	expect_error("environments:\n  resources:\n    - {match: a, env: dev}\n", 3, 18,
		     "unknown key 'env' in environment mapping (expected one of: match, environment)");
}

static void test_config__document_shape(void **state)
{
	(void)state;
	expect_error("- fail_on: error\n", 1, 1, "the config file must be a mapping");
	expect_error("fail_on\n", 1, 1, "the config file must be a mapping");
}

static void test_config__yaml_syntax_error(void **state)
{
	(void)state;
	expect_error("fail_on: [error\nrules: {}\n", 2, 6, "did not find expected ',' or ']'");
	expect_error("fail_on: error\nfail_on: note\n", 2, 1, "duplicate key 'fail_on' (first at 1:1)");
	expect_error("rules:\n  - a\n  b: c\n", 3, 3, "did not find expected '-' indicator");
}

static void test_config__yaml_limits_are_config_errors(void **state)
{
	char yaml[2048];
	size_t len;
	int i;

	(void)state;
	/* the root mapping is one level: the 512th '[' is one too many */
	len = (size_t)snprintf(yaml, sizeof(yaml), "routes: ");
	for (i = 0; i < 600; i++)
		yaml[len++] = '[';
	for (i = 0; i < 600; i++)
		yaml[len++] = ']';
	yaml[len] = '\0';
	expect_error(yaml, 1, 8 + 512, "nesting deeper than 512");
}

static void test_config__unreadable_file(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;
	char dir[] = "/tmp/test_config.XXXXXX";
	char missing[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(missing, sizeof(missing), "%s/missing.yml", dir);
	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, missing, &err), EG_ERR_IO);
	assert_int_equal(err.code, EG_ERR_IO);
	assert_string_equal(err.file, missing);
	assert_defaults(&c);
	memset(&err, 0, sizeof(err));
	assert_int_equal(eg_config_load(&c, dir, &err), EG_ERR_IO);
	assert_string_equal(err.file, dir);
	eg_config_release(&c);
	assert_int_equal(rmdir(dir), 0);
}

/* --- routes ---------------------------------------------------------------- */

static void test_config__routes(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "routes: []\n");
	assert_int_equal(c.nroutes, 0); /* no write routes to check */
	eg_config_release(&c);

	/* the check ignores case; evaluation compares with capitals */
	eg_config_init(&c);
	load_ok(&c, "routes: [{path: /a, methods: [post, Patch]}]\n");
	assert_int_equal(c.nroutes, 1);
	assert_string_equal(c.routes[0].methods[0], "POST");
	assert_string_equal(c.routes[0].methods[1], "PATCH");
	eg_config_release(&c);

	expect_error("routes: /api/*\n", 1, 9, "routes must be a list of {path, methods}");
	expect_error("routes: {path: /api/*}\n", 1, 9, "routes must be a list of {path, methods}");
	expect_error("routes: [/api/*]\n", 1, 10, "a route must be a mapping");
	expect_error("routes:\n  - methods: [POST]\n", 2, 5, "route path is missing");
	expect_error("routes: [{path: ''}]\n", 1, 17, "route path must be a non-empty string");
	expect_error("routes: [{path: [a]}]\n", 1, 17, "route path must be a non-empty string");
	expect_error("routes:\n  - path: /api/*\n    methods: [POST, FETCH]\n", 3, 21,
		     "unknown HTTP method 'FETCH'");
	expect_error("routes:\n  - path: /api/*\n    methods: []\n", 3, 14,
		     "methods must be a non-empty list of strings");
	expect_error("routes:\n  - path: /api/*\n    methods: POST\n", 3, 14,
		     "methods must be a non-empty list of strings");
	expect_error("routes:\n  - path: /api/*\n    methods: [POST, '']\n", 3, 21,
		     "methods must be a non-empty string");
}

static void test_config__session_and_quotas(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "session:\n  routes: [/auth/*, /account/*]\n  cookies: [sessionid]\n"
		    "quotas: {cache_behaviors: 150}\n");
	assert_int_equal(c.nsession_routes, 2);
	assert_string_equal(c.session_routes[1], "/account/*");
	assert_int_equal(c.nsession_cookies, 1);
	assert_string_equal(c.session_cookies[0], "sessionid");
	assert_int_equal(c.behavior_quota, 150);
	assert_default_routes(&c); /* write routes are separate */
	eg_config_release(&c);

	expect_error("session: [/auth/*]\n", 1, 10, "session must be a mapping");
	expect_error("session: {paths: [/auth/*]}\n", 1, 11, "paths");
	expect_error("session: {routes: []}\n", 1, 19, "session.routes must be a non-empty list");
	expect_error("quotas: {cache_behaviors: 0}\n", 1, 27, "whole number from 1 to 100000");
	expect_error("quotas: {cache_behaviors: lots}\n", 1, 27, "not 'lots'");
	expect_error("quotas: {behaviors: 10}\n", 1, 10, "behaviors");
}

/* --- environments ---------------------------------------------------------- */

static void test_config__environments(void **state)
{
	(void)state;
	expect_error("environments: [a]\n", 1, 15, "environments must be a mapping");
	expect_error("environments:\n  tag_keys: []\n", 2, 13, "tag_keys must be a non-empty list of strings");
	expect_error("environments:\n  tag_keys: Env\n", 2, 13, "tag_keys must be a non-empty list of strings");
}

static void test_config__environment_tokens(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "environments:\n  tokens:\n    dev: [devbox]\n");
	assert_int_equal(c.vocab.n, eg_env_default_vocab()->n);
	assert_string_equal(eg_env_from_name(&c.vocab, "api-devbox", NULL), "dev");
	assert_null(eg_env_from_name(&c.vocab, "api-dev", NULL));
	eg_config_release(&c);

	expect_error("environments:\n  tokens: [prod]\n", 2, 11, "environments.tokens must be a mapping");
	expect_error("environments:\n  tokens:\n    perf: perf\n", 3, 11,
		     "tokens must be a non-empty list of strings");
	expect_error("environments:\n  tokens: {perf: []}\n", 2, 18, "tokens must be a non-empty list of strings");
	expect_error("environments:\n  tokens: {perf: [perf, '']}\n", 2, 25,
		     "tokens must be a non-empty string");
}

static void test_config__environment_resources(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "environments:\n"
		    "  resources:\n"
		    "    - {match: 'aws_cloudfront_distribution.web*', environment: production}\n"
		    "    - match: module.dev\n"
		    "      environment: dev\n");
	assert_int_equal(c.nenv_rules, 2);
	assert_string_equal(c.env_rules[0].pattern, "aws_cloudfront_distribution.web*");
	assert_string_equal(c.env_rules[0].env, "production");
	assert_non_null(strstr(c.env_rules[0].origin, ":3"));
	assert_string_equal(c.env_rules[1].pattern, "module.dev");
	assert_non_null(strstr(c.env_rules[1].origin, ":4"));
	eg_config_release(&c);

	expect_error("environments:\n  resources: {match: a}\n", 2, 14,
		     "environments.resources must be a list of {match, environment}");
	expect_error("environments:\n  resources: [a]\n", 2, 15, "an environment mapping must be a mapping");
	expect_error("environments:\n  resources:\n    - environment: dev\n", 3, 7, "match is missing");
	expect_error("environments:\n  resources:\n    - match: a\n", 3, 7, "environment is missing");
	expect_error("environments:\n  resources: [{match: a, environment: ''}]\n", 2, 39,
		     "environment must be a non-empty string");
	expect_error("environments:\n  resources: [{match: '', environment: dev}]\n", 2, 23,
		     "match must be a non-empty string");
}

/* --- rule settings --------------------------------------------------------- */

static void test_config__rule_settings(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "rules:\n  a: {enabled: true}\n  b: {}\n  c: {severity: note}\n");
	assert_int_equal(c.noverrides, 3);
	assert_false(c.overrides[0].disabled);
	assert_false(c.overrides[0].has_severity);
	assert_false(c.overrides[1].disabled);
	assert_int_equal(c.overrides[2].severity, EG_SEV_NOTE);
	assert_int_equal(c.overrides[2].line, 4);
	eg_config_release(&c);

	expect_error("rules: [a]\n", 1, 8, "rules must be a mapping");
	expect_error("rules:\n  r: off\n", 2, 6, "a rule setting must be a mapping");
	expect_error("rules:\n  r: {enabled: 'false'}\n", 2, 16, "enabled must be true or false");
	expect_error("rules:\n  r: {enabled: yes}\n", 2, 16, "enabled must be true or false");
	expect_error("rules:\n  r: {enabled: 0}\n", 2, 16, "enabled must be true or false");
	expect_error("rules:\n  r: {severity: never}\n", 2, 17, "expected error, warning or note, not 'never'");
	expect_error("rules:\n  r: {severity: ''}\n", 2, 17, "severity must be a non-empty string");
}

static void test_config__second_file_applies_on_top(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "fail_on: warning\n"
		    "rules:\n"
		    "  a: {enabled: false}\n"
		    "  b: {severity: note}\n"
		    "  c: {severity: warning}\n");
	load_ok(&c, "rules:\n"
		    "  b: {severity: error}\n"
		    "  d: {enabled: false}\n");
	assert_int_equal(c.fail_on, EG_SEV_WARNING);
	assert_int_equal(c.noverrides, 4);
	assert_string_equal(c.overrides[0].rule, "a");
	assert_true(c.overrides[0].disabled);
	assert_string_equal(c.overrides[1].rule, "b");
	assert_int_equal(c.overrides[1].severity, EG_SEV_ERROR); /* the later file wins */
	assert_int_equal(c.overrides[1].line, 2);
	assert_string_equal(c.overrides[2].rule, "c");
	assert_int_equal(c.overrides[2].severity, EG_SEV_WARNING);
	assert_string_equal(c.overrides[3].rule, "d");
	assert_true(c.overrides[3].disabled);
	eg_config_release(&c);
}

/* --- --env ----------------------------------------------------------------- */

static void test_config__env_args(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;

	(void)state;
	eg_config_init(&c);
	assert_int_equal(eg_config_add_env_arg(&c, "production", &err), 0);
	assert_int_equal(c.nenv_rules, 1);
	assert_string_equal(c.env_rules[0].pattern, "*");
	assert_string_equal(c.env_rules[0].env, "production");
	assert_string_equal(c.env_rules[0].origin, "--env");

	assert_int_equal(eg_config_add_env_arg(&c, "module.a*=staging", &err), 0);
	assert_int_equal(c.nenv_rules, 2);
	assert_string_equal(c.env_rules[1].pattern, "module.a*");
	assert_string_equal(c.env_rules[1].env, "staging");
	assert_string_equal(c.env_rules[1].origin, "--env");
	eg_config_release(&c);
}

static void test_config__bad_env_args(void **state)
{
	static const char *const bad[] = { "=x", "x=", "", "=" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		eg_config c;
		eg_error err = EG_ERROR_INIT;
		char want[128];

		eg_config_init(&c);
		assert_int_equal(eg_config_add_env_arg(&c, bad[i], &err), EG_ERR_USAGE);
		assert_int_equal(err.code, EG_ERR_USAGE);
		assert_string_equal(err.file, "");
		assert_int_equal(err.line, 0);
		snprintf(want, sizeof(want), "--env takes ENV or PATTERN=ENV, not '%s'", bad[i]);
		assert_string_equal(err.message, want);
		assert_int_equal(c.nenv_rules, 0);
		eg_config_release(&c);
	}
}

static void test_config__env_args_follow_config_resources(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "environments:\n  resources: [{match: 'a*', environment: dev}]\n");
	assert_int_equal(eg_config_add_env_arg(&c, "b*=qa", &err), 0);
	assert_int_equal(c.nenv_rules, 2);
	assert_string_equal(c.env_rules[0].env, "dev");
	assert_string_equal(c.env_rules[1].env, "qa");
	eg_config_release(&c);
}

static void test_config__waivers(void **state)
{
	eg_config c;
	eg_error err = EG_ERROR_INIT;
	char *path = write_temp("waivers:\n"
				"  - rule: alias-claimed-twice\n"
				"    resource: module.old.*\n"
				"    reason: cut-over window\n"
				"    expires: 2028-02-29\n"
				"  - {rule: alias-move-gap, resource: x, reason: y}\n");
	(void)state;
	eg_config_init(&c);
	assert_int_equal(eg_config_load(&c, path, &err), 0);
	assert_int_equal(c.waivers.n, 2);
	assert_string_equal(c.waivers.items[0].rule, "alias-claimed-twice");
	assert_string_equal(c.waivers.items[0].resource, "module.old.*");
	assert_string_equal(c.waivers.items[0].reason, "cut-over window");
	assert_string_equal(c.waivers.items[0].expires, "2028-02-29");
	assert_int_equal(c.waivers.items[0].line, 2);
	assert_int_equal(c.waivers.items[0].col, 5);
	assert_string_equal(c.waivers.items[1].expires, "");
	assert_null(c.waivers.items[1].stack);
	eg_config_release(&c);
	unlink(path);
	eg_free(path);
}

static void test_config__waiver_errors(void **state)
{
	(void)state;
	expect_error("waivers: {rule: a}\n", 1, 10, "waivers must be a list");
	expect_error("waivers: [x]\n", 1, 11, "a waiver must be a mapping");
	expect_error("waivers:\n  - {rule: a, resource: b}\n", 2, 5, "a waiver needs `reason`");
	expect_error("waivers:\n  - {rule: a, reason: b}\n", 2, 5, "a waiver needs `resource`");
	expect_error("waivers:\n  - {rule: a, resource: b, reason: ''}\n", 2, 36,
		     "waiver `reason` must be a non-empty string");
	expect_error("waivers:\n  - {rule: a, resource: b, reason: c, expires: 2027-02-29}\n", 2, 48,
		     "must be a date YYYY-MM-DD, not '2027-02-29'");
	expect_error("waivers:\n  - {rule: a, resource: b, reason: c, until: 2027-01-01}\n", 2, 39,
		     "unknown key 'until' in waiver");
	expect_error("waivers:\n  - {rule: [a], resource: b, reason: c}\n", 2, 12,
		     "waiver `rule` must be a non-empty string");
}

static void test_config__dates(void **state)
{
	(void)state;
	assert_true(eg_date_valid("2024-02-29"));
	assert_true(eg_date_valid("2000-02-29"));
	assert_false(eg_date_valid("1900-02-29"));
	assert_false(eg_date_valid("2027-04-31"));
	assert_false(eg_date_valid("2027-00-10"));
	assert_false(eg_date_valid("2027-1-10"));
	assert_false(eg_date_valid("2027-01-10T00:00"));
	assert_true(eg_date_valid("2027-12-31"));
}

/* mkdtemp'd root: root/repo/.git (a file, as in a worktree), root/repo/a/b */
static void touch(const char *root, const char *rel)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("fail_on: warning\n", f);
	fclose(f);
}

static void rm(const char *root, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	unlink(path);
	rmdir(path);
}

static void expect_found(const char *dir, const char *want)
{
	eg_error err = EG_ERROR_INIT;
	char *path = (char *)"unset";

	assert_int_equal(eg_config_find(dir, &path, &err), 0);
	if (!want)
		assert_null(path);
	else {
		assert_non_null(path);
		assert_string_equal(path, want);
	}
	eg_free(path);
}

/* tls_floor is one of the listed policies: a newer one could not be
 * compared with what inputs say, a typo would make the rule unknown. */
static void test_config__tls_floor(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "tls_floor: TLSv1.2_2021\n");
	assert_string_equal(c.tls_floor, "TLSv1.2_2021");
	eg_config_release(&c);
	expect_error("tls_floor: TLSv1.2\n", 1, 12,
		     "tls_floor 'TLSv1.2' is not a viewer TLS security policy (known: SSLv3, TLSv1,");
	expect_error("tls_floor: TLSv1.2_2030\n", 1, 12, "is not a viewer TLS security policy");
	expect_error("tls_floor: [TLSv1]\n", 1, 12, "tls_floor");
}

static void test_config__find(void **state)
{
	char root[] = "/tmp/edgegate-find.XXXXXX", dir[700], want[800], sub[600];
	eg_error err = EG_ERROR_INIT;
	char *path = NULL;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(dir, sizeof(dir), "%s/repo", root);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/repo/a", root);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/repo/a/b", root);
	assert_int_equal(mkdir(sub, 0700), 0);
	touch(root, "repo/.git");

	/* Nothing anywhere; a config above the repository root never counts. */
	touch(root, ".edgegate.yml");
	expect_found(sub, NULL);
	/* At the root of the repository, found from two levels down. */
	touch(root, "repo/.edgegate.yaml");
	snprintf(want, sizeof(want), "%s/../../.edgegate.yaml", sub);
	expect_found(sub, want);
	/* The nearest one wins, with a trailing slash on the start too. */
	touch(root, "repo/a/.edgegate.yml");
	snprintf(dir, sizeof(dir), "%s/", sub);
	snprintf(want, sizeof(want), "%s/../.edgegate.yml", sub);
	expect_found(dir, want);
	/* Both names in one directory: an error naming both. */
	touch(root, "repo/a/b/.edgegate.yml");
	touch(root, "repo/a/b/.edgegate.yaml");
	assert_int_equal(eg_config_find(sub, &path, &err), EG_ERR_CONFIG);
	assert_null(path);
	assert_non_null(strstr(err.message, "b/.edgegate.yml and "));
	assert_non_null(strstr(err.message, "b/.edgegate.yaml exist"));
	rm(root, "repo/a/b/.edgegate.yml");
	snprintf(want, sizeof(want), "%s/.edgegate.yaml", sub);
	expect_found(sub, want);
	rm(root, "repo/a/b/.edgegate.yaml");
	/* .git as a directory stops the search too. */
	rm(root, "repo/a/.edgegate.yml");
	rm(root, "repo/.edgegate.yaml");
	rm(root, "repo/.git");
	snprintf(dir, sizeof(dir), "%s/repo/.git", root);
	assert_int_equal(mkdir(dir, 0700), 0);
	expect_found(sub, NULL);
	/* Outside a repository: only the directory itself. */
	rm(root, "repo/.git");
	expect_found(sub, NULL);
	snprintf(dir, sizeof(dir), "%s", root);
	snprintf(want, sizeof(want), "%s/.edgegate.yml", root);
	expect_found(dir, want);

	rm(root, ".edgegate.yml");
	rm(root, "repo/a/b");
	rm(root, "repo/a");
	rm(root, "repo");
	rmdir(root);
}

/* select:/skip: keep each entry and where it was written; the command
 * line's --rule/--tag replace select:, its skips add to skip:. */
static void test_config__selection(void **state)
{
	eg_config c;

	(void)state;
	eg_config_init(&c);
	load_ok(&c, "select:\n  rules: [alias-*]\n  tags: [outage]\n"
		    "skip:\n  rules: [alias-move-gap]\n  tags: [hygiene]\n");
	assert_int_equal(c.select[EG_SELECT_RULES].n, 1);
	assert_string_equal(c.select[EG_SELECT_RULES].items[0].pattern, "alias-*");
	assert_int_equal(c.select[EG_SELECT_RULES].items[0].line, 2);
	assert_int_equal(c.select[EG_SELECT_RULES].items[0].col, 11);
	assert_non_null(c.select[EG_SELECT_RULES].items[0].file);
	assert_string_equal(c.select[EG_SELECT_TAGS].items[0].pattern, "outage");
	assert_string_equal(c.select[EG_SKIP_RULES].items[0].pattern, "alias-move-gap");
	assert_string_equal(c.select[EG_SKIP_TAGS].items[0].pattern, "hygiene");
	eg_config_add_select_arg(&c, EG_SKIP_TAGS, "security");
	assert_int_equal(c.select[EG_SKIP_TAGS].n, 2);
	assert_int_equal(c.select[EG_SELECT_RULES].n, 1);
	eg_config_add_select_arg(&c, EG_SELECT_TAGS, "dns");
	assert_int_equal(c.select[EG_SELECT_RULES].n, 0);
	assert_int_equal(c.select[EG_SELECT_TAGS].n, 1);
	assert_string_equal(c.select[EG_SELECT_TAGS].items[0].pattern, "dns");
	assert_null(c.select[EG_SELECT_TAGS].items[0].file);
	eg_config_add_select_arg(&c, EG_SELECT_RULES, "x");
	assert_int_equal(c.select[EG_SELECT_TAGS].n, 1); /* replaced once, then added */
	assert_string_equal(eg_select_name(EG_SKIP_RULES, true), "--skip-rule");
	assert_string_equal(eg_select_name(EG_SKIP_RULES, false), "skip.rules");
	eg_config_release(&c);

	expect_error("select: [a]\n", 1, 9, "select must be a mapping");
	expect_error("select:\n  rule: [a]\n", 2, 3, "unknown key 'rule'");
	expect_error("skip:\n  tags: hygiene\n", 2, 9, "skip.tags must be a list");
	expect_error("skip:\n  rules: ['']\n", 2, 11, "non-empty string");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config__defaults),
		cmocka_unit_test(test_config__severity_names),
		cmocka_unit_test(test_config__every_key),
		cmocka_unit_test(test_config__empty_file_keeps_defaults),
		cmocka_unit_test(test_config__fail_on),
		cmocka_unit_test(test_config__unknown_severity),
		cmocka_unit_test(test_config__unknown_keys),
		cmocka_unit_test(test_config__document_shape),
		cmocka_unit_test(test_config__yaml_syntax_error),
		cmocka_unit_test(test_config__yaml_limits_are_config_errors),
		cmocka_unit_test(test_config__unreadable_file),
		cmocka_unit_test(test_config__routes),
		cmocka_unit_test(test_config__session_and_quotas),
		cmocka_unit_test(test_config__environments),
		cmocka_unit_test(test_config__environment_tokens),
		cmocka_unit_test(test_config__environment_resources),
		cmocka_unit_test(test_config__rule_settings),
		cmocka_unit_test(test_config__second_file_applies_on_top),
		cmocka_unit_test(test_config__env_args),
		cmocka_unit_test(test_config__bad_env_args),
		cmocka_unit_test(test_config__env_args_follow_config_resources),
		cmocka_unit_test(test_config__waivers),
		cmocka_unit_test(test_config__waiver_errors),
		cmocka_unit_test(test_config__dates),
		cmocka_unit_test(test_config__tls_floor),
		cmocka_unit_test(test_config__find),
		cmocka_unit_test(test_config__selection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

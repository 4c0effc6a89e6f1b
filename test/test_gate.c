/* test_gate.c - waivers, expiry, unused waivers and the baseline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "gate.h"
#include "testutil.h"

typedef struct fixture {
	eg_ruleset rs;
	eg_config c;
	eg_model *m;
	eg_findings f;
	eg_gate g;
} fixture;

static int setup(void **state)
{
	fixture *x = eg_xcalloc(1, sizeof(*x));
	eg_rule *r = NULL;
	const char *ids[] = { "no-aliases", "claimed-twice" };
	size_t i;

	eg_ruleset_init(&x->rs);
	for (i = 0; i < 2; i++) {
		r = eg_arena_alloc(&x->rs.arena, sizeof(*r));
		r->id = ids[i];
		r->title = ids[i];
		r->remediation = "fix it";
		r->severity = EG_SEV_ERROR;
		EG_ALLOC_GROW(x->rs.rules, x->rs.n + 1, x->rs.alloc);
		x->rs.rules[x->rs.n++] = r;
	}
	eg_config_init(&x->c);
	x->m = eg_model_new();
	eg_findings_init(&x->f);
	x->g.today = "2026-11-23";
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	fixture *x = *state;
	eg_findings_release(&x->f);
	eg_model_free(x->m);
	eg_config_release(&x->c);
	eg_ruleset_release(&x->rs);
	eg_free(x);
	return 0;
}

static eg_finding *add(fixture *x, size_t rule, const char *resource, const char *fp)
{
	eg_finding *f;

	EG_ALLOC_GROW(x->f.items, x->f.n + 1, x->f.alloc);
	f = &x->f.items[x->f.n++];
	memset(f, 0, sizeof(*f));
	f->rule = x->rs.rules[rule];
	f->severity = EG_SEV_ERROR;
	f->resource = resource;
	f->message = "broken";
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%s", fp);
	return f;
}

static eg_waiver *waive(eg_waivers *ws, const char *rule, const char *resource, const char *expires)
{
	eg_waiver *w;

	EG_ALLOC_GROW(ws->items, ws->n + 1, ws->alloc);
	w = &ws->items[ws->n++];
	memset(w, 0, sizeof(*w));
	w->rule = rule;
	w->resource = resource;
	w->reason = "accepted";
	w->file = ".edgegate.yml";
	w->line = 7;
	w->col = 5;
	snprintf(w->expires, sizeof(w->expires), "%s", expires);
	return w;
}

static void glob_waiver_suppresses(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;

	add(x, 0, "module.cdn[\"eu\"].aws_cloudfront_distribution.this", "a");
	add(x, 0, "aws_cloudfront_distribution.other", "b");
	waive(&x->c.waivers, "no-aliases", "module.cdn[\"eu\"].*", "");
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), 0);
	assert_int_equal(x->f.items[0].suppressed, EG_SUPPRESS_WAIVER);
	assert_int_equal(x->f.items[1].suppressed, EG_SUPPRESS_NONE);
	assert_int_equal(eg_findings_count_suppressed(&x->f, EG_SUPPRESS_WAIVER), 1);
	assert_true(x->g.failed); /* the other one still counts */
	assert_int_equal(x->f.n, 2);  /* no unused-waiver note */
}

static void wrong_rule_does_not_suppress(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;

	add(x, 0, "a", "a");
	waive(&x->c.waivers, "claimed-twice", "a", "");
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), 0);
	assert_int_equal(x->f.items[0].suppressed, EG_SUPPRESS_NONE);
	assert_true(x->g.failed);
	assert_int_equal(x->f.n, 2);
	assert_string_equal(x->f.items[1].rule->id, "unused-waiver");
}

/* `expires` is the first day the waiver no longer applies. */
static void expiry_boundary(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;

	add(x, 0, "a", "a");
	add(x, 1, "a", "b");
	waive(&x->c.waivers, "no-aliases", "a", "2026-11-24");
	waive(&x->c.waivers, "claimed-twice", "a", "2026-11-23");
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), 0);
	assert_int_equal(x->f.items[0].suppressed, EG_SUPPRESS_WAIVER);
	assert_int_equal(x->f.items[1].suppressed, EG_SUPPRESS_NONE);
	assert_true(x->f.items[1].waiver_expired);
	assert_non_null(strstr(x->f.items[1].message,
			       "(the waiver at .edgegate.yml:7:5 expired on 2026-11-23: accepted)"));
	assert_int_equal(x->f.n, 2); /* an expired match is not unused */
	assert_true(x->g.failed);
}

static void unused_waiver_is_a_note(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;
	const eg_finding *n;

	waive(&x->c.waivers, "no-aliases", "gone.*", "");
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), 0);
	assert_int_equal(x->f.n, 1);
	n = &x->f.items[0];
	assert_string_equal(n->rule->id, "unused-waiver");
	assert_int_equal(n->severity, EG_SEV_NOTE);
	assert_string_equal(n->loc.src->path, ".edgegate.yml");
	assert_int_equal(n->loc.line, 7);
	assert_int_equal(strlen(n->fingerprint), 32);
	assert_false(x->g.failed); /* a note, under the default fail_on error */
	assert_string_equal(x->rs.rules[x->rs.n - 1]->id, "unused-waiver");
}

static void waiver_for_unloaded_rule_is_an_error(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;

	waive(&x->c.waivers, "no-such-rule", "*", "");
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), EG_ERR_CONFIG);
	assert_string_equal(err.file, ".edgegate.yml");
	assert_int_equal(err.line, 7);
	assert_non_null(strstr(err.message, "'no-such-rule'"));
}

/* Metadata waivers hold only in their own stack; CDK users may name the
 * construct path. */
static void stack_and_construct_path(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;
	eg_finding *a = add(x, 0, "Dist", "a"), *b = add(x, 0, "Dist", "b"), *c;

	a->stack = "ProdStack";
	b->stack = "DevStack";
	c = add(x, 1, "Dist2", "c");
	c->construct_path = "ProdStack/Site/Distribution/Resource";
	waive(&x->m->waivers, "no-aliases", "Dist", "")->stack = "DevStack";
	waive(&x->c.waivers, "claimed-twice", "ProdStack/Site/*", "");
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), 0);
	assert_int_equal(x->f.items[0].suppressed, EG_SUPPRESS_NONE);
	assert_int_equal(x->f.items[1].suppressed, EG_SUPPRESS_WAIVER);
	assert_int_equal(x->f.items[2].suppressed, EG_SUPPRESS_WAIVER);
}

static void baseline_round_trip(void **state)
{
	fixture *x = *state;
	eg_error err = EG_ERROR_INIT;
	eg_baseline bl;
	char *path = test_write_temp("", 0);

	add(x, 0, "a", "0123456789abcdef0123456789abcdef");
	add(x, 1, "b", "fedcba9876543210fedcba9876543210");
	assert_int_equal(eg_baseline_write(path, &x->f, &err), 0);
	/* a new finding appears after the baseline was written */
	add(x, 1, "c", "00000000000000000000000000000000");
	assert_int_equal(eg_baseline_load(&bl, path, &err), 0);
	assert_int_equal(bl.n, 2);
	x->g.baseline = &bl;
	assert_int_equal(eg_gate_apply(&x->g, &x->f, &x->rs, &x->c, x->m, &err), 0);
	assert_int_equal(x->f.items[0].suppressed, EG_SUPPRESS_BASELINE);
	assert_int_equal(x->f.items[1].suppressed, EG_SUPPRESS_BASELINE);
	assert_int_equal(x->f.items[2].suppressed, EG_SUPPRESS_NONE);
	assert_int_equal(eg_findings_count_suppressed(&x->f, EG_SUPPRESS_BASELINE), 2);
	assert_true(x->g.failed);
	eg_baseline_release(&bl);
	unlink(path);
	eg_free(path);
}

static void expect_baseline_error(const char *text, int line, int col, const char *needle)
{
	eg_error err = EG_ERROR_INIT;
	eg_baseline bl;
	char *path = test_write_temp(text, strlen(text));
	int rc = eg_baseline_load(&bl, path, &err);

	unlink(path);
	eg_free(path);
	if (rc != EG_ERR_INPUT || err.line != line || err.col != col || !strstr(err.message, needle))
		fail_msg("got %d %d:%d %s; want %d:%d ...%s...", rc, err.line, err.col, err.message,
			 line, col, needle);
	assert_null(bl.fingerprints);
}

static void baseline_errors(void **state)
{
	(void)state;
	expect_baseline_error("[]", 1, 1, "expected a JSON object");
	expect_baseline_error("{\"edgegate_baseline\": 2, \"findings\": []}", 1, 23,
			      "`edgegate_baseline` must be 1");
	expect_baseline_error("{\"edgegate_baseline\": 1}", 1, 1, "`findings` must be a list");
	expect_baseline_error("{\"edgegate_baseline\": 1, \"findings\": [{\"rule\": \"x\"}]}", 1, 39,
			      "32-digit `fingerprint`");
	expect_baseline_error("{\"edgegate_baseline\": 1,\n \"findings\": [{\"fingerprint\": "
			      "\"0123456789ABCDEF0123456789abcdef\"}]}", 2, 31, "lowercase hex");
	expect_baseline_error("{\"edgegate_baseline\": 1, \"extra\": 1, \"findings\": []}", 1, 26,
			      "unknown key 'extra'");
}

static void baseline_truncated_and_missing(void **state)
{
	eg_error err = EG_ERROR_INIT;
	eg_baseline bl;
	char *path = test_write_temp("{\"edgegate_baseline\": 1, \"findings\": [", 38);
	(void)state;
	assert_int_equal(eg_baseline_load(&bl, path, &err), EG_ERR_INPUT);
	assert_int_equal(err.line, 1);
	unlink(path);
	assert_int_equal(eg_baseline_load(&bl, path, &err), EG_ERR_IO);
	eg_free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(glob_waiver_suppresses, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_rule_does_not_suppress, setup, teardown),
		cmocka_unit_test_setup_teardown(expiry_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(unused_waiver_is_a_note, setup, teardown),
		cmocka_unit_test_setup_teardown(waiver_for_unloaded_rule_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(stack_and_construct_path, setup, teardown),
		cmocka_unit_test_setup_teardown(baseline_round_trip, setup, teardown),
		cmocka_unit_test(baseline_errors),
		cmocka_unit_test(baseline_truncated_and_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

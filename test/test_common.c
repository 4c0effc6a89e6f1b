/* test_common.c - unit tests for the shared helpers (common.h): paths,
 * the glob matcher, suggestions and running out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static void expect_normal(const char *in, const char *want)
{
	char *got = eg_path_normalize(in);
	if (strcmp(got, want))
		fail_msg("eg_path_normalize(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	eg_free(got);
}

static void test_common__path_normalize(void **state)
{
	(void)state;
	expect_normal("build/../rules/a.yml", "rules/a.yml");
	expect_normal("/work/repo/build/../rules//a.yml", "/work/repo/rules/a.yml");
	expect_normal("./in/./plan.json", "in/plan.json");
	expect_normal("in//plan.json", "in/plan.json");
	expect_normal("../x/../../y", "../../y");
	expect_normal("a/b/../../..", "..");
	expect_normal("a/..", ".");
	expect_normal("", ".");
	expect_normal(".", ".");
	expect_normal("/", "/");
	expect_normal("/..", "/");
	expect_normal("/../a/", "/a");
	expect_normal("rules/", "rules");
	expect_normal("..a/.b/c..", "..a/.b/c..");
}

static void test_common__glob_semantics(void **state)
{
	(void)state;
	assert_true(eg_glob_match("", ""));
	assert_false(eg_glob_match("", "a"));
	assert_true(eg_glob_match("*", ""));
	assert_true(eg_glob_match("*", "anything/at all"));
	assert_true(eg_glob_match("**", ""));
	assert_false(eg_glob_match("?", ""));
	assert_true(eg_glob_match("?", "a"));
	assert_false(eg_glob_match("?", "ab"));
	assert_true(eg_glob_match("a?c", "abc"));
	assert_false(eg_glob_match("a?c", "ac"));
	assert_true(eg_glob_match("ab*", "ab"));
	assert_true(eg_glob_match("ab*", "abxyz"));
	assert_false(eg_glob_match("ab*", "a"));
	assert_true(eg_glob_match("*.example.com", "www.example.com"));
	assert_false(eg_glob_match("*.example.com", "example.com"));
	/* the prefix and the suffix may not share bytes */
	assert_false(eg_glob_match("a*a", "a"));
	assert_true(eg_glob_match("a*a", "aa"));
	assert_true(eg_glob_match("*a*a*", "aa"));
	assert_false(eg_glob_match("*a*a*", "ab"));
	assert_false(eg_glob_match("a*?", "a"));
	assert_true(eg_glob_match("*?*", "x"));
	assert_true(eg_glob_match("x*??*y", "x12y"));
	assert_false(eg_glob_match("x*??*y", "x1y"));
	assert_true(eg_glob_match("*a?c*", "zzabxabc"));
	assert_false(eg_glob_match("*a?c", "abcabd"));
	assert_true(eg_glob_match("*ab?ab?*", "abxabyabz"));
	/* case-sensitive; '[' and '\' are literal: there is no escape */
	assert_false(eg_glob_match("ABC", "abc"));
	assert_true(eg_glob_match("module.cdn[\"eu\"]*", "module.cdn[\"eu\"].this"));
	assert_false(eg_glob_match("module.cdn[ab]", "module.cdna"));
	assert_true(eg_glob_match("a\\*", "a\\xyz"));
	assert_false(eg_glob_match("a\\*", "a*"));
}

/* The backtracking definition the matcher must agree with. */
static bool reference(const char *p, const char *s)
{
	if (!*p)
		return !*s;
	if (*p == '*')
		return reference(p + 1, s) || (*s && reference(p, s + 1));
	return *s && (*p == '?' || *p == *s) && reference(p + 1, s + 1);
}

/* Every pattern up to 6 characters over {a, b, ?, *} against every subject
 * up to 6 characters over {a, b}. */
static void test_common__glob_agrees_with_reference(void **state)
{
	static const char pat_alpha[] = "ab?*", subj_alpha[] = "ab";
	char p[8], s[8];
	size_t plen, slen, pi, si, j, checked = 0;

	(void)state;
	for (plen = 0; plen <= 6; plen++) {
		size_t npat = 1;
		for (j = 0; j < plen; j++)
			npat *= 4;
		for (pi = 0; pi < npat; pi++) {
			size_t x = pi;
			for (j = 0; j < plen; j++, x /= 4)
				p[j] = pat_alpha[x % 4];
			p[plen] = '\0';
			for (slen = 0; slen <= 6; slen++) {
				for (si = 0; si < (1u << slen); si++) {
					for (j = 0; j < slen; j++)
						s[j] = subj_alpha[(si >> j) & 1];
					s[slen] = '\0';
					if (eg_glob_match(p, s) != reference(p, s))
						fail_msg("'%s' against '%s': got %d", p, s,
							 eg_glob_match(p, s));
					checked++;
				}
			}
		}
	}
	assert_true(checked > 500000);
}

/* Hostile sizes: a 2 MB subject against patterns that made the old
 * backtracking matcher quadratic.  No timing is asserted: the matcher is
 * linear by construction (common.c); this only shows the cases finish
 * and give the right answers. */
static void test_common__glob_pathological(void **state)
{
	size_t n = 2u << 20, m = 20000, i;
	char *s = eg_xmalloc(n + 1), *p = eg_xmalloc(2 * m + 3);

	(void)state;
	assert_non_null(s);
	assert_non_null(p);
	memset(s, 'a', n);
	s[n] = '\0';
	/* '*' then 20,000 literal bytes that almost match everywhere */
	p[0] = '*';
	memset(p + 1, 'a', m);
	p[1 + m] = 'b';
	p[2 + m] = '\0';
	assert_false(eg_glob_match(p, s));
	p[1 + m] = '\0';
	assert_true(eg_glob_match(p, s));
	/* many stars: *a*a*a...*b */
	for (i = 0; i < m; i++) {
		p[2 * i] = '*';
		p[2 * i + 1] = 'a';
	}
	p[2 * m] = '*';
	p[2 * m + 1] = 'b';
	p[2 * m + 2] = '\0';
	assert_false(eg_glob_match(p, s));
	s[n - 1] = 'b';
	assert_true(eg_glob_match(p, s));
	/* a segment with '?' */
	memcpy(p, "*a?a?a?b*", 10);
	assert_true(eg_glob_match(p, s));
	s[n - 1] = 'a';
	assert_false(eg_glob_match(p, s));
	eg_free(s);
	eg_free(p);
}

static void test_common__suggest(void **state)
{
	static const char *const envs[] = { "production", "staging", "dev", NULL, "canary" };

	(void)state;
	assert_string_equal(eg_suggest("prodution", envs, 5), "production");
	assert_string_equal(eg_suggest("STAGIN", envs, 5), "staging");
	/* too far from every candidate: no guess */
	assert_null(eg_suggest("qa", envs, 5));
	assert_null(eg_suggest("anything", envs, 0));
}

/* --- out of memory inside a guard (common.h) --------------------------- */

static int cleanups_run;

static void count_cleanup(void *arg)
{
	(void)arg;
	cleanups_run++;
}

/* A failed allocation frees what the guard owns, runs its cleanups (not
 * the popped ones) and returns to setjmp; a block from before stays. */
static void test_common__guard_unwinds(void **state)
{
	static eg_cleanup held, dropped;
	static char *keep;
	static size_t live0;
	eg_mem_guard g;

	(void)state;
	live0 = eg_mem_live_blocks();
	keep = eg_xstrdup("from before the guard");
	cleanups_run = 0;
	eg_mem_guard_enter(&g);
	if (setjmp(g.jump)) {
		assert_int_equal(cleanups_run, 1);
		assert_int_equal(eg_mem_live_blocks(), live0 + 1);
		assert_int_equal(eg_mem_failed_size(), 777);
		assert_false(eg_mem_fail_pending());
		assert_string_equal(keep, "from before the guard");
		eg_free(keep);
		assert_int_equal(eg_mem_live_blocks(), live0);
		return;
	}
	{
		char *a = eg_xmalloc(10), *b = eg_xcalloc(4, 8);
		a = eg_xrealloc(a, 4096); /* moved: its links follow it */
		(void)b;
		eg_cleanup_push(&held, count_cleanup, NULL);
		eg_cleanup_push(&dropped, count_cleanup, NULL);
		eg_cleanup_pop(&dropped);
		eg_mem_fail_nth(2);
		(void)eg_xmalloc(16);
		(void)eg_xmalloc(777); /* fails: never returns */
	}
	fail_msg("the second allocation should have failed");
}

/* Leaving an inner guard hands its live blocks and cleanups to the outer
 * one, which gives them back when it unwinds. */
static void test_common__guard_nests(void **state)
{
	static size_t live0;
	eg_mem_guard outer, inner;

	(void)state;
	live0 = eg_mem_live_blocks();
	cleanups_run = 0;
	eg_mem_guard_enter(&outer);
	if (setjmp(outer.jump)) {
		assert_int_equal(cleanups_run, 1);
		assert_int_equal(eg_mem_live_blocks(), live0);
		return;
	}
	eg_mem_guard_enter(&inner);
	if (setjmp(inner.jump))
		fail_msg("the inner guard saw no failure");
	{
		static eg_cleanup held;
		(void)eg_xstrdup("owned by the inner guard, then the outer");
		eg_cleanup_push(&held, count_cleanup, NULL);
	}
	eg_mem_guard_leave(&inner);
	assert_int_equal(eg_mem_live_blocks(), live0 + 1);
	eg_mem_fail_nth(1);
	(void)eg_xmalloc(8);
	fail_msg("the allocation should have failed");
}

/* Outside any guard a failure that may return does: NULL, counted. */
static void test_common__try_alloc_without_guard(void **state)
{
	size_t live0 = eg_mem_live_blocks();

	(void)state;
	eg_mem_fail_nth(1);
	assert_null(eg_mem_try_alloc(100));
	assert_int_equal(eg_mem_failed_size(), 100);
	eg_mem_fail(100); /* no guard: returns */
	assert_int_equal(eg_mem_live_blocks(), live0);
	eg_free(eg_mem_try_alloc(100));
	assert_int_equal(eg_mem_live_blocks(), live0);
}

/* The fast paths write what snprintf writes. */
static void test_common__number_formats_match_printf(void **state)
{
	static const double reals[] = { 0, -0.0, 1, -1, 7, 31536000, 999999, 1e6, -999999,
					-1e6, 0.5, 1.25e-7, 3e300, 86400.5, 12345678901.0 };
	static const size_t sizes[] = { 0, 9, 10, 65535, (size_t)-1 };
	char want[64], got[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(reals) / sizeof(*reals); i++) {
		snprintf(want, sizeof(want), "%g", reals[i]);
		eg_fmt_g(got, sizeof(got), reals[i]);
		assert_string_equal(got, want);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		snprintf(want, sizeof(want), "%zu", sizes[i]);
		assert_int_equal(eg_fmt_size(got, sizes[i]), strlen(want));
		assert_string_equal(got, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common__path_normalize),
		cmocka_unit_test(test_common__glob_semantics),
		cmocka_unit_test(test_common__glob_agrees_with_reference),
		cmocka_unit_test(test_common__glob_pathological),
		cmocka_unit_test(test_common__suggest),
		cmocka_unit_test(test_common__guard_unwinds),
		cmocka_unit_test(test_common__guard_nests),
		cmocka_unit_test(test_common__try_alloc_without_guard),
		cmocka_unit_test(test_common__number_formats_match_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_hostix.c - unit tests for the host-name index (hostix.h): which
 * items it offers as candidates for a host, in the order they were given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hostix.h"
#include "model.h"

#include <string.h>

static const char *const names[] = {
	"example.com", "WWW.Example.com.", "*.example.com", "a.b.example.com",
	"*.b.example.com", "other.org", NULL, "www.example.com",
};
#define N (sizeof(names) / sizeof(names[0]))

/* The candidates for host, as indexes into names. */
static size_t candidates(const char *host, size_t *out)
{
	static const void *items[N];
	eg_arena a;
	eg_hostix ix;
	const void **c;
	size_t i, n;

	for (i = 0; i < N; i++)
		items[i] = &names[i];
	eg_arena_init(&a);
	eg_hostix_build(&ix, &a, names, items, N);
	n = eg_hostix_candidates(&ix, &a, host, &c);
	for (i = 0; i < n; i++)
		out[i] = (size_t)((const char *const *)c[i] - names);
	eg_arena_release(&a);
	return n;
}

static void test_hostix__exact_and_covering_wildcards_in_order(void **state)
{
	size_t got[N], n;

	(void)state;
	/* www.example.com: both spellings of it, and *.example.com above it */
	n = candidates("www.example.com", got);
	assert_int_equal(n, 3);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 2);
	assert_int_equal(got[2], 7);
	/* a.b.example.com: itself, *.b.example.com and *.example.com */
	n = candidates("A.B.EXAMPLE.COM.", got);
	assert_int_equal(n, 3);
	assert_int_equal(got[0], 2);
	assert_int_equal(got[1], 3);
	assert_int_equal(got[2], 4);
	/* the apex is under no wildcard of its own */
	n = candidates("example.com", got);
	assert_int_equal(n, 1);
	assert_int_equal(got[0], 0);
}

static void test_hostix__names_under_a_wildcard(void **state)
{
	size_t got[N], n;

	(void)state;
	/* *.example.com: every name below example.com, at any depth, once */
	n = candidates("*.example.com", got);
	assert_int_equal(n, 5);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 2);
	assert_int_equal(got[2], 3);
	assert_int_equal(got[3], 4);
	assert_int_equal(got[4], 7);
	/* unknown names are not indexed; nothing matches an unknown host */
	assert_int_equal(candidates(EG_UNKNOWN, got), 0);
	assert_int_equal(candidates("nothing.net", got), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostix__exact_and_covering_wildcards_in_order),
		cmocka_unit_test(test_hostix__names_under_a_wildcard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

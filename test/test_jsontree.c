/* test_jsontree.c - the tree over validated JSON text: shape, lookups,
 * decoding, and the two errors it adds to validation (duplicate keys,
 * numbers out of range), each where jansson would put it.
 *
 * Every input is copied into a buffer of exactly its length (no NUL after
 * it), so a sanitizer build catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jsonpos.h"
#include "jsontree.h"
#include "strbuf.h"

typedef struct parsed {
	eg_arena arena;
	char *copy;
	const eg_json_node *root;
	size_t err_off;
	const char *err_msg;
} parsed;

/* Validates text (a test input must be valid JSON) and builds its tree. */
static void parse(parsed *p, const char *text)
{
	size_t len = strlen(text);
	eg_error err = EG_ERROR_INIT;

	memset(p, 0, sizeof(*p));
	p->copy = eg_xmalloc(len ? len : 1);
	memcpy(p->copy, text, len);
	assert_int_equal(eg_jsonpos_validate(p->copy, len, "in.json", 64, &err), 0);
	p->root = eg_jsontree_parse(&p->arena, p->copy, len, &p->err_off, &p->err_msg);
}

static void done(parsed *p)
{
	eg_arena_release(&p->arena);
	eg_free(p->copy);
}

static void test_jsontree__shape_and_lookups(void **state)
{
	parsed p;
	const eg_json_node *a, *o;

	(void)state;
	parse(&p, " {\"a\": [1, -2.5e1, true, false, null, \"x\"], \"o\": {}, \"e\": [],"
		  " \"s\": \"plain\"} ");
	assert_non_null(p.root);
	assert_int_equal(p.root->type, EG_JSON_OBJECT);
	assert_int_equal(eg_jsontree_size(p.root), 4);
	a = eg_jsontree_get(p.root, "a");
	assert_int_equal(eg_jsontree_size(a), 6);
	assert_int_equal(eg_jsontree_at(a, 0)->type, EG_JSON_INTEGER);
	assert_int_equal(eg_jsontree_at(a, 0)->num.i, 1);
	assert_int_equal(eg_jsontree_at(a, 1)->type, EG_JSON_REAL);
	assert_true(eg_jsontree_at(a, 1)->num.r == -25.0);
	assert_int_equal(eg_jsontree_at(a, 2)->type, EG_JSON_TRUE);
	assert_int_equal(eg_jsontree_at(a, 3)->type, EG_JSON_FALSE);
	assert_int_equal(eg_jsontree_at(a, 4)->type, EG_JSON_NULL);
	assert_true(eg_jsontree_string_is(eg_jsontree_at(a, 5), "x"));
	assert_null(eg_jsontree_at(a, 6));
	assert_null(eg_jsontree_at(p.root, 0)); /* not an array */
	o = eg_jsontree_get(p.root, "o");
	assert_int_equal(o->type, EG_JSON_OBJECT);
	assert_int_equal(eg_jsontree_size(o), 0);
	assert_int_equal(eg_jsontree_get(p.root, "e")->type, EG_JSON_ARRAY);
	assert_null(eg_jsontree_get(p.root, "missing"));
	assert_null(eg_jsontree_get(a, "a")); /* not an object */
	assert_string_equal(eg_jsontree_string(&p.arena, eg_jsontree_get(p.root, "s")), "plain");
	assert_null(eg_jsontree_string(&p.arena, a));
	/* a value's text is its bytes in the input */
	assert_int_equal(a->len, strlen("[1, -2.5e1, true, false, null, \"x\"]"));
	assert_memory_equal(a->text, "[1,", 3);
	done(&p);
}

static void test_jsontree__scalar_roots(void **state)
{
	parsed p;

	(void)state;
	parse(&p, "42");
	assert_int_equal(p.root->type, EG_JSON_INTEGER);
	assert_int_equal(p.root->num.i, 42);
	done(&p);
	parse(&p, "\"a\\\"b\"");
	assert_string_equal(eg_jsontree_string(&p.arena, p.root), "a\"b");
	done(&p);
	parse(&p, "[[[]]]");
	assert_int_equal(eg_jsontree_size(p.root), 1);
	assert_int_equal(eg_jsontree_size(eg_jsontree_at(eg_jsontree_at(p.root, 0), 0)), 0);
	done(&p);
}

static void test_jsontree__escapes_in_strings_and_keys(void **state)
{
	parsed p;
	const eg_json_node *v;

	(void)state;
	parse(&p, "{\"k\\u0065y\": \"caf\\u00e9 \\\\ \\/\", \"tab\\t\": 1, \"q\": \"\\\\\"}");
	v = eg_jsontree_get(p.root, "key");
	assert_non_null(v);
	assert_true(v->escaped);
	assert_string_equal(eg_jsontree_string(&p.arena, v), "caf\xc3\xa9 \\ /");
	assert_string_equal(eg_jsontree_key(&p.arena, v), "key");
	assert_true(eg_jsontree_string_is(v, "caf\xc3\xa9 \\ /"));
	assert_non_null(eg_jsontree_get(p.root, "tab\t"));
	/* a string that ends in an escaped backslash ends at the next quote */
	assert_string_equal(eg_jsontree_string(&p.arena, eg_jsontree_get(p.root, "q")), "\\");
	done(&p);
}

static void test_jsontree__duplicate_key_is_refused_at_the_second(void **state)
{
	parsed p;

	(void)state;
	parse(&p, "{\"a\": 1, \"b\": 2, \"a\": 3}");
	assert_null(p.root);
	assert_int_equal(p.err_off, 17);
	assert_string_equal(p.err_msg, "duplicate object key near '\"a\"'");
	done(&p);
	/* spelled two ways, the same key */
	parse(&p, "{\"id\": 1, \"\\u0069d\": 2}");
	assert_null(p.root);
	assert_int_equal(p.err_off, 10);
	done(&p);
	/* the earliest in the text wins, though the inner object closes first */
	parse(&p, "{\"a\": 1, \"a\": 2, \"b\": {\"c\": 1, \"c\": 2}}");
	assert_null(p.root);
	assert_int_equal(p.err_off, 9);
	done(&p);
	parse(&p, "{\"o\": {\"c\": 1, \"c\": 2}, \"a\": 1, \"a\": 2}");
	assert_null(p.root);
	assert_int_equal(p.err_off, 15);
	done(&p);
	/* the same key in sibling objects is fine */
	parse(&p, "[{\"a\": 1}, {\"a\": 2}]");
	assert_non_null(p.root);
	done(&p);
}

/* Over 32 members the check sorts: the same answers, the earliest second
 * occurrence, escapes decoded. */
static void test_jsontree__duplicate_key_in_a_big_object(void **state)
{
	parsed p;
	eg_strbuf sb = EG_STRBUF_INIT;
	size_t dup_at = 0;
	int i;

	(void)state;
	for (int pass = 0; pass < 3; pass++) {
		eg_sb_reset(&sb);
		eg_sb_addc(&sb, '{');
		for (i = 0; i < 200; i++) {
			if (i)
				eg_sb_adds(&sb, ", ");
			if (pass == 1 && i == 150)
				dup_at = sb.len, eg_sb_adds(&sb, "\"k\\u0030007\": 0"); /* "k0007" */
			else if (pass == 2 && i == 120)
				dup_at = sb.len, eg_sb_adds(&sb, "\"k0003\": 0");
			else
				eg_sb_addf(&sb, "\"k%04d\": %d", i, i);
			if (pass == 2 && i == 160)
				eg_sb_adds(&sb, ", \"k0001\": 1");
		}
		eg_sb_addc(&sb, '}');
		parse(&p, sb.buf);
		if (pass == 0) {
			assert_non_null(p.root);
			assert_int_equal(eg_jsontree_size(p.root), 200);
			assert_int_equal(eg_jsontree_get(p.root, "k0199")->num.i, 199);
		} else {
			assert_null(p.root);
			assert_int_equal(p.err_off, dup_at);
		}
		done(&p);
	}
	eg_sb_release(&sb);
}

static void test_jsontree__numbers_out_of_range(void **state)
{
	parsed p;

	(void)state;
	parse(&p, "[1, 9223372036854775807, -9223372036854775808]");
	assert_non_null(p.root);
	assert_int_equal(eg_jsontree_at(p.root, 2)->num.i, INT64_MIN);
	done(&p);
	parse(&p, "[1, 9223372036854775808]");
	assert_null(p.root);
	assert_int_equal(p.err_off, 4);
	assert_string_equal(p.err_msg, "too big integer near '9223372036854775808'");
	done(&p);
	parse(&p, "{\"r\": 1e999}");
	assert_null(p.root);
	assert_int_equal(p.err_off, 6);
	assert_string_equal(p.err_msg, "real number overflow near '1e999'");
	done(&p);
	/* underflow is a zero, as in jansson */
	parse(&p, "[1e-999, 0.5]");
	assert_non_null(p.root);
	assert_true(eg_jsontree_at(p.root, 1)->num.r == 0.5);
	done(&p);
	/* a number longer than the stack buffer */
	parse(&p, "[0.0000000000000000000000000000000000000000000000000000000000000000000001"
		  "00000000000000000000000000000000000000000000000000000000000000000000002]");
	assert_non_null(p.root);
	assert_true(eg_jsontree_at(p.root, 0)->num.r > 0.0);
	done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsontree__shape_and_lookups),
		cmocka_unit_test(test_jsontree__scalar_roots),
		cmocka_unit_test(test_jsontree__escapes_in_strings_and_keys),
		cmocka_unit_test(test_jsontree__duplicate_key_is_refused_at_the_second),
		cmocka_unit_test(test_jsontree__duplicate_key_in_a_big_object),
		cmocka_unit_test(test_jsontree__numbers_out_of_range),
	};

	return cmocka_run_group_tests_name("jsontree", tests, NULL, NULL);
}

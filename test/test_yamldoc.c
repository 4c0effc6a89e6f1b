/* test_yamldoc.c - unit tests for the YAML document tree (yamldoc.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"

#include "common.h"
#include "strbuf.h"
#include "yamldoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Parses text (NUL-terminated) with lim (NULL: defaults); fails the test on
 * error. */
static eg_ydoc *parse_ok(const char *text, const eg_ydoc_limits *lim)
{
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	int rc = eg_ydoc_parse(&doc, text, strlen(text), "t.yml", lim, &err);

	if (rc)
		fail_msg("unexpected error %d at %d:%d: %s", rc, err.line, err.col,
			 err.message);
	assert_non_null(doc);
	return doc;
}

/* Parses buf[0..len) and checks the error code, position and message. */
static void expect_error_n(const char *buf, size_t len, const eg_ydoc_limits *lim,
			   int code, int line, int col, const char *message)
{
	eg_ydoc *doc = (eg_ydoc *)1;
	eg_error err = EG_ERROR_INIT;
	int rc = eg_ydoc_parse(&doc, buf, len, "t.yml", lim, &err);

	assert_int_equal(rc, code);
	assert_int_equal(err.code, code);
	assert_null(doc);
	assert_string_equal(err.file, "t.yml");
	assert_string_equal(err.message, message);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
}

static void expect_error(const char *text, const eg_ydoc_limits *lim, int code,
			 int line, int col, const char *message)
{
	expect_error_n(text, strlen(text), lim, code, line, col, message);
}

static void assert_scalar(const eg_ynode *n, const char *str, int line, int col)
{
	assert_non_null(n);
	assert_int_equal(n->kind, EG_Y_SCALAR);
	assert_string_equal(n->str, str);
	assert_int_equal(n->len, strlen(str));
	assert_int_equal(n->line, line);
	assert_int_equal(n->col, col);
}


/* --- structure and marks ----------------------------------------------------- */

static void test_yamldoc__block_mapping_sequence_and_marks(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *root, *list;
	(void)state;

	doc = parse_ok("name: web\n"
		       "origins:\n"
		       "  - a\n"
		       "  - b: 2\n"
		       "empty:\n", NULL);
	root = doc->root;
	assert_string_equal(doc->file, "t.yml");
	assert_int_equal(root->kind, EG_Y_MAP);
	assert_int_equal(root->line, 1);
	assert_int_equal(root->col, 1);
	assert_null(root->tag);
	assert_int_equal(root->npairs, 3);
	assert_scalar(root->pairs[0].key, "name", 1, 1);
	assert_scalar(root->pairs[0].value, "web", 1, 7);
	assert_false(root->pairs[0].value->quoted);

	list = eg_ynode_get(root, "origins");
	assert_non_null(list);
	assert_int_equal(list->kind, EG_Y_SEQ);
	assert_int_equal(list->line, 3);
	assert_int_equal(list->col, 3);
	assert_int_equal(list->nitems, 2);
	assert_scalar(list->items[0], "a", 3, 5);
	assert_int_equal(list->items[1]->kind, EG_Y_MAP);
	assert_int_equal(list->items[1]->line, 4);
	assert_int_equal(list->items[1]->col, 5);
	assert_scalar(list->items[1]->pairs[0].key, "b", 4, 5);
	assert_scalar(list->items[1]->pairs[0].value, "2", 4, 8);

	assert_scalar(eg_ynode_get(root, "empty"), "", 5, 7);
	assert_true(eg_ynode_is_null(eg_ynode_get(root, "empty")));
	eg_ydoc_free(doc);
}

static void test_yamldoc__flow_collections_and_empty_ones(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *root;
	(void)state;

	doc = parse_ok("{a: [1, 2], b: {}, c: []}", NULL);
	root = doc->root;
	assert_int_equal(root->kind, EG_Y_MAP);
	assert_int_equal(root->npairs, 3);
	assert_int_equal(eg_ynode_get(root, "a")->nitems, 2);
	assert_scalar(eg_ynode_get(root, "a")->items[1], "2", 1, 9);
	assert_int_equal(eg_ynode_get(root, "b")->kind, EG_Y_MAP);
	assert_int_equal(eg_ynode_get(root, "b")->npairs, 0);
	assert_int_equal(eg_ynode_get(root, "c")->kind, EG_Y_SEQ);
	assert_int_equal(eg_ynode_get(root, "c")->nitems, 0);
	eg_ydoc_free(doc);
}

static void test_yamldoc__scalar_root_and_embedded_nul(void **state)
{
	eg_ydoc *doc;
	(void)state;

	doc = parse_ok("\"a\\0b\"", NULL);
	assert_int_equal(doc->root->kind, EG_Y_SCALAR);
	assert_int_equal(doc->root->len, 3);
	assert_memory_equal(doc->root->str, "a\0b", 4);
	eg_ydoc_free(doc);
}

static void test_yamldoc__utf8_bom_and_columns_count_characters(void **state)
{
	eg_ydoc *doc;
	(void)state;

	doc = parse_ok("\xEF\xBB\xBF" "caf\xC3\xA9: x\n", NULL);
	assert_scalar(doc->root->pairs[0].key, "caf\xC3\xA9", 1, 1);
	assert_int_equal(doc->root->pairs[0].value->col, 7);
	eg_ydoc_free(doc);
}

/* --- tags and styles --------------------------------------------------------- */

static void test_yamldoc__cloudformation_tags_are_kept(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *root, *n;
	(void)state;

	doc = parse_ok("a: !Ref Bucket\n"
		       "b: !GetAtt [Dist, DomainName]\n"
		       "c: !Sub 'arn:${AWS::Partition}'\n"
		       "d: !!str 42\n"
		       "e: !<tag:example.com,2024:x> y\n"
		       "f: !If {x: 1}\n", NULL);
	root = doc->root;
	n = eg_ynode_get(root, "a");
	assert_string_equal(n->tag, "!Ref");
	assert_scalar(n, "Bucket", 1, 4);
	assert_false(n->quoted);

	n = eg_ynode_get(root, "b");
	assert_string_equal(n->tag, "!GetAtt");
	assert_int_equal(n->kind, EG_Y_SEQ);
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 4);
	assert_int_equal(n->nitems, 2);
	assert_scalar(n->items[0], "Dist", 2, 13);
	assert_null(n->items[0]->tag);

	n = eg_ynode_get(root, "c");
	assert_string_equal(n->tag, "!Sub");
	assert_string_equal(n->str, "arn:${AWS::Partition}");
	assert_true(n->quoted);

	assert_string_equal(eg_ynode_get(root, "d")->tag, "tag:yaml.org,2002:str");
	assert_string_equal(eg_ynode_get(root, "e")->tag, "tag:example.com,2024:x");
	assert_string_equal(eg_ynode_get(root, "f")->tag, "!If");
	assert_int_equal(eg_ynode_get(root, "f")->kind, EG_Y_MAP);
	eg_ydoc_free(doc);
}

static void test_yamldoc__quoted_and_block_scalars_are_quoted(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *root;
	(void)state;

	doc = parse_ok("plain: true\n"
		       "single: 'true'\n"
		       "double: \"true\"\n"
		       "literal: |\n"
		       "  line1\n"
		       "  line2\n"
		       "folded: >\n"
		       "  a\n"
		       "  b\n", NULL);
	root = doc->root;
	assert_false(eg_ynode_get(root, "plain")->quoted);
	assert_true(eg_ynode_get(root, "single")->quoted);
	assert_true(eg_ynode_get(root, "double")->quoted);
	assert_true(eg_ynode_get(root, "literal")->quoted);
	assert_string_equal(eg_ynode_get(root, "literal")->str, "line1\nline2\n");
	assert_int_equal(eg_ynode_get(root, "literal")->line, 4);
	assert_int_equal(eg_ynode_get(root, "literal")->col, 10);
	assert_true(eg_ynode_get(root, "folded")->quoted);
	assert_string_equal(eg_ynode_get(root, "folded")->str, "a b\n");
	eg_ydoc_free(doc);
}

/* --- anchors and aliases ------------------------------------------------------ */

static void test_yamldoc__alias_expands_to_anchored_node(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *root, *base, *copy;
	(void)state;

	doc = parse_ok("base: &b {x: 1, y: [2]}\n"
		       "copy: *b\n"
		       "name: &n web\n"
		       "list: [*n, *n]\n", NULL);
	root = doc->root;
	base = eg_ynode_get(root, "base");
	copy = eg_ynode_get(root, "copy");
	assert_non_null(copy);
	assert_int_equal(copy->kind, EG_Y_MAP);
	assert_scalar(eg_ynode_get(copy, "x"), "1", 1, 14);
	assert_ptr_equal(copy, base); /* shared, so the mark is the anchor's */
	assert_int_equal(eg_ynode_get(root, "list")->nitems, 2);
	assert_scalar(eg_ynode_get(root, "list")->items[1], "web", 3, 7);
	eg_ydoc_free(doc);
}

static void test_yamldoc__redefined_anchor_uses_latest(void **state)
{
	eg_ydoc *doc;
	(void)state;

	doc = parse_ok("- &a one\n- &a two\n- *a\n", NULL);
	assert_string_equal(doc->root->items[2]->str, "two");
	eg_ydoc_free(doc);
}

static void test_yamldoc__alias_of_scalar_works_as_key(void **state)
{
	eg_ydoc *doc;
	(void)state;

	doc = parse_ok("x: &k name\n*k : 2\n", NULL);
	assert_string_equal(eg_ynode_get(doc->root, "name")->str, "2");
	eg_ydoc_free(doc);
}

static void test_yamldoc__merge_key_is_a_plain_key(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *m;
	(void)state;

	doc = parse_ok("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n", NULL);
	m = eg_ynode_get(doc->root, "b");
	assert_int_equal(m->npairs, 2);
	assert_int_equal(eg_ynode_get(m, "<<")->kind, EG_Y_MAP);
	assert_null(eg_ynode_get(m, "x"));
	eg_ydoc_free(doc);
}

static void test_yamldoc__undefined_alias(void **state)
{
	(void)state;
	expect_error("a: 1\nb: *foo\n", NULL, EG_ERR_INPUT, 2, 4,
		     "undefined alias '*foo'");
}

static void test_yamldoc__alias_inside_its_own_anchor(void **state)
{
	(void)state;
	expect_error("x: &a [1, *a]\n", NULL, EG_ERR_INPUT, 1, 11,
		     "alias '*a' refers to a node that contains it");
	expect_error("&m {k: *m}", NULL, EG_ERR_INPUT, 1, 8,
		     "alias '*m' refers to a node that contains it");
}

/* Nine levels of nine aliases: 9^8 nodes expanded from a few hundred bytes. */
static char *billion_laughs(void)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	int level, i;

	eg_sb_adds(&sb, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (level = 1; level < 9; level++) {
		eg_sb_addf(&sb, "a%d: &a%d [", level, level);
		for (i = 0; i < 9; i++)
			eg_sb_addf(&sb, "%s*a%d", i ? ", " : "", level - 1);
		eg_sb_adds(&sb, "]\n");
	}
	return eg_sb_detach(&sb);
}

static void test_yamldoc__billion_laughs_fails_fast(void **state)
{
	char *text = billion_laughs();
	clock_t start = clock();
	double secs;
	(void)state;

	/* Level sizes are 10, 91, 820, 7381, 66430, 597871 ...; the third
	 * *a5 on line 7 is the first to push past 2,000,000. */
	expect_error(text, NULL, EG_ERR_LIMIT, 7, 20,
		     "alias expansion exceeds 2000000 nodes (billion laughs?)");
	secs = (double)(clock() - start) / CLOCKS_PER_SEC;
	assert_true(secs < 0.5);
	eg_free(text);
}

static void test_yamldoc__alias_budget_counts_expanded_nodes(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	const char *text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"; /* 1+1+4+1+1+4+4 */
	eg_ydoc *doc;
	(void)state;

	lim.max_nodes = 16;
	doc = parse_ok(text, &lim);
	eg_ydoc_free(doc);
	lim.max_nodes = 15;
	expect_error(text, &lim, EG_ERR_LIMIT, 2, 9,
		     "alias expansion exceeds 15 nodes (billion laughs?)");
}

static void test_yamldoc__node_cap_without_aliases(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	(void)state;

	lim.max_nodes = 4;
	expect_error("[1, 2, 3, 4]", &lim, EG_ERR_LIMIT, 1, 11,
		     "document has more than 4 nodes");
	expect_error("[[], 1, 2, {}]", &lim, EG_ERR_LIMIT, 1, 12,
		     "document has more than 4 nodes");
}

/* --- depth ---------------------------------------------------------------- */

static void test_yamldoc__depth_cap(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc;
	(void)state;

	lim.max_depth = 3;
	doc = parse_ok("[[[1]]]", &lim);
	eg_ydoc_free(doc);
	expect_error("[[[[1]]]]", &lim, EG_ERR_LIMIT, 1, 4, "nesting deeper than 3");
	expect_error("a:\n  b:\n    c:\n      d: 1\n", &lim, EG_ERR_LIMIT, 4, 7,
		     "nesting deeper than 3");
}

static void test_yamldoc__depth_cap_counts_aliased_subtrees(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc;
	(void)state;

	lim.max_depth = 3;
	doc = parse_ok("x: &a [[1]]\ny: *a\n", &lim);
	eg_ydoc_free(doc);
	expect_error("x: &a [[1]]\ny: [*a]\n", &lim, EG_ERR_LIMIT, 2, 5,
		     "nesting deeper than 3");
}

static void test_yamldoc__default_depth_cap_stops_deep_flow(void **state)
{
	size_t n = 100000, i;
	char *text = eg_xmalloc(2 * n + 1);
	(void)state;

	assert_non_null(text);
	for (i = 0; i < n; i++) {
		text[i] = '[';
		text[n + i] = ']';
	}
	text[2 * n] = '\0';
	expect_error(text, NULL, EG_ERR_LIMIT, 1, EG_MAX_DEPTH + 1,
		     "nesting deeper than 512");
	eg_free(text);
}

/* --- keys ------------------------------------------------------------------ */

static void test_yamldoc__duplicate_key_reports_both_positions(void **state)
{
	(void)state;
	expect_error("name: a\n"
		     "spec:\n"
		     "  id: 1\n"
		     "  x: 2\n"
		     "  id: 3\n", NULL, EG_ERR_INPUT, 5, 3,
		     "duplicate key 'id' (first at 3:3)");
	expect_error("{a: 1, b: 2, a: 3}", NULL, EG_ERR_INPUT, 1, 14,
		     "duplicate key 'a' (first at 1:2)");
	/* Text alone decides: quoting does not make a different key. */
	expect_error("a: 1\n'a': 2\n", NULL, EG_ERR_INPUT, 2, 1,
		     "duplicate key 'a' (first at 1:1)");
	/* An alias key is reported where the alias is written. */
	expect_error("x: &k a\na: 1\n*k : 2\n", NULL, EG_ERR_INPUT, 3, 1,
		     "duplicate key 'a' (first at 2:1)");
}

static void test_yamldoc__same_key_in_different_maps_is_fine(void **state)
{
	eg_ydoc *doc;
	(void)state;

	doc = parse_ok("- id: 1\n  sub: {id: 2}\n- id: 3\n", NULL);
	assert_int_equal(doc->root->nitems, 2);
	eg_ydoc_free(doc);
}

static void test_yamldoc__duplicate_long_key_keeps_position_in_message(void **state)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	int i;
	(void)state;

	for (i = 0; i < 2; i++) {
		int j;
		for (j = 0; j < 1000; j++) /* simple keys stop at 1024 */
			eg_sb_addc(&sb, 'k');
		eg_sb_adds(&sb, ": 1\n");
	}
	assert_int_equal(eg_ydoc_parse(&doc, sb.buf, sb.len, "t.yml", NULL, &err),
			 EG_ERR_INPUT);
	assert_int_equal(err.line, 2);
	eg_sb_reset(&sb);
	eg_sb_adds(&sb, "duplicate key '");
	for (i = 0; i < 120; i++)
		eg_sb_addc(&sb, 'k');
	eg_sb_adds(&sb, "...' (first at 1:1)");
	assert_string_equal(err.message, sb.buf);
	eg_sb_release(&sb);
}

static void test_yamldoc__many_keys_parse_quickly(void **state)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	clock_t start = clock();
	int i;
	(void)state;

	for (i = 0; i < 100000; i++)
		eg_sb_addf(&sb, "k%d: %d\n", i, i);
	assert_int_equal(eg_ydoc_parse(&doc, sb.buf, sb.len, "t.yml", NULL, &err), 0);
	assert_int_equal(doc->root->npairs, 100000);
	assert_string_equal(eg_ynode_get(doc->root, "k99999")->str, "99999");
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 5.0);
	eg_ydoc_free(doc);
	eg_sb_release(&sb);
}

static void test_yamldoc__non_scalar_key(void **state)
{
	(void)state;
	expect_error("? [a, b]\n: 1\n", NULL, EG_ERR_INPUT, 1, 3,
		     "mapping key is a sequence; only scalar keys are supported");
	expect_error("{{a: 1}: 2}", NULL, EG_ERR_INPUT, 1, 2,
		     "mapping key is a mapping; only scalar keys are supported");
	expect_error("x: &s [1]\n*s : 2\n", NULL, EG_ERR_INPUT, 2, 1,
		     "mapping key is a sequence; only scalar keys are supported");
}

/* --- syntax and stream ------------------------------------------------------ */

static void test_yamldoc__syntax_error_with_context(void **state)
{
	(void)state;
	expect_error("a:\n  b: 1\n c: 2\n", NULL, EG_ERR_INPUT, 3, 2,
		     "did not find expected key (while parsing a block mapping "
		     "that started at 1:1)");
	expect_error("a: [1, 2\nb: 3\n", NULL, EG_ERR_INPUT, 2, 2,
		     "did not find expected ',' or ']' (while parsing a flow "
		     "sequence that started at 1:4)");
	expect_error("a: \"x\n", NULL, EG_ERR_INPUT, 2, 1,
		     "found unexpected end of stream (while scanning a quoted "
		     "scalar that started at 1:4)");
}

static void test_yamldoc__syntax_error_without_context(void **state)
{
	(void)state;
	expect_error("key: value: x\n", NULL, EG_ERR_INPUT, 1, 11,
		     "mapping values are not allowed in this context");
}

static void test_yamldoc__reader_errors_have_positions(void **state)
{
	(void)state;
	expect_error("a: 1\nb: \xFF\n", NULL, EG_ERR_INPUT, 2, 4,
		     "invalid leading UTF-8 octet (byte 0xFF)");
	expect_error("a: \xC3\xA9\x01\n", NULL, EG_ERR_INPUT, 1, 5,
		     "control characters are not allowed (byte 0x01)");
	expect_error("a: \xC3", NULL, EG_ERR_INPUT, 1, 4,
		     "incomplete UTF-8 octet sequence");
}

static void test_yamldoc__multiple_documents(void **state)
{
	eg_ydoc *doc;
	(void)state;

	expect_error("a: 1\n---\nb: 2\n", NULL, EG_ERR_INPUT, 2, 1,
		     "multiple YAML documents; expected one");
	expect_error("--- a\n--- b\n", NULL, EG_ERR_INPUT, 2, 1,
		     "multiple YAML documents; expected one");
	/* An explicit end marker alone is still one document. */
	doc = parse_ok("---\na: 1\n...\n", NULL);
	assert_int_equal(doc->root->npairs, 1);
	eg_ydoc_free(doc);
}

static void test_yamldoc__empty_stream_has_null_root(void **state)
{
	eg_ydoc *doc;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	doc = parse_ok("", NULL);
	assert_null(doc->root);
	eg_ydoc_free(doc);
	doc = parse_ok("# only a comment\n\n", NULL);
	assert_null(doc->root);
	eg_ydoc_free(doc);
	assert_int_equal(eg_ydoc_parse(&doc, NULL, 0, NULL, NULL, &err), 0);
	assert_null(doc->root);
	assert_string_equal(doc->file, "<input>");
	eg_ydoc_free(doc);
	/* "---" alone is a document holding null. */
	doc = parse_ok("---\n", NULL);
	assert_true(eg_ynode_is_null(doc->root));
	eg_ydoc_free(doc);
}

/* --- encoding and size --------------------------------------------------------- */

static void test_yamldoc__utf16_and_utf32_are_rejected(void **state)
{
	(void)state;
	expect_error_n("\xFF\xFE" "a\0:\0 \0" "1\0", 10, NULL, EG_ERR_INPUT, 1, 1,
		       "file is UTF-16 (byte order mark found); re-save it as UTF-8");
	expect_error_n("\xFE\xFF\0a\0:\0 \0" "1", 10, NULL, EG_ERR_INPUT, 1, 1,
		       "file is UTF-16 (byte order mark found); re-save it as UTF-8");
	expect_error_n("\xFF\xFE\0\0" "a\0\0\0", 8, NULL, EG_ERR_INPUT, 1, 1,
		       "file is UTF-32 (byte order mark found); re-save it as UTF-8");
	expect_error_n("\0\0\xFE\xFF\0\0\0a", 8, NULL, EG_ERR_INPUT, 1, 1,
		       "file is UTF-32 (byte order mark found); re-save it as UTF-8");
	expect_error_n("a\0:\0", 4, NULL, EG_ERR_INPUT, 1, 1,
		       "file is UTF-16 or UTF-32 (NUL bytes at the start); "
		       "re-save it as UTF-8");
	expect_error_n("\0a", 2, NULL, EG_ERR_INPUT, 1, 1,
		       "file is UTF-16 or UTF-32 (NUL bytes at the start); "
		       "re-save it as UTF-8");
}

static void test_yamldoc__size_cap(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc;
	(void)state;

	lim.max_bytes = 8;
	doc = parse_ok("a: 12345", &lim);
	eg_ydoc_free(doc);
	expect_error("a: 123456", &lim, EG_ERR_LIMIT, 0, 0,
		     "input is larger than 8 bytes");
}

/* --- loading files ----------------------------------------------------------- */

static void test_yamldoc__load_reads_file(void **state)
{
	const char text[] = "a: !Ref b\nc: [1]\n";
	char *path = test_write_temp(text, sizeof(text) - 1);
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(eg_ydoc_load(&doc, path, NULL, &err), 0);
	assert_string_equal(doc->file, path);
	assert_string_equal(eg_ynode_get(doc->root, "a")->tag, "!Ref");
	assert_int_equal(eg_ynode_get(doc->root, "c")->line, 2);
	eg_ydoc_free(doc);
	unlink(path);
	eg_free(path);
}

static void test_yamldoc__load_reports_errors_with_path(void **state)
{
	const char text[] = "a: 1\na: 2\n";
	char *path = test_write_temp(text, sizeof(text) - 1);
	eg_ydoc *doc = (eg_ydoc *)1;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(eg_ydoc_load(&doc, path, NULL, &err), EG_ERR_INPUT);
	assert_null(doc);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 2);
	unlink(path);
	eg_free(path);
}

static void test_yamldoc__load_size_cap(void **state)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc = (eg_ydoc *)1;
	eg_error err = EG_ERROR_INIT;
	char *path;
	int i;
	(void)state;

	for (i = 0; i < 20000; i++)
		eg_sb_adds(&sb, "- item\n"); /* 140000 bytes: several reads */
	path = test_write_temp(sb.buf, sb.len);

	lim.max_bytes = sb.len;
	assert_int_equal(eg_ydoc_load(&doc, path, &lim, &err), 0);
	assert_int_equal(doc->root->nitems, 20000);
	eg_ydoc_free(doc);

	lim.max_bytes = sb.len - 1;
	assert_int_equal(eg_ydoc_load(&doc, path, &lim, &err), EG_ERR_LIMIT);
	assert_null(doc);
	assert_string_equal(err.file, path);
	assert_string_equal(err.message, "input is larger than 139999 bytes");

	lim.max_bytes = 0;
	assert_int_equal(eg_ydoc_load(&doc, path, &lim, &err), EG_ERR_LIMIT);
	assert_string_equal(err.message, "input is larger than 0 bytes");
	unlink(path);
	eg_free(path);
	eg_sb_release(&sb);
}

static void test_yamldoc__load_missing_file(void **state)
{
	eg_ydoc *doc = (eg_ydoc *)1;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(eg_ydoc_load(&doc, "/nonexistent/x.yml", NULL, &err),
			 EG_ERR_IO);
	assert_null(doc);
	assert_int_equal(err.code, EG_ERR_IO);
	assert_string_equal(err.file, "/nonexistent/x.yml");
	assert_string_equal(err.message, "cannot read: No such file or directory");
}

static void test_yamldoc__load_directory(void **state)
{
	eg_ydoc *doc = (eg_ydoc *)1;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(eg_ydoc_load(&doc, "/tmp", NULL, &err), EG_ERR_IO);
	assert_null(doc);
	assert_string_equal(err.file, "/tmp");
	assert_string_equal(err.message, "is a directory");
}

/* --- helpers ----------------------------------------------------------------- */

static void test_yamldoc__is_null(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *r;
	(void)state;

	doc = parse_ok("[~, null, Null, NULL, '', 'null', nUll, 0, !Ref null, [], ]",
		       NULL);
	r = doc->root;
	assert_true(eg_ynode_is_null(r->items[0]));
	assert_true(eg_ynode_is_null(r->items[1]));
	assert_true(eg_ynode_is_null(r->items[2]));
	assert_true(eg_ynode_is_null(r->items[3]));
	assert_false(eg_ynode_is_null(r->items[4]));
	assert_false(eg_ynode_is_null(r->items[5]));
	assert_false(eg_ynode_is_null(r->items[6]));
	assert_false(eg_ynode_is_null(r->items[7]));
	assert_false(eg_ynode_is_null(r->items[8]));
	assert_false(eg_ynode_is_null(r->items[9]));
	assert_false(eg_ynode_is_null(NULL));
	eg_ydoc_free(doc);
	doc = parse_ok("a:\n", NULL);
	assert_true(eg_ynode_is_null(eg_ynode_get(doc->root, "a")));
	eg_ydoc_free(doc);
}

static void test_yamldoc__bool(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *r;
	bool b = false;
	(void)state;

	doc = parse_ok("[true, FALSE, TrUe, 'true', yes, 1, truex, !Ref true, [true]]",
		       NULL);
	r = doc->root;
	assert_true(eg_ynode_bool(r->items[0], &b));
	assert_true(b);
	assert_true(eg_ynode_bool(r->items[1], &b));
	assert_false(b);
	assert_true(eg_ynode_bool(r->items[2], &b));
	assert_true(b);
	b = false;
	assert_false(eg_ynode_bool(r->items[3], &b));
	assert_false(eg_ynode_bool(r->items[4], &b));
	assert_false(eg_ynode_bool(r->items[5], &b));
	assert_false(eg_ynode_bool(r->items[6], &b));
	assert_false(eg_ynode_bool(r->items[7], &b));
	assert_false(eg_ynode_bool(r->items[8], &b));
	assert_false(eg_ynode_bool(NULL, &b));
	assert_false(b); /* untouched on failure */
	eg_ydoc_free(doc);
}

static void test_yamldoc__get(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *r;
	(void)state;

	doc = parse_ok("{a: 1, b: [x]}", NULL);
	r = doc->root;
	assert_string_equal(eg_ynode_get(r, "a")->str, "1");
	assert_null(eg_ynode_get(r, "c"));
	assert_null(eg_ynode_get(r, ""));
	assert_null(eg_ynode_get(r, NULL));
	assert_null(eg_ynode_get(NULL, "a"));
	assert_null(eg_ynode_get(eg_ynode_get(r, "b"), "x"));
	assert_null(eg_ynode_get(eg_ynode_get(r, "a"), "a"));
	eg_ydoc_free(doc);
	eg_ydoc_free(NULL);
}

/* --- JSON -------------------------------------------------------------------- */

static eg_ydoc *parse_json_ok(const char *text, const eg_ydoc_limits *lim)
{
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	int rc = eg_ydoc_parse_json(&doc, text, strlen(text), "t.json", lim, &err);

	if (rc)
		fail_msg("unexpected error %d at %d:%d: %s", rc, err.line, err.col,
			 err.message);
	assert_non_null(doc);
	assert_string_equal(doc->file, "t.json");
	return doc;
}

static void expect_json_error(const char *text, const eg_ydoc_limits *lim, int code,
			      int line, int col, const char *message)
{
	eg_ydoc *doc = (eg_ydoc *)1;
	eg_error err = EG_ERROR_INIT;
	int rc = eg_ydoc_parse_json(&doc, text, strlen(text), "t.json", lim, &err);

	assert_int_equal(rc, code);
	assert_int_equal(err.code, code);
	assert_null(doc);
	assert_string_equal(err.file, "t.json");
	assert_string_equal(err.message, message);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
}

static void assert_json_scalar(const eg_ynode *n, const char *str, bool quoted)
{
	assert_non_null(n);
	assert_int_equal(n->kind, EG_Y_SCALAR);
	assert_null(n->tag);
	assert_string_equal(n->str, str);
	assert_int_equal(n->len, strlen(str));
	assert_true(n->quoted == quoted);
}

static void test_yamldoc__json_strings_are_quoted_the_rest_plain(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *r;
	size_t i;
	bool b = false;
	(void)state;

	doc = parse_json_ok("{\"s\": \"true\", \"n\": 42, \"f\": -1.5e3, \"t\": true, "
			    "\"x\": false, \"z\": null, \"q\": \"null\", "
			    "\"e\": \"a\\\"\\\\\\u00e9\\n\\/\", \"empty\": \"\", \"l\": [0, \"0\"]}",
			    NULL);
	r = doc->root;
	assert_int_equal(r->kind, EG_Y_MAP);
	assert_int_equal(r->npairs, 10);
	for (i = 0; i < r->npairs; i++)
		assert_true(r->pairs[i].key->quoted); /* keys are strings */
	assert_json_scalar(eg_ynode_get(r, "s"), "true", true);
	assert_json_scalar(eg_ynode_get(r, "n"), "42", false);
	assert_json_scalar(eg_ynode_get(r, "f"), "-1.5e3", false);
	assert_json_scalar(eg_ynode_get(r, "t"), "true", false);
	assert_json_scalar(eg_ynode_get(r, "x"), "false", false);
	assert_json_scalar(eg_ynode_get(r, "z"), "null", false);
	assert_json_scalar(eg_ynode_get(r, "q"), "null", true);
	assert_json_scalar(eg_ynode_get(r, "e"), "a\"\\\xC3\xA9\n/", true);
	assert_json_scalar(eg_ynode_get(r, "empty"), "", true);
	assert_json_scalar(eg_ynode_get(r, "l")->items[0], "0", false);
	assert_json_scalar(eg_ynode_get(r, "l")->items[1], "0", true);
	/* so the YAML helpers read them as JSON means them */
	assert_true(eg_ynode_is_null(eg_ynode_get(r, "z")));
	assert_false(eg_ynode_is_null(eg_ynode_get(r, "q")));
	assert_false(eg_ynode_is_null(eg_ynode_get(r, "empty")));
	assert_true(eg_ynode_bool(eg_ynode_get(r, "t"), &b));
	assert_true(b);
	assert_true(eg_ynode_bool(eg_ynode_get(r, "x"), &b));
	assert_false(b);
	assert_false(eg_ynode_bool(eg_ynode_get(r, "s"), &b));
	eg_ydoc_free(doc);
}

static void test_yamldoc__json_scalar_root_and_empty_containers(void **state)
{
	eg_ydoc *doc;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	doc = parse_json_ok("  \"x\"  \n", NULL);
	assert_json_scalar(doc->root, "x", true);
	assert_int_equal(doc->root->line, 1);
	assert_int_equal(doc->root->col, 3);
	eg_ydoc_free(doc);
	doc = parse_json_ok("[{}, []]", NULL);
	assert_int_equal(doc->root->nitems, 2);
	assert_int_equal(doc->root->items[0]->kind, EG_Y_MAP);
	assert_int_equal(doc->root->items[0]->npairs, 0);
	assert_int_equal(doc->root->items[1]->kind, EG_Y_SEQ);
	assert_int_equal(doc->root->items[1]->nitems, 0);
	assert_int_equal(doc->root->items[1]->col, 6);
	eg_ydoc_free(doc);
	/* no name: "<input>"; no text: an empty file */
	doc = (eg_ydoc *)1;
	assert_int_equal(eg_ydoc_parse_json(&doc, NULL, 0, NULL, NULL, &err), EG_ERR_INPUT);
	assert_null(doc);
	assert_string_equal(err.file, "<input>");
	assert_string_equal(err.message, "empty file: expected a JSON value");
	expect_json_error(" \n ", NULL, EG_ERR_INPUT, 2, 2, "empty file: expected a JSON value");
}

static void test_yamldoc__json_marks_of_nested_keys_and_values(void **state)
{
	eg_ydoc *doc;
	const eg_ynode *root, *origins, *o, *cafe;
	(void)state;

	doc = parse_json_ok("\n"
			    "  {\n"
			    "    \"name\": \"web\",\n"
			    "    \"origins\": [\n"
			    "      {\"id\": \"s3\", \"port\": 443},\n"
			    "      []\n"
			    "    ],\n"
			    "    \"caf\xC3\xA9\": {\"\xC3\xA9t\xC3\xA9\": true}\n"
			    "  }\n", NULL);
	root = doc->root;
	assert_int_equal(root->kind, EG_Y_MAP);
	assert_int_equal(root->line, 2);
	assert_int_equal(root->col, 3);
	assert_scalar(root->pairs[0].key, "name", 3, 5);
	assert_scalar(root->pairs[0].value, "web", 3, 13);
	assert_scalar(root->pairs[1].key, "origins", 4, 5);
	origins = root->pairs[1].value;
	assert_int_equal(origins->kind, EG_Y_SEQ);
	assert_int_equal(origins->line, 4);
	assert_int_equal(origins->col, 16);
	o = origins->items[0];
	assert_int_equal(o->line, 5);
	assert_int_equal(o->col, 7);
	assert_scalar(o->pairs[0].key, "id", 5, 8);
	assert_scalar(o->pairs[0].value, "s3", 5, 14);
	assert_scalar(o->pairs[1].key, "port", 5, 20);
	assert_scalar(o->pairs[1].value, "443", 5, 28);
	assert_int_equal(origins->items[1]->line, 6);
	assert_int_equal(origins->items[1]->col, 7);
	/* columns count bytes, like every JSON position in edgegate */
	assert_scalar(root->pairs[2].key, "caf\xC3\xA9", 8, 5);
	cafe = root->pairs[2].value;
	assert_int_equal(cafe->line, 8);
	assert_int_equal(cafe->col, 14);
	assert_scalar(cafe->pairs[0].key, "\xC3\xA9t\xC3\xA9", 8, 15);
	assert_scalar(cafe->pairs[0].value, "true", 8, 24);
	eg_ydoc_free(doc);

	/* CR LF: the CR is no column */
	doc = parse_json_ok("{\r\n  \"a\": 1\r\n}\r\n", NULL);
	assert_scalar(doc->root->pairs[0].key, "a", 2, 3);
	assert_scalar(doc->root->pairs[0].value, "1", 2, 8);
	eg_ydoc_free(doc);
	/* an escape is as wide as it is written */
	doc = parse_json_ok("[\"\\u00e9\", 1]", NULL);
	assert_scalar(doc->root->items[1], "1", 1, 12);
	eg_ydoc_free(doc);
}

static void test_yamldoc__json_duplicate_key_reports_both_positions(void **state)
{
	eg_ydoc *doc;
	(void)state;

	expect_json_error("{\n"
			  "  \"a\": 1,\n"
			  "  \"b\": {\"a\": 2},\n"
			  "  \"a\": 3\n"
			  "}\n", NULL, EG_ERR_INPUT, 4, 3, "duplicate key 'a' (first at 2:3)");
	/* keys compare decoded */
	expect_json_error("{\"a\": 1, \"\\u0061\": 2}", NULL, EG_ERR_INPUT, 1, 10,
			  "duplicate key 'a' (first at 1:2)");
	expect_json_error("{\"\xC3\xA9\": 1, \"\xC3\xA9\": 2}", NULL, EG_ERR_INPUT, 1, 11,
			  "duplicate key '\xC3\xA9' (first at 1:2)");
	/* the same key in sibling objects is fine */
	doc = parse_json_ok("[{\"a\": 1}, {\"a\": 2}]", NULL);
	eg_ydoc_free(doc);
}

static void test_yamldoc__json_keys_with_nul_escapes(void **state)
{
	/* "\u0000" is a NUL inside the string, as YAML keeps embedded NULs:
	 * "a\u0000b" and "a\u0000c" are different keys. */
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	const char *text = "{\"a\\u0000b\": 1, \"a\\u0000c\": [\"x\\u0000y\"]}";
	int rc = eg_ydoc_parse_json(&doc, text, strlen(text), "t.json", NULL, &err);
	(void)state;

	assert_int_equal(rc, 0);
	assert_int_equal(doc->root->npairs, 2);
	assert_int_equal(doc->root->pairs[0].key->len, 3);
	assert_memory_equal(doc->root->pairs[0].key->str, "a\0b", 4);
	assert_int_equal(doc->root->pairs[1].value->items[0]->len, 3);
	eg_ydoc_free(doc);
}

static void test_yamldoc__json_syntax_errors(void **state)
{
	(void)state;
	expect_json_error("{\n  \"a\": [1, 2,]\n}\n", NULL, EG_ERR_INPUT, 2, 14,
			  "expected a value after ',', found ']' (trailing commas are not allowed)");
	expect_json_error("{\"a\": 1,}", NULL, EG_ERR_INPUT, 1, 9,
			  "expected a string key after ',', found '}' "
			  "(trailing commas are not allowed)");
	expect_json_error("{'a': 1}", NULL, EG_ERR_INPUT, 1, 2,
			  "expected a string key or '}', found \"'\" (JSON strings use double quotes)");
	expect_json_error("a: 1\n", NULL, EG_ERR_INPUT, 1, 1,
			  "expected a JSON value, found 'a'");
	expect_json_error("{} {}", NULL, EG_ERR_INPUT, 1, 4,
			  "expected end of file after the JSON value, found '{'");
	expect_json_error("[1,\n 2", NULL, EG_ERR_INPUT, 2, 3,
			  "unexpected end of file inside array");
}

static void test_yamldoc__json_columns_count_bytes(void **state)
{
	/* Every JSON position in edgegate counts bytes (jsonpos, Terraform
	 * inputs): syntax errors and node marks agree.  The '}' is byte 10. */
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	const char *text = "{\"\xC3\xA9\": 1,}";
	const char *ok = "{\"\xC3\xA9\": 1, \"k\": 2}";
	(void)state;

	assert_int_equal(eg_ydoc_parse_json(&doc, text, strlen(text), "t.json", NULL, &err),
			 EG_ERR_INPUT);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 10);
	assert_int_equal(eg_ydoc_parse_json(&doc, ok, strlen(ok), "t.json", NULL, &err), 0);
	assert_int_equal(doc->root->pairs[1].key->col, 11);
	eg_ydoc_free(doc);
}

static void test_yamldoc__json_depth_cap(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc;
	(void)state;

	lim.max_depth = 3;
	doc = parse_json_ok("[[[1]]]", &lim);
	eg_ydoc_free(doc);
	doc = parse_json_ok("{\"a\": {\"b\": {}}}", &lim);
	eg_ydoc_free(doc);
	expect_json_error("[[[[1]]]]", &lim, EG_ERR_LIMIT, 1, 4, "nesting deeper than 3");
	expect_json_error("{\"a\": {\"b\": {\n  \"c\": {}}}}", &lim, EG_ERR_LIMIT, 2, 8,
			  "nesting deeper than 3");
}

static void test_yamldoc__json_node_cap(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc;
	(void)state;

	lim.max_nodes = 4;
	doc = parse_json_ok("[1, 2, 3]", &lim);
	eg_ydoc_free(doc);
	expect_json_error("[1, 2, 3, 4]", &lim, EG_ERR_LIMIT, 1, 11,
			  "document has more than 4 nodes");
	/* keys are nodes too */
	expect_json_error("{\"a\": 1, \"b\": 2}", &lim, EG_ERR_LIMIT, 1, 15,
			  "document has more than 4 nodes");
	expect_json_error("[[], {},\n [], {}]", &lim, EG_ERR_LIMIT, 2, 6,
			  "document has more than 4 nodes");
}

static void test_yamldoc__json_size_cap(void **state)
{
	eg_ydoc_limits lim = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc;
	(void)state;

	lim.max_bytes = 8;
	doc = parse_json_ok("[123456]", &lim);
	eg_ydoc_free(doc);
	expect_json_error("[1234567]", &lim, EG_ERR_LIMIT, 0, 0, "input is larger than 8 bytes");
}

/* A document that is only `[]` (or `{}`) has no child before its end:
 * nothing may do arithmetic on the still-NULL child array (clang's UBSan
 * reports NULL + 0). */
static void test_yamldoc__empty_flow_collection_alone(void **state)
{
	static const char *const texts[] = { "[]", "{}", "[[]]", "a: []\n" };
	size_t i;

	(void)state;
	for (i = 0; i < EG_ARRAY_SIZE(texts); i++) {
		eg_ydoc *doc = parse_ok(texts[i], NULL);
		assert_non_null(doc->root);
		eg_ydoc_free(doc);
	}
}

/* A rule or config file that is a FIFO with no writer: refused at once
 * (it used to block in fopen for ever). */
static void test_yamldoc__load_refuses_fifo(void **state)
{
	char dir[] = "/tmp/eg_test_yamldoc_XXXXXX", path[64];
	eg_error err = EG_ERROR_INIT;
	eg_ydoc *doc = (eg_ydoc *)1;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rules.yml", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(eg_ydoc_load(&doc, path, NULL, &err), EG_ERR_IO);
	assert_null(doc);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.message, "not a regular file"));
	unlink(path);
	rmdir(dir);
}

/* Two trees are the same, node for node, marks included. */
static void assert_same_tree(const eg_ynode *a, const eg_ynode *b)
{
	size_t i;

	if (!a || !b) {
		assert_true(a == b);
		return;
	}
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	assert_int_equal(a->quoted, b->quoted);
	assert_int_equal(a->anchored, b->anchored);
	assert_true(!a->tag == !b->tag);
	if (a->tag)
		assert_string_equal(a->tag, b->tag);
	if (a->kind == EG_Y_SCALAR) {
		assert_int_equal(a->len, b->len);
		assert_memory_equal(a->str, b->str, a->len + 1);
	}
	assert_int_equal(a->nitems, b->nitems);
	for (i = 0; i < a->nitems; i++)
		assert_same_tree(a->items[i], b->items[i]);
	assert_int_equal(a->npairs, b->npairs);
	for (i = 0; i < a->npairs; i++) {
		assert_same_tree(a->pairs[i].key, b->pairs[i].key);
		assert_same_tree(a->pairs[i].value, b->pairs[i].value);
	}
}

/* A file whose name and bytes are prepared gets the prepared tree, equal
 * to the parsed one; other bytes, or a tree that does not read back, are
 * parsed (so an edited rule file's error still has its line:col). */
static void test_yamldoc__prepared_tree_is_the_parsed_tree(void **state)
{
	static const char text[] =
		"id: x\nseverity: error   # comment\nlist: [a, 'b', !Ref c]\n"
		"anchor: &a {k: \"v\\u0000w\"}\nalias: *a\nblock: |\n  two\n  lines\nempty:\n"
		"nested:\n  - - 1\n    - {}\n  - []\n";
	char dir[] = "/tmp/eg_test_yamldoc_XXXXXX", path[64];
	eg_strbuf tree = EG_STRBUF_INIT;
	eg_error err = EG_ERROR_INIT;
	eg_ydoc *parsed = parse_ok(text, NULL), *doc = NULL;
	eg_ydoc_prepared pd;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rule.yml", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	eg_ydoc_serialize(parsed, &tree);
	pd.name = "rule.yml";
	pd.text = (const unsigned char *)text;
	pd.text_len = strlen(text);
	pd.tree = (const unsigned char *)tree.buf;
	pd.tree_len = tree.len;
	assert_int_equal(eg_ydoc_load_prepared(&doc, path, NULL, &pd, 1, &err), 0);
	assert_same_tree(doc->root, parsed->root);
	/* the strings are the tree's own: nothing was parsed */
	assert_true(doc->root->pairs[0].key->str >= tree.buf &&
		    doc->root->pairs[0].key->str < tree.buf + tree.len);
	assert_string_equal(doc->file, path);
	eg_ydoc_free(doc);

	/* a byte changed on disk: parsed, with its own error */
	assert_non_null(fp = fopen(path, "w"));
	fputs("id: [x\n", fp);
	fclose(fp);
	pd.text_len = strlen("id: [x\n");
	pd.text = (const unsigned char *)"id: [y\n";
	doc = NULL;
	assert_int_not_equal(eg_ydoc_load_prepared(&doc, path, NULL, &pd, 1, &err), 0);
	assert_null(doc);
	assert_int_equal(err.line, 2);

	/* another name with the same bytes, or a truncated tree: parsed */
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	pd.text = (const unsigned char *)text;
	pd.text_len = strlen(text);
	pd.name = "other.yml";
	assert_int_equal(eg_ydoc_load_prepared(&doc, path, NULL, &pd, 1, &err), 0);
	assert_true(doc->root->pairs[0].key->str < tree.buf ||
		    doc->root->pairs[0].key->str >= tree.buf + tree.len);
	assert_same_tree(doc->root, parsed->root);
	eg_ydoc_free(doc);
	pd.name = "rule.yml";
	pd.tree_len = tree.len / 2;
	assert_int_equal(eg_ydoc_load_prepared(&doc, path, NULL, &pd, 1, &err), 0);
	assert_same_tree(doc->root, parsed->root);
	eg_ydoc_free(doc);

	unlink(path);
	rmdir(dir);
	eg_sb_release(&tree);
	eg_ydoc_free(parsed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yamldoc__block_mapping_sequence_and_marks),
		cmocka_unit_test(test_yamldoc__flow_collections_and_empty_ones),
		cmocka_unit_test(test_yamldoc__empty_flow_collection_alone),
		cmocka_unit_test(test_yamldoc__load_refuses_fifo),
		cmocka_unit_test(test_yamldoc__prepared_tree_is_the_parsed_tree),
		cmocka_unit_test(test_yamldoc__scalar_root_and_embedded_nul),
		cmocka_unit_test(test_yamldoc__utf8_bom_and_columns_count_characters),
		cmocka_unit_test(test_yamldoc__cloudformation_tags_are_kept),
		cmocka_unit_test(test_yamldoc__quoted_and_block_scalars_are_quoted),
		cmocka_unit_test(test_yamldoc__alias_expands_to_anchored_node),
		cmocka_unit_test(test_yamldoc__redefined_anchor_uses_latest),
		cmocka_unit_test(test_yamldoc__alias_of_scalar_works_as_key),
		cmocka_unit_test(test_yamldoc__merge_key_is_a_plain_key),
		cmocka_unit_test(test_yamldoc__undefined_alias),
		cmocka_unit_test(test_yamldoc__alias_inside_its_own_anchor),
		cmocka_unit_test(test_yamldoc__billion_laughs_fails_fast),
		cmocka_unit_test(test_yamldoc__alias_budget_counts_expanded_nodes),
		cmocka_unit_test(test_yamldoc__node_cap_without_aliases),
		cmocka_unit_test(test_yamldoc__depth_cap),
		cmocka_unit_test(test_yamldoc__depth_cap_counts_aliased_subtrees),
		cmocka_unit_test(test_yamldoc__default_depth_cap_stops_deep_flow),
		cmocka_unit_test(test_yamldoc__duplicate_key_reports_both_positions),
		cmocka_unit_test(test_yamldoc__same_key_in_different_maps_is_fine),
		cmocka_unit_test(test_yamldoc__duplicate_long_key_keeps_position_in_message),
		cmocka_unit_test(test_yamldoc__many_keys_parse_quickly),
		cmocka_unit_test(test_yamldoc__non_scalar_key),
		cmocka_unit_test(test_yamldoc__syntax_error_with_context),
		cmocka_unit_test(test_yamldoc__syntax_error_without_context),
		cmocka_unit_test(test_yamldoc__reader_errors_have_positions),
		cmocka_unit_test(test_yamldoc__multiple_documents),
		cmocka_unit_test(test_yamldoc__empty_stream_has_null_root),
		cmocka_unit_test(test_yamldoc__utf16_and_utf32_are_rejected),
		cmocka_unit_test(test_yamldoc__size_cap),
		cmocka_unit_test(test_yamldoc__load_reads_file),
		cmocka_unit_test(test_yamldoc__load_reports_errors_with_path),
		cmocka_unit_test(test_yamldoc__load_size_cap),
		cmocka_unit_test(test_yamldoc__load_missing_file),
		cmocka_unit_test(test_yamldoc__load_directory),
		cmocka_unit_test(test_yamldoc__is_null),
		cmocka_unit_test(test_yamldoc__bool),
		cmocka_unit_test(test_yamldoc__get),
		cmocka_unit_test(test_yamldoc__json_strings_are_quoted_the_rest_plain),
		cmocka_unit_test(test_yamldoc__json_scalar_root_and_empty_containers),
		cmocka_unit_test(test_yamldoc__json_marks_of_nested_keys_and_values),
		cmocka_unit_test(test_yamldoc__json_duplicate_key_reports_both_positions),
		cmocka_unit_test(test_yamldoc__json_keys_with_nul_escapes),
		cmocka_unit_test(test_yamldoc__json_syntax_errors),
		cmocka_unit_test(test_yamldoc__json_columns_count_bytes),
		cmocka_unit_test(test_yamldoc__json_depth_cap),
		cmocka_unit_test(test_yamldoc__json_node_cap),
		cmocka_unit_test(test_yamldoc__json_size_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

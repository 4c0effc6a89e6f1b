/* test_jsonpos.c - the raw-buffer JSON validator, pointer lookup and iterator.
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
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "strbuf.h"

/* Exact-size heap copy of text[0..len). */
static char *exact_copy(const char *text, size_t len)
{
	char *p = eg_xmalloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, text, len);
	return p;
}

static void check_invalid_code(const char *text, size_t len, int max_depth, eg_status code,
			       int line, int col, const char *msg)
{
	eg_error err = EG_ERROR_INIT;
	char *copy = exact_copy(text, len);
	int rc = eg_jsonpos_validate(copy, len, "in.json", max_depth, &err);
	eg_error err2 = EG_ERROR_INIT;
	eg_jsonpos_index *ix = NULL;

	/* the indexing validation fails the same way, and leaves no index */
	assert_int_equal(eg_jsonpos_validate_index(copy, len, "in.json", max_depth, &ix, NULL,
						   NULL, &err2), rc);
	assert_null(ix);
	assert_int_equal(err2.line, err.line);
	assert_int_equal(err2.col, err.col);
	assert_string_equal(err2.message, err.message);
	eg_free(copy);
	if (rc != (int)code || err.code != code || err.line != line || err.col != col ||
	    strcmp(err.message, msg) != 0 || strcmp(err.file, "in.json") != 0)
		fail_msg("want %d %d:%d \"%s\"\n  got %d %s:%d:%d \"%s\"", code, line, col, msg,
			 rc, err.file, err.line, err.col, err.message);
}

static void check_invalid(const char *text, size_t len, int line, int col, const char *msg)
{
	check_invalid_code(text, len, EG_MAX_DEPTH, EG_ERR_INPUT, line, col, msg);
}

static int validate_text(const char *text, size_t len, int max_depth)
{
	eg_error err = EG_ERROR_INIT;
	char *copy = exact_copy(text, len);
	int rc = eg_jsonpos_validate(copy, len, "in.json", max_depth, &err);

	eg_free(copy);
	if (rc)
		print_message("rejected %.60s: %d:%d %s\n", text, err.line, err.col, err.message);
	return rc;
}

/* One test per error path: name, input, line, col, message.  The input's
 * length is sizeof - 1, so inputs may hold NUL bytes. */
#define INVALID_CASES(X)                                                                  \
	X(empty_input, "", 1, 1, "empty file: expected a JSON value")                         \
	X(whitespace_only, " \n\t", 2, 2, "empty file: expected a JSON value")                \
	X(top_level_bad_char, "x", 1, 1, "expected a JSON value, found 'x'")                  \
	X(top_level_plus, "+1", 1, 1, "expected a JSON value, found '+'")                     \
	X(top_level_leading_dot, ".5", 1, 1, "expected a JSON value, found '.'")              \
	X(top_level_non_ascii, "\xC3\xA9", 1, 1, "expected a JSON value, found byte 0xC3")    \
	X(form_feed_is_not_whitespace, "\f1", 1, 1,                                           \
	  "expected a JSON value, found byte 0x0C")                                           \
	X(single_quotes, "{'a':1}", 1, 2,                                                     \
	  "expected a string key or '}', found \"'\" (JSON strings use double quotes)")       \
	X(comment, "[1,//x\n2]", 1, 4,                                                        \
	  "expected a value after ',', found '/' (JSON has no comments)")                     \
	X(trailing_garbage, "{} x", 1, 4,                                                     \
	  "expected end of file after the JSON value, found 'x'")                             \
	X(two_values, "1 2", 1, 3, "expected end of file after the JSON value, found '2'")    \
	X(eof_in_object, "{", 1, 2, "unexpected end of file inside object")                   \
	X(eof_after_key, "{\"a\"", 1, 5, "unexpected end of file inside object")              \
	X(eof_after_colon, "{\"a\":", 1, 6, "unexpected end of file inside object")           \
	X(eof_after_member, "{\"a\":1", 1, 7, "unexpected end of file inside object")         \
	X(eof_after_member_comma, "{\"a\":1,", 1, 8, "unexpected end of file inside object")  \
	X(eof_in_array, "[", 1, 2, "unexpected end of file inside array")                     \
	X(eof_after_element, "[1", 1, 3, "unexpected end of file inside array")               \
	X(eof_after_element_comma, "[1,", 1, 4, "unexpected end of file inside array")        \
	X(eof_in_inner_container, "{\"a\":[1,2", 1, 10, "unexpected end of file inside array") \
	X(eof_in_string, "\"abc", 1, 5, "unexpected end of file inside string")               \
	X(eof_in_key, "{\"ab", 1, 5, "unexpected end of file inside string")                  \
	X(eof_in_escape, "\"\\", 1, 3, "unexpected end of file inside string")                \
	X(eof_in_unicode_escape, "\"\\u12", 1, 6, "unexpected end of file inside string")     \
	X(eof_after_high_surrogate, "\"\\uD800", 1, 8, "unexpected end of file inside string") \
	X(eof_in_low_surrogate, "\"\\uD800\\uDC", 1, 12, "unexpected end of file inside string") \
	X(eof_in_utf8_sequence, "\"\xE2\x82", 1, 4, "unexpected end of file inside string")   \
	X(eof_in_number, "-", 1, 2, "unexpected end of file inside number")                   \
	X(eof_after_decimal_point, "1.", 1, 3, "unexpected end of file inside number")        \
	X(eof_in_exponent, "1e+", 1, 4, "unexpected end of file inside number")               \
	X(eof_in_literal, "tru", 1, 4, "unexpected end of file inside 'true'")                \
	X(object_key_not_string, "{1:2}", 1, 2, "expected a string key or '}', found '1'")    \
	X(object_trailing_comma, "{\"a\":1,}", 1, 8,                                          \
	  "expected a string key after ',', found '}' (trailing commas are not allowed)")      \
	X(object_missing_colon, "{\"a\" 1}", 1, 6, "expected ':' after object key, found '1'") \
	X(object_missing_value, "{\"a\":}", 1, 6, "expected a value after ':', found '}'")    \
	X(object_missing_comma, "{\"a\":1 \"b\":2}", 1, 8,                                    \
	  "expected ',' or '}' after object member, found '\"'")                              \
	X(object_closed_by_bracket, "{\"a\":1]", 1, 7,                                        \
	  "expected ',' or '}' after object member, found ']'")                               \
	X(array_bad_first_value, "[}", 1, 2, "expected a value or ']', found '}'")            \
	X(array_trailing_comma, "[1,]", 1, 4,                                                 \
	  "expected a value after ',', found ']' (trailing commas are not allowed)")          \
	X(array_double_comma, "[1,,2]", 1, 4, "expected a value after ',', found ','")        \
	X(array_missing_comma, "[1 2]", 1, 4,                                                 \
	  "expected ',' or ']' after array element, found '2'")                               \
	X(array_closed_by_brace, "[1}", 1, 3,                                                 \
	  "expected ',' or ']' after array element, found '}'")                               \
	X(tab_in_string, "\"a\tb\"", 1, 3, "unescaped control character 0x09 in string")      \
	X(newline_in_string, "[\"a\nb\"]", 1, 4, "unescaped control character 0x0A in string") \
	X(nul_in_string, "\"a\0\"", 1, 3, "unescaped control character 0x00 in string")       \
	X(invalid_escape, "\"\\x\"", 1, 2, "invalid escape '\\x' in string")                  \
	X(invalid_escape_of_control, "\"\\\n\"", 1, 2,                                        \
	  "invalid escape: '\\' followed by byte 0x0A in string")                             \
	X(bad_unicode_hex, "\"\\u12G4\"", 1, 6,                                               \
	  "expected 4 hex digits after '\\u', found 'G'")                                     \
	X(lone_high_surrogate, "\"\\uD800x\"", 1, 2,                                          \
	  "high surrogate \\uD800 is not followed by a low surrogate")                        \
	X(high_surrogate_then_non_low, "\"\\ud800\\u0041\"", 1, 2,                            \
	  "high surrogate \\uD800 is not followed by a low surrogate")                        \
	X(high_surrogate_then_bad_hex, "\"\\uD800\\uZ\"", 1, 10,                              \
	  "expected 4 hex digits after '\\u', found 'Z'")                                     \
	X(lone_low_surrogate, "\"\\uDC00\"", 1, 2, "lone low surrogate \\uDC00 in string")    \
	X(utf8_stray_continuation, "\"\x80\"", 1, 2, "invalid UTF-8 byte 0x80 in string")     \
	X(utf8_invalid_lead, "\"\xF5\x80\x80\x80\"", 1, 2, "invalid UTF-8 byte 0xF5 in string") \
	X(utf8_byte_ff, "\"\xFF\"", 1, 2, "invalid UTF-8 byte 0xFF in string")                \
	X(utf8_overlong_2byte, "\"\xC0\xAF\"", 1, 2, "overlong UTF-8 encoding in string")     \
	X(utf8_overlong_c1, "\"\xC1\xBF\"", 1, 2, "overlong UTF-8 encoding in string")       \
	X(utf8_overlong_3byte, "\"\xE0\x80\xAF\"", 1, 2, "overlong UTF-8 encoding in string") \
	X(utf8_overlong_4byte, "\"\xF0\x80\x80\xAF\"", 1, 2,                                  \
	  "overlong UTF-8 encoding in string")                                                \
	X(utf8_surrogate, "\"\xED\xA0\x80\"", 1, 2, "UTF-8 encoded surrogate in string")      \
	X(utf8_above_max, "\"\xF4\x90\x80\x80\"", 1, 2,                                       \
	  "UTF-8 code point above U+10FFFF in string")                                        \
	X(utf8_truncated_2byte, "\"\xC3(\"", 1, 2,                                            \
	  "invalid UTF-8 sequence starting with byte 0xC3 in string")                         \
	X(utf8_truncated_3byte, "\"x\xE2\x82\"", 1, 3,                                        \
	  "invalid UTF-8 sequence starting with byte 0xE2 in string")                         \
	X(utf8_latin1_text, "{\"caf\xE9\": 1}", 1, 6,                                         \
	  "invalid UTF-8 sequence starting with byte 0xE9 in string")                         \
	X(number_minus_without_digit, "-a", 1, 2, "expected a digit after '-', found 'a'")    \
	X(number_leading_zero, "[-01]", 1, 3, "leading zeros are not allowed in numbers")     \
	X(number_dot_without_digit, "1.x", 1, 3, "expected a digit after '.', found 'x'")     \
	X(number_exponent_without_digit, "1e+x", 1, 4,                                        \
	  "expected a digit in the exponent, found 'x'")                                      \
	X(number_trailing_letter, "[1x]", 1, 3,                                               \
	  "expected ',' or ']' after array element, found 'x'")                               \
	X(literal_misspelt, "trux", 1, 4, "expected 'true', found 'x'")                       \
	X(literal_capitalised, "[True]", 1, 2, "expected a value or ']', found 'T'")          \
	X(literal_null_truncated, "[nul]", 1, 5, "expected 'null', found ']'")                \
	X(position_on_third_line, "{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7,                       \
	  "expected ':' after object key, found '2'")                                         \
	X(position_after_crlf, "[1,\r\n x]", 2, 2, "expected a value after ',', found 'x'")

#define DEFINE_INVALID(name, text, line, col, msg)                                        \
	static void test_jsonpos__##name(void **state)                                    \
	{                                                                                 \
		(void)state;                                                              \
		check_invalid(text, sizeof(text) - 1, line, col, msg);                    \
	}
INVALID_CASES(DEFINE_INVALID)

static void test_jsonpos__accepts_valid_documents(void **state)
{
	static const char *const docs[] = {
		"{}",
		"[]",
		"0",
		"-0",
		"null",
		"true",
		"false",
		"\"\"",
		"\r\n\t [ ] \n",
		"[[],{},[{}],[[[]]]]",
		"{\"\":\"\"}",
		"[0, -0, 1, -1, 10, 0.5, -1.5e10, 1E+2, 2e-3, 0e0, -0.0e-0, 123456789012345678901234567890]",
		" {\"a\" : [1, true, false, null, \"x\", {\"b\": {}}], \"c\":\"d\"} ",
		"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\uD83D\\uDE00\\u0000\\uFFFF\"",
		"\"\\udbff\\udfff\"",
		"\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\xEF\xBF\xBF\xC2\x80\xED\x9F\xBF\xEE\x80\x80\"",
		"\"a long string that crosses several eight byte words \\\" with an escape\"",
		"\"\x7F is DEL, allowed raw\"",
	};

	(void)state;
	for (size_t i = 0; i < EG_ARRAY_SIZE(docs); i++)
		assert_int_equal(validate_text(docs[i], strlen(docs[i]), EG_MAX_DEPTH), 0);
}

static void test_jsonpos__error_without_error_struct(void **state)
{
	(void)state;
	assert_int_equal(eg_jsonpos_validate("[1,]", 4, "x.json", 8, NULL), EG_ERR_INPUT);
	assert_int_equal(eg_jsonpos_validate("[1]", 3, "x.json", 8, NULL), 0);
}

/* The word-at-a-time string scan must stop on a special byte at any offset. */
static void test_jsonpos__string_scan_at_every_alignment(void **state)
{
	char text[64];

	(void)state;
	for (size_t k = 0; k < 24; k++) {
		size_t n = 0;

		text[n++] = '"';
		memset(text + n, 'a', k);
		n += k;
		text[n++] = 0x1F; /* the highest control character */
		text[n++] = '"';
		check_invalid(text, n, 1, (int)k + 2, "unescaped control character 0x1F in string");

		n = k + 1;
		text[n++] = '\xC3';
		text[n++] = '\xA9';
		text[n++] = '\\';
		text[n++] = 'n';
		memset(text + n, 'b', 9);
		n += 9;
		text[n++] = '"';
		assert_int_equal(validate_text(text, n, 8), 0);
		n--;
		check_invalid(text, n, 1, (int)n + 1, "unexpected end of file inside string");

		n = k + 1;
		text[n++] = '\x80';
		text[n++] = '"';
		check_invalid(text, n, 1, (int)k + 2, "invalid UTF-8 byte 0x80 in string");
	}
}

static char *nested(const char *open, const char *close, size_t depth, size_t *len)
{
	size_t o = strlen(open), c = strlen(close);
	char *s = eg_xmalloc(depth * (o + c) + 2);
	size_t n = 0;

	assert_non_null(s);
	for (size_t i = 0; i < depth; i++, n += o)
		memcpy(s + n, open, o);
	s[n++] = '1';
	for (size_t i = 0; i < depth; i++, n += c)
		memcpy(s + n, close, c);
	s[n] = '\0';
	*len = n;
	return s;
}

static void test_jsonpos__depth_at_cap_is_accepted(void **state)
{
	size_t len;
	char *arrays = nested("[", "]", 64, &len);
	char *objects = nested("{\"k\":", "}", 64, &len);

	(void)state;
	assert_int_equal(validate_text(arrays, strlen(arrays), 64), 0);
	assert_int_equal(validate_text(objects, strlen(objects), 64), 0);
	eg_free(arrays);
	eg_free(objects);
}

static void test_jsonpos__depth_over_cap_is_limit_error(void **state)
{
	size_t len;
	char *arrays = nested("[", "]", 65, &len);
	char *objects = nested("{\"k\":", "}", 65, &len);

	(void)state;
	/* the 65th '[' is byte 65 */
	check_invalid_code(arrays, strlen(arrays), 64, EG_ERR_LIMIT, 1, 65,
			   "nesting deeper than 64");
	/* the 65th '{' is byte 64 * 5 + 1 */
	check_invalid_code(objects, strlen(objects), 64, EG_ERR_LIMIT, 1, 321,
			   "nesting deeper than 64");
	eg_free(arrays);
	eg_free(objects);
}

static void test_jsonpos__depth_zero_allows_only_scalars(void **state)
{
	(void)state;
	assert_int_equal(validate_text("\"s\"", 3, 0), 0);
	check_invalid_code("[]", 2, 0, EG_ERR_LIMIT, 1, 1, "nesting deeper than 0");
}

/* A million open brackets: the cap stops it early, and even uncapped the
 * explicit stack keeps the C stack flat. */
static void test_jsonpos__hostile_nesting(void **state)
{
	size_t n = 1000000;
	char *s = eg_xmalloc(n);

	(void)state;
	assert_non_null(s);
	memset(s, '[', n);
	check_invalid_code(s, n, EG_MAX_DEPTH, EG_ERR_LIMIT, 1, EG_MAX_DEPTH + 1,
			   "nesting deeper than 512");
	check_invalid_code(s, n, 2000000, EG_ERR_INPUT, 1, 1000001,
			   "unexpected end of file inside array");
	eg_free(s);
}

/* ---- find --------------------------------------------------------------- */

static const char doc[] =
	"\n{\n"
	"  \"format_version\": \"1.2\",\n"
	"  \"resource_changes\": [\n"
	"    {\"address\": \"aws_cloudfront_distribution.web\",\n"
	"     \"change\": {\"after\": {\"aliases\": [\"a.example.com\", \"b.example.com\"]}}},\n"
	"    {\"address\": \"x\", \"change\": null}\n"
	"  ],\n"
	"  \"a/b\": 1, \"m~n\": 2, \"\": 3, \"k\\u0065y\": \"escaped\",\n"
	"  \"dup\": 1, \"dup\": {\"x\": 2},\n"
	"  \"tricky\": \"}]{[\\\"\\\\\", \"after_tricky\": [\"\\\\\", \"\\\\\\\"\", 7],\n"
	"  \"nested\": {\"deep\": {\"deeper\": [[0, 1], [2, [3, 4]]]}}\n"
	"}\n";

/* Text of the value at pointer, or NULL when find says it names nothing. */
static char *find_text(const char *text, size_t len, const char *pointer)
{
	char *copy = exact_copy(text, len);
	eg_json_span span;
	char *out = NULL;

	if (eg_jsonpos_find(copy, len, NULL, pointer, &span)) {
		assert_true(span.start < span.end && span.end <= len);
		out = eg_xmalloc(span.end - span.start + 1);
		assert_non_null(out);
		memcpy(out, copy + span.start, span.end - span.start);
		out[span.end - span.start] = '\0';
	}
	eg_free(copy);
	return out;
}

static void assert_find(const char *text, const char *pointer, const char *want)
{
	char *got = find_text(text, strlen(text), pointer);

	if (!want && got)
		fail_msg("%s: want nothing, got %s", pointer, got);
	if (want && !got)
		fail_msg("%s: want %s, got nothing", pointer, want);
	if (want && strcmp(got, want) != 0)
		fail_msg("%s: want %s, got %s", pointer, want, got);
	eg_free(got);
}

static void test_jsonpos__doc_is_valid(void **state)
{
	(void)state;
	assert_int_equal(validate_text(doc, sizeof(doc) - 1, EG_MAX_DEPTH), 0);
}

static void test_jsonpos__find_root(void **state)
{
	char *root = find_text(doc, sizeof(doc) - 1, "");

	(void)state;
	assert_non_null(root);
	assert_int_equal(strlen(root), sizeof(doc) - 3); /* no leading/trailing "\n" */
	assert_int_equal(root[0], '{');
	eg_free(root);
	assert_find(" [10, 20] ", "", "[10, 20]");
	assert_find("\"s\"", "", "\"s\"");
}

static void test_jsonpos__find_nested(void **state)
{
	(void)state;
	assert_find(doc, "/format_version", "\"1.2\"");
	assert_find(doc, "/nested/deep", "{\"deeper\": [[0, 1], [2, [3, 4]]]}");
	assert_find(doc, "/nested/deep/deeper/1/1/0", "3");
	assert_find(doc, "/resource_changes/1/change", "null");
}

static void test_jsonpos__find_array_elements(void **state)
{
	(void)state;
	assert_find(doc, "/resource_changes/0/address", "\"aws_cloudfront_distribution.web\"");
	assert_find(doc, "/resource_changes/0/change/after/aliases/1", "\"b.example.com\"");
	assert_find(doc, "/resource_changes/0/change/after/aliases/0", "\"a.example.com\"");
	assert_find("[10, 20, [30]]", "/2/0", "30");
	assert_find("[10, 20, [30]]", "/1", "20");
}

static void test_jsonpos__find_escaped_key_in_json(void **state)
{
	(void)state;
	assert_find(doc, "/key", "\"escaped\"");
	assert_find(doc, "/k\\u0065y", NULL);
}

static void test_jsonpos__find_pointer_escapes(void **state)
{
	(void)state;
	assert_find(doc, "/a~1b", "1");
	assert_find(doc, "/m~0n", "2");
	assert_find(doc, "/", "3"); /* the empty key */
	assert_find("{\"~1\": 5}", "/~01", "5"); /* ~01 is "~1", not "/" */
}

static void test_jsonpos__find_duplicate_key_takes_last(void **state)
{
	(void)state;
	assert_find(doc, "/dup", "{\"x\": 2}");
	assert_find(doc, "/dup/x", "2");
}

static void test_jsonpos__find_skips_brackets_and_quotes_in_strings(void **state)
{
	(void)state;
	assert_find(doc, "/tricky", "\"}]{[\\\"\\\\\"");
	assert_find(doc, "/after_tricky/1", "\"\\\\\\\"\"");
	assert_find(doc, "/after_tricky/2", "7");
	assert_find(doc, "/nested/deep/deeper/0/1", "1");
}

/* The word-at-a-time string skip must see an escaped quote and a quote after
 * an escaped backslash at any offset. */
static void test_jsonpos__find_skips_long_strings_at_every_alignment(void **state)
{
	char text[128], want[16];

	(void)state;
	for (int k = 0; k < 24; k++) {
		snprintf(text, sizeof(text), "{\"s\":\"%.*s\\\"}]xxxxxxxxx\\\\\",\"t\":%d}", k,
			 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", k);
		assert_int_equal(validate_text(text, strlen(text), 8), 0);
		snprintf(want, sizeof(want), "%d", k);
		assert_find(text, "/t", want);
	}
}

static void test_jsonpos__find_missing(void **state)
{
	static const char *const missing[] = {
		"/nope", "/resource_changes/2", "/resource_changes/-", "/resource_changes/01",
		"/resource_changes/x", "/resource_changes/", "/format_version/0",
		"/resource_changes/1/change/after", "nope", "/a~2b", "/m~",
		"/resource_changes/99999999999999999999999999", "/nested/deep/deeper/0/1/0",
	};

	(void)state;
	for (size_t i = 0; i < EG_ARRAY_SIZE(missing); i++)
		assert_find(doc, missing[i], NULL);
	assert_find("", "", NULL);
	assert_find("  ", "", NULL);
	assert_find("[]", "/0", NULL);
	assert_find("{}", "/a", NULL);
}

/* ---- iterator, keys and strings ----------------------------------------- */

static eg_json_span whole(const char *text)
{
	eg_json_span span;

	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "", &span));
	return span;
}

static void assert_span(const char *text, eg_json_span span, const char *want)
{
	assert_int_equal(span.end - span.start, strlen(want));
	assert_memory_equal(text + span.start, want, strlen(want));
}

static void test_jsonpos__iterate_object(void **state)
{
	const char *text = "{\"a\": 1, \"b\" : [2, 3],\n \"c\\u0021\":{\"d\":null}}";
	eg_json_iter it;
	eg_json_span key, value;

	(void)state;
	assert_true(eg_jsonpos_iter_init(&it, text, whole(text), NULL));
	assert_true(it.is_object);
	assert_int_equal(it.index, 0);
	assert_true(eg_jsonpos_iter_next(&it, &key, &value));
	assert_span(text, key, "\"a\"");
	assert_span(text, value, "1");
	assert_int_equal(it.index, 1);
	assert_true(eg_jsonpos_iter_next(&it, &key, &value));
	assert_true(eg_jsonpos_key_is(text, key, "b"));
	assert_span(text, value, "[2, 3]");
	assert_true(eg_jsonpos_iter_next(&it, &key, &value));
	assert_true(eg_jsonpos_key_is(text, key, "c!"));
	assert_span(text, value, "{\"d\":null}");
	assert_int_equal(it.index, 3);
	assert_false(eg_jsonpos_iter_next(&it, &key, &value));
	assert_false(eg_jsonpos_iter_next(&it, &key, &value));
	assert_int_equal(it.index, 3);
}

static void test_jsonpos__iterate_array(void **state)
{
	const char *text = "[ 1 , \"two\" , [3] , {} ]";
	static const char *const want[] = { "1", "\"two\"", "[3]", "{}" };
	eg_json_span key = { 99, 99 }, value;
	eg_json_iter it;
	size_t n = 0;

	(void)state;
	assert_true(eg_jsonpos_iter_init(&it, text, whole(text), NULL));
	assert_false(it.is_object);
	while (eg_jsonpos_iter_next(&it, &key, &value)) {
		assert_true(n < EG_ARRAY_SIZE(want));
		assert_span(text, value, want[n++]);
		assert_int_equal(it.index, n);
	}
	assert_int_equal(n, 4);
	assert_int_equal(key.start, 99); /* untouched for arrays */
}

static void test_jsonpos__iterate_empty_and_null_outputs(void **state)
{
	const char *empty_obj = "{ }", *empty_arr = "[\n]", *pair = "{\"a\":[1]}";
	eg_json_iter it;
	eg_json_span value;

	(void)state;
	assert_true(eg_jsonpos_iter_init(&it, empty_obj, whole(empty_obj), NULL));
	assert_false(eg_jsonpos_iter_next(&it, NULL, NULL));
	assert_true(eg_jsonpos_iter_init(&it, empty_arr, whole(empty_arr), NULL));
	assert_false(eg_jsonpos_iter_next(&it, NULL, NULL));
	assert_true(eg_jsonpos_iter_init(&it, pair, whole(pair), NULL));
	assert_true(eg_jsonpos_iter_next(&it, NULL, &value));
	assert_span(pair, value, "[1]");
	assert_false(eg_jsonpos_iter_next(&it, NULL, NULL));
}

static void test_jsonpos__iterate_whole_buffer_with_whitespace(void **state)
{
	const char *text = " \n {\"a\": 1} \n";
	eg_json_span all = { 0, strlen(text) }, key, value;
	eg_json_iter it;

	(void)state;
	assert_true(eg_jsonpos_iter_init(&it, text, all, NULL));
	assert_true(eg_jsonpos_iter_next(&it, &key, &value));
	assert_true(eg_jsonpos_key_is(text, key, "a"));
	assert_span(text, value, "1");
	assert_false(eg_jsonpos_iter_next(&it, &key, &value));
}

static void test_jsonpos__iterate_rejects_scalars(void **state)
{
	const char *text = "[1, \"s\", null]";
	eg_json_span span;
	eg_json_iter it;

	(void)state;
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "/0", &span));
	assert_false(eg_jsonpos_iter_init(&it, text, span, NULL));
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "/1", &span));
	assert_false(eg_jsonpos_iter_init(&it, text, span, NULL));
	span.end = span.start;
	assert_false(eg_jsonpos_iter_init(&it, text, span, NULL));
}

static void test_jsonpos__key_is(void **state)
{
	const char *text = "{\"plain\":0, \"\\u0041\\/\\\\\":0, \"\\ud83d\\ude00\":0, \"a\\u0000\":0, \"\":0}";
	eg_json_span keys[5], value;
	eg_json_iter it;
	size_t n = 0;

	(void)state;
	assert_true(eg_jsonpos_iter_init(&it, text, whole(text), NULL));
	while (n < 5 && eg_jsonpos_iter_next(&it, &keys[n], &value))
		n++;
	assert_int_equal(n, 5);
	assert_true(eg_jsonpos_key_is(text, keys[0], "plain"));
	assert_false(eg_jsonpos_key_is(text, keys[0], "plai"));
	assert_false(eg_jsonpos_key_is(text, keys[0], "plains"));
	assert_false(eg_jsonpos_key_is(text, keys[0], "Plain"));
	assert_true(eg_jsonpos_key_is(text, keys[1], "A/\\"));
	assert_false(eg_jsonpos_key_is(text, keys[1], "A/"));
	assert_false(eg_jsonpos_key_is(text, keys[1], "A/\\x")); /* escaped key is a prefix */
	assert_false(eg_jsonpos_key_is(text, keys[1], "\\u0041/\\\\"));
	assert_true(eg_jsonpos_key_is(text, keys[2], "\xF0\x9F\x98\x80"));
	assert_false(eg_jsonpos_key_is(text, keys[3], "a")); /* "a\0" is longer */
	assert_true(eg_jsonpos_key_is(text, keys[4], ""));
	assert_false(eg_jsonpos_key_is(text, keys[4], "x"));
	assert_false(eg_jsonpos_key_is(text, value, "0")); /* not a string */
}

static void test_jsonpos__string_dup_decodes(void **state)
{
	const char *text = "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\u20AC\", \"plain\", \"\", 5]";
	eg_json_span span;
	char *s;

	(void)state;
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "/0", &span));
	s = eg_jsonpos_string_dup(text, span);
	assert_string_equal(s, "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80\xE2\x82\xAC");
	eg_free(s);
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "/1", &span));
	s = eg_jsonpos_string_dup(text, span);
	assert_string_equal(s, "plain");
	eg_free(s);
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "/2", &span));
	s = eg_jsonpos_string_dup(text, span);
	assert_string_equal(s, "");
	eg_free(s);
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "/3", &span));
	assert_null(eg_jsonpos_string_dup(text, span));
	assert_true(eg_jsonpos_find(text, strlen(text), NULL, "", &span));
	assert_null(eg_jsonpos_string_dup(text, span));
}

/* The walkers trust validation, but garbage must still not make them read
 * outside the buffer (the sanitizer build checks): every prefix of doc. */
static void test_jsonpos__walkers_stay_in_bounds_on_unvalidated_input(void **state)
{
	static const char *const pointers[] = {
		"", "/nested/deep/deeper/1/1/0", "/after_tricky/2", "/dup/x", "/resource_changes/1",
	};
	eg_json_span span, key, value;
	eg_json_iter it;

	(void)state;
	for (size_t len = 0; len < sizeof(doc); len++) {
		char *copy = exact_copy(doc, len);

		for (size_t i = 0; i < EG_ARRAY_SIZE(pointers); i++) {
			if (!eg_jsonpos_find(copy, len, NULL, pointers[i], &span))
				continue;
			assert_true(span.end <= len);
			eg_free(eg_jsonpos_string_dup(copy, span));
			if (eg_jsonpos_iter_init(&it, copy, span, NULL))
				while (eg_jsonpos_iter_next(&it, &key, &value))
					assert_true(value.end <= len);
		}
		eg_free(copy);
	}
}

static void test_jsonpos__string_dup_of_unvalidated_escapes(void **state)
{
	static const char *const raw[] = { "\"\\u12\"", "\"\\\"", "\"\\uDC00\"" };
	eg_json_span span;
	char *s;

	(void)state;
	for (size_t i = 0; i < EG_ARRAY_SIZE(raw); i++) {
		span.start = 0;
		span.end = strlen(raw[i]);
		s = eg_jsonpos_string_dup(raw[i], span);
		assert_non_null(s);
		if (i == 2)
			assert_string_equal(s, "\xEF\xBF\xBD"); /* lone surrogate -> U+FFFD */
		eg_free(s);
	}
}

#define LIST_INVALID(name, ...) cmocka_unit_test(test_jsonpos__##name),

/* Every span the walkers find is the same with the index of container
 * ends as without it: members of the top four levels and below. */
static void collect(const char *buf, const eg_jsonpos_index *ix, eg_json_span span,
		    eg_strbuf *out, int depth)
{
	eg_json_iter it;
	eg_json_span k, v;

	if (depth > 8 || !eg_jsonpos_iter_init(&it, buf, span, ix))
		return;
	while (eg_jsonpos_iter_next(&it, &k, &v)) {
		eg_sb_addf(out, "%zu-%zu;", v.start, v.end);
		collect(buf, ix, v, out, depth + 1);
	}
}

static void count_done(void *ctx, size_t upto)
{
	(void)upto;
	(*(int *)ctx)++;
}

static void test_jsonpos__index_gives_the_same_spans(void **state)
{
	const char *text = " {\"a\": [1, {\"b\": [[], {}, \"]}\"]}, [[[[[]]]]]], \"c\": {\"d\": {\"e\": {\"f\": "
			   "{\"g\": [\"x\\\"}\"]}}}}, \"h\": [] } ";
	size_t len = strlen(text);
	char *buf = exact_copy(text, len);
	eg_strbuf plain = EG_STRBUF_INIT, indexed = EG_STRBUF_INIT;
	eg_jsonpos_index *ix = NULL;
	eg_json_span root = { 0, len }, found;
	int calls = 0;

	(void)state;
	assert_int_equal(eg_jsonpos_validate(buf, len, "in.json", 64, NULL), 0);
	collect(buf, NULL, root, &plain, 0);
	assert_true(eg_jsonpos_find(buf, len, NULL, "/c/d/e/f/g/0", &found));
	assert_int_equal(eg_jsonpos_validate_index(buf, len, "in.json", 64, &ix, count_done,
						   &calls, NULL), 0);
	assert_non_null(ix);
	assert_int_equal(calls, 0); /* told only every few megabytes */
	collect(buf, ix, root, &indexed, 0);
	assert_string_equal(plain.buf, indexed.buf);
	{
		eg_json_span again;
		assert_true(eg_jsonpos_find(buf, len, ix, "/c/d/e/f/g/0", &again));
		assert_int_equal(again.start, found.start);
		assert_int_equal(again.end, found.end);
	}
	eg_jsonpos_index_free(ix);
	eg_jsonpos_index_free(NULL);
	eg_sb_release(&plain);
	eg_sb_release(&indexed);
	eg_free(buf);
}

/* The walkers use an index only when handed it, and only for the buffer
 * it was made of.  Overwriting a recorded ']' after indexing makes the two
 * ways of finding the end differ, which shows which one was taken. */
static void test_jsonpos__index_is_used_only_when_given(void **state)
{
	const char *text = "{\"a\": [1], \"b\": 2}";
	size_t len = strlen(text);
	char *buf = exact_copy(text, len), *other = exact_copy(text, len);
	eg_jsonpos_index *ix = NULL;
	eg_json_span root = { 0, len }, span;
	eg_strbuf plain = EG_STRBUF_INIT, indexed = EG_STRBUF_INIT, elsewhere = EG_STRBUF_INIT;

	(void)state;
	assert_int_equal(eg_jsonpos_validate_index(buf, len, "in.json", 64, &ix, NULL, NULL,
						   NULL), 0);
	assert_non_null(ix);
	buf[8] = ' ';   /* {"a": [1 , "b": 2}: scanning now ends the array at '}' */
	other[8] = ' ';
	collect(buf, NULL, root, &plain, 0);
	assert_string_equal(plain.buf, "6-18;7-8;11-14;");
	collect(buf, ix, root, &indexed, 0);
	assert_string_equal(indexed.buf, "6-9;7-8;16-17;");
	collect(other, ix, root, &elsewhere, 0); /* an index of another buffer: ignored */
	assert_string_equal(elsewhere.buf, plain.buf);
	assert_true(eg_jsonpos_find(buf, len, ix, "/a", &span));
	assert_int_equal(span.end, 9);
	assert_true(eg_jsonpos_find(buf, len, NULL, "/a", &span));
	assert_int_equal(span.end, 18);
	eg_jsonpos_index_free(ix);
	eg_sb_release(&plain);
	eg_sb_release(&indexed);
	eg_sb_release(&elsewhere);
	eg_free(other);
	eg_free(buf);
}

/* The first key that repeats an earlier one, with escapes decoded, in
 * pairs (few keys) and sorted (many): the same answer. */
static void test_jsonpos__duplicate_key(void **state)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_json_span keys[100];
	size_t n, i, first = 99;
	int big;

	(void)state;
	for (big = 0; big < 2; big++) {
		eg_sb_reset(&sb);
		n = big ? 100 : 6;
		for (i = 0; i < n; i++) {
			size_t at = sb.len;
			if (i == n - 3)
				eg_sb_adds(&sb, "\"k\\u0030001\""); /* "k0001", escaped */
			else if (i == n - 2 || i == n - 1)
				eg_sb_adds(&sb, "\"k0002\"");
			else
				eg_sb_addf(&sb, "\"k%04zu\"", i);
			keys[i].start = at;
			keys[i].end = sb.len;
		}
		assert_int_equal(eg_jsonpos_duplicate_key(sb.buf, keys, n, &first), n - 3);
		assert_int_equal(first, 1);
		assert_int_equal(eg_jsonpos_duplicate_key(sb.buf, keys, n - 3, &first), n - 3);
	}
	eg_sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		INVALID_CASES(LIST_INVALID)
		cmocka_unit_test(test_jsonpos__accepts_valid_documents),
		cmocka_unit_test(test_jsonpos__error_without_error_struct),
		cmocka_unit_test(test_jsonpos__string_scan_at_every_alignment),
		cmocka_unit_test(test_jsonpos__depth_at_cap_is_accepted),
		cmocka_unit_test(test_jsonpos__depth_over_cap_is_limit_error),
		cmocka_unit_test(test_jsonpos__depth_zero_allows_only_scalars),
		cmocka_unit_test(test_jsonpos__hostile_nesting),
		cmocka_unit_test(test_jsonpos__doc_is_valid),
		cmocka_unit_test(test_jsonpos__find_root),
		cmocka_unit_test(test_jsonpos__find_nested),
		cmocka_unit_test(test_jsonpos__find_array_elements),
		cmocka_unit_test(test_jsonpos__find_escaped_key_in_json),
		cmocka_unit_test(test_jsonpos__find_pointer_escapes),
		cmocka_unit_test(test_jsonpos__find_duplicate_key_takes_last),
		cmocka_unit_test(test_jsonpos__find_skips_brackets_and_quotes_in_strings),
		cmocka_unit_test(test_jsonpos__find_skips_long_strings_at_every_alignment),
		cmocka_unit_test(test_jsonpos__find_missing),
		cmocka_unit_test(test_jsonpos__iterate_object),
		cmocka_unit_test(test_jsonpos__iterate_array),
		cmocka_unit_test(test_jsonpos__iterate_empty_and_null_outputs),
		cmocka_unit_test(test_jsonpos__iterate_whole_buffer_with_whitespace),
		cmocka_unit_test(test_jsonpos__iterate_rejects_scalars),
		cmocka_unit_test(test_jsonpos__key_is),
		cmocka_unit_test(test_jsonpos__duplicate_key),
		cmocka_unit_test(test_jsonpos__index_gives_the_same_spans),
		cmocka_unit_test(test_jsonpos__index_is_used_only_when_given),
		cmocka_unit_test(test_jsonpos__string_dup_decodes),
		cmocka_unit_test(test_jsonpos__walkers_stay_in_bounds_on_unvalidated_input),
		cmocka_unit_test(test_jsonpos__string_dup_of_unvalidated_escapes),
	};

	return cmocka_run_group_tests_name("jsonpos", tests, NULL, NULL);
}

/* jsonpos.c - strict JSON validation and pointer lookup on the raw buffer.
 *
 * No tree is built.  The validator is one pass with an explicit container
 * stack, so hostile nesting costs heap bytes, not C stack.  The walkers (find,
 * iterator, decoders) trust that the buffer was validated, but still never
 * read outside it.
 */
#include "jsonpos.h"

#include "strbuf.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers shared by the validator and the walkers ---------------- */

static inline bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline size_t skip_ws(const unsigned char *b, size_t pos, size_t len)
{
	while (pos < len && is_ws(b[pos]))
		pos++;
	return pos;
}

static inline bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Value of the four hex digits at p (not past e); -1 - i when digit i is bad
 * or missing, so the validator can point at it. */
static long hex4(const unsigned char *p, const unsigned char *e)
{
	long v = 0;

	for (int i = 0; i < 4; i++) {
		int d = p + i < e ? hex_digit(p[i]) : -1;

		if (d < 0)
			return -1 - i;
		v = v * 16 + d;
	}
	return v;
}

static inline bool is_high_surrogate(long cp)
{
	return cp >= 0xD800 && cp <= 0xDBFF;
}

static inline bool is_low_surrogate(long cp)
{
	return cp >= 0xDC00 && cp <= 0xDFFF;
}

/* ---- the index of container ends ---------------------------------------- */

#define INDEX_DEPTH 6
#define INDEX_MAX ((size_t)4 * 1024 * 1024) /* containers recorded at most */

typedef struct container_span {
	size_t start, end; /* end 0: not closed (the validation failed) */
} container_span;

struct eg_jsonpos_index {
	const char *buf; /* the buffer it describes */
	size_t len;
	container_span *spans; /* in order of start */
	size_t n, alloc;
};

/* One past the container opening at pos in b, or 0 when ix does not say
 * (no index, an index of another buffer, or a container it did not record). */
static size_t indexed_end(const eg_jsonpos_index *ix, const unsigned char *b, size_t pos)
{
	size_t lo = 0, hi;

	if (!ix || (const unsigned char *)ix->buf != b || pos >= ix->len)
		return 0;
	hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->spans[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && ix->spans[lo].start == pos ? ix->spans[lo].end : 0;
}

void eg_jsonpos_index_free(eg_jsonpos_index *ix)
{
	if (!ix)
		return;
	eg_free(ix->spans);
	eg_free(ix);
}

/* ---- validator ---------------------------------------------------------- */

typedef struct validator {
	const unsigned char *b;
	size_t len;
	const char *file;
	eg_error *err;
} validator;

static void offset_line_col(const unsigned char *b, size_t len, size_t off,
			    int *line, int *col)
{
	const unsigned char *p = b, *stop, *nl;
	size_t lines = 1;

	if (off > len)
		off = len;
	stop = b + off;
	while (p < stop && (nl = memchr(p, '\n', (size_t)(stop - p))) != NULL) {
		lines++;
		p = nl + 1;
	}
	*line = lines > INT_MAX ? INT_MAX : (int)lines;
	*col = (size_t)(stop - p) >= INT_MAX ? INT_MAX : (int)(stop - p) + 1;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail_at(const validator *v, eg_status code, size_t off, const char *fmt, ...)
{
	char msg[sizeof(v->err->message)];
	int line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	offset_line_col(v->b, v->len, off, &line, &col);
	return eg_error_set(v->err, code, v->file, line, col, "%s", msg);
}

static int fail_eof(const validator *v, const char *inside)
{
	return fail_at(v, EG_ERR_INPUT, v->len, "unexpected end of file inside %s", inside);
}

static int fail_eof_in(const validator *v, unsigned char container)
{
	return fail_eof(v, container == '{' ? "object" : "array");
}

/* "<expected>, found <byte>" plus a hint for the usual hand-editing slips. */
static int fail_expected(const validator *v, size_t off, const char *expected,
			 bool after_comma)
{
	unsigned char c = v->b[off];
	char found[16];
	const char *hint = "";

	if (c == '\'')
		snprintf(found, sizeof(found), "\"'\"");
	else if (c > 0x20 && c < 0x7f)
		snprintf(found, sizeof(found), "'%c'", c);
	else
		snprintf(found, sizeof(found), "byte 0x%02X", c);
	if (c == '\'')
		hint = " (JSON strings use double quotes)";
	else if (c == '/' || c == '#')
		hint = " (JSON has no comments)";
	else if (after_comma && (c == ']' || c == '}'))
		hint = " (trailing commas are not allowed)";
	return fail_at(v, EG_ERR_INPUT, off, "%s, found %s%s", expected, found, hint);
}

#define SWAR_ONES UINT64_C(0x0101010101010101)
#define SWAR_HIGHS UINT64_C(0x8080808080808080)

/* Nonzero iff some byte of w is zero.  It can also flag a nonzero byte next
 * to a real hit, never a word without one: callers only ask "any?". */
static inline uint64_t zero_bytes(uint64_t w)
{
	return (w - SWAR_ONES) & ~w & SWAR_HIGHS;
}

/* Whether any byte of w is '"', '\\', below 0x20 or non-ASCII. */
static inline bool word_needs_care(uint64_t w)
{
	uint64_t below_space_or_high = ((w - SWAR_ONES * 0x20) | w) & SWAR_HIGHS;

	return (zero_bytes(w ^ (SWAR_ONES * '"')) | zero_bytes(w ^ (SWAR_ONES * '\\')) |
		below_space_or_high) != 0;
}

/* First byte at or after pos that ends a run of plain string bytes.  Plans
 * carry long strings (embedded policies), so eight bytes at a time. */
static inline size_t skip_plain(const unsigned char *b, size_t pos, size_t len)
{
	while (len - pos >= 8) {
		uint64_t w;

		memcpy(&w, b + pos, sizeof(w));
		if (word_needs_care(w))
			break;
		pos += 8;
	}
	while (pos < len && b[pos] >= 0x20 && b[pos] < 0x80 && b[pos] != '"' &&
	       b[pos] != '\\')
		pos++;
	return pos;
}

/* The escape whose backslash is at *pos. */
static int check_escape(const validator *v, size_t *pos)
{
	const unsigned char *b = v->b, *e = v->b + v->len;
	size_t at = *pos, next;
	long cp, lo;

	if (at + 1 >= v->len)
		return fail_eof(v, "string");
	switch (b[at + 1]) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
		*pos = at + 2;
		return 0;
	case 'u':
		break;
	default:
		if (b[at + 1] > 0x20 && b[at + 1] < 0x7f)
			return fail_at(v, EG_ERR_INPUT, at, "invalid escape '\\%c' in string",
				       b[at + 1]);
		return fail_at(v, EG_ERR_INPUT, at,
			       "invalid escape: '\\' followed by byte 0x%02X in string",
			       b[at + 1]);
	}
	cp = hex4(b + at + 2, e);
	if (cp < 0) {
		size_t bad = at + 2 + (size_t)(-1 - cp);

		if (bad >= v->len)
			return fail_eof(v, "string");
		return fail_expected(v, bad, "expected 4 hex digits after '\\u'", false);
	}
	next = at + 6;
	if (is_low_surrogate(cp))
		return fail_at(v, EG_ERR_INPUT, at,
			       "lone low surrogate \\u%04lX in string", cp);
	if (!is_high_surrogate(cp)) {
		*pos = next;
		return 0;
	}
	/* A high surrogate only counts as half of a \uXXXX\uXXXX pair. */
	if (next >= v->len || (b[next] == '\\' && next + 1 >= v->len))
		return fail_eof(v, "string");
	if (b[next] == '\\' && b[next + 1] == 'u') {
		lo = hex4(b + next + 2, e);
		if (lo < 0) {
			size_t bad = next + 2 + (size_t)(-1 - lo);

			if (bad >= v->len)
				return fail_eof(v, "string");
			return fail_expected(v, bad, "expected 4 hex digits after '\\u'", false);
		}
		if (is_low_surrogate(lo)) {
			*pos = next + 6;
			return 0;
		}
	}
	return fail_at(v, EG_ERR_INPUT, at,
		       "high surrogate \\u%04lX is not followed by a low surrogate", cp);
}

/* The multi-byte UTF-8 sequence whose lead byte is at *pos (Unicode table
 * 3-7: no overlongs, no surrogates, nothing above U+10FFFF). */
static int check_utf8(const validator *v, size_t *pos)
{
	const unsigned char *b = v->b;
	size_t at = *pos;
	unsigned char c = b[at], lo = 0x80, hi = 0xBF;
	int need;

	if (c >= 0xC0 && c < 0xC2)
		return fail_at(v, EG_ERR_INPUT, at, "overlong UTF-8 encoding in string");
	if (c < 0xC2 || c > 0xF4)
		return fail_at(v, EG_ERR_INPUT, at, "invalid UTF-8 byte 0x%02X in string", c);
	need = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (int i = 1; i <= need; i++) {
		unsigned char d;

		if (at + (size_t)i >= v->len)
			return fail_eof(v, "string");
		d = b[at + (size_t)i];
		if (d < 0x80 || d > 0xBF)
			return fail_at(v, EG_ERR_INPUT, at,
				       "invalid UTF-8 sequence starting with byte 0x%02X in string",
				       c);
		if (i == 1 && (d < lo || d > hi)) {
			if (c == 0xED)
				return fail_at(v, EG_ERR_INPUT, at,
					       "UTF-8 encoded surrogate in string");
			if (c == 0xF4)
				return fail_at(v, EG_ERR_INPUT, at,
					       "UTF-8 code point above U+10FFFF in string");
			return fail_at(v, EG_ERR_INPUT, at, "overlong UTF-8 encoding in string");
		}
	}
	*pos = at + (size_t)need + 1;
	return 0;
}

/* The string whose opening quote is at *pos; *pos ends past the closing one. */
static int check_string(const validator *v, size_t *pos)
{
	const unsigned char *b = v->b;
	size_t p = *pos + 1;
	int rc;

	for (;;) {
		p = skip_plain(b, p, v->len);
		if (p >= v->len)
			return fail_eof(v, "string");
		if (b[p] == '"') {
			*pos = p + 1;
			return 0;
		}
		if (b[p] == '\\')
			rc = check_escape(v, &p);
		else if (b[p] < 0x20)
			return fail_at(v, EG_ERR_INPUT, p,
				       "unescaped control character 0x%02X in string", b[p]);
		else
			rc = check_utf8(v, &p);
		if (rc)
			return rc;
	}
}

static int expect_digit(const validator *v, size_t p, const char *expected)
{
	if (p >= v->len)
		return fail_eof(v, "number");
	if (!is_digit(v->b[p]))
		return fail_expected(v, p, expected, false);
	return 0;
}

/* RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int check_number(const validator *v, size_t *pos)
{
	const unsigned char *b = v->b;
	size_t p = *pos, len = v->len;
	int rc;

	if (b[p] == '-')
		p++;
	if ((rc = expect_digit(v, p, "expected a digit after '-'")))
		return rc;
	if (b[p] == '0') {
		if (p + 1 < len && is_digit(b[p + 1]))
			return fail_at(v, EG_ERR_INPUT, p, "leading zeros are not allowed in numbers");
		p++;
	} else {
		while (p < len && is_digit(b[p]))
			p++;
	}
	if (p < len && b[p] == '.') {
		if ((rc = expect_digit(v, ++p, "expected a digit after '.'")))
			return rc;
		while (p < len && is_digit(b[p]))
			p++;
	}
	if (p < len && (b[p] == 'e' || b[p] == 'E')) {
		p++;
		if (p < len && (b[p] == '+' || b[p] == '-'))
			p++;
		if ((rc = expect_digit(v, p, "expected a digit in the exponent")))
			return rc;
		while (p < len && is_digit(b[p]))
			p++;
	}
	*pos = p;
	return 0;
}

static int check_literal(const validator *v, size_t *pos, const char *word)
{
	size_t p = *pos;
	char expected[16];

	for (const char *w = word; *w; w++, p++) {
		if (p >= v->len)
			return fail_at(v, EG_ERR_INPUT, p, "unexpected end of file inside '%s'", word);
		if (v->b[p] != (unsigned char)*w) {
			snprintf(expected, sizeof(expected), "expected '%s'", word);
			return fail_expected(v, p, expected, false);
		}
	}
	*pos = p;
	return 0;
}

/* Where a value is expected; picks the message when something else is there. */
enum value_ctx { CTX_TOP, CTX_ARRAY_FIRST, CTX_ARRAY_NEXT, CTX_MEMBER };

static const char *const value_expected[] = {
	[CTX_TOP] = "expected a JSON value",
	[CTX_ARRAY_FIRST] = "expected a value or ']'",
	[CTX_ARRAY_NEXT] = "expected a value after ','",
	[CTX_MEMBER] = "expected a value after ':'",
};

enum state { ST_VALUE, ST_KEY, ST_AFTER };

#define DONE_STEP ((size_t)8 * 1024 * 1024)

static int validate(const char *buf, size_t len, const char *file, int max_depth,
		    eg_jsonpos_index *ix, eg_jsonpos_done_fn *done, void *done_ctx, eg_error *err)
{
	size_t mark = done ? DONE_STEP : SIZE_MAX;
	size_t slot[INDEX_DEPTH] = { 0 }; /* ix->spans entry of each open recorded container */
	validator v = { (const unsigned char *)buf, len, file, err };
	const unsigned char *b = v.b;
	unsigned char *stack = NULL; /* '{' or '[' per open container */
	size_t depth = 0, alloc = 0, limit = max_depth > 0 ? (size_t)max_depth : 0;
	size_t pos = skip_ws(b, 0, len);
	enum value_ctx ctx = CTX_TOP;
	enum state st = ST_VALUE;
	int rc = 0;

	if (pos == len)
		return fail_at(&v, EG_ERR_INPUT, pos, "empty file: expected a JSON value");
	while (!rc) {
		pos = skip_ws(b, pos, len);
		if (pos >= mark) {
			/* errors count lines from the start, but only on failure */
			done(done_ctx, pos);
			mark = pos + DONE_STEP;
		}
		if (st == ST_AFTER && depth == 0) {
			if (pos < len)
				rc = fail_expected(&v, pos, "expected end of file after the JSON value",
						   false);
			break;
		}
		if (pos >= len) {
			rc = fail_eof_in(&v, stack[depth - 1]);
			break;
		}
		if (st == ST_KEY) {
			/* pos is at the key's opening quote */
			if ((rc = check_string(&v, &pos)))
				break;
			pos = skip_ws(b, pos, len);
			if (pos >= len)
				rc = fail_eof_in(&v, '{');
			else if (b[pos] != ':')
				rc = fail_expected(&v, pos, "expected ':' after object key", false);
			pos++;
			ctx = CTX_MEMBER;
			st = ST_VALUE;
		} else if (st == ST_AFTER) {
			unsigned char open = stack[depth - 1];
			unsigned char close = open == '{' ? '}' : ']';

			if (b[pos] == close) {
				if (ix && depth <= INDEX_DEPTH && slot[depth - 1] != SIZE_MAX)
					ix->spans[slot[depth - 1]].end = pos + 1;
				depth--;
				pos++;
			} else if (b[pos] != ',') {
				rc = fail_expected(&v, pos, open == '{' ?
						   "expected ',' or '}' after object member" :
						   "expected ',' or ']' after array element", false);
			} else if (open == '[') {
				pos++;
				ctx = CTX_ARRAY_NEXT;
				st = ST_VALUE;
			} else {
				pos = skip_ws(b, pos + 1, len);
				if (pos >= len)
					rc = fail_eof_in(&v, '{');
				else if (b[pos] != '"')
					rc = fail_expected(&v, pos, "expected a string key after ','", true);
				st = ST_KEY;
			}
		} else {
			switch (b[pos]) {
			case '{':
			case '[':
				if (depth >= limit) {
					rc = fail_at(&v, EG_ERR_LIMIT, pos, "nesting deeper than %d",
						     max_depth > 0 ? max_depth : 0);
					break;
				}
				EG_ALLOC_GROW(stack, depth + 1, alloc);
				stack[depth++] = b[pos];
				if (ix && depth <= INDEX_DEPTH) {
					slot[depth - 1] = SIZE_MAX;
					if (ix->n < INDEX_MAX) {
						EG_ALLOC_GROW(ix->spans, ix->n + 1, ix->alloc);
						ix->spans[ix->n].start = pos;
						ix->spans[ix->n].end = 0;
						slot[depth - 1] = ix->n++;
					}
				}
				pos = skip_ws(b, pos + 1, len);
				if (pos >= len) {
					rc = fail_eof_in(&v, stack[depth - 1]);
				} else if (b[pos] == (stack[depth - 1] == '{' ? '}' : ']')) {
					if (ix && depth <= INDEX_DEPTH && slot[depth - 1] != SIZE_MAX)
						ix->spans[slot[depth - 1]].end = pos + 1;
					depth--;
					pos++;
					st = ST_AFTER;
				} else if (stack[depth - 1] == '[') {
					ctx = CTX_ARRAY_FIRST;
				} else if (b[pos] == '"') {
					st = ST_KEY;
				} else {
					rc = fail_expected(&v, pos, "expected a string key or '}'", false);
				}
				break;
			case '"':
				rc = check_string(&v, &pos);
				st = ST_AFTER;
				break;
			case 't':
				rc = check_literal(&v, &pos, "true");
				st = ST_AFTER;
				break;
			case 'f':
				rc = check_literal(&v, &pos, "false");
				st = ST_AFTER;
				break;
			case 'n':
				rc = check_literal(&v, &pos, "null");
				st = ST_AFTER;
				break;
			case '-': case '0': case '1': case '2': case '3': case '4':
			case '5': case '6': case '7': case '8': case '9':
				rc = check_number(&v, &pos);
				st = ST_AFTER;
				break;
			default:
				rc = fail_expected(&v, pos, value_expected[ctx], ctx == CTX_ARRAY_NEXT);
			}
		}
	}
	eg_free(stack);
	return rc;
}

int eg_jsonpos_validate(const char *buf, size_t len, const char *file,
			int max_depth, eg_error *err)
{
	return validate(buf, len, file, max_depth, NULL, NULL, NULL, err);
}

int eg_jsonpos_validate_index(const char *buf, size_t len, const char *file, int max_depth,
			      eg_jsonpos_index **out, eg_jsonpos_done_fn *done, void *ctx,
			      eg_error *err)
{
	eg_jsonpos_index *ix;
	int rc;

	if (!out)
		return validate(buf, len, file, max_depth, NULL, done, ctx, err);
	*out = NULL;
	ix = eg_xcalloc(1, sizeof(*ix));
	ix->buf = buf;
	ix->len = len;
	if ((rc = validate(buf, len, file, max_depth, ix, done, ctx, err))) {
		eg_jsonpos_index_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

/* ---- walkers over validated text -------------------------------------- */

/* Past the closing quote of the string opening at pos (len if unterminated).
 * Jumps eight bytes at a time to the next '"' (faster than memchr on the
 * short strings plans are full of); that quote is escaped iff an odd run of
 * backslashes precedes it. */
static size_t skip_string(const unsigned char *b, size_t pos, size_t len)
{
	size_t at = pos + 1, run;

	for (;;) {
		for (; len - at >= 8; at += 8) {
			uint64_t w;

			memcpy(&w, b + at, sizeof(w));
			if (zero_bytes(w ^ (SWAR_ONES * '"')))
				break;
		}
		while (at < len && b[at] != '"')
			at++;
		if (at >= len)
			return len;
		for (run = 0; at - run - 1 > pos && b[at - run - 1] == '\\'; run++)
			;
		if (run % 2 == 0)
			return at + 1;
		at++;
	}
}

/* Past the end of the value starting at pos; a container that ix (NULL:
 * none) recorded is jumped over, others are scanned. */
static size_t skip_value(const eg_jsonpos_index *ix, const unsigned char *b, size_t pos,
			 size_t len)
{
	size_t depth = 0;

	if (pos >= len)
		return len;
	if (b[pos] == '"')
		return skip_string(b, pos, len);
	if (b[pos] != '{' && b[pos] != '[') {
		while (pos < len && !is_ws(b[pos]) && b[pos] != ',' && b[pos] != ']' &&
		       b[pos] != '}' && b[pos] != ':')
			pos++;
		return pos;
	}
	if (ix) {
		size_t end = indexed_end(ix, b, pos);

		if (end > pos && end <= len)
			return end;
	}
	for (; pos < len; pos++) {
		switch (b[pos]) {
		case '"':
			pos = skip_string(b, pos, len) - 1;
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return pos + 1;
			break;
		default:
			break;
		}
	}
	return len;
}

/* Leading whitespace in span is skipped, so {0, len} iterates a document. */
bool eg_jsonpos_iter_init(eg_json_iter *it, const char *buf, eg_json_span span,
			  const eg_jsonpos_index *ix)
{
	size_t start = skip_ws((const unsigned char *)buf, span.start, span.end);

	if (start >= span.end || (buf[start] != '{' && buf[start] != '['))
		return false;
	it->buf = buf;
	it->ix = ix;
	it->pos = start + 1;
	it->end = span.end;
	it->is_object = buf[start] == '{';
	it->index = 0;
	return true;
}

bool eg_jsonpos_iter_next(eg_json_iter *it, eg_json_span *key, eg_json_span *value)
{
	const unsigned char *b = (const unsigned char *)it->buf;
	size_t pos = skip_ws(b, it->pos, it->end), start;

	if (pos >= it->end || b[pos] == '}' || b[pos] == ']')
		return false;
	if (it->index > 0) {
		if (b[pos] != ',')
			return false;
		pos = skip_ws(b, pos + 1, it->end);
	}
	if (it->is_object) {
		if (pos >= it->end || b[pos] != '"')
			return false;
		start = pos;
		pos = skip_string(b, pos, it->end);
		if (key) {
			key->start = start;
			key->end = pos;
		}
		pos = skip_ws(b, pos, it->end);
		if (pos >= it->end || b[pos] != ':')
			return false;
		pos = skip_ws(b, pos + 1, it->end);
	}
	if (pos >= it->end)
		return false;
	start = pos;
	pos = skip_value(it->ix, b, pos, it->end);
	if (value) {
		value->start = start;
		value->end = pos;
	}
	it->pos = pos;
	it->index++;
	return true;
}

static size_t utf8_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes the escape whose backslash is at *pp (before e) into out and
 * advances *pp.  Never writes more bytes than it consumes, so a decode
 * buffer as long as the raw text always suffices.  Surrogates that do not
 * pair (impossible after validation) become U+FFFD. */
static size_t decode_escape(const unsigned char **pp, const unsigned char *e, char *out)
{
	const unsigned char *p = *pp;
	long cp, lo;

	if (e - p < 2) {
		*pp = e;
		out[0] = '\\';
		return 1;
	}
	*pp = p + 2;
	switch (p[1]) {
	case 'b': out[0] = '\b'; return 1;
	case 'f': out[0] = '\f'; return 1;
	case 'n': out[0] = '\n'; return 1;
	case 'r': out[0] = '\r'; return 1;
	case 't': out[0] = '\t'; return 1;
	case 'u': break;
	default: out[0] = (char)p[1]; return 1;
	}
	cp = hex4(p + 2, e);
	if (cp < 0) {
		out[0] = 'u';
		return 1;
	}
	p += 6;
	if (is_high_surrogate(cp) && e - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
	    is_low_surrogate(lo = hex4(p + 2, e))) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		p += 6;
	} else if (is_high_surrogate(cp) || is_low_surrogate(cp)) {
		cp = 0xFFFD;
	}
	*pp = p;
	return utf8_encode((unsigned long)cp, out);
}

/* Whether the key span (quotes included) decodes to exactly s[0..n). */
static bool key_equals(const unsigned char *b, eg_json_span key, const char *s, size_t n)
{
	const unsigned char *p, *e;
	size_t j = 0;
	char tmp[4];

	if (key.end < key.start + 2 || b[key.start] != '"')
		return false;
	p = b + key.start + 1;
	e = b + key.end - 1;
	if ((size_t)(e - p) < n)
		return false; /* escapes only shrink */
	if (!memchr(p, '\\', (size_t)(e - p)))
		return (size_t)(e - p) == n && memcmp(p, s, n) == 0;
	while (p < e) {
		size_t k;

		if (*p != '\\') {
			if (j >= n || (unsigned char)s[j] != *p)
				return false;
			j++;
			p++;
			continue;
		}
		k = decode_escape(&p, e, tmp);
		if (k > n - j || memcmp(s + j, tmp, k) != 0)
			return false;
		j += k;
	}
	return j == n;
}

bool eg_jsonpos_key_is(const char *buf, eg_json_span key, const char *s)
{
	return key_equals((const unsigned char *)buf, key, s, strlen(s));
}

/* A key's name for comparing: its bytes when it has no escape, else its
 * decoded copy (owned). */
typedef struct key_name {
	const char *s;
	size_t len, index;
	bool owned;
} key_name;

static key_name key_name_of(const char *buf, eg_json_span key, size_t index)
{
	key_name k;

	k.s = buf + key.start + 1;
	k.len = key.end - key.start - 2;
	k.index = index;
	k.owned = memchr(k.s, '\\', k.len) != NULL;
	if (k.owned)
		k.s = eg_jsonpos_string_dup_len(buf, key, &k.len);
	return k;
}

static bool same_name(const key_name *a, const key_name *b)
{
	return a->len == b->len && !memcmp(a->s, b->s, a->len);
}

static int cmp_key_name(const void *pa, const void *pb)
{
	const key_name *a = pa, *b = pb;
	int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

size_t eg_jsonpos_duplicate_key(const char *buf, const eg_json_span *keys, size_t n,
				size_t *first)
{
	key_name small[32], *names = n <= 32 ? small : eg_xmalloc(n * sizeof(*names));
	size_t i, j, dup = n;

	for (i = 0; i < n; i++)
		names[i] = key_name_of(buf, keys[i], i);
	if (n <= 32) { /* pairs: no sort for the objects of every day */
		for (i = 1; i < n && dup == n; i++)
			for (j = 0; j < i; j++)
				if (same_name(&names[i], &names[j])) {
					dup = i;
					*first = j;
					break;
				}
	} else { /* sorted, so a hostile object of a million keys costs n log n */
		qsort(names, n, sizeof(*names), cmp_key_name);
		for (i = 1; i < n; i++)
			if (same_name(&names[i], &names[i - 1]) &&
			    (i < 2 || !same_name(&names[i - 1], &names[i - 2])) &&
			    names[i].index < dup) {
				dup = names[i].index; /* a run's second: its key's first repeat */
				*first = names[i - 1].index;
			}
	}
	for (i = 0; i < n; i++)
		if (names[i].owned)
			eg_free((char *)names[i].s);
	if (names != small)
		eg_free(names);
	return dup;
}

char *eg_jsonpos_string_dup(const char *buf, eg_json_span span)
{
	return eg_jsonpos_string_dup_len(buf, span, NULL);
}

char *eg_jsonpos_string_dup_len(const char *buf, eg_json_span span, size_t *len)
{
	const unsigned char *p, *e;
	char *out;
	size_t n = 0;

	if (span.end < span.start + 2 || buf[span.start] != '"')
		return NULL;
	p = (const unsigned char *)buf + span.start + 1;
	e = (const unsigned char *)buf + span.end - 1;
	out = eg_xmalloc((size_t)(e - p) + 1);
	while (p < e) {
		const unsigned char *bs = memchr(p, '\\', (size_t)(e - p));
		size_t run = (size_t)((bs ? bs : e) - p);

		memcpy(out + n, p, run);
		n += run;
		p += run;
		if (bs)
			n += decode_escape(&p, e, out + n);
	}
	out[n] = '\0';
	if (len)
		*len = n;
	return out;
}

/* Reads the pointer token after a '/' into tok; false on a bad '~' escape. */
static bool pointer_token(const char **pp, eg_strbuf *tok)
{
	const char *p = *pp;

	eg_sb_reset(tok);
	for (; *p && *p != '/'; p++) {
		if (*p != '~') {
			eg_sb_addc(tok, *p);
		} else if (p[1] == '0' || p[1] == '1') {
			eg_sb_addc(tok, p[1] == '0' ? '~' : '/');
			p++;
		} else {
			return false;
		}
	}
	*pp = p;
	return true;
}

/* RFC 6901 array index: "0" or [1-9][0-9]*; "-" (past the end) names nothing. */
static bool parse_index(const char *s, size_t n, size_t *out)
{
	size_t v = 0;

	if (n == 0 || (n > 1 && s[0] == '0'))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]) || v > (SIZE_MAX - 9) / 10)
			return false;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* Start of the member/element named by tok in the container at start.
 * Objects are walked to the end: with duplicate keys the last one wins, as
 * in jansson and in Go's encoding/json (which Terraform uses). */
static bool child_start(const char *buf, size_t len, const eg_jsonpos_index *ix, size_t start,
			const eg_strbuf *tok, size_t *out)
{
	eg_json_iter it;
	eg_json_span span = { start, len }, key, value;
	bool found = false;
	size_t index;

	if (!eg_jsonpos_iter_init(&it, buf, span, ix))
		return false;
	if (!it.is_object) {
		if (!parse_index(tok->buf, tok->len, &index))
			return false;
		while (eg_jsonpos_iter_next(&it, NULL, &value)) {
			if (it.index - 1 == index) {
				*out = value.start;
				return true;
			}
		}
		return false;
	}
	while (eg_jsonpos_iter_next(&it, &key, &value)) {
		if (key_equals((const unsigned char *)buf, key, tok->buf, tok->len)) {
			*out = value.start;
			found = true;
		}
	}
	return found;
}

bool eg_jsonpos_find(const char *buf, size_t len, const eg_jsonpos_index *ix,
		     const char *pointer, eg_json_span *out)
{
	return eg_jsonpos_find_at(buf, len, ix, 0, pointer, out);
}

bool eg_jsonpos_find_at(const char *buf, size_t len, const eg_jsonpos_index *ix, size_t start,
			const char *pointer, eg_json_span *out)
{
	const unsigned char *b = (const unsigned char *)buf;
	eg_strbuf tok = EG_STRBUF_INIT;
	size_t pos = skip_ws(b, start, len);
	const char *p = pointer;
	bool ok = false;

	if (pos >= len)
		goto out;
	/* Only start offsets while descending: the end of a big parent is
	 * never needed, only that of the value finally named. */
	while (*p) {
		if (*p != '/')
			goto out;
		p++;
		if (!pointer_token(&p, &tok) || !child_start(buf, len, ix, pos, &tok, &pos))
			goto out;
	}
	out->start = pos;
	out->end = skip_value(ix, b, pos, len);
	ok = true;
out:
	eg_sb_release(&tok);
	return ok;
}

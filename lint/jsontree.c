/* jsontree.c - a read-only tree over validated JSON text (jsontree.h). */
#include "jsontree.h"

#include "common.h"
#include "jsonpos.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An open container: where its members start on the scratch stack. */
typedef struct frame {
	size_t first;
	eg_json_node self;
} frame;

typedef struct parser {
	eg_arena *arena;
	const char *text, *end;
	eg_json_node *stack; /* finished values of the open containers */
	size_t n, alloc;
	frame *frames;
	size_t nframes, frames_alloc;
	size_t dup_off;      /* earliest duplicate key so far; SIZE_MAX: none */
	const char *dup_key;
	size_t dup_klen;
	const char *err_msg; /* the first number out of range, or NULL */
	size_t err_off;
} parser;

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}

/* p is at an opening quote: the string's bytes, and whether it escapes. */
static const char *scan_string(const char *p, const char *end, const char **s, size_t *len,
			       bool *escaped)
{
	const char *q = ++p;

	*escaped = false;
	for (;;) {
		q = memchr(q, '"', (size_t)(end - q));
		if (!q)
			q = end; /* not validated text: stop at its end */
		if (q < end) {
			size_t bs = 0;
			while (q - bs > p && q[-1 - (ptrdiff_t)bs] == '\\')
				bs++;
			if (bs)
				*escaped = true;
			if (bs % 2) {
				q++;
				continue;
			}
		}
		break;
	}
	if (!*escaped && memchr(p, '\\', (size_t)(q - p)))
		*escaped = true;
	*s = p;
	*len = (size_t)(q - p);
	return q < end ? q + 1 : q;
}

/* Records the earliest key of kids[0..n) that repeats an earlier one
 * (jsonpos.h does the finding, for every reader alike). */
static void check_duplicates(parser *ps, const eg_json_node *kids, size_t n)
{
	eg_json_span small[64], *keys = n <= 64 ? small : eg_xmalloc(n * sizeof(*keys));
	size_t i, first;

	for (i = 0; i < n; i++) {
		keys[i].start = (size_t)(kids[i].key - 1 - ps->text);
		keys[i].end = keys[i].start + kids[i].klen + 2;
	}
	i = eg_jsonpos_duplicate_key(ps->text, keys, n, &first);
	if (i < n && keys[i].start < ps->dup_off) {
		ps->dup_off = keys[i].start;
		ps->dup_key = kids[i].key - 1;
		ps->dup_klen = kids[i].klen + 2;
	}
	if (keys != small)
		eg_free(keys);
}

/* jansson's limits: an integer must fit a long long, a real a double. */
static void read_number(parser *ps, eg_json_node *v)
{
	char small[64], *s = v->len < sizeof(small) ? small : eg_xmalloc(v->len + 1);
	const char *msg = NULL;

	memcpy(s, v->text, v->len);
	s[v->len] = '\0';
	errno = 0;
	if (strpbrk(s, ".eE")) {
		v->type = EG_JSON_REAL;
		v->num.r = strtod(s, NULL);
		if (errno == ERANGE && (v->num.r > 1.0 || v->num.r < -1.0))
			msg = "real number overflow";
	} else {
		v->type = EG_JSON_INTEGER;
		v->num.i = strtoll(s, NULL, 10);
		if (errno == ERANGE)
			msg = "too big integer";
	}
	if (msg && !ps->err_msg) { /* numbers come in text order: the first is earliest */
		ps->err_msg = eg_arena_printf(ps->arena, "%s near '%.*s'", msg,
					      (int)(v->len > 200 ? 200 : v->len), v->text);
		ps->err_off = (size_t)(v->text - ps->text);
	}
	if (s != small)
		eg_free(s);
}

static void push(parser *ps, const eg_json_node *v)
{
	EG_ALLOC_GROW(ps->stack, ps->n + 1, ps->alloc);
	ps->stack[ps->n++] = *v;
}

/* p at a member's opening quote: reads the name and the colon. */
static const char *read_key(parser *ps, const char *p, eg_json_node *next)
{
	p = scan_string(p, ps->end, &next->key, &next->klen, &next->key_escaped);
	p = skip_ws(p, ps->end);
	return skip_ws(p + 1, ps->end); /* past ':' */
}

const eg_json_node *eg_jsontree_parse(eg_arena *arena, const char *text, size_t len,
				      size_t *err_off, const char **err_msg)
{
	parser ps;
	const char *p = text, *end = text + len;
	eg_json_node next, *root = NULL;
	frame *f;
	size_t n;

	memset(&ps, 0, sizeof(ps));
	ps.arena = arena;
	ps.text = text;
	ps.end = end;
	ps.dup_off = SIZE_MAX;
	memset(&next, 0, sizeof(next));
	p = skip_ws(p, end);
	while (p < end) {
		eg_json_node v = next;

		memset(&next, 0, sizeof(next));
		v.text = p;
		switch (*p) {
		case '{':
		case '[':
			v.type = *p == '{' ? EG_JSON_OBJECT : EG_JSON_ARRAY;
			EG_ALLOC_GROW(ps.frames, ps.nframes + 1, ps.frames_alloc);
			ps.frames[ps.nframes].first = ps.n;
			ps.frames[ps.nframes++].self = v;
			p = skip_ws(p + 1, end);
			if (p < end && *p != '}' && *p != ']') {
				if (v.type == EG_JSON_OBJECT)
					p = read_key(&ps, p, &next);
				continue;
			}
			goto close;
		case '"':
			v.type = EG_JSON_STRING;
			p = scan_string(p, end, &v.text, &v.len, &v.escaped);
			break;
		case 't':
			v.type = EG_JSON_TRUE;
			v.len = 4;
			p = (size_t)(end - p) > 4 ? p + 4 : end; /* validated: never short */
			break;
		case 'f':
			v.type = EG_JSON_FALSE;
			v.len = 5;
			p = (size_t)(end - p) > 5 ? p + 5 : end; /* validated: never short */
			break;
		case 'n':
			v.type = EG_JSON_NULL;
			v.len = 4;
			p = (size_t)(end - p) > 4 ? p + 4 : end; /* validated: never short */
			break;
		default:
			while (p < end && (strchr("+-.eE", *p) || (*p >= '0' && *p <= '9')))
				p++;
			v.len = (size_t)(p - v.text);
			read_number(&ps, &v);
			break;
		}
		push(&ps, &v);
		for (;;) { /* after a value: the next member, or closing brackets */
			if (!ps.nframes)
				goto done;
			p = skip_ws(p, end);
			if (p < end && *p == ',') {
				p = skip_ws(p + 1, end);
				if (ps.frames[ps.nframes - 1].self.type == EG_JSON_OBJECT)
					p = read_key(&ps, p, &next);
				break;
			}
close:
			f = &ps.frames[--ps.nframes];
			n = ps.n - f->first;
			v = f->self;
			v.n = n;
			if (n) {
				v.kids = eg_arena_alloc(arena, n * sizeof(*v.kids));
				memcpy(v.kids, ps.stack + f->first, n * sizeof(*v.kids));
			}
			ps.n = f->first;
			if (p < end)
				p++;
			v.len = (size_t)(p - v.text);
			if (v.type == EG_JSON_OBJECT && n > 1)
				check_duplicates(&ps, v.kids, n);
			push(&ps, &v);
		}
	}
done:
	if (ps.n == 1 && !ps.nframes) {
		root = eg_arena_alloc(arena, sizeof(*root));
		*root = ps.stack[0];
	}
	if (ps.dup_off != SIZE_MAX && (!ps.err_msg || ps.dup_off < ps.err_off)) {
		root = NULL;
		*err_off = ps.dup_off;
		*err_msg = eg_arena_printf(arena, "duplicate object key near '%.*s'",
					   (int)(ps.dup_klen > 200 ? 200 : ps.dup_klen), ps.dup_key);
	} else if (ps.err_msg) {
		root = NULL;
		*err_off = ps.err_off;
		*err_msg = ps.err_msg;
	} else if (!root) {
		*err_off = (size_t)(p - text);
		*err_msg = "not one JSON value";
	}
	eg_free(ps.stack);
	eg_free(ps.frames);
	return root;
}

static bool key_is(const eg_json_node *kid, const char *key, size_t klen)
{
	if (!kid->key_escaped)
		return kid->klen == klen && !memcmp(kid->key, key, klen);
	return eg_jsonpos_key_is(kid->key - 1, (eg_json_span){ 0, kid->klen + 2 }, key);
}

const eg_json_node *eg_jsontree_get(const eg_json_node *obj, const char *key)
{
	size_t i, klen;

	if (!eg_jsontree_is(obj, EG_JSON_OBJECT))
		return NULL;
	klen = strlen(key);
	for (i = 0; i < obj->n; i++)
		if (key_is(&obj->kids[i], key, klen))
			return &obj->kids[i];
	return NULL;
}

const eg_json_node *eg_jsontree_at(const eg_json_node *arr, size_t i)
{
	return eg_jsontree_is(arr, EG_JSON_ARRAY) && i < arr->n ? &arr->kids[i] : NULL;
}

size_t eg_jsontree_size(const eg_json_node *v)
{
	return v && (v->type == EG_JSON_ARRAY || v->type == EG_JSON_OBJECT) ? v->n : 0;
}

static char *decode(eg_arena *arena, const char *s, size_t len, bool escaped)
{
	char *tmp, *out;

	if (!escaped)
		return eg_arena_strndup(arena, s, len);
	tmp = eg_jsonpos_string_dup(s - 1, (eg_json_span){ 0, len + 2 });
	out = eg_arena_strdup(arena, tmp);
	eg_free(tmp);
	return out;
}

char *eg_jsontree_string(eg_arena *arena, const eg_json_node *v)
{
	return eg_jsontree_is(v, EG_JSON_STRING) ? decode(arena, v->text, v->len, v->escaped)
						 : NULL;
}

char *eg_jsontree_key(eg_arena *arena, const eg_json_node *member)
{
	return member && member->key ? decode(arena, member->key, member->klen, member->key_escaped)
				     : NULL;
}

bool eg_jsontree_string_is(const eg_json_node *v, const char *s)
{
	size_t n = strlen(s);

	if (!eg_jsontree_is(v, EG_JSON_STRING))
		return false;
	if (!v->escaped)
		return v->len == n && !memcmp(v->text, s, n);
	return eg_jsonpos_key_is(v->text - 1, (eg_json_span){ 0, v->len + 2 }, s);
}

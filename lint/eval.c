/* eval.c - three-valued evaluation of rule conditions over the view. */
#include "eval.h"

#include "attr.h"
#include "cloudfront.h"
#include "sha256.h"
#include "strbuf.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum tri { T_FALSE = 0, T_TRUE = 1, T_UNKNOWN = 2 } tri;

static tri t_not(tri a)
{
	return a == T_UNKNOWN ? T_UNKNOWN : a == T_TRUE ? T_FALSE : T_TRUE;
}

typedef struct ectx {
	eg_view *view;
	const char *unknown_path; /* first attribute found unknown */
	/* the last regex compiled: a rule applies one pattern to every object */
	const char *re_pattern;
	regex_t re;
} ectx;

/* --- resolving paths ------------------------------------------------------ */

static eg_value value_of(eg_vkind kind)
{
	eg_value v;
	memset(&v, 0, sizeof(v));
	v.kind = kind;
	return v;
}

static eg_value get_seg(ectx *e, const eg_path_seg *seg, const eg_path_seg *next,
			const void *obj)
{
	if (seg->attr->type == EG_T_MAP) {
		const eg_distribution *d = obj;
		const char *val;
		eg_value r;
		if (d->tags_unknown)
			return value_of(EG_V_UNKNOWN);
		val = eg_distribution_tag(d, next->key);
		if (!val)
			return value_of(EG_V_ABSENT);
		if (eg_is_unknown(val))
			return value_of(EG_V_UNKNOWN);
		r = value_of(EG_V_STR);
		r.s = val;
		return r;
	}
	return seg->attr->get(e->view, obj);
}

typedef struct collect {
	const void **objs;
	const char **items;
	size_t n, alloc;
	bool unknown;
	bool is_objs;
} collect;

static void collect_value(ectx *e, collect *c, eg_value v)
{
	eg_arena *a = &e->view->arena;
	size_t i;

	switch (v.kind) {
	case EG_V_ABSENT:
		return;
	case EG_V_UNKNOWN:
		c->unknown = true;
		return;
	case EG_V_OBJ:
		c->is_objs = true;
		EG_ARENA_GROW(a, c->objs, c->n + 1, c->alloc);
		c->objs[c->n++] = v.obj;
		return;
	case EG_V_OBJS:
		c->is_objs = true;
		for (i = 0; i < v.n; i++) {
			EG_ARENA_GROW(a, c->objs, c->n + 1, c->alloc);
			c->objs[c->n++] = v.objs[i];
		}
		return;
	case EG_V_LIST:
		for (i = 0; i < v.n; i++) {
			EG_ARENA_GROW(a, c->items, c->n + 1, c->alloc);
			c->items[c->n++] = v.items[i];
		}
		return;
	case EG_V_STR:
		EG_ARENA_GROW(a, c->items, c->n + 1, c->alloc);
		c->items[c->n++] = v.s;
		return;
	case EG_V_BOOL:
		EG_ARENA_GROW(a, c->items, c->n + 1, c->alloc);
		c->items[c->n++] = v.b ? "true" : "false";
		return;
	case EG_V_NUM:
		EG_ARENA_GROW(a, c->items, c->n + 1, c->alloc);
		c->items[c->n++] = eg_arena_printf(a, "%g", v.num);
		return;
	}
}

/* Value of path on obj.  Through an object list the result is a list of
 * what each object yields; an unknown among them makes it unknown. */
static eg_value resolve_from(ectx *e, const eg_path *p, size_t from, eg_value cur)
{
	size_t i;

	for (i = from; i < p->n; i++) {
		const eg_path_seg *seg = &p->segs[i];
		const eg_path_seg *next = i + 1 < p->n ? &p->segs[i + 1] : NULL;

		if (cur.kind == EG_V_ABSENT || cur.kind == EG_V_UNKNOWN)
			return cur;
		if (cur.kind == EG_V_OBJS) {
			collect c = { 0 };
			size_t j;
			eg_value out;
			for (j = 0; j < cur.n; j++) {
				eg_value one = value_of(EG_V_OBJ);
				one.obj = cur.objs[j];
				one.scope = cur.scope;
				collect_value(e, &c, resolve_from(e, p, i, one));
			}
			if (c.unknown)
				return value_of(EG_V_UNKNOWN);
			out = value_of(c.is_objs ? EG_V_OBJS : EG_V_LIST);
			out.objs = c.objs;
			out.items = c.items;
			out.n = c.n;
			out.scope = p->scope;
			return out;
		}
		cur = get_seg(e, seg, next, cur.obj);
		if (seg->attr->type == EG_T_MAP)
			i++;
	}
	return cur;
}

static eg_value resolve(ectx *e, const eg_path *p, const void *obj, eg_scope scope)
{
	eg_value start = value_of(EG_V_OBJ);
	eg_value v;

	start.obj = obj;
	start.scope = scope;
	v = resolve_from(e, p, 0, start);
	if (v.kind == EG_V_UNKNOWN && !e->unknown_path)
		e->unknown_path = p->text;
	return v;
}

/* --- operators ------------------------------------------------------------ */

typedef struct items {
	const char *const *v;
	size_t n;
	bool unknown;  /* the whole value is unknown */
	bool absent;
	char scratch[32];
	const char *one[1];
} items;

static void as_items(eg_value v, items *out)
{
	memset(out, 0, sizeof(*out));
	switch (v.kind) {
	case EG_V_UNKNOWN: out->unknown = true; return;
	case EG_V_ABSENT: out->absent = true; return;
	case EG_V_LIST: out->v = v.items; out->n = v.n; return;
	case EG_V_STR: out->one[0] = v.s; break;
	case EG_V_BOOL: out->one[0] = v.b ? "true" : "false"; break;
	case EG_V_NUM:
		eg_fmt_g(out->scratch, sizeof(out->scratch), v.num);
		out->one[0] = out->scratch;
		break;
	case EG_V_OBJ: case EG_V_OBJS:
		out->n = v.kind == EG_V_OBJ ? 1 : v.n; /* counted, never compared */
		out->v = NULL;
		return;
	}
	out->v = out->one;
	out->n = 1;
}

static eg_value operand_value(ectx *e, const eg_operand *o, const void *obj, eg_scope scope)
{
	eg_value v = value_of(EG_V_ABSENT);

	switch (o->kind) {
	case EG_OPERAND_REF:
		return resolve(e, &o->ref, obj, scope);
	case EG_OPERAND_LIST:
		v.kind = EG_V_LIST;
		v.items = o->items;
		v.n = o->n;
		return v;
	case EG_OPERAND_NUM:
		v.kind = EG_V_NUM;
		v.num = o->num;
		return v;
	case EG_OPERAND_STR:
	case EG_OPERAND_BOOL:
		v.kind = EG_V_STR;
		v.s = o->s;
		return v;
	default:
		return v;
	}
}

/* Whether s is among list: true, false, or unknown when list holds
 * unknown items and s is not found among the known ones. */
/* Equal strings; DNS names ignore case and a trailing dot. */
static bool same_str(const char *a, const char *b, bool host)
{
	return !strcmp(a, b) || (host && eg_cf_host_equal(a, b));
}

/* A DNS name as DNS compares it: lower case, no trailing dot. */
static const char *host_key(eg_arena *ar, const char *s)
{
	size_t n = strlen(s), i;
	char *k;

	if (n > 1 && s[n - 1] == '.')
		n--;
	k = eg_arena_alloc(ar, n + 1);
	for (i = 0; i < n; i++)
		k[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	k[n] = '\0';
	return k;
}

static bool path_is_host(const eg_path *p)
{
	return p->n && eg_attr_is_host(p->segs[p->n - 1].attr);
}

static tri member(const char *s, const items *list, bool host)
{
	bool unknown = list->unknown;
	size_t i;

	for (i = 0; i < list->n; i++) {
		if (eg_is_unknown(list->v[i])) {
			unknown = true;
			continue;
		}
		if (same_str(list->v[i], s, host))
			return T_TRUE;
	}
	return unknown ? T_UNKNOWN : T_FALSE;
}

/* Whether one of names covers host: as an alias routes it, or as a
 * certificate name covers it (a wildcard: one label). */
static tri covered(const char *host, const items *names, bool (*covers)(const char *, const char *))
{
	bool unknown = names->unknown;
	size_t i;

	for (i = 0; i < names->n; i++) {
		if (eg_is_unknown(names->v[i])) {
			unknown = true;
			continue;
		}
		if (covers(names->v[i], host))
			return T_TRUE;
	}
	return unknown ? T_UNKNOWN : T_FALSE;
}

static bool has_unknown_item(const items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v && eg_is_unknown(l->v[i]))
			return true;
	return false;
}

static size_t str_count(eg_value v)
{
	return v.kind == EG_V_LIST || v.kind == EG_V_OBJS ? v.n : v.kind == EG_V_ABSENT ? 0 : 1;
}

static tri eval_op(ectx *e, const eg_cond *c, const void *obj, eg_scope scope)
{
	eg_value v = resolve(e, &c->path, obj, scope);
	eg_value ov;
	items a, b;
	size_t i;
	tri r;
	bool host = path_is_host(&c->path) ||
		    (c->value.kind == EG_OPERAND_REF && path_is_host(&c->value.ref));

	if (c->op == EG_OP_KNOWN || c->op == EG_OP_UNKNOWN) {
		as_items(v, &a);
		r = v.kind != EG_V_UNKNOWN && !has_unknown_item(&a) ? T_TRUE : T_FALSE;
		return c->op == EG_OP_KNOWN ? r : t_not(r);
	}
	as_items(v, &a);
	ov = operand_value(e, &c->value, obj, scope);
	as_items(ov, &b);

	switch (c->op) {
	case EG_OP_EXISTS:
		return v.kind == EG_V_UNKNOWN ? T_UNKNOWN : v.kind != EG_V_ABSENT;
	case EG_OP_ABSENT:
		return v.kind == EG_V_UNKNOWN ? T_UNKNOWN : v.kind == EG_V_ABSENT;
	case EG_OP_EMPTY:
	case EG_OP_NOT_EMPTY:
		if (v.kind == EG_V_UNKNOWN)
			return T_UNKNOWN;
		r = str_count(v) == 0 || (v.kind == EG_V_STR && !*v.s) ? T_TRUE : T_FALSE;
		return c->op == EG_OP_EMPTY ? r : t_not(r);
	case EG_OP_COUNT_AT_MOST:
	case EG_OP_COUNT_AT_LEAST: {
		/* Unknown items may turn out to be any value, or equal to others. */
		size_t unknown = 0, known;
		if (v.kind == EG_V_UNKNOWN)
			return T_UNKNOWN;
		for (i = 0; v.kind == EG_V_LIST && i < v.n; i++)
			unknown += eg_is_unknown(v.items[i]);
		known = str_count(v) - unknown;
		if (c->op == EG_OP_COUNT_AT_MOST)
			return (double)known > c->value.num ? T_FALSE
			       : (double)(known + unknown) <= c->value.num ? T_TRUE : T_UNKNOWN;
		return (double)known >= c->value.num ? T_TRUE
		       : (double)(known + unknown) < c->value.num ? T_FALSE : T_UNKNOWN;
	}
	case EG_OP_IS_TRUE:
	case EG_OP_IS_FALSE:
		if (v.kind == EG_V_UNKNOWN)
			return T_UNKNOWN;
		if (v.kind != EG_V_BOOL)
			return T_FALSE;
		return c->op == EG_OP_IS_TRUE ? v.b : !v.b;
	case EG_OP_AT_LEAST:
	case EG_OP_BELOW: {
		/* an unknown, absent or unrecognised side has no rank: unknown */
		const eg_cf_order *o = eg_attr_order(c->path.segs[c->path.n - 1].attr);
		int ra = v.kind == EG_V_STR ? eg_cf_order_rank(o, v.s) : EG_CF_RANK_NONE;
		int rb = ov.kind == EG_V_STR ? eg_cf_order_rank(o, ov.s) : EG_CF_RANK_NONE;
		if (ra == EG_CF_RANK_NONE || rb == EG_CF_RANK_NONE) {
			if (!e->unknown_path)
				e->unknown_path = c->path.text;
			return T_UNKNOWN;
		}
		return c->op == EG_OP_AT_LEAST ? ra >= rb : ra < rb;
	}
	case EG_OP_LESS_THAN:
	case EG_OP_GREATER_THAN:
		if (v.kind == EG_V_UNKNOWN)
			return T_UNKNOWN;
		if (v.kind != EG_V_NUM)
			return T_FALSE;
		return c->op == EG_OP_LESS_THAN ? v.num < c->value.num : v.num > c->value.num;
	default:
		break;
	}

	/* Everything below compares strings. */
	switch (c->op) {
	case EG_OP_EQUALS:
	case EG_OP_NOT_EQUALS:
		if (a.unknown || b.unknown || has_unknown_item(&a) || has_unknown_item(&b))
			return T_UNKNOWN;
		r = !a.absent && !b.absent && a.n == 1 && b.n == 1 && same_str(a.v[0], b.v[0], host);
		return c->op == EG_OP_EQUALS ? r : t_not(r);
	case EG_OP_IN:
	case EG_OP_NOT_IN:
		if (a.unknown || has_unknown_item(&a))
			return T_UNKNOWN;
		r = a.absent ? T_FALSE : member(a.v[0], &b, host);
		return c->op == EG_OP_IN ? r : t_not(r);
	case EG_OP_CONTAINS:
	case EG_OP_NOT_CONTAINS:
		if (b.unknown || has_unknown_item(&b))
			return T_UNKNOWN;
		r = b.absent ? T_FALSE : member(b.v[0], &a, host);
		return c->op == EG_OP_CONTAINS ? r : t_not(r);
	case EG_OP_CONTAINS_ALL:
	case EG_OP_CONTAINS_ANY:
	case EG_OP_SUBSET_OF: {
		const items *want = c->op == EG_OP_SUBSET_OF ? &a : &b;
		const items *have = c->op == EG_OP_SUBSET_OF ? &b : &a;
		bool any_unknown = want->unknown;
		if (want->unknown)
			return T_UNKNOWN;
		for (i = 0; i < want->n; i++) {
			tri m = eg_is_unknown(want->v[i]) ? T_UNKNOWN : member(want->v[i], have, host);
			if (c->op == EG_OP_CONTAINS_ANY && m == T_TRUE)
				return T_TRUE;
			if (c->op != EG_OP_CONTAINS_ANY && m == T_FALSE)
				return T_FALSE;
			any_unknown |= m == T_UNKNOWN;
		}
		if (any_unknown)
			return T_UNKNOWN;
		return c->op == EG_OP_CONTAINS_ANY ? T_FALSE : T_TRUE;
	}
	case EG_OP_COVERED_BY:
	case EG_OP_NOT_COVERED_BY:
	case EG_OP_ROUTED_BY:
	case EG_OP_NOT_ROUTED_BY:
	case EG_OP_CERT_COVERED_BY:
	case EG_OP_NOT_CERT_COVERED_BY: {
		bool cert = c->op == EG_OP_CERT_COVERED_BY || c->op == EG_OP_NOT_CERT_COVERED_BY;
		if (a.unknown || has_unknown_item(&a))
			return T_UNKNOWN;
		r = a.absent ? T_FALSE
			     : covered(a.v[0], &b, cert ? eg_cf_cert_covers : eg_cf_alias_routes);
		return c->op == EG_OP_COVERED_BY || c->op == EG_OP_ROUTED_BY ||
				       c->op == EG_OP_CERT_COVERED_BY
			       ? r
			       : t_not(r);
	}
	case EG_OP_MATCHES_REGEX:
	case EG_OP_NOT_MATCHES_REGEX:
		if (a.unknown || has_unknown_item(&a))
			return T_UNKNOWN;
		if (a.absent)
			return c->op == EG_OP_NOT_MATCHES_REGEX ? T_TRUE : T_FALSE;
		if (e->re_pattern != c->value.s) {
			if (e->re_pattern)
				regfree(&e->re);
			e->re_pattern = NULL;
			/* the loader compiled it once already */
			if (regcomp(&e->re, c->value.s, REG_EXTENDED | REG_NOSUB))
				return T_UNKNOWN;
			e->re_pattern = c->value.s;
		}
		r = regexec(&e->re, a.v[0], 0, NULL, 0) == 0 ? T_TRUE : T_FALSE;
		return c->op == EG_OP_MATCHES_REGEX ? r : t_not(r);
	case EG_OP_MATCHES:
	case EG_OP_NOT_MATCHES:
	case EG_OP_STARTS_WITH:
	case EG_OP_ENDS_WITH: {
		const char *sa, *sb;
		size_t la, lb;
		if (a.unknown || b.unknown || has_unknown_item(&a) || has_unknown_item(&b))
			return T_UNKNOWN;
		if (a.absent || b.absent)
			return c->op == EG_OP_NOT_MATCHES ? T_TRUE : T_FALSE;
		sa = host ? host_key(&e->view->arena, a.v[0]) : a.v[0];
		sb = host ? host_key(&e->view->arena, b.v[0]) : b.v[0];
		if (c->op == EG_OP_MATCHES || c->op == EG_OP_NOT_MATCHES) {
			r = eg_glob_match(sb, sa) ? T_TRUE : T_FALSE;
			return c->op == EG_OP_MATCHES ? r : t_not(r);
		}
		la = strlen(sa);
		lb = strlen(sb);
		if (lb > la)
			return T_FALSE;
		if (c->op == EG_OP_STARTS_WITH)
			return !strncmp(sa, sb, lb);
		return !strcmp(sa + la - lb, sb);
	}
	default:
		return T_UNKNOWN;
	}
}

static tri eval_cond(ectx *e, const eg_cond *c, const void *obj, eg_scope scope)
{
	size_t i;
	tri r, k;
	eg_value coll;

	switch (c->kind) {
	case EG_COND_ATTR:
		return eval_op(e, c, obj, scope);
	case EG_COND_NOT:
		return t_not(eval_cond(e, c->kid, obj, scope));
	case EG_COND_AND:
		r = T_TRUE;
		for (i = 0; i < c->nkids; i++) {
			k = eval_cond(e, c->kids[i], obj, scope);
			if (k == T_FALSE)
				return T_FALSE;
			if (k == T_UNKNOWN)
				r = T_UNKNOWN;
		}
		return r;
	case EG_COND_OR:
		r = T_FALSE;
		for (i = 0; i < c->nkids; i++) {
			k = eval_cond(e, c->kids[i], obj, scope);
			if (k == T_TRUE)
				return T_TRUE;
			if (k == T_UNKNOWN)
				r = T_UNKNOWN;
		}
		return r;
	case EG_COND_ANY:
	case EG_COND_ALL:
	case EG_COND_NONE:
		coll = resolve(e, &c->path, obj, scope);
		if (coll.kind == EG_V_UNKNOWN)
			return T_UNKNOWN;
		r = c->kind == EG_COND_ALL ? T_TRUE : T_FALSE;
		for (i = 0; coll.kind == EG_V_OBJS && i < coll.n; i++) {
			k = eval_cond(e, c->kid, coll.objs[i], c->path.scope);
			if (c->kind == EG_COND_ALL) {
				if (k == T_FALSE)
					return T_FALSE;
			} else if (k == T_TRUE) {
				r = T_TRUE;
				break;
			}
			if (k == T_UNKNOWN)
				r = T_UNKNOWN;
		}
		return c->kind == EG_COND_NONE ? t_not(r) : r;
	}
	return T_UNKNOWN;
}

/* --- messages ------------------------------------------------------------- */

/* A value quoted in a message comes from the inputs: its control
 * characters are made visible, so the only line breaks in a message are
 * the rule's own and no report can be made to print "\n::error::". */
static void render_value(eg_strbuf *sb, eg_value v)
{
	size_t i;

	switch (v.kind) {
	case EG_V_ABSENT: eg_sb_adds(sb, "(none)"); return;
	case EG_V_UNKNOWN: eg_sb_adds(sb, EG_UNKNOWN); return;
	case EG_V_STR: eg_sb_add_visible(sb, v.s, false); return;
	case EG_V_BOOL: eg_sb_adds(sb, v.b ? "true" : "false"); return;
	case EG_V_NUM: eg_sb_addf(sb, "%g", v.num); return;
	case EG_V_OBJ: eg_sb_add_visible(sb, eg_view_display(v.obj, v.scope), false); return;
	case EG_V_LIST:
	case EG_V_OBJS:
		if (!v.n)
			eg_sb_adds(sb, "(none)");
		for (i = 0; i < v.n; i++) {
			const char *s = v.kind == EG_V_LIST ? v.items[i]
							    : eg_view_display(v.objs[i], v.scope);
			eg_sb_adds(sb, i ? ", " : "");
			eg_sb_add_visible(sb, s ? s : "(none)", false);
		}
		return;
	}
}

static void json_string_to(eg_strbuf *sb, const char *s)
{
	eg_sb_addc(sb, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			eg_sb_addf(sb, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			eg_sb_addf(sb, "\\u%04x", ch);
		else
			eg_sb_addc(sb, (char)ch);
	}
	eg_sb_addc(sb, '"');
}

/* A host name as CloudFront stores it: lower case, no trailing dot. */
static const char *host_form(eg_arena *a, const char *s)
{
	size_t n = strlen(s), i;
	char *h;

	if (n > 1 && s[n - 1] == '.')
		n--;
	h = eg_arena_strndup(a, s, n);
	for (i = 0; i < n; i++)
		if (h[i] >= 'A' && h[i] <= 'Z')
			h[i] = (char)(h[i] - 'A' + 'a');
	return h;
}

/* The distinct strings of a value, in order (a patch's list never names a
 * host twice because two records did); with hosts (an arena), in host
 * form, so that WWW.Example.com. and www.example.com are one. */
static size_t distinct(eg_value v, const char **out, size_t max, eg_arena *hosts)
{
	size_t i, j, n = 0;

	for (i = 0; i < v.n && n < max; i++) {
		const char *s = v.kind == EG_V_LIST ? v.items[i] : eg_view_display(v.objs[i], v.scope);
		if (!s || eg_is_unknown(s))
			continue;
		if (hosts)
			s = host_form(hosts, s);
		for (j = 0; j < n && strcmp(out[j], s); j++)
			;
		if (j == n)
			out[n++] = s;
	}
	return n;
}

/* {path|json} and {path|count}; false when the value is not known, so
 * that no patch is written from a guess. */
static bool render_filtered(eg_strbuf *sb, eg_value v, eg_filter f, eg_arena *hosts)
{
	const char *seen[256];
	size_t i, n;

	if (v.kind == EG_V_UNKNOWN)
		return false;
	if (v.kind == EG_V_LIST || v.kind == EG_V_OBJS) {
		n = distinct(v, seen, EG_ARRAY_SIZE(seen), hosts);
		if (f == EG_FILTER_COUNT) {
			eg_sb_addf(sb, "%zu", n);
			return true;
		}
		eg_sb_addc(sb, '[');
		for (i = 0; i < n; i++) {
			eg_sb_adds(sb, i ? ", " : "");
			json_string_to(sb, seen[i]);
		}
		eg_sb_addc(sb, ']');
		return true;
	}
	if (f == EG_FILTER_COUNT) {
		eg_sb_adds(sb, v.kind == EG_V_ABSENT ? "0" : "1");
		return true;
	}
	switch (v.kind) {
	case EG_V_ABSENT: eg_sb_adds(sb, "null"); break;
	case EG_V_STR: json_string_to(sb, hosts ? host_form(hosts, v.s) : v.s); break;
	case EG_V_BOOL: eg_sb_adds(sb, v.b ? "true" : "false"); break;
	case EG_V_NUM: eg_sb_addf(sb, "%g", v.num); break;
	default: json_string_to(sb, eg_view_display(v.obj, v.scope)); break;
	}
	return true;
}

/* A patch (strict) is NULL when a value it names is unknown (see
 * render_filtered); a message says the value is unknown. */
static const char *render_as(ectx *e, eg_arena *a, const eg_template *t, const void *obj,
			     eg_scope scope, bool strict)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *r = NULL;
	size_t i;

	for (i = 0; i < t->n; i++) {
		const eg_template_seg *seg = &t->segs[i];
		if (seg->text) {
			eg_sb_adds(&sb, seg->text);
		} else if (seg->filter == EG_FILTER_NONE) {
			eg_value v = resolve(e, &seg->path, obj, scope);
			/* a patch's text is never written around a value not known */
			if (strict && v.kind == EG_V_UNKNOWN)
				goto out;
			render_value(&sb, v);
		} else {
			eg_value v = resolve(e, &seg->path, obj, scope);
			if (!render_filtered(&sb, v, seg->filter, seg->hosts ? a : NULL)) {
				if (strict)
					goto out;
				render_value(&sb, v);
			}
		}
	}
	r = eg_arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
out:
	eg_sb_release(&sb);
	return r;
}

static const char *render(ectx *e, eg_arena *a, const eg_template *t, const void *obj,
			  eg_scope scope)
{
	return render_as(e, a, t, obj, scope, false);
}

/* The rule's patch for a failed object, in the language of the input
 * the finding points at. */
static void render_patch(ectx *e, eg_arena *a, const eg_rule *r, const void *obj, eg_finding *f)
{
	const eg_patch_case *pc = NULL;
	eg_patch_src src;
	eg_patch_lang lang;
	const char *text;
	size_t i;

	eg_loc at = f->loc;
	const eg_source *in;

	if (!r->npatches)
		return;
	for (i = 0; i < r->npatches; i++) {
		if (!r->patches[i].when ||
		    eval_cond(e, r->patches[i].when, obj, r->scope) == T_TRUE) {
			pc = &r->patches[i];
			break;
		}
	}
	if (!pc)
		return;
	if (pc->has_edits) {
		eg_value ed = resolve(e, &pc->edits, obj, r->scope);
		if (ed.kind != EG_V_OBJ)
			return;
		at = eg_view_loc(ed.obj, ed.scope);
		f->patch_resource = eg_view_resource(ed.obj, ed.scope);
	} else {
		f->patch_resource = f->resource;
	}
	in = at.src;
	if (!in || !eg_patch_source_for(in->format, &src, &lang))
		return;
	if (!pc->has[src]) {
		/* a case with no text at all says what to do instead (move a
		 * behavior, issue a certificate); one without this language's
		 * text leaves it to the remediation */
		for (i = 0; i < EG_PATCH__COUNT && !pc->has[i]; i++)
			;
		if (i < EG_PATCH__COUNT || !pc->place[src].n)
			return;
		f->patch_place = render(e, a, &pc->place[src], obj, r->scope);
		f->patch = "";
		f->patch_lang = lang;
		f->patch_loc = at;
		return;
	}
	text = render_as(e, a, &pc->text[src], obj, r->scope, true);
	if (text && src == EG_PATCH_CLOUDFORMATION)
		text = eg_patch_cfn(a, text, in, &lang);
	if (!text)
		return;
	f->patch_place = render(e, a, &pc->place[src], obj, r->scope);
	f->patch = text;
	f->patch_lang = lang;
	f->patch_loc = at;
}

/* --- running rules -------------------------------------------------------- */

void eg_findings_init(eg_findings *f)
{
	memset(f, 0, sizeof(*f));
	eg_arena_init(&f->arena);
}

void eg_findings_release(eg_findings *f)
{
	eg_free(f->items);
	eg_free(f->checked);
	eg_arena_release(&f->arena);
	memset(f, 0, sizeof(*f));
}

static void fingerprint(eg_finding *f, const void *obj, eg_scope scope)
{
	const char *parts[6];

	parts[0] = f->rule->id;
	parts[1] = f->stack;
	parts[2] = f->resource;
	parts[3] = eg_scope_name(scope);
	parts[4] = eg_view_display(obj, scope);
	parts[5] = f->cannot_verify ? "unknown" : "fail";
	eg_fingerprint(f->fingerprint, parts, EG_ARRAY_SIZE(parts));
}

static int cmp_check(const void *pa, const void *pb)
{
	const eg_check *a = pa, *b = pb;
	int c = strcmp(a->src ? a->src->path : "", b->src ? b->src->path : "");

	if (!c)
		c = strcmp(a->rule->id, b->rule->id);
	if (!c)
		c = strcmp(a->stack ? a->stack : "", b->stack ? b->stack : "");
	if (!c)
		c = strcmp(a->resource ? a->resource : "", b->resource ? b->resource : "");
	return c;
}

static void add_check(eg_findings *out, const eg_rule *r, const void *obj, eg_scope scope)
{
	eg_check *c, next;
	eg_loc loc = eg_view_loc(obj, scope);
	const char *construct_path;

	next.rule = r;
	next.resource = eg_view_resource(obj, scope);
	eg_view_origin_of(obj, scope, &next.stack, &construct_path);
	next.src = loc.src;
	/* a rule over behaviors checks each distribution once per behavior,
	 * one after the other: keep one (unique_checks drops the rest) */
	if (out->nchecked && !cmp_check(&out->checked[out->nchecked - 1], &next) &&
	    out->checked[out->nchecked - 1].rule == r)
		return;
	EG_ALLOC_GROW(out->checked, out->nchecked + 1, out->checked_alloc);
	c = &out->checked[out->nchecked++];
	*c = next;
}

static void unique_checks(eg_findings *out)
{
	size_t i, n = 0;

	if (!out->nchecked)
		return;
	qsort(out->checked, out->nchecked, sizeof(*out->checked), cmp_check);
	for (i = 1; i < out->nchecked; i++)
		if (cmp_check(&out->checked[n], &out->checked[i]))
			out->checked[++n] = out->checked[i];
	out->nchecked = n + 1;
}

static void add_finding(eg_findings *out, const eg_finding *f)
{
	EG_ALLOC_GROW(out->items, out->n + 1, out->alloc);
	out->items[out->n++] = *f;
}

static void run_rule(ectx *e, const eg_rule *r, const eg_config *c, eg_findings *out)
{
	const eg_rule_override *ov = eg_config_override(c, r->id);
	eg_severity sev = ov && ov->has_severity ? ov->severity : r->severity;
	eg_severity unk = c->unknown_severity;
	const void **objs;
	size_t n, i, j;

	if ((ov && ov->disabled) || r->deselected)
		return;
	if (!c->unknown_severity_set && r->has_unknown_severity)
		unk = r->unknown_severity;
	if (unk > sev)
		unk = sev; /* "cannot verify" is never louder than a failure */
	out->rules_run++;
	eg_view_objects(e->view, r->scope, r->routes, r->nroutes, &objs, &n);
	for (i = 0; i < n; i++) {
		eg_finding f;
		tri w, a;

		e->unknown_path = NULL;
		w = r->where ? eval_cond(e, r->where, objs[i], r->scope) : T_TRUE;
		if (w == T_FALSE)
			continue;
		out->checks++;
		add_check(out, r, objs[i], r->scope);
		a = eval_cond(e, r->assert, objs[i], r->scope);
		if (a == T_TRUE)
			continue;
		memset(&f, 0, sizeof(f));
		f.rule = r;
		f.resource = eg_view_resource(objs[i], r->scope);
		f.dist = eg_view_distribution(objs[i], r->scope);
		eg_view_origin_of(objs[i], r->scope, &f.stack, &f.construct_path);
		f.loc = eg_view_loc(objs[i], r->scope);
		if (r->has_at) {
			eg_value at = resolve(e, &r->at, objs[i], r->scope);
			if (at.kind == EG_V_OBJ)
				f.loc = eg_view_loc(at.obj, at.scope);
		}
		if (a == T_FALSE && w == T_TRUE) {
			f.severity = sev;
			for (j = 0; j < r->nmessages; j++)
				if (!r->messages[j].when ||
				    eval_cond(e, r->messages[j].when, objs[i], r->scope) == T_TRUE)
					break;
			if (j >= r->nmessages)
				j = r->nmessages - 1;
			/* the user's severity for the rule beats the case's */
			if (r->messages[j].has_severity && !(ov && ov->has_severity))
				f.severity = r->messages[j].severity;
			f.message = render(e, &out->arena, &r->messages[j].text, objs[i], r->scope);
			render_patch(e, &out->arena, r, objs[i], &f);
		} else {
			const char *what = e->unknown_path;
			f.severity = unk;
			f.cannot_verify = true;
			if (r->has_unknown_message)
				f.message = render(e, &out->arena, &r->unknown_message, objs[i], r->scope);
			else
				f.message = eg_arena_printf(&out->arena,
							    "cannot verify: %s; %s is not known until apply",
							    r->title, what ? what : "a value it depends on");
		}
		fingerprint(&f, objs[i], r->scope);
		add_finding(out, &f);
	}
}

static int cmp_finding(const void *pa, const void *pb)
{
	const eg_finding *a = pa, *b = pb;
	const char *fa = a->loc.src ? a->loc.src->path : "";
	const char *fb = b->loc.src ? b->loc.src->path : "";
	int c = strcmp(fa, fb);

	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	c = strcmp(a->rule->id, b->rule->id);
	return c ? c : strcmp(a->message, b->message);
}

static void free_regex(void *arg)
{
	ectx *e = arg;

	if (e->re_pattern)
		regfree(&e->re);
}

void eg_eval_run(const eg_ruleset *rs, const eg_model *m, const eg_config *c,
		 eg_findings *out)
{
	eg_cleanup hold;
	ectx e;
	size_t i;

	memset(&e, 0, sizeof(e));
	eg_cleanup_push(&hold, free_regex, &e);
	e.view = eg_view_new(m, c);
	for (i = 0; i < rs->n; i++)
		run_rule(&e, rs->rules[i], c, out);
	for (i = 0; i < out->n; i++) {
		eg_model_resolve_loc(&out->items[i].loc);
		if (out->items[i].patch)
			eg_model_resolve_loc(&out->items[i].patch_loc);
	}
	eg_cleanup_pop(&hold);
	free_regex(&e);
	eg_findings_sort(out);
	unique_checks(out);
	/* Findings keep pointers into the view's derived objects only through
	 * strings already copied, so it can go now. */
	eg_view_free(e.view);
}

void eg_findings_sort(eg_findings *f)
{
	if (f->n)
		qsort(f->items, f->n, sizeof(*f->items), cmp_finding);
}

size_t eg_findings_count(const eg_findings *f, eg_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += f->items[i].severity == sev && !f->items[i].suppressed;
	return n;
}

void eg_findings_count_categories(const eg_findings *f, size_t counts[EG_CATEGORY_COUNT + 1])
{
	size_t i, k;

	for (k = 0; k <= EG_CATEGORY_COUNT; k++)
		counts[k] = 0;
	for (i = 0; i < f->n; i++) {
		const char *cat = eg_rule_category(f->items[i].rule);
		if (f->items[i].suppressed)
			continue;
		for (k = 0; k < EG_CATEGORY_COUNT && (!cat || strcmp(cat, eg_categories[k])); k++)
			;
		counts[k]++;
	}
}

size_t eg_findings_count_suppressed(const eg_findings *f, eg_suppression why)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += f->items[i].suppressed == why;
	return n;
}

size_t eg_findings_count_at_least(const eg_findings *f, eg_severity sev)
{
	size_t i, n = 0;

	if (sev == EG_SEV_NONE)
		return 0;
	for (i = 0; i < f->n; i++)
		n += f->items[i].severity >= sev && !f->items[i].suppressed;
	return n;
}

/* rules.c - loads YAML rule files into checked rule trees. */
#include "rules.h"

#include "strbuf.h"
#include "yamldoc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[EG_OP__COUNT] = {
	"equals", "not_equals", "in", "not_in",
	"exists", "absent", "empty", "not_empty",
	"contains", "not_contains", "contains_all", "contains_any",
	"subset_of", "matches", "not_matches",
	"starts_with", "ends_with",
	"less_than", "greater_than", "count_at_most", "count_at_least",
	"is_true", "is_false", "known", "unknown",
	"covered_by", "not_covered_by", "routed_by", "not_routed_by",
	"covered_by_certificate", "not_covered_by_certificate",
	"matches_regex", "not_matches_regex",
	"at_least", "below",
};

const char *eg_op_name(eg_op op)
{
	return op < EG_OP__COUNT ? op_names[op] : "?";
}

void eg_ruleset_init(eg_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	eg_arena_init(&rs->arena);
}

void eg_ruleset_release(eg_ruleset *rs)
{
	eg_free(rs->rules);
	eg_arena_release(&rs->arena);
	memset(rs, 0, sizeof(*rs));
}

/* Parsing context for one file. */
typedef struct ctx {
	eg_ruleset *rs;
	const char *file;
	eg_error *err;
} ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(ctx *c, const eg_ynode *n, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return eg_error_set(c->err, EG_ERR_RULE, c->file, n ? n->line : 0, n ? n->col : 0,
			    "%s", msg);
}

static const char *dup(ctx *c, const char *s)
{
	return eg_arena_strdup(&c->rs->arena, s);
}

static int want_scalar(ctx *c, const eg_ynode *n, const char *what)
{
	if (!n || n->kind != EG_Y_SCALAR || (n->tag && strncmp(n->tag, "tag:yaml.org", 12)))
		return fail(c, n, "%s must be a string", what);
	return 0;
}

static int want_text(ctx *c, const eg_ynode *n, const char *what)
{
	if (want_scalar(c, n, what))
		return c->err->code;
	if (eg_ynode_is_null(n) || !n->len)
		return fail(c, n, "%s must not be empty", what);
	return 0;
}

static int check_keys(ctx *c, const eg_ynode *map, const char *where,
		      const char *const *allowed)
{
	return eg_ynode_check_keys(map, where, allowed, c->file, EG_ERR_RULE, c->err);
}

static int string_list(ctx *c, const eg_ynode *n, const char *what,
		       const char ***out, size_t *nout)
{
	size_t i;

	if (!n || n->kind != EG_Y_SEQ)
		return fail(c, n, "%s must be a list of strings", what);
	*out = eg_arena_alloc(&c->rs->arena, (n->nitems + 1) * sizeof(**out));
	for (i = 0; i < n->nitems; i++) {
		if (want_text(c, n->items[i], what))
			return c->err->code;
		(*out)[i] = dup(c, n->items[i]->str);
	}
	*nout = n->nitems;
	return 0;
}

/* --- attribute paths ------------------------------------------------------ */

static int parse_path(ctx *c, eg_scope scope, const char *text, const eg_ynode *at,
		      eg_path *out)
{
	const char *p = text;
	size_t alloc = 0;
	bool need_key = false;

	memset(out, 0, sizeof(*out));
	out->text = dup(c, text);
	out->scope = scope;
	if (!*text)
		return fail(c, at, "empty attribute path");
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		char *name = eg_arena_strndup(&c->rs->arena, p, len);
		eg_path_seg *seg;

		if (!len)
			return fail(c, at, "empty segment in attribute path '%s'", text);
		EG_ARENA_GROW(&c->rs->arena, out->segs, out->n + 1, alloc);
		seg = &out->segs[out->n++];
		if (need_key) {
			seg->key = name;
			out->type = EG_T_STR;
			need_key = false;
			if (dot)
				return fail(c, at, "'%s': nothing can follow a tag key", text);
			break;
		}
		if (out->n > 1 && out->type != EG_T_OBJ && out->type != EG_T_OBJS)
			return fail(c, at, "'%s': '%s' is a %s and has no attributes", text,
				    out->segs[out->n - 2].attr->name, eg_vtype_name(out->type));
		seg->attr = eg_attr_find(scope, name);
		if (!seg->attr) {
			eg_strbuf sb = EG_STRBUF_INIT;
			size_t i, n;
			const eg_attr *all = eg_attr_list(scope, &n);
			for (i = 0; i < n; i++)
				eg_sb_addf(&sb, "%s%s", i ? ", " : "", all[i].name);
			fail(c, at, "unknown attribute '%s' of %s in '%s' (known: %s)", name,
			     eg_scope_name(scope), text, sb.buf);
			eg_sb_release(&sb);
			return c->err->code;
		}
		out->type = seg->attr->type;
		if (out->type == EG_T_OBJS)
			out->many = true;
		if (out->type == EG_T_OBJ || out->type == EG_T_OBJS)
			scope = seg->attr->obj_scope;
		if (out->type == EG_T_MAP)
			need_key = true;
		out->scope = scope;
		p = dot ? dot + 1 : p + len;
		if (dot && !*p)
			return fail(c, at, "attribute path '%s' ends with '.'", text);
	}
	if (need_key)
		return fail(c, at, "'%s' is a map: name a key, as in '%s.Environment'", text, text);
	return 0;
}

/* --- conditions ----------------------------------------------------------- */

static int parse_cond(ctx *c, eg_scope scope, const eg_ynode *n, int depth, eg_cond **out);

static bool op_takes_value(eg_op op)
{
	switch (op) {
	case EG_OP_EXISTS: case EG_OP_ABSENT: case EG_OP_EMPTY: case EG_OP_NOT_EMPTY:
	case EG_OP_IS_TRUE: case EG_OP_IS_FALSE: case EG_OP_KNOWN: case EG_OP_UNKNOWN:
		return false;
	default:
		return true;
	}
}

static bool op_wants_list(eg_op op)
{
	switch (op) {
	case EG_OP_IN: case EG_OP_NOT_IN: case EG_OP_CONTAINS_ALL: case EG_OP_CONTAINS_ANY:
	case EG_OP_SUBSET_OF: case EG_OP_COVERED_BY: case EG_OP_NOT_COVERED_BY:
	case EG_OP_ROUTED_BY: case EG_OP_NOT_ROUTED_BY: case EG_OP_CERT_COVERED_BY:
	case EG_OP_NOT_CERT_COVERED_BY:
		return true;
	default:
		return false;
	}
}

static bool op_wants_number(eg_op op)
{
	return op == EG_OP_LESS_THAN || op == EG_OP_GREATER_THAN ||
	       op == EG_OP_COUNT_AT_MOST || op == EG_OP_COUNT_AT_LEAST;
}

static bool is_collection(eg_vtype t, bool many)
{
	return many || t == EG_T_LIST || t == EG_T_OBJS;
}

/* Whether op makes sense on an attribute of type t. */
static const char *op_type_error(eg_op op, const eg_path *p)
{
	bool coll = is_collection(p->type, p->many);

	switch (op) {
	case EG_OP_EMPTY: case EG_OP_NOT_EMPTY: case EG_OP_COUNT_AT_MOST:
	case EG_OP_COUNT_AT_LEAST:
		return coll ? NULL : "needs a list attribute";
	case EG_OP_CONTAINS: case EG_OP_NOT_CONTAINS:
	case EG_OP_CONTAINS_ALL: case EG_OP_CONTAINS_ANY: case EG_OP_SUBSET_OF:
		/* these compare strings; objects have none */
		if (!coll)
			return "needs a list attribute";
		return p->type == EG_T_OBJ || p->type == EG_T_OBJS ? "needs a list of strings" : NULL;
	case EG_OP_IS_TRUE: case EG_OP_IS_FALSE:
		return p->type == EG_T_BOOL && !p->many ? NULL : "needs a boolean attribute";
	case EG_OP_LESS_THAN: case EG_OP_GREATER_THAN:
		return p->type == EG_T_NUM && !p->many ? NULL : "needs a number attribute";
	case EG_OP_AT_LEAST: case EG_OP_BELOW:
		return p->n && eg_attr_order(p->segs[p->n - 1].attr) && !p->many
			       ? NULL : "needs an ordered attribute (such as minimum_protocol_version)";
	case EG_OP_EQUALS: case EG_OP_NOT_EQUALS: case EG_OP_IN: case EG_OP_NOT_IN:
	case EG_OP_MATCHES: case EG_OP_NOT_MATCHES: case EG_OP_STARTS_WITH:
	case EG_OP_ENDS_WITH: case EG_OP_COVERED_BY: case EG_OP_NOT_COVERED_BY:
	case EG_OP_ROUTED_BY: case EG_OP_NOT_ROUTED_BY: case EG_OP_CERT_COVERED_BY:
	case EG_OP_NOT_CERT_COVERED_BY: case EG_OP_MATCHES_REGEX: case EG_OP_NOT_MATCHES_REGEX:
		return (p->type == EG_T_STR || p->type == EG_T_NUM || p->type == EG_T_BOOL) && !p->many
			       ? NULL : "needs a single string attribute";
	default:
		return NULL;
	}
}

static int parse_operand(ctx *c, eg_scope scope, const eg_ynode *n, eg_op op,
			 eg_operand *out)
{
	memset(out, 0, sizeof(*out));
	if (n->kind == EG_Y_MAP) {
		static const char *const keys[] = { "attribute", NULL };
		const eg_ynode *a = eg_ynode_get(n, "attribute");
		if (check_keys(c, n, "value reference", keys))
			return c->err->code;
		if (!a)
			return fail(c, n, "value reference needs 'attribute'");
		if (want_text(c, a, "attribute"))
			return c->err->code;
		/* evaluation reads numbers from the literal only */
		if (op_wants_number(op))
			return fail(c, n, "operator '%s' needs a number, not an attribute",
				    eg_op_name(op));
		out->kind = EG_OPERAND_REF;
		if (parse_path(c, scope, a->str, a, &out->ref))
			return c->err->code;
		if (out->ref.type == EG_T_OBJ || out->ref.type == EG_T_OBJS)
			return fail(c, n, "'%s' is an %s: name one of its attributes", a->str,
				    out->ref.type == EG_T_OBJ ? "object" : "object list");
		if (op_wants_list(op) && !is_collection(out->ref.type, out->ref.many))
			return fail(c, n, "operator '%s' needs a list; '%s' is a %s", eg_op_name(op),
				    a->str, eg_vtype_name(out->ref.type));
		if (!op_wants_list(op) && is_collection(out->ref.type, out->ref.many))
			return fail(c, n, "operator '%s' takes a single value; '%s' is a %s%s",
				    eg_op_name(op), a->str, eg_vtype_name(out->ref.type),
				    out->ref.many ? " (one per object)" : "");
		return 0;
	}
	if (n->kind == EG_Y_SEQ) {
		if (!op_wants_list(op))
			return fail(c, n, "operator '%s' takes a single value, not a list", eg_op_name(op));
		out->kind = EG_OPERAND_LIST;
		return string_list(c, n, "value", &out->items, &out->n);
	}
	if (op_wants_list(op))
		return fail(c, n, "operator '%s' needs a list value", eg_op_name(op));
	if (!n->quoted && eg_ynode_is_null(n))
		return fail(c, n, "value is null; quote it (\"~\") if you mean the text, or use "
			    "operator exists or absent");
	if (op_wants_number(op)) {
		char *end;
		errno = 0;
		out->num = strtod(n->str, &end);
		if (!n->len || *end || errno)
			return fail(c, n, "operator '%s' needs a number, not '%s'", eg_op_name(op), n->str);
		out->kind = EG_OPERAND_NUM;
		return 0;
	}
	if (!n->quoted && eg_ynode_bool(n, &out->b)) {
		out->kind = EG_OPERAND_BOOL;
		out->s = out->b ? "true" : "false";
		return 0;
	}
	out->kind = EG_OPERAND_STR;
	out->s = dup(c, n->str);
	return 0;
}

/* at_least and below compare within one enumeration: a literal must be
 * one of its values (a typo would otherwise make every comparison
 * unknown), a reference an attribute of the same enumeration. */
static int check_ordered_operand(ctx *c, const eg_cond *cond, const eg_ynode *val)
{
	const eg_cf_order *o = eg_attr_order(cond->path.segs[cond->path.n - 1].attr);
	const eg_operand *v = &cond->value;
	eg_strbuf sb = EG_STRBUF_INIT;
	size_t i;
	int rank;

	if (v->kind == EG_OPERAND_REF) {
		const eg_path *r = &v->ref;
		if (r->n && eg_attr_order(r->segs[r->n - 1].attr) == o)
			return 0;
		return fail(c, val, "operator '%s' needs a %s to compare with; '%s' is not one",
			    eg_op_name(cond->op), o->name, r->text);
	}
	rank = v->kind == EG_OPERAND_STR ? eg_cf_order_rank(o, v->s) : EG_CF_RANK_NONE;
	if (rank >= 0 && (size_t)rank < o->n)
		return 0;
	for (i = 0; i < o->n; i++)
		eg_sb_addf(&sb, "%s%s", i ? ", " : "", o->values[i]);
	fail(c, val, "'%s' is not a known %s (known: %s)", val->str ? val->str : "?", o->name,
	     sb.buf);
	eg_sb_release(&sb);
	return c->err->code;
}

static eg_cond *new_cond(ctx *c, eg_cond_kind kind, const eg_ynode *n)
{
	eg_cond *cond = eg_arena_alloc(&c->rs->arena, sizeof(*cond));
	cond->kind = kind;
	cond->line = n->line;
	cond->col = n->col;
	return cond;
}

static int parse_cond_list(ctx *c, eg_scope scope, const eg_ynode *n, int depth,
			   eg_cond *cond)
{
	size_t i;

	if (n->kind != EG_Y_SEQ || !n->nitems)
		return fail(c, n, "expected a non-empty list of conditions");
	cond->kids = eg_arena_alloc(&c->rs->arena, n->nitems * sizeof(*cond->kids));
	for (i = 0; i < n->nitems; i++)
		if (parse_cond(c, scope, n->items[i], depth + 1, &cond->kids[i]))
			return c->err->code;
	cond->nkids = n->nitems;
	return 0;
}

static int parse_quantifier(ctx *c, eg_scope scope, const eg_ynode *n, int depth,
			    eg_cond *cond)
{
	static const char *const keys[] = { "in", "that", NULL };
	const eg_ynode *in, *that;

	if (n->kind != EG_Y_MAP)
		return fail(c, n, "expected {in: <list attribute>, that: <condition>}");
	if (check_keys(c, n, "quantifier", keys))
		return c->err->code;
	in = eg_ynode_get(n, "in");
	that = eg_ynode_get(n, "that");
	if (!in)
		return fail(c, n, "missing 'in' collection");
	if (want_text(c, in, "in"))
		return c->err->code;
	if (!that)
		return fail(c, n, "missing 'that' condition");
	if (parse_path(c, scope, in->str, in, &cond->path))
		return c->err->code;
	if (cond->path.type != EG_T_OBJS)
		return fail(c, in, "'%s' is not a list of objects", in->str);
	return parse_cond(c, cond->path.scope, that, depth + 1, &cond->kid);
}

static int parse_cond(ctx *c, eg_scope scope, const eg_ynode *n, int depth, eg_cond **out)
{
	static const char *const attr_keys[] = { "attribute", "operator", "value", NULL };
	static const char *const quant[] = { "any", "all", "none" };
	eg_cond *cond;
	const eg_ynode *a, *op, *val;
	size_t i;
	int k;
	const char *why;

	if (depth > 64)
		return fail(c, n, "conditions nested deeper than 64");
	if (n->kind == EG_Y_SEQ) {
		*out = cond = new_cond(c, EG_COND_AND, n);
		return parse_cond_list(c, scope, n, depth, cond);
	}
	if (n->kind != EG_Y_MAP || !n->npairs)
		return fail(c, n, "expected a condition: {attribute, operator, value}, and, or, not, any, all or none");
	if (n->npairs == 1) {
		const char *key = n->pairs[0].key->str;
		const eg_ynode *v = n->pairs[0].value;
		if (!strcmp(key, "and") || !strcmp(key, "or")) {
			*out = cond = new_cond(c, key[0] == 'a' ? EG_COND_AND : EG_COND_OR, n);
			return parse_cond_list(c, scope, v, depth, cond);
		}
		if (!strcmp(key, "not")) {
			*out = cond = new_cond(c, EG_COND_NOT, n);
			return parse_cond(c, scope, v, depth + 1, &cond->kid);
		}
		for (k = 0; k < 3; k++)
			if (!strcmp(key, quant[k])) {
				*out = cond = new_cond(c, k == 0 ? EG_COND_ANY : k == 1 ? EG_COND_ALL
										: EG_COND_NONE, n);
				return parse_quantifier(c, scope, v, depth, cond);
			}
	}
	if (check_keys(c, n, "condition", attr_keys))
		return c->err->code;
	*out = cond = new_cond(c, EG_COND_ATTR, n);
	a = eg_ynode_get(n, "attribute");
	op = eg_ynode_get(n, "operator");
	val = eg_ynode_get(n, "value");
	if (!a)
		return fail(c, n, "condition needs 'attribute'");
	if (want_text(c, a, "attribute"))
		return c->err->code;
	if (!op)
		return fail(c, n, "condition needs 'operator'");
	if (want_text(c, op, "operator"))
		return c->err->code;
	if (parse_path(c, scope, a->str, a, &cond->path))
		return c->err->code;
	for (i = 0; i < EG_OP__COUNT; i++)
		if (!strcmp(op->str, op_names[i]))
			break;
	if (i == EG_OP__COUNT) {
		eg_strbuf sb = EG_STRBUF_INIT;
		for (i = 0; i < EG_OP__COUNT; i++)
			eg_sb_addf(&sb, "%s%s", i ? ", " : "", op_names[i]);
		fail(c, op, "unknown operator '%s' (known: %s)", op->str, sb.buf);
		eg_sb_release(&sb);
		return c->err->code;
	}
	cond->op = (eg_op)i;
	why = op_type_error(cond->op, &cond->path);
	if (why)
		return fail(c, op, "operator '%s' %s; '%s' is a %s%s", op->str, why, a->str,
			    eg_vtype_name(cond->path.type), cond->path.many ? " (one per object)" : "");
	if (op_takes_value(cond->op) && !val)
		return fail(c, n, "operator '%s' needs a 'value'", op->str);
	if (!op_takes_value(cond->op) && val)
		return fail(c, val, "operator '%s' takes no 'value'", op->str);
	if (val && parse_operand(c, scope, val, cond->op, &cond->value))
		return c->err->code;
	if (cond->op == EG_OP_MATCHES_REGEX || cond->op == EG_OP_NOT_MATCHES_REGEX) {
		regex_t re;
		if (cond->value.kind != EG_OPERAND_STR)
			return fail(c, val, "operator '%s' needs a literal pattern", op->str);
		if (regcomp(&re, cond->value.s, REG_EXTENDED | REG_NOSUB))
			return fail(c, val, "'%s' is no POSIX extended regular expression",
				    cond->value.s);
		regfree(&re);
	}
	if (cond->op == EG_OP_AT_LEAST || cond->op == EG_OP_BELOW)
		return check_ordered_operand(c, cond, val);
	return 0;
}

/* --- message templates ---------------------------------------------------- */

/* Cuts a "|json" or "|count" suffix off name (a "|hosts" before it is
 * the caller's); an unknown one stays in name and fails as an attribute. */
static eg_filter take_filter(char *name)
{
	static const struct {
		const char *suffix;
		eg_filter f;
	} filters[] = { { "|json", EG_FILTER_JSON }, { "|count", EG_FILTER_COUNT } };
	size_t i, n = strlen(name);

	for (i = 0; i < EG_ARRAY_SIZE(filters); i++) {
		size_t k = strlen(filters[i].suffix);
		if (n > k && !strcmp(name + n - k, filters[i].suffix)) {
			name[n - k] = '\0';
			return filters[i].f;
		}
	}
	return EG_FILTER_NONE;
}

static int parse_template(ctx *c, eg_scope scope, const eg_ynode *n, eg_template *t)
{
	eg_strbuf lit = EG_STRBUF_INIT;
	const char *p;
	size_t alloc = 0;
	int rc = 0;

	if (want_text(c, n, "message"))
		return c->err->code;
	memset(t, 0, sizeof(*t));
	t->source = dup(c, n->str);
	for (p = n->str; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			eg_sb_addc(&lit, *p++);
			continue;
		}
		if (*p == '}') {
			rc = fail(c, n, "unmatched '}' in message (write '}}' for a brace)");
			goto out;
		}
		if (*p != '{') {
			size_t run = strcspn(p, "{}");
			eg_sb_add(&lit, p, run ? run : 1); /* literal text up to a brace, at once */
			p += (run ? run : 1) - 1;
			continue;
		}
		{
			const char *end = strchr(p, '}');
			char *name;
			eg_template_seg *seg;

			if (!end) {
				rc = fail(c, n, "unterminated '{' in message (write '{{' for a brace)");
				goto out;
			}
			if (lit.len) {
				EG_ARENA_GROW(&c->rs->arena, t->segs, t->n + 1, alloc);
				memset(&t->segs[t->n], 0, sizeof(t->segs[t->n]));
				t->segs[t->n].text = eg_arena_strndup(&c->rs->arena, lit.buf, lit.len);
				t->n++;
				eg_sb_reset(&lit);
			}
			name = eg_xstrndup(p + 1, (size_t)(end - p - 1));
			EG_ARENA_GROW(&c->rs->arena, t->segs, t->n + 1, alloc);
			seg = &t->segs[t->n++];
			seg->text = NULL;
			seg->filter = take_filter(name);
			seg->hosts = false;
			if (seg->filter != EG_FILTER_NONE) {
				size_t len = strlen(name);
				if (len > 6 && !strcmp(name + len - 6, "|hosts")) {
					name[len - 6] = '\0';
					seg->hosts = true;
				}
			}
			rc = parse_path(c, scope, name, n, &seg->path);
			eg_free(name);
			if (rc)
				goto out;
			p = end;
		}
	}
	if (lit.len) {
		EG_ARENA_GROW(&c->rs->arena, t->segs, t->n + 1, alloc);
		memset(&t->segs[t->n], 0, sizeof(t->segs[t->n]));
		t->segs[t->n].text = eg_arena_strndup(&c->rs->arena, lit.buf, lit.len);
		t->n++;
	}
out:
	eg_sb_release(&lit);
	return rc;
}

static int parse_messages(ctx *c, eg_rule *r, const eg_ynode *n)
{
	static const char *const keys[] = { "when", "text", "severity", NULL };
	size_t i;

	if (n->kind == EG_Y_SCALAR) {
		r->messages = eg_arena_alloc(&c->rs->arena, sizeof(*r->messages));
		r->nmessages = 1;
		return parse_template(c, r->scope, n, &r->messages[0].text);
	}
	if (n->kind != EG_Y_SEQ || !n->nitems)
		return fail(c, n, "message must be a string or a list of {when, text}");
	r->messages = eg_arena_alloc(&c->rs->arena, n->nitems * sizeof(*r->messages));
	r->nmessages = n->nitems;
	for (i = 0; i < n->nitems; i++) {
		const eg_ynode *m = n->items[i];
		const eg_ynode *when, *text, *sev;
		if (m->kind != EG_Y_MAP)
			return fail(c, m, "message case must be {when: <condition>, text: <message>}");
		if (check_keys(c, m, "message case", keys))
			return c->err->code;
		when = eg_ynode_get(m, "when");
		text = eg_ynode_get(m, "text");
		if (!text)
			return fail(c, m, "message case needs 'text'");
		if (!when && i + 1 < n->nitems)
			return fail(c, m, "only the last message case may omit 'when'");
		if (when && i + 1 == n->nitems)
			return fail(c, m, "the last message case must omit 'when': it is the fallback");
		if (when && parse_cond(c, r->scope, when, 0, &r->messages[i].when))
			return c->err->code;
		if (parse_template(c, r->scope, text, &r->messages[i].text))
			return c->err->code;
		/* a case may be weaker (less evidence) or stronger (a configured
		 * route at stake) than the rule's severity */
		sev = eg_ynode_get(m, "severity");
		if (sev && (sev->kind != EG_Y_SCALAR ||
			    !eg_severity_parse(sev->str, false, &r->messages[i].severity)))
			return fail(c, sev, "message case severity must be error, warning or note");
		r->messages[i].has_severity = sev != NULL;
	}
	return 0;
}

static const char *const patch_keys_null[EG_PATCH__COUNT + 1] = {
	"terraform", "cloudformation", "aws-cli", NULL,
};
#define patch_keys patch_keys_null

static int parse_patch_case(ctx *c, eg_rule *r, const eg_ynode *m, bool last, eg_patch_case *pc)
{
	static const char *const keys[] = { "when", "place", "edits", "terraform",
					    "cloudformation", "aws-cli", NULL };
	const eg_ynode *when, *place, *edits;
	size_t k;

	if (m->kind != EG_Y_MAP)
		return fail(c, m, "patch must be {place, terraform, cloudformation, aws-cli}, or a list of them with 'when'");
	if (check_keys(c, m, "patch", keys))
		return c->err->code;
	when = eg_ynode_get(m, "when");
	place = eg_ynode_get(m, "place");
	if (!place)
		return fail(c, m, "patch needs 'place': where its text goes");
	if (when && parse_cond(c, r->scope, when, 0, &pc->when))
		return c->err->code;
	if (!when && !last)
		return fail(c, m, "only the last patch case may omit 'when'");
	edits = eg_ynode_get(m, "edits");
	if (edits) {
		if (want_text(c, edits, "edits") || parse_path(c, r->scope, edits->str, edits, &pc->edits))
			return c->err->code;
		if (pc->edits.type != EG_T_OBJ || pc->edits.many)
			return fail(c, edits, "'edits' must name one object, such as 'target'");
		pc->has_edits = true;
	}
	if (place->kind == EG_Y_MAP && check_keys(c, place, "patch place", patch_keys_null))
		return c->err->code;
	for (k = 0; k < EG_PATCH__COUNT; k++) {
		const eg_ynode *t = eg_ynode_get(m, patch_keys[k]);
		const eg_ynode *at = place->kind == EG_Y_MAP ? eg_ynode_get(place, patch_keys[k]) : place;
		if (!at && t)
			return fail(c, place, "patch place has no '%s'", patch_keys[k]);
		if (at && parse_template(c, r->scope, at, &pc->place[k]))
			return c->err->code;
		if (!t)
			continue;
		if (parse_template(c, r->scope, t, &pc->text[k]))
			return c->err->code;
		pc->has[k] = true;
	}
	/* a case without text says that no patch fits (a reordering) */
	return 0;
}

static int parse_patches(ctx *c, eg_rule *r, const eg_ynode *n)
{
	size_t i, count = n->kind == EG_Y_SEQ ? n->nitems : 1;

	if (n->kind == EG_Y_SEQ && !n->nitems)
		return fail(c, n, "patch list must not be empty");
	r->patches = eg_arena_alloc(&c->rs->arena, count * sizeof(*r->patches));
	memset(r->patches, 0, count * sizeof(*r->patches));
	r->npatches = count;
	for (i = 0; i < count; i++)
		if (parse_patch_case(c, r, n->kind == EG_Y_SEQ ? n->items[i] : n, i + 1 == count,
				     &r->patches[i]))
			return c->err->code;
	return 0;
}

/* --- the rule ------------------------------------------------------------- */

static int parse_routes(ctx *c, const eg_ynode *n, eg_route **out, size_t *nout)
{
	static const char *const keys[] = { "path", "methods", NULL };
	size_t i;

	if (n->kind != EG_Y_SEQ || !n->nitems)
		return fail(c, n, "routes must be a non-empty list of {path, methods}");
	*out = eg_arena_alloc(&c->rs->arena, n->nitems * sizeof(**out));
	for (i = 0; i < n->nitems; i++) {
		const eg_ynode *r = n->items[i], *path, *methods;
		size_t j;
		if (r->kind != EG_Y_MAP)
			return fail(c, r, "a route is {path, methods}");
		if (check_keys(c, r, "route", keys))
			return c->err->code;
		path = eg_ynode_get(r, "path");
		methods = eg_ynode_get(r, "methods");
		if (!path)
			return fail(c, r, "route needs 'path'");
		if (want_text(c, path, "path"))
			return c->err->code;
		if (!methods)
			return fail(c, r, "route needs 'methods'");
		(*out)[i].path = dup(c, path->str);
		if (string_list(c, methods, "methods", &(*out)[i].methods, &(*out)[i].nmethods))
			return c->err->code;
		for (j = 0; j < methods->nitems; j++) {
			char *upper;
			size_t k;
			if (!eg_cf_method_bit(methods->items[j]->str))
				return fail(c, methods->items[j], "unknown HTTP method '%s'",
					    methods->items[j]->str);
			/* the check ignores case; evaluation compares with the
			 * behaviors' methods, which CloudFront spells in capitals */
			upper = eg_arena_strdup(&c->rs->arena, methods->items[j]->str);
			for (k = 0; upper[k]; k++)
				upper[k] = (char)toupper((unsigned char)upper[k]);
			(*out)[i].methods[j] = upper;
		}
	}
	*nout = n->nitems;
	return 0;
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

static int parse_rule(ctx *c, const eg_ynode *root)
{
	static const char *const keys[] = {
		"id", "title", "severity", "description", "remediation", "references", "tags",
		"scope", "routes", "where", "assert", "message", "unknown", "at", "example", "patch",
		NULL,
	};
	static const char *const required[] = {
		"id", "title", "severity", "description", "remediation", "references",
		"scope", "assert", "message", NULL,
	};
	static const char *const unknown_keys[] = { "severity", "message", NULL };
	eg_rule *r;
	const eg_ynode *n;
	size_t i;

	if (!root || root->kind != EG_Y_MAP)
		return fail(c, root, "a rule file must be a mapping with id, title, severity, ...");
	if (check_keys(c, root, "rule", keys))
		return c->err->code;
	for (i = 0; required[i]; i++)
		if (!eg_ynode_get(root, required[i]))
			return fail(c, root, "rule is missing required key '%s'", required[i]);

	r = eg_arena_alloc(&c->rs->arena, sizeof(*r));
	r->file = dup(c, c->file);
	r->line = root->line;
	r->col = root->col;

	n = eg_ynode_get(root, "id");
	if (want_text(c, n, "id"))
		return c->err->code;
	if (!valid_id(n->str))
		return fail(c, n, "id '%s' must use only a-z, 0-9 and '-'", n->str);
	if (eg_ruleset_find(c->rs, n->str)) {
		const eg_rule *o = eg_ruleset_find(c->rs, n->str);
		return fail(c, n, "duplicate rule id '%s' (also in %s:%d)", n->str, o->file, o->line);
	}
	r->id = dup(c, n->str);
	if (want_text(c, eg_ynode_get(root, "title"), "title") ||
	    want_text(c, eg_ynode_get(root, "description"), "description") ||
	    want_text(c, eg_ynode_get(root, "remediation"), "remediation"))
		return c->err->code;
	r->title = dup(c, eg_ynode_get(root, "title")->str);
	r->description = dup(c, eg_ynode_get(root, "description")->str);
	r->remediation = dup(c, eg_ynode_get(root, "remediation")->str);

	n = eg_ynode_get(root, "severity");
	if (want_text(c, n, "severity"))
		return c->err->code;
	if (!eg_severity_parse(n->str, false, &r->severity))
		return fail(c, n, "severity must be error, warning or note, not '%s'", n->str);

	if (string_list(c, eg_ynode_get(root, "references"), "references", &r->references,
			&r->nreferences))
		return c->err->code;
	if (!r->nreferences)
		return fail(c, eg_ynode_get(root, "references"), "references must not be empty");
	n = eg_ynode_get(root, "tags");
	if (n && string_list(c, n, "tags", &r->tags, &r->ntags))
		return c->err->code;

	n = eg_ynode_get(root, "scope");
	if (want_text(c, n, "scope"))
		return c->err->code;
	if (!eg_scope_parse(n->str, &r->scope))
		return fail(c, n,
			    "unknown scope '%s' (known: distribution, origin, behavior, alias, "
			    "dns_record, route, function)",
			    n->str);
	n = eg_ynode_get(root, "routes");
	if (n) {
		if (r->scope != EG_SCOPE_ROUTE)
			return fail(c, n, "'routes' is only for scope: route");
		if (parse_routes(c, n, &r->routes, &r->nroutes))
			return c->err->code;
	}
	n = eg_ynode_get(root, "where");
	if (n && parse_cond(c, r->scope, n, 0, &r->where))
		return c->err->code;
	if (parse_cond(c, r->scope, eg_ynode_get(root, "assert"), 0, &r->assert))
		return c->err->code;
	if (parse_messages(c, r, eg_ynode_get(root, "message")))
		return c->err->code;
	n = eg_ynode_get(root, "unknown");
	if (n) {
		const eg_ynode *s, *m;
		if (n->kind != EG_Y_MAP)
			return fail(c, n, "unknown must be {severity, message}");
		if (check_keys(c, n, "unknown", unknown_keys))
			return c->err->code;
		s = eg_ynode_get(n, "severity");
		m = eg_ynode_get(n, "message");
		if (s) {
			if (want_text(c, s, "severity"))
				return c->err->code;
			if (!eg_severity_parse(s->str, false, &r->unknown_severity))
				return fail(c, s, "severity must be error, warning or note, not '%s'", s->str);
			r->has_unknown_severity = true;
		}
		if (m) {
			if (parse_template(c, r->scope, m, &r->unknown_message))
				return c->err->code;
			r->has_unknown_message = true;
		}
	}
	n = eg_ynode_get(root, "patch");
	if (n && parse_patches(c, r, n))
		return c->err->code;
	n = eg_ynode_get(root, "example");
	if (n) {
		if (want_text(c, n, "example"))
			return c->err->code;
		r->example = dup(c, n->str);
	}
	n = eg_ynode_get(root, "at");
	if (n) {
		if (want_text(c, n, "at") || parse_path(c, r->scope, n->str, n, &r->at))
			return c->err->code;
		if (r->at.type != EG_T_OBJ || r->at.many)
			return fail(c, n, "'at' must name one object, such as 'serving'");
		r->has_at = true;
	}
	EG_ALLOC_GROW(c->rs->rules, c->rs->n + 1, c->rs->alloc);
	c->rs->rules[c->rs->n++] = r;
	return 0;
}

/* Rule files are small: tight caps keep a hostile one cheap. */
static eg_ydoc_limits rule_limits(void)
{
	eg_ydoc_limits limits = EG_YDOC_LIMITS_DEFAULT;

	limits.max_bytes = 1 << 20;
	limits.max_nodes = 100000;
	return limits;
}

/* Turns a parsed (or failed) YAML document into a rule; frees doc. */
static int finish(eg_ruleset *rs, int rc, eg_ydoc *doc, const char *name, eg_error *err)
{
	ctx c;

	c.rs = rs;
	c.file = name;
	c.err = err;
	if (rc && rc != EG_ERR_IO)
		rc = err->code = EG_ERR_RULE; /* a YAML error in a rule file is a rule error */
	if (!rc)
		rc = parse_rule(&c, doc->root);
	eg_ydoc_free(doc);
	return rc;
}

int eg_ruleset_parse(eg_ruleset *rs, const char *buf, size_t len, const char *name, eg_error *err)
{
	eg_ydoc_limits limits = rule_limits();
	eg_ydoc *doc = NULL;

	int rc = eg_ydoc_parse(&doc, buf, len, name, &limits, err);

	return finish(rs, rc, doc, name, err);
}

int eg_ruleset_load_file(eg_ruleset *rs, const char *path, eg_error *err)
{
	eg_ydoc_limits limits = rule_limits();
	eg_ydoc *doc = NULL;

	int rc = eg_ydoc_load_prepared(&doc, path, &limits, rs->prepared, rs->nprepared, err);

	return finish(rs, rc, doc, path, err);
}

int eg_ruleset_prepare_file(const char *path, eg_strbuf *text, eg_strbuf *tree, eg_error *err)
{
	eg_ydoc_limits limits = rule_limits();
	eg_ydoc *doc = NULL;
	int rc = eg_ydoc_read(path, limits.max_bytes, text, err);

	if (!rc && !(rc = eg_ydoc_parse(&doc, text->buf, text->len, path, &limits, err)))
		eg_ydoc_serialize(doc, tree);
	eg_ydoc_free(doc);
	return rc;
}

int eg_ruleset_load_dir(eg_ruleset *rs, const char *dir, eg_error *err)
{
	char **names;
	size_t n, i;
	int rc;

	if ((rc = eg_dir_list(dir, &names, &n, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		if (eg_has_suffix(names[i], ".yml") || eg_has_suffix(names[i], ".yaml")) {
			char *path = eg_path_join(dir, names[i]);
			rc = eg_ruleset_load_file(rs, path, err);
			eg_free(path);
		}
	}
	eg_dir_list_free(names, n);
	return rc;
}

const eg_rule *eg_ruleset_find(const eg_ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (!strcmp(rs->rules[i]->id, id))
			return rs->rules[i];
	return NULL;
}

int eg_ruleset_check_config(const eg_ruleset *rs, const eg_config *c, eg_error *err)
{
	size_t i;

	for (i = 0; i < c->noverrides; i++)
		if (!eg_ruleset_find(rs, c->overrides[i].rule))
			return eg_error_set(err, EG_ERR_CONFIG, c->overrides[i].file,
					    c->overrides[i].line, c->overrides[i].col,
					    "no rule with id '%s' is loaded", c->overrides[i].rule);
	return 0;
}

/* --- categories and selection ---------------------------------------------- */

const char *const eg_categories[EG_CATEGORY_COUNT] = {
	"outage", "deploy-failure", "security", "hygiene",
};

const char *eg_rule_category(const eg_rule *r)
{
	const char *found = NULL;
	size_t i, k;

	for (i = 0; i < r->ntags; i++)
		for (k = 0; k < EG_CATEGORY_COUNT; k++)
			if (!strcmp(r->tags[i], eg_categories[k])) {
				if (found)
					return NULL;
				found = eg_categories[k];
			}
	return found;
}

static bool rule_has_tag(const eg_rule *r, const char *glob)
{
	size_t i;

	for (i = 0; i < r->ntags; i++)
		if (eg_glob_match(glob, r->tags[i]))
			return true;
	return false;
}

static bool matches(const eg_rule *r, eg_select_kind kind, const char *glob)
{
	return kind == EG_SELECT_RULES || kind == EG_SKIP_RULES ? eg_glob_match(glob, r->id)
								: rule_has_tag(r, glob);
}

static bool matches_list(const eg_rule *r, const eg_select_list *l, eg_select_kind kind)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (matches(r, kind, l->items[i].pattern))
			return true;
	return false;
}

/* A pattern that selects nothing is a typo until shown otherwise: a gate
 * told to run "alais-*" must not pass because it ran nothing. */
static int check_item(const eg_ruleset *rs, eg_select_kind kind, const eg_select_item *it,
		      eg_error *err)
{
	bool tags = kind == EG_SELECT_TAGS || kind == EG_SKIP_TAGS;
	const char **cands = NULL;
	size_t n = 0, alloc = 0, i, j;
	const char *hint;
	int rc;

	for (i = 0; i < rs->n; i++)
		if (matches(rs->rules[i], kind, it->pattern))
			return 0;
	for (i = 0; i < rs->n; i++) {
		if (!tags) {
			EG_ALLOC_GROW(cands, n + 1, alloc);
			cands[n++] = rs->rules[i]->id;
			continue;
		}
		for (j = 0; j < rs->rules[i]->ntags; j++) {
			EG_ALLOC_GROW(cands, n + 1, alloc);
			cands[n++] = rs->rules[i]->tags[j];
		}
	}
	hint = eg_suggest(it->pattern, cands, n);
	rc = eg_error_set(err, it->file ? EG_ERR_CONFIG : EG_ERR_USAGE, it->file, it->line, it->col,
			  "%s '%s' matches %s%s%s%s; `edgegate rules` lists them",
			  eg_select_name(kind, !it->file), it->pattern,
			  tags ? "no tag of a loaded rule" : "no loaded rule id",
			  hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
	eg_free(cands);
	return rc;
}

int eg_ruleset_select(eg_ruleset *rs, const eg_config *c, eg_error *err)
{
	const eg_select_list *sel = c->select;
	bool narrowed = sel[EG_SELECT_RULES].n || sel[EG_SELECT_TAGS].n;
	size_t i, k, left = 0;
	int rc;

	for (k = 0; k < EG_SELECT__COUNT; k++)
		for (i = 0; i < sel[k].n; i++)
			if ((rc = check_item(rs, (eg_select_kind)k, &sel[k].items[i], err)))
				return rc;
	for (i = 0; i < rs->n; i++) {
		eg_rule *r = rs->rules[i];
		bool in = !narrowed || matches_list(r, &sel[EG_SELECT_RULES], EG_SELECT_RULES) ||
			  matches_list(r, &sel[EG_SELECT_TAGS], EG_SELECT_TAGS);
		r->deselected = !in || matches_list(r, &sel[EG_SKIP_RULES], EG_SKIP_RULES) ||
				matches_list(r, &sel[EG_SKIP_TAGS], EG_SKIP_TAGS);
		left += !r->deselected;
	}
	if (!left && rs->n)
		return eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
				    "the rule selection leaves no rule to run (select:/skip: in "
				    "the config, --rule, --tag, --skip-rule, --skip-tag)");
	return 0;
}

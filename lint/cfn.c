/* cfn.c - CloudFormation intrinsic functions, conditions and parameters.
 *
 * Resolution is lazy (only what an ingester asks for), but eg_cfn_open
 * walks the whole template once to reject unknown tags and misshapen
 * intrinsics, and evaluates every condition, so a bad template fails even
 * where nothing reads it.
 */
#include "cfn.h"

#include "arena.h"
#include "source.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Nesting in the document (capped at EG_MAX_DEPTH) plus Ref -> BucketName
 * -> Sub -> ... chains, which only a cycle makes long. */
#define MAX_RESOLVE_DEPTH (EG_MAX_DEPTH + 64)

/* A node resolved once, because YAML aliases share it (memo below). */
typedef struct memo_slot {
	const eg_ynode *node; /* NULL: empty */
	bool checking;
	eg_cval *value;
} memo_slot;

enum { COND_UNSEEN = 0, COND_BUSY, COND_DONE };

typedef struct cond_slot {
	const char *name;
	const eg_ynode *expr;
	int state;
	int value; /* 1, 0, -1 */
} cond_slot;

typedef struct param_slot {
	const char *name;
	const eg_ynode *decl;
	eg_cval *value;
} param_slot;

struct eg_cfn {
	const eg_ydoc *doc;
	const char *file;
	eg_arena arena;
	eg_cfn_options opt;
	const eg_ynode *resources, *mappings;
	bool transform; /* SAM and macros add resources we cannot see */
	param_slot *params;
	size_t nparams;
	cond_slot *conds;
	size_t nconds;
	int depth;
	bool checking;  /* eg_cfn_open's walk: shapes only, values may not apply */
	eg_error *err; /* of the current public call */
	/* Bounded work: nodes resolved and bytes of text built, over the
	 * template's life (EG_MAX_CFN_WORK, EG_MAX_CFN_TEXT_TOTAL). */
	size_t work, text_bytes;
	memo_slot *memo; /* anchored nodes already resolved; open addressing */
	size_t nmemo, memo_alloc;
};

static const char *const intrinsics[] = {
	"Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::Equals",
	"Fn::And", "Fn::Or", "Fn::Not", "Fn::Select", "Fn::Split", "Fn::FindInMap",
	"Fn::ImportValue", "Fn::GetAZs", "Fn::Base64", "Fn::Cidr", "Fn::Length",
	"Fn::ToJsonString", "Fn::Transform", "Fn::GetStackOutput", NULL
};

/* --- small helpers ---------------------------------------------------------- */

static int fail(const eg_cfn *t, const eg_ynode *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int fail(const eg_cfn *t, const eg_ynode *at, const char *fmt, ...)
{
	char msg[sizeof(t->err->message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return eg_error_set(t->err, EG_ERR_INPUT, t->file, at ? at->line : 0,
			    at ? at->col : 0, "%s", msg);
}

static eg_cval *cv_unknown(eg_cfn *t, const eg_ynode *src, const char *why,
			   const char *ref, const char *attr);

/* A cap hit (EG_ERR_LIMIT): a template that would take unbounded time or
 * memory to resolve stops the run at the node that crossed it. */
static int limit(const eg_cfn *t, const eg_ynode *at, const char *what)
{
	return eg_error_set(t->err, EG_ERR_LIMIT, t->file, at ? at->line : 0, at ? at->col : 0,
			    "%s: edgegate stops here rather than use unbounded time or memory "
			    "(aliases or intrinsics that multiply?)", what);
}

/* Accounts for n bytes of text an intrinsic builds (one string at most
 * EG_MAX_CFN_STRING, all of them EG_MAX_CFN_TEXT_TOTAL). */
static int charge_text(eg_cfn *t, const eg_ynode *at, size_t n, const char *fn)
{
	char what[160];

	if (n > EG_MAX_CFN_STRING) {
		snprintf(what, sizeof(what), "%s builds a string longer than %zu bytes", fn,
			 (size_t)EG_MAX_CFN_STRING);
		return limit(t, at, what);
	}
	t->text_bytes += n;
	if (t->text_bytes > EG_MAX_CFN_TEXT_TOTAL) {
		snprintf(what, sizeof(what), "intrinsics of this template build more than %zu bytes "
			 "of text", (size_t)EG_MAX_CFN_TEXT_TOTAL);
		return limit(t, at, what);
	}
	return 0;
}

/* A failure that depends on values (a missing mapping key, an index past
 * the end, a name that is not defined).  The walk in eg_cfn_open also visits
 * branches that are not taken and resources nobody reads; there it is only
 * unknown, so edgegate does not turn into a template validator. */
static int value_fail(eg_cfn *t, const eg_ynode *at, eg_cval **out, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int value_fail(eg_cfn *t, const eg_ynode *at, eg_cval **out, const char *fmt, ...)
{
	char msg[sizeof(t->err->message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (t->checking) {
		*out = cv_unknown(t, at, "not checked", NULL, NULL);
		return 0;
	}
	return eg_error_set(t->err, EG_ERR_INPUT, t->file, at ? at->line : 0, at ? at->col : 0,
			    "%s", msg);
}

static eg_cval *cv_new(eg_cfn *t, eg_cval_kind kind, const eg_ynode *src)
{
	eg_cval *v = eg_arena_alloc(&t->arena, sizeof(*v));
	v->kind = kind;
	v->src = src;
	return v;
}

static eg_cval *cv_scalar(eg_cfn *t, const eg_ynode *src, const char *s)
{
	eg_cval *v = cv_new(t, EG_CV_SCALAR, src);
	v->str = s;
	return v;
}

static eg_cval *cv_unknown(eg_cfn *t, const eg_ynode *src, const char *why,
			   const char *ref, const char *attr)
{
	eg_cval *v = cv_new(t, EG_CV_UNKNOWN, src);
	v->str = why;
	v->ref = ref;
	v->ref_attr = attr;
	return v;
}

/* An unknown that keeps the resource reference of the value it came from. */
static eg_cval *cv_unknown_from(eg_cfn *t, const eg_ynode *src, const char *why,
				const eg_cval *from)
{
	return cv_unknown(t, src, why, from ? from->ref : NULL, from ? from->ref_attr : NULL);
}

eg_cval *eg_cval_get(const eg_cval *v, const char *key)
{
	size_t i;

	if (!v || v->kind != EG_CV_MAP)
		return NULL;
	for (i = 0; i < v->npairs; i++)
		if (!strcmp(v->pairs[i].key, key))
			return v->pairs[i].value;
	return NULL;
}

const char *eg_cval_str(const eg_cval *v)
{
	return v && v->kind == EG_CV_SCALAR ? v->str : NULL;
}

/* Name of the intrinsic a tag stands for ("!GetAtt" -> "Fn::GetAtt"), NULL
 * for no tag or a YAML core tag, "" for an unknown tag. */
static const char *tag_intrinsic(const char *tag)
{
	size_t i;

	if (!tag || strncmp(tag, "!", 1) != 0 || !tag[1])
		return NULL;
	for (i = 0; intrinsics[i]; i++) {
		const char *name = intrinsics[i];
		const char *bare = strncmp(name, "Fn::", 4) == 0 ? name + 4 : name;
		if (!strcmp(tag + 1, bare))
			return name;
	}
	return "";
}

/* The long form: a one-member mapping keyed Ref or Fn::*. */
static const char *map_intrinsic(const eg_ynode *n)
{
	const char *k;

	if (n->kind != EG_Y_MAP || n->npairs != 1)
		return NULL;
	k = n->pairs[0].key->str;
	if (!strcmp(k, "Ref") || !strncmp(k, "Fn::", 4))
		return k;
	return NULL;
}

static bool known_intrinsic(const char *name)
{
	size_t i;

	for (i = 0; intrinsics[i]; i++)
		if (!strcmp(intrinsics[i], name))
			return true;
	return false;
}

static const eg_ynode *map_get(const eg_ynode *map, const char *key)
{
	return map && map->kind == EG_Y_MAP ? eg_ynode_get(map, key) : NULL;
}

/* --- template lookups -------------------------------------------------------- */

bool eg_cfn_is_template(const eg_ynode *root)
{
	const eg_ynode *res;
	size_t i;

	const eg_ynode *transform;
	bool all_typed = true;

	if (!root || root->kind != EG_Y_MAP)
		return false;
	if (eg_ynode_get(root, "AWSTemplateFormatVersion"))
		return true;
	/* Transform: AWS::Serverless-2016-10-31, or a list naming it */
	transform = eg_ynode_get(root, "Transform");
	if (transform && transform->kind == EG_Y_SCALAR && !strncmp(transform->str, "AWS::Serverless", 15))
		return true;
	for (i = 0; transform && transform->kind == EG_Y_SEQ && i < transform->nitems; i++)
		if (transform->items[i]->kind == EG_Y_SCALAR &&
		    !strncmp(transform->items[i]->str, "AWS::Serverless", 15))
			return true;
	res = eg_ynode_get(root, "Resources");
	if (!res || res->kind != EG_Y_MAP || res->npairs == 0)
		return false;
	/* Every resource typed, or one typed AWS::...: a template, even if
	 * another resource is misshapen (the reader then says which). */
	for (i = 0; i < res->npairs; i++) {
		const eg_ynode *type = map_get(res->pairs[i].value, "Type");
		if (type && type->kind == EG_Y_SCALAR && !strncmp(type->str, "AWS::", 5))
			return true;
		if (!type || type->kind != EG_Y_SCALAR)
			all_typed = false;
	}
	return all_typed;
}

const eg_ynode *eg_cfn_resources(const eg_cfn *t)
{
	return t->resources;
}

const eg_ynode *eg_cfn_resource(const eg_cfn *t, const char *logical_id)
{
	return map_get(t->resources, logical_id);
}

const char *eg_cfn_resource_type(const eg_cfn *t, const char *logical_id)
{
	const eg_ynode *type = map_get(eg_cfn_resource(t, logical_id), "Type");
	return type && type->kind == EG_Y_SCALAR ? type->str : NULL;
}

static param_slot *find_param(const eg_cfn *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nparams; i++)
		if (!strcmp(t->params[i].name, name))
			return &t->params[i];
	return NULL;
}

const eg_cval *eg_cfn_param_value(const eg_cfn *t, const char *name)
{
	param_slot *p = find_param(t, name);
	return p ? p->value : NULL;
}

static cond_slot *find_cond(const eg_cfn *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nconds; i++)
		if (!strcmp(t->conds[i].name, name))
			return &t->conds[i];
	return NULL;
}

int eg_cfn_condition(const eg_cfn *t, const char *name)
{
	const cond_slot *c = find_cond(t, name);
	return c ? c->value : -2;
}

/* --- resolution ------------------------------------------------------------- */

static int resolve(eg_cfn *t, const eg_ynode *n, bool use_tag, eg_cval **out);
static int eval_condition(eg_cfn *t, const eg_ynode *n, int *out);

static const char *partition_of(const char *region)
{
	if (!strncmp(region, "cn-", 3))
		return "aws-cn";
	if (!strncmp(region, "us-gov-", 7))
		return "aws-us-gov";
	return "aws";
}

/* Regions older than 2014 name website endpoints s3-website-REGION. */
static bool website_dash(const char *region)
{
	static const char *const dash[] = { "us-east-1", "us-west-1", "us-west-2", "eu-west-1",
					    "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
					    "sa-east-1", "us-gov-west-1", NULL };
	size_t i;

	for (i = 0; dash[i]; i++)
		if (!strcmp(dash[i], region))
			return true;
	return false;
}

static eg_cval *pseudo(eg_cfn *t, const eg_ynode *at, const char *name)
{
	const char *region = t->opt.region;

	if (!strcmp(name, "AWS::Region") && region)
		return cv_scalar(t, at, region);
	if (!strcmp(name, "AWS::AccountId") && t->opt.account)
		return cv_scalar(t, at, t->opt.account);
	if (!strcmp(name, "AWS::StackName") && t->opt.stack_name)
		return cv_scalar(t, at, t->opt.stack_name);
	if (!strcmp(name, "AWS::Partition") && region)
		return cv_scalar(t, at, partition_of(region));
	if (!strcmp(name, "AWS::URLSuffix") && region)
		return cv_scalar(t, at, strncmp(region, "cn-", 3) ? "amazonaws.com" : "amazonaws.com.cn");
	return cv_unknown(t, at, eg_arena_printf(&t->arena, "%s (pass --region, --account or --stack-name)", name),
			  NULL, NULL);
}

static bool is_pseudo(const char *name)
{
	static const char *const names[] = { "AWS::Region", "AWS::AccountId", "AWS::StackName",
					     "AWS::StackId", "AWS::Partition", "AWS::URLSuffix",
					     "AWS::NotificationARNs", NULL };
	size_t i;

	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* A bucket's name when its BucketName resolves; NULL otherwise. */
static const char *bucket_name(eg_cfn *t, const char *id, int *rc)
{
	const eg_ynode *props = map_get(eg_cfn_resource(t, id), "Properties");
	const eg_ynode *name = map_get(props, "BucketName");
	eg_cval *v = NULL;

	*rc = 0;
	if (!name)
		return NULL;
	*rc = resolve(t, name, true, &v);
	return *rc ? NULL : eg_cval_str(v);
}

static int ref_resource(eg_cfn *t, const eg_ynode *at, const char *id, eg_cval **out)
{
	const char *type = eg_cfn_resource_type(t, id), *name;
	int rc;

	if (type && !strcmp(type, "AWS::S3::Bucket")) {
		name = bucket_name(t, id, &rc);
		if (rc)
			return rc;
		if (name) {
			*out = cv_scalar(t, at, name);
			(*out)->ref = id;
			return 0;
		}
	}
	*out = cv_unknown(t, at, eg_arena_printf(&t->arena, "!Ref %s", id), id, NULL);
	return 0;
}

static int do_ref(eg_cfn *t, const eg_ynode *at, const char *name, eg_cval **out)
{
	param_slot *p;

	if (!strcmp(name, "AWS::NoValue")) {
		*out = NULL;
		return 0;
	}
	if (is_pseudo(name)) {
		*out = pseudo(t, at, name);
		return 0;
	}
	if ((p = find_param(t, name))) {
		*out = p->value;
		return 0;
	}
	if (eg_cfn_resource(t, name))
		return ref_resource(t, at, name, out);
	if (t->transform) {
		*out = cv_unknown(t, at, eg_arena_printf(&t->arena, "!Ref %s (added by a transform)", name),
				  name, NULL);
		return 0;
	}
	return value_fail(t, at, out, "!Ref %s: no parameter or resource of that name", name);
}

static int get_att(eg_cfn *t, const eg_ynode *at, const char *id, const char *attr, eg_cval **out)
{
	const char *type = eg_cfn_resource_type(t, id), *name, *region = t->opt.region;
	int rc;

	if (!type) {
		if (!t->transform)
			return value_fail(t, at, out, "!GetAtt %s.%s: no resource named %s", id, attr, id);
	} else if (!strcmp(type, "AWS::S3::Bucket")) {
		name = bucket_name(t, id, &rc);
		if (rc)
			return rc;
		if (name && !strcmp(attr, "DomainName"))
			*out = cv_scalar(t, at, eg_arena_printf(&t->arena, "%s.s3.amazonaws.com", name));
		else if (name && region && !strcmp(attr, "RegionalDomainName"))
			*out = cv_scalar(t, at, eg_arena_printf(&t->arena, "%s.s3.%s.%s", name, region,
								 strncmp(region, "cn-", 3) ? "amazonaws.com" : "amazonaws.com.cn"));
		else if (name && region && !strcmp(attr, "WebsiteURL"))
			*out = cv_scalar(t, at, eg_arena_printf(&t->arena, "http://%s.s3-website%s%s.%s", name,
								 website_dash(region) ? "-" : ".", region,
								 strncmp(region, "cn-", 3) ? "amazonaws.com" : "amazonaws.com.cn"));
		else
			goto unknown;
		(*out)->ref = id;
		(*out)->ref_attr = attr;
		return 0;
	}
unknown:
	*out = cv_unknown(t, at, eg_arena_printf(&t->arena, "!GetAtt %s.%s", id, attr), id, attr);
	return 0;
}

static int do_getatt(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	eg_cval *attr = NULL;
	const char *dot;
	int rc;

	if (arg->kind == EG_Y_SCALAR && !map_intrinsic(arg) && (dot = strchr(arg->str, '.')) &&
	    dot > arg->str && dot[1])
		return get_att(t, arg, eg_arena_strndup(&t->arena, arg->str, (size_t)(dot - arg->str)),
			       dot + 1, out);
	if (arg->kind == EG_Y_SEQ && arg->nitems == 2 && arg->items[0]->kind == EG_Y_SCALAR &&
	    !arg->items[0]->tag) {
		if ((rc = resolve(t, arg->items[1], true, &attr)))
			return rc;
		if (!eg_cval_str(attr)) {
			*out = cv_unknown(t, arg, "!GetAtt with an unresolved attribute name",
					  arg->items[0]->str, NULL);
			return 0;
		}
		return get_att(t, arg, arg->items[0]->str, attr->str, out);
	}
	return fail(t, arg, "Fn::GetAtt needs 'Resource.Attribute' or [Resource, Attribute]");
}

/* Resolved scalar text of n, or NULL with *unknown set (value kept in *v). */
static int scalar_arg(eg_cfn *t, const eg_ynode *n, const char *fn, eg_cval **v)
{
	int rc = resolve(t, n, true, v);

	if (rc)
		return rc;
	if (*v && (*v)->kind != EG_CV_SCALAR && (*v)->kind != EG_CV_UNKNOWN)
		return fail(t, n, "%s: expected a string here", fn);
	if (!*v)
		return fail(t, n, "%s: AWS::NoValue is not allowed here", fn);
	return 0;
}

static int list_arg(eg_cfn *t, const eg_ynode *n, bool use_tag, eg_cval **out)
{
	int rc = resolve(t, n, use_tag, out);
	if (rc)
		return rc;
	if (!*out || ((*out)->kind != EG_CV_SEQ && (*out)->kind != EG_CV_UNKNOWN))
		return fail(t, n, "expected a list here");
	return 0;
}

static int arity(const eg_cfn *t, const eg_ynode *arg, const char *fn, size_t lo, size_t hi)
{
	if (arg->kind != EG_Y_SEQ || arg->nitems < lo || arg->nitems > hi) {
		if (lo == hi)
			return fail(t, arg, "%s needs a list of %zu items", fn, lo);
		return fail(t, arg, "%s needs a list of %zu to %zu items", fn, lo, hi);
	}
	return 0;
}

/* A string built by !Sub or !Join; a dynamic reference in it is fetched at
 * deploy time, however it was assembled. */
static eg_cval *text_value(eg_cfn *t, const eg_ynode *at, const char *s)
{
	if (strstr(s, "{{resolve:"))
		return cv_unknown(t, at, eg_arena_strdup(&t->arena, s), NULL, NULL);
	return cv_scalar(t, at, eg_arena_strdup(&t->arena, s));
}

static int do_sub(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	const eg_ynode *text = arg, *vars = NULL;
	eg_strbuf sb = EG_STRBUF_INIT;
	const eg_cval *first_unknown = NULL;
	const char *p;
	int rc = 0;

	if (arg->kind == EG_Y_SEQ) {
		if ((rc = arity(t, arg, "Fn::Sub", 2, 2)))
			return rc;
		text = arg->items[0];
		vars = arg->items[1];
		if (vars->kind != EG_Y_MAP || map_intrinsic(vars))
			return fail(t, vars, "Fn::Sub: the second item must be a mapping of variables");
	}
	if (text->kind != EG_Y_SCALAR || (text != arg && text->tag))
		return fail(t, text, "Fn::Sub needs a string");
	for (p = text->str; *p;) {
		const char *open = strstr(p, "${"), *close;
		eg_cval *v = NULL;
		char *name;

		if (!open) {
			eg_sb_adds(&sb, p);
			break;
		}
		eg_sb_add(&sb, p, (size_t)(open - p));
		close = strchr(open, '}');
		if (!close) {
			rc = fail(t, text, "Fn::Sub: '${' without a closing '}'");
			goto out;
		}
		if (open[2] == '!') { /* ${!Literal} */
			eg_sb_adds(&sb, "${");
			eg_sb_add(&sb, open + 3, (size_t)(close - open - 2));
			p = close + 1;
			continue;
		}
		name = eg_arena_strndup(&t->arena, open + 2, (size_t)(close - open - 2));
		p = close + 1;
		if (map_get(vars, name))
			rc = resolve(t, map_get(vars, name), true, &v);
		else if (strchr(name, '.') && !find_param(t, name) && !is_pseudo(name)) {
			const char *dot = strchr(name, '.');
			rc = get_att(t, text, eg_arena_strndup(&t->arena, name, (size_t)(dot - name)),
				     dot + 1, &v);
		} else
			rc = do_ref(t, text, name, &v);
		if (rc)
			goto out;
		if (!v) {
			eg_sb_release(&sb);
			return value_fail(t, text, out, "Fn::Sub: ${%s} is AWS::NoValue", name);
		}
		if (v->kind == EG_CV_UNKNOWN) {
			if (!first_unknown)
				first_unknown = v;
			eg_sb_addf(&sb, "${%s}", name);
			continue;
		}
		if (v->kind != EG_CV_SCALAR) {
			eg_sb_release(&sb);
			return value_fail(t, text, out, "Fn::Sub: ${%s} is not a string", name);
		}
		if ((rc = charge_text(t, text, sb.len + strlen(v->str), "Fn::Sub")))
			goto out;
		eg_sb_adds(&sb, v->str);
	}
	if (first_unknown) {
		*out = cv_unknown_from(t, text, eg_arena_printf(&t->arena, "!Sub %s", text->str),
				       first_unknown);
		(*out)->shape = eg_arena_strdup(&t->arena, sb.buf);
	} else {
		*out = text_value(t, text, sb.buf);
	}
out:
	eg_sb_release(&sb);
	return rc;
}

static int do_join(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	eg_cval *delim = NULL, *list = NULL;
	eg_strbuf sb = EG_STRBUF_INIT;
	size_t i;
	int rc;

	if ((rc = arity(t, arg, "Fn::Join", 2, 2)) ||
	    (rc = scalar_arg(t, arg->items[0], "Fn::Join", &delim)) ||
	    (rc = list_arg(t, arg->items[1], true, &list)))
		return rc;
	if (delim->kind == EG_CV_UNKNOWN || list->kind == EG_CV_UNKNOWN) {
		*out = cv_unknown_from(t, arg, "!Join", list->kind == EG_CV_UNKNOWN ? list : delim);
		return 0;
	}
	for (i = 0; i < list->nitems; i++) {
		eg_cval *it = list->items[i];
		if (it->kind == EG_CV_UNKNOWN) {
			/* what it joins, unknown parts as ${Ref}: "!Join arn:...:
			 * distribution/${Dist}" still names what it refers to */
			eg_strbuf desc = EG_STRBUF_INIT;
			size_t j;
			eg_sb_adds(&desc, "!Join ");
			for (j = 0; j < list->nitems; j++) {
				const eg_cval *x = list->items[j];
				if (j)
					eg_sb_adds(&desc, delim->str);
				if (x->kind == EG_CV_SCALAR)
					eg_sb_adds(&desc, x->str);
				else if (x->kind == EG_CV_UNKNOWN && x->ref)
					eg_sb_addf(&desc, "${%s%s%s}", x->ref, x->ref_attr ? "." : "",
						   x->ref_attr ? x->ref_attr : "");
				else
					eg_sb_adds(&desc, "${?}");
			}
			*out = cv_unknown_from(t, arg, eg_arena_strdup(&t->arena, desc.buf), it);
			eg_sb_release(&desc);
			eg_sb_release(&sb);
			return 0;
		}
		if (it->kind != EG_CV_SCALAR) {
			eg_sb_release(&sb);
			return value_fail(t, it->src, out, "Fn::Join: list items must be strings");
		}
		if ((rc = charge_text(t, arg, sb.len + strlen(delim->str) + strlen(it->str),
				      "Fn::Join"))) {
			eg_sb_release(&sb);
			return rc;
		}
		if (i)
			eg_sb_adds(&sb, delim->str);
		eg_sb_adds(&sb, it->str);
	}
	*out = text_value(t, arg, sb.buf);
	eg_sb_release(&sb);
	return 0;
}

static int do_select(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	eg_cval *index = NULL, *list = NULL;
	char *end;
	long i;
	int rc;

	if ((rc = arity(t, arg, "Fn::Select", 2, 2)) ||
	    (rc = scalar_arg(t, arg->items[0], "Fn::Select", &index)) ||
	    (rc = list_arg(t, arg->items[1], true, &list)))
		return rc;
	if (index->kind == EG_CV_UNKNOWN || list->kind == EG_CV_UNKNOWN) {
		*out = cv_unknown_from(t, arg, "!Select", list->kind == EG_CV_UNKNOWN ? list : index);
		return 0;
	}
	i = strtol(index->str, &end, 10);
	if (end == index->str || *end || i < 0)
		return value_fail(t, arg->items[0], out,
				  "Fn::Select: index '%s' is not a non-negative integer", index->str);
	if ((size_t)i >= list->nitems)
		return value_fail(t, arg, out, "Fn::Select: index %ld is past the end of a list of %zu",
				  i, list->nitems);
	*out = list->items[i];
	return 0;
}

static int do_split(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	eg_cval *delim = NULL, *src = NULL, *seq;
	const char *p, *hit;
	size_t alloc = 0, dlen;
	int rc;

	if ((rc = arity(t, arg, "Fn::Split", 2, 2)) ||
	    (rc = scalar_arg(t, arg->items[0], "Fn::Split", &delim)) ||
	    (rc = scalar_arg(t, arg->items[1], "Fn::Split", &src)))
		return rc;
	if (delim->kind == EG_CV_UNKNOWN || src->kind == EG_CV_UNKNOWN) {
		*out = cv_unknown_from(t, arg, "!Split", src->kind == EG_CV_UNKNOWN ? src : delim);
		return 0;
	}
	if (!(dlen = strlen(delim->str)))
		return fail(t, arg->items[0], "Fn::Split: the delimiter is empty");
	seq = cv_new(t, EG_CV_SEQ, arg);
	for (p = src->str;; p = hit + dlen) {
		eg_cval *piece;
		hit = strstr(p, delim->str);
		piece = cv_scalar(t, arg, hit ? eg_arena_strndup(&t->arena, p, (size_t)(hit - p))
					      : eg_arena_strdup(&t->arena, p));
		piece->ref = src->ref;
		piece->ref_attr = src->ref_attr;
		EG_ARENA_GROW(&t->arena, seq->items, seq->nitems + 1, alloc);
		seq->items[seq->nitems++] = piece;
		if (!hit)
			break;
	}
	*out = seq;
	return 0;
}

/* A lookup keyed by something unknown (usually AWS::Partition or
 * AWS::Region) still has few possible answers: every top-level entry's
 * value for key, when all are plain scalars. */
static void map_choices(eg_cfn *t, const eg_ynode *map, const char *key, eg_cval *v)
{
	size_t i;

	if (!map || map->kind != EG_Y_MAP || !map->npairs)
		return;
	v->choices = eg_arena_alloc(&t->arena, map->npairs * sizeof(*v->choices));
	for (i = 0; i < map->npairs; i++) {
		const eg_ynode *val = map_get(map->pairs[i].value, key);
		if (!val || val->kind != EG_Y_SCALAR || val->tag) {
			v->choices = NULL;
			v->nchoices = 0;
			return;
		}
		v->choices[v->nchoices++] = val->str;
	}
}

static int do_find_in_map(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	eg_cval *k[3] = { NULL, NULL, NULL };
	const eg_ynode *node = t->mappings;
	size_t i;
	int rc;

	if ((rc = arity(t, arg, "Fn::FindInMap", 3, 4)))
		return rc;
	for (i = 0; i < 3; i++)
		if ((rc = scalar_arg(t, arg->items[i], "Fn::FindInMap", &k[i])))
			return rc;
	for (i = 0; i < 3; i++) {
		if (k[i]->kind == EG_CV_UNKNOWN) {
			*out = cv_unknown_from(t, arg, "!FindInMap with an unknown key", k[i]);
			if (i == 1 && k[0]->kind == EG_CV_SCALAR && k[2]->kind == EG_CV_SCALAR)
				map_choices(t, map_get(node, k[0]->str), k[2]->str, *out);
			return 0;
		}
	}
	for (i = 0; i < 3 && node; i++)
		node = map_get(node, k[i]->str);
	if (!node) {
		if (arg->nitems == 4) { /* AWS::LanguageExtensions DefaultValue */
			const eg_ynode *def = map_get(arg->items[3], "DefaultValue");
			if (def)
				return resolve(t, def, true, out);
		}
		return value_fail(t, arg, out, "Fn::FindInMap: Mappings has no %s.%s.%s", k[0]->str,
				  k[1]->str, k[2]->str);
	}
	return resolve(t, node, true, out);
}

static int do_if(eg_cfn *t, const eg_ynode *arg, eg_cval **out)
{
	const cond_slot *c;
	eg_cval *a = NULL, *b = NULL;
	int rc;

	if ((rc = arity(t, arg, "Fn::If", 3, 3)))
		return rc;
	if (arg->items[0]->kind != EG_Y_SCALAR || arg->items[0]->tag)
		return fail(t, arg->items[0], "Fn::If: the first item must be a condition name");
	if (!(c = find_cond(t, arg->items[0]->str)))
		return value_fail(t, arg->items[0], out, "Fn::If: no condition named %s",
				  arg->items[0]->str);
	/* The walk in eg_cfn_open checks both branches, whatever the condition. */
	if (c->value == 1 && !t->checking)
		return resolve(t, arg->items[1], true, out);
	if (c->value == 0 && !t->checking)
		return resolve(t, arg->items[2], true, out);
	/* Unknown condition: still resolve both, so errors in either surface. */
	if ((rc = resolve(t, arg->items[1], true, &a)) || (rc = resolve(t, arg->items[2], true, &b)))
		return rc;
	if (a && b && a->kind == EG_CV_SCALAR && b->kind == EG_CV_SCALAR && !strcmp(a->str, b->str)) {
		*out = a;
		return 0;
	}
	*out = cv_unknown(t, arg, eg_arena_printf(&t->arena, "!If %s (condition not known)", c->name),
			  NULL, NULL);
	return 0;
}

static char *base64(eg_cfn *t, const char *s)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s), i, o = 0;
	char *r = eg_arena_alloc(&t->arena, (n + 2) / 3 * 4 + 1);

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		r[o++] = tab[(v >> 18) & 63];
		r[o++] = tab[(v >> 12) & 63];
		r[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		r[o++] = i + 2 < n ? tab[v & 63] : '=';
	}
	r[o] = '\0';
	return r;
}

/* Argument of a one-argument function: in the tag form it is the tagged
 * node itself, read without its tag. */
static int single_arg(eg_cfn *t, const eg_ynode *arg, bool tagged, eg_cval **out)
{
	return resolve(t, arg, !tagged, out);
}

static int call(eg_cfn *t, const char *fn, const eg_ynode *arg, bool tagged, const eg_ynode *at,
		eg_cval **out)
{
	eg_cval *v = NULL;
	int rc, b;

	if (!strcmp(fn, "Ref")) {
		if (arg->kind != EG_Y_SCALAR || (!tagged && arg->tag))
			return fail(t, arg, "Ref needs the name of a parameter or resource");
		return do_ref(t, at, arg->str, out);
	}
	if (!strcmp(fn, "Fn::GetAtt"))
		return do_getatt(t, arg, out);
	if (!strcmp(fn, "Fn::Sub"))
		return do_sub(t, arg, out);
	if (!strcmp(fn, "Fn::Join"))
		return do_join(t, arg, out);
	if (!strcmp(fn, "Fn::Select"))
		return do_select(t, arg, out);
	if (!strcmp(fn, "Fn::Split"))
		return do_split(t, arg, out);
	if (!strcmp(fn, "Fn::FindInMap"))
		return do_find_in_map(t, arg, out);
	if (!strcmp(fn, "Fn::If"))
		return do_if(t, arg, out);
	if (!strcmp(fn, "Fn::Equals") || !strcmp(fn, "Fn::And") || !strcmp(fn, "Fn::Or") ||
	    !strcmp(fn, "Fn::Not") || !strcmp(fn, "Condition")) {
		if ((rc = eval_condition(t, at, &b)))
			return rc;
		*out = b < 0 ? cv_unknown(t, at, "condition not known", NULL, NULL)
			     : cv_scalar(t, at, b ? "true" : "false");
		return 0;
	}
	if (!strcmp(fn, "Fn::Base64")) {
		if ((rc = single_arg(t, arg, tagged, &v)))
			return rc;
		if (!v || (v->kind != EG_CV_SCALAR && v->kind != EG_CV_UNKNOWN))
			return fail(t, arg, "Fn::Base64 needs a string");
		*out = v->kind == EG_CV_SCALAR ? cv_scalar(t, at, base64(t, v->str))
					       : cv_unknown_from(t, at, "!Base64", v);
		return 0;
	}
	if (!strcmp(fn, "Fn::Length")) {
		if ((rc = list_arg(t, arg, !tagged, &v)))
			return rc;
		*out = v->kind == EG_CV_SEQ
			       ? cv_scalar(t, at, eg_arena_printf(&t->arena, "%zu", v->nitems))
			       : cv_unknown_from(t, at, "!Length", v);
		return 0;
	}
	/* Another stack's output, which CDK uses for cross-region references:
	 * known only when that stack is deployed. */
	if (!strcmp(fn, "Fn::GetStackOutput")) {
		const eg_ynode *name = arg && arg->kind == EG_Y_MAP ? eg_ynode_get(arg, "OutputName")
								       : NULL;
		if (!arg || (arg->kind != EG_Y_MAP && arg->kind != EG_Y_SEQ))
			return fail(t, arg ? arg : at, "Fn::GetStackOutput needs a mapping with "
					      "StackName and OutputName");
		*out = cv_unknown(t, at, eg_arena_printf(&t->arena, "!GetStackOutput %s",
							  name && name->kind == EG_Y_SCALAR
								  ? name->str : "(an output)"),
				  NULL, NULL);
		return 0;
	}
	if (!strcmp(fn, "Fn::ImportValue")) {
		if ((rc = single_arg(t, arg, tagged, &v)))
			return rc;
		*out = cv_unknown(t, at, eg_arena_printf(&t->arena, "!ImportValue %s",
							  eg_cval_str(v) ? v->str : "(computed name)"),
				  NULL, NULL);
		return 0;
	}
	/* Fn::GetAZs, Fn::Cidr, Fn::ToJsonString, Fn::Transform: their values
	 * come from the account or a macro; still check their arguments. */
	if ((rc = single_arg(t, arg, tagged, &v)))
		return rc;
	*out = cv_unknown(t, at, eg_arena_printf(&t->arena, "%s is evaluated by CloudFormation", fn),
			  NULL, NULL);
	return 0;
}

static size_t memo_hash(const eg_ynode *n, bool checking, size_t cap)
{
	size_t h = (size_t)(uintptr_t)n;

	h ^= h >> 17;
	h *= (size_t)0x9e3779b97f4a7c15ULL;
	return (h ^ (h >> 29) ^ (size_t)checking) & (cap - 1);
}

static memo_slot *memo_find(eg_cfn *t, const eg_ynode *n)
{
	size_t i;

	if (!t->memo_alloc)
		return NULL;
	for (i = memo_hash(n, t->checking, t->memo_alloc);; i = (i + 1) & (t->memo_alloc - 1)) {
		memo_slot *s = &t->memo[i];
		if (!s->node || (s->node == n && s->checking == t->checking))
			return s;
	}
}

static void memo_put(eg_cfn *t, const eg_ynode *n, eg_cval *v)
{
	memo_slot *s;
	size_t i;

	if ((t->nmemo + 1) * 2 > t->memo_alloc) {
		memo_slot *old = t->memo;
		size_t old_alloc = t->memo_alloc;
		t->memo_alloc = old_alloc ? old_alloc * 2 : 64;
		t->memo = eg_xcalloc(t->memo_alloc, sizeof(*t->memo));
		for (i = 0; i < old_alloc; i++)
			if (old[i].node) {
				bool saved = t->checking;
				t->checking = old[i].checking;
				*memo_find(t, old[i].node) = old[i];
				t->checking = saved;
			}
		eg_free(old);
	}
	s = memo_find(t, n);
	s->node = n;
	s->checking = t->checking;
	s->value = v;
	t->nmemo++;
}

static int resolve_node(eg_cfn *t, const eg_ynode *n, bool use_tag, eg_cval **out);

/* Resolves n, once for a node that YAML aliases share (an anchored node
 * resolves the same wherever it is used), and within the template's
 * budget of EG_MAX_CFN_WORK nodes. */
static int resolve(eg_cfn *t, const eg_ynode *n, bool use_tag, eg_cval **out)
{
	memo_slot *s;
	int rc;

	if (++t->work > EG_MAX_CFN_WORK) {
		char what[96];
		*out = NULL;
		snprintf(what, sizeof(what), "resolving this template takes more than %zu steps",
			 (size_t)EG_MAX_CFN_WORK);
		return limit(t, n, what);
	}
	if (!n->anchored || !use_tag)
		return resolve_node(t, n, use_tag, out);
	if ((s = memo_find(t, n)) && s->node) {
		*out = s->value;
		return 0;
	}
	if (!(rc = resolve_node(t, n, use_tag, out)))
		memo_put(t, n, *out);
	return rc;
}

static int resolve_node(eg_cfn *t, const eg_ynode *n, bool use_tag, eg_cval **out)
{
	const char *fn = use_tag ? tag_intrinsic(n->tag) : NULL;
	eg_cval *v;
	size_t i, alloc = 0;
	int rc = 0;

	*out = NULL;
	if (fn && !*fn)
		return fail(t, n, "unknown tag %s (CloudFormation short forms are !Ref, !GetAtt, !Sub, "
			    "!Join, !If, !Equals, !And, !Or, !Not, !Select, !Split, !FindInMap, "
			    "!ImportValue, !GetAZs, !Base64, !Cidr, !Condition, !GetStackOutput)", n->tag);
	if (++t->depth > MAX_RESOLVE_DEPTH) {
		rc = fail(t, n, "references nested deeper than %d (a cycle?)", MAX_RESOLVE_DEPTH);
		goto out;
	}
	if (fn) {
		rc = call(t, fn, n, true, n, out);
		goto out;
	}
	if ((fn = map_intrinsic(n))) {
		if (!known_intrinsic(fn))
			rc = fail(t, n->pairs[0].key, "unknown intrinsic function %s", fn);
		else
			rc = call(t, fn, n->pairs[0].value, false, n, out);
		goto out;
	}
	switch (n->kind) {
	case EG_Y_SCALAR:
		/* Dynamic references are fetched at deploy time. */
		if (strstr(n->str, "{{resolve:"))
			*out = cv_unknown(t, n, eg_arena_strdup(&t->arena, n->str), NULL, NULL);
		else
			*out = cv_scalar(t, n, n->str);
		break;
	case EG_Y_SEQ:
		v = cv_new(t, EG_CV_SEQ, n);
		for (i = 0; i < n->nitems && !rc; i++) {
			eg_cval *item = NULL;
			if ((rc = resolve(t, n->items[i], true, &item)) || !item)
				continue;
			EG_ARENA_GROW(&t->arena, v->items, v->nitems + 1, alloc);
			v->items[v->nitems++] = item;
		}
		*out = v;
		break;
	case EG_Y_MAP:
		v = cv_new(t, EG_CV_MAP, n);
		for (i = 0; i < n->npairs && !rc; i++) {
			eg_cval *item = NULL;
			if ((rc = resolve(t, n->pairs[i].value, true, &item)) || !item)
				continue;
			EG_ARENA_GROW(&t->arena, v->pairs, v->npairs + 1, alloc);
			v->pairs[v->npairs].key = n->pairs[i].key->str;
			v->pairs[v->npairs].key_node = n->pairs[i].key;
			v->pairs[v->npairs++].value = item;
		}
		*out = v;
		break;
	}
out:
	t->depth--;
	if (rc)
		*out = NULL;
	return rc;
}

int eg_cfn_resolve(eg_cfn *t, const eg_ynode *n, eg_cval **out, eg_error *err)
{
	t->err = err;
	return resolve(t, n, true, out);
}

/* --- conditions ------------------------------------------------------------- */

static int cond_by_name(eg_cfn *t, const eg_ynode *at, const char *name, int *out);

static bool cval_equal(const eg_cval *a, const eg_cval *b)
{
	size_t i;

	if (a->kind != b->kind)
		return false;
	if (a->kind == EG_CV_SCALAR)
		return !strcmp(a->str, b->str);
	if (a->kind == EG_CV_SEQ) {
		if (a->nitems != b->nitems)
			return false;
		for (i = 0; i < a->nitems; i++)
			if (!cval_equal(a->items[i], b->items[i]))
				return false;
		return true;
	}
	return false; /* mappings are never compared by Fn::Equals in practice */
}

static bool has_unknown(const eg_cval *v)
{
	size_t i;

	if (v->kind == EG_CV_UNKNOWN)
		return true;
	for (i = 0; i < v->nitems; i++)
		if (has_unknown(v->items[i]))
			return true;
	return false;
}

static int eval_condition(eg_cfn *t, const eg_ynode *n, int *out)
{
	const char *fn = tag_intrinsic(n->tag);
	const eg_ynode *arg = n;
	eg_cval *a = NULL, *b = NULL;
	size_t i;
	int rc, v, acc;

	if (!fn) {
		if (n->kind == EG_Y_MAP && n->npairs == 1 && !n->tag &&
		    (!strcmp(n->pairs[0].key->str, "Condition") || !strncmp(n->pairs[0].key->str, "Fn::", 4))) {
			fn = n->pairs[0].key->str;
			arg = n->pairs[0].value;
		}
	} else if (!*fn) {
		return resolve(t, n, true, &a); /* reports the unknown tag */
	}
	if (!fn)
		return fail(t, n, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
	if (!strcmp(fn, "Condition")) {
		if (arg->kind != EG_Y_SCALAR || (arg != n && arg->tag))
			return fail(t, arg, "Condition needs a condition name");
		return cond_by_name(t, arg, arg->str, out);
	}
	if (!strcmp(fn, "Fn::Equals")) {
		if ((rc = arity(t, arg, "Fn::Equals", 2, 2)) ||
		    (rc = resolve(t, arg->items[0], true, &a)) ||
		    (rc = resolve(t, arg->items[1], true, &b)))
			return rc;
		if (!a || !b)
			return fail(t, arg, "Fn::Equals: AWS::NoValue is not allowed here");
		*out = has_unknown(a) || has_unknown(b) ? -1 : cval_equal(a, b);
		return 0;
	}
	if (!strcmp(fn, "Fn::Not")) {
		if ((rc = arity(t, arg, "Fn::Not", 1, 1)) || (rc = eval_condition(t, arg->items[0], &v)))
			return rc;
		*out = v < 0 ? -1 : !v;
		return 0;
	}
	if (!strcmp(fn, "Fn::And") || !strcmp(fn, "Fn::Or")) {
		bool is_and = !strcmp(fn, "Fn::And");
		if ((rc = arity(t, arg, fn, 2, 10)))
			return rc;
		acc = is_and ? 1 : 0;
		for (i = 0; i < arg->nitems; i++) {
			if ((rc = eval_condition(t, arg->items[i], &v)))
				return rc;
			if (is_and)
				acc = (acc == 0 || v == 0) ? 0 : (acc < 0 || v < 0) ? -1 : 1;
			else
				acc = (acc == 1 || v == 1) ? 1 : (acc < 0 || v < 0) ? -1 : 0;
		}
		*out = acc;
		return 0;
	}
	return fail(t, n, "%s cannot be used as a condition", fn);
}

static int cond_by_name(eg_cfn *t, const eg_ynode *at, const char *name, int *out)
{
	cond_slot *c = find_cond(t, name);
	int rc, v;

	if (!c)
		return fail(t, at, "no condition named %s", name);
	if (c->state == COND_DONE) {
		*out = c->value;
		return 0;
	}
	if (c->state == COND_BUSY)
		return fail(t, at, "condition %s depends on itself", name);
	c->state = COND_BUSY;
	rc = eval_condition(t, c->expr, &v);
	if (rc)
		return rc;
	c->state = COND_DONE;
	c->value = v;
	*out = v;
	return 0;
}

/* --- opening ---------------------------------------------------------------- */

static eg_cval *split_list(eg_cfn *t, const eg_ynode *at, const char *s)
{
	eg_cval *seq = cv_new(t, EG_CV_SEQ, at);
	size_t alloc = 0;
	const char *p = s, *comma;

	for (;;) {
		comma = strchr(p, ',');
		EG_ARENA_GROW(&t->arena, seq->items, seq->nitems + 1, alloc);
		seq->items[seq->nitems++] = cv_scalar(t, at, comma ? eg_arena_strndup(&t->arena, p, (size_t)(comma - p))
								   : eg_arena_strdup(&t->arena, p));
		if (!comma)
			return seq;
		p = comma + 1;
		while (*p == ' ')
			p++;
	}
}

static int open_param(eg_cfn *t, const eg_ynode *key, const eg_ynode *decl)
{
	const eg_ynode *type = map_get(decl, "Type"), *def = map_get(decl, "Default");
	const eg_ynode *allowed = map_get(decl, "AllowedValues");
	param_slot *p = &t->params[t->nparams++];
	const char *value = NULL, *tp = type && type->kind == EG_Y_SCALAR ? type->str : "String";
	const eg_ynode *at = key;
	const char *from = "its Default";
	size_t i;

	p->name = key->str;
	p->decl = decl;
	for (i = 0; i < t->opt.nparams; i++)
		if (!strcmp(t->opt.params[i].name, key->str)) {
			value = t->opt.params[i].value;
			from = t->opt.params[i].strict ? "--param" : "the parameters file";
			t->opt.params[i].used = true;
		}
	if (!value && def && def->kind == EG_Y_SCALAR) {
		value = def->str;
		at = def;
	}
	if (!value) {
		p->value = cv_unknown(t, key, eg_arena_printf(&t->arena, "parameter %s has no Default "
							       "(pass --param %s=VALUE)", key->str, key->str),
				      NULL, NULL);
		return 0;
	}
	if (allowed && allowed->kind == EG_Y_SEQ && strncmp(tp, "List<", 5) && strcmp(tp, "CommaDelimitedList")) {
		for (i = 0; i < allowed->nitems; i++)
			if (allowed->items[i]->kind == EG_Y_SCALAR && !strcmp(allowed->items[i]->str, value))
				break;
		if (i == allowed->nitems) {
			eg_strbuf sb = EG_STRBUF_INIT;
			int rc;
			for (i = 0; i < allowed->nitems; i++)
				eg_sb_addf(&sb, "%s%s", i ? ", " : "",
					   allowed->items[i]->kind == EG_Y_SCALAR ? allowed->items[i]->str : "?");
			/* Point at what to fix: the Default, or the list a given value missed. */
			rc = fail(t, at == def ? def : allowed,
				  "parameter %s: value '%s' (from %s) is not one of its "
				  "AllowedValues [%s]", key->str, value, from, sb.buf);
			eg_sb_release(&sb);
			return rc;
		}
	}
	if (!strncmp(tp, "AWS::SSM::Parameter::Value<", 27))
		p->value = cv_unknown(t, at, eg_arena_printf(&t->arena, "SSM parameter %s", value), NULL, NULL);
	else if (!strncmp(tp, "List<", 5) || !strcmp(tp, "CommaDelimitedList"))
		p->value = split_list(t, at, value);
	else
		p->value = cv_scalar(t, at, value);
	return 0;
}

/* Walks the whole template for unknown tags and misshapen intrinsics.  An
 * intrinsic is resolved in checking mode, which visits all its arguments
 * (both branches of Fn::If), so the walk does not descend into it again. */
static int check_tree(eg_cfn *t, const eg_ynode *n)
{
	eg_cval *v = NULL;
	size_t i;
	int rc = 0, saved;

	if (tag_intrinsic(n->tag) || map_intrinsic(n)) {
		saved = t->depth;
		t->checking = true;
		rc = resolve(t, n, true, &v);
		t->checking = false;
		t->depth = saved;
		return rc;
	}
	for (i = 0; i < n->nitems && !rc; i++)
		rc = check_tree(t, n->items[i]);
	for (i = 0; i < n->npairs && !rc; i++)
		rc = check_tree(t, n->pairs[i].value);
	return rc;
}

int eg_cfn_open(eg_cfn **out, const eg_ydoc *doc, eg_cfn_options *o, eg_error *err)
{
	const eg_ynode *root = doc->root, *params, *conds, *transform;
	eg_cfn *t;
	size_t i;
	int rc = 0, v;

	*out = NULL;
	t = eg_xcalloc(1, sizeof(*t));
	t->err = err;
	eg_arena_init(&t->arena);
	t->doc = doc;
	t->file = doc->file;
	if (o)
		t->opt = *o;
	t->resources = map_get(root, "Resources");
	t->mappings = map_get(root, "Mappings");
	transform = map_get(root, "Transform");
	t->transform = transform != NULL;
	if (t->resources && t->resources->kind != EG_Y_MAP) {
		rc = fail(t, t->resources, "Resources must be a mapping");
		goto out;
	}
	params = map_get(root, "Parameters");
	if (params && params->kind == EG_Y_MAP) {
		t->params = eg_arena_alloc(&t->arena, params->npairs * sizeof(*t->params));
		for (i = 0; i < params->npairs && !rc; i++)
			rc = open_param(t, params->pairs[i].key, params->pairs[i].value);
		if (rc)
			goto out;
	}
	conds = map_get(root, "Conditions");
	if (conds && conds->kind == EG_Y_MAP) {
		t->conds = eg_arena_alloc(&t->arena, conds->npairs * sizeof(*t->conds));
		for (i = 0; i < conds->npairs; i++) {
			t->conds[t->nconds].name = conds->pairs[i].key->str;
			t->conds[t->nconds++].expr = conds->pairs[i].value;
		}
		for (i = 0; i < t->nconds && !rc; i++)
			rc = cond_by_name(t, conds->pairs[i].key, t->conds[i].name, &v);
		if (rc)
			goto out;
	}
	if (t->resources) {
		for (i = 0; i < t->resources->npairs && !rc; i++) {
			const eg_ynode *res = t->resources->pairs[i].value;
			const eg_ynode *cond = map_get(res, "Condition");
			if (res->kind != EG_Y_MAP)
				rc = fail(t, res, "resource %s must be a mapping", t->resources->pairs[i].key->str);
			else if (cond && (cond->kind != EG_Y_SCALAR || !find_cond(t, cond->str)))
				rc = fail(t, cond, "resource %s: no condition named %s",
					  t->resources->pairs[i].key->str,
					  cond->kind == EG_Y_SCALAR ? cond->str : "(not a name)");
			else
				rc = check_tree(t, res);
		}
	}
	for (i = 0; !rc && root && root->kind == EG_Y_MAP && i < root->npairs; i++)
		if (!strcmp(root->pairs[i].key->str, "Outputs"))
			rc = check_tree(t, root->pairs[i].value);
out:
	if (rc) {
		eg_cfn_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void eg_cfn_free(eg_cfn *t)
{
	if (!t)
		return;
	eg_arena_release(&t->arena);
	eg_free(t->memo);
	eg_free(t);
}

/* --- parameter files ----------------------------------------------------------- */

static void push_param(eg_arena *a, eg_cfn_param **params, size_t *n, size_t *alloc,
		       const char *name, size_t name_len, const char *value, bool strict)
{
	EG_ALLOC_GROW(*params, *n + 1, *alloc);
	(*params)[*n].name = eg_arena_strndup(a, name, name_len);
	(*params)[*n].value = eg_arena_strdup(a, value);
	(*params)[*n].strict = strict;
	(*params)[(*n)++].used = false;
}

int eg_cfn_param_arg(const char *arg, eg_arena *a, eg_cfn_param **params, size_t *n,
		     size_t *alloc, eg_error *err)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg)
		return eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
				    "--param needs NAME=VALUE, not '%s'", arg);
	push_param(a, params, n, alloc, arg, (size_t)(eq - arg), eq + 1, true);
	return 0;
}

int eg_cfn_params_file(const char *path, eg_arena *a, eg_cfn_param **params, size_t *n,
		       size_t *alloc, eg_error *err)
{
	eg_source *src = NULL;
	eg_ydoc *doc = NULL;
	const eg_ynode *root, *map;
	size_t i;
	int rc;

	if ((rc = eg_source_load(&src, path, 16 * 1024 * 1024, err)) ||
	    (rc = eg_ydoc_parse_json(&doc, src->data, src->len, path, NULL, err)))
		goto out;
	root = doc->root;
	map = root->kind == EG_Y_MAP ? eg_ynode_get(root, "Parameters") : NULL;
	if (map && map->kind == EG_Y_MAP) {
		for (i = 0; i < map->npairs; i++) {
			const eg_ynode *v = map->pairs[i].value;
			if (v->kind != EG_Y_SCALAR) {
				rc = eg_error_set(err, EG_ERR_INPUT, path, v->line, v->col,
						  "parameter %s: value must be a string", map->pairs[i].key->str);
				goto out;
			}
			push_param(a, params, n, alloc, map->pairs[i].key->str, map->pairs[i].key->len,
				   v->str, false);
		}
		goto out;
	}
	if (root->kind != EG_Y_SEQ) {
		rc = eg_error_set(err, EG_ERR_INPUT, path, root->line, root->col,
				  "not a parameters file: expected [{\"ParameterKey\": ..., "
				  "\"ParameterValue\": ...}], {\"Parameters\": {...}} or [\"Name=Value\"]");
		goto out;
	}
	for (i = 0; i < root->nitems; i++) {
		const eg_ynode *it = root->items[i], *k, *v;
		const char *eq;

		if (it->kind == EG_Y_SCALAR && (eq = strchr(it->str, '=')) && eq != it->str) {
			push_param(a, params, n, alloc, it->str, (size_t)(eq - it->str), eq + 1, false);
			continue;
		}
		k = it->kind == EG_Y_MAP ? eg_ynode_get(it, "ParameterKey") : NULL;
		v = it->kind == EG_Y_MAP ? eg_ynode_get(it, "ParameterValue") : NULL;
		if (k && k->kind == EG_Y_SCALAR && it->kind == EG_Y_MAP &&
		    eg_ynode_get(it, "UsePreviousValue") && !v)
			continue; /* the deployed value: unknown here, so the Default stands */
		if (!k || k->kind != EG_Y_SCALAR || !v || v->kind != EG_Y_SCALAR) {
			rc = eg_error_set(err, EG_ERR_INPUT, path, it->line, it->col,
					  "expected {\"ParameterKey\": NAME, \"ParameterValue\": VALUE} "
					  "or \"NAME=VALUE\"");
			goto out;
		}
		push_param(a, params, n, alloc, k->str, k->len, v->str, false);
	}
out:
	eg_ydoc_free(doc);
	eg_source_free(src);
	return rc;
}

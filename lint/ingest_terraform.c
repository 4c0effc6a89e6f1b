/* ingest_terraform.c - `terraform show -json` plans and state into the model.
 *
 * The file stays one buffer: jsonpos walks it, peeks at each resource's
 * "type" without building a tree, and only resources that matter
 * (distributions, Route 53 records, buckets and load balancers that origins
 * refer to) are parsed, one at a time, into a tree over the text
 * (jsontree.h) that is dropped with the resource.  Of the configuration
 * section only the blocks those resources' references lead to are parsed,
 * and kept for the whole file.  No tree leaves this file: the model gets
 * plain copies.
 */
#include "dialect.h"

#include "jsonpos.h"
#include "jsontree.h"
#include "map.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A resource of interest other than a distribution or record: what an
 * origin's domain may refer to. */
typedef struct aux_resource {
	char *address;
	char *name;    /* bucket / load balancer name */
	eg_tag *tags;  /* in the model's arena */
	size_t ntags;
} aux_resource;

/* An origin whose kind or environment may come from a reference. */
typedef struct pending_origin {
	eg_origin *origin;
	char *ref_address; /* runtime address of the referenced resource */
	char *ref_attr;    /* attribute referenced, e.g. bucket_regional_domain_name */
} pending_origin;

typedef struct tf_ctx {
	eg_model *m;
	const eg_source *src;
	eg_error *err;
	/* The configuration section, read only where a kept resource's
	 * references lead: each module found, and its resource blocks indexed
	 * by address, on first use; each block parsed on first use
	 * (config_arena). */
	eg_json_span config;
	bool has_config;
	int config_error; /* set when a part read on the way does not parse */
	struct conf_module *modules;
	size_t nmodules, modules_alloc;
	eg_arena config_arena;
	aux_resource *aux;
	size_t naux, aux_alloc;
	pending_origin *pending;
	size_t npending, pending_alloc;
	/* The resource being read: where it starts and its pointer, so its
	 * locations resolve within it (model.h, eg_loc). */
	size_t base;
	const char *base_ptr;
	size_t base_plen;
	/* The resource being read, as a tree (jsontree.h), and what is
	 * decoded from it only for the reading: released after each. */
	eg_arena scratch;
} tf_ctx;

/* The walkers over the source text, told its index of container ends
 * (source.h), so big plans are stepped over, not scanned again. */
static bool tf_iter(const tf_ctx *t, eg_json_iter *it, eg_json_span span)
{
	return eg_jsonpos_iter_init(it, t->src->data, span, t->src->json_index);
}

static bool tf_find_at(const tf_ctx *t, size_t start, const char *pointer, eg_json_span *out)
{
	return eg_jsonpos_find_at(t->src->data, t->src->len, t->src->json_index, start, pointer,
				  out);
}

/* A value with its after_unknown mirror and its JSON pointer. */
typedef struct tfv {
	const eg_json_node *v; /* NULL when absent or null */
	const eg_json_node *u; /* mirror in after_unknown, or NULL */
	bool unknown;     /* known only after apply */
	const char *ptr;  /* arena string */
} tfv;

/* parent "/" key in the model's arena: called for every field looked up,
 * set or not, so no printf. */
static const char *ptr_join(tf_ctx *t, const char *parent, const char *key, size_t klen)
{
	size_t plen = parent ? strlen(parent) : 0;
	char *p = eg_arena_chars(&t->m->arena, plen + klen + 2);

	if (plen)
		memcpy(p, parent, plen);
	p[plen] = '/';
	memcpy(p + plen + 1, key, klen);
	return p; /* zeroed: NUL-terminated */
}

static tfv tfv_get(tf_ctx *t, tfv parent, const char *key)
{
	tfv r;

	memset(&r, 0, sizeof(r));
	r.ptr = ptr_join(t, parent.ptr, key, strlen(key));
	if (parent.unknown) {
		r.unknown = true;
		return r;
	}
	r.v = eg_jsontree_get(parent.v, key);
	if (eg_jsontree_is(r.v, EG_JSON_NULL))
		r.v = NULL;
	r.u = eg_jsontree_get(parent.u, key);
	r.unknown = eg_jsontree_is(r.u, EG_JSON_TRUE);
	if (r.unknown)
		r.v = NULL;
	return r;
}

static tfv tfv_at(tf_ctx *t, tfv parent, size_t i)
{
	tfv r;

	char digits[24];
	size_t nd = eg_fmt_size(digits, i);

	memset(&r, 0, sizeof(r));
	r.ptr = ptr_join(t, parent.ptr, digits, nd);
	if (parent.unknown) {
		r.unknown = true;
		return r;
	}
	r.v = eg_jsontree_at(parent.v, i);
	if (eg_jsontree_is(r.v, EG_JSON_NULL))
		r.v = NULL;
	r.u = eg_jsontree_at(parent.u, i);
	r.unknown = eg_jsontree_is(r.u, EG_JSON_TRUE);
	if (r.unknown)
		r.v = NULL;
	return r;
}

/* Items of a list; 0 for anything else. */
static size_t items(const eg_json_node *v)
{
	return eg_jsontree_is(v, EG_JSON_ARRAY) ? v->n : 0;
}

static size_t tfv_len(tfv v)
{
	return items(v.v);
}

/* Strings: unknown -> EG_UNKNOWN; null or "" -> NULL (both mean unset). */
static const char *tfv_str(tf_ctx *t, tfv v)
{
	if (v.unknown)
		return EG_UNKNOWN;
	if (!v.v)
		return NULL;
	switch (v.v->type) {
	case EG_JSON_STRING:
		return v.v->len ? eg_jsontree_string(&t->m->arena, v.v) : NULL;
	case EG_JSON_INTEGER:
		return eg_arena_printf(&t->m->arena, "%lld", v.v->num.i);
	case EG_JSON_REAL:
		return eg_arena_printf(&t->m->arena, "%g", v.v->num.r);
	case EG_JSON_TRUE:
		return "true";
	case EG_JSON_FALSE:
		return "false";
	default:
		return NULL;
	}
}

static eg_tri tfv_tri(tfv v)
{
	if (v.unknown)
		return EG_TRI_UNKNOWN;
	if (eg_jsontree_is(v.v, EG_JSON_TRUE))
		return EG_TRI_TRUE;
	if (eg_jsontree_is(v.v, EG_JSON_FALSE))
		return EG_TRI_FALSE;
	return EG_TRI_UNKNOWN;
}

static void tfv_strlist(tf_ctx *t, tfv v, eg_strlist *out)
{
	size_t i;

	if (v.unknown) {
		out->unknown = true;
		return;
	}
	for (i = 0; i < tfv_len(v); i++)
		eg_strlist_push(t->m, out, tfv_str(t, tfv_at(t, v, i)));
}

static eg_loc loc_at(tf_ctx *t, const char *ptr)
{
	eg_loc l;

	memset(&l, 0, sizeof(l));
	l.src = t->src;
	l.pointer = ptr;
	if (t->base_ptr && !strncmp(ptr, t->base_ptr, t->base_plen) &&
	    (ptr[t->base_plen] == '/' || !ptr[t->base_plen])) {
		l.base = t->base;
		l.base_plen = t->base_plen;
	}
	return l;
}

static void set_base(tf_ctx *t, size_t start, const char *ptr)
{
	t->base = start;
	t->base_ptr = ptr;
	t->base_plen = ptr ? strlen(ptr) : 0;
}

/* --- addresses -------------------------------------------------------------- */

/* Length of the module prefix of a runtime address, including the final
 * dot: `module.a["x"].module.b.` in `module.a["x"].module.b.aws_x.y[0]`. */
static size_t module_prefix_len(const char *addr)
{
	const char *p = addr;
	size_t len = 0;

	while (!strncmp(p, "module.", 7)) {
		const char *q = p + 7;
		bool quoted = false;
		for (; *q && (quoted || *q != '.'); q++) {
			if (*q == '"' && q[-1] != '\\')
				quoted = !quoted;
		}
		if (*q != '.')
			break;
		p = q + 1;
		len = (size_t)(p - addr);
	}
	return len;
}

/* Address without instance keys: configuration addresses have none. */
static char *static_address(const char *addr)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *p;
	int depth = 0;
	bool quoted = false;

	for (p = addr; *p; p++) {
		if (depth) {
			if (*p == '"' && p[-1] != '\\')
				quoted = !quoted;
			else if (!quoted && *p == ']')
				depth--;
			continue;
		}
		if (*p == '[') {
			depth++;
			continue;
		}
		eg_sb_addc(&sb, *p);
	}
	return eg_sb_detach(&sb);
}

static int check_unique_keys(tf_ctx *t, eg_json_span obj, const char *what);
static const eg_json_node *load_tree_in(tf_ctx *t, eg_arena *arena, eg_json_span s,
					const char *what);

/* A configuration module's resource blocks, by address. */
typedef struct conf_resource {
	char *address;
	eg_json_span span;
	const eg_json_node *tree; /* parsed on first use, in config_arena */
} conf_resource;

/* A module of the configuration, found once per static module prefix. */
typedef struct conf_module {
	char *prefix;      /* "module.a.module.b.", "" for the root */
	bool found;        /* the configuration has it */
	eg_json_span span; /* the module object */
	conf_resource *res; /* its resource blocks, sorted by address */
	size_t n;
} conf_module;

/* By address, then place: of two blocks with one address the first
 * wins, as in a scan. */
static int cmp_conf_resource(const void *pa, const void *pb)
{
	const conf_resource *a = pa, *b = pb;
	int c = strcmp(a->address, b->address);

	return c ? c : a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

/* check_unique_keys for the configuration, read in the middle of reading
 * a resource: the error is kept for the walk to stop at. */
static int config_checked(tf_ctx *t, eg_json_span obj, const char *what)
{
	int rc = check_unique_keys(t, obj, what);

	if (rc && !t->config_error)
		t->config_error = rc;
	return rc;
}

/* The tree of a piece of the configuration, kept for the whole file; NULL,
 * with the error kept as above, when it does not parse. */
static const eg_json_node *config_tree(tf_ctx *t, eg_json_span s)
{
	const eg_json_node *tree = load_tree_in(t, &t->config_arena, s, "configuration");

	if (!tree && !t->config_error)
		t->config_error = t->err->code;
	return tree;
}

/* ptr "/" key with RFC 6901's escapes. */
static void ptr_add(eg_strbuf *ptr, const char *key, size_t len)
{
	size_t i;

	eg_sb_addc(ptr, '/');
	for (i = 0; i < len; i++) {
		if (key[i] == '~' || key[i] == '/')
			eg_sb_adds(ptr, key[i] == '~' ? "~0" : "~1");
		else
			eg_sb_addc(ptr, key[i]);
	}
}

/* Where the module for a static module prefix is, the objects on the way
 * naming each key once (which of two module calls was meant is not
 * known), and its resource blocks by address. */
static void find_module(tf_ctx *t, conf_module *cm)
{
	const char *p = cm->prefix;
	eg_strbuf ptr = EG_STRBUF_INIT;
	eg_json_span *mod = &cm->span, list, e, a;
	eg_json_iter it;
	size_t alloc = 0;
	bool ok = t->has_config && !config_checked(t, t->config, "configuration") &&
		  tf_find_at(t, t->config.start, "/root_module", mod);

	while (ok && !strncmp(p, "module.", 7)) {
		const char *dot = strchr(p + 7, '.');
		eg_json_span calls;
		if (!dot || config_checked(t, *mod, "a configuration module") ||
		    !tf_find_at(t, mod->start, "/module_calls", &calls) ||
		    config_checked(t, calls, "module_calls")) {
			ok = false;
			break;
		}
		eg_sb_reset(&ptr);
		ptr_add(&ptr, p + 7, (size_t)(dot - p - 7));
		eg_sb_adds(&ptr, "/module");
		ok = tf_find_at(t, calls.start, ptr.buf, mod);
		p = dot + 1;
	}
	eg_sb_release(&ptr);
	cm->found = ok && !config_checked(t, *mod, "a configuration module");
	if (!cm->found || !tf_find_at(t, mod->start, "/resources", &list) ||
	    !tf_iter(t, &it, list) || it.is_object)
		return;
	while (eg_jsonpos_iter_next(&it, NULL, &e)) {
		char *address;
		if (!tf_find_at(t, e.start, "/address", &a) ||
		    !(address = eg_jsonpos_string_dup(t->src->data, a)))
			continue;
		EG_ALLOC_GROW(cm->res, cm->n + 1, alloc);
		cm->res[cm->n].address = address;
		cm->res[cm->n].span = e;
		cm->res[cm->n++].tree = NULL;
	}
	qsort(cm->res, cm->n, sizeof(*cm->res), cmp_conf_resource);
}

/* The module for a static module prefix, NULL when the configuration has
 * none; looked for once per prefix. */
static conf_module *config_module(tf_ctx *t, const char *prefix, size_t len)
{
	conf_module *cm;
	size_t i;

	for (i = 0; i < t->nmodules; i++)
		if (strlen(t->modules[i].prefix) == len && !memcmp(t->modules[i].prefix, prefix, len))
			return t->modules[i].found ? &t->modules[i] : NULL;
	EG_ALLOC_GROW(t->modules, t->nmodules + 1, t->modules_alloc);
	cm = &t->modules[t->nmodules++];
	memset(cm, 0, sizeof(*cm));
	cm->prefix = eg_xstrndup(prefix, len);
	find_module(t, cm);
	return cm->found ? cm : NULL;
}

/* The configuration resource for a runtime address, or NULL (also when
 * it does not parse: the error is kept). */
static const eg_json_node *config_resource(tf_ctx *t, const char *addr)
{
	char *stat = static_address(addr);
	size_t plen = module_prefix_len(stat), lo = 0, hi = 0;
	conf_module *cm = config_module(t, stat, plen);
	conf_resource *r = NULL;

	if (cm)
		hi = cm->n;
	while (lo < hi) { /* the first not below the address */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(cm->res[mid].address, stat + plen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (cm && lo < cm->n && !strcmp(cm->res[lo].address, stat + plen))
		r = &cm->res[lo];
	eg_free(stat);
	if (r && !r->tree)
		r->tree = config_tree(t, r->span);
	return r ? r->tree : NULL;
}

/* Follows the first reference of an expression to a resource.  refs are
 * relative to the module at runtime prefix `prefix`.  On success returns
 * the runtime address of the resource (eg_xmalloc'd) and its attribute. */
static char *follow_ref(tf_ctx *t, const char *prefix, const eg_json_node *expr, char **attr,
			int depth)
{
	const eg_json_node *refs = eg_jsontree_get(expr, "references");
	const char *ref;
	char *result = NULL;

	if (!items(refs) || depth > 16)
		return NULL;
	ref = eg_jsontree_string(&t->scratch, eg_jsontree_at(refs, 0));
	if (!ref)
		return NULL;
	if (!strncmp(ref, "var.", 4) || !strncmp(ref, "local.", 6) ||
	    !strncmp(ref, "each.", 5) || !strncmp(ref, "count.", 6) ||
	    !strncmp(ref, "path.", 5) || !strncmp(ref, "terraform.", 10))
		return NULL;
	if (!strncmp(ref, "module.", 7)) {
		/* module.NAME[key].OUTPUT: follow the output inside the module. */
		const char *name = ref + 7, *end = name, *output;
		eg_strbuf inner = EG_STRBUF_INIT;
		char *stat_inner;
		eg_json_span expr_span;
		const eg_json_node *out;
		conf_module *cm;
		bool quoted = false;

		for (; *end && (quoted || *end != '.'); end++)
			if (*end == '"')
				quoted = !quoted;
		if (*end != '.')
			return NULL;
		output = end + 1;
		eg_sb_addf(&inner, "%smodule.%.*s.", prefix, (int)(end - name), name);
		stat_inner = static_address(inner.buf);
		if ((cm = config_module(t, stat_inner, strlen(stat_inner)))) {
			eg_strbuf ptr = EG_STRBUF_INIT;
			eg_sb_adds(&ptr, "/outputs");
			ptr_add(&ptr, output, strcspn(output, ".["));
			eg_sb_adds(&ptr, "/expression");
			if (tf_find_at(t, cm->span.start, ptr.buf, &expr_span) &&
			    (out = config_tree(t, expr_span)))
				result = follow_ref(t, inner.buf, out, attr, depth + 1);
			eg_sb_release(&ptr);
		}
		eg_free(stat_inner);
		eg_sb_release(&inner);
		return result;
	}
	{
		/* TYPE.NAME[idx].attr or data.TYPE.NAME.attr: the resource ends
		 * at the second (data: third) dot outside quotes. */
		const char *p = ref;
		int dots = !strncmp(ref, "data.", 5) ? 2 : 1;
		bool quoted = false;
		eg_strbuf sb = EG_STRBUF_INIT;

		for (; *p; p++) {
			if (*p == '"')
				quoted = !quoted;
			if (!quoted && *p == '.' && dots-- == 0)
				break;
		}
		if (dots > 0)
			return NULL; /* no NAME part */
		eg_sb_addf(&sb, "%s%.*s", prefix, (int)(p - ref), ref);
		if (attr)
			*attr = *p == '.' ? eg_xstrndup(p + 1, strcspn(p + 1, ".[")) : NULL;
		return eg_sb_detach(&sb);
	}
}

/* --- distributions ---------------------------------------------------------- */

static const char *action_name(tf_ctx *t, const eg_json_node *actions)
{
	const char *a0 = eg_jsontree_string(&t->scratch, eg_jsontree_at(actions, 0));

	if (!a0)
		return NULL;
	if (items(actions) == 2)
		return "replace";
	return a0;
}

/* Kind implied by the attribute an origin's domain refers to. */
static eg_origin_kind kind_from_ref(const char *addr, const char *attr)
{
	const char *type = addr + module_prefix_len(addr);

	if (!strncmp(type, "data.", 5))
		type += 5;
	if (!attr)
		return EG_ORIGIN_UNKNOWN;
	if (!strcmp(attr, "website_endpoint") || !strcmp(attr, "website_domain"))
		return EG_ORIGIN_S3_WEBSITE;
	if (!strncmp(type, "aws_s3_bucket.", 14) &&
	    (!strcmp(attr, "bucket_regional_domain_name") || !strcmp(attr, "bucket_domain_name")))
		return EG_ORIGIN_S3;
	if ((!strncmp(type, "aws_lb.", 7) || !strncmp(type, "aws_alb.", 8) ||
	     !strncmp(type, "aws_elb.", 8)) && !strcmp(attr, "dns_name"))
		return EG_ORIGIN_LB;
	if (!strncmp(type, "aws_lambda_function_url.", 24))
		return EG_ORIGIN_LAMBDA_URL;
	if (!strncmp(type, "aws_api_gateway_", 16) || !strncmp(type, "aws_apigatewayv2_", 17))
		return EG_ORIGIN_APIGW;
	if (!strncmp(type, "aws_cloudfront_distribution.", 28) && !strcmp(attr, "domain_name"))
		return EG_ORIGIN_CLOUDFRONT;
	return EG_ORIGIN_UNKNOWN;
}

/* The expression of a configuration resource's argument or block. */
static const eg_json_node *expr_of(const eg_json_node *cres, const char *key)
{
	return eg_jsontree_get(eg_jsontree_get(cres, "expressions"), key);
}

/* The configuration expression of the origin with this id (origin is a set,
 * so order in the plan need not follow the configuration). */
static const eg_json_node *config_origin(const eg_json_node *cres, const char *origin_id,
					 size_t index, size_t count, const char *key)
{
	const eg_json_node *origins = expr_of(cres, "origin");
	size_t i;

	for (i = 0; i < items(origins); i++) {
		const eg_json_node *o = eg_jsontree_at(origins, i);
		const eg_json_node *id = eg_jsontree_get(eg_jsontree_get(o, "origin_id"),
							 "constant_value");
		if (origin_id && !eg_is_unknown(origin_id) && eg_jsontree_string_is(id, origin_id))
			return eg_jsontree_get(o, key);
	}
	if (items(origins) == count && count == 1)
		return eg_jsontree_get(eg_jsontree_at(origins, index), key);
	return NULL;
}

/* The configuration expression at a path of blocks below the resource's
 * expressions: ("viewer_certificate", 0, "acm_certificate_arn"). */
static const eg_json_node *config_expr(const eg_json_node *cres, const char *block,
				       size_t index, const char *key)
{
	const eg_json_node *blocks = expr_of(cres, block);

	return eg_jsontree_get(eg_jsontree_at(blocks, index), key);
}

/* The address a configuration expression refers to, in the model's arena;
 * NULL when it names no resource. */
static const char *ref_address(tf_ctx *t, const char *prefix, const eg_json_node *expr)
{
	char *attr = NULL, *ref = expr ? follow_ref(t, prefix, expr, &attr, 0) : NULL;
	const char *out = ref ? eg_arena_strdup(&t->m->arena, ref) : NULL;

	eg_free(ref);
	eg_free(attr);
	return out;
}

/* Where the distribution's certificate, OACs, policies and functions are
 * resources of the same root: what its configuration refers to. */
static void read_refs(tf_ctx *t, eg_distribution *d, const eg_json_node *cres, const char *prefix)
{
	size_t i, j, ordered = 0;

	if (!cres)
		return;
	d->certificate_ref = ref_address(t, prefix, config_expr(cres, "viewer_certificate", 0,
								"acm_certificate_arn"));
	d->cd_policy_ref = ref_address(t, prefix, expr_of(cres, "continuous_deployment_policy_id"));
	for (i = 0; i < d->norigins; i++)
		d->origins[i]->oac_ref = ref_address(
			t, prefix, config_origin(cres, d->origins[i]->id, i, d->norigins,
						 "origin_access_control_id"));
	for (i = 0; i < d->nbehaviors; i++) {
		eg_behavior *b = d->behaviors[i];
		const char *block = b->is_default ? "default_cache_behavior" : "ordered_cache_behavior";
		size_t at = b->is_default ? 0 : ordered++, nf = 0, nl = 0;
		const eg_json_node *bexpr = eg_jsontree_at(expr_of(cres, block), at);
		b->cache_policy_ref = ref_address(t, prefix, config_expr(cres, block, at,
									 "cache_policy_id"));
		b->origin_request_policy_ref = ref_address(
			t, prefix, config_expr(cres, block, at, "origin_request_policy_id"));
		for (j = 0; j < b->nfunctions; j++) {
			eg_function_assoc *f = b->functions[j];
			const eg_json_node *fx = eg_jsontree_at(
				eg_jsontree_get(bexpr, f->lambda ? "lambda_function_association"
								 : "function_association"),
				f->lambda ? nl++ : nf++);
			f->ref = ref_address(t, prefix,
					     eg_jsontree_get(fx, f->lambda ? "lambda_arn" : "function_arn"));
		}
	}
}

/* An origin whose domain the configuration writes as a reference waits
 * for the resource it names (resolve_pending). */
static void origin_ref(tf_ctx *t, eg_origin *org, const eg_json_node *cres, size_t index,
		       size_t count, const char *prefix)
{
	const eg_json_node *expr = config_origin(cres, org->id, index, count, "domain_name");
	char *attr = NULL, *ref;
	pending_origin *p;

	if (!expr)
		return;
	ref = follow_ref(t, prefix, expr, &attr, 0);
	if (!ref) {
		eg_free(attr);
		return;
	}
	EG_ALLOC_GROW(t->pending, t->npending + 1, t->pending_alloc);
	p = &t->pending[t->npending++];
	p->origin = org;
	p->ref_address = ref;
	p->ref_attr = attr;
}

static void read_tags(tf_ctx *t, eg_distribution *d, tfv values)
{
	const char *names[2] = { "tags", "tags_all" };
	int i;

	for (i = 0; i < 2; i++) {
		tfv tags = tfv_get(t, values, names[i]);
		size_t k;

		if (tags.unknown) {
			if (i == 0)
				d->tags_unknown = true;
			continue;
		}
		if (i == 0)
			d->tags_unknown = false;
		for (k = 0; eg_jsontree_is(tags.v, EG_JSON_OBJECT) && k < tags.v->n; k++) {
			const char *key = eg_jsontree_key(&t->scratch, &tags.v->kids[k]);
			tfv one = tfv_get(t, tags, key);
			if (!eg_distribution_tag(d, key))
				eg_model_add_tag(t->m, d, key, tfv_str(t, one));
		}
	}
}

/* What a plan says the aliases were: a create starts from none. */
static void read_before(tf_ctx *t, eg_distribution *d, const char *action, const tfv *before)
{
	if (!before)
		return;
	if (!strcmp(action, "create")) {
		d->has_before = true;
	} else if (eg_jsontree_is(before->v, EG_JSON_OBJECT)) {
		tfv_strlist(t, tfv_get(t, *before, "aliases"), &d->aliases_before);
		d->has_before = true;
	}
	eg_model_diff_aliases(t->m, d);
}

/* Terraform's spelling of a distribution: the aws provider's arguments;
 * a nested block is a list of one. */
static const eg_map_path tf_paths[] = {
	{ "dist.comment", "comment" },
	{ "dist.enabled", "enabled" },
	{ "dist.staging", "staging" },
	{ "dist.continuous_deployment_policy_id", "continuous_deployment_policy_id" },
	{ "dist.http_version", "http_version" },
	{ "dist.ipv6", "is_ipv6_enabled" },
	{ "dist.price_class", "price_class" },
	{ "dist.default_root_object", "default_root_object" },
	{ "dist.web_acl_id", "web_acl_id" },
	{ "dist.aliases", "aliases" },
	{ "dist.logging", "?logging_config" },
	{ "dist.logging_bucket", "logging_config.0.bucket" },
	{ "dist.logging_prefix", "logging_config.0.prefix" },
	{ "dist.logging_cookies", "logging_config.0.include_cookies" },
	{ "dist.geo_restriction", "restrictions.0.geo_restriction.0.restriction_type" },
	{ "dist.geo_locations", "restrictions.0.geo_restriction.0.locations" },
	{ "dist.viewer_certificate", "viewer_certificate.0" },
	{ "dist.acm_certificate_arn", "viewer_certificate.0.acm_certificate_arn" },
	{ "dist.iam_certificate_id", "viewer_certificate.0.iam_certificate_id" },
	{ "dist.default_certificate", "viewer_certificate.0.cloudfront_default_certificate" },
	{ "dist.minimum_protocol_version", "viewer_certificate.0.minimum_protocol_version" },
	{ "dist.ssl_support_method", "viewer_certificate.0.ssl_support_method" },
	{ "dist.origins", "origin" },
	{ "dist.origin_groups", "origin_group" },
	{ "dist.behaviors", "ordered_cache_behavior" },
	{ "dist.default_behavior", "default_cache_behavior.0" },
	{ "dist.error_responses", "custom_error_response" },
	{ "origin.id", "origin_id" },
	{ "origin.domain", "domain_name" },
	{ "origin.path", "origin_path" },
	{ "origin.s3_config", "?s3_origin_config" },
	{ "origin.oai", "s3_origin_config.0.origin_access_identity" },
	{ "origin.oac_id", "origin_access_control_id" },
	{ "origin.custom_config", "?custom_origin_config" },
	{ "origin.protocol_policy", "custom_origin_config.0.origin_protocol_policy" },
	{ "origin.ssl_protocols", "custom_origin_config.0.origin_ssl_protocols" },
	{ "origin.http_port", "custom_origin_config.0.http_port" },
	{ "origin.https_port", "custom_origin_config.0.https_port" },
	{ "origin.shield", "origin_shield.0.enabled" },
	{ "origin.shield_region", "origin_shield.0.origin_shield_region" },
	{ "origin.vpc_origin_id", "vpc_origin_config.0.vpc_origin_id" },
	{ "origin.headers", "custom_header" },
	{ "header.name", "name" },
	{ "header.value", "value" },
	{ "group.id", "origin_id" },
	{ "group.failover_codes", "failover_criteria.0.status_codes" },
	{ "group.members", "member" },
	{ "member.origin_id", "origin_id" },
	{ "behavior.path_pattern", "path_pattern" },
	{ "behavior.target_origin_id", "target_origin_id" },
	{ "behavior.allowed_methods", "allowed_methods" },
	{ "behavior.cached_methods", "cached_methods" },
	{ "behavior.viewer_protocol_policy", "viewer_protocol_policy" },
	{ "behavior.compress", "compress" },
	{ "behavior.cache_policy_id", "cache_policy_id" },
	{ "behavior.origin_request_policy_id", "origin_request_policy_id" },
	{ "behavior.response_headers_policy_id", "response_headers_policy_id" },
	{ "behavior.forward_query_string", "forwarded_values.0.query_string" },
	{ "behavior.forward_cookies", "forwarded_values.0.cookies.0.forward" },
	{ "behavior.forward_cookie_names", "forwarded_values.0.cookies.0.whitelisted_names" },
	{ "behavior.forward_headers", "forwarded_values.0.headers" },
	{ "behavior.min_ttl", "min_ttl" },
	{ "behavior.default_ttl", "default_ttl" },
	{ "behavior.max_ttl", "max_ttl" },
	{ "behavior.trusted_key_groups", "trusted_key_groups" },
	{ "behavior.trusted_signers", "trusted_signers" },
	{ "behavior.field_level_encryption_id", "field_level_encryption_id" },
	{ "behavior.functions", "function_association" },
	{ "behavior.lambdas", "lambda_function_association" },
	{ "function.event_type", "event_type" },
	{ "function.arn", "function_arn" },
	{ "lambda.event_type", "event_type" },
	{ "lambda.arn", "lambda_arn" },
	{ "lambda.include_body", "include_body" },
	{ "error.error_code", "error_code" },
	{ "error.response_code", "response_code" },
	{ "error.page_path", "response_page_path" },
	{ "error.min_ttl", "error_caching_min_ttl" },
	{ "certificate.arn", "arn" },
	{ "certificate.id", "arn" },
	{ "certificate.domain", "domain_name" },
	{ "certificate.sans", "subject_alternative_names" },
	{ "oac.id", "id" },
	{ "oac.name", "name" },
	{ "oac.origin_type", "origin_access_control_origin_type" },
	{ "oac.signing_behavior", "signing_behavior" },
	{ "cache_policy.id", "id" },
	{ "cache_policy.max_ttl", "max_ttl" },
	{ "cache_policy.name", "name" },
	{ "cache_policy.header_behavior",
	  "parameters_in_cache_key_and_forwarded_to_origin.0.headers_config.0.header_behavior" },
	{ "cache_policy.headers",
	  "parameters_in_cache_key_and_forwarded_to_origin.0.headers_config.0.headers.0.items" },
	{ "cache_policy.cookie_behavior",
	  "parameters_in_cache_key_and_forwarded_to_origin.0.cookies_config.0.cookie_behavior" },
	{ "cache_policy.cookies",
	  "parameters_in_cache_key_and_forwarded_to_origin.0.cookies_config.0.cookies.0.items" },
	{ "cache_policy.query_behavior", "parameters_in_cache_key_and_forwarded_to_origin.0."
					 "query_strings_config.0.query_string_behavior" },
	{ "origin_request_policy.id", "id" },
	{ "origin_request_policy.name", "name" },
	{ "origin_request_policy.header_behavior", "headers_config.0.header_behavior" },
	{ "origin_request_policy.headers", "headers_config.0.headers.0.items" },
	{ "origin_request_policy.cookie_behavior", "cookies_config.0.cookie_behavior" },
	{ "origin_request_policy.cookies", "cookies_config.0.cookies.0.items" },
	{ "origin_request_policy.query_behavior", "query_strings_config.0.query_string_behavior" },
	{ "bucket.name", "bucket" },
	{ "bucket.arn", "arn" },
	{ "bucket.region", "region" },
	{ "bucket.website", "?website" },
	{ "bucket_policy.bucket", "bucket" },
	{ "lambda_function.id", "qualified_arn" },
	{ "lambda_function.arn", "qualified_arn" },
	{ "lambda_function.name", "function_name" },
	{ "lambda_function.version", "version" },
	{ "lambda_function.environment_variables", "?environment.0.variables" },
	{ "lambda_function.vpc", "?vpc_config.0.subnet_ids" },
	{ "lambda_function.layers", "layers" },
	{ "lambda_function.package_type", "package_type" },
	{ "zone.id", "zone_id" },
	{ "zone.name", "name" },
	{ "zone.private_zone", "?vpc" },
	{ "listener_rule.id", "arn" },
	{ "listener_rule.arn", "arn" },
	{ "listener_rule.listener", "listener_arn" },
	{ "listener_rule.priority", "priority" },
	{ "listener_rule.path_patterns", "condition.*.path_pattern.0.values" },
	{ "listener_rule.host_headers", "condition.*.host_header.0.values" },
	{ "listener_rule.http_methods", "condition.*.http_request_method.0.values" },
	{ "api_route.id", "id" },
	{ "api_route.route_key", "route_key" },
	{ "api_route.api_id", "api_id" },
	{ "api_route.target", "target" },
	{ "cd_policy.id", "id" },
	{ "cd_policy.staging_domains", "staging_distribution_dns_names.0.items" },
	{ NULL, NULL },
};

static eg_mval tf_value(tf_ctx *t, tfv v, const char *key)
{
	eg_mval m;

	memset(&m, 0, sizeof(m));
	m.state = v.unknown ? EG_MV_UNKNOWN : v.v ? EG_MV_VALUE : EG_MV_ABSENT;
	m.node = v.v;
	m.aux = v.u;
	m.key = key;
	m.loc = loc_at(t, v.ptr);
	return m;
}

static tfv tf_tfv(const eg_mval *m)
{
	tfv v;

	memset(&v, 0, sizeof(v));
	v.v = m->node;
	v.u = m->aux;
	v.unknown = m->state == EG_MV_UNKNOWN;
	v.ptr = m->loc.pointer;
	return v;
}

static eg_mval tf_member(void *ctx, const eg_mval *obj, const char *key)
{
	return tf_value(ctx, tfv_get(ctx, tf_tfv(obj), key), key);
}

static size_t tf_count(void *ctx, const eg_mval *v)
{
	const eg_json_node *n = v->node;

	(void)ctx;
	return eg_jsontree_is(n, EG_JSON_ARRAY) ? n->n : eg_jsontree_is(n, EG_JSON_OBJECT) ? 1 : 0;
}

static eg_mval tf_item(void *ctx, const eg_mval *v, size_t i)
{
	if (!eg_jsontree_is(v->node, EG_JSON_ARRAY))
		return *v;
	return tf_value(ctx, tfv_at(ctx, tf_tfv(v), i), v->key);
}

static const char *tf_text(void *ctx, const eg_mval *v)
{
	return tfv_str(ctx, tf_tfv(v));
}

static eg_tri tf_flag(void *ctx, const eg_mval *v)
{
	(void)ctx;
	return tfv_tri(tf_tfv(v));
}

static const eg_dialect tf_dialect = {
	"terraform", tf_member, tf_count, tf_item, tf_text, tf_flag, NULL, NULL, tf_paths,
};

static void read_distribution(tf_ctx *t, const char *address, const char *action,
			      const char *res_ptr, tfv values, const tfv *before)
{
	eg_model *m = t->m;
	eg_loc loc = loc_at(t, res_ptr);
	eg_distribution *d = eg_model_add_distribution(m, &loc, address);
	const eg_json_node *cres = config_resource(t, address);
	char *prefix = eg_xstrndup(address, module_prefix_len(address));
	eg_mapper mp = { &tf_dialect, t, m };
	eg_mval root = tf_value(t, values, NULL);
	size_t i;

	d->action = eg_model_str(m, action); /* action lives in the scratch arena */
	d->id = tfv_str(t, tfv_get(t, values, "id"));
	d->domain_name = tfv_str(t, tfv_get(t, values, "domain_name"));
	d->caller_reference = tfv_str(t, tfv_get(t, values, "caller_reference"));
	d->arn = tfv_str(t, tfv_get(t, values, "arn"));
	d->last_modified = tfv_str(t, tfv_get(t, values, "last_modified_time"));
	/* A replace makes a new distribution; the old one's id ties the plan
	 * to live and state views of what it replaces. */
	if (action && !strcmp(action, "replace") && before &&
	    eg_jsontree_is(before->v, EG_JSON_OBJECT))
		d->prior_id = tfv_str(t, tfv_get(t, *before, "id"));
	read_tags(t, d, values);
	eg_map_distribution(&mp, d, &root);
	/* Optional and computed: a plan shows it unknown whenever the
	 * configuration leaves it out, and the provider then reads back the
	 * policy the distribution has, none for one this configuration made. */
	if (cres && eg_is_unknown(d->continuous_deployment_policy_id) &&
	    !expr_of(cres, "continuous_deployment_policy_id"))
		d->continuous_deployment_policy_id = NULL;
	for (i = 0; i < d->norigins; i++)
		origin_ref(t, d->origins[i], cres, i, d->norigins, prefix);
	read_refs(t, d, cres, prefix);
	if (action)
		read_before(t, d, action, before);
	eg_map_defaults(m, d);
	eg_free(prefix);
}

/* --- Route 53 records ------------------------------------------------------ */

static bool is_distribution(const char *ref)
{
	return ref && !strncmp(ref + module_prefix_len(ref), "aws_cloudfront_distribution.", 28);
}

/* What the configuration says the record refers to: its hosted zone, and
 * for an unknown alias the distribution it targets, and whether its zone
 * id is a distribution's hosted_zone_id (always CloudFront's zone). */
static void read_record_refs(tf_ctx *t, eg_dns_record *r, const char *address)
{
	const eg_json_node *cres = config_resource(t, address);
	const eg_json_node *alias_expr = eg_jsontree_at(expr_of(cres, "alias"), 0);
	char *prefix = eg_xstrndup(address, module_prefix_len(address));
	char *attr = NULL, *ref;

	r->zone_ref = ref_address(t, prefix, expr_of(cres, "zone_id"));
	if (r->alias_name && eg_is_unknown(r->alias_name)) {
		bool cf_zone = !r->alias_zone_id || eg_is_unknown(r->alias_zone_id) ||
			       !strcmp(r->alias_zone_id, EG_CF_ZONE_ID) ||
			       !strcmp(r->alias_zone_id, EG_CF_ZONE_ID_CN);
		ref = follow_ref(t, prefix, eg_jsontree_get(alias_expr, "name"), &attr, 0);
		if (is_distribution(ref))
			r->target_ref = eg_model_str(t->m, ref);
		else if (!ref && cf_zone)
			r->target_ref = EG_UNKNOWN; /* may be a distribution we cannot name */
		eg_free(ref);
		eg_free(attr);
		attr = NULL;
	}
	if (r->alias_zone_id && eg_is_unknown(r->alias_zone_id)) {
		ref = follow_ref(t, prefix, eg_jsontree_get(alias_expr, "zone_id"), &attr, 0);
		if (is_distribution(ref) && attr && !strcmp(attr, "hosted_zone_id")) {
			eg_strlist_push(t->m, &r->alias_zone_candidates, EG_CF_ZONE_ID);
			eg_strlist_push(t->m, &r->alias_zone_candidates, EG_CF_ZONE_ID_CN);
		}
		eg_free(ref);
		eg_free(attr);
	}
	eg_free(prefix);
}

static void read_record(tf_ctx *t, const char *address, const char *res_ptr, tfv values)
{
	eg_loc loc = loc_at(t, res_ptr);
	eg_dns_record *r = eg_model_add_record(t->m, &loc, address);
	tfv alias = tfv_get(t, values, "alias"), name;

	name = tfv_get(t, values, "fqdn");
	r->name = tfv_str(t, name);
	if (!r->name || eg_is_unknown(r->name)) {
		const char *n = tfv_str(t, tfv_get(t, values, "name"));
		/* A relative name gets the zone's name appended: unknown here. */
		r->name = n && !eg_is_unknown(n) && strchr(n, '.') ? n : n ? EG_UNKNOWN : NULL;
	}
	r->type = tfv_str(t, tfv_get(t, values, "type"));
	r->zone_id = tfv_str(t, tfv_get(t, values, "zone_id"));
	r->set_identifier = tfv_str(t, tfv_get(t, values, "set_identifier"));
	tfv_strlist(t, tfv_get(t, values, "records"), &r->records);
	if (alias.unknown || tfv_len(alias)) {
		tfv a0 = tfv_at(t, alias, 0);
		r->alias_name = tfv_str(t, tfv_get(t, a0, "name"));
		r->alias_zone_id = tfv_str(t, tfv_get(t, a0, "zone_id"));
		r->evaluate_target_health = alias.unknown ? EG_TRI_UNKNOWN
					    : tfv_tri(tfv_get(t, a0, "evaluate_target_health"));
		if (!r->alias_name)
			r->alias_name = EG_UNKNOWN;
	}
	read_record_refs(t, r, address);
}

/* --- resources of interest ------------------------------------------------- */

static void read_aux(tf_ctx *t, const char *address, const char *type, tfv values)
{
	aux_resource *a;
	const char *name_key = !strcmp(type, "aws_s3_bucket") ? "bucket" : "name";
	tfv name = tfv_get(t, values, name_key), tags = tfv_get(t, values, "tags");
	size_t k;

	EG_ALLOC_GROW(t->aux, t->naux + 1, t->aux_alloc);
	a = &t->aux[t->naux++];
	memset(a, 0, sizeof(*a));
	a->address = eg_xstrdup(address);
	if (eg_jsontree_is(name.v, EG_JSON_STRING) && name.v->len)
		a->name = eg_xstrdup(eg_jsontree_string(&t->scratch, name.v));
	if (eg_jsontree_is(tags.v, EG_JSON_OBJECT) && tags.v->n)
		a->tags = eg_arena_alloc(&t->m->arena, tags.v->n * sizeof(*a->tags));
	for (k = 0; eg_jsontree_is(tags.v, EG_JSON_OBJECT) && k < tags.v->n; k++) {
		const eg_json_node *val = &tags.v->kids[k];
		if (val->type != EG_JSON_STRING)
			continue;
		a->tags[a->ntags].key = eg_jsontree_key(&t->m->arena, val);
		a->tags[a->ntags++].value = eg_jsontree_string(&t->m->arena, val);
	}
}

/* The kind of a resource CloudFront objects point at; false for others. */
static bool resource_kind(const char *type, eg_res_kind *kind)
{
	static const struct {
		const char *type;
		eg_res_kind kind;
	} kinds[] = {
		{ "aws_acm_certificate", EG_RES_CERTIFICATE },
		{ "aws_cloudfront_origin_access_control", EG_RES_OAC },
		{ "aws_cloudfront_cache_policy", EG_RES_CACHE_POLICY },
		{ "aws_cloudfront_origin_request_policy", EG_RES_ORIGIN_REQUEST_POLICY },
		{ "aws_s3_bucket", EG_RES_BUCKET },
		{ "aws_lambda_function", EG_RES_LAMBDA },
		{ "aws_route53_zone", EG_RES_ZONE },
		{ "aws_cloudfront_continuous_deployment_policy", EG_RES_CD_POLICY },
		{ "aws_s3_bucket_policy", EG_RES_BUCKET_POLICY },
		{ "aws_lb_listener_rule", EG_RES_LISTENER_RULE },
		{ "aws_alb_listener_rule", EG_RES_LISTENER_RULE },
		{ "aws_apigatewayv2_route", EG_RES_API_ROUTE },
	};
	size_t i;

	for (i = 0; i < EG_ARRAY_SIZE(kinds); i++)
		if (!strcmp(type, kinds[i].type)) {
			*kind = kinds[i].kind;
			return true;
		}
	return false;
}

/* A bucket policy: the bucket it refers to in the configuration, and what
 * its document (a JSON string, unknown while it names things made by the
 * same apply) grants CloudFront. */
static void read_policy(tf_ctx *t, eg_resource *r, const char *address, tfv values)
{
	eg_mapper mp = { &tf_dialect, t, t->m };
	const eg_json_node *cres = config_resource(t, address);
	char *prefix = eg_xstrndup(address, module_prefix_len(address));
	tfv policy = tfv_get(t, values, "policy"), doc = policy;
	eg_mval root;

	r->bucket_ref = ref_address(t, prefix, expr_of(cres, "bucket"));
	eg_free(prefix);
	doc.u = NULL;
	doc.v = NULL;
	if (eg_jsontree_is(policy.v, EG_JSON_STRING)) {
		const char *text = eg_jsontree_string(&t->scratch, policy.v), *msg;
		eg_error perr = EG_ERROR_INIT;
		size_t off;

		if (!eg_jsonpos_validate(text, strlen(text), t->src->path, EG_MAX_DEPTH, &perr))
			doc.v = eg_jsontree_parse(&t->scratch, text, strlen(text), &off, &msg);
		if (!doc.v)
			doc.unknown = true; /* not JSON: nothing can be read from it */
	}
	root = tf_value(t, doc, "policy");
	eg_map_policy_grants(&mp, r, &root);
}

static void read_resource(tf_ctx *t, const char *address, eg_res_kind kind, const char *res_ptr,
			  tfv values)
{
	eg_loc loc = loc_at(t, res_ptr);
	eg_resource *r = eg_model_add_resource(t->m, &loc, kind, address);
	eg_mapper mp = { &tf_dialect, t, t->m };
	eg_mval root = tf_value(t, values, NULL);

	eg_map_resource(&mp, r, &root);
	/* a staging distribution made in the same change has no DNS name yet:
	 * the policy's configuration names it */
	if (kind == EG_RES_CD_POLICY) {
		const eg_json_node *names = eg_jsontree_at(
			expr_of(config_resource(t, address), "staging_distribution_dns_names"), 0);
		char *prefix = eg_xstrndup(address, module_prefix_len(address));
		const char *ref = ref_address(t, prefix, eg_jsontree_get(names, "items"));
		if (ref)
			eg_strlist_push(t->m, &r->staging_refs, ref);
		eg_free(prefix);
	}
	if (kind == EG_RES_BUCKET_POLICY)
		read_policy(t, r, address, values);
}

static bool is_aux_type(const char *type)
{
	return !strcmp(type, "aws_s3_bucket") || !strcmp(type, "aws_lb") ||
	       !strcmp(type, "aws_alb") || !strcmp(type, "aws_elb");
}

static bool wanted_type(const char *type)
{
	eg_res_kind kind;

	return !strcmp(type, "aws_cloudfront_distribution") ||
	       !strcmp(type, "aws_route53_record") || is_aux_type(type) ||
	       resource_kind(type, &kind);
}

/* An input error at byte offset off of the file. */
static int tf_fail(tf_ctx *t, size_t off, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int tf_fail(tf_ctx *t, size_t off, const char *fmt, ...)
{
	char msg[sizeof(t->err->message)];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	eg_source_line_col(t->src, off, &line, &col);
	return eg_error_set(t->err, EG_ERR_INPUT, t->src->path, line, col, "%s", msg);
}

/* Refuses an object (span obj) that names a key twice, at the second one:
 * JSON parsers keep one of the two, so a second "type" or
 * "resource_changes" would silently hide what the first one says. */
static int check_unique_keys(tf_ctx *t, eg_json_span obj, const char *what)
{
	eg_json_span small[64], *keys = small, k;
	size_t n = 0, alloc = 0, dup, first;
	eg_json_iter it;
	int rc = 0, line, col;

	if (!tf_iter(t, &it, obj) || !it.is_object)
		return 0;
	while (eg_jsonpos_iter_next(&it, &k, NULL)) {
		if (n == 64 && keys == small) {
			keys = NULL;
			EG_ALLOC_GROW(keys, 2 * n, alloc);
			memcpy(keys, small, sizeof(small));
		} else if (keys != small) {
			EG_ALLOC_GROW(keys, n + 1, alloc);
		}
		keys[n++] = k;
	}
	if ((dup = eg_jsonpos_duplicate_key(t->src->data, keys, n, &first)) < n) {
		char *name = eg_jsonpos_string_dup(t->src->data, keys[dup]);
		eg_source_line_col(t->src, keys[first].start, &line, &col);
		rc = tf_fail(t, keys[dup].start, "duplicate key '%s' in %s (first at %d:%d): which "
			     "one Terraform meant is not known", name, what, line, col);
		eg_free(name);
	}
	if (keys != small)
		eg_free(keys);
	return rc;
}

/* Checks the shape of a resource object (span res) and peeks at its "type"
 * and "mode" without parsing it: *wanted when edgegate reads it.  where
 * names the list it is in ("resource_changes"); a resource change also
 * needs its address and change. */
static int peek_resource(tf_ctx *t, eg_json_span res, const char *where, bool change,
			 bool *wanted)
{
	eg_json_iter it;
	eg_json_span k, v, type_v = { 0, 0 }, addr_v = { 0, 0 };
	bool managed = true, has_type = false, has_addr = false, has_change = false;
	char *type = NULL, *addr = NULL;
	int rc;

	*wanted = false;
	if (!tf_iter(t, &it, res) || !it.is_object)
		return tf_fail(t, res.start, "each item of %s must be an object", where);
	if ((rc = check_unique_keys(t, res, where)))
		return rc;
	while (eg_jsonpos_iter_next(&it, &k, &v)) {
		if (eg_jsonpos_key_is(t->src->data, k, "type")) {
			type_v = v;
			has_type = true;
		} else if (eg_jsonpos_key_is(t->src->data, k, "address")) {
			addr_v = v;
			has_addr = true;
		} else if (eg_jsonpos_key_is(t->src->data, k, "change")) {
			has_change = true;
			if (t->src->data[v.start] != '{')
				return tf_fail(t, v.start, "%s: change must be an object", where);
		} else if (eg_jsonpos_key_is(t->src->data, k, "mode")) {
			char *s = eg_jsonpos_string_dup(t->src->data, v);
			bool ok = s && (!strcmp(s, "managed") || !strcmp(s, "data"));
			managed = s && !strcmp(s, "managed");
			if (!ok)
				rc = tf_fail(t, v.start, "%s: mode must be \"managed\" or \"data\", not %.*s",
					     where, (int)(v.end - v.start > 40 ? 40 : v.end - v.start),
					     t->src->data + v.start);
			eg_free(s);
			if (rc)
				return rc;
		}
	}
	if (!has_type || !(type = eg_jsonpos_string_dup(t->src->data, type_v)))
		return tf_fail(t, has_type ? type_v.start : res.start, "%s: a resource needs a type "
			       "(a string)", where);
	if (change && (!has_addr || !(addr = eg_jsonpos_string_dup(t->src->data, addr_v))))
		rc = tf_fail(t, has_addr ? addr_v.start : res.start, "%s: a resource change needs "
			     "an address (a string)", where);
	else if (change && !has_change)
		rc = tf_fail(t, res.start, "%s: resource change %s has no change", where, addr);
	else if (managed && eg_cloudfront_like_type(type) &&
		 !!strcmp(type, "aws_cloudfront_distribution"))
		rc = tf_fail(t, type_v.start, "%s is a CloudFront distribution, but edgegate reads "
			     "only aws_cloudfront_distribution: its aliases, origins and behaviors "
			     "would go unchecked (the gate fails closed)", type);
	else
		*wanted = managed && wanted_type(type);
	eg_free(type);
	eg_free(addr);
	return rc;
}

/* The value at span s as a tree in arena. */
static const eg_json_node *load_tree_in(tf_ctx *t, eg_arena *arena, eg_json_span s,
					const char *what)
{
	const char *msg = NULL;
	size_t off = 0;
	const eg_json_node *j = eg_jsontree_parse(arena, t->src->data + s.start, s.end - s.start,
						  &off, &msg);
	int line, col;

	if (!j) {
		eg_source_line_col(t->src, s.start + off, &line, &col);
		eg_error_set(t->err, EG_ERR_INPUT, t->src->path, line, col, "cannot read %s: %s",
			     what, msg);
	}
	return j;
}

/* ... in the scratch arena, which the resource being read owns. */
static const eg_json_node *load_tree(tf_ctx *t, eg_json_span s, const char *what)
{
	return load_tree_in(t, &t->scratch, s, what);
}

/* A state's resource, parsed only when its type is one edgegate reads:
 * *res is NULL for the others. */
static int load_state_resource(tf_ctx *t, eg_json_span e, const eg_json_node **res)
{
	bool wanted;
	int rc;

	*res = NULL;
	if ((rc = peek_resource(t, e, "resources", false, &wanted)) || !wanted)
		return rc;
	if (!(*res = load_tree(t, e, "resource")))
		return t->err->code;
	return 0;
}


/* A distribution the plan deletes takes its aliases with it. */
static void read_deleted(tf_ctx *t, const char *address, const char *res_ptr, tfv before)
{
	eg_strlist aliases = { 0 };
	eg_loc loc = loc_at(t, res_ptr);
	size_t i;

	tfv_strlist(t, tfv_get(t, before, "aliases"), &aliases);
	for (i = 0; i < aliases.n; i++)
		if (!eg_is_unknown(aliases.items[i]))
			eg_model_add_removal(t->m, aliases.items[i], address,
					     tfv_str(t, tfv_get(t, before, "id")), NULL,
					     "deleted with the distribution", &loc);
}

/* before: the plan's `before` value, NULL for state. */
static void ingest_resource(tf_ctx *t, const char *type, const char *address,
			    const char *res_ptr, tfv values, const char *action, const tfv *before)
{
	eg_res_kind kind;

	if (!type || !address)
		return;
	if (!strcmp(type, "aws_cloudfront_distribution"))
		read_distribution(t, address, action, res_ptr, values, before);
	else if (!strcmp(type, "aws_route53_record"))
		read_record(t, address, res_ptr, values);
	if (resource_kind(type, &kind))
		read_resource(t, address, kind, res_ptr, values);
	if (is_aux_type(type) && !values.unknown)
		read_aux(t, address, type, values);
}

/* A resource change's actions: a non-empty list of strings. */
static int check_actions(tf_ctx *t, eg_json_span res, const eg_json_node *actions,
			 const char *res_ptr)
{
	size_t i, n = items(actions);
	eg_json_span at;

	for (i = 0; i < n; i++)
		if (!eg_jsontree_is(eg_jsontree_at(actions, i), EG_JSON_STRING))
			break;
	if (n && i == n)
		return 0;
	if (!tf_find_at(t, res.start, "/change/actions", &at) &&
	    !tf_find_at(t, res.start, "/change", &at))
		at = res;
	return tf_fail(t, at.start, "%s/change/actions must be a non-empty list of actions "
		       "(\"create\", \"update\", ...), not %s", res_ptr,
		       !actions ? "missing" : !eg_jsontree_is(actions, EG_JSON_ARRAY) ? "a single value"
		       : !n ? "empty" : "a list of other values");
}

/* A resource change with only what edgegate reads: type, address, and of
 * the change its actions, after, after_unknown, and before's id and
 * aliases.  before is the other half of an update's bytes and its
 * sensitive mirrors are more: they are left unparsed.  Keys are checked
 * for duplicates on every level kept.  Each level is walked once. */
typedef struct tf_change {
	const eg_json_node *type, *address, *actions, *after, *after_unknown;
	const eg_json_node *before; /* an object of id and aliases, JSON null, or NULL */
} tf_change;

/* The spans of the members of the object at obj named keys[0..n)
 * (end 0: absent), in one walk over it. */
static void member_spans(tf_ctx *t, eg_json_span obj, const char *const *keys, size_t n,
			 eg_json_span *out)
{
	eg_json_iter it;
	eg_json_span k, v;
	size_t i;

	memset(out, 0, n * sizeof(*out));
	if (!tf_iter(t, &it, obj) || !it.is_object)
		return;
	while (eg_jsonpos_iter_next(&it, &k, &v))
		for (i = 0; i < n; i++)
			if (eg_jsonpos_key_is(t->src->data, k, keys[i])) {
				out[i] = v;
				break;
			}
}

/* *out is the tree of span s, or NULL when s is absent. */
static int load_opt(tf_ctx *t, eg_json_span s, const eg_json_node **out)
{
	*out = NULL;
	if (s.end && !(*out = load_tree(t, s, "resource change")))
		return t->err->code;
	return 0;
}

static int load_change(tf_ctx *t, eg_json_span res, tf_change *c)
{
	static const char *const res_keys[] = { "type", "address", "change" };
	static const char *const ch_keys[] = { "actions", "after", "after_unknown", "before" };
	static const char *const before_keys[] = { "id", "aliases" };
	eg_json_span rs[3], cs[4], bs[2];
	const eg_json_node *b;
	eg_json_node *before;
	size_t i;
	int rc;

	memset(c, 0, sizeof(*c));
	member_spans(t, res, res_keys, 3, rs);
	if ((rc = load_opt(t, rs[0], &c->type)) || (rc = load_opt(t, rs[1], &c->address)))
		return rc;
	if (rs[2].end == 0) /* peek_resource has made sure there is one */
		return 0;
	if ((rc = check_unique_keys(t, rs[2], "a resource change's change")))
		return rc;
	member_spans(t, rs[2], ch_keys, 4, cs);
	if ((rc = load_opt(t, cs[0], &c->actions)) || (rc = load_opt(t, cs[1], &c->after)) ||
	    (rc = load_opt(t, cs[2], &c->after_unknown)) || cs[3].end == 0)
		return rc;
	if (t->src->data[cs[3].start] != '{') {
		c->before = eg_arena_alloc(&t->scratch, sizeof(eg_json_node)); /* JSON null */
		return 0;
	}
	if ((rc = check_unique_keys(t, cs[3], "a resource change's before")))
		return rc;
	/* an object of what is read, made of the two parsed members */
	member_spans(t, cs[3], before_keys, 2, bs);
	before = eg_arena_alloc(&t->scratch, sizeof(*before));
	before->type = EG_JSON_OBJECT;
	before->kids = eg_arena_alloc(&t->scratch, 2 * sizeof(*before->kids));
	for (i = 0; i < 2; i++) {
		if ((rc = load_opt(t, bs[i], &b)))
			return rc;
		if (!b)
			continue;
		before->kids[before->n] = *b;
		before->kids[before->n].key = before_keys[i];
		before->kids[before->n++].klen = strlen(before_keys[i]);
	}
	c->before = before;
	return 0;
}

static int ingest_changes(tf_ctx *t, eg_json_span changes)
{
	size_t dropped = changes.start; /* the walk touches every page again */
	eg_json_iter it;
	eg_json_span v;
	int rc = 0;

	if (!tf_iter(t, &it, changes) || it.is_object)
		return tf_fail(t, changes.start, "resource_changes is not a list");
	while (!rc && eg_jsonpos_iter_next(&it, NULL, &v)) {
		size_t index = it.index - 1;
		tf_change c;
		const char *action, *res_ptr, *rtype, *raddr;
		tfv values, before;
		bool wanted;

		eg_source_done_before(t->src, &dropped, v.start);
		if ((rc = peek_resource(t, v, "resource_changes", true, &wanted)))
			return rc;
		if (!wanted)
			continue;
		if ((rc = load_change(t, v, &c)))
			break;
		res_ptr = eg_arena_printf(&t->m->arena, "/resource_changes/%zu", index);
		if ((rc = check_actions(t, v, c.actions, res_ptr)))
			break;
		action = action_name(t, c.actions);
		rtype = eg_jsontree_string(&t->scratch, c.type);
		raddr = eg_jsontree_string(&t->scratch, c.address);
		memset(&before, 0, sizeof(before));
		before.ptr = eg_arena_printf(&t->m->arena, "%s/change/before", res_ptr);
		before.v = c.before;
		if ((!strcmp(action, "delete") && c.actions->n == 1) || !strcmp(action, "read")) {
			if (!strcmp(action, "delete") && !strcmp(rtype, "aws_cloudfront_distribution"))
				read_deleted(t, raddr, res_ptr, before);
			eg_arena_reset(&t->scratch);
			continue;
		}
		memset(&values, 0, sizeof(values));
		values.ptr = eg_arena_printf(&t->m->arena, "%s/change/after", res_ptr);
		values.v = c.after;
		values.u = c.after_unknown;
		/* A trimmed plan can say after: null on a create: all unknown. */
		if (!eg_jsontree_is(values.v, EG_JSON_OBJECT))
			values.unknown = true;
		set_base(t, v.start, res_ptr);
		ingest_resource(t, rtype, raddr, res_ptr, values, action, &before);
		set_base(t, 0, NULL);
		eg_arena_reset(&t->scratch);
		rc = t->config_error; /* its configuration, read now, may not parse */
	}
	eg_arena_reset(&t->scratch);
	return rc;
}

/* Nesting of state modules edgegate follows; past it the run stops rather
 * than leave deeper modules unread.  Terraform itself has no limit, but
 * no real configuration comes near. */
#define MAX_MODULE_DEPTH 64

/* Walks values.root_module and its child_modules for resources. */
static int ingest_state_module(tf_ctx *t, eg_json_span mod, const char *ptr, int depth)
{
	eg_json_iter it, inner;
	eg_json_span k, v, e;
	int rc;

	if (depth > MAX_MODULE_DEPTH) {
		int line, col;
		eg_source_line_col(t->src, mod.start, &line, &col);
		return eg_error_set(t->err, EG_ERR_LIMIT, t->src->path, line, col,
				    "state modules nested deeper than %d: edgegate stops rather than "
				    "leave them unread", MAX_MODULE_DEPTH);
	}
	if (!tf_iter(t, &it, mod) || !it.is_object)
		return tf_fail(t, mod.start, "%s must be an object (a module)", ptr);
	if ((rc = check_unique_keys(t, mod, ptr)))
		return rc;
	while (eg_jsonpos_iter_next(&it, &k, &v)) {
		bool resources = eg_jsonpos_key_is(t->src->data, k, "resources");
		bool children = eg_jsonpos_key_is(t->src->data, k, "child_modules");
		if (!resources && !children)
			continue;
		if (!tf_iter(t, &inner, v) || inner.is_object)
			return tf_fail(t, v.start, "%s/%s must be a list", ptr,
				       resources ? "resources" : "child_modules");
		while (eg_jsonpos_iter_next(&inner, NULL, &e)) {
			size_t index = inner.index - 1;
			const char *eptr = eg_arena_printf(&t->m->arena, "%s/%s/%zu", ptr,
							   resources ? "resources" : "child_modules", index);
			const eg_json_node *res;
			tfv values;

			if (children) {
				if ((rc = ingest_state_module(t, e, eptr, depth + 1)))
					return rc;
				continue;
			}
			if ((rc = load_state_resource(t, e, &res)))
				return rc;
			if (!res)
				continue;
			memset(&values, 0, sizeof(values));
			values.v = eg_jsontree_get(res, "values");
			values.ptr = eg_arena_printf(&t->m->arena, "%s/values", eptr);
			if (!eg_jsontree_is(values.v, EG_JSON_OBJECT) ||
			    !eg_jsontree_is(eg_jsontree_get(res, "address"), EG_JSON_STRING)) {
				eg_json_span at = e;
				bool addr = eg_jsontree_is(eg_jsontree_get(res, "address"), EG_JSON_STRING);
				tf_find_at(t, e.start, addr ? "/values" : "/address", &at);
				eg_arena_reset(&t->scratch);
				return tf_fail(t, at.start, "%s: a state resource needs %s", eptr,
					       addr ? "its values (an object)" : "an address (a string)");
			}
			set_base(t, e.start, eptr);
			ingest_resource(t, eg_jsontree_string(&t->scratch, eg_jsontree_get(res, "type")),
					eg_jsontree_string(&t->scratch, eg_jsontree_get(res, "address")),
					eptr, values, NULL, NULL);
			set_base(t, 0, NULL);
			eg_arena_reset(&t->scratch);
			if (t->config_error)
				return t->config_error;
		}
	}
	return 0;
}

/* Raw state (`terraform state pull`, terraform.tfstate version 4):
 * resources[] = {mode, type, name, module?, instances[{index_key?, attributes}]}.
 * attributes has the same shape as `show -json` values. */
static int ingest_raw_state(tf_ctx *t, eg_json_span resources)
{
	eg_json_iter it;
	eg_json_span e;
	int rc;

	if (!tf_iter(t, &it, resources) || it.is_object)
		return tf_fail(t, resources.start, "resources is not a list");
	while (eg_jsonpos_iter_next(&it, NULL, &e)) {
		size_t index = it.index - 1;
		const char *type, *name, *module, *bad = NULL, *bad_ptr = NULL;
		const eg_json_node *res, *instances, *mod;
		size_t n;

		if ((rc = load_state_resource(t, e, &res)))
			return rc;
		if (!res)
			continue;
		type = eg_jsontree_string(&t->scratch, eg_jsontree_get(res, "type"));
		name = eg_jsontree_string(&t->scratch, eg_jsontree_get(res, "name"));
		mod = eg_jsontree_get(res, "module");
		module = eg_jsontree_string(&t->scratch, mod);
		instances = eg_jsontree_get(res, "instances");
		if (!name)
			bad = "a name (a string)", bad_ptr = eg_jsontree_get(res, "name") ? "/name" : "";
		else if (mod && !module)
			bad = "a module address (a string)", bad_ptr = "/module";
		else if (!eg_jsontree_is(instances, EG_JSON_ARRAY))
			bad = "its instances (a list)", bad_ptr = instances ? "/instances" : "";
		for (n = 0; !bad && n < eg_jsontree_size(instances); n++) {
			const eg_json_node *in = eg_jsontree_at(instances, n);
			if (!eg_jsontree_is(in, EG_JSON_OBJECT) ||
			    !eg_jsontree_is(eg_jsontree_get(in, "attributes"), EG_JSON_OBJECT)) {
				bad = "instances whose attributes are objects";
				bad_ptr = eg_arena_printf(&t->m->arena, "/instances/%zu%s", n,
							  eg_jsontree_get(in, "attributes")
							  ? "/attributes" : "");
			}
		}
		if (bad) {
			eg_json_span at = e;
			tf_find_at(t, e.start, bad_ptr, &at);
			eg_arena_reset(&t->scratch);
			return tf_fail(t, at.start, "/resources/%zu: a raw state resource needs %s",
				       index, bad);
		}
		for (n = 0; n < eg_jsontree_size(instances); n++) {
			const eg_json_node *in = eg_jsontree_at(instances, n);
			const eg_json_node *key = eg_jsontree_get(in, "index_key");
			eg_strbuf addr = EG_STRBUF_INIT;
			tfv values;

			if (module)
				eg_sb_addf(&addr, "%s.", module);
			eg_sb_addf(&addr, "%s.%s", type, name);
			if (eg_jsontree_is(key, EG_JSON_INTEGER))
				eg_sb_addf(&addr, "[%lld]", key->num.i);
			else if (eg_jsontree_is(key, EG_JSON_STRING))
				eg_sb_addf(&addr, "[\"%s\"]", eg_jsontree_string(&t->scratch, key));
			memset(&values, 0, sizeof(values));
			values.v = eg_jsontree_get(in, "attributes");
			values.ptr = eg_arena_printf(&t->m->arena, "/resources/%zu/instances/%zu/attributes",
						     index, n);
			set_base(t, e.start, eg_arena_printf(&t->m->arena, "/resources/%zu", index));
			ingest_resource(t, type, addr.buf, t->base_ptr, values, NULL, NULL);
			set_base(t, 0, NULL);
			eg_sb_release(&addr);
		}
		eg_arena_reset(&t->scratch);
		if (t->config_error)
			return t->config_error;
	}
	return 0;
}

/* Gives origins whose domain is a reference their kind and the name and
 * tags of what they refer to. */
static void resolve_pending(tf_ctx *t)
{
	size_t i, j;

	for (i = 0; i < t->npending; i++) {
		pending_origin *p = &t->pending[i];
		eg_origin *o = p->origin;
		eg_origin_kind k = kind_from_ref(p->ref_address, p->ref_attr);

		o->ref = eg_model_str(t->m, p->ref_address);
		o->ref_attr = eg_model_str(t->m, p->ref_attr);
		if (o->kind == EG_ORIGIN_UNKNOWN && k != EG_ORIGIN_UNKNOWN &&
		    (!o->domain || eg_is_unknown(o->domain))) {
			o->kind = k;
			o->kind_source = eg_arena_printf(&t->m->arena, "reference to %s.%s",
							 p->ref_address, p->ref_attr ? p->ref_attr : "");
		}
		for (j = 0; j < t->naux; j++) {
			char *stat = static_address(t->aux[j].address);
			bool same = !strcmp(t->aux[j].address, p->ref_address) ||
				    !strcmp(stat, p->ref_address);
			eg_free(stat);
			if (!same)
				continue;
			o->ref_name = eg_model_str(t->m, t->aux[j].name);
			o->ref_tags = t->aux[j].tags;
			o->nref_tags = o->ref_tags_alloc = t->aux[j].ntags;
			break;
		}
	}
}

static int check_format_version(tf_ctx *t, eg_json_span v)
{
	char *s = eg_jsonpos_string_dup(t->src->data, v);
	int line, col, rc = 0;

	if (!s || (strncmp(s, "0.", 2) && strncmp(s, "1.", 2))) {
		eg_source_line_col(t->src, v.start, &line, &col);
		rc = eg_error_set(t->err, EG_ERR_INPUT, t->src->path, line, col,
				  "unsupported Terraform JSON format_version %s (edgegate reads 0.x and 1.x)",
				  s ? s : "(not a string)");
	}
	eg_free(s);
	return rc;
}

/* Whether a planned_values module (span mod) or one of its children holds
 * a resource. */
static bool module_has_resources(const tf_ctx *t, eg_json_span mod, int depth)
{
	eg_json_iter it, inner;
	eg_json_span k, v, e;

	if (depth > MAX_MODULE_DEPTH || !tf_iter(t, &it, mod) || !it.is_object)
		return false;
	while (eg_jsonpos_iter_next(&it, &k, &v)) {
		if (!tf_iter(t, &inner, v) || inner.is_object)
			continue;
		if (eg_jsonpos_key_is(t->src->data, k, "resources") &&
		    eg_jsonpos_iter_next(&inner, NULL, &e))
			return true;
		if (eg_jsonpos_key_is(t->src->data, k, "child_modules"))
			while (eg_jsonpos_iter_next(&inner, NULL, &e))
				if (module_has_resources(t, e, depth + 1))
					return true;
	}
	return false;
}

int eg_ingest_terraform(eg_model *m, const eg_source *src, eg_error *err)
{
	tf_ctx t;
	eg_json_span root = { 0, src->len }, k, v, changes = { 0, 0 }, config = { 0, 0 };
	eg_json_span planned = { 0, 0 }, values = { 0, 0 };
	eg_json_iter it;
	bool has_changes = false, has_config = false, has_values = false, has_planned = false;
	int rc = 0;
	size_t i;

	memset(&t, 0, sizeof(t));
	t.m = m;
	t.src = src;
	t.err = err;
	if ((rc = check_unique_keys(&t, root, "the top level")))
		return rc;
	tf_iter(&t, &it, root);
	while (eg_jsonpos_iter_next(&it, &k, &v)) {
		if (eg_jsonpos_key_is(src->data, k, "format_version")) {
			if ((rc = check_format_version(&t, v)))
				return rc;
		} else if (eg_jsonpos_key_is(src->data, k, "resource_changes")) {
			changes = v;
			has_changes = true;
		} else if (eg_jsonpos_key_is(src->data, k, "planned_values")) {
			planned = v;
			has_planned = true;
		} else if (eg_jsonpos_key_is(src->data, k, "configuration")) {
			config = v;
			has_config = true;
		} else if (eg_jsonpos_key_is(src->data, k, "values")) {
			values = v;
			has_values = true;
		}
	}
	t.config = config;
	t.has_config = has_config && src->data[config.start] == '{';
	if (src->format == EG_FMT_TF_PLAN && has_changes)
		rc = ingest_changes(&t, changes);
	else if (src->format == EG_FMT_TF_PLAN && has_planned &&
		 tf_find_at(&t, planned.start, "/root_module", &v) &&
		 module_has_resources(&t, v, 0))
		/* planned_values does not say which values are known only after
		 * apply: read as a state, they would pass as absent. */
		rc = tf_fail(&t, planned.start, "this plan has resources in planned_values but no "
			     "resource_changes, which edgegate reads (planned_values does not say "
			     "which values are known only after apply): lint the whole output of "
			     "`terraform show -json plan.out`");
	else if (src->format == EG_FMT_TF_RAW_STATE &&
		 tf_find_at(&t, 0, "/resources", &v))
		rc = ingest_raw_state(&t, v);
	else if (src->format == EG_FMT_TF_STATE && has_values) {
		if (!tf_iter(&t, &it, values) || !it.is_object)
			rc = tf_fail(&t, values.start, "values must be an object");
		else if ((rc = check_unique_keys(&t, values, "values")))
			;
		else if (tf_find_at(&t, values.start, "/root_module", &v))
			rc = ingest_state_module(&t, v, "/values/root_module", 0);
	}
	if (!rc)
		resolve_pending(&t);

	eg_arena_release(&t.config_arena);
	for (i = 0; i < t.nmodules; i++) {
		size_t j;
		for (j = 0; j < t.modules[i].n; j++)
			eg_free(t.modules[i].res[j].address);
		eg_free(t.modules[i].res);
		eg_free(t.modules[i].prefix);
	}
	eg_free(t.modules);
	eg_arena_release(&t.scratch);
	for (i = 0; i < t.naux; i++) {
		eg_free(t.aux[i].address);
		eg_free(t.aux[i].name);
	}
	eg_free(t.aux);
	for (i = 0; i < t.npending; i++) {
		eg_free(t.pending[i].ref_address);
		eg_free(t.pending[i].ref_attr);
	}
	eg_free(t.pending);
	return rc;
}

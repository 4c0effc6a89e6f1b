/* ingest_awscli.c - what the AWS CLI prints about live resources, into the
 * model.
 *
 * cloudfront get-distribution-config {ETag, DistributionConfig},
 * get-distribution {Distribution{Id, DomainName, DistributionConfig}},
 * list-distributions {DistributionList{Items[summary]}} (or the bare list
 * from --query), a bare DistributionConfig (update-distribution input), and
 * route53 list-resource-record-sets {ResourceRecordSets[]} (or bare).
 *
 * The API wraps every collection as {Quantity, Items} and omits Items when
 * Quantity is 0; a wrapper that disagrees with itself is an error, since it
 * means the file was cut or edited.  A list summary lacks Logging and
 * DefaultRootObject: those are unknown, not absent.  A config alone has no
 * Id or DomainName: those are absent, and checks that need them say so.
 */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct cli_ctx {
	eg_model *m;
	const eg_source *src;
	eg_error *err;
	int rc; /* first error; later reads are no-ops */
} cli_ctx;

static eg_loc at(cli_ctx *c, const eg_ynode *n, const char *pointer)
{
	return eg_ingest_node_loc(c->src, n, pointer);
}

#define ptr(c, parent, key) eg_ingest_ptr((c)->m, parent, key)
#define ptr_i(c, parent, i) eg_ingest_ptr_i((c)->m, parent, i)

static void fail(cli_ctx *c, const eg_ynode *n, const char *what, const char *expected)
{
	if (c->rc)
		return;
	c->rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, n ? n->line : 1, n ? n->col : 1,
			     "%s: expected %s, as the AWS CLI prints it", what, expected);
}

/* A string member; "" and null are absent (the API's way to say unset). */
static const char *str(cli_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);

	if (!n || (n->kind == EG_Y_SCALAR && (!n->len || (!n->quoted && eg_ynode_is_null(n)))))
		return NULL;
	if (n->kind != EG_Y_SCALAR || !n->quoted) {
		fail(c, n, key, "a string");
		return NULL;
	}
	return eg_arena_strndup(&c->m->arena, n->str, n->len);
}

static eg_tri tri(cli_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);
	bool b;

	if (!n)
		return EG_TRI_FALSE;
	if (n->quoted || !eg_ynode_bool(n, &b)) {
		fail(c, n, key, "true or false");
		return EG_TRI_FALSE;
	}
	return b ? EG_TRI_TRUE : EG_TRI_FALSE;
}

static const eg_ynode *map_member(cli_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);

	if (n && n->kind != EG_Y_MAP) {
		fail(c, n, key, "an object");
		return NULL;
	}
	return n;
}

/* Items of an API collection {Quantity, Items}; NULL with *n = 0 when the
 * member is absent or empty. */
static eg_ynode **items(cli_ctx *c, const eg_ynode *map, const char *key, size_t *n)
{
	const eg_ynode *w = map_member(c, map, key), *q, *list;
	char *end;
	long quantity;

	*n = 0;
	if (!w)
		return NULL;
	q = eg_ynode_get(w, "Quantity");
	list = eg_ynode_get(w, "Items");
	if (list && list->kind != EG_Y_SEQ) {
		fail(c, list, key, "Items to be a list");
		return NULL;
	}
	if (q) {
		quantity = q->kind == EG_Y_SCALAR && !q->quoted ? strtol(q->str, &end, 10) : -1;
		if (quantity < 0 || (q->kind == EG_Y_SCALAR && *end)) {
			fail(c, q, key, "Quantity to be a number");
			return NULL;
		}
		if ((size_t)quantity != (list ? list->nitems : 0)) {
			if (!c->rc)
				c->rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, q->line, q->col,
						     "%s: Quantity %ld but %zu Items; the file is cut "
						     "or was edited",
						     key, quantity, list ? list->nitems : 0);
			return NULL;
		}
	}
	if (!list)
		return NULL;
	*n = list->nitems;
	return list->items;
}

static void strlist(cli_ctx *c, const eg_ynode *map, const char *key, eg_strlist *out)
{
	size_t n, i;
	eg_ynode **it = items(c, map, key, &n);

	for (i = 0; i < n; i++) {
		if (it[i]->kind != EG_Y_SCALAR) {
			fail(c, it[i], key, "a list of strings");
			return;
		}
		eg_strlist_push(c->m, out, it[i]->str);
	}
}

/* --- distributions ----------------------------------------------------------- */

static void read_origin(cli_ctx *c, eg_distribution *d, const eg_ynode *v, const char *p)
{
	eg_loc loc = at(c, v, p);
	eg_origin *o = eg_model_add_origin(c->m, d, &loc);
	const eg_ynode *s3 = map_member(c, v, "S3OriginConfig");
	const eg_ynode *custom = map_member(c, v, "CustomOriginConfig");

	o->id = str(c, v, "Id");
	o->domain = str(c, v, "DomainName");
	o->path = str(c, v, "OriginPath");
	o->s3_config = s3 ? EG_TRI_TRUE : EG_TRI_FALSE;
	o->oai = str(c, s3, "OriginAccessIdentity");
	o->oac_id = str(c, v, "OriginAccessControlId");
	o->protocol_policy = str(c, custom, "OriginProtocolPolicy");
}

static void read_behavior(cli_ctx *c, eg_distribution *d, const eg_ynode *v, const char *p,
			  int index)
{
	eg_loc loc = at(c, v, p);
	eg_behavior *b = eg_model_add_behavior(c->m, d, &loc);
	const eg_ynode *allowed = map_member(c, v, "AllowedMethods");

	b->index = index;
	b->is_default = index < 0;
	b->path_pattern = b->is_default ? "*" : str(c, v, "PathPattern");
	b->target_origin_id = str(c, v, "TargetOriginId");
	/* CachedMethods sits inside AllowedMethods in the API. */
	if (allowed) {
		strlist(c, v, "AllowedMethods", &b->allowed_methods);
		strlist(c, allowed, "CachedMethods", &b->cached_methods);
	}
	b->viewer_protocol_policy = str(c, v, "ViewerProtocolPolicy");
	b->cache_policy_id = str(c, v, "CachePolicyId");
	b->origin_request_policy_id = str(c, v, "OriginRequestPolicyId");
	b->response_headers_policy_id = str(c, v, "ResponseHeadersPolicyId");
}

/* cfg holds the configuration fields: a DistributionConfig, or a list
 * summary (which also holds Id and DomainName). */
static void read_distribution(cli_ctx *c, const eg_ynode *node, const char *p,
			      const eg_ynode *cfg, const char *cp, const char *id,
			      const char *domain, bool summary)
{
	eg_loc loc = at(c, node, p);
	const char *caller = str(c, cfg, "CallerReference"), *address;
	const eg_ynode *cert = map_member(c, cfg, "ViewerCertificate");
	const eg_ynode *logging = map_member(c, cfg, "Logging"), *def;
	eg_ynode **it;
	eg_distribution *d;
	size_t n, i;

	if (id)
		address = id;
	else if (caller)
		address = eg_arena_printf(&c->m->arena, "distribution with CallerReference %s", caller);
	else
		address = eg_arena_printf(&c->m->arena, "DistributionConfig in %s", c->src->path);
	d = eg_model_add_distribution(c->m, &loc, address);
	d->name = d->address;
	d->id = id;
	d->domain_name = domain;
	d->caller_reference = caller;
	/* A list summary and get-distribution carry it beside the config. */
	d->last_modified = node->kind == EG_Y_MAP ? str(c, node, "LastModifiedTime") : NULL;
	d->comment = str(c, cfg, "Comment");
	d->enabled = tri(c, cfg, "Enabled");
	d->web_acl_id = str(c, cfg, "WebACLId");

	d->aliases_loc = at(c, eg_ynode_get(cfg, "Aliases") ? eg_ynode_get(cfg, "Aliases") : cfg,
			    ptr(c, cp, "Aliases"));
	it = items(c, cfg, "Aliases", &n);
	d->alias_locs = n ? eg_arena_alloc(&c->m->arena, n * sizeof(*d->alias_locs)) : NULL;
	for (i = 0; i < n && !c->rc; i++) {
		if (it[i]->kind != EG_Y_SCALAR) {
			fail(c, it[i], "Aliases", "a list of strings");
			break;
		}
		d->alias_locs[i] = at(c, it[i], ptr_i(c, ptr(c, cp, "Aliases/Items"), i));
		eg_strlist_push(c->m, &d->aliases, it[i]->str);
	}

	if (summary) {
		/* A list summary leaves these out: not known, not unset. */
		d->default_root_object = EG_UNKNOWN;
		d->logging = EG_TRI_UNKNOWN;
	} else {
		d->default_root_object = str(c, cfg, "DefaultRootObject");
		d->logging = logging ? tri(c, logging, "Enabled") : EG_TRI_FALSE;
		if (d->logging == EG_TRI_TRUE)
			d->logging_bucket = str(c, logging, "Bucket");
	}

	if (cert) {
		d->viewer_certificate_loc = at(c, cert, ptr(c, cp, "ViewerCertificate"));
		d->acm_certificate_arn = str(c, cert, "ACMCertificateArn");
		d->default_certificate = tri(c, cert, "CloudFrontDefaultCertificate");
		d->minimum_protocol_version = str(c, cert, "MinimumProtocolVersion");
		d->ssl_support_method = str(c, cert, "SSLSupportMethod");
	} else {
		d->default_certificate = EG_TRI_TRUE;
	}

	it = items(c, cfg, "Origins", &n);
	for (i = 0; i < n && !c->rc; i++)
		read_origin(c, d, it[i], ptr_i(c, ptr(c, cp, "Origins/Items"), i));

	it = items(c, cfg, "OriginGroups", &n);
	for (i = 0; i < n && !c->rc; i++) {
		eg_loc gloc = at(c, it[i], ptr_i(c, ptr(c, cp, "OriginGroups/Items"), i));
		eg_origin_group *g = eg_model_add_origin_group(c->m, d, &gloc);
		eg_ynode **mem;
		size_t nm, j;

		g->id = str(c, it[i], "Id");
		mem = items(c, it[i], "Members", &nm);
		for (j = 0; j < nm; j++)
			eg_strlist_push(c->m, &g->members, str(c, mem[j], "OriginId"));
	}

	it = items(c, cfg, "CacheBehaviors", &n);
	for (i = 0; i < n && !c->rc; i++)
		read_behavior(c, d, it[i], ptr_i(c, ptr(c, cp, "CacheBehaviors/Items"), i), (int)i);
	if ((def = map_member(c, cfg, "DefaultCacheBehavior")))
		read_behavior(c, d, def, ptr(c, cp, "DefaultCacheBehavior"), -1);
	else if (!c->rc)
		fail(c, cfg, "DefaultCacheBehavior", "a distribution config to have one");

	it = items(c, cfg, "CustomErrorResponses", &n);
	for (i = 0; i < n && !c->rc; i++) {
		eg_loc eloc = at(c, it[i], ptr_i(c, ptr(c, cp, "CustomErrorResponses/Items"), i));
		eg_error_response *er = eg_model_add_error_response(c->m, d, &eloc);
		const eg_ynode *code = eg_ynode_get(it[i], "ErrorCode");
		er->error_code = code && code->kind == EG_Y_SCALAR ? eg_model_str(c->m, code->str) : NULL;
		er->response_code = str(c, it[i], "ResponseCode");
		er->page_path = str(c, it[i], "ResponsePagePath");
	}
}

static void read_summaries(cli_ctx *c, const eg_ynode *list, const char *p)
{
	size_t i;

	for (i = 0; i < list->nitems && !c->rc; i++) {
		const eg_ynode *s = list->items[i];
		const char *sp = ptr_i(c, p, i);
		if (s->kind != EG_Y_MAP) {
			fail(c, s, "DistributionList.Items", "a list of distribution summaries");
			return;
		}
		read_distribution(c, s, sp, s, sp, str(c, s, "Id"), str(c, s, "DomainName"), true);
	}
}

static void read_cloudfront(cli_ctx *c, const eg_ynode *root)
{
	const eg_ynode *dist, *list, *cfg;

	if (root->kind == EG_Y_SEQ) {
		read_summaries(c, root, "");
	} else if ((cfg = map_member(c, root, "DistributionConfig"))) {
		read_distribution(c, cfg, "/DistributionConfig", cfg, "/DistributionConfig", NULL, NULL,
				  false);
	} else if ((dist = map_member(c, root, "Distribution"))) {
		cfg = map_member(c, dist, "DistributionConfig");
		if (!cfg) {
			fail(c, dist, "Distribution", "a DistributionConfig inside");
			return;
		}
		read_distribution(c, dist, "/Distribution", cfg, "/Distribution/DistributionConfig",
				  str(c, dist, "Id"), str(c, dist, "DomainName"), false);
	} else if ((list = map_member(c, root, "DistributionList"))) {
		const eg_ynode *its = eg_ynode_get(list, "Items");
		size_t n;
		/* CLI v2 paginates for us and drops Quantity; older output keeps it. */
		if (eg_ynode_get(list, "Quantity"))
			(void)items(c, root, "DistributionList", &n);
		if (its && its->kind != EG_Y_SEQ)
			fail(c, its, "DistributionList.Items", "a list");
		else if (its && !c->rc)
			read_summaries(c, its, "/DistributionList/Items");
	} else {
		read_distribution(c, root, "", root, "", NULL, NULL, false);
	}
}

/* --- Route 53 ------------------------------------------------------------------ */

/* Route 53 prints names with a trailing dot and escapes characters outside
 * [a-z0-9-_.] as \DDD (a wildcard is "\052.example.com."). */
static const char *dns_name(cli_ctx *c, const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *out = eg_arena_alloc(&c->m->arena, n + 1);

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		} else {
			out[o++] = s[i];
		}
	}
	if (o > 1 && out[o - 1] == '.')
		o--;
	out[o] = '\0';
	return out;
}

static bool routable_type(const char *type)
{
	return type && (!strcmp(type, "A") || !strcmp(type, "AAAA") || !strcmp(type, "CNAME"));
}

static void read_record(cli_ctx *c, const eg_ynode *v, const char *p)
{
	const char *name = str(c, v, "Name"), *type = str(c, v, "Type");
	const char *set_id = str(c, v, "SetIdentifier");
	const eg_ynode *alias = map_member(c, v, "AliasTarget"), *values;
	eg_dns_record *r;
	eg_loc loc;
	size_t i;

	if (!name || !type) {
		fail(c, v, "ResourceRecordSets", "records with Name and Type");
		return;
	}
	if (!routable_type(type))
		return; /* MX, TXT, NS...: cannot send a browser to CloudFront */
	name = dns_name(c, name);
	loc = at(c, v, p);
	r = eg_model_add_record(c->m, &loc,
				set_id ? eg_arena_printf(&c->m->arena, "%s %s (%s)", name, type, set_id)
				       : eg_arena_printf(&c->m->arena, "%s %s", name, type));
	r->name = name;
	r->type = type;
	r->set_identifier = set_id;
	if (alias) {
		const char *dns = str(c, alias, "DNSName");
		r->alias_name = dns ? dns_name(c, dns) : NULL;
		r->alias_zone_id = str(c, alias, "HostedZoneId");
	}
	values = eg_ynode_get(v, "ResourceRecords");
	if (values && values->kind != EG_Y_SEQ) {
		fail(c, values, "ResourceRecords", "a list of {Value}");
		return;
	}
	for (i = 0; values && i < values->nitems && !c->rc; i++) {
		const char *val = str(c, values->items[i], "Value");
		if (val)
			eg_strlist_push(c->m, &r->records, dns_name(c, val));
	}
}

static void read_route53(cli_ctx *c, const eg_ynode *root)
{
	const eg_ynode *list = root->kind == EG_Y_SEQ ? root : eg_ynode_get(root, "ResourceRecordSets");
	const char *base = root->kind == EG_Y_SEQ ? "" : "/ResourceRecordSets";
	size_t i;

	for (i = 0; i < list->nitems && !c->rc; i++) {
		if (list->items[i]->kind != EG_Y_MAP) {
			fail(c, list->items[i], "ResourceRecordSets", "a list of record sets");
			return;
		}
		read_record(c, list->items[i], ptr_i(c, base, i));
	}
}

int eg_ingest_awscli(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err)
{
	cli_ctx c;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.src = src;
	c.err = err;
	if (src->format == EG_FMT_AWS_ROUTE53)
		read_route53(&c, doc->root);
	else
		read_cloudfront(&c, doc->root);
	return c.rc;
}

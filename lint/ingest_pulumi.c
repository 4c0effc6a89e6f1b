/* ingest_pulumi.c - Pulumi stack exports and previews (and SST v3) into the
 * model.
 *
 * `pulumi stack export` prints {version: 3, deployment: {resources[]}}
 * (`sst state export` the checkpoint around it, {stack, latest}), each
 * resource {urn, type, id, inputs, outputs, parent, propertyDependencies...};
 * outputs are what is deployed, so they win over inputs.  `pulumi preview
 * --json` prints {steps[{op, urn, oldState?, newState?}]}, each state shaped
 * like an exported resource; a create has inputs only.  Properties mirror
 * the Terraform schema in camelCase, single blocks as objects and repeated
 * ones as lists.
 *
 * A value Pulumi does not know yet is the string UNKNOWN_SENTINEL.  A secret
 * is an object keyed by SECRET_SIG in an export and the string "[secret]" in
 * a preview; both read as unknown and their content is never copied.
 * Resources are matched on their `type`, never on the URN: SST v3 nests
 * components, so a URN's type part is a `$`-separated chain.  An address is
 * the resource name, the stack "<project>/<stack>".
 *
 * What a property was computed from is in propertyDependencies: an origin
 * whose domain is unknown takes its kind, name and tags from the one bucket
 * or load balancer it depends on, and a DNS alias whose target is unknown is
 * linked to the distribution it depends on.
 */
#include "dialect.h"

#include "map.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define UNKNOWN_SENTINEL "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
#define SECRET_SIG "4dabf18193072939515e22adb298388d"
#define PREVIEW_SECRET "[secret]"
#define DIST_TYPE "aws:cloudfront/distribution:Distribution"
#define RECORD_TYPE "aws:route53/record:Record"
#define ZONE_TYPE "aws:route53/zone:Zone"

/* A resource of the file, by URN: what dependencies point at. */
typedef struct pu_res {
	const char *urn;       /* borrowed from the document */
	const char *type;      /* its `type`, or NULL */
	const eg_ynode *state; /* the resource (an export) or the step's state */
	const eg_ynode *props; /* outputs, else inputs; NULL when neither */
} pu_res;

typedef struct pu_ctx {
	eg_model *m;
	const eg_source *src;
	eg_error *err;
	int rc;            /* first error; later reads are no-ops */
	bool preview;
	pu_res *res;       /* eg_xmalloc'd index of the file's resources */
	size_t nres, res_alloc;
	const char **dists; /* URNs of the file's distributions (eg_xmalloc'd) */
	size_t ndists, dists_alloc;
	const char **zones; /* URNs of its hosted zones (eg_xmalloc'd) */
	size_t nzones, zones_alloc;
	const char **read; /* URNs of distributions and records already read (eg_xmalloc'd) */
	size_t nread, read_alloc;
} pu_ctx;

/* The parts of urn:pulumi:<stack>::<project>::<type chain>::<name>, pointing
 * into the URN; name runs to its end. */
typedef struct pu_urn {
	const char *stack, *project, *chain, *name;
	size_t nstack, nproject, nchain;
} pu_urn;

static bool parse_urn(const char *s, pu_urn *u)
{
	const char *p, *q;

	if (!s || strncmp(s, "urn:pulumi:", 11))
		return false;
	p = s + 11;
	if (!(q = strstr(p, "::")))
		return false;
	u->stack = p;
	u->nstack = (size_t)(q - p);
	p = q + 2;
	if (!(q = strstr(p, "::")))
		return false;
	u->project = p;
	u->nproject = (size_t)(q - p);
	p = q + 2;
	if (!(q = strstr(p, "::")))
		return false;
	u->chain = p;
	u->nchain = (size_t)(q - p);
	u->name = q + 2;
	return u->nstack && u->nproject && u->nchain && *u->name;
}

/* The resource's own type: the last link of the chain. */
static const char *urn_own_type(const pu_urn *u, size_t *len)
{
	const char *p = u->chain + u->nchain;

	while (p > u->chain && p[-1] != '$')
		p--;
	*len = (size_t)(u->chain + u->nchain - p);
	return p;
}

/* --- locations and errors -------------------------------------------------- */

static eg_loc at(pu_ctx *c, const eg_ynode *n, const char *pointer)
{
	return eg_map_node_loc(c->src, n, pointer);
}

#define ptr(c, parent, key) eg_map_ptr((c)->m, parent, key)
#define ptr_i(c, parent, i) eg_map_ptr_i((c)->m, parent, i)

static void fail(pu_ctx *c, const eg_ynode *n, const char *what, const char *expected)
{
	if (c->rc)
		return;
	c->rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, n ? n->line : 1, n ? n->col : 1,
			     "%s: expected %s, as `%s` prints it", what, expected,
			     c->preview ? "pulumi preview --json" : "pulumi stack export");
}

/* --- values ------------------------------------------------------------------ */

static bool is_null(const eg_ynode *n)
{
	return !n || eg_ynode_is_null(n);
}

/* Not known yet, or a secret. */
static bool is_unknown(const pu_ctx *c, const eg_ynode *n)
{
	if (!n)
		return false;
	if (n->kind == EG_Y_SCALAR)
		return n->quoted && (!strcmp(n->str, UNKNOWN_SENTINEL) ||
				     (c->preview && !strcmp(n->str, PREVIEW_SECRET)));
	return n->kind == EG_Y_MAP && eg_ynode_get(n, SECRET_SIG);
}

static const char *scalar_str(pu_ctx *c, const eg_ynode *n, const char *what)
{
	if (is_null(n))
		return NULL;
	if (is_unknown(c, n))
		return EG_UNKNOWN;
	if (n->kind != EG_Y_SCALAR) {
		fail(c, n, what, "a string");
		return NULL;
	}
	/* Outputs say "" for unset. */
	return n->len ? eg_arena_strndup(&c->m->arena, n->str, n->len) : NULL;
}

static const char *str(pu_ctx *c, const eg_ynode *map, const char *key)
{
	return scalar_str(c, eg_ynode_get(map, key), key);
}

/* A known string or NULL: for names and tags of referenced resources. */
static const char *known_str(const pu_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);

	if (!n || n->kind != EG_Y_SCALAR || !n->quoted || !n->len || is_unknown(c, n))
		return NULL;
	return n->str;
}

/* A member of the given kind: NULL when absent or null (or *unknown, when
 * the whole value is not known); any other kind is a shape error. */
static const eg_ynode *member(pu_ctx *c, const eg_ynode *map, const char *key,
			      eg_ynode_kind kind, bool *unknown)
{
	const eg_ynode *n = eg_ynode_get(map, key);

	*unknown = false;
	if (is_null(n))
		return NULL;
	if (is_unknown(c, n)) {
		*unknown = true;
		return NULL;
	}
	if (n->kind != kind) {
		fail(c, n, key, kind == EG_Y_MAP ? "an object" : "a list");
		return NULL;
	}
	return n;
}

/* A repeated block or list. */
static const eg_ynode *list(pu_ctx *c, const eg_ynode *map, const char *key, bool *unknown)
{
	return member(c, map, key, EG_Y_SEQ, unknown);
}

/* A list of strings; locs, when given, gets one location per item. */
static void strlist(pu_ctx *c, const eg_ynode *map, const char *key, const char *p,
		    eg_strlist *out, eg_loc **locs)
{
	bool unknown;
	const eg_ynode *l = list(c, map, key, &unknown);
	size_t i;

	out->unknown = unknown;
	if (!l)
		return;
	if (locs && l->nitems)
		*locs = eg_arena_alloc(&c->m->arena, l->nitems * sizeof(**locs));
	for (i = 0; i < l->nitems && !c->rc; i++) {
		const eg_ynode *it = l->items[i];
		if (is_unknown(c, it)) {
			eg_strlist_push(c->m, out, EG_UNKNOWN);
		} else if (it->kind == EG_Y_SCALAR && !eg_ynode_is_null(it)) {
			EG_ARENA_GROW(&c->m->arena, out->items, out->n + 1, out->alloc);
			out->items[out->n++] = eg_arena_strndup(&c->m->arena, it->str, it->len);
		} else {
			fail(c, it, key, "a list of strings");
			return;
		}
		if (locs)
			(*locs)[i] = at(c, it, ptr_i(c, ptr(c, p, key), i));
	}
}

static bool has_unknown(const eg_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (eg_is_unknown(l->items[i]))
			return true;
	return l->unknown;
}

/* Items of a list of objects; an unknown item is passed on as NULL. */
static const eg_ynode *object_list(pu_ctx *c, const eg_ynode *map, const char *key, bool *unknown)
{
	const eg_ynode *l = list(c, map, key, unknown);
	size_t i;

	for (i = 0; l && i < l->nitems; i++)
		if (l->items[i]->kind != EG_Y_MAP && !is_unknown(c, l->items[i])) {
			fail(c, l->items[i], key, "a list of objects");
			return NULL;
		}
	return l;
}

static const eg_ynode *item(const pu_ctx *c, const eg_ynode *l, size_t i)
{
	return is_unknown(c, l->items[i]) ? NULL : l->items[i];
}

/* --- the index of resources, and dependencies ---------------------------------- */

static int res_cmp(const void *a, const void *b)
{
	return strcmp(((const pu_res *)a)->urn, ((const pu_res *)b)->urn);
}

/* The indexed resource of urn (index_done sorted them), or NULL. */
static const pu_res *find_res(const pu_ctx *c, const char *urn)
{
	pu_res key;

	if (!c->nres)
		return NULL;
	key.urn = urn;
	return bsearch(&key, c->res, c->nres, sizeof(*c->res), res_cmp);
}

static void index_res(pu_ctx *c, const eg_ynode *state)
{
	const eg_ynode *urn = eg_ynode_get(state, "urn"), *type = eg_ynode_get(state, "type");
	const eg_ynode *outputs = eg_ynode_get(state, "outputs");
	pu_res *r;

	if (!urn || urn->kind != EG_Y_SCALAR)
		return;
	EG_ALLOC_GROW(c->res, c->nres + 1, c->res_alloc);
	r = &c->res[c->nres++];
	r->urn = urn->str;
	r->type = type && type->kind == EG_Y_SCALAR ? type->str : NULL;
	r->state = state;
	r->props = outputs && outputs->kind == EG_Y_MAP ? outputs : eg_ynode_get(state, "inputs");
	if (r->props && r->props->kind != EG_Y_MAP)
		r->props = NULL;
	if (r->type && !strcmp(r->type, DIST_TYPE)) {
		EG_ALLOC_GROW(c->dists, c->ndists + 1, c->dists_alloc);
		c->dists[c->ndists++] = r->urn;
	} else if (r->type && !strcmp(r->type, ZONE_TYPE)) {
		EG_ALLOC_GROW(c->zones, c->nzones + 1, c->zones_alloc);
		c->zones[c->nzones++] = r->urn;
	}
}

static void index_done(pu_ctx *c)
{
	if (c->nres)
		qsort(c->res, c->nres, sizeof(*c->res), res_cmp);
}

/* Whether urn is of type: by the indexed resource's `type`, else by the URN. */
static bool urn_is(const pu_ctx *c, const char *urn, const char *type)
{
	const pu_res *r = find_res(c, urn);
	const char *own;
	size_t n;
	pu_urn u;

	if (r && r->type)
		return !strcmp(r->type, type);
	if (!parse_urn(urn, &u))
		return false;
	own = urn_own_type(&u, &n);
	return n == strlen(type) && !strncmp(own, type, n);
}

static const char *urn_type(pu_ctx *c, const char *urn)
{
	const pu_res *r = find_res(c, urn);
	const char *own;
	size_t n;
	pu_urn u;

	if (r && r->type)
		return r->type;
	if (!parse_urn(urn, &u))
		return NULL;
	own = urn_own_type(&u, &n);
	return eg_arena_strndup(&c->m->arena, own, n);
}

/* The URNs property key of state was computed from (propertyDependencies),
 * or NULL. */
static const eg_ynode *deps_of(pu_ctx *c, const eg_ynode *state, const char *key)
{
	const eg_ynode *pd = eg_ynode_get(state, "propertyDependencies"), *l;
	size_t i;

	if (is_null(pd))
		return NULL;
	if (pd->kind != EG_Y_MAP) {
		fail(c, pd, "propertyDependencies", "an object");
		return NULL;
	}
	l = eg_ynode_get(pd, key);
	if (is_null(l))
		return NULL;
	if (l->kind != EG_Y_SEQ) {
		fail(c, l, "propertyDependencies", "lists of URNs");
		return NULL;
	}
	for (i = 0; i < l->nitems; i++)
		if (l->items[i]->kind != EG_Y_SCALAR) {
			fail(c, l->items[i], "propertyDependencies", "lists of URNs");
			return NULL;
		}
	return l;
}

/* The one URN of type among deps (duplicates count once), or NULL when
 * there is none or several. */
static const char *dep_of_type(const pu_ctx *c, const eg_ynode *deps, const char *type)
{
	const char *found = NULL;
	size_t i;

	for (i = 0; deps && i < deps->nitems; i++) {
		const char *urn = deps->items[i]->str;
		if (!urn_is(c, urn, type) || (found && !strcmp(found, urn)))
			continue;
		if (found)
			return NULL;
		found = urn;
	}
	return found;
}

/* A resource's address: its name, or its type chain and name when another
 * distribution of the file shares the name (two SST components can). */
static const char *address_of(pu_ctx *c, const pu_urn *u)
{
	bool shared = false;
	size_t i;
	pu_urn o;

	for (i = 0; i < c->ndists && !shared; i++)
		shared = parse_urn(c->dists[i], &o) && !strcmp(o.name, u->name) &&
			 (o.nchain != u->nchain || strncmp(o.chain, u->chain, u->nchain));
	if (shared)
		return eg_arena_printf(&c->m->arena, "%.*s::%s", (int)u->nchain, u->chain, u->name);
	return eg_arena_strdup(&c->m->arena, u->name);
}

static const char *stack_of(pu_ctx *c, const pu_urn *u)
{
	return eg_arena_printf(&c->m->arena, "%.*s/%.*s", (int)u->nproject, u->project,
			       (int)u->nstack, u->stack);
}

/* "sst:aws:Router > sst:aws:CDN" for a resource nested in components, else NULL. */
static const char *parent_chain(pu_ctx *c, const pu_urn *u)
{
	size_t own, i, n = 0;
	char *out;

	urn_own_type(u, &own);
	if (own == u->nchain)
		return NULL;
	out = eg_arena_alloc(&c->m->arena, 3 * (u->nchain - own) + 1);
	for (i = 0; i + own + 1 < u->nchain; i++) {
		if (u->chain[i] == '$') {
			memcpy(out + n, " > ", 3);
			n += 3;
		} else {
			out[n++] = u->chain[i];
		}
	}
	out[n] = '\0';
	return out;
}

/* Whether a distribution or record of this URN was read already: a
 * replacement shows as `replace` and, with --show-replacement-steps, also as
 * `create-replacement` (action "replace" for both).  Other URNs are unique. */
static bool already_read(pu_ctx *c, const char *urn, const char *action)
{
	size_t i;

	if (!action || strcmp(action, "replace"))
		return false;
	for (i = 0; i < c->nread; i++)
		if (!strcmp(c->read[i], urn))
			return true;
	EG_ALLOC_GROW(c->read, c->nread + 1, c->read_alloc);
	c->read[c->nread++] = urn;
	return false;
}

/* --- distributions --------------------------------------------------------------- */

static const struct {
	const char *type;
	eg_origin_kind kind;
} ref_kinds[] = {
	{ "aws:s3/bucket:Bucket", EG_ORIGIN_S3 },
	{ "aws:s3/bucketV2:BucketV2", EG_ORIGIN_S3 },
	{ "aws:lb/loadBalancer:LoadBalancer", EG_ORIGIN_LB },
	{ "aws:alb/loadBalancer:LoadBalancer", EG_ORIGIN_LB },
	{ "aws:elb/loadBalancer:LoadBalancer", EG_ORIGIN_LB },
	{ "aws:lambda/functionUrl:FunctionUrl", EG_ORIGIN_LAMBDA_URL },
	{ DIST_TYPE, EG_ORIGIN_CLOUDFRONT },
};

/* Dependencies of origins that are not where a domain comes from. */
static bool origin_side_dep(const pu_ctx *c, const char *urn)
{
	return urn_is(c, urn, "aws:cloudfront/originAccessControl:OriginAccessControl") ||
	       urn_is(c, urn, "aws:cloudfront/originAccessIdentity:OriginAccessIdentity");
}

static void ref_tags(pu_ctx *c, eg_origin *o, const eg_ynode *props)
{
	const eg_ynode *tags = eg_ynode_get(props, "tags");
	size_t i;

	if (!tags || tags->kind != EG_Y_MAP || is_unknown(c, tags))
		tags = eg_ynode_get(props, "tagsAll");
	if (!tags || tags->kind != EG_Y_MAP || is_unknown(c, tags))
		return;
	for (i = 0; i < tags->npairs; i++) {
		const char *v = known_str(c, tags, tags->pairs[i].key->str);
		if (v && strcmp(tags->pairs[i].key->str, "__defaults"))
			eg_model_add_ref_tag(c->m, o, tags->pairs[i].key->str, v);
	}
}

/* Origins whose domain is unknown: what their domains are computed from.
 * Every such dependency of one type gives the kind; a single one also the
 * name, bucket or load balancer name and tags. */
static void origin_refs(pu_ctx *c, eg_distribution *d, const eg_ynode *state, const pu_urn *du)
{
	const eg_ynode *deps = deps_of(c, state, "origins");
	const char *one = NULL, *type = NULL;
	eg_origin_kind kind = EG_ORIGIN_UNKNOWN;
	size_t i, distinct = 0;
	pu_urn u;

	for (i = 0; deps && i < deps->nitems; i++) {
		const char *urn = deps->items[i]->str, *t;
		size_t j;
		for (j = 0; j < i && strcmp(deps->items[j]->str, urn); j++)
			;
		if (j < i || origin_side_dep(c, urn))
			continue; /* counted already, or not where a domain comes from */
		t = urn_type(c, urn);
		if (!t)
			return;
		if (type && strcmp(type, t))
			return; /* of several kinds: which origin has which is not said */
		type = t;
		one = urn;
		distinct++;
	}
	if (!distinct)
		return;
	for (i = 0; i < EG_ARRAY_SIZE(ref_kinds); i++)
		if (!strcmp(ref_kinds[i].type, type))
			kind = ref_kinds[i].kind;
	for (i = 0; i < d->norigins; i++) {
		eg_origin *o = d->origins[i];
		eg_origin_kind k = kind;
		const pu_res *r;
		if (!eg_is_unknown(o->domain))
			continue;
		/* A bucket behind a custom origin config is its website endpoint. */
		if (k == EG_ORIGIN_S3 && o->protocol_policy && !eg_is_unknown(o->protocol_policy) &&
		    o->s3_config == EG_TRI_FALSE)
			k = EG_ORIGIN_S3_WEBSITE;
		if (distinct > 1) {
			if (k == EG_ORIGIN_UNKNOWN)
				continue;
			o->kind = k;
			o->kind_source = eg_arena_printf(&c->m->arena, "reference to one of %zu %s",
							 distinct, type);
			continue;
		}
		if (!parse_urn(one, &u))
			continue;
		o->ref = eg_arena_strdup(&c->m->arena, u.name);
		o->ref_same_stack = u.nstack == du->nstack && !strncmp(u.stack, du->stack, u.nstack);
		if (k != EG_ORIGIN_UNKNOWN) {
			o->kind = k;
			o->kind_source = eg_arena_printf(&c->m->arena, "reference to %s (%s)", o->ref, type);
		}
		if ((r = find_res(c, one)) && r->props) {
			const char *name = known_str(c, r->props, strstr(type, ":s3/") ? "bucket" : "name");
			o->ref_name = name ? eg_arena_strdup(&c->m->arena, name) : NULL;
			ref_tags(c, o, r->props);
		}
	}
}

/* tags, with tagsAll (the provider's default tags) filling in keys tags lacks. */
static void read_tags(pu_ctx *c, eg_distribution *d, const eg_ynode *props)
{
	static const char *const keys[] = { "tags", "tagsAll" };
	bool missing = false;
	size_t k, i;

	for (k = 0; k < EG_ARRAY_SIZE(keys) && !c->rc; k++) {
		const eg_ynode *tags = eg_ynode_get(props, keys[k]);
		if (is_null(tags)) {
			if (k == 0)
				missing = true;
			continue;
		}
		if (is_unknown(c, tags)) {
			/* A secret tagsAll next to known tags hides only default tags. */
			if (k == 0 || missing)
				d->tags_unknown = true;
			continue;
		}
		if (tags->kind != EG_Y_MAP) {
			fail(c, tags, keys[k], "an object of tag values");
			return;
		}
		if (k == 1)
			d->tags_unknown = false; /* tagsAll holds tags */
		for (i = 0; i < tags->npairs; i++) {
			const char *key = tags->pairs[i].key->str;
			if (!strcmp(key, "__defaults") || eg_distribution_tag(d, key))
				continue;
			eg_model_add_tag(c->m, d, key, scalar_str(c, tags->pairs[i].value, keys[k]));
		}
	}
}

/* Pulumi's spelling of a distribution: the aws provider's arguments in
 * camelCase; a nested block is an object. */
static const eg_map_path pu_paths[] = {
	{ "dist.comment", "comment" },
	{ "dist.enabled", "enabled" },
	{ "dist.staging", "staging" },
	{ "dist.continuous_deployment_policy_id", "continuousDeploymentPolicyId" },
	{ "dist.http_version", "httpVersion" },
	{ "dist.ipv6", "isIpv6Enabled" },
	{ "dist.price_class", "priceClass" },
	{ "dist.default_root_object", "defaultRootObject" },
	{ "dist.web_acl_id", "webAclId" },
	{ "dist.aliases", "aliases" },
	{ "dist.logging", "?loggingConfig" },
	{ "dist.logging_bucket", "loggingConfig.bucket" },
	{ "dist.logging_prefix", "loggingConfig.prefix" },
	{ "dist.logging_cookies", "loggingConfig.includeCookies" },
	{ "dist.geo_restriction", "restrictions.geoRestriction.restrictionType" },
	{ "dist.geo_locations", "restrictions.geoRestriction.locations" },
	{ "dist.viewer_certificate", "viewerCertificate" },
	{ "dist.acm_certificate_arn", "viewerCertificate.acmCertificateArn" },
	{ "dist.iam_certificate_id", "viewerCertificate.iamCertificateId" },
	{ "dist.default_certificate", "viewerCertificate.cloudfrontDefaultCertificate" },
	{ "dist.minimum_protocol_version", "viewerCertificate.minimumProtocolVersion" },
	{ "dist.ssl_support_method", "viewerCertificate.sslSupportMethod" },
	{ "dist.origins", "origins" },
	{ "dist.origin_groups", "originGroups" },
	{ "dist.behaviors", "orderedCacheBehaviors" },
	{ "dist.default_behavior", "defaultCacheBehavior" },
	{ "dist.error_responses", "customErrorResponses" },
	{ "origin.id", "originId" },
	{ "origin.domain", "domainName" },
	{ "origin.path", "originPath" },
	{ "origin.s3_config", "?s3OriginConfig" },
	{ "origin.oai", "s3OriginConfig.originAccessIdentity" },
	{ "origin.oac_id", "originAccessControlId" },
	{ "origin.custom_config", "?customOriginConfig" },
	{ "origin.protocol_policy", "customOriginConfig.originProtocolPolicy" },
	{ "origin.ssl_protocols", "customOriginConfig.originSslProtocols" },
	{ "origin.http_port", "customOriginConfig.httpPort" },
	{ "origin.https_port", "customOriginConfig.httpsPort" },
	{ "origin.shield", "originShield.enabled" },
	{ "origin.shield_region", "originShield.originShieldRegion" },
	{ "origin.vpc_origin_id", "vpcOriginConfig.vpcOriginId" },
	{ "origin.headers", "customHeaders" },
	{ "header.name", "name" },
	{ "header.value", "value" },
	{ "group.id", "originId" },
	{ "group.failover_codes", "failoverCriteria.statusCodes" },
	{ "group.members", "members" },
	{ "member.origin_id", "originId" },
	{ "behavior.path_pattern", "pathPattern" },
	{ "behavior.target_origin_id", "targetOriginId" },
	{ "behavior.allowed_methods", "allowedMethods" },
	{ "behavior.cached_methods", "cachedMethods" },
	{ "behavior.viewer_protocol_policy", "viewerProtocolPolicy" },
	{ "behavior.compress", "compress" },
	{ "behavior.cache_policy_id", "cachePolicyId" },
	{ "behavior.origin_request_policy_id", "originRequestPolicyId" },
	{ "behavior.response_headers_policy_id", "responseHeadersPolicyId" },
	{ "behavior.forward_query_string", "forwardedValues.queryString" },
	{ "behavior.forward_cookies", "forwardedValues.cookies.forward" },
	{ "behavior.forward_cookie_names", "forwardedValues.cookies.whitelistedNames" },
	{ "behavior.forward_headers", "forwardedValues.headers" },
	{ "behavior.min_ttl", "minTtl" },
	{ "behavior.default_ttl", "defaultTtl" },
	{ "behavior.max_ttl", "maxTtl" },
	{ "behavior.trusted_key_groups", "trustedKeyGroups" },
	{ "behavior.trusted_signers", "trustedSigners" },
	{ "behavior.field_level_encryption_id", "fieldLevelEncryptionId" },
	{ "behavior.functions", "functionAssociations" },
	{ "behavior.lambdas", "lambdaFunctionAssociations" },
	{ "function.event_type", "eventType" },
	{ "function.arn", "functionArn" },
	{ "lambda.event_type", "eventType" },
	{ "lambda.arn", "lambdaArn" },
	{ "lambda.include_body", "includeBody" },
	{ "error.error_code", "errorCode" },
	{ "error.response_code", "responseCode" },
	{ "error.page_path", "responsePagePath" },
	{ "error.min_ttl", "errorCachingMinTtl" },
	{ "certificate.arn", "arn" },
	{ "certificate.id", "arn" },
	{ "certificate.domain", "domainName" },
	{ "certificate.sans", "subjectAlternativeNames" },
	{ "oac.id", "id" },
	{ "oac.name", "name" },
	{ "oac.origin_type", "originAccessControlOriginType" },
	{ "oac.signing_behavior", "signingBehavior" },
	{ "cache_policy.id", "id" },
	{ "cache_policy.max_ttl", "maxTtl" },
	{ "cache_policy.name", "name" },
	{ "cache_policy.header_behavior",
	  "parametersInCacheKeyAndForwardedToOrigin.headersConfig.headerBehavior" },
	{ "cache_policy.headers", "parametersInCacheKeyAndForwardedToOrigin.headersConfig.headers.items" },
	{ "cache_policy.cookie_behavior",
	  "parametersInCacheKeyAndForwardedToOrigin.cookiesConfig.cookieBehavior" },
	{ "cache_policy.cookies", "parametersInCacheKeyAndForwardedToOrigin.cookiesConfig.cookies.items" },
	{ "cache_policy.query_behavior",
	  "parametersInCacheKeyAndForwardedToOrigin.queryStringsConfig.queryStringBehavior" },
	{ "origin_request_policy.id", "id" },
	{ "origin_request_policy.name", "name" },
	{ "origin_request_policy.header_behavior", "headersConfig.headerBehavior" },
	{ "origin_request_policy.headers", "headersConfig.headers.items" },
	{ "origin_request_policy.cookie_behavior", "cookiesConfig.cookieBehavior" },
	{ "origin_request_policy.cookies", "cookiesConfig.cookies.items" },
	{ "origin_request_policy.query_behavior", "queryStringsConfig.queryStringBehavior" },
	{ "bucket.name", "bucket" },
	{ "bucket.arn", "arn" },
	{ "bucket.region", "region" },
	{ "bucket.website", "?website" },
	{ "lambda_function.id", "qualifiedArn" },
	{ "lambda_function.arn", "qualifiedArn" },
	{ "lambda_function.name", "name" },
	{ "lambda_function.version", "version" },
	{ "lambda_function.environment_variables", "?environment.variables" },
	{ "lambda_function.vpc", "?vpcConfig.subnetIds" },
	{ "lambda_function.layers", "layers" },
	{ "lambda_function.package_type", "packageType" },
	{ "zone.id", "zoneId" },
	{ "zone.name", "name" },
	{ "zone.private_zone", "?vpcs" },
	{ "cd_policy.id", "id" },
	{ "cd_policy.staging_domains", "stagingDistributionDnsNames.items" },
	{ "listener_rule.id", "arn" },
	{ "listener_rule.arn", "arn" },
	{ "listener_rule.listener", "listenerArn" },
	{ "listener_rule.priority", "priority" },
	{ "listener_rule.path_patterns", "conditions.*.pathPattern.values" },
	{ "listener_rule.host_headers", "conditions.*.hostHeader.values" },
	{ "listener_rule.http_methods", "conditions.*.httpRequestMethod.values" },
	{ "api_route.id", "id" },
	{ "api_route.route_key", "routeKey" },
	{ "api_route.api_id", "apiId" },
	{ "api_route.target", "target" },
	{ NULL, NULL },
};

static eg_mval pu_value(pu_ctx *c, const eg_ynode *n, const char *pointer, const char *key,
			const eg_loc *parent)
{
	eg_mval v;

	memset(&v, 0, sizeof(v));
	v.key = key;
	if (is_null(n)) {
		v.state = EG_MV_ABSENT;
		v.loc = *parent;
		return v;
	}
	v.state = is_unknown(c, n) ? EG_MV_UNKNOWN : EG_MV_VALUE;
	v.node = n;
	v.loc = at(c, n, pointer);
	return v;
}

static eg_mval pu_member(void *ctx, const eg_mval *obj, const char *key)
{
	pu_ctx *c = ctx;
	const eg_ynode *map = obj->node;

	if (map->kind != EG_Y_MAP) {
		fail(c, map, obj->key ? obj->key : key, "an object");
		return pu_value(c, NULL, NULL, key, &obj->loc);
	}
	return pu_value(c, eg_ynode_get(map, key), ptr(c, obj->loc.pointer, key), key, &obj->loc);
}

static size_t pu_count(void *ctx, const eg_mval *v)
{
	const eg_ynode *n = v->node;

	(void)ctx;
	return n->kind == EG_Y_SEQ ? n->nitems : n->kind == EG_Y_MAP;
}

static eg_mval pu_item(void *ctx, const eg_mval *v, size_t i)
{
	pu_ctx *c = ctx;
	const eg_ynode *n = v->node;

	if (n->kind != EG_Y_SEQ)
		return *v;
	return pu_value(c, n->items[i], ptr_i(c, v->loc.pointer, i), v->key, &v->loc);
}

static const char *pu_text(void *ctx, const eg_mval *v)
{
	return scalar_str(ctx, v->node, v->key ? v->key : "value");
}

static eg_tri pu_flag(void *ctx, const eg_mval *v)
{
	pu_ctx *c = ctx;
	const eg_ynode *n = v->node;
	bool b;

	if (n->kind != EG_Y_SCALAR || !eg_ynode_bool(n, &b)) {
		fail(c, n, v->key, "true or false");
		return EG_TRI_UNKNOWN;
	}
	return b ? EG_TRI_TRUE : EG_TRI_FALSE;
}

/* Pulumi prints what the provider's schema says: a list is a list, a
 * nested block an object; an unknown item stands in for any shape. */
static bool pu_expect(void *ctx, const eg_mval *v, eg_shape shape)
{
	pu_ctx *c = ctx;
	const eg_ynode *n = v->node;
	size_t i;

	if (shape == EG_SHAPE_OBJECT) {
		if (n->kind != EG_Y_MAP)
			fail(c, n, v->key, "an object");
		return n->kind == EG_Y_MAP;
	}
	if (n->kind != EG_Y_SEQ) {
		fail(c, n, v->key, "a list");
		return false;
	}
	for (i = 0; i < n->nitems; i++) {
		const eg_ynode *it = n->items[i];
		if (is_unknown(c, it) || it->kind == (shape == EG_SHAPE_LIST ? EG_Y_SCALAR : EG_Y_MAP))
			continue;
		fail(c, it, v->key, shape == EG_SHAPE_LIST ? "a list of strings" : "a list of objects");
		return false;
	}
	return true;
}

static const eg_dialect pu_dialect = {
	"pulumi", pu_member, pu_count, pu_item, pu_text, pu_flag, NULL, pu_expect, pu_paths,
};

/* The distribution's configuration: props are its outputs or inputs. */
static void read_config(pu_ctx *c, eg_distribution *d, const eg_ynode *props, const char *pp,
			const eg_ynode *near)
{
	const eg_ynode *aliases = eg_ynode_get(props, "aliases");
	eg_mapper mp = { &pu_dialect, c, c->m };
	eg_loc near_loc = at(c, near, pp);
	eg_mval root = pu_value(c, props, pp, NULL, &near_loc);

	if (aliases && !is_null(aliases) && !is_unknown(c, aliases) && aliases->kind != EG_Y_SEQ) {
		fail(c, aliases, "aliases", "a list of host names");
		return;
	}
	read_tags(c, d, props);
	eg_map_distribution(&mp, d, &root);
	if (!aliases)
		d->aliases_loc = at(c, near, ptr(c, pp, "aliases"));
}

/* outputs when the state has them (what is deployed), else inputs. */
static const eg_ynode *props_of(pu_ctx *c, const eg_ynode *state, const char *sp, const char **pp)
{
	const eg_ynode *outputs = eg_ynode_get(state, "outputs");
	const eg_ynode *inputs = eg_ynode_get(state, "inputs");

	if (!is_null(outputs)) {
		if (outputs->kind != EG_Y_MAP) {
			fail(c, outputs, "outputs", "an object");
			return NULL;
		}
		*pp = ptr(c, sp, "outputs");
		return outputs;
	}
	*pp = ptr(c, sp, "inputs");
	if (is_null(inputs))
		return NULL;
	if (inputs->kind != EG_Y_MAP) {
		fail(c, inputs, "inputs", "an object");
		return NULL;
	}
	return inputs;
}

static bool parse_urn_of(pu_ctx *c, const eg_ynode *state, pu_urn *u)
{
	const eg_ynode *urn = eg_ynode_get(state, "urn");

	if (!urn || urn->kind != EG_Y_SCALAR || !parse_urn(urn->str, u)) {
		fail(c, urn ? urn : state, "urn", "urn:pulumi:<stack>::<project>::<type>::<name>");
		return false;
	}
	return true;
}

/* A distribution from a resource or a step's newState.  node and p are
 * where it is reported (the resource, or the step); old is the step's
 * oldState when it describes the same distribution before this change. */
static eg_distribution *read_distribution(pu_ctx *c, const eg_ynode *node, const char *p,
					  const eg_ynode *state, const char *sp, const char *action)
{
	const eg_ynode *props;
	const char *pp = NULL;
	eg_distribution *d;
	eg_loc loc;
	pu_urn u;

	if (!parse_urn_of(c, state, &u) || already_read(c, eg_ynode_get(state, "urn")->str, action))
		return NULL;
	props = props_of(c, state, sp, &pp);
	if (c->rc)
		return NULL;
	loc = at(c, node, p);
	d = eg_model_add_distribution(c->m, &loc, address_of(c, &u));
	d->name = eg_arena_strdup(&c->m->arena, u.name);
	d->stack = stack_of(c, &u);
	d->construct_path = parent_chain(c, &u);
	d->action = action;
	d->id = str(c, props, "id");
	d->arn = str(c, props, "arn");
	if (!d->id)
		d->id = str(c, state, "id");
	d->domain_name = str(c, props, "domainName");
	read_config(c, d, props, pp, state);
	if (!c->rc)
		origin_refs(c, d, state, &u);
	eg_map_defaults(c->m, d);
	return d;
}

/* --- Route 53 ------------------------------------------------------------------ */

/* A boolean of an alias target: false when not written, unknown until
 * the provider knows it. */
static eg_tri alias_flag(pu_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);
	bool b;

	if (!n || (n->kind == EG_Y_SCALAR && eg_ynode_is_null(n)))
		return EG_TRI_FALSE;
	if (is_unknown(c, n) || n->kind != EG_Y_SCALAR || !eg_ynode_bool(n, &b))
		return EG_TRI_UNKNOWN;
	return b ? EG_TRI_TRUE : EG_TRI_FALSE;
}

/* The name of the hosted zone a record is in, when the file says. */
static const char *zone_name(pu_ctx *c, const eg_ynode *state, const char *zone_id)
{
	const char *urn = dep_of_type(c, deps_of(c, state, "zoneId"), ZONE_TYPE);
	const pu_res *r = urn ? find_res(c, urn) : NULL;
	size_t i;

	for (i = 0; !r && zone_id && !eg_is_unknown(zone_id) && i < c->nzones; i++) {
		const pu_res *z = find_res(c, c->zones[i]);
		const char *id = z ? known_str(c, z->props, "zoneId") : NULL;
		if (id && !strcmp(id, zone_id))
			r = z;
	}
	return r ? known_str(c, r->props, "name") : NULL;
}

/* The host a record answers for.  The provider appends the zone's name to a
 * name that does not end with it; fqdn (an output) says the result. */
static const char *record_name(pu_ctx *c, const eg_ynode *state, const eg_ynode *props,
			       const char *zone_id)
{
	const char *fqdn = str(c, props, "fqdn"), *name = str(c, props, "name"), *zone;
	size_t nl, zl;

	if (fqdn && !eg_is_unknown(fqdn))
		return fqdn;
	if (!name || eg_is_unknown(name))
		return name;
	zone = zone_name(c, state, zone_id);
	if (zone) {
		nl = strlen(name);
		zl = strlen(zone);
		if (zl && zone[zl - 1] == '.')
			zl--;
		if (nl && name[nl - 1] == '.')
			nl--;
		if ((nl == zl && !strncasecmp(name, zone, zl)) ||
		    (nl > zl && name[nl - zl - 1] == '.' && !strncasecmp(name + nl - zl, zone, zl)))
			return name;
		return eg_arena_printf(&c->m->arena, "%.*s.%.*s", (int)nl, name, (int)zl, zone);
	}
	/* A relative name gets a zone name appended that the file does not hold. */
	return strchr(name, '.') ? name : EG_UNKNOWN;
}

/* An alias whose target is not known yet: the distribution it is computed
 * from, or EG_UNKNOWN when it may be one that cannot be named. */
static void alias_target(pu_ctx *c, eg_dns_record *r, const eg_ynode *state)
{
	const eg_ynode *deps = deps_of(c, state, "aliases");
	const char *dist_urn = dep_of_type(c, deps, DIST_TYPE);
	bool cf_zone = r->alias_zone_id && !eg_is_unknown(r->alias_zone_id) &&
		       (!strcmp(r->alias_zone_id, EG_CF_ZONE_ID) ||
			!strcmp(r->alias_zone_id, EG_CF_ZONE_ID_CN));
	pu_urn u;

	if (dist_urn && parse_urn(dist_urn, &u)) {
		r->target_ref = address_of(c, &u);
		/* The zone of a distribution is CloudFront's, in one partition or
		 * the other. */
		if (eg_is_unknown(r->alias_zone_id)) {
			eg_strlist_push(c->m, &r->alias_zone_candidates, EG_CF_ZONE_ID);
			eg_strlist_push(c->m, &r->alias_zone_candidates, EG_CF_ZONE_ID_CN);
		}
		return;
	}
	/* CloudFront's zone, or a target from nothing this stack creates (a
	 * stack reference): it may be a distribution. */
	if (cf_zone || !deps || !deps->nitems ||
	    dep_of_type(c, deps, "pulumi:pulumi:StackReference"))
		r->target_ref = EG_UNKNOWN;
}

/* A record from a resource or a step's newState; action as for distributions. */
static void read_record(pu_ctx *c, const eg_ynode *node, const char *p, const eg_ynode *state,
			const char *sp, const char *action)
{
	const eg_ynode *props, *aliases;
	const char *pp = NULL, *dist_urn;
	eg_dns_record *r;
	bool unknown;
	eg_loc loc;
	pu_urn u;

	if (!parse_urn_of(c, state, &u) || already_read(c, eg_ynode_get(state, "urn")->str, action))
		return;
	props = props_of(c, state, sp, &pp);
	if (c->rc)
		return;
	loc = at(c, node, p);
	r = eg_model_add_record(c->m, &loc, u.name);
	r->stack = stack_of(c, &u);
	r->construct_path = parent_chain(c, &u);
	r->type = str(c, props, "type");
	r->zone_id = str(c, props, "zoneId");
	r->name = record_name(c, state, props, r->zone_id);
	r->set_identifier = str(c, props, "setIdentifier");
	strlist(c, props, "records", pp, &r->records, NULL);
	aliases = object_list(c, props, "aliases", &unknown);
	if (unknown || (aliases && aliases->nitems && !item(c, aliases, 0))) {
		r->alias_name = r->alias_zone_id = EG_UNKNOWN;
	} else if (aliases && aliases->nitems) {
		r->alias_name = str(c, aliases->items[0], "name");
		r->alias_zone_id = str(c, aliases->items[0], "zoneId");
		r->evaluate_target_health = alias_flag(c, aliases->items[0], "evaluateTargetHealth");
		if (!r->alias_name)
			r->alias_name = EG_UNKNOWN;
	}
	if (c->rc)
		return;
	if (eg_is_unknown(r->alias_name))
		alias_target(c, r, state);
	else if (has_unknown(&r->records) &&
		 (dist_urn = dep_of_type(c, deps_of(c, state, "records"), DIST_TYPE)) &&
		 parse_urn(dist_urn, &u))
		r->target_ref = address_of(c, &u); /* a CNAME to a distribution being created */
}

/* --- exports and previews --------------------------------------------------------- */

/* A resource whose type names a CloudFront distribution edgegate does not
 * read (aws-native:cloudfront:Distribution) fails the run: its aliases
 * and behaviors would go unchecked.  true when c->rc is now set. */
static bool unread_distribution(pu_ctx *c, const eg_ynode *state)
{
	const eg_ynode *t = eg_ynode_get(state, "type");

	if (!t || t->kind != EG_Y_SCALAR || !eg_cloudfront_like_type(t->str) ||
	    !strcmp(t->str, DIST_TYPE) || c->rc)
		return false;
	c->rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, t->line, t->col,
			     "%s is a CloudFront distribution, but edgegate reads only %s: its "
			     "aliases, origins and behaviors would go unchecked (the gate fails "
			     "closed)", t->str, DIST_TYPE);
	return true;
}

static bool type_is(const eg_ynode *state, const char *type)
{
	const eg_ynode *t = eg_ynode_get(state, "type");
	return t && t->kind == EG_Y_SCALAR && !strcmp(t->str, type);
}

static bool flag(const eg_ynode *state, const char *key)
{
	bool b;
	return eg_ynode_bool(eg_ynode_get(state, key), &b) && b;
}

/* `pulumi stack export` prints {version: 3, deployment}; `sst state export`
 * prints the checkpoint around it, {stack, latest}, with no version. */
/* A resource that CloudFront objects point at, from its outputs (or
 * inputs); other types are not read. */
static void read_resource(pu_ctx *c, const eg_ynode *state, const char *sp)
{
	static const struct {
		const char *type;
		eg_res_kind kind;
	} kinds[] = {
		{ "aws:acm/certificate:Certificate", EG_RES_CERTIFICATE },
		{ "aws:cloudfront/originAccessControl:OriginAccessControl", EG_RES_OAC },
		{ "aws:cloudfront/cachePolicy:CachePolicy", EG_RES_CACHE_POLICY },
		{ "aws:cloudfront/originRequestPolicy:OriginRequestPolicy",
		  EG_RES_ORIGIN_REQUEST_POLICY },
		{ "aws:s3/bucket:Bucket", EG_RES_BUCKET },
		{ "aws:s3/bucketV2:BucketV2", EG_RES_BUCKET },
		{ "aws:lambda/function:Function", EG_RES_LAMBDA },
		{ "aws:route53/zone:Zone", EG_RES_ZONE },
		{ "aws:cloudfront/continuousDeploymentPolicy:ContinuousDeploymentPolicy",
		  EG_RES_CD_POLICY },
		{ "aws:lb/listenerRule:ListenerRule", EG_RES_LISTENER_RULE },
		{ "aws:alb/listenerRule:ListenerRule", EG_RES_LISTENER_RULE },
		{ "aws:apigatewayv2/route:Route", EG_RES_API_ROUTE },
	};
	eg_mapper mp = { &pu_dialect, c, c->m };
	const eg_ynode *props;
	const char *pp = NULL;
	eg_resource *r;
	eg_mval root;
	eg_loc loc;
	pu_urn u;
	size_t i;

	for (i = 0; i < EG_ARRAY_SIZE(kinds) && !type_is(state, kinds[i].type); i++)
		;
	if (i == EG_ARRAY_SIZE(kinds) || !parse_urn_of(c, state, &u))
		return;
	props = props_of(c, state, sp, &pp);
	if (c->rc || !props)
		return;
	loc = at(c, state, sp);
	r = eg_model_add_resource(c->m, &loc, kinds[i].kind, address_of(c, &u));
	root = pu_value(c, props, pp, NULL, &loc);
	eg_map_resource(&mp, r, &root);
	if (!r->id && kinds[i].kind != EG_RES_BUCKET)
		r->id = str(c, state, "id");
}

static void read_export(pu_ctx *c, const eg_ynode *root)
{
	const eg_ynode *version = eg_ynode_get(root, "version");
	const eg_ynode *dep = eg_ynode_get(root, "deployment"), *res;
	const char *where = "deployment.resources", *base = "/deployment/resources";
	size_t i;

	if (!dep && eg_ynode_get(root, "latest")) {
		dep = eg_ynode_get(root, "latest");
		where = "latest.resources";
		base = "/latest/resources";
	} else if (!version || version->kind != EG_Y_SCALAR || version->quoted ||
		   strcmp(version->str, "3")) {
		c->rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, version ? version->line : 1,
				     version ? version->col : 1,
				     "unsupported Pulumi stack export version %s (edgegate reads version 3)",
				     version && version->kind == EG_Y_SCALAR ? version->str : "(none)");
		return;
	}
	res = eg_ynode_get(dep, "resources");
	if (!res || res->kind != EG_Y_SEQ) {
		fail(c, res ? res : dep ? dep : root, where, "a list of resources");
		return;
	}
	for (i = 0; i < res->nitems; i++) {
		if (res->items[i]->kind != EG_Y_MAP) {
			fail(c, res->items[i], where, "a list of resources");
			return;
		}
		/* A resource pending deletion (an old copy after a replace) or one
		 * read with get() is not this stack's to serve. */
		if (!flag(res->items[i], "delete") && !flag(res->items[i], "external"))
			index_res(c, res->items[i]);
	}
	index_done(c);
	for (i = 0; i < res->nitems && !c->rc; i++) {
		const eg_ynode *r = res->items[i];
		const char *p = ptr_i(c, base, i);
		if (flag(r, "delete") || flag(r, "external") || unread_distribution(c, r))
			continue;
		if (type_is(r, DIST_TYPE)) {
			eg_distribution *d = read_distribution(c, r, p, r, p, NULL);
			if (d && !d->domain_name)
				d->domain_name = EG_UNKNOWN; /* not deployed yet */
			if (d && !d->id)
				d->id = EG_UNKNOWN;
		} else if (type_is(r, RECORD_TYPE)) {
			read_record(c, r, p, r, p, NULL);
		} else {
			read_resource(c, r, p);
		}
	}
}

/* A distribution the preview deletes takes its aliases with it. */
static void read_deleted(pu_ctx *c, const eg_ynode *old, const char *sp)
{
	const char *pp = NULL, *stack, *address;
	const eg_ynode *props = props_of(c, old, sp, &pp);
	eg_strlist aliases = { 0 };
	eg_loc *locs = NULL;
	pu_urn u;
	size_t i;

	if (c->rc || !parse_urn_of(c, old, &u))
		return;
	strlist(c, props, "aliases", pp, &aliases, &locs);
	stack = stack_of(c, &u);
	address = address_of(c, &u);
	for (i = 0; i < aliases.n && !c->rc; i++)
		if (!eg_is_unknown(aliases.items[i]))
			eg_model_add_removal(c->m, aliases.items[i], address,
					     str(c, props, "id"), stack,
					     "deleted with the distribution", &locs[i]);
}

/* A known string of the old state's outputs (or inputs), else the
 * resource's own field (id). */
static const char *old_str(pu_ctx *c, const eg_ynode *props, const eg_ynode *old, const char *key)
{
	const char *s = str(c, props, key);

	if (!s || eg_is_unknown(s))
		s = str(c, old, key);
	return s && !eg_is_unknown(s) ? s : NULL;
}

/* What the distribution's aliases were before this step: none for a
 * create, the old state's otherwise. */
static void read_before(pu_ctx *c, eg_distribution *d, const char *op, const eg_ynode *old,
			const char *old_ptr)
{
	const char *pp = NULL, *s;
	const eg_ynode *props;

	if (!strcmp(op, "create")) {
		d->has_before = true;
		return;
	}
	if (!old)
		return;
	props = props_of(c, old, old_ptr, &pp);
	if (c->rc)
		return;
	strlist(c, props, "aliases", pp, &d->aliases_before, NULL);
	d->has_before = !d->aliases_before.unknown;
	/* An update keeps the distribution: what the new state does not know
	 * yet, the old one does. */
	if (!strcmp(op, "update") || !strcmp(op, "same")) {
		if ((!d->id || eg_is_unknown(d->id)) && (s = old_str(c, props, old, "id")))
			d->id = s;
		if ((!d->domain_name || eg_is_unknown(d->domain_name)) &&
		    (s = old_str(c, props, NULL, "domainName")))
			d->domain_name = s;
	}
	if (!c->rc)
		eg_model_diff_aliases(c->m, d);
}

static bool op_is(const char *op, const char *const *ops)
{
	for (; *ops; ops++)
		if (!strcmp(op, *ops))
			return true;
	return false;
}

static void read_preview(pu_ctx *c, const eg_ynode *root)
{
	static const char *const skipped[] = { "read", "read-replacement", "discard",
					       "discard-replaced", "delete-replaced", NULL };
	static const char *const with_before[] = { "update", "replace", "create-replacement",
						   "same", NULL };
	const eg_ynode *steps = eg_ynode_get(root, "steps");
	size_t i;

	for (i = 0; i < steps->nitems; i++) {
		const eg_ynode *s = steps->items[i], *st;
		if (s->kind != EG_Y_MAP) {
			fail(c, s, "steps", "a list of steps");
			return;
		}
		st = eg_ynode_get(s, "newState");
		if (is_null(st))
			st = eg_ynode_get(s, "oldState");
		if (st && st->kind == EG_Y_MAP)
			index_res(c, st);
	}
	index_done(c);
	for (i = 0; i < steps->nitems && !c->rc; i++) {
		const eg_ynode *s = steps->items[i];
		const eg_ynode *op_node = eg_ynode_get(s, "op");
		const eg_ynode *st = eg_ynode_get(s, "newState"), *old = eg_ynode_get(s, "oldState");
		const char *p, *op, *action;
		eg_distribution *d;

		if (!op_node || op_node->kind != EG_Y_SCALAR || !op_node->quoted) {
			fail(c, op_node ? op_node : s, "op", "a string");
			return;
		}
		op = op_node->str;
		if (op_is(op, skipped))
			continue;
		if (!is_null(old) && old->kind != EG_Y_MAP) {
			fail(c, old, "oldState", "an object");
			return;
		}
		old = is_null(old) ? NULL : old;
		st = is_null(st) ? NULL : st;
		if (st && st->kind != EG_Y_MAP) {
			fail(c, st, "newState", "an object");
			return;
		}
		p = ptr_i(c, "/steps", i);
		if (!strcmp(op, "delete")) {
			if (old && type_is(old, DIST_TYPE))
				read_deleted(c, old, ptr(c, p, "oldState"));
			continue;
		}
		if (!st) {
			/* every step but a delete leaves a resource, its newState */
			fail(c, s, "newState", "the resource's state after the step (an object)");
			return;
		}
		if (unread_distribution(c, st))
			return;
		action = !strcmp(op, "create-replacement") ? "replace" : eg_arena_strdup(&c->m->arena, op);
		if (type_is(st, RECORD_TYPE)) {
			read_record(c, s, p, st, ptr(c, p, "newState"), action);
			continue;
		}
		if (!type_is(st, DIST_TYPE) ||
		    !(d = read_distribution(c, s, p, st, ptr(c, p, "newState"), action)))
			continue;
		if (!strcmp(op, "create") || op_is(op, with_before))
			read_before(c, d, op, old, ptr(c, p, "oldState"));
		/* Known only once the distribution exists. */
		if (!d->id)
			d->id = EG_UNKNOWN;
		if (!d->domain_name)
			d->domain_name = EG_UNKNOWN;
	}
}

int eg_ingest_pulumi(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err)
{
	pu_ctx c;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.src = src;
	c.err = err;
	c.preview = src->format == EG_FMT_PULUMI_PREVIEW;
	if (c.preview)
		read_preview(&c, doc->root);
	else
		read_export(&c, doc->root);
	eg_free(c.res);
	eg_free(c.dists);
	eg_free(c.zones);
	eg_free(c.read);
	return c.rc;
}

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
#include "dialect.h"

#include "map.h"

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
	return eg_map_node_loc(c->src, n, pointer);
}

#define ptr(c, parent, key) eg_map_ptr((c)->m, parent, key)
#define ptr_i(c, parent, i) eg_map_ptr_i((c)->m, parent, i)

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

static const eg_ynode *map_member(cli_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);

	if (n && n->kind != EG_Y_MAP) {
		fail(c, n, key, "an object");
		return NULL;
	}
	return n;
}

/* --- distributions ----------------------------------------------------------- */

/* The AWS CLI's spelling of a DistributionConfig: the API's own names,
 * every collection wrapped as {Quantity, Items}. */
static const eg_map_path cli_paths[] = {
	{ "dist.comment", "Comment" },
	{ "dist.enabled", "Enabled" },
	{ "dist.staging", "Staging" },
	{ "dist.continuous_deployment_policy_id", "ContinuousDeploymentPolicyId" },
	{ "dist.http_version", "HttpVersion" },
	{ "dist.ipv6", "IsIPV6Enabled" },
	{ "dist.price_class", "PriceClass" },
	{ "dist.default_root_object", "DefaultRootObject" },
	{ "dist.web_acl_id", "WebACLId" },
	{ "dist.aliases", "Aliases" },
	{ "dist.logging", "Logging.Enabled" },
	{ "dist.logging_bucket", "Logging.Bucket" },
	{ "dist.logging_prefix", "Logging.Prefix" },
	{ "dist.logging_cookies", "Logging.IncludeCookies" },
	{ "dist.geo_restriction", "Restrictions.GeoRestriction.RestrictionType" },
	{ "dist.geo_locations", "Restrictions.GeoRestriction" },
	{ "dist.viewer_certificate", "ViewerCertificate" },
	{ "dist.acm_certificate_arn", "ViewerCertificate.ACMCertificateArn" },
	{ "dist.iam_certificate_id", "ViewerCertificate.IAMCertificateId" },
	{ "dist.default_certificate", "ViewerCertificate.CloudFrontDefaultCertificate" },
	{ "dist.minimum_protocol_version", "ViewerCertificate.MinimumProtocolVersion" },
	{ "dist.ssl_support_method", "ViewerCertificate.SSLSupportMethod" },
	{ "dist.origins", "Origins" },
	{ "dist.origin_groups", "OriginGroups" },
	{ "dist.behaviors", "CacheBehaviors" },
	{ "dist.default_behavior", "DefaultCacheBehavior" },
	{ "dist.error_responses", "CustomErrorResponses" },
	{ "origin.id", "Id" },
	{ "origin.domain", "DomainName" },
	{ "origin.path", "OriginPath" },
	{ "origin.s3_config", "?S3OriginConfig" },
	{ "origin.oai", "S3OriginConfig.OriginAccessIdentity" },
	{ "origin.oac_id", "OriginAccessControlId" },
	{ "origin.custom_config", "?CustomOriginConfig" },
	{ "origin.protocol_policy", "CustomOriginConfig.OriginProtocolPolicy" },
	{ "origin.ssl_protocols", "CustomOriginConfig.OriginSslProtocols" },
	{ "origin.http_port", "CustomOriginConfig.HTTPPort" },
	{ "origin.https_port", "CustomOriginConfig.HTTPSPort" },
	{ "origin.shield", "OriginShield.Enabled" },
	{ "origin.shield_region", "OriginShield.OriginShieldRegion" },
	{ "origin.vpc_origin_id", "VpcOriginConfig.VpcOriginId" },
	{ "origin.headers", "CustomHeaders" },
	{ "header.name", "HeaderName" },
	{ "header.value", "HeaderValue" },
	{ "group.id", "Id" },
	{ "group.failover_codes", "FailoverCriteria.StatusCodes" },
	{ "group.members", "Members" },
	{ "member.origin_id", "OriginId" },
	{ "behavior.path_pattern", "PathPattern" },
	{ "behavior.target_origin_id", "TargetOriginId" },
	{ "behavior.allowed_methods", "AllowedMethods" },
	/* CachedMethods sits inside AllowedMethods in the API. */
	{ "behavior.cached_methods", "AllowedMethods.CachedMethods" },
	{ "behavior.viewer_protocol_policy", "ViewerProtocolPolicy" },
	{ "behavior.compress", "Compress" },
	{ "behavior.cache_policy_id", "CachePolicyId" },
	{ "behavior.origin_request_policy_id", "OriginRequestPolicyId" },
	{ "behavior.response_headers_policy_id", "ResponseHeadersPolicyId" },
	{ "behavior.forward_query_string", "ForwardedValues.QueryString" },
	{ "behavior.forward_cookies", "ForwardedValues.Cookies.Forward" },
	{ "behavior.forward_cookie_names", "ForwardedValues.Cookies.WhitelistedNames" },
	{ "behavior.forward_headers", "ForwardedValues.Headers" },
	{ "behavior.min_ttl", "MinTTL" },
	{ "behavior.default_ttl", "DefaultTTL" },
	{ "behavior.max_ttl", "MaxTTL" },
	{ "behavior.trusted_key_groups", "TrustedKeyGroups" },
	{ "behavior.trusted_signers", "TrustedSigners" },
	{ "behavior.field_level_encryption_id", "FieldLevelEncryptionId" },
	{ "behavior.functions", "FunctionAssociations" },
	{ "behavior.lambdas", "LambdaFunctionAssociations" },
	{ "function.event_type", "EventType" },
	{ "function.arn", "FunctionARN" },
	{ "lambda.event_type", "EventType" },
	{ "lambda.arn", "LambdaFunctionARN" },
	{ "lambda.include_body", "IncludeBody" },
	{ "error.error_code", "ErrorCode" },
	{ "error.response_code", "ResponseCode" },
	{ "error.page_path", "ResponsePagePath" },
	{ "error.min_ttl", "ErrorCachingMinTTL" },
	{ NULL, NULL },
};

static eg_mval cli_value(cli_ctx *c, const eg_ynode *n, const char *pointer, const char *key)
{
	eg_mval v;

	memset(&v, 0, sizeof(v));
	v.state = EG_MV_VALUE;
	v.node = n;
	v.key = key;
	v.loc = at(c, n, pointer);
	return v;
}

static eg_mval cli_member(void *ctx, const eg_mval *obj, const char *key)
{
	cli_ctx *c = ctx;
	const eg_ynode *map = obj->node, *n;
	eg_mval v;

	if (map->kind != EG_Y_MAP) {
		fail(c, map, obj->key ? obj->key : key, "an object");
		n = NULL;
	} else {
		n = eg_ynode_get(map, key);
	}
	/* "" and null are the API's way to say unset. */
	if (!n || (n->kind == EG_Y_SCALAR && (!n->len || (!n->quoted && eg_ynode_is_null(n))))) {
		memset(&v, 0, sizeof(v));
		v.state = EG_MV_ABSENT;
		v.key = key;
		v.loc = obj->loc;
		return v;
	}
	return cli_value(c, n, ptr(c, obj->loc.pointer, key), key);
}

/* A {Quantity, Items} wrapper (Items left out when Quantity is 0), checked
 * against itself; *items NULL when empty.  Anything else is an object. */
static bool wrapper(cli_ctx *c, const eg_mval *v, const eg_ynode **items, size_t *n)
{
	const eg_ynode *w = v->node, *q, *list;
	char *end;
	long quantity;

	*items = NULL;
	*n = 0;
	if (w->kind != EG_Y_MAP)
		return false;
	q = eg_ynode_get(w, "Quantity");
	list = eg_ynode_get(w, "Items");
	if (!q && !list)
		return false;
	if (list && list->kind != EG_Y_SEQ) {
		fail(c, list, v->key, "Items to be a list");
		return true;
	}
	if (q) {
		quantity = q->kind == EG_Y_SCALAR && !q->quoted ? strtol(q->str, &end, 10) : -1;
		if (quantity < 0 || (q->kind == EG_Y_SCALAR && *end)) {
			fail(c, q, v->key, "Quantity to be a number");
			return true;
		}
		if ((size_t)quantity != (list ? list->nitems : 0)) {
			if (!c->rc)
				c->rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, q->line, q->col,
						     "%s: Quantity %ld but %zu Items; the file is cut "
						     "or was edited",
						     v->key, quantity, list ? list->nitems : 0);
			return true;
		}
	}
	*items = list;
	*n = list ? list->nitems : 0;
	return true;
}

static size_t cli_count(void *ctx, const eg_mval *v)
{
	cli_ctx *c = ctx;
	const eg_ynode *list, *n = v->node;
	size_t count;

	if (wrapper(c, v, &list, &count))
		return c->rc ? 0 : count;
	if (n->kind == EG_Y_SEQ) {
		/* Inside a DistributionConfig every collection is wrapped. */
		fail(c, n, v->key, "an object");
		return 0;
	}
	return n->kind == EG_Y_MAP;
}

static eg_mval cli_item(void *ctx, const eg_mval *v, size_t i)
{
	cli_ctx *c = ctx;
	const eg_ynode *list;
	size_t count;

	if (wrapper(c, v, &list, &count))
		return cli_value(c, list->items[i], ptr_i(c, ptr(c, v->loc.pointer, "Items"), i),
				 v->key);
	return *v; /* a lone object: its own first item */
}

static const char *cli_text(void *ctx, const eg_mval *v)
{
	cli_ctx *c = ctx;
	const eg_ynode *n = v->node;
	char *end;

	/* Strings are quoted; numbers (ports, codes, TTLs) are not. */
	if (n->kind == EG_Y_SCALAR &&
	    (n->quoted || (n->len && (strtod(n->str, &end), !*end))))
		return n->len ? eg_arena_strndup(&c->m->arena, n->str, n->len) : NULL;
	fail(c, n, v->key, n->kind == EG_Y_SCALAR ? "a string" : "a list of strings");
	return NULL;
}

static eg_tri cli_flag(void *ctx, const eg_mval *v)
{
	cli_ctx *c = ctx;
	const eg_ynode *n = v->node;
	bool b;

	if (n->kind != EG_Y_SCALAR || n->quoted || !eg_ynode_bool(n, &b)) {
		fail(c, n, v->key, "true or false");
		return EG_TRI_UNKNOWN;
	}
	return b ? EG_TRI_TRUE : EG_TRI_FALSE;
}

/* Inside a DistributionConfig every collection is a {Quantity, Items}
 * wrapper (cli_count checks it) and every block an object. */
static bool cli_expect(void *ctx, const eg_mval *v, eg_shape shape)
{
	cli_ctx *c = ctx;
	const eg_ynode *n = v->node;

	(void)shape;
	if (n->kind != EG_Y_MAP)
		fail(c, n, v->key, "an object");
	return n->kind == EG_Y_MAP;
}

static const eg_dialect cli_dialect = {
	"aws-cli", cli_member, cli_count, cli_item, cli_text, cli_flag, NULL, cli_expect, cli_paths,
};

/* cfg holds the configuration fields: a DistributionConfig, or a list
 * summary (which also holds Id and DomainName). */
static void read_distribution(cli_ctx *c, const eg_ynode *node, const char *p,
			      const eg_ynode *cfg, const char *cp, const char *id,
			      const char *domain, bool summary)
{
	eg_loc loc = at(c, node, p);
	const char *caller = str(c, cfg, "CallerReference"), *address;
	eg_mapper mp = { &cli_dialect, c, c->m };
	eg_mval root = cli_value(c, cfg, cp, NULL);
	eg_distribution *d;

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
	d->arn = node->kind == EG_Y_MAP ? str(c, node, "ARN") : NULL;
	eg_map_distribution(&mp, d, &root);
	if (summary) {
		/* A list summary leaves these out: not known, not unset. */
		d->default_root_object = EG_UNKNOWN;
		d->logging = EG_TRI_UNKNOWN;
	} else if (!eg_ynode_get(cfg, "Logging")) {
		d->logging = EG_TRI_FALSE;
	}
	if (!eg_ynode_get(cfg, "DefaultCacheBehavior"))
		fail(c, cfg, "DefaultCacheBehavior", "a distribution config to have one");
	eg_map_defaults(c->m, d);
}

static void read_summaries(cli_ctx *c, const eg_ynode *list, const char *p)
{
	size_t i;

	c->m->whole_account = true; /* every distribution of the account */
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
		const eg_ynode *checked;
		/* CLI v2 paginates for us and drops Quantity; older output keeps it. */
		if (eg_ynode_get(list, "Quantity")) {
			eg_mval w = cli_value(c, list, "/DistributionList", "DistributionList");
			(void)wrapper(c, &w, &checked, &n);
		}
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

/* A boolean of an alias target: false when not written, as Route 53 reads it. */
static eg_tri alias_flag(cli_ctx *c, const eg_ynode *map, const char *key)
{
	const eg_ynode *n = eg_ynode_get(map, key);
	bool b;

	if (!n || (n->kind == EG_Y_SCALAR && !n->quoted && eg_ynode_is_null(n)))
		return EG_TRI_FALSE;
	if (n->kind != EG_Y_SCALAR || n->quoted || !eg_ynode_bool(n, &b)) {
		fail(c, n, key, "true or false");
		return EG_TRI_UNKNOWN;
	}
	return b ? EG_TRI_TRUE : EG_TRI_FALSE;
}

static eg_dns_record *read_record(cli_ctx *c, const eg_ynode *v, const char *p)
{
	const char *name = str(c, v, "Name"), *type = str(c, v, "Type");
	const char *set_id = str(c, v, "SetIdentifier");
	const eg_ynode *alias = map_member(c, v, "AliasTarget"), *values;
	eg_dns_record *r;
	eg_loc loc;
	size_t i;

	if (!name || !type) {
		fail(c, v, "ResourceRecordSets", "records with Name and Type");
		return NULL;
	}
	if (!routable_type(type))
		return NULL; /* MX, TXT, NS...: cannot send a browser to CloudFront */
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
		r->evaluate_target_health = alias_flag(c, alias, "EvaluateTargetHealth");
	}
	values = eg_ynode_get(v, "ResourceRecords");
	if (values && values->kind != EG_Y_SEQ) {
		fail(c, values, "ResourceRecords", "a list of {Value}");
		return r;
	}
	for (i = 0; values && i < values->nitems && !c->rc; i++) {
		const char *val = str(c, values->items[i], "Value");
		if (val)
			eg_strlist_push(c->m, &r->records, dns_name(c, val));
	}
	return r;
}

/* A change batch: CREATE and UPSERT are the records as they will be; a
 * DELETE takes away the same record of a record-set listing in the run. */
static void read_change_batch(cli_ctx *c, const eg_ynode *root)
{
	const eg_ynode *changes = eg_ynode_get(root, "Changes");
	size_t i;

	for (i = 0; i < changes->nitems && !c->rc; i++) {
		const eg_ynode *ch = changes->items[i], *set;
		const char *p = ptr_i(c, "/Changes", i), *action;
		eg_dns_record *r;

		if (ch->kind != EG_Y_MAP) {
			fail(c, ch, "Changes", "a list of {Action, ResourceRecordSet}");
			return;
		}
		action = str(c, ch, "Action");
		set = map_member(c, ch, "ResourceRecordSet");
		if (!action || !set || (strcmp(action, "CREATE") && strcmp(action, "UPSERT") &&
					strcmp(action, "DELETE"))) {
			fail(c, ch, "Changes", "Action CREATE, UPSERT or DELETE with a ResourceRecordSet");
			return;
		}
		r = read_record(c, set, ptr(c, p, "ResourceRecordSet"));
		if (r)
			r->deleted = !strcmp(action, "DELETE");
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
	else if (src->format == EG_FMT_AWS_ROUTE53_CHANGE)
		read_change_batch(&c, doc->root);
	else
		read_cloudfront(&c, doc->root);
	return c.rc;
}

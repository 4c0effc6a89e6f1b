/* ingest_cfn.c - CloudFormation templates (hand-written, CDK, SST v2) into
 * the model.
 *
 * Each resource's Properties are resolved once (cfn.c) and read from the
 * resolved tree; locations come from the template's own nodes, so YAML
 * findings carry YAML line numbers.  A value resolved from a parameter or a
 * mapping points back at the property that used it, not at the Default.
 */
#include "ingest.h"

#include "cfn.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct cfn_ctx {
	eg_model *m;
	const eg_source *src;
	eg_cfn *t;
	eg_error *err;
	const char *stack;      /* stack name, or NULL */
	const char *env_param;  /* "Stage=production", or NULL */
	int res_first, res_last; /* lines of the resource being read */
} cfn_ctx;

/* Template parameters whose value names the environment, in preference order. */
static const char *const env_params[] = { "Environment", "Env", "EnvironmentName", "Stage",
					  "StageName", "Stack", "DeploymentStage", NULL };

/* --- values ----------------------------------------------------------------- */

static const char *cstr(cfn_ctx *c, const eg_cval *v)
{
	if (!v)
		return NULL;
	if (v->kind == EG_CV_UNKNOWN)
		return EG_UNKNOWN;
	if (v->kind != EG_CV_SCALAR || !*v->str)
		return NULL;
	return eg_arena_strdup(&c->m->arena, v->str);
}

/* Origin and group ids only need to match each other, and the same
 * unresolved expression (Id: !Ref OriginALB, TargetOriginId: !Ref
 * OriginALB) yields the same value at deploy: keep it as a symbolic id. */
static const char *cid(cfn_ctx *c, const eg_cval *v)
{
	if (v && v->kind == EG_CV_UNKNOWN && v->str && v->str[0] == '!')
		return eg_arena_strdup(&c->m->arena, v->str);
	return cstr(c, v);
}

static eg_tri ctri(const eg_cval *v)
{
	if (!v)
		return EG_TRI_FALSE;
	if (v->kind == EG_CV_UNKNOWN)
		return EG_TRI_UNKNOWN;
	if (v->kind == EG_CV_SCALAR && !strcasecmp(v->str, "true"))
		return EG_TRI_TRUE;
	return EG_TRI_FALSE;
}

/* A list property; a lone value is a one-item list (some templates, and
 * CloudFormation, accept that). */
static void cstrlist(cfn_ctx *c, eg_strlist *l, const eg_cval *v)
{
	size_t i;

	if (!v)
		return;
	if (v->kind == EG_CV_UNKNOWN) {
		l->unknown = true;
		return;
	}
	if (v->kind != EG_CV_SEQ) {
		eg_strlist_push(c->m, l, v->kind == EG_CV_SCALAR ? v->str : EG_UNKNOWN);
		return;
	}
	for (i = 0; i < v->nitems; i++) {
		const eg_cval *it = v->items[i];
		eg_strlist_push(c->m, l, it->kind == EG_CV_SCALAR ? it->str : EG_UNKNOWN);
	}
}

/* Where v was written, when that is inside the resource being read;
 * otherwise (a parameter's Default, a mapping) at the fallback. */
static eg_loc cloc(cfn_ctx *c, const eg_cval *v, const eg_loc *fallback, const char *pointer)
{
	eg_loc loc = *fallback;

	loc.pointer = pointer;
	if (v && v->src && v->src->line >= c->res_first && v->src->line <= c->res_last) {
		loc.line = v->src->line;
		loc.col = v->src->col;
	}
	return loc;
}

/* Location of a member of a resolved mapping: its key's line. */
static eg_loc member_loc(cfn_ctx *c, const eg_cval *map, const char *key, const eg_loc *parent)
{
	eg_loc loc = *parent;
	size_t i;

	loc.pointer = eg_arena_printf(&c->m->arena, "%s/%s", parent->pointer ? parent->pointer : "", key);
	for (i = 0; map && map->kind == EG_CV_MAP && i < map->npairs; i++)
		if (!strcmp(map->pairs[i].key, key)) {
			const eg_ynode *k = map->pairs[i].key_node;
			if (k->line >= c->res_first && k->line <= c->res_last) {
				loc.line = k->line;
				loc.col = k->col;
			}
		}
	return loc;
}

/* Items of a list property; a mapping stands for a one-item list. */
static size_t citems(cfn_ctx *c, const eg_cval *v, eg_cval *const **items)
{
	eg_cval **one;

	*items = NULL;
	if (!v || v->kind == EG_CV_UNKNOWN || v->kind == EG_CV_SCALAR)
		return 0;
	if (v->kind == EG_CV_SEQ) {
		*items = v->items;
		return v->nitems;
	}
	one = eg_arena_alloc(&c->m->arena, sizeof(*one));
	one[0] = (eg_cval *)v;
	*items = one;
	return 1;
}

static int resolve_member(cfn_ctx *c, const eg_ynode *map, const char *key, eg_cval **out)
{
	const eg_ynode *n = map && map->kind == EG_Y_MAP ? eg_ynode_get(map, key) : NULL;

	*out = NULL;
	return n ? eg_cfn_resolve(c->t, n, out, c->err) : 0;
}

/* Copies the Tags of a referenced resource's resolved Properties. */
static void ref_tags(cfn_ctx *c, eg_origin *o, const eg_cval *props)
{
	eg_cval *const *items;
	size_t n = citems(c, eg_cval_get(props, "Tags"), &items), i;

	for (i = 0; i < n; i++) {
		const char *key = eg_cval_str(eg_cval_get(items[i], "Key"));
		if (key)
			eg_model_add_ref_tag(c->m, o, key, cstr(c, eg_cval_get(items[i], "Value")));
	}
}

/* --- origins ------------------------------------------------------------------ */

static eg_origin_kind kind_from_ref(const char *type, const char *attr)
{
	if (!type)
		return EG_ORIGIN_UNKNOWN;
	if (!strcmp(type, "AWS::S3::Bucket"))
		return attr && !strcmp(attr, "WebsiteURL") ? EG_ORIGIN_S3_WEBSITE
		       : attr && strstr(attr, "DomainName") ? EG_ORIGIN_S3 : EG_ORIGIN_UNKNOWN;
	if (!strcmp(type, "AWS::ElasticLoadBalancingV2::LoadBalancer") ||
	    !strcmp(type, "AWS::ElasticLoadBalancing::LoadBalancer"))
		return attr && !strcmp(attr, "DNSName") ? EG_ORIGIN_LB : EG_ORIGIN_UNKNOWN;
	if (!strcmp(type, "AWS::Lambda::Url"))
		return EG_ORIGIN_LAMBDA_URL;
	if (!strncmp(type, "AWS::ApiGateway::", 17) || !strncmp(type, "AWS::ApiGatewayV2::", 19) ||
	    !strcmp(type, "AWS::Serverless::Api") || !strcmp(type, "AWS::Serverless::HttpApi"))
		return EG_ORIGIN_APIGW;
	if (!strcmp(type, "AWS::CloudFront::Distribution"))
		return attr && !strcmp(attr, "DomainName") ? EG_ORIGIN_CLOUDFRONT : EG_ORIGIN_UNKNOWN;
	if (!strcmp(type, "AWS::MediaStore::Container"))
		return EG_ORIGIN_MEDIASTORE;
	if (!strcmp(type, "AWS::EC2::Instance") || !strcmp(type, "AWS::ElasticBeanstalk::Environment") ||
	    !strcmp(type, "AWS::EC2::EIP"))
		return EG_ORIGIN_CUSTOM; /* a server of the team's own */
	return EG_ORIGIN_UNKNOWN;
}

/* What the origin's domain refers to: its kind, name and environment tag. */
static int origin_ref(cfn_ctx *c, eg_origin *o, const eg_cval *domain)
{
	const eg_ynode *res;
	const char *type;
	eg_cval *props = NULL;
	eg_origin_kind k;
	int rc;

	if (!domain || !domain->ref || !(res = eg_cfn_resource(c->t, domain->ref)))
		return 0;
	type = eg_cfn_resource_type(c->t, domain->ref);
	o->ref = eg_model_str(c->m, domain->ref);
	o->ref_same_stack = true;
	k = kind_from_ref(type, domain->ref_attr);
	if (eg_is_unknown(o->domain) && k != EG_ORIGIN_UNKNOWN) {
		o->kind = k;
		o->kind_source = eg_arena_printf(&c->m->arena, "reference to %s%s%s (%s)", domain->ref,
						 domain->ref_attr ? "." : "",
						 domain->ref_attr ? domain->ref_attr : "", type);
	}
	if ((rc = resolve_member(c, res, "Properties", &props)))
		return rc;
	o->ref_name = cstr(c, eg_cval_get(props, !strcmp(type, "AWS::S3::Bucket") ? "BucketName" : "Name"));
	if (eg_is_unknown(o->ref_name))
		o->ref_name = NULL;
	ref_tags(c, o, props);
	return 0;
}

/* A domain written as !Sub 'api-${Stage}-123.${AWS::Region}.elb.amazonaws.com'
 * still shows its kind, and its owner part when that is all literal. */
static void origin_shape(cfn_ctx *c, eg_origin *o, const eg_cval *domain)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *p, *first;
	eg_origin_kind k;
	size_t owner;

	if (!domain || !domain->shape || !eg_is_unknown(o->domain))
		return;
	for (p = domain->shape; *p;) {
		const char *close = !strncmp(p, "${", 2) ? strchr(p, '}') : NULL;
		if (close) {
			eg_sb_addc(&sb, 'x');
			p = close + 1;
		} else {
			eg_sb_addc(&sb, *p++);
		}
	}
	k = eg_cf_classify_domain(sb.buf);
	if (o->kind == EG_ORIGIN_UNKNOWN && k != EG_ORIGIN_UNKNOWN && k != EG_ORIGIN_CUSTOM) {
		o->kind = k;
		o->kind_source = eg_arena_printf(&c->m->arena, "domain name pattern %s", domain->shape);
	}
	owner = eg_cf_domain_owner_part(sb.buf);
	first = strstr(domain->shape, "${");
	if (k != EG_ORIGIN_CUSTOM && owner > 0 && (!first || (size_t)(first - domain->shape) >= owner))
		o->domain_hint = eg_arena_strndup(&c->m->arena, domain->shape, owner);
	eg_sb_release(&sb);
}

/* An origin access control says what kind of origin it signs for. */
static void origin_oac_kind(cfn_ctx *c, eg_origin *o, const eg_cval *oac)
{
	const eg_ynode *props, *cfg, *type;

	if (o->kind != EG_ORIGIN_UNKNOWN || !oac || !oac->ref ||
	    strcmp(eg_cfn_resource_type(c->t, oac->ref) ? eg_cfn_resource_type(c->t, oac->ref) : "",
		   "AWS::CloudFront::OriginAccessControl"))
		return;
	props = eg_ynode_get(eg_cfn_resource(c->t, oac->ref), "Properties");
	cfg = props && props->kind == EG_Y_MAP ? eg_ynode_get(props, "OriginAccessControlConfig") : NULL;
	type = cfg && cfg->kind == EG_Y_MAP ? eg_ynode_get(cfg, "OriginAccessControlOriginType") : NULL;
	if (!type || type->kind != EG_Y_SCALAR)
		return;
	o->kind = !strcmp(type->str, "s3") ? EG_ORIGIN_S3
		  : !strcmp(type->str, "lambda") ? EG_ORIGIN_LAMBDA_URL
		  : !strcmp(type->str, "mediastore") ? EG_ORIGIN_MEDIASTORE : EG_ORIGIN_UNKNOWN;
	if (o->kind != EG_ORIGIN_UNKNOWN)
		o->kind_source = eg_arena_printf(&c->m->arena, "origin access control %s for %s",
						 oac->ref, type->str);
}

static int read_origins(cfn_ctx *c, eg_distribution *d, const eg_cval *cfg, const eg_loc *cfg_loc)
{
	const eg_cval *list = eg_cval_get(cfg, "Origins");
	eg_loc list_loc = member_loc(c, cfg, "Origins", cfg_loc);
	eg_cval *const *items;
	size_t n = citems(c, list, &items), i;
	int rc;

	if (list && list->kind == EG_CV_UNKNOWN)
		d->origins_unknown = true;
	for (i = 0; i < n; i++) {
		const eg_cval *v = items[i], *s3 = eg_cval_get(v, "S3OriginConfig");
		const eg_cval *custom = eg_cval_get(v, "CustomOriginConfig");
		const eg_cval *domain = eg_cval_get(v, "DomainName");
		const eg_cval *oac = eg_cval_get(v, "OriginAccessControlId");
		eg_loc loc = cloc(c, v, &list_loc,
				  eg_arena_printf(&c->m->arena, "%s/%zu", list_loc.pointer, i));
		eg_origin *o = eg_model_add_origin(c->m, d, &loc);

		o->id = cid(c, eg_cval_get(v, "Id"));
		o->domain = cstr(c, domain);
		o->path = cstr(c, eg_cval_get(v, "OriginPath"));
		o->s3_config = s3 ? EG_TRI_TRUE : EG_TRI_FALSE;
		o->oai = cstr(c, eg_cval_get(s3, "OriginAccessIdentity"));
		o->oac_id = cstr(c, oac);
		o->protocol_policy = cstr(c, eg_cval_get(custom, "OriginProtocolPolicy"));
		if ((rc = origin_ref(c, o, domain)))
			return rc;
		origin_shape(c, o, domain);
		origin_oac_kind(c, o, oac);
	}
	return 0;
}

static void read_groups(cfn_ctx *c, eg_distribution *d, const eg_cval *cfg, const eg_loc *cfg_loc)
{
	const eg_cval *groups = eg_cval_get(cfg, "OriginGroups");
	eg_loc groups_loc = member_loc(c, cfg, "OriginGroups", cfg_loc);
	eg_cval *const *items, *const *members;
	size_t n = citems(c, eg_cval_get(groups, "Items"), &items), i, j, nm;

	for (i = 0; i < n; i++) {
		eg_loc loc = cloc(c, items[i], &groups_loc,
				  eg_arena_printf(&c->m->arena, "%s/Items/%zu", groups_loc.pointer, i));
		eg_origin_group *g = eg_model_add_origin_group(c->m, d, &loc);
		g->id = cid(c, eg_cval_get(items[i], "Id"));
		nm = citems(c, eg_cval_get(eg_cval_get(items[i], "Members"), "Items"), &members);
		for (j = 0; j < nm; j++)
			eg_strlist_push(c->m, &g->members, cid(c, eg_cval_get(members[j], "OriginId")));
	}
}

static void read_behavior(cfn_ctx *c, eg_distribution *d, const eg_cval *v, const eg_loc *loc,
			  int index)
{
	eg_behavior *b = eg_model_add_behavior(c->m, d, loc);

	b->index = index;
	b->is_default = index < 0;
	b->path_pattern = b->is_default ? "*" : cstr(c, eg_cval_get(v, "PathPattern"));
	b->target_origin_id = cid(c, eg_cval_get(v, "TargetOriginId"));
	cstrlist(c, &b->allowed_methods, eg_cval_get(v, "AllowedMethods"));
	cstrlist(c, &b->cached_methods, eg_cval_get(v, "CachedMethods"));
	b->viewer_protocol_policy = cstr(c, eg_cval_get(v, "ViewerProtocolPolicy"));
	b->cache_policy_id = cstr(c, eg_cval_get(v, "CachePolicyId"));
	b->origin_request_policy_id = cstr(c, eg_cval_get(v, "OriginRequestPolicyId"));
	b->response_headers_policy_id = cstr(c, eg_cval_get(v, "ResponseHeadersPolicyId"));
}

static void read_behaviors(cfn_ctx *c, eg_distribution *d, const eg_cval *cfg, const eg_loc *cfg_loc)
{
	const eg_cval *list = eg_cval_get(cfg, "CacheBehaviors"), *def = eg_cval_get(cfg, "DefaultCacheBehavior");
	eg_loc list_loc = member_loc(c, cfg, "CacheBehaviors", cfg_loc);
	eg_loc def_loc = member_loc(c, cfg, "DefaultCacheBehavior", cfg_loc);
	eg_cval *const *items;
	size_t n = citems(c, list, &items), i;

	if ((list && list->kind == EG_CV_UNKNOWN) || (def && def->kind == EG_CV_UNKNOWN))
		d->behaviors_unknown = true;
	for (i = 0; i < n; i++) {
		eg_loc loc = cloc(c, items[i], &list_loc,
				  eg_arena_printf(&c->m->arena, "%s/%zu", list_loc.pointer, i));
		read_behavior(c, d, items[i], &loc, (int)i);
	}
	if (def && def->kind == EG_CV_MAP)
		read_behavior(c, d, def, &def_loc, -1);
}

static void read_aliases(cfn_ctx *c, eg_distribution *d, const eg_cval *cfg, const eg_loc *cfg_loc)
{
	const eg_cval *list = eg_cval_get(cfg, "Aliases");
	eg_cval *const *items;
	size_t n, i;

	d->aliases_loc = member_loc(c, cfg, "Aliases", cfg_loc);
	if (!list)
		d->aliases_loc = *cfg_loc;
	cstrlist(c, &d->aliases, list);
	n = list && list->kind == EG_CV_SEQ ? citems(c, list, &items) : 0;
	if (!d->aliases.n)
		return;
	d->alias_locs = eg_arena_alloc(&c->m->arena, d->aliases.n * sizeof(*d->alias_locs));
	for (i = 0; i < d->aliases.n; i++)
		d->alias_locs[i] = cloc(c, i < n ? items[i] : NULL, &d->aliases_loc,
					eg_arena_printf(&c->m->arena, "%s/%zu", d->aliases_loc.pointer, i));
}

static void read_tags(cfn_ctx *c, eg_distribution *d, const eg_cval *props)
{
	const eg_cval *tags = eg_cval_get(props, "Tags");
	eg_cval *const *items;
	size_t n = citems(c, tags, &items), i;

	if (tags && tags->kind == EG_CV_UNKNOWN)
		d->tags_unknown = true;
	for (i = 0; i < n; i++) {
		const char *key = cstr(c, eg_cval_get(items[i], "Key"));
		const char *val = cstr(c, eg_cval_get(items[i], "Value"));
		if (eg_is_unknown(key)) {
			d->tags_unknown = true;
			continue;
		}
		if (key)
			eg_model_add_tag(c->m, d, key, val ? val : "");
	}
}

static const char *cdk_path(cfn_ctx *c, const eg_ynode *res)
{
	const eg_ynode *meta = eg_ynode_get(res, "Metadata");
	const eg_ynode *path = meta && meta->kind == EG_Y_MAP ? eg_ynode_get(meta, "aws:cdk:path") : NULL;

	return path && path->kind == EG_Y_SCALAR ? eg_model_str(c->m, path->str) : NULL;
}

static int read_distribution(cfn_ctx *c, const char *id, const eg_ynode *res, const eg_loc *loc)
{
	eg_cval *props = NULL;
	const eg_cval *cfg, *cert, *logging;
	eg_distribution *d;
	eg_loc props_loc, cfg_loc;
	int rc;

	if ((rc = resolve_member(c, res, "Properties", &props)))
		return rc;
	if (!props) /* Properties: !Ref AWS::NoValue deploys nothing we can read */
		return 0;
	d = eg_model_add_distribution(c->m, loc, eg_model_str(c->m, id));
	d->name = d->address;
	d->stack = c->stack;
	d->construct_path = cdk_path(c, res);
	d->env_param = c->env_param;
	d->id = EG_UNKNOWN;
	d->domain_name = EG_UNKNOWN;
	props_loc = cloc(c, props, loc, eg_arena_printf(&c->m->arena, "%s/Properties", loc->pointer));
	cfg = eg_cval_get(props, "DistributionConfig");
	cfg_loc = member_loc(c, props, "DistributionConfig", &props_loc);
	read_tags(c, d, props);
	if (!cfg || cfg->kind == EG_CV_UNKNOWN) {
		d->origins_unknown = d->behaviors_unknown = d->aliases.unknown = true;
		d->enabled = EG_TRI_UNKNOWN;
		d->aliases_loc = cfg_loc;
		return 0;
	}
	read_aliases(c, d, cfg, &cfg_loc);
	d->comment = cstr(c, eg_cval_get(cfg, "Comment"));
	d->enabled = ctri(eg_cval_get(cfg, "Enabled"));
	d->web_acl_id = cstr(c, eg_cval_get(cfg, "WebACLId"));
	d->default_root_object = cstr(c, eg_cval_get(cfg, "DefaultRootObject"));
	logging = eg_cval_get(cfg, "Logging");
	d->logging = !logging ? EG_TRI_FALSE : logging->kind == EG_CV_UNKNOWN ? EG_TRI_UNKNOWN : EG_TRI_TRUE;
	d->logging_bucket = cstr(c, eg_cval_get(logging, "Bucket"));
	cert = eg_cval_get(cfg, "ViewerCertificate");
	d->viewer_certificate_loc = member_loc(c, cfg, "ViewerCertificate", &cfg_loc);
	if (cert && cert->kind == EG_CV_UNKNOWN) {
		d->acm_certificate_arn = d->minimum_protocol_version = d->ssl_support_method = EG_UNKNOWN;
		d->default_certificate = EG_TRI_UNKNOWN;
	} else {
		d->acm_certificate_arn = cstr(c, eg_cval_get(cert, "AcmCertificateArn"));
		/* No ViewerCertificate means CloudFront's default certificate. */
		d->default_certificate = cert ? ctri(eg_cval_get(cert, "CloudFrontDefaultCertificate"))
					      : EG_TRI_TRUE;
		d->minimum_protocol_version = cstr(c, eg_cval_get(cert, "MinimumProtocolVersion"));
		d->ssl_support_method = cstr(c, eg_cval_get(cert, "SslSupportMethod"));
	}
	if ((rc = read_origins(c, d, cfg, &cfg_loc)))
		return rc;
	read_groups(c, d, cfg, &cfg_loc);
	read_behaviors(c, d, cfg, &cfg_loc);
	return 0;
}

/* --- DNS records ---------------------------------------------------------------- */

static void read_record(cfn_ctx *c, const char *address, const char *construct_path,
			const eg_cval *v, const eg_cval *group_zone, const eg_loc *loc)
{
	eg_dns_record *r = eg_model_add_record(c->m, loc, address);
	const eg_cval *alias = eg_cval_get(v, "AliasTarget"), *dns = eg_cval_get(alias, "DNSName");
	const eg_cval *zone = eg_cval_get(v, "HostedZoneId");
	const eg_cval *alias_zone = eg_cval_get(alias, "HostedZoneId");
	const char *type;
	size_t i;

	r->stack = c->stack;
	r->construct_path = construct_path;
	r->name = cstr(c, eg_cval_get(v, "Name"));
	r->type = cstr(c, eg_cval_get(v, "Type"));
	r->zone_id = cstr(c, zone ? zone : group_zone);
	r->set_identifier = cstr(c, eg_cval_get(v, "SetIdentifier"));
	r->alias_name = cstr(c, dns);
	r->alias_zone_id = cstr(c, alias_zone);
	for (i = 0; alias_zone && alias_zone->kind == EG_CV_UNKNOWN && i < alias_zone->nchoices; i++)
		eg_strlist_push(c->m, &r->alias_zone_candidates, alias_zone->choices[i]);
	cstrlist(c, &r->records, eg_cval_get(v, "ResourceRecords"));
	type = dns && dns->ref ? eg_cfn_resource_type(c->t, dns->ref) : NULL;
	if (type && !strcmp(type, "AWS::CloudFront::Distribution"))
		r->target_ref = eg_model_str(c->m, dns->ref);
	else if (dns && dns->kind == EG_CV_UNKNOWN && !dns->ref)
		r->target_ref = EG_UNKNOWN; /* an import or parameter: could be any distribution */
}

static int read_records(cfn_ctx *c, const char *id, const char *type, const eg_ynode *res,
			const eg_loc *loc)
{
	eg_cval *props = NULL;
	eg_cval *const *items;
	eg_loc props_loc, list_loc;
	size_t n, i;
	int rc;

	if ((rc = resolve_member(c, res, "Properties", &props)) || !props)
		return rc;
	if (!strcmp(type, "AWS::Route53::RecordSet")) {
		read_record(c, eg_model_str(c->m, id), cdk_path(c, res), props, NULL, loc);
		return 0;
	}
	props_loc = cloc(c, props, loc, eg_arena_printf(&c->m->arena, "%s/Properties", loc->pointer));
	list_loc = member_loc(c, props, "RecordSets", &props_loc);
	n = citems(c, eg_cval_get(props, "RecordSets"), &items);
	for (i = 0; i < n; i++) {
		eg_loc item_loc = cloc(c, items[i], &list_loc,
				       eg_arena_printf(&c->m->arena, "%s/%zu", list_loc.pointer, i));
		read_record(c, eg_arena_printf(&c->m->arena, "%s[%zu]", id, i), cdk_path(c, res),
			    items[i], eg_cval_get(props, "HostedZoneId"), &item_loc);
	}
	return 0;
}

/* --- the template ------------------------------------------------------------------ */

/* Metadata.edgegate.waivers: waivers that travel with the resource. */
static int read_waivers(cfn_ctx *c, const char *id, const char *type, const eg_ynode *res)
{
	static const char *const keys[] = { "waivers", NULL };
	const eg_ynode *meta = eg_ynode_get(res, "Metadata");
	const eg_ynode *eg = meta && meta->kind == EG_Y_MAP ? eg_ynode_get(meta, "edgegate") : NULL;
	const char *resource = id;
	size_t first;
	int rc;

	if (!eg)
		return 0;
	if (eg->kind != EG_Y_MAP)
		return eg_error_set(c->err, EG_ERR_INPUT, c->src->path, eg->line, eg->col,
				    "Metadata.edgegate must be a mapping with `waivers`");
	if ((rc = eg_ynode_check_keys(eg, "Metadata.edgegate", keys, c->src->path,
				      EG_ERR_INPUT, c->err)))
		return rc;
	if (!eg_ynode_get(eg, "waivers"))
		return eg_error_set(c->err, EG_ERR_INPUT, c->src->path, eg->line, eg->col,
				    "Metadata.edgegate needs `waivers`");
	if (!strcmp(type, "AWS::Route53::RecordSetGroup"))
		resource = eg_arena_printf(&c->m->arena, "%s[*]", id); /* each record of the group */
	first = c->m->waivers.n;
	if ((rc = eg_waivers_parse(eg_ynode_get(eg, "waivers"), c->src->path, resource, c->stack,
				   &c->m->arena, EG_ERR_INPUT, &c->m->waivers, c->err)))
		return rc;
	for (; first < c->m->waivers.n; first++)
		c->m->waivers.items[first].src = c->src;
	return 0;
}

static const char *find_env_param(cfn_ctx *c)
{
	size_t i;

	for (i = 0; env_params[i]; i++) {
		const eg_cval *v = eg_cfn_param_value(c->t, env_params[i]);
		if (v && v->kind == EG_CV_SCALAR && *v->str)
			return eg_arena_printf(&c->m->arena, "%s=%s", env_params[i], v->str);
		if (v && v->kind == EG_CV_UNKNOWN)
			return EG_UNKNOWN;
	}
	return NULL;
}

int eg_ingest_cfn(eg_model *m, const eg_source *src, const eg_ydoc *doc,
		  const eg_ingest_options *o, const char *stack, eg_error *err)
{
	eg_cfn_options opt;
	cfn_ctx c;
	const eg_ynode *resources;
	size_t i;
	int rc;

	memset(&opt, 0, sizeof(opt));
	if (o->cfn)
		opt = *o->cfn;
	if (stack)
		opt.stack_name = stack;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.src = src;
	c.err = err;
	c.stack = eg_model_str(m, opt.stack_name);
	if ((rc = eg_cfn_open(&c.t, doc, &opt, err)))
		return rc;
	c.env_param = find_env_param(&c);
	resources = eg_cfn_resources(c.t);
	for (i = 0; resources && i < resources->npairs && !rc; i++) {
		const eg_ynode *key = resources->pairs[i].key, *res = resources->pairs[i].value;
		const eg_ynode *cond = eg_ynode_get(res, "Condition");
		const char *type = eg_cfn_resource_type(c.t, key->str);
		eg_loc loc;

		if (!type || (cond && eg_cfn_condition(c.t, cond->str) == 0))
			continue; /* a resource whose Condition is false does not exist */
		if ((rc = read_waivers(&c, key->str, type, res)))
			break;
		memset(&loc, 0, sizeof(loc));
		loc.src = src;
		loc.pointer = eg_arena_printf(&m->arena, "/Resources/%s", key->str);
		loc.line = key->line;
		loc.col = key->col;
		c.res_first = key->line;
		c.res_last = i + 1 < resources->npairs ? resources->pairs[i + 1].key->line - 1 : 0x7fffffff;
		if (!strcmp(type, "AWS::CloudFront::Distribution"))
			rc = read_distribution(&c, key->str, res, &loc);
		else if (!strcmp(type, "AWS::Route53::RecordSet") ||
			 !strcmp(type, "AWS::Route53::RecordSetGroup"))
			rc = read_records(&c, key->str, type, res, &loc);
	}
	eg_cfn_free(c.t);
	return rc;
}

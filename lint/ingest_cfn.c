/* ingest_cfn.c - CloudFormation templates (hand-written, CDK, SST v2) into
 * the model.
 *
 * Each resource's Properties are resolved once (cfn.c) and read from the
 * resolved tree; locations come from the template's own nodes, so YAML
 * findings carry YAML line numbers.  A value resolved from a parameter or a
 * mapping points back at the property that used it, not at the Default.
 */
#include "dialect.h"

#include "cfn.h"
#include "map.h"
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
	const char *region;     /* the stack's region (--region), or NULL */
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
	o->ref_attr = eg_model_str(c->m, domain->ref_attr);
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

/* CloudFormation's spelling of a DistributionConfig (the API's names, lists
 * plain except OriginGroups and their Members). */
static const eg_map_path cfn_paths[] = {
	{ "dist.comment", "Comment" },
	{ "dist.enabled", "Enabled" },
	{ "dist.staging", "Staging" },
	{ "dist.continuous_deployment_policy_id", "ContinuousDeploymentPolicyId" },
	{ "dist.http_version", "HttpVersion" },
	{ "dist.ipv6", "IPV6Enabled" },
	{ "dist.price_class", "PriceClass" },
	{ "dist.default_root_object", "DefaultRootObject" },
	{ "dist.web_acl_id", "WebACLId" },
	{ "dist.aliases", "Aliases" },
	{ "dist.logging", "?Logging" },
	{ "dist.logging_bucket", "Logging.Bucket" },
	{ "dist.logging_prefix", "Logging.Prefix" },
	{ "dist.logging_cookies", "Logging.IncludeCookies" },
	{ "dist.geo_restriction", "Restrictions.GeoRestriction.RestrictionType" },
	{ "dist.geo_locations", "Restrictions.GeoRestriction.Locations" },
	{ "dist.viewer_certificate", "ViewerCertificate" },
	{ "dist.acm_certificate_arn", "ViewerCertificate.AcmCertificateArn" },
	{ "dist.iam_certificate_id", "ViewerCertificate.IamCertificateId" },
	{ "dist.default_certificate", "ViewerCertificate.CloudFrontDefaultCertificate" },
	{ "dist.minimum_protocol_version", "ViewerCertificate.MinimumProtocolVersion" },
	{ "dist.ssl_support_method", "ViewerCertificate.SslSupportMethod" },
	{ "dist.origins", "Origins" },
	{ "dist.origin_groups", "OriginGroups.Items" },
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
	{ "origin.ssl_protocols", "CustomOriginConfig.OriginSSLProtocols" },
	{ "origin.http_port", "CustomOriginConfig.HTTPPort" },
	{ "origin.https_port", "CustomOriginConfig.HTTPSPort" },
	{ "origin.shield", "OriginShield.Enabled" },
	{ "origin.shield_region", "OriginShield.OriginShieldRegion" },
	{ "origin.vpc_origin_id", "VpcOriginConfig.VpcOriginId" },
	{ "origin.headers", "OriginCustomHeaders" },
	{ "header.name", "HeaderName" },
	{ "header.value", "HeaderValue" },
	{ "group.id", "Id" },
	{ "group.failover_codes", "FailoverCriteria.StatusCodes.Items" },
	{ "group.members", "Members.Items" },
	{ "member.origin_id", "OriginId" },
	{ "behavior.path_pattern", "PathPattern" },
	{ "behavior.target_origin_id", "TargetOriginId" },
	{ "behavior.allowed_methods", "AllowedMethods" },
	{ "behavior.cached_methods", "CachedMethods" },
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
	{ "certificate.domain", "DomainName" },
	{ "certificate.sans", "SubjectAlternativeNames" },
	{ "oac.name", "OriginAccessControlConfig.Name" },
	{ "oac.origin_type", "OriginAccessControlConfig.OriginAccessControlOriginType" },
	{ "oac.signing_behavior", "OriginAccessControlConfig.SigningBehavior" },
	{ "cache_policy.name", "CachePolicyConfig.Name" },
	{ "cache_policy.max_ttl", "CachePolicyConfig.MaxTTL" },
	{ "cache_policy.header_behavior",
	  "CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.HeaderBehavior" },
	{ "cache_policy.headers",
	  "CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers" },
	{ "cache_policy.cookie_behavior",
	  "CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.CookieBehavior" },
	{ "cache_policy.cookies",
	  "CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.Cookies" },
	{ "cache_policy.query_behavior", "CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin."
					 "QueryStringsConfig.QueryStringBehavior" },
	{ "origin_request_policy.name", "OriginRequestPolicyConfig.Name" },
	{ "origin_request_policy.header_behavior", "OriginRequestPolicyConfig.HeadersConfig.HeaderBehavior" },
	{ "origin_request_policy.headers", "OriginRequestPolicyConfig.HeadersConfig.Headers" },
	{ "origin_request_policy.cookie_behavior", "OriginRequestPolicyConfig.CookiesConfig.CookieBehavior" },
	{ "origin_request_policy.cookies", "OriginRequestPolicyConfig.CookiesConfig.Cookies" },
	{ "origin_request_policy.query_behavior",
	  "OriginRequestPolicyConfig.QueryStringsConfig.QueryStringBehavior" },
	{ "bucket.name", "BucketName" },
	{ "bucket.website", "?WebsiteConfiguration" },
	{ "bucket_policy.bucket", "Bucket" },
	{ "lambda_function.name", "FunctionName" },
	{ "lambda_function.environment_variables", "?Environment.Variables" },
	{ "lambda_function.vpc", "?VpcConfig.SubnetIds" },
	{ "lambda_function.layers", "Layers" },
	{ "lambda_function.package_type", "PackageType" },
	{ "zone.name", "Name" },
	{ "zone.private_zone", "?VPCs" },
	{ "cd_policy.staging_domains", "ContinuousDeploymentPolicyConfig.StagingDistributionDnsNames" },
	{ "listener_rule.listener", "ListenerArn" },
	{ "listener_rule.priority", "Priority" },
	/* each condition in its *Config form, or the older Field + Values */
	{ "listener_rule.path_patterns",
	  "Conditions.*.PathPatternConfig.Values|Conditions.*Field=path-pattern.Values" },
	{ "listener_rule.host_headers",
	  "Conditions.*.HostHeaderConfig.Values|Conditions.*Field=host-header.Values" },
	{ "listener_rule.http_methods", "Conditions.*.HttpRequestMethodConfig.Values" },
	{ "api_route.route_key", "RouteKey" },
	{ "api_route.api_id", "ApiId" },
	{ "api_route.target", "Target" },
	{ NULL, NULL },
};

static eg_mval cfn_value(const eg_cval *v, const char *key, const eg_loc *loc)
{
	eg_mval m;

	memset(&m, 0, sizeof(m));
	m.state = !v ? EG_MV_ABSENT : v->kind == EG_CV_UNKNOWN ? EG_MV_UNKNOWN : EG_MV_VALUE;
	m.node = v;
	m.key = key;
	m.loc = *loc;
	return m;
}

static eg_mval cfn_member(void *ctx, const eg_mval *obj, const char *key)
{
	cfn_ctx *c = ctx;
	const eg_cval *map = obj->node;
	eg_loc loc = member_loc(c, map, key, &obj->loc);

	return cfn_value(eg_cval_get(map, key), key, &loc);
}

/* A lone value stands for a one-item list: CloudFormation accepts that. */
static size_t cfn_count(void *ctx, const eg_mval *v)
{
	const eg_cval *cv = v->node;

	(void)ctx;
	return cv->kind == EG_CV_SEQ ? cv->nitems : 1;
}

static eg_mval cfn_item(void *ctx, const eg_mval *v, size_t i)
{
	cfn_ctx *c = ctx;
	const eg_cval *cv = v->node;
	const eg_cval *it = cv->kind == EG_CV_SEQ ? cv->items[i] : cv;
	eg_loc loc = cloc(c, it, &v->loc, eg_arena_printf(&c->m->arena, "%s/%zu", v->loc.pointer, i));

	return cfn_value(it, v->key, &loc);
}

static const char *cfn_text(void *ctx, const eg_mval *v)
{
	const eg_cval *cv = v->node;

	/* A list or mapping where text belongs resolves to nothing we can read. */
	return cv->kind == EG_CV_SCALAR ? cstr(ctx, cv) : EG_UNKNOWN;
}

static eg_tri cfn_flag(void *ctx, const eg_mval *v)
{
	(void)ctx;
	return ctri(v->node);
}

static const char *cfn_id(void *ctx, const eg_mval *v)
{
	return cid(ctx, v->node);
}

static const eg_dialect cfn_dialect = {
	"cloudformation", cfn_member, cfn_count, cfn_item, cfn_text, cfn_flag, cfn_id, NULL,
	cfn_paths,
};

/* The logical id a property refers to (!Ref, !GetAtt), in the model's
 * arena: references stay inside the template. */
static const char *cref(cfn_ctx *c, const eg_cval *v)
{
	return v && v->ref && eg_cfn_resource(c->t, v->ref) ? eg_model_str(c->m, v->ref) : NULL;
}

/* What a Lambda@Edge ARN that refers to a template resource can be: Ref
 * of an AWS::Lambda::Version is its versioned ARN; Ref of a function is
 * its name and Fn::GetAtt Arn its unqualified ARN; an alias is no version
 * (Lambda@Edge takes "a numbered version, not $LATEST or aliases"). */
static eg_tri lambda_numbered(cfn_ctx *c, const eg_cval *v)
{
	const char *type = v && v->ref ? eg_cfn_resource_type(c->t, v->ref) : NULL;

	if (!type)
		return EG_TRI_UNKNOWN;
	if (!strcmp(type, "AWS::Lambda::Version"))
		return v->ref_attr ? EG_TRI_UNKNOWN : EG_TRI_TRUE;
	if (!strcmp(type, "AWS::Lambda::Function") || !strcmp(type, "AWS::Lambda::Alias"))
		return v->ref_attr && strcmp(v->ref_attr, "Arn") ? EG_TRI_UNKNOWN : EG_TRI_FALSE;
	return EG_TRI_UNKNOWN;
}

/* The resources of the template the distribution points at. */
static void read_refs(cfn_ctx *c, eg_distribution *d, const eg_cval *cfg)
{
	eg_cval *const *items, *const *fns;
	const eg_cval *def = eg_cval_get(cfg, "DefaultCacheBehavior");
	size_t n, i, j, k;

	d->certificate_ref = cref(c, eg_cval_get(eg_cval_get(cfg, "ViewerCertificate"),
						 "AcmCertificateArn"));
	d->cd_policy_ref = cref(c, eg_cval_get(cfg, "ContinuousDeploymentPolicyId"));
	n = citems(c, eg_cval_get(cfg, "Origins"), &items);
	for (i = 0; i < n && i < d->norigins; i++)
		d->origins[i]->oac_ref = cref(c, eg_cval_get(items[i], "OriginAccessControlId"));
	n = citems(c, eg_cval_get(cfg, "CacheBehaviors"), &items);
	for (i = 0; i < d->nbehaviors; i++) {
		eg_behavior *b = d->behaviors[i];
		const eg_cval *v = b->is_default ? def : i < n ? items[i] : NULL;
		eg_cval *const *lambdas;
		size_t nf = citems(c, eg_cval_get(v, "FunctionAssociations"), &fns);
		size_t nl = citems(c, eg_cval_get(v, "LambdaFunctionAssociations"), &lambdas);

		b->cache_policy_ref = cref(c, eg_cval_get(v, "CachePolicyId"));
		b->origin_request_policy_ref = cref(c, eg_cval_get(v, "OriginRequestPolicyId"));
		/* the mapped functions: CloudFront Functions, then Lambda@Edge */
		for (j = 0, k = 0; j < b->nfunctions; j++) {
			eg_function_assoc *f = b->functions[j];
			if (!f->lambda && j < nf)
				f->ref = cref(c, eg_cval_get(fns[j], "FunctionARN"));
			else if (f->lambda && k < nl) {
				const eg_cval *arn = eg_cval_get(lambdas[k++], "LambdaFunctionARN");
				f->ref = cref(c, arn);
				f->numbered = lambda_numbered(c, arn);
			}
		}
	}
}

/* What the template says about each origin beyond its fields: the resource
 * its domain refers to, the shape of an unresolved domain, its OAC's kind. */
static int origin_facts(cfn_ctx *c, eg_distribution *d, const eg_cval *cfg)
{
	eg_cval *const *items;
	size_t n = citems(c, eg_cval_get(cfg, "Origins"), &items), i;
	int rc;

	for (i = 0; i < n && i < d->norigins; i++) {
		const eg_cval *domain = eg_cval_get(items[i], "DomainName");
		eg_origin *o = d->origins[i];
		if ((rc = origin_ref(c, o, domain)))
			return rc;
		origin_shape(c, o, domain);
		origin_oac_kind(c, o, eg_cval_get(items[i], "OriginAccessControlId"));
	}
	return 0;
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

/* What CloudFormation requires of a distribution, so that a template cut
 * at a line boundary (still valid YAML) is not read as a distribution with
 * CloudFront's defaults: a DistributionConfig with Enabled,
 * DefaultCacheBehavior, and Origins or OriginGroups.  A configuration
 * that is not known (an unresolved !If) is not checked. */
static int check_required(cfn_ctx *c, const char *id, const eg_ynode *res, const eg_cval *props,
			  const eg_cval *cfg, const eg_loc *cfg_loc)
{
	static const char *const required[] = { "Enabled", "DefaultCacheBehavior", NULL };
	eg_strbuf missing = EG_STRBUF_INIT;
	const eg_ynode *at;
	size_t i;
	int rc = 0;

	if (props && props->kind == EG_CV_MAP && !cfg) {
		at = eg_ynode_get(res, "Properties");
		return eg_error_set(c->err, EG_ERR_INPUT, c->src->path, at->line, at->col,
				    "distribution %s has no DistributionConfig: CloudFormation would "
				    "reject this (a template cut short?)", id);
	}
	if (!cfg || cfg->kind != EG_CV_MAP)
		return 0;
	for (i = 0; required[i]; i++)
		if (!eg_cval_get(cfg, required[i]))
			eg_sb_addf(&missing, "%s%s", missing.len ? ", " : "", required[i]);
	if (!eg_cval_get(cfg, "Origins") && !eg_cval_get(cfg, "OriginGroups"))
		eg_sb_addf(&missing, "%sOrigins", missing.len ? ", " : "");
	/* and of what it holds: each origin its Id and DomainName, the default
	 * behavior its TargetOriginId and ViewerProtocolPolicy */
	{
		const eg_cval *origins = eg_cval_get(cfg, "Origins");
		const eg_cval *dcb = eg_cval_get(cfg, "DefaultCacheBehavior");
		static const char *const origin_keys[] = { "Id", "DomainName", NULL };
		static const char *const dcb_keys[] = { "TargetOriginId", "ViewerProtocolPolicy", NULL };
		size_t j;

		for (i = 0; origins && origins->kind == EG_CV_SEQ && i < origins->nitems; i++)
			for (j = 0; origin_keys[j] && origins->items[i]->kind == EG_CV_MAP; j++)
				if (!eg_cval_get(origins->items[i], origin_keys[j]))
					eg_sb_addf(&missing, "%sOrigins[%zu].%s", missing.len ? ", " : "", i,
						   origin_keys[j]);
		for (j = 0; dcb && dcb->kind == EG_CV_MAP && dcb_keys[j]; j++)
			if (!eg_cval_get(dcb, dcb_keys[j]))
				eg_sb_addf(&missing, "%sDefaultCacheBehavior.%s", missing.len ? ", " : "",
					   dcb_keys[j]);
	}
	if (missing.len)
		rc = eg_error_set(c->err, EG_ERR_INPUT, c->src->path, cfg_loc->line, cfg_loc->col,
				  "the DistributionConfig of %s has no %s: CloudFormation would reject "
				  "this (a template cut short?)", id, missing.buf);
	eg_sb_release(&missing);
	return rc;
}

static int read_distribution(cfn_ctx *c, const char *id, const eg_ynode *res, const eg_loc *loc)
{
	eg_cval *props = NULL;
	const eg_cval *cfg;
	eg_distribution *d;
	eg_loc props_loc, cfg_loc;
	eg_mapper mp = { &cfn_dialect, c, c->m };
	eg_mval root;
	int rc;

	if ((rc = resolve_member(c, res, "Properties", &props)))
		return rc;
	if (!props && !eg_ynode_get(res, "Properties"))
		return eg_error_set(c->err, EG_ERR_INPUT, c->src->path, loc->line, loc->col,
				    "distribution %s has no Properties: CloudFormation would reject "
				    "this (a template cut short?)", id);
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
	if ((rc = check_required(c, id, res, props, cfg, &cfg_loc)))
		return rc;
	read_tags(c, d, props);
	/* No readable configuration: nothing in it is known. */
	root = cfn_value(cfg && cfg->kind == EG_CV_MAP ? cfg : NULL, "DistributionConfig", &cfg_loc);
	if (root.state != EG_MV_VALUE)
		root.state = EG_MV_UNKNOWN;
	eg_map_distribution(&mp, d, &root);
	if (root.state == EG_MV_VALUE && (rc = origin_facts(c, d, cfg)))
		return rc;
	if (root.state == EG_MV_VALUE)
		read_refs(c, d, cfg);
	eg_map_defaults(c->m, d);
	return 0;
}

/* --- resources distributions point at ----------------------------------------- */

static bool resource_kind(const char *type, eg_res_kind *kind)
{
	static const struct {
		const char *type;
		eg_res_kind kind;
	} kinds[] = {
		{ "AWS::CertificateManager::Certificate", EG_RES_CERTIFICATE },
		{ "AWS::CloudFront::OriginAccessControl", EG_RES_OAC },
		{ "AWS::CloudFront::CachePolicy", EG_RES_CACHE_POLICY },
		{ "AWS::CloudFront::OriginRequestPolicy", EG_RES_ORIGIN_REQUEST_POLICY },
		{ "AWS::S3::Bucket", EG_RES_BUCKET },
		{ "AWS::Lambda::Function", EG_RES_LAMBDA },
		{ "AWS::Lambda::Version", EG_RES_LAMBDA },
		{ "AWS::Route53::HostedZone", EG_RES_ZONE },
		{ "AWS::CloudFront::ContinuousDeploymentPolicy", EG_RES_CD_POLICY },
		{ "AWS::S3::BucketPolicy", EG_RES_BUCKET_POLICY },
		{ "AWS::ElasticLoadBalancingV2::ListenerRule", EG_RES_LISTENER_RULE },
		{ "AWS::ApiGatewayV2::Route", EG_RES_API_ROUTE },
	};
	size_t i;

	for (i = 0; i < EG_ARRAY_SIZE(kinds); i++)
		if (!strcmp(type, kinds[i].type)) {
			*kind = kinds[i].kind;
			return true;
		}
	return false;
}

static int read_resource(cfn_ctx *c, const char *id, const char *type, eg_res_kind kind,
			 const eg_ynode *res, const eg_loc *loc)
{
	eg_cval *props = NULL;
	eg_mapper mp = { &cfn_dialect, c, c->m };
	eg_error quiet = EG_ERROR_INIT;
	eg_resource *r;
	eg_loc props_loc;
	eg_mval root;
	eg_error *err = c->err;
	int rc;

	/* Only facts are read here: a resource that does not resolve (an
	 * undefined !Ref in a bucket's logging setup) is unknown, and stops
	 * nothing, as before edgegate read it at all. */
	c->err = &quiet;
	rc = resolve_member(c, res, "Properties", &props);
	c->err = err;
	if (rc == EG_ERR_INPUT)
		props = NULL;
	else if (rc)
		return eg_error_set(err, quiet.code, quiet.file, quiet.line, quiet.col, "%s",
				    quiet.message);
	r = eg_model_add_resource(c->m, loc, kind, id);
	props_loc = cloc(c, props, loc, eg_arena_printf(&c->m->arena, "%s/Properties", loc->pointer));
	/* made by this stack: its id and ARN are known after deploy */
	r->id = r->arn = EG_UNKNOWN;
	root = cfn_value(props, "Properties", &props_loc);
	if (rc)
		root.state = EG_MV_UNKNOWN;
	eg_map_resource(&mp, r, &root);
	if (!r->id)
		r->id = EG_UNKNOWN;
	/* !GetAtt Staging.DomainName: the staging distribution of this stack */
	if (kind == EG_RES_CD_POLICY && !rc) {
		eg_cval *const *items;
		size_t n = citems(c, eg_cval_get(eg_cval_get(props, "ContinuousDeploymentPolicyConfig"),
						 "StagingDistributionDnsNames"), &items), i;
		for (i = 0; i < n; i++) {
			const char *ref = cref(c, items[i]);
			if (ref)
				eg_strlist_push(c->m, &r->staging_refs, ref);
		}
	}
	if (kind == EG_RES_BUCKET_POLICY) {
		const eg_cval *doc = props ? eg_cval_get(props, "PolicyDocument") : NULL;
		eg_mval d = cfn_value(doc, "PolicyDocument", &props_loc);
		r->bucket_ref = cref(c, props ? eg_cval_get(props, "Bucket") : NULL);
		if (rc)
			d.state = EG_MV_UNKNOWN;
		eg_map_policy_grants(&mp, r, &d);
	}
	/* a version is a snapshot of the function it names */
	if (!rc && props && !strcmp(type, "AWS::Lambda::Version"))
		r->function_ref = cref(c, eg_cval_get(props, "FunctionName"));
	/* a bucket lives in its stack's region */
	if (kind == EG_RES_BUCKET && !r->region)
		r->region = c->region ? c->region : EG_UNKNOWN;
	return 0;
}

/* --- DNS records ---------------------------------------------------------------- */

static void read_record(cfn_ctx *c, const char *address, const char *construct_path,
			const eg_cval *v, const eg_cval *group_zone, const eg_cval *group_zone_name,
			const eg_loc *loc)
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
	r->zone_ref = cref(c, zone ? zone : group_zone);
	/* HostedZoneName stands for the zone when no HostedZoneId is given */
	if (!zone && !group_zone)
		r->zone_name = cstr(c, eg_cval_get(v, "HostedZoneName"));
	if (!zone && !group_zone && !r->zone_name)
		r->zone_name = cstr(c, group_zone_name);
	r->evaluate_target_health = ctri(eg_cval_get(alias, "EvaluateTargetHealth"));
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
		read_record(c, eg_model_str(c->m, id), cdk_path(c, res), props, NULL, NULL, loc);
		return 0;
	}
	props_loc = cloc(c, props, loc, eg_arena_printf(&c->m->arena, "%s/Properties", loc->pointer));
	list_loc = member_loc(c, props, "RecordSets", &props_loc);
	n = citems(c, eg_cval_get(props, "RecordSets"), &items);
	for (i = 0; i < n; i++) {
		eg_loc item_loc = cloc(c, items[i], &list_loc,
				       eg_arena_printf(&c->m->arena, "%s/%zu", list_loc.pointer, i));
		read_record(c, eg_arena_printf(&c->m->arena, "%s[%zu]", id, i), cdk_path(c, res),
			    items[i], eg_cval_get(props, "HostedZoneId"),
			    eg_cval_get(props, "HostedZoneName"), &item_loc);
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
		  const eg_cfn_options *o, const char *stack, eg_error *err)
{
	eg_cfn_options opt;
	cfn_ctx c;
	const eg_ynode *resources;
	size_t i;
	int rc;

	memset(&opt, 0, sizeof(opt));
	if (o)
		opt = *o;
	if (stack)
		opt.stack_name = stack;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.src = src;
	c.err = err;
	c.stack = eg_model_str(m, opt.stack_name);
	c.region = eg_model_str(m, opt.region);
	if ((rc = eg_cfn_open(&c.t, doc, &opt, err)))
		return rc;
	c.env_param = find_env_param(&c);
	resources = eg_cfn_resources(c.t);
	/* What CloudFormation itself requires, so that a template cut short or
	 * misspelt is not read as one without distributions. */
	if (!resources || !resources->npairs) {
		const eg_ynode *at = resources ? resources : doc->root;
		rc = eg_error_set(err, EG_ERR_INPUT, src->path, at ? at->line : 1, at ? at->col : 1,
				  "a CloudFormation template needs at least one resource in Resources "
				  "(CloudFormation would reject this)");
	}
	for (i = 0; resources && i < resources->npairs && !rc; i++) {
		const eg_ynode *type = eg_ynode_get(resources->pairs[i].value, "Type");
		if (!type || type->kind != EG_Y_SCALAR || !*type->str) {
			const eg_ynode *at = type ? type : resources->pairs[i].key;
			rc = eg_error_set(err, EG_ERR_INPUT, src->path, at->line, at->col,
					  "resource %s needs a Type such as AWS::CloudFront::Distribution "
					  "(CloudFormation would reject this)", resources->pairs[i].key->str);
		}
	}
	for (i = 0; resources && i < resources->npairs && !rc; i++) {
		const eg_ynode *key = resources->pairs[i].key, *res = resources->pairs[i].value;
		const eg_ynode *cond = eg_ynode_get(res, "Condition");
		const char *type = eg_cfn_resource_type(c.t, key->str);
		eg_res_kind kind;
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
		else if (eg_cloudfront_like_type(type))
			rc = eg_error_set(err, EG_ERR_INPUT, src->path, key->line, key->col,
					  "%s is a CloudFront distribution (%s), but edgegate reads only "
					  "AWS::CloudFront::Distribution: its aliases, origins and "
					  "behaviors would go unchecked (the gate fails closed)",
					  key->str, type);
		else if (resource_kind(type, &kind))
			rc = read_resource(&c, key->str, type, kind, res, &loc);
		else if (!strcmp(type, "AWS::Route53::RecordSet") ||
			 !strcmp(type, "AWS::Route53::RecordSetGroup"))
			rc = read_records(&c, key->str, type, res, &loc);
	}
	eg_cfn_free(c.t);
	return rc;
}

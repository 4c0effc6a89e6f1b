/* attr.c - named attributes over the model, and the derived view. */
#include "attr.h"

#include "cloudfront.h"
#include "common.h"
#include "env.h"
#include "strbuf.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const scope_names[EG_SCOPE__COUNT] = {
	"distribution", "origin", "behavior", "alias", "dns_record", "route", "function", "error_response",
};

const char *eg_scope_name(eg_scope s)
{
	return s < EG_SCOPE__COUNT ? scope_names[s] : "?";
}

bool eg_scope_parse(const char *name, eg_scope *out)
{
	int i;

	for (i = 0; i < EG_SCOPE__COUNT; i++)
		if (!strcmp(name, scope_names[i])) {
			*out = (eg_scope)i;
			return true;
		}
	return false;
}

const char *eg_vtype_name(eg_vtype t)
{
	static const char *const names[] = { "string", "boolean", "number", "list",
					     "object", "object list", "map" };
	return t <= EG_T_MAP ? names[t] : "?";
}

/* --- value constructors --------------------------------------------------- */

static eg_value v_absent(void)
{
	eg_value v = { 0 };
	v.kind = EG_V_ABSENT;
	return v;
}

static eg_value v_unknown(void)
{
	eg_value v = { 0 };
	v.kind = EG_V_UNKNOWN;
	return v;
}

static eg_value v_str(const char *s)
{
	eg_value v = { 0 };
	if (!s)
		return v_absent();
	if (eg_is_unknown(s))
		return v_unknown();
	v.kind = EG_V_STR;
	v.s = s;
	return v;
}

static eg_value v_bool(bool b)
{
	eg_value v = { 0 };
	v.kind = EG_V_BOOL;
	v.b = b;
	return v;
}

static eg_value v_tri(eg_tri t)
{
	return t == EG_TRI_UNKNOWN ? v_unknown() : v_bool(t == EG_TRI_TRUE);
}

static eg_value v_num(double n)
{
	eg_value v = { 0 };
	v.kind = EG_V_NUM;
	v.num = n;
	return v;
}

static eg_value v_list(const eg_strlist *l)
{
	eg_value v = { 0 };
	if (l->unknown)
		return v_unknown();
	v.kind = EG_V_LIST;
	v.items = l->items;
	v.n = l->n;
	return v;
}

static eg_value v_obj(const void *obj, eg_scope scope)
{
	eg_value v = { 0 };
	if (!obj)
		return v_absent();
	v.kind = EG_V_OBJ;
	v.obj = obj;
	v.scope = scope;
	return v;
}

static eg_value v_objs(void *const *objs, size_t n, eg_scope scope)
{
	eg_value v = { 0 };
	v.kind = EG_V_OBJS;
	v.objs = (const void *const *)objs;
	v.n = n;
	v.scope = scope;
	return v;
}

/* The objects among cand[0..n) that keep accepts next to self, as a list
 * in the view's arena: how host lookups become attribute values. */
typedef bool (*keep_fn)(const void *cand, const void *self);
static eg_value v_where(eg_view *v, const void *const *cand, size_t n, keep_fn keep,
			const void *self, eg_scope scope)
{
	const void **objs = NULL;
	size_t i, k = 0, alloc = 0;

	for (i = 0; i < n; i++) {
		if (!keep(cand[i], self))
			continue;
		EG_ARENA_GROW(&v->arena, objs, k + 1, alloc);
		objs[k++] = cand[i];
	}
	return v_objs((void *const *)objs, k, scope);
}

/* v_where over the index entries that may match host. */
static eg_value v_ix_where(eg_view *v, eg_hostix *ix, const char *host, keep_fn keep,
			   const void *self, eg_scope scope)
{
	const void **cand;
	size_t n = eg_hostix_candidates(ix, &v->arena, host, &cand);
	return v_where(v, cand, n, keep, self, scope);
}

/* A string list built in the view's arena. */
typedef struct tmp_list {
	const char **items;
	size_t n, alloc;
} tmp_list;

static void tmp_push_unique(eg_view *v, tmp_list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return;
	EG_ARENA_GROW(&v->arena, l->items, l->n + 1, l->alloc);
	l->items[l->n++] = s;
}

static eg_value v_tmp(const tmp_list *l)
{
	eg_value v = { 0 };
	v.kind = EG_V_LIST;
	v.items = l->items;
	v.n = l->n;
	return v;
}

/* "file:line:col" of a location, for messages that name both sides (the
 * column matters: `terraform show -json` writes one line). */
const char *eg_view_loc_text(eg_view *v, const eg_loc *loc)
{
	eg_loc l = *loc;

	if (!l.src)
		return "?";
	eg_model_resolve_loc(&l);
	return eg_arena_printf(&v->arena, "%s:%d:%d", l.src->path, l.line, l.col);
}

const char *eg_view_dist_label(eg_view *v, const eg_distribution *d)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *out;

	eg_distribution_label(d, &sb);
	out = eg_arena_strndup(&v->arena, sb.buf, sb.len);
	eg_sb_release(&sb);
	return out;
}

/* --- distribution --------------------------------------------------------- */

#define D(obj) ((const eg_distribution *)(obj))
#define GET(fn) static eg_value fn(eg_view *v, const void *obj)
#define UNUSED_VIEW (void)v

GET(dist_address) { UNUSED_VIEW; return v_str(D(obj)->address); }
GET(dist_name) { UNUSED_VIEW; return v_str(D(obj)->name); }
GET(dist_arn) { UNUSED_VIEW; return v_str(D(obj)->arn); }
GET(dist_id) { UNUSED_VIEW; return v_str(D(obj)->id); }
GET(dist_domain) { UNUSED_VIEW; return v_str(D(obj)->domain_name); }
GET(dist_comment) { UNUSED_VIEW; return v_str(D(obj)->comment); }
GET(dist_action) { UNUSED_VIEW; return v_str(D(obj)->action); }
GET(dist_file) { UNUSED_VIEW; return v_str(D(obj)->loc.src ? D(obj)->loc.src->path : NULL); }
GET(dist_enabled) { UNUSED_VIEW; return v_tri(D(obj)->enabled); }
GET(dist_waf) { UNUSED_VIEW; return v_str(D(obj)->web_acl_id); }
GET(dist_logging) { UNUSED_VIEW; return v_tri(D(obj)->logging); }
GET(dist_root_object) { UNUSED_VIEW; return v_str(D(obj)->default_root_object); }
GET(dist_aliases) { UNUSED_VIEW; return v_list(&D(obj)->aliases); }
GET(dist_env) { UNUSED_VIEW; return v_str(D(obj)->env); }
GET(dist_env_source) { UNUSED_VIEW; return v_str(D(obj)->env_source); }
GET(dist_acm) { UNUSED_VIEW; return v_str(D(obj)->acm_certificate_arn); }
GET(dist_default_cert) { UNUSED_VIEW; return v_tri(D(obj)->default_certificate); }
GET(dist_min_tls) { UNUSED_VIEW; return v_str(D(obj)->minimum_protocol_version); }
GET(dist_ssl_method) { UNUSED_VIEW; return v_str(D(obj)->ssl_support_method); }
GET(dist_tls_floor) { (void)obj; return v_str(v->config ? v->config->tls_floor : EG_CONFIG_TLS_FLOOR); }
GET(dist_http_version) { UNUSED_VIEW; return v_str(D(obj)->http_version); }
GET(dist_staging) { UNUSED_VIEW; return v_tri(D(obj)->staging); }
GET(dist_cd_policy) { UNUSED_VIEW; return v_str(D(obj)->continuous_deployment_policy_id); }
/* A staging distribution's primary, as the view sees it; unknown when the
 * primary is not in the inputs (staging distributions always have one
 * once traffic reaches them), absent for any other distribution. */
GET(dist_primary)
{
	const eg_distribution *p = D(obj)->primary;
	UNUSED_VIEW;
	while (p && p->superseded_by)
		p = p->superseded_by;
	if (p)
		return v_obj(p, EG_SCOPE_DISTRIBUTION);
	return D(obj)->staging == EG_TRI_FALSE ? v_absent() : v_unknown();
}
GET(dist_error_responses)
{
	UNUSED_VIEW;
	return v_objs((void *const *)D(obj)->error_responses, D(obj)->nerror_responses,
		      EG_SCOPE_ERROR_RESPONSE);
}

GET(dist_origins)
{
	UNUSED_VIEW;
	if (D(obj)->origins_unknown)
		return v_unknown();
	return v_objs((void *const *)D(obj)->origins, D(obj)->norigins, EG_SCOPE_ORIGIN);
}

GET(dist_behaviors)
{
	UNUSED_VIEW;
	if (D(obj)->behaviors_unknown)
		return v_unknown();
	return v_objs((void *const *)D(obj)->behaviors, D(obj)->nbehaviors, EG_SCOPE_BEHAVIOR);
}

GET(dist_default_behavior)
{
	UNUSED_VIEW;
	return v_obj(eg_distribution_default_behavior(D(obj)), EG_SCOPE_BEHAVIOR);
}

GET(dist_origin_kinds)
{
	const eg_distribution *d = D(obj);
	tmp_list l = { 0 };
	size_t i;

	if (d->origins_unknown)
		return v_unknown();
	for (i = 0; i < d->norigins; i++) {
		if (d->origins[i]->kind == EG_ORIGIN_UNKNOWN)
			return v_unknown();
		tmp_push_unique(v, &l, eg_cf_origin_kind_name(d->origins[i]->kind));
	}
	return v_tmp(&l);
}

/* Distinct known environments, plus one unknown item per origin whose
 * environment is unknown: one origin can never mix, two can (even when both
 * are unknown, so they must not collapse into one item). */
GET(dist_origin_envs)
{
	const eg_distribution *d = D(obj);
	tmp_list l = { 0 };
	size_t unknown = 0, i;

	if (d->origins_unknown)
		return v_unknown();
	for (i = 0; i < d->norigins; i++) {
		const eg_origin *o = d->origins[i];
		if (eg_is_unknown(o->env))
			unknown++;
		else if (o->env)
			tmp_push_unique(v, &l, o->env);
	}
	for (; unknown; unknown--) {
		EG_ARENA_GROW(&v->arena, l.items, l.n + 1, l.alloc);
		l.items[l.n++] = EG_UNKNOWN;
	}
	return v_tmp(&l);
}

/* The other distributions of the same input (a Terraform root, a
 * CloudFormation stack): the stages a root or stack defines together. */
static bool same_input(const void *cand, const void *self)
{
	const eg_distribution *a = cand, *b = self;

	return a != b && a->loc.src == b->loc.src &&
	       (a->stack == b->stack || (a->stack && b->stack && !strcmp(a->stack, b->stack)));
}
GET(dist_siblings)
{
	return v_where(v, (const void *const *)v->dists, v->ndists, same_input, obj,
		       EG_SCOPE_DISTRIBUTION);
}

/* The one origin whose known environment differs from the distribution's,
 * when there is exactly one: the origin a fix points elsewhere. */
GET(dist_odd_origin)
{
	const eg_distribution *d = D(obj);
	const eg_origin *odd = NULL;
	size_t i;

	UNUSED_VIEW;
	if (d->origins_unknown || !eg_known(d->env))
		return d->origins_unknown || eg_is_unknown(d->env) ? v_unknown() : v_absent();
	for (i = 0; i < d->norigins; i++) {
		const eg_origin *o = d->origins[i];
		if (!eg_known(o->env) || !strcmp(o->env, d->env))
			continue;
		if (odd)
			return v_absent();
		odd = o;
	}
	return v_obj(odd, EG_SCOPE_ORIGIN);
}

static size_t view_index(const eg_view *v, const eg_distribution *d);

GET(dist_records)
{
	size_t i = view_index(v, D(obj));

	if (i == v->ndists)
		return v_objs(NULL, 0, EG_SCOPE_RECORD);
	return v_objs((void *const *)v->dist_records[i], v->ndist_records[i], EG_SCOPE_RECORD);
}

GET(dist_label) { return v_str(eg_view_dist_label(v, D(obj))); }
GET(dist_location) { return v_str(eg_view_loc_text(v, &D(obj)->loc)); }
GET(dist_aliases_location) { return v_str(eg_view_loc_text(v, &D(obj)->aliases_loc)); }
GET(dist_format)
{
	UNUSED_VIEW;
	return v_str(D(obj)->loc.src ? eg_format_name(D(obj)->loc.src->format) : NULL);
}
GET(dist_seen_also)
{
	const eg_distribution *d = D(obj);
	tmp_list l = { 0 };
	size_t i;

	for (i = 0; i < d->nseen_also; i++)
		tmp_push_unique(v, &l, eg_arena_printf(&v->arena, "%s (%s)",
						       eg_view_loc_text(v, &d->seen_also[i]->loc),
						       eg_format_name(d->seen_also[i]->loc.src->format)));
	return v_tmp(&l);
}

GET(dist_view_differences) { UNUSED_VIEW; return v_str(D(obj)->view_differences); }
GET(dist_ipv6) { UNUSED_VIEW; return v_tri(D(obj)->ipv6); }
/* The viewer certificate as a resource of the inputs: absent when it is
 * not among them (only its ARN known), so rules can tell the two apart. */
GET(dist_cert_domain)
{
	UNUSED_VIEW;
	return D(obj)->certificate ? v_str(D(obj)->certificate->domain) : v_absent();
}
GET(dist_cert_sans)
{
	UNUSED_VIEW;
	return D(obj)->certificate ? v_list(&D(obj)->certificate->sans) : v_absent();
}
/* The certificate's region: the resource's own, else its ARN's. */
GET(dist_cert_region)
{
	const eg_distribution *d = D(obj);
	const char *arn = d->certificate && d->certificate->arn ? d->certificate->arn
							       : d->acm_certificate_arn;
	const char *p, *q;

	if (d->certificate && d->certificate->region)
		return v_str(d->certificate->region);
	if (!arn)
		return v_absent();
	if (!eg_known(arn))
		return v_unknown();
	/* arn:PARTITION:acm:REGION:... */
	p = strchr(arn, ':');
	p = p ? strchr(p + 1, ':') : NULL;
	p = p ? strchr(p + 1, ':') : NULL;
	q = p ? strchr(p + 1, ':') : NULL;
	if (!q || q == p + 1)
		return v_absent();
	return v_str(eg_arena_strndup(&v->arena, p + 1, (size_t)(q - p - 1)));
}

/* The AWS partition an ARN names ("arn:aws-cn:..."), or NULL. */
static const char *arn_partition(const char *arn)
{
	static const char *const parts[] = { "aws-cn", "aws-us-gov", "aws" };
	size_t i, n;

	if (!eg_known(arn) || strncmp(arn, "arn:", 4))
		return NULL;
	for (i = 0; i < EG_ARRAY_SIZE(parts); i++) {
		n = strlen(parts[i]);
		if (!strncmp(arn + 4, parts[i], n) && arn[4 + n] == ':')
			return parts[i];
	}
	return NULL;
}

/* dxxxx.cloudfront.cn is China's CloudFront, dxxxx.cloudfront.net the rest. */
static const char *domain_partition(const char *host)
{
	size_t n;

	if (!eg_known(host) || !eg_cf_is_distribution_domain(host))
		return NULL;
	n = strlen(host);
	if (n && host[n - 1] == '.')
		n--;
	return n > 3 && !strncasecmp(host + n - 3, ".cn", 3) ? "aws-cn" : "aws";
}

/* The partition of a distribution: its ARN, its domain name, or its
 * viewer certificate's ARN (CloudFront takes ACM certificates of its own
 * partition only); NULL when none is known. */
static const char *dist_partition_of(const eg_distribution *d)
{
	const char *p = arn_partition(d->arn);

	if (!p)
		p = domain_partition(d->domain_name);
	if (!p)
		p = arn_partition(d->acm_certificate_arn);
	return p;
}
GET(dist_partition)
{
	const char *p = dist_partition_of(D(obj));
	UNUSED_VIEW;
	return p ? v_str(p) : v_unknown();
}
/* The names the viewer certificate covers: the linked ACM certificate's
 * domain and SANs, CloudFront's *.cloudfront.net, or unknown when the
 * certificate is not in the inputs. */
GET(dist_certificate_names)
{
	const eg_distribution *d = D(obj);
	const eg_resource *c = d->certificate;
	tmp_list l = { 0 };
	size_t i;

	if (c) {
		if (!eg_known(c->domain) || c->sans.unknown)
			return v_unknown();
		tmp_push_unique(v, &l, c->domain);
		for (i = 0; i < c->sans.n; i++) {
			if (!eg_known(c->sans.items[i]))
				return v_unknown();
			tmp_push_unique(v, &l, c->sans.items[i]);
		}
		return v_tmp(&l);
	}
	if (d->default_certificate == EG_TRI_TRUE && !d->acm_certificate_arn && !d->iam_certificate_id) {
		tmp_push_unique(v, &l, "*.cloudfront.net");
		return v_tmp(&l);
	}
	return v_unknown();
}
/* How the environment is known: declared (a tag, the config, --env, a
 * stack or stage name, a template parameter) or inferred (tokens in the
 * address, the comment, the aliases, or the origins). */
GET(dist_environment_evidence)
{
	const char *src = D(obj)->env_source;
	UNUSED_VIEW;
	if (!D(obj)->env || eg_is_unknown(D(obj)->env) || !src)
		return v_absent();
	/* derive.c's wording: tokens and origins are inferred, except a stack
	 * or stage name, which names the environment on purpose */
	if ((!strncmp(src, "token '", 7) && !strstr(src, "' in stack name ")) ||
	    !strncmp(src, "its origin is ", 14) || !strncmp(src, "all ", 4))
		return v_str("inferred");
	return v_str("declared");
}

/* Tags are a map: the path segment after "tags" names the key. */
GET(dist_tags) { UNUSED_VIEW; (void)obj; return v_absent(); }

static eg_value origin_app_platform(eg_view *v, const void *obj);

/* The origin that takes the distribution's writes: the first behavior's
 * target, in CloudFront's order, that already lets writes through to an
 * origin that is not S3, or the default behavior's application platform.
 * NULL with *unknown when that is not known until apply, NULL alone when
 * there is none: all-S3 is a static site, and an application origin
 * reached only for static files (*.jpg) does not make one. */
static const eg_origin *write_origin(eg_view *v, const eg_distribution *d, bool *unknown)
{
	bool all_s3 = !d->origins_unknown && d->norigins;
	size_t i;

	*unknown = d->behaviors_unknown;
	for (i = 0; i < d->norigins && all_s3; i++)
		all_s3 = d->origins[i]->kind == EG_ORIGIN_S3 ||
			 d->origins[i]->kind == EG_ORIGIN_S3_WEBSITE;
	/* no origin at all (CloudFormation rejects that): nothing takes writes */
	if (all_s3 || (!d->origins_unknown && !d->norigins && !d->ngroups)) {
		*unknown = false;
		return NULL;
	}
	for (i = 0; i < d->nbehaviors; i++) {
		const eg_behavior *b = d->behaviors[i];
		int mask = eg_behavior_methods(b);
		eg_value app;
		if (b->target_group || (!b->target && !b->is_default))
			continue;
		if (!b->target) {
			*unknown = true;
			continue;
		}
		app = origin_app_platform(v, b->target);
		if (b->is_default && app.kind == EG_V_BOOL && app.b)
			return b->target;
		if (b->is_default && app.kind == EG_V_UNKNOWN)
			*unknown = true;
		if (mask < 0) {
			*unknown = true;
			continue;
		}
		if ((mask & EG_M_POST) && b->target->kind != EG_ORIGIN_S3 &&
		    b->target->kind != EG_ORIGIN_S3_WEBSITE) {
			if (b->target->kind == EG_ORIGIN_UNKNOWN)
				*unknown = true;
			else
				return b->target;
		}
	}
	return NULL;
}

/* Whether the distribution fronts an application that takes writes. */
GET(dist_fronts_application)
{
	bool unknown;

	if (write_origin(v, D(obj), &unknown))
		return v_bool(true);
	return unknown ? v_unknown() : v_bool(false);
}
GET(dist_write_origin)
{
	bool unknown;
	const eg_origin *o = write_origin(v, D(obj), &unknown);

	if (o)
		return v_obj(o, EG_SCOPE_ORIGIN);
	return unknown ? v_unknown() : v_absent();
}

static const eg_attr dist_attrs[] = {
	{ "address", EG_T_STR, 0, dist_address, "full resource address or logical id" },
	{ "name", EG_T_STR, 0, dist_name, "last part of the address" },
	{ "id", EG_T_STR, 0, dist_id, "distribution id (E...)" },
	{ "domain_name", EG_T_STR, 0, dist_domain, "dxxxx.cloudfront.net" },
	{ "comment", EG_T_STR, 0, dist_comment, "comment" },
	{ "action", EG_T_STR, 0, dist_action, "plan action: create, update, no-op (Pulumi: same), replace" },
	{ "file", EG_T_STR, 0, dist_file, "input file" },
	{ "enabled", EG_T_BOOL, 0, dist_enabled, "enabled" },
	{ "web_acl_id", EG_T_STR, 0, dist_waf, "WAF web ACL" },
	{ "logging", EG_T_BOOL, 0, dist_logging, "access logging configured" },
	{ "default_root_object", EG_T_STR, 0, dist_root_object, "default root object" },
	{ "http_version", EG_T_STR, 0, dist_http_version, "http1.1, http2, http2and3, http3 (default http2)" },
	{ "staging", EG_T_BOOL, 0, dist_staging, "a continuous-deployment staging distribution" },
	{ "continuous_deployment_policy_id", EG_T_STR, 0, dist_cd_policy,
	  "continuous deployment policy (set on the primary)" },
	{ "primary_distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, dist_primary,
	  "a staging distribution's primary: the one whose continuous deployment policy names it "
	  "(unknown when not in the inputs)" },
	{ "error_responses", EG_T_OBJS, EG_SCOPE_ERROR_RESPONSE, dist_error_responses,
	  "custom error responses (distribution-wide: every behavior's errors)" },
	{ "arn", EG_T_STR, 0, dist_arn,
	  "ARN, arn:PARTITION:cloudfront::ACCOUNT:distribution/ID (unknown until it exists)" },
	{ "aliases", EG_T_LIST, 0, dist_aliases, "alternate domain names (CNAMEs)" },
	{ "tags", EG_T_MAP, 0, dist_tags, "tags; tags.Environment reads one (key case-insensitive)" },
	{ "environment", EG_T_STR, 0, dist_env, "environment: production, staging, dev, ..." },
	{ "environment_source", EG_T_STR, 0, dist_env_source, "where the environment came from" },
	{ "acm_certificate_arn", EG_T_STR, 0, dist_acm, "viewer certificate ARN" },
	{ "default_certificate", EG_T_BOOL, 0, dist_default_cert, "uses *.cloudfront.net certificate" },
	{ "minimum_protocol_version", EG_T_STR, 0, dist_min_tls,
	  "viewer TLS security policy, ordered (CloudFront forces TLSv1 with the default certificate)" },
	{ "tls_floor", EG_T_STR, 0, dist_tls_floor,
	  "the weakest viewer TLS policy the config accepts, ordered (tls_floor; default "
	  EG_CONFIG_TLS_FLOOR ")" },
	{ "ssl_support_method", EG_T_STR, 0, dist_ssl_method, "sni-only, vip, static-ip" },
	{ "origins", EG_T_OBJS, EG_SCOPE_ORIGIN, dist_origins, "origins" },
	{ "behaviors", EG_T_OBJS, EG_SCOPE_BEHAVIOR, dist_behaviors, "ordered behaviors, then the default" },
	{ "default_behavior", EG_T_OBJ, EG_SCOPE_BEHAVIOR, dist_default_behavior, "default cache behavior" },
	{ "origin_kinds", EG_T_LIST, 0, dist_origin_kinds, "distinct origin kinds" },
	{ "origin_environments", EG_T_LIST, 0, dist_origin_envs, "distinct environments of origins" },
	{ "siblings", EG_T_OBJS, EG_SCOPE_DISTRIBUTION, dist_siblings,
	  "the other distributions of the same input (Terraform root, CloudFormation stack)" },
	{ "odd_origin", EG_T_OBJ, EG_SCOPE_ORIGIN, dist_odd_origin,
	  "the one origin whose environment differs from the distribution's (absent when none or several)" },
	{ "dns_records", EG_T_OBJS, EG_SCOPE_RECORD, dist_records, "DNS records that route to it" },
	{ "label", EG_T_STR, 0, dist_label, "address, with the id and domain name when known" },
	{ "location", EG_T_STR, 0, dist_location, "file:line of the resource" },
	{ "aliases_location", EG_T_STR, 0, dist_aliases_location, "file:line of its aliases" },
	{ "input_format", EG_T_STR, 0, dist_format, "format of the input it came from" },
	{ "seen_also", EG_T_LIST, 0, dist_seen_also,
	  "file:line of other inputs describing the same distribution (this view won)" },
	{ "view_differences", EG_T_STR, 0, dist_view_differences,
	  "fields where another view of the same moment (two live files) says otherwise" },
	{ "write_origin", EG_T_OBJ, EG_SCOPE_ORIGIN, dist_write_origin,
	  "the origin that takes writes: first behavior target letting writes through to a non-S3 origin, or the default's application platform" },
	{ "fronts_application", EG_T_BOOL, 0, dist_fronts_application,
	  "its default behavior targets an application platform, or a behavior lets writes through to a non-S3 origin" },
	{ "certificate_names", EG_T_LIST, 0, dist_certificate_names,
	  "names the viewer certificate covers (ACM domain and SANs in the inputs, or *.cloudfront.net)" },
	{ "environment_evidence", EG_T_STR, 0, dist_environment_evidence,
	  "declared (tag, config, --env, stack, parameter) or inferred (address, comment, aliases, origins)" },
	{ "certificate_domain", EG_T_STR, 0, dist_cert_domain,
	  "domain name of the viewer certificate when it is among the inputs (absent: not in them)" },
	{ "certificate_sans", EG_T_LIST, 0, dist_cert_sans,
	  "subject alternative names of the viewer certificate when it is among the inputs" },
	{ "certificate_region", EG_T_STR, 0, dist_cert_region,
	  "region of the viewer certificate: the certificate in the inputs, else its ARN" },
	{ "ipv6_enabled", EG_T_BOOL, 0, dist_ipv6, "answers IPv6 DNS queries (IsIPV6Enabled; false when not set)" },
	{ "partition", EG_T_STR, 0, dist_partition,
	  "AWS partition (aws, aws-cn) from its ARN, domain name or certificate ARN; unknown when none says" },
};

/* --- origin --------------------------------------------------------------- */

#define O(obj) ((const eg_origin *)(obj))
GET(origin_id) { UNUSED_VIEW; return v_str(O(obj)->id); }
GET(origin_domain) { UNUSED_VIEW; return v_str(O(obj)->domain); }
/* An application that takes writes: a load balancer, API Gateway, a
 * Lambda URL, or an Elastic Beanstalk, App Runner or EC2 host, known by its
 * domain or by the resource a template refers to. */
GET(origin_app_platform)
{
	const eg_origin *o = O(obj);
	UNUSED_VIEW;
	switch (o->kind) {
	case EG_ORIGIN_LB:
	case EG_ORIGIN_APIGW:
	case EG_ORIGIN_LAMBDA_URL:
		return v_bool(true);
	case EG_ORIGIN_UNKNOWN:
		return v_unknown();
	case EG_ORIGIN_CUSTOM:
		if (eg_known(o->domain))
			return v_bool(eg_cf_is_app_host(o->domain));
		return v_bool(o->kind_source && (strstr(o->kind_source, "AWS::EC2::") ||
						 strstr(o->kind_source, "AWS::ElasticBeanstalk::")));
	default:
		return v_bool(false);
	}
}
GET(origin_path) { UNUSED_VIEW; return v_str(O(obj)->path); }
GET(origin_kind)
{
	UNUSED_VIEW;
	return O(obj)->kind == EG_ORIGIN_UNKNOWN ? v_unknown()
						 : v_str(eg_cf_origin_kind_name(O(obj)->kind));
}
GET(origin_kind_source) { UNUSED_VIEW; return v_str(O(obj)->kind_source); }
GET(origin_env) { UNUSED_VIEW; return v_str(O(obj)->env); }

/* Where the whole token tok (any case) starts in s, or NULL. */
static const char *find_token(const char *s, const char *tok)
{
	size_t n = strlen(tok);
	const char *p;

	for (p = s; *p; p++)
		if (!strncasecmp(p, tok, n) && (p == s || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[n]))
			return p;
	return NULL;
}

/* How names in this distribution spell env: the token its other origins
 * use, else the vocabulary's token that is the name itself, else its
 * first. */
static const char *env_spelling(eg_view *v, const eg_distribution *d, const char *env)
{
	const eg_env_vocab *voc = &v->config->vocab;
	const char *tok;
	size_t i, j;

	for (i = 0; i < d->norigins; i++)
		if (eg_known(d->origins[i]->domain) && eg_known(d->origins[i]->env) &&
		    !strcmp(d->origins[i]->env, env) &&
		    eg_env_from_name(voc, d->origins[i]->domain, &tok) && tok)
			return tok;
	for (i = 0; i < voc->n; i++) {
		if (strcmp(voc->entries[i].env, env) || !voc->entries[i].ntokens)
			continue;
		for (j = 0; j < voc->entries[i].ntokens; j++)
			if (!strcmp(voc->entries[i].tokens[j], env))
				return env;
		return voc->entries[i].tokens[0];
	}
	return NULL;
}

/* The origin's domain with its environment token spelt as the
 * distribution's environment: the counterpart a fix points at. */
GET(origin_domain_in_dist_env)
{
	const eg_origin *o = O(obj);
	const char *tok = NULL, *at, *want;

	if (!eg_known(o->domain) || !eg_known(o->env) || !eg_known(o->dist->env))
		return eg_is_unknown(o->domain) || eg_is_unknown(o->dist->env) ? v_unknown()
									      : v_absent();
	if (!eg_env_from_name(&v->config->vocab, o->domain, &tok) || !tok ||
	    !(at = find_token(o->domain, tok)) ||
	    !(want = env_spelling(v, o->dist, o->dist->env)))
		return v_absent();
	return v_str(eg_arena_printf(&v->arena, "%.*s%s%s", (int)(at - o->domain), o->domain,
				     want, at + strlen(tok)));
}
GET(origin_env_source) { UNUSED_VIEW; return v_str(O(obj)->env_source); }
GET(origin_protocol) { UNUSED_VIEW; return v_str(O(obj)->protocol_policy); }
GET(origin_s3_config) { UNUSED_VIEW; return v_tri(O(obj)->s3_config); }
GET(origin_oai) { UNUSED_VIEW; return v_str(O(obj)->oai); }
GET(origin_oac) { UNUSED_VIEW; return v_str(O(obj)->oac_id); }
GET(origin_dist) { UNUSED_VIEW; return v_obj(O(obj)->dist, EG_SCOPE_DISTRIBUTION); }
/* "web: dev (token 'dev' in portal-web-dev)": a whole origin in a message. */
GET(origin_summary)
{
	const eg_origin *o = O(obj);
	const char *env = !o->env ? "no environment" : eg_is_unknown(o->env) ? "unknown" : o->env;

	if (!o->env_source)
		return v_str(eg_arena_printf(&v->arena, "%s: %s", o->id ? o->id : "?", env));
	return v_str(eg_arena_printf(&v->arena, "%s: %s (%s)", o->id ? o->id : "?", env,
				     o->env_source));
}

GET(origin_custom_config) { UNUSED_VIEW; return v_tri(O(obj)->custom_config); }
GET(origin_vpc) { UNUSED_VIEW; return v_str(O(obj)->vpc_origin_id); }

/* An id field that holds something: "" is how Terraform writes none. */
static bool id_set(const char *s)
{
	return s && (eg_is_unknown(s) || *s);
}

/* A field of the origin's OAC: absent without OAC, unknown when the OAC is
 * not among the inputs. */
static eg_value origin_oac_field(const eg_origin *o, size_t off)
{
	if (!id_set(o->oac_id) && !o->oac)
		return v_absent();
	if (!o->oac)
		return v_unknown();
	return v_str(*(const char *const *)((const char *)o->oac + off));
}
GET(origin_oac_type)
{
	UNUSED_VIEW;
	return origin_oac_field(O(obj), offsetof(eg_resource, origin_type));
}
GET(origin_oac_in_inputs)
{
	UNUSED_VIEW;
	return v_bool(O(obj)->oac != NULL);
}
GET(origin_oac_signing)
{
	UNUSED_VIEW;
	return origin_oac_field(O(obj), offsetof(eg_resource, signing_behavior));
}

static bool origin_is_s3(const eg_origin *o)
{
	return o->kind == EG_ORIGIN_S3 || o->kind == EG_ORIGIN_S3_WEBSITE;
}

/* The bucket's region: the bucket's own (in the inputs), else the region
 * its endpoint name carries.  Absent for origins that are no bucket. */
GET(origin_bucket_region)
{
	const eg_origin *o = O(obj);
	char region[64];

	if (o->kind == EG_ORIGIN_UNKNOWN)
		return v_unknown();
	if (!origin_is_s3(o))
		return v_absent();
	if (o->bucket && eg_known(o->bucket->region))
		return v_str(o->bucket->region);
	if (eg_known(o->domain) && eg_cf_s3_domain_region(o->domain, region, sizeof(region)))
		return v_str(eg_arena_strdup(&v->arena, region));
	return v_unknown();
}
GET(origin_bucket_website)
{
	const eg_origin *o = O(obj);
	UNUSED_VIEW;
	if (o->kind == EG_ORIGIN_UNKNOWN)
		return v_unknown();
	if (!origin_is_s3(o))
		return v_absent();
	return o->bucket ? v_tri(o->bucket->website) : v_unknown();
}
/* BUCKET.s3.amazonaws.com, by name, or by the attribute a reference reads
 * (Terraform bucket_domain_name, CloudFormation DomainName). */
GET(origin_s3_global)
{
	const eg_origin *o = O(obj);
	UNUSED_VIEW;
	if (eg_known(o->domain))
		return v_bool(eg_cf_is_s3_global_endpoint(o->domain));
	if (o->ref_attr && (!strcmp(o->ref_attr, "bucket_domain_name") ||
			    !strcmp(o->ref_attr, "DomainName")) && o->kind == EG_ORIGIN_S3)
		return v_bool(true);
	if (o->ref_attr && (!strcmp(o->ref_attr, "bucket_regional_domain_name") ||
			    !strcmp(o->ref_attr, "RegionalDomainName")))
		return v_bool(false);
	if (o->kind != EG_ORIGIN_UNKNOWN && o->kind != EG_ORIGIN_S3)
		return v_bool(false);
	return o->domain ? v_unknown() : v_absent();
}
/* An S3 origin's bucket: the bucket in the inputs, else the part of the
 * endpoint name its owner chose. */
GET(origin_bucket_name)
{
	const eg_origin *o = O(obj);

	if (o->kind == EG_ORIGIN_UNKNOWN)
		return v_unknown();
	if (!origin_is_s3(o))
		return v_absent();
	if (o->bucket && o->bucket->name)
		return v_str(o->bucket->name);
	if (!eg_known(o->domain))
		return o->domain ? v_unknown() : v_absent();
	return v_str(eg_arena_strndup(&v->arena, o->domain, eg_cf_domain_owner_part(o->domain)));
}
/* BUCKET.s3.REGION.amazonaws.com for an origin on S3's legacy global
 * endpoint whose bucket region is known: the name its patch writes. */
GET(origin_regional_domain)
{
	const eg_origin *o = O(obj);
	eg_value region;
	size_t len;

	if (!eg_known(o->domain))
		return o->domain ? v_unknown() : v_absent();
	if (!eg_cf_is_s3_global_endpoint(o->domain))
		return v_absent();
	region = origin_bucket_region(v, obj);
	if (region.kind != EG_V_STR)
		return region;
	/* the bucket is all before the suffix: bucket names may hold dots */
	len = strlen(o->domain);
	if (len && o->domain[len - 1] == '.')
		len--;
	len -= sizeof(".s3.amazonaws.com") - 1;
	{
		eg_strbuf sb = EG_STRBUF_INIT;
		const char *r;
		eg_sb_add(&sb, o->domain, len);
		eg_sb_addf(&sb, ".s3.%s.amazonaws.com", region.s);
		r = eg_arena_strdup(&v->arena, sb.buf);
		eg_sb_release(&sb);
		return v_str(r);
	}
}
/* An OAC or OAI is set even when its id is known only after apply (a
 * reference to one made in the same run). */
GET(origin_has_oac) { UNUSED_VIEW; return v_bool(id_set(O(obj)->oac_id) || O(obj)->oac); }
GET(origin_has_oai) { UNUSED_VIEW; return v_bool(id_set(O(obj)->oai)); }
/* Whether an unresolved expression ("!Sub ...${Dist}") names the
 * distribution with this logical id: ${Dist}, ${Dist.Id}, !Ref Dist. */
static bool expr_names(const char *expr, const char *id)
{
	size_t n = strlen(id);
	const char *p;

	for (p = strstr(expr, id); p; p = strstr(p + 1, id)) {
		char before = p > expr ? p[-1] : ' ', after = p[n];
		if ((before == '{' && (after == '}' || !strncmp(p + n, ".Id}", 4))) ||
		    (before == ' ' && (after == '\0' || after == ' ' || !strncmp(p + n, ".Id", 3))))
			return true;
	}
	return false;
}

/* Whether one grant of a bucket policy lets distribution d in. */
static eg_tri grant_covers(const eg_view *v, const char *g, const eg_resource *p,
			   const eg_distribution *d)
{
	if (!eg_known(g))
		return EG_TRI_UNKNOWN;
	if (!strcmp(g, "*"))
		return EG_TRI_TRUE;
	if (*g == '!')
		return p->loc.src == d->loc.src && d->address && expr_names(g, d->address)
			       ? EG_TRI_TRUE : EG_TRI_UNKNOWN;
	if (eg_known(d->arn))
		return eg_glob_match(g, d->arn) ? EG_TRI_TRUE : EG_TRI_FALSE;
	/* every distribution of an account (arn:...:ACCOUNT:distribution/ *):
	 * a new one is made in the account of the other distributions of its
	 * input (one Terraform root or stack, one provider) */
	if (!eg_known(d->id) && strstr(g, ":distribution/") &&
	    !strcmp(strstr(g, ":distribution/") + 14, "*")) {
		size_t i;
		for (i = 0; i < v->model->ndists; i++) {
			const eg_distribution *o = v->model->dists[i];
			if (o->loc.src == d->loc.src && eg_known(o->account) &&
			    !strncmp(o->arn, g, (size_t)(strstr(g, ":distribution/") - g)) &&
			    !strncmp(o->arn + (strstr(g, ":distribution/") - g), ":distribution/", 14))
				return EG_TRI_TRUE;
		}
	}
	if (eg_known(d->id) && strstr(g, ":distribution/"))
		/* the account is not known here: the id decides */
		return eg_glob_match(strstr(g, ":distribution/") + 14, d->id) ? EG_TRI_TRUE
									       : EG_TRI_FALSE;
	return EG_TRI_UNKNOWN; /* a new distribution: its ARN comes with the apply */
}

/* Whether the bucket policy in the inputs lets this distribution read
 * through OAC: absent when no policy of the bucket is in the inputs. */
GET(origin_policy_grants)
{
	const eg_origin *o = O(obj);
	const eg_resource *p = o->bucket_policy;
	bool unknown = false;
	size_t i;

	if (!p)
		return v_absent();
	if (p->cloudfront_grants.unknown)
		return v_unknown();
	for (i = 0; i < p->cloudfront_grants.n; i++) {
		eg_tri t = grant_covers(v, p->cloudfront_grants.items[i], p, o->dist);
		if (t == EG_TRI_TRUE)
			return v_bool(true);
		unknown |= t == EG_TRI_UNKNOWN;
	}
	return unknown ? v_unknown() : v_bool(false);
}
GET(origin_bucket_address)
{
	UNUSED_VIEW;
	return v_str(O(obj)->bucket ? O(obj)->bucket->address : NULL);
}
GET(origin_policy_address)
{
	UNUSED_VIEW;
	return v_str(O(obj)->bucket_policy ? O(obj)->bucket_policy->address : NULL);
}
/* Whether CloudFront is sent an S3OriginConfig: the block, or, from
 * Terraform or Pulumi, neither block (the AWS provider then adds an empty
 * one: expandOrigin, "if both custom and s3 origin are missing"). */
GET(origin_sends_s3_config)
{
	const eg_origin *o = O(obj);
	const char *fmt = o->loc.src ? eg_format_name(o->loc.src->format) : "";
	UNUSED_VIEW;
	if (o->s3_config != EG_TRI_FALSE)
		return v_tri(o->s3_config);
	if (o->custom_config == EG_TRI_TRUE || id_set(o->vpc_origin_id))
		return v_bool(false);
	if (o->custom_config == EG_TRI_UNKNOWN)
		return v_unknown();
	return v_bool(!strncmp(fmt, "terraform", 9) || !strncmp(fmt, "pulumi", 6));
}
/* Behaviors that send requests to this origin: directly, or through an
 * origin group it belongs to. */
static bool targets_origin(const void *cand, const void *self)
{
	const eg_behavior *b = cand;
	size_t i;

	if (b->target == self)
		return true;
	for (i = 0; b->target_group && i < b->target_group->members.n; i++)
		if (b->target_group->member_origins && b->target_group->member_origins[i] == self)
			return true;
	return false;
}
GET(origin_behaviors)
{
	const eg_distribution *d = O(obj)->dist;

	if (d->behaviors_unknown)
		return v_unknown();
	return v_where(v, (const void *const *)d->behaviors, d->nbehaviors, targets_origin, obj,
		       EG_SCOPE_BEHAVIOR);
}

static const eg_attr origin_attrs[] = {
	{ "id", EG_T_STR, 0, origin_id, "origin id" },
	{ "domain_name", EG_T_STR, 0, origin_domain, "origin domain name" },
	{ "origin_path", EG_T_STR, 0, origin_path, "origin path" },
	{ "kind", EG_T_STR, 0, origin_kind, "s3, s3-website, load-balancer, api-gateway, lambda-url, mediastore, cloudfront, custom" },
	{ "app_platform", EG_T_BOOL, 0, origin_app_platform,
	  "an application that takes writes: load balancer, API Gateway, Lambda URL, Elastic Beanstalk, App Runner, EC2" },
	{ "kind_source", EG_T_STR, 0, origin_kind_source, "how the kind was decided" },
	{ "environment", EG_T_STR, 0, origin_env, "environment from the domain, path or referenced resource" },
	{ "environment_source", EG_T_STR, 0, origin_env_source, "where the environment came from" },
	{ "domain_in_distribution_environment", EG_T_STR, 0, origin_domain_in_dist_env,
	  "domain_name with its environment token spelt as the distribution's environment" },
	{ "protocol_policy", EG_T_STR, 0, origin_protocol, "custom origin protocol policy" },
	{ "s3_origin_config", EG_T_BOOL, 0, origin_s3_config, "has an S3 origin config block" },
	{ "origin_access_identity", EG_T_STR, 0, origin_oai, "legacy OAI" },
	{ "origin_access_control_id", EG_T_STR, 0, origin_oac, "OAC id" },
	{ "distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, origin_dist, "the distribution" },
	{ "summary", EG_T_STR, 0, origin_summary, "id: environment (where it came from), for messages" },
	{ "custom_origin_config", EG_T_BOOL, 0, origin_custom_config, "has a custom origin config block" },
	{ "vpc_origin_id", EG_T_STR, 0, origin_vpc, "VPC origin id (a VpcOriginConfig instead of S3 or custom)" },
	{ "oac_origin_type", EG_T_STR, 0, origin_oac_type,
	  "its OAC's origin type: s3, lambda, mediastore, mediapackagev2 (unknown when the OAC is not in the inputs)" },
	{ "oac_in_inputs", EG_T_BOOL, 0, origin_oac_in_inputs,
	  "its origin access control is among the inputs (so its type and signing are known)" },
	{ "oac_signing_behavior", EG_T_STR, 0, origin_oac_signing,
	  "its OAC's signing behavior: always, never, no-override" },
	{ "bucket_region", EG_T_STR, 0, origin_bucket_region,
	  "S3 origin: the bucket's region (the bucket in the inputs, else its endpoint name)" },
	{ "bucket_website", EG_T_BOOL, 0, origin_bucket_website,
	  "S3 origin: the bucket in the inputs has website hosting configured" },
	{ "bucket_name", EG_T_STR, 0, origin_bucket_name,
	  "S3 origin: the bucket's name (the bucket in the inputs, else its endpoint name)" },
	{ "regional_domain_name", EG_T_STR, 0, origin_regional_domain,
	  "S3 origin on the legacy global endpoint: BUCKET.s3.REGION.amazonaws.com, when the bucket's region is known" },
	{ "s3_global_endpoint", EG_T_BOOL, 0, origin_s3_global,
	  "the domain is BUCKET.s3.amazonaws.com, S3's legacy global endpoint (by name or by the attribute referenced)" },
	{ "has_origin_access_control", EG_T_BOOL, 0, origin_has_oac,
	  "an OAC id is set (known, or known only after apply)" },
	{ "has_origin_access_identity", EG_T_BOOL, 0, origin_has_oai,
	  "a legacy OAI is set (known, or known only after apply)" },
	{ "bucket_address", EG_T_STR, 0, origin_bucket_address,
	  "address of its bucket in the inputs (absent: not there)" },
	{ "bucket_policy", EG_T_STR, 0, origin_policy_address,
	  "address of its bucket's policy in the inputs (absent: none there)" },
	{ "bucket_policy_grants_cloudfront", EG_T_BOOL, 0, origin_policy_grants,
	  "its bucket's policy in the inputs allows the cloudfront.amazonaws.com principal for this distribution (AWS:SourceArn)" },
	{ "sends_s3_origin_config", EG_T_BOOL, 0, origin_sends_s3_config,
	  "CloudFront gets an S3OriginConfig: the block, or neither block from Terraform or Pulumi (the provider adds one)" },
	{ "behaviors", EG_T_OBJS, EG_SCOPE_BEHAVIOR, origin_behaviors,
	  "behaviors that send requests to it, directly or through an origin group" },
};

/* --- behavior ------------------------------------------------------------- */

#define B(obj) ((const eg_behavior *)(obj))
GET(beh_pattern) { UNUSED_VIEW; return v_str(B(obj)->path_pattern); }
GET(beh_is_default) { UNUSED_VIEW; return v_bool(B(obj)->is_default); }
GET(beh_position) { UNUSED_VIEW; return v_num(B(obj)->is_default ? 0 : B(obj)->index + 1); }
GET(beh_target_id) { UNUSED_VIEW; return v_str(B(obj)->target_origin_id); }
GET(beh_allowed)
{
	/* not set means GET and HEAD, as in eg_behavior_methods */
	static const char *const get_head[] = { "GET", "HEAD" };
	const eg_strlist *l = &B(obj)->allowed_methods;
	eg_value r = { 0 };

	UNUSED_VIEW;
	if (l->unknown || l->n)
		return v_list(l);
	r.kind = EG_V_LIST;
	r.items = get_head;
	r.n = 2;
	return r;
}
GET(beh_cached) { UNUSED_VIEW; return v_list(&B(obj)->cached_methods); }
GET(beh_vpp) { UNUSED_VIEW; return v_str(B(obj)->viewer_protocol_policy); }
GET(beh_cache_policy) { UNUSED_VIEW; return v_str(B(obj)->cache_policy_id); }
GET(beh_orp) { UNUSED_VIEW; return v_str(B(obj)->origin_request_policy_id); }
GET(beh_rhp) { UNUSED_VIEW; return v_str(B(obj)->response_headers_policy_id); }
GET(beh_target) { UNUSED_VIEW; return v_obj(B(obj)->target, EG_SCOPE_ORIGIN); }
GET(beh_dist) { UNUSED_VIEW; return v_obj(B(obj)->dist, EG_SCOPE_DISTRIBUTION); }
GET(beh_target_kind)
{
	const eg_behavior *b = B(obj);
	UNUSED_VIEW;
	if (b->target_group)
		return v_str(eg_cf_origin_kind_name(EG_ORIGIN_GROUP));
	if (b->target)
		return b->target->kind == EG_ORIGIN_UNKNOWN
			       ? v_unknown()
			       : v_str(eg_cf_origin_kind_name(b->target->kind));
	if (!b->target_origin_id || eg_is_unknown(b->target_origin_id))
		return b->target_origin_id ? v_unknown() : v_absent();
	/* the id names no origin of this distribution */
	return b->dist->origins_unknown ? v_unknown() : v_absent();
}

/* Known as soon as the target id names an origin or a group, whatever
 * the origin's kind. */
GET(beh_targets_group)
{
	const eg_behavior *b = B(obj);
	UNUSED_VIEW;
	if (b->target_group || b->target)
		return v_bool(b->target_group != NULL);
	if (!b->target_origin_id || eg_is_unknown(b->target_origin_id) || b->dist->origins_unknown)
		return b->target_origin_id ? v_unknown() : v_absent();
	return v_absent(); /* the id names nothing of this distribution */
}

/* The mask of a method list: -1 when it or an item is unknown, and *bad
 * when an item names no HTTP method CloudFront knows. */
static int list_methods(const eg_strlist *l, bool *bad)
{
	unsigned mask = 0, bit;
	size_t i;

	*bad = false;
	if (l->unknown)
		return -1;
	for (i = 0; i < l->n; i++) {
		if (eg_is_unknown(l->items[i]))
			return -1;
		if (!(bit = eg_cf_method_bit(l->items[i])) || (mask & bit))
			*bad = true; /* a name CloudFront refuses, or one twice */
		mask |= bit;
	}
	return (int)mask;
}

GET(beh_allowed_valid)
{
	bool bad;
	int mask;

	UNUSED_VIEW;
	if (!B(obj)->allowed_methods.n && !B(obj)->allowed_methods.unknown)
		return v_bool(true); /* not set: GET, HEAD */
	mask = list_methods(&B(obj)->allowed_methods, &bad);
	return mask < 0 ? v_unknown() : v_bool(!bad && eg_cf_methods_valid((unsigned)mask));
}

GET(beh_cached_valid)
{
	bool bad;
	int mask;

	UNUSED_VIEW;
	if (!B(obj)->cached_methods.n && !B(obj)->cached_methods.unknown)
		return v_bool(true); /* not set: GET, HEAD */
	mask = list_methods(&B(obj)->cached_methods, &bad);
	return mask < 0 ? v_unknown()
			: v_bool(!bad && (mask == (EG_M_GET | EG_M_HEAD) ||
					  mask == (EG_M_GET | EG_M_HEAD | EG_M_OPTIONS)));
}

GET(beh_pattern_length)
{
	const char *p = B(obj)->path_pattern;

	UNUSED_VIEW;
	if (!p || eg_is_unknown(p))
		return v_str(p);
	return v_num((double)strlen(p));
}

GET(beh_pattern_bad_char)
{
	const char *p = B(obj)->path_pattern;
	char c;

	if (!p || eg_is_unknown(p))
		return v_str(p);
	if (!(c = eg_cf_pattern_bad_char(p)))
		return v_absent();
	/* shown as written, or as a code when it is not printable */
	return v_str((unsigned char)c >= ' ' && (unsigned char)c < 0x7f
			     ? eg_arena_printf(&v->arena, "%c", c)
			     : eg_arena_printf(&v->arena, "byte 0x%02x", (unsigned char)c));
}

GET(beh_beyond_quota)
{
	const eg_behavior *b = B(obj);
	return v_bool(!b->is_default && (unsigned)b->index >= v->config->behavior_quota);
}

/* The patterns of the behaviors before b, in order; false when one of them
 * (or b's own) is unknown. */
static bool earlier_patterns(eg_view *v, const eg_behavior *b, const char ***out, size_t *n)
{
	const eg_distribution *d = b->dist;
	size_t i;

	*n = 0;
	*out = eg_arena_alloc(&v->arena, (d->nbehaviors + 1) * sizeof(**out));
	if (d->behaviors_unknown || !eg_known(b->path_pattern))
		return false;
	for (i = 0; i < d->nbehaviors && d->behaviors[i] != b; i++) {
		const char *p = d->behaviors[i]->is_default ? "*" : d->behaviors[i]->path_pattern;
		if (!eg_known(p))
			return false;
		(*out)[(*n)++] = p;
	}
	return true;
}

GET(beh_shadowed_by)
{
	const eg_behavior *b = B(obj);
	const char **earlier;
	size_t n, i;
	bool unknown = false;

	if (!earlier_patterns(v, b, &earlier, &n))
		return v_unknown();
	for (i = 0; i < n; i++) {
		int r = eg_cf_pattern_covers(earlier[i], b->path_pattern);
		if (r > 0)
			return unknown ? v_unknown() : v_obj(b->dist->behaviors[i], EG_SCOPE_BEHAVIOR);
		unknown |= r < 0;
	}
	return unknown ? v_unknown() : v_absent();
}

GET(beh_unreachable)
{
	const eg_behavior *b = B(obj);
	const char **earlier;
	char w[EG_CF_PATTERN_MAX + 8];
	size_t n;
	int r;

	if (b->is_default)
		return v_bool(false); /* "*" is last: what nothing else takes */
	if (!earlier_patterns(v, b, &earlier, &n))
		return v_unknown();
	r = eg_cf_pattern_witness(b->path_pattern, b->path_pattern, earlier, n, w, sizeof(w));
	return r < 0 ? v_unknown() : v_bool(r == 0);
}

/* Whether b takes some of pattern's paths: one that both match and no
 * earlier behavior does.  -1 when a pattern or the search is unknown. */
static int takes_part(eg_view *v, const eg_behavior *b, const char *pattern)
{
	const char **earlier;
	char w[EG_CF_PATTERN_MAX + 8];
	size_t n;

	if (!earlier_patterns(v, b, &earlier, &n))
		return -1;
	return eg_cf_pattern_witness(pattern, b->is_default ? "*" : b->path_pattern, earlier, n, w,
				     sizeof(w));
}

/* The configured patterns among pats[0..n) that b takes part of. */
static eg_value routes_taken(eg_view *v, const eg_behavior *b, const char *const *pats, size_t n)
{
	tmp_list l = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		int r = takes_part(v, b, pats[i]);
		if (r < 0)
			return v_unknown();
		if (r > 0)
			tmp_push_unique(v, &l, pats[i]);
	}
	return v_tmp(&l);
}

GET(beh_write_routes)
{
	const eg_config *c = v->config;
	const char **pats = eg_arena_alloc(&v->arena, (c->nroutes + 1) * sizeof(*pats));
	size_t i;

	for (i = 0; i < c->nroutes; i++)
		pats[i] = c->routes[i].path;
	return routes_taken(v, B(obj), pats, c->nroutes);
}

GET(beh_session_routes)
{
	return routes_taken(v, B(obj), v->config->session_routes, v->config->nsession_routes);
}

/* --- the cache key ---------------------------------------------------------- */

/* A comma-separated list as a list value, lower-cased (header names). */
static eg_value v_csv_lower(eg_view *v, const char *csv)
{
	tmp_list l = { 0 };
	const char *p = csv;

	while (p && *p) {
		size_t len = strcspn(p, ","), i;
		char *h = eg_arena_strndup(&v->arena, p, len);
		for (i = 0; i < len; i++)
			h[i] = (char)(h[i] >= 'A' && h[i] <= 'Z' ? h[i] - 'A' + 'a' : h[i]);
		tmp_push_unique(v, &l, h);
		p += len + (p[len] == ',');
	}
	return v_tmp(&l);
}

/* A string list as a list value, optionally lower-cased; "*" when behavior
 * says all, unknown when it says allExcept (the rest is not a list). */
static eg_value key_list(eg_view *v, const char *behavior, const eg_strlist *names, bool lower)
{
	tmp_list l = { 0 };
	size_t i;

	if (!behavior)
		return v_tmp(&l); /* not set: nothing in the key */
	if (eg_is_unknown(behavior) || names->unknown)
		return v_unknown();
	if (!strcmp(behavior, "none"))
		return v_tmp(&l);
	if (!strcmp(behavior, "all")) {
		tmp_push_unique(v, &l, "*");
		return v_tmp(&l);
	}
	if (strcmp(behavior, "whitelist"))
		return v_unknown(); /* allExcept: every cookie but some */
	for (i = 0; i < names->n; i++) {
		if (!eg_known(names->items[i]))
			return v_unknown();
		if (lower) {
			eg_value one = v_csv_lower(v, names->items[i]); /* one name, no comma */
			if (one.n)
				tmp_push_unique(v, &l, one.items[0]);
		} else {
			tmp_push_unique(v, &l, names->items[i]);
		}
	}
	return v_tmp(&l);
}

/* Which of a behavior's cache keys applies: a cache policy (managed, or a
 * resource in the picture), else the legacy forwarded values. */
typedef enum key_source { KEY_UNKNOWN, KEY_MANAGED, KEY_POLICY, KEY_LEGACY } key_source;

static key_source cache_key_source(const eg_behavior *b, const eg_cf_cache_key **managed)
{
	*managed = NULL;
	if (eg_is_unknown(b->cache_policy_id))
		return b->cache_policy ? KEY_POLICY : KEY_UNKNOWN;
	if (b->cache_policy_id) {
		if ((*managed = eg_cf_managed_cache_key(b->cache_policy_id)))
			return KEY_MANAGED;
		return b->cache_policy ? KEY_POLICY : KEY_UNKNOWN;
	}
	return b->cache_policy ? KEY_POLICY : KEY_LEGACY;
}

GET(beh_key_headers)
{
	const eg_behavior *b = B(obj);
	const eg_cf_cache_key *m;

	switch (cache_key_source(b, &m)) {
	case KEY_MANAGED: return v_csv_lower(v, m->headers);
	case KEY_POLICY:
		return key_list(v, b->cache_policy->header_behavior, &b->cache_policy->headers, true);
	case KEY_LEGACY:
		/* ForwardedValues.Headers: every listed header is in the key */
		return key_list(v, b->forward_headers.n || b->forward_headers.unknown ? "whitelist" : "none",
				&b->forward_headers, true);
	default: return v_unknown();
	}
}

GET(beh_key_cookies)
{
	const eg_behavior *b = B(obj);
	const eg_cf_cache_key *m;
	tmp_list l = { 0 };

	switch (cache_key_source(b, &m)) {
	case KEY_MANAGED:
		if (!strcmp(m->cookies, "all"))
			tmp_push_unique(v, &l, "*");
		return v_tmp(&l);
	case KEY_POLICY:
		return key_list(v, b->cache_policy->cookie_behavior, &b->cache_policy->cookies, false);
	case KEY_LEGACY:
		return key_list(v, b->forward_cookies, &b->forward_cookie_names, false);
	default: return v_unknown();
	}
}

/* A TTL that is 0: nothing cached; unknown stays unknown. */
static eg_value ttl_caches(const char *ttl)
{
	char *end;
	double t;

	if (!ttl)
		return v_bool(true); /* the default maximum: a year */
	if (eg_is_unknown(ttl))
		return v_unknown();
	t = strtod(ttl, &end);
	return *end ? v_unknown() : v_bool(t > 0);
}

GET(beh_caches)
{
	const eg_behavior *b = B(obj);
	const eg_cf_cache_key *m;

	UNUSED_VIEW;
	switch (cache_key_source(b, &m)) {
	case KEY_MANAGED: return v_bool(m->caches);
	case KEY_POLICY: return ttl_caches(b->cache_policy->max_ttl);
	case KEY_LEGACY: return ttl_caches(b->max_ttl);
	default: return v_unknown();
	}
}

GET(beh_session_cookies)
{
	eg_value r = { 0 };
	(void)obj;
	r.kind = EG_V_LIST;
	r.items = v->config->session_cookies;
	r.n = v->config->nsession_cookies;
	return r;
}

GET(beh_functions)
{
	UNUSED_VIEW;
	if (B(obj)->functions_unknown)
		return v_unknown();
	return v_objs((void *const *)B(obj)->functions, B(obj)->nfunctions, EG_SCOPE_FUNCTION);
}

/* --- behavior: cache key and origin request headers --- */

/* One policy's say on header h: TRUE it forwards h, FALSE it does not,
 * UNKNOWN when the policy's settings are not known.  A managed policy is
 * known by its id (cloudfront.c), a custom one when it is in the inputs. */
static eg_tri policy_has_header(const char *id, const eg_resource *r, const char *h)
{
	const eg_cf_managed_policy *mp;
	const char *hb;
	bool unknown_item = false;
	size_t i;

	if (!id_set(id) && !r)
		return EG_TRI_FALSE;
	if ((mp = eg_cf_managed_policy_find(id))) {
		hb = mp->header_behavior;
		if (!strcmp(hb, "allViewer") || !strcmp(hb, "allViewerAndWhitelistCloudFront"))
			return EG_TRI_TRUE;
		if (!strcmp(hb, "allExcept"))
			return eg_cf_header_list_has(mp->headers, h) ? EG_TRI_FALSE : EG_TRI_TRUE;
		return !strcmp(hb, "whitelist") && eg_cf_header_list_has(mp->headers, h) ? EG_TRI_TRUE
											  : EG_TRI_FALSE;
	}
	if (!r || !eg_known(r->header_behavior) || r->headers.unknown)
		return EG_TRI_UNKNOWN;
	hb = r->header_behavior;
	if (!strcmp(hb, "none"))
		return EG_TRI_FALSE;
	if (!strcmp(hb, "allViewer") || !strcmp(hb, "allViewerAndWhitelistCloudFront"))
		return EG_TRI_TRUE;
	for (i = 0; i < r->headers.n; i++) {
		if (!eg_known(r->headers.items[i]))
			unknown_item = true;
		else if (eg_cf_header_list_has(r->headers.items[i], h))
			return !strcmp(hb, "allExcept") ? EG_TRI_FALSE : EG_TRI_TRUE;
	}
	if (unknown_item)
		return EG_TRI_UNKNOWN;
	return !strcmp(hb, "allExcept") ? EG_TRI_TRUE : EG_TRI_FALSE;
}

/* Whether header h reaches the origin: in the cache key (cache-key headers
 * are forwarded too), the origin request policy, or legacy ForwardedValues
 * ("*" is every header). */
static eg_tri behavior_forwards(const eg_behavior *b, const char *h)
{
	eg_tri c, o;
	size_t i;
	bool unknown_item = false;

	if (!id_set(b->cache_policy_id) && !b->cache_policy) {
		if (b->forward_headers.unknown)
			return EG_TRI_UNKNOWN;
		for (i = 0; i < b->forward_headers.n; i++) {
			const char *x = b->forward_headers.items[i];
			if (!eg_known(x))
				unknown_item = true;
			else if (!strcmp(x, "*") || eg_cf_header_list_has(x, h))
				return EG_TRI_TRUE;
		}
		c = unknown_item ? EG_TRI_UNKNOWN : EG_TRI_FALSE;
	} else {
		c = policy_has_header(b->cache_policy_id, b->cache_policy, h);
	}
	o = policy_has_header(b->origin_request_policy_id, b->origin_request_policy, h);
	if (c == EG_TRI_TRUE || o == EG_TRI_TRUE)
		return EG_TRI_TRUE;
	return c == EG_TRI_UNKNOWN || o == EG_TRI_UNKNOWN ? EG_TRI_UNKNOWN : EG_TRI_FALSE;
}

GET(beh_forwards_host) { UNUSED_VIEW; return v_tri(behavior_forwards(B(obj), "Host")); }

/* A policy's name: AWS's for a managed one, else the resource's. */
static eg_value policy_name(const char *id, const eg_resource *r)
{
	const eg_cf_managed_policy *mp = eg_cf_managed_policy_find(id);

	if (mp)
		return v_str(mp->name);
	if (r)
		return r->name ? v_str(r->name) : v_unknown();
	return id_set(id) ? v_unknown() : v_absent();
}
GET(beh_cache_policy_name)
{
	UNUSED_VIEW;
	return policy_name(B(obj)->cache_policy_id, B(obj)->cache_policy);
}
GET(beh_orp_name)
{
	UNUSED_VIEW;
	return policy_name(B(obj)->origin_request_policy_id, B(obj)->origin_request_policy);
}

/* The headers one policy names, "*" for every viewer header and "!Name"
 * for each an allExcept policy leaves out.  False when not known. */
static bool policy_headers(eg_view *v, tmp_list *l, const char *id, const eg_resource *r)
{
	const eg_cf_managed_policy *mp;
	const char *hb, *p;
	size_t i;

	if (!id_set(id) && !r)
		return true;
	if ((mp = eg_cf_managed_policy_find(id))) {
		hb = mp->header_behavior;
		if (strcmp(hb, "none") && strcmp(hb, "whitelist"))
			tmp_push_unique(v, l, "*");
		for (p = mp->headers; p && *p;) {
			size_t len = strcspn(p, ",");
			tmp_push_unique(v, l, eg_arena_printf(&v->arena, "%s%.*s",
							      strcmp(hb, "allExcept") ? "" : "!",
							      (int)len, p));
			p += len + (p[len] == ',');
		}
		return true;
	}
	if (!r || !eg_known(r->header_behavior) || r->headers.unknown)
		return false;
	hb = r->header_behavior;
	if (!strcmp(hb, "none"))
		return true;
	if (strcmp(hb, "whitelist"))
		tmp_push_unique(v, l, "*");
	for (i = 0; i < r->headers.n; i++) {
		if (!eg_known(r->headers.items[i]))
			return false;
		tmp_push_unique(v, l, strcmp(hb, "allExcept")
					      ? r->headers.items[i]
					      : eg_arena_printf(&v->arena, "!%s", r->headers.items[i]));
	}
	return true;
}
static bool cache_key_headers(eg_view *v, const eg_behavior *b, tmp_list *l)
{
	size_t i;

	if (id_set(b->cache_policy_id) || b->cache_policy)
		return policy_headers(v, l, b->cache_policy_id, b->cache_policy);
	if (b->forward_headers.unknown)
		return false;
	for (i = 0; i < b->forward_headers.n; i++) {
		if (!eg_known(b->forward_headers.items[i]))
			return false;
		tmp_push_unique(v, l, b->forward_headers.items[i]);
	}
	return true;
}
GET(beh_cache_key_headers)
{
	tmp_list l = { 0 };

	return cache_key_headers(v, B(obj), &l) ? v_tmp(&l) : v_unknown();
}
GET(beh_origin_headers)
{
	const eg_behavior *b = B(obj);
	tmp_list l = { 0 };

	if (!cache_key_headers(v, b, &l) ||
	    !policy_headers(v, &l, b->origin_request_policy_id, b->origin_request_policy))
		return v_unknown();
	return v_tmp(&l);
}

static const eg_attr behavior_attrs[] = {
	{ "path_pattern", EG_T_STR, 0, beh_pattern, "path pattern (\"*\" for the default)" },
	{ "is_default", EG_T_BOOL, 0, beh_is_default, "the default cache behavior" },
	{ "position", EG_T_NUM, 0, beh_position, "1-based order among ordered behaviors (0 for default)" },
	{ "target_origin_id", EG_T_STR, 0, beh_target_id, "target origin or origin group id" },
	{ "allowed_methods", EG_T_LIST, 0, beh_allowed, "allowed methods (GET, HEAD when not set)" },
	{ "cached_methods", EG_T_LIST, 0, beh_cached, "cached methods" },
	{ "viewer_protocol_policy", EG_T_STR, 0, beh_vpp, "allow-all, https-only, redirect-to-https" },
	{ "cache_policy_id", EG_T_STR, 0, beh_cache_policy, "cache policy id" },
	{ "origin_request_policy_id", EG_T_STR, 0, beh_orp, "origin request policy id" },
	{ "response_headers_policy_id", EG_T_STR, 0, beh_rhp, "response headers policy id" },
	{ "target", EG_T_OBJ, EG_SCOPE_ORIGIN, beh_target, "target origin (absent for groups)" },
	{ "target_kind", EG_T_STR, 0, beh_target_kind, "kind of the target origin, or origin-group" },
	{ "targets_origin_group", EG_T_BOOL, 0, beh_targets_group,
	  "the target is an origin group (known even when the origin's kind is not)" },
	{ "distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, beh_dist, "the distribution" },
	{ "allowed_methods_valid", EG_T_BOOL, 0, beh_allowed_valid,
	  "allowed methods are one of the three sets CloudFront accepts" },
	{ "cached_methods_valid", EG_T_BOOL, 0, beh_cached_valid,
	  "cached methods are GET, HEAD or GET, HEAD, OPTIONS" },
	{ "pattern_length", EG_T_NUM, 0, beh_pattern_length, "characters in the path pattern" },
	{ "pattern_bad_character", EG_T_STR, 0, beh_pattern_bad_char,
	  "the first character of the path pattern CloudFront refuses (absent when none)" },
	{ "beyond_quota", EG_T_BOOL, 0, beh_beyond_quota,
	  "an ordered behavior past the cache-behaviors quota (config quotas.cache_behaviors)" },
	{ "shadowed_by", EG_T_OBJ, EG_SCOPE_BEHAVIOR, beh_shadowed_by,
	  "the first earlier behavior whose pattern matches every path this one matches" },
	{ "unreachable", EG_T_BOOL, 0, beh_unreachable,
	  "earlier behaviors together take every path this pattern matches" },
	{ "write_routes", EG_T_LIST, 0, beh_write_routes,
	  "configured write routes (config routes) this behavior takes some paths of" },
	{ "session_routes", EG_T_LIST, 0, beh_session_routes,
	  "configured sign-in routes (config session.routes) this behavior takes some paths of" },
	{ "functions", EG_T_OBJS, EG_SCOPE_FUNCTION, beh_functions,
	  "edge functions: CloudFront Functions, then Lambda@Edge" },
	{ "key_headers", EG_T_LIST, 0, beh_key_headers,
	  "headers in the cache key, lower-case (cache policy or legacy forwarded values; * all)" },
	{ "key_cookies", EG_T_LIST, 0, beh_key_cookies,
	  "cookies in the cache key (cache policy or legacy forwarded values; * all)" },
	{ "caches", EG_T_BOOL, 0, beh_caches,
	  "responses may be cached: the policy's or legacy maximum TTL is not 0" },
	{ "session_cookies", EG_T_LIST, 0, beh_session_cookies,
	  "the session cookies of the config (session.cookies)" },
	/* cache key and origin request headers (managed policies: cloudfront.c) */
	{ "cache_policy_name", EG_T_STR, 0, beh_cache_policy_name,
	  "cache policy name (AWS's for a managed policy, else the policy's in the inputs)" },
	{ "origin_request_policy_name", EG_T_STR, 0, beh_orp_name,
	  "origin request policy name (AWS's for a managed policy, else the policy's in the inputs)" },
	{ "cache_key_headers", EG_T_LIST, 0, beh_cache_key_headers,
	  "headers in the cache key (cache policy, or legacy ForwardedValues); * for all" },
	{ "origin_headers", EG_T_LIST, 0, beh_origin_headers,
	  "viewer headers forwarded to the origin (cache key and origin request policy); * for all, !Name for one left out" },
	{ "forwards_host", EG_T_BOOL, 0, beh_forwards_host,
	  "the viewer's Host header reaches the origin (cache key, origin request policy or ForwardedValues)" },
};

/* --- function ------------------------------------------------------------- */

#define FN(obj) ((const eg_function_assoc *)(obj))
GET(fn_kind) { UNUSED_VIEW; return v_str(FN(obj)->lambda ? "lambda-edge" : "cloudfront-function"); }
GET(fn_event) { UNUSED_VIEW; return v_str(FN(obj)->event_type); }
GET(fn_arn) { UNUSED_VIEW; return v_str(FN(obj)->arn); }
GET(fn_behavior) { UNUSED_VIEW; return v_obj(FN(obj)->behavior, EG_SCOPE_BEHAVIOR); }
GET(fn_dist) { UNUSED_VIEW; return v_obj(FN(obj)->behavior->dist, EG_SCOPE_DISTRIBUTION); }
GET(fn_viewer)
{
	const char *e = FN(obj)->event_type;
	UNUSED_VIEW;
	if (!eg_known(e))
		return v_str(e);
	return v_bool(!strcmp(e, "viewer-request") || !strcmp(e, "viewer-response"));
}
GET(fn_version)
{
	const char *arn = FN(obj)->arn, *q;
	size_t len;

	if (!eg_known(arn))
		return v_str(arn);
	q = eg_cf_lambda_qualifier(arn, &len);
	return q ? v_str(eg_arena_strndup(&v->arena, q, len)) : v_absent();
}
GET(fn_numbered)
{
	const char *arn = FN(obj)->arn;
	UNUSED_VIEW;
	if (eg_is_unknown(arn) && FN(obj)->numbered != EG_TRI_UNKNOWN)
		return v_tri(FN(obj)->numbered); /* what the reference can be */
	if (!eg_known(arn))
		return v_str(arn);
	return v_bool(eg_cf_lambda_numbered(arn));
}
/* arn:PARTITION:SERVICE:REGION:...: empty for CloudFront Functions */
GET(fn_region)
{
	const char *arn = FN(obj)->arn, *p;
	size_t i;

	if (!eg_known(arn))
		return v_str(arn);
	for (p = arn, i = 0; *p && i < 3; p++)
		i += *p == ':';
	if (i < 3 || !*p || *p == ':')
		return v_absent();
	return v_str(eg_arena_strndup(&v->arena, p, strcspn(p, ":")));
}

/* The Lambda function's configuration behind an association: the
 * function a version was published from (CloudFormation names it), else
 * the linked function itself.  NULL when it is not among the inputs. */
static const eg_resource *fn_config(const eg_function_assoc *f)
{
	const eg_resource *r = f->function;
	return r && r->version_of ? r->version_of : r;
}
GET(fn_env)
{
	const eg_resource *r = fn_config(FN(obj));
	UNUSED_VIEW;
	return r ? v_tri(r->env_vars) : v_absent();
}
GET(fn_vpc)
{
	const eg_resource *r = fn_config(FN(obj));
	UNUSED_VIEW;
	return r ? v_tri(r->vpc) : v_absent();
}
GET(fn_layers)
{
	const eg_resource *r = fn_config(FN(obj));
	UNUSED_VIEW;
	if (!r)
		return v_absent();
	return r->layers.unknown ? v_unknown() : v_bool(r->layers.n > 0);
}
GET(fn_image)
{
	const eg_resource *r = fn_config(FN(obj));
	UNUSED_VIEW;
	if (!r)
		return v_absent();
	if (eg_is_unknown(r->package_type))
		return v_unknown();
	return v_bool(r->package_type && !strcmp(r->package_type, "Image"));
}

static const eg_attr function_attrs[] = {
	{ "kind", EG_T_STR, 0, fn_kind, "cloudfront-function or lambda-edge" },
	{ "event_type", EG_T_STR, 0, fn_event,
	  "viewer-request, viewer-response, origin-request or origin-response" },
	{ "viewer_event", EG_T_BOOL, 0, fn_viewer, "runs on viewer-request or viewer-response" },
	{ "arn", EG_T_STR, 0, fn_arn, "function ARN (Lambda@Edge: with its version)" },
	{ "version", EG_T_STR, 0, fn_version,
	  "the ARN's qualifier: a version number, $LATEST or an alias (absent when none)" },
	{ "numbered_version", EG_T_BOOL, 0, fn_numbered, "the ARN names a numbered Lambda version" },
	{ "region", EG_T_STR, 0, fn_region, "the region in the ARN (absent for CloudFront Functions)" },
	{ "environment_variables", EG_T_BOOL, 0, fn_env,
	  "the Lambda function sets environment variables (absent when it is not among the inputs)" },
	{ "vpc", EG_T_BOOL, 0, fn_vpc,
	  "the Lambda function is configured into a VPC (absent when it is not among the inputs)" },
	{ "layers", EG_T_BOOL, 0, fn_layers,
	  "the Lambda function uses layers (absent when it is not among the inputs)" },
	{ "container_image", EG_T_BOOL, 0, fn_image,
	  "the Lambda function is a container image (absent when it is not among the inputs)" },
	{ "behavior", EG_T_OBJ, EG_SCOPE_BEHAVIOR, fn_behavior, "the behavior it runs on" },
	{ "distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, fn_dist, "the distribution" },
};

/* --- alias ---------------------------------------------------------------- */

#define A(obj) ((const eg_alias_claim *)(obj))
GET(alias_name) { UNUSED_VIEW; return v_str(A(obj)->name); }
GET(alias_dist) { UNUSED_VIEW; return v_obj(A(obj)->dist, EG_SCOPE_DISTRIBUTION); }
/* The distribution's aliases without this one: what it keeps when the
 * alias leaves. */
GET(alias_other_aliases)
{
	const eg_distribution *d = A(obj)->dist;
	tmp_list l = { 0 };
	size_t i;

	if (d->aliases.unknown)
		return v_unknown();
	for (i = 0; i < d->aliases.n; i++)
		if (i != A(obj)->index && d->aliases.items[i])
			tmp_push_unique(v, &l, d->aliases.items[i]);
	return v_tmp(&l);
}
GET(alias_overlaps)
{
	UNUSED_VIEW;
	return v_objs((void *const *)A(obj)->overlaps, A(obj)->noverlaps, EG_SCOPE_ALIAS);
}
GET(alias_wildcard)
{
	UNUSED_VIEW;
	return eg_is_unknown(A(obj)->name) ? v_unknown() : v_bool(!strncmp(A(obj)->name, "*.", 2));
}

GET(alias_location) { return v_str(eg_view_loc_text(v, &A(obj)->loc)); }
GET(alias_summary)
{
	return v_str(eg_arena_printf(&v->arena, "%s on %s at %s", A(obj)->name,
				     eg_view_dist_label(v, A(obj)->dist), eg_view_loc_text(v, &A(obj)->loc)));
}
/* Every other distribution's claim sharing a host with this one, earlier
 * or later in the run (overlaps holds only earlier ones). */
static bool other_overlapping(const void *cand, const void *self)
{
	const eg_alias_claim *o = cand, *c = self;
	return o->dist != c->dist && eg_cf_alias_overlap(o->name, c->name);
}
GET(alias_conflicts)
{
	const eg_alias_claim *c = A(obj);

	if (eg_is_unknown(c->name))
		return v_unknown();
	return v_ix_where(v, &v->claims_ix, c->name, other_overlapping, c, EG_SCOPE_ALIAS);
}
/* The claim CloudFront picks for host by its Host header: an enabled
 * distribution's alias that routes it, the most specific winning (exact
 * over wildcard, a longer wildcard over a shorter: CNAMEs.html).  Disabled
 * distributions serve nothing.  *unknown when an alias or an enabled flag
 * that could decide it is not known. */
const eg_alias_claim *eg_view_serving_claim(eg_view *v, const char *host, bool *unknown)
{
	const eg_alias_claim *best = NULL;
	const void **cand;
	size_t n, i;
	int best_spec = -1;

	*unknown = false;
	if (!eg_known(host))
		return (*unknown = true), NULL;
	n = eg_hostix_candidates(&v->claims_ix, &v->arena, host, &cand);
	for (i = 0; i < n; i++) {
		const eg_alias_claim *c = cand[i];
		int spec;
		if (c->dist->enabled == EG_TRI_FALSE || !eg_cf_alias_routes(c->name, host))
			continue;
		spec = eg_cf_alias_specificity(c->name);
		if (spec > best_spec) {
			best = c;
			best_spec = spec;
		}
	}
	if (best && best->dist->enabled == EG_TRI_UNKNOWN)
		*unknown = true;
	/* nobody known holds it: an alias list not known yet might */
	for (i = 0; !best && i < v->ndists; i++) {
		const eg_distribution *d = v->dists[i];
		size_t j;
		if (d->enabled == EG_TRI_FALSE)
			continue;
		if (d->aliases.unknown)
			*unknown = true;
		for (j = 0; j < d->aliases.n; j++)
			if (eg_is_unknown(d->aliases.items[j]))
				*unknown = true;
	}
	return best;
}

static bool record_routed(const void *cand, const void *self)
{
	const eg_dns_record *r = cand;
	const eg_alias_claim *c = self;
	return eg_cf_alias_routes(c->name, r->name);
}
GET(alias_records)
{
	const eg_alias_claim *c = A(obj);

	if (eg_is_unknown(c->name))
		return v_unknown();
	return v_ix_where(v, &v->records_ix, c->name, record_routed, c, EG_SCOPE_RECORD);
}
/* Whether this run adds the alias to its distribution.  Live and state
 * inputs describe what is there already; a template alone cannot tell. */
GET(alias_added)
{
	const eg_distribution *d = A(obj)->dist;

	UNUSED_VIEW;
	if (eg_is_unknown(A(obj)->name))
		return v_unknown();
	if (d->has_before)
		return d->aliases_before.unknown
			       ? v_unknown()
			       : v_bool(!eg_strlist_has_host(&d->aliases_before, A(obj)->name));
	/* live or recorded: the alias is there already */
	return eg_view_rank(&d->loc) < 3 ? v_bool(false) : v_unknown();
}
/* Distributions this run takes the same host away from. */
GET(alias_moved_from)
{
	const eg_alias_claim *c = A(obj);
	const eg_model *m = v->model;
	tmp_list l = { 0 };
	size_t i;

	if (!m->nremovals)
		return v_tmp(&l); /* nothing leaves any distribution: no move */
	if (eg_is_unknown(c->name))
		return v_unknown();
	for (i = 0; i < m->nremovals; i++) {
		const eg_alias_removal *r = &m->removals[i];
		/* The claim's own distribution losing the host is no move. */
		if (!eg_cf_host_equal(r->host, c->name) ||
		    (r->id && eg_known(c->dist->id) && !strcmp(r->id, c->dist->id)) ||
		    (r->loc.src == c->dist->loc.src && !strcmp(r->address, c->dist->address)))
			continue;
		tmp_push_unique(v, &l, eg_arena_printf(&v->arena, "%s (%s, %s)", r->address, r->how,
						       eg_view_loc_text(v, &r->loc)));
	}
	return v_tmp(&l);
}

/* For an alias whose name is not known: unknown only when another
 * distribution claims something it could collide with. */
static eg_value unknown_unless_alone(const eg_view *v, const eg_alias_claim *c)
{
	size_t i;

	for (i = 0; i < v->nclaims; i++)
		if (v->claims[i]->dist != c->dist)
			return v_unknown();
	return v_objs(NULL, 0, EG_SCOPE_ALIAS);
}

/* Claims with the very same name on other distributions, earlier in the
 * run: CNAMEAlreadyExists. */
static bool same_host(const void *cand, const void *self)
{
	const eg_alias_claim *o = cand, *c = self;
	return eg_cf_host_equal(o->name, c->name);
}
static bool other_host(const void *cand, const void *self)
{
	return !same_host(cand, self);
}
/* A distribution no AWS identity names yet (a template's: CloudFormation
 * gives it an id only when it creates it) may be one a live view
 * describes: a template linted beside its own account.  A plan's create
 * is new by definition. */
static bool identity_open(const eg_distribution *d)
{
	return !eg_known(d->id) && !eg_known(d->domain_name) && !eg_known(d->arn) &&
	       !eg_known(d->caller_reference) && !(d->action && !strcmp(d->action, "create"));
}

static bool live_view(const eg_distribution *d)
{
	return d->loc.src && d->loc.src->format == EG_FMT_AWS_CLOUDFRONT;
}

/* A plan or state and a template are managed by two tools: two resources. */
static bool may_be_same(const eg_distribution *a, const eg_distribution *b)
{
	return (identity_open(a) && live_view(b)) || (identity_open(b) && live_view(a));
}

static bool surely_other_host(const void *cand, const void *self)
{
	const eg_alias_claim *o = cand, *c = self;
	return same_host(cand, self) && !may_be_same(o->dist, c->dist);
}

GET(alias_duplicates)
{
	const eg_alias_claim *c = A(obj);
	eg_value sure;
	size_t i;

	if (eg_is_unknown(c->name))
		return unknown_unless_alone(v, c);
	sure = v_where(v, (const void *const *)c->overlaps, c->noverlaps, surely_other_host, c,
		       EG_SCOPE_ALIAS);
	if (sure.n)
		return sure;
	/* the same host on what may be this very distribution: cannot tell */
	for (i = 0; i < c->noverlaps; i++)
		if (same_host(c->overlaps[i], c))
			return v_unknown();
	return sure;
}
/* Claims of the very same name on any other distribution, earlier or
 * later in the run. */
static bool other_same_host(const void *cand, const void *self)
{
	const eg_alias_claim *o = cand, *c = self;
	return o->dist != c->dist && same_host(cand, self);
}
GET(alias_same_name)
{
	const eg_alias_claim *c = A(obj);

	if (eg_is_unknown(c->name))
		return unknown_unless_alone(v, c);
	return v_ix_where(v, &v->claims_ix, c->name, other_same_host, c, EG_SCOPE_ALIAS);
}
/* Overlaps that are no duplicate: a wildcard on one side. */
GET(alias_wildcard_overlaps)
{
	const eg_alias_claim *c = A(obj);

	if (eg_is_unknown(c->name))
		return unknown_unless_alone(v, c);
	return v_where(v, (const void *const *)c->overlaps, c->noverlaps, other_host, c,
		       EG_SCOPE_ALIAS);
}
/* Whether the claim's own distribution also holds a wildcard that routes
 * the name, so moving the name leaves no host unserved. */
GET(alias_own_wildcard)
{
	const eg_alias_claim *c = A(obj);
	const eg_distribution *d = c->dist;
	size_t i;

	UNUSED_VIEW;
	if (eg_is_unknown(c->name))
		return v_unknown();
	for (i = 0; i < d->aliases.n; i++)
		if (i != c->index && eg_known(d->aliases.items[i]) &&
		    !strncmp(d->aliases.items[i], "*.", 2) &&
		    eg_cf_alias_routes(d->aliases.items[i], c->name))
			return v_bool(true);
	return d->aliases.unknown ? v_unknown() : v_bool(false);
}
/* The distribution that serves the alias's name (for a wildcard, its own
 * most specific rival decides per host: the name itself is reported). */
GET(alias_served_by)
{
	bool unknown;
	const eg_alias_claim *c = eg_view_serving_claim(v, A(obj)->name, &unknown);
	if (unknown)
		return v_unknown();
	return v_obj(c ? c->dist : NULL, EG_SCOPE_DISTRIBUTION);
}

/* DNS records for this very name that point at another distribution:
 * adding the alias then fails at apply. */
static bool record_elsewhere(const void *cand, const void *self)
{
	const eg_dns_record *r = cand;
	const eg_alias_claim *c = self;
	return r->target && r->target != c->dist && eg_cf_host_equal(r->name, c->name);
}
GET(alias_dns_elsewhere)
{
	const eg_alias_claim *c = A(obj);

	if (eg_is_unknown(c->name))
		return v_unknown();
	return v_ix_where(v, &v->records_ix, c->name, record_elsewhere, c, EG_SCOPE_RECORD);
}

static const eg_attr alias_attrs[] = {
	{ "name", EG_T_STR, 0, alias_name, "the alias" },
	{ "is_wildcard", EG_T_BOOL, 0, alias_wildcard, "a *.domain alias" },
	{ "distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, alias_dist, "the distribution claiming it" },
	{ "other_aliases", EG_T_LIST, 0, alias_other_aliases,
	  "the distribution's aliases without this one" },
	{ "overlaps", EG_T_OBJS, EG_SCOPE_ALIAS, alias_overlaps,
	  "claims on distributions earlier in the run that share a host with this one" },
	{ "conflicts", EG_T_OBJS, EG_SCOPE_ALIAS, alias_conflicts,
	  "claims on every other distribution that share a host with this one" },
	{ "duplicates", EG_T_OBJS, EG_SCOPE_ALIAS, alias_duplicates,
	  "claims of the very same name on distributions earlier in the run" },
	{ "same_name", EG_T_OBJS, EG_SCOPE_ALIAS, alias_same_name,
	  "claims of the very same name on every other distribution" },
	{ "wildcard_overlaps", EG_T_OBJS, EG_SCOPE_ALIAS, alias_wildcard_overlaps,
	  "overlaps with distributions earlier in the run where one side is a wildcard" },
	{ "covered_by_own_wildcard", EG_T_BOOL, 0, alias_own_wildcard,
	  "its distribution also holds a wildcard alias that routes the name" },
	{ "served_by", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, alias_served_by,
	  "the enabled distribution CloudFront picks for the name by its Host header" },
	{ "dns_elsewhere", EG_T_OBJS, EG_SCOPE_RECORD, alias_dns_elsewhere,
	  "DNS records for this very name that point at another distribution" },
	{ "dns_records", EG_T_OBJS, EG_SCOPE_RECORD, alias_records,
	  "DNS records for a host this alias covers, whatever they point at" },
	{ "added", EG_T_BOOL, 0, alias_added, "this run adds the alias to the distribution" },
	{ "moved_from", EG_T_LIST, 0, alias_moved_from,
	  "other distributions this run removes the host from (address, how, file:line)" },
	{ "location", EG_T_STR, 0, alias_location, "file:line of the alias" },
	{ "summary", EG_T_STR, 0, alias_summary, "alias on distribution (file:line), for messages" },
};

/* --- dns_record ----------------------------------------------------------- */

#define R(obj) ((const eg_dns_record *)(obj))
GET(rec_address) { UNUSED_VIEW; return v_str(R(obj)->address); }
GET(rec_name) { UNUSED_VIEW; return v_str(R(obj)->name); }
/* The name as an alias would write it: DNS names ignore case and the
 * trailing dot, CloudFront aliases are lower case without it. */
GET(rec_host)
{
	const char *s = R(obj)->name;
	size_t n, i;
	char *h;

	if (!eg_known(s))
		return v_str(s);
	n = strlen(s);
	if (n && s[n - 1] == '.')
		n--;
	h = eg_arena_strndup(&v->arena, s, n);
	for (i = 0; i < n; i++)
		h[i] = (char)tolower((unsigned char)h[i]);
	return v_str(h);
}
GET(rec_type) { UNUSED_VIEW; return v_str(R(obj)->type); }
GET(rec_zone) { UNUSED_VIEW; return v_str(R(obj)->zone_id); }
GET(rec_alias_name) { UNUSED_VIEW; return v_str(R(obj)->alias_name); }
GET(rec_alias_zone) { UNUSED_VIEW; return v_str(R(obj)->alias_zone_id); }
GET(rec_records) { UNUSED_VIEW; return v_list(&R(obj)->records); }
/* The aliases of the distribution the record points at, with every host
 * DNS sends to it added: what it needs to serve them all.  Unknown when a
 * host or its aliases are not known. */
GET(rec_target_aliases_with_dns)
{
	const eg_distribution *d = R(obj)->target;
	tmp_list l = { 0 };
	size_t i, k;

	if (!d || d->aliases.unknown)
		return v_unknown();
	for (i = 0; i < d->aliases.n; i++)
		if (d->aliases.items[i])
			tmp_push_unique(v, &l, d->aliases.items[i]);
	k = view_index(v, d);
	for (i = 0; k < v->ndists && i < v->ndist_records[k]; i++) {
		eg_value host = rec_host(v, v->dist_records[k][i]);
		if (host.kind != EG_V_STR)
			return v_unknown();
		tmp_push_unique(v, &l, host.s);
	}
	return v_tmp(&l);
}
GET(rec_target)
{
	UNUSED_VIEW;
	if (!R(obj)->target && R(obj)->target_ref && eg_is_unknown(R(obj)->target_ref))
		return v_unknown();
	return v_obj(R(obj)->target, EG_SCOPE_DISTRIBUTION);
}
GET(rec_link) { UNUSED_VIEW; return v_str(R(obj)->link_source); }
/* A record with plain values (a CNAME) is no alias, even when its value is
 * a CloudFront domain no input describes. */
GET(rec_is_alias)
{
	const eg_dns_record *r = R(obj);
	UNUSED_VIEW;
	return v_bool(r->alias_name || r->alias_zone_id || (r->target_ref && !r->records.n));
}

GET(rec_location) { return v_str(eg_view_loc_text(v, &R(obj)->loc)); }
GET(rec_zone_candidates) { UNUSED_VIEW; return v_list(&R(obj)->alias_zone_candidates); }
GET(rec_to_cloudfront)
{
	const eg_dns_record *r = R(obj);
	UNUSED_VIEW;
	if (!r->alias_name)
		return v_bool(false);
	if (eg_is_unknown(r->alias_name))
		return v_unknown();
	return v_bool(eg_cf_is_distribution_domain(r->alias_name));
}
/* Claims of other distributions that cover this record's host. */
static bool holds_record(const void *cand, const void *self)
{
	const eg_alias_claim *c = cand;
	const eg_dns_record *r = self;
	return c->dist != r->target && eg_cf_alias_routes(c->name, r->name);
}
GET(rec_holders)
{
	const eg_dns_record *r = R(obj);

	if (!eg_known(r->name))
		return v_unknown();
	return v_ix_where(v, &v->claims_ix, r->name, holds_record, r, EG_SCOPE_ALIAS);
}
GET(rec_served_by)
{
	bool unknown;
	const eg_alias_claim *c = eg_view_serving_claim(v, R(obj)->name, &unknown);
	if (unknown && !c)
		return v_unknown();
	return v_obj(c ? c->dist : NULL, EG_SCOPE_DISTRIBUTION);
}
GET(rec_eth) { UNUSED_VIEW; return v_tri(R(obj)->evaluate_target_health); }
/* The hosted zone's name: the zone resource in the inputs, else the name
 * the record gives (HostedZoneName); absent when neither is in the inputs. */
GET(rec_zone_name)
{
	const eg_dns_record *r = R(obj);
	UNUSED_VIEW;
	return v_str(r->zone ? r->zone->name : r->zone_name);
}
GET(rec_zone_private)
{
	UNUSED_VIEW;
	return R(obj)->zone ? v_tri(R(obj)->zone->private_zone) : v_absent();
}
/* CloudFront's hosted zone id in the partition of the alias target: its
 * dxxxx.cloudfront.net/.cn name, or the distribution it targets. */
GET(rec_cf_zone_id)
{
	const eg_dns_record *r = R(obj);
	const char *p = domain_partition(r->alias_name);

	UNUSED_VIEW;
	if (!p && r->target)
		p = dist_partition_of(r->target);
	if (!p)
		return r->target || eg_is_unknown(r->alias_name) ? v_unknown() : v_absent();
	return v_str(!strcmp(p, "aws-cn") ? EG_CF_ZONE_ID_CN : EG_CF_ZONE_ID);
}
/* Other records for the very same host (any type, any target). */
static bool same_record_host(const void *cand, const void *self)
{
	return cand != self && eg_cf_host_equal(R(cand)->name, R(self)->name);
}
GET(rec_same_name)
{
	const eg_dns_record *r = R(obj);
	size_t i;

	if (!eg_known(r->name))
		return v_unknown();
	/* a record of the same input whose name is not known may be one */
	for (i = 0; i < v->nrecords; i++)
		if (v->records[i] != r && eg_is_unknown(v->records[i]->name) &&
		    v->records[i]->loc.src == r->loc.src)
			return v_unknown();
	return v_ix_where(v, &v->records_ix, r->name, same_record_host, r, EG_SCOPE_RECORD);
}
GET(rec_account_complete)
{
	(void)obj;
	return v_bool(v->model->whole_account);
}
GET(rec_summary)
{
	const eg_dns_record *r = R(obj);
	const char *to = r->target ? eg_view_dist_label(v, r->target)
			 : eg_known(r->alias_name) ? r->alias_name
			 : r->records.n && eg_known(r->records.items[0]) ? r->records.items[0] : "?";
	return v_str(eg_arena_printf(&v->arena, "%s at %s -> %s", r->address, eg_view_loc_text(v, &r->loc), to));
}

static const eg_attr record_attrs[] = {
	{ "address", EG_T_STR, 0, rec_address, "resource address" },
	{ "name", EG_T_STR, 0, rec_name, "host name" },
	{ "host", EG_T_STR, 0, rec_host, "host name as an alias writes it: lower case, no trailing dot" },
	{ "type", EG_T_STR, 0, rec_type, "A, AAAA, CNAME, ..." },
	{ "zone_id", EG_T_STR, 0, rec_zone, "hosted zone" },
	{ "is_alias", EG_T_BOOL, 0, rec_is_alias, "a Route 53 alias record" },
	{ "alias_name", EG_T_STR, 0, rec_alias_name, "alias target DNS name" },
	{ "alias_zone_id", EG_T_STR, 0, rec_alias_zone, "alias target hosted zone id" },
	{ "records", EG_T_LIST, 0, rec_records, "plain record values (CNAME targets)" },
	{ "target", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, rec_target, "distribution it routes to" },
	{ "target_aliases_with_dns", EG_T_LIST, 0, rec_target_aliases_with_dns,
	  "the target's aliases with every host DNS sends to it added" },
	{ "link_source", EG_T_STR, 0, rec_link, "how the target was found" },
	{ "alias_to_cloudfront", EG_T_BOOL, 0, rec_to_cloudfront,
	  "an alias whose DNS name is a dxxxx.cloudfront.net domain" },
	{ "alias_zone_candidates", EG_T_LIST, 0, rec_zone_candidates,
	  "the values an unknown alias zone id can only take (a partition map, a distribution's zone)" },
	{ "holders", EG_T_OBJS, EG_SCOPE_ALIAS, rec_holders,
	  "aliases of other distributions that cover this host" },
	{ "served_by", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, rec_served_by,
	  "the enabled distribution CloudFront picks for the host by its Host header (absent: none, 403)" },
	{ "account_complete", EG_T_BOOL, 0, rec_account_complete,
	  "the inputs include a whole list-distributions, so no distribution outside them holds the host" },
	{ "location", EG_T_STR, 0, rec_location, "file:line of the record" },
	{ "summary", EG_T_STR, 0, rec_summary, "address (file:line) -> target, for messages" },
	{ "evaluate_target_health", EG_T_BOOL, 0, rec_eth,
	  "alias: EvaluateTargetHealth (false when not set)" },
	{ "zone_name", EG_T_STR, 0, rec_zone_name,
	  "name of its hosted zone (the zone in the inputs, or HostedZoneName); absent when no input says" },
	{ "zone_private", EG_T_BOOL, 0, rec_zone_private,
	  "its hosted zone is private (has VPCs); absent when the zone is not in the inputs" },
	{ "cloudfront_zone_id", EG_T_STR, 0, rec_cf_zone_id,
	  "CloudFront's hosted zone id in the alias target's partition (Z2FDTNDATAQYW2; aws-cn: Z3RFFRIM2A3IF5)" },
	{ "same_name_records", EG_T_OBJS, EG_SCOPE_RECORD, rec_same_name,
	  "other records for the very same host name (any type)" },
};

/* --- route ---------------------------------------------------------------- */

#define RC(obj) ((const eg_route_check *)(obj))
GET(route_path) { UNUSED_VIEW; return v_str(RC(obj)->route->path); }
GET(route_probe) { UNUSED_VIEW; return v_str(RC(obj)->probe); }
GET(route_methods)
{
	eg_value r = { 0 };
	UNUSED_VIEW;
	r.kind = EG_V_LIST;
	r.items = RC(obj)->route->methods;
	r.n = RC(obj)->route->nmethods;
	return r;
}
GET(route_dist) { UNUSED_VIEW; return v_obj(RC(obj)->dist, EG_SCOPE_DISTRIBUTION); }
GET(route_serving)
{
	UNUSED_VIEW;
	return RC(obj)->serving_unknown ? v_unknown() : v_obj(RC(obj)->serving, EG_SCOPE_BEHAVIOR);
}
GET(route_declared) { UNUSED_VIEW; return v_obj(RC(obj)->declared, EG_SCOPE_BEHAVIOR); }
GET(route_bare) { UNUSED_VIEW; return v_bool(RC(obj)->bare); }
GET(route_narrower)
{
	UNUSED_VIEW;
	return RC(obj)->serving_unknown ? v_unknown() : v_obj(RC(obj)->narrower, EG_SCOPE_BEHAVIOR);
}
GET(route_shadowed_by)
{
	const eg_route_check *rc = RC(obj);
	UNUSED_VIEW;
	if (rc->serving_unknown)
		return v_unknown();
	/* an earlier behavior takes the route before its own does */
	if (rc->declared && rc->serving && rc->serving != rc->declared &&
	    rc->serving->index >= 0 && rc->serving->index < rc->declared->index)
		return v_obj(rc->serving, EG_SCOPE_BEHAVIOR);
	return v_absent();
}

/* The pattern a new behavior needs: the bare prefix when that alone is
 * missed, else the route's own. */
GET(route_missing_pattern)
{
	UNUSED_VIEW;
	return v_str(RC(obj)->bare ? RC(obj)->probe : RC(obj)->route->path);
}

static const eg_attr route_attrs[] = {
	{ "path", EG_T_STR, 0, route_path, "route path pattern from config" },
	{ "methods", EG_T_LIST, 0, route_methods, "methods the route must accept" },
	{ "probe", EG_T_STR, 0, route_probe,
	  "a path of the route the serving behavior takes (the shortest)" },
	{ "bare_prefix", EG_T_BOOL, 0, route_bare,
	  "probe is the bare prefix (/auth), which the route's own pattern (/auth/ *) misses" },
	{ "missing_pattern", EG_T_STR, 0, route_missing_pattern,
	  "path pattern a new behavior needs: the bare prefix when only it is missed, else path" },
	{ "narrower", EG_T_OBJ, EG_SCOPE_BEHAVIOR, route_narrower,
	  "an earlier behavior that takes part of the route and lets it through" },
	{ "distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, route_dist, "the distribution" },
	{ "serving", EG_T_OBJ, EG_SCOPE_BEHAVIOR, route_serving, "behavior CloudFront picks (first match)" },
	{ "declared", EG_T_OBJ, EG_SCOPE_BEHAVIOR, route_declared, "behavior whose pattern is the route's" },
	{ "shadowed_by", EG_T_OBJ, EG_SCOPE_BEHAVIOR, route_shadowed_by,
	  "earlier behavior that wins over the declared one" },
};

/* --- error response ------------------------------------------------------ */

#define ER(obj) ((const eg_error_response *)(obj))
GET(err_code) { UNUSED_VIEW; return v_str(ER(obj)->error_code); }
GET(err_response_code) { UNUSED_VIEW; return v_str(ER(obj)->response_code); }
GET(err_page_path) { UNUSED_VIEW; return v_str(ER(obj)->page_path); }
GET(err_min_ttl) { UNUSED_VIEW; return v_str(ER(obj)->min_ttl); }
GET(err_dist) { UNUSED_VIEW; return v_obj(ER(obj)->dist, EG_SCOPE_DISTRIBUTION); }

static const eg_attr error_response_attrs[] = {
	{ "error_code", EG_T_STR, 0, err_code, "the origin's HTTP status it replaces (403, 404, ...)" },
	{ "response_code", EG_T_STR, 0, err_response_code, "status returned instead (absent: the error's own)" },
	{ "page_path", EG_T_STR, 0, err_page_path, "page returned instead (/index.html)" },
	{ "min_ttl", EG_T_STR, 0, err_min_ttl, "seconds the error is cached (ErrorCachingMinTTL)" },
	{ "distribution", EG_T_OBJ, EG_SCOPE_DISTRIBUTION, err_dist, "the distribution" },
};

/* --- lookup --------------------------------------------------------------- */

/* Attributes whose values are DNS names: operators compare them without
 * case and without a trailing dot, as DNS does. */
bool eg_attr_is_host(const eg_attr *a)
{
	static eg_value (*const hosts[])(eg_view *, const void *) = {
		dist_aliases, dist_domain, dist_certificate_names, dist_cert_domain, dist_cert_sans,
		origin_domain, alias_name,
		rec_name, rec_alias_name, rec_records, rec_zone_name,
	};
	size_t i;

	for (i = 0; a && i < EG_ARRAY_SIZE(hosts); i++)
		if (a->get == hosts[i])
			return true;
	return false;
}

static const struct {
	const eg_attr *attrs;
	size_t n;
} tables[EG_SCOPE__COUNT] = {
	{ dist_attrs, EG_ARRAY_SIZE(dist_attrs) },
	{ origin_attrs, EG_ARRAY_SIZE(origin_attrs) },
	{ behavior_attrs, EG_ARRAY_SIZE(behavior_attrs) },
	{ alias_attrs, EG_ARRAY_SIZE(alias_attrs) },
	{ record_attrs, EG_ARRAY_SIZE(record_attrs) },
	{ route_attrs, EG_ARRAY_SIZE(route_attrs) },
	{ function_attrs, EG_ARRAY_SIZE(function_attrs) },
	{ error_response_attrs, EG_ARRAY_SIZE(error_response_attrs) },
};

const eg_attr *eg_attr_find(eg_scope scope, const char *name)
{
	size_t i;

	if (scope >= EG_SCOPE__COUNT)
		return NULL;
	for (i = 0; i < tables[scope].n; i++)
		if (!strcmp(tables[scope].attrs[i].name, name))
			return &tables[scope].attrs[i];
	return NULL;
}

const eg_cf_order *eg_attr_order(const eg_attr *a)
{
	/* by getter: the tables stay one line per attribute */
	static const struct {
		eg_value (*get)(eg_view *v, const void *obj);
		const eg_cf_order *order;
	} ordered[] = {
		{ dist_min_tls, &eg_cf_tls_policies },
		{ dist_tls_floor, &eg_cf_tls_policies },
	};
	size_t i;

	for (i = 0; a && i < EG_ARRAY_SIZE(ordered); i++)
		if (a->get == ordered[i].get)
			return ordered[i].order;
	return NULL;
}

const eg_attr *eg_attr_list(eg_scope scope, size_t *n)
{
	*n = scope < EG_SCOPE__COUNT ? tables[scope].n : 0;
	return scope < EG_SCOPE__COUNT ? tables[scope].attrs : NULL;
}

/* --- the view ------------------------------------------------------------- */

/* Position of d among the view's distributions (ndists when not one). */
static size_t view_index(const eg_view *v, const eg_distribution *d)
{
	size_t lo = 0, hi = v->ndists;

	/* v->dists is a part of the model's array, in its order. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->dists[mid] == d)
			return mid;
		if (v->dists[mid]->order < d->order)
			lo = mid + 1;
		else
			hi = mid;
	}
	return v->ndists;
}

static void build_indexes(eg_view *v)
{
	const char **names;
	size_t i, j, k;

	/* claims by alias, then each claim's overlaps with earlier ones */
	for (i = 0; i < v->ndists; i++) {
		eg_distribution *d = v->dists[i];
		for (j = 0; j < d->aliases.n; j++) {
			eg_alias_claim *c = eg_arena_alloc(&v->arena, sizeof(*c));
			c->name = d->aliases.items[j];
			c->dist = d;
			c->index = j;
			c->order = v->nclaims;
			c->loc = d->alias_locs ? d->alias_locs[j]
					       : eg_model_loc_child(&v->arena, &d->aliases_loc, "/%zu", j);
			EG_ARENA_GROW(&v->arena, v->claims, v->nclaims + 1, v->claims_alloc);
			v->claims[v->nclaims++] = c;
		}
	}
	names = eg_arena_alloc(&v->arena, (v->nclaims + v->nrecords + 1) * sizeof(*names));
	for (i = 0; i < v->nclaims; i++)
		names[i] = v->claims[i]->name;
	eg_hostix_build(&v->claims_ix, &v->arena, names, (const void *const *)v->claims, v->nclaims);
	for (i = 0; i < v->nclaims; i++) {
		eg_alias_claim *c = v->claims[i];
		const void **cand;
		size_t n = eg_hostix_candidates(&v->claims_ix, &v->arena, c->name, &cand), alloc = 0;
		for (k = 0; k < n; k++) {
			const eg_alias_claim *o = cand[k];
			/* earlier in the run only: each pair is reported once */
			if (o->order >= c->order || o->dist == c->dist ||
			    !eg_cf_alias_overlap(o->name, c->name))
				continue;
			EG_ARENA_GROW(&v->arena, c->overlaps, c->noverlaps + 1, alloc);
			c->overlaps[c->noverlaps++] = o;
		}
	}
	for (i = 0; i < v->nrecords; i++)
		names[i] = v->records[i]->name;
	eg_hostix_build(&v->records_ix, &v->arena, names, (const void *const *)v->records,
			v->nrecords);
	/* records by the distribution they route to, in model order */
	v->dist_records = eg_arena_alloc(&v->arena, (v->ndists + 1) * sizeof(*v->dist_records));
	v->ndist_records = eg_arena_alloc(&v->arena, (v->ndists + 1) * sizeof(*v->ndist_records));
	for (i = 0; i < v->nrecords; i++) {
		size_t d = v->records[i]->target ? view_index(v, v->records[i]->target) : v->ndists;
		v->ndist_records[d]++;
	}
	for (i = 0; i < v->ndists; i++) {
		v->dist_records[i] = eg_arena_alloc(&v->arena, (v->ndist_records[i] + 1) *
								   sizeof(**v->dist_records));
		v->ndist_records[i] = 0;
	}
	for (i = 0; i < v->nrecords; i++) {
		size_t d = v->records[i]->target ? view_index(v, v->records[i]->target) : v->ndists;
		if (d < v->ndists)
			v->dist_records[d][v->ndist_records[d]++] = v->records[i];
	}
}

eg_view *eg_view_new(const eg_model *m, const eg_config *c)
{
	eg_view *v = eg_xcalloc(1, sizeof(*v));

	size_t i, dalloc = 0, ralloc = 0;

	eg_arena_init(&v->arena);
	v->model = m;
	v->config = c;
	for (i = 0; i < m->ndists; i++)
		if (!m->dists[i]->superseded_by) {
			EG_ARENA_GROW(&v->arena, v->dists, v->ndists + 1, dalloc);
			v->dists[v->ndists++] = m->dists[i];
		}
	for (i = 0; i < m->nrecords; i++)
		if (!m->records[i]->superseded_by && !m->records[i]->deleted) {
			EG_ARENA_GROW(&v->arena, v->records, v->nrecords + 1, ralloc);
			v->records[v->nrecords++] = m->records[i];
		}
	build_indexes(v);
	return v;
}

void eg_view_free(eg_view *v)
{
	if (!v)
		return;
	eg_arena_release(&v->arena);
	eg_free(v);
}

static const eg_behavior *declared_behavior(const eg_distribution *d, const char *pattern)
{
	size_t i;

	for (i = 0; i < d->nbehaviors; i++) {
		const eg_behavior *b = d->behaviors[i];
		if (!b->is_default && b->path_pattern && !eg_is_unknown(b->path_pattern) &&
		    eg_cf_pattern_equal(b->path_pattern, pattern))
			return b;
	}
	return NULL;
}

/* Whether b refuses the route's methods or cannot take writes; -1 when
 * that is not known. */
static int refuses(const eg_behavior *b, const eg_route *r)
{
	int mask = eg_behavior_methods(b);
	unsigned want = 0;
	size_t i;
	eg_origin_kind k;

	if (mask < 0)
		return -1;
	for (i = 0; i < r->nmethods; i++)
		want |= eg_cf_method_bit(r->methods[i]);
	if ((want & (unsigned)mask) != want)
		return 1;
	if (b->target_group)
		return 1;
	if (!b->target)
		return -1;
	k = b->target->kind;
	if (k == EG_ORIGIN_UNKNOWN)
		return -1;
	return k == EG_ORIGIN_S3 || k == EG_ORIGIN_S3_WEBSITE;
}

/* The behaviors, in CloudFront's order, that take some of the route's
 * paths (a path the route and the behavior match and no earlier behavior
 * does, or the bare prefix), and of those the first that refuses it. */
static void resolve_route(eg_view *v, eg_route_check *rc)
{
	const eg_distribution *d = rc->dist;
	const char **earlier = eg_arena_alloc(&v->arena, (d->nbehaviors + 1) * sizeof(*earlier));
	const char *path = rc->route->path, *first_probe = NULL;
	const eg_behavior *first = NULL;
	char prefix[512], w[600];
	bool prefix_open = false;
	size_t i, n = 0, len = strlen(path);

	if (d->behaviors_unknown) {
		rc->serving_unknown = true;
		return;
	}
	/* /auth/ * does not match /auth: the bare prefix goes elsewhere */
	if (len > 2 && len < sizeof(prefix) && !strcmp(path + len - 2, "/*") &&
	    !strpbrk(path, "?")) {
		memcpy(prefix, path, len - 2);
		prefix[len - 2] = '\0';
		prefix_open = !strchr(prefix, '*') && *prefix;
	}
	for (i = 0; i < d->nbehaviors; i++) {
		const eg_behavior *b = d->behaviors[i];
		const char *pat = b->is_default ? "*" : b->path_pattern;
		const char *example = NULL;
		bool bare = false;
		int r, why;

		if (!pat || eg_is_unknown(pat)) {
			rc->serving_unknown = true;
			return;
		}
		r = eg_cf_pattern_witness(path, pat, earlier, n, w, sizeof(w));
		if (r < 0) {
			rc->serving_unknown = true;
			return;
		}
		if (r > 0)
			example = eg_arena_strdup(&v->arena, w);
		if (prefix_open && eg_cf_path_match(pat, prefix)) {
			prefix_open = false;
			if (!example) {
				example = eg_arena_strdup(&v->arena, prefix);
				bare = true;
			}
		}
		earlier[n++] = pat;
		if (!example)
			continue;
		if (!first) {
			first = b;
			first_probe = example;
		}
		why = refuses(b, rc->route);
		if (why != 0) {
			/* unknown methods or target: the rule's attributes say so */
			rc->serving = b;
			rc->probe = example;
			rc->bare = bare;
			rc->narrower = b != first ? first : NULL;
			return;
		}
	}
	rc->serving = first;
	rc->probe = first_probe;
}

static void route_checks(eg_view *v, const eg_route *routes, size_t nroutes,
			 const void ***objs, size_t *n)
{
	size_t alloc = 0, i, j;
	char probe[1024];

	*objs = NULL;
	*n = 0;
	for (i = 0; i < v->ndists; i++) {
		for (j = 0; j < nroutes; j++) {
			eg_route_check *rc = eg_arena_alloc(&v->arena, sizeof(*rc));
			rc->route = &routes[j];
			rc->dist = v->dists[i];
			rc->declared = declared_behavior(rc->dist, routes[j].path);
			resolve_route(v, rc);
			if (!rc->probe) { /* nothing takes it (no behaviors): one probe */
				eg_cf_route_probe(routes[j].path, probe, sizeof(probe));
				rc->probe = eg_arena_strdup(&v->arena, probe);
			}
			EG_ARENA_GROW(&v->arena, *objs, *n + 1, alloc);
			(*objs)[(*n)++] = rc;
		}
	}
}

void eg_view_objects(eg_view *v, eg_scope scope, const eg_route *routes,
		     size_t nroutes, const void ***objs, size_t *n)
{
	const void **list = NULL;
	size_t alloc = 0, i, j;

	*n = 0;
	switch (scope) {
	case EG_SCOPE_DISTRIBUTION:
		*objs = (const void **)v->dists;
		*n = v->ndists;
		return;
	case EG_SCOPE_RECORD:
		*objs = (const void **)v->records;
		*n = v->nrecords;
		return;
	case EG_SCOPE_ALIAS:
		*objs = (const void **)v->claims;
		*n = v->nclaims;
		return;
	case EG_SCOPE_ROUTE:
		if (!nroutes) {
			routes = v->config->routes;
			nroutes = v->config->nroutes;
		}
		route_checks(v, routes, nroutes, objs, n);
		return;
	case EG_SCOPE_FUNCTION:
		for (i = 0; i < v->ndists; i++) {
			const eg_distribution *d = v->dists[i];
			for (j = 0; j < d->nbehaviors; j++) {
				const eg_behavior *b = d->behaviors[j];
				size_t k;
				for (k = 0; k < b->nfunctions; k++) {
					EG_ARENA_GROW(&v->arena, list, *n + 1, alloc);
					list[(*n)++] = b->functions[k];
				}
			}
		}
		*objs = list;
		return;
	case EG_SCOPE_ORIGIN:
	case EG_SCOPE_BEHAVIOR:
	case EG_SCOPE_ERROR_RESPONSE:
		for (i = 0; i < v->ndists; i++) {
			const eg_distribution *d = v->dists[i];
			size_t cnt = scope == EG_SCOPE_ORIGIN ? d->norigins
				     : scope == EG_SCOPE_BEHAVIOR ? d->nbehaviors : d->nerror_responses;
			for (j = 0; j < cnt; j++) {
				EG_ARENA_GROW(&v->arena, list, *n + 1, alloc);
				list[(*n)++] = scope == EG_SCOPE_ORIGIN ? (const void *)d->origins[j]
					       : scope == EG_SCOPE_BEHAVIOR ? (const void *)d->behaviors[j]
					       : (const void *)d->error_responses[j];
			}
		}
		*objs = list;
		return;
	default:
		*objs = NULL;
		return;
	}
}

const eg_distribution *eg_view_distribution(const void *obj, eg_scope scope)
{
	switch (scope) {
	case EG_SCOPE_DISTRIBUTION: return D(obj);
	case EG_SCOPE_ORIGIN: return O(obj)->dist;
	case EG_SCOPE_BEHAVIOR: return B(obj)->dist;
	case EG_SCOPE_ALIAS: return A(obj)->dist;
	case EG_SCOPE_RECORD: return R(obj)->target;
	case EG_SCOPE_ROUTE: return RC(obj)->dist;
	case EG_SCOPE_FUNCTION: return FN(obj)->behavior->dist;
	case EG_SCOPE_ERROR_RESPONSE: return ER(obj)->dist;
	default: return NULL;
	}
}

eg_loc eg_view_loc(const void *obj, eg_scope scope)
{
	switch (scope) {
	case EG_SCOPE_DISTRIBUTION: return D(obj)->loc;
	case EG_SCOPE_ORIGIN: return O(obj)->loc;
	case EG_SCOPE_BEHAVIOR: return B(obj)->loc;
	case EG_SCOPE_ALIAS: return A(obj)->loc;
	case EG_SCOPE_RECORD: return R(obj)->loc;
	case EG_SCOPE_ROUTE:
		return RC(obj)->serving ? RC(obj)->serving->loc : RC(obj)->dist->loc;
	case EG_SCOPE_FUNCTION: return FN(obj)->loc;
	case EG_SCOPE_ERROR_RESPONSE: return ER(obj)->loc;
	default: {
		eg_loc none = { 0 };
		return none;
	}
	}
}

const char *eg_view_resource(const void *obj, eg_scope scope)
{
	if (scope == EG_SCOPE_RECORD)
		return R(obj)->address;
	return eg_view_distribution(obj, scope)->address;
}

void eg_view_origin_of(const void *obj, eg_scope scope, const char **stack,
			const char **construct_path)
{
	if (scope == EG_SCOPE_RECORD) {
		*stack = R(obj)->stack;
		*construct_path = R(obj)->construct_path;
	} else {
		*stack = eg_view_distribution(obj, scope)->stack;
		*construct_path = eg_view_distribution(obj, scope)->construct_path;
	}
}

const char *eg_view_display(const void *obj, eg_scope scope)
{
	switch (scope) {
	case EG_SCOPE_DISTRIBUTION: return D(obj)->address;
	case EG_SCOPE_ORIGIN: return O(obj)->id;
	case EG_SCOPE_BEHAVIOR: return B(obj)->path_pattern;
	case EG_SCOPE_ALIAS: return A(obj)->name;
	case EG_SCOPE_RECORD: return R(obj)->address;
	case EG_SCOPE_ROUTE: return RC(obj)->route->path;
	case EG_SCOPE_FUNCTION: return eg_known(FN(obj)->arn) ? FN(obj)->arn
				: eg_known(FN(obj)->event_type) ? FN(obj)->event_type : "edge function";
	case EG_SCOPE_ERROR_RESPONSE: return ER(obj)->error_code;
	default: return "?";
	}
}

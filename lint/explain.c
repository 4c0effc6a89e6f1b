/* explain.c - `edgegate route` (explain.h): one request through the view. */
#include "explain.h"

#include "cloudfront.h"
#include "json.h"
#include "strbuf.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Managed origin request policies whose effect on Host is known
 * (using-managed-origin-request-policies.html). */
static const struct {
	const char *id, *name;
	bool host;
} managed_orp[] = {
	{ "216adef6-5c7f-47e4-b989-5492eafa07d3", "Managed-AllViewer", true },
	{ "33f36d7e-f396-46d9-90e0-52428a34d9dc", "Managed-AllViewerAndCloudFrontHeaders-2022-06", true },
	{ "b689b0a8-53d0-40ab-baf2-68738e2966ac", "Managed-AllViewerExceptHostHeader", false },
};

static int parse_url(eg_view *v, const char *url, eg_explain *e, eg_error *err)
{
	const char *p = url, *host, *end;
	size_t n, i;
	char *h;

	if (!strncmp(p, "https://", 8))
		p += 8;
	else if (!strncmp(p, "http://", 7))
		p += 7;
	else
		return eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
				    "route: '%s' is not a URL: give https://HOST/PATH", url);
	host = p;
	n = strcspn(host, ":/?#");
	if (!n)
		return eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0, "route: '%s' has no host", url);
	h = eg_arena_strndup(&v->arena, host, n);
	for (i = 0; i < n; i++)
		h[i] = (char)tolower((unsigned char)h[i]);
	e->host = h;
	p = host + n;
	if (*p == ':')
		p += strcspn(p, "/?#");
	end = p + strcspn(p, "?#");
	e->path = *p == '/' ? eg_arena_strndup(&v->arena, p, (size_t)(end - p)) : "/";
	return 0;
}

/* Managed cache policies whose key holds no header at all
 * (using-managed-cache-policies.html). */
static const struct {
	const char *id, *name;
} headerless_cache[] = {
	{ "658327ea-f89d-4fab-a63d-7e88639e58f6", "Managed-CachingOptimized" },
	{ "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "Managed-CachingDisabled" },
	{ "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "Managed-CachingOptimizedForUncompressedObjects" },
};

/* Whether a policy the inputs hold sends Host to the origin. */
static eg_tri policy_sends_host(const eg_resource *r)
{
	const char *hb = r->header_behavior;
	bool listed = false;
	size_t i;

	if (!eg_known(hb) || r->headers.unknown)
		return EG_TRI_UNKNOWN;
	for (i = 0; i < r->headers.n; i++) {
		if (eg_is_unknown(r->headers.items[i]))
			return EG_TRI_UNKNOWN;
		if (!strcasecmp(r->headers.items[i], "Host"))
			listed = true;
	}
	if (!strcmp(hb, "allViewer") || !strcmp(hb, "allViewerAndWhitelistCloudFront"))
		return EG_TRI_TRUE;
	if (!strcmp(hb, "allExcept"))
		return listed ? EG_TRI_FALSE : EG_TRI_TRUE;
	if (!strcmp(hb, "whitelist"))
		return listed ? EG_TRI_TRUE : EG_TRI_FALSE;
	return !strcmp(hb, "none") ? EG_TRI_FALSE : EG_TRI_UNKNOWN;
}

/* The origin request policy's part: its headers reach the origin. */
static eg_tri orp_sends_host(eg_view *v, const eg_behavior *b, const char **why)
{
	const char *id = b->origin_request_policy_id;
	size_t i;

	if (!id) {
		*why = "no origin request policy";
		return EG_TRI_FALSE;
	}
	if (eg_is_unknown(id)) {
		*why = "the origin request policy is known only after apply";
		return EG_TRI_UNKNOWN;
	}
	for (i = 0; i < EG_ARRAY_SIZE(managed_orp); i++)
		if (!strcmp(id, managed_orp[i].id)) {
			*why = eg_arena_printf(&v->arena, "origin request policy %s", managed_orp[i].name);
			return managed_orp[i].host ? EG_TRI_TRUE : EG_TRI_FALSE;
		}
	*why = eg_arena_printf(&v->arena, "origin request policy %s", id);
	return b->origin_request_policy ? policy_sends_host(b->origin_request_policy) : EG_TRI_UNKNOWN;
}

/* The cache key's part: its headers reach the origin too; without a cache
 * policy, the legacy forwarded headers. */
static eg_tri key_sends_host(eg_view *v, const eg_behavior *b, const char **why)
{
	const char *id = b->cache_policy_id;
	size_t i;

	if (eg_is_unknown(id)) {
		*why = "the cache policy is known only after apply";
		return EG_TRI_UNKNOWN;
	}
	if (id) {
		for (i = 0; i < EG_ARRAY_SIZE(headerless_cache); i++)
			if (!strcmp(id, headerless_cache[i].id)) {
				*why = eg_arena_printf(&v->arena, "cache policy %s keys on no header",
						       headerless_cache[i].name);
				return EG_TRI_FALSE;
			}
		*why = eg_arena_printf(&v->arena, "cache policy %s", id);
		return b->cache_policy ? policy_sends_host(b->cache_policy) : EG_TRI_UNKNOWN;
	}
	if (b->forward_headers.unknown) {
		*why = "the forwarded headers are known only after apply";
		return EG_TRI_UNKNOWN;
	}
	for (i = 0; i < b->forward_headers.n; i++) {
		const char *hd = b->forward_headers.items[i];
		if (eg_is_unknown(hd)) {
			*why = "a forwarded header is known only after apply";
			return EG_TRI_UNKNOWN;
		}
		if (!strcmp(hd, "*") || !strcasecmp(hd, "Host")) {
			*why = eg_arena_printf(&v->arena, "legacy forwarded headers include %s", hd);
			return EG_TRI_TRUE;
		}
	}
	*why = "legacy forwarded headers without Host";
	return EG_TRI_FALSE;
}

/* Host reaches the origin when either the origin request policy or the
 * cache key sends it; otherwise the origin sees its own domain name. */
static eg_tri host_forwarded(eg_view *v, const eg_behavior *b, const char **why)
{
	const char *w1, *w2;
	eg_tri p = orp_sends_host(v, b, &w1), k = key_sends_host(v, b, &w2);

	*why = eg_arena_printf(&v->arena, "%s; %s", w1, w2);
	if (p == EG_TRI_TRUE || k == EG_TRI_TRUE)
		return EG_TRI_TRUE;
	return p == EG_TRI_UNKNOWN || k == EG_TRI_UNKNOWN ? EG_TRI_UNKNOWN : EG_TRI_FALSE;
}

static void resolve_behavior(eg_view *v, eg_explain *e, const eg_distribution *d)
{
	size_t i;
	int mask;
	unsigned want;

	e->behaviors_unknown = d->behaviors_unknown;
	e->steps = eg_arena_alloc(&v->arena, (d->nbehaviors + 1) * sizeof(*e->steps));
	for (i = 0; i < d->nbehaviors; i++) {
		const eg_behavior *b = d->behaviors[i];
		const char *pat = b->is_default ? "*" : b->path_pattern;
		eg_explain_step *s = &e->steps[e->nsteps++];

		s->behavior = b;
		if (!pat || eg_is_unknown(pat)) {
			s->matches = EG_TRI_UNKNOWN;
			if (!e->behavior)
				e->behaviors_unknown = true;
			continue;
		}
		s->matches = eg_cf_path_match(pat, e->path) ? EG_TRI_TRUE : EG_TRI_FALSE;
		if (s->matches == EG_TRI_TRUE && !e->behavior && !e->behaviors_unknown) {
			s->chosen = true;
			e->behavior = b;
		}
	}
	if (!e->behavior)
		return;
	mask = eg_behavior_methods(e->behavior);
	want = eg_cf_method_bit(e->method);
	e->method_allowed = mask < 0 ? EG_TRI_UNKNOWN : (want & (unsigned)mask) ? EG_TRI_TRUE : EG_TRI_FALSE;
	e->group = e->behavior->target_group;
	e->origin = e->behavior->target;
	if (e->group && e->group->members.n)
		e->origin = e->group->member_origins[0];
	if (e->origin && !eg_is_unknown(e->origin->path))
		e->origin_path = eg_arena_printf(&v->arena, "%s%s",
						 e->origin->path ? e->origin->path : "", e->path);
	e->host_forwarded = host_forwarded(v, e->behavior, &e->host_why);
}

int eg_explain_request(eg_view *v, const char *url, const char *method, eg_explain *e,
		       eg_error *err)
{
	size_t i, alloc = 0;
	int rc;

	memset(e, 0, sizeof(*e));
	e->url = url;
	e->method = method ? method : "GET";
	if (!eg_cf_method_bit(e->method))
		return eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
				    "route: --method %s: CloudFront knows GET, HEAD, OPTIONS, PUT, "
				    "PATCH, POST and DELETE", e->method);
	if ((rc = parse_url(v, url, e, err)))
		return rc;
	e->claim = eg_view_serving_claim(v, e->host, &e->claim_unknown);
	for (i = 0; i < v->nclaims; i++) {
		const eg_alias_claim *c = v->claims[i];
		if (c->dist->enabled == EG_TRI_FALSE && eg_known(c->name) &&
		    eg_cf_alias_routes(c->name, e->host)) {
			EG_ARENA_GROW(&v->arena, e->disabled, e->ndisabled + 1, alloc);
			e->disabled[e->ndisabled++] = c;
		}
	}
	if (e->claim)
		resolve_behavior(v, e, e->claim->dist);
	return 0;
}

/* --- printing ----------------------------------------------------------- */

static const char *tri_text(eg_tri t, const char *yes, const char *no)
{
	return t == EG_TRI_TRUE ? yes : t == EG_TRI_FALSE ? no : "unknown";
}

/* Input text as it may be printed: control characters shown, never
 * obeyed (as the text report does); absent when s is NULL. */
static const char *vis(eg_view *v, const char *s, const char *absent)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *out;

	if (!s)
		return absent;
	if (eg_is_unknown(s))
		return "(known after apply)";
	eg_sb_add_visible(&sb, s, false);
	out = eg_arena_strndup(&v->arena, sb.buf ? sb.buf : "", sb.len);
	eg_sb_release(&sb);
	return out;
}

static const char *list_text(eg_view *v, const eg_strlist *l)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *out;
	size_t i;

	if (l->unknown)
		return "(known after apply)";
	for (i = 0; i < l->n; i++)
		eg_sb_addf(&sb, "%s%s", i ? ", " : "", vis(v, l->items[i], "?"));
	out = eg_arena_strndup(&v->arena, sb.buf ? sb.buf : "", sb.len);
	eg_sb_release(&sb);
	return out;
}

/* One line that answers the question: where the request ends. */
static const char *verdict(eg_view *v, const eg_explain *e)
{
	if (!e->claim)
		return e->claim_unknown ? "unknown: an alias or enabled flag that could decide the "
					  "distribution is known only after apply"
					: "403: no enabled distribution in these inputs holds the host";
	if (!e->behavior)
		return "unknown: a path pattern is known only after apply";
	if (e->method_allowed == EG_TRI_FALSE)
		return eg_arena_printf(&v->arena, "403: the behavior '%s' does not allow %s",
				       e->behavior->is_default ? "*" : vis(v, e->behavior->path_pattern, "?"),
				       e->method);
	if (e->method_allowed == EG_TRI_UNKNOWN)
		return "unknown: the behavior's methods are known only after apply";
	if (!e->origin)
		return "unknown: the behavior's target is not an origin of the distribution";
	if (e->origin->kind == EG_ORIGIN_S3 && strcmp(e->method, "GET") &&
	    strcmp(e->method, "HEAD") && strcmp(e->method, "OPTIONS"))
		return eg_arena_printf(&v->arena, "reaches S3 origin %s, which does not take %s "
				       "(403 or 405 from S3)", vis(v, e->origin->id, "?"), e->method);
	return eg_arena_printf(&v->arena, "reaches origin %s (%s)", vis(v, e->origin->id, "?"),
			       eg_cf_origin_kind_name(e->origin->kind));
}

void eg_explain_print_text(FILE *out, eg_view *v, const eg_explain *e)
{
	size_t i;

	fprintf(out, "%s %s\n", e->method, vis(v, e->url, ""));
	if (e->claim) {
		const eg_distribution *d = e->claim->dist;
		fprintf(out, "distribution: %s (environment %s)\n  by the Host header: alias %s "
			"(%s) at %s\n", vis(v, eg_view_dist_label(v, d), "?"), vis(v, d->env, "not known"),
			vis(v, e->claim->name, "?"), strncmp(e->claim->name, "*.", 2) ? "exact" : "wildcard",
			vis(v, eg_view_loc_text(v, &e->claim->loc), "?"));
	} else {
		fprintf(out, "distribution: %s\n",
			e->claim_unknown ? "unknown: an alias or enabled flag is known only after apply"
					 : "none: no enabled distribution in these inputs has an alias "
					   "that routes the host");
	}
	for (i = 0; i < e->ndisabled; i++)
		fprintf(out, "  %s also routes it, on disabled %s, which serves nothing\n",
			vis(v, e->disabled[i]->name, "?"),
			vis(v, eg_view_dist_label(v, e->disabled[i]->dist), "?"));
	if (e->claim) {
		fprintf(out, "behaviors, in CloudFront's order (first match wins):\n");
		for (i = 0; i < e->nsteps; i++) {
			const eg_behavior *b = e->steps[i].behavior;
			fprintf(out, "  %s %-3s %-20s %-8s -> %s  [%s]  %s\n",
				e->steps[i].chosen ? ">" : " ",
				b->is_default ? "def" : eg_arena_printf(&v->arena, "%d", b->index + 1),
				b->is_default ? "* (default)" : vis(v, b->path_pattern, "?"),
				tri_text(e->steps[i].matches, "matches", "no"),
				vis(v, b->target_origin_id, "?"),
				list_text(v, &b->allowed_methods), vis(v, eg_view_loc_text(v, &b->loc), "?"));
		}
	}
	if (e->behavior) {
		fprintf(out, "method %s: %s\n", e->method,
			tri_text(e->method_allowed, "allowed", "not allowed: CloudFront answers 403"));
		if (e->group)
			fprintf(out, "origin group: %s (primary first: %s)\n", vis(v, e->group->id, "?"),
				list_text(v, &e->group->members));
		if (e->origin)
			fprintf(out, "origin: %s (%s, environment %s) %s at %s\n", vis(v, e->origin->id, "?"),
				eg_cf_origin_kind_name(e->origin->kind),
				vis(v, e->origin->env, "not known"),
				vis(v, e->origin->domain, "(no domain)"),
				vis(v, eg_view_loc_text(v, &e->origin->loc), "?"));
		fprintf(out, "origin receives: %s %s\n  Host header: %s (%s)\n",
			e->method, vis(v, e->origin_path, "(path known after apply)"),
			tri_text(e->host_forwarded, "the viewer's",
				  "the origin's own domain name"), vis(v, e->host_why, "?"));
	}
	fprintf(out, "verdict: %s\n", verdict(v, e));
}

static json_t *tri_json(eg_tri t)
{
	return t == EG_TRI_UNKNOWN ? json_null() : json_boolean(t == EG_TRI_TRUE);
}

static json_t *str_or_null(const char *s)
{
	return s && !eg_is_unknown(s) ? eg_json_str(s) : json_null();
}

static json_t *list_json(const eg_strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, str_or_null(l->items[i]));
	return a;
}

void eg_explain_print_json(FILE *out, eg_view *v, const eg_explain *e)
{
	json_t *root = json_object(), *req = json_object(), *steps = json_array();
	json_t *disabled = json_array(), *dist = json_null(), *origin = json_null();
	size_t i;

	json_object_set_new(req, "method", eg_json_str(e->method));
	json_object_set_new(req, "url", eg_json_str(e->url));
	json_object_set_new(req, "host", eg_json_str(e->host));
	json_object_set_new(req, "path", eg_json_str(e->path));
	if (e->claim) {
		const eg_distribution *d = e->claim->dist;
		dist = json_object();
		json_object_set_new(dist, "address", eg_json_str(d->address));
		json_object_set_new(dist, "id", str_or_null(d->id));
		json_object_set_new(dist, "domain_name", str_or_null(d->domain_name));
		json_object_set_new(dist, "environment", str_or_null(d->env));
		json_object_set_new(dist, "alias", eg_json_str(e->claim->name));
		json_object_set_new(dist, "alias_location", eg_json_str(eg_view_loc_text(v, &e->claim->loc)));
	}
	for (i = 0; i < e->ndisabled; i++)
		json_array_append_new(disabled, eg_json_str(e->disabled[i]->dist->address));
	for (i = 0; i < e->nsteps; i++) {
		const eg_behavior *b = e->steps[i].behavior;
		json_t *s = json_object();
		json_object_set_new(s, "position", json_integer(b->is_default ? 0 : b->index + 1));
		json_object_set_new(s, "path_pattern",
				    b->is_default ? eg_json_str("*") : str_or_null(b->path_pattern));
		json_object_set_new(s, "matches", tri_json(e->steps[i].matches));
		json_object_set_new(s, "chosen", json_boolean(e->steps[i].chosen));
		json_object_set_new(s, "target_origin_id", str_or_null(b->target_origin_id));
		json_object_set_new(s, "allowed_methods",
				    b->allowed_methods.unknown ? json_null()
							       : list_json(&b->allowed_methods));
		json_object_set_new(s, "location", eg_json_str(eg_view_loc_text(v, &b->loc)));
		json_array_append_new(steps, s);
	}
	if (e->origin) {
		origin = json_object();
		json_object_set_new(origin, "id", str_or_null(e->origin->id));
		json_object_set_new(origin, "kind", eg_json_str(eg_cf_origin_kind_name(e->origin->kind)));
		json_object_set_new(origin, "domain_name", str_or_null(e->origin->domain));
		json_object_set_new(origin, "environment", str_or_null(e->origin->env));
		json_object_set_new(origin, "group", e->group ? str_or_null(e->group->id) : json_null());
	}
	json_object_set_new(root, "edgegate_route", json_integer(1));
	json_object_set_new(root, "request", req);
	json_object_set_new(root, "distribution", dist);
	json_object_set_new(root, "distribution_unknown", json_boolean(e->claim_unknown));
	json_object_set_new(root, "disabled_holders", disabled);
	json_object_set_new(root, "behaviors", steps);
	json_object_set_new(root, "method_allowed",
			    e->behavior ? tri_json(e->method_allowed) : json_null());
	json_object_set_new(root, "origin", origin);
	json_object_set_new(root, "origin_path", str_or_null(e->origin_path));
	json_object_set_new(root, "host_forwarded",
			    e->behavior ? tri_json(e->host_forwarded) : json_null());
	json_object_set_new(root, "host_forwarded_why", str_or_null(e->host_why));
	json_object_set_new(root, "cache_policy_id",
			    e->behavior ? str_or_null(e->behavior->cache_policy_id) : json_null());
	json_object_set_new(root, "verdict", eg_json_str(verdict(v, e)));
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
}

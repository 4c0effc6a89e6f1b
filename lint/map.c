/* map.c - the mapping engine: dialect tables into the CloudFront model, and
 * CloudFront's defaults, applied once. */
#include "map.h"

#include "common.h"

#include <stdlib.h>
#include <string.h>

#define F(scope, name, type, field, dflt) { name, type, offsetof(scope, field), dflt }

static const eg_field dist_fields[] = {
	F(eg_distribution, "comment", EG_FT_STR, comment, NULL),
	F(eg_distribution, "enabled", EG_FT_TRI, enabled, NULL),
	F(eg_distribution, "staging", EG_FT_TRI, staging, "false"),
	F(eg_distribution, "continuous_deployment_policy_id", EG_FT_STR,
	  continuous_deployment_policy_id, NULL),
	F(eg_distribution, "http_version", EG_FT_STR, http_version, "http2"),
	F(eg_distribution, "ipv6", EG_FT_TRI, ipv6, "false"),
	F(eg_distribution, "price_class", EG_FT_STR, price_class, "PriceClass_All"),
	F(eg_distribution, "default_root_object", EG_FT_STR, default_root_object, NULL),
	F(eg_distribution, "web_acl_id", EG_FT_STR, web_acl_id, NULL),
	F(eg_distribution, "aliases", EG_FT_LIST, aliases, NULL),
	F(eg_distribution, "logging", EG_FT_TRI, logging, NULL),
	F(eg_distribution, "logging_bucket", EG_FT_STR, logging_bucket, NULL),
	F(eg_distribution, "logging_prefix", EG_FT_STR, logging_prefix, NULL),
	F(eg_distribution, "logging_cookies", EG_FT_TRI, logging_cookies, "false"),
	F(eg_distribution, "geo_restriction", EG_FT_STR, geo_restriction, "none"),
	F(eg_distribution, "geo_locations", EG_FT_LIST, geo_locations, NULL),
	F(eg_distribution, "viewer_certificate", EG_FT_LOC, viewer_certificate_loc, NULL),
	F(eg_distribution, "acm_certificate_arn", EG_FT_STR, acm_certificate_arn, NULL),
	F(eg_distribution, "iam_certificate_id", EG_FT_STR, iam_certificate_id, NULL),
	/* true when no certificate of the team's own is set: eg_map_defaults */
	F(eg_distribution, "default_certificate", EG_FT_TRI, default_certificate, NULL),
	F(eg_distribution, "minimum_protocol_version", EG_FT_STR, minimum_protocol_version,
	  "TLSv1"),
	F(eg_distribution, "ssl_support_method", EG_FT_STR, ssl_support_method, NULL),
};

static const eg_field origin_fields[] = {
	F(eg_origin, "id", EG_FT_ID, id, NULL),
	F(eg_origin, "domain", EG_FT_STR, domain, NULL),
	F(eg_origin, "path", EG_FT_STR, path, NULL),
	F(eg_origin, "s3_config", EG_FT_TRI, s3_config, NULL),
	F(eg_origin, "oai", EG_FT_STR, oai, NULL),
	F(eg_origin, "oac_id", EG_FT_STR, oac_id, NULL),
	F(eg_origin, "custom_config", EG_FT_TRI, custom_config, NULL),
	F(eg_origin, "protocol_policy", EG_FT_STR, protocol_policy, NULL),
	F(eg_origin, "ssl_protocols", EG_FT_LIST, ssl_protocols, NULL),
	F(eg_origin, "http_port", EG_FT_STR, http_port, NULL),
	F(eg_origin, "https_port", EG_FT_STR, https_port, NULL),
	F(eg_origin, "shield", EG_FT_TRI, shield, "false"),
	F(eg_origin, "shield_region", EG_FT_STR, shield_region, NULL),
	F(eg_origin, "vpc_origin_id", EG_FT_STR, vpc_origin_id, NULL),
};

static const eg_field group_fields[] = {
	F(eg_origin_group, "id", EG_FT_ID, id, NULL),
	F(eg_origin_group, "failover_codes", EG_FT_LIST, failover_codes, NULL),
};

static const eg_field behavior_fields[] = {
	F(eg_behavior, "path_pattern", EG_FT_STR, path_pattern, NULL),
	F(eg_behavior, "target_origin_id", EG_FT_ID, target_origin_id, NULL),
	F(eg_behavior, "allowed_methods", EG_FT_LIST, allowed_methods, "GET,HEAD"),
	F(eg_behavior, "cached_methods", EG_FT_LIST, cached_methods, "GET,HEAD"),
	F(eg_behavior, "viewer_protocol_policy", EG_FT_STR, viewer_protocol_policy, NULL),
	F(eg_behavior, "compress", EG_FT_TRI, compress, "false"),
	F(eg_behavior, "cache_policy_id", EG_FT_STR, cache_policy_id, NULL),
	F(eg_behavior, "origin_request_policy_id", EG_FT_STR, origin_request_policy_id, NULL),
	F(eg_behavior, "response_headers_policy_id", EG_FT_STR, response_headers_policy_id, NULL),
	F(eg_behavior, "forward_query_string", EG_FT_TRI, forward_query_string, NULL),
	F(eg_behavior, "forward_cookies", EG_FT_STR, forward_cookies, NULL),
	F(eg_behavior, "forward_cookie_names", EG_FT_LIST, forward_cookie_names, NULL),
	F(eg_behavior, "forward_headers", EG_FT_LIST, forward_headers, NULL),
	F(eg_behavior, "min_ttl", EG_FT_STR, min_ttl, NULL),
	F(eg_behavior, "default_ttl", EG_FT_STR, default_ttl, NULL),
	F(eg_behavior, "max_ttl", EG_FT_STR, max_ttl, NULL),
	F(eg_behavior, "trusted_key_groups", EG_FT_LIST, trusted_key_groups, NULL),
	F(eg_behavior, "trusted_signers", EG_FT_LIST, trusted_signers, NULL),
	F(eg_behavior, "field_level_encryption_id", EG_FT_STR, field_level_encryption_id, NULL),
};

static const eg_field function_fields[] = {
	F(eg_function_assoc, "event_type", EG_FT_STR, event_type, NULL),
	F(eg_function_assoc, "arn", EG_FT_STR, arn, NULL),
	F(eg_function_assoc, "include_body", EG_FT_TRI, include_body, NULL),
};

static const eg_field error_fields[] = {
	F(eg_error_response, "error_code", EG_FT_STR, error_code, NULL),
	F(eg_error_response, "response_code", EG_FT_STR, response_code, NULL),
	F(eg_error_response, "page_path", EG_FT_STR, page_path, NULL),
	F(eg_error_response, "min_ttl", EG_FT_STR, min_ttl, NULL),
};

static const eg_field resource_fields[] = {
	F(eg_resource, "id", EG_FT_STR, id, NULL),
	F(eg_resource, "arn", EG_FT_STR, arn, NULL),
	F(eg_resource, "name", EG_FT_STR, name, NULL),
	F(eg_resource, "domain", EG_FT_STR, domain, NULL),
	F(eg_resource, "sans", EG_FT_LIST, sans, NULL),
	F(eg_resource, "region", EG_FT_STR, region, NULL),
	F(eg_resource, "origin_type", EG_FT_STR, origin_type, NULL),
	F(eg_resource, "signing_behavior", EG_FT_STR, signing_behavior, NULL),
	F(eg_resource, "header_behavior", EG_FT_STR, header_behavior, NULL),
	F(eg_resource, "headers", EG_FT_LIST, headers, NULL),
	F(eg_resource, "cookie_behavior", EG_FT_STR, cookie_behavior, NULL),
	F(eg_resource, "cookies", EG_FT_LIST, cookies, NULL),
	F(eg_resource, "query_behavior", EG_FT_STR, query_behavior, NULL),
	F(eg_resource, "max_ttl", EG_FT_STR, max_ttl, NULL),
	F(eg_resource, "website", EG_FT_TRI, website, NULL),
	F(eg_resource, "version", EG_FT_STR, version, NULL),
	F(eg_resource, "private_zone", EG_FT_TRI, private_zone, NULL),
	F(eg_resource, "staging_domains", EG_FT_LIST, staging_domains, NULL),
	F(eg_resource, "bucket", EG_FT_STR, bucket, NULL),
	/* read from the policy document by eg_map_policy_grants, not by a path */
	F(eg_resource, "cloudfront_grants", EG_FT_LIST, cloudfront_grants, NULL),
	F(eg_resource, "listener", EG_FT_STR, listener, NULL),
	F(eg_resource, "priority", EG_FT_STR, priority, NULL),
	F(eg_resource, "path_patterns", EG_FT_LIST, path_patterns, NULL),
	F(eg_resource, "host_headers", EG_FT_LIST, host_headers, NULL),
	F(eg_resource, "http_methods", EG_FT_LIST, http_methods, NULL),
	F(eg_resource, "route_key", EG_FT_STR, route_key, NULL),
	F(eg_resource, "api_id", EG_FT_STR, api_id, NULL),
	F(eg_resource, "target", EG_FT_STR, target, NULL),
	F(eg_resource, "environment_variables", EG_FT_TRI, env_vars, NULL),
	F(eg_resource, "vpc", EG_FT_TRI, vpc, NULL),
	F(eg_resource, "layers", EG_FT_LIST, layers, NULL),
	F(eg_resource, "package_type", EG_FT_STR, package_type, NULL),
};

static const struct {
	const eg_field *fields;
	size_t n;
} scopes[EG_MS__COUNT] = {
	[EG_MS_DIST] = { dist_fields, EG_ARRAY_SIZE(dist_fields) },
	[EG_MS_ORIGIN] = { origin_fields, EG_ARRAY_SIZE(origin_fields) },
	[EG_MS_GROUP] = { group_fields, EG_ARRAY_SIZE(group_fields) },
	[EG_MS_BEHAVIOR] = { behavior_fields, EG_ARRAY_SIZE(behavior_fields) },
	[EG_MS_FUNCTION] = { function_fields, EG_ARRAY_SIZE(function_fields) },
	[EG_MS_ERROR] = { error_fields, EG_ARRAY_SIZE(error_fields) },
	[EG_MS_RESOURCE] = { resource_fields, EG_ARRAY_SIZE(resource_fields) },
};

const eg_field *eg_map_fields(eg_mscope scope, size_t *n)
{
	*n = scopes[scope].n;
	return scopes[scope].fields;
}

bool eg_map_unset(const eg_fieldinfo *fi, size_t i)
{
	return i < 64 && (fi->unset >> i) & 1;
}

/* --- locations in a JSON or YAML tree ----------------------------------------- */

eg_loc eg_map_node_loc(const eg_source *src, const eg_ynode *n, const char *pointer)
{
	eg_loc loc = { 0 };

	loc.src = src;
	loc.pointer = pointer;
	loc.line = n ? n->line : 1;
	loc.col = n ? n->col : 1;
	return loc;
}

const char *eg_map_ptr(eg_model *m, const char *parent, const char *key)
{
	return eg_arena_printf(&m->arena, "%s/%s", parent, key);
}

const char *eg_map_ptr_i(eg_model *m, const char *parent, size_t i)
{
	return eg_arena_printf(&m->arena, "%s/%zu", parent, i);
}

/* --- walking a dialect's tree ---------------------------------------------- */

/* The paths of a scope's fields under a prefix, looked up in the dialect's
 * table once per model: every object of the scope needs the same ones. */
typedef struct scope_paths {
	eg_mscope scope;
	const char *prefix;
	const char **paths; /* one per field of the scope; NULL: not in the table */
} scope_paths;

struct eg_map_index {
	const eg_dialect *dialect;
	scope_paths *scopes;
	size_t nscopes, scopes_alloc;
	struct eg_map_index *next;
};

/* Member names of the tables' paths, one copy each per model: a value
 * keeps the name it was reached by for messages. */
#define NAMES_BUCKETS 256
struct eg_map_names {
	struct name_entry {
		const char *s;
		size_t len;
		struct name_entry *next;
	} *buckets[NAMES_BUCKETS];
};

static const char *intern_name(const eg_mapper *mp, const char *s, size_t len)
{
	struct eg_map_names *names = mp->m->map_names;
	struct name_entry *e;
	size_t h = 5381, i;

	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)s[i];
	if (!names)
		names = mp->m->map_names = eg_arena_alloc(&mp->m->arena, sizeof(*names));
	for (e = names->buckets[h % NAMES_BUCKETS]; e; e = e->next)
		if (e->len == len && !memcmp(e->s, s, len))
			return e->s;
	e = eg_arena_alloc(&mp->m->arena, sizeof(*e));
	e->s = eg_arena_strndup(&mp->m->arena, s, len);
	e->len = len;
	e->next = names->buckets[h % NAMES_BUCKETS];
	names->buckets[h % NAMES_BUCKETS] = e;
	return e->s;
}

static struct eg_map_index *index_of(const eg_mapper *mp)
{
	struct eg_map_index *ix;

	for (ix = mp->m->map_index; ix; ix = ix->next)
		if (ix->dialect == mp->dialect)
			return ix;
	ix = eg_arena_alloc(&mp->m->arena, sizeof(*ix));
	ix->dialect = mp->dialect;
	ix->next = mp->m->map_index;
	mp->m->map_index = ix;
	return ix;
}

/* A scan: map_fields asks once per scope and model (paths_of), the
 * others once per header or group member. */
static const char *path_of(const eg_mapper *mp, const char *prefix, const char *name)
{
	const eg_map_path *p;
	size_t n = strlen(prefix);

	for (p = mp->dialect->paths; p->field; p++)
		if (!strncmp(p->field, prefix, n) && p->field[n] == '.' &&
		    !strcmp(p->field + n + 1, name))
			return p->path;
	return NULL;
}

static eg_mval absent_at(const eg_mval *parent)
{
	eg_mval v;

	memset(&v, 0, sizeof(v));
	v.state = parent->state == EG_MV_UNKNOWN ? EG_MV_UNKNOWN : EG_MV_ABSENT;
	v.loc = parent->loc;
	return v;
}

static size_t count(const eg_mapper *mp, const eg_mval *v)
{
	return v->state == EG_MV_VALUE ? mp->dialect->count(mp->ctx, v) : 0;
}

static eg_mval item(const eg_mapper *mp, const eg_mval *v, size_t i)
{
	if (v->state != EG_MV_VALUE || i >= count(mp, v))
		return absent_at(v);
	return mp->dialect->item(mp->ctx, v, i);
}

static eg_mval map_get(const eg_mapper *mp, const eg_mval *v, const char *path, size_t len);

/* A '*' segment: the first item of list that has the rest of the path
 * set (and, for "*KEY=VALUE", whose KEY is VALUE); unknown when an item
 * that could be it is not known. */
static eg_mval first_item(const eg_mapper *mp, const eg_mval *list, const char *filter,
			  const char *rest, size_t rest_len)
{
	const char *eq = strchr(filter, '=');
	/* the key outlives this call: values keep it for messages */
	const char *key = eq ? intern_name(mp, filter, (size_t)(eq - filter)) : NULL;
	size_t i, n = count(mp, list);
	eg_mval none = absent_at(list);

	for (i = 0; i < n; i++) {
		eg_mval it = item(mp, list, i), got;
		if (key) {
			eg_mval k = it.state == EG_MV_VALUE ? mp->dialect->member(mp->ctx, &it, key) : it;
			const char *text = k.state == EG_MV_VALUE ? mp->dialect->text(mp->ctx, &k) : NULL;
			if (k.state == EG_MV_UNKNOWN)
				none.state = EG_MV_UNKNOWN;
			if (!text || strcmp(text, eq + 1))
				continue;
		}
		got = map_get(mp, &it, rest, rest_len);
		if (got.state == EG_MV_VALUE)
			return got;
		if (got.state == EG_MV_UNKNOWN)
			none.state = EG_MV_UNKNOWN;
	}
	return none;
}

eg_mval eg_map_get(const eg_mapper *mp, const eg_mval *v, const char *path)
{
	return map_get(mp, v, path, strlen(path));
}

static eg_mval map_get(const eg_mapper *mp, const eg_mval *v, const char *path, size_t len)
{
	const char *end = path + len;
	eg_mval cur = *v;
	char seg[64];

	while (path < end) {
		size_t n = strcspn(path, "."), i;
		bool index = n > 0;

		if (n > (size_t)(end - path))
			n = (size_t)(end - path);
		if (n >= sizeof(seg))
			return absent_at(&cur);
		memcpy(seg, path, n);
		seg[n] = '\0';
		path += n;
		if (path < end && *path == '.')
			path++;
		if (seg[0] == '*') {
			if (cur.state != EG_MV_VALUE)
				return absent_at(&cur);
			return first_item(mp, &cur, seg + 1, path, (size_t)(end - path));
		}
		for (i = 0; i < n; i++)
			index &= seg[i] >= '0' && seg[i] <= '9';
		if (cur.state != EG_MV_VALUE)
			cur = absent_at(&cur);
		else if (index)
			cur = item(mp, &cur, (size_t)strtoul(seg, NULL, 10));
		else /* the key outlives this call: values keep it for messages;
		      * the last segment is the table's own (static) string */
			cur = mp->dialect->member(mp->ctx, &cur,
						  path >= end && !*end ? end - n
								       : intern_name(mp, seg, n));
	}
	return cur;
}

/* The value at a table entry's path (NULL: none); flag is set for a '?'
 * path. */
static eg_mval lookup_path(const eg_mapper *mp, const eg_mval *obj, const char *path,
			   bool *presence, bool *listed)
{
	const char *bar;
	eg_mval v;

	*presence = path && *path == '?';
	*listed = path != NULL;
	if (!path)
		return absent_at(obj);
	path += *presence;
	/* "A|B": B where A is not set */
	while ((bar = strchr(path, '|'))) {
		v = map_get(mp, obj, path, (size_t)(bar - path));
		if (v.state != EG_MV_ABSENT)
			return v;
		path = bar + 1;
	}
	return eg_map_get(mp, obj, path);
}

static eg_mval lookup(const eg_mapper *mp, const eg_mval *obj, const char *prefix,
		      const char *name, bool *presence, bool *listed)
{
	return lookup_path(mp, obj, path_of(mp, prefix, name), presence, listed);
}

/* Whether v, when it is a value, has the shape the model takes. */
static bool shaped(const eg_mapper *mp, const eg_mval *v, eg_shape shape)
{
	return v->state != EG_MV_VALUE || !mp->dialect->expect ||
	       mp->dialect->expect(mp->ctx, v, shape);
}

static void map_list(const eg_mapper *mp, const eg_mval *v, eg_strlist *l, eg_loc **locs)
{
	size_t n, i;

	if (!shaped(mp, v, EG_SHAPE_LIST))
		return;
	n = count(mp, v);

	if (v->state == EG_MV_UNKNOWN) {
		l->unknown = true;
		return;
	}
	if (v->state != EG_MV_VALUE)
		return;
	if (locs && n)
		*locs = eg_arena_alloc(&mp->m->arena, n * sizeof(**locs));
	for (i = 0; i < n; i++) {
		eg_mval it = item(mp, v, i);
		eg_strlist_push(mp->m, l, it.state == EG_MV_UNKNOWN ? EG_UNKNOWN
					  : it.state == EG_MV_VALUE ? mp->dialect->text(mp->ctx, &it)
								    : NULL);
		if (locs)
			(*locs)[i] = it.loc;
	}
}

static const char *map_text(const eg_mapper *mp, const eg_mval *v, bool id)
{
	if (v->state == EG_MV_UNKNOWN)
		return id && mp->dialect->id ? mp->dialect->id(mp->ctx, v) : EG_UNKNOWN;
	if (v->state != EG_MV_VALUE)
		return NULL;
	return id && mp->dialect->id ? mp->dialect->id(mp->ctx, v) : mp->dialect->text(mp->ctx, v);
}

static const char **paths_of(const eg_mapper *mp, eg_mscope scope, const char *prefix)
{
	struct eg_map_index *ix = index_of(mp);
	scope_paths *sp;
	size_t i;

	for (i = 0; i < ix->nscopes; i++)
		if (ix->scopes[i].scope == scope && !strcmp(ix->scopes[i].prefix, prefix))
			return ix->scopes[i].paths;
	EG_ARENA_GROW(&mp->m->arena, ix->scopes, ix->nscopes + 1, ix->scopes_alloc);
	sp = &ix->scopes[ix->nscopes++];
	sp->scope = scope;
	sp->prefix = eg_arena_strdup(&mp->m->arena, prefix);
	sp->paths = eg_arena_alloc(&mp->m->arena, (scopes[scope].n + 1) * sizeof(*sp->paths));
	for (i = 0; i < scopes[scope].n; i++)
		sp->paths[i] = path_of(mp, prefix, scopes[scope].fields[i].name);
	return sp->paths;
}

/* Every field of scope from obj into the struct at base. */
static void map_fields(const eg_mapper *mp, eg_mscope scope, const char *prefix,
		       const eg_mval *obj, void *base, eg_fieldinfo *fi)
{
	const eg_field *fields = scopes[scope].fields;
	const char **paths = paths_of(mp, scope, prefix);
	size_t n = scopes[scope].n, i;

	fi->locs = eg_arena_alloc(&mp->m->arena, n * sizeof(*fi->locs));
	fi->unset = 0;
	for (i = 0; i < n; i++) {
		const eg_field *f = &fields[i];
		bool presence, listed;
		eg_mval v = lookup_path(mp, obj, paths[i], &presence, &listed);
		char *at = (char *)base + f->offset;

		fi->locs[i] = v.loc;
		if (presence) {
			*(eg_tri *)at = v.state == EG_MV_UNKNOWN ? EG_TRI_UNKNOWN
					: count(mp, &v)		 ? EG_TRI_TRUE
								 : EG_TRI_FALSE;
			continue;
		}
		if (v.state == EG_MV_ABSENT)
			fi->unset |= (uint64_t)1 << i;
		switch (f->type) {
		case EG_FT_STR:
		case EG_FT_ID:
			/* "" and null are every dialect's way to say unset */
			if (!(*(const char **)at = map_text(mp, &v, f->type == EG_FT_ID)))
				fi->unset |= (uint64_t)1 << i;
			break;
		case EG_FT_TRI:
			*(eg_tri *)at = v.state == EG_MV_VALUE ? mp->dialect->flag(mp->ctx, &v)
								: EG_TRI_UNKNOWN;
			break;
		case EG_FT_LIST:
			map_list(mp, &v, (eg_strlist *)at, NULL);
			break;
		case EG_FT_LOC:
			if (listed && v.state != EG_MV_ABSENT)
				*(eg_loc *)at = v.loc;
			break;
		}
	}
}

/* --- the parts of a distribution ---------------------------------------------- */

/* A list of objects (origins, behaviors, ...), or absent when it has
 * another shape; shape EG_SHAPE_OBJECT for the one default behavior. */
static eg_mval collection(const eg_mapper *mp, const eg_mval *obj, const char *field,
			  eg_shape shape)
{
	const char *dot = strchr(field, '.');
	bool presence, listed;
	char prefix[16];
	eg_mval v;

	memcpy(prefix, field, (size_t)(dot - field));
	prefix[dot - field] = '\0';
	v = lookup(mp, obj, prefix, dot + 1, &presence, &listed);
	if (!shaped(mp, &v, shape))
		v.state = EG_MV_ABSENT;
	return v;
}

static void map_functions(const eg_mapper *mp, eg_behavior *b, const eg_mval *obj,
			  const char *field, bool lambda)
{
	eg_mval list = collection(mp, obj, field, EG_SHAPE_OBJECTS);
	size_t n = count(mp, &list), i;

	if (list.state == EG_MV_UNKNOWN)
		b->functions_unknown = true;
	for (i = 0; i < n; i++) {
		eg_mval it = item(mp, &list, i);
		eg_function_assoc *f = eg_model_add_function(mp->m, b, &it.loc);
		f->lambda = lambda;
		map_fields(mp, EG_MS_FUNCTION, lambda ? "lambda" : "function", &it, f, &f->fi);
	}
}

static void map_behavior(const eg_mapper *mp, eg_distribution *d, const eg_mval *v, int index)
{
	eg_behavior *b = eg_model_add_behavior(mp->m, d, &v->loc);

	b->index = index;
	b->is_default = index < 0;
	map_fields(mp, EG_MS_BEHAVIOR, "behavior", v, b, &b->fi);
	if (b->is_default) {
		/* The default behavior has no pattern: it takes every path. */
		b->path_pattern = "*";
		b->fi.unset &= ~(uint64_t)1;
	}
	map_functions(mp, b, v, "behavior.functions", false);
	map_functions(mp, b, v, "behavior.lambdas", true);
}

static void map_origin(const eg_mapper *mp, eg_distribution *d, const eg_mval *v)
{
	eg_origin *o = eg_model_add_origin(mp->m, d, &v->loc);
	eg_mval headers = collection(mp, v, "origin.headers", EG_SHAPE_OBJECTS);
	size_t n = count(mp, &headers), i;

	map_fields(mp, EG_MS_ORIGIN, "origin", v, o, &o->fi);
	for (i = 0; i < n; i++) {
		eg_mval h = item(mp, &headers, i), name, value;
		bool presence, listed;
		name = lookup(mp, &h, "header", "name", &presence, &listed);
		value = lookup(mp, &h, "header", "value", &presence, &listed);
		eg_model_add_header(mp->m, o, map_text(mp, &name, false), map_text(mp, &value, false));
	}
}

static void map_group(const eg_mapper *mp, eg_distribution *d, const eg_mval *v)
{
	eg_origin_group *g = eg_model_add_origin_group(mp->m, d, &v->loc);
	eg_mval members = collection(mp, v, "group.members", EG_SHAPE_OBJECTS);
	size_t n = count(mp, &members), i;

	map_fields(mp, EG_MS_GROUP, "group", v, g, &g->fi);
	if (members.state == EG_MV_UNKNOWN)
		g->members.unknown = true;
	for (i = 0; i < n; i++) {
		eg_mval it = item(mp, &members, i), id;
		bool presence, listed;
		id = lookup(mp, &it, "member", "origin_id", &presence, &listed);
		eg_strlist_push(mp->m, &g->members, map_text(mp, &id, true));
	}
}

void eg_map_distribution(const eg_mapper *mp, eg_distribution *d, const eg_mval *cfg)
{
	eg_mval list, def;
	size_t n, i;

	map_fields(mp, EG_MS_DIST, "dist", cfg, d, &d->fi);
	/* Aliases carry a location each: findings point at the one host. */
	list = collection(mp, cfg, "dist.aliases", EG_SHAPE_LIST);
	d->aliases_loc = list.loc;
	if (list.state == EG_MV_VALUE && d->aliases.n) {
		eg_strlist discard = { 0 };
		map_list(mp, &list, &discard, &d->alias_locs);
	}

	list = collection(mp, cfg, "dist.origins", EG_SHAPE_OBJECTS);
	d->origins_unknown = list.state == EG_MV_UNKNOWN;
	for (i = 0, n = count(mp, &list); i < n; i++) {
		eg_mval it = item(mp, &list, i);
		map_origin(mp, d, &it);
	}
	list = collection(mp, cfg, "dist.origin_groups", EG_SHAPE_OBJECTS);
	for (i = 0, n = count(mp, &list); i < n; i++) {
		eg_mval it = item(mp, &list, i);
		map_group(mp, d, &it);
	}
	list = collection(mp, cfg, "dist.behaviors", EG_SHAPE_OBJECTS);
	def = collection(mp, cfg, "dist.default_behavior", EG_SHAPE_OBJECT);
	d->behaviors_unknown = list.state == EG_MV_UNKNOWN || def.state == EG_MV_UNKNOWN;
	for (i = 0, n = count(mp, &list); i < n; i++) {
		eg_mval it = item(mp, &list, i);
		map_behavior(mp, d, &it, (int)i);
	}
	if (def.state == EG_MV_VALUE && count(mp, &def))
		map_behavior(mp, d, &def, -1);
	list = collection(mp, cfg, "dist.error_responses", EG_SHAPE_OBJECTS);
	for (i = 0, n = count(mp, &list); i < n; i++) {
		eg_mval it = item(mp, &list, i);
		eg_error_response *e = eg_model_add_error_response(mp->m, d, &it.loc);
		map_fields(mp, EG_MS_ERROR, "error", &it, e, &e->fi);
	}
}

const char *eg_map_resource_prefix(eg_res_kind kind)
{
	static const char *const prefixes[EG_RES__COUNT] = {
		/* not "function": behaviors' function associations have that */
		"certificate", "oac", "cache_policy", "origin_request_policy", "bucket",
		"lambda_function", "zone", "cd_policy", "bucket_policy", "listener_rule", "api_route",
	};
	return kind < EG_RES__COUNT ? prefixes[kind] : "resource";
}

/* The region in an ARN: arn:PARTITION:SERVICE:REGION:ACCOUNT:... */
static const char *arn_region(eg_model *m, const char *arn)
{
	const char *p = arn;
	int colons = 0;

	if (!eg_known(arn) || strncmp(arn, "arn:", 4))
		return NULL;
	for (; *p && colons < 3; p++)
		colons += *p == ':';
	if (colons < 3 || *p == ':' || !*p)
		return NULL;
	return eg_arena_strndup(&m->arena, p, strcspn(p, ":"));
}

void eg_map_resource(const eg_mapper *mp, eg_resource *r, const eg_mval *obj)
{
	map_fields(mp, EG_MS_RESOURCE, eg_map_resource_prefix(r->kind), obj, r, &r->fi);
	/* An ARN says where the resource lives, whatever the input says. */
	if (!eg_known(r->region) && arn_region(mp->m, r->arn))
		r->region = arn_region(mp->m, r->arn);
	/* A bucket is named by its name; a certificate by its ARN. */
	if (!r->id && r->kind == EG_RES_BUCKET)
		r->id = r->name;
}

/* --- bucket policies ---------------------------------------------------------- */

/* Text of a scalar, EG_UNKNOWN when it is not known; an unresolved
 * expression keeps its text ("!Sub ...") when the dialect has one. */
static const char *policy_text(const eg_mapper *mp, const eg_mval *v)
{
	const char *id;

	if (v->state == EG_MV_ABSENT)
		return NULL;
	if (v->state == EG_MV_UNKNOWN) {
		id = v->node && mp->dialect->id ? mp->dialect->id(mp->ctx, v) : NULL;
		return id && *id == '!' ? id : EG_UNKNOWN;
	}
	return mp->dialect->text(mp->ctx, v);
}

/* Whether the scalar or list v holds want: TRUE, FALSE, or UNKNOWN when
 * an item is not known. */
static eg_tri policy_has(const eg_mapper *mp, const eg_mval *v, const char *want)
{
	size_t n, i;
	bool unknown = false;

	if (v->state == EG_MV_UNKNOWN)
		return EG_TRI_UNKNOWN;
	if (v->state == EG_MV_ABSENT)
		return EG_TRI_FALSE;
	n = mp->dialect->count(mp->ctx, v);
	if (!n) {
		const char *s = policy_text(mp, v);
		return !eg_known(s) ? EG_TRI_UNKNOWN : !strcmp(s, want) ? EG_TRI_TRUE : EG_TRI_FALSE;
	}
	for (i = 0; i < n; i++) {
		eg_mval it = mp->dialect->item(mp->ctx, v, i);
		const char *s = policy_text(mp, &it);
		if (eg_known(s) && !strcmp(s, want))
			return EG_TRI_TRUE;
		unknown |= !eg_known(s);
	}
	return unknown ? EG_TRI_UNKNOWN : EG_TRI_FALSE;
}

/* The member key of obj, in the spellings IAM accepts for it (condition
 * keys are case-insensitive: aws:SourceArn and AWS:SourceArn). */
static eg_mval policy_member(const eg_mapper *mp, const eg_mval *obj, const char *const *keys)
{
	eg_mval v = { 0 };

	v.state = EG_MV_ABSENT;
	if (obj->state != EG_MV_VALUE)
		return *obj;
	for (; *keys && v.state == EG_MV_ABSENT; keys++)
		v = mp->dialect->member(mp->ctx, obj, *keys);
	return v;
}

/* Adds the SourceArn values one statement's condition allows, or "*". */
static void policy_statement_arns(const eg_mapper *mp, eg_resource *r, const eg_mval *cond)
{
	static const char *const ops[] = { "StringEquals", "ArnEquals", "ArnLike", "StringLike",
					   "ForAnyValue:StringEquals", "ForAnyValue:ArnLike" };
	static const char *const keys[] = { "AWS:SourceArn", "aws:SourceArn", "aws:sourcearn",
					    "AWS:sourceArn", NULL };
	bool found = false;
	size_t i, j, n;

	if (cond->state == EG_MV_UNKNOWN) {
		eg_strlist_push(mp->m, &r->cloudfront_grants, EG_UNKNOWN);
		return;
	}
	for (i = 0; cond->state == EG_MV_VALUE && i < EG_ARRAY_SIZE(ops); i++) {
		eg_mval op = mp->dialect->member(mp->ctx, cond, ops[i]);
		eg_mval v = policy_member(mp, &op, keys);
		if (v.state == EG_MV_ABSENT)
			continue;
		found = true;
		n = v.state == EG_MV_VALUE ? mp->dialect->count(mp->ctx, &v) : 0;
		if (!n)
			eg_strlist_push(mp->m, &r->cloudfront_grants, policy_text(mp, &v));
		for (j = 0; j < n; j++) {
			eg_mval it = mp->dialect->item(mp->ctx, &v, j);
			eg_strlist_push(mp->m, &r->cloudfront_grants, policy_text(mp, &it));
		}
	}
	/* no SourceArn (or only aws:SourceAccount): every distribution */
	if (!found)
		eg_strlist_push(mp->m, &r->cloudfront_grants, "*");
}

void eg_map_policy_grants(const eg_mapper *mp, eg_resource *r, const eg_mval *doc)
{
	static const char *const principal_keys[] = { "Principal", NULL };
	eg_mval st;
	size_t n, i;

	if (doc->state == EG_MV_UNKNOWN) {
		r->cloudfront_grants.unknown = true;
		return;
	}
	if (doc->state == EG_MV_ABSENT)
		return;
	st = mp->dialect->member(mp->ctx, doc, "Statement");
	if (st.state == EG_MV_UNKNOWN) {
		r->cloudfront_grants.unknown = true;
		return;
	}
	n = st.state == EG_MV_VALUE ? mp->dialect->count(mp->ctx, &st) : 0;
	for (i = 0; i < n; i++) {
		eg_mval s = mp->dialect->item(mp->ctx, &st, i);
		eg_mval effect, principal, service;
		const char *e, *p;
		eg_tri cf;

		if (s.state == EG_MV_UNKNOWN) {
			eg_strlist_push(mp->m, &r->cloudfront_grants, EG_UNKNOWN);
			continue;
		}
		if (s.state != EG_MV_VALUE)
			continue;
		effect = mp->dialect->member(mp->ctx, &s, "Effect");
		e = policy_text(mp, &effect);
		if (eg_known(e) && strcmp(e, "Allow"))
			continue;
		principal = policy_member(mp, &s, principal_keys);
		service = principal.state == EG_MV_VALUE
				  ? mp->dialect->member(mp->ctx, &principal, "Service") : principal;
		if (principal.state == EG_MV_VALUE && service.state == EG_MV_ABSENT &&
		    (mp->dialect->member(mp->ctx, &principal, "CanonicalUser").state != EG_MV_ABSENT ||
		     mp->dialect->member(mp->ctx, &principal, "Federated").state != EG_MV_ABSENT)) {
			cf = EG_TRI_FALSE;
		} else if (principal.state == EG_MV_VALUE && service.state == EG_MV_ABSENT) {
			/* "Principal": "*" or {"AWS": "*"} lets CloudFront in too */
			eg_mval aws = mp->dialect->member(mp->ctx, &principal, "AWS");
			p = aws.state == EG_MV_ABSENT ? policy_text(mp, &principal) : NULL;
			cf = p ? (!eg_known(p) ? EG_TRI_UNKNOWN : !strcmp(p, "*") ? EG_TRI_TRUE
										: EG_TRI_FALSE)
			       : policy_has(mp, &aws, "*");
		} else {
			cf = policy_has(mp, &service, "cloudfront.amazonaws.com");
		}
		if (cf == EG_TRI_FALSE)
			continue;
		if (cf == EG_TRI_UNKNOWN || !eg_known(e)) {
			eg_strlist_push(mp->m, &r->cloudfront_grants, EG_UNKNOWN);
			continue;
		}
		{
			eg_mval cond = mp->dialect->member(mp->ctx, &s, "Condition");
			policy_statement_arns(mp, r, &cond);
		}
	}
}

/* --- CloudFront's defaults -------------------------------------------------------- */

/* The static defaults of one object's unset fields. */
static void defaults_of(eg_model *m, eg_mscope scope, void *base, const eg_fieldinfo *fi)
{
	const eg_field *fields = scopes[scope].fields;
	size_t n = scopes[scope].n, i;

	if (!fi->locs)
		return; /* not mapped (a hand-made model): nothing is known unset */
	for (i = 0; i < n; i++) {
		const eg_field *f = &fields[i];
		char *at = (char *)base + f->offset;

		if (!eg_map_unset(fi, i) || !f->dflt)
			continue;
		switch (f->type) {
		case EG_FT_STR:
		case EG_FT_ID:
			*(const char **)at = f->dflt;
			break;
		case EG_FT_TRI:
			*(eg_tri *)at = !strcmp(f->dflt, "true") ? EG_TRI_TRUE : EG_TRI_FALSE;
			break;
		case EG_FT_LIST: {
			eg_strlist *l = (eg_strlist *)at;
			const char *p = f->dflt;
			if (l->n || l->unknown)
				break;
			while (*p) {
				size_t len = strcspn(p, ",");
				eg_strlist_push(m, l, eg_arena_strndup(&m->arena, p, len));
				p += len + (p[len] == ',');
			}
			break;
		}
		case EG_FT_LOC:
			break;
		}
	}
}

static size_t field_index(eg_mscope scope, const char *name)
{
	size_t i;

	for (i = 0; i < scopes[scope].n && strcmp(scopes[scope].fields[i].name, name); i++)
		;
	return i;
}

void eg_map_defaults(eg_model *m, eg_distribution *d)
{
	size_t i, j;

	defaults_of(m, EG_MS_DIST, d, &d->fi);
	/* No certificate of the team's own means CloudFront's *.cloudfront.net
	 * one; with it, MinimumProtocolVersion defaults to TLSv1 too. */
	if (eg_map_unset(&d->fi, field_index(EG_MS_DIST, "default_certificate")) && d->fi.locs)
		d->default_certificate =
			eg_is_unknown(d->acm_certificate_arn) || eg_is_unknown(d->iam_certificate_id)
				? EG_TRI_UNKNOWN
			: d->acm_certificate_arn || d->iam_certificate_id ? EG_TRI_FALSE
									   : EG_TRI_TRUE;
	for (i = 0; i < d->norigins; i++) {
		eg_origin *o = d->origins[i];
		defaults_of(m, EG_MS_ORIGIN, o, &o->fi);
		/* Ports belong to a custom origin only. */
		if (o->custom_config == EG_TRI_TRUE) {
			if (!o->http_port)
				o->http_port = "80";
			if (!o->https_port)
				o->https_port = "443";
		}
	}
	for (i = 0; i < d->ngroups; i++)
		defaults_of(m, EG_MS_GROUP, d->groups[i], &d->groups[i]->fi);
	for (i = 0; i < d->nbehaviors; i++) {
		eg_behavior *b = d->behaviors[i];
		defaults_of(m, EG_MS_BEHAVIOR, b, &b->fi);
		/* Legacy TTLs apply only without a cache policy; with one, the
		 * zeros Terraform and Pulumi print are no setting. */
		if (b->fi.locs && !b->cache_policy_id) {
			if (!b->min_ttl)
				b->min_ttl = "0";
			if (!b->default_ttl)
				b->default_ttl = "86400";
			if (!b->max_ttl)
				b->max_ttl = "31536000";
		} else if (b->fi.locs && !eg_is_unknown(b->cache_policy_id)) {
			static const char *const ttls[] = { "min_ttl", "default_ttl", "max_ttl" };
			for (j = 0; j < EG_ARRAY_SIZE(ttls); j++) {
				size_t k = field_index(EG_MS_BEHAVIOR, ttls[j]);
				*(const char **)((char *)b + behavior_fields[k].offset) = NULL;
				b->fi.unset |= (uint64_t)1 << k;
			}
		}
		for (j = 0; j < b->nfunctions; j++) {
			eg_function_assoc *f = b->functions[j];
			defaults_of(m, EG_MS_FUNCTION, f, &f->fi);
			if (f->lambda && f->include_body == EG_TRI_UNKNOWN &&
			    eg_map_unset(&f->fi, field_index(EG_MS_FUNCTION, "include_body")))
				f->include_body = EG_TRI_FALSE;
		}
	}
	for (i = 0; i < d->nerror_responses; i++)
		defaults_of(m, EG_MS_ERROR, d->error_responses[i], &d->error_responses[i]->fi);
}

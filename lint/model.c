/* model.c - building and querying the in-memory picture of a run. */
#include "model.h"

#include "common.h"
#include "hostix.h"
#include "jsonpos.h"
#include "strbuf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Printing EG_UNKNOWN by mistake still tells the truth. */
const char eg_unknown_str[] = "(unknown until apply)";

eg_model *eg_model_new(void)
{
	eg_model *m = eg_xcalloc(1, sizeof(*m));
	eg_arena_init(&m->arena);
	return m;
}

void eg_model_free(eg_model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nsources; i++)
		eg_source_free(m->sources[i]);
	eg_free(m->sources);
	eg_free(m->dists);
	eg_free(m->records);
	eg_free(m->resources);
	eg_waivers_release(&m->waivers);
	eg_arena_release(&m->arena);
	eg_free(m);
}

void eg_model_add_source_take(eg_model *m, eg_source *src)
{
	EG_ALLOC_GROW(m->sources, m->nsources + 1, m->sources_alloc);
	m->sources[m->nsources++] = src;
}

const char *eg_model_str(eg_model *m, const char *s)
{
	if (!s || eg_is_unknown(s))
		return s;
	return eg_arena_strdup(&m->arena, s);
}

void eg_strlist_push(eg_model *m, eg_strlist *l, const char *s)
{
	EG_ARENA_GROW(&m->arena, l->items, l->n + 1, l->alloc);
	l->items[l->n++] = eg_model_str(m, s);
}

eg_loc eg_model_loc_child(eg_arena *a, const eg_loc *parent, const char *fmt, ...)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	eg_loc loc = *parent;
	va_list ap;

	if (!parent->pointer)
		return loc;
	eg_sb_adds(&sb, parent->pointer);
	va_start(ap, fmt);
	eg_sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	loc.pointer = eg_arena_strndup(a, sb.buf, sb.len);
	loc.line = loc.col = 0;
	eg_sb_release(&sb);
	return loc;
}

#define ADD_NODE(m, arr, n, alloc, node)                  \
	do {                                              \
		EG_ALLOC_GROW(arr, (n) + 1, alloc);       \
		(arr)[(n)++] = (node);                    \
	} while (0)

eg_distribution *eg_model_add_distribution(eg_model *m, const eg_loc *loc, const char *address)
{
	eg_distribution *d = eg_arena_alloc(&m->arena, sizeof(*d));
	const char *dot;

	d->loc = *loc;
	d->address = eg_model_str(m, address);
	dot = address ? strrchr(address, '.') : NULL;
	d->name = dot ? d->address + (dot - address) + 1 : d->address;
	d->enabled = EG_TRI_UNKNOWN;
	d->logging = EG_TRI_UNKNOWN;
	d->default_certificate = EG_TRI_UNKNOWN;
	d->aliases_loc = *loc;
	d->viewer_certificate_loc = *loc;
	ADD_NODE(m, m->dists, m->ndists, m->dists_alloc, d);
	return d;
}

eg_origin *eg_model_add_origin(eg_model *m, eg_distribution *d, const eg_loc *loc)
{
	eg_origin *o = eg_arena_alloc(&m->arena, sizeof(*o));

	o->loc = *loc;
	o->dist = d;
	o->s3_config = EG_TRI_UNKNOWN;
	EG_ARENA_GROW(&m->arena, d->origins, d->norigins + 1, d->origins_alloc);
	d->origins[d->norigins++] = o;
	return o;
}

eg_origin_group *eg_model_add_origin_group(eg_model *m, eg_distribution *d, const eg_loc *loc)
{
	eg_origin_group *g = eg_arena_alloc(&m->arena, sizeof(*g));

	g->loc = *loc;
	EG_ARENA_GROW(&m->arena, d->groups, d->ngroups + 1, d->groups_alloc);
	d->groups[d->ngroups++] = g;
	return g;
}

eg_behavior *eg_model_add_behavior(eg_model *m, eg_distribution *d, const eg_loc *loc)
{
	eg_behavior *b = eg_arena_alloc(&m->arena, sizeof(*b));

	b->loc = *loc;
	b->dist = d;
	EG_ARENA_GROW(&m->arena, d->behaviors, d->nbehaviors + 1, d->behaviors_alloc);
	d->behaviors[d->nbehaviors++] = b;
	return b;
}

eg_error_response *eg_model_add_error_response(eg_model *m, eg_distribution *d, const eg_loc *loc)
{
	eg_error_response *e = eg_arena_alloc(&m->arena, sizeof(*e));

	e->loc = *loc;
	e->dist = d;
	EG_ARENA_GROW(&m->arena, d->error_responses, d->nerror_responses + 1,
		      d->error_responses_alloc);
	d->error_responses[d->nerror_responses++] = e;
	return e;
}

eg_function_assoc *eg_model_add_function(eg_model *m, eg_behavior *b, const eg_loc *loc)
{
	eg_function_assoc *f = eg_arena_alloc(&m->arena, sizeof(*f));

	f->loc = *loc;
	f->behavior = b;
	f->include_body = EG_TRI_UNKNOWN;
	f->numbered = EG_TRI_UNKNOWN;
	EG_ARENA_GROW(&m->arena, b->functions, b->nfunctions + 1, b->functions_alloc);
	b->functions[b->nfunctions++] = f;
	return f;
}

void eg_model_add_header(eg_model *m, eg_origin *o, const char *name, const char *value)
{
	EG_ARENA_GROW(&m->arena, o->headers, o->nheaders + 1, o->headers_alloc);
	o->headers[o->nheaders].key = eg_model_str(m, name);
	o->headers[o->nheaders].value = eg_model_str(m, value);
	o->nheaders++;
}

eg_dns_record *eg_model_add_record(eg_model *m, const eg_loc *loc, const char *address)
{
	eg_dns_record *r = eg_arena_alloc(&m->arena, sizeof(*r));

	r->loc = *loc;
	r->address = eg_model_str(m, address);
	ADD_NODE(m, m->records, m->nrecords, m->records_alloc, r);
	return r;
}

eg_resource *eg_model_add_resource(eg_model *m, const eg_loc *loc, eg_res_kind kind,
				   const char *address)
{
	eg_resource *r = eg_arena_alloc(&m->arena, sizeof(*r));

	r->loc = *loc;
	r->kind = kind;
	r->address = eg_model_str(m, address);
	r->website = r->private_zone = EG_TRI_UNKNOWN;
	ADD_NODE(m, m->resources, m->nresources, m->resources_alloc, r);
	return r;
}

const char *eg_res_kind_name(eg_res_kind k)
{
	static const char *const names[EG_RES__COUNT] = {
		"certificate", "origin-access-control", "cache-policy", "origin-request-policy",
		"bucket", "function", "hosted-zone", "continuous-deployment-policy",
		"bucket-policy", "listener-rule", "api-route",
	};
	return k < EG_RES__COUNT ? names[k] : "unknown";
}

void eg_model_add_tag(eg_model *m, eg_distribution *d, const char *key, const char *value)
{
	EG_ARENA_GROW(&m->arena, d->tags, d->ntags + 1, d->tags_alloc);
	d->tags[d->ntags].key = eg_model_str(m, key);
	d->tags[d->ntags].value = eg_model_str(m, value);
	d->ntags++;
}

void eg_model_add_ref_tag(eg_model *m, eg_origin *o, const char *key, const char *value)
{
	EG_ARENA_GROW(&m->arena, o->ref_tags, o->nref_tags + 1, o->ref_tags_alloc);
	o->ref_tags[o->nref_tags].key = eg_model_str(m, key);
	o->ref_tags[o->nref_tags].value = eg_model_str(m, value);
	o->nref_tags++;
}

void eg_model_add_removal(eg_model *m, const char *host, const char *address, const char *id,
			  const char *stack, const char *how, const eg_loc *loc)
{
	eg_alias_removal *r;

	EG_ARENA_GROW(&m->arena, m->removals, m->nremovals + 1, m->removals_alloc);
	r = &m->removals[m->nremovals++];
	r->host = eg_model_str(m, host);
	r->address = eg_model_str(m, address);
	r->id = eg_known(id) ? eg_model_str(m, id) : NULL;
	r->stack = stack;
	r->how = how;
	r->loc = *loc;
}

bool eg_strlist_has_host(const eg_strlist *l, const char *host)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!eg_is_unknown(l->items[i]) && eg_cf_host_equal(l->items[i], host))
			return true;
	return false;
}

void eg_model_diff_aliases(eg_model *m, const eg_distribution *d)
{
	size_t i;

	if (!d->has_before || d->aliases.unknown)
		return;
	for (i = 0; i < d->aliases_before.n; i++) {
		const char *h = d->aliases_before.items[i];
		if (!eg_is_unknown(h) && !eg_strlist_has_host(&d->aliases, h))
			eg_model_add_removal(m, h, d->address, d->id, d->stack,
					     "removed from its aliases", &d->aliases_loc);
	}
}

const char *eg_tag_find(const eg_tag *tags, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tags[i].key && !eg_is_unknown(tags[i].key) && !strcasecmp(tags[i].key, key))
			return tags[i].value;
	return NULL;
}

const char *eg_distribution_tag(const eg_distribution *d, const char *key)
{
	return eg_tag_find(d->tags, d->ntags, key);
}

const eg_behavior *eg_distribution_default_behavior(const eg_distribution *d)
{
	size_t i;

	for (i = 0; i < d->nbehaviors; i++)
		if (d->behaviors[i]->is_default)
			return d->behaviors[i];
	return NULL;
}

const eg_behavior *eg_distribution_route(const eg_distribution *d, const char *path, bool *unknown)
{
	size_t i;

	*unknown = d->behaviors_unknown;
	if (d->behaviors_unknown)
		return NULL;
	for (i = 0; i < d->nbehaviors; i++) {
		const eg_behavior *b = d->behaviors[i];
		if (b->is_default)
			continue;
		if (!b->path_pattern || eg_is_unknown(b->path_pattern)) {
			/* An unknown pattern could match first: do not guess past it. */
			*unknown = true;
			return NULL;
		}
		if (eg_cf_path_match(b->path_pattern, path))
			return b;
	}
	return eg_distribution_default_behavior(d);
}

int eg_behavior_methods(const eg_behavior *b)
{
	unsigned mask = 0;
	size_t i;

	if (b->allowed_methods.unknown)
		return -1;
	if (b->allowed_methods.n == 0)
		return EG_M_GET | EG_M_HEAD;
	for (i = 0; i < b->allowed_methods.n; i++) {
		if (eg_is_unknown(b->allowed_methods.items[i]))
			return -1;
		mask |= eg_cf_method_bit(b->allowed_methods.items[i]);
	}
	return (int)mask;
}

bool eg_same_stack(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* References never leave their input: a plan is one Terraform root, a
 * template one stack, and stages built from the same code share names. */
static eg_distribution *find_distribution(eg_model *m, const char *address, const eg_source *src)
{
	size_t i;

	for (i = 0; i < m->ndists; i++)
		if (m->dists[i]->loc.src == src && !strcmp(m->dists[i]->address, address))
			return m->dists[i];
	return NULL;
}

/* The one instance of a counted resource referenced without its index. */
static eg_distribution *only_instance(eg_model *m, const char *address, const eg_source *src)
{
	eg_distribution *found = NULL;
	size_t i, n = strlen(address);

	for (i = 0; i < m->ndists; i++)
		if (m->dists[i]->loc.src == src && !strncmp(m->dists[i]->address, address, n) &&
		    m->dists[i]->address[n] == '[') {
			if (found)
				return NULL;
			found = m->dists[i];
		}
	return found;
}

/* The first distribution, in model order, whose domain name is host: ix
 * (hostix.h, built over the distributions in order) narrows,
 * eg_cf_host_equal decides, so records find their targets without a scan
 * of every distribution each. */
static eg_distribution *distribution_by_domain(const eg_hostix *ix, eg_arena *a,
					       const char *host)
{
	const void **cand;
	size_t n = eg_hostix_candidates(ix, a, host, &cand), i;

	for (i = 0; i < n; i++)
		if (eg_cf_host_equal(((const eg_distribution *)cand[i])->domain_name, host))
			return (eg_distribution *)cand[i];
	return NULL;
}

/* The origin of d whose id is id, or NULL. */
static eg_origin *origin_by_id(const eg_distribution *d, const char *id)
{
	size_t j;

	if (!id || eg_is_unknown(id))
		return NULL;
	for (j = 0; j < d->norigins; j++)
		if (d->origins[j]->id && !eg_is_unknown(d->origins[j]->id) &&
		    !strcmp(d->origins[j]->id, id))
			return d->origins[j];
	return NULL;
}

/* Behaviors to their origin or group, groups to their member origins. */
static void link_behaviors(eg_model *m, eg_distribution *d)
{
	size_t i, j;

	for (i = 0; i < d->ngroups; i++) {
		eg_origin_group *g = d->groups[i];
		g->member_origins = eg_arena_alloc(&m->arena, (g->members.n + 1) *
							    sizeof(*g->member_origins));
		for (j = 0; j < g->members.n; j++)
			g->member_origins[j] = origin_by_id(d, g->members.items[j]);
	}
	for (i = 0; i < d->nbehaviors; i++) {
		eg_behavior *b = d->behaviors[i];
		const char *t = b->target_origin_id;
		if (!t || eg_is_unknown(t))
			continue;
		b->target = origin_by_id(d, t);
		for (j = 0; j < d->ngroups && !b->target && !b->target_group; j++)
			if (d->groups[j]->id && !eg_is_unknown(d->groups[j]->id) &&
			    !strcmp(d->groups[j]->id, t))
				b->target_group = d->groups[j];
	}
}

static void classify_origins(eg_distribution *d)
{
	size_t i;

	for (i = 0; i < d->norigins; i++) {
		eg_origin *o = d->origins[i];
		if (o->kind != EG_ORIGIN_UNKNOWN)
			continue; /* set by the ingester from a reference */
		if (o->domain && !eg_is_unknown(o->domain)) {
			o->kind = eg_cf_classify_domain(o->domain);
			o->kind_source = "domain name";
		} else if (o->s3_config == EG_TRI_TRUE) {
			/* Only S3 REST endpoints take an S3 origin config. */
			o->kind = EG_ORIGIN_S3;
			o->kind_source = "S3 origin config block";
		}
	}
}

static bool points_at_cloudfront(const eg_dns_record *r)
{
	size_t i;

	if (eg_known(r->alias_name) && eg_cf_is_distribution_domain(r->alias_name))
		return true;
	for (i = 0; i < r->records.n; i++)
		if (eg_known(r->records.items[i]) && eg_cf_is_distribution_domain(r->records.items[i]))
			return true;
	return false;
}

static void link_record(eg_model *m, const eg_hostix *ix, eg_arena *a, eg_dns_record *r)
{
	size_t i;

	if (r->alias_name && !eg_is_unknown(r->alias_name)) {
		r->target = distribution_by_domain(ix, a, r->alias_name);
		if (r->target)
			r->link_source = "alias target domain name";
	}
	if (!r->target && r->target_ref && !eg_is_unknown(r->target_ref)) {
		r->target = find_distribution(m, r->target_ref, r->loc.src);
		if (!r->target)
			r->target = only_instance(m, r->target_ref, r->loc.src);
		if (r->target)
			r->link_source = "resource reference";
		else
			r->target_ref = EG_UNKNOWN; /* one of several instances */
	}
	for (i = 0; !r->target && i < r->records.n; i++) {
		const char *v = r->records.items[i];
		if (v && !eg_is_unknown(v)) {
			r->target = distribution_by_domain(ix, a, v);
			if (r->target)
				r->link_source = "CNAME";
		}
	}
	/* A CloudFront domain that matches none of ours may still be one whose
	 * domain the input leaves out (get-distribution-config) or a plan
	 * leaves to apply: unknown, not "no distribution". */
	if (!r->target && !r->target_ref && points_at_cloudfront(r))
		for (i = 0; i < m->ndists; i++)
			if (!m->dists[i]->superseded_by && !eg_known(m->dists[i]->domain_name)) {
				r->target_ref = EG_UNKNOWN;
				break;
			}
}

int eg_view_rank(const eg_loc *loc)
{
	switch (loc->src ? loc->src->format : EG_FMT_UNKNOWN) {
	case EG_FMT_TF_PLAN:
	case EG_FMT_CFN_JSON:
	case EG_FMT_CFN_YAML:
	case EG_FMT_PULUMI_PREVIEW:
	case EG_FMT_AWS_ROUTE53_CHANGE:
		return 3;
	case EG_FMT_AWS_CLOUDFRONT:
	case EG_FMT_AWS_ROUTE53:
		return 2;
	default:
		return 1;
	}
}

void eg_distribution_label(const eg_distribution *d, eg_strbuf *sb)
{
	bool id = eg_known(d->id) && strcmp(d->id, d->address);
	bool dn = eg_known(d->domain_name);

	eg_sb_adds(sb, d->address);
	/* an address names a resource inside its stack or root only */
	if (d->stack)
		eg_sb_addf(sb, " in stack %s", d->stack);
	else if (d->shared_address && d->loc.src)
		eg_sb_addf(sb, " in %s", d->loc.src->path);
	if (id || dn)
		eg_sb_addf(sb, " (%s%s%s)", id ? d->id : "", id && dn ? ", " : "",
			   dn ? d->domain_name : "");
}

void eg_model_count_distinct(const eg_model *m, size_t *ndists, size_t *nrecords)
{
	size_t i;

	*ndists = *nrecords = 0;
	for (i = 0; i < m->ndists; i++)
		*ndists += !m->dists[i]->superseded_by;
	for (i = 0; i < m->nrecords; i++)
		*nrecords += !m->records[i]->superseded_by && !m->records[i]->deleted;
}

static bool same_str(const char *a, const char *b)
{
	return eg_known(a) && eg_known(b) && !strcmp(a, b);
}

bool eg_distribution_same(const eg_distribution *a, const eg_distribution *b)
{
	return same_str(a->id, b->id) || same_str(a->prior_id, b->id) ||
	       same_str(a->id, b->prior_id) || same_str(a->arn, b->arn) ||
	       (eg_known(a->domain_name) && eg_known(b->domain_name) &&
		eg_cf_host_equal(a->domain_name, b->domain_name)) ||
	       (eg_known(a->caller_reference) && eg_known(b->caller_reference) &&
		!strcmp(a->caller_reference, b->caller_reference));
}

/* The fields where two views of one distribution say different things:
 * each known on both sides.  Aliases compare as sets of hosts. */
static void note_differences(eg_model *m, eg_distribution *win, const eg_distribution *lose)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	bool aliases = false;
	size_t i;

	if (!win->aliases.unknown && !lose->aliases.unknown) {
		for (i = 0; i < win->aliases.n && !aliases; i++)
			aliases = eg_known(win->aliases.items[i]) &&
				  !eg_strlist_has_host(&lose->aliases, win->aliases.items[i]);
		for (i = 0; i < lose->aliases.n && !aliases; i++)
			aliases = eg_known(lose->aliases.items[i]) &&
				  !eg_strlist_has_host(&win->aliases, lose->aliases.items[i]);
	}
	if (aliases)
		eg_sb_adds(&sb, "aliases");
	if (win->enabled != EG_TRI_UNKNOWN && lose->enabled != EG_TRI_UNKNOWN &&
	    win->enabled != lose->enabled)
		eg_sb_addf(&sb, "%senabled", sb.len ? ", " : "");
	if (!win->origins_unknown && !lose->origins_unknown && win->norigins != lose->norigins)
		eg_sb_addf(&sb, "%sorigins", sb.len ? ", " : "");
	if (!win->behaviors_unknown && !lose->behaviors_unknown &&
	    win->nbehaviors != lose->nbehaviors)
		eg_sb_addf(&sb, "%scache behaviors", sb.len ? ", " : "");
	if (sb.len && !win->view_differences)
		win->view_differences = eg_arena_strndup(&m->arena, sb.buf, sb.len);
	eg_sb_release(&sb);
}

static void supersede(eg_model *m, eg_distribution *win, eg_distribution *lose)
{
	/* A plan's view is meant to differ from what is live: that is the
	 * change.  Two views of the same moment must agree. */
	if (eg_view_rank(&win->loc) == eg_view_rank(&lose->loc))
		note_differences(m, win, lose);
	lose->superseded_by = win;
	EG_ARENA_GROW(&m->arena, win->seen_also, win->nseen_also + 1, win->seen_also_alloc);
	win->seen_also[win->nseen_also++] = lose;
	if (!eg_known(win->id) && eg_known(lose->id))
		win->id = lose->id;
	if (!eg_known(win->domain_name) && eg_known(lose->domain_name))
		win->domain_name = lose->domain_name;
	/* What is live or recorded now is what the winner's change starts
	 * from; an older view of the same kind is no change. */
	if (eg_view_rank(&win->loc) > eg_view_rank(&lose->loc) && !win->has_before &&
	    !lose->aliases.unknown) {
		win->aliases_before = lose->aliases;
		win->has_before = true;
		eg_model_diff_aliases(m, win);
	}
}

/* The digits of a timestamp, so that AWS CLI's 2025-09-30T16:02:51.417Z
 * and Terraform's 2025-09-30 16:02:51.417 +0000 UTC compare. */
static void time_digits(const char *t, char out[20])
{
	size_t n = 0;

	for (; eg_known(t) && *t && *t != '+' && n < 19; t++)
		if (isdigit((unsigned char)*t))
			out[n++] = *t;
	out[n] = '\0';
}

/* Whether view b wins over a: the more current kind of input, then the
 * later modification time; else the one first in the model's order. */
static bool newer_view(const eg_distribution *b, const eg_distribution *a)
{
	char ta[20], tb[20];
	int ra = eg_view_rank(&a->loc), rb = eg_view_rank(&b->loc);

	if (ra != rb)
		return rb > ra;
	time_digits(a->last_modified, ta);
	time_digits(b->last_modified, tb);
	return *ta && *tb && strcmp(tb, ta) > 0;
}

/* An identity a distribution can share with another view of itself
 * (eg_distribution_same): ids and prior ids in one space, ARNs, caller
 * references, and domain names without case. */
typedef struct ident_key {
	int space;
	const char *s;
	size_t dist;
} ident_key;

/* Identities compare within their space; domain names without case. */
static int cmp_ident_value(const ident_key *a, const ident_key *b)
{
	if (a->space != b->space)
		return a->space - b->space;
	return a->space == 3 ? eg_cf_host_cmp(a->s, b->s) : strcmp(a->s, b->s);
}

static int cmp_ident_key(const void *pa, const void *pb)
{
	const ident_key *a = pa, *b = pb;
	int c = cmp_ident_value(a, b);

	return c ? c : a->dist < b->dist ? -1 : a->dist > b->dist;
}

static size_t uf_find(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

typedef struct member {
	size_t root, dist;
} member;

static int cmp_member(const void *pa, const void *pb)
{
	const member *a = pa, *b = pb;

	if (a->root != b->root)
		return a->root < b->root ? -1 : 1;
	return a->dist < b->dist ? -1 : a->dist > b->dist;
}

/* Views that may be one distribution are those linked, directly or through
 * others, by a shared identity; a merge gives the winner only identities
 * of its own group, so comparing pairs within groups, in the order of a
 * scan of all pairs, merges exactly as that scan does, without its n^2. */
static void dedupe_distributions(eg_model *m)
{
	size_t n = m->ndists, i, j, nkeys = 0, *parent, *pos;
	ident_key *keys;
	member *order;

	if (n < 2)
		return;
	keys = eg_xmalloc(5 * n * sizeof(*keys));
	parent = eg_xmalloc(n * sizeof(*parent));
	pos = eg_xmalloc(n * sizeof(*pos));
	order = eg_xmalloc(n * sizeof(*order));
	for (i = 0; i < n; i++) {
		const eg_distribution *d = m->dists[i];
		const char *v[5] = { d->id, d->prior_id, d->arn, d->domain_name, d->caller_reference };
		static const int space[5] = { 0, 0, 1, 3, 2 };
		parent[i] = i;
		for (j = 0; j < 5; j++)
			if (eg_known(v[j])) {
				keys[nkeys].space = space[j];
				keys[nkeys].s = v[j];
				keys[nkeys++].dist = i;
			}
	}
	qsort(keys, nkeys, sizeof(*keys), cmp_ident_key);
	for (i = 1; i < nkeys; i++)
		if (!cmp_ident_value(&keys[i], &keys[i - 1]))
			parent[uf_find(parent, keys[i].dist)] = uf_find(parent, keys[i - 1].dist);
	for (i = 0; i < n; i++) {
		order[i].root = uf_find(parent, i);
		order[i].dist = i;
	}
	qsort(order, n, sizeof(*order), cmp_member);
	for (i = 0; i < n; i++)
		pos[order[i].dist] = i;
	for (i = 0; i < n; i++)
		for (j = pos[i] + 1; j < n && order[j].root == order[pos[i]].root &&
				     !m->dists[i]->superseded_by; j++) {
			eg_distribution *a = m->dists[i], *b = m->dists[order[j].dist];
			if (b->superseded_by || !eg_distribution_same(a, b))
				continue;
			if (newer_view(b, a))
				supersede(m, b, a);
			else
				supersede(m, a, b);
		}
	eg_free(keys);
	eg_free(parent);
	eg_free(pos);
	eg_free(order);
}

static bool same_record(const eg_dns_record *a, const eg_dns_record *b)
{
	return eg_known(a->name) && eg_known(b->name) && eg_cf_host_equal(a->name, b->name) &&
	       eg_known(a->type) && eg_known(b->type) && !strcasecmp(a->type, b->type) &&
	       (a->set_identifier == b->set_identifier ||
		(eg_known(a->set_identifier) && eg_known(b->set_identifier) &&
		 !strcmp(a->set_identifier, b->set_identifier))) &&
	       !(eg_known(a->zone_id) && eg_known(b->zone_id) && strcmp(a->zone_id, b->zone_id));
}

typedef struct rec_key {
	char *host; /* lower case, no trailing dot */
	size_t index;
} rec_key;

static int cmp_rec_key(const void *pa, const void *pb)
{
	const rec_key *a = pa, *b = pb;
	int c = strcmp(a->host, b->host);

	return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Records are many (a zone export, a big preview): compare only those with
 * the same host, found by sorting, not every pair. */
static void dedupe_records(eg_model *m)
{
	rec_key *keys = eg_xcalloc(m->nrecords ? m->nrecords : 1, sizeof(*keys));
	size_t n = 0, i, j, k;

	for (i = 0; i < m->nrecords; i++) {
		const char *name = m->records[i]->name;
		size_t len;
		if (!eg_known(name))
			continue;
		len = strlen(name);
		if (len > 1 && name[len - 1] == '.')
			len--;
		keys[n].host = eg_xstrndup(name, len);
		for (k = 0; k < len; k++)
			keys[n].host[k] = (char)tolower((unsigned char)keys[n].host[k]);
		keys[n++].index = i;
	}
	qsort(keys, n, sizeof(*keys), cmp_rec_key);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(keys[j].host, keys[i].host); j++)
			;
		for (k = i; k < j; k++) {
			eg_dns_record *a = m->records[keys[k].index];
			size_t l;
			for (l = k + 1; l < j && !a->superseded_by; l++) {
				eg_dns_record *b = m->records[keys[l].index];
				if (b->superseded_by || a->loc.src == b->loc.src || !same_record(a, b))
					continue;
				if (eg_view_rank(&b->loc) > eg_view_rank(&a->loc))
					a->superseded_by = b;
				else
					b->superseded_by = a;
			}
		}
	}
	for (i = 0; i < n; i++)
		eg_free(keys[i].host);
	eg_free(keys);
}

typedef struct order_key {
	const char *path;
	size_t index;
	void *item;
} order_key;

static int cmp_order(const void *pa, const void *pb)
{
	const order_key *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Sorts items[0..n) by the path of their source, keeping each source's own
 * order: the argument order of the run is gone after this. */
static void canonical_order(void **items, size_t n, const eg_source *(*src_of)(const void *))
{
	order_key *keys;
	size_t i;

	if (n < 2)
		return;
	keys = eg_xcalloc(n, sizeof(*keys));
	for (i = 0; i < n; i++) {
		const eg_source *src = src_of(items[i]);
		keys[i].path = src && src->path ? src->path : "";
		keys[i].index = i;
		keys[i].item = items[i];
	}
	qsort(keys, n, sizeof(*keys), cmp_order);
	for (i = 0; i < n; i++)
		items[i] = keys[i].item;
	eg_free(keys);
}

static const eg_source *dist_src(const void *p) { return ((const eg_distribution *)p)->loc.src; }
static const eg_source *record_src(const void *p) { return ((const eg_dns_record *)p)->loc.src; }
static const eg_source *source_src(const void *p) { return p; }
static const eg_source *resource_src(const void *p) { return ((const eg_resource *)p)->loc.src; }

/* --- resources the CloudFront objects point at ------------------------------ */

typedef struct res_key {
	const char *key;        /* an id, ARN or address */
	const eg_source *src;   /* for addresses: references stay in their input */
	eg_res_kind kind;
	const eg_resource *r;
	size_t order;           /* of r in the model: the first written wins a tie */
} res_key;

typedef struct res_index {
	res_key *by_id, *by_address;
	size_t nid, naddress;
} res_index;

static int cmp_res_key(const void *pa, const void *pb)
{
	const res_key *a = pa, *b = pb;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->src != b->src)
		return (uintptr_t)a->src < (uintptr_t)b->src ? -1 : 1;
	c = strcmp(a->key, b->key);
	return c;
}

static int cmp_res_order(const void *pa, const void *pb)
{
	const res_key *a = pa, *b = pb;
	int c = cmp_res_key(pa, pb);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

static void res_index_build(res_index *ix, const eg_model *m)
{
	size_t i;

	ix->by_id = eg_xcalloc(2 * m->nresources + 1, sizeof(*ix->by_id));
	ix->by_address = eg_xcalloc(m->nresources + 1, sizeof(*ix->by_address));
	ix->nid = ix->naddress = 0;
	for (i = 0; i < m->nresources; i++) {
		const eg_resource *r = m->resources[i];
		if (eg_known(r->id))
			ix->by_id[ix->nid++] = (res_key){ r->id, NULL, r->kind, r, i };
		if (eg_known(r->arn) && (!eg_known(r->id) || strcmp(r->arn, r->id)))
			ix->by_id[ix->nid++] = (res_key){ r->arn, NULL, r->kind, r, i };
		if (r->address)
			ix->by_address[ix->naddress++] = (res_key){ r->address, r->loc.src, r->kind, r, i };
	}
	/* Stable by position: the first written wins a duplicate key. */
	qsort(ix->by_id, ix->nid, sizeof(*ix->by_id), cmp_res_order);
	qsort(ix->by_address, ix->naddress, sizeof(*ix->by_address), cmp_res_order);
}

static const eg_resource *res_find(const res_key *keys, size_t n, eg_res_kind kind,
				   const eg_source *src, const char *key)
{
	res_key want = { key, src, kind, NULL, 0 };
	size_t lo = 0, hi = n;

	if (!eg_known(key))
		return NULL;
	while (lo < hi) { /* the first entry not below want */
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_res_key(&keys[mid], &want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !cmp_res_key(&keys[lo], &want) ? keys[lo].r : NULL;
}

/* By a reference inside the same input, else by an AWS identity. */
static const eg_resource *res_link(const res_index *ix, eg_res_kind kind, const eg_source *src,
				   const char *ref, const char *id)
{
	const eg_resource *r = ref ? res_find(ix->by_address, ix->naddress, kind, src, ref) : NULL;

	return r ? r : res_find(ix->by_id, ix->nid, kind, NULL, id);
}

/* The bucket an S3 domain names: BUCKET.s3[.-]REGION.amazonaws.com,
 * BUCKET.s3.amazonaws.com, BUCKET.s3-website... */
static char *bucket_of_domain(const char *domain)
{
	const char *s3 = eg_known(domain) ? strstr(domain, ".s3") : NULL;

	return s3 && s3 > domain ? eg_xstrndup(domain, (size_t)(s3 - domain)) : NULL;
}

/* The policy of the bucket an S3 origin reaches: by a reference to the
 * bucket inside the same input, else by the bucket's name.  NULL when no
 * policy of it is in the picture. */
static const eg_resource *bucket_policy_of(const eg_model *m, const eg_origin *o,
					   const char *bucket)
{
	const char *addr = o->bucket && o->bucket->address ? o->bucket->address : o->ref;
	const eg_source *src = o->bucket ? o->bucket->loc.src : o->dist->loc.src;
	const char *name = o->bucket && eg_known(o->bucket->name) ? o->bucket->name : bucket;
	size_t i;

	for (i = 0; i < m->nresources; i++) {
		const eg_resource *p = m->resources[i];
		if (p->kind != EG_RES_BUCKET_POLICY)
			continue;
		if ((p->bucket_ref && addr && p->loc.src == src && !strcmp(p->bucket_ref, addr)) ||
		    (eg_known(p->bucket) && name && !strcmp(p->bucket, name)))
			return p;
	}
	return NULL;
}

static void link_resources(eg_model *m)
{
	res_index ix;
	size_t i, j, k;

	if (!m->nresources)
		return;
	res_index_build(&ix, m);
	for (i = 0; i < m->ndists; i++) {
		eg_distribution *d = m->dists[i];
		const eg_source *src = d->loc.src;
		d->certificate = res_link(&ix, EG_RES_CERTIFICATE, src, d->certificate_ref,
					  d->acm_certificate_arn);
		for (j = 0; j < d->norigins; j++) {
			eg_origin *o = d->origins[j];
			char *bucket = bucket_of_domain(o->domain);
			o->oac = res_link(&ix, EG_RES_OAC, src, o->oac_ref, o->oac_id);
			o->bucket = res_link(&ix, EG_RES_BUCKET, src, o->ref, bucket);
			if (o->kind == EG_ORIGIN_S3 || o->kind == EG_ORIGIN_S3_WEBSITE)
				o->bucket_policy = bucket_policy_of(m, o, bucket);
			eg_free(bucket);
		}
		for (j = 0; j < d->nbehaviors; j++) {
			eg_behavior *b = d->behaviors[j];
			b->cache_policy = res_link(&ix, EG_RES_CACHE_POLICY, src, b->cache_policy_ref,
						   b->cache_policy_id);
			b->origin_request_policy =
				res_link(&ix, EG_RES_ORIGIN_REQUEST_POLICY, src,
					 b->origin_request_policy_ref, b->origin_request_policy_id);
			for (k = 0; k < b->nfunctions; k++)
				b->functions[k]->function =
					res_link(&ix, EG_RES_LAMBDA, src, b->functions[k]->ref,
						 b->functions[k]->arn);
		}
	}
	for (i = 0; i < m->nresources; i++)
		if (m->resources[i]->function_ref)
			m->resources[i]->version_of =
				res_link(&ix, EG_RES_LAMBDA, m->resources[i]->loc.src,
					 m->resources[i]->function_ref, NULL);
	for (i = 0; i < m->nrecords; i++)
		m->records[i]->zone = res_link(&ix, EG_RES_ZONE, m->records[i]->loc.src,
					       m->records[i]->zone_ref, m->records[i]->zone_id);
	for (i = 0; i < m->ndists; i++)
		m->dists[i]->cd_policy = res_link(&ix, EG_RES_CD_POLICY, m->dists[i]->loc.src,
						  m->dists[i]->cd_policy_ref,
						  m->dists[i]->continuous_deployment_policy_id);
	eg_free(ix.by_id);
	eg_free(ix.by_address);
}

/* The account field of an ARN (arn:aws:cloudfront::123456789012:...), and
 * the id after "distribution/" when the input gave no id. */
static void account_of(eg_model *m, eg_distribution *d)
{
	const char *p = d->arn, *slash;
	int colons = 0;

	if (!eg_known(p) || strncmp(p, "arn:", 4))
		return;
	for (; *p && colons < 4; p++)
		colons += *p == ':';
	if (colons == 4 && strcspn(p, ":") == 12)
		d->account = eg_arena_strndup(&m->arena, p, 12);
	slash = strstr(d->arn, ":distribution/");
	if (slash && !eg_known(d->id))
		d->id = slash + strlen(":distribution/");
}

static int cmp_address(const void *pa, const void *pb)
{
	const eg_distribution *a = *(eg_distribution *const *)pa, *b = *(eg_distribution *const *)pb;

	return strcmp(a->address ? a->address : "", b->address ? b->address : "");
}

/* Two roots (or stacks without a name) using one address: labels then say
 * which file each is in. */
static void mark_shared_addresses(eg_model *m)
{
	eg_distribution **sorted;
	size_t i, j;

	if (m->ndists < 2)
		return;
	sorted = eg_xcalloc(m->ndists, sizeof(*sorted));
	memcpy(sorted, m->dists, m->ndists * sizeof(*sorted));
	qsort(sorted, m->ndists, sizeof(*sorted), cmp_address);
	for (i = 0; i < m->ndists; i = j) {
		bool shared = false;
		for (j = i + 1; j < m->ndists && !cmp_address(&sorted[i], &sorted[j]); j++)
			shared |= sorted[j]->loc.src != sorted[i]->loc.src;
		while (shared && i < j)
			sorted[i++]->shared_address = true;
	}
	eg_free(sorted);
}

/* A primary's continuous deployment policy names its staging
 * distributions by DNS name; one created in the same change is named by a
 * reference in the policy's own input instead. */
static void link_staging(eg_model *m)
{
	size_t i, j, k;

	for (i = 0; i < m->ndists; i++) {
		eg_distribution *d = m->dists[i];
		const eg_resource *p = d->cd_policy;
		if (!p)
			continue;
		for (k = 0; k < m->ndists; k++) {
			eg_distribution *s = m->dists[k];
			bool named = false;
			if (s == d || s->primary)
				continue;
			for (j = 0; j < p->staging_domains.n && !named; j++)
				named = eg_known(s->domain_name) &&
					eg_cf_host_equal(p->staging_domains.items[j], s->domain_name);
			for (j = 0; j < p->staging_refs.n && !named; j++)
				named = s->loc.src == p->loc.src && s->address &&
					!strcmp(p->staging_refs.items[j], s->address);
			if (named)
				s->primary = d;
		}
	}
}

void eg_model_link(eg_model *m)
{
	eg_arena scratch = EG_ARENA_INIT;
	const char **names;
	eg_hostix ix;
	size_t i;

	canonical_order((void **)m->sources, m->nsources, source_src);
	canonical_order((void **)m->dists, m->ndists, dist_src);
	canonical_order((void **)m->records, m->nrecords, record_src);
	canonical_order((void **)m->resources, m->nresources, resource_src);
	for (i = 0; i < m->nresources; i++)
		m->resources[i]->order = i;
	for (i = 0; i < m->ndists; i++) {
		m->dists[i]->order = i;
		account_of(m, m->dists[i]);
	}
	mark_shared_addresses(m);

	for (i = 0; i < m->ndists; i++) {
		classify_origins(m->dists[i]);
		link_behaviors(m, m->dists[i]);
	}
	dedupe_distributions(m);
	dedupe_records(m);
	link_resources(m);
	link_staging(m);
	names = eg_xmalloc((m->ndists ? m->ndists : 1) * sizeof(*names));
	for (i = 0; i < m->ndists; i++)
		names[i] = m->dists[i]->domain_name;
	eg_hostix_build(&ix, &scratch, names, (const void *const *)m->dists, m->ndists);
	for (i = 0; i < m->nrecords; i++) {
		eg_dns_record *r = m->records[i];
		link_record(m, &ix, &scratch, r);
		while (r->target && r->target->superseded_by)
			r->target = r->target->superseded_by;
	}
	eg_free(names);
	eg_arena_release(&scratch);
}

void eg_model_resolve_loc(eg_loc *loc)
{
	eg_strbuf ptr = EG_STRBUF_INIT;
	eg_json_span span;
	char *slash;

	if (!loc->src || loc->line || !loc->pointer)
		return;
	/* Unknown values are absent from the plan: point at the nearest parent. */
	eg_sb_adds(&ptr, loc->pointer);
	for (;;) {
		bool found = loc->base_plen && ptr.len >= loc->base_plen
				     ? eg_jsonpos_find_at(loc->src->data, loc->src->len,
							  loc->src->json_index, loc->base,
							  ptr.buf + loc->base_plen, &span)
				     : eg_jsonpos_find(loc->src->data, loc->src->len,
						       loc->src->json_index, ptr.buf, &span);
		if (found) {
			eg_source_line_col(loc->src, span.start, &loc->line, &loc->col);
			break;
		}
		slash = strrchr(ptr.buf, '/');
		if (!slash) {
			loc->line = loc->col = 1;
			break;
		}
		ptr.len = (size_t)(slash - ptr.buf);
		ptr.buf[ptr.len] = '\0';
	}
	eg_sb_release(&ptr);
}

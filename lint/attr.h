/* attr.h - the model as rules see it: scopes, named attributes, values.
 *
 * Rules never read C structs: they name attributes ("origins", "kind",
 * "serving.allowed_methods") that this table resolves, so a rule file can be
 * checked for typos when it loads and the engine stays generic.  Domain facts
 * that need the whole run (alias overlaps, route resolution, records pointing
 * at a distribution) are computed once into an eg_view.
 *
 * Ownership: an eg_view borrows the model and config and owns what it
 * derives (one arena); eg_view_free releases it.  Values borrow from the
 * view or model and stay valid until the view is freed.
 */
#ifndef EG_ATTR_H
#define EG_ATTR_H

#include "arena.h"
#include "config.h"
#include "hostix.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum eg_scope {
	EG_SCOPE_DISTRIBUTION,
	EG_SCOPE_ORIGIN,
	EG_SCOPE_BEHAVIOR,
	EG_SCOPE_ALIAS,
	EG_SCOPE_RECORD,
	EG_SCOPE_ROUTE,
	EG_SCOPE_FUNCTION, /* an edge function on a behavior */
	EG_SCOPE_ERROR_RESPONSE, /* a distribution-wide custom error response */
	EG_SCOPE__COUNT
} eg_scope;

const char *eg_scope_name(eg_scope s);
bool eg_scope_parse(const char *name, eg_scope *out);

/* Static type of an attribute. */
typedef enum eg_vtype {
	EG_T_STR,
	EG_T_BOOL,
	EG_T_NUM,
	EG_T_LIST, /* list of strings */
	EG_T_OBJ,  /* one object of attr->obj_scope */
	EG_T_OBJS, /* list of objects of attr->obj_scope */
	EG_T_MAP,  /* string map; the next path segment is a key (tags.Environment) */
} eg_vtype;

const char *eg_vtype_name(eg_vtype t);

/* Runtime value.  ABSENT and UNKNOWN are distinct: unknown is never empty. */
typedef enum eg_vkind {
	EG_V_ABSENT,
	EG_V_UNKNOWN,
	EG_V_STR,
	EG_V_BOOL,
	EG_V_NUM,
	EG_V_LIST, /* items: strings, each maybe EG_UNKNOWN */
	EG_V_OBJ,
	EG_V_OBJS, /* objs */
} eg_vkind;

typedef struct eg_value {
	eg_vkind kind;
	const char *s;
	bool b;
	double num;
	const char *const *items; /* LIST */
	const void *const *objs;  /* OBJS */
	size_t n;
	const void *obj;          /* OBJ */
	eg_scope scope;           /* of obj / objs */
} eg_value;

/* One alias claimed by one distribution (scope "alias"). */
typedef struct eg_alias_claim {
	const char *name;
	eg_distribution *dist;
	size_t index;
	size_t order;   /* position among the view's claims */
	eg_loc loc;
	/* claims on distributions earlier in the run that can serve a common
	 * host, so each conflicting pair is reported once */
	const struct eg_alias_claim **overlaps;
	size_t noverlaps;
} eg_alias_claim;

/* One configured write route checked on one distribution (scope "route"). */
/* Resolved over the route's paths, not one probe: the behaviors that take
 * some of its paths, in CloudFront's order (eg_cf_pattern_witness), and the
 * bare prefix (/auth for /auth/ *), which the route's own pattern misses. */
typedef struct eg_route_check {
	const eg_route *route;
	eg_distribution *dist;
	const char *probe;          /* a path of the route that `serving` takes */
	const eg_behavior *serving; /* the first taker that refuses the route, else the first */
	bool serving_unknown;       /* a pattern, the list, or the search is unknown */
	const eg_behavior *declared; /* behavior whose pattern is the route's */
	const eg_behavior *narrower; /* an earlier taker that lets the route through */
	bool bare;                  /* probe is the bare prefix (/auth) */
} eg_route_check;

typedef struct eg_view {
	eg_arena arena;
	const eg_model *model;
	const eg_config *config;
	/* One view of each distribution and record: superseded ones left out. */
	eg_distribution **dists;
	size_t ndists;
	eg_dns_record **records;
	size_t nrecords;
	eg_alias_claim **claims;
	size_t nclaims, claims_alloc;
	/* Built once before rules run, so no attribute compares every pair. */
	eg_hostix claims_ix;           /* claims by alias */
	eg_hostix records_ix;          /* records by host name */
	const eg_dns_record ***dist_records; /* per view distribution, records routing to it */
	size_t *ndist_records;
} eg_view;

typedef struct eg_attr {
	const char *name;
	eg_vtype type;
	eg_scope obj_scope; /* for OBJ and OBJS */
	eg_value (*get)(eg_view *v, const void *obj);
	const char *doc;
} eg_attr;

/* Whether the attribute's values are DNS names (compared without case and
 * a trailing dot). */
bool eg_attr_is_host(const eg_attr *a);
/* The ordered enumeration an attribute's strings come from, so at_least
 * and below can compare them (minimum_protocol_version: the viewer TLS
 * policies); NULL for every other attribute. */
const eg_cf_order *eg_attr_order(const eg_attr *a);

/* NULL when scope has no such attribute. */
const eg_attr *eg_attr_find(eg_scope scope, const char *name);
const eg_attr *eg_attr_list(eg_scope scope, size_t *n);

eg_view *eg_view_new(const eg_model *m, const eg_config *c);
void eg_view_free(eg_view *v);

/* The objects a rule of scope iterates, in model order.  Route checks use
 * routes when nroutes > 0, else the config's routes. */
void eg_view_objects(eg_view *v, eg_scope scope, const eg_route *routes,
		     size_t nroutes, const void ***objs, size_t *n);

/* Where a finding about obj points, what resource it names and the
 * distribution whose environment it reports. */
eg_loc eg_view_loc(const void *obj, eg_scope scope);
const char *eg_view_resource(const void *obj, eg_scope scope);
const eg_distribution *eg_view_distribution(const void *obj, eg_scope scope);
/* The CloudFormation stack and CDK construct path of that resource (NULL
 * when the input has none). */
void eg_view_origin_of(const void *obj, eg_scope scope, const char **stack,
		       const char **construct_path);
/* The alias CloudFront picks for host by its Host header: an enabled
 * distribution's exact alias, else its most specific wildcard; NULL when
 * none routes it (403).  *unknown when an alias or enabled flag that could
 * decide it is not known.  Rules and `edgegate route` both use it. */
const eg_alias_claim *eg_view_serving_claim(eg_view *v, const char *host, bool *unknown);
/* "file:line:col" of loc, in the view's arena ("?" when it has none). */
const char *eg_view_loc_text(eg_view *v, const eg_loc *loc);
/* "address (id, domain)" and the stack when the address is shared. */
const char *eg_view_dist_label(eg_view *v, const eg_distribution *d);
/* Short human name of an object: address, origin id, path pattern, ... */
const char *eg_view_display(const void *obj, eg_scope scope);

#endif

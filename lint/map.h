/* map.h - one CloudFront model from every input dialect: a table per
 * dialect says where each field is written, and one engine reads them all.
 *
 * A dialect is five operations over its own tree (jansson values with their
 * after_unknown mirror for Terraform, resolved values for CloudFormation,
 * the JSON trees of the AWS CLI and Pulumi) and a table of paths, one line
 * per field.  eg_map_distribution fills a distribution's configuration from
 * it: scalars and lists, the viewer certificate, origins, origin groups,
 * behaviors with their functions, and custom error responses, each field
 * with where it was written.  eg_map_defaults then gives every field the
 * input leaves out CloudFront's default, once, the same for every dialect.
 *
 * Identity (address, id, domain name), tags, references between resources
 * and a plan's "before" stay with each ingester: they differ in kind, not
 * in spelling.
 *
 * Paths: members separated by '.', a decimal segment indexes a list
 * ("viewer_certificate.0.acm_certificate_arn": a Terraform block).  A path
 * starting with '?' gives a flag that is true when the value there is set
 * (an object, or a non-empty list): "?logging_config".  A '*' segment is
 * the first item of a list that has the rest of the path set, "*KEY=VALUE"
 * the first whose member KEY is VALUE ("Conditions.*Field=path-pattern.
 * Values"); "A|B" reads B where A is not set.  A dialect that has
 * no such field leaves it out of its table; the field is then absent.
 *
 * Ownership: everything mapped lives in the model's arena.
 */
#ifndef EG_MAP_H
#define EG_MAP_H

#include "model.h"
#include "yamldoc.h"

#include <stddef.h>

typedef enum eg_mstate {
	EG_MV_ABSENT,  /* the input does not set it */
	EG_MV_UNKNOWN, /* known only after apply, or an unresolved intrinsic */
	EG_MV_VALUE,
} eg_mstate;

typedef struct eg_mval {
	eg_mstate state;
	const void *node; /* the dialect's value (an unknown one may keep one) */
	const void *aux;  /* the dialect's companion (Terraform: after_unknown) */
	const char *key;  /* the member name it was reached by, for messages */
	eg_loc loc;       /* where it is written; for an absent value, its parent */
} eg_mval;

typedef enum eg_shape {
	EG_SHAPE_LIST,    /* a list of scalars */
	EG_SHAPE_OBJECTS, /* a list of objects */
	EG_SHAPE_OBJECT,
} eg_shape;

typedef struct eg_map_path {
	const char *field; /* "dist.enabled", "origin.domain", ... (map.c) */
	const char *path;
} eg_map_path;

/* The operations get only values in state EG_MV_VALUE; the engine handles
 * absent and unknown ones.  A shape error (a list where a string belongs)
 * is the dialect's to record in its context; the engine goes on. */
typedef struct eg_dialect {
	const char *name;
	eg_mval (*member)(void *ctx, const eg_mval *obj, const char *key);
	/* Items of a list; a lone object counts as a one-item list (as
	 * CloudFormation accepts); 0 for a scalar. */
	size_t (*count)(void *ctx, const eg_mval *list);
	eg_mval (*item)(void *ctx, const eg_mval *list, size_t i);
	/* A scalar as text in the model's arena; NULL when unset ("" or null). */
	const char *(*text)(void *ctx, const eg_mval *v);
	/* true or false; EG_TRI_UNKNOWN when it is neither. */
	eg_tri (*flag)(void *ctx, const eg_mval *v);
	/* Optional: text for ids, which need only equal each other
	 * (CloudFormation keeps an unresolved !Ref as a symbolic id). */
	const char *(*id)(void *ctx, const eg_mval *v);
	/* Optional: whether v has the shape the model takes it as, for a
	 * dialect that checks shapes (it records the error); false skips v. */
	bool (*expect)(void *ctx, const eg_mval *v, eg_shape shape);
	const eg_map_path *paths; /* ended by { NULL, NULL } */
} eg_dialect;

typedef struct eg_mapper {
	const eg_dialect *dialect;
	void *ctx;
	eg_model *m;
} eg_mapper;

/* For dialects that walk a JSON or YAML tree (AWS CLI, Pulumi): where node
 * n is, and RFC 6901 pointers built in the model's arena as they descend. */
eg_loc eg_map_node_loc(const eg_source *src, const eg_ynode *n, const char *pointer);
const char *eg_map_ptr(eg_model *m, const char *parent, const char *key);
const char *eg_map_ptr_i(eg_model *m, const char *parent, size_t i);

/* The value at path below v (a path as above, without '?'). */
eg_mval eg_map_get(const eg_mapper *mp, const eg_mval *v, const char *path);

/* Fills d's configuration from cfg (the DistributionConfig, or what the
 * dialect has in its place).  Adds d's origins, groups, behaviors and
 * error responses to the model, in the input's order, the default
 * behavior last. */
void eg_map_distribution(const eg_mapper *mp, eg_distribution *d, const eg_mval *cfg);

/* A resource CloudFront objects point at (model.h, eg_resource) from obj:
 * the dialect's table names its fields under the kind's prefix
 * ("certificate.domain", "oac.origin_type", "cache_policy.headers", ...:
 * eg_map_resource_prefix). */
void eg_map_resource(const eg_mapper *mp, eg_resource *r, const eg_mval *obj);
const char *eg_map_resource_prefix(eg_res_kind kind);
/* A bucket policy's grants to CloudFront (model.h, cloudfront_grants) from
 * its document, an IAM policy as a tree of the dialect. */
void eg_map_policy_grants(const eg_mapper *mp, eg_resource *r, const eg_mval *doc);

/* CloudFront's defaults for every field d and its parts leave unset.  Call
 * once per distribution, after its ingester is done with it. */
void eg_map_defaults(eg_model *m, eg_distribution *d);

/* The mapped fields of a scope, for reports that print the model. */
typedef enum eg_ftype {
	EG_FT_STR,  /* const char *: NULL, EG_UNKNOWN or the value */
	EG_FT_ID,   /* the same, read through the dialect's id operation */
	EG_FT_TRI,  /* eg_tri */
	EG_FT_LIST, /* eg_strlist */
	EG_FT_LOC,  /* eg_loc: only where the value is written */
} eg_ftype;

typedef struct eg_field {
	const char *name;  /* "enabled"; a dialect's table says "dist.enabled" */
	eg_ftype type;
	size_t offset;     /* in the scope's struct */
	const char *dflt;  /* CloudFront's default as text ("true", "GET,HEAD"), or NULL */
} eg_field;

typedef enum eg_mscope {
	EG_MS_DIST, EG_MS_ORIGIN, EG_MS_GROUP, EG_MS_BEHAVIOR, EG_MS_FUNCTION,
	EG_MS_ERROR, EG_MS_RESOURCE, EG_MS__COUNT
} eg_mscope;

const eg_field *eg_map_fields(eg_mscope scope, size_t *n);

/* Whether field i of an object was left unset by its input (so it holds
 * CloudFront's default, or nothing). */
bool eg_map_unset(const eg_fieldinfo *fi, size_t i);

#endif

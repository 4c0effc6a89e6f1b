/* model.h - the one in-memory picture of a run: distributions, origins,
 * behaviors, aliases and DNS records, from every input.
 *
 * Ownership: an eg_model owns everything reachable from it (one arena, plus
 * its sources); eg_model_free releases it all.  Ingesters add to it; rules
 * only read it.
 *
 * Unknown is not absent.  A string field is one of
 *   - NULL         the input does not set it (absent);
 *   - EG_UNKNOWN   known only after apply, or an unresolvable intrinsic;
 *   - a string     the value.
 * Lists carry their own `unknown` flag; a known list may still hold
 * EG_UNKNOWN items.  Booleans are eg_tri.
 */
#ifndef EG_MODEL_H
#define EG_MODEL_H

#include "arena.h"
#include "cloudfront.h"
#include "source.h"
#include "waiver.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const char eg_unknown_str[];
#define EG_UNKNOWN ((const char *)eg_unknown_str)
#define eg_is_unknown(s) ((s) == EG_UNKNOWN)
#define eg_known(s) ((s) && !eg_is_unknown(s))

typedef enum eg_tri { EG_TRI_UNKNOWN = -1, EG_TRI_FALSE = 0, EG_TRI_TRUE = 1 } eg_tri;

/* Where a model node came from.  JSON inputs give a pointer (RFC 6901) and
 * line/col stay 0 until eg_model_resolve_loc; YAML inputs give line/col.
 * A reader that knows where an ancestor value starts (the resource being
 * read) records it in base, for the first base_plen bytes of pointer, so
 * resolving walks that value only, never the whole file again. */
typedef struct eg_loc {
	const eg_source *src;
	const char *pointer;
	size_t base;
	size_t base_plen;
	int line, col;
} eg_loc;

typedef struct eg_strlist {
	const char **items;
	size_t n, alloc;
	bool unknown; /* the whole list is not known */
} eg_strlist;

typedef struct eg_tag {
	const char *key, *value;
} eg_tag;

/* Where each mapped field of an object was written, and which fields the
 * input left unset, so that they hold CloudFront's default (map.h). */
typedef struct eg_fieldinfo {
	eg_loc *locs;   /* one per field of the object's scope in map.c; NULL: none */
	uint64_t unset; /* bit i: the input does not set field i */
} eg_fieldinfo;

/* Other resources of the picture that CloudFront objects point at. */
typedef enum eg_res_kind {
	EG_RES_CERTIFICATE,            /* ACM certificate */
	EG_RES_OAC,                    /* origin access control */
	EG_RES_CACHE_POLICY,
	EG_RES_ORIGIN_REQUEST_POLICY,
	EG_RES_BUCKET,                 /* S3 bucket */
	EG_RES_LAMBDA,                 /* Lambda function or version (Lambda@Edge) */
	EG_RES_ZONE,                   /* Route 53 hosted zone */
	EG_RES_CD_POLICY,              /* CloudFront continuous deployment policy */
	EG_RES_BUCKET_POLICY,          /* S3 bucket policy */
	EG_RES_LISTENER_RULE,          /* ALB listener rule */
	EG_RES_API_ROUTE,              /* API Gateway (HTTP or WebSocket API) route */
	EG_RES__COUNT
} eg_res_kind;

/* "certificate", "origin-access-control", ... */
const char *eg_res_kind_name(eg_res_kind k);

/* One such resource.  A kind uses the fields that fit it; the rest stay
 * NULL.  Matched to what points at it by id, ARN or name (any input), or
 * by a reference inside its own input (ref_* fields of the pointing
 * object). */
typedef struct eg_resource {
	eg_loc loc;
	eg_res_kind kind;
	const char *address;      /* resource address, logical id, URN name */
	const char *id;           /* OAC, policy or zone id; bucket name */
	const char *arn;          /* certificate, function (with its version) */
	const char *name;         /* OAC, policy, bucket, function or zone name */
	const char *domain;       /* certificate: its domain name */
	eg_strlist sans;          /* certificate: subject alternative names */
	const char *region;       /* certificate, bucket, function: from the ARN or the input */
	const char *origin_type;  /* OAC: s3, lambda, mediastore, mediapackagev2 */
	const char *signing_behavior; /* OAC: always, never, no-override */
	const char *header_behavior, *cookie_behavior, *query_behavior; /* policies */
	eg_strlist headers, cookies;
	const char *max_ttl;      /* cache policy: MaxTTL (0: nothing is cached) */
	eg_tri website;           /* bucket: website hosting configured */
	const char *version;      /* function: the published version, or $LATEST */
	eg_tri private_zone;      /* zone: associated with a VPC */
	eg_strlist staging_domains; /* continuous deployment policy: the staging
				       distributions' DNS names */
	eg_strlist staging_refs;  /* and the distributions those names refer to in
				     the policy's own input (addresses, logical ids) */
	const char *bucket;       /* bucket policy: the bucket's name */
	const char *bucket_ref;   /* bucket policy: same-input reference to the bucket */
	/* Bucket policy: the AWS:SourceArn values of its Allow statements for
	 * the cloudfront.amazonaws.com service principal; "*" for one without
	 * that condition (any distribution), "!..." for an unresolved
	 * expression (a template's !Sub), EG_UNKNOWN for a value known only
	 * after apply.  unknown: the document itself is not known. */
	eg_strlist cloudfront_grants;
	/* ALB listener rule: what it matches (one condition of each kind at
	 * most, as ELB allows) and where it sits; the API route's key
	 * ("POST /auth/{proxy+}", "$default"), API and integration. */
	const char *listener, *priority;
	eg_strlist path_patterns, host_headers, http_methods;
	const char *route_key, *api_id, *target;
	/* Lambda function: what Lambda@Edge refuses (environment variables,
	 * a VPC, layers, a container image); a version's function by a
	 * same-input reference (CloudFormation's AWS::Lambda::Version). */
	eg_tri env_vars, vpc;
	eg_strlist layers;
	const char *package_type;
	const char *function_ref;
	const struct eg_resource *version_of;
	size_t order;             /* position in the model's one order (eg_model_link) */
	eg_fieldinfo fi;
} eg_resource;

/* A function on a behavior: a CloudFront Function or Lambda@Edge. */
typedef struct eg_function_assoc {
	eg_loc loc;
	struct eg_behavior *behavior; /* the behavior it runs on */
	bool lambda;             /* Lambda@Edge; false: CloudFront Function */
	const char *event_type;  /* viewer-request, origin-request, ... */
	const char *arn;         /* function ARN (Lambda: with its version) */
	eg_tri include_body;     /* Lambda@Edge only */
	const eg_resource *function; /* the Lambda version, when in the picture */
	const char *ref;         /* same-input reference to it */
	/* When arn is known only after apply: whether what it refers to is a
	 * numbered version (a template's AWS::Lambda::Version) or cannot be
	 * one (a function's name or unqualified ARN, an alias). */
	eg_tri numbered;
	eg_fieldinfo fi;
} eg_function_assoc;

typedef struct eg_distribution eg_distribution;


typedef struct eg_origin {
	eg_loc loc;
	eg_distribution *dist;
	const eg_resource *oac;    /* set by eg_model_link when in the picture */
	const eg_resource *bucket;
	const eg_resource *bucket_policy; /* the policy of its bucket, when in the picture */
	const char *oac_ref;       /* address of the OAC the input refers to, in its own input */
	const char *id;          /* origin_id / Id */
	const char *domain;      /* domain_name / DomainName */
	const char *path;        /* origin_path */
	eg_origin_kind kind;
	const char *kind_source; /* "domain name", "reference to aws_lb.api", ... */
	const char *ref;         /* address of the resource the domain refers to, or NULL */
	const char *ref_attr;    /* the attribute of it the domain is (bucket_domain_name, DNSName), or NULL */
	const char *ref_name;    /* that resource's own name (bucket, load balancer) if known */
	eg_tag *ref_tags;        /* that resource's tags; env.c applies the config's tag_keys */
	size_t nref_tags, ref_tags_alloc;
	bool ref_same_stack;     /* ref is defined in the distribution's own template */
	const char *domain_hint; /* known owner part of an unresolved domain ("portal-api-staging") */
	const char *protocol_policy; /* custom origin: http-only, https-only, match-viewer */
	eg_tri s3_config;        /* has an s3_origin_config block */
	eg_tri custom_config;    /* has a custom_origin_config block */
	const char *oai;         /* origin access identity */
	const char *oac_id;      /* origin access control id */
	eg_strlist ssl_protocols; /* custom origin: TLSv1.2, ... */
	const char *http_port, *https_port;
	eg_tag *headers;         /* custom headers sent to the origin (name, value) */
	size_t nheaders, headers_alloc;
	eg_tri shield;           /* origin shield enabled */
	const char *shield_region;
	const char *vpc_origin_id;
	const char *env;         /* environment, or NULL */
	const char *env_source;  /* why: "token 'dev' in domain mesh-web-dev..." */
	eg_fieldinfo fi;
} eg_origin;

typedef struct eg_origin_group {
	eg_loc loc;
	const char *id;
	eg_strlist members; /* origin ids, primary first */
	eg_origin **member_origins; /* parallel to members: the origin with that id,
				      or NULL; set by eg_model_link */
	eg_strlist failover_codes; /* status codes that fail over to the next member */
	eg_fieldinfo fi;
} eg_origin_group;

typedef struct eg_behavior {
	eg_loc loc;
	eg_distribution *dist;
	int index;                /* 0-based in ordered list; -1 for default */
	bool is_default;
	const char *path_pattern; /* "*" for the default behavior */
	const char *target_origin_id;
	eg_strlist allowed_methods;
	eg_strlist cached_methods;
	const char *viewer_protocol_policy;
	const char *cache_policy_id;
	const char *origin_request_policy_id;
	const char *response_headers_policy_id;
	eg_tri compress;
	/* legacy ForwardedValues, when no cache policy */
	eg_tri forward_query_string;
	const char *forward_cookies;      /* none, whitelist, all */
	eg_strlist forward_cookie_names;
	eg_strlist forward_headers;
	const char *min_ttl, *default_ttl, *max_ttl;
	eg_function_assoc **functions; /* CloudFront Functions, then Lambda@Edge */
	size_t nfunctions, functions_alloc;
	bool functions_unknown;
	const eg_resource *cache_policy, *origin_request_policy; /* eg_model_link */
	const char *cache_policy_ref, *origin_request_policy_ref; /* same-input references */
	eg_strlist trusted_key_groups;
	eg_strlist trusted_signers;
	const char *field_level_encryption_id;
	eg_fieldinfo fi;
	/* Resolved by eg_model_link: at most one of these is set. */
	eg_origin *target;
	eg_origin_group *target_group;
} eg_behavior;

typedef struct eg_error_response {
	eg_loc loc;
	eg_distribution *dist;
	const char *error_code, *response_code, *page_path;
	const char *min_ttl; /* ErrorCachingMinTTL */
	eg_fieldinfo fi;
} eg_error_response;

struct eg_distribution {
	eg_loc loc;
	const char *address;     /* full resource address / logical id */
	const char *name;        /* resource name (last address part) */
	const char *action;      /* plan action: create, update, no-op, replace, read; NULL in state */
	const char *id;          /* distribution id (E...), may be unknown */
	const char *domain_name; /* dxxxx.cloudfront.net, may be unknown */
	const char *caller_reference; /* unique per distribution: ties a config to its state */
	const char *prior_id;    /* a plan's replace: the id of the distribution it replaces */
	const char *arn;         /* arn:PARTITION:cloudfront::ACCOUNT:distribution/ID */
	const char *account;     /* the AWS account it lives in, from its ARN, when known */
	const char *last_modified; /* LastModifiedTime / last_modified_time, as written */
	const char *comment;
	eg_tri enabled;
	eg_tri staging;          /* a continuous-deployment staging distribution */
	const char *continuous_deployment_policy_id;
	const eg_resource *cd_policy;   /* eg_model_link, when in the picture */
	const char *cd_policy_ref;      /* same-input reference to it */
	/* A staging distribution: the one whose continuous deployment policy
	 * names it, when in the picture (eg_model_link; may be superseded). */
	eg_distribution *primary;
	const char *http_version;
	eg_tri ipv6;
	const char *price_class;
	const char *web_acl_id;
	eg_tri logging;
	const char *logging_bucket;
	const char *logging_prefix;
	eg_tri logging_cookies;
	const char *geo_restriction;  /* none, whitelist, blacklist */
	eg_strlist geo_locations;
	const char *default_root_object;
	eg_strlist aliases;
	eg_loc aliases_loc;
	eg_loc *alias_locs;      /* per alias (parallel to aliases), or NULL: derive from aliases_loc */
	eg_tag *tags;
	size_t ntags, tags_alloc;
	bool tags_unknown;
	/* viewer certificate */
	const eg_resource *certificate; /* eg_model_link, when in the picture */
	const char *certificate_ref;    /* same-input reference to it */
	const char *acm_certificate_arn;
	const char *iam_certificate_id;
	eg_tri default_certificate;
	const char *minimum_protocol_version;
	const char *ssl_support_method;
	eg_loc viewer_certificate_loc;
	eg_origin **origins;
	size_t norigins, origins_alloc;
	bool origins_unknown;
	eg_origin_group **groups;
	size_t ngroups, groups_alloc;
	/* ordered behaviors in list order, then the default behavior last */
	eg_behavior **behaviors;
	size_t nbehaviors, behaviors_alloc;
	bool behaviors_unknown;
	eg_error_response **error_responses;
	size_t nerror_responses, error_responses_alloc;
	const char *stack;          /* CloudFormation stack name, or NULL (Terraform, or not given) */
	const char *construct_path; /* CDK Metadata aws:cdk:path, or NULL */
	const char *env_param;      /* a Stage/Environment-style template parameter "Stage=prod" */
	/* Aliases before this run's change: a plan's `before`, or what a live
	 * or state input of the same distribution says.  has_before is false
	 * when no input tells. */
	eg_strlist aliases_before;
	bool has_before;
	/* Set by eg_model_link: another input describes the same
	 * distribution and its view wins (plan over live over state, then the
	 * later LastModifiedTime). */
	eg_distribution *superseded_by;
	eg_distribution **seen_also; /* the views this one won over */
	size_t nseen_also, seen_also_alloc;
	/* "aliases, enabled" when a view it won over says otherwise; NULL when
	 * they agree */
	const char *view_differences;
	const char *env;        /* environment, or NULL */
	const char *env_source; /* where env came from, for every finding */
	size_t order;           /* position in the model's one order (eg_model_link) */
	bool shared_address;    /* another input names a distribution with this address */
	eg_fieldinfo fi;
};

typedef struct eg_dns_record {
	eg_loc loc;
	const char *address;   /* resource address / logical id */
	const char *name;      /* host name as written (may be unknown) */
	const char *type;      /* A, AAAA, CNAME, ... */
	const char *zone_id;
	const char *alias_name;    /* alias target DNS name, may be unknown */
	const char *alias_zone_id; /* alias target hosted zone, may be unknown */
	eg_strlist records;        /* CNAME and other plain values */
	const char *set_identifier; /* weighted, latency, ... routing; NULL for simple */
	/* When alias_zone_id is unknown but can only be one of these (a
	 * partition mapping, a distribution's hosted_zone_id). */
	eg_strlist alias_zone_candidates;
	const char *target_ref;    /* address of a referenced distribution, from config references */
	const eg_resource *zone;   /* eg_model_link, when in the picture */
	const char *zone_ref;      /* same-input reference to the zone */
	const char *zone_name;     /* the zone's name as the record gives it (HostedZoneName), or NULL */
	eg_tri evaluate_target_health; /* alias: AliasTarget.EvaluateTargetHealth (false when not set) */
	const char *stack;         /* as for distributions: references stay inside a stack */
	const char *construct_path;
	/* Set by eg_model_link. */
	eg_distribution *target;
	const char *link_source;   /* "resource reference", "domain name", "CNAME" */
	struct eg_dns_record *superseded_by; /* the same record in a more current input */
	bool deleted;              /* a change batch's DELETE: it takes the record away */
} eg_dns_record;

/* A host this run takes away from a distribution: an alias dropped by a
 * plan, or one held by a distribution the plan deletes. */
typedef struct eg_alias_removal {
	const char *host;
	const char *address;    /* of the distribution losing it */
	const char *id;         /* its AWS id when known, else NULL */
	const char *stack;
	const char *how;        /* "removed from aliases", "deleted with the distribution" */
	eg_loc loc;
} eg_alias_removal;

typedef struct eg_model {
	eg_arena arena;
	eg_source **sources;
	size_t nsources, sources_alloc;
	eg_distribution **dists;
	size_t ndists, dists_alloc;
	eg_dns_record **records;
	size_t nrecords, records_alloc;
	eg_alias_removal *removals;
	size_t nremovals, removals_alloc;
	eg_resource **resources;
	size_t nresources, resources_alloc;
	bool whole_account; /* a list-distributions output is among the inputs */
	eg_waivers waivers;  /* from CloudFormation Metadata.edgegate */
	struct eg_map_index *map_index; /* map.c's paths per scope, in the arena */
	struct eg_map_names *map_names; /* map.c's member names, in the arena */
} eg_model;

eg_model *eg_model_new(void);
void eg_model_free(eg_model *m); /* NULL is fine */

/* Takes ownership of src. */
void eg_model_add_source_take(eg_model *m, eg_source *src);

/* New nodes, zeroed, owned by the model, appended in order. */
eg_distribution *eg_model_add_distribution(eg_model *m, const eg_loc *loc, const char *address);
eg_origin *eg_model_add_origin(eg_model *m, eg_distribution *d, const eg_loc *loc);
eg_origin_group *eg_model_add_origin_group(eg_model *m, eg_distribution *d, const eg_loc *loc);
eg_behavior *eg_model_add_behavior(eg_model *m, eg_distribution *d, const eg_loc *loc);
eg_error_response *eg_model_add_error_response(eg_model *m, eg_distribution *d, const eg_loc *loc);
eg_function_assoc *eg_model_add_function(eg_model *m, eg_behavior *b, const eg_loc *loc);
void eg_model_add_header(eg_model *m, eg_origin *o, const char *name, const char *value);
eg_dns_record *eg_model_add_record(eg_model *m, const eg_loc *loc, const char *address);
eg_resource *eg_model_add_resource(eg_model *m, const eg_loc *loc, eg_res_kind kind,
				   const char *address);
void eg_model_add_tag(eg_model *m, eg_distribution *d, const char *key, const char *value);
void eg_model_add_ref_tag(eg_model *m, eg_origin *o, const char *key, const char *value);
/* Records that host leaves the distribution at address (strings borrowed
 * from the model or copied by the caller into its arena). */
void eg_model_add_removal(eg_model *m, const char *host, const char *address, const char *id,
			  const char *stack, const char *how, const eg_loc *loc);
/* A removal for each alias in d->aliases_before that d->aliases (known)
 * lacks; unknown items are skipped. */
void eg_model_diff_aliases(eg_model *m, const eg_distribution *d);

/* Copies into the arena; EG_UNKNOWN and NULL pass through unchanged. */
const char *eg_model_str(eg_model *m, const char *s);
void eg_strlist_push(eg_model *m, eg_strlist *l, const char *s);
/* A location below parent: its pointer with fmt appended, in arena a (the
 * model's while building it, a reader's own after). */
eg_loc eg_model_loc_child(eg_arena *a, const eg_loc *parent, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Whether l holds host (case and a trailing dot ignored; unknown items
 * never match). */
bool eg_strlist_has_host(const eg_strlist *l, const char *host);
/* Whether two stack names are the same stack (both NULL for Terraform). */
bool eg_same_stack(const char *a, const char *b);
/* How current an input's view is: 3 what is about to be applied (plans,
 * templates, previews), 2 what AWS says is live, 1 what state recorded. */
int eg_view_rank(const eg_loc *loc);

/* Whether two inputs describe one distribution.  Only an AWS identity
 * says so: the same known id (or the id a replace takes over), domain name
 * or caller reference.  An address or logical id names a resource only
 * inside its own input (one Terraform root, one stack): stages synthesized
 * from the same code share them. */
bool eg_distribution_same(const eg_distribution *a, const eg_distribution *b);
/* Appends "address (id, domain)" to sb: the address, then the id and
 * domain name that tie it to other inputs, when known. */
struct eg_strbuf;
void eg_distribution_label(const eg_distribution *d, struct eg_strbuf *sb);
/* Distributions and records once each (superseded views left out). */
void eg_model_count_distinct(const eg_model *m, size_t *ndists, size_t *nrecords);
/* Value of tag key in tags[0..n), matched case-insensitively, or NULL. */
const char *eg_tag_find(const eg_tag *tags, size_t n, const char *key);
/* Value of tag key, matched case-insensitively, or NULL. */
const char *eg_distribution_tag(const eg_distribution *d, const char *key);
/* Ordered behaviors then default; the default behavior, or NULL. */
const eg_behavior *eg_distribution_default_behavior(const eg_distribution *d);
/* First-match resolution of a request path; the default when nothing else
 * matches; NULL if behaviors are unknown or missing. *unknown is set when an
 * earlier pattern is unknown, so the answer cannot be trusted. */
const eg_behavior *eg_distribution_route(const eg_distribution *d, const char *path, bool *unknown);
/* Method mask of a behavior: absent allowed_methods means GET,HEAD;
 * returns -1 when the list is unknown. */
int eg_behavior_methods(const eg_behavior *b);

/* Fills in what needs the whole picture: behavior targets, origin kinds,
 * one view per distribution and DNS record (superseded_by), and DNS record
 * targets.  Call once after all ingest.  It first puts sources,
 * distributions and records in one order (by file name, then as written),
 * so nothing after it depends on the order the inputs were named in. */
void eg_model_link(eg_model *m);

/* Turns loc->pointer into line/col for JSON sources; no-op otherwise or
 * when already resolved. */
void eg_model_resolve_loc(eg_loc *loc);

#endif

/* cloudfront.h - CloudFront semantics as pure functions (../shared/CLOUDFRONT.md).
 *
 * Nothing here allocates or knows about input formats; every function takes
 * NUL-terminated strings and is safe on NULL (NULL never matches).
 */
#ifndef EG_CLOUDFRONT_H
#define EG_CLOUDFRONT_H

#include <stdbool.h>
#include <stddef.h>

/* CloudFront path-pattern match: '*' is zero or more characters including
 * '/', '?' exactly one; case-sensitive; a leading '/' is optional on both. */
bool eg_cf_path_match(const char *pattern, const char *path);

/* A request path that the route pattern covers, for first-match resolution:
 * '*' becomes "edgegate-probe", '?' becomes 'x', and a leading '/' is added.
 * Writes at most n bytes into buf (always terminated). */
void eg_cf_route_probe(const char *pattern, char *buf, size_t n);

/* A request path that both route and taker match and no earlier pattern
 * does, into out ("/api/x.json"): 1 when there is one, 0 when there is
 * none (the earlier patterns take all of it, or the two share no path),
 * -1 when the search is too large or out too small (unknown).  Decided
 * exactly for '*' and '?' (a breadth-first search over the patterns'
 * positions), so the path is the shortest such. */
int eg_cf_pattern_witness(const char *route, const char *taker, const char *const *earlier,
			  size_t nearlier, char *out, size_t outlen);

/* Whether every path inner matches, outer matches too (an earlier outer
 * shadows a later inner completely): 1 yes, 0 no, -1 too large to decide.
 * Decided exactly, as eg_cf_pattern_witness. */
int eg_cf_pattern_covers(const char *outer, const char *inner);

/* CloudFront's limits on a cache behavior's path pattern: at most
 * EG_CF_PATTERN_MAX characters from A-Z a-z 0-9 _ - . * $ / ~ " ' @ : +
 * and &, and '?' (a wildcard).  Returns the first character CloudFront
 * refuses, or '\0' when every one is allowed (NULL gives '\0'). */
#define EG_CF_PATTERN_MAX 255
char eg_cf_pattern_bad_char(const char *pattern);

/* Cache behaviors per distribution, the default quota (adjustable). */
#define EG_CF_BEHAVIOR_QUOTA 75

/* The qualifier of a Lambda function ARN
 * (arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER): a version
 * number, $LATEST or an alias; NULL when the ARN has none or is no Lambda
 * function ARN.  *len is its length. */
const char *eg_cf_lambda_qualifier(const char *arn, size_t *len);
/* Whether the ARN names a numbered version (the qualifier is all digits). */
bool eg_cf_lambda_numbered(const char *arn);

/* What a managed cache policy puts in the cache key (Developer Guide,
 * using-managed-cache-policies.html): headers, comma-separated; cookies
 * "none" or "all"; caches false when its TTLs are all 0 (CachingDisabled).
 * Only policies whose key settings are documented there are listed. */
typedef struct eg_cf_cache_key {
	const char *id, *name;
	const char *headers;
	const char *cookies;
	bool caches;
} eg_cf_cache_key;
/* The managed cache policy with this id (case-insensitive), or NULL. */
const eg_cf_cache_key *eg_cf_managed_cache_key(const char *id);

/* Same pattern after normalising the optional leading '/'. */
bool eg_cf_pattern_equal(const char *a, const char *b);

typedef enum eg_origin_kind {
	EG_ORIGIN_UNKNOWN = 0, /* domain not known yet and no hint */
	EG_ORIGIN_S3,          /* S3 REST endpoint */
	EG_ORIGIN_S3_WEBSITE,  /* S3 website endpoint (custom origin) */
	EG_ORIGIN_LB,          /* ALB / CLB / NLB */
	EG_ORIGIN_APIGW,       /* API Gateway execute-api */
	EG_ORIGIN_LAMBDA_URL,  /* Lambda function URL */
	EG_ORIGIN_MEDIASTORE,  /* MediaStore / MediaPackage */
	EG_ORIGIN_CLOUDFRONT,  /* another distribution */
	EG_ORIGIN_CUSTOM,      /* anything else */
	EG_ORIGIN_GROUP,       /* an origin group (failover), as a behavior target */
} eg_origin_kind;

/* Stable names used in rules and reports: "s3", "s3-website",
 * "load-balancer", "api-gateway", "lambda-url", "mediastore", "cloudfront",
 * "custom", "origin-group", "unknown". */
const char *eg_cf_origin_kind_name(eg_origin_kind k);
eg_origin_kind eg_cf_origin_kind_from_name(const char *name); /* UNKNOWN if none */

/* Classifies by domain name, case-insensitively, testing s3-website before
 * s3.  NULL gives EG_ORIGIN_UNKNOWN. */
eg_origin_kind eg_cf_classify_domain(const char *domain);

/* The part of an AWS endpoint that the owner chose (bucket or load balancer
 * name): "mesh-web-dev" for "mesh-web-dev.s3-website-us-east-1.amazonaws.com".
 * Returns the length of that prefix of domain (whole length if no AWS
 * suffix is recognised). */
size_t eg_cf_domain_owner_part(const char *domain);

/* Method sets as bit masks. */
enum {
	EG_M_GET = 1 << 0, EG_M_HEAD = 1 << 1, EG_M_OPTIONS = 1 << 2,
	EG_M_PUT = 1 << 3, EG_M_PATCH = 1 << 4, EG_M_POST = 1 << 5,
	EG_M_DELETE = 1 << 6,
};
#define EG_M_ALL 0x7f
unsigned eg_cf_method_bit(const char *name); /* 0 for unknown names; case-insensitive */
/* True for the three sets CloudFront accepts as AllowedMethods. */
bool eg_cf_methods_valid(unsigned mask);

/* DNS name comparison ignoring case and one trailing dot. */
bool eg_cf_host_equal(const char *a, const char *b);
/* The order that comparison sorts by (equal names compare 0). */
int eg_cf_host_cmp(const char *a, const char *b);
/* Whether a request for host reaches a distribution holding alias: equal,
 * or a wildcard "*.example.com" over host at any depth (a.b.example.com),
 * never the bare example.com (CloudFront Developer Guide,
 * alternate-domain-names-wildcard).  Case and trailing dots are ignored. */
bool eg_cf_alias_routes(const char *alias, const char *host);
/* Whether a certificate name covers host: a wildcard covers exactly one
 * label (www.example.com, not a.b.example.com nor example.com). */
bool eg_cf_cert_covers(const char *name, const char *host);
/* Whether some host is routed by both aliases. */
bool eg_cf_alias_overlap(const char *a, const char *b);
/* How specific an alias is, for "the more specific name wins": higher wins;
 * an exact name beats any wildcard, a longer wildcard a shorter one. */
int eg_cf_alias_specificity(const char *alias);

/* Whether a custom origin's domain is an application platform's host:
 * Elastic Beanstalk, App Runner, EC2 public DNS. */
bool eg_cf_is_app_host(const char *domain);

/* An ordered enumeration of CloudFront values, weakest (oldest) first, for
 * the rule operators at_least and below.  A value in the list ranks by its
 * position; an unlisted value that newer() accepts (a policy published
 * after this list, in its naming) ranks above every listed one; any other
 * value has no rank. */
typedef struct eg_cf_order {
	const char *name;            /* "viewer TLS security policy" */
	const char *const *values;
	size_t n;
	bool (*newer)(const char *value); /* NULL: no value is newer */
} eg_cf_order;

#define EG_CF_RANK_NONE (-1)
/* Rank of value in o: 0..n-1 when listed, n when newer than the list,
 * EG_CF_RANK_NONE when unrecognised (or NULL). */
int eg_cf_order_rank(const eg_cf_order *o, const char *value);

/* Viewer TLS security policies (ViewerCertificate.MinimumProtocolVersion),
 * in the order of the AWS table "Supported protocols and ciphers between
 * viewers and CloudFront": SSLv3 ... TLSv1.3_2025.  A future
 * "TLSv1.x_YYYY" (x >= 2, YYYY >= 2025) not in it counts as newer. */
extern const eg_cf_order eg_cf_tls_policies;

/* CloudFront's alias hosted zone ids. */
#define EG_CF_ZONE_ID "Z2FDTNDATAQYW2"
#define EG_CF_ZONE_ID_CN "Z3RFFRIM2A3IF5"
/* True for "dxxxx.cloudfront.net" (trailing dot allowed). */
bool eg_cf_is_distribution_domain(const char *host);

/* A managed cache or origin request policy.  headers: comma-separated;
 * for an origin request policy with header_behavior allExcept, the headers
 * it leaves out. */
typedef struct eg_cf_managed_policy {
	const char *id, *name;
	bool origin_request;     /* an origin request policy; false: a cache policy */
	const char *header_behavior; /* none, whitelist, allViewer, allViewerAndWhitelistCloudFront, allExcept */
	const char *headers;
	const char *query_behavior;
} eg_cf_managed_policy;

/* The managed policy with this id (case-insensitive), or NULL. */
const eg_cf_managed_policy *eg_cf_managed_policy_find(const char *id);
/* Whether a comma-separated header list names header, ignoring case. */
bool eg_cf_header_list_has(const char *list, const char *header);
/* True for BUCKET.s3.amazonaws.com, S3's legacy global endpoint. */
bool eg_cf_is_s3_global_endpoint(const char *domain);
/* The region an S3 endpoint name carries, into out[0..n); false if none. */
bool eg_cf_s3_domain_region(const char *domain, char *out, size_t n);

#endif

/* explain.h - `edgegate route`: which distribution, behavior and origin
 * serve one request, and why.
 *
 * It answers from the same view the rules evaluate, with the same
 * resolution: the distribution by the Host header
 * (eg_view_serving_claim), behaviors in CloudFront's order with
 * eg_cf_path_match, methods with eg_behavior_methods.  Nothing here is a
 * second copy of those decisions.
 *
 * Three-valued like the rules: a fact the inputs leave unknown is reported
 * as unknown, never as "no".
 *
 * Ownership: everything an eg_explain points at lives in the view (its
 * arena) or the model; it is valid until eg_view_free.
 */
#ifndef EG_EXPLAIN_H
#define EG_EXPLAIN_H

#include "attr.h"
#include "common.h"

#include <stdio.h>


typedef struct eg_explain_step {
	const eg_behavior *behavior;
	eg_tri matches;  /* the pattern matches the path */
	bool chosen;      /* the first match: CloudFront uses this one */
} eg_explain_step;

typedef struct eg_explain {
	const char *url, *host, *path, *method;
	/* the distribution */
	const eg_alias_claim *claim;  /* the alias that routes the host, or NULL */
	bool claim_unknown;           /* an alias or enabled flag that could decide is unknown */
	const eg_alias_claim **disabled; /* claims on disabled distributions that route it */
	size_t ndisabled;
	/* its behaviors, in CloudFront's order (ordered ones, then the default) */
	eg_explain_step *steps;
	size_t nsteps;
	bool behaviors_unknown;       /* the list or a pattern is not known */
	const eg_behavior *behavior;  /* the chosen one, or NULL */
	eg_tri method_allowed;
	/* where the request goes */
	const eg_origin *origin;      /* the target, or the group's primary */
	const eg_origin_group *group; /* when the behavior targets a group */
	const char *origin_path;      /* the path the origin receives, or NULL when unknown */
	eg_tri host_forwarded;       /* the viewer's Host header reaches the origin */
	const char *host_why;         /* the setting that decides it */
} eg_explain;

/* Explains method (GET when NULL) on url ("https://HOST/PATH", the query
 * ignored) over the view.  Returns 0, or EG_ERR_USAGE with err set for a
 * URL or method that is not one. */
int eg_explain_request(eg_view *v, const char *url, const char *method, eg_explain *out,
		       eg_error *err);

/* The explanation as text, or as JSON (schemas/route.schema.json).  The
 * caller checks out for write errors, as for every report. */
void eg_explain_print_text(FILE *out, eg_view *v, const eg_explain *e);
void eg_explain_print_json(FILE *out, eg_view *v, const eg_explain *e);

#endif

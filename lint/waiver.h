/* waiver.h - a waiver: "this rule may fail on this resource, because".
 *
 * Waivers come from .edgegate.yml (`waivers:`) and from a CloudFormation
 * resource's `Metadata.edgegate.waivers`; both are read by eg_waiver_parse
 * so they mean the same.  A waiver names a rule id and a resource (an
 * address or a glob over addresses), must give a reason and may expire.
 *
 * Ownership: strings live in the caller's arena.  `matched` is counted by
 * the gate (gate.h) while it applies waivers.
 */
#ifndef EG_WAIVER_H
#define EG_WAIVER_H

#include "arena.h"
#include "common.h"
#include "source.h"
#include "yamldoc.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct eg_waiver {
	const char *rule;      /* rule id */
	const char *resource;  /* address or glob; for Metadata, the resource's own */
	const char *stack;     /* Metadata: the resource's stack, else NULL (any) */
	const char *reason;
	char expires[11];      /* YYYY-MM-DD, the first day it no longer applies; "" */
	const char *file;      /* where it is written */
	const eg_source *src;  /* that file when it is an input (Metadata), else NULL */
	int line, col;
	size_t matched;        /* findings it suppressed or would have (expired) */
} eg_waiver;

typedef struct eg_waivers {
	eg_waiver *items;
	size_t n, alloc;
} eg_waivers;

/* Reads one waiver mapping {rule, resource, reason, expires}.  With
 * resource_fixed (Metadata), `resource` must be absent and the waiver covers
 * that resource.  Errors use code (EG_ERR_CONFIG or EG_ERR_INPUT) and n's
 * file:line:col. */
int eg_waiver_parse(const eg_ynode *n, const char *file, const char *resource_fixed,
		    const char *stack, eg_arena *a, eg_status code, eg_waiver *out,
		    eg_error *err);
/* Reads a list of waivers into ws (growing it). */
int eg_waivers_parse(const eg_ynode *list, const char *file, const char *resource_fixed,
		     const char *stack, eg_arena *a, eg_status code, eg_waivers *ws,
		     eg_error *err);
void eg_waivers_release(eg_waivers *ws); /* frees the array, not the strings */

/* Whether s is a real calendar date written YYYY-MM-DD. */
bool eg_date_valid(const char *s);

#endif

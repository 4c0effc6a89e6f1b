/* hostix.h - an index of host names, so that "which aliases cover this host"
 * and "which records sit under this wildcard" cost a few binary searches,
 * not a pass over every alias or record of the run.
 *
 * The index narrows: it returns every item that could match, and callers
 * decide with cloudfront.h's predicates (eg_cf_alias_routes, ...), so the
 * index never holds a CloudFront fact of its own.  Names compare without
 * case and without a trailing dot.
 *
 * Ownership: the index and the keys it builds live in the arena given to
 * eg_hostix_build; items are borrowed.
 */
#ifndef EG_HOSTIX_H
#define EG_HOSTIX_H

#include "arena.h"

#include <stddef.h>

typedef struct eg_hostix_entry {
	const char *key;  /* lower case, no trailing dot */
	const char *rkey; /* key with its bytes reversed: names under a domain sort together */
	size_t order;     /* position in the caller's list: results come back in this order */
	const void *item;
} eg_hostix_entry;

typedef struct eg_hostix {
	eg_hostix_entry *by_key;   /* sorted by key */
	eg_hostix_entry **by_rkey; /* the same entries, sorted by rkey */
	size_t n;
} eg_hostix;

/* names[i] (NULL or unknown: left out) names items[i]. */
void eg_hostix_build(eg_hostix *ix, eg_arena *a, const char *const *names,
		     const void *const *items, size_t n);

/* The items that may match host: those named host itself, those named
 * "*.S" for every domain S above host (a wildcard alias that covers it),
 * and, when host is "*.D", every name under D.  Each once, in the order
 * given to eg_hostix_build; *out is in a.  Returns the count. */
size_t eg_hostix_candidates(const eg_hostix *ix, eg_arena *a, const char *host,
			    const void ***out);

#endif

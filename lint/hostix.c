/* hostix.c - host names indexed by name and by reversed name. */
#include "hostix.h"

#include "common.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *lower_key(eg_arena *a, const char *s, bool reverse)
{
	size_t n = strlen(s), i;
	char *k;

	if (n > 1 && s[n - 1] == '.')
		n--;
	k = eg_arena_alloc(a, n + 1);
	for (i = 0; i < n; i++) {
		char c = s[reverse ? n - 1 - i : i];
		k[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	k[n] = '\0';
	return k;
}

static int cmp_key(const void *pa, const void *pb)
{
	const eg_hostix_entry *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

static int cmp_rkey(const void *pa, const void *pb)
{
	const eg_hostix_entry *a = *(eg_hostix_entry *const *)pa, *b = *(eg_hostix_entry *const *)pb;
	int c = strcmp(a->rkey, b->rkey);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

void eg_hostix_build(eg_hostix *ix, eg_arena *a, const char *const *names,
		     const void *const *items, size_t n)
{
	size_t i, k = 0;

	ix->by_key = eg_arena_alloc(a, (n ? n : 1) * sizeof(*ix->by_key));
	ix->by_rkey = eg_arena_alloc(a, (n ? n : 1) * sizeof(*ix->by_rkey));
	for (i = 0; i < n; i++) {
		if (!eg_known(names[i]))
			continue;
		ix->by_key[k].key = lower_key(a, names[i], false);
		ix->by_key[k].rkey = lower_key(a, names[i], true);
		ix->by_key[k].order = i;
		ix->by_key[k].item = items[i];
		k++;
	}
	ix->n = k;
	qsort(ix->by_key, k, sizeof(*ix->by_key), cmp_key);
	for (i = 0; i < k; i++)
		ix->by_rkey[i] = &ix->by_key[i];
	qsort(ix->by_rkey, k, sizeof(*ix->by_rkey), cmp_rkey);
}

/* First entry whose key is >= key (or, by_rkey, whose rkey is). */
static size_t lower_bound(const eg_hostix *ix, const char *key, bool reversed)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = reversed ? ix->by_rkey[mid]->rkey : ix->by_key[mid].key;
		if (strcmp(k, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

typedef struct hits {
	const eg_hostix_entry **e;
	size_t n, alloc;
	eg_arena *a;
} hits;

static void hit(hits *h, const eg_hostix_entry *e)
{
	EG_ARENA_GROW(h->a, h->e, h->n + 1, h->alloc);
	h->e[h->n++] = e;
}

static void exact(const eg_hostix *ix, const char *key, hits *h)
{
	size_t i;

	for (i = lower_bound(ix, key, false); i < ix->n && !strcmp(ix->by_key[i].key, key); i++)
		hit(h, &ix->by_key[i]);
}

static int cmp_order(const void *pa, const void *pb)
{
	const eg_hostix_entry *a = *(const eg_hostix_entry *const *)pa;
	const eg_hostix_entry *b = *(const eg_hostix_entry *const *)pb;

	return (a->order > b->order) - (a->order < b->order);
}

size_t eg_hostix_candidates(const eg_hostix *ix, eg_arena *a, const char *host,
			    const void ***out)
{
	hits h = { NULL, 0, 0, a };
	char *key, *wild;
	const char *dot;
	size_t i, n = 0;

	*out = NULL;
	if (!eg_known(host) || !ix->n)
		return 0;
	key = lower_key(a, host, false);
	exact(ix, key, &h);
	/* "*.S" for each domain S above the host */
	wild = eg_arena_alloc(a, strlen(key) + 3);
	for (dot = strchr(key, '.'); dot; dot = strchr(dot + 1, '.')) {
		snprintf(wild, strlen(key) + 3, "*%s", dot);
		if (strcmp(wild, key))
			exact(ix, wild, &h);
	}
	/* every name under D, for a host "*.D": reversed, they start "D." */
	if (!strncmp(key, "*.", 2)) {
		char *under = lower_key(a, key + 1, true); /* ".D" reversed: "D." */
		size_t len = strlen(under);
		for (i = lower_bound(ix, under, true); i < ix->n; i++) {
			if (strncmp(ix->by_rkey[i]->rkey, under, len))
				break;
			hit(&h, ix->by_rkey[i]);
		}
	}
	if (h.n)
		qsort(h.e, h.n, sizeof(*h.e), cmp_order);
	*out = eg_arena_alloc(a, (h.n ? h.n : 1) * sizeof(**out));
	for (i = 0; i < h.n; i++)
		if (!i || h.e[i] != h.e[i - 1])
			(*out)[n++] = h.e[i]->item;
	return n;
}

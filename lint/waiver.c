/* waiver.c - reading waivers; applying them is the gate's job. */
#include "waiver.h"

#include <stdlib.h>
#include <string.h>

bool eg_date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1)
		return false;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return d <= 29;
	return d <= days[m - 1];
}

static int text(const eg_ynode *map, const char *key, const char *file, eg_status code,
		const char **out, eg_error *err)
{
	const eg_ynode *v = eg_ynode_get(map, key);

	if (!v)
		return eg_error_set(err, code, file, map->line, map->col,
				    "a waiver needs `%s`", key);
	if (v->kind != EG_Y_SCALAR || eg_ynode_is_null(v) || !v->len)
		return eg_error_set(err, code, file, v->line, v->col,
				    "waiver `%s` must be a non-empty string", key);
	*out = v->str;
	return 0;
}

int eg_waiver_parse(const eg_ynode *n, const char *file, const char *resource_fixed,
		    const char *stack, eg_arena *a, eg_status code, eg_waiver *out,
		    eg_error *err)
{
	static const char *const keys[] = { "rule", "resource", "reason", "expires", NULL };
	static const char *const fixed_keys[] = { "rule", "reason", "expires", NULL };
	const char *rule, *resource = resource_fixed, *reason, *expires;
	const eg_ynode *e;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!n || n->kind != EG_Y_MAP)
		return eg_error_set(err, code, file, n ? n->line : 0, n ? n->col : 0,
				    "a waiver must be a mapping of rule, %sreason and expires",
				    resource_fixed ? "" : "resource, ");
	if ((rc = eg_ynode_check_keys(n, "waiver", resource_fixed ? fixed_keys : keys, file,
				      code, err)) ||
	    (rc = text(n, "rule", file, code, &rule, err)) ||
	    (!resource_fixed && (rc = text(n, "resource", file, code, &resource, err))) ||
	    (rc = text(n, "reason", file, code, &reason, err)))
		return rc;
	if ((e = eg_ynode_get(n, "expires"))) {
		/* YAML reads an unquoted date as a plain scalar, which is what we want. */
		if ((rc = text(n, "expires", file, code, &expires, err)))
			return rc;
		if (!eg_date_valid(expires))
			return eg_error_set(err, code, file, e->line, e->col,
					    "waiver `expires` must be a date YYYY-MM-DD, not '%s'",
					    expires);
		memcpy(out->expires, expires, 11);
	}
	out->rule = eg_arena_strdup(a, rule);
	out->resource = eg_arena_strdup(a, resource);
	out->stack = stack ? eg_arena_strdup(a, stack) : NULL;
	out->reason = eg_arena_strdup(a, reason);
	out->file = eg_arena_strdup(a, file);
	out->line = n->line;
	out->col = n->col;
	return 0;
}

int eg_waivers_parse(const eg_ynode *list, const char *file, const char *resource_fixed,
		     const char *stack, eg_arena *a, eg_status code, eg_waivers *ws,
		     eg_error *err)
{
	size_t i;
	int rc;

	if (!list || list->kind != EG_Y_SEQ)
		return eg_error_set(err, code, file, list ? list->line : 0, list ? list->col : 0,
				    "waivers must be a list of {rule, %sreason, expires}",
				    resource_fixed ? "" : "resource, ");
	for (i = 0; i < list->nitems; i++) {
		EG_ALLOC_GROW(ws->items, ws->n + 1, ws->alloc);
		if ((rc = eg_waiver_parse(list->items[i], file, resource_fixed, stack, a, code,
					  &ws->items[ws->n], err)))
			return rc;
		ws->n++;
	}
	return 0;
}

void eg_waivers_release(eg_waivers *ws)
{
	eg_free(ws->items);
	memset(ws, 0, sizeof(*ws));
}

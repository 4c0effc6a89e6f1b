/* config.c - defaults and the .edgegate.yml file. */
#include "config.h"

#include "strbuf.h"
#include "yamldoc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *const severity_names[] = { "never", "note", "warning", "error" };

const char *eg_severity_name(eg_severity s)
{
	return s <= EG_SEV_ERROR ? severity_names[s] : "?";
}

bool eg_severity_parse(const char *s, bool allow_never, eg_severity *out)
{
	int i;

	for (i = allow_never ? 0 : 1; i <= EG_SEV_ERROR; i++)
		if (!strcmp(s, severity_names[i])) {
			*out = (eg_severity)i;
			return true;
		}
	return false;
}

static const char *const write_methods[] = { "POST", "PUT", "PATCH", "DELETE" };
static eg_route default_routes[] = {
	{ "/auth/*", (const char **)write_methods, 4 },
	{ "/api/*", (const char **)write_methods, 4 },
};
static const char *default_tag_keys[] = { "Environment", "Env", "Stage" };

void eg_config_init(eg_config *c)
{
	const eg_env_vocab *v = eg_env_default_vocab();

	memset(c, 0, sizeof(*c));
	eg_arena_init(&c->arena);
	c->fail_on = EG_SEV_ERROR;
	c->unknown_severity = EG_SEV_WARNING;
	c->tls_floor = EG_CONFIG_TLS_FLOOR;
	c->routes = default_routes;
	c->nroutes = EG_ARRAY_SIZE(default_routes);
	c->behavior_quota = EG_CF_BEHAVIOR_QUOTA;
	c->env_tag_keys = default_tag_keys;
	c->nenv_tag_keys = EG_ARRAY_SIZE(default_tag_keys);
	/* A private copy of the default vocabulary, so the file can extend it. */
	c->vocab.entries = eg_arena_alloc(&c->arena, v->n * sizeof(*v->entries));
	memcpy(c->vocab.entries, v->entries, v->n * sizeof(*v->entries));
	c->vocab.n = c->vocab.alloc = v->n;
}

void eg_config_release(eg_config *c)
{
	eg_waivers_release(&c->waivers);
	eg_arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

/* prefix + name, where prefix is "" or ends in '/'; "." for the empty path. */
static bool exists_at(eg_strbuf *sb, const char *prefix, const char *name, struct stat *st)
{
	eg_sb_reset(sb);
	eg_sb_adds(sb, prefix);
	eg_sb_adds(sb, *name ? name : (*prefix ? "" : "."));
	return stat(sb->buf, st) == 0;
}

int eg_config_find(const char *dir, char **path, eg_error *err)
{
	static const char *const names[] = { ".edgegate.yml", ".edgegate.yaml" };
	eg_strbuf prefix = EG_STRBUF_INIT, sb = EG_STRBUF_INIT;
	struct stat st, up;
	size_t levels = 0, depth, i;
	bool found[2];
	int rc = 0;

	*path = NULL;
	if (dir && strcmp(dir, ".")) {
		eg_sb_adds(&prefix, dir);
		if (prefix.buf[prefix.len - 1] != '/')
			eg_sb_addc(&prefix, '/');
	}
	/* How many levels up the repository root is: 0 outside a repository. */
	for (depth = 0; depth < 256; depth++) {
		if (exists_at(&sb, prefix.buf, ".git", &st)) {
			levels = depth;
			break;
		}
		/* The filesystem root is its own parent. */
		if (!exists_at(&sb, prefix.buf, "", &st) || !exists_at(&sb, prefix.buf, "..", &up) ||
		    (st.st_dev == up.st_dev && st.st_ino == up.st_ino)) {
			depth = 256;
			break;
		}
		eg_sb_adds(&prefix, "../");
	}
	if (depth == 256)
		levels = 0;
	eg_sb_reset(&prefix);
	if (dir && strcmp(dir, ".")) {
		eg_sb_adds(&prefix, dir);
		if (prefix.buf[prefix.len - 1] != '/')
			eg_sb_addc(&prefix, '/');
	}
	for (depth = 0; depth <= levels && !*path && !rc; depth++) {
		for (i = 0; i < EG_ARRAY_SIZE(names); i++)
			found[i] = exists_at(&sb, prefix.buf, names[i], &st) && !S_ISDIR(st.st_mode);
		if (found[0] && found[1])
			rc = eg_error_set(err, EG_ERR_CONFIG, NULL, 0, 0,
					  "both %s%s and %s%s exist: keep one (or name it with --config)",
					  prefix.buf, names[0], prefix.buf, names[1]);
		else if (found[0] || found[1]) {
			exists_at(&sb, prefix.buf, names[found[0] ? 0 : 1], &st);
			*path = eg_sb_detach(&sb);
		}
		eg_sb_adds(&prefix, "../");
	}
	eg_sb_release(&prefix);
	eg_sb_release(&sb);
	return rc;
}

typedef struct ctx {
	eg_config *c;
	const char *file;
	eg_error *err;
} ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(ctx *x, const eg_ynode *n, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return eg_error_set(x->err, EG_ERR_CONFIG, x->file, n ? n->line : 0, n ? n->col : 0,
			    "%s", msg);
}

static int check_keys(ctx *x, const eg_ynode *map, const char *where,
		      const char *const *allowed)
{
	return eg_ynode_check_keys(map, where, allowed, x->file, EG_ERR_CONFIG, x->err);
}

static int want_map(ctx *x, const eg_ynode *n, const char *what)
{
	if (!n || n->kind != EG_Y_MAP)
		return fail(x, n, "%s must be a mapping", what);
	return 0;
}

static int want_text(ctx *x, const eg_ynode *n, const char *what)
{
	if (!n || n->kind != EG_Y_SCALAR || eg_ynode_is_null(n) || !n->len)
		return fail(x, n, "%s must be a non-empty string", what);
	return 0;
}

/* The non-empty string at key of map (what names it in messages); a
 * missing key is reported at map, which has a position. */
static int want_key_text(ctx *x, const eg_ynode *map, const char *key, const char *what)
{
	const eg_ynode *n = eg_ynode_get(map, key);

	if (!n)
		return fail(x, map, "%s is missing", what);
	return want_text(x, n, what);
}

static int string_list(ctx *x, const eg_ynode *n, const char *what,
		       const char ***out, size_t *nout)
{
	size_t i;

	if (!n || n->kind != EG_Y_SEQ || !n->nitems)
		return fail(x, n, "%s must be a non-empty list of strings", what);
	*out = eg_arena_alloc(&x->c->arena, n->nitems * sizeof(**out));
	for (i = 0; i < n->nitems; i++) {
		if (want_text(x, n->items[i], what))
			return x->err->code;
		(*out)[i] = eg_arena_strdup(&x->c->arena, n->items[i]->str);
	}
	*nout = n->nitems;
	return 0;
}

static int severity(ctx *x, const eg_ynode *n, bool allow_never, eg_severity *out)
{
	if (want_text(x, n, "severity"))
		return x->err->code;
	if (!eg_severity_parse(n->str, allow_never, out))
		return fail(x, n, "expected %s, not '%s'",
			    allow_never ? "error, warning, note or never" : "error, warning or note",
			    n->str);
	return 0;
}

static int load_routes(ctx *x, const eg_ynode *n)
{
	static const char *const keys[] = { "path", "methods", NULL };
	size_t i, j;

	if (!n || n->kind != EG_Y_SEQ)
		return fail(x, n, "routes must be a list of {path, methods}");
	x->c->routes = eg_arena_alloc(&x->c->arena, (n->nitems + 1) * sizeof(eg_route));
	x->c->nroutes = n->nitems;
	for (i = 0; i < n->nitems; i++) {
		const eg_ynode *r = n->items[i], *methods;
		eg_route *route = &x->c->routes[i];
		if (want_map(x, r, "a route") || check_keys(x, r, "route", keys) ||
		    want_key_text(x, r, "path", "route path"))
			return x->err->code;
		route->path = eg_arena_strdup(&x->c->arena, eg_ynode_get(r, "path")->str);
		methods = eg_ynode_get(r, "methods");
		if (!methods) {
			route->methods = (const char **)write_methods;
			route->nmethods = EG_ARRAY_SIZE(write_methods);
			continue;
		}
		if (string_list(x, methods, "methods", &route->methods, &route->nmethods))
			return x->err->code;
		for (j = 0; j < route->nmethods; j++) {
			char *upper;
			size_t k;
			if (!eg_cf_method_bit(route->methods[j]))
				return fail(x, methods->items[j], "unknown HTTP method '%s'",
					    route->methods[j]);
			/* the check ignores case; evaluation compares with the
			 * behaviors' methods, which CloudFront spells in capitals */
			upper = eg_arena_strdup(&x->c->arena, route->methods[j]);
			for (k = 0; upper[k]; k++)
				upper[k] = (char)toupper((unsigned char)upper[k]);
			route->methods[j] = upper;
		}
	}
	return 0;
}

/* session: {routes: [PATTERN, ...], cookies: [NAME, ...]} */
static int load_session(ctx *x, const eg_ynode *n)
{
	static const char *const keys[] = { "routes", "cookies", NULL };
	const eg_ynode *v;

	if (want_map(x, n, "session") || check_keys(x, n, "session", keys))
		return x->err->code;
	if ((v = eg_ynode_get(n, "routes")) &&
	    string_list(x, v, "session.routes", &x->c->session_routes, &x->c->nsession_routes))
		return x->err->code;
	if ((v = eg_ynode_get(n, "cookies")) &&
	    string_list(x, v, "session.cookies", &x->c->session_cookies, &x->c->nsession_cookies))
		return x->err->code;
	return 0;
}

/* quotas: {cache_behaviors: N}, raised by a quota increase */
static int load_quotas(ctx *x, const eg_ynode *n)
{
	static const char *const keys[] = { "cache_behaviors", NULL };
	const eg_ynode *v;
	char *end;
	unsigned long q;

	if (want_map(x, n, "quotas") || check_keys(x, n, "quotas", keys))
		return x->err->code;
	if (!(v = eg_ynode_get(n, "cache_behaviors")))
		return 0;
	if (want_text(x, v, "quotas.cache_behaviors"))
		return x->err->code;
	q = strtoul(v->str, &end, 10);
	if (*end || v->str[0] == '-' || q < 1 || q > 100000)
		return fail(x, v, "quotas.cache_behaviors must be a whole number from 1 to 100000, not '%s'",
			    v->str);
	x->c->behavior_quota = (unsigned)q;
	return 0;
}

static int load_tokens(ctx *x, const eg_ynode *n)
{
	eg_env_vocab *v = &x->c->vocab;
	size_t i, j;

	if (want_map(x, n, "environments.tokens"))
		return x->err->code;
	for (i = 0; i < n->npairs; i++) {
		const char *env = eg_arena_strdup(&x->c->arena, n->pairs[i].key->str);
		eg_env_entry *e = NULL;
		for (j = 0; j < v->n && !e; j++)
			if (!strcmp(v->entries[j].env, env))
				e = &v->entries[j];
		if (!e) {
			EG_ARENA_GROW(&x->c->arena, v->entries, v->n + 1, v->alloc);
			e = &v->entries[v->n++];
			e->env = env;
		}
		if (string_list(x, n->pairs[i].value, "tokens", &e->tokens, &e->ntokens))
			return x->err->code;
	}
	return 0;
}

static void add_env_rule(eg_config *c, const char *pattern, const char *env, const char *origin)
{
	eg_env_rule *r;

	EG_ARENA_GROW(&c->arena, c->env_rules, c->nenv_rules + 1, c->env_rules_alloc);
	r = &c->env_rules[c->nenv_rules++];
	r->pattern = eg_arena_strdup(&c->arena, pattern);
	r->env = eg_arena_strdup(&c->arena, env);
	r->origin = eg_arena_strdup(&c->arena, origin);
}

static int load_env_resources(ctx *x, const eg_ynode *n)
{
	static const char *const keys[] = { "match", "environment", NULL };
	size_t i;

	if (!n || n->kind != EG_Y_SEQ)
		return fail(x, n, "environments.resources must be a list of {match, environment}");
	for (i = 0; i < n->nitems; i++) {
		const eg_ynode *r = n->items[i];
		char origin[600];
		if (want_map(x, r, "an environment mapping") ||
		    check_keys(x, r, "environment mapping", keys) ||
		    want_key_text(x, r, "match", "match") ||
		    want_key_text(x, r, "environment", "environment"))
			return x->err->code;
		snprintf(origin, sizeof(origin), "%s:%d", x->file, r->line);
		add_env_rule(x->c, eg_ynode_get(r, "match")->str,
			     eg_ynode_get(r, "environment")->str, origin);
	}
	return 0;
}

static int load_environments(ctx *x, const eg_ynode *n)
{
	static const char *const keys[] = { "tag_keys", "tokens", "resources", NULL };
	const eg_ynode *v;

	if (want_map(x, n, "environments") || check_keys(x, n, "environments", keys))
		return x->err->code;
	if ((v = eg_ynode_get(n, "tag_keys")) &&
	    string_list(x, v, "tag_keys", &x->c->env_tag_keys, &x->c->nenv_tag_keys))
		return x->err->code;
	if ((v = eg_ynode_get(n, "tokens")) && load_tokens(x, v))
		return x->err->code;
	if ((v = eg_ynode_get(n, "resources")) && load_env_resources(x, v))
		return x->err->code;
	return 0;
}

/* One of the listed policies: a floor newer than the list could not be
 * compared with what the inputs say. */
static int tls_floor(ctx *x, const eg_ynode *n)
{
	const eg_cf_order *o = &eg_cf_tls_policies;
	eg_strbuf sb = EG_STRBUF_INIT;
	int rank;
	size_t i;

	if (want_text(x, n, "tls_floor"))
		return x->err->code;
	rank = eg_cf_order_rank(o, n->str);
	if (rank >= 0 && (size_t)rank < o->n) {
		x->c->tls_floor = o->values[rank];
		return 0;
	}
	for (i = 0; i < o->n; i++)
		eg_sb_addf(&sb, "%s%s", i ? ", " : "", o->values[i]);
	fail(x, n, "tls_floor '%s' is not a %s (known: %s)", n->str, o->name, sb.buf);
	eg_sb_release(&sb);
	return x->err->code;
}

static int load_rule_settings(ctx *x, const eg_ynode *n)
{
	static const char *const keys[] = { "enabled", "severity", NULL };
	const eg_rule_override *prev;
	size_t i;

	if (want_map(x, n, "rules"))
		return x->err->code;
	/* keep what an earlier file set: a second file applies on top */
	prev = x->c->overrides;
	x->c->overrides = eg_arena_alloc(&x->c->arena, (x->c->noverrides + n->npairs + 1) *
					 sizeof(eg_rule_override));
	if (x->c->noverrides)
		memcpy(x->c->overrides, prev, x->c->noverrides * sizeof(eg_rule_override));
	for (i = 0; i < n->npairs; i++) {
		const eg_ynode *k = n->pairs[i].key, *v = n->pairs[i].value, *e, *s;
		eg_rule_override *o = NULL;
		bool enabled;
		size_t j;
		for (j = 0; j < x->c->noverrides && !o; j++)
			if (!strcmp(x->c->overrides[j].rule, k->str))
				o = &x->c->overrides[j];
		if (!o) {
			o = &x->c->overrides[x->c->noverrides++];
			o->rule = eg_arena_strdup(&x->c->arena, k->str);
		}
		o->file = eg_arena_strdup(&x->c->arena, x->file);
		o->line = k->line;
		o->col = k->col;
		if (want_map(x, v, "a rule setting") || check_keys(x, v, "rule setting", keys))
			return x->err->code;
		if ((e = eg_ynode_get(v, "enabled"))) {
			if (!eg_ynode_bool(e, &enabled) || e->quoted)
				return fail(x, e, "enabled must be true or false");
			o->disabled = !enabled;
		}
		if ((s = eg_ynode_get(v, "severity"))) {
			if (severity(x, s, false, &o->severity))
				return x->err->code;
			o->has_severity = true;
		}
	}
	return 0;
}

const char *eg_select_name(eg_select_kind kind, bool cli)
{
	static const char *const names[2][EG_SELECT__COUNT] = {
		{ "select.rules", "select.tags", "skip.rules", "skip.tags" },
		{ "--rule", "--tag", "--skip-rule", "--skip-tag" },
	};
	return kind < EG_SELECT__COUNT ? names[cli][kind] : "?";
}

static void add_select(eg_config *c, eg_select_kind kind, const char *pattern, const char *file,
		       int line, int col)
{
	eg_select_list *l = &c->select[kind];
	eg_select_item *it;

	EG_ARENA_GROW(&c->arena, l->items, l->n + 1, l->alloc);
	it = &l->items[l->n++];
	it->pattern = eg_arena_strdup(&c->arena, pattern);
	it->file = file;
	it->line = line;
	it->col = col;
}

void eg_config_add_select_arg(eg_config *c, eg_select_kind kind, const char *pattern)
{
	if ((kind == EG_SELECT_RULES || kind == EG_SELECT_TAGS) && !c->select_from_cli) {
		c->select[EG_SELECT_RULES].n = 0;
		c->select[EG_SELECT_TAGS].n = 0;
		c->select_from_cli = true;
	}
	add_select(c, kind, pattern, NULL, 0, 0);
}

/* select: {rules: [GLOB...], tags: [TAG...]} or the same under skip:.  A
 * second file's lists add to the first's. */
static int load_selection(ctx *x, const eg_ynode *n, const char *what, eg_select_kind first)
{
	static const char *const keys[] = { "rules", "tags", NULL };
	size_t k, i;

	if (want_map(x, n, what) || check_keys(x, n, what, keys))
		return x->err->code;
	for (k = 0; k < 2; k++) {
		const eg_ynode *v = eg_ynode_get(n, keys[k]);
		if (!v)
			continue;
		if (v->kind != EG_Y_SEQ)
			return fail(x, v, "%s.%s must be a list of rule ids or tags (globs)", what,
				    keys[k]);
		for (i = 0; i < v->nitems; i++) {
			const eg_ynode *it = v->items[i];
			if (it->kind != EG_Y_SCALAR || eg_ynode_is_null(it) || !it->len)
				return fail(x, it, "%s.%s: each entry must be a non-empty string",
					    what, keys[k]);
			add_select(x->c, (eg_select_kind)(first + k), it->str, x->file, it->line,
				   it->col);
		}
	}
	return 0;
}

int eg_config_load(eg_config *c, const char *path, eg_error *err)
{
	static const char *const keys[] = {
		"fail_on", "unknown_severity", "routes", "session", "quotas", "environments",
		"rules", "select", "skip", "waivers", "tls_floor", NULL,
	};
	eg_ydoc_limits limits = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc = NULL;
	const eg_ynode *root, *n;
	ctx x;
	int rc;

	x.c = c;
	x.file = eg_arena_strdup(&c->arena, path);
	x.err = err;
	c->file = x.file;
	limits.max_bytes = 1 << 20;
	limits.max_nodes = 100000;
	rc = eg_ydoc_load(&doc, path, &limits, err);
	if (rc) {
		if (rc != EG_ERR_IO)
			rc = err->code = EG_ERR_CONFIG;
		goto out;
	}
	root = doc->root;
	if (!root) /* an empty file keeps the defaults */
		goto out;
	if ((rc = want_map(&x, root, "the config file")) ||
	    (rc = check_keys(&x, root, "config", keys)))
		goto out;
	if ((n = eg_ynode_get(root, "fail_on"))) {
		if ((rc = severity(&x, n, true, &c->fail_on)))
			goto out;
		c->has_fail_on = true;
	}
	if ((n = eg_ynode_get(root, "unknown_severity"))) {
		if ((rc = severity(&x, n, false, &c->unknown_severity)))
			goto out;
		c->unknown_severity_set = true;
	}
	if ((n = eg_ynode_get(root, "tls_floor")) && (rc = tls_floor(&x, n)))
		goto out;
	if ((n = eg_ynode_get(root, "routes")) && (rc = load_routes(&x, n)))
		goto out;
	if ((n = eg_ynode_get(root, "session")) && (rc = load_session(&x, n)))
		goto out;
	if ((n = eg_ynode_get(root, "quotas")) && (rc = load_quotas(&x, n)))
		goto out;
	if ((n = eg_ynode_get(root, "environments")) && (rc = load_environments(&x, n)))
		goto out;
	if ((n = eg_ynode_get(root, "rules")) && (rc = load_rule_settings(&x, n)))
		goto out;
	if ((n = eg_ynode_get(root, "select")) &&
	    (rc = load_selection(&x, n, "select", EG_SELECT_RULES)))
		goto out;
	if ((n = eg_ynode_get(root, "skip")) && (rc = load_selection(&x, n, "skip", EG_SKIP_RULES)))
		goto out;
	if ((n = eg_ynode_get(root, "waivers")) &&
	    (rc = eg_waivers_parse(n, x.file, NULL, NULL, &c->arena, EG_ERR_CONFIG, &c->waivers, err)))
		goto out;
out:
	eg_ydoc_free(doc);
	return rc;
}

const eg_rule_override *eg_config_override(const eg_config *c, const char *rule)
{
	size_t i;

	for (i = 0; i < c->noverrides; i++)
		if (!strcmp(c->overrides[i].rule, rule))
			return &c->overrides[i];
	return NULL;
}

/* An --env value must be an environment the vocabulary knows (its name or
 * one of its tokens): a typo would silently leave a distribution in no
 * environment, and an error unreported. */
static int known_env(const eg_config *c, const char *env, eg_error *err)
{
	const char **names = eg_xcalloc(c->vocab.n + 1, sizeof(*names));
	eg_strbuf list = EG_STRBUF_INIT;
	const char *hint;
	size_t i, j;
	int rc = 0;

	for (i = 0; i < c->vocab.n; i++) {
		const eg_env_entry *e = &c->vocab.entries[i];
		names[i] = e->env;
		if (!strcasecmp(e->env, env))
			goto out;
		for (j = 0; j < e->ntokens; j++)
			if (!strcasecmp(e->tokens[j], env))
				goto out;
		eg_sb_addf(&list, "%s%s", i ? ", " : "", e->env);
	}
	hint = eg_suggest(env, names, c->vocab.n);
	rc = eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
			  "--env: '%s' is no environment edgegate knows%s%s%s (known: %s; add one "
			  "under environments in .edgegate.yml)",
			  env, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "",
			  list.buf);
out:
	eg_sb_release(&list);
	eg_free(names);
	return rc;
}

int eg_config_add_env_arg(eg_config *c, const char *arg, eg_error *err)
{
	const char *eq = strrchr(arg, '=');
	char *pattern;
	int rc;

	if (!*arg || (eq && (eq == arg || !eq[1])))
		return eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
				    "--env takes ENV or PATTERN=ENV, not '%s'", arg);
	if ((rc = known_env(c, eq ? eq + 1 : arg, err)))
		return rc;
	if (!eq) {
		add_env_rule(c, "*", arg, "--env");
		return 0;
	}
	pattern = eg_xstrndup(arg, (size_t)(eq - arg));
	add_env_rule(c, pattern, eq + 1, "--env");
	eg_free(pattern);
	return 0;
}

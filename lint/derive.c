/* derive.c - facts computed across the whole model once it is built, before
 * any rule runs: the environment of each distribution and origin. */
#include "derive.h"

#include "common.h"
#include "env.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- assigning environments to the model ----------------------------------- */

static const char *canonical_env(eg_model *m, const eg_env_vocab *v, const char *value)
{
	char buf[128];
	const char *env = eg_env_canonical(v, value, buf, sizeof(buf));
	return env == buf ? eg_arena_strdup(&m->arena, buf) : env;
}

/* First env rule matching the distribution; --env rules before the file's. */
/* The names an --env or config pattern is matched against. */
static size_t dist_keys(const eg_distribution *d, const char **keys, size_t max)
{
	const char *one[5] = { d->address, d->id, d->domain_name, d->stack, d->construct_path };
	size_t n = 0, i;

	for (i = 0; i < 5 && n < max; i++)
		if (eg_known(one[i]))
			keys[n++] = one[i];
	for (i = 0; i < d->aliases.n && n < max; i++)
		if (eg_known(d->aliases.items[i]))
			keys[n++] = d->aliases.items[i];
	return n;
}

/* The key closest to a glob: its literal head against the keys' heads of
 * the same length, so "aws_cloudfront_distribution.sight*" finds
 * aws_cloudfront_distribution.site["canary"]. */
static const char *suggest_key(const char *pattern, const char *const *keys, size_t n)
{
	size_t lit = strcspn(pattern, "*?"), i;
	char *head = eg_xstrndup(pattern, lit), **heads = eg_xcalloc(n + 1, sizeof(*heads));
	const char *pick;

	for (i = 0; i < n; i++)
		heads[i] = eg_xstrndup(keys[i], lit < strlen(keys[i]) ? lit : strlen(keys[i]));
	pick = eg_suggest(head, (const char *const *)heads, n);
	for (i = 0; pick && i < n; i++)
		if (heads[i] == pick)
			pick = keys[i];
	for (i = 0; i < n; i++)
		eg_free(heads[i]);
	eg_free(heads);
	eg_free(head);
	return pick;
}

int eg_derive_check_env_args(const eg_model *m, const eg_config *c, eg_error *err)
{
	size_t i, j, k, n, ncand = 0, alloc = 0;
	const char **cand = NULL, *keys[64];
	int rc = 0;

	for (i = 0; i < c->nenv_rules && !rc; i++) {
		const eg_env_rule *r = &c->env_rules[i];
		bool hit = false;
		if (strcmp(r->origin, "--env") || !strcmp(r->pattern, "*"))
			continue;
		for (j = 0; j < m->ndists && !hit; j++) {
			n = dist_keys(m->dists[j], keys, EG_ARRAY_SIZE(keys));
			for (k = 0; k < n && !hit; k++) {
				hit = eg_glob_match(r->pattern, keys[k]);
				EG_ALLOC_GROW(cand, ncand + 1, alloc);
				cand[ncand++] = keys[k];
			}
		}
		if (!hit) {
			const char *hint = suggest_key(r->pattern, cand, ncand);
			rc = eg_error_set(err, EG_ERR_USAGE, NULL, 0, 0,
					  "--env %s=%s: the pattern matches no distribution's address, "
					  "id, domain name, stack, construct path or alias%s%s%s",
					  r->pattern, r->env, hint ? " (did you mean '" : "",
					  hint ? hint : "", hint ? "'?)" : "");
		}
		ncand = 0;
	}
	eg_free(cand);
	return rc;
}

static const eg_env_rule *env_rule_for(const eg_config *c, const eg_distribution *d)
{
	int pass;
	size_t i, j;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->nenv_rules; i++) {
			const eg_env_rule *r = &c->env_rules[i];
			const char *keys[64];
			size_t n = dist_keys(d, keys, EG_ARRAY_SIZE(keys));
			if ((strcmp(r->origin, "--env") == 0) != (pass == 0))
				continue;
			for (j = 0; j < n; j++)
				if (eg_glob_match(r->pattern, keys[j]))
					return r;
		}
	return NULL;
}

static void assign_distribution(eg_model *m, const eg_config *c, eg_distribution *d)
{
	const eg_env_rule *r = env_rule_for(c, d);
	const char *token, *env;
	size_t i;

	if (r) {
		d->env = canonical_env(m, &c->vocab, r->env);
		d->env_source = r->pattern[0] == '*' && !r->pattern[1]
					? eg_arena_printf(&m->arena, "%s %s", r->origin, r->env)
					: eg_arena_printf(&m->arena, "%s, match '%s'", r->origin, r->pattern);
		return;
	}
	if (d->tags_unknown) {
		d->env = EG_UNKNOWN;
		d->env_source = "tags are not known (left to apply, or stored as a secret)";
		return;
	}
	for (i = 0; i < c->nenv_tag_keys; i++) {
		const char *v = eg_distribution_tag(d, c->env_tag_keys[i]);
		if (!v)
			continue;
		if (eg_is_unknown(v)) {
			d->env = EG_UNKNOWN;
			d->env_source = eg_arena_printf(&m->arena, "tag %s is not known until apply",
							c->env_tag_keys[i]);
			return;
		}
		if (!*v)
			continue;
		d->env = canonical_env(m, &c->vocab, v);
		d->env_source = eg_arena_printf(&m->arena, "tag %s=%s", c->env_tag_keys[i], v);
		return;
	}
	if (d->env_param && !eg_is_unknown(d->env_param)) {
		const char *eq = strchr(d->env_param, '=');
		d->env = canonical_env(m, &c->vocab, eq ? eq + 1 : d->env_param);
		d->env_source = eg_arena_printf(&m->arena, "template parameter %s", d->env_param);
		return;
	}
	if (d->stack && (env = eg_env_from_name(&c->vocab, d->stack, &token))) {
		d->env = env;
		d->env_source = eg_arena_printf(&m->arena, "token '%s' in stack name %s", token, d->stack);
		return;
	}
	if ((env = eg_env_from_name(&c->vocab, d->address, &token))) {
		d->env = env;
		d->env_source = eg_arena_printf(&m->arena, "token '%s' in address %s", token, d->address);
		return;
	}
	if (d->comment && !eg_is_unknown(d->comment) &&
	    (env = eg_env_from_name(&c->vocab, d->comment, &token))) {
		d->env = env;
		d->env_source = eg_arena_printf(&m->arena, "token '%s' in comment \"%s\"", token, d->comment);
		return;
	}
	for (i = 0; i < d->aliases.n; i++) {
		const char *a = d->aliases.items[i];
		if (!eg_is_unknown(a) && (env = eg_env_from_name(&c->vocab, a, &token))) {
			d->env = env;
			d->env_source = eg_arena_printf(&m->arena, "token '%s' in alias %s", token, a);
			return;
		}
	}
	/* Live JSON has no tags; what it serves still says where it belongs. */
	env = NULL;
	for (i = 0; i < d->norigins && !d->origins_unknown; i++) {
		const char *oe = d->origins[i]->env;
		if (!oe || eg_is_unknown(oe) || (env && strcmp(env, oe))) {
			env = NULL;
			break;
		}
		env = oe;
	}
	if (env) {
		d->env = env;
		d->env_source = d->norigins == 1
					? eg_arena_printf(&m->arena, "its origin is %s: %s", env,
							  d->origins[0]->env_source)
					: eg_arena_printf(&m->arena, "all %zu origins are %s", d->norigins, env);
		return;
	}
	d->env = NULL;
	d->env_source = "none found: no environment tag, parameter or config entry, and no environment token in the stack, address, comment or aliases; the origins do not agree on one";
}

/* Kinds whose domain starts with an AWS-generated id carry no environment. */
static bool owner_named(eg_origin_kind k)
{
	return k == EG_ORIGIN_S3 || k == EG_ORIGIN_S3_WEBSITE || k == EG_ORIGIN_LB ||
	       k == EG_ORIGIN_CUSTOM || k == EG_ORIGIN_MEDIASTORE;
}

static void assign_origin(eg_model *m, const eg_config *c, eg_origin *o)
{
	const char *token, *env;
	bool domain_known = o->domain && !eg_is_unknown(o->domain);
	size_t i;

	if (domain_known && owner_named(o->kind)) {
		size_t n = eg_cf_domain_owner_part(o->domain);
		char *owner = eg_arena_strndup(&m->arena, o->domain, n);
		if ((env = eg_env_from_name(&c->vocab, owner, &token))) {
			o->env = env;
			o->env_source = eg_arena_printf(&m->arena, "token '%s' in %s", token, owner);
			return;
		}
	}
	if (o->domain_hint && (env = eg_env_from_name(&c->vocab, o->domain_hint, &token))) {
		o->env = env;
		o->env_source = eg_arena_printf(&m->arena, "token '%s' in %s (domain name pattern)",
						token, o->domain_hint);
		return;
	}
	if (o->path && !eg_is_unknown(o->path) &&
	    (env = eg_env_from_name(&c->vocab, o->path, &token))) {
		o->env = env;
		o->env_source = eg_arena_printf(&m->arena, "token '%s' in origin path %s", token, o->path);
		return;
	}
	for (i = 0; i < c->nenv_tag_keys; i++) {
		const char *v = eg_tag_find(o->ref_tags, o->nref_tags, c->env_tag_keys[i]);
		if (!v || eg_is_unknown(v) || !*v)
			continue;
		o->env = canonical_env(m, &c->vocab, v);
		o->env_source = eg_arena_printf(&m->arena, "tag %s=%s on %s", c->env_tag_keys[i], v,
						o->ref);
		return;
	}
	if (o->ref_name && (env = eg_env_from_name(&c->vocab, o->ref_name, &token))) {
		o->env = env;
		o->env_source = eg_arena_printf(&m->arena, "token '%s' in %s (%s)", token, o->ref_name, o->ref);
		return;
	}
	/* One template is one stack, deployed with one set of parameters: a
	 * bucket it creates cannot belong to another environment. */
	if (o->ref_same_stack) {
		o->env = NULL;
		o->env_source = eg_arena_printf(&m->arena, "%s is created by the same stack", o->ref);
		return;
	}
	if (!domain_known && o->domain && !o->ref_name) {
		o->env = EG_UNKNOWN;
		o->env_source = "domain name is not known until apply";
		return;
	}
	o->env = NULL;
	o->env_source = NULL;
}

void eg_derive_environments(eg_model *m, const eg_config *c)
{
	size_t i, j;

	for (i = 0; i < m->ndists; i++) {
		eg_distribution *d = m->dists[i];
		for (j = 0; j < d->norigins; j++)
			assign_origin(m, c, d->origins[j]);
		assign_distribution(m, c, d);
	}
}

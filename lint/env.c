/* env.c - environment names from whole tokens (prod, stg, dev, ...).
 *
 * Tokens: a name is cut at every byte that is not an ASCII letter or digit,
 * at lower-to-upper steps ("ProdSite" -> Prod, Site), before the last capital
 * of a capital run that goes on in lower case ("APIProd" -> API, Prod), and
 * between letters and digits ("prod1" -> prod, 1; "2dev" -> 2, dev), so the
 * common "prod1", "dev2", "stg3" name an environment.  Tokens compare whole
 * and ASCII case-insensitively: "webdev" and "devops" carry no environment.
 * Bytes outside ASCII are separators.
 *
 * Splitting at digits has a cost: a random identifier such as an API Gateway
 * id "ab7qa9xyz1" yields the token "qa".  Callers should take environments
 * from owner-chosen names, not from AWS-generated ids.
 */
#include "env.h"

#include "common.h"
#include "config.h"
#include "model.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* --- the built-in vocabulary (../shared/CLOUDFRONT.md, "Environments") --- */

static const char *production_tokens[] = { "prod", "prd", "production" };
static const char *staging_tokens[] = { "stg", "stage", "staging" };
static const char *dev_tokens[] = { "dev", "development" };
static const char *qa_tokens[] = { "qa" };
static const char *test_tokens[] = { "test" };
static const char *uat_tokens[] = { "uat" };
static const char *canary_tokens[] = { "canary" };
static const char *preview_tokens[] = { "preview" };
static const char *sandbox_tokens[] = { "sandbox" };

#define ENV_ENTRY(env, tokens) { (env), (tokens), EG_ARRAY_SIZE(tokens) }

static eg_env_entry default_entries[] = {
	ENV_ENTRY(EG_ENV_PRODUCTION, production_tokens),
	ENV_ENTRY("staging", staging_tokens),
	ENV_ENTRY("dev", dev_tokens),
	ENV_ENTRY("qa", qa_tokens),
	ENV_ENTRY("test", test_tokens),
	ENV_ENTRY("uat", uat_tokens),
	ENV_ENTRY("canary", canary_tokens),
	ENV_ENTRY("preview", preview_tokens),
	ENV_ENTRY("sandbox", sandbox_tokens),
};

/* Read-only: handed out as const and never grown or freed. */
static eg_env_vocab default_vocab = {
	default_entries,
	EG_ARRAY_SIZE(default_entries),
	EG_ARRAY_SIZE(default_entries),
};

const eg_env_vocab *eg_env_default_vocab(void)
{
	return &default_vocab;
}

/* --- ASCII classes, independent of the locale ----------------------------- */

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_lower(c) || is_upper(c) || is_digit(c);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static char to_lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* --- tokens ---------------------------------------------------------------- */

/* Whether a new token starts at t, where t[-1] and t[0] are both alnum. */
static bool starts_token(const char *t)
{
	char prev = t[-1], c = t[0];

	if (is_digit(prev) != is_digit(c))
		return true; /* prod1, 2dev */
	if (is_lower(prev) && is_upper(c))
		return true; /* prodSite */
	return is_upper(prev) && is_upper(c) && is_lower(t[1]); /* APIProd */
}

/* Finds the token at or after *cursor: sets *start and *len, moves *cursor
 * past it and returns true; returns false when the name has no more. */
static bool next_token(const char **cursor, const char **start, size_t *len)
{
	const char *s = *cursor, *t;

	while (*s && !is_alnum(*s))
		s++;
	if (!*s) {
		*cursor = s;
		return false;
	}
	for (t = s + 1; is_alnum(*t) && !starts_token(t); t++)
		;
	*start = s;
	*len = (size_t)(t - s);
	*cursor = t;
	return true;
}

/* The environment whose token equals s[0..len) ignoring case, or NULL;
 * *token (may be NULL) gets the vocabulary's spelling of that token. */
static const char *vocab_lookup(const eg_env_vocab *v, const char *s,
				size_t len, const char **token)
{
	size_t i, j, k;

	for (i = 0; i < v->n; i++) {
		const eg_env_entry *e = &v->entries[i];

		for (j = 0; j < e->ntokens; j++) {
			const char *tok = e->tokens[j];

			if (strlen(tok) != len)
				continue;
			for (k = 0; k < len && to_lower(tok[k]) == to_lower(s[k]);
			     k++)
				;
			if (k == len) {
				if (token)
					*token = tok;
				return e->env;
			}
		}
	}
	return NULL;
}

/* NULL v or name gives NULL. */
const char *eg_env_from_name(const eg_env_vocab *v, const char *name,
			     const char **token)
{
	const char *cursor = name, *start, *env;
	size_t len;

	if (token)
		*token = NULL;
	if (!v || !name)
		return NULL;
	while (next_token(&cursor, &start, &len)) {
		env = vocab_lookup(v, start, len, token);
		if (env)
			return env;
	}
	return NULL;
}

/* The whole value, without surrounding white space, is compared as one token:
 * "Prod" and "PRD" give "production", but "prod-eu" is not a known token and
 * comes back as "prod-eu" (use eg_env_from_name to search inside names).
 * Returns a vocabulary string, or buf holding the lower-cased value (cut to
 * n - 1 bytes).  NULL value, an empty or blank value, or an unknown value
 * with no buf (NULL or n == 0) give NULL.  A NULL v knows no tokens. */
const char *eg_env_canonical(const eg_env_vocab *v, const char *value,
			     char *buf, size_t n)
{
	const char *env;
	size_t len, i;

	if (!value)
		return NULL;
	while (is_space(*value))
		value++;
	len = strlen(value);
	while (len > 0 && is_space(value[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	env = v ? vocab_lookup(v, value, len, NULL) : NULL;
	if (env)
		return env;
	if (!buf || n == 0)
		return NULL;
	if (len > n - 1)
		len = n - 1;
	for (i = 0; i < len; i++)
		buf[i] = to_lower(value[i]);
	buf[len] = '\0';
	return buf;
}

/* --- assigning environments to the model ----------------------------------- */

static const char *canonical_env(eg_model *m, const eg_env_vocab *v, const char *value)
{
	char buf[128];
	const char *env = eg_env_canonical(v, value, buf, sizeof(buf));
	return env == buf ? eg_arena_strdup(&m->arena, buf) : env;
}

/* First env rule matching the distribution; --env rules before the file's. */
static const eg_env_rule *env_rule_for(const eg_config *c, const eg_distribution *d)
{
	int pass;
	size_t i, j;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->nenv_rules; i++) {
			const eg_env_rule *r = &c->env_rules[i];
			const char *keys[5] = { d->address, d->id, d->domain_name, d->stack,
						d->construct_path };
			if ((strcmp(r->origin, "--env") == 0) != (pass == 0))
				continue;
			for (j = 0; j < 5; j++)
				if (keys[j] && !eg_is_unknown(keys[j]) && eg_glob_match(r->pattern, keys[j]))
					return r;
			for (j = 0; j < d->aliases.n; j++)
				if (!eg_is_unknown(d->aliases.items[j]) &&
				    eg_glob_match(r->pattern, d->aliases.items[j]))
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

void eg_env_assign(eg_model *m, const eg_config *c)
{
	size_t i, j;

	for (i = 0; i < m->ndists; i++) {
		eg_distribution *d = m->dists[i];
		for (j = 0; j < d->norigins; j++)
			assign_origin(m, c, d->origins[j]);
		assign_distribution(m, c, d);
	}
}

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

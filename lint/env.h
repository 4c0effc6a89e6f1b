/* env.h - environment names from whole tokens (prod, stg, dev, ...).
 *
 * A vocabulary maps tokens to environment names.  Names are split on every
 * character that is not a letter or digit, and at lower-to-upper case steps
 * ("ProdSite" -> prod, site); tokens compare case-insensitively and whole, so
 * "webdev" and "devops" are not "dev".  The vocabulary borrows its strings.
 */
#ifndef EG_ENV_H
#define EG_ENV_H

#include <stddef.h>

typedef struct eg_env_entry {
	const char *env;     /* canonical name: "production", "staging", ... */
	const char **tokens; /* tokens that mean env */
	size_t ntokens;
} eg_env_entry;

typedef struct eg_env_vocab {
	eg_env_entry *entries;
	size_t n, alloc;
} eg_env_vocab;

/* The built-in vocabulary (static storage; never freed). */
const eg_env_vocab *eg_env_default_vocab(void);

/* First token of name that the vocabulary knows, scanning left to right.
 * Returns the environment, or NULL; *token (may be NULL) gets a pointer to
 * the matching vocabulary token. */
const char *eg_env_from_name(const eg_env_vocab *v, const char *name,
			     const char **token);

/* Canonical environment for a tag value such as "prod" or "Production";
 * a value that is no known token is returned lower-cased in buf. */
const char *eg_env_canonical(const eg_env_vocab *v, const char *value,
			     char *buf, size_t n);

/* Whether env names the production environment ("production"). */
#define EG_ENV_PRODUCTION "production"

#endif

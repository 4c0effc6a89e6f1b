/* config.h - the user's .edgegate.yml: routes, environments, rule settings.
 *
 * An eg_config owns its strings (one arena); eg_config_release frees them.
 * eg_config_init fills in the defaults, so a run without a config file sees
 * the same settings the README documents.  Unknown keys and bad values are
 * errors with file:line:col.
 */
#ifndef EG_CONFIG_H
#define EG_CONFIG_H

#define EG_CONFIG_TLS_FLOOR "TLSv1.2_2018"

#include "arena.h"
#include "common.h"
#include "cloudfront.h"
#include "env.h"
#include "waiver.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum eg_severity {
	EG_SEV_NONE = 0, /* only for --fail-on never */
	EG_SEV_NOTE = 1,
	EG_SEV_WARNING = 2,
	EG_SEV_ERROR = 3,
} eg_severity;

const char *eg_severity_name(eg_severity s); /* "error", "warning", "note", "never" */
/* Parses "error", "warning", "note" (and "never" when allow_never). */
bool eg_severity_parse(const char *s, bool allow_never, eg_severity *out);

/* A write route that must reach a backend (rule write-route-unreachable). */
typedef struct eg_route {
	const char *path;     /* CloudFront path pattern, such as /auth/ followed by a star */
	const char **methods; /* e.g. POST, PUT, PATCH, DELETE */
	size_t nmethods;
} eg_route;

/* "resources matching pattern are in env" (config environments.resources, --env). */
typedef struct eg_env_rule {
	const char *pattern; /* glob over addresses, ids and aliases */
	const char *env;
	const char *origin;  /* where it was said: ".edgegate.yml:12" or "--env" */
} eg_env_rule;

typedef struct eg_rule_override {
	const char *rule;
	bool disabled;
	bool has_severity;
	eg_severity severity;
	const char *file;
	int line, col;
} eg_rule_override;

/* Rule selection: select.rules/tags and skip.rules/tags in the config,
 * --rule, --tag, --skip-rule and --skip-tag on the command line. */
typedef enum eg_select_kind {
	EG_SELECT_RULES, EG_SELECT_TAGS, EG_SKIP_RULES, EG_SKIP_TAGS, EG_SELECT__COUNT
} eg_select_kind;

typedef struct eg_select_item {
	const char *pattern; /* a glob over rule ids, or over tags */
	const char *file;    /* the config file, or NULL for the command line */
	int line, col;
} eg_select_item;

typedef struct eg_select_list {
	eg_select_item *items;
	size_t n, alloc;
} eg_select_list;

/* "select.rules", "--rule", ...: how the user wrote kind. */
const char *eg_select_name(eg_select_kind kind, bool cli);

typedef struct eg_config {
	eg_arena arena;
	const char *file;          /* NULL when defaults only */
	bool has_fail_on;
	eg_severity fail_on;       /* default error */
	eg_severity unknown_severity; /* "cannot verify" findings; default warning */
	bool unknown_severity_set;    /* set by the user: overrides each rule's own */
	eg_route *routes;
	size_t nroutes;
	/* Sign-in and session routes (`session:`): path patterns whose
	 * responses set or read a session, and the cookies that carry it. */
	const char **session_routes;
	size_t nsession_routes;
	const char **session_cookies;
	size_t nsession_cookies;
	unsigned behavior_quota;   /* cache behaviors per distribution (`quotas:`), default 75 */
	eg_env_vocab vocab;        /* token vocabulary */
	const char **env_tag_keys; /* tag keys read for the environment */
	size_t nenv_tag_keys;
	eg_env_rule *env_rules;
	size_t nenv_rules, env_rules_alloc;
	eg_rule_override *overrides;
	size_t noverrides;
	eg_waivers waivers;        /* `waivers:`; strings in the arena */
	eg_select_list select[EG_SELECT__COUNT]; /* in the arena */
	bool select_from_cli;      /* --rule/--tag replaced select: */
	/* The weakest viewer TLS policy tls-policy-weak accepts
	 * (eg_cf_tls_policies); default TLSv1.2_2018, the first without
	 * TLS 1.0 and 1.1. */
	const char *tls_floor;
} eg_config;

void eg_config_init(eg_config *c);
void eg_config_release(eg_config *c);
/* The config file a run without --config reads: .edgegate.yml or
 * .edgegate.yaml in dir (NULL or "." for the current directory), else in
 * its parent, and so on up to the repository root, the first directory
 * that holds .git (a directory, or a file in a worktree or submodule),
 * which is the last one looked at.  Outside a repository only dir itself
 * is looked at: a stray file higher up never applies.  On return *path is
 * the file, relative to dir as the caller named it (".edgegate.yml",
 * "../.edgegate.yaml"), eg_xmalloc'd; NULL when there is none.  Both names in
 * one directory is EG_ERR_CONFIG naming both: which one is meant? */
int eg_config_find(const char *dir, char **path, eg_error *err);
/* Reads and applies a YAML config file on top of the current settings. */
int eg_config_load(eg_config *c, const char *path, eg_error *err);
/* The settings for rule id (`rules:`), or NULL. */
const eg_rule_override *eg_config_override(const eg_config *c, const char *rule);
/* Adds a command-line selection (--rule, --tag, --skip-rule, --skip-tag).
 * The first --rule or --tag replaces the config's select: lists (the
 * command line chooses what runs); skips add to the config's. */
void eg_config_add_select_arg(eg_config *c, eg_select_kind kind, const char *pattern);
/* Adds an environment rule ("PATTERN=ENV", or "ENV" for every distribution). */
int eg_config_add_env_arg(eg_config *c, const char *arg, eg_error *err);

#endif

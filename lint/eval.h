/* eval.h - checks the rules against the model and collects findings.
 *
 * Conditions are three-valued (true, false, unknown).  An object whose
 * assert is false is a finding at the rule's severity; one whose facts are
 * unknown ("known after apply", unresolved intrinsics) is a "cannot verify"
 * finding at the unknown severity (default warning, never above the rule's),
 * so unknown is never read as empty or false.
 *
 * Ownership: eg_findings owns its findings and their strings (one arena);
 * findings borrow rules and model nodes, which must outlive them.
 */
#ifndef EG_EVAL_H
#define EG_EVAL_H

#include "config.h"
#include "model.h"
#include "patch.h"
#include "rules.h"

typedef enum eg_suppression {
	EG_SUPPRESS_NONE,
	EG_SUPPRESS_WAIVER,    /* a waiver in force covers it */
	EG_SUPPRESS_BASELINE,  /* its fingerprint is in --baseline */
} eg_suppression;

typedef struct eg_finding {
	const eg_rule *rule;
	eg_severity severity;
	bool cannot_verify;
	const char *message;
	const char *resource;        /* resource address */
	const char *stack;           /* CloudFormation stack, or NULL */
	const char *construct_path;  /* CDK aws:cdk:path, or NULL */
	eg_loc loc;
	const eg_distribution *dist; /* for the environment line; may be NULL */
	/* Identity for baselines and SARIF: rule, stack, resource, object and
	 * whether it failed or could not be verified; never lines or wording. */
	char fingerprint[33];
	/* The fix as text in the language of the input at loc (patch.h), with
	 * where it goes; NULL when the rule gives none for that language. */
	const char *patch, *patch_place;
	eg_patch_lang patch_lang;
	eg_loc patch_loc;            /* the object it changes (SARIF's fix) */
	const char *patch_resource;  /* and its resource address */
	/* Set by the gate (gate.h), not by evaluation. */
	eg_suppression suppressed;
	const eg_waiver *waiver;     /* the suppressing waiver, or the expired one */
	bool waiver_expired;
} eg_finding;

/* A rule checked against a resource: JUnit's test cases. */
typedef struct eg_check {
	const eg_rule *rule;
	const char *resource;
	const char *stack;           /* or NULL */
	const eg_source *src;        /* where the resource is written */
} eg_check;

typedef struct eg_findings {
	eg_arena arena;
	eg_finding *items;
	size_t n, alloc;
	size_t rules_run;
	size_t checks;               /* rule x object evaluations (the where filter passed) */
	eg_check *checked;           /* distinct rule x resource pairs, sorted */
	size_t nchecked, checked_alloc;
} eg_findings;

void eg_findings_init(eg_findings *f);
void eg_findings_release(eg_findings *f);

/* Runs every enabled rule over the model.  Locations are resolved to
 * line:col and findings sorted by file, line, column and rule. */
void eg_eval_run(const eg_ruleset *rs, const eg_model *m, const eg_config *c,
		 eg_findings *out);

/* By file, line, column, rule and message (eg_eval_run already does). */
void eg_findings_sort(eg_findings *f);

/* Counts findings at or above sev, or at sev, that are not suppressed. */
size_t eg_findings_count_at_least(const eg_findings *f, eg_severity sev);
size_t eg_findings_count(const eg_findings *f, eg_severity sev);
size_t eg_findings_count_suppressed(const eg_findings *f, eg_suppression why);
/* The findings eg_findings_count counts, by their rule's primary tag:
 * counts[k] for eg_categories[k], counts[EG_CATEGORY_COUNT] for rules
 * without exactly one. */
void eg_findings_count_categories(const eg_findings *f, size_t counts[EG_CATEGORY_COUNT + 1]);

#endif

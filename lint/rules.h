/* rules.h - declarative YAML rules: loading and checking them.
 *
 * A rule file holds one rule:
 *
 *   id: production-without-aliases        # [a-z0-9-], unique in the run
 *   title: ...                            # one line
 *   severity: error | warning | note
 *   description: ...                      # what breaks and why
 *   remediation: ...                      # one line: the fix
 *   references: [url, ...]
 *   tags: [alias, dns]                    # optional
 *   scope: distribution | origin | behavior | alias | dns_record | route | function
 *          | error_response
 *   routes: [{path: PATTERN, methods: [POST]}]    # scope route only; default: config
 *   where: <condition>                    # optional filter
 *   assert: <condition>                   # must hold for every object
 *   message: "text {attribute.path}"      # or a list of {when: cond, text: ...,
 *                                         #   severity: ...}: a case's own severity,
 *                                         #   weaker (less evidence) or stronger (a
 *                                         #   configured write route) than the rule's
 *   unknown:                              # optional: when facts are unknown
 *     severity: warning
 *     message: "cannot verify: ..."
 *   at: <object attribute>                # optional: where the finding points
 *   example: |                            # optional: a firing input fragment, in
 *     ...                                 #   the input's own language (explain)
 *   patch:                                # optional: the fix as text to apply, or a
 *     place: "where it goes"              #   list of cases with `when`, as message;
 *                                         #   place may be a map by language;
 *     edits: target                       #   the object changed, when another
 *     terraform: "HCL"                    # (write {{ and }} for braces)
 *     cloudformation: "YAML, short tags"
 *     aws-cli: "DistributionConfig JSON"
 *
 * Conditions:
 *   {attribute: PATH, operator: OP, value: V}      V literal or {attribute: PATH}
 *
 * Attributes that hold DNS names (eg_attr_is_host) compare without case
 * and without a trailing dot, as DNS does: equals, in, contains, matches,
 * starts_with, ends_with and the covered/routed operators.  matches_regex
 * reads the text as written (case and dots count), for format checks.
 *   {and: [c, ...]}  {or: [c, ...]}  {not: c}      a list alone means and
 *   {any|all|none: {in: PATH, that: c}}           quantifiers over a collection
 *
 * Templates (message, patch) name attributes as {path}; {path|json} writes
 * the value as JSON (also valid HCL and YAML), {path|count} its size;
 * |hosts before either writes host names as CloudFront stores them (lower
 * case, no trailing dot), so {aliases|hosts|json} is the aliases fixed.
 *
 * Every attribute path is checked against attr.h when the rule loads, so a
 * typo is an error with file:line:col, not a rule that silently never fires.
 *
 * at_least and below compare an attribute whose values are an ordered
 * enumeration (eg_attr_order, such as minimum_protocol_version: the viewer
 * TLS policies, weakest first) with a literal of that enumeration or an
 * attribute of the same one.  The loader rejects any other attribute and
 * a literal outside the list.  A value newer than the list (TLSv1.2_2027)
 * ranks above all of it; an unrecognised value, an unknown one and an
 * absent one make the comparison unknown (an absent value has no rank: it
 * is neither at least nor below anything, and the rule's unknown branch
 * says so rather than passing).
 *
 * Absent values.  The mapping gives every field the input leaves out
 * CloudFront's default (map.h), so an absent value means CloudFront holds
 * none (no web ACL, no default root object).  Read that way, equals, in,
 * matches, contains and the covered_by family are false on it and their
 * negations (not_equals, not_in, not_matches, ...) true; exists is false,
 * absent true.  Only an unknown value (EG_UNKNOWN) makes them unknown.
 *
 * Ownership: an eg_ruleset owns its rules and their strings (one arena).
 */
#ifndef EG_RULES_H
#define EG_RULES_H

#include "arena.h"
#include "attr.h"
#include "common.h"
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum eg_op {
	EG_OP_EQUALS, EG_OP_NOT_EQUALS, EG_OP_IN, EG_OP_NOT_IN,
	EG_OP_EXISTS, EG_OP_ABSENT, EG_OP_EMPTY, EG_OP_NOT_EMPTY,
	EG_OP_CONTAINS, EG_OP_NOT_CONTAINS, EG_OP_CONTAINS_ALL, EG_OP_CONTAINS_ANY,
	EG_OP_SUBSET_OF, EG_OP_MATCHES, EG_OP_NOT_MATCHES,
	EG_OP_STARTS_WITH, EG_OP_ENDS_WITH,
	EG_OP_LESS_THAN, EG_OP_GREATER_THAN, EG_OP_COUNT_AT_MOST, EG_OP_COUNT_AT_LEAST,
	EG_OP_IS_TRUE, EG_OP_IS_FALSE, EG_OP_KNOWN, EG_OP_UNKNOWN,
	EG_OP_COVERED_BY, EG_OP_NOT_COVERED_BY,   /* = routed_by: kept for existing rules */
	EG_OP_ROUTED_BY, EG_OP_NOT_ROUTED_BY,     /* host reaches a distribution with the aliases */
	EG_OP_CERT_COVERED_BY, EG_OP_NOT_CERT_COVERED_BY, /* a certificate with the names covers it */
	EG_OP_MATCHES_REGEX, EG_OP_NOT_MATCHES_REGEX, /* POSIX extended regex on the text as written */
	EG_OP_AT_LEAST, EG_OP_BELOW,              /* ordered enumerations (attr->order) */
	EG_OP__COUNT
} eg_op;

const char *eg_op_name(eg_op op);

typedef struct eg_path_seg {
	const eg_attr *attr; /* NULL for a map key */
	const char *key;     /* map key after a MAP attribute */
} eg_path_seg;

typedef struct eg_path {
	const char *text;    /* as written */
	eg_path_seg *segs;
	size_t n;
	eg_vtype type;       /* of the last segment */
	eg_scope scope;      /* object scope when type is OBJ/OBJS */
	bool many;           /* passes through an object list: yields a list */
} eg_path;

typedef enum eg_operand_kind {
	EG_OPERAND_NONE, EG_OPERAND_STR, EG_OPERAND_NUM, EG_OPERAND_BOOL,
	EG_OPERAND_LIST, EG_OPERAND_REF,
} eg_operand_kind;

typedef struct eg_operand {
	eg_operand_kind kind;
	const char *s;
	double num;
	bool b;
	const char **items;
	size_t n;
	eg_path ref;
} eg_operand;

typedef enum eg_cond_kind {
	EG_COND_ATTR, EG_COND_AND, EG_COND_OR, EG_COND_NOT,
	EG_COND_ANY, EG_COND_ALL, EG_COND_NONE,
} eg_cond_kind;

typedef struct eg_cond {
	eg_cond_kind kind;
	int line, col;
	eg_path path;          /* ATTR: the attribute; ANY/ALL/NONE: the collection */
	eg_op op;
	eg_operand value;
	struct eg_cond **kids; /* AND/OR */
	size_t nkids;
	struct eg_cond *kid;   /* NOT, and the body of ANY/ALL/NONE */
} eg_cond;

typedef enum eg_filter {
	EG_FILTER_NONE,
	EG_FILTER_JSON,  /* {path|json}: the value as JSON; a list drops repeats */
	EG_FILTER_COUNT, /* {path|count}: how many distinct items */
} eg_filter;

typedef struct eg_template_seg {
	const char *text; /* literal text, or NULL for a path */
	eg_path path;
	eg_filter filter;
	bool hosts; /* {path|hosts|json}: host names lower-cased, no trailing dot */
} eg_template_seg;

typedef struct eg_template {
	const char *source;
	eg_template_seg *segs;
	size_t n;
} eg_template;

typedef struct eg_message_case {
	eg_cond *when; /* NULL: always (only the last case) */
	eg_template text;
	bool has_severity; /* the case's own severity (weaker or stronger), else the rule's */
	eg_severity severity;
} eg_message_case;

/* A concrete fix in the language of the input a finding points at: HCL
 * for Terraform, YAML in short-tag form for CloudFormation (patch.h turns
 * it into JSON or the Fn:: long form as the template needs), and
 * DistributionConfig JSON for the AWS CLI.  The first case whose `when`
 * holds gives the patch; a language it leaves out gets none. */
typedef enum eg_patch_src {
	EG_PATCH_TERRAFORM, EG_PATCH_CLOUDFORMATION, EG_PATCH_AWSCLI, EG_PATCH__COUNT
} eg_patch_src;

typedef struct eg_patch_case {
	eg_cond *when;            /* NULL: always (only the last case) */
	eg_template place[EG_PATCH__COUNT]; /* where the text goes, in words */
	bool has_edits;
	eg_path edits;            /* the object the text changes, when not the
				     finding's: its input decides the language */
	bool has[EG_PATCH__COUNT];
	eg_template text[EG_PATCH__COUNT];
} eg_patch_case;

typedef struct eg_rule {
	const char *id, *title, *description, *remediation;
	const char *example; /* a firing input fragment, or NULL */
	const char *file;
	int line, col;
	eg_severity severity;
	const char **references;
	size_t nreferences;
	const char **tags;
	size_t ntags;
	eg_scope scope;
	eg_route *routes;
	size_t nroutes;
	eg_cond *where;
	eg_cond *assert;
	eg_message_case *messages;
	size_t nmessages;
	bool has_unknown_severity;
	eg_severity unknown_severity;
	bool has_unknown_message;
	eg_template unknown_message;
	bool has_at;
	eg_path at;
	eg_patch_case *patches;
	size_t npatches;
	bool deselected; /* left out by select:/skip: or --rule/--tag/--skip-*: not run */
} eg_rule;

typedef struct eg_ruleset {
	eg_arena arena;
	eg_rule **rules;
	size_t n, alloc;
	/* Borrowed, may be none: rule files parsed at build time, used for a
	 * file with the same name and bytes (yamldoc.h, eg_ydoc_prepared). */
	const struct eg_ydoc_prepared *prepared;
	size_t nprepared;
} eg_ruleset;

void eg_ruleset_init(eg_ruleset *rs);
void eg_ruleset_release(eg_ruleset *rs);
/* Parses one rule from buf; name is used in messages. */
int eg_ruleset_parse(eg_ruleset *rs, const char *buf, size_t len, const char *name, eg_error *err);
int eg_ruleset_load_file(eg_ruleset *rs, const char *path, eg_error *err);
/* Loads every *.yml and *.yaml in dir, in name order. */
int eg_ruleset_load_dir(eg_ruleset *rs, const char *dir, eg_error *err);
const eg_rule *eg_ruleset_find(const eg_ruleset *rs, const char *id);
/* For the build: the bytes of the rule file at path, and its YAML tree
 * as a run reads it (the same reader and caps), serialized
 * (eg_ydoc_serialize): appended to text and tree. */
int eg_ruleset_prepare_file(const char *path, struct eg_strbuf *text, struct eg_strbuf *tree,
			    eg_error *err);
/* Checks the config's per-rule settings name loaded rules. */
int eg_ruleset_check_config(const eg_ruleset *rs, const eg_config *c, eg_error *err);

/* The primary tags, in report order: what a finding costs.  Every shipped
 * rule has exactly one; the text report puts hygiene last and the summary
 * counts findings by them. */
#define EG_CATEGORY_COUNT 4
extern const char *const eg_categories[EG_CATEGORY_COUNT];
/* r's one primary tag, or NULL when it has none or more than one. */
const char *eg_rule_category(const eg_rule *r);

/* Marks the rules c's selection leaves out (eg_rule.deselected): a rule runs
 * when the include lists are empty or it matches one (id glob or tag), and
 * it matches no skip list.  A pattern or tag that matches no loaded rule is
 * an error with a "did you mean", at its config line or as a usage error
 * for the command line; so is a selection that leaves no rule. */
int eg_ruleset_select(eg_ruleset *rs, const eg_config *c, eg_error *err);

#endif

/* cfn.h - a CloudFormation template with its intrinsic functions resolved
 * as far as the template allows.
 *
 * Works on an eg_ydoc tree, so JSON templates, YAML short-form tags
 * (!Ref, !GetAtt, !Sub, ...) and the long form (Fn::GetAtt) all read alike.
 * Parameters take --param values, then their Default; pseudo parameters take
 * the region, account and stack name given, or stay unknown.  Conditions are
 * evaluated three-valued, with cycles reported.
 *
 * Unknown is not absent: a value that depends on something unresolvable
 * (an import, a resource attribute known only after deploy, a parameter with
 * no value) resolves to an EG_CV_UNKNOWN value, never to "" or false.  When
 * it refers to a resource, `ref` and `ref_attr` say which, so an ingester
 * still learns that an origin is "the DNS name of that load balancer".
 * AWS::NoValue resolves to NULL: the property is removed.
 *
 * Ownership: an eg_cfn borrows the document (which must outlive it) and the
 * options' strings, and owns every eg_cval it returns; eg_cfn_free releases
 * them all (NULL is fine).
 */
#ifndef EG_CFN_H
#define EG_CFN_H

#include "common.h"
#include "yamldoc.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum eg_cval_kind { EG_CV_UNKNOWN, EG_CV_SCALAR, EG_CV_SEQ, EG_CV_MAP } eg_cval_kind;

typedef struct eg_cval eg_cval;

typedef struct eg_cpair {
	const char *key;
	const eg_ynode *key_node;
	eg_cval *value;
} eg_cpair;

struct eg_cval {
	eg_cval_kind kind;
	const eg_ynode *src;  /* where it was written: line:col for findings */
	const char *str;      /* scalar text; for unknown, what is unknown */
	eg_cval **items;      /* sequence, NoValue items dropped */
	size_t nitems;
	eg_cpair *pairs;      /* mapping, NoValue members dropped */
	size_t npairs;
	const char *ref;      /* logical id of the resource the value comes from */
	const char *ref_attr; /* its Fn::GetAtt attribute; NULL for Ref */
	const char *shape;    /* unknown !Sub: its text with what is known filled in and
				 the rest left as ${Name} ("api-${Stage}.elb.amazonaws.com") */
	const char **choices; /* unknown, but one of these (a !FindInMap whose top
				 key is unknown: every entry's value); NULL if any */
	size_t nchoices;
};

typedef struct eg_cfn_param {
	const char *name, *value;
	bool strict; /* from --param: naming no parameter of any template is an error */
	bool used;   /* set when a template declares name */
} eg_cfn_param;

typedef struct eg_cfn_options {
	eg_cfn_param *params; /* later entries win */
	size_t nparams;
	const char *region, *account, *stack_name; /* NULL: unknown */
} eg_cfn_options;

typedef struct eg_cfn eg_cfn;

/* Appends the parameters of a CloudFormation parameters file to *params
 * (growing with *alloc; strings go to arena a): the
 * [{"ParameterKey", "ParameterValue"}] list of create-stack and CI tools,
 * CodePipeline's {"Parameters": {Name: Value}}, or ["Name=Value"] as
 * `aws cloudformation deploy --parameter-overrides file://` takes.  Errors
 * name file:line:col. */
struct eg_arena;
int eg_cfn_params_file(const char *path, struct eg_arena *a, eg_cfn_param **params, size_t *n,
		       size_t *alloc, eg_error *err);
/* Appends "Name=Value" (from --param, strict); EG_ERR_USAGE without '='. */
int eg_cfn_param_arg(const char *arg, struct eg_arena *a, eg_cfn_param **params, size_t *n,
		     size_t *alloc, eg_error *err);

/* Whether root carries the marks of a template: an AWSTemplateFormatVersion,
 * a Transform naming AWS::Serverless, or a Resources mapping whose entries
 * all have a Type or one of which has a Type AWS::...  A file with these
 * marks is read as a template, and fails as one when it is misshapen. */
bool eg_cfn_is_template(const eg_ynode *root);

/* Reads Parameters (applying o's values, checking AllowedValues), Mappings
 * and Conditions, evaluates every condition (cycles are EG_ERR_INPUT), and
 * checks every intrinsic in the template for a known name and shape, so a
 * malformed template fails here with file:line:col.  o may be NULL. */
int eg_cfn_open(eg_cfn **out, const eg_ydoc *doc, eg_cfn_options *o, eg_error *err);
void eg_cfn_free(eg_cfn *t);

/* Resolves n (any node of the document).  *out is NULL for AWS::NoValue. */
int eg_cfn_resolve(eg_cfn *t, const eg_ynode *n, eg_cval **out, eg_error *err);

/* A named condition: 1 true, 0 false, -1 unknown; -2 when it is not
 * defined. */
int eg_cfn_condition(const eg_cfn *t, const char *name);

/* The resource mapping of a logical id, or NULL. */
const eg_ynode *eg_cfn_resource(const eg_cfn *t, const char *logical_id);
/* Its Type, or NULL. */
const char *eg_cfn_resource_type(const eg_cfn *t, const char *logical_id);
/* The Resources mapping (NULL when absent). */
const eg_ynode *eg_cfn_resources(const eg_cfn *t);
/* The value of a parameter as resolved (NULL when not declared). */
const eg_cval *eg_cfn_param_value(const eg_cfn *t, const char *name);

/* Member of a resolved mapping, or NULL (also when v is not a mapping). */
eg_cval *eg_cval_get(const eg_cval *v, const char *key);
/* Scalar text, or NULL when v is absent, unknown or not a scalar. */
const char *eg_cval_str(const eg_cval *v);

#endif

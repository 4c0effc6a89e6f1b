/* dialect.h - one reader per input dialect, each turning a recognised
 * source into the model through its mapping table (map.h).  ingest.c
 * recognises the format and calls the one that reads it; readers know
 * nothing of files, directories or each other.
 *
 * Every reader takes a source already owned by the model and returns 0 or
 * EG_ERR_INPUT with file:line:col in err.
 */
#ifndef EG_DIALECT_H
#define EG_DIALECT_H

#include "cfn.h"
#include "common.h"
#include "model.h"
#include "yamldoc.h"

/* ingest_terraform.c: `terraform show -json` plans and state.  src must be
 * validated JSON already owned by m. */
int eg_ingest_terraform(eg_model *m, const eg_source *src, eg_error *err);

/* ingest_cfn.c: a CloudFormation template parsed into doc (borrowed; src is
 * owned by m).  stack names the stack (from a CDK manifest), NULL for the
 * options' stack name; o (parameters, region, account) may be NULL. */
int eg_ingest_cfn(eg_model *m, const eg_source *src, const eg_ydoc *doc,
		  const eg_cfn_options *o, const char *stack, eg_error *err);

/* ingest_awscli.c: AWS CLI JSON, src->format already detected, doc its tree
 * (borrowed). */
int eg_ingest_awscli(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err);

/* ingest_pulumi.c: a Pulumi stack export or preview, as for the AWS CLI. */
int eg_ingest_pulumi(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err);

#endif

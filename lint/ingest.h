/* ingest.h - turning input files into the model.
 *
 * The format of a file is recognised from its content, never its name:
 * `terraform show -json` output, raw Terraform state (version 4, as
 * `terraform state pull` prints it), CloudFormation templates (JSON or YAML,
 * hand-written or synthesized by CDK and SST v2), CDK cloud assemblies
 * (a manifest.json whose stacks name their templates), AWS CLI JSON
 * (cloudfront get-distribution-config, get-distribution,
 * list-distributions, a bare DistributionConfig; route53
 * list-resource-record-sets, also as a bare list) and Pulumi (stack export,
 * preview --json; SST v3 deploys through Pulumi).  UTF-16 files (PowerShell
 * redirection) are converted on load (source.h).  A file named on the
 * command line must be recognised (else EG_ERR_INPUT); `-` is stdin, read
 * whole, and any other file that is not a regular file (a FIFO, a device)
 * is EG_ERR_IO rather than a read that may never end.  A directory is
 * walked for *.json, *.tfstate, *.yaml, *.yml and *.template files in name order,
 * skipping hidden directories and node_modules; a directory holding a cloud
 * assembly manifest is read through it instead.  Files the walk does not
 * recognise are skipped (listed on the log under verbose).  Terraform JSON
 * configuration (cdktf's *.tf.json) is EG_ERR_INPUT wherever it is met, with
 * the commands that turn it into a plan: skipping it would pass CloudFront
 * resources unread.  A malformed
 * file is always an error, except YAML that does not parse and does not
 * mention Resources, met on a walk (Helm charts, CI files).
 *
 * Every source read is handed to the model, which owns it from then on.
 */
#ifndef EG_INGEST_H
#define EG_INGEST_H

#include "cfn.h"
#include "common.h"
#include "model.h"
#include "yamldoc.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct eg_ingest_options {
	bool verbose;
	FILE *log;        /* where skipped files are listed; NULL for none */
	size_t max_bytes; /* per file; 0 means EG_MAX_INPUT_BYTES */
	eg_cfn_options *cfn; /* parameters, region, account, stack name; may be NULL */
} eg_ingest_options;

int eg_ingest_path(eg_model *m, const char *path, const eg_ingest_options *o, eg_error *err);

/* The format of a validated JSON source, from its top-level keys. */
eg_format eg_ingest_detect_json(const eg_source *src);
/* The format of a JSON document that is not Terraform, from its tree:
 * AWS CLI or Pulumi output, else EG_FMT_UNKNOWN. */
eg_format eg_ingest_detect_tree(const eg_ynode *root);

/* ingest_terraform.c: `terraform show -json` plans and state.  src must be
 * validated JSON already owned by m. */
int eg_ingest_terraform(eg_model *m, const eg_source *src, eg_error *err);

/* ingest_cfn.c: a CloudFormation template parsed into doc (borrowed; src is
 * owned by m).  stack names the stack (from a CDK manifest), NULL for the
 * options' stack name. */
int eg_ingest_cfn(eg_model *m, const eg_source *src, const eg_ydoc *doc,
		  const eg_ingest_options *o, const char *stack, eg_error *err);

/* For readers that walk a JSON tree (AWS CLI, Pulumi): where node n is,
 * and RFC 6901 pointers built in the model's arena as they descend. */
eg_loc eg_ingest_node_loc(const eg_source *src, const eg_ynode *n, const char *pointer);
const char *eg_ingest_ptr(eg_model *m, const char *parent, const char *key);
const char *eg_ingest_ptr_i(eg_model *m, const char *parent, size_t i);

/* ingest_awscli.c: AWS CLI JSON, src->format already detected, doc its tree
 * (borrowed). */
int eg_ingest_awscli(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err);

/* ingest_pulumi.c: a Pulumi stack export or preview, as for the AWS CLI. */
int eg_ingest_pulumi(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err);

#endif

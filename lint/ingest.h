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
 * is EG_ERR_IO rather than a read that may never end.  A template named on
 * its own that the cloud assembly beside it lists (cdk.out/Stack.template.json,
 * as a pre-commit hook names it) brings the whole assembly: one picture,
 * each stack under its name, read once however many of its templates are
 * named (unless --stack-name names the template's stack).  A directory is
 * walked for *.json, *.tfstate, *.yaml, *.yml and *.template files in name order,
 * skipping hidden directories and node_modules; in a directory holding a cloud
 * assembly manifest the assembly is read first, then the rest of the
 * directory is walked as any other, skipping the templates the assembly
 * read (a plan.json beside cdk.out's manifest is read).  A stack artifact
 * without its template is EG_ERR_INPUT.  Files the walk does not
 * recognise are skipped (listed on the log under verbose).  Terraform JSON
 * configuration (cdktf's *.tf.json) is EG_ERR_INPUT wherever it is met, with
 * the commands that turn it into a plan: skipping it would pass CloudFront
 * resources unread; so is a Serverless Framework serverless.yml.  Other
 * files edgegate can name are EG_ERR_INPUT with the command that makes
 * what it reads: a binary plan (zip), `terraform plan` text, HCL, an SST v3
 * sst.config.ts (errors in a walk too, though a walk never reads *.tf,
 * plan.out or *.ts), and AWS CLI output of other services and of
 * cloudformation describe-stacks (skipped in a walk, named under verbose).  A file
 * that carries the marks of a format edgegate reads (ingest.c, tree_marks
 * and raw_marks; README.md lists them) and fails to read as it is
 * EG_ERR_INPUT in a walk too; a walk skips only files without them (YAML
 * that does not parse, such as Helm charts, is searched for the marks as
 * text).  A malformed JSON file is always an error.
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

/* The cloud assemblies a run has read (directory paths, normalised), so an
 * assembly named several times (its directory, its manifest, several of
 * its templates) is read once.  EG_INGEST_SEEN_INIT; the caller releases. */
typedef struct eg_ingest_seen {
	char **dirs;
	size_t n, alloc;
	char **files; /* the templates read through those assemblies */
	size_t nfiles, files_alloc;
} eg_ingest_seen;
#define EG_INGEST_SEEN_INIT { NULL, 0, 0, NULL, 0, 0 }
void eg_ingest_seen_release(eg_ingest_seen *seen);

typedef struct eg_ingest_options {
	bool verbose;
	FILE *log;        /* where skipped files are listed; NULL for none */
	size_t max_bytes; /* per file; 0 means EG_MAX_INPUT_BYTES */
	/* all sources of the model together (what a run holds in memory);
	 * 0 means EG_MAX_TOTAL_INPUT_BYTES.  Past it: EG_ERR_LIMIT. */
	size_t max_total_bytes;
	eg_cfn_options *cfn; /* parameters, region, account, stack name; may be NULL */
	eg_ingest_seen *seen; /* assemblies read so far; NULL: no deduplication */
} eg_ingest_options;

int eg_ingest_path(eg_model *m, const char *path, const eg_ingest_options *o, eg_error *err);

/* The format of a validated JSON source, from its top-level keys. */
eg_format eg_ingest_detect_json(const eg_source *src);
/* The format of a JSON document that is not Terraform, from its tree:
 * AWS CLI or Pulumi output, else EG_FMT_UNKNOWN. */
eg_format eg_ingest_detect_tree(const eg_ynode *root);

#endif

/* source.h - one input file held in memory, and positions inside it.
 *
 * An eg_source owns the file's bytes (always NUL-terminated, UTF-8) for the
 * whole run, so locations can be turned into line:col late, and only for the
 * findings that need them.  Sources are owned by the model (model.h).
 */
#ifndef EG_SOURCE_H
#define EG_SOURCE_H

#include "common.h"

#include <stddef.h>

typedef enum eg_format {
	EG_FMT_UNKNOWN = 0,
	EG_FMT_TF_PLAN,  /* terraform show -json plan.out */
	EG_FMT_TF_STATE, /* terraform show -json (state) */
	EG_FMT_TF_RAW_STATE, /* terraform state pull / terraform.tfstate, version 4 */
	EG_FMT_CFN_JSON, /* CloudFormation template (hand-written, CDK, SST v2) */
	EG_FMT_CFN_YAML,
	EG_FMT_AWS_CLOUDFRONT, /* aws cloudfront get-distribution[-config], list-distributions */
	EG_FMT_AWS_ROUTE53,    /* aws route53 list-resource-record-sets */
	EG_FMT_PULUMI_EXPORT,  /* pulumi stack export */
	EG_FMT_PULUMI_PREVIEW, /* pulumi preview --json */
} eg_format;

const char *eg_format_name(eg_format f);

typedef struct eg_source {
	char *path;    /* as given or found by the directory walk */
	char *data;    /* file bytes, NUL-terminated */
	size_t len;
	eg_format format;
} eg_source;

/* Reads path into a new source.  Fails with EG_ERR_IO when unreadable,
 * EG_ERR_LIMIT past max_bytes, EG_ERR_INPUT for UTF-16 (with how to re-save)
 * (UTF-8 itself is checked by the
 * parser that reads the bytes).  Strips a UTF-8 BOM. */
int eg_source_load(eg_source **out, const char *path, size_t max_bytes, eg_error *err);
void eg_source_free(eg_source *src);

/* 1-based line and column (in bytes) of offset in src. */
void eg_source_line_col(const eg_source *src, size_t offset, int *line, int *col);

#endif

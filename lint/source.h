/* source.h - one input file held in memory, and positions inside it.
 *
 * An eg_source owns the file's text (always NUL-terminated, UTF-8) for the
 * whole run, so locations can be turned into line:col late, and only for the
 * findings that need them.  A regular UTF-8 file is mapped read-only, not
 * copied (data is then const in fact: never write through it); stdin is
 * read into one buffer, and UTF-16 files are converted once on load into a
 * eg_xmalloc'd buffer, so every offset, line and column is in that UTF-8 text.
 * Sources are owned by the model (model.h).
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
	EG_FMT_AWS_ROUTE53_CHANGE, /* the --change-batch of change-resource-record-sets */
	EG_FMT_PULUMI_EXPORT,  /* pulumi stack export */
	EG_FMT_PULUMI_PREVIEW, /* pulumi preview --json */
} eg_format;

const char *eg_format_name(eg_format f);

/* Where each line starts: built the first time a line:col is asked for,
 * so a run without findings never pays for it. */
typedef struct eg_line_index {
	size_t *starts; /* offset of each line's first byte; starts[0] == 0 */
	size_t n;       /* 0 until built */
} eg_line_index;

typedef struct eg_source {
	char *path;    /* as given or found by the directory walk */
	char *data;    /* file text as UTF-8, NUL-terminated, no BOM */
	size_t len;
	eg_format format;
	const char *encoding; /* static "UTF-16LE" etc. when converted, NULL for UTF-8 */
	eg_line_index *lines; /* owned; NULL (a source made by hand): scan instead */
	void *map;      /* the file mapping data points into, or NULL: data is eg_xmalloc'd */
	size_t map_len; /* its length, for munmap */
	eg_cleanup map_hold; /* unmaps it when a run runs out of memory */
	/* Where data's top containers end (jsonpos.h): owned, made by
	 * eg_source_validate_json (NULL before, and for a source that is not
	 * JSON), freed with the source.  Walkers over data use it only when
	 * handed it: pass it to eg_jsonpos_find, eg_jsonpos_iter_init, ... */
	struct eg_jsonpos_index *json_index;
} eg_source;

/* Reads path (a regular file, or stdin for "-") into a new source, dropping
 * a BOM and converting UTF-16 (LE or BE, told by its BOM or its NUL bytes)
 * to UTF-8 with CR and LF kept, so lines match the file.  Fails with
 * EG_ERR_IO when unreadable or not a regular file, EG_ERR_LIMIT
 * when the file or its UTF-8 is past max_bytes, and EG_ERR_INPUT, with how to
 * re-save the file, for UTF-32 and for damaged UTF-16 (odd length, unpaired
 * surrogate; err has its line:col).  Whether UTF-8 is valid is left to the
 * parser that reads it. */
int eg_source_load(eg_source **out, const char *path, size_t max_bytes, eg_error *err);

/* Tells the kernel the bytes [start, end) of a mapped source will not be
 * read soon, so their pages leave the resident set (they come back from the
 * page cache if read again).  Does nothing for a source that is not mapped. */
void eg_source_done_with(const eg_source *src, size_t start, size_t end);
/* For a walk front to back: gives back [*mark, pos) once it spans a few
 * megabytes (one madvise per step, not per object) and moves *mark. */
void eg_source_done_before(const eg_source *src, size_t *mark, size_t pos);

/* Checks that the source is one well-formed JSON value, as
 * eg_jsonpos_validate does (same errors), keeping the index of where its
 * containers end (jsonpos.h) in src->json_index for the walks that follow
 * (they are given it; nothing finds it by itself); then hands the
 * mapped pages back to the kernel, so what stays resident is what the walks
 * read again, not the whole input. */
int eg_source_validate_json(eg_source *src, int max_depth, eg_error *err);

/* The path "-" is stdin, read to its end (a pipe is fine there); the source
 * and its errors are then named this. */
#define EG_SOURCE_STDIN "<stdin>"

void eg_source_free(eg_source *src);

/* 1-based line and column (in bytes) of offset in src: a binary search in
 * the line index. */
void eg_source_line_col(const eg_source *src, size_t offset, int *line, int *col);

#endif

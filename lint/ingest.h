/* ingest.h - turning input files into the model.
 *
 * The format of a file is recognised from its content, never its name.  A
 * file named on the command line must be recognised (else EG_ERR_INPUT); a
 * directory is walked for *.json files in name order, skipping hidden
 * directories and node_modules, and files it does not recognise are skipped
 * (listed on the log under verbose).  A malformed file is always an error.
 *
 * Every source read is handed to the model, which owns it from then on.
 */
#ifndef EG_INGEST_H
#define EG_INGEST_H

#include "common.h"
#include "model.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct eg_ingest_options {
	bool verbose;
	FILE *log;        /* where skipped files are listed; NULL for none */
	size_t max_bytes; /* per file; 0 means EG_MAX_INPUT_BYTES */
} eg_ingest_options;

int eg_ingest_path(eg_model *m, const char *path, const eg_ingest_options *o, eg_error *err);

/* The format of a validated JSON source, from its top-level keys. */
eg_format eg_ingest_detect_json(const eg_source *src);

/* ingest_terraform.c: `terraform show -json` plans and state.  src must be
 * validated JSON already owned by m. */
int eg_ingest_terraform(eg_model *m, const eg_source *src, eg_error *err);

#endif

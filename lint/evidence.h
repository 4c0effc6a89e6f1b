/* evidence.h - an audit record of one gate decision (--evidence FILE).
 *
 * For change-management controls (SOC 2 CC7.3/CC8.1, ISO 27001 A.12.1.1,
 * HIPAA 164.312(b)): what was checked, with what, and what was decided.
 * The record follows schemas/evidence.schema.json.  Two runs over the same
 * inputs, rules and config write the same record except for `time`, so a
 * reviewer can diff them; everything is sorted or in input order.
 */
#ifndef EG_EVIDENCE_H
#define EG_EVIDENCE_H

#include "common.h"
#include "config.h"
#include "eval.h"
#include "gate.h"
#include "model.h"
#include "rules.h"

#include <time.h>

typedef struct eg_evidence {
	const eg_model *model;
	const eg_ruleset *rules;
	const eg_config *config;
	const eg_findings *findings;
	const eg_gate *gate;
	const char *baseline_path;  /* or NULL */
	time_t when;
} eg_evidence;

/* Hashes every input, rule file, config and baseline (as stored on disk)
 * and writes the record to path.  EG_ERR_IO when a file cannot be read or
 * written. */
int eg_evidence_write(const char *path, const eg_evidence *e, eg_error *err);

#endif

/* gate.h - the gate decision: waivers, the baseline, then pass or fail.
 *
 * Runs after evaluation and before any report.  It marks findings as
 * suppressed (a waiver in force, or a fingerprint in the baseline), says on
 * a finding when its waiver has expired, and adds a note for every waiver
 * that matched nothing (rule `unused-waiver`, which it adds to the ruleset
 * when there are waivers).  Suppressed findings are still reported; they
 * never fail the gate.
 *
 * Ownership: an eg_baseline owns its fingerprints; the gate's strings go
 * into the findings' arena, its rule into the ruleset's.
 */
#ifndef EG_GATE_H
#define EG_GATE_H

#include "config.h"
#include "eval.h"
#include "model.h"
#include "rules.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct eg_baseline {
	char (*fingerprints)[33]; /* sorted */
	size_t n;
	const char *path;
} eg_baseline;

/* Reads a file written by eg_baseline_write; a wrong shape is EG_ERR_INPUT
 * with file:line:col. */
int eg_baseline_load(eg_baseline *bl, const char *path, eg_error *err);
void eg_baseline_release(eg_baseline *bl);
/* Records every finding no waiver covers, sorted by fingerprint. */
int eg_baseline_write(const char *path, const eg_findings *f, eg_error *err);

typedef struct eg_gate {
	const char *today;          /* YYYY-MM-DD: waiver expiry */
	const eg_baseline *baseline; /* or NULL */
	bool baseline_all;          /* --write-baseline: this run's findings are the baseline */
	bool failed;                /* the decision, set by eg_gate_apply */
} eg_gate;

/* Applies the config's and the model's waivers, then the baseline, and
 * decides.  A waiver naming a rule that is not loaded is an error at the
 * waiver (EG_ERR_CONFIG, or EG_ERR_INPUT for template Metadata). */
int eg_gate_apply(eg_gate *g, eg_findings *f, eg_ruleset *rs, eg_config *c, eg_model *m,
		  eg_error *err);

/* Why x does not count: "waived: REASON (FILE:L:C, expires DATE)" or "in
 * the baseline"; nothing when it is not suppressed. */
void eg_gate_describe(const eg_finding *x, eg_strbuf *sb);

/* "pass" or "fail". */
const char *eg_gate_decision(bool failed);

#endif

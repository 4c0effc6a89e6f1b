/* report.h - turning findings into what a user or a machine reads.
 *
 * Reporters only read; they run after evaluation, over findings whose
 * locations are resolved.  Output goes to a caller-supplied FILE.
 */
#ifndef EG_REPORT_H
#define EG_REPORT_H

#include "config.h"
#include "eval.h"
#include "gate.h"
#include "json.h"
#include "model.h"
#include "rules.h"
#include "strbuf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct eg_report {
	const eg_findings *findings;
	const eg_model *model;
	const eg_ruleset *rules;
	eg_severity fail_on;
	bool failed;  /* the gate decision */
	bool color;   /* ANSI colours (text only) */
	const char *root;     /* repository root (absolute) for relative URIs */
} eg_report;

/* Compiler-style blocks, then one summary line. */
void eg_report_text(FILE *out, const eg_report *r);
/* `edgegate graph`: hosts, DNS records, distributions, behaviors in
 * CloudFront's order and origins, as a mermaid flowchart (dot: false) or a
 * Graphviz digraph; objects with a finding are marked by severity.
 * only_findings: just the distributions that have one (the job summary). */
void eg_report_graph(FILE *out, const eg_report *r, bool dot, bool only_findings);
/* One JSON document following schemas/report.schema.json. */
void eg_report_json(FILE *out, const eg_report *r);
/* GitHub workflow commands: one ::error/::warning/::notice per finding. */
void eg_report_github(FILE *out, const eg_report *r);
/* The job summary: the gate decision and a table of findings. */
void eg_report_github_summary(FILE *out, const eg_report *r);
/* {reason, expires, location}: a waiver as the JSON report and the
 * evidence show it. */
json_t *eg_report_waiver_json(const eg_waiver *w);

/* `edgegate model`: the normalized model, schemas/model.schema.json. */
void eg_report_model(FILE *out, const eg_model *m);

typedef enum eg_rules_format { EG_RULES_TEXT, EG_RULES_JSON, EG_RULES_MARKDOWN } eg_rules_format;
/* `edgegate rules`: the rules that would run (not deselected), in load
 * order: text and JSON give id, severity, tags and title; Markdown is
 * rules/README.md (a table, then each rule's description, fix, references
 * and example). */
void eg_report_rules(FILE *out, const eg_ruleset *rs, eg_rules_format format);
/* `edgegate explain ID`: one rule in full, as text or JSON. */
void eg_report_rule_explain(FILE *out, const eg_rule *r, bool json);
/* Appends s as Markdown text: `code` spans kept, everything else that
 * Markdown would read as markup escaped (SARIF help, rules/README.md). */
void eg_md_escape(eg_strbuf *sb, const char *s);

/* SARIF 2.1.0 for GitHub code scanning. */
void eg_report_sarif(FILE *out, const eg_report *r);
/* JUnit XML: a testsuite per input file, a testcase per rule and resource. */
void eg_report_junit(FILE *out, const eg_report *r);

#endif

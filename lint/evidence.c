/* evidence.c - the audit record of a gate decision. */
#include "evidence.h"

#include "json.h"
#include "report.h"
#include "sha256.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#ifndef EG_VERSION
#define EG_VERSION "0.0.0"
#endif

#define EVIDENCE_VERSION 1

/* The path is recorded normalised (common.h: lexically, so the record does
 * not depend on the machine): the rule pack found next to the binary is
 * build/../rules, which an auditor should read as rules. */
static json_t *file_entry(const char *path, eg_error *err)
{
	char hex[65], *normal;
	json_t *e;

	if (eg_sha256_file(path, hex, err))
		return NULL;
	normal = eg_path_normalize(path);
	e = json_pack("{s:o, s:s}", "path", eg_json_str(normal), "sha256", hex);
	eg_free(normal);
	return e;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each rule file once, sorted; the gate's own rules have no file. */
static json_t *rule_files(const eg_ruleset *rs, eg_error *err)
{
	char **files = eg_xmalloc((rs->n ? rs->n : 1) * sizeof(*files));
	json_t *list = json_array();
	size_t i, n = 0;

	/* Normalised first, so two spellings of one file are listed once. */
	for (i = 0; i < rs->n; i++)
		if (rs->rules[i]->file && rs->rules[i]->file[0] != '(')
			files[n++] = eg_path_normalize(rs->rules[i]->file);
	qsort(files, n, sizeof(*files), cmp_str);
	for (i = 0; i < n; i++) {
		json_t *e;
		if (i && !strcmp(files[i], files[i - 1]))
			continue;
		if (!(e = file_entry(files[i], err))) {
			json_decref(list);
			list = NULL;
			break;
		}
		json_array_append_new(list, e);
	}
	for (i = 0; i < n; i++)
		eg_free(files[i]);
	eg_free(files);
	return list;
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp((*(const eg_rule *const *)a)->id, (*(const eg_rule *const *)b)->id);
}

static json_t *rules_evaluated(const eg_ruleset *rs, const eg_config *c)
{
	const eg_rule **sorted = eg_xmalloc((rs->n ? rs->n : 1) * sizeof(*sorted));
	json_t *list = json_array();
	size_t i;

	memcpy(sorted, rs->rules, rs->n * sizeof(*sorted));
	qsort(sorted, rs->n, sizeof(*sorted), cmp_rule);
	for (i = 0; i < rs->n; i++) {
		const eg_rule_override *ov = eg_config_override(c, sorted[i]->id);
		eg_severity sev = ov && ov->has_severity ? ov->severity : sorted[i]->severity;
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "id", sorted[i]->id,
						      "severity", eg_severity_name(sev),
						      "enabled", !(ov && ov->disabled) &&
									 !sorted[i]->deselected));
	}
	eg_free(sorted);
	return list;
}

static void add_waivers(json_t *list, const eg_waivers *ws, const eg_findings *f)
{
	size_t i, j;

	for (i = 0; i < ws->n; i++) {
		const eg_waiver *w = &ws->items[i];
		size_t suppressed = 0;
		json_t *o = json_pack("{s:o, s:o}", "rule", eg_json_str(w->rule),
				      "resource", eg_json_str(w->resource));
		json_t *shown = eg_report_waiver_json(w);
		for (j = 0; j < f->n; j++)
			suppressed += f->items[j].suppressed == EG_SUPPRESS_WAIVER && f->items[j].waiver == w;
		json_object_update(o, shown); /* borrows: shown is freed below */
		json_decref(shown);
		json_object_set_new(o, "suppressed", json_integer((json_int_t)suppressed));
		json_object_set_new(o, "state", json_string(suppressed ? "applied" :
							    w->matched ? "expired" : "unused"));
		json_array_append_new(list, o);
	}
}

static json_t *findings_list(const eg_findings *f)
{
	static const char *const why[] = { NULL, "waiver", "baseline" };
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < f->n; i++) {
		const eg_finding *x = &f->items[i];
		json_t *o = json_pack("{s:s, s:o, s:s, s:o}", "fingerprint", x->fingerprint,
				      "rule", eg_json_str(x->rule->id),
				      "severity", eg_severity_name(x->severity),
				      "resource", eg_json_str(x->resource));
		json_object_set_new(o, "suppressed", why[x->suppressed] ? json_string(why[x->suppressed])
									 : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

int eg_evidence_write(const char *path, const eg_evidence *e, eg_error *err)
{
	json_t *root = json_object(), *inputs = json_array(), *files, *waivers = json_array();
	json_t *counts, *entry;
	char when[32];
	struct tm tm;
	size_t i;
	int rc = 0;

	for (i = 0; i < e->model->nsources; i++) {
		const eg_source *s = e->model->sources[i];
		if (!strcmp(s->path, EG_SOURCE_STDIN)) { /* read once: hash what was read */
			char hex[65];
			eg_sha256_hex(s->data, s->len, hex);
			entry = json_pack("{s:s, s:s}", "path", s->path, "sha256", hex);
		} else if (!(entry = file_entry(s->path, err))) {
			goto fail;
		}
		json_object_set_new(entry, "format", json_string(eg_format_name(s->format)));
		if (s->encoding)
			json_object_set_new(entry, "encoding", json_string(s->encoding));
		json_array_append_new(inputs, entry);
	}
	if (!(files = rule_files(e->rules, err)))
		goto fail;
	json_object_set_new(root, "edgegate_evidence", json_integer(EVIDENCE_VERSION));
	json_object_set_new(root, "edgegate_version", json_string(EG_VERSION));
	json_object_set_new(root, "inputs", inputs);
	inputs = NULL;
	json_object_set_new(root, "rule_files", files);
	if (e->config->file) {
		if (!(entry = file_entry(e->config->file, err)))
			goto fail;
		json_object_set_new(root, "config", entry);
	} else {
		json_object_set_new(root, "config", json_null());
	}
	if (e->baseline_path) {
		if (!(entry = file_entry(e->baseline_path, err)))
			goto fail;
		json_object_set_new(root, "baseline", entry);
	} else {
		json_object_set_new(root, "baseline", json_null());
	}
	json_object_set_new(root, "rules", rules_evaluated(e->rules, e->config));
	add_waivers(waivers, &e->config->waivers, e->findings);
	add_waivers(waivers, &e->model->waivers, e->findings);
	json_object_set_new(root, "waivers", waivers);
	waivers = NULL;
	counts = json_pack("{s:I, s:I, s:I, s:I, s:I}",
			   "error", (json_int_t)eg_findings_count(e->findings, EG_SEV_ERROR),
			   "warning", (json_int_t)eg_findings_count(e->findings, EG_SEV_WARNING),
			   "note", (json_int_t)eg_findings_count(e->findings, EG_SEV_NOTE),
			   "waived", (json_int_t)eg_findings_count_suppressed(e->findings, EG_SUPPRESS_WAIVER),
			   "baselined", (json_int_t)eg_findings_count_suppressed(e->findings, EG_SUPPRESS_BASELINE));
	json_object_set_new(root, "counts", counts);
	json_object_set_new(root, "findings", findings_list(e->findings));
	json_object_set_new(root, "fail_on", json_string(eg_severity_name(e->config->fail_on)));
	json_object_set_new(root, "decision", json_string(eg_gate_decision(e->gate->failed)));
	gmtime_r(&e->when, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(root, "time", json_string(when));
	rc = eg_json_write_file(root, path, "the evidence", err);
	json_decref(root);
	return rc;
fail:
	json_decref(inputs);
	json_decref(waivers);
	json_decref(root);
	return err->code;
}

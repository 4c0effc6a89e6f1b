/* report_json.c - the machine-readable report (schemas/report.schema.json). */
#include "report.h"

#include "strbuf.h"

#include <jansson.h>

static json_t *str_or_null(const char *s)
{
	return s ? eg_json_str(s) : json_null();
}

static json_t *dist_label(const eg_distribution *d)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	json_t *j;

	eg_distribution_label(d, &sb);
	j = eg_json_str(sb.buf);
	eg_sb_release(&sb);
	return j;
}

/* Other inputs describing the same distribution, whose view lost. */
static json_t *seen_also(const eg_distribution *d)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; d && i < d->nseen_also; i++) {
		eg_loc l = d->seen_also[i]->loc;
		json_t *o = json_object();
		eg_model_resolve_loc(&l);
		json_object_set_new(o, "file", eg_json_str(l.src->path));
		json_object_set_new(o, "line", json_integer(l.line));
		json_object_set_new(o, "column", json_integer(l.col));
		json_object_set_new(o, "format", eg_json_str(eg_format_name(l.src->format)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *location(const eg_waiver *w)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	json_t *j;

	eg_sb_addf(&sb, "%s:%d:%d", w->file, w->line, w->col);
	j = eg_json_str(sb.buf);
	eg_sb_release(&sb);
	return j;
}

json_t *eg_report_waiver_json(const eg_waiver *w)
{
	return json_pack("{s:o, s:o, s:o}", "reason", eg_json_str(w->reason),
			 "expires", w->expires[0] ? eg_json_str(w->expires) : json_null(),
			 "location", location(w));
}

/* null, {kind: baseline, waiver: null} or {kind: waiver, waiver: {...}}. */
static json_t *suppression(const eg_finding *x)
{
	if (x->suppressed == EG_SUPPRESS_BASELINE)
		return json_pack("{s:s, s:n}", "kind", "baseline", "waiver");
	if (x->suppressed == EG_SUPPRESS_WAIVER)
		return json_pack("{s:s, s:o}", "kind", "waiver", "waiver", eg_report_waiver_json(x->waiver));
	return json_null();
}

/* The unsuppressed findings by their rule's primary tag; every key always
 * there, so a consumer reads a number, never a missing key. */
static json_t *by_category(const eg_findings *f)
{
	size_t counts[EG_CATEGORY_COUNT + 1], k;
	json_t *o = json_object();

	eg_findings_count_categories(f, counts);
	for (k = 0; k <= EG_CATEGORY_COUNT; k++)
		json_object_set_new(o, k < EG_CATEGORY_COUNT ? eg_categories[k] : "untagged",
				    json_integer((json_int_t)counts[k]));
	return o;
}

void eg_report_json(FILE *out, const eg_report *r)
{
	const eg_findings *f = r->findings;
	json_t *root = json_object(), *inputs = json_array(), *findings = json_array();
	json_t *summary = json_object();
	size_t i, ndists, nrecords;

	json_object_set_new(root, "tool", eg_json_str("edgegate"));
	json_object_set_new(root, "version", eg_json_str(EG_VERSION));
	for (i = 0; i < r->model->nsources; i++) {
		const eg_source *s = r->model->sources[i];
		json_t *in = json_object();
		json_object_set_new(in, "file", eg_json_str(s->path));
		json_object_set_new(in, "format", eg_json_str(eg_format_name(s->format)));
		json_array_append_new(inputs, in);
	}
	json_object_set_new(root, "inputs", inputs);
	for (i = 0; i < f->n; i++) {
		const eg_finding *x = &f->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "rule", eg_json_str(x->rule->id));
		json_object_set_new(o, "title", eg_json_str(x->rule->title));
		json_object_set_new(o, "category", str_or_null(eg_rule_category(x->rule)));
		json_object_set_new(o, "severity", eg_json_str(eg_severity_name(x->severity)));
		json_object_set_new(o, "cannot_verify", json_boolean(x->cannot_verify));
		json_object_set_new(o, "message", eg_json_str(x->message));
		json_object_set_new(o, "resource", str_or_null(x->resource));
		json_object_set_new(o, "stack", str_or_null(x->stack));
		json_object_set_new(o, "construct_path", str_or_null(x->construct_path));
		json_object_set_new(o, "file", str_or_null(x->loc.src ? x->loc.src->path : NULL));
		json_object_set_new(o, "line", json_integer(x->loc.line));
		json_object_set_new(o, "column", json_integer(x->loc.col));
		json_object_set_new(o, "pointer", str_or_null(x->loc.pointer));
		json_object_set_new(o, "distribution", x->dist ? dist_label(x->dist) : json_null());
		json_object_set_new(o, "also_described_by", seen_also(x->dist));
		json_object_set_new(o, "environment", str_or_null(x->dist ? x->dist->env : NULL));
		json_object_set_new(o, "environment_source",
				    str_or_null(x->dist ? x->dist->env_source : NULL));
		json_object_set_new(o, "remediation", eg_json_str(x->rule->remediation));
		json_object_set_new(o, "patch", x->patch ? json_pack("{s:s,s:o,s:o,s:o}", "language",
					    eg_patch_lang_name(x->patch_lang), "place",
					    eg_json_str(x->patch_place), "text", eg_json_str(x->patch),
					    "resource", str_or_null(x->patch_resource))
						 : json_null());
		json_object_set_new(o, "fingerprint", eg_json_str(x->fingerprint));
		json_object_set_new(o, "suppressed", suppression(x));
		json_object_set_new(o, "expired_waiver",
				    x->waiver_expired && !x->suppressed ? eg_report_waiver_json(x->waiver) : json_null());
		json_array_append_new(findings, o);
	}
	json_object_set_new(root, "findings", findings);
	json_object_set_new(summary, "errors", json_integer((json_int_t)eg_findings_count(f, EG_SEV_ERROR)));
	json_object_set_new(summary, "warnings", json_integer((json_int_t)eg_findings_count(f, EG_SEV_WARNING)));
	json_object_set_new(summary, "notes", json_integer((json_int_t)eg_findings_count(f, EG_SEV_NOTE)));
	json_object_set_new(summary, "by_category", by_category(f));
	json_object_set_new(summary, "waived",
			    json_integer((json_int_t)eg_findings_count_suppressed(f, EG_SUPPRESS_WAIVER)));
	json_object_set_new(summary, "baselined",
			    json_integer((json_int_t)eg_findings_count_suppressed(f, EG_SUPPRESS_BASELINE)));
	json_object_set_new(summary, "files", json_integer((json_int_t)r->model->nsources));
	eg_model_count_distinct(r->model, &ndists, &nrecords);
	json_object_set_new(summary, "distributions", json_integer((json_int_t)ndists));
	json_object_set_new(summary, "dns_records", json_integer((json_int_t)nrecords));
	json_object_set_new(summary, "rules", json_integer((json_int_t)f->rules_run));
	json_object_set_new(summary, "fail_on", eg_json_str(eg_severity_name(r->fail_on)));
	json_object_set_new(summary, "passed", json_boolean(!r->failed));
	json_object_set_new(root, "summary", summary);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
}

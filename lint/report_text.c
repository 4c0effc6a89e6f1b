/* report_text.c - compiler-style findings for terminals and CI logs. */
#include "report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_DIM "\033[2m"

static const char *sev_color(eg_severity s)
{
	return s == EG_SEV_ERROR ? C_RED : s == EG_SEV_WARNING ? C_YELLOW : C_CYAN;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void eg_report_text(FILE *out, const eg_report *r)
{
	const eg_findings *f = r->findings;
	const char *bold = r->color ? C_BOLD : "", *reset = r->color ? C_RESET : "";
	const char *dim = r->color ? C_DIM : "";
	size_t i, errors, warnings, notes;

	for (i = 0; i < f->n; i++) {
		const eg_finding *x = &f->items[i];
		const char *file = x->loc.src ? x->loc.src->path : "<run>";

		fprintf(out, "%s%s:%d:%d:%s %s%s:%s %s %s[%s]%s\n", bold, file, x->loc.line,
			x->loc.col, reset, r->color ? sev_color(x->severity) : "",
			eg_severity_name(x->severity), reset, x->message, dim, x->rule->id, reset);
		fprintf(out, "  resource: %s", x->resource ? x->resource : "(none)");
		if (x->construct_path)
			fprintf(out, " (%s)", x->construct_path);
		else if (x->stack)
			fprintf(out, " in stack %s", x->stack);
		fputc('\n', out);
		if (x->dist)
			fprintf(out, "  environment: %s (%s)\n", x->dist->env ? x->dist->env : "none",
				x->dist->env_source ? x->dist->env_source : "unknown");
		fprintf(out, "  fix: %s\n\n", x->rule->remediation);
	}
	errors = eg_findings_count(f, EG_SEV_ERROR);
	warnings = eg_findings_count(f, EG_SEV_WARNING);
	notes = eg_findings_count(f, EG_SEV_NOTE);
	fprintf(out, "edgegate: %zu %s, %zu %s, %zu %s; %zu %s, %zu %s, %zu %s checked by %zu %s: ",
		errors, plural(errors, "error", "errors"), warnings,
		plural(warnings, "warning", "warnings"), notes, plural(notes, "note", "notes"),
		r->model->nsources, plural(r->model->nsources, "file", "files"), r->model->ndists,
		plural(r->model->ndists, "distribution", "distributions"), r->model->nrecords,
		plural(r->model->nrecords, "DNS record", "DNS records"), f->rules_run,
		plural(f->rules_run, "rule", "rules"));
	if (r->fail_on == EG_SEV_NONE)
		fprintf(out, "gate passed (--fail-on never)\n");
	else
		fprintf(out, "gate %s%s%s (fails on %s and above)\n",
			r->color ? (r->failed ? C_RED : "\033[1;32m") : "",
			r->failed ? "FAILED" : "passed", reset, eg_severity_name(r->fail_on));
}

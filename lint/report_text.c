/* report_text.c - compiler-style findings for terminals and CI logs,
 * grouped by the distribution they are about, so a run over several stacks
 * and live inputs reads one distribution at a time. */
#include "report.h"

#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static const char *reset_of(const eg_report *r)
{
	return r->color ? C_RESET : "";
}

/* Text from the inputs (and rule files) as the report prints it: no control
 * character gets through, so an address holding "\n::error::" cannot start
 * a workflow command in a CI log, nor ESC colour a terminal.  The result
 * lives in scratch until its next use. */
static const char *vis(eg_strbuf *scratch, const char *s)
{
	eg_sb_reset(scratch);
	eg_sb_add_visible(scratch, s, false);
	return scratch->buf;
}

/* Text whose own line breaks are kept, each continuation line indented. */
static void put_lines(FILE *out, eg_strbuf *scratch, const char *s)
{
	const char *m, *nl;

	eg_sb_reset(scratch);
	eg_sb_add_visible(scratch, s, true);
	for (m = scratch->buf; (nl = strchr(m, '\n')); m = nl + 1) {
		fwrite(m, 1, (size_t)(nl + 1 - m), out);
		fputs("  ", out);
	}
	fputs(m, out);
}

static void print_header(FILE *out, const eg_report *r, const eg_distribution *d)
{
	const char *bold = r->color ? C_BOLD : "", *reset = r->color ? C_RESET : "";
	eg_strbuf sb = EG_STRBUF_INIT, v = EG_STRBUF_INIT;
	size_t i;

	if (!d) {
		fprintf(out, "%s== not tied to a distribution%s\n\n", bold, reset);
		return;
	}
	eg_distribution_label(d, &sb);
	fprintf(out, "%s== distribution %s%s", bold, vis(&v, sb.buf), reset);
	/* the label already names the stack */
	if (d->construct_path)
		fprintf(out, " (%s)", vis(&v, d->construct_path));
	fprintf(out, "\n   environment: %s", vis(&v, d->env ? d->env : "none"));
	fprintf(out, " (%s)\n", vis(&v, d->env_source ? d->env_source : "unknown"));
	for (i = 0; i < d->nseen_also; i++) {
		eg_loc l = d->seen_also[i]->loc;
		eg_model_resolve_loc(&l);
		fprintf(out, "   also in %s:%d:%d (%s); the %s view is used\n", vis(&v, l.src->path),
			l.line, l.col, eg_format_name(l.src->format),
			eg_format_name(d->loc.src->format));
	}
	fputc('\n', out);
	eg_sb_release(&sb);
	eg_sb_release(&v);
}

/* The patch under its finding, indented so that it cannot pass for a
 * finding line; its values came through JSON escaping (eval.c). */
static void print_patch(FILE *out, eg_strbuf *v, const eg_finding *x)
{
	const char *m;

	if (!*x->patch) {
		fputs("  patch: ", out);
		put_lines(out, v, x->patch_place);
		fputc('\n', out);
		return;
	}
	fprintf(out, "  patch (%s): ", eg_patch_lang_name(x->patch_lang));
	put_lines(out, v, x->patch_place);
	fputs("\n    ", out);
	eg_sb_reset(v);
	eg_sb_add_visible(v, x->patch, true);
	for (m = v->buf; *m; m++) {
		fputc(*m, out);
		if (*m == '\n' && m[1])
			fputs("    ", out);
	}
	if (v->len && v->buf[v->len - 1] != '\n')
		fputc('\n', out);
}

/* Baselined findings are the estate a team adopted edgegate on: counted,
 * not shown, so the report shows what this change adds. */
static bool shown(const eg_finding *x)
{
	return x->suppressed != EG_SUPPRESS_BASELINE;
}

static void print_finding(FILE *out, const eg_report *r, const eg_finding *x)
{
	const char *bold = r->color ? C_BOLD : "", *reset = r->color ? C_RESET : "";
	const char *dim = r->color ? C_DIM : "";
	const char *file = x->loc.src ? x->loc.src->path : "<run>";
	eg_strbuf why = EG_STRBUF_INIT, v = EG_STRBUF_INIT;

	fprintf(out, "%s%s:%d:%d:%s %s%s%s:%s ", bold, vis(&v, file), x->loc.line, x->loc.col,
		reset, r->color && !x->suppressed ? sev_color(x->severity) : "",
		eg_severity_name(x->severity), x->suppressed ? " (suppressed)" : "", reset);
	/* Continuation lines are indented so that only the first line of a
	 * finding looks like file:line:col to a problem matcher.  A rule's
	 * message may have lines of its own; the values it quotes cannot
	 * (eval renders their control characters visible). */
	put_lines(out, &v, x->message);
	fprintf(out, " %s[%s]%s\n", dim, vis(&v, x->rule->id), reset);
	eg_gate_describe(x, &why);
	if (why.len)
		fprintf(out, "  %s\n", vis(&v, why.buf));
	eg_sb_release(&why);
	fprintf(out, "  resource: %s", vis(&v, x->resource ? x->resource : "(none)"));
	if (x->construct_path)
		fprintf(out, " (%s)", vis(&v, x->construct_path));
	else if (x->stack)
		fprintf(out, " in stack %s", vis(&v, x->stack));
	fputc('\n', out);
	fputs("  fix: ", out);
	put_lines(out, &v, x->rule->remediation);
	fputc('\n', out);
	if (x->patch)
		print_patch(out, &v, x);
	fputc('\n', out);
	eg_sb_release(&v);
}

static bool is_hygiene(const eg_finding *x)
{
	const char *cat = eg_rule_category(x->rule);
	return cat && !strcmp(cat, "hygiene");
}

/* One pass of the report: the findings that are hygiene (or not), grouped
 * by distribution in order of their first finding; findings keep their
 * order. */
/* A shown finding of the pass, and its group: the index of its
 * distribution's first finding (SIZE_MAX for findings tied to none, which
 * come last). */
typedef struct pass_item {
	const eg_distribution *dist;
	size_t group, index;
} pass_item;

static int cmp_by_dist(const void *a, const void *b)
{
	const pass_item *x = a, *y = b;

	if (x->dist != y->dist)
		return (uintptr_t)x->dist < (uintptr_t)y->dist ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_by_group(const void *a, const void *b)
{
	const pass_item *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorted, not searched per group: a run over thousands of distributions
 * stays n log n. */
static void print_pass(FILE *out, const eg_report *r, bool hygiene)
{
	const eg_findings *f = r->findings;
	pass_item *items = eg_xmalloc((f->n ? f->n : 1) * sizeof(*items));
	size_t n = 0, i, first = 0;

	for (i = 0; i < f->n; i++)
		if (shown(&f->items[i]) && is_hygiene(&f->items[i]) == hygiene) {
			items[n].dist = f->items[i].dist;
			items[n++].index = i;
		}
	qsort(items, n, sizeof(*items), cmp_by_dist);
	for (i = 0; i < n; i++) {
		if (!i || items[i].dist != items[i - 1].dist)
			first = items[i].index;
		items[i].group = items[i].dist ? first : SIZE_MAX;
	}
	qsort(items, n, sizeof(*items), cmp_by_group);
	if (n && hygiene)
		fprintf(out, "%s== hygiene: nothing here breaks a deploy or traffic%s\n\n",
			r->color ? C_BOLD : "", reset_of(r));
	for (i = 0; i < n; i++) {
		if (!i || items[i].group != items[i - 1].group)
			print_header(out, r, items[i].dist);
		print_finding(out, r, &f->items[items[i].index]);
	}
	eg_free(items);
}

/* ", by kind: 2 outage, 1 hygiene": the findings counted under the text's
 * severities, by their rule's primary tag. */
static void print_categories(FILE *out, const eg_findings *f)
{
	size_t counts[EG_CATEGORY_COUNT + 1], k, total = 0;
	bool first = true;

	eg_findings_count_categories(f, counts);
	for (k = 0; k <= EG_CATEGORY_COUNT; k++)
		total += counts[k];
	if (!total)
		return;
	fputs(" (", out);
	for (k = 0; k <= EG_CATEGORY_COUNT; k++) {
		if (!counts[k])
			continue;
		fprintf(out, "%s%zu %s", first ? "" : ", ", counts[k],
			k < EG_CATEGORY_COUNT ? eg_categories[k] : "untagged");
		first = false;
	}
	fputc(')', out);
}

void eg_report_text(FILE *out, const eg_report *r)
{
	const eg_findings *f = r->findings;
	size_t errors, warnings, notes, ndists, nrecords;
	size_t waived, baselined;

	/* What breaks first, hygiene after: a long report must not bury an
	 * outage under tidy-ups. */
	print_pass(out, r, false);
	print_pass(out, r, true);

	errors = eg_findings_count(f, EG_SEV_ERROR);
	warnings = eg_findings_count(f, EG_SEV_WARNING);
	notes = eg_findings_count(f, EG_SEV_NOTE);
	eg_model_count_distinct(r->model, &ndists, &nrecords);
	waived = eg_findings_count_suppressed(f, EG_SUPPRESS_WAIVER);
	baselined = eg_findings_count_suppressed(f, EG_SUPPRESS_BASELINE);
	fprintf(out, "edgegate: %zu %s, %zu %s, %zu %s", errors, plural(errors, "error", "errors"),
		warnings, plural(warnings, "warning", "warnings"), notes,
		plural(notes, "note", "notes"));
	print_categories(out, f);
	if (waived)
		fprintf(out, ", %zu waived", waived);
	if (baselined)
		fprintf(out, ", %zu in the baseline", baselined);
	/* A gate that passes because it saw nothing must say so: the wrong
	 * directory, or a template without CloudFront, is not a clean bill. */
	fprintf(out, "; %zu %s, %zu %s%s, %zu %s checked by %zu %s: ",
		r->model->nsources, plural(r->model->nsources, "file", "files"), ndists,
		plural(ndists, "distribution", "distributions"),
		ndists ? "" : " (no CloudFront distribution in the inputs: nothing to check; "
			      "see -v for what was read)",
		nrecords,
		plural(nrecords, "DNS record", "DNS records"), f->rules_run,
		plural(f->rules_run, "rule", "rules"));
	if (r->fail_on == EG_SEV_NONE)
		fprintf(out, "gate passed (--fail-on never)\n");
	else
		fprintf(out, "gate %s%s%s (fails on %s and above)\n",
			r->color ? (r->failed ? C_RED : "\033[1;32m") : "",
			r->failed ? "FAILED" : "passed", reset_of(r), eg_severity_name(r->fail_on));
}

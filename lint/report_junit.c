/* report_junit.c - JUnit XML for CI test-report views (GitLab, Jenkins,
 * Azure Pipelines).
 *
 * A testsuite per input file, in input order, and a testcase per rule and
 * resource checked there (classname the rule, name the resource).  A
 * finding at or above --fail-on is a <failure>; a waived or baselined one
 * that would have failed makes the case <skipped>; anything else is logged
 * in <system-out> and passes.  Findings no check covers (unused-waiver
 * notes on .edgegate.yml) get a testcase in a testsuite for their file.
 *
 * Valid against schemas/junit.xsd (the Jenkins xUnit plugin's junit-10.xsd),
 * which has no `skipped` on <testsuites>.  No timestamps or times, so the
 * output depends only on the run.
 */
#include "report.h"

#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NO_FILE "<run>"

/* Escaped for text or a double-quoted attribute.  XML 1.0 has no way to
 * write most C0 controls, U+FFFE, U+FFFF or bytes that are not UTF-8: they
 * become U+FFFD.  Attribute values are normalized by parsers, so line
 * breaks and tabs there are character references. */
static void xml_add(eg_strbuf *sb, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)s;

	while (p && *p) {
		size_t n = eg_utf8_seq((const char *)p);
		if (!n) {
			eg_sb_adds(sb, EG_UTF8_REPLACEMENT);
			p++;
			continue;
		}
		if (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
			eg_sb_adds(sb, EG_UTF8_REPLACEMENT);
		} else if (n > 1) {
			eg_sb_add(sb, (const char *)p, n);
		} else {
			switch (*p) {
			case '&': eg_sb_adds(sb, "&amp;"); break;
			case '<': eg_sb_adds(sb, "&lt;"); break;
			case '>': eg_sb_adds(sb, "&gt;"); break;
			case '"': eg_sb_adds(sb, "&quot;"); break;
			case '\'': eg_sb_adds(sb, "&apos;"); break;
			case '\r': eg_sb_adds(sb, "&#13;"); break;
			case '\n': eg_sb_adds(sb, attr ? "&#10;" : "\n"); break;
			case '\t': eg_sb_adds(sb, attr ? "&#9;" : "\t"); break;
			default:
				if (*p < 0x20)
					eg_sb_adds(sb, EG_UTF8_REPLACEMENT);
				else
					eg_sb_addc(sb, (char)*p);
			}
		}
		p += n;
	}
}

static void xml_attr(eg_strbuf *sb, const char *name, const char *value)
{
	eg_sb_addf(sb, " %s=\"", name);
	xml_add(sb, value, true);
	eg_sb_addc(sb, '"');
}

/* --- test cases --------------------------------------------------------------- */

/* A rule x resource pair: a check, or findings no check covers. */
typedef struct tcase {
	const char *file;    /* its testsuite */
	size_t suite;
	const char *rule;    /* id */
	const char *resource;
	const char *stack;
	size_t failures, skips;
	size_t first;        /* its first finding, or SIZE_MAX */
} tcase;

enum outcome { OUT_FAIL, OUT_SKIP, OUT_LOG };

static enum outcome outcome_of(const eg_report *r, const eg_finding *x)
{
	if (r->fail_on == EG_SEV_NONE || x->severity < r->fail_on)
		return OUT_LOG;
	return x->suppressed ? OUT_SKIP : OUT_FAIL;
}

static int cmp_opt(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* By rule, stack and resource: what a finding is matched on. */
static int cmp_key(const tcase *a, const char *rule, const char *stack, const char *resource)
{
	int c = strcmp(a->rule, rule);

	if (!c)
		c = cmp_opt(a->stack, stack);
	return c ? c : cmp_opt(a->resource, resource);
}

/* Over pointers into one array: ties keep the checks' order. */
static int cmp_case(const void *pa, const void *pb)
{
	const tcase *a = *(const tcase *const *)pa, *b = *(const tcase *const *)pb;
	int c = cmp_key(a, b->rule, b->stack, b->resource);

	return c ? c : (a < b ? -1 : a > b);
}

static const char *finding_file(const eg_finding *x)
{
	return x->loc.src ? x->loc.src->path : NO_FILE;
}

typedef struct plan {
	tcase *cases;
	size_t ncases;
	size_t *next;        /* findings of a case, in report order */
	size_t *order;       /* cases grouped by testsuite */
	const char **suites; /* testsuite names in order */
	size_t nsuites, suites_alloc;
} plan;

static size_t suite_of(plan *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nsuites; i++)
		if (!strcmp(p->suites[i], name))
			return i;
	EG_ALLOC_GROW(p->suites, p->nsuites + 1, p->suites_alloc);
	p->suites[p->nsuites] = name;
	return p->nsuites++;
}

static size_t add_case(plan *p, const char *file, const char *rule, const char *resource,
		       const char *stack)
{
	tcase *t = &p->cases[p->ncases];

	t->file = file;
	/* Checks come sorted by file: look the suite up only when it changes. */
	if (p->ncases && !strcmp(p->cases[p->ncases - 1].file, file))
		t->suite = p->cases[p->ncases - 1].suite;
	else
		t->suite = suite_of(p, file);
	t->rule = rule;
	t->resource = resource;
	t->stack = stack;
	t->first = SIZE_MAX;
	return p->ncases++;
}

/* The check for x's rule, resource and stack, preferring one in x's own
 * file (a resource can be described by two inputs); SIZE_MAX if none. */
static size_t find_check(const plan *p, const tcase *const *index, size_t nindex,
			 const eg_finding *x)
{
	const char *id = x->rule->id;
	size_t lo = 0, hi = nindex, best = SIZE_MAX;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(index[mid], id, x->stack, x->resource) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nindex && !cmp_key(index[lo], id, x->stack, x->resource); lo++) {
		size_t c = (size_t)(index[lo] - p->cases);
		if (best == SIZE_MAX)
			best = c;
		if (!strcmp(index[lo]->file, finding_file(x)))
			return c;
	}
	return best;
}

static void plan_build(plan *p, const eg_report *r)
{
	const eg_findings *f = r->findings;
	const tcase **index;
	size_t i, j, nchecks, *last, *fill;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < r->model->nsources; i++)
		suite_of(p, r->model->sources[i]->path);
	p->cases = eg_xcalloc(f->nchecked + f->n + 1, sizeof(*p->cases));
	for (i = 0; i < f->nchecked; i++) {
		const eg_check *c = &f->checked[i];
		add_case(p, c->src ? c->src->path : NO_FILE, c->rule->id, c->resource, c->stack);
	}
	nchecks = p->ncases;
	index = eg_xmalloc((nchecks + 1) * sizeof(*index));
	for (i = 0; i < nchecks; i++)
		index[i] = &p->cases[i];
	qsort(index, nchecks, sizeof(*index), cmp_case);

	p->next = eg_xmalloc((f->n + 1) * sizeof(*p->next));
	last = eg_xmalloc((f->nchecked + f->n + 1) * sizeof(*last));
	for (i = 0; i < f->n; i++) {
		const eg_finding *x = &f->items[i];
		size_t c = find_check(p, index, nchecks, x);
		for (j = nchecks; c == SIZE_MAX && j < p->ncases; j++)
			if (!cmp_key(&p->cases[j], x->rule->id, x->stack, x->resource) &&
			    !strcmp(p->cases[j].file, finding_file(x)))
				c = j;
		if (c == SIZE_MAX)
			c = add_case(p, finding_file(x), x->rule->id, x->resource, x->stack);
		p->next[i] = SIZE_MAX;
		if (p->cases[c].first == SIZE_MAX)
			p->cases[c].first = i;
		else
			p->next[last[c]] = i;
		last[c] = i;
		switch (outcome_of(r, x)) {
		case OUT_FAIL: p->cases[c].failures++; break;
		case OUT_SKIP: p->cases[c].skips++; break;
		case OUT_LOG: break;
		}
	}
	/* Cases grouped by testsuite, in their order (a counting sort). */
	fill = eg_xcalloc(p->nsuites + 1, sizeof(*fill));
	for (i = 0; i < p->ncases; i++)
		fill[p->cases[i].suite + 1]++;
	for (i = 1; i <= p->nsuites; i++)
		fill[i] += fill[i - 1];
	p->order = eg_xmalloc((p->ncases + 1) * sizeof(*p->order));
	for (i = 0; i < p->ncases; i++)
		p->order[fill[p->cases[i].suite]++] = i;
	eg_free(fill);
	eg_free(last);
	eg_free(index);
}

static void plan_release(plan *p)
{
	eg_free(p->cases);
	eg_free(p->next);
	eg_free(p->order);
	eg_free(p->suites);
}

static bool fails(const tcase *t)
{
	return t->failures > 0;
}

static bool skipped(const tcase *t)
{
	return !t->failures && t->skips;
}

/* "file:line:col: severity: message", the suppression, then the fix. */
static void describe(eg_strbuf *sb, const eg_finding *x)
{
	if (x->loc.src)
		eg_sb_addf(sb, "%s:%d:%d: ", x->loc.src->path, x->loc.line, x->loc.col);
	eg_sb_addf(sb, "%s: %s\n", eg_severity_name(x->severity), x->message);
	if (x->suppressed) {
		eg_gate_describe(x, sb);
		eg_sb_addc(sb, '\n');
	}
	eg_sb_addf(sb, "fix: %s", x->rule->remediation);
}

static void emit_case(eg_strbuf *out, const eg_report *r, const plan *p, size_t c)
{
	const eg_findings *f = r->findings;
	const tcase *t = &p->cases[c];
	eg_strbuf tmp = EG_STRBUF_INIT, log = EG_STRBUF_INIT;
	bool open = false, skip_done = false;
	size_t i;

	eg_sb_adds(out, "    <testcase");
	if (t->stack)
		eg_sb_addf(&tmp, "%s/%s", t->stack, t->resource ? t->resource : "(none)");
	else
		eg_sb_adds(&tmp, t->resource ? t->resource : "(none)");
	xml_attr(out, "name", tmp.buf);
	xml_attr(out, "classname", t->rule);
	for (i = t->first; i != SIZE_MAX; i = p->next[i]) {
		const eg_finding *x = &f->items[i];
		enum outcome o = outcome_of(r, x);
		if (!open) {
			eg_sb_adds(out, ">\n");
			open = true;
		}
		eg_sb_reset(&tmp);
		if (o == OUT_FAIL) {
			eg_sb_adds(out, "      <failure");
			xml_attr(out, "message", x->message);
			xml_attr(out, "type", eg_severity_name(x->severity));
			eg_sb_addc(out, '>');
			describe(&tmp, x);
			xml_add(out, tmp.buf, false);
			eg_sb_adds(out, "</failure>\n");
		} else if (o == OUT_SKIP && !fails(t) && !skip_done) {
			eg_gate_describe(x, &tmp);
			eg_sb_adds(out, "      <skipped");
			xml_attr(out, "message", tmp.buf);
			eg_sb_adds(out, "/>\n");
			skip_done = true;
		}
		if (o != OUT_FAIL) {
			if (log.len)
				eg_sb_adds(&log, "\n\n");
			describe(&log, x);
		}
	}
	if (log.len) {
		eg_sb_adds(out, "      <system-out>");
		xml_add(out, log.buf, false);
		eg_sb_adds(out, "</system-out>\n");
	}
	eg_sb_adds(out, open ? "    </testcase>\n" : "/>\n");
	eg_sb_release(&tmp);
	eg_sb_release(&log);
}

void eg_report_junit(FILE *out, const eg_report *r)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	size_t s, i = 0, k, failures = 0;
	plan p;

	plan_build(&p, r);
	for (k = 0; k < p.ncases; k++)
		failures += fails(&p.cases[k]);
	eg_sb_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	eg_sb_addf(&sb, "<testsuites name=\"edgegate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
		   p.ncases, failures);
	/* p.order lists the cases suite by suite; i walks it. */
	for (s = 0; s < p.nsuites; s++) {
		size_t end = i, nfail = 0, nskip = 0;
		while (end < p.ncases && p.cases[p.order[end]].suite == s) {
			nfail += fails(&p.cases[p.order[end]]);
			nskip += skipped(&p.cases[p.order[end]]);
			end++;
		}
		eg_sb_adds(&sb, "  <testsuite");
		xml_attr(&sb, "name", p.suites[s]);
		eg_sb_addf(&sb, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\"",
			   end - i, nfail, nskip);
		if (end == i) {
			eg_sb_adds(&sb, "/>\n");
			continue;
		}
		eg_sb_adds(&sb, ">\n");
		for (; i < end; i++)
			emit_case(&sb, r, &p, p.order[i]);
		eg_sb_adds(&sb, "  </testsuite>\n");
	}
	eg_sb_adds(&sb, "</testsuites>\n");
	fwrite(sb.buf, 1, sb.len, out);
	eg_sb_release(&sb);
	plan_release(&p);
}

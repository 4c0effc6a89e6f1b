/* gate.c - waivers, baseline and the decision. */
#include "gate.h"

#include "json.h"
#include "sha256.h"
#include "source.h"
#include "yamldoc.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool waiver_matches(const eg_waiver *w, const eg_finding *f, eg_strbuf *scratch)
{
	if (strcmp(w->rule, f->rule->id))
		return false;
	if (w->stack && (!f->stack || strcmp(w->stack, f->stack)))
		return false;
	if (!f->resource)
		return false;
	if (eg_glob_match(w->resource, f->resource))
		return true;
	/* CDK users know a resource by its construct path or Stack/LogicalId. */
	if (f->construct_path && eg_glob_match(w->resource, f->construct_path))
		return true;
	if (!f->stack)
		return false;
	eg_sb_reset(scratch);
	eg_sb_addf(scratch, "%s/%s", f->stack, f->resource);
	return eg_glob_match(w->resource, scratch->buf);
}

static int check_rule_known(const eg_waiver *w, const eg_ruleset *rs, eg_status code, eg_error *err)
{
	if (eg_ruleset_find(rs, w->rule))
		return 0;
	return eg_error_set(err, code, w->file, w->line, w->col,
			    "the waiver names rule '%s', which is not loaded in this run", w->rule);
}

/* The first waiver in force wins; an expired one is remembered so the
 * finding can say so when nothing else covers it. */
static void apply_waivers(const eg_gate *g, eg_finding *f, eg_waivers *ws, eg_strbuf *scratch)
{
	size_t i;

	for (i = 0; i < ws->n && f->suppressed != EG_SUPPRESS_WAIVER; i++) {
		eg_waiver *w = &ws->items[i];
		if (!waiver_matches(w, f, scratch))
			continue;
		w->matched++;
		if (w->expires[0] && strcmp(g->today, w->expires) >= 0) {
			if (!f->waiver)
				f->waiver = w;
			f->waiver_expired = true;
			continue;
		}
		f->suppressed = EG_SUPPRESS_WAIVER;
		f->waiver = w;
		f->waiver_expired = false;
	}
}

static const eg_rule *unused_rule(eg_ruleset *rs)
{
	const eg_rule *found = eg_ruleset_find(rs, "unused-waiver");
	eg_rule *r;

	if (found)
		return found;
	r = eg_arena_alloc(&rs->arena, sizeof(*r));
	r->id = "unused-waiver";
	r->title = "A waiver matches no finding";
	r->description = "A waiver in .edgegate.yml or in a template's Metadata.edgegate "
			 "suppressed nothing in this run: the finding was fixed, the resource "
			 "was renamed, or the waiver's rule or resource is mistyped.";
	r->remediation = "Delete the waiver, or correct its rule id or resource pattern.";
	r->file = "(edgegate)";
	r->severity = EG_SEV_NOTE;
	r->scope = EG_SCOPE_DISTRIBUTION;
	/* a stale waiver costs nothing: it is listed with the tidy-ups */
	r->tags = eg_arena_alloc(&rs->arena, 2 * sizeof(*r->tags));
	r->tags[0] = "waiver";
	r->tags[1] = "hygiene";
	r->ntags = 2;
	EG_ALLOC_GROW(rs->rules, rs->n + 1, rs->alloc);
	rs->rules[rs->n++] = r;
	return r;
}

static void note_unused(eg_findings *f, eg_ruleset *rs, const eg_waiver *w)
{
	eg_finding x;
	const eg_source *src = w->src;

	if (!src) { /* the config file is not an input: a source that only names it */
		eg_source *named = eg_arena_alloc(&f->arena, sizeof(*named));
		named->path = eg_arena_strdup(&f->arena, w->file);
		src = named;
	}
	memset(&x, 0, sizeof(x));
	x.rule = unused_rule(rs);
	x.severity = EG_SEV_NOTE;
	x.loc.src = src;
	x.loc.line = w->line;
	x.loc.col = w->col;
	x.resource = w->resource;
	x.stack = w->stack;
	x.message = eg_arena_printf(&f->arena,
				    "the waiver for rule %s on %s matched no finding; delete it if the "
				    "finding is fixed, or correct the rule or resource (reason given: %s)",
				    w->rule, w->resource, w->reason);
	{
		/* A stale waiver is known by what it says, not where it sits. */
		const char *parts[] = { "unused-waiver", w->rule, w->stack, w->resource };
		eg_fingerprint(x.fingerprint, parts, EG_ARRAY_SIZE(parts));
	}
	EG_ALLOC_GROW(f->items, f->n + 1, f->alloc);
	f->items[f->n++] = x;
}

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool in_baseline(const eg_baseline *bl, const char *fp)
{
	return bl && bl->n && bsearch(fp, bl->fingerprints, bl->n, sizeof(*bl->fingerprints), cmp_fp);
}

int eg_gate_apply(eg_gate *g, eg_findings *f, eg_ruleset *rs, eg_config *c, eg_model *m,
		  eg_error *err)
{
	eg_strbuf scratch = EG_STRBUF_INIT;
	eg_waivers *lists[2];
	eg_status codes[2] = { EG_ERR_CONFIG, EG_ERR_INPUT };
	size_t i, j, n = f->n;
	int rc;

	lists[0] = &c->waivers;
	lists[1] = &m->waivers;
	for (j = 0; j < 2; j++)
		for (i = 0; i < lists[j]->n; i++)
			if ((rc = check_rule_known(&lists[j]->items[i], rs, codes[j], err)))
				return rc;
	for (i = 0; i < n; i++) {
		eg_finding *x = &f->items[i];
		for (j = 0; j < 2; j++)
			apply_waivers(g, x, lists[j], &scratch);
		if (x->suppressed == EG_SUPPRESS_WAIVER)
			continue;
		if (x->waiver_expired)
			x->message = eg_arena_printf(&f->arena,
						     "%s (the waiver at %s:%d:%d expired on %s: %s)",
						     x->message, x->waiver->file, x->waiver->line,
						     x->waiver->col, x->waiver->expires, x->waiver->reason);
		if (g->baseline_all || in_baseline(g->baseline, x->fingerprint))
			x->suppressed = EG_SUPPRESS_BASELINE;
	}
	for (j = 0; j < 2; j++)
		for (i = 0; i < lists[j]->n; i++)
			if (!lists[j]->items[i].matched)
				note_unused(f, rs, &lists[j]->items[i]);
	eg_sb_release(&scratch);
	if (f->n != n)
		eg_findings_sort(f);
	g->failed = eg_findings_count_at_least(f, c->fail_on) > 0;
	return 0;
}

void eg_gate_describe(const eg_finding *x, eg_strbuf *sb)
{
	if (x->suppressed == EG_SUPPRESS_BASELINE) {
		eg_sb_adds(sb, "in the baseline");
	} else if (x->suppressed == EG_SUPPRESS_WAIVER) {
		eg_sb_addf(sb, "waived: %s (%s:%d:%d", x->waiver->reason, x->waiver->file,
			   x->waiver->line, x->waiver->col);
		if (x->waiver->expires[0])
			eg_sb_addf(sb, ", expires %s", x->waiver->expires);
		eg_sb_adds(sb, ")");
	}
}

const char *eg_gate_decision(bool failed)
{
	return failed ? "fail" : "pass";
}

/* --- baseline --------------------------------------------------------------- */

#define BASELINE_VERSION 1

static int bl_fail(const char *path, const eg_ynode *n, const char *what, eg_error *err)
{
	return eg_error_set(err, EG_ERR_INPUT, path, n ? n->line : 1, n ? n->col : 1,
			    "not an edgegate baseline: %s (write one with --write-baseline)", what);
}

int eg_baseline_load(eg_baseline *bl, const char *path, eg_error *err)
{
	static const char *const keys[] = { "edgegate_baseline", "findings", NULL };
	eg_ydoc_limits limits = EG_YDOC_LIMITS_DEFAULT;
	eg_source *src = NULL;
	eg_ydoc *doc = NULL;
	const eg_ynode *root, *v, *list;
	size_t i;
	int rc;

	memset(bl, 0, sizeof(*bl));
	if ((rc = eg_source_load(&src, path, EG_MAX_INPUT_BYTES, err)))
		return rc;
	rc = eg_ydoc_parse_json(&doc, src->data, src->len, path, &limits, err);
	eg_source_free(src);
	if (rc)
		return rc;
	bl->path = path;
	root = doc->root;
	if (!root || root->kind != EG_Y_MAP) {
		rc = bl_fail(path, root, "expected a JSON object", err);
		goto out;
	}
	if ((rc = eg_ynode_check_keys(root, "baseline", keys, path, EG_ERR_INPUT, err)))
		goto out;
	v = eg_ynode_get(root, "edgegate_baseline");
	if (!v || v->kind != EG_Y_SCALAR || strcmp(v->str, "1")) {
		rc = bl_fail(path, v ? v : root, "`edgegate_baseline` must be 1", err);
		goto out;
	}
	list = eg_ynode_get(root, "findings");
	if (!list || list->kind != EG_Y_SEQ) {
		rc = bl_fail(path, list ? list : root, "`findings` must be a list", err);
		goto out;
	}
	bl->fingerprints = eg_xmalloc((list->nitems ? list->nitems : 1) * sizeof(*bl->fingerprints));
	for (i = 0; i < list->nitems; i++) {
		const eg_ynode *fp = list->items[i]->kind == EG_Y_MAP ?
			eg_ynode_get(list->items[i], "fingerprint") : NULL;
		size_t k;
		if (!fp || fp->kind != EG_Y_SCALAR || fp->len != 32) {
			rc = bl_fail(path, fp ? fp : list->items[i],
				     "each finding needs a 32-digit `fingerprint`", err);
			goto out;
		}
		for (k = 0; k < 32; k++)
			if (!strchr("0123456789abcdef", fp->str[k])) {
				rc = bl_fail(path, fp, "a fingerprint is lowercase hex", err);
				goto out;
			}
		memcpy(bl->fingerprints[bl->n++], fp->str, 33);
	}
	qsort(bl->fingerprints, bl->n, sizeof(*bl->fingerprints), cmp_fp);
out:
	eg_ydoc_free(doc);
	if (rc)
		eg_baseline_release(bl);
	return rc;
}

void eg_baseline_release(eg_baseline *bl)
{
	eg_free(bl->fingerprints);
	memset(bl, 0, sizeof(*bl));
}

static int cmp_finding_fp(const void *pa, const void *pb)
{
	const eg_finding *const *a = pa, *const *b = pb;
	return strcmp((*a)->fingerprint, (*b)->fingerprint);
}

int eg_baseline_write(const char *path, const eg_findings *f, eg_error *err)
{
	const eg_finding **sorted = eg_xmalloc((f->n ? f->n : 1) * sizeof(*sorted));
	json_t *root = json_object(), *list = json_array();
	size_t i, n = 0;
	int rc = 0;

	for (i = 0; i < f->n; i++)
		if (f->items[i].suppressed != EG_SUPPRESS_WAIVER &&
		    strcmp(f->items[i].rule->id, "unused-waiver"))
			sorted[n++] = &f->items[i];
	qsort(sorted, n, sizeof(*sorted), cmp_finding_fp);
	for (i = 0; i < n; i++) {
		/* rule, resource and message are for the reviewer; only the
		 * fingerprint is matched. */
		if (i && !strcmp(sorted[i]->fingerprint, sorted[i - 1]->fingerprint))
			continue;
		json_array_append_new(list, json_pack("{s:s, s:o, s:s, s:o, s:o}",
						      "fingerprint", sorted[i]->fingerprint,
						      "rule", eg_json_str(sorted[i]->rule->id),
						      "severity", eg_severity_name(sorted[i]->severity),
						      "resource", eg_json_str(sorted[i]->resource),
						      "message", eg_json_str(sorted[i]->message)));
	}
	json_object_set_new(root, "edgegate_baseline", json_integer(BASELINE_VERSION));
	json_object_set_new(root, "findings", list);
	rc = eg_json_write_file(root, path, "the baseline", err);
	json_decref(root);
	eg_free(sorted);
	return rc;
}

/* report_graph.c - `edgegate graph`: hosts -> DNS records -> distributions
 * -> behaviors (in CloudFront's order) -> origins, as a mermaid flowchart or
 * a Graphviz digraph.  Objects a finding points at are marked. */
#include "report.h"

#include "cloudfront.h"
#include "strbuf.h"

#include <string.h>

typedef struct graph {
	FILE *out;
	bool dot;
	const eg_findings *findings;
	eg_strbuf sb;
} graph;

static bool loc_same(const eg_loc *a, const eg_loc *b)
{
	if (!a->src || a->src != b->src)
		return false;
	if (a->pointer && b->pointer)
		return a->base == b->base && !strcmp(a->pointer, b->pointer);
	return a->line == b->line && a->col == b->col;
}

/* The worst unsuppressed finding at loc (or on d when loc is NULL), as a
 * class name, or NULL. */
static const char *marked(const graph *g, const eg_distribution *d, const eg_loc *loc)
{
	const char *cls = NULL;
	size_t i;

	for (i = 0; i < g->findings->n; i++) {
		const eg_finding *f = &g->findings->items[i];
		if (f->suppressed != EG_SUPPRESS_NONE)
			continue;
		if (loc ? !loc_same(&f->loc, loc) : f->dist != d)
			continue;
		if (f->severity == EG_SEV_ERROR)
			return "error";
		cls = f->severity == EG_SEV_WARNING ? "warning" : cls ? cls : "note";
	}
	return cls;
}

/* Label text, escaped for the output language; parts joined by a line break. */
static const char *label(graph *g, const char *a, const char *b)
{
	const char *parts[2] = { a, b };
	eg_strbuf shown = EG_STRBUF_INIT;
	size_t i;
	const char *p;

	eg_sb_reset(&g->sb);
	for (i = 0; i < 2; i++) {
		if (!parts[i])
			continue;
		if (i && parts[0])
			eg_sb_adds(&g->sb, g->dot ? "\\n" : "<br/>");
		/* control characters shown, never obeyed, as in the text report */
		eg_sb_reset(&shown);
		eg_sb_add_visible(&shown, eg_is_unknown(parts[i]) ? "(known after apply)" : parts[i],
				  false);
		for (p = shown.buf ? shown.buf : ""; *p; p++) {
			if (*p == '"')
				eg_sb_adds(&g->sb, g->dot ? "\\\"" : "#quot;");
			else if (*p == '\\' && g->dot)
				eg_sb_adds(&g->sb, "\\\\");
			else if ((*p == '<' || *p == '>') && !g->dot)
				eg_sb_adds(&g->sb, *p == '<' ? "#lt;" : "#gt;");
			else if (*p == '`' && !g->dot) /* would end a Markdown fence */
				eg_sb_adds(&g->sb, "#96;");
			else if (*p == '#' && !g->dot) /* would start an entity */
				eg_sb_adds(&g->sb, "#35;");
			else
				eg_sb_addc(&g->sb, *p);
		}
	}
	eg_sb_release(&shown);
	return g->sb.buf ? g->sb.buf : "";
}

/* shape: 'h' host, 'r' record, 'd' distribution, 'b' behavior, 'o' origin, 'g' group */
static void node(graph *g, const char *id, char shape, const char *text, const char *cls)
{
	if (g->dot) {
		fprintf(g->out, "  %s [label=\"%s\", shape=%s%s%s];\n", id, text,
			shape == 'h' ? "plaintext" : shape == 'o' ? "cylinder" : shape == 'd' ? "box3d"
			: shape == 'g' ? "folder" : "box",
			cls ? ", color=" : "",
			!cls ? "" : !strcmp(cls, "error") ? "red, penwidth=3"
			: !strcmp(cls, "warning") ? "orange, penwidth=3" : "blue, penwidth=2");
		return;
	}
	fprintf(g->out, "  %s%s\"%s\"%s%s%s\n", id,
		shape == 'h' ? "([" : shape == 'o' ? "[(" : shape == 'd' ? "[[" : shape == 'g' ? "{{" : "[",
		text,
		shape == 'h' ? "])" : shape == 'o' ? ")]" : shape == 'd' ? "]]" : shape == 'g' ? "}}" : "]",
		cls ? ":::" : "", cls ? cls : "");
}

static void edge(graph *g, const char *from, const char *to, const char *text, bool dashed)
{
	if (g->dot)
		fprintf(g->out, "  %s -> %s [%s%s%s%s%s];\n", from, to, text ? "label=\"" : "",
			text ? text : "", text ? "\"" : "", text && dashed ? ", " : "",
			dashed ? "style=dashed" : "");
	else if (text)
		fprintf(g->out, "  %s %s|\"%s\"| %s\n", from, dashed ? "-.->" : "-->", text, to);
	else
		fprintf(g->out, "  %s %s %s\n", from, dashed ? "-.->" : "-->", to);
}

/* An edge from node `from` to origin o of distribution di (none for NULL). */
static void edge_to_origin(graph *g, size_t di, const eg_distribution *d, const char *from,
			   const eg_origin *o, const char *text, bool dashed)
{
	size_t k;

	for (k = 0; o && k < d->norigins; k++)
		if (d->origins[k] == o) {
			char oid[48];
			snprintf(oid, sizeof(oid), "d%zuo%zu", di, k);
			edge(g, from, oid, text, dashed);
			return;
		}
}

static bool has_finding(const graph *g, const eg_distribution *d)
{
	size_t i;

	for (i = 0; i < g->findings->n; i++)
		if (g->findings->items[i].dist == d &&
		    g->findings->items[i].suppressed == EG_SUPPRESS_NONE)
			return true;
	return false;
}

static void draw_distribution(graph *g, const eg_model *m, size_t di)
{
	const eg_distribution *d = m->dists[di];
	eg_strbuf dl = EG_STRBUF_INIT, id = EG_STRBUF_INIT, to = EG_STRBUF_INIT;
	size_t i, j;

	eg_distribution_label(d, &dl);
	eg_sb_addf(&id, "d%zu", di);
	node(g, id.buf, 'd', label(g, dl.buf, d->env ? d->env : "environment not known"),
	     marked(g, d, NULL));
	for (i = 0; i < d->aliases.n; i++) {
		char h[48];
		snprintf(h, sizeof(h), "d%zua%zu", di, i);
		node(g, h, 'h', label(g, d->aliases.items[i], NULL), NULL);
		edge(g, h, id.buf, "alias", true);
	}
	for (i = 0; i < d->norigins; i++) {
		const eg_origin *o = d->origins[i];
		char oid[48];
		snprintf(oid, sizeof(oid), "d%zuo%zu", di, i);
		eg_sb_reset(&to);
		eg_sb_addf(&to, "%s, %s", eg_cf_origin_kind_name(o->kind),
			   o->env ? (eg_is_unknown(o->env) ? "environment unknown" : o->env)
				  : "environment not known");
		node(g, oid, 'o', label(g, o->id ? o->id : "?", to.buf), marked(g, d, &o->loc));
	}
	for (i = 0; i < d->ngroups; i++) {
		const eg_origin_group *gr = d->groups[i];
		char gid[48];
		snprintf(gid, sizeof(gid), "d%zug%zu", di, i);
		node(g, gid, 'g', label(g, gr->id ? gr->id : "?", "origin group"), NULL);
		for (j = 0; j < gr->members.n; j++)
			edge_to_origin(g, di, d, gid, gr->member_origins[j],
				       j ? "failover" : "primary", j > 0);
	}
	for (i = 0; i < d->nbehaviors; i++) {
		const eg_behavior *b = d->behaviors[i];
		char bid[48], pos[16];
		eg_sb_reset(&to);
		for (j = 0; j < b->allowed_methods.n; j++)
			eg_sb_addf(&to, "%s%s", j ? " " : "", b->allowed_methods.items[j]);
		snprintf(bid, sizeof(bid), "d%zub%zu", di, i);
		node(g, bid, 'b', label(g, b->is_default ? "* (default)" : b->path_pattern,
					 b->allowed_methods.unknown ? "methods known after apply"
								    : to.buf ? to.buf : ""),
		     marked(g, d, &b->loc));
		snprintf(pos, sizeof(pos), "%s", b->is_default ? "default" : "");
		if (!b->is_default)
			snprintf(pos, sizeof(pos), "%d", b->index + 1);
		edge(g, id.buf, bid, pos, false);
		edge_to_origin(g, di, d, bid, b->target, NULL, false);
		for (j = 0; j < d->ngroups; j++)
			if (b->target_group == d->groups[j]) {
				char gid[48];
				snprintf(gid, sizeof(gid), "d%zug%zu", di, j);
				edge(g, bid, gid, NULL, false);
			}
	}
	eg_sb_release(&dl);
	eg_sb_release(&id);
	eg_sb_release(&to);
}

void eg_report_graph(FILE *out, const eg_report *r, bool dot, bool only_findings)
{
	graph g = { 0 };
	const eg_model *m = r->model;
	size_t i, j;

	g.out = out;
	g.dot = dot;
	g.findings = r->findings;
	fputs(dot ? "digraph edgegate {\n  rankdir=LR;\n" : "flowchart LR\n", out);
	for (i = 0; i < m->ndists; i++)
		if (!m->dists[i]->superseded_by && (!only_findings || has_finding(&g, m->dists[i])))
			draw_distribution(&g, m, i);
	for (i = 0; i < m->nrecords; i++) {
		const eg_dns_record *rec = m->records[i];
		char rid[32];
		if (rec->superseded_by || !rec->target)
			continue;
		for (j = 0; j < m->ndists && m->dists[j] != rec->target; j++)
			;
		if (j == m->ndists || (only_findings && !has_finding(&g, m->dists[j])))
			continue;
		snprintf(rid, sizeof(rid), "r%zu", i);
		node(&g, rid, 'r', label(&g, rec->name, rec->type ? rec->type : "record"),
		     marked(&g, NULL, &rec->loc));
		{
			char did[32];
			snprintf(did, sizeof(did), "d%zu", j);
			edge(&g, rid, did, "DNS", false);
		}
	}
	if (dot)
		fputs("}\n", out);
	else
		fputs("  classDef error stroke:#d00,stroke-width:3px\n"
		      "  classDef warning stroke:#e80,stroke-width:3px\n"
		      "  classDef note stroke:#06c,stroke-width:2px\n", out);
	eg_sb_release(&g.sb);
}

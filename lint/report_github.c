/* report_github.c - GitHub Actions workflow commands, so findings show up
 * as annotations on the pull request, plus the job summary.
 *
 * Escaping follows GitHub's toolkit (command.ts): in a message %, CR and LF
 * become %25, %0D, %0A; in a property value ':' and ',' are escaped too,
 * since they separate properties.  Every other control character (C0, DEL,
 * C1) is percent-encoded as well: the runner leaves %1B as it is, so no ESC
 * reaches the log.
 *
 * The job summary is Markdown that GitHub renders: text from the inputs is
 * made visible (no control characters) and the punctuation Markdown acts
 * on is backslash-escaped (CommonMark allows it for any ASCII punctuation),
 * so no link, image, autolink, HTML, emphasis, math, mention or table cell
 * comes from an input.
 */
#include "report.h"

#include "strbuf.h"

#include <string.h>
#include <strings.h>

static void escape(eg_strbuf *sb, const char *str, bool property)
{
	const unsigned char *s = (const unsigned char *)str;

	for (; *s; s++) {
		size_t n = eg_utf8_seq((const char *)s);

		if (n > 1 && !(*s == 0xC2 && s[1] <= 0x9F)) {
			eg_sb_add(sb, (const char *)s, n);
			s += n - 1;
			continue;
		}
		if (*s == '%')
			eg_sb_adds(sb, "%25");
		else if (*s == '\r')
			eg_sb_adds(sb, "%0D");
		else if (*s == '\n')
			eg_sb_adds(sb, "%0A");
		else if (property && *s == ':')
			eg_sb_adds(sb, "%3A");
		else if (property && *s == ',')
			eg_sb_adds(sb, "%2C");
		else if (*s < 0x20 || *s >= 0x7F) /* C0, DEL, C1, bytes not UTF-8 */
			eg_sb_addf(sb, "%%%02X", *s);
		else
			eg_sb_addc(sb, (char)*s);
	}
}

static const char *command(eg_severity s)
{
	return s == EG_SEV_ERROR ? "error" : s == EG_SEV_WARNING ? "warning" : "notice";
}

static const char *gate(const eg_report *r)
{
	return r->fail_on == EG_SEV_NONE ? "passed (--fail-on never)" : r->failed ? "FAILED" : "passed";
}

void eg_report_github(FILE *out, const eg_report *r)
{
	const eg_findings *f = r->findings;
	eg_strbuf sb = EG_STRBUF_INIT, text = EG_STRBUF_INIT;
	size_t i, shown = 0;

	for (i = 0; i < f->n; i++) {
		const eg_finding *x = &f->items[i];
		if (x->suppressed)
			continue; /* an annotation on a waived line would read as a failure */
		shown++;
		eg_sb_reset(&sb);
		eg_sb_addf(&sb, "::%s ", command(x->severity));
		if (x->loc.src) {
			eg_sb_adds(&sb, "file=");
			escape(&sb, x->loc.src->path, true);
			eg_sb_addf(&sb, ",line=%d,col=%d,", x->loc.line, x->loc.col);
		}
		eg_sb_reset(&text);
		eg_sb_addf(&text, "%s: %s", x->rule->id, x->rule->title);
		eg_sb_adds(&sb, "title=");
		escape(&sb, text.buf, true);
		eg_sb_reset(&text);
		eg_sb_addf(&text, "%s\n\nfix: %s", x->message, x->rule->remediation);
		eg_sb_adds(&sb, "::");
		escape(&sb, text.buf, false);
		fprintf(out, "%s\n", sb.buf);
	}
	fprintf(out, "edgegate: %zu finding%s", shown, shown == 1 ? "" : "s");
	if (f->n > shown)
		fprintf(out, " (%zu suppressed)", f->n - shown);
	fprintf(out, "; gate %s\n", gate(r));
	eg_sb_release(&sb);
	eg_sb_release(&text);
}

/* A Markdown table cell holding s as plain text: controls made visible
 * (a newline would end the row), then what Markdown acts on escaped ('|'
 * would end the cell, "[x](y)" make a link, '<' start HTML, "http:" or
 * "www." an autolink, '$' math, '@' a mention).  lines: s is a message
 * whose own line breaks become spaces. */
static void md_cell(FILE *out, const char *s, bool lines)
{
	eg_strbuf v = EG_STRBUF_INIT;
	const char *p;

	eg_sb_add_visible(&v, s, lines);
	for (p = v.buf; *p; p++) {
		if (*p == '\n') { /* a rule's own line break (lines) */
			fputc(' ', out);
			continue;
		}
		/* "www." is an autolink too: its dot is escaped */
		if (strchr("\\`*_[]()!<>|&~:#$@", *p) ||
		    (*p == '.' && p - v.buf >= 3 && !strncasecmp(p - 3, "www", 3)))
			fputc('\\', out);
		fputc(*p, out);
	}
	eg_sb_release(&v);
}

void eg_report_github_summary(FILE *out, const eg_report *r)
{
	const eg_findings *f = r->findings;
	eg_strbuf label = EG_STRBUF_INIT;
	size_t i;

	fprintf(out, "## edgegate: gate %s\n\n", gate(r));
	fprintf(out, "errors: %zu, warnings: %zu, notes: %zu (fails on %s and above)\n\n",
		eg_findings_count(f, EG_SEV_ERROR), eg_findings_count(f, EG_SEV_WARNING),
		eg_findings_count(f, EG_SEV_NOTE), eg_severity_name(r->fail_on));
	if (!f->n)
		return;
	fputs("| distribution | severity | rule | where | finding |\n|---|---|---|---|---|\n", out);
	/* what breaks first, hygiene after, as in the text report */
	for (i = 0; i < 2 * f->n; i++) {
		const eg_finding *x = &f->items[i % f->n];
		const char *cat = eg_rule_category(x->rule);
		if ((cat && !strcmp(cat, "hygiene")) != (i >= f->n))
			continue;
		eg_sb_reset(&label);
		if (x->dist)
			eg_distribution_label(x->dist, &label);
		fputs("| ", out);
		md_cell(out, x->dist ? label.buf : "-", false);
		fprintf(out, " | %s%s | `%s` | ", eg_severity_name(x->severity),
			x->suppressed == EG_SUPPRESS_WAIVER ? " (waived)" :
			x->suppressed == EG_SUPPRESS_BASELINE ? " (baseline)" : "", x->rule->id);
		if (x->loc.src) {
			md_cell(out, x->loc.src->path, false);
			fprintf(out, ":%d:%d", x->loc.line, x->loc.col);
		}
		fputs(" | ", out);
		md_cell(out, x->message, true);
		fputs(" |\n", out);
	}
	fputc('\n', out);
	/* GitHub renders mermaid: where the findings sit, at a glance */
	for (i = 0; i < f->n && f->items[i].suppressed != EG_SUPPRESS_NONE; i++)
		;
	if (i < f->n) {
		fputs("The distributions with findings (`edgegate graph`):\n\n```mermaid\n", out);
		eg_report_graph(out, r, false, true);
		fputs("```\n", out);
	}
	eg_sb_release(&label);
}

/* report_rules.c - the loaded rules as documentation: `edgegate rules`
 * (text, JSON, Markdown: rules/README.md is its output) and `edgegate
 * explain ID`.  One loader is the authority for every place a rule is
 * described, so the docs cannot drift from what runs. */
#include "report.h"

#include "strbuf.h"

#include <string.h>

/* Rule text as printed: no control character gets through (rule files can
 * come from --rules), line breaks kept. */
static void put_visible(FILE *out, const char *s)
{
	eg_strbuf v = EG_STRBUF_INIT;

	eg_sb_add_visible(&v, s, true);
	fputs(v.buf, out);
	eg_sb_release(&v);
}

/* Folded YAML leaves a trailing newline; printing adds its own. */
static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return n;
}

/* Prose at an indent, wrapped at 78 columns; a line break in the rule
 * text (a new paragraph in folded YAML) stays one. */
static void put_wrapped_at(FILE *out, const char *s, const char *indent)
{
	eg_strbuf v = EG_STRBUF_INIT, t = EG_STRBUF_INIT;
	const char *p, *end;
	size_t col = 0;

	eg_sb_add(&t, s, trimmed_len(s));
	eg_sb_add_visible(&v, t.buf, true);
	p = v.buf;
	fputs(indent, out);
	while (*p) {
		size_t len;
		if (*p == '\n') {
			fputc('\n', out);
			fputs(indent, out);
			col = 0;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		for (end = p; *end && *end != ' ' && *end != '\n'; end++)
			;
		len = (size_t)(end - p);
		if (col && col + 1 + len > 78 - strlen(indent)) {
			fputc('\n', out);
			fputs(indent, out);
			col = 0;
		} else if (col) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, len, out);
		col += len;
		p = end;
	}
	fputc('\n', out);
	eg_sb_release(&t);
	eg_sb_release(&v);
}

static void put_wrapped(FILE *out, const char *s)
{
	put_wrapped_at(out, s, "  ");
}

static void put_tags(FILE *out, const eg_rule *r, const char *sep)
{
	size_t j;

	for (j = 0; j < r->ntags; j++) {
		fputs(j ? sep : "", out);
		put_visible(out, r->tags[j]);
	}
}

static void rules_text(FILE *out, const eg_ruleset *rs)
{
	eg_strbuf v = EG_STRBUF_INIT;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const eg_rule *r = rs->rules[i];
		if (r->deselected)
			continue;
		eg_sb_reset(&v);
		eg_sb_add_visible(&v, r->id, false);
		fprintf(out, "%-38s %-8s ", v.buf, eg_severity_name(r->severity));
		eg_sb_reset(&v);
		eg_sb_add_visible(&v, r->title ? r->title : "", false);
		fprintf(out, "%s\n  tags:", v.buf);
		if (r->ntags)
			fputc(' ', out);
		put_tags(out, r, " ");
		fputc('\n', out);
	}
	eg_sb_release(&v);
}

static json_t *rule_summary_json(const eg_rule *r)
{
	json_t *x = json_object(), *tags = json_array();
	size_t j;

	for (j = 0; j < r->ntags; j++)
		json_array_append_new(tags, eg_json_str(r->tags[j]));
	json_object_set_new(x, "id", eg_json_str(r->id));
	json_object_set_new(x, "severity", eg_json_str(eg_severity_name(r->severity)));
	json_object_set_new(x, "tags", tags);
	json_object_set_new(x, "title", eg_json_str(r->title));
	return x;
}

static void dump_json(FILE *out, json_t *j)
{
	json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(j);
}

/* The language of an example, for a Markdown code fence: Terraform HCL
 * opens with a block keyword, JSON with a brace; the rest is YAML. */
static const char *example_lang(const char *s)
{
	while (*s == '#' || *s == '\n' || *s == ' ') {
		if (*s == '#')
			s += strcspn(s, "\n");
		else
			s++;
	}
	if (!strncmp(s, "resource ", 9) || !strncmp(s, "data ", 5) ||
	    !strncmp(s, "module ", 7) || !strncmp(s, "locals ", 7))
		return "hcl";
	return *s == '{' ? "json" : "yaml";
}

/* A table cell: one line, | escaped. */
static void md_cell(eg_strbuf *sb, const char *s)
{
	eg_strbuf tmp = EG_STRBUF_INIT;

	eg_sb_add(&tmp, s, trimmed_len(s));
	eg_sb_reset(sb);
	eg_md_escape(sb, tmp.buf);
	eg_sb_release(&tmp);
}

static void md_prose(FILE *out, const char *s)
{
	eg_strbuf tmp = EG_STRBUF_INIT, md = EG_STRBUF_INIT, v = EG_STRBUF_INIT;

	eg_sb_add(&tmp, s, trimmed_len(s));
	eg_sb_add_visible(&v, tmp.buf, true);
	eg_md_escape(&md, v.buf);
	fputs(md.buf, out);
	eg_sb_release(&tmp);
	eg_sb_release(&md);
	eg_sb_release(&v);
}

/* --- patches ----------------------------------------------------------- */

static const struct {
	const char *name, *key, *fence;
} patch_langs[EG_PATCH__COUNT] = {
	[EG_PATCH_TERRAFORM] = { "Terraform", "terraform", "hcl" },
	[EG_PATCH_CLOUDFORMATION] = { "CloudFormation", "cloudformation", "yaml" },
	[EG_PATCH_AWSCLI] = { "AWS CLI", "aws-cli", "json" },
};

/* A template as its rule file writes it, with {{ and }} shown as the
 * braces they print. */
static void template_source(eg_strbuf *sb, const eg_template *t, bool trim)
{
	eg_strbuf v = EG_STRBUF_INIT;
	const char *p;
	size_t n;

	eg_sb_reset(sb);
	if (!t->source)
		return;
	eg_sb_add_visible(&v, t->source, true);
	n = trim ? trimmed_len(v.buf) : strlen(v.buf);
	for (p = v.buf; p < v.buf + n; p++) {
		eg_sb_add(sb, p, 1);
		if ((*p == '{' || *p == '}') && p + 1 < v.buf + n && p[1] == *p)
			p++;
	}
	eg_sb_release(&v);
}

/* The place of a case: one sentence for every language, else the given
 * language's. */
static const eg_template *case_place(const eg_patch_case *pc, int k)
{
	return pc->place[k].source ? &pc->place[k] : &pc->place[EG_PATCH_TERRAFORM];
}

static bool case_has_text(const eg_patch_case *pc)
{
	int k;

	for (k = 0; k < EG_PATCH__COUNT; k++)
		if (pc->has[k])
			return true;
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path ? path : "";
}

static json_t *patches_json(const eg_rule *r)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	json_t *arr = json_array();
	size_t i;
	int k;

	for (i = 0; i < r->npatches; i++) {
		const eg_patch_case *pc = &r->patches[i];
		json_t *c = json_object(), *place = json_object(), *text = json_object();
		json_object_set_new(c, "when_line", pc->when ? json_integer(pc->when->line) : json_null());
		for (k = 0; k < EG_PATCH__COUNT; k++) {
			template_source(&sb, case_place(pc, k), true);
			if (sb.len)
				json_object_set_new(place, patch_langs[k].key, eg_json_str(sb.buf));
			if (!pc->has[k])
				continue;
			template_source(&sb, &pc->text[k], false);
			json_object_set_new(text, patch_langs[k].key, eg_json_str(sb.buf));
		}
		json_object_set_new(c, "place", place);
		json_object_set_new(c, "text", text);
		json_array_append_new(arr, c);
	}
	eg_sb_release(&sb);
	return arr;
}

/* Lines at an indent, blank lines left bare. */
static void put_indented(FILE *out, const char *s, const char *indent)
{
	const char *p;

	for (p = s; *p;) {
		size_t len = strcspn(p, "\n");
		if (len)
			fputs(indent, out);
		fwrite(p, 1, len, out);
		fputc('\n', out);
		p += len + (p[len] == '\n');
	}
}

static void patches_text(FILE *out, const eg_rule *r)
{
	eg_strbuf sb = EG_STRBUF_INIT, line = EG_STRBUF_INIT;
	size_t i;
	int k;

	if (!r->npatches) {
		fputs("\nPatch: none (the fix above is the remediation's prose)\n", out);
		return;
	}
	fputs("\nPatch (the first case whose condition holds; {...} is filled in from the\n"
	      "finding; a language a case leaves out gets no patch):\n", out);
	for (i = 0; i < r->npatches; i++) {
		const eg_patch_case *pc = &r->patches[i];
		if (pc->when)
			fprintf(out, "  case %zu (when: %s:%d):\n", i + 1, base_name(r->file), pc->when->line);
		else
			fprintf(out, "  case %zu (%s):\n", i + 1, i ? "otherwise" : "always");
		if (!case_has_text(pc)) {
			template_source(&sb, case_place(pc, EG_PATCH_TERRAFORM), true);
			put_wrapped_at(out, sb.buf, "    ");
			continue;
		}
		for (k = 0; k < EG_PATCH__COUNT; k++) {
			if (!pc->has[k])
				continue;
			template_source(&sb, case_place(pc, k), true);
			eg_sb_reset(&line);
			eg_sb_addf(&line, "%s, in %s:", patch_langs[k].name, sb.buf);
			put_wrapped_at(out, line.buf, "    ");
			template_source(&sb, &pc->text[k], true);
			put_indented(out, sb.buf, "        ");
		}
	}
	eg_sb_release(&line);
	eg_sb_release(&sb);
}

static void patches_markdown(FILE *out, const eg_rule *r)
{
	eg_strbuf sb = EG_STRBUF_INIT, md = EG_STRBUF_INIT;
	size_t i;
	int k;

	if (!r->npatches) {
		fputs("\nNo patch: the fix is the prose above.\n", out);
		return;
	}
	fputs("\n**Patch** (the first case whose condition holds; `{...}` is filled in from "
	      "the finding):\n", out);
	for (i = 0; i < r->npatches; i++) {
		const eg_patch_case *pc = &r->patches[i];
		if (pc->when)
			fprintf(out, "\n%zu. When the condition at [line %d](%s#L%d) holds:", i + 1,
				pc->when->line, base_name(r->file), pc->when->line);
		else
			fprintf(out, "\n%zu. %s:", i + 1, i ? "Otherwise" : "Always");
		if (!case_has_text(pc)) {
			template_source(&sb, case_place(pc, EG_PATCH_TERRAFORM), true);
			eg_sb_reset(&md);
			eg_md_escape(&md, sb.buf);
			fprintf(out, " %s\n", md.buf);
			continue;
		}
		fputc('\n', out);
		for (k = 0; k < EG_PATCH__COUNT; k++) {
			if (!pc->has[k])
				continue;
			template_source(&sb, case_place(pc, k), true);
			eg_sb_reset(&md);
			eg_md_escape(&md, sb.buf);
			fprintf(out, "   - %s, in %s:\n\n     ```%s\n", patch_langs[k].name, md.buf,
				patch_langs[k].fence);
			template_source(&sb, &pc->text[k], true);
			put_indented(out, sb.buf, "     ");
			fputs("     ```\n", out);
		}
	}
	eg_sb_release(&md);
	eg_sb_release(&sb);
}

static void rules_markdown(FILE *out, const eg_ruleset *rs)
{
	eg_strbuf cell = EG_STRBUF_INIT;
	size_t i, j;

	fputs("<!-- Generated by `make rules-doc` (edgegate rules --format markdown) from the\n"
	      "     rule files in this directory: edit those, not this file. -->\n"
	      "# edgegate rules\n\n"
	      "Each rule has one primary tag, what a finding costs: `outage` (the deploy\n"
	      "succeeds and traffic breaks), `deploy-failure` (CloudFront, Route 53 or ACM\n"
	      "refuses the change), `security` or `hygiene`.  `edgegate explain ID` prints\n"
	      "one rule's section in a terminal; `--rule`, `--skip-rule`, `--tag` and\n"
	      "`--skip-tag` choose which rules run.  A rule's **Patch** is the text a\n"
	      "finding carries as its fix, in the language of the input it points at\n"
	      "(HCL, CloudFormation YAML or JSON, DistributionConfig JSON), or what to do\n"
	      "where no text can fix it; \"No patch\" means the fix is the prose alone.\n\n"
	      "| Rule | Severity | Tags | Title |\n"
	      "|------|----------|------|-------|\n", out);
	for (i = 0; i < rs->n; i++) {
		const eg_rule *r = rs->rules[i];
		if (r->deselected)
			continue;
		md_cell(&cell, r->id);
		fprintf(out, "| [%s](#%s) | %s | ", cell.buf, r->id, eg_severity_name(r->severity));
		for (j = 0; j < r->ntags; j++) {
			md_cell(&cell, r->tags[j]);
			fprintf(out, "%s%s", j ? ", " : "", cell.buf);
		}
		md_cell(&cell, r->title);
		fprintf(out, " | %s |\n", cell.buf);
	}
	for (i = 0; i < rs->n; i++) {
		const eg_rule *r = rs->rules[i];
		if (r->deselected)
			continue;
		md_cell(&cell, r->id);
		fprintf(out, "\n## %s\n\n", cell.buf);
		md_cell(&cell, r->title);
		fprintf(out, "**%s**  \nSeverity: %s.  Tags: ", cell.buf, eg_severity_name(r->severity));
		for (j = 0; j < r->ntags; j++) {
			md_cell(&cell, r->tags[j]);
			fprintf(out, "%s`%s`", j ? ", " : "", cell.buf);
		}
		fputs(r->ntags ? ".\n\n" : "none.\n\n", out);
		md_prose(out, r->description);
		fputs("\n\n**Fix:** ", out);
		md_prose(out, r->remediation);
		fputs("\n\n**References:**\n\n", out);
		for (j = 0; j < r->nreferences; j++) {
			fputs("- <", out);
			put_visible(out, r->references[j]);
			fputs(">\n", out);
		}
		patches_markdown(out, r);
		if (r->example) {
			fprintf(out, "\n**Example** (fires the rule):\n\n```%s\n", example_lang(r->example));
			put_visible(out, r->example);
			fputs(r->example[0] && r->example[strlen(r->example) - 1] == '\n' ? "```\n"
											: "\n```\n",
			      out);
		} else {
			fputs("\nNo example: the rule file has no `example:`.\n", out);
		}
	}
	eg_sb_release(&cell);
}

void eg_report_rules(FILE *out, const eg_ruleset *rs, eg_rules_format format)
{
	json_t *arr;
	size_t i;

	if (format == EG_RULES_TEXT) {
		rules_text(out, rs);
		return;
	}
	if (format == EG_RULES_MARKDOWN) {
		rules_markdown(out, rs);
		return;
	}
	arr = json_array();
	for (i = 0; i < rs->n; i++)
		if (!rs->rules[i]->deselected)
			json_array_append_new(arr, rule_summary_json(rs->rules[i]));
	dump_json(out, arr);
}

void eg_report_rule_explain(FILE *out, const eg_rule *r, bool json)
{
	const char *cat = eg_rule_category(r);
	size_t j;

	if (json) {
		json_t *x = rule_summary_json(r), *refs = json_array();
		for (j = 0; j < r->nreferences; j++)
			json_array_append_new(refs, eg_json_str(r->references[j]));
		json_object_set_new(x, "category", cat ? json_string(cat) : json_null());
		json_object_set_new(x, "description", eg_json_str(r->description));
		json_object_set_new(x, "remediation", eg_json_str(r->remediation));
		json_object_set_new(x, "references", refs);
		json_object_set_new(x, "example", r->example ? eg_json_str(r->example) : json_null());
		json_object_set_new(x, "patch", patches_json(r));
		dump_json(out, x);
		return;
	}
	put_visible(out, r->id);
	fputs(": ", out);
	put_visible(out, r->title);
	fprintf(out, "\nseverity: %s\ntags: ", eg_severity_name(r->severity));
	put_tags(out, r, ", ");
	fprintf(out, "%s\n\nWhat breaks:\n", r->ntags ? "" : "(none)");
	put_wrapped(out, r->description);
	fputs("\nFix:\n", out);
	put_wrapped(out, r->remediation);
	fputs("\nReferences:\n", out);
	for (j = 0; j < r->nreferences; j++) {
		fputs("  ", out);
		put_visible(out, r->references[j]);
		fputc('\n', out);
	}
	patches_text(out, r);
	if (!r->example) {
		fputs("\nExample: none (the rule file has no example:)\n", out);
		return;
	}
	fputs("\nExample (fires the rule):\n", out);
	{
		eg_strbuf v = EG_STRBUF_INIT;
		const char *p;
		eg_sb_add_visible(&v, r->example, true);
		for (p = v.buf; *p;) {
			size_t len = strcspn(p, "\n");
			if (len)
				fputs("    ", out);
			fwrite(p, 1, len, out);
			fputc('\n', out);
			p += len + (p[len] == '\n');
		}
		eg_sb_release(&v);
	}
}

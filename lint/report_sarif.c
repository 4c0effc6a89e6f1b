/* report_sarif.c - SARIF 2.1.0 for GitHub code scanning.
 *
 * Checked with Microsoft's SARIF Multitool (`validate --rule-kind "Gh;Sarif"`,
 * make check-integrations).  The output depends on the run alone, never on
 * the machine: URIs are relative to %SRCROOT%, the repository root (r->root:
 * $GITHUB_WORKSPACE in a GitHub job, else the working directory), which
 * GitHub takes to be the checkout; its
 * absolute file:// value is left out of originalUriBaseIds on purpose.  No
 * timestamps.  An input outside the root gets an absolute file:// URI, which
 * code scanning cannot place in the repository.
 */
#include "report.h"

#include "strbuf.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#ifndef EG_VERSION
#define EG_VERSION "0.0.0"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://github.com/edgegate/edgegate"
#define SRCROOT "%SRCROOT%"

static json_t *text(const char *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "text", eg_json_str(s));
	return o;
}

static const char *level(eg_severity s)
{
	return s == EG_SEV_ERROR ? "error" : s == EG_SEV_WARNING ? "warning" : "note";
}

/* --- URIs (RFC 3986) ---------------------------------------------------------- */

static void add_uri_path(eg_strbuf *sb, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			eg_sb_addc(sb, (char)c);
		else
			eg_sb_addf(sb, "%%%02X", c);
	}
}

/* Appends path's segments to sb ("/a/b"), dropping "." and resolving "..";
 * lexical only, like the paths the user typed. */
static void add_segments(eg_strbuf *sb, const char *path)
{
	while (*path) {
		size_t n = strcspn(path, "/");
		if (n == 2 && !strncmp(path, "..", 2)) {
			while (sb->len && sb->buf[--sb->len] != '/')
				;
			if (sb->alloc)
				sb->buf[sb->len] = '\0';
		} else if (n && !(n == 1 && *path == '.')) {
			eg_sb_addc(sb, '/');
			eg_sb_add(sb, path, n);
		}
		path += n;
		while (*path == '/')
			path++;
	}
}

typedef struct uri_ctx {
	eg_strbuf root;  /* normalized, "" for "/"; valid when has_root */
	eg_strbuf cwd;   /* where relative inputs are; valid when has_cwd */
	bool has_root, has_cwd;
} uri_ctx;

static void uri_ctx_init(uri_ctx *u, const char *root)
{
	memset(u, 0, sizeof(*u));
	eg_sb_init(&u->root);
	eg_sb_init(&u->cwd);
	if (root && root[0] == '/') {
		add_segments(&u->root, root);
		u->has_root = true;
	}
	eg_sb_grow(&u->cwd, 256);
	while (!getcwd(u->cwd.buf, u->cwd.alloc)) {
		if (errno != ERANGE) {
			u->cwd.buf[0] = '\0';
			return;
		}
		eg_sb_grow(&u->cwd, u->cwd.alloc * 2);
	}
	u->cwd.len = strlen(u->cwd.buf);
	u->has_cwd = u->cwd.buf[0] == '/';
}

static void uri_ctx_release(uri_ctx *u)
{
	eg_sb_release(&u->root);
	eg_sb_release(&u->cwd);
}

/* Sets uri (and uriBaseId when relative to the root) on an artifactLocation. */
static void set_uri(json_t *art, const uri_ctx *u, const char *path)
{
	eg_strbuf abs = EG_STRBUF_INIT, uri = EG_STRBUF_INIT;

	if (path[0] != '/' && !u->has_cwd) {
		/* No way to place it: relative as typed. */
		while (!strncmp(path, "./", 2))
			path += 2;
		add_uri_path(&uri, path);
		json_object_set_new(art, "uri", json_string(uri.buf));
		json_object_set_new(art, "uriBaseId", json_string(SRCROOT));
		goto out;
	}
	if (path[0] != '/')
		add_segments(&abs, u->cwd.buf);
	add_segments(&abs, path);
	if (u->has_root && abs.len > u->root.len && abs.buf[u->root.len] == '/' &&
	    !strncmp(abs.buf, u->root.buf, u->root.len)) {
		add_uri_path(&uri, abs.buf + u->root.len + 1);
		json_object_set_new(art, "uri", json_string(uri.buf));
		json_object_set_new(art, "uriBaseId", json_string(SRCROOT));
	} else {
		eg_sb_adds(&uri, "file://");
		add_uri_path(&uri, abs.len ? abs.buf : "/");
		json_object_set_new(art, "uri", json_string(uri.buf));
	}
out:
	eg_sb_release(&abs);
	eg_sb_release(&uri);
}

/* --- columns ---------------------------------------------------------------- */

/* SARIF columns count characters (run.columnKind); JSON inputs give bytes,
 * libyaml's marks already count characters.  Findings come sorted by file
 * and line, so the scan for line starts moves forward through each file. */
typedef struct col_ctx {
	const eg_source *src;
	int line;
	size_t off; /* where `line` starts */
} col_ctx;

static int char_column(col_ctx *c, const eg_source *src, int line, int col)
{
	size_t i, end;
	int n = 1;

	if (!src->data || src->format == EG_FMT_CFN_YAML || line < 1 || col < 1)
		return col;
	if (c->src != src || line < c->line) {
		c->src = src;
		c->line = 1;
		c->off = 0;
	}
	while (c->line < line) {
		const char *nl = memchr(src->data + c->off, '\n', src->len - c->off);
		if (!nl)
			return col;
		c->off = (size_t)(nl - src->data) + 1;
		c->line++;
	}
	end = c->off + (size_t)col - 1;
	if (end > src->len)
		return col;
	for (i = c->off; i < end; i++)
		if (((unsigned char)src->data[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* src is NULL for a file that is not an input (the config). */
static json_t *physical(const uri_ctx *u, col_ctx *cc, const char *path, const eg_source *src,
			int line, int col)
{
	json_t *phys = json_object(), *art = json_object(), *region = json_object();

	set_uri(art, u, path);
	json_object_set_new(phys, "artifactLocation", art);
	/* GitHub needs a startLine; an unknown line is the top of the file. */
	json_object_set_new(region, "startLine", json_integer(line > 0 ? line : 1));
	if (line > 0 && col > 0)
		json_object_set_new(region, "startColumn",
				    json_integer(src ? char_column(cc, src, line, col) : col));
	json_object_set_new(phys, "region", region);
	return phys;
}

/* --- rules ------------------------------------------------------------------ */

/* What GitHub renders as a link: http(s), printable ASCII, no delimiters. */
static bool plain_url(const char *s)
{
	if (strncmp(s, "https://", 8) && strncmp(s, "http://", 7))
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7F ||
		    strchr("\"<>\\^`{|}", *s))
			return false;
	return true;
}

/* Rule text is plain text, except that `code` spans are kept: GitHub
 * renders help.markdown, where two stars in one line would turn italic. */
void eg_md_escape(eg_strbuf *sb, const char *s)
{
	bool line_start = true;

	for (; *s; s++) {
		const char *close = *s == '`' ? strchr(s + 1, '`') : NULL;
		if (close) {
			eg_sb_add(sb, s, (size_t)(close - s) + 1);
			s = close;
			line_start = false;
			continue;
		}
		if (strchr("\\`*_[]<>&|~", *s) || (line_start && strchr("#-+=", *s)))
			eg_sb_addc(sb, '\\');
		eg_sb_addc(sb, *s);
		if (*s == '\n')
			line_start = true;
		else if (*s != ' ')
			line_start = false;
	}
}

/* Folded YAML leaves a trailing newline. */
static void add_trimmed(eg_strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	eg_sb_add(sb, s, n);
}

static json_t *help(const eg_rule *rule)
{
	eg_strbuf t = EG_STRBUF_INIT, md = EG_STRBUF_INIT, tmp = EG_STRBUF_INIT;
	json_t *o = json_object();
	size_t i;

	add_trimmed(&t, rule->description);
	eg_sb_adds(&t, "\n\nFix: ");
	add_trimmed(&t, rule->remediation);
	add_trimmed(&tmp, rule->description);
	eg_md_escape(&md, tmp.buf);
	eg_sb_adds(&md, "\n\n**Fix:** ");
	eg_sb_reset(&tmp);
	add_trimmed(&tmp, rule->remediation);
	eg_md_escape(&md, tmp.buf);
	if (rule->nreferences) {
		eg_sb_adds(&t, "\n\nReferences:");
		eg_sb_adds(&md, "\n\n**References:**\n");
	}
	for (i = 0; i < rule->nreferences; i++) {
		const char *ref = rule->references[i];
		eg_sb_addf(&t, "\n- %s", ref);
		eg_sb_adds(&md, "\n- ");
		if (plain_url(ref)) {
			eg_sb_addc(&md, '[');
			eg_md_escape(&md, ref);
			eg_sb_addf(&md, "](<%s>)", ref); /* <>: parentheses in the URL */
		} else {
			eg_md_escape(&md, ref);
		}
	}
	json_object_set_new(o, "text", eg_json_str(t.buf));
	json_object_set_new(o, "markdown", eg_json_str(md.buf));
	eg_sb_release(&t);
	eg_sb_release(&md);
	eg_sb_release(&tmp);
	return o;
}

/* production-without-aliases -> ProductionWithoutAliases */
static json_t *pascal_name(const char *id)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	bool up = true;
	json_t *j;

	for (; *id; id++) {
		if ((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		    (*id >= '0' && *id <= '9')) {
			eg_sb_addc(&sb, up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') : *id);
			up = false;
		} else {
			up = true;
		}
	}
	j = eg_json_str(sb.buf);
	eg_sb_release(&sb);
	return j;
}

static bool has_tag(const eg_rule *rule, const char *tag)
{
	size_t i;

	for (i = 0; i < rule->ntags; i++)
		if (!strcmp(rule->tags[i], tag))
			return true;
	return false;
}

static json_t *rule_json(const eg_rule *rule)
{
	json_t *o = json_object(), *conf = json_object(), *props = json_object();
	json_t *tags = json_array();
	eg_strbuf desc = EG_STRBUF_INIT;
	size_t i;

	json_object_set_new(o, "id", eg_json_str(rule->id));
	json_object_set_new(o, "name", pascal_name(rule->id));
	json_object_set_new(o, "shortDescription", text(rule->title));
	add_trimmed(&desc, rule->description);
	json_object_set_new(o, "fullDescription", text(desc.buf));
	json_object_set_new(conf, "level", json_string(level(rule->severity)));
	/* left out by --rule/--tag/--skip-* or select:/skip: this run */
	if (rule->deselected)
		json_object_set_new(conf, "enabled", json_false());
	json_object_set_new(o, "defaultConfiguration", conf);
	for (i = 0; i < rule->nreferences; i++)
		if (plain_url(rule->references[i])) {
			json_object_set_new(o, "helpUri", json_string(rule->references[i]));
			break;
		}
	json_object_set_new(o, "help", help(rule));
	for (i = 0; i < rule->ntags; i++)
		json_array_append_new(tags, eg_json_str(rule->tags[i]));
	if (!has_tag(rule, "cloudfront"))
		json_array_append_new(tags, json_string("cloudfront"));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(props, "precision", json_string("high"));
	json_object_set_new(props, "problem.severity",
			    json_string(rule->severity == EG_SEV_NOTE ? "recommendation" :
					level(rule->severity)));
	/* Most rules guard availability, not security: GitHub files an alert with
	 * a security-severity under security, so only rules tagged `security` get
	 * one, from their severity (high, medium, low on GitHub's scale). */
	if (has_tag(rule, "security"))
		json_object_set_new(props, "security-severity",
				    json_string(rule->severity == EG_SEV_ERROR ? "7.5" :
						rule->severity == EG_SEV_WARNING ? "5.0" : "2.0"));
	json_object_set_new(o, "properties", props);
	eg_sb_release(&desc);
	return o;
}

/* --- results ---------------------------------------------------------------- */

static json_t *suppression(const uri_ctx *u, col_ctx *cc, const eg_finding *x)
{
	json_t *s = json_object();
	eg_strbuf why = EG_STRBUF_INIT;

	if (x->suppressed == EG_SUPPRESS_WAIVER) {
		const eg_waiver *w = x->waiver;
		const eg_source *in = w->src;
		/* A template's Metadata waiver sits in the analysed file itself. */
		json_object_set_new(s, "kind", json_string(in ? "inSource" : "external"));
		json_object_set_new(s, "status", json_string("accepted"));
		eg_sb_adds(&why, w->reason);
		if (w->expires[0])
			eg_sb_addf(&why, " (expires %s)", w->expires);
		json_object_set_new(s, "justification", eg_json_str(why.buf));
		if (w->file) {
			json_t *loc = json_object();
			json_object_set_new(loc, "physicalLocation",
					    physical(u, cc, w->file, in, w->line, w->col));
			json_object_set_new(s, "location", loc);
		}
	} else {
		json_object_set_new(s, "kind", json_string("external"));
		json_object_set_new(s, "status", json_string("accepted"));
		json_object_set_new(s, "justification", json_string("in the baseline"));
	}
	eg_sb_release(&why);
	return s;
}

/* GitHub shows no result without a location: one without its own points at
 * its distribution, else at the top of the first input. */
static eg_loc where(const eg_report *r, const eg_finding *x)
{
	eg_loc l = x->loc;

	if (!l.src && x->dist) {
		l = x->dist->loc;
		eg_model_resolve_loc(&l);
	}
	if (!l.src && r->model->nsources) {
		memset(&l, 0, sizeof(l));
		l.src = r->model->sources[0];
		l.line = 1;
		l.col = 1;
	}
	return l;
}

/* The patch as a SARIF fix: its text inserted where the finding points
 * (an empty deleted region), described by where it goes. */
static json_t *fix_json(const uri_ctx *u, col_ctx *cc, const eg_finding *x, eg_loc l)
{
	json_t *phys = physical(u, cc, l.src->path, l.src->data ? l.src : NULL, l.line, l.col);
	json_t *region = json_deep_copy(json_object_get(phys, "region"));
	json_t *change = json_object(), *fix = json_object();

	json_object_set(change, "artifactLocation", json_object_get(phys, "artifactLocation"));
	json_object_set_new(region, "endLine", json_deep_copy(json_object_get(region, "startLine")));
	if (json_object_get(region, "startColumn"))
		json_object_set_new(region, "endColumn",
				    json_deep_copy(json_object_get(region, "startColumn")));
	json_object_set_new(change, "replacements",
			    json_pack("[{s:o,s:{s:o}}]", "deletedRegion", region, "insertedContent",
				      "text", eg_json_str(x->patch)));
	json_object_set_new(fix, "description", text(x->patch_place));
	json_object_set_new(fix, "artifactChanges", json_pack("[o]", change));
	json_decref(phys);
	return fix;
}

static json_t *result_json(const eg_report *r, const uri_ctx *u, col_ctx *cc, const eg_finding *x)
{
	json_t *o = json_object(), *locs = json_array(), *fp = json_object(), *props = json_object();
	eg_loc l = where(r, x);
	eg_strbuf fq = EG_STRBUF_INIT;
	size_t i;

	json_object_set_new(o, "ruleId", eg_json_str(x->rule->id));
	for (i = 0; i < r->rules->n; i++)
		if (r->rules->rules[i] == x->rule) {
			json_object_set_new(o, "ruleIndex", json_integer((json_int_t)i));
			break;
		}
	json_object_set_new(o, "level", json_string(level(x->severity)));
	json_object_set_new(o, "message", text(x->message));
	if (l.src || x->resource) {
		json_t *loc = json_object();
		if (l.src)
			json_object_set_new(loc, "physicalLocation",
					    physical(u, cc, l.src->path, l.src->data ? l.src : NULL,
						     l.line, l.col));
		if (x->resource) {
			json_t *logical = json_object();
			if (x->stack)
				eg_sb_addf(&fq, "%s/%s", x->stack, x->resource);
			else
				eg_sb_adds(&fq, x->resource);
			json_object_set_new(logical, "name", eg_json_str(x->resource));
			json_object_set_new(logical, "fullyQualifiedName", eg_json_str(fq.buf));
			json_object_set_new(logical, "kind", json_string("resource"));
			json_object_set_new(loc, "logicalLocations", json_pack("[o]", logical));
		}
		json_array_append_new(locs, loc);
	}
	json_object_set_new(o, "locations", locs);
	if (x->patch && *x->patch && x->patch_loc.src)
		json_object_set_new(o, "fixes", json_pack("[o]", fix_json(u, cc, x, x->patch_loc)));
	json_object_set_new(fp, "edgegate/v1", json_string(x->fingerprint));
	json_object_set_new(o, "partialFingerprints", fp);
	if (x->suppressed != EG_SUPPRESS_NONE)
		json_object_set_new(o, "suppressions", json_pack("[o]", suppression(u, cc, x)));
	if (x->resource)
		json_object_set_new(props, "resource", eg_json_str(x->resource));
	if (x->stack)
		json_object_set_new(props, "stack", eg_json_str(x->stack));
	if (x->construct_path)
		json_object_set_new(props, "construct_path", eg_json_str(x->construct_path));
	json_object_set_new(props, "cannot_verify", json_boolean(x->cannot_verify));
	json_object_set_new(o, "properties", props);
	eg_sb_release(&fq);
	return o;
}

void eg_report_sarif(FILE *out, const eg_report *r)
{
	const eg_findings *f = r->findings;
	json_t *root = json_object(), *run = json_object(), *driver = json_object();
	json_t *rules = json_array(), *results = json_array(), *inv = json_object();
	json_t *inv_props = json_object(), *bases = json_object(), *srcroot = json_object();
	uri_ctx u;
	col_ctx cc;
	size_t i;

	uri_ctx_init(&u, r->root);
	memset(&cc, 0, sizeof(cc));
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(driver, "name", json_string("edgegate"));
	json_object_set_new(driver, "version", json_string(EG_VERSION));
	json_object_set_new(driver, "semanticVersion", json_string(EG_VERSION));
	json_object_set_new(driver, "informationUri", json_string(INFO_URI));
	for (i = 0; i < r->rules->n; i++)
		json_array_append_new(rules, rule_json(r->rules->rules[i]));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(run, "tool", json_pack("{s:o}", "driver", driver));
	json_object_set_new(inv, "executionSuccessful", json_true());
	json_object_set_new(inv_props, "fail_on", json_string(eg_severity_name(r->fail_on)));
	json_object_set_new(inv_props, "gate", json_string(eg_gate_decision(r->failed)));
	json_object_set_new(inv, "properties", inv_props);
	json_object_set_new(run, "invocations", json_pack("[o]", inv));
	json_object_set_new(srcroot, "description",
			    text("The repository root: $GITHUB_WORKSPACE in a GitHub job, else the directory edgegate ran in."));
	json_object_set_new(bases, SRCROOT, srcroot);
	json_object_set_new(run, "originalUriBaseIds", bases);
	json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
	for (i = 0; i < f->n; i++)
		json_array_append_new(results, result_json(r, &u, &cc, &f->items[i]));
	json_object_set_new(run, "results", results);
	json_object_set_new(root, "runs", json_pack("[o]", run));
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	uri_ctx_release(&u);
}

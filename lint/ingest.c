/* ingest.c - reading inputs, recognising their format, walking directories. */
#include "ingest.h"

#include "dialect.h"
#include "jsonpos.h"
#include "strbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

eg_format eg_ingest_detect_json(const eg_source *src)
{
	eg_json_span root = { 0, src->len }, key, val;
	eg_json_iter it;
	bool format_version = false, plan = false, values = false, other = false;
	bool version4 = false, lineage = false, resources = false;

	if (!eg_jsonpos_iter_init(&it, src->data, root, src->json_index) || !it.is_object)
		return EG_FMT_UNKNOWN;
	while (eg_jsonpos_iter_next(&it, &key, &val)) {
		if (eg_jsonpos_key_is(src->data, key, "format_version"))
			format_version = true;
		else if (eg_jsonpos_key_is(src->data, key, "resource_changes") ||
			 eg_jsonpos_key_is(src->data, key, "planned_values") ||
			 eg_jsonpos_key_is(src->data, key, "configuration"))
			plan = true;
		else if (eg_jsonpos_key_is(src->data, key, "values"))
			values = true;
		else if (eg_jsonpos_key_is(src->data, key, "version"))
			version4 = val.end - val.start == 1 && src->data[val.start] == '4';
		else if (eg_jsonpos_key_is(src->data, key, "lineage") ||
			 eg_jsonpos_key_is(src->data, key, "serial"))
			lineage = true;
		else if (eg_jsonpos_key_is(src->data, key, "resources"))
			resources = true;
		else if (!eg_jsonpos_key_is(src->data, key, "terraform_version"))
			other = true;
	}
	/* Raw state has no format_version; older state versions have other
	 * shapes, and `terraform state pull` of any current Terraform is 4. */
	if (!format_version && version4 && lineage && resources)
		return EG_FMT_TF_RAW_STATE;
	if (!format_version)
		return EG_FMT_UNKNOWN;
	if (plan)
		return EG_FMT_TF_PLAN;
	/* An empty state is just {"format_version":"1.0"}. */
	if (values || !other)
		return EG_FMT_TF_STATE;
	return EG_FMT_UNKNOWN;
}

static bool has(const eg_ynode *map, const char *key, eg_ynode_kind kind)
{
	const eg_ynode *n = eg_ynode_get(map, key);
	return n && n->kind == kind;
}

eg_format eg_ingest_detect_tree(const eg_ynode *root)
{
	const eg_ynode *first;

	if (root && root->kind == EG_Y_SEQ && root->nitems) {
		/* --query ResourceRecordSets, or --query DistributionList.Items */
		first = root->items[0];
		if (has(first, "Name", EG_Y_SCALAR) && has(first, "Type", EG_Y_SCALAR))
			return EG_FMT_AWS_ROUTE53;
		if (has(first, "Id", EG_Y_SCALAR) && has(first, "DomainName", EG_Y_SCALAR) &&
		    has(first, "Origins", EG_Y_MAP))
			return EG_FMT_AWS_CLOUDFRONT;
		return EG_FMT_UNKNOWN;
	}
	if (!root || root->kind != EG_Y_MAP)
		return EG_FMT_UNKNOWN;
	if (has(root, "DistributionConfig", EG_Y_MAP) || has(root, "Distribution", EG_Y_MAP) ||
	    has(root, "DistributionList", EG_Y_MAP) ||
	    (has(root, "Origins", EG_Y_MAP) && has(root, "DefaultCacheBehavior", EG_Y_MAP)))
		return EG_FMT_AWS_CLOUDFRONT;
	if (has(root, "ResourceRecordSets", EG_Y_SEQ))
		return EG_FMT_AWS_ROUTE53;
	/* aws route53 change-resource-record-sets --change-batch file://... */
	if (has(root, "Changes", EG_Y_SEQ) && eg_ynode_get(root, "Changes")->nitems &&
	    has(eg_ynode_get(root, "Changes")->items[0], "Action", EG_Y_SCALAR))
		return EG_FMT_AWS_ROUTE53_CHANGE;
	if (has(root, "deployment", EG_Y_MAP) && eg_ynode_get(root, "version"))
		return EG_FMT_PULUMI_EXPORT;
	/* `sst state export` prints Pulumi's bare checkpoint {stack, latest} */
	if (has(root, "latest", EG_Y_MAP) && has(eg_ynode_get(root, "latest"), "resources", EG_Y_SEQ))
		return EG_FMT_PULUMI_EXPORT;
	if (has(root, "steps", EG_Y_SEQ) &&
	    (eg_ynode_get(root, "changeSummary") || eg_ynode_get(root, "config")))
		return EG_FMT_PULUMI_PREVIEW;
	return EG_FMT_UNKNOWN;
}

/* Inputs edgegate does not read but can name.  A user who hands edgegate
 * the wrong file learns what it is and the one command that makes what
 * edgegate reads, instead of a parser's complaint about byte 0x03.  Each
 * is recognised from its content, as the inputs are: from its raw bytes
 * before any parsing (binary, HCL, TypeScript), or from its tree when it
 * parsed as JSON or YAML but is no input. */

/* Where a match is, to point the message at it: a byte offset (raw) or a
 * node (tree). */
typedef struct other_at {
	size_t offset;
	const eg_ynode *node;
} other_at;

typedef struct other_input {
	bool (*raw)(const eg_source *src, other_at *at);   /* or NULL */
	bool (*tree)(const eg_ynode *root, other_at *at);  /* or NULL */
	/* In a directory walk: an error (true), or skipped with a -v note.  An
	 * error where skipping would leave CloudFront resources unread. */
	bool error_in_walk;
	/* After "this is "; @FILE@ stands for the path as given. */
	const char *message;
} other_input;

static bool starts_with(const eg_source *src, const char *prefix)
{
	size_t n = strlen(prefix);
	return src->len >= n && !memcmp(src->data, prefix, n);
}

/* The first occurrence of needle in the first limit bytes, or NULL. */
static const char *find_in(const eg_source *src, const char *needle, size_t limit)
{
	size_t n = strlen(needle), len = src->len < limit ? src->len : limit, i;

	for (i = 0; n && i + n <= len; i++)
		if (src->data[i] == needle[0] && !memcmp(src->data + i, needle, n))
			return src->data + i;
	return NULL;
}

/* `terraform plan -out` writes a zip whose first entry is "tfplan". */
static bool is_binary_plan(const eg_source *src, other_at *at)
{
	at->offset = 0;
	return starts_with(src, "PK\x03\x04") && find_in(src, "tfplan", 4096);
}

static bool is_zip(const eg_source *src, other_at *at)
{
	at->offset = 0;
	return starts_with(src, "PK\x03\x04");
}

/* What `terraform plan` (or `terraform show` of a plan, without -json)
 * prints: its opening sentences, or the "Plan:" line.  Colours are allowed
 * for: the escape codes sit between the words, not inside them. */
static bool is_plan_text(const eg_source *src, other_at *at)
{
	static const char *const marks[] = {
		"Terraform used the selected providers to generate the following execution",
		"Terraform will perform the following actions:",
		"No changes. Your infrastructure matches the configuration.",
		" to add, ",
	};
	size_t i;

	for (i = 0; i < EG_ARRAY_SIZE(marks); i++) {
		const char *p = find_in(src, marks[i], 1 << 20);
		if (!p)
			continue;
		/* " to add, " only as "Plan: N to add, N to change, N to destroy." */
		if (i == 3 && !(find_in(src, "Plan: ", 1 << 20) && find_in(src, " to destroy", 1 << 20)))
			continue;
		at->offset = (size_t)(p - src->data);
		return true;
	}
	return false;
}

/* Terraform configuration in HCL: a top-level block at the start of a line,
 * `resource "aws_cloudfront_distribution" "site" {`, `provider "aws" {`,
 * `terraform {`: a keyword, quoted labels, and an opening brace.  Valid
 * YAML and JSON never have such a line. */
static bool is_hcl(const eg_source *src, other_at *at)
{
	static const char *const blocks[] = { "resource", "data", "provider", "terraform", "module",
					      "variable", "output", "locals" };
	const char *p = src->data, *end = src->data + src->len;
	bool found = false;

	/* The first block, or better the first resource, for the message. */
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q;
		size_t i, n;

		if (!eol)
			eol = end;
		for (i = 0; i < EG_ARRAY_SIZE(blocks); i++) {
			n = strlen(blocks[i]);
			if ((size_t)(eol - p) <= n || memcmp(p, blocks[i], n) || (p[n] != ' ' && p[n] != '{'))
				continue;
			/* labels: "..." words, then { */
			for (q = p + n; q < eol && *q == ' '; q++)
				;
			while (q < eol && *q == '"') {
				for (q++; q < eol && *q != '"'; q++)
					;
				for (q++; q < eol && *q == ' '; q++)
					;
			}
			if (q < eol && *q == '{') {
				if (!found)
					at->offset = (size_t)(p - src->data);
				found = true;
				if (i == 0) {
					at->offset = (size_t)(p - src->data);
					return true;
				}
			}
		}
		p = eol + 1;
	}
	return found;
}

/* sst.config.ts: `export default $config({ ... })`. */
static bool is_sst_config(const eg_source *src, other_at *at)
{
	const char *p = find_in(src, "$config(", 1 << 20);

	if (!p || !(find_in(src, "export default", 1 << 20) || find_in(src, "/// <reference", 4096)))
		return false;
	at->offset = (size_t)(p - src->data);
	return true;
}

static const char *yscalar(const eg_ynode *map, const char *key);

/* serverless.yml: a service with an AWS provider, or functions. */
static bool is_serverless(const eg_ynode *root, other_at *at)
{
	const eg_ynode *provider;
	const char *name;
	size_t i;

	if (!root || root->kind != EG_Y_MAP || !eg_ynode_get(root, "service"))
		return false;
	provider = eg_ynode_get(root, "provider");
	name = yscalar(provider, "name");
	if (!(name && !strcmp(name, "aws")) && !has(root, "functions", EG_Y_MAP))
		return false;
	for (i = 0; strcmp(root->pairs[i].key->str, "service"); i++)
		;
	at->node = root->pairs[i].key;
	return true;
}

/* Terraform JSON configuration (`*.tf.json`, what `cdktf synth` writes):
 * only Terraform's top-level block names, and a resource, module or
 * provider block.  It is what a plan is made from, not a plan. */
static bool is_tf_config(const eg_ynode *root, other_at *at)
{
	static const char *const blocks[] = { "//", "resource", "data", "provider", "terraform",
					      "variable", "output", "locals", "module", "moved",
					      "import", "check", "removed" };
	bool body = false;
	size_t i, j;

	if (!root || root->kind != EG_Y_MAP || !root->npairs)
		return false;
	for (i = 0; i < root->npairs; i++) {
		const char *k = root->pairs[i].key->str;
		for (j = 0; j < sizeof(blocks) / sizeof(blocks[0]) && strcmp(k, blocks[j]); j++)
			;
		if (j == sizeof(blocks) / sizeof(blocks[0]) || root->pairs[i].value->kind != EG_Y_MAP)
			return false;
		body |= !strcmp(k, "resource") || !strcmp(k, "module") || !strcmp(k, "provider");
	}
	at->node = NULL;
	return body;
}

#define RUN_TF_PLAN "run `terraform show -json @FILE@ > plan.json` and lint plan.json"
#define MAKE_TF_PLAN                                                                        \
	"in its directory run `terraform init && terraform plan -out=plan.out && terraform " \
	"show -json plan.out > plan.json` and lint plan.json"
#define LINT_LIVE                                                                           \
	"edgegate reads CloudFront and Route 53 output: run `aws cloudfront "                \
	"list-distributions > live.json` and lint live.json"
#define GET_TEMPLATE                                                                        \
	"run `aws cloudformation get-template --stack-name NAME --query TemplateBody > "     \
	"template.json` and lint template.json"

static const other_input other_inputs[] = {
	{ is_binary_plan, NULL, true,
	  "a binary Terraform plan (what `terraform plan -out` writes, a zip file), which "
	  "edgegate cannot read: " RUN_TF_PLAN },
	{ is_zip, NULL, true,
	  "a zip archive, not an input: lint the plan or template that deploys it; for a saved "
	  "Terraform plan, run `terraform show -json plan.out > plan.json` and lint plan.json" },
	{ is_plan_text, NULL, true,
	  "the text output of `terraform plan` (or of `terraform show` without -json), which is "
	  "meant for people: save the plan with `terraform plan -out=plan.out`, then run "
	  "`terraform show -json plan.out > plan.json` and lint plan.json" },
	{ is_hcl, NULL, true,
	  "Terraform configuration (HCL), not a plan: edgegate reads what Terraform will do, "
	  "so " MAKE_TF_PLAN },
	{ is_sst_config, NULL, true,
	  "an SST v3 app configuration (sst.config.ts), not its state: SST v3 deploys through "
	  "Pulumi, so run `npx sst state export --stage production > state.json` and lint "
	  "state.json" },
	{ NULL, is_tf_config, true,
	  "Terraform JSON configuration (what `cdktf synth` writes), not a plan: edgegate reads "
	  "what Terraform will do, so in the stack's directory run `terraform init && terraform "
	  "plan -out=plan.out && terraform show -json plan.out > plan.json` and lint plan.json" },
	{ NULL, is_serverless, true,
	  "a Serverless Framework service (serverless.yml), which edgegate does not read: run "
	  "`serverless package` and lint `.serverless/cloudformation-template-update-stack.json`, "
	  "the CloudFormation template it deploys" },
};

/* AWS CLI output of other services and commands, by a top-level key: in a
 * walk they are skipped (with -v, named); named on the command line, an
 * error that says what the file is. */
static const struct {
	const char *key;
	const char *message; /* after "this is " */
} other_aws_cli[] = {
	{ "Reservations", "`aws ec2 describe-instances` output, not an input: " LINT_LIVE },
	{ "Buckets", "`aws s3api list-buckets` output, not an input: " LINT_LIVE },
	{ "LoadBalancers", "`aws elbv2 describe-load-balancers` output, not an input: " LINT_LIVE },
	{ "Functions", "`aws lambda list-functions` output, not an input: " LINT_LIVE },
	{ "CertificateSummaryList", "`aws acm list-certificates` output, not an input: " LINT_LIVE },
	{ "HostedZones",
	  "`aws route53 list-hosted-zones` output, which lists zones, not their records: run "
	  "`aws route53 list-resource-record-sets --hosted-zone-id ZONE_ID > records.json` and "
	  "lint records.json" },
	{ "Stacks",
	  "`aws cloudformation describe-stacks` output, which describes stacks, not their "
	  "resources: " GET_TEMPLATE },
	{ "StackResourceSummaries",
	  "`aws cloudformation list-stack-resources` output, which lists resources without "
	  "their properties: " GET_TEMPLATE },
	{ "StackResources",
	  "`aws cloudformation describe-stack-resources` output, which lists resources without "
	  "their properties: " GET_TEMPLATE },
	{ "TemplateBody",
	  "`aws cloudformation get-template` output with its wrapper around the template: "
	  GET_TEMPLATE },
};

static int other_input_error(const eg_source *src, const char *path, const other_at *at,
			     const char *message, eg_error *err)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *p, *mark;
	int line = 1, col = 1, rc;
	size_t i;

	if (at->node) {
		line = at->node->line;
		col = at->node->col;
	} else {
		for (i = 0; i < at->offset && i < src->len; i++, col++)
			if (src->data[i] == '\n') {
				line++;
				col = 0;
			}
	}
	eg_sb_adds(&sb, "this is ");
	for (p = message; (mark = strstr(p, "@FILE@")); p = mark + 6) {
		eg_sb_add(&sb, p, (size_t)(mark - p));
		eg_sb_adds(&sb, path);
	}
	eg_sb_adds(&sb, p);
	rc = eg_error_set(err, EG_ERR_INPUT, path, line, col, "%s", sb.buf);
	eg_sb_release(&sb);
	return rc;
}

/* 1: src is a known other input (err set, or a note when a walk skips it);
 * 0: it is not.  root: the parsed tree, or NULL before parsing. */
static int other_input_check(const eg_source *src, const eg_ynode *root, const char *path,
			     bool walking, const eg_ingest_options *o, int *rc, eg_error *err);

static int ingest_assembly(eg_model *m, const char *dir, const eg_ydoc *manifest, int depth,
			   const eg_ingest_options *o, eg_error *err);

static void note(const eg_ingest_options *o, const char *fmt, const char *path, const char *what)
{
	if (o->verbose && o->log) {
		fprintf(o->log, fmt, path, what);
		fputc('\n', o->log);
	}
}

static int other_input_check(const eg_source *src, const eg_ynode *root, const char *path,
			     bool walking, const eg_ingest_options *o, int *rc, eg_error *err)
{
	other_at at = { 0, NULL };
	size_t i;

	for (i = 0; i < EG_ARRAY_SIZE(other_inputs); i++) {
		const other_input *x = &other_inputs[i];
		if (root ? !(x->tree && x->tree(root, &at)) : !(x->raw && x->raw(src, &at)))
			continue;
		*rc = other_input_error(src, path, &at, x->message, err);
		if (walking && !x->error_in_walk) {
			note(o, "edgegate: skipped %s: %s", path, err->message);
			*rc = 0;
		}
		return 1;
	}
	for (i = 0; root && root->kind == EG_Y_MAP && i < EG_ARRAY_SIZE(other_aws_cli); i++) {
		size_t k;
		for (k = 0; k < root->npairs && strcmp(root->pairs[k].key->str, other_aws_cli[i].key); k++)
			;
		if (k == root->npairs)
			continue;
		at.node = root->pairs[k].key;
		*rc = other_input_error(src, path, &at, other_aws_cli[i].message, err);
		if (walking) {
			note(o, "edgegate: skipped %s: %s", path, err->message);
			*rc = 0;
		}
		return 1;
	}
	return 0;
}

/* --- the marks of each format -------------------------------------------------
 *
 * A walk may skip JSON and YAML that is no input (package.json, CI
 * workflows), but never a file that carries the marks of a format edgegate
 * reads and then fails to read as that format: skipping it would pass its
 * CloudFront resources unread.  README.md lists the marks. */

typedef struct format_mark {
	const char *key;    /* a top-level key, or text for the raw search */
	const char *format; /* after "the marks of " */
	unsigned where;     /* MARK_TREE, MARK_RAW or both */
} format_mark;

enum { MARK_TREE = 1, MARK_RAW = 2, MARK_BOTH = 3 };

/* Top-level keys of a parsed document (MARK_TREE) and text searched in a
 * file that does not parse at all (MARK_RAW, escapes decoded; the first
 * match wins).  A parsed template's keys are eg_cfn_is_template's, which
 * reads such a file as a template; "deployment" and "steps" are too
 * common as words to search raw text for. */
static const format_mark marks[] = {
	{ "AWSTemplateFormatVersion", "a CloudFormation template", MARK_RAW },
	{ "Resources", "a CloudFormation template", MARK_RAW },
	{ "AWS::Serverless", "a CloudFormation template", MARK_RAW },
	{ "resource_changes", "Terraform JSON (`terraform show -json`)", MARK_BOTH },
	{ "planned_values", "Terraform JSON (`terraform show -json`)", MARK_BOTH },
	{ "prior_state", "Terraform JSON (`terraform show -json`)", MARK_BOTH },
	{ "terraform_version", "Terraform JSON (`terraform show -json`)", MARK_BOTH },
	{ "DistributionConfig", "AWS CLI cloudfront output", MARK_BOTH },
	{ "DistributionList", "AWS CLI cloudfront output", MARK_BOTH },
	{ "ResourceRecordSets", "AWS CLI route53 output", MARK_BOTH },
	{ "deployment", "a Pulumi stack export", MARK_TREE },
	{ "steps", "a Pulumi preview (`pulumi preview --json`)", MARK_TREE },
	{ "urn:pulumi:", "Pulumi output", MARK_RAW },
};

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The marks in the text of src, with \xHH, \uHHHH and \UHHHHHHHH escapes
 * of ASCII letters decoded ("Re\x73ources" is Resources) and NUL bytes
 * searched past: the first mark found, or NULL. */
static const format_mark *raw_mark(const eg_source *src)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	const format_mark *found = NULL;
	size_t i, j, k;

	for (i = 0; i < src->len; i++) {
		char c = src->data[i];
		size_t digits = 0;
		int v = 0;
		if (c == '\\' && i + 1 < src->len)
			digits = src->data[i + 1] == 'x' ? 2 : src->data[i + 1] == 'u' ? 4
				 : src->data[i + 1] == 'U' ? 8 : 0;
		for (k = 0; digits && k < digits; k++) {
			int h = i + 2 + k < src->len ? hexval(src->data[i + 2 + k]) : -1;
			if (h < 0 || v > 0x7f) {
				digits = 0;
				break;
			}
			v = v * 16 + h;
		}
		if (digits && v > 0 && v < 0x80) {
			eg_sb_addc(&sb, (char)v);
			i += 1 + digits;
		} else if (c) {
			eg_sb_addc(&sb, c);
		}
	}
	for (j = 0; j < EG_ARRAY_SIZE(marks) && !found; j++)
		if ((marks[j].where & MARK_RAW) && strstr(sb.buf, marks[j].key))
			found = &marks[j];
	eg_sb_release(&sb);
	return found;
}

/* `terraform version -json`: {terraform_version, platform, ...}. */
static bool is_terraform_version(const eg_ynode *root)
{
	return eg_ynode_get(root, "terraform_version") && eg_ynode_get(root, "platform") &&
	       !eg_ynode_get(root, "format_version");
}

/* The first mark at the top level of a parsed document, or NULL; *key
 * gets the key node.  A list stands for its first item (`--query`). */
static const format_mark *tree_mark(const eg_ynode *root, const eg_ynode **key)
{
	size_t i, j;

	if (root && root->kind == EG_Y_SEQ && root->nitems)
		root = root->items[0];
	if (!root || root->kind != EG_Y_MAP || is_terraform_version(root))
		return NULL;
	for (i = 0; i < root->npairs; i++)
		for (j = 0; j < EG_ARRAY_SIZE(marks); j++)
			if ((marks[j].where & MARK_TREE) &&
			    !strcmp(root->pairs[i].key->str, marks[j].key)) {
				*key = root->pairs[i].key;
				return &marks[j];
			}
	return NULL;
}

/* Why a JSON document with a mark is not that format as edgegate reads it. */
static const char *mark_reason(const eg_source *src, const eg_ynode *root, bool json)
{
	if (!json)
		return "it is not JSON, which that tool writes: is there something before the "
		       "opening '{' (a comment, a form feed, a second byte order mark)?";
	if (eg_ynode_get(root, "terraform_version") || eg_ynode_get(root, "resource_changes") ||
	    eg_ynode_get(root, "planned_values") || eg_ynode_get(root, "prior_state")) {
		if (!eg_ynode_get(root, "format_version"))
			return "it has no format_version, which `terraform show -json` always writes";
		return "it is neither a plan (resource_changes) nor a state (values)";
	}
	(void)src;
	return "its shape is not that of any output edgegate reads (an object where a list "
	       "belongs, or the reverse?)";
}

static void append_hint(eg_error *err, const char *hint)
{
	size_t n = strlen(err->message);
	snprintf(err->message + n, sizeof(err->message) - n, "%s", hint);
}

static bool is_assembly_manifest(const eg_ynode *root)
{
	const eg_ynode *arts = root && root->kind == EG_Y_MAP ? eg_ynode_get(root, "artifacts") : NULL;
	return arts && arts->kind == EG_Y_MAP && eg_ynode_get(root, "version");
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return eg_xstrdup(".");
	if (slash == path)
		return eg_xstrdup("/");
	return eg_xstrndup(path, (size_t)(slash - path));
}

static int load_manifest(const char *dir, eg_ydoc **doc, eg_error *err);
static const char *yscalar(const eg_ynode *map, const char *key);

/* Whether the cloud assembly manifest in path's directory lists path as a
 * stack's template: then *dir is that directory (eg_xmalloc'd) and *manifest
 * its manifest (the caller frees both); else both NULL.  CDK stages share
 * logical ids, so a template is only meaningful as the stack its manifest
 * says, next to the other stacks of its assembly. */
static int listed_in_manifest(const char *path, char **dir, eg_ydoc **manifest, eg_error *err)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const eg_ynode *arts;
	eg_ydoc *man = NULL;
	bool listed = false;
	size_t i;
	int rc;

	*dir = dir_of(path);
	rc = load_manifest(*dir, &man, err);
	if (!rc && man) {
		arts = eg_ynode_get(man->root, "artifacts");
		for (i = 0; i < arts->npairs && !listed; i++) {
			const eg_ynode *art = arts->pairs[i].value;
			const eg_ynode *props = art->kind == EG_Y_MAP ? eg_ynode_get(art, "properties") : NULL;
			const char *file = yscalar(props, "templateFile"), *type = yscalar(art, "type");
			listed = file && !strcmp(file, base) && type &&
				 !strcmp(type, "aws:cloudformation:stack");
		}
	}
	if (rc || !listed) {
		eg_ydoc_free(man);
		man = NULL;
		eg_free(*dir);
		*dir = NULL;
	}
	*manifest = man;
	return rc;
}

/* Whether the assembly in dir was read already in this run; records it. */
static bool assembly_seen(const char *dir, const eg_ingest_options *o)
{
	char *norm;
	size_t i;

	if (!o->seen)
		return false;
	norm = eg_path_normalize(dir);
	for (i = 0; i < o->seen->n; i++)
		if (!strcmp(o->seen->dirs[i], norm)) {
			eg_free(norm);
			return true;
		}
	EG_ALLOC_GROW(o->seen->dirs, o->seen->n + 1, o->seen->alloc);
	o->seen->dirs[o->seen->n++] = norm;
	return false;
}

/* Records that path was read through a cloud assembly. */
static void template_seen(const char *path, const eg_ingest_options *o)
{
	if (!o->seen)
		return;
	EG_ALLOC_GROW(o->seen->files, o->seen->nfiles + 1, o->seen->files_alloc);
	o->seen->files[o->seen->nfiles++] = eg_path_normalize(path);
}

/* Whether path was read through a cloud assembly in this run. */
static bool read_through_assembly(const char *path, const eg_ingest_options *o)
{
	char *norm;
	size_t i;
	bool found = false;

	if (!o->seen || !o->seen->nfiles)
		return false;
	norm = eg_path_normalize(path);
	for (i = 0; i < o->seen->nfiles && !found; i++)
		found = !strcmp(o->seen->files[i], norm);
	eg_free(norm);
	return found;
}

void eg_ingest_seen_release(eg_ingest_seen *seen)
{
	size_t i;

	for (i = 0; i < seen->n; i++)
		eg_free(seen->dirs[i]);
	eg_free(seen->dirs);
	for (i = 0; i < seen->nfiles; i++)
		eg_free(seen->files[i]);
	eg_free(seen->files);
	memset(seen, 0, sizeof(*seen));
}

/* CloudFront's quota: 100 alternate domain names per distribution unless
 * AWS raised it for the account.  A warning on the log, not an error: the
 * quota can be raised. */
static void warn_alias_quota(eg_model *m, size_t first, const eg_ingest_options *o)
{
	size_t i;

	for (i = first; o->log && i < m->ndists; i++) {
		eg_distribution *d = m->dists[i];
		eg_loc loc = d->aliases_loc;
		if (d->aliases.n <= EG_MAX_ALIASES)
			continue;
		eg_model_resolve_loc(&loc);
		fprintf(o->log, "%s:%d:%d: warning: distribution %s has %zu aliases; CloudFront "
			"allows %d per distribution unless the quota was raised for the account, "
			"and refuses the change otherwise\n", loc.src ? loc.src->path : "",
			loc.line, loc.col, d->address ? d->address : "", d->aliases.n,
			EG_MAX_ALIASES);
	}
}

/* stack: the stack name a cloud assembly gives the template, or NULL. */
static int ingest_file(eg_model *m, const char *path, bool walking, const char *stack,
		       const eg_ingest_options *o, eg_error *err)
{
	eg_source *src = NULL;
	eg_ydoc *doc = NULL;
	size_t max = o->max_bytes ? o->max_bytes : EG_MAX_INPUT_BYTES, i, first_dist;
	bool json;
	int rc;

	size_t total = o->max_total_bytes ? o->max_total_bytes : EG_MAX_TOTAL_INPUT_BYTES, used = 0;

	/* The run's inputs together are capped too: each file is read with
	 * what is left of the run's budget as its own cap. */
	for (i = 0; i < m->nsources; i++)
		used += m->sources[i]->len;
	if (total - (used < total ? used : total) < max)
		max = total - (used < total ? used : total);
	if ((rc = eg_source_load(&src, path, max, err))) {
		if (rc == EG_ERR_LIMIT && max < (o->max_bytes ? o->max_bytes : EG_MAX_INPUT_BYTES))
			eg_error_set(err, EG_ERR_LIMIT, path, 0, 0, "the inputs of this run together "
				     "are larger than %zu bytes (%zu read before this file)", total, used);
		return rc;
	}
	path = src->path; /* "<stdin>" for "-" */
	for (i = 0; i < src->len && strchr(" \t\r\n", src->data[i]); i++)
		;
	json = i < src->len && (src->data[i] == '{' || src->data[i] == '[');
	if (!json && other_input_check(src, NULL, path, walking, o, &rc, err))
		goto out;
	if (json) {
		rc = eg_source_validate_json(src, EG_MAX_DEPTH, err);
		if (rc == EG_ERR_INPUT)
			append_hint(err, " (not valid JSON)");
		if (rc)
			goto out;
		src->format = eg_ingest_detect_json(src);
		if (src->format == EG_FMT_UNKNOWN &&
		    (rc = eg_ydoc_build_json(&doc, src->data, src->len, src->json_index, path,
					      NULL, err)))
			goto out;
	} else if ((rc = eg_ydoc_parse(&doc, src->data, src->len, path, NULL, err))) {
		const format_mark *mark = rc == EG_ERR_INPUT ? raw_mark(src) : NULL;
		if (rc == EG_ERR_INPUT && walking && !mark) {
			note(o, "edgegate: skipped %s: %s", path, "YAML that does not parse and is no template");
			rc = 0;
		} else if (mark && walking) { /* why the walk did not skip it */
			size_t n = strlen(err->message);
			snprintf(err->message + n, sizeof(err->message) - n,
				 " (the file has the marks of %s: %s)", mark->format, mark->key);
		}
		goto out;
	}
	if (doc && is_assembly_manifest(doc->root) && !stack) {
		char *dir = dir_of(path);
		rc = ingest_assembly(m, dir, doc, 0, o, err);
		eg_free(dir);
		goto out;
	}
	if (doc && eg_cfn_is_template(doc->root)) {
		src->format = json ? EG_FMT_CFN_JSON : EG_FMT_CFN_YAML;
		if (!stack && !(o->cfn && o->cfn->stack_name) && strcmp(path, EG_SOURCE_STDIN)) {
			char *dir = NULL;
			eg_ydoc *manifest = NULL;
			bool assembly = false;
			if (!(rc = listed_in_manifest(path, &dir, &manifest, err)) && manifest) {
				note(o, "edgegate: %s is a stack of the cloud assembly in %s: reading the assembly",
				     path, dir);
				rc = ingest_assembly(m, dir, manifest, 0, o, err);
				assembly = true;
			}
			eg_ydoc_free(manifest);
			eg_free(dir);
			if (rc || assembly)
				goto out;
		}
	}
	else if (doc && json)
		src->format = eg_ingest_detect_tree(doc->root);
	if (src->format == EG_FMT_UNKNOWN && doc &&
	    other_input_check(src, doc->root, path, walking, o, &rc, err))
		goto out;
	if (src->format == EG_FMT_UNKNOWN) {
		const eg_ynode *key = NULL;
		const format_mark *mark = doc ? tree_mark(doc->root, &key) : NULL;
		if (mark) {
			rc = eg_error_set(err, EG_ERR_INPUT, path, key->line, key->col,
					  "this has the marks of %s (%s) but edgegate cannot read it as "
					  "such: %s", mark->format, key->str,
					  mark_reason(src, doc->root, json));
			goto out;
		}
		if (walking) {
			note(o, "edgegate: skipped %s: %s", path,
			     doc && is_terraform_version(doc->root)
			     ? "`terraform version -json` output, not an input"
			     : "not a recognised input");
			goto out;
		}
		rc = eg_error_set(err, EG_ERR_INPUT, path, 1, 1,
				  "not a recognised input: expected `terraform show -json` output, raw "
				  "Terraform state, a CloudFormation template (JSON or YAML), a CDK cloud "
				  "assembly, AWS CLI cloudfront or route53 JSON, or Pulumi stack export or "
				  "preview JSON");
		goto out;
	}
	first_dist = m->ndists;
	eg_model_add_source_take(m, src);
	note(o, "edgegate: reading %s (%s)", path,
	     src->encoding ? eg_arena_printf(&m->arena, "%s, converted from %s",
					     eg_format_name(src->format), src->encoding)
			   : eg_format_name(src->format));
	switch (src->format) {
	case EG_FMT_TF_PLAN:
	case EG_FMT_TF_STATE:
	case EG_FMT_TF_RAW_STATE:
		rc = eg_ingest_terraform(m, src, err);
		break;
	case EG_FMT_AWS_CLOUDFRONT:
	case EG_FMT_AWS_ROUTE53:
	case EG_FMT_AWS_ROUTE53_CHANGE:
		rc = eg_ingest_awscli(m, src, doc, err);
		break;
	case EG_FMT_PULUMI_EXPORT:
	case EG_FMT_PULUMI_PREVIEW:
		rc = eg_ingest_pulumi(m, src, doc, err);
		break;
	default:
		rc = eg_ingest_cfn(m, src, doc, o->cfn, stack, err);
		break;
	}
	if (!rc)
		warn_alias_quota(m, first_dist, o);
	eg_ydoc_free(doc);
	return rc;
out:
	eg_ydoc_free(doc);
	eg_source_free(src);
	return rc;
}

static const char *yscalar(const eg_ynode *map, const char *key)
{
	const eg_ynode *v = map && map->kind == EG_Y_MAP ? eg_ynode_get(map, key) : NULL;
	return v && v->kind == EG_Y_SCALAR ? v->str : NULL;
}

/* dir/manifest.json when it is a cloud assembly manifest (*doc, the caller
 * frees it); *doc NULL when there is no such file or it is something else.
 * A manifest.json that cannot be read or parsed is an error. */
static int load_manifest(const char *dir, eg_ydoc **doc, eg_error *err)
{
	char *path = eg_path_join(dir, "manifest.json");
	eg_source *src = NULL;
	struct stat st;
	int rc = 0;

	*doc = NULL;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    !(rc = eg_source_load(&src, path, EG_MAX_INPUT_BYTES, err)) &&
	    !(rc = eg_ydoc_parse_json(doc, src->data, src->len, path, NULL, err)) &&
	    !is_assembly_manifest((*doc)->root)) {
		eg_ydoc_free(*doc);
		*doc = NULL;
	}
	eg_source_free(src);
	eg_free(path);
	return rc;
}

/* A CDK cloud assembly: the stacks its manifest lists, in manifest order,
 * each under its stack name, and the nested assemblies of CDK stages. */
static int ingest_assembly(eg_model *m, const char *dir, const eg_ydoc *manifest, int depth,
			   const eg_ingest_options *o, eg_error *err)
{
	const eg_ynode *arts = eg_ynode_get(manifest->root, "artifacts");
	size_t i;
	int rc = 0;

	if (depth > 16)
		return eg_error_set(err, EG_ERR_LIMIT, manifest->file, 0, 0,
				    "cloud assemblies nested deeper than 16");
	if (assembly_seen(dir, o)) {
		note(o, "edgegate: %s: %s", dir, "cloud assembly already read");
		return 0;
	}
	note(o, "edgegate: reading %s (%s)", manifest->file, "cdk cloud assembly");
	for (i = 0; i < arts->npairs && !rc; i++) {
		const eg_ynode *art = arts->pairs[i].value;
		const eg_ynode *props = art->kind == EG_Y_MAP ? eg_ynode_get(art, "properties") : NULL;
		const char *type = yscalar(art, "type"), *file;
		eg_ydoc *nested = NULL;
		char *path;

		if (!type)
			continue;
		if (!strcmp(type, "aws:cloudformation:stack")) {
			const char *stack = yscalar(props, "stackName");
			if (!(file = yscalar(props, "templateFile"))) {
				const eg_ynode *at = props ? props : art;
				rc = eg_error_set(err, EG_ERR_INPUT, manifest->file, at->line, at->col,
						  "stack artifact %s has no properties.templateFile: "
						  "its template would go unread",
						  arts->pairs[i].key->str);
				break;
			}
			path = eg_path_join(dir, file);
			template_seen(path, o);
			rc = ingest_file(m, path, false, stack ? stack : arts->pairs[i].key->str, o, err);
			eg_free(path);
		} else if (!strcmp(type, "cdk:cloud-assembly")) {
			if (!(file = yscalar(props, "directoryName"))) {
				const eg_ynode *at = props ? props : art;
				rc = eg_error_set(err, EG_ERR_INPUT, manifest->file, at->line, at->col,
						  "nested assembly artifact %s has no "
						  "properties.directoryName: its stacks would go unread",
						  arts->pairs[i].key->str);
				break;
			}
			path = eg_path_join(dir, file);
			if (!(rc = load_manifest(path, &nested, err)) && !nested)
				rc = eg_error_set(err, EG_ERR_INPUT, manifest->file, art->line, art->col,
						  "nested assembly %s has no cloud assembly manifest", file);
			if (!rc)
				rc = ingest_assembly(m, path, nested, depth + 1, o, err);
			eg_ydoc_free(nested);
			eg_free(path);
		}
	}
	return rc;
}

static bool walked_suffix(const char *name)
{
	return eg_has_suffix(name, ".json") || eg_has_suffix(name, ".yaml") ||
	       eg_has_suffix(name, ".yml") || eg_has_suffix(name, ".template") ||
	       eg_has_suffix(name, ".tfstate");
}

static int walk(eg_model *m, const char *dir, int depth, const eg_ingest_options *o,
		eg_error *err)
{
	char **names;
	eg_ydoc *manifest;
	size_t n, i;
	struct stat st;
	bool assembly;
	int rc;

	if (depth > 64)
		return eg_error_set(err, EG_ERR_LIMIT, dir, 0, 0, "directories nested deeper than 64");
	if ((rc = load_manifest(dir, &manifest, err)))
		return rc;
	/* The assembly first, then the rest of the directory: a manifest does
	 * not hide a plan beside it, nor what lies below. */
	assembly = manifest != NULL;
	if (manifest) {
		rc = ingest_assembly(m, dir, manifest, 0, o, err);
		eg_ydoc_free(manifest);
		if (rc)
			return rc;
	}
	if ((rc = eg_dir_list(dir, &names, &n, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		char *path;

		if (!strcmp(names[i], "node_modules"))
			continue;
		path = eg_path_join(dir, names[i]);
		if (assembly && !strcmp(names[i], "manifest.json"))
			; /* read above */
		else if (read_through_assembly(path, o))
			note(o, "edgegate: %s: %s", path, "read through the cloud assembly");
		else if (stat(path, &st) != 0)
			rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk(m, path, depth + 1, o, err);
		else if (S_ISREG(st.st_mode) && walked_suffix(names[i]))
			rc = ingest_file(m, path, true, NULL, o, err);
		else
			note(o, "edgegate: skipped %s: %s", path, "not a .json, .tfstate, .yaml, .yml or .template file");
		eg_free(path);
	}
	eg_dir_list_free(names, n);
	return rc;
}

int eg_ingest_path(eg_model *m, const char *path, const eg_ingest_options *o, eg_error *err)
{
	struct stat st;
	eg_ingest_options local;
	eg_ingest_seen seen = EG_INGEST_SEEN_INIT;
	int rc;

	/* A walk needs to know which templates an assembly read. */
	if (!o->seen) {
		local = *o;
		local.seen = &seen;
		o = &local;
	}
	if (!strcmp(path, "-")) /* stdin, read whole; its format told by content */
		rc = ingest_file(m, path, false, NULL, o, err);
	else if (stat(path, &st) != 0)
		rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = walk(m, path, 0, o, err);
	else
		rc = ingest_file(m, path, false, NULL, o, err);
	eg_ingest_seen_release(&seen);
	return rc;
}

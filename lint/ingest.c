/* ingest.c - reading inputs, recognising their format, walking directories. */
#include "ingest.h"

#include "jsonpos.h"

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

	if (!eg_jsonpos_iter_init(&it, src->data, root) || !it.is_object)
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

eg_loc eg_ingest_node_loc(const eg_source *src, const eg_ynode *n, const char *pointer)
{
	eg_loc loc = { 0 };

	loc.src = src;
	loc.pointer = pointer;
	loc.line = n ? n->line : 1;
	loc.col = n ? n->col : 1;
	return loc;
}

const char *eg_ingest_ptr(eg_model *m, const char *parent, const char *key)
{
	return eg_arena_printf(&m->arena, "%s/%s", parent, key);
}

const char *eg_ingest_ptr_i(eg_model *m, const char *parent, size_t i)
{
	return eg_arena_printf(&m->arena, "%s/%zu", parent, i);
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

/* Terraform JSON configuration (`*.tf.json`, what `cdktf synth` writes):
 * only Terraform's top-level block names, and a resource, module or
 * provider block.  It is what a plan is made from, not a plan. */
static bool is_tf_config(const eg_ynode *root)
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
	return body;
}

static int ingest_assembly(eg_model *m, const char *dir, const eg_ydoc *manifest, int depth,
			   const eg_ingest_options *o, eg_error *err);

static void note(const eg_ingest_options *o, const char *fmt, const char *path, const char *what)
{
	if (o->verbose && o->log) {
		fprintf(o->log, fmt, path, what);
		fputc('\n', o->log);
	}
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

/* A template named on its own inside a cloud assembly is still the stack
 * its manifest.json says: CDK stages share logical ids, so the stack name
 * is what keeps them apart in a report.  *stack: in m's arena, or NULL. */
static int manifest_stack(eg_model *m, const char *path, const char **stack, eg_error *err)
{
	char *dir = dir_of(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const eg_ynode *arts;
	eg_ydoc *man = NULL;
	size_t i;
	int rc = load_manifest(dir, &man, err);

	free(dir);
	if (rc || !man)
		return rc;
	arts = eg_ynode_get(man->root, "artifacts");
	for (i = 0; i < arts->npairs && !*stack; i++) {
		const eg_ynode *art = arts->pairs[i].value;
		const eg_ynode *props = art->kind == EG_Y_MAP ? eg_ynode_get(art, "properties") : NULL;
		const char *file = yscalar(props, "templateFile"), *name;
		if (!file || strcmp(file, base) ||
		    !yscalar(art, "type") || strcmp(yscalar(art, "type"), "aws:cloudformation:stack"))
			continue;
		name = yscalar(props, "stackName");
		*stack = eg_arena_strdup(&m->arena, name ? name : arts->pairs[i].key->str);
	}
	eg_ydoc_free(man);
	return 0;
}

/* stack: the stack name a cloud assembly gives the template, or NULL. */
static int ingest_file(eg_model *m, const char *path, bool walking, const char *stack,
		       const eg_ingest_options *o, eg_error *err)
{
	eg_source *src = NULL;
	eg_ydoc *doc = NULL;
	size_t max = o->max_bytes ? o->max_bytes : EG_MAX_INPUT_BYTES, i;
	bool json;
	int rc;

	if ((rc = eg_source_load(&src, path, max, err)))
		return rc;
	path = src->path; /* "<stdin>" for "-" */
	for (i = 0; i < src->len && strchr(" \t\r\n", src->data[i]); i++)
		;
	json = i < src->len && (src->data[i] == '{' || src->data[i] == '[');
	if (json) {
		rc = eg_jsonpos_validate(src->data, src->len, path, EG_MAX_DEPTH, err);
		if (rc == EG_ERR_INPUT)
			append_hint(err, " (not valid JSON)");
		if (rc)
			goto out;
		src->format = eg_ingest_detect_json(src);
		if (src->format == EG_FMT_UNKNOWN &&
		    (rc = eg_ydoc_build_json(&doc, src->data, src->len, path, NULL, err)))
			goto out;
	} else if ((rc = eg_ydoc_parse(&doc, src->data, src->len, path, NULL, err))) {
		if (rc == EG_ERR_INPUT && walking && !strstr(src->data, "Resources")) {
			note(o, "edgegate: skipped %s: %s", path, "YAML that does not parse and is no template");
			rc = 0;
		}
		goto out;
	}
	if (doc && is_assembly_manifest(doc->root) && !stack) {
		char *dir = dir_of(path);
		rc = ingest_assembly(m, dir, doc, 0, o, err);
		free(dir);
		goto out;
	}
	if (doc && eg_cfn_is_template(doc->root)) {
		src->format = json ? EG_FMT_CFN_JSON : EG_FMT_CFN_YAML;
		if (!stack && !(o->cfn && o->cfn->stack_name) && strcmp(path, EG_SOURCE_STDIN) &&
		    (rc = manifest_stack(m, path, &stack, err)))
			goto out;
	}
	else if (doc && json)
		src->format = eg_ingest_detect_tree(doc->root);
	if (src->format == EG_FMT_UNKNOWN && doc && json && is_tf_config(doc->root)) {
		rc = eg_error_set(err, EG_ERR_INPUT, path, 1, 1,
				  "this is Terraform JSON configuration (what `cdktf synth` writes), "
				  "not a plan: edgegate reads what Terraform will do, so in the stack's "
				  "directory run `terraform init && terraform plan -out=plan.out && "
				  "terraform show -json plan.out > plan.json` and lint plan.json");
		goto out;
	}
	if (src->format == EG_FMT_UNKNOWN) {
		if (walking) {
			note(o, "edgegate: skipped %s: %s", path, "not a recognised input");
			goto out;
		}
		rc = eg_error_set(err, EG_ERR_INPUT, path, 1, 1,
				  "not a recognised input: expected `terraform show -json` output, raw "
				  "Terraform state, a CloudFormation template (JSON or YAML), a CDK cloud "
				  "assembly, AWS CLI cloudfront or route53 JSON, or Pulumi stack export or "
				  "preview JSON");
		goto out;
	}
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
		rc = eg_ingest_awscli(m, src, doc, err);
		break;
	case EG_FMT_PULUMI_EXPORT:
	case EG_FMT_PULUMI_PREVIEW:
		rc = eg_ingest_pulumi(m, src, doc, err);
		break;
	default:
		rc = eg_ingest_cfn(m, src, doc, o, stack, err);
		break;
	}
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
	free(path);
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
	note(o, "edgegate: reading %s (%s)", manifest->file, "cdk cloud assembly");
	for (i = 0; i < arts->npairs && !rc; i++) {
		const eg_ynode *art = arts->pairs[i].value;
		const eg_ynode *props = art->kind == EG_Y_MAP ? eg_ynode_get(art, "properties") : NULL;
		const char *type = yscalar(art, "type"), *file;
		eg_ydoc *nested = NULL;
		char *path;

		if (!type)
			continue;
		if (!strcmp(type, "aws:cloudformation:stack") && (file = yscalar(props, "templateFile"))) {
			const char *stack = yscalar(props, "stackName");
			path = eg_path_join(dir, file);
			rc = ingest_file(m, path, false, stack ? stack : arts->pairs[i].key->str, o, err);
			free(path);
		} else if (!strcmp(type, "cdk:cloud-assembly") &&
			   (file = yscalar(props, "directoryName"))) {
			path = eg_path_join(dir, file);
			if (!(rc = load_manifest(path, &nested, err)) && !nested)
				rc = eg_error_set(err, EG_ERR_INPUT, manifest->file, art->line, art->col,
						  "nested assembly %s has no cloud assembly manifest", file);
			if (!rc)
				rc = ingest_assembly(m, path, nested, depth + 1, o, err);
			eg_ydoc_free(nested);
			free(path);
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
	int rc;

	if (depth > 64)
		return eg_error_set(err, EG_ERR_LIMIT, dir, 0, 0, "directories nested deeper than 64");
	if ((rc = load_manifest(dir, &manifest, err)))
		return rc;
	if (manifest) {
		rc = ingest_assembly(m, dir, manifest, 0, o, err);
		eg_ydoc_free(manifest);
		return rc;
	}
	if ((rc = eg_dir_list(dir, &names, &n, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		char *path;

		if (!strcmp(names[i], "node_modules"))
			continue;
		path = eg_path_join(dir, names[i]);
		if (stat(path, &st) != 0)
			rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk(m, path, depth + 1, o, err);
		else if (S_ISREG(st.st_mode) && walked_suffix(names[i]))
			rc = ingest_file(m, path, true, NULL, o, err);
		else
			note(o, "edgegate: skipped %s: %s", path, "not a .json, .tfstate, .yaml, .yml or .template file");
		free(path);
	}
	eg_dir_list_free(names, n);
	return rc;
}

int eg_ingest_path(eg_model *m, const char *path, const eg_ingest_options *o, eg_error *err)
{
	struct stat st;

	if (!strcmp(path, "-")) /* stdin, read whole; its format told by content */
		return ingest_file(m, path, false, NULL, o, err);
	if (stat(path, &st) != 0)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return walk(m, path, 0, o, err);
	return ingest_file(m, path, false, NULL, o, err);
}

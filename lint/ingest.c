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
		else if (!eg_jsonpos_key_is(src->data, key, "terraform_version"))
			other = true;
	}
	if (!format_version)
		return EG_FMT_UNKNOWN;
	if (plan)
		return EG_FMT_TF_PLAN;
	/* An empty state is just {"format_version":"1.0"}. */
	if (values || !other)
		return EG_FMT_TF_STATE;
	return EG_FMT_UNKNOWN;
}

static int ingest_file(eg_model *m, const char *path, bool walking,
		       const eg_ingest_options *o, eg_error *err)
{
	eg_source *src = NULL;
	size_t max = o->max_bytes ? o->max_bytes : EG_MAX_INPUT_BYTES;
	int rc;

	rc = eg_source_load(&src, path, max, err);
	if (rc)
		return rc;
	rc = eg_jsonpos_validate(src->data, src->len, path, EG_MAX_DEPTH, err);
	if (rc) {
		if (rc == EG_ERR_INPUT)
			snprintf(err->message + strlen(err->message),
				 sizeof(err->message) - strlen(err->message),
				 " (not valid JSON; edgegate reads `terraform show -json` output)");
		eg_source_free(src);
		return rc;
	}
	src->format = eg_ingest_detect_json(src);
	if (src->format == EG_FMT_UNKNOWN) {
		eg_source_free(src);
		if (walking) {
			if (o->verbose && o->log)
				fprintf(o->log, "edgegate: skipped %s: not a recognised input\n", path);
			return 0;
		}
		return eg_error_set(err, EG_ERR_INPUT, path, 1, 1,
				    "not a recognised input: expected `terraform show -json` output "
				    "(a plan or state with format_version)");
	}
	eg_model_add_source_take(m, src);
	if (o->verbose && o->log)
		fprintf(o->log, "edgegate: reading %s (%s)\n", path, eg_format_name(src->format));
	return eg_ingest_terraform(m, src, err);
}

static int walk(eg_model *m, const char *dir, int depth, const eg_ingest_options *o,
		eg_error *err)
{
	char **names;
	size_t n, i;
	int rc;

	if (depth > 64)
		return eg_error_set(err, EG_ERR_LIMIT, dir, 0, 0, "directories nested deeper than 64");
	if ((rc = eg_dir_list(dir, &names, &n, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		char *path;
		struct stat st;

		if (!strcmp(names[i], "node_modules"))
			continue;
		path = eg_path_join(dir, names[i]);
		if (stat(path, &st) != 0)
			rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk(m, path, depth + 1, o, err);
		else if (S_ISREG(st.st_mode) && eg_has_suffix(names[i], ".json"))
			rc = ingest_file(m, path, true, o, err);
		else if (o->verbose && o->log)
			fprintf(o->log, "edgegate: skipped %s: not a .json file\n", path);
		free(path);
	}
	eg_dir_list_free(names, n);
	return rc;
}

int eg_ingest_path(eg_model *m, const char *path, const eg_ingest_options *o, eg_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return walk(m, path, 0, o, err);
	return ingest_file(m, path, false, o, err);
}

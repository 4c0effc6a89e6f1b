/* ingest.c - reading inputs, recognising their format, walking directories. */
#include "ingest.h"

#include "jsonpos.h"
#include "strbuf.h"

#include <dirent.h>
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

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(eg_model *m, const char *dir, int depth, const eg_ingest_options *o,
		eg_error *err)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int rc = 0;

	if (depth > 64)
		return eg_error_set(err, EG_ERR_LIMIT, dir, 0, 0, "directories nested deeper than 64");
	d = opendir(dir);
	if (!d)
		return eg_error_set(err, EG_ERR_IO, dir, 0, 0, "cannot read directory: %s",
				    strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
			continue;
		EG_ALLOC_GROW(names, n + 1, alloc);
		names[n++] = eg_xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n && !rc; i++) {
		eg_strbuf path = EG_STRBUF_INIT;
		struct stat st;

		eg_sb_addf(&path, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", names[i]);
		if (stat(path.buf, &st) != 0)
			rc = eg_error_set(err, EG_ERR_IO, path.buf, 0, 0, "cannot read: %s",
					  strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk(m, path.buf, depth + 1, o, err);
		else if (S_ISREG(st.st_mode) && has_suffix(names[i], ".json"))
			rc = ingest_file(m, path.buf, true, o, err);
		else if (o->verbose && o->log)
			fprintf(o->log, "edgegate: skipped %s: not a .json file\n", path.buf);
		eg_sb_release(&path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
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

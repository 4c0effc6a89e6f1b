/* json.c - JSON strings with UTF-8 repair (json.h). */
#include "json.h"

#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

json_t *eg_json_str(const char *s)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	json_t *j = json_string(s ? s : "");

	if (j)
		return j;
	eg_sb_add_utf8(&sb, s);
	j = json_string(sb.buf);
	eg_sb_release(&sb);
	return j;
}

int eg_json_write_file(json_t *root, const char *path, const char *what, eg_error *err)
{
	FILE *f = fopen(path, "w");
	eg_cleanup hold;
	int failed, e;

	if (!f)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot write %s: %s", what,
				    strerror(errno));
	eg_cleanup_push(&hold, eg_cleanup_fclose, f);
	errno = 0;
	failed = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	failed |= fflush(f) != 0 || ferror(f);
	e = errno;
	eg_cleanup_pop(&hold);
	if (fclose(f) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	if (failed)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot write %s: %s", what,
				    e ? strerror(e) : "write error");
	return 0;
}

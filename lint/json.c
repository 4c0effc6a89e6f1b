/* json.c - JSON strings with UTF-8 repair (json.h). */
#include "json.h"

#include "strbuf.h"

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

/* source.c - input files read whole into memory, and offsets into them.
 *
 * Loading only checks what can be told from the first bytes (size, UTF-16/32,
 * a UTF-8 BOM).  Whether the rest is UTF-8 is left to the parser that reads
 * it (eg_jsonpos_validate for JSON), which can say where the bad byte is.
 */
#include "source.h"

#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *eg_format_name(eg_format f)
{
	switch (f) {
	case EG_FMT_TF_PLAN:
		return "terraform-plan";
	case EG_FMT_TF_STATE:
		return "terraform-state";
	case EG_FMT_TF_RAW_STATE:
		return "terraform-raw-state";
	case EG_FMT_CFN_JSON:
		return "cloudformation-json";
	case EG_FMT_CFN_YAML:
		return "cloudformation-yaml";
	case EG_FMT_AWS_CLOUDFRONT:
		return "aws-cli-cloudfront";
	case EG_FMT_AWS_ROUTE53:
		return "aws-cli-route53";
	case EG_FMT_PULUMI_EXPORT:
		return "pulumi-stack-export";
	case EG_FMT_PULUMI_PREVIEW:
		return "pulumi-preview";
	case EG_FMT_UNKNOWN:
		break;
	}
	return "unknown";
}

typedef enum encoding {
	ENC_UTF8,
	ENC_UTF8_BOM,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_UTF32LE,
	ENC_UTF32BE,
} encoding;

static const char *const encoding_names[] = {
	[ENC_UTF8] = "UTF-8",
	[ENC_UTF8_BOM] = "UTF-8",
	[ENC_UTF16LE] = "UTF-16LE",
	[ENC_UTF16BE] = "UTF-16BE",
	[ENC_UTF32LE] = "UTF-32LE",
	[ENC_UTF32BE] = "UTF-32BE",
};

/* The encoding the first bytes announce: a BOM, or else the NUL pattern of
 * ASCII text (RFC 4627 section 3), since JSON starts with an ASCII byte.
 * The one place to change if UTF-16 is ever converted instead of refused. */
static encoding sniff_encoding(const unsigned char *d, size_t len, bool *bom)
{
	*bom = true;
	if (len >= 4 && d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0)
		return ENC_UTF32LE;
	if (len >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF)
		return ENC_UTF32BE;
	if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
		return ENC_UTF16LE;
	if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		return ENC_UTF16BE;
	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		return ENC_UTF8_BOM;
	*bom = false;
	if (len >= 4 && d[0] && !d[1] && !d[2] && !d[3])
		return ENC_UTF32LE;
	if (len >= 4 && !d[0] && !d[1] && !d[2] && d[3])
		return ENC_UTF32BE;
	if (len >= 4 && d[0] && !d[1] && d[2] && !d[3])
		return ENC_UTF16LE;
	if (len >= 4 && !d[0] && d[1] && !d[2] && d[3])
		return ENC_UTF16BE;
	return ENC_UTF8;
}

/* Appends s as one shell word, single-quoted unless it needs none; squote is
 * how the shell spells a quote inside quotes ("'\\''" for sh, "''" for
 * PowerShell). */
static void add_shell_word(eg_strbuf *sb, const char *s, const char *squote)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789_-./+,:@%=";

	if (*s && s[strspn(s, safe)] == '\0') {
		eg_sb_adds(sb, s);
		return;
	}
	eg_sb_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			eg_sb_adds(sb, squote);
		else
			eg_sb_addc(sb, *s);
	}
	eg_sb_addc(sb, '\'');
}

/* Builds the refusal for a non-UTF-8 file, naming the commands that fix it
 * for this very path. */
static int fail_encoding(const char *path, encoding enc, bool bom, eg_error *err)
{
	const char *name = encoding_names[enc];
	eg_strbuf msg = EG_STRBUF_INIT, out = EG_STRBUF_INIT;
	size_t n = strlen(path);
	int rc;

	/* plan.json -> plan.utf8.json, anything else -> <path>.utf8 */
	if (n > 5 && strcmp(path + n - 5, ".json") == 0) {
		eg_sb_add(&out, path, n - 5);
		eg_sb_adds(&out, ".utf8.json");
	} else {
		eg_sb_adds(&out, path);
		eg_sb_adds(&out, ".utf8");
	}
	eg_sb_addf(&msg, "file is %s", name);
	if (enc == ENC_UTF16LE && bom) {
		/* Windows PowerShell's '>' writes exactly this. */
		eg_sb_adds(&msg, " (saved by PowerShell '>'); re-save it as UTF-8: in PowerShell "
			   "use '... | Out-File -Encoding utf8 ");
		add_shell_word(&msg, path, "''");
		eg_sb_adds(&msg, "' or run: ");
	} else {
		eg_sb_adds(&msg, bom ? "" : " without a byte order mark");
		eg_sb_adds(&msg, "; re-save it as UTF-8, for example run: ");
	}
	eg_sb_addf(&msg, "iconv -f %s -t UTF-8 ", name);
	add_shell_word(&msg, path, "'\\''");
	eg_sb_adds(&msg, " > ");
	add_shell_word(&msg, out.buf, "'\\''");
	rc = eg_error_set(err, EG_ERR_INPUT, path, 0, 0, "%s", msg.buf);
	eg_sb_release(&msg);
	eg_sb_release(&out);
	return rc;
}

/* Reads fd to the end into sb, never holding more than max_bytes + 1 bytes:
 * the extra byte is how an oversized pipe or /proc file shows itself. */
static int read_all(int fd, const char *path, size_t size_hint, size_t max_bytes,
		    eg_strbuf *sb, eg_error *err)
{
	size_t want = max_bytes < SIZE_MAX ? max_bytes + 1 : max_bytes;

	/* +1 so the read that sees EOF needs no realloc of a huge buffer */
	eg_sb_grow(sb, (size_hint < want ? size_hint : want) + 1);
	for (;;) {
		size_t room;
		ssize_t n;

		if (sb->alloc - sb->len - 1 == 0)
			eg_sb_grow(sb, 64 * 1024);
		room = sb->alloc - sb->len - 1;
		if (room > want - sb->len)
			room = want - sb->len;
		if (room > SSIZE_MAX)
			room = SSIZE_MAX;
		n = read(fd, sb->buf + sb->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s",
					    strerror(errno));
		if (n == 0)
			break;
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
		if (sb->len > max_bytes)
			return eg_error_set(err, EG_ERR_LIMIT, path, 0, 0,
					    "file is larger than %zu bytes", max_bytes);
	}
	return 0;
}

/* Refuses UTF-16/32 and drops a UTF-8 BOM, so offsets match what editors
 * show. */
static int check_encoding(eg_strbuf *sb, const char *path, eg_error *err)
{
	bool bom;
	encoding enc = sniff_encoding((const unsigned char *)sb->buf, sb->len, &bom);

	if (enc == ENC_UTF8)
		return 0;
	if (enc != ENC_UTF8_BOM)
		return fail_encoding(path, enc, bom, err);
	memmove(sb->buf, sb->buf + 3, sb->len - 3 + 1);
	sb->len -= 3;
	return 0;
}

int eg_source_load(eg_source **out, const char *path, size_t max_bytes, eg_error *err)
{
	eg_strbuf data = EG_STRBUF_INIT;
	eg_source *src;
	struct stat st;
	size_t hint = 0;
	int fd, rc;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "is a directory");
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		/* Refuse before reading a gigabyte we would throw away. */
		if ((uintmax_t)st.st_size > max_bytes) {
			rc = eg_error_set(err, EG_ERR_LIMIT, path, 0, 0,
					  "file is larger than %zu bytes", max_bytes);
			goto out;
		}
		hint = (size_t)st.st_size;
	}
	if ((rc = read_all(fd, path, hint, max_bytes, &data, err)) != 0)
		goto out;
	if ((rc = check_encoding(&data, path, err)) != 0)
		goto out;
	src = eg_xcalloc(1, sizeof(*src));
	src->path = eg_xstrdup(path);
	src->len = data.len;
	src->data = eg_sb_detach(&data);
	src->format = EG_FMT_UNKNOWN;
	*out = src;
out:
	close(fd);
	eg_sb_release(&data);
	return rc;
}

void eg_source_free(eg_source *src)
{
	if (!src)
		return;
	free(src->path);
	free(src->data);
	free(src);
}

void eg_source_line_col(const eg_source *src, size_t offset, int *line, int *col)
{
	const char *p = src->data, *stop, *nl;
	size_t lines = 1;

	if (offset > src->len)
		offset = src->len;
	stop = src->data + offset;
	while (p < stop && (nl = memchr(p, '\n', (size_t)(stop - p))) != NULL) {
		lines++;
		p = nl + 1;
	}
	if (line)
		*line = lines > INT_MAX ? INT_MAX : (int)lines;
	if (col)
		*col = (size_t)(stop - p) >= INT_MAX ? INT_MAX : (int)(stop - p) + 1;
}

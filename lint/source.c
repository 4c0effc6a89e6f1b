/* source.c - input files mapped (or read) whole into memory, and offsets
 * into them.
 *
 * Loading only checks what can be told without parsing: size, the encoding
 * the first bytes announce, and (for UTF-16, which is converted here) that the
 * code units pair up.  Whether UTF-8 text is valid is left to the parser that
 * reads it (eg_jsonpos_validate for JSON), which can say where the bad byte is.
 */
/* madvise(MADV_DONTNEED): glibc's posix_madvise ignores POSIX_MADV_DONTNEED */
#define _DEFAULT_SOURCE

#include "source.h"

#include "jsonpos.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
	case EG_FMT_AWS_ROUTE53_CHANGE:
		return "aws-cli-route53-change-batch";
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
 * ASCII text (RFC 4627 section 3), since JSON starts with an ASCII byte. */
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

/* Builds the error for a file that is not UTF-8 (damage NULL: refused
 * outright) or is UTF-16 damaged at line:col, naming the commands that re-save
 * it for this very path. */
static int fail_encoding(const char *path, encoding enc, bool bom, const char *damage,
			 int line, int col, eg_error *err)
{
	const char *name = encoding_names[enc];
	/* Windows PowerShell's '>' writes exactly UTF-16LE with a BOM. */
	bool powershell = enc == ENC_UTF16LE && bom;
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
	if (powershell)
		eg_sb_adds(&msg, " (saved by PowerShell '>')");
	else if (!bom)
		eg_sb_adds(&msg, " without a byte order mark");
	if (damage)
		eg_sb_addf(&msg, " but damaged: %s", damage);
	if (powershell) {
		eg_sb_adds(&msg, "; re-save it as UTF-8: in PowerShell use '... | Out-File -Encoding utf8 ");
		add_shell_word(&msg, path, "''");
		eg_sb_adds(&msg, "' or run: ");
	} else {
		eg_sb_adds(&msg, "; re-save it as UTF-8, for example run: ");
	}
	eg_sb_addf(&msg, "iconv -f %s -t UTF-8 ", name);
	add_shell_word(&msg, path, "'\\''");
	eg_sb_adds(&msg, " > ");
	add_shell_word(&msg, out.buf, "'\\''");
	rc = eg_error_set(err, EG_ERR_INPUT, path, line, col, "%s", msg.buf);
	eg_sb_release(&msg);
	eg_sb_release(&out);
	return rc;
}

/* The UTF-8 encoding of code point c (at most 4 bytes) into o, which may be
 * NULL to only measure it. */
static size_t put_utf8(char *o, uint32_t c)
{
	unsigned char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (unsigned char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | c >> 12);
		b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | c >> 18);
		b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
		b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		b[3] = (unsigned char)(0x80 | (c & 0x3F));
		n = 4;
	}
	if (o)
		memcpy(o, b, n);
	return n;
}

/* How far a UTF-16 decode got. */
typedef struct utf16_scan {
	size_t len;        /* UTF-8 bytes produced */
	size_t line;       /* 1-based line of the end of the output */
	size_t line_start; /* len where that line starts */
	char damage[64];   /* what is wrong at line:col, or "" */
} utf16_scan;

static uint32_t utf16_unit(const unsigned char *p, bool be)
{
	return be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

/* Decodes the UTF-16 in[0..n) (BOM skipped) as UTF-8 into out, or only
 * measures it when out is NULL.  Stops at the first damage or once past max
 * bytes, so a hostile file costs no more than the cap.  CR and LF pass
 * through unchanged, so lines stay the file's own. */
static void utf16_decode(const unsigned char *in, size_t n, bool be, size_t max, char *out,
			 utf16_scan *s)
{
	size_t i = 0;

	s->len = 0;
	s->line = 1;
	s->line_start = 0;
	s->damage[0] = '\0';
	while (n - i >= 2 && s->len <= max) {
		uint32_t c = utf16_unit(in + i, be), lo;

		if (c >= 0xDC00 && c <= 0xDFFF) {
			snprintf(s->damage, sizeof(s->damage), "unpaired low surrogate U+%04X",
				 (unsigned)c);
			return;
		}
		if (c >= 0xD800 && c <= 0xDBFF) {
			lo = n - i >= 4 ? utf16_unit(in + i + 2, be) : 0;
			if (lo < 0xDC00 || lo > 0xDFFF) {
				snprintf(s->damage, sizeof(s->damage),
					 "unpaired high surrogate U+%04X", (unsigned)c);
				return;
			}
			c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		i += 2;
		s->len += put_utf8(out ? out + s->len : NULL, c);
		if (c == '\n') {
			s->line++;
			s->line_start = s->len;
		}
	}
	if (s->len <= max && i < n)
		snprintf(s->damage, sizeof(s->damage),
			 "it ends in the middle of a character (odd number of bytes)");
}

static int clamp_int(size_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* The UTF-8 of the UTF-16 in[0..n) (BOM skipped) in a new eg_xmalloc'd buffer,
 * NUL-terminated: measured first, so nothing is allocated for a damaged or
 * oversized file. */
static int convert_utf16(const unsigned char *in, size_t n, encoding enc, bool bom,
			 const char *path, size_t max_bytes, char **out, size_t *out_len,
			 eg_error *err)
{
	bool be = enc == ENC_UTF16BE;
	utf16_scan s;
	char *utf8;

	utf16_decode(in, n, be, max_bytes, NULL, &s);
	if (s.damage[0])
		return fail_encoding(path, enc, bom, s.damage, clamp_int(s.line),
				     clamp_int(s.len - s.line_start + 1), err);
	if (s.len > max_bytes)
		return eg_error_set(err, EG_ERR_LIMIT, path, 0, 0,
				    "file is larger than %zu bytes once converted from %s to UTF-8",
				    max_bytes, encoding_names[enc]);
	utf8 = eg_xmalloc(s.len + 1);
	utf16_decode(in, n, be, s.len, utf8, &s);
	utf8[s.len] = '\0';
	*out = utf8;
	*out_len = s.len;
	return 0;
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

/* How the bytes d[0..len) become UTF-8 without a BOM, so offsets match what
 * editors show: *skip bytes of BOM to drop, or (UTF-16) *conv, a new
 * eg_xmalloc'd UTF-8 buffer of *conv_len bytes; UTF-32 is refused.  *name is the
 * encoding converted from, or NULL. */
static int decode_input(const unsigned char *d, size_t len, const char *path, size_t max_bytes,
			const char **name, size_t *skip, char **conv, size_t *conv_len,
			eg_error *err)
{
	bool bom;
	encoding enc = sniff_encoding(d, len, &bom);

	*name = NULL;
	*skip = 0;
	*conv = NULL;
	switch (enc) {
	case ENC_UTF8:
		return 0;
	case ENC_UTF8_BOM:
		*skip = 3;
		return 0;
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		*name = encoding_names[enc];
		*skip = bom ? 2 : 0;
		return convert_utf16(d + *skip, len - *skip, enc, bom, path, max_bytes, conv,
				     conv_len, err);
	default:
		return fail_encoding(path, enc, bom, NULL, 0, 0, err);
	}
}

/* Maps the regular file fd of size bytes read-only.  Only when the kernel's
 * zero fill past the end of the last page gives the trailing NUL for free:
 * a size that is a multiple of the page size (or 0) returns NULL, and the
 * caller reads the file instead. */
static void *map_file(int fd, size_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p;

	if (size == 0 || page <= 0 || size % (size_t)page == 0)
		return NULL;
	p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
#ifdef POSIX_MADV_SEQUENTIAL
	/* One pass from the start: read ahead generously. */
	posix_madvise(p, size, POSIX_MADV_SEQUENTIAL);
#endif
	return p;
}

static eg_source *new_source(const char *path, char *data, size_t len, const char *enc)
{
	eg_source *src = eg_xcalloc(1, sizeof(*src));

	src->lines = eg_xcalloc(1, sizeof(*src->lines));
	src->path = eg_xstrdup(path);
	src->data = data;
	src->len = len;
	src->format = EG_FMT_UNKNOWN;
	src->encoding = enc;
	return src;
}

/* What a failed allocation during a load gives back: the descriptor, and
 * the mapping until a source owns it. */
typedef struct load_hold {
	int fd;
	void *map;
	size_t len;
} load_hold;

static void release_load(void *arg)
{
	load_hold *h = arg;

	if (h->map)
		munmap(h->map, h->len);
	if (h->fd >= 0)
		close(h->fd);
}

static void release_map(void *arg)
{
	eg_source *src = arg;

	munmap(src->map, src->map_len);
}

int eg_source_load(eg_source **out, const char *path, size_t max_bytes, eg_error *err)
{
	load_hold h = { -1, NULL, 0 };
	eg_cleanup hold;
	eg_strbuf data = EG_STRBUF_INIT;
	const char *converted_from;
	char *conv = NULL;
	void *map = NULL;
	struct stat st;
	size_t hint = 0, skip, conv_len = 0;
	bool std_in = !strcmp(path, "-");
	int fd, rc;

	*out = NULL;
	if (std_in)
		path = EG_SOURCE_STDIN;
	fd = std_in ? STDIN_FILENO : eg_open_regular(path, err);
	if (fd < 0)
		return fd;
	h.fd = std_in ? -1 : fd;
	eg_cleanup_push(&hold, release_load, &h);
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
		if (!std_in)
			h.map = map = map_file(fd, hint);
		h.len = hint;
	}
	if (map) {
		const unsigned char *d = map;

		if ((rc = decode_input(d, hint, path, max_bytes, &converted_from, &skip, &conv,
				       &conv_len, err)) != 0)
			goto out;
		if (conv) {
			*out = new_source(path, conv, conv_len, converted_from);
			conv = NULL;
		} else {
			*out = new_source(path, (char *)map + skip, hint - skip, converted_from);
			(*out)->map = map;
			(*out)->map_len = hint;
			eg_cleanup_push(&(*out)->map_hold, release_map, *out);
			h.map = map = NULL;
		}
		goto out;
	}
	if ((rc = read_all(fd, path, hint, max_bytes, &data, err)) != 0)
		goto out;
	if ((rc = decode_input((const unsigned char *)data.buf, data.len, path, max_bytes,
			       &converted_from, &skip, &conv, &conv_len, err)) != 0)
		goto out;
	if (conv) {
		*out = new_source(path, conv, conv_len, converted_from);
		conv = NULL;
	} else {
		memmove(data.buf, data.buf + skip, data.len - skip + 1);
		data.len -= skip;
		*out = new_source(path, NULL, data.len, converted_from);
		(*out)->data = eg_sb_detach(&data);
	}
out:
	eg_cleanup_pop(&hold);
	if (map)
		munmap(map, hint);
	eg_free(conv);
	if (!std_in)
		close(fd);
	eg_sb_release(&data);
	return rc;
}

static void drop_pages(void *ctx, size_t upto)
{
	eg_source_done_with(ctx, 0, upto);
}

int eg_source_validate_json(eg_source *src, int max_depth, eg_error *err)
{
	int rc;

	eg_jsonpos_index_free(src->json_index);
	src->json_index = NULL;
	rc = eg_jsonpos_validate_index(src->data, src->len, src->path, max_depth,
				       &src->json_index, src->map ? drop_pages : NULL, src, err);
	eg_source_done_with(src, 0, src->len);
	return rc;
}

void eg_source_done_with(const eg_source *src, size_t start, size_t end)
{
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t base, from, to;

	if (!src || !src->map || page <= 0 || end <= start)
		return;
	base = (uintptr_t)src->map;
	from = (uintptr_t)src->data + start;
	to = (uintptr_t)src->data + (end < src->len ? end : src->len);
	/* whole pages only: a partial one may still be read */
	from = (from + (uintptr_t)page - 1) / (uintptr_t)page * (uintptr_t)page;
	to = to / (uintptr_t)page * (uintptr_t)page;
	if (from < base || to <= from)
		return;
	madvise((void *)from, to - from, MADV_DONTNEED);
}

void eg_source_free(eg_source *src)
{
	if (!src)
		return;
	if (src->lines)
		eg_free(src->lines->starts);
	eg_free(src->lines);
	eg_free(src->path);
	eg_jsonpos_index_free(src->json_index);
	if (src->map) {
		eg_cleanup_pop(&src->map_hold);
		munmap(src->map, src->map_len);
	}
	else
		eg_free(src->data);
	eg_free(src);
}

/* One pass, giving a mapped file's pages back behind it: a finding near
 * the end of a 100 MB plan must not bring the whole file back into memory
 * (a column is a byte count, so no byte is read twice). */
#define DONE_STEP ((size_t)4 << 20)

void eg_source_done_before(const eg_source *src, size_t *mark, size_t pos)
{
	if (pos >= *mark + DONE_STEP) {
		eg_source_done_with(src, *mark, pos);
		*mark = pos;
	}
}

static void build_line_index(const eg_source *src, eg_line_index *ix)
{
	size_t alloc = 0, at, mark = 0;

	ix->n = 0;
	EG_ALLOC_GROW(ix->starts, 1, alloc);
	ix->starts[ix->n++] = 0;
	/* memchr a step at a time: one call would touch the whole file first */
	for (at = 0; at < src->len; at += DONE_STEP) {
		const char *p = src->data + at, *nl;
		const char *end = src->data + (src->len - at > DONE_STEP ? at + DONE_STEP : src->len);
		while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			EG_ALLOC_GROW(ix->starts, ix->n + 1, alloc);
			ix->starts[ix->n++] = (size_t)(nl + 1 - src->data);
			p = nl + 1;
		}
		eg_source_done_before(src, &mark, (size_t)(end - src->data));
	}
	eg_source_done_with(src, mark, src->len);
}

void eg_source_line_col(const eg_source *src, size_t offset, int *line, int *col)
{
	size_t lo = 0, hi, start = 0, lines = 1;

	if (offset > src->len)
		offset = src->len;
	if (src->lines) {
		if (!src->lines->n)
			build_line_index(src, src->lines);
		/* the last line start at or before offset */
		for (hi = src->lines->n; hi - lo > 1;) {
			size_t mid = lo + (hi - lo) / 2;
			if (src->lines->starts[mid] <= offset)
				lo = mid;
			else
				hi = mid;
		}
		lines = lo + 1;
		start = src->lines->starts[lo];
	} else {
		const char *p = src->data, *stop = src->data + offset, *nl;
		while (p < stop && (nl = memchr(p, '\n', (size_t)(stop - p))) != NULL) {
			lines++;
			p = nl + 1;
		}
		start = (size_t)(p - src->data);
	}
	if (line)
		*line = lines > INT_MAX ? INT_MAX : (int)lines;
	if (col)
		*col = offset - start >= INT_MAX ? INT_MAX : (int)(offset - start) + 1;
}

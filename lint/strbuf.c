/* strbuf.c - the growable string builder. */
#include "strbuf.h"

#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char eg_sb_empty[1];

void eg_sb_init(eg_strbuf *sb)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = eg_sb_empty;
}

void eg_sb_release(eg_strbuf *sb)
{
	if (sb->alloc)
		eg_free(sb->buf);
	eg_sb_init(sb);
}

void eg_sb_grow(eg_strbuf *sb, size_t extra)
{
	bool fresh = sb->alloc == 0;

	if (extra >= ((size_t)-1) / 2 - sb->len)
		eg_xmalloc((size_t)-1); /* overflow: same path as exhaustion */
	if (fresh)
		sb->buf = NULL;
	EG_ALLOC_GROW(sb->buf, sb->len + extra + 1, sb->alloc);
	if (fresh)
		sb->buf[0] = '\0';
}

void eg_sb_add(eg_strbuf *sb, const char *data, size_t len)
{
	eg_sb_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void eg_sb_adds(eg_strbuf *sb, const char *s)
{
	eg_sb_add(sb, s, strlen(s));
}

void eg_sb_addc(eg_strbuf *sb, char c)
{
	eg_sb_add(sb, &c, 1);
}

void eg_sb_vaddf(eg_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= (sb->alloc ? sb->alloc - sb->len : 0)) {
		eg_sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void eg_sb_addf(eg_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	eg_sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void eg_sb_reset(eg_strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

char *eg_sb_detach(eg_strbuf *sb)
{
	char *r;

	if (!sb->alloc)
		return eg_xstrdup("");
	r = sb->buf;
	eg_sb_init(sb);
	return r;
}

void eg_sb_add_json_string(eg_strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	eg_sb_addc(sb, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"': eg_sb_adds(sb, "\\\""); break;
		case '\\': eg_sb_adds(sb, "\\\\"); break;
		case '\n': eg_sb_adds(sb, "\\n"); break;
		case '\r': eg_sb_adds(sb, "\\r"); break;
		case '\t': eg_sb_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20)
				eg_sb_addf(sb, "\\u%04x", *p);
			else
				eg_sb_addc(sb, (char)*p);
		}
	}
	eg_sb_addc(sb, '"');
}

size_t eg_utf8_seq(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	cp = s[0] & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

void eg_sb_add_utf8(eg_strbuf *sb, const char *s)
{
	while (s && *s) {
		size_t n = eg_utf8_seq(s);
		if (n) {
			eg_sb_add(sb, s, n);
			s += n;
		} else {
			eg_sb_adds(sb, EG_UTF8_REPLACEMENT);
			s++;
		}
	}
}

void eg_sb_add_visible(eg_strbuf *sb, const char *s, bool keep_newline)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p && *p; p++) {
		const unsigned char *run = p;
		size_t n;

		/* printable ASCII goes as it is, a run at a time */
		while (*p >= 0x20 && *p < 0x7F)
			p++;
		if (p > run)
			eg_sb_add(sb, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		n = eg_utf8_seq((const char *)p);

		if (n > 1 && !(*p == 0xC2 && p[1] <= 0x9F)) {
			eg_sb_add(sb, (const char *)p, n);
			p += n - 1;
			continue;
		}
		if (keep_newline && *p == '\r' && p[1] == '\n')
			continue; /* the LF comes next */
		if (keep_newline && *p == '\n')
			eg_sb_addc(sb, '\n');
		else if (*p == '\n')
			eg_sb_adds(sb, "\\n");
		else if (*p == '\r')
			eg_sb_adds(sb, "\\r");
		else if (*p == '\t')
			eg_sb_adds(sb, "\\t");
		else if (*p < 0x20 || *p == 0x7F)
			eg_sb_addf(sb, "\\x%02x", *p);
		else if (n == 2) /* U+0080..U+009F */
			eg_sb_addf(sb, "\\u%04x", *++p);
		else if (*p >= 0x80 && *p <= 0x9F) /* a C1 byte outside UTF-8 */
			eg_sb_addf(sb, "\\x%02x", *p);
		else
			eg_sb_addc(sb, (char)*p);
	}
}

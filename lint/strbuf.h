/* strbuf.h - the one growable string builder (after git's strbuf).
 *
 * Invariants: buf is never NULL and always NUL-terminated; len < alloc unless
 * alloc == 0, in which case buf points at a shared empty string.  A strbuf
 * owns its buffer; eg_sb_detach hands it to the caller.
 */
#ifndef EG_STRBUF_H
#define EG_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct eg_strbuf {
	size_t alloc;
	size_t len;
	char *buf;
} eg_strbuf;

extern char eg_sb_empty[];
#define EG_STRBUF_INIT { 0, 0, eg_sb_empty }

void eg_sb_init(eg_strbuf *sb);
void eg_sb_release(eg_strbuf *sb);
void eg_sb_grow(eg_strbuf *sb, size_t extra);
void eg_sb_add(eg_strbuf *sb, const char *data, size_t len);
void eg_sb_adds(eg_strbuf *sb, const char *s);
void eg_sb_addc(eg_strbuf *sb, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void eg_sb_addf(eg_strbuf *sb, const char *fmt, ...);
void eg_sb_vaddf(eg_strbuf *sb, const char *fmt, va_list ap);
void eg_sb_reset(eg_strbuf *sb);
/* Returns the buffer (the caller eg_frees it) and leaves sb empty. Never NULL. */
char *eg_sb_detach(eg_strbuf *sb);

/* Appends s as a JSON string literal, quotes included. */
void eg_sb_add_json_string(eg_strbuf *sb, const char *s);

#define EG_UTF8_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
/* Length of the valid UTF-8 sequence at s (no overlongs or surrogates), or
 * 0 when s does not start one. */
size_t eg_utf8_seq(const char *s);
/* Appends s with every byte that is not valid UTF-8 replaced by U+FFFD:
 * file names need not be UTF-8, but JSON and XML must be. */
void eg_sb_add_utf8(eg_strbuf *sb, const char *s);

/* Appends s (NULL: nothing) with every control character made visible, so
 * input text cannot start a line, move the cursor or colour a terminal:
 * C0 and DEL as \n, \r, \t or \xHH, C1 (U+0080..U+009F, or such a byte
 * outside UTF-8) as \u00HH or \xHH.  keep_newline keeps LF (and CRLF, as
 * LF) for text whose line breaks the caller handles. */
void eg_sb_add_visible(eg_strbuf *sb, const char *s, bool keep_newline);

#endif

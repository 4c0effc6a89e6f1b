/* common.c - allocation wrappers and error values. */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *die_oom(size_t n)
{
	fprintf(stderr, "edgegate: out of memory allocating %zu bytes\n", n);
	abort();
}

void *eg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : die_oom(n);
}

void *eg_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	return p ? p : die_oom(nmemb * size);
}

void *eg_xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);
	return p ? p : die_oom(n);
}

char *eg_xstrndup(const char *s, size_t n)
{
	char *p = eg_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *eg_xstrdup(const char *s)
{
	return eg_xstrndup(s, strlen(s));
}

int eg_error_set(eg_error *err, eg_status code, const char *file, int line,
		 int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

bool eg_glob_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '*') {
			star = p++;
			resume = s;
		} else if (*p == '?' || *p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

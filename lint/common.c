/* common.c - allocation wrappers and error values. */
#include "common.h"

#include <ctype.h>

#include <dirent.h>
#include <errno.h>

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

bool eg_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int eg_dir_list(const char *dir, char ***names, size_t *n, eg_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t alloc = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return eg_error_set(err, EG_ERR_IO, dir, 0, 0, "cannot read directory: %s",
				    strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		EG_ALLOC_GROW(*names, *n + 1, alloc);
		(*names)[(*n)++] = eg_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_name);
	return 0;
}

void eg_dir_list_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

char *eg_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	bool slash = a && dir[a - 1] == '/';
	char *p = eg_xmalloc(a + b + 2);

	memcpy(p, dir, a);
	if (!slash)
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

char *eg_path_normalize(const char *path)
{
	size_t n = strlen(path), len = 0, i = 0;
	bool absolute = path[0] == '/';
	/* Output never grows: each component is copied at most once. */
	char *out = eg_xmalloc(n + 2);
	size_t kept = 0; /* components in out that are not ".." */

	if (absolute)
		out[len++] = '/';
	while (i < n) {
		size_t start, clen;

		while (i < n && path[i] == '/')
			i++;
		start = i;
		while (i < n && path[i] != '/')
			i++;
		clen = i - start;
		if (!clen || (clen == 1 && path[start] == '.'))
			continue;
		if (clen == 2 && path[start] == '.' && path[start + 1] == '.') {
			if (kept) {
				/* Drop the last component and its separator. */
				while (len > (absolute ? 1 : 0) && out[len - 1] != '/')
					len--;
				if (len > (absolute ? 1 : 0))
					len--;
				kept--;
				continue;
			}
			if (absolute)
				continue; /* the root's parent is the root */
		} else
			kept++;
		if (len > (absolute ? 1 : 0))
			out[len++] = '/';
		memcpy(out + len, path + start, clen);
		len += clen;
	}
	if (!len)
		out[len++] = '.';
	out[len] = '\0';
	return out;
}

/* Levenshtein distance, one row at a time; capped lengths keep it cheap. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[129];

	if (la > 128 || lb > 128)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			size_t best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *eg_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t i, best = (size_t)-1, limit = strlen(word) / 3;
	const char *pick = NULL;

	if (limit < 2)
		limit = 2;
	for (i = 0; i < n; i++) {
		size_t d;
		if (!cands[i])
			continue;
		d = edit_distance(word, cands[i]);
		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return best <= limit ? pick : NULL;
}

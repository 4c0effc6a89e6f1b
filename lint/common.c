/* common.c - allocation wrappers, error values and glob matching. */
#define _GNU_SOURCE /* memmem */
#include "common.h"

#include <ctype.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* --- glob matching ----------------------------------------------------------
 *
 * The pattern is split on '*' into segments of fixed length ('?' matches any
 * one byte).  The first segment must be a prefix of s and the last a suffix;
 * each middle segment is then placed at its leftmost occurrence after the
 * previous one, which is always right, since a segment has a fixed length
 * and an earlier placement leaves the most room to the rest.  A segment
 * without '?' is found with memmem (glibc: Two-Way, linear), so the whole
 * match costs O(len(pattern) + len(s)) whatever the number of stars: the
 * backtracking matcher this replaces took 42 s for '*' and 20,000 literal
 * bytes against a 2 MB alias.  A segment with '?' is found through its
 * longest run without '?' and checked at each hit, O(hits * segment) at
 * worst, which only a pattern that is mostly '?' can make large. */

/* Whether the k bytes at s match segment p[0..k) ('?' is any byte). */
static bool seg_at(const char *p, const char *s, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (p[i] != '?' && p[i] != s[i])
			return false;
	return true;
}

/* The leftmost place in s[0..n) where segment p[0..k) matches, or NULL. */
static const char *seg_find(const char *s, size_t n, const char *p, size_t k)
{
	size_t a = 0, len = 0, i, run, from = 0;

	if (k > n)
		return NULL;
	/* the longest run without '?': the part memmem can look for */
	for (i = 0; i < k; i += run ? run : 1) {
		for (run = 0; i + run < k && p[i + run] != '?'; run++)
			;
		if (run > len) {
			a = i;
			len = run;
		}
	}
	if (!len)
		return s; /* only '?': any k bytes */
	/* starts from..n-k put the run at a+from..n-k+a, ending by n-k+a+len */
	while (from <= n - k) {
		const char *hit = memmem(s + a + from, n - k + len - from, p + a, len);
		size_t start;

		if (!hit)
			return NULL;
		start = (size_t)(hit - s) - a;
		if (seg_at(p, s + start, k))
			return s + start;
		from = start + 1;
	}
	return NULL;
}

bool eg_glob_match(const char *p, const char *s)
{
	size_t n = strlen(s), k = strcspn(p, "*"), last_len;
	const char *end = s + n, *last;

	if (!p[k]) /* no star */
		return k == n && seg_at(p, s, k);
	if (k > n || !seg_at(p, s, k))
		return false;
	s += k;
	p += k;
	last = strrchr(p, '*') + 1;
	last_len = strlen(last);
	if (last_len > (size_t)(end - s) || !seg_at(last, end - last_len, last_len))
		return false;
	end -= last_len;
	for (;;) {
		const char *hit;

		while (*p == '*')
			p++;
		if (p >= last)
			return true;
		k = strcspn(p, "*");
		if (!(hit = seg_find(s, (size_t)(end - s), p, k)))
			return false;
		s = hit + k;
		p += k;
	}
}

int eg_open_regular(const char *path, eg_error *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return EG_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		eg_error_set(err, EG_ERR_IO, path, 0, 0, "%s",
			     S_ISDIR(st.st_mode) ? "is a directory"
						 : "not a regular file (to read a pipe, name `-` "
						   "and give it on stdin)");
		close(fd);
		return EG_ERR_IO;
	}
	return fd;
}

/* The first occurrence of needle in s, ignoring ASCII case, or NULL. */
static const char *find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncasecmp(s, needle, n))
			return s;
	return NULL;
}

bool eg_cloudfront_like_type(const char *type)
{
	const char *cf = type ? find_ci(type, "cloudfront") : NULL;

	return cf && find_ci(cf, "distribution");
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

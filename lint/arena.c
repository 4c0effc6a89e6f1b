/* arena.c - bump allocator. */
#include "arena.h"

#include "common.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct eg_arena_block {
	eg_arena_block *next;
	size_t size;
	size_t used;
	bool zeroed; /* came zeroed: allocations skip the memset */
	max_align_t data[];
};

#define BLOCK_MIN ((size_t)64 * 1024)
#define BLOCK_MAX ((size_t)1024 * 1024)
#define BLOCK_ZEROED ((size_t)256 * 1024)

void eg_arena_init(eg_arena *a)
{
	a->head = NULL;
}

void eg_arena_release(eg_arena *a)
{
	eg_arena_block *b = a->head;

	while (b) {
		eg_arena_block *next = b->next;
		eg_free(b);
		b = next;
	}
	eg_arena_init(a);
}

void eg_arena_reset(eg_arena *a)
{
	eg_arena_block *b = a->head;

	if (!b)
		return;
	while (b->next) {
		eg_arena_block *next = b->next->next;
		eg_free(b->next);
		b->next = next;
	}
	if (b->zeroed)
		memset(b->data, 0, b->used); /* its allocations rely on it */
	b->used = 0;
}

/* n zeroed bytes aligned to align (a power of two). */
static void *alloc_aligned(eg_arena *a, size_t n, size_t align)
{
	eg_arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	void *p;

	if (n == 0)
		n = 1;
	if (!b || at > b->size || b->size - at < n) {
		/* doubling to 1 MB: a model of thousands of distributions takes
		 * hundreds of blocks, not thousands */
		size_t size = !b ? BLOCK_MIN : b->size < BLOCK_MAX ? b->size * 2 : BLOCK_MAX;
		if (size < n)
			size = n;
		/* A big block is mapped fresh, zeroed by the kernel: calloc
		 * then costs no pass over it and, since a block is never handed
		 * out twice, its allocations need no memset.  A small one comes
		 * from the heap, where calloc would clear all of it. */
		if (size >= BLOCK_ZEROED) {
			b = eg_xcalloc(1, sizeof(*b) + size);
			b->zeroed = true;
		} else {
			b = eg_xmalloc(sizeof(*b) + size);
			b->zeroed = false;
			b->used = 0;
		}
		b->size = size;
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	p = (char *)b->data + at;
	b->used = at + n;
	if (!b->zeroed)
		memset(p, 0, n);
	return p;
}

void *eg_arena_alloc(eg_arena *a, size_t n)
{
	return alloc_aligned(a, n, sizeof(max_align_t));
}

/* Strings need no alignment: packed, a model's millions of short ones
 * take a tenth less memory. */
char *eg_arena_chars(eg_arena *a, size_t n)
{
	return alloc_aligned(a, n, 1);
}

char *eg_arena_strndup(eg_arena *a, const char *s, size_t n)
{
	char *p = eg_arena_chars(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *eg_arena_strdup(eg_arena *a, const char *s)
{
	return s ? eg_arena_strndup(a, s, strlen(s)) : NULL;
}

char *eg_arena_printf(eg_arena *a, const char *fmt, ...)
{
	eg_strbuf sb = EG_STRBUF_INIT;
	va_list ap;
	char *r;

	va_start(ap, fmt);
	eg_sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	r = eg_arena_strndup(a, sb.buf, sb.len);
	eg_sb_release(&sb);
	return r;
}

void *eg_arena_grow(eg_arena *a, void *p, size_t *alloc, size_t nr, size_t sz)
{
	size_t want;
	void *q;

	if (nr <= *alloc)
		return p;
	want = EG_ALLOC_NR(*alloc);
	if (want < nr)
		want = nr;
	q = eg_arena_alloc(a, want * sz);
	if (p && *alloc)
		memcpy(q, p, *alloc * sz);
	*alloc = want;
	return q;
}

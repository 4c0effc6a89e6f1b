/* arena.h - bump allocator that owns everything a lint run builds.
 *
 * The model, the loaded rules and the findings each live in one arena and
 * are freed at once with eg_arena_release, so no node needs its own free.
 * Pointers returned stay valid until eg_arena_release.  Allocation never
 * fails (see common.h).
 */
#ifndef EG_ARENA_H
#define EG_ARENA_H

#include <stddef.h>

typedef struct eg_arena_block eg_arena_block;

typedef struct eg_arena {
	eg_arena_block *head;
} eg_arena;

#define EG_ARENA_INIT { NULL }

void eg_arena_init(eg_arena *a);
void eg_arena_release(eg_arena *a);
/* Frees every allocation but keeps the newest (largest) block for the
 * next ones: for a scratch arena emptied once per item. */
void eg_arena_reset(eg_arena *a);
/* Zeroed memory, aligned for any type. */
void *eg_arena_alloc(eg_arena *a, size_t n);
/* Zeroed bytes with no alignment, for strings. */
char *eg_arena_chars(eg_arena *a, size_t n);
char *eg_arena_strdup(eg_arena *a, const char *s); /* NULL stays NULL */
char *eg_arena_strndup(eg_arena *a, const char *s, size_t n);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
char *eg_arena_printf(eg_arena *a, const char *fmt, ...);

/* Grow an arena-owned array of element size sz to hold nr elements; the old
 * storage is abandoned to the arena. */
void *eg_arena_grow(eg_arena *a, void *p, size_t *alloc, size_t nr, size_t sz);
#define EG_ARENA_GROW(a, p, nr, alloc) \
	((p) = eg_arena_grow((a), (p), &(alloc), (nr), sizeof(*(p))))

#endif

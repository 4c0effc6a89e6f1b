/* common.h - allocation, array growth and error values shared by every module.
 *
 * Contract:
 *   - eg_xmalloc/eg_xcalloc/eg_xrealloc/eg_xstrdup never return NULL, and
 *     what they return is freed with eg_free, never free().  Inside an
 *     eg_mem_guard, exhaustion gives back everything allocated since the
 *     guard was entered and returns to it (below), so a run that cannot
 *     allocate is an error value, not an abort, and no call site checks
 *     for NULL.  Outside any guard it prints one line and aborts, like
 *     git's xmalloc (unit tests, tools).
 *   - EG_ALLOC_GROW(p, nr, alloc) makes room for nr elements in p, growing by
 *     half again; p and alloc are updated in place.
 *   - Errors are values: functions return 0 or a negative eg_status and fill a
 *     caller-supplied eg_error.  Nothing here exits.
 */
#ifndef EG_COMMON_H
#define EG_COMMON_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#define EG_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *eg_xmalloc(size_t n);
void *eg_xcalloc(size_t nmemb, size_t size);
void *eg_xrealloc(void *p, size_t n);
char *eg_xstrdup(const char *s);
char *eg_xstrndup(const char *s, size_t n);
void eg_free(void *p);

/* Running out of memory, as Lua's luaD_throw does it but without a
 * collector: every block above carries two links and sits in the list of
 * the innermost guard entered.  When an allocation fails inside a guard,
 * the guard's cleanups run (newest first), every block still in its list
 * is freed, and setjmp on its jump returns 1.  So whoever enters a guard
 * owns everything allocated under it that is still live when it leaves,
 * and on leaving hands that to the guard outside (or to nobody).
 *
 *	eg_mem_guard g;
 *	eg_mem_guard_enter(&g);
 *	if (setjmp(g.jump))
 *		return error: nothing of the work below is left, g is left;
 *	rc = work();
 *	eg_mem_guard_leave(&g);
 *
 * Read nothing from g after the jump but through eg_mem_failed_size():
 * locals changed between setjmp and longjmp are indeterminate.  A
 * resource a failed allocation could strand (a libyaml parser, a file, a
 * mapping, a compiled regex) is registered with eg_cleanup_push while held
 * and dropped with eg_cleanup_pop, in any order; the node must live as
 * long as the registration (a local of the holder, or a field of a block
 * that is freed after the pop). */
typedef struct eg_mem_link {
	struct eg_mem_link *prev, *next;
} eg_mem_link;

typedef struct eg_cleanup {
	void (*fn)(void *arg);
	void *arg;
	struct eg_cleanup *prev, *next; /* NULL: not registered */
} eg_cleanup;

typedef struct eg_mem_guard {
	jmp_buf jump;
	eg_mem_link blocks;   /* allocated under this guard and still live */
	eg_cleanup cleanups;  /* list head */
	struct eg_mem_guard *outer;
} eg_mem_guard;

void eg_mem_guard_enter(eg_mem_guard *g);
void eg_mem_guard_leave(eg_mem_guard *g);
void eg_cleanup_push(eg_cleanup *c, void (*fn)(void *arg), void *arg);
void eg_cleanup_pop(eg_cleanup *c);
/* A cleanup for a FILE *: fclose. */
void eg_cleanup_fclose(void *f);
/* The size of the allocation that failed last in this thread (0: none). */
size_t eg_mem_failed_size(void);
/* An allocation that may fail: NULL when it does (counted, and the nth
 * failure below applies), without jumping; for jansson's allocator. */
void *eg_mem_try_alloc(size_t n);
/* Jumps to the innermost guard as a failed allocation of n bytes would;
 * returns only when no guard is entered. */
void eg_mem_fail(size_t n);

/* Test aids (the allocation-failure sweep): the nth allocation from now
 * fails, 1 being the next (0: none); whether that one is still to come;
 * how many blocks are live in this thread. */
void eg_mem_fail_nth(size_t nth);
bool eg_mem_fail_pending(void);
size_t eg_mem_live_blocks(void);

#define EG_ALLOC_NR(x) (((x) + 16) * 3 / 2)
#define EG_ALLOC_GROW(p, nr, alloc)                                           \
	do {                                                                  \
		if ((size_t)(nr) > (alloc)) {                                 \
			size_t eg_grow_ = EG_ALLOC_NR(alloc);                 \
			if (eg_grow_ < (size_t)(nr))                          \
				eg_grow_ = (size_t)(nr);                      \
			(p) = eg_xrealloc((p), eg_grow_ * sizeof(*(p)));      \
			(alloc) = eg_grow_;                                   \
		}                                                             \
	} while (0)

/* Status codes.  0 is success; every error is negative. */
typedef enum eg_status {
	EG_OK = 0,
	EG_ERR_USAGE = -1,  /* bad command line */
	EG_ERR_IO = -2,     /* file cannot be read */
	EG_ERR_INPUT = -3,  /* input file malformed or unsupported */
	EG_ERR_RULE = -4,   /* rule file malformed */
	EG_ERR_CONFIG = -5, /* config file malformed */
	EG_ERR_LIMIT = -6,  /* a size, depth or expansion cap was hit */
} eg_status;

/* Where an error happened and what it was.  file may be NULL (usage errors);
 * line and col are 1-based and 0 when not known. */
typedef struct eg_error {
	eg_status code;
	char file[512];
	int line;
	int col;
	char message[1024];
} eg_error;

#define EG_ERROR_INIT { EG_OK, "", 0, 0, "" }

/* Fill err and return its code, so a failing path reads
 *   return eg_error_set(err, EG_ERR_INPUT, file, line, col, "...", ...); */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
int eg_error_set(eg_error *err, eg_status code, const char *file, int line,
		 int col, const char *fmt, ...);

/* Caps against hostile input; they can be lowered in tests. */
#define EG_MAX_INPUT_BYTES ((size_t)1 << 30) /* 1 GiB per input file */
#define EG_MAX_DEPTH 512                     /* JSON/YAML nesting */
#define EG_MAX_YAML_NODES 2000000            /* nodes after alias expansion */
#define EG_MAX_TOTAL_INPUT_BYTES ((size_t)2 << 30) /* 2 GiB: all inputs of a run */
#define EG_MAX_CFN_STRING ((size_t)1 << 20)  /* one string a CloudFormation Fn::Join or
						Fn::Sub builds: 1 MiB */
#define EG_MAX_CFN_TEXT_TOTAL ((size_t)64 << 20) /* all such strings of one template */
#define EG_MAX_CFN_WORK ((size_t)4000000)    /* nodes resolved in one template */
#define EG_MAX_ALIASES 100                   /* CloudFront's quota per distribution */


/* Whether a resource type names a CloudFront distribution: `cloudfront`
 * and, after it, `distribution`, in any case (aws_cloudfront_distribution,
 * awscc_cloudfront_distribution, AWS::CloudFront::Distribution,
 * aws-native:cloudfront:Distribution).  Each reader refuses the ones it
 * does not read, so no distribution goes unchecked without a word. */
bool eg_cloudfront_like_type(const char *type);

/* Whether s ends with suffix. */
bool eg_has_suffix(const char *s, const char *suffix);

/* The entries of dir in name order, without hidden ones ("."-prefixed).
 * *names is eg_xmalloc'd (free with eg_dir_list_free); fails with EG_ERR_IO. */
int eg_dir_list(const char *dir, char ***names, size_t *n, eg_error *err);
void eg_dir_list_free(char **names, size_t n);
/* Opens path for reading (O_NONBLOCK, so a FIFO without a writer cannot
 * hang the run) and returns the descriptor (the caller closes it), or fails
 * with EG_ERR_IO when it cannot be opened or is not a regular file: a FIFO,
 * device or socket named as a file may block for ever or never end. */
int eg_open_regular(const char *path, eg_error *err);
/* dir + "/" + name, eg_xmalloc'd. */
char *eg_path_join(const char *dir, const char *name);
/* path with "." components, "dir/.." pairs and repeated slashes removed,
 * without touching the filesystem (so symbolic links are not resolved and
 * the result does not depend on the machine): "build/../rules//a.yml" is
 * "rules/a.yml", "../x" stays, "/.." is "/", "" and "a/.." are ".".
 * eg_xmalloc'd. */
char *eg_path_normalize(const char *path);

/* Glob match with '*' (any run of characters) and '?' (one character) only,
 * so '[' in addresses such as module.cdn["eu"] is literal; there is no
 * escape.  Case-sensitive; "characters" are bytes.  The one matcher for
 * rules, config, --env, waivers and CloudFront path patterns: it costs
 * O(len(pattern) + len(s)) for patterns without '?' however many stars
 * (a hostile alias cannot make it slow), see common.c. */
bool eg_glob_match(const char *pattern, const char *s);

/* snprintf's "%zu" and "%g" without its cost, for numbers formatted per
 * field of every object: v in decimal into buf (at least 21 bytes),
 * returning its length; "%g" of v into buf[0..n). */
size_t eg_fmt_size(char *buf, size_t v);
void eg_fmt_g(char *buf, size_t n, double v);

/* For "did you mean": the candidate closest to word by edit distance
 * (case-insensitive), or NULL when none is close (more than a third of
 * the word, and at least two edits, away).  NULL candidates are skipped. */
const char *eg_suggest(const char *word, const char *const *cands, size_t n);
#endif

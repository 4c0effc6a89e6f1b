/* jsonmem.c - jansson's allocator, watched for failures (see jsonmem.h). */
#include "jsonmem.h"

#include "common.h"

#include <jansson.h>

static _Thread_local size_t failures;
static _Thread_local size_t fail_countdown; /* test aid; 0: off */

static void *watch_malloc(size_t n)
{
	void *p;

	if (fail_countdown && --fail_countdown == 0)
		p = NULL;
	else
		p = eg_mem_try_alloc(n);
	if (!p) {
		failures++;
		eg_mem_fail(n); /* in a guard, jansson never sees the NULL */
	}
	return p;
}

void eg_jsonmem_install(void)
{
	json_set_alloc_funcs(watch_malloc, eg_free);
}

void eg_jsonmem_free(void *p)
{
	json_free_t free_fn;

	json_get_alloc_funcs(NULL, &free_fn);
	free_fn(p);
}

size_t eg_jsonmem_failures(void)
{
	return failures;
}

void eg_jsonmem_fail_nth(size_t nth)
{
	fail_countdown = nth;
}

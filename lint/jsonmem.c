/* jsonmem.c - jansson's allocator, watched for failures (see jsonmem.h). */
#include "jsonmem.h"

#include <jansson.h>
#include <stdlib.h>

static _Thread_local size_t failures;
static _Thread_local size_t fail_countdown; /* test aid; 0: off */

static void *watch_malloc(size_t n)
{
	void *p;

	if (fail_countdown && --fail_countdown == 0)
		p = NULL;
	else
		p = malloc(n);
	if (!p)
		failures++;
	return p;
}

void eg_jsonmem_install(void)
{
	json_set_alloc_funcs(watch_malloc, free);
}

size_t eg_jsonmem_failures(void)
{
	return failures;
}

void eg_jsonmem_fail_nth(size_t nth)
{
	fail_countdown = nth;
}

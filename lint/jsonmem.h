/* jsonmem.h - jansson's allocator, watched for failures.
 *
 * jansson 2.14 does not always stop when an allocation fails: lex_save
 * ignores a failed strbuffer_append_byte, so a byte is silently dropped
 * from a string or number and json_loadb still returns a document (a key
 * or an alias one letter short).  Reporters building JSON lose members the
 * same way (json_object_set_new on a NULL value).  So jansson allocates
 * through common.h's blocks: inside an eg_mem_guard (a run) a failed
 * allocation never returns to jansson, the run ends with an error; outside
 * one, edgegate counts every allocation jansson could not get.  (No input
 * is parsed by jansson any more: JSON inputs are read by jsonpos and
 * jsontree; jansson builds the JSON edgegate writes.)
 *
 * jansson's allocator is process-wide and has no context argument, hence
 * the one counter here (thread-local); callers compare it before and after.
 */
#ifndef EG_JSONMEM_H
#define EG_JSONMEM_H

#include <stddef.h>

/* Installs the watching allocator (json_set_alloc_funcs); idempotent. */
void eg_jsonmem_install(void);

/* Frees what jansson returned (json_dumps) with its current allocator. */
void eg_jsonmem_free(void *p);

/* How many jansson allocations have failed in this thread so far. */
size_t eg_jsonmem_failures(void);

/* Test aid (allocation-failure tests): the nth jansson allocation from now
 * fails (1 is the next one); 0 turns it off. */
void eg_jsonmem_fail_nth(size_t nth);

#endif

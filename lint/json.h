/* json.h - what every JSON writer shares: strings that jansson accepts.
 *
 * jansson refuses a string that is not UTF-8 and the member it was meant
 * for silently goes missing; file names and resource names from inputs are
 * not always UTF-8.  eg_json_str repairs them (U+FFFD) first.  The caller
 * owns the returned reference, as with any json_string.
 */
#ifndef EG_JSON_H
#define EG_JSON_H

#include "common.h"

#include <jansson.h>

/* A JSON string of s, bytes that are not UTF-8 replaced; NULL gives "". */
json_t *eg_json_str(const char *s);

/* Writes root to path (indented, in insertion order, ASCII), whole or
 * not at all as far as the exit code goes: EG_ERR_IO naming path and what
 * ("the baseline") when it cannot be opened, written or closed.  Unlike
 * json_dump_file, the file is closed when a run runs out of memory. */
int eg_json_write_file(json_t *root, const char *path, const char *what, eg_error *err);

#endif

/* json.h - what every JSON writer shares: strings that jansson accepts.
 *
 * jansson refuses a string that is not UTF-8 and the member it was meant
 * for silently goes missing; file names and resource names from inputs are
 * not always UTF-8.  eg_json_str repairs them (U+FFFD) first.  The caller
 * owns the returned reference, as with any json_string.
 */
#ifndef EG_JSON_H
#define EG_JSON_H

#include <jansson.h>

/* A JSON string of s, bytes that are not UTF-8 replaced; NULL gives "". */
json_t *eg_json_str(const char *s);

#endif

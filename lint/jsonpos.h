/* jsonpos.h - positions in raw JSON text, without building a tree.
 *
 * jansson keeps no positions and building its tree of a 100 MB plan costs
 * seconds and gigabytes, so ingest works on the raw buffer: validate it once,
 * walk to the pieces that matter and hand only those to jansson; reporters
 * turn a JSON Pointer back into a byte offset (and so a line:col).
 *
 * All functions borrow buf; spans are byte offsets into it.  Functions other
 * than eg_jsonpos_validate assume buf has been validated.
 */
#ifndef EG_JSONPOS_H
#define EG_JSONPOS_H

#include "common.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct eg_json_span {
	size_t start; /* first byte of the value (or key, including its quote) */
	size_t end;   /* one past the last byte */
} eg_json_span;

/* Checks that buf[0..len) is exactly one JSON value (RFC 8259) surrounded by
 * optional whitespace: strict grammar, valid escapes, no raw control
 * characters in strings, valid UTF-8, nesting at most max_depth.  On failure
 * returns EG_ERR_INPUT (EG_ERR_LIMIT for depth) with file:line:col of the
 * offending byte and a message such as "expected ',' or '}' after object
 * member" or "unexpected end of file inside string". */
int eg_jsonpos_validate(const char *buf, size_t len, const char *file,
			int max_depth, eg_error *err);

/* The same check, also recording where each object and array of the top
 * few levels (the document, its sections, their elements, their members,
 * and two levels more, which hold a plan's change.before and its blocks:
 * depth 6) ends, so that the walkers below, when handed the index,
 * jump over them instead of scanning them again.  On success *ix is a new
 * index of buf (NULL when ix is NULL), owned by the caller (for an input
 * file, its eg_source: source.h): free it with eg_jsonpos_index_free before
 * buf goes away.  Nothing keeps it anywhere else: a walker uses it only
 * when its caller passes it.  Memory: 16 bytes per recorded container,
 * capped. */
typedef struct eg_jsonpos_index eg_jsonpos_index;
/* done, when not NULL, is told every few megabytes that the bytes before
 * upto will not be read again by the validation (so a mapped file's pages
 * can go). */
typedef void eg_jsonpos_done_fn(void *ctx, size_t upto);
int eg_jsonpos_validate_index(const char *buf, size_t len, const char *file, int max_depth,
			      eg_jsonpos_index **ix, eg_jsonpos_done_fn *done, void *ctx,
			      eg_error *err);
void eg_jsonpos_index_free(eg_jsonpos_index *ix); /* NULL is fine */

/* The walkers (find, find_at, the iterator) take ix: NULL, or the index
 * eg_jsonpos_validate_index made of this very buf.  It changes only how
 * fast they are, never what they find: with NULL (or an index of another
 * buffer) they scan the bytes of every container they step over.  They
 * only read it, so one index can serve any number of walks. */

/* Span of the value at RFC 6901 pointer ("" is the whole document; "~0" and
 * "~1" are unescaped; array indexes are decimal).  Returns false when the
 * pointer names nothing. */
bool eg_jsonpos_find(const char *buf, size_t len, const eg_jsonpos_index *ix,
		     const char *pointer, eg_json_span *out);
/* The same, relative to the value that starts at offset start: the cost is
 * that value's size, not the document's. */
bool eg_jsonpos_find_at(const char *buf, size_t len, const eg_jsonpos_index *ix, size_t start,
			const char *pointer, eg_json_span *out);

/* Iterates the members of an object or the elements of an array whose
 * value spans [span.start, span.end). */
typedef struct eg_json_iter {
	const char *buf;
	const eg_jsonpos_index *ix; /* borrowed; NULL: no index */
	size_t pos, end;
	bool is_object;
	size_t index; /* of the next element/member */
} eg_json_iter;

/* Returns false when span is not an object or array.  The iterator keeps ix
 * (borrowed: it must outlive the iteration) to step over values. */
bool eg_jsonpos_iter_init(eg_json_iter *it, const char *buf, eg_json_span span,
			  const eg_jsonpos_index *ix);
/* Next member: key gets the key's span (quotes included; unset for arrays),
 * value the value's span.  Returns false at the end. */
bool eg_jsonpos_iter_next(eg_json_iter *it, eg_json_span *key, eg_json_span *value);

/* Whether the key span (with quotes) equals the plain string s; handles
 * escapes in the key. */
bool eg_jsonpos_key_is(const char *buf, eg_json_span key, const char *s);

/* Of the member names keys[0..n) (spans with their quotes, in text
 * order), the first that names what an earlier one names (escapes
 * decoded): its index, with the earlier one's in *first; n when all
 * differ.  Objects that name a key twice are refused everywhere edgegate
 * reads one, since JSON parsers keep one of the two.  Up to 32 keys
 * compare in pairs, more are sorted, so a hostile object costs n log n. */
size_t eg_jsonpos_duplicate_key(const char *buf, const eg_json_span *keys, size_t n,
				size_t *first);

/* Copies a string value (quotes stripped, escapes decoded) into a new
 * eg_xmalloc'd buffer; NULL if span is not a string. */
char *eg_jsonpos_string_dup(const char *buf, eg_json_span span);
/* The same, with the decoded length in *len (a "\u0000" escape is a NUL
 * inside the string); len may be NULL. */
char *eg_jsonpos_string_dup_len(const char *buf, eg_json_span span, size_t *len);

#endif

/* jsontree.h - a read-only tree over JSON text that has been validated.
 *
 * jansson builds a hash table per object and copies every string: for a
 * plan's resource that is read once and thrown away, that was half the CPU
 * of a 1,000-distribution run.  This tree costs one pass over the text and
 * one arena: nodes point into the text, strings are decoded only when
 * asked for, members are found by a scan (resource objects hold tens).
 *
 * Contract: the text must have passed eg_jsonpos_validate (jsonpos.h); the
 * parser trusts its grammar and checks only what validation does not:
 * duplicate keys, and numbers a C long long or double cannot hold (jansson
 * refuses both, and so does this tree, with jansson's words).
 *
 * Ownership: nodes live in the caller's arena and borrow the text; both
 * must outlive every node.  Nothing here allocates outside the arena
 * except a scratch stack freed before eg_jsontree_parse returns.
 */
#ifndef EG_JSONTREE_H
#define EG_JSONTREE_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum eg_json_type {
	EG_JSON_NULL, EG_JSON_FALSE, EG_JSON_TRUE, EG_JSON_INTEGER, EG_JSON_REAL,
	EG_JSON_STRING, EG_JSON_ARRAY, EG_JSON_OBJECT,
} eg_json_type;

typedef struct eg_json_node eg_json_node;
struct eg_json_node {
	eg_json_type type;
	bool escaped;      /* the string holds a backslash escape */
	bool key_escaped;  /* so does the member name */
	const char *text;  /* the value's bytes; a string's without its quotes */
	size_t len;
	const char *key;   /* a member's name, without quotes; NULL for items */
	size_t klen;
	size_t n;          /* members or items */
	eg_json_node *kids;
	union {
		long long i;
		double r;
	} num;
};

/* Builds the tree of text[0..len) (one JSON value) in arena.  Returns the
 * root, or NULL with *err_off (a byte offset in text) and *err_msg (in
 * arena) on a duplicate key, the second one, earliest in the text, or a
 * number out of range. */
const eg_json_node *eg_jsontree_parse(eg_arena *arena, const char *text, size_t len,
				      size_t *err_off, const char **err_msg);

/* The member key of an object, NULL when obj is not an object or has no
 * such member. */
const eg_json_node *eg_jsontree_get(const eg_json_node *obj, const char *key);
/* Item i of an array, NULL past its end or when arr is not an array. */
const eg_json_node *eg_jsontree_at(const eg_json_node *arr, size_t i);
/* Items of an array, members of an object; 0 for anything else. */
size_t eg_jsontree_size(const eg_json_node *v);

static inline bool eg_jsontree_is(const eg_json_node *v, eg_json_type type)
{
	return v && v->type == type;
}

/* A string value decoded (a "\u0000" ends it, as jansson's C string
 * does) into arena; NULL when v is not a string. */
char *eg_jsontree_string(eg_arena *arena, const eg_json_node *v);
/* The same for a member's name. */
char *eg_jsontree_key(eg_arena *arena, const eg_json_node *member);
/* Whether v is a string equal to s. */
bool eg_jsontree_string_is(const eg_json_node *v, const char *s);

#endif

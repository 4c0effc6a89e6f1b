/* yamldoc.h - a YAML document as a small tree that remembers line:col.
 *
 * Built on libyaml's event API so that every node keeps its mark, duplicate
 * mapping keys are rejected, and aliases are expanded under a node budget
 * ("billion laughs" fails fast).  Used for rule files and the config file
 * (and later CloudFormation YAML, whose !Tags are kept in node->tag).
 *
 * Ownership: eg_ydoc_load returns a document that owns every node and
 * string; eg_ydoc_free releases it (NULL is fine).  Nodes are read-only.
 */
#ifndef EG_YAMLDOC_H
#define EG_YAMLDOC_H

#include "common.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum eg_ynode_kind { EG_Y_SCALAR, EG_Y_SEQ, EG_Y_MAP } eg_ynode_kind;

typedef struct eg_ynode eg_ynode;

typedef struct eg_ypair {
	eg_ynode *key; /* always a scalar */
	eg_ynode *value;
} eg_ypair;

struct eg_ynode {
	eg_ynode_kind kind;
	int line, col;    /* 1-based, of the node's first character */
	const char *tag;  /* explicit tag such as "!Ref", or NULL */
	bool anchored;    /* carries an anchor, so aliases may share it (cfn.c
			     resolves such a node once) */
	/* scalar */
	const char *str;  /* NUL-terminated; never NULL for scalars */
	size_t len;
	bool quoted;      /* written quoted or as a block scalar: never null/bool/number */
	/* sequence */
	eg_ynode **items;
	size_t nitems;
	/* mapping, in document order */
	eg_ypair *pairs;
	size_t npairs;
};

typedef struct eg_ydoc {
	char *file;    /* for messages */
	eg_ynode *root; /* NULL for an empty document */
	struct eg_ydoc_arena *mem;
} eg_ydoc;

typedef struct eg_ydoc_limits {
	size_t max_bytes;  /* input size */
	int max_depth;     /* nesting */
	size_t max_nodes;  /* nodes after alias expansion */
} eg_ydoc_limits;

#define EG_YDOC_LIMITS_DEFAULT { EG_MAX_INPUT_BYTES, EG_MAX_DEPTH, EG_MAX_YAML_NODES }

/* Parses the first document of buf[0..len).  file names the input in errors.
 * Errors (EG_ERR_INPUT, or EG_ERR_LIMIT for caps) carry file:line:col:
 * syntax errors, duplicate keys ("duplicate key 'id' (first at 3:1)"),
 * non-scalar keys, undefined aliases, more than one document, and caps. */
int eg_ydoc_parse(eg_ydoc **out, const char *buf, size_t len, const char *file,
		  const eg_ydoc_limits *limits, eg_error *err);
/* The same tree from JSON text: validated strictly first (eg_jsonpos_validate,
 * so errors read as they do for other JSON inputs), then built with the same
 * caps and duplicate-key errors.  Strings are quoted scalars; numbers, true,
 * false and null are plain scalars. */
int eg_ydoc_parse_json(eg_ydoc **out, const char *buf, size_t len, const char *file,
		       const eg_ydoc_limits *limits, eg_error *err);
/* The tree of JSON that eg_jsonpos_validate has already accepted (with no
 * more than limits->max_depth nesting), so a file is validated once.  ix is
 * NULL or the index eg_jsonpos_validate_index made of this buf (jsonpos.h),
 * borrowed for the call: with it, big containers are stepped over, not
 * scanned once per level. */
struct eg_jsonpos_index;
int eg_ydoc_build_json(eg_ydoc **out, const char *buf, size_t len,
		       const struct eg_jsonpos_index *ix, const char *file,
		       const eg_ydoc_limits *limits, eg_error *err);
/* Appends the bytes of the regular file at path to out, failing with
 * EG_ERR_LIMIT past max_bytes (reading at most one byte more), EG_ERR_IO
 * when it cannot be read: what eg_ydoc_load parses. */
struct eg_strbuf;
int eg_ydoc_read(const char *path, size_t max_bytes, struct eg_strbuf *out, eg_error *err);
/* Reads path and parses it. */
int eg_ydoc_load(eg_ydoc **out, const char *path, const eg_ydoc_limits *limits,
		 eg_error *err);
void eg_ydoc_free(eg_ydoc *doc);

/* A document parsed ahead of time (the rule pack, at build time, so that
 * a run skips libyaml for it): the file's base name, its exact bytes, and
 * its tree as eg_ydoc_serialize wrote it.  Borrowed: it must outlive every
 * document read from it, whose strings point into tree. */
typedef struct eg_ydoc_prepared {
	const char *name;
	const unsigned char *text;
	size_t text_len;
	const unsigned char *tree;
	size_t tree_len;
} eg_ydoc_prepared;

/* eg_ydoc_load, except that a file whose base name and bytes are those of
 * one of prepared[0..nprepared) gets that tree, identical to what parsing
 * it gives (line:col included), without parsing.  Any other file, or a
 * tree that does not read back whole, is parsed. */
int eg_ydoc_load_prepared(eg_ydoc **out, const char *path, const eg_ydoc_limits *limits,
			  const eg_ydoc_prepared *prepared, size_t nprepared, eg_error *err);
/* Appends doc's tree to out in the form eg_ydoc_load_prepared reads. */
void eg_ydoc_serialize(const eg_ydoc *doc, struct eg_strbuf *out);

/* Value for key in a mapping, or NULL (also NULL when map is not a map). */
eg_ynode *eg_ynode_get(const eg_ynode *map, const char *key);
/* Plain (unquoted) scalars that YAML 1.2 core schema reads as null:
 * "", "~", "null", "Null", "NULL". */
bool eg_ynode_is_null(const eg_ynode *n);
/* Rejects a key of map that is not in allowed (NULL-terminated): returns
 * code with err at the key's line:col, naming the keys that are allowed in
 * `where`.  0 when every key is allowed. */
int eg_ynode_check_keys(const eg_ynode *map, const char *where, const char *const *allowed,
			const char *file, eg_status code, eg_error *err);
/* Parses a plain scalar as a boolean (true/false in any case); returns false
 * when n is not such a scalar. */
bool eg_ynode_bool(const eg_ynode *n, bool *out);

#endif

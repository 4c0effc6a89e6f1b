/* yamldoc.c - YAML to eg_ynode trees through libyaml's event parser.
 *
 * The tree is built without recursion: open sequences and mappings sit on a
 * frame stack, and their children on one shared stack until the closing
 * event copies them into the document's arena.
 *
 * Aliases share the anchored node by pointer (so its line:col is the
 * anchor's).  Every anchor remembers the expanded size and height of its
 * subtree, so an alias costs O(1) while the node budget and the depth cap
 * still count it as if it were copied: a "billion laughs" document fails at
 * the first alias that crosses the budget, having allocated only what the
 * text itself holds.
 *
 * Deliberate simplifications:
 *   - The merge key "<<" is an ordinary key; CloudFormation has no merges.
 *   - Duplicate keys are found by scalar text alone, so 1 and "1" clash.
 *   - A document holding only "---" has a null scalar as root; only a
 *     stream with no document at all gives root == NULL.
 *   - limits == NULL means EG_YDOC_LIMITS_DEFAULT.
 */
#include "yamldoc.h"

#include "arena.h"
#include "jsonpos.h"
#include "strbuf.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yaml.h>

struct eg_ydoc_arena {
	eg_arena arena; /* the eg_ydoc, every node, string and array */
};

/* An anchored node.  open until its closing event, so that an alias inside
 * the node it names is caught instead of building a cycle. */
typedef struct anchor {
	eg_ynode *node;
	size_t size; /* nodes after expansion */
	int height;  /* container levels, 0 for a scalar */
	bool open;
} anchor;

/* Open-addressing string table, used twice: mapping keys (ns is the
 * mapping's serial, so each mapping has its own key space) and anchors
 * (ns 0).  A hash rather than a scan keeps a hostile 1e6-key mapping linear. */
typedef struct strtab_slot {
	const char *s; /* NULL: empty slot */
	size_t len;
	size_t ns;
	uint64_t hash;
	anchor *anchor; /* anchors table */
	int line, col;  /* keys table: where the key first appeared */
} strtab_slot;

typedef struct strtab {
	strtab_slot *slots;
	size_t cap; /* 0 or a power of two */
	size_t used;
} strtab;

/* One open sequence or mapping. */
typedef struct frame {
	eg_ynode *node;
	size_t base;    /* its first child on the child stack */
	size_t size;    /* nodes so far, itself and expanded children */
	int height;     /* tallest child so far */
	size_t serial;  /* mapping's key namespace */
	anchor *anchor; /* NULL when not anchored */
} frame;

typedef struct parse_ctx {
	const char *file;
	const char *buf;
	size_t len;
	const eg_jsonpos_index *json_ix; /* borrowed; NULL: none (JSON input only) */
	eg_ydoc_limits lim;
	eg_error *err;
	eg_ydoc *doc;
	eg_arena *mem;      /* the document's arena */
	eg_arena scratch;   /* anchor records and names; dropped after parsing */
	frame *frames;
	size_t nframes, frames_alloc;
	eg_ynode **kids;    /* children of every open frame, in order */
	size_t nkids, kids_alloc;
	size_t nodes;       /* expanded node count so far */
	size_t next_serial;
	strtab keys;
	strtab anchors;
	bool seen_document;
} parse_ctx;

static int mark_int(size_t v)
{
	return v >= (size_t)INT_MAX ? INT_MAX : (int)v + 1;
}

/* --- string table ---------------------------------------------------------- */

static uint64_t str_hash(size_t ns, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)ns * 0x9E3779B97F4A7C15ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static strtab_slot *strtab_probe(strtab_slot *slots, size_t cap, uint64_t hash,
				 size_t ns, const char *s, size_t len)
{
	size_t i = (size_t)hash & (cap - 1);

	for (;;) {
		strtab_slot *sl = &slots[i];
		if (!sl->s || (sl->hash == hash && sl->ns == ns && sl->len == len &&
			       memcmp(sl->s, s, len) == 0))
			return sl;
		i = (i + 1) & (cap - 1);
	}
}

/* Returns the slot for (ns, s): sl->s is NULL when the entry is new, and
 * the caller fills it through strtab_fill. */
static strtab_slot *strtab_lookup(strtab *t, size_t ns, const char *s, size_t len)
{
	uint64_t hash = str_hash(ns, s, len);
	strtab_slot *sl;

	if ((t->used + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		strtab_slot *slots = eg_xcalloc(cap, sizeof(*slots));
		size_t i;

		for (i = 0; i < t->cap; i++) {
			strtab_slot *old = &t->slots[i];
			if (old->s)
				*strtab_probe(slots, cap, old->hash, old->ns,
					      old->s, old->len) = *old;
		}
		eg_free(t->slots);
		t->slots = slots;
		t->cap = cap;
	}
	sl = strtab_probe(t->slots, t->cap, hash, ns, s, len);
	if (!sl->s)
		sl->hash = hash;
	return sl;
}

static void strtab_fill(strtab *t, strtab_slot *sl, size_t ns, const char *s, size_t len)
{
	sl->s = s;
	sl->len = len;
	sl->ns = ns;
	t->used++;
}

static void strtab_release(strtab *t)
{
	eg_free(t->slots);
	t->slots = NULL;
	t->cap = t->used = 0;
}

/* --- errors ---------------------------------------------------------------- */

/* libyaml's reader reports a byte offset instead of a mark; count lines and
 * characters (not bytes, like libyaml's marks) up to it. */
static void offset_line_col(const char *buf, size_t len, size_t offset,
			    int *line, int *col)
{
	size_t i = 0;
	int l = 1, c = 1;

	if (offset > len)
		offset = len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 && offset >= 3)
		i = 3;
	for (; i < offset; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (b == '\n' || (b == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if ((b & 0xC0) != 0x80 && b != '\r') {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static int syntax_error(parse_ctx *ctx, const yaml_parser_t *p)
{
	int line = 0, col = 0;

	if (p->error == YAML_MEMORY_ERROR || !p->problem)
		return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, 0, 0,
				    "libyaml ran out of memory");
	if (p->error == YAML_READER_ERROR) {
		offset_line_col(ctx->buf, ctx->len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, line, col,
					    "%s (byte 0x%02X)", p->problem,
					    (unsigned)p->problem_value);
		return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, line, col,
				    "%s", p->problem);
	}
	line = mark_int(p->problem_mark.line);
	col = mark_int(p->problem_mark.column);
	if (p->context)
		return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, line, col,
				    "%s (%s that started at %d:%d)", p->problem,
				    p->context, mark_int(p->context_mark.line),
				    mark_int(p->context_mark.column));
	return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, line, col, "%s",
			    p->problem);
}

/* UTF-16 and UTF-32 would parse (libyaml decodes UTF-16) or fail on NULs
 * with a puzzling message; say what is wrong and how to fix it. */
static const char *wrong_encoding(const unsigned char *b, size_t len)
{
	if (len >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) ||
			 (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)))
		return "UTF-32 (byte order mark found)";
	if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return "UTF-16 (byte order mark found)";
	if ((len >= 1 && b[0] == 0) || (len >= 2 && b[1] == 0))
		return "UTF-16 or UTF-32 (NUL bytes at the start)";
	return NULL;
}

/* --- tree building ---------------------------------------------------------- */

static int count_nodes(parse_ctx *ctx, size_t n, const yaml_mark_t *m, bool alias)
{
	if (n <= ctx->lim.max_nodes - ctx->nodes) {
		ctx->nodes += n;
		return 0;
	}
	if (alias)
		return eg_error_set(ctx->err, EG_ERR_LIMIT, ctx->file, mark_int(m->line),
				    mark_int(m->column),
				    "alias expansion exceeds %zu nodes (billion laughs?)",
				    ctx->lim.max_nodes);
	return eg_error_set(ctx->err, EG_ERR_LIMIT, ctx->file, mark_int(m->line),
			    mark_int(m->column), "document has more than %zu nodes",
			    ctx->lim.max_nodes);
}

static int depth_error(parse_ctx *ctx, const yaml_mark_t *m)
{
	return eg_error_set(ctx->err, EG_ERR_LIMIT, ctx->file, mark_int(m->line),
			    mark_int(m->column), "nesting deeper than %d",
			    ctx->lim.max_depth);
}

/* Bytes of s to quote in a message: a long key must not push the position
 * out of the message buffer, and the cut must not split a UTF-8 sequence. */
static int shown_len(const char *s, size_t len)
{
	size_t cut = 120;

	if (len <= cut)
		return (int)len;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	return (int)cut;
}

static const char *kind_name(eg_ynode_kind k)
{
	return k == EG_Y_SEQ ? "a sequence" : k == EG_Y_MAP ? "a mapping" : "a scalar";
}

/* True when the next child of the innermost frame is a mapping key. */
static bool expecting_key(const parse_ctx *ctx)
{
	const frame *f;

	if (!ctx->nframes)
		return false;
	f = &ctx->frames[ctx->nframes - 1];
	return f->node->kind == EG_Y_MAP && (ctx->nkids - f->base) % 2 == 0;
}

static int non_scalar_key(parse_ctx *ctx, eg_ynode_kind kind, const yaml_mark_t *m)
{
	return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, mark_int(m->line),
			    mark_int(m->column),
			    "mapping key is %s; only scalar keys are supported",
			    kind_name(kind));
}

static eg_ynode *new_node(parse_ctx *ctx, eg_ynode_kind kind, const yaml_char_t *tag,
			  const yaml_mark_t *m)
{
	eg_ynode *n = eg_arena_alloc(ctx->mem, sizeof(*n));

	n->kind = kind;
	n->line = mark_int(m->line);
	n->col = mark_int(m->column);
	n->tag = eg_arena_strdup(ctx->mem, (const char *)tag);
	return n;
}

/* Records an anchor (NULL name: none).  A later anchor of the same name
 * replaces it, as YAML says aliases name the most recent one. */
static anchor *define_anchor(parse_ctx *ctx, const yaml_char_t *name, eg_ynode *n,
			     bool open)
{
	size_t len;
	strtab_slot *sl;
	anchor *a;

	if (!name)
		return NULL;
	n->anchored = true;
	len = strlen((const char *)name);
	a = eg_arena_alloc(&ctx->scratch, sizeof(*a));
	a->node = n;
	a->size = 1;
	a->open = open;
	sl = strtab_lookup(&ctx->anchors, 0, (const char *)name, len);
	if (!sl->s)
		strtab_fill(&ctx->anchors, sl, 0,
			    eg_arena_strndup(&ctx->scratch, (const char *)name, len), len);
	sl->anchor = a;
	return a;
}

/* Hands a finished node (or an alias's target) to the open container, or
 * makes it the root.  size and height describe it expanded; m is where it
 * was written, for key errors. */
static int attach(parse_ctx *ctx, eg_ynode *n, size_t size, int height,
		  const yaml_mark_t *m)
{
	frame *f;

	if (!ctx->nframes) {
		ctx->doc->root = n;
		return 0;
	}
	if (expecting_key(ctx)) {
		strtab_slot *sl;

		f = &ctx->frames[ctx->nframes - 1];
		if (n->kind != EG_Y_SCALAR)
			return non_scalar_key(ctx, n->kind, m);
		sl = strtab_lookup(&ctx->keys, f->serial, n->str, n->len);
		if (sl->s)
			return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file,
					    mark_int(m->line), mark_int(m->column),
					    "duplicate key '%.*s%s' (first at %d:%d)",
					    shown_len(n->str, n->len), n->str,
					    (size_t)shown_len(n->str, n->len) < n->len ? "..." : "",
					    sl->line, sl->col);
		strtab_fill(&ctx->keys, sl, f->serial, n->str, n->len);
		sl->line = mark_int(m->line);
		sl->col = mark_int(m->column);
	}
	f = &ctx->frames[ctx->nframes - 1];
	f->size += size;
	if (height > f->height)
		f->height = height;
	EG_ALLOC_GROW(ctx->kids, ctx->nkids + 1, ctx->kids_alloc);
	ctx->kids[ctx->nkids++] = n;
	return 0;
}

static int on_scalar(parse_ctx *ctx, const yaml_event_t *ev)
{
	eg_ynode *n;
	int rc;

	rc = count_nodes(ctx, 1, &ev->start_mark, false);
	if (rc)
		return rc;
	n = new_node(ctx, EG_Y_SCALAR, ev->data.scalar.tag, &ev->start_mark);
	n->str = eg_arena_strndup(ctx->mem, (const char *)ev->data.scalar.value,
				  ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	define_anchor(ctx, ev->data.scalar.anchor, n, false);
	return attach(ctx, n, 1, 0, &ev->start_mark);
}

static int on_alias(parse_ctx *ctx, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const yaml_mark_t *m = &ev->start_mark;
	strtab_slot *sl;
	anchor *a;
	int rc;

	sl = strtab_lookup(&ctx->anchors, 0, name, strlen(name));
	if (!sl->s)
		return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, mark_int(m->line),
				    mark_int(m->column), "undefined alias '*%s'", name);
	a = sl->anchor;
	if (a->open)
		return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file, mark_int(m->line),
				    mark_int(m->column),
				    "alias '*%s' refers to a node that contains it", name);
	if (expecting_key(ctx) && a->node->kind != EG_Y_SCALAR)
		return non_scalar_key(ctx, a->node->kind, m);
	rc = count_nodes(ctx, a->size, m, true);
	if (rc)
		return rc;
	if (a->height > ctx->lim.max_depth - (int)ctx->nframes)
		return depth_error(ctx, m);
	return attach(ctx, a->node, a->size, a->height, m);
}

static int on_start(parse_ctx *ctx, const yaml_event_t *ev, eg_ynode_kind kind)
{
	const yaml_char_t *tag, *name;
	frame *f;
	eg_ynode *n;
	int rc;

	if (expecting_key(ctx))
		return non_scalar_key(ctx, kind, &ev->start_mark);
	if ((int)ctx->nframes >= ctx->lim.max_depth)
		return depth_error(ctx, &ev->start_mark);
	rc = count_nodes(ctx, 1, &ev->start_mark, false);
	if (rc)
		return rc;
	if (kind == EG_Y_SEQ) {
		tag = ev->data.sequence_start.tag;
		name = ev->data.sequence_start.anchor;
	} else {
		tag = ev->data.mapping_start.tag;
		name = ev->data.mapping_start.anchor;
	}
	n = new_node(ctx, kind, tag, &ev->start_mark);
	EG_ALLOC_GROW(ctx->frames, ctx->nframes + 1, ctx->frames_alloc);
	f = &ctx->frames[ctx->nframes++];
	f->node = n;
	f->base = ctx->nkids;
	f->size = 1;
	f->height = 0;
	f->serial = ctx->next_serial++;
	f->anchor = define_anchor(ctx, name, n, true);
	return 0;
}

static int on_end(parse_ctx *ctx)
{
	frame f = ctx->frames[--ctx->nframes];
	eg_ynode *n = f.node;
	size_t nkids = ctx->nkids - f.base;
	/* ctx->kids is NULL until a first child is pushed: `[]` alone has none,
	 * and NULL + 0 is undefined behaviour in C (clang's UBSan says so). */
	eg_ynode **kids = nkids ? ctx->kids + f.base : NULL;
	yaml_mark_t m;
	size_t i;

	if (n->kind == EG_Y_SEQ) {
		n->nitems = nkids;
		n->items = eg_arena_alloc(ctx->mem, nkids * sizeof(*n->items));
		if (nkids)
			memcpy(n->items, kids, nkids * sizeof(*n->items));
	} else {
		n->npairs = nkids / 2;
		n->pairs = eg_arena_alloc(ctx->mem, n->npairs * sizeof(*n->pairs));
		for (i = 0; i < n->npairs; i++) {
			n->pairs[i].key = kids[2 * i];
			n->pairs[i].value = kids[2 * i + 1];
		}
	}
	ctx->nkids = f.base;
	if (f.anchor) {
		f.anchor->size = f.size;
		f.anchor->height = f.height + 1;
		f.anchor->open = false;
	}
	/* A container is never a key here: on_start refused that already. */
	memset(&m, 0, sizeof(m));
	return attach(ctx, n, f.size, f.height + 1, &m);
}

static int on_event(parse_ctx *ctx, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ctx->seen_document)
			return eg_error_set(ctx->err, EG_ERR_INPUT, ctx->file,
					    mark_int(ev->start_mark.line),
					    mark_int(ev->start_mark.column),
					    "multiple YAML documents; expected one");
		ctx->seen_document = true;
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(ctx, ev);
	case YAML_ALIAS_EVENT:
		return on_alias(ctx, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(ctx, ev, EG_Y_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_start(ctx, ev, EG_Y_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(ctx);
	default:
		return 0;
	}
}

static eg_ydoc *doc_new(const char *file)
{
	struct eg_ydoc_arena *mem = eg_xmalloc(sizeof(*mem));
	eg_ydoc *doc;

	eg_arena_init(&mem->arena);
	doc = eg_arena_alloc(&mem->arena, sizeof(*doc));
	doc->mem = mem;
	doc->file = eg_arena_strdup(&mem->arena, file);
	return doc;
}

void eg_ydoc_free(eg_ydoc *doc)
{
	struct eg_ydoc_arena *mem;

	if (!doc)
		return;
	mem = doc->mem; /* doc itself lives in the arena */
	eg_arena_release(&mem->arena);
	eg_free(mem);
}

/* Frees the parse state; hands the document over, or frees it on error. */
static int ctx_finish(parse_ctx *ctx, int rc, eg_ydoc **out)
{
	eg_free(ctx->frames);
	eg_free(ctx->kids);
	strtab_release(&ctx->keys);
	strtab_release(&ctx->anchors);
	eg_arena_release(&ctx->scratch);
	if (rc) {
		eg_ydoc_free(ctx->doc);
		return rc;
	}
	*out = ctx->doc;
	return 0;
}

/* What a failed allocation in on_event must give back to libyaml. */
typedef struct parser_hold {
	yaml_parser_t *parser;
	yaml_event_t *ev;
	bool ev_live;
} parser_hold;

static void release_parser(void *arg)
{
	parser_hold *h = arg;

	if (h->ev_live)
		yaml_event_delete(h->ev);
	yaml_parser_delete(h->parser);
}

int eg_ydoc_parse(eg_ydoc **out, const char *buf, size_t len, const char *file,
		  const eg_ydoc_limits *limits, eg_error *err)
{
	static const eg_ydoc_limits defaults = EG_YDOC_LIMITS_DEFAULT;
	parse_ctx ctx;
	yaml_parser_t parser;
	parser_hold hold_state;
	eg_cleanup hold;
	yaml_event_t ev;
	const char *enc;
	int rc = 0;

	*out = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.file = file ? file : "<input>";
	ctx.buf = buf;
	ctx.len = len;
	ctx.lim = limits ? *limits : defaults;
	ctx.err = err;
	if (!buf)
		buf = ctx.buf = ""; /* libyaml asserts on NULL input */
	if (len > ctx.lim.max_bytes)
		return eg_error_set(err, EG_ERR_LIMIT, ctx.file, 0, 0,
				    "input is larger than %zu bytes", ctx.lim.max_bytes);
	enc = wrong_encoding((const unsigned char *)buf, len);
	if (enc)
		return eg_error_set(err, EG_ERR_INPUT, ctx.file, 1, 1,
				    "file is %s; re-save it as UTF-8", enc);
	if (!yaml_parser_initialize(&parser))
		return eg_error_set(err, EG_ERR_INPUT, ctx.file, 0, 0,
				    "libyaml ran out of memory");
	hold_state.parser = &parser;
	hold_state.ev = &ev;
	hold_state.ev_live = false;
	eg_cleanup_push(&hold, release_parser, &hold_state);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	ctx.doc = doc_new(ctx.file);
	ctx.mem = &ctx.doc->mem->arena;
	eg_arena_init(&ctx.scratch);

	for (;;) {
		bool done;

		if (!yaml_parser_parse(&parser, &ev)) {
			rc = syntax_error(&ctx, &parser);
			goto out;
		}
		hold_state.ev_live = true;
		rc = on_event(&ctx, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		hold_state.ev_live = false;
		if (rc || done)
			goto out;
	}
out:
	eg_cleanup_pop(&hold);
	yaml_parser_delete(&parser);
	return ctx_finish(&ctx, rc, out);
}

/* --- JSON ----------------------------------------------------------------- */

/* JSON goes through the same event handlers as YAML, so both trees have the
 * same shape, caps and duplicate-key errors.  Columns count bytes, as every
 * JSON position in edgegate does (jsonpos, Terraform inputs); offsets only
 * grow, so one cursor serves the whole walk. */
typedef struct json_cursor {
	size_t at, line, col;
} json_cursor;

static yaml_mark_t json_mark(parse_ctx *ctx, json_cursor *cur, size_t offset)
{
	yaml_mark_t m;

	for (; cur->at < offset; cur->at++) {
		unsigned char b = (unsigned char)ctx->buf[cur->at];
		if (b == '\n') {
			cur->line++;
			cur->col = 0;
		} else {
			cur->col++;
		}
	}
	memset(&m, 0, sizeof(m));
	m.index = offset;
	m.line = cur->line;
	m.column = cur->col;
	return m;
}

static int json_scalar(parse_ctx *ctx, json_cursor *cur, eg_json_span sp)
{
	yaml_event_t ev;
	char *decoded = NULL;
	int rc;

	memset(&ev, 0, sizeof(ev));
	ev.type = YAML_SCALAR_EVENT;
	ev.start_mark = json_mark(ctx, cur, sp.start);
	if (ctx->buf[sp.start] == '"') {
		decoded = eg_jsonpos_string_dup_len(ctx->buf, sp, &ev.data.scalar.length);
		ev.data.scalar.value = (yaml_char_t *)decoded;
		ev.data.scalar.style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	} else {
		ev.data.scalar.value = (yaml_char_t *)(ctx->buf + sp.start);
		ev.data.scalar.length = sp.end - sp.start;
		ev.data.scalar.style = YAML_PLAIN_SCALAR_STYLE;
	}
	rc = on_scalar(ctx, &ev);
	eg_free(decoded);
	return rc;
}

static int json_value(parse_ctx *ctx, json_cursor *cur, eg_json_span sp)
{
	eg_json_iter it;
	eg_json_span key, val;
	yaml_event_t ev;
	int rc;

	if (!eg_jsonpos_iter_init(&it, ctx->buf, sp, ctx->json_ix))
		return json_scalar(ctx, cur, sp);
	memset(&ev, 0, sizeof(ev));
	ev.type = it.is_object ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT;
	ev.start_mark = json_mark(ctx, cur, sp.start);
	if ((rc = on_start(ctx, &ev, it.is_object ? EG_Y_MAP : EG_Y_SEQ)))
		return rc;
	while (eg_jsonpos_iter_next(&it, &key, &val)) {
		if (it.is_object && (rc = json_scalar(ctx, cur, key)))
			return rc;
		if ((rc = json_value(ctx, cur, val)))
			return rc;
	}
	return on_end(ctx);
}

int eg_ydoc_build_json(eg_ydoc **out, const char *buf, size_t len,
		       const struct eg_jsonpos_index *ix, const char *file,
		       const eg_ydoc_limits *limits, eg_error *err)
{
	static const eg_ydoc_limits defaults = EG_YDOC_LIMITS_DEFAULT;
	eg_json_span root = { 0, len };
	json_cursor cur = { 0, 0, 0 };
	parse_ctx ctx;
	int rc;

	*out = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.file = file ? file : "<input>";
	ctx.buf = buf ? buf : "";
	ctx.len = buf ? len : 0;
	ctx.json_ix = buf ? ix : NULL;
	ctx.lim = limits ? *limits : defaults;
	ctx.err = err;
	if (ctx.len > ctx.lim.max_bytes)
		return eg_error_set(err, EG_ERR_LIMIT, ctx.file, 0, 0,
				    "input is larger than %zu bytes", ctx.lim.max_bytes);
	while (root.start < ctx.len && strchr(" \t\r\n", ctx.buf[root.start]))
		root.start++;
	while (root.end > root.start && strchr(" \t\r\n", ctx.buf[root.end - 1]))
		root.end--;
	ctx.doc = doc_new(ctx.file);
	ctx.mem = &ctx.doc->mem->arena;
	eg_arena_init(&ctx.scratch);
	rc = json_value(&ctx, &cur, root);
	return ctx_finish(&ctx, rc, out);
}

int eg_ydoc_parse_json(eg_ydoc **out, const char *buf, size_t len, const char *file,
		       const eg_ydoc_limits *limits, eg_error *err)
{
	static const eg_ydoc_limits defaults = EG_YDOC_LIMITS_DEFAULT;
	int rc;

	*out = NULL;
	rc = eg_jsonpos_validate(buf ? buf : "", buf ? len : 0, file ? file : "<input>",
				 (limits ? limits : &defaults)->max_depth, err);
	return rc ? rc : eg_ydoc_build_json(out, buf, len, NULL, file, limits, err);
}

/* --- documents parsed ahead of time ----------------------------------------- */

/* Node: a byte of kind (bits 0-1) and flags, line and col, the tag when
 * flagged, then a scalar's bytes, or a count of items, or of key-value
 * pairs, each a node.  Numbers are LEB128; strings are their length, their
 * bytes and a NUL, so a tree read back points into the blob. */
enum { SER_ANCHORED = 4, SER_QUOTED = 8, SER_TAG = 16 };

static void put_num(eg_strbuf *sb, size_t v)
{
	do {
		eg_sb_addc(sb, (char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0)));
		v >>= 7;
	} while (v);
}

static void put_str(eg_strbuf *sb, const char *s, size_t len)
{
	put_num(sb, len);
	eg_sb_add(sb, s, len);
	eg_sb_addc(sb, '\0');
}

static void put_node(eg_strbuf *sb, const eg_ynode *n)
{
	size_t i;

	eg_sb_addc(sb, (char)(n->kind | (n->anchored ? SER_ANCHORED : 0) |
			      (n->quoted ? SER_QUOTED : 0) | (n->tag ? SER_TAG : 0)));
	put_num(sb, (size_t)n->line);
	put_num(sb, (size_t)n->col);
	if (n->tag)
		put_str(sb, n->tag, strlen(n->tag));
	switch (n->kind) {
	case EG_Y_SCALAR:
		put_str(sb, n->str, n->len);
		break;
	case EG_Y_SEQ:
		put_num(sb, n->nitems);
		for (i = 0; i < n->nitems; i++)
			put_node(sb, n->items[i]);
		break;
	case EG_Y_MAP:
		put_num(sb, n->npairs);
		for (i = 0; i < n->npairs; i++) {
			put_node(sb, n->pairs[i].key);
			put_node(sb, n->pairs[i].value);
		}
		break;
	}
}

void eg_ydoc_serialize(const eg_ydoc *doc, eg_strbuf *out)
{
	eg_sb_addc(out, doc->root ? 1 : 0);
	if (doc->root)
		put_node(out, doc->root);
}

typedef struct reader {
	const unsigned char *p, *end;
	eg_arena *arena;
	bool bad;
} reader;

static size_t get_num(reader *r)
{
	size_t v = 0;
	unsigned shift = 0;

	while (r->p < r->end && shift < 64) {
		unsigned char b = *r->p++;
		v |= (size_t)(b & 0x7F) << shift;
		if (!(b & 0x80))
			return v;
		shift += 7;
	}
	r->bad = true;
	return 0;
}

static const char *get_str(reader *r, size_t *len)
{
	size_t n = get_num(r);
	const char *s = (const char *)r->p;

	if (r->bad || n >= (size_t)(r->end - r->p) || r->p[n] != '\0') {
		r->bad = true;
		return "";
	}
	r->p += n + 1;
	if (len)
		*len = n;
	return s;
}

static eg_ynode *get_node(reader *r, int depth)
{
	eg_ynode *n = eg_arena_alloc(r->arena, sizeof(*n));
	unsigned char head;
	size_t i;

	if (r->p >= r->end || depth > EG_MAX_DEPTH) {
		r->bad = true;
		return n;
	}
	head = *r->p++;
	n->kind = (eg_ynode_kind)(head & 3);
	n->anchored = head & SER_ANCHORED;
	n->quoted = head & SER_QUOTED;
	n->line = (int)get_num(r);
	n->col = (int)get_num(r);
	if (head & SER_TAG)
		n->tag = get_str(r, NULL);
	switch (n->kind) {
	case EG_Y_SCALAR:
		n->str = get_str(r, &n->len);
		break;
	case EG_Y_SEQ:
		n->nitems = get_num(r);
		if (n->nitems > (size_t)(r->end - r->p)) /* each takes a byte at least */
			r->bad = true;
		if (r->bad)
			return n;
		n->items = eg_arena_alloc(r->arena, n->nitems * sizeof(*n->items));
		for (i = 0; i < n->nitems && !r->bad; i++)
			n->items[i] = get_node(r, depth + 1);
		break;
	case EG_Y_MAP:
		n->npairs = get_num(r);
		if (n->npairs > (size_t)(r->end - r->p))
			r->bad = true;
		if (r->bad)
			return n;
		n->pairs = eg_arena_alloc(r->arena, n->npairs * sizeof(*n->pairs));
		for (i = 0; i < n->npairs && !r->bad; i++) {
			n->pairs[i].key = get_node(r, depth + 1);
			n->pairs[i].value = get_node(r, depth + 1);
		}
		break;
	default:
		r->bad = true;
	}
	return n;
}

/* The prepared tree of the file called path whose bytes are text[0..len),
 * if one was made of exactly these bytes: 0, else -1 (parse it). */
static int prepared_doc(eg_ydoc **out, const eg_ydoc_prepared *prepared, size_t nprepared,
			const char *path, const char *text, size_t len)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t i;

	for (i = 0; i < nprepared; i++) {
		const eg_ydoc_prepared *pd = &prepared[i];
		eg_ydoc *doc;
		reader r;

		if (strcmp(pd->name, base) || pd->text_len != len || memcmp(pd->text, text, len))
			continue;
		doc = doc_new(path);
		r.p = pd->tree;
		r.end = pd->tree + pd->tree_len;
		r.arena = &doc->mem->arena;
		r.bad = r.p >= r.end;
		if (!r.bad && *r.p++)
			doc->root = get_node(&r, 0);
		if (r.bad || r.p != r.end) { /* not this build's format: parse the text */
			eg_ydoc_free(doc);
			return -1;
		}
		*out = doc;
		return 0;
	}
	return -1;
}

int eg_ydoc_load(eg_ydoc **out, const char *path, const eg_ydoc_limits *limits,
		 eg_error *err)
{
	return eg_ydoc_load_prepared(out, path, limits, NULL, 0, err);
}

int eg_ydoc_read(const char *path, size_t max_bytes, eg_strbuf *out, eg_error *err)
{
	eg_cleanup hold;
	FILE *fp;
	int fd, rc = 0;

	/* A FIFO named as a rule or config file would block for ever. */
	if ((fd = eg_open_regular(path, err)) < 0)
		return fd;
	if (!(fp = fdopen(fd, "rb"))) {
		rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return rc;
	}
	eg_cleanup_push(&hold, eg_cleanup_fclose, fp);
	/* Read at most one byte past the cap, so a huge file costs no more. */
	for (;;) {
		size_t room = max_bytes - out->len, want = 64 * 1024, got;

		if (room < want)
			want = room + 1;
		eg_sb_grow(out, want);
		got = fread(out->buf + out->len, 1, want, fp);
		out->len += got;
		out->buf[out->len] = '\0';
		if (out->len > max_bytes) {
			rc = eg_error_set(err, EG_ERR_LIMIT, path, 0, 0,
					  "input is larger than %zu bytes", max_bytes);
			break;
		}
		if (got < want) {
			if (ferror(fp))
				rc = eg_error_set(err, EG_ERR_IO, path, 0, 0, "cannot read: %s",
						  strerror(errno));
			break;
		}
	}
	eg_cleanup_pop(&hold);
	fclose(fp);
	return rc;
}

int eg_ydoc_load_prepared(eg_ydoc **out, const char *path, const eg_ydoc_limits *limits,
			  const eg_ydoc_prepared *prepared, size_t nprepared, eg_error *err)
{
	static const eg_ydoc_limits defaults = EG_YDOC_LIMITS_DEFAULT;
	const eg_ydoc_limits *lim = limits ? limits : &defaults;
	eg_strbuf sb = EG_STRBUF_INIT;
	int rc;

	*out = NULL;
	if (!(rc = eg_ydoc_read(path, lim->max_bytes, &sb, err)) &&
	    prepared_doc(out, prepared, nprepared, path, sb.buf, sb.len))
		rc = eg_ydoc_parse(out, sb.buf, sb.len, path, lim, err);
	eg_sb_release(&sb);
	return rc;
}

/* --- queries ---------------------------------------------------------------- */

eg_ynode *eg_ynode_get(const eg_ynode *map, const char *key)
{
	size_t i, len;

	if (!map || map->kind != EG_Y_MAP || !key)
		return NULL;
	len = strlen(key);
	for (i = 0; i < map->npairs; i++) {
		const eg_ynode *k = map->pairs[i].key;
		if (k->len == len && memcmp(k->str, key, len) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

/* Only untagged plain scalars: "!Ref null" names something called null. */
static bool plain_untagged(const eg_ynode *n)
{
	return n && n->kind == EG_Y_SCALAR && !n->quoted && !n->tag;
}

bool eg_ynode_is_null(const eg_ynode *n)
{
	static const char *const names[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (!plain_untagged(n))
		return false;
	for (i = 0; i < EG_ARRAY_SIZE(names); i++)
		if (n->len == strlen(names[i]) && strcmp(n->str, names[i]) == 0)
			return true;
	return false;
}

bool eg_ynode_bool(const eg_ynode *n, bool *out)
{
	if (!plain_untagged(n))
		return false;
	if (n->len == 4 && strcasecmp(n->str, "true") == 0) {
		*out = true;
		return true;
	}
	if (n->len == 5 && strcasecmp(n->str, "false") == 0) {
		*out = false;
		return true;
	}
	return false;
}

int eg_ynode_check_keys(const eg_ynode *map, const char *where, const char *const *allowed,
			const char *file, eg_status code, eg_error *err)
{
	size_t i, j;

	for (i = 0; map && i < map->npairs; i++) {
		const eg_ynode *key = map->pairs[i].key;
		eg_strbuf sb = EG_STRBUF_INIT;
		bool ok = false;
		int rc;

		for (j = 0; allowed[j] && !ok; j++)
			ok = !strcmp(key->str, allowed[j]);
		if (ok)
			continue;
		for (j = 0; allowed[j]; j++)
			eg_sb_addf(&sb, "%s%s", j ? ", " : "", allowed[j]);
		rc = eg_error_set(err, code, file, key->line, key->col,
				  "unknown key '%s' in %s (expected one of: %s)", key->str, where, sb.buf);
		eg_sb_release(&sb);
		return rc;
	}
	return 0;
}

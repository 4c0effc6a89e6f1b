/* patch.c - CloudFormation patches in the template's own style. */
#include "patch.h"

#include "jsonmem.h"
#include "strbuf.h"
#include "yamldoc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char *eg_patch_lang_name(eg_patch_lang l)
{
	static const char *const names[] = { "none", "hcl", "yaml", "json" };
	return names[l];
}

bool eg_patch_source_for(eg_format f, eg_patch_src *src, eg_patch_lang *lang)
{
	switch (f) {
	case EG_FMT_TF_PLAN:
	case EG_FMT_TF_STATE:
	case EG_FMT_TF_RAW_STATE:
		*src = EG_PATCH_TERRAFORM;
		*lang = EG_LANG_HCL;
		return true;
	case EG_FMT_CFN_YAML:
		*src = EG_PATCH_CLOUDFORMATION;
		*lang = EG_LANG_YAML;
		return true;
	case EG_FMT_CFN_JSON:
		*src = EG_PATCH_CLOUDFORMATION;
		*lang = EG_LANG_JSON;
		return true;
	case EG_FMT_AWS_CLOUDFRONT:
		*src = EG_PATCH_AWSCLI;
		*lang = EG_LANG_JSON;
		return true;
	default:
		return false;
	}
}

/* A YAML template uses short tags when some "!Name" follows a blank. */
static bool uses_short_tags(const eg_source *src)
{
	const char *p;

	if (!src || !src->data)
		return true;
	for (p = src->data; (p = strchr(p, '!')) != NULL; p++)
		if (p > src->data && (p[-1] == ' ' || p[-1] == '[' || p[-1] == '-') &&
		    p[1] >= 'A' && p[1] <= 'Z')
			return true;
	return false;
}

static json_t *scalar_json(const eg_ynode *n)
{
	char *end;
	long long i;
	double d;

	if (n->quoted)
		return json_string(n->str);
	if (!strcmp(n->str, "true") || !strcmp(n->str, "false"))
		return json_boolean(!strcmp(n->str, "true"));
	if (!strcmp(n->str, "null") || !strcmp(n->str, "~"))
		return json_null();
	if (n->len) {
		i = strtoll(n->str, &end, 10);
		if (!*end)
			return json_integer(i);
		d = strtod(n->str, &end);
		if (!*end)
			return json_real(d);
	}
	return json_string(n->str);
}

/* YAML node to the JSON CloudFormation reads: !Ref X is {"Ref": X},
 * !GetAtt A.B is {"Fn::GetAtt": [A, B]}, !Name v is {"Fn::Name": v}. */
static json_t *node_json(const eg_ynode *n)
{
	json_t *v;
	size_t i;

	switch (n->kind) {
	case EG_Y_SCALAR:
		v = scalar_json(n);
		break;
	case EG_Y_SEQ:
		v = json_array();
		for (i = 0; i < n->nitems; i++)
			json_array_append_new(v, node_json(n->items[i]));
		break;
	default:
		v = json_object();
		for (i = 0; i < n->npairs; i++)
			json_object_set_new(v, n->pairs[i].key->str, node_json(n->pairs[i].value));
		break;
	}
	if (n->tag && n->tag[0] == '!' && n->tag[1] != '!') {
		const char *name = n->tag + 1;
		json_t *w = json_object();
		if (!strcmp(name, "GetAtt") && json_is_string(v) && strchr(json_string_value(v), '.')) {
			const char *s = json_string_value(v), *dot = strchr(s, '.');
			json_t *pair = json_array();
			json_array_append_new(pair, json_stringn(s, (size_t)(dot - s)));
			json_array_append_new(pair, json_string(dot + 1));
			json_decref(v);
			v = pair;
		}
		if (!strcmp(name, "Ref") || !strcmp(name, "Condition")) {
			json_object_set_new(w, name, v);
		} else {
			eg_strbuf key = EG_STRBUF_INIT;
			eg_sb_addf(&key, "Fn::%s", name);
			json_object_set_new(w, key.buf, v);
			eg_sb_release(&key);
		}
		v = w;
	}
	return v;
}

/* A plain scalar that reads back as the same string. */
static bool plain_safe(const char *s)
{
	static const char *const words[] = { "true", "false", "null", "~", "yes", "no", "on",
					     "off", NULL };
	size_t i;
	char *end;

	if (!*s || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) || strstr(s, ": ") || strstr(s, " #") ||
	    s[strlen(s) - 1] == ' ' || s[strlen(s) - 1] == ':')
		return false;
	for (i = 0; words[i]; i++)
		if (!strcmp(s, words[i]))
			return false;
	(void)strtod(s, &end);
	return *end != '\0';
}

static void yaml_scalar(eg_strbuf *sb, const json_t *v)
{
	const char *s;

	if (json_is_string(v)) {
		s = json_string_value(v);
		if (plain_safe(s)) {
			eg_sb_adds(sb, s);
			return;
		}
		eg_sb_addc(sb, '\'');
		for (; *s; s++) {
			if (*s == '\'')
				eg_sb_addc(sb, '\'');
			eg_sb_addc(sb, *s);
		}
		eg_sb_addc(sb, '\'');
		return;
	}
	{
		char *t = json_dumps(v, JSON_ENCODE_ANY);
		eg_sb_adds(sb, t ? t : "null");
		eg_jsonmem_free(t);
	}
}

static bool is_container(const json_t *v)
{
	return (json_is_object(v) && json_object_size(v)) || (json_is_array(v) && json_array_size(v));
}

static void yaml_leaf(eg_strbuf *sb, const json_t *v)
{
	if (json_is_object(v))
		eg_sb_adds(sb, "{}");
	else if (json_is_array(v))
		eg_sb_adds(sb, "[]");
	else
		yaml_scalar(sb, v);
}

/* Block-style YAML of a non-empty container, keys in document order; the
 * first line's indent is left out when it follows a "- ". */
static void yaml_emit(eg_strbuf *sb, const json_t *v, int indent, bool first_inline)
{
	bool first = true;

	if (json_is_object(v)) {
		const char *key;
		json_t *val, *k;
		json_object_foreach((json_t *)v, key, val) {
			if (!(first && first_inline))
				eg_sb_addf(sb, "%*s", indent, "");
			first = false;
			k = json_string(key);
			yaml_scalar(sb, k);
			json_decref(k);
			eg_sb_addc(sb, ':');
			if (is_container(val)) {
				eg_sb_addc(sb, '\n');
				yaml_emit(sb, val, indent + 2, false);
			} else {
				eg_sb_addc(sb, ' ');
				yaml_leaf(sb, val);
				eg_sb_addc(sb, '\n');
			}
		}
		return;
	}
	{
		size_t i;
		json_t *item;
		json_array_foreach((json_t *)v, i, item) {
			if (!(first && first_inline))
				eg_sb_addf(sb, "%*s", indent, "");
			first = false;
			eg_sb_adds(sb, "- ");
			if (json_is_object(item) && json_object_size(item)) {
				yaml_emit(sb, item, indent + 2, true);
			} else if (is_container(item)) {
				eg_sb_addc(sb, '\n');
				yaml_emit(sb, item, indent + 2, false);
			} else {
				yaml_leaf(sb, item);
				eg_sb_addc(sb, '\n');
			}
		}
	}
}

const char *eg_patch_cfn(eg_arena *a, const char *yaml, const eg_source *src,
			 eg_patch_lang *lang)
{
	eg_ydoc_limits limits = EG_YDOC_LIMITS_DEFAULT;
	eg_ydoc *doc = NULL;
	eg_error err = EG_ERROR_INIT;
	eg_strbuf sb = EG_STRBUF_INIT;
	const char *out = NULL;
	json_t *v;

	*lang = src && src->format == EG_FMT_CFN_JSON ? EG_LANG_JSON : EG_LANG_YAML;
	if (*lang == EG_LANG_YAML && uses_short_tags(src))
		return eg_arena_strdup(a, yaml);
	if (eg_ydoc_parse(&doc, yaml, strlen(yaml), "patch", &limits, &err) || !doc->root) {
		eg_ydoc_free(doc);
		return NULL;
	}
	v = node_json(doc->root);
	eg_ydoc_free(doc);
	/* one new list item: JSON gives the item itself */
	if (*lang == EG_LANG_JSON && json_is_array(v) && json_array_size(v) == 1) {
		json_t *item = json_incref(json_array_get(v, 0));
		json_decref(v);
		v = item;
	}
	if (*lang == EG_LANG_JSON) {
		char *t = json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY);
		if (t) {
			out = eg_arena_printf(a, "%s\n", t);
			eg_jsonmem_free(t);
		}
	} else if (is_container(v)) {
		yaml_emit(&sb, v, 0, false);
		out = eg_arena_strndup(a, sb.buf, sb.len);
	} else {
		yaml_leaf(&sb, v);
		eg_sb_addc(&sb, '\n');
		out = eg_arena_strndup(a, sb.buf, sb.len);
	}
	json_decref(v);
	eg_sb_release(&sb);
	return out;
}

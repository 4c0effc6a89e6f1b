/* report_model.c - `edgegate model`: the normalized model as JSON
 * (schemas/model.schema.json), every mapped value with its state and where
 * it was written, so a user sees what edgegate understood. */
#include "report.h"

#include "map.h"
#include "strbuf.h"

#include <string.h>

static json_t *jstr_or_null(const char *s)
{
	return s ? eg_json_str(s) : json_null();
}

static json_t *where(const eg_loc *loc)
{
	eg_loc l = *loc;
	json_t *o = json_object();

	if (!l.src)
		return json_null();
	eg_model_resolve_loc(&l);
	json_object_set_new(o, "file", eg_json_str(l.src->path));
	json_object_set_new(o, "line", json_integer(l.line));
	json_object_set_new(o, "column", json_integer(l.col));
	if (l.pointer)
		json_object_set_new(o, "pointer", eg_json_str(l.pointer));
	return o;
}

static json_t *list_value(const eg_strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, eg_is_unknown(l->items[i]) ? json_null()
								     : jstr_or_null(l->items[i]));
	return a;
}

/* {value, state, location}: state is known, unknown, default (the input
 * leaves it out; CloudFront's default) or absent (left out, no default). */
static json_t *field_json(const eg_field *f, const void *base, const eg_fieldinfo *fi, size_t i)
{
	const char *at = (const char *)base + f->offset;
	bool unknown = false, set = !eg_map_unset(fi, i), has_value = true;
	json_t *o = json_object(), *v = NULL;

	switch (f->type) {
	case EG_FT_STR:
	case EG_FT_ID: {
		const char *s = *(const char *const *)at;
		unknown = eg_is_unknown(s);
		has_value = s && !unknown;
		v = has_value ? eg_json_str(s) : json_null();
		break;
	}
	case EG_FT_TRI: {
		eg_tri t = *(const eg_tri *)at;
		unknown = t == EG_TRI_UNKNOWN && set;
		has_value = t != EG_TRI_UNKNOWN;
		v = has_value ? json_boolean(t == EG_TRI_TRUE) : json_null();
		break;
	}
	case EG_FT_LIST: {
		const eg_strlist *l = (const eg_strlist *)at;
		unknown = l->unknown;
		v = unknown ? json_null() : list_value(l);
		has_value = !unknown && (set || l->n);
		break;
	}
	case EG_FT_LOC:
		break;
	}
	json_object_set_new(o, "value", v ? v : json_null());
	json_object_set_new(o, "state", json_string(unknown	       ? "unknown"
						    : set	       ? "known"
						    : has_value ? "default"
								: "absent"));
	json_object_set_new(o, "location", fi->locs ? where(&fi->locs[i]) : json_null());
	return o;
}

static json_t *fields_json(eg_mscope scope, const void *base, const eg_fieldinfo *fi)
{
	size_t n, i;
	const eg_field *fields = eg_map_fields(scope, &n);
	json_t *o = json_object();

	for (i = 0; i < n; i++)
		if (fields[i].type != EG_FT_LOC)
			json_object_set_new(o, fields[i].name, field_json(&fields[i], base, fi, i));
	return o;
}

/* A link to a resource of the picture: its index in "resources". */
static json_t *link_json(const eg_resource *r)
{
	return r ? json_integer((json_int_t)r->order) : json_null();
}

static json_t *resource_json(const eg_resource *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "kind", json_string(eg_res_kind_name(r->kind)));
	json_object_set_new(j, "address", jstr_or_null(r->address));
	json_object_set_new(j, "file", eg_json_str(r->loc.src ? r->loc.src->path : ""));
	json_object_set_new(j, "location", where(&r->loc));
	json_object_set_new(j, "fields", fields_json(EG_MS_RESOURCE, r, &r->fi));
	return j;
}

static json_t *origin_json(const eg_origin *o)
{
	json_t *j = json_object(), *headers = json_array();
	size_t i;

	json_object_set_new(j, "location", where(&o->loc));
	json_object_set_new(j, "kind", json_string(eg_cf_origin_kind_name(o->kind)));
	json_object_set_new(j, "kind_source", jstr_or_null(o->kind_source));
	json_object_set_new(j, "environment", jstr_or_null(o->env));
	json_object_set_new(j, "fields", fields_json(EG_MS_ORIGIN, o, &o->fi));
	json_object_set_new(j, "oac", link_json(o->oac));
	json_object_set_new(j, "bucket", link_json(o->bucket));
	for (i = 0; i < o->nheaders; i++) {
		json_t *h = json_object();
		/* A header value can be a secret shared with the origin. */
		json_object_set_new(h, "name", jstr_or_null(eg_is_unknown(o->headers[i].key)
								   ? NULL
								   : o->headers[i].key));
		json_array_append_new(headers, h);
	}
	json_object_set_new(j, "custom_headers", headers);
	return j;
}

static json_t *behavior_json(const eg_behavior *b)
{
	json_t *j = json_object(), *fns = json_array();
	size_t i;

	json_object_set_new(j, "default", json_boolean(b->is_default));
	json_object_set_new(j, "location", where(&b->loc));
	json_object_set_new(j, "target", b->target		? eg_json_str(b->target->id)
					 : b->target_group ? eg_json_str(b->target_group->id)
							   : json_null());
	json_object_set_new(j, "fields", fields_json(EG_MS_BEHAVIOR, b, &b->fi));
	json_object_set_new(j, "cache_policy", link_json(b->cache_policy));
	json_object_set_new(j, "origin_request_policy", link_json(b->origin_request_policy));
	for (i = 0; i < b->nfunctions; i++) {
		const eg_function_assoc *f = b->functions[i];
		json_t *fj = json_object();
		json_object_set_new(fj, "type", json_string(f->lambda ? "lambda@edge"
								      : "cloudfront-function"));
		json_object_set_new(fj, "location", where(&f->loc));
		json_object_set_new(fj, "fields", fields_json(EG_MS_FUNCTION, f, &f->fi));
		json_object_set_new(fj, "function", link_json(f->function));
		json_array_append_new(fns, fj);
	}
	json_object_set_new(j, "functions", fns);
	json_object_set_new(j, "functions_unknown", json_boolean(b->functions_unknown));
	return j;
}

static json_t *group_json(const eg_origin_group *g)
{
	json_t *j = json_object();

	json_object_set_new(j, "location", where(&g->loc));
	json_object_set_new(j, "fields", fields_json(EG_MS_GROUP, g, &g->fi));
	json_object_set_new(j, "members", g->members.unknown ? json_null() : list_value(&g->members));
	return j;
}

static json_t *container_json(const eg_distribution *d)
{
	json_t *c = json_object();
	eg_format f = d->loc.src ? d->loc.src->format : EG_FMT_UNKNOWN;

	json_object_set_new(c, "kind", json_string(f == EG_FMT_CFN_JSON || f == EG_FMT_CFN_YAML
							   ? "cloudformation-stack"
						   : f == EG_FMT_PULUMI_EXPORT ||
								   f == EG_FMT_PULUMI_PREVIEW
							   ? "pulumi-stack"
						   : f == EG_FMT_AWS_CLOUDFRONT ? "aws-account"
										: "terraform-root"));
	json_object_set_new(c, "name", d->stack     ? eg_json_str(d->stack)
				       : d->account ? eg_json_str(d->account)
						    : json_null());
	json_object_set_new(c, "file", eg_json_str(d->loc.src ? d->loc.src->path : ""));
	return c;
}

static json_t *identity_json(const eg_distribution *d)
{
	json_t *j = json_object();

	json_object_set_new(j, "address", eg_json_str(d->address));
	json_object_set_new(j, "id", jstr_or_null(eg_known(d->id) ? d->id : NULL));
	json_object_set_new(j, "domain_name", jstr_or_null(eg_known(d->domain_name) ? d->domain_name
										     : NULL));
	json_object_set_new(j, "caller_reference",
			    jstr_or_null(eg_known(d->caller_reference) ? d->caller_reference : NULL));
	json_object_set_new(j, "arn", jstr_or_null(eg_known(d->arn) ? d->arn : NULL));
	return j;
}

static json_t *distribution_json(const eg_distribution *d)
{
	json_t *j = json_object(), *a;
	size_t i;

	json_object_set_new(j, "container", container_json(d));
	json_object_set_new(j, "identity", identity_json(d));
	json_object_set_new(j, "location", where(&d->loc));
	json_object_set_new(j, "superseded", json_boolean(d->superseded_by != NULL));
	json_object_set_new(j, "environment", jstr_or_null(d->env));
	json_object_set_new(j, "environment_source", jstr_or_null(d->env_source));
	a = json_object();
	for (i = 0; i < d->ntags; i++)
		if (eg_known(d->tags[i].key))
			json_object_set_new(a, d->tags[i].key,
					    eg_is_unknown(d->tags[i].value) ? json_null()
									    : jstr_or_null(d->tags[i].value));
	json_object_set_new(j, "tags", d->tags_unknown ? json_null() : a);
	if (d->tags_unknown)
		json_decref(a);
	json_object_set_new(j, "fields", fields_json(EG_MS_DIST, d, &d->fi));
	json_object_set_new(j, "certificate", link_json(d->certificate));
	json_object_set_new(j, "continuous_deployment_policy", link_json(d->cd_policy));
	a = json_array();
	for (i = 0; i < d->norigins; i++)
		json_array_append_new(a, origin_json(d->origins[i]));
	json_object_set_new(j, "origins", d->origins_unknown ? json_null() : a);
	if (d->origins_unknown)
		json_decref(a);
	a = json_array();
	for (i = 0; i < d->ngroups; i++)
		json_array_append_new(a, group_json(d->groups[i]));
	json_object_set_new(j, "origin_groups", a);
	a = json_array();
	for (i = 0; i < d->nbehaviors; i++)
		json_array_append_new(a, behavior_json(d->behaviors[i]));
	json_object_set_new(j, "behaviors", d->behaviors_unknown ? json_null() : a);
	if (d->behaviors_unknown)
		json_decref(a);
	a = json_array();
	for (i = 0; i < d->nerror_responses; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "location", where(&d->error_responses[i]->loc));
		json_object_set_new(e, "fields", fields_json(EG_MS_ERROR, d->error_responses[i],
							     &d->error_responses[i]->fi));
		json_array_append_new(a, e);
	}
	json_object_set_new(j, "error_responses", a);
	return j;
}

static json_t *record_json(const eg_dns_record *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "address", eg_json_str(r->address));
	json_object_set_new(j, "location", where(&r->loc));
	json_object_set_new(j, "name", eg_is_unknown(r->name) ? json_null() : jstr_or_null(r->name));
	json_object_set_new(j, "type", eg_is_unknown(r->type) ? json_null() : jstr_or_null(r->type));
	json_object_set_new(j, "alias_target", eg_is_unknown(r->alias_name) ? json_null()
								       : jstr_or_null(r->alias_name));
	json_object_set_new(j, "alias_zone_id", eg_is_unknown(r->alias_zone_id)
							? json_null()
							: jstr_or_null(r->alias_zone_id));
	json_object_set_new(j, "evaluate_target_health",
			    r->evaluate_target_health == EG_TRI_UNKNOWN
				    ? json_null()
				    : json_boolean(r->evaluate_target_health == EG_TRI_TRUE));
	json_object_set_new(j, "values", r->records.unknown ? json_null() : list_value(&r->records));
	json_object_set_new(j, "distribution", r->target ? eg_json_str(r->target->address)
							 : json_null());
	json_object_set_new(j, "zone", link_json(r->zone));
	json_object_set_new(j, "zone_name", eg_is_unknown(r->zone_name) ? json_null()
									 : jstr_or_null(r->zone_name));
	json_object_set_new(j, "superseded", json_boolean(r->superseded_by != NULL));
	return j;
}

void eg_report_model(FILE *out, const eg_model *m)
{
	json_t *root = json_object(), *inputs = json_array(), *dists = json_array();
	json_t *records = json_array(), *resources = json_array();
	size_t i;

	for (i = 0; i < m->nsources; i++) {
		json_t *in = json_object();
		json_object_set_new(in, "file", eg_json_str(m->sources[i]->path));
		json_object_set_new(in, "format", json_string(eg_format_name(m->sources[i]->format)));
		json_array_append_new(inputs, in);
	}
	for (i = 0; i < m->ndists; i++)
		json_array_append_new(dists, distribution_json(m->dists[i]));
	for (i = 0; i < m->nrecords; i++)
		json_array_append_new(records, record_json(m->records[i]));
	for (i = 0; i < m->nresources; i++)
		json_array_append_new(resources, resource_json(m->resources[i]));
	json_object_set_new(root, "edgegate_model", json_integer(1));
	json_object_set_new(root, "inputs", inputs);
	json_object_set_new(root, "distributions", dists);
	json_object_set_new(root, "dns_records", records);
	json_object_set_new(root, "resources", resources);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
}

/* test_model.c - unit tests for how inputs become one picture (model.h,
 * attr.h): one view per distribution and record across inputs, the plan's
 * view winning, DNS records linked by reference, domain name and CNAME,
 * and the alias facts the cross-input rules read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "attr.h"
#include "config.h"
#include "model.h"

#include <string.h>

static char plan_path[] = "plan.json", live_path[] = "live.json";
static char dns_path[] = "records.json", state_path[] = "state.json";
/* Which view wins depends only on the format of the input. */
static eg_source plan_src = { .path = plan_path, .format = EG_FMT_TF_PLAN };
static eg_source live_src = { .path = live_path, .format = EG_FMT_AWS_CLOUDFRONT };
static eg_source dns_src = { .path = dns_path, .format = EG_FMT_AWS_ROUTE53 };
static eg_source state_src = { .path = state_path, .format = EG_FMT_TF_STATE };

static eg_loc at(eg_source *src, int line)
{
	eg_loc loc;

	memset(&loc, 0, sizeof(loc));
	loc.src = src;
	loc.line = line;
	loc.col = 1;
	return loc;
}

static eg_distribution *dist(eg_model *m, eg_source *src, int line, const char *address,
			     const char *id, const char *domain)
{
	eg_loc loc = at(src, line);
	eg_distribution *d = eg_model_add_distribution(m, &loc, address);

	d->id = eg_model_str(m, id);
	d->domain_name = eg_model_str(m, domain);
	d->aliases_loc = loc;
	return d;
}

static eg_dns_record *record(eg_model *m, eg_source *src, int line, const char *name,
			     const char *type, const char *alias)
{
	eg_loc loc = at(src, line);
	eg_dns_record *r = eg_model_add_record(m, &loc, name);

	r->name = eg_model_str(m, name);
	r->type = eg_model_str(m, type);
	r->alias_name = eg_model_str(m, alias);
	return r;
}

/* --- resources distributions point at ------------------------------------------- */

/* A reference links only inside its own input; an id, ARN or bucket name
 * links across inputs. */
static void test_model__resources_link_by_reference_and_by_identity(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *d = dist(m, &plan_src, 1, "aws_cloudfront_distribution.web", "E2ABC", NULL);
	eg_loc l1 = at(&plan_src, 10), l2 = at(&live_src, 3), l3 = at(&plan_src, 20);
	eg_resource *cert = eg_model_add_resource(m, &l1, EG_RES_CERTIFICATE, "aws_acm_certificate.c");
	eg_resource *oac = eg_model_add_resource(m, &l2, EG_RES_OAC, "E3OAC");
	eg_resource *bucket = eg_model_add_resource(m, &l3, EG_RES_BUCKET, "aws_s3_bucket.site");
	eg_resource *other = eg_model_add_resource(m, &l2, EG_RES_CERTIFICATE, "aws_acm_certificate.c");
	eg_loc ol = at(&plan_src, 2);
	eg_origin *o = eg_model_add_origin(m, d, &ol);

	(void)state;
	cert->arn = EG_UNKNOWN; /* created by this plan */
	other->arn = "arn:aws:acm:us-east-1:123456789012:certificate/other";
	oac->id = "E3OAC";
	bucket->id = bucket->name = "shop-site";
	d->certificate_ref = "aws_acm_certificate.c";
	o->oac_id = "E3OAC";
	o->domain = "shop-site.s3.us-east-1.amazonaws.com";
	eg_model_link(m);
	/* the plan's own certificate, not the same address in another input */
	assert_ptr_equal(d->certificate, cert);
	assert_ptr_equal(o->oac, oac);
	assert_ptr_equal(o->bucket, bucket);
	eg_model_free(m);
}

/* --- one view per distribution ------------------------------------------------- */

static char prod_path[] = "envs/prod/plan.json", canary_path[] = "envs/canary/plan.json";
static char old_live_path[] = "a-live.json";
static eg_source prod_src = { .path = prod_path, .format = EG_FMT_TF_PLAN };
static eg_source canary_src = { .path = canary_path, .format = EG_FMT_TF_PLAN };
static eg_source old_live_src = { .path = old_live_path, .format = EG_FMT_AWS_CLOUDFRONT };

/* An address names a resource only inside its root: two environments'
 * roots calling one module are two distributions, and a record's
 * reference stays in its own root, whichever input comes first. */
static void test_model__same_address_in_two_roots_is_two_distributions(void **state)
{
	int order;

	(void)state;
	for (order = 0; order < 2; order++) {
		eg_model *m = eg_model_new();
		eg_distribution *canary = NULL, *prod = NULL;
		eg_dns_record *r;
		eg_loc rl = at(&prod_src, 40);

		if (order)
			prod = dist(m, &prod_src, 1, "module.cdn.aws_cloudfront_distribution.this",
				    EG_UNKNOWN, EG_UNKNOWN);
		canary = dist(m, &canary_src, 1, "module.cdn.aws_cloudfront_distribution.this",
			      "E2CANARY", "d2.cloudfront.net");
		if (!order)
			prod = dist(m, &prod_src, 1, "module.cdn.aws_cloudfront_distribution.this",
				    EG_UNKNOWN, EG_UNKNOWN);
		r = eg_model_add_record(m, &rl, "module.cdn.aws_route53_record.apex");
		r->name = "example.com";
		r->type = "A";
		r->alias_name = EG_UNKNOWN;
		r->target_ref = "module.cdn.aws_cloudfront_distribution.this";
		eg_model_link(m);
		assert_null(canary->superseded_by);
		assert_null(prod->superseded_by);
		assert_ptr_equal(r->target, prod);
		/* one order after linking: by file name, then as written */
		assert_ptr_equal(m->dists[0], canary);
		assert_ptr_equal(m->dists[1], prod);
		eg_model_free(m);
	}
}

/* A replace makes a new distribution: the id it replaces ties it to what
 * is live. */
static void test_model__replace_joins_by_prior_id(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *live = dist(m, &live_src, 4, "E2OLD", "E2OLD", "d1.cloudfront.net");
	eg_distribution *plan = dist(m, &plan_src, 1, "aws_cloudfront_distribution.web", EG_UNKNOWN,
				     EG_UNKNOWN);

	(void)state;
	plan->prior_id = "E2OLD";
	eg_model_link(m);
	assert_ptr_equal(live->superseded_by, plan);
	eg_model_free(m);
}

/* Two live views of one distribution: the later LastModifiedTime wins,
 * whatever the order or the file names, and the fields that differ are
 * named; an older view is no change, so it gives no "before". */
static void test_model__later_live_view_wins_and_differences_are_named(void **state)
{
	int order;

	(void)state;
	for (order = 0; order < 2; order++) {
		eg_model *m = eg_model_new();
		eg_distribution *older = NULL, *newer = NULL;

		if (order)
			newer = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d1.cloudfront.net");
		older = dist(m, &old_live_src, 4, "E2ABC", "E2ABC", "d1.cloudfront.net");
		if (!order)
			newer = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d1.cloudfront.net");
		older->last_modified = "2026-11-18T09:36:07.904000+00:00";
		newer->last_modified = "2026-11-20T10:05:43.018000+00:00";
		eg_strlist_push(m, &older->aliases, "example.com");
		older->enabled = EG_TRI_TRUE;
		newer->enabled = EG_TRI_FALSE;
		eg_model_link(m);
		assert_ptr_equal(older->superseded_by, newer);
		assert_string_equal(newer->view_differences, "aliases, enabled");
		assert_false(newer->has_before);
		assert_int_equal(m->nremovals, 0);
		eg_model_free(m);
	}
}

static void test_model__plan_wins_over_live_by_id(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *live = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net");
	eg_distribution *plan = dist(m, &plan_src, 1, "aws_cloudfront_distribution.web", "E2ABC",
				     EG_UNKNOWN);

	(void)state;
	eg_model_link(m);
	assert_ptr_equal(live->superseded_by, plan);
	assert_null(plan->superseded_by);
	assert_int_equal(plan->nseen_also, 1);
	assert_ptr_equal(plan->seen_also[0], live);
	/* what is live fills in what the plan leaves to apply */
	assert_string_equal(plan->domain_name, "d111.cloudfront.net");
	eg_model_free(m);
}

static void test_model__live_wins_over_state_by_domain_any_case(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *st = dist(m, &state_src, 9, "aws_cloudfront_distribution.web", NULL,
				   "D111.CloudFront.net");
	eg_distribution *live = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net.");
	size_t nd, nr;

	(void)state;
	eg_model_link(m);
	assert_ptr_equal(st->superseded_by, live);
	assert_null(live->superseded_by);
	eg_model_count_distinct(m, &nd, &nr);
	assert_int_equal(nd, 1);
	eg_model_free(m);
}

static void test_model__caller_reference_joins_a_config_without_id(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *st = dist(m, &state_src, 9, "aws_cloudfront_distribution.web", "E2ABC",
				   "d111.cloudfront.net");
	eg_distribution *cfg = dist(m, &live_src, 3, "distribution with CallerReference x", NULL, NULL);
	eg_distribution *other = dist(m, &live_src, 50, "distribution with CallerReference y", NULL,
				      NULL);

	(void)state;
	st->caller_reference = "terraform-2026";
	cfg->caller_reference = "terraform-2026";
	other->caller_reference = "terraform-2027";
	eg_model_link(m);
	assert_ptr_equal(st->superseded_by, cfg);
	assert_null(other->superseded_by);
	assert_string_equal(cfg->id, "E2ABC");
	eg_model_free(m);
}

/* A view gains the id of the view it wins over, and that id then joins a
 * third view that shared nothing with it at first: the merge follows. */
static void test_model__an_identity_gained_in_a_merge_joins_later_views(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *cfg = dist(m, &live_src, 3, "distribution with CallerReference x", NULL,
				    NULL);
	eg_distribution *st = dist(m, &state_src, 9, "aws_cloudfront_distribution.web", "E2ABC",
				   NULL);
	eg_distribution *st2 = dist(m, &state_src, 20, "aws_cloudfront_distribution.old", "E2ABC",
				    NULL);
	size_t nd, nr;

	(void)state;
	cfg->caller_reference = "terraform-2026";
	st->caller_reference = "terraform-2026";
	eg_model_link(m);
	assert_ptr_equal(st->superseded_by, cfg);
	assert_ptr_equal(st2->superseded_by, cfg);
	eg_model_count_distinct(m, &nd, &nr);
	assert_int_equal(nd, 1);
	eg_model_free(m);
}

static void test_model__unknown_ids_never_match(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *a = dist(m, &plan_src, 1, "aws_cloudfront_distribution.a", EG_UNKNOWN,
				  EG_UNKNOWN);
	eg_distribution *b = dist(m, &plan_src, 2, "aws_cloudfront_distribution.b", EG_UNKNOWN,
				  EG_UNKNOWN);
	eg_distribution *c = dist(m, &live_src, 3, "DistributionConfig in x", NULL, NULL);

	(void)state;
	eg_model_link(m);
	assert_null(a->superseded_by);
	assert_null(b->superseded_by);
	assert_null(c->superseded_by);
	eg_model_free(m);
}

static void test_model__superseded_aliases_become_before_and_removals(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *live = dist(m, &live_src, 4, "E2CAN", "E2CAN", "d222.cloudfront.net");
	eg_distribution *plan = dist(m, &plan_src, 1, "aws_cloudfront_distribution.canary", "E2CAN",
				     "d222.cloudfront.net");

	(void)state;
	eg_strlist_push(m, &live->aliases, "example.com");
	eg_strlist_push(m, &live->aliases, "canary.example.com");
	eg_strlist_push(m, &plan->aliases, "CANARY.example.com.");
	eg_model_link(m);
	assert_true(plan->has_before);
	assert_int_equal(plan->aliases_before.n, 2);
	assert_int_equal(m->nremovals, 1);
	assert_string_equal(m->removals[0].host, "example.com");
	assert_string_equal(m->removals[0].address, "aws_cloudfront_distribution.canary");
	eg_model_free(m);
}

static void test_model__plan_before_is_kept_over_live(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *live = dist(m, &live_src, 4, "E2CAN", "E2CAN", NULL);
	eg_distribution *plan = dist(m, &plan_src, 1, "aws_cloudfront_distribution.canary", "E2CAN",
				     NULL);

	(void)state;
	eg_strlist_push(m, &live->aliases, "old.example.com");
	plan->has_before = true; /* the plan's own before: nothing */
	eg_model_link(m);
	assert_int_equal(plan->aliases_before.n, 0);
	assert_int_equal(m->nremovals, 0);
	eg_model_free(m);
}

/* --- records -------------------------------------------------------------------- */

static void test_model__record_links_by_domain_trailing_dot_and_case(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *d = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net");
	eg_dns_record *r = record(m, &dns_src, 3, "WWW.Example.COM", "A", "D111.CLOUDFRONT.NET.");

	(void)state;
	eg_model_link(m);
	assert_ptr_equal(r->target, d);
	assert_string_equal(r->link_source, "alias target domain name");
	eg_model_free(m);
}

static void test_model__record_links_by_cname(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *d = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net");
	eg_dns_record *r = record(m, &dns_src, 3, "cdn.example.com", "CNAME", NULL);

	(void)state;
	eg_strlist_push(m, &r->records, "d111.cloudfront.net");
	eg_model_link(m);
	assert_ptr_equal(r->target, d);
	assert_string_equal(r->link_source, "CNAME");
	eg_model_free(m);
}

static void test_model__record_follows_the_winning_view(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *live = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net");
	eg_distribution *plan = dist(m, &plan_src, 1, "aws_cloudfront_distribution.web", "E2ABC",
				     EG_UNKNOWN);
	eg_dns_record *r = record(m, &dns_src, 3, "www.example.com", "A", "d111.cloudfront.net.");

	(void)state;
	(void)live;
	eg_model_link(m);
	assert_ptr_equal(r->target, plan);
	eg_model_free(m);
}

static void test_model__cloudfront_domain_with_a_nameless_config_is_unknown(void **state)
{
	eg_model *m = eg_model_new();
	eg_dns_record *r;

	(void)state;
	dist(m, &live_src, 4, "DistributionConfig in c.json", NULL, NULL);
	r = record(m, &dns_src, 3, "www.example.com", "A", "d999.cloudfront.net.");
	eg_model_link(m);
	assert_null(r->target);
	assert_true(eg_is_unknown(r->target_ref));
	eg_model_free(m);
}

static void test_model__cloudfront_domain_of_no_input_is_absent(void **state)
{
	eg_model *m = eg_model_new();
	eg_dns_record *r;

	(void)state;
	dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net");
	r = record(m, &dns_src, 3, "www.example.com", "A", "d999.cloudfront.net.");
	eg_model_link(m);
	assert_null(r->target);
	assert_null(r->target_ref);
	eg_model_free(m);
}

static void test_model__same_record_in_plan_and_route53_is_one(void **state)
{
	eg_model *m = eg_model_new();
	eg_dns_record *live = record(m, &dns_src, 3, "www.example.com.", "A", "d111.cloudfront.net.");
	eg_dns_record *plan = record(m, &plan_src, 1, "WWW.example.com", "a", "d222.cloudfront.net");
	eg_dns_record *weighted = record(m, &dns_src, 9, "www.example.com.", "A", "d333.cloudfront.net.");
	size_t nd, nr;

	(void)state;
	weighted->set_identifier = "blue";
	eg_model_link(m);
	assert_ptr_equal(live->superseded_by, plan);
	assert_null(plan->superseded_by);
	assert_null(weighted->superseded_by); /* another routing policy entry */
	eg_model_count_distinct(m, &nd, &nr);
	assert_int_equal(nr, 2);
	eg_model_free(m);
}

/* --- alias facts ------------------------------------------------------------------- */

static eg_value attr(eg_view *v, eg_scope scope, const void *obj, const char *name)
{
	const eg_attr *a = eg_attr_find(scope, name);

	assert_non_null(a);
	return a->get(v, obj);
}

static void test_model__alias_conflicts_records_and_holders(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *canary = dist(m, &live_src, 4, "E2CAN", "E2CAN", "d222.cloudfront.net");
	eg_distribution *prod = dist(m, &live_src, 40, "E3PRD", "E3PRD", "d333.cloudfront.net");
	eg_dns_record *r = record(m, &dns_src, 14, "www.example.com", "A", "d333.cloudfront.net");
	eg_config c;
	eg_view *v;
	eg_value x;
	const void **objs;
	size_t n;

	(void)state;
	eg_strlist_push(m, &canary->aliases, "*.example.com");
	eg_strlist_push(m, &prod->aliases, "api.example.com");
	eg_model_link(m);
	eg_config_init(&c);
	v = eg_view_new(m, &c);
	eg_view_objects(v, EG_SCOPE_ALIAS, NULL, 0, &objs, &n);
	assert_int_equal(n, 2);
	x = attr(v, EG_SCOPE_ALIAS, objs[0], "conflicts"); /* the canary's wildcard */
	assert_int_equal(x.kind, EG_V_OBJS);
	assert_int_equal(x.n, 1);
	x = attr(v, EG_SCOPE_ALIAS, objs[1], "conflicts"); /* both ways, not only earlier */
	assert_int_equal(x.n, 1);
	x = attr(v, EG_SCOPE_ALIAS, objs[0], "dns_records");
	assert_int_equal(x.n, 1);
	assert_ptr_equal(x.objs[0], r);
	x = attr(v, EG_SCOPE_RECORD, r, "holders"); /* held elsewhere than its target */
	assert_int_equal(x.n, 1);
	x = attr(v, EG_SCOPE_RECORD, r, "location");
	assert_string_equal(x.s, "records.json:14:1");
	x = attr(v, EG_SCOPE_DISTRIBUTION, prod, "label");
	assert_string_equal(x.s, "E3PRD (d333.cloudfront.net)");
	eg_view_free(v);
	eg_config_release(&c);
	eg_model_free(m);
}

static void test_model__alias_added_and_moved_from(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *prod = dist(m, &plan_src, 1, "aws_cloudfront_distribution.prod", NULL, NULL);
	eg_distribution *tmpl = dist(m, &plan_src, 2, "aws_cloudfront_distribution.keep", NULL, NULL);
	eg_loc gone = at(&plan_src, 30);
	eg_config c;
	eg_view *v;
	eg_value x;
	const void **objs;
	size_t n;

	(void)state;
	prod->has_before = true; /* created by the plan */
	eg_strlist_push(m, &prod->aliases, "example.com");
	tmpl->has_before = true;
	eg_strlist_push(m, &tmpl->aliases_before, "shop.example.com");
	eg_strlist_push(m, &tmpl->aliases, "shop.example.com");
	eg_model_add_removal(m, "EXAMPLE.com.", "aws_cloudfront_distribution.old", NULL, NULL,
			     "deleted with the distribution", &gone);
	eg_model_link(m);
	eg_config_init(&c);
	v = eg_view_new(m, &c);
	eg_view_objects(v, EG_SCOPE_ALIAS, NULL, 0, &objs, &n);
	assert_int_equal(n, 2);
	x = attr(v, EG_SCOPE_ALIAS, objs[0], "added");
	assert_int_equal(x.kind, EG_V_BOOL);
	assert_true(x.b);
	x = attr(v, EG_SCOPE_ALIAS, objs[0], "moved_from");
	assert_int_equal(x.kind, EG_V_LIST);
	assert_int_equal(x.n, 1);
	assert_non_null(strstr(x.items[0], "aws_cloudfront_distribution.old (deleted"));
	x = attr(v, EG_SCOPE_ALIAS, objs[1], "added");
	assert_false(x.b);
	x = attr(v, EG_SCOPE_ALIAS, objs[1], "moved_from");
	assert_int_equal(x.n, 0);
	eg_view_free(v);
	eg_config_release(&c);
	eg_model_free(m);
}

static void test_model__superseded_views_are_not_objects(void **state)
{
	eg_model *m = eg_model_new();
	eg_distribution *live = dist(m, &live_src, 4, "E2ABC", "E2ABC", "d111.cloudfront.net");
	eg_config c;
	eg_view *v;
	const void **objs;
	size_t n;

	(void)state;
	dist(m, &plan_src, 1, "aws_cloudfront_distribution.web", "E2ABC", NULL);
	eg_strlist_push(m, &live->aliases, "www.example.com");
	eg_model_link(m);
	eg_config_init(&c);
	v = eg_view_new(m, &c);
	eg_view_objects(v, EG_SCOPE_DISTRIBUTION, NULL, 0, &objs, &n);
	assert_int_equal(n, 1);
	eg_view_objects(v, EG_SCOPE_ALIAS, NULL, 0, &objs, &n);
	assert_int_equal(n, 0); /* the live alias is the plan's to keep or drop */
	eg_view_free(v);
	eg_config_release(&c);
	eg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model__resources_link_by_reference_and_by_identity),
		cmocka_unit_test(test_model__plan_wins_over_live_by_id),
		cmocka_unit_test(test_model__same_address_in_two_roots_is_two_distributions),
		cmocka_unit_test(test_model__replace_joins_by_prior_id),
		cmocka_unit_test(test_model__later_live_view_wins_and_differences_are_named),
		cmocka_unit_test(test_model__live_wins_over_state_by_domain_any_case),
		cmocka_unit_test(test_model__caller_reference_joins_a_config_without_id),
		cmocka_unit_test(test_model__unknown_ids_never_match),
		cmocka_unit_test(test_model__an_identity_gained_in_a_merge_joins_later_views),
		cmocka_unit_test(test_model__superseded_aliases_become_before_and_removals),
		cmocka_unit_test(test_model__plan_before_is_kept_over_live),
		cmocka_unit_test(test_model__record_links_by_domain_trailing_dot_and_case),
		cmocka_unit_test(test_model__record_links_by_cname),
		cmocka_unit_test(test_model__record_follows_the_winning_view),
		cmocka_unit_test(test_model__cloudfront_domain_with_a_nameless_config_is_unknown),
		cmocka_unit_test(test_model__cloudfront_domain_of_no_input_is_absent),
		cmocka_unit_test(test_model__same_record_in_plan_and_route53_is_one),
		cmocka_unit_test(test_model__alias_conflicts_records_and_holders),
		cmocka_unit_test(test_model__alias_added_and_moved_from),
		cmocka_unit_test(test_model__superseded_views_are_not_objects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

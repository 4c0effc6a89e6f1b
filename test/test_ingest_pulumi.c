/* Unit tests for ingest_pulumi.c: Pulumi stack exports and previews into the
 * model.  The JSON below is written with ' for " to stay readable; ingest()
 * swaps them back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dialect.h"
#include "ingest.h"
#include "model.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SENTINEL "'04da6b54-80e4-46f7-96ec-b56ff0331ba9'"
#define SECRET "{'4dabf18193072939515e22adb298388d':'1b47061264138c4ac30d75fd1eb44270'," \
	       "'ciphertext':'v1:c2VjcmV0:dGFnLWNpcGhlcg=='}"
#define DIST_T "aws:cloudfront/distribution:Distribution"
#define RECORD_T "aws:route53/record:Record"
#define BUCKET_T "aws:s3/bucketV2:BucketV2"
#define URN(type, name) "urn:pulumi:dev::shop::" type "::" name

/* An exported resource or a step's state: body goes on after the type. */
#define RES(type, name, body) "{'urn':'" URN(type, name) "','custom':true,'type':'" type "'" body "}"
#define EXPORT(resources)                                                                      \
	"{'version':3,'deployment':{'manifest':{'time':'2024-05-02T09:14:27Z','magic':'m',"    \
	"'version':'v3.115.0'},'resources':[" resources "]}}"
#define STEP(op, state) "{'op':'" op "','urn':'x'," state ",'detailedDiff':null}"
#define PREVIEW(steps) "{'config':{'aws:region':'us-east-1'},'steps':[" steps "],'changeSummary':{}}"

/* quoted with ' turned into ", in a temp file; the caller unlinks and frees it. */
static char *write_json(const char *quoted)
{
	char *json = eg_xstrdup(quoted), *p, *path;

	assert_non_null(json);
	for (p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	path = test_write_temp(json, strlen(json));
	eg_free(json);
	return path;
}

static int ingest(const char *quoted, eg_model **out, eg_error *err)
{
	eg_ingest_options o = { 0 };
	char *path = write_json(quoted);
	int rc;

	*out = eg_model_new();
	rc = eg_ingest_path(*out, path, &o, err);
	unlink(path);
	eg_free(path);
	if (!rc)
		eg_model_link(*out);
	return rc;
}

/* Ingests what must fail; returns the model freed and err filled. */
static void ingest_fails(const char *quoted, eg_error *err)
{
	eg_model *m;

	assert_int_equal(ingest(quoted, &m, err), EG_ERR_INPUT);
	eg_model_free(m);
}

static void test_ingest_pulumi__export_reads_outputs_over_inputs(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	assert_int_equal(ingest(EXPORT(
		"{'urn':'" URN("pulumi:pulumi:Stack", "shop-dev") "','custom':false,'type':'pulumi:pulumi:Stack'},"
		RES(DIST_T, "site", ",'id':'E2QWRUHAPOMQZL',"
		    "'inputs':{'aliases':['old.example.com'],'comment':'inputs'},"
		    "'outputs':{'__meta':'{}','aliases':['www.example.com','*.example.com'],"
		    "'comment':'shop','domainName':'d111111abcdef8.cloudfront.net','id':'E2QWRUHAPOMQZL',"
		    "'enabled':true,'webAclId':'','loggingConfig':null,'defaultRootObject':'index.html',"
		    "'tags':{'Environment':'production'},'tagsAll':{'Environment':'production','Team':'web'},"
		    "'viewerCertificate':{'acmCertificateArn':'arn:aws:acm:us-east-1:1:certificate/x',"
		    "'cloudfrontDefaultCertificate':false,'minimumProtocolVersion':'TLSv1.2_2021',"
		    "'sslSupportMethod':'sni-only'},"
		    "'origins':[{'originId':'s3','domainName':'shop-web.s3.amazonaws.com','originPath':'',"
		    "'s3OriginConfig':{'originAccessIdentity':'origin-access-identity/cloudfront/E1'},"
		    "'customOriginConfig':null,'originAccessControlId':''},"
		    "{'originId':'api','domainName':'api.example.com','s3OriginConfig':null,"
		    "'customOriginConfig':{'originProtocolPolicy':'https-only'}}],"
		    "'originGroups':[{'originId':'group','members':[{'originId':'s3'},{'originId':'api'}]}],"
		    "'orderedCacheBehaviors':[{'pathPattern':'/api/*','targetOriginId':'api',"
		    "'allowedMethods':['GET','HEAD','OPTIONS','PUT','PATCH','POST','DELETE'],"
		    "'cachedMethods':['GET','HEAD'],'viewerProtocolPolicy':'https-only','cachePolicyId':'',"
		    "'originRequestPolicyId':'o1','responseHeadersPolicyId':''}],"
		    "'defaultCacheBehavior':{'targetOriginId':'s3','allowedMethods':['GET','HEAD'],"
		    "'viewerProtocolPolicy':'redirect-to-https'},"
		    "'customErrorResponses':[{'errorCode':404,'responseCode':200,'responsePagePath':'/index.html'}]}")),
		&m, &err), 0);
	assert_int_equal(m->ndists, 1);
	d = m->dists[0];
	assert_string_equal(d->address, "site");
	assert_string_equal(d->name, "site");
	assert_string_equal(d->stack, "shop/dev");
	assert_null(d->construct_path);
	assert_null(d->action);
	assert_string_equal(d->id, "E2QWRUHAPOMQZL");
	assert_string_equal(d->domain_name, "d111111abcdef8.cloudfront.net");
	assert_string_equal(d->comment, "shop");
	assert_int_equal(d->enabled, EG_TRI_TRUE);
	assert_null(d->web_acl_id);
	assert_int_equal(d->logging, EG_TRI_FALSE);
	assert_int_equal(d->aliases.n, 2);
	assert_string_equal(d->aliases.items[1], "*.example.com");
	assert_string_equal(d->alias_locs[1].pointer, "/deployment/resources/1/outputs/aliases/1");
	assert_true(d->alias_locs[1].line > 0);
	assert_string_equal(d->loc.pointer, "/deployment/resources/1");
	/* tagsAll fills in the provider's default tags */
	assert_int_equal(d->ntags, 2);
	assert_string_equal(eg_distribution_tag(d, "team"), "web");
	assert_int_equal(d->default_certificate, EG_TRI_FALSE);
	assert_string_equal(d->ssl_support_method, "sni-only");
	assert_int_equal(d->norigins, 2);
	assert_int_equal(d->origins[0]->s3_config, EG_TRI_TRUE);
	assert_int_equal(d->origins[0]->kind, EG_ORIGIN_S3);
	assert_null(d->origins[0]->path);
	assert_null(d->origins[0]->oac_id);
	assert_string_equal(d->origins[0]->oai, "origin-access-identity/cloudfront/E1");
	assert_int_equal(d->origins[1]->s3_config, EG_TRI_FALSE);
	assert_string_equal(d->origins[1]->protocol_policy, "https-only");
	assert_int_equal(d->ngroups, 1);
	assert_int_equal(d->groups[0]->members.n, 2);
	assert_int_equal(d->nbehaviors, 2);
	assert_string_equal(d->behaviors[0]->path_pattern, "/api/*");
	assert_int_equal(d->behaviors[0]->index, 0);
	assert_int_equal(eg_behavior_methods(d->behaviors[0]), EG_M_ALL);
	assert_null(d->behaviors[0]->cache_policy_id);
	assert_string_equal(d->behaviors[0]->origin_request_policy_id, "o1");
	assert_true(d->behaviors[1]->is_default);
	assert_string_equal(d->behaviors[1]->path_pattern, "*");
	assert_ptr_equal(d->behaviors[1]->target, d->origins[0]);
	assert_int_equal(d->nerror_responses, 1);
	assert_string_equal(d->error_responses[0]->error_code, "404");
	assert_string_equal(d->error_responses[0]->page_path, "/index.html");
	eg_model_free(m);
}

static void test_ingest_pulumi__sentinel_is_unknown(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	assert_int_equal(ingest(PREVIEW(
		STEP("create", "'newState':" RES(DIST_T, "site", ",'inputs':{'__defaults':[],"
		     "'aliases':" SENTINEL ",'comment':" SENTINEL ",'enabled':" SENTINEL ","
		     "'tags':{'Environment':" SENTINEL ",'__defaults':[]},"
		     "'origins':[{'originId':'s3','domainName':" SENTINEL "}," SENTINEL "],"
		     "'orderedCacheBehaviors':[{'pathPattern':'/api/*','allowedMethods':" SENTINEL
		     ",'cachedMethods':['GET'," SENTINEL "]}],"
		     "'defaultCacheBehavior':" SENTINEL ",'loggingConfig':" SENTINEL "}"))),
		&m, &err), 0);
	d = m->dists[0];
	assert_string_equal(d->action, "create");
	/* a distribution being created has no id or domain yet */
	assert_true(eg_is_unknown(d->id));
	assert_true(eg_is_unknown(d->domain_name));
	assert_true(d->aliases.unknown);
	assert_true(eg_is_unknown(d->comment));
	assert_int_equal(d->enabled, EG_TRI_UNKNOWN);
	assert_int_equal(d->logging, EG_TRI_UNKNOWN);
	assert_false(d->tags_unknown);
	assert_true(eg_is_unknown(eg_distribution_tag(d, "Environment")));
	assert_int_equal(d->ntags, 1); /* __defaults is not a tag */
	assert_int_equal(d->norigins, 2);
	assert_true(eg_is_unknown(d->origins[0]->domain));
	assert_string_equal(d->origins[0]->id, "s3");
	assert_true(eg_is_unknown(d->origins[1]->id));
	assert_true(eg_is_unknown(d->origins[1]->domain));
	assert_true(d->behaviors_unknown); /* the default behavior is unknown */
	assert_true(d->behaviors[0]->allowed_methods.unknown);
	assert_false(d->behaviors[0]->cached_methods.unknown);
	assert_true(eg_is_unknown(d->behaviors[0]->cached_methods.items[1]));
	/* a create starts from no aliases */
	assert_true(d->has_before);
	assert_int_equal(d->aliases_before.n, 0);
	eg_model_free(m);
}

static void test_ingest_pulumi__secret_is_unknown(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	size_t i;
	(void)state;

	assert_int_equal(ingest(EXPORT(
		RES(DIST_T, "a", ",'outputs':{'aliases':['a.example.com'],'tags':{},'tagsAll':" SECRET "}") ","
		RES(DIST_T, "b", ",'outputs':{'aliases':" SECRET ",'tags':" SECRET ",'tagsAll':" SECRET "}") ","
		RES(DIST_T, "c", ",'outputs':{'aliases':[],'tags':{'Environment':" SECRET "}}") ","
		RES(DIST_T, "d", ",'outputs':{'aliases':[],'tagsAll':" SECRET "}")),
		&m, &err), 0);
	assert_int_equal(m->ndists, 4);
	/* tags known: the secret tagsAll adds nothing and hides nothing */
	assert_false(m->dists[0]->tags_unknown);
	assert_int_equal(m->dists[0]->ntags, 0);
	assert_true(m->dists[1]->aliases.unknown);
	assert_true(m->dists[1]->tags_unknown);
	assert_true(eg_is_unknown(eg_distribution_tag(m->dists[2], "Environment")));
	/* no tags but tagsAll is secret: the tags are not known */
	assert_true(m->dists[3]->tags_unknown);
	for (i = 0; i < m->ndists; i++)
		assert_true(eg_is_unknown(m->dists[i]->domain_name));
	eg_model_free(m);

	/* a preview prints secrets as "[secret]" */
	assert_int_equal(ingest(PREVIEW(
		STEP("create", "'newState':" RES(DIST_T, "s", ",'inputs':{'aliases':['[secret]'],"
		     "'tags':'[secret]'}"))), &m, &err), 0);
	assert_true(eg_is_unknown(m->dists[0]->aliases.items[0]));
	assert_true(m->dists[0]->tags_unknown);
	eg_model_free(m);
}

static void test_ingest_pulumi__urn_parts_and_sst_nesting(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	assert_int_equal(ingest(EXPORT(
		"{'urn':'urn:pulumi:prod::my-app::sst:aws:Router$sst:aws:CDN$" DIST_T "::RouterCdnDistribution',"
		"'custom':true,'type':'" DIST_T "','outputs':{'aliases':['shop.example.com']}},"
		/* matched on type, not on the URN */
		"{'urn':'urn:pulumi:prod::my-app::" DIST_T "::NotOne','custom':false,'type':'my:index:Thing'},"
		"{'urn':'urn:pulumi:prod::my-app::sst:aws:Router::Router','custom':false,'type':'sst:aws:Router'}"),
		&m, &err), 0);
	assert_int_equal(m->ndists, 1);
	d = m->dists[0];
	assert_string_equal(d->address, "RouterCdnDistribution");
	assert_string_equal(d->name, "RouterCdnDistribution");
	assert_string_equal(d->stack, "my-app/prod");
	assert_string_equal(d->construct_path, "sst:aws:Router > sst:aws:CDN");
	eg_model_free(m);

	/* two components can each hold a distribution of the same name */
	assert_int_equal(ingest(EXPORT(
		"{'urn':'urn:pulumi:prod::app::sst:aws:CDN$" DIST_T "::Cdn','type':'" DIST_T "','outputs':{}},"
		"{'urn':'urn:pulumi:prod::app::my:Site$" DIST_T "::Cdn','type':'" DIST_T "','outputs':{}}"),
		&m, &err), 0);
	assert_int_equal(m->ndists, 2);
	assert_string_equal(m->dists[0]->address, "sst:aws:CDN$" DIST_T "::Cdn");
	assert_string_equal(m->dists[1]->address, "my:Site$" DIST_T "::Cdn");
	assert_null(m->dists[0]->superseded_by);
	assert_null(m->dists[1]->superseded_by);
	eg_model_free(m);
}

static void test_ingest_pulumi__export_skips_pending_deletes_and_reads(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest(EXPORT(
		RES(DIST_T, "old", ",'delete':true,'outputs':{'aliases':['a.example.com']}") ","
		RES(DIST_T, "live", ",'external':true,'outputs':{'aliases':['b.example.com']}") ","
		RES(DIST_T, "kept", ",'outputs':{'aliases':['a.example.com']}")),
		&m, &err), 0);
	assert_int_equal(m->ndists, 1);
	assert_string_equal(m->dists[0]->address, "kept");
	eg_model_free(m);
}

static void test_ingest_pulumi__delete_step_is_a_removal(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	(void)state;

	assert_int_equal(ingest(PREVIEW(
		STEP("delete", "'oldState':" RES(DIST_T, "old", ",'id':'E1',"
		     "'inputs':{'aliases':['x.example.com']},"
		     "'outputs':{'aliases':['www.example.com'," SENTINEL "],'id':'E1'}")) ","
		STEP("read", "'newState':" RES(DIST_T, "looked-up", ",'outputs':{'aliases':[]}")) ","
		STEP("discard", "'oldState':" RES(DIST_T, "gone", ",'outputs':{'aliases':['z.example.com']}")) ","
		STEP("delete-replaced", "'oldState':" RES(DIST_T, "kept", ",'outputs':{'aliases':['y.example.com']}"))),
		&m, &err), 0);
	assert_int_equal(m->ndists, 0);
	assert_int_equal(m->nremovals, 1);
	assert_string_equal(m->removals[0].host, "www.example.com");
	assert_string_equal(m->removals[0].address, "old");
	assert_string_equal(m->removals[0].stack, "shop/dev");
	assert_string_equal(m->removals[0].how, "deleted with the distribution");
	assert_string_equal(m->removals[0].loc.pointer, "/steps/0/oldState/outputs/aliases/0");
	eg_model_free(m);
}

static void test_ingest_pulumi__update_diffs_aliases_against_old_state(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	assert_int_equal(ingest(PREVIEW(
		STEP("update",
		     "'oldState':" RES(DIST_T, "site", ",'id':'E1',"
		     "'outputs':{'aliases':['www.example.com','shop.example.com'],'id':'E1',"
		     "'domainName':'d111111abcdef8.cloudfront.net'}") ","
		     "'newState':" RES(DIST_T, "site", ",'id':'E1','inputs':{'aliases':['shop.example.com']}"))),
		&m, &err), 0);
	d = m->dists[0];
	assert_string_equal(d->action, "update");
	assert_true(d->has_before);
	assert_int_equal(d->aliases_before.n, 2);
	/* an update keeps the distribution, so the old state names it */
	assert_string_equal(d->id, "E1");
	assert_string_equal(d->domain_name, "d111111abcdef8.cloudfront.net");
	assert_int_equal(m->nremovals, 1);
	assert_string_equal(m->removals[0].host, "www.example.com");
	assert_string_equal(m->removals[0].how, "removed from its aliases");
	eg_model_free(m);
}

static void test_ingest_pulumi__replacement_steps_give_one_distribution(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_distribution *d;
	(void)state;

	/* --show-replacement-steps prints create-replacement, replace and
	 * delete-replaced for one resource */
	assert_int_equal(ingest(PREVIEW(
		STEP("create-replacement",
		     "'oldState':" RES(DIST_T, "site", ",'outputs':{'aliases':['a.example.com'],'id':'E1',"
		     "'domainName':'d111111abcdef8.cloudfront.net'}") ","
		     "'newState':" RES(DIST_T, "site", ",'inputs':{'aliases':['b.example.com']}")) ","
		STEP("replace",
		     "'oldState':" RES(DIST_T, "site", ",'outputs':{'aliases':['a.example.com']}") ","
		     "'newState':" RES(DIST_T, "site", ",'inputs':{'aliases':['b.example.com']}")) ","
		STEP("delete-replaced",
		     "'oldState':" RES(DIST_T, "site", ",'outputs':{'aliases':['a.example.com']}"))),
		&m, &err), 0);
	assert_int_equal(m->ndists, 1);
	d = m->dists[0];
	assert_string_equal(d->address, "site");
	assert_string_equal(d->action, "replace");
	/* a new distribution: a new id and domain */
	assert_true(eg_is_unknown(d->id));
	assert_true(eg_is_unknown(d->domain_name));
	assert_int_equal(m->nremovals, 1);
	assert_string_equal(m->removals[0].host, "a.example.com");
	eg_model_free(m);
}

static void test_ingest_pulumi__record_links_through_property_dependencies(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_dns_record *r;
	(void)state;

	assert_int_equal(ingest(PREVIEW(
		STEP("create", "'newState':" RES(DIST_T, "site", ",'inputs':{'aliases':['www.example.com']}")) ","
		STEP("create", "'newState':" RES(RECORD_T, "www", ",'inputs':{'name':'www','type':'A',"
		     "'zoneId':" SENTINEL ",'aliases':[{'name':" SENTINEL ",'zoneId':" SENTINEL ","
		     "'evaluateTargetHealth':false,'__defaults':[]}]},"
		     "'propertyDependencies':{'name':null,'zoneId':['" URN("aws:route53/zone:Zone", "zone") "'],"
		     "'aliases':['" URN(DIST_T, "site") "']}")) ","
		STEP("create", "'newState':" RES("aws:route53/zone:Zone", "zone", ",'inputs':{'name':'example.com'}")) ","
		/* a relative name in a zone the preview does not hold */
		STEP("create", "'newState':" RES(RECORD_T, "api", ",'inputs':{'name':'api','type':'CNAME',"
		     "'zoneId':'Z1','records':[" SENTINEL "]},"
		     "'propertyDependencies':{'records':['" URN(DIST_T, "site") "']}")) ","
		/* an alias from a stack reference: maybe a distribution */
		STEP("create", "'newState':" RES(RECORD_T, "legacy", ",'inputs':{'name':'legacy.example.com',"
		     "'type':'A','zoneId':'Z1','aliases':[{'name':" SENTINEL ",'zoneId':" SENTINEL "}]},"
		     "'propertyDependencies':{'aliases':['" URN("pulumi:pulumi:StackReference", "other") "']}")) ","
		/* an alias to a load balancer being created */
		STEP("create", "'newState':" RES(RECORD_T, "lb", ",'inputs':{'name':'lb.example.com',"
		     "'type':'A','zoneId':'Z1','aliases':[{'name':" SENTINEL ",'zoneId':" SENTINEL "}]},"
		     "'propertyDependencies':{'aliases':['" URN("aws:lb/loadBalancer:LoadBalancer", "alb") "']}"))),
		&m, &err), 0);
	assert_int_equal(m->nrecords, 4);
	r = m->records[0];
	assert_string_equal(r->address, "www");
	/* the zone's name comes from the zone resource it depends on */
	assert_string_equal(r->name, "www.example.com");
	assert_string_equal(r->target_ref, "site");
	assert_string_equal(r->stack, "shop/dev");
	assert_ptr_equal(r->target, m->dists[0]);
	assert_string_equal(r->link_source, "resource reference");
	assert_true(eg_is_unknown(r->alias_zone_id));
	assert_int_equal(r->alias_zone_candidates.n, 2);
	assert_string_equal(r->alias_zone_candidates.items[0], "Z2FDTNDATAQYW2");
	r = m->records[1];
	assert_true(eg_is_unknown(r->name));
	assert_ptr_equal(r->target, m->dists[0]);
	assert_true(eg_is_unknown(m->records[2]->target_ref));
	assert_null(m->records[2]->target);
	assert_null(m->records[3]->target_ref);
	eg_model_free(m);

	/* the zone found by its id; a name that ends with the zone is whole */
	assert_int_equal(ingest(PREVIEW(
		STEP("same", "'newState':" RES("aws:route53/zone:Zone", "zone", ",'inputs':{'name':'example.org'},"
		     "'outputs':{'name':'example.org','zoneId':'Z9'}")) ","
		STEP("create", "'newState':" RES(RECORD_T, "api", ",'inputs':{'name':'api','type':'A','zoneId':'Z9'}")) ","
		STEP("create", "'newState':" RES(RECORD_T, "apex", ",'inputs':{'name':'Example.org.','type':'A',"
		     "'zoneId':'Z9'}"))),
		&m, &err), 0);
	assert_string_equal(m->records[0]->name, "api.example.org");
	assert_string_equal(m->records[1]->name, "Example.org.");
	eg_model_free(m);
}

static void test_ingest_pulumi__export_record_fields(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_dns_record *r;
	(void)state;

	assert_int_equal(ingest(EXPORT(
		RES(DIST_T, "site", ",'outputs':{'aliases':[],'domainName':'d111111abcdef8.cloudfront.net'}") ","
		RES(RECORD_T, "www", ",'outputs':{'name':'www','fqdn':'www.example.com','type':'CNAME',"
		    "'zoneId':'Z1','records':['d111111abcdef8.cloudfront.net'],'setIdentifier':'blue',"
		    "'aliases':[],'ttl':300}") ","
		RES(RECORD_T, "apex", ",'outputs':{'name':'example.com','fqdn':'example.com','type':'A',"
		    "'zoneId':'Z1','records':null,'setIdentifier':'',"
		    "'aliases':[{'name':'d111111abcdef8.cloudfront.net','zoneId':'Z2FDTNDATAQYW2',"
		    "'evaluateTargetHealth':true}]}")),
		&m, &err), 0);
	assert_int_equal(m->nrecords, 2);
	r = m->records[0];
	assert_string_equal(r->name, "www.example.com");
	assert_string_equal(r->type, "CNAME");
	assert_string_equal(r->set_identifier, "blue");
	assert_null(r->alias_name);
	assert_string_equal(r->link_source, "CNAME");
	r = m->records[1];
	assert_null(r->set_identifier);
	assert_string_equal(r->alias_zone_id, "Z2FDTNDATAQYW2");
	assert_int_equal(r->evaluate_target_health, EG_TRI_TRUE);
	assert_int_equal(m->records[0]->evaluate_target_health, EG_TRI_FALSE);
	assert_ptr_equal(r->target, m->dists[0]);
	assert_string_equal(r->link_source, "alias target domain name");
	eg_model_free(m);
}

static void test_ingest_pulumi__origin_kind_and_tags_from_dependency(void **state)
{
	eg_model *m;
	eg_error err = EG_ERROR_INIT;
	const eg_origin *o;
	(void)state;

	assert_int_equal(ingest(PREVIEW(
		STEP("create", "'newState':" RES(BUCKET_T, "assets", ",'inputs':{'bucket':'shop-assets-3f7c2a1',"
		     "'tags':{'Environment':'staging','__defaults':[]}}")) ","
		STEP("create", "'newState':" RES(DIST_T, "site", ",'inputs':{'origins':["
		     "{'originId':'s3','domainName':" SENTINEL ",'originAccessControlId':" SENTINEL "},"
		     "{'originId':'web','domainName':'www.example.org'}]},"
		     "'propertyDependencies':{'origins':['" URN(BUCKET_T, "assets") "','"
		     URN("aws:cloudfront/originAccessControl:OriginAccessControl", "oac") "','"
		     URN(BUCKET_T, "assets") "']}")) ","
		/* two load balancers: the kind is known, which one is not */
		STEP("create", "'newState':" RES(DIST_T, "api", ",'inputs':{'origins':["
		     "{'originId':'a','domainName':" SENTINEL "},{'originId':'b','domainName':" SENTINEL "}]},"
		     "'propertyDependencies':{'origins':['" URN("aws:lb/loadBalancer:LoadBalancer", "a") "','"
		     URN("aws:lb/loadBalancer:LoadBalancer", "b") "']}")) ","
		/* of two kinds: nothing is guessed */
		STEP("create", "'newState':" RES(DIST_T, "mixed", ",'inputs':{'origins':["
		     "{'originId':'a','domainName':" SENTINEL "},{'originId':'b','domainName':" SENTINEL "}]},"
		     "'propertyDependencies':{'origins':['" URN("aws:lb/loadBalancer:LoadBalancer", "a") "','"
		     URN(BUCKET_T, "assets") "']}"))),
		&m, &err), 0);
	assert_int_equal(m->ndists, 3);
	o = m->dists[0]->origins[0];
	assert_int_equal(o->kind, EG_ORIGIN_S3);
	assert_string_equal(o->kind_source, "reference to assets (" BUCKET_T ")");
	assert_string_equal(o->ref, "assets");
	assert_string_equal(o->ref_name, "shop-assets-3f7c2a1");
	assert_true(o->ref_same_stack);
	assert_int_equal(o->nref_tags, 1);
	assert_string_equal(eg_tag_find(o->ref_tags, o->nref_tags, "Environment"), "staging");
	/* a known domain is classified by itself */
	o = m->dists[0]->origins[1];
	assert_null(o->ref);
	assert_int_equal(o->kind, EG_ORIGIN_CUSTOM);
	o = m->dists[1]->origins[1];
	assert_int_equal(o->kind, EG_ORIGIN_LB);
	assert_null(o->ref);
	assert_int_equal(m->dists[2]->origins[0]->kind, EG_ORIGIN_UNKNOWN);
	assert_null(m->dists[2]->origins[0]->ref);
	eg_model_free(m);
}

/* `sst state export` prints the checkpoint {stack, latest}; eg_ingest_path
 * does not recognise it yet, so the reader is called directly. */
static void test_ingest_pulumi__sst_checkpoint(void **state)
{
	const char *quoted =
		"{'stack':'organization/shop/production','latest':{'manifest':{'time':'t','magic':'m',"
		"'version':'v3.115.0'},'resources':["
		"{'urn':'urn:pulumi:production::shop::sst:aws:Router$sst:aws:CDN$" DIST_T "::RouterCdn',"
		"'custom':true,'type':'" DIST_T "','outputs':{'aliases':[]}}]}}";
	eg_error err = EG_ERROR_INIT;
	eg_model *m = eg_model_new();
	eg_source *src = NULL;
	eg_ydoc *doc = NULL;
	char *path = write_json(quoted);
	(void)state;

	assert_int_equal(eg_source_load(&src, path, 1 << 20, &err), 0);
	src->format = EG_FMT_PULUMI_EXPORT;
	assert_int_equal(eg_ydoc_parse_json(&doc, src->data, src->len, path, NULL, &err), 0);
	eg_model_add_source_take(m, src);
	assert_int_equal(eg_ingest_pulumi(m, src, doc, &err), 0);
	assert_int_equal(m->ndists, 1);
	assert_string_equal(m->dists[0]->stack, "shop/production");
	assert_string_equal(m->dists[0]->loc.pointer, "/latest/resources/0");
	eg_ydoc_free(doc);
	eg_model_free(m);
	unlink(path);
	eg_free(path);
}

static void test_ingest_pulumi__errors_name_line_and_column(void **state)
{
	eg_error err = EG_ERROR_INIT;
	(void)state;

	ingest_fails(EXPORT(RES(DIST_T, "a", ",\n'outputs':{'aliases':'www.example.com'}")), &err);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 22);
	assert_non_null(strstr(err.message, "aliases: expected a list of host names, as `pulumi stack export`"));

	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'origins':{'originId':'x'}}")), &err);
	assert_non_null(strstr(err.message, "origins: expected a list"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'origins':['x']}")), &err);
	assert_non_null(strstr(err.message, "origins: expected a list of objects"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'aliases':[['x']]}")), &err);
	assert_non_null(strstr(err.message, "aliases: expected a list of strings"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'enabled':'yes'}")), &err);
	assert_non_null(strstr(err.message, "enabled: expected true or false"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'viewerCertificate':[]}")), &err);
	assert_non_null(strstr(err.message, "viewerCertificate: expected an object"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'comment':{}}")), &err);
	assert_non_null(strstr(err.message, "comment: expected a string"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{'tags':['Environment']}")), &err);
	assert_non_null(strstr(err.message, "tags: expected an object of tag values"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':[]")), &err);
	assert_non_null(strstr(err.message, "outputs: expected an object"));
	ingest_fails(EXPORT(RES(DIST_T, "a", ",'outputs':{},'propertyDependencies':{'origins':'x'}")), &err);
	assert_non_null(strstr(err.message, "propertyDependencies: expected lists of URNs"));
	ingest_fails(EXPORT("{'urn':'a::b','type':'" DIST_T "','outputs':{}}"), &err);
	assert_non_null(strstr(err.message, "urn: expected urn:pulumi:<stack>::<project>::<type>::<name>"));
	ingest_fails(EXPORT(RES(RECORD_T, "r", ",'outputs':{'aliases':{'name':'x'}}")), &err);
	assert_non_null(strstr(err.message, "aliases: expected a list"));

	ingest_fails("{'version':3,'deployment':{'manifest':{}}}", &err);
	assert_non_null(strstr(err.message, "deployment.resources: expected a list of resources"));
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 27); /* the deployment object */
	ingest_fails("{'version':3,'deployment':{'resources':{}}}", &err);
	assert_non_null(strstr(err.message, "deployment.resources: expected a list of resources"));
	ingest_fails("{'version':3,'deployment':{'resources':[1]}}", &err);
	assert_non_null(strstr(err.message, "deployment.resources: expected a list of resources"));
	ingest_fails("{'version':4,'deployment':{'resources':[]}}", &err);
	assert_non_null(strstr(err.message, "unsupported Pulumi stack export version 4"));
	assert_int_equal(err.col, 12);

	ingest_fails(PREVIEW("[]"), &err);
	assert_non_null(strstr(err.message, "steps: expected a list of steps, as `pulumi preview --json`"));
	ingest_fails(PREVIEW("{'urn':'x'}"), &err);
	assert_non_null(strstr(err.message, "op: expected a string"));
	ingest_fails(PREVIEW(STEP("create", "'newState':'x'")), &err);
	assert_non_null(strstr(err.message, "newState: expected an object"));
	ingest_fails(PREVIEW(STEP("update", "'oldState':[],'newState':{}")), &err);
	assert_non_null(strstr(err.message, "oldState: expected an object"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ingest_pulumi__export_reads_outputs_over_inputs),
		cmocka_unit_test(test_ingest_pulumi__sentinel_is_unknown),
		cmocka_unit_test(test_ingest_pulumi__secret_is_unknown),
		cmocka_unit_test(test_ingest_pulumi__urn_parts_and_sst_nesting),
		cmocka_unit_test(test_ingest_pulumi__export_skips_pending_deletes_and_reads),
		cmocka_unit_test(test_ingest_pulumi__delete_step_is_a_removal),
		cmocka_unit_test(test_ingest_pulumi__update_diffs_aliases_against_old_state),
		cmocka_unit_test(test_ingest_pulumi__replacement_steps_give_one_distribution),
		cmocka_unit_test(test_ingest_pulumi__record_links_through_property_dependencies),
		cmocka_unit_test(test_ingest_pulumi__export_record_fields),
		cmocka_unit_test(test_ingest_pulumi__origin_kind_and_tags_from_dependency),
		cmocka_unit_test(test_ingest_pulumi__sst_checkpoint),
		cmocka_unit_test(test_ingest_pulumi__errors_name_line_and_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

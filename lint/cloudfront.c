/* cloudfront.c - CloudFront semantics as pure functions: path patterns,
 * origin kinds, method sets and alias coverage (../shared/CLOUDFRONT.md).
 *
 * Nothing here allocates.  Every comparison of DNS names is ASCII
 * case-insensitive and independent of the locale; a DNS name may carry one
 * trailing dot ("example.com.") and means the same name without it.
 */
#include "cloudfront.h"

#include "common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- small ASCII helpers ------------------------------------------------ */

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Whether the n bytes at a and b are equal ignoring ASCII case. */
static bool mem_ieq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower(a[i]) != ascii_lower(b[i]))
			return false;
	return true;
}

static bool str_ieq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && mem_ieq(a, b, n);
}

/* Length of DNS name s without one trailing dot. */
static size_t host_len(const char *s)
{
	size_t n = strlen(s);

	return (n > 0 && s[n - 1] == '.') ? n - 1 : n;
}

/* Whether s[0..n) ends with suffix, ignoring case, with at least one byte
 * before it. */
static bool ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && mem_ieq(s + n - k, suffix, k);
}

/* --- path patterns ------------------------------------------------------ */

/* CloudFront treats "/images/x" and "images/x" alike; dropping one leading
 * '/' from both sides is the same as giving both exactly one. */
static const char *skip_slash(const char *s)
{
	return *s == '/' ? s + 1 : s;
}

/* The one glob matcher (common.h): linear in the lengths, whatever the
 * number of stars. */
bool eg_cf_path_match(const char *pattern, const char *path)
{
	if (!pattern || !path)
		return false;
	return eg_glob_match(skip_slash(pattern), skip_slash(path));
}

/* --- paths two patterns share ------------------------------------------ */

/* A pattern as a set of positions (an NFA over its bytes): position i waits
 * for pattern[i]; position n accepts.  At most 256 positions: CloudFront
 * patterns have at most 255 characters. */
typedef struct pos_set {
	uint64_t w[4];
} pos_set;

static void set_add(pos_set *s, size_t i) { s->w[i / 64] |= (uint64_t)1 << (i % 64); }
static bool set_has(const pos_set *s, size_t i) { return (s->w[i / 64] >> (i % 64)) & 1; }
static bool set_empty(const pos_set *s) { return !(s->w[0] | s->w[1] | s->w[2] | s->w[3]); }

/* Adds i and every position a run of '*' lets the pattern skip to. */
static void close_at(const char *p, size_t n, pos_set *s, size_t i)
{
	for (; i <= n; i++) {
		set_add(s, i);
		if (i == n || p[i] != '*')
			break;
	}
}

static pos_set step(const char *p, size_t n, const pos_set *s, char c)
{
	pos_set out = { { 0, 0, 0, 0 } };
	size_t i;

	for (i = 0; i < n; i++) {
		if (!set_has(s, i))
			continue;
		if (p[i] == '*')
			close_at(p, n, &out, i);
		else if (p[i] == '?' || p[i] == c)
			close_at(p, n, &out, i + 1);
	}
	return out;
}

#define WITNESS_MAX_STATES 4096
#define WITNESS_MAX_PATTERNS 80

typedef struct wstate {
	pos_set *sets; /* one per pattern: the route, the taker, then each earlier one */
	size_t parent;
	char c;
} wstate;

static bool same_sets(const pos_set *a, const pos_set *b, size_t n)
{
	return !memcmp(a, b, n * sizeof(*a));
}

/* Whether two patterns' fixed ends agree: the bytes before the first '*'
 * and after the last, '?' matching any.  When they do not, no path matches
 * both, which spares the search most pairs ("/static3/ *", "/static7/ *"). */
static bool ends_agree(const char *a, size_t la, const char *b, size_t lb)
{
	const char *sa = memchr(a, '*', la), *sb = memchr(b, '*', lb);
	size_t pa = sa ? (size_t)(sa - a) : la, pb = sb ? (size_t)(sb - b) : lb, i;
	size_t ta, tb;

	for (i = 0; i < pa && i < pb; i++)
		if (a[i] != b[i] && a[i] != '?' && b[i] != '?')
			return false;
	for (ta = 0; ta < la && a[la - 1 - ta] != '*'; ta++)
		;
	for (tb = 0; tb < lb && b[lb - 1 - tb] != '*'; tb++)
		;
	for (i = 0; i < ta && i < tb; i++) {
		char x = a[la - 1 - i], y = b[lb - 1 - i];
		if (x != y && x != '?' && y != '?')
			return false;
	}
	return true;
}

int eg_cf_pattern_witness(const char *route, const char *taker, const char *const *earlier,
			  size_t nearlier, char *out, size_t outlen)
{
	const char *pats[WITNESS_MAX_PATTERNS + 2];
	size_t lens[WITNESS_MAX_PATTERNS + 2], np = 2, i, j, k, nstates = 0, head = 0;
	size_t alloc = 64;
	char alphabet[96];
	size_t nalpha = 0;
	wstate *states;
	pos_set *next = NULL; /* the step being tried; kept when it is new */
	int found = 0;

	if (!route || !taker || nearlier > WITNESS_MAX_PATTERNS)
		return -1;
	pats[0] = skip_slash(route);
	pats[1] = skip_slash(taker);
	for (i = 0; i < 2; i++)
		if ((lens[i] = strlen(pats[i])) > 255)
			return -1;
	if (!ends_agree(pats[0], lens[0], pats[1], lens[1]))
		return 0;
	/* an earlier pattern that shares no path with both takes none of theirs */
	for (i = 0; i < nearlier; i++) {
		if (!earlier[i])
			return -1;
		pats[np] = skip_slash(earlier[i]);
		if ((lens[np] = strlen(pats[np])) > 255)
			return -1;
		if (ends_agree(pats[np], lens[np], pats[0], lens[0]) &&
		    ends_agree(pats[np], lens[np], pats[1], lens[1]))
			np++;
	}
	/* the bytes any pattern names, and one byte none names */
	for (i = 0; i < np; i++)
		for (j = 0; j < lens[i]; j++) {
			char c = pats[i][j];
			if (c == '*' || c == '?' || memchr(alphabet, c, nalpha) || nalpha >= sizeof(alphabet) - 1)
				continue;
			alphabet[nalpha++] = c;
		}
	for (i = 0; "xq0zk_"[i]; i++)
		if (!memchr(alphabet, "xq0zk_"[i], nalpha)) {
			alphabet[nalpha++] = "xq0zk_"[i];
			break;
		}
	/* One pattern and nothing earlier in its way (most behaviors of a big
	 * distribution): the search's answer is the pattern with its stars
	 * empty and each '?' the first byte of the alphabet. */
	if (np == 2 && lens[0] == lens[1] && !memcmp(pats[0], pats[1], lens[0])) {
		for (i = 0, j = 1; i < lens[0] && j + 1 < outlen; i++)
			if (pats[0][i] != '*')
				out[j++] = pats[0][i] == '?' ? alphabet[0] : pats[0][i];
		if (j + 1 >= outlen && i < lens[0])
			return -1;
		out[0] = '/';
		out[j] = '\0';
		return 1;
	}
	/* grown as the search goes: most searches end within a few states */
	states = eg_xmalloc(alloc * sizeof(*states));
	states[0].sets = eg_xcalloc(np, sizeof(pos_set));
	for (i = 0; i < np; i++)
		close_at(pats[i], lens[i], &states[0].sets[i], 0);
	nstates = 1;
	/* breadth first: the shortest path both match that no earlier pattern does */
	while (head < nstates && !found) {
		/* by index: growing states below moves it */
		bool accept = set_has(&states[head].sets[0], lens[0]) &&
			      set_has(&states[head].sets[1], lens[1]);
		for (i = 2; accept && i < np; i++)
			accept = !set_has(&states[head].sets[i], lens[i]);
		if (accept) {
			found = 1;
			break;
		}
		for (k = 0; k < nalpha && !found; k++) {
			bool seen = false;
			if (!next)
				next = eg_xmalloc(np * sizeof(pos_set));
			for (i = 0; i < np; i++)
				next[i] = step(pats[i], lens[i], &states[head].sets[i], alphabet[k]);
			if (set_empty(&next[0]) || set_empty(&next[1]))
				continue;
			for (j = 0; j < nstates && !seen; j++)
				seen = same_sets(states[j].sets, next, np);
			if (seen || nstates == WITNESS_MAX_STATES) {
				if (!seen)
					found = -1; /* too many to search: say unknown */
				continue;
			}
			if (nstates == alloc) {
				alloc *= 2;
				states = eg_xrealloc(states, alloc * sizeof(*states));
			}
			states[nstates].sets = next;
			next = NULL;
			states[nstates].parent = head;
			states[nstates].c = alphabet[k];
			nstates++;
		}
		if (found)
			break;
		head++;
	}
	if (found == 1) {
		size_t len = 0, at = head, o;
		for (at = head; at; at = states[at].parent)
			len++;
		if (len + 2 > outlen) {
			found = -1;
		} else {
			out[0] = '/';
			out[len + 1] = '\0';
			for (at = head, o = len; at; at = states[at].parent)
				out[o--] = states[at].c;
		}
	}
	for (i = 0; i < nstates; i++)
		eg_free(states[i].sets);
	eg_free(states);
	eg_free(next);
	return found;
}

/* inner is covered when no path matches inner and escapes outer */
int eg_cf_pattern_covers(const char *outer, const char *inner)
{
	char w[EG_CF_PATTERN_MAX + 8];
	int r;

	if (!outer || !inner)
		return -1;
	r = eg_cf_pattern_witness(inner, inner, &outer, 1, w, sizeof(w));
	return r < 0 ? -1 : !r;
}

char eg_cf_pattern_bad_char(const char *pattern)
{
	static const char extra[] = "_-.*$/~\"'@:+&?";
	const char *p;

	for (p = pattern; p && *p; p++)
		if (!ascii_alnum(*p) && !strchr(extra, *p))
			return *p;
	return '\0';
}

const char *eg_cf_lambda_qualifier(const char *arn, size_t *len)
{
	const char *p = arn;
	int colons = 0;

	*len = 0;
	if (!arn || strncmp(arn, "arn:", 4))
		return NULL;
	/* the service is the third field, "function" the sixth */
	for (; *p; p++)
		if (*p == ':' && ++colons == 7)
			break;
	if (colons < 7 || !strstr(arn, ":lambda:") || !strstr(arn, ":function:"))
		return NULL;
	p++;
	*len = strcspn(p, ":");
	return *len ? p : NULL;
}

bool eg_cf_lambda_numbered(const char *arn)
{
	size_t len, i;
	const char *q = eg_cf_lambda_qualifier(arn, &len);

	if (!q)
		return false;
	for (i = 0; i < len; i++)
		if (q[i] < '0' || q[i] > '9')
			return false;
	return true;
}

static const eg_cf_cache_key managed_cache_keys[] = {
	{ "658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized", "", "none", true },
	{ "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "CachingOptimizedForUncompressedObjects", "", "none",
	  true },
	{ "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled", "", "none", false },
	{ "2e54312d-136d-493c-8eb9-b001f22f67d2", "Amplify", "Authorization,CloudFront-Viewer-Country,Host",
	  "all", true },
};

const eg_cf_cache_key *eg_cf_managed_cache_key(const char *id)
{
	size_t i;

	for (i = 0; id && i < sizeof(managed_cache_keys) / sizeof(managed_cache_keys[0]); i++)
		if (str_ieq(id, managed_cache_keys[i].id))
			return &managed_cache_keys[i];
	return NULL;
}

/* Appends up to k bytes of src to buf[*len], keeping room for the NUL. */
static void probe_add(char *buf, size_t n, size_t *len, const char *src,
		      size_t k)
{
	size_t room = n - 1 - *len;

	if (k > room)
		k = room;
	memcpy(buf + *len, src, k);
	*len += k;
}

/* A probe that does not fit in n bytes is cut short and may then no longer
 * match pattern; callers size buf for the 255-character pattern limit. */
void eg_cf_route_probe(const char *pattern, char *buf, size_t n)
{
	static const char star[] = "edgegate-probe";
	size_t len = 0;
	const char *p;

	if (!buf || n == 0)
		return;
	buf[0] = '\0';
	if (!pattern)
		return;
	if (*pattern != '/')
		probe_add(buf, n, &len, "/", 1);
	for (p = pattern; *p; p++) {
		if (*p == '*')
			probe_add(buf, n, &len, star, sizeof(star) - 1);
		else if (*p == '?')
			probe_add(buf, n, &len, "x", 1);
		else
			probe_add(buf, n, &len, p, 1);
	}
	buf[len] = '\0';
}

bool eg_cf_pattern_equal(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	return strcmp(skip_slash(a), skip_slash(b)) == 0;
}

/* --- origin kinds ------------------------------------------------------- */

static const char *const kind_names[] = {
	[EG_ORIGIN_UNKNOWN] = "unknown",
	[EG_ORIGIN_S3] = "s3",
	[EG_ORIGIN_S3_WEBSITE] = "s3-website",
	[EG_ORIGIN_LB] = "load-balancer",
	[EG_ORIGIN_APIGW] = "api-gateway",
	[EG_ORIGIN_LAMBDA_URL] = "lambda-url",
	[EG_ORIGIN_MEDIASTORE] = "mediastore",
	[EG_ORIGIN_CLOUDFRONT] = "cloudfront",
	[EG_ORIGIN_CUSTOM] = "custom",
	[EG_ORIGIN_GROUP] = "origin-group",
};

const char *eg_cf_origin_kind_name(eg_origin_kind k)
{
	if ((size_t)k >= EG_ARRAY_SIZE(kind_names) ||
	    !kind_names[k])
		return "unknown";
	return kind_names[k];
}

/* Case-insensitive, so "S3-Website" in a rule file still means s3-website. */
eg_origin_kind eg_cf_origin_kind_from_name(const char *name)
{
	size_t k;

	if (!name)
		return EG_ORIGIN_UNKNOWN;
	for (k = 0; k < EG_ARRAY_SIZE(kind_names); k++)
		if (kind_names[k] && str_ieq(name, kind_names[k]))
			return (eg_origin_kind)k;
	return EG_ORIGIN_UNKNOWN;
}

/* One label of a DNS name: bytes [start, start + len). */
typedef struct dns_label {
	size_t start;
	size_t len;
} dns_label;

/* Fills lab with up to max labels of s[0..end), rightmost first; returns how
 * many there are. */
static size_t last_labels(const char *s, size_t end, dns_label *lab,
			  size_t max)
{
	size_t count = 0;

	while (count < max && end > 0) {
		size_t start = end;

		while (start > 0 && s[start - 1] != '.')
			start--;
		lab[count].start = start;
		lab[count].len = end - start;
		count++;
		if (start == 0)
			break;
		end = start - 1; /* step over the dot */
	}
	return count;
}

static bool label_is(const char *s, const dns_label *l, const char *word)
{
	size_t k = strlen(word);

	return l->len == k && mem_ieq(s + l->start, word, k);
}

/* Whether the label is prefix followed by at least one more byte. */
static bool label_starts(const char *s, const dns_label *l, const char *prefix)
{
	size_t k = strlen(prefix);

	return l->len > k && mem_ieq(s + l->start, prefix, k);
}

/* Length of the name before label l (and its dot). */
static size_t before_label(const dns_label *l)
{
	return l->start > 0 ? l->start - 1 : 0;
}

/* "s3", "s3-us-west-2", "s3-external-1", "s3-accelerate", "s3-fips", ... */
static bool is_s3_label(const char *s, const dns_label *l)
{
	return label_is(s, l, "s3") || label_starts(s, l, "s3-");
}

/* Endpoints under amazonaws.com[.cn]; base is where that suffix starts.
 * Labels are looked for only at the positions each service uses, so an
 * owner-chosen name such as "s3-proxy" in "s3-proxy-1.us-east-1.elb..." does
 * not change the kind. */
static eg_origin_kind classify_amazonaws(const char *d, size_t base,
					 size_t *owner)
{
	dns_label lab[3];
	size_t n = last_labels(d, base, lab, 3);

	/* s3-website before s3 at each position: "s3-website-us-east-1" also
	 * starts with "s3-".  The rightmost position wins, so a bucket named
	 * "s3-website-assets" on a REST endpoint stays s3. */
	if (n >= 1 && label_starts(d, &lab[0], "s3-website-")) {
		*owner = before_label(&lab[0]); /* b.s3-website-us-east-1 */
		return EG_ORIGIN_S3_WEBSITE;
	}
	if (n >= 1 && is_s3_label(d, &lab[0])) {
		*owner = before_label(&lab[0]); /* b.s3, b.s3-us-west-2 */
		return EG_ORIGIN_S3;
	}
	if (n >= 2 && label_is(d, &lab[1], "s3-website")) {
		*owner = before_label(&lab[1]); /* b.s3-website.eu-west-1 */
		return EG_ORIGIN_S3_WEBSITE;
	}
	if (n >= 2 && is_s3_label(d, &lab[1])) {
		*owner = before_label(&lab[1]); /* b.s3.us-east-1 */
		return EG_ORIGIN_S3;
	}
	if (n >= 3 && is_s3_label(d, &lab[2]) &&
	    label_is(d, &lab[1], "dualstack")) {
		*owner = before_label(&lab[2]); /* b.s3.dualstack.us-east-1 */
		return EG_ORIGIN_S3;
	}
	if (n >= 2 && label_is(d, &lab[0], "elb")) {
		*owner = before_label(&lab[1]); /* name-id.us-east-1.elb */
		return EG_ORIGIN_LB;
	}
	if (n >= 2 && label_is(d, &lab[1], "elb")) {
		*owner = before_label(&lab[1]); /* name-id.elb.us-east-1 (NLB) */
		return EG_ORIGIN_LB;
	}
	if (n >= 2 && label_is(d, &lab[1], "execute-api")) {
		*owner = before_label(&lab[1]); /* id.execute-api.us-east-1 */
		return EG_ORIGIN_APIGW;
	}
	if (n >= 2 && (label_is(d, &lab[1], "mediastore") ||
		       label_is(d, &lab[1], "mediapackage") ||
		       label_is(d, &lab[1], "mediapackagev2"))) {
		*owner = before_label(&lab[1]); /* x.data.mediastore.us-west-2 */
		return EG_ORIGIN_MEDIASTORE;
	}
	return EG_ORIGIN_CUSTOM; /* EC2 public DNS and the like */
}

/* The kind of domain and, in *owner, the length of its owner-chosen prefix. */
static eg_origin_kind classify(const char *domain, size_t *owner)
{
	static const char *const cloudfront_suffixes[] = {
		".cloudfront.net",
		".cloudfront.cn", /* China regions */
	};
	size_t len, i;

	*owner = 0;
	if (!domain)
		return EG_ORIGIN_UNKNOWN;
	len = host_len(domain);
	*owner = len;
	if (len == 0)
		return EG_ORIGIN_UNKNOWN; /* "" or "." names nothing yet */

	if (ends_with_ci(domain, len, ".amazonaws.com"))
		return classify_amazonaws(domain, len - strlen(".amazonaws.com"),
					  owner);
	if (ends_with_ci(domain, len, ".amazonaws.com.cn"))
		return classify_amazonaws(
			domain, len - strlen(".amazonaws.com.cn"), owner);
	if (ends_with_ci(domain, len, ".on.aws")) {
		dns_label lab[2];
		size_t n = last_labels(domain, len - strlen(".on.aws"), lab, 2);

		if (n >= 2 && label_is(domain, &lab[1], "lambda-url")) {
			*owner = before_label(&lab[1]); /* id.lambda-url.<region> */
			return EG_ORIGIN_LAMBDA_URL;
		}
		return EG_ORIGIN_CUSTOM;
	}
	for (i = 0; i < EG_ARRAY_SIZE(cloudfront_suffixes); i++) {
		if (ends_with_ci(domain, len, cloudfront_suffixes[i])) {
			*owner = len - strlen(cloudfront_suffixes[i]);
			return EG_ORIGIN_CLOUDFRONT;
		}
	}
	return EG_ORIGIN_CUSTOM;
}

/* "" (and ".") give EG_ORIGIN_UNKNOWN like NULL: an empty domain is a value
 * not known yet, not a custom origin. */
eg_origin_kind eg_cf_classify_domain(const char *domain)
{
	size_t owner;

	return classify(domain, &owner);
}

/* For a custom domain, or an amazonaws.com name of no known origin kind, the
 * whole name without its trailing dot.  The owner part may be 0 bytes for a
 * bucket-less endpoint such as "s3.amazonaws.com".  NULL gives 0. */
size_t eg_cf_domain_owner_part(const char *domain)
{
	size_t owner;

	classify(domain, &owner);
	return owner;
}

/* --- methods ------------------------------------------------------------ */

unsigned eg_cf_method_bit(const char *name)
{
	static const struct {
		const char *name;
		unsigned bit;
	} methods[] = {
		{ "GET", EG_M_GET },     { "HEAD", EG_M_HEAD },
		{ "OPTIONS", EG_M_OPTIONS }, { "PUT", EG_M_PUT },
		{ "PATCH", EG_M_PATCH }, { "POST", EG_M_POST },
		{ "DELETE", EG_M_DELETE },
	};
	size_t i;

	if (!name)
		return 0;
	for (i = 0; i < EG_ARRAY_SIZE(methods); i++)
		if (str_ieq(name, methods[i].name))
			return methods[i].bit;
	return 0;
}

bool eg_cf_methods_valid(unsigned mask)
{
	return mask == (EG_M_GET | EG_M_HEAD) ||
	       mask == (EG_M_GET | EG_M_HEAD | EG_M_OPTIONS) ||
	       mask == EG_M_ALL;
}

/* --- hosts and aliases -------------------------------------------------- */

/* An empty name ("" or ".") equals nothing, not even another empty name. */
int eg_cf_host_cmp(const char *a, const char *b)
{
	size_t la = host_len(a), lb = host_len(b), i;

	for (i = 0; i < la && i < lb; i++)
		if (ascii_lower(a[i]) != ascii_lower(b[i]))
			return (unsigned char)ascii_lower(a[i]) - (unsigned char)ascii_lower(b[i]);
	return la < lb ? -1 : la > lb;
}

bool eg_cf_host_equal(const char *a, const char *b)
{
	size_t la, lb;

	if (!a || !b)
		return false;
	la = host_len(a);
	lb = host_len(b);
	return la > 0 && la == lb && mem_ieq(a, b, la);
}

static bool is_wildcard(const char *name, size_t len)
{
	return len >= 2 && name[0] == '*' && name[1] == '.';
}

/* Whether host ends in ".D" for the wildcard "*.D" (rest = ".D"), with
 * `labels` labels before it: one label, or any number when labels is 0. */
static bool under(const char *rest, size_t lr, const char *host, size_t lh, bool one_label)
{
	if (lr < 2 || lh <= lr || !mem_ieq(host + lh - lr, rest, lr))
		return false;
	return !one_label || memchr(host, '.', lh - lr) == NULL;
}

/* Only a leading "*." makes a wildcard, as CloudFront requires; "*" elsewhere
 * is compared literally.  A wildcard host ("*.a.example.com") is routed by a
 * wildcard alias above it too: some host matches both. */
bool eg_cf_alias_routes(const char *alias, const char *host)
{
	size_t la, lh;

	if (!alias || !host)
		return false;
	la = host_len(alias);
	lh = host_len(host);
	if (!is_wildcard(alias, la))
		return eg_cf_host_equal(alias, host);
	if (is_wildcard(host, lh) && eg_cf_host_equal(alias, host))
		return true;
	return under(alias + 1, la - 1, host, lh, false);
}

/* A certificate name: "*.example.com" covers one label, so www.example.com
 * but neither a.b.example.com nor example.com. */
bool eg_cf_cert_covers(const char *name, const char *host)
{
	size_t ln, lh;

	if (!name || !host)
		return false;
	ln = host_len(name);
	lh = host_len(host);
	if (!is_wildcard(name, ln))
		return eg_cf_host_equal(name, host);
	if (is_wildcard(host, lh) && eg_cf_host_equal(name, host))
		return true;
	return under(name + 1, ln - 1, host, lh, true);
}

bool eg_cf_alias_overlap(const char *a, const char *b)
{
	return eg_cf_alias_routes(a, b) || eg_cf_alias_routes(b, a);
}

int eg_cf_alias_specificity(const char *alias)
{
	size_t len, i;
	int labels = 1;

	if (!alias)
		return -1;
	len = host_len(alias);
	if (!is_wildcard(alias, len))
		return 1000; /* an exact name beats every wildcard */
	for (i = 2; i < len; i++)
		labels += alias[i] == '.';
	return labels;
}

bool eg_cf_is_app_host(const char *domain)
{
	static const char *const suffixes[] = {
		".elasticbeanstalk.com",    /* Elastic Beanstalk environments */
		".awsapprunner.com",        /* App Runner services */
		".compute.amazonaws.com",   /* EC2 public DNS */
		".compute-1.amazonaws.com", /* EC2 public DNS in us-east-1 */
		".compute.amazonaws.com.cn",
	};
	size_t len, i;

	if (!domain)
		return false;
	len = host_len(domain);
	for (i = 0; i < EG_ARRAY_SIZE(suffixes); i++)
		if (ends_with_ci(domain, len, suffixes[i]))
			return true;
	return false;
}

/* --- ordered enumerations ------------------------------------------------ */

int eg_cf_order_rank(const eg_cf_order *o, const char *value)
{
	size_t i;

	if (!o || !value)
		return EG_CF_RANK_NONE;
	for (i = 0; i < o->n; i++)
		if (!strcmp(o->values[i], value))
			return (int)i;
	return o->newer && o->newer(value) ? (int)o->n : EG_CF_RANK_NONE;
}

/* "TLSv1.<minor>_<year>" with minor >= 2 and year >= 2025: the naming of
 * every policy since TLSv1.1_2016.  AWS publishes new policies and never
 * a weaker one under a newer year, so such a value is not weak; an
 * unlisted TLSv1.1_2030 or TLSv1.2_2020 is no policy AWS would publish
 * and stays unrecognised. */
static bool tls_policy_newer(const char *v)
{
	int minor = 0, year = 0, i;

	if (strncmp(v, "TLSv1.", 6) || !ascii_digit(v[6]) || v[7] != '_')
		return false;
	minor = v[6] - '0';
	for (i = 8; i < 12; i++) {
		if (!ascii_digit(v[i]))
			return false;
		year = year * 10 + (v[i] - '0');
	}
	return !v[12] && minor >= 2 && year >= 2025;
}

static const char *const tls_policies[] = {
	"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018",
	"TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025",
};

const eg_cf_order eg_cf_tls_policies = {
	"viewer TLS security policy", tls_policies, EG_ARRAY_SIZE(tls_policies), tls_policy_newer,
};

/* "d" + letters/digits + ".cloudfront.net"; China's ".cloudfront.cn" too. */
bool eg_cf_is_distribution_domain(const char *host)
{
	static const char *const suffixes[] = { ".cloudfront.net",
						".cloudfront.cn" };
	size_t len, id_len = 0, i;

	if (!host)
		return false;
	len = host_len(host);
	for (i = 0; i < EG_ARRAY_SIZE(suffixes); i++)
		if (ends_with_ci(host, len, suffixes[i]))
			id_len = len - strlen(suffixes[i]);
	if (id_len < 2 || ascii_lower(host[0]) != 'd')
		return false;
	for (i = 1; i < id_len; i++)
		if (!ascii_alnum(host[i]))
			return false;
	return true;
}

/* --- managed policies --------------------------------------------------- */

/* AWS's managed cache and origin request policies (Developer Guide,
 * using-managed-cache-policies.html and
 * using-managed-origin-request-policies.html).  Cache-key headers are
 * forwarded to the origin too (API_CachePolicyHeadersConfig). */
static const eg_cf_managed_policy managed_policies[] = {
	{ "658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized", false, "none", NULL, "none" },
	{ "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled", false, "none", NULL, "none" },
	{ "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "CachingOptimizedForUncompressedObjects", false,
	  "none", NULL, "none" },
	{ "83da9c7e-98b4-4e11-a168-04f0df8e2c65", "UseOriginCacheControlHeaders", false, "whitelist",
	  "Host,Origin,X-HTTP-Method-Override,X-HTTP-Method,X-Method-Override", "all" },
	{ "4cc15a8a-d715-48a4-82b8-cc0b614638fe", "UseOriginCacheControlHeaders-QueryStrings", false,
	  "whitelist", "Host,Origin,X-HTTP-Method-Override,X-HTTP-Method,X-Method-Override", "all" },
	{ "2e54312d-136d-493c-8eb9-b001f22f67d2", "Amplify", false, "whitelist",
	  "Authorization,CloudFront-Viewer-Country,Host", "all" },
	{ "216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer", true, "allViewer", NULL, "all" },
	{ "33f36d7e-f396-46d9-90e0-52428a34d9dc", "AllViewerAndCloudFrontHeaders-2022-06", true,
	  "allViewerAndWhitelistCloudFront", NULL, "all" },
	{ "b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader", true, "allExcept",
	  "Host", "all" },
	{ "59781a5b-3903-41f3-afcb-af62929ccde1", "CORS-CustomOrigin", true, "whitelist", "Origin",
	  "none" },
	{ "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", "CORS-S3Origin", true, "whitelist",
	  "Origin,Access-Control-Request-Headers,Access-Control-Request-Method", "none" },
	{ "bf0718e1-ba1e-49d1-88b1-f726733018ae", "HostHeaderOnly", true, "whitelist", "Host", "none" },
	{ "acba4595-bd28-49b8-b9fe-13317c0390fa", "UserAgentRefererHeaders", true, "whitelist",
	  "User-Agent,Referer", "none" },
};

const eg_cf_managed_policy *eg_cf_managed_policy_find(const char *id)
{
	size_t i;

	if (!id)
		return NULL;
	for (i = 0; i < EG_ARRAY_SIZE(managed_policies); i++)
		if (str_ieq(id, managed_policies[i].id))
			return &managed_policies[i];
	return NULL;
}

/* Whether a comma-separated header list names header (case-insensitive). */
bool eg_cf_header_list_has(const char *list, const char *header)
{
	size_t n = header ? strlen(header) : 0;

	while (list && *list) {
		size_t len = strcspn(list, ",");
		if (len == n && mem_ieq(list, header, n))
			return true;
		list += len + (list[len] == ',');
	}
	return false;
}

/* "bucket.s3.amazonaws.com": the legacy global REST endpoint, without a
 * region (S3 ... VirtualHosting.html, "Legacy global endpoint"). */
bool eg_cf_is_s3_global_endpoint(const char *domain)
{
	static const char suffix[] = ".s3.amazonaws.com";
	size_t len;

	if (!domain)
		return false;
	len = host_len(domain);
	return len > strlen(suffix) && ends_with_ci(domain, len, suffix);
}

/* The region in an S3 REST or website endpoint (bucket.s3.REGION...,
 * bucket.s3-REGION..., bucket.s3-website[.-]REGION...), into out; false
 * when the name carries none. */
bool eg_cf_s3_domain_region(const char *domain, char *out, size_t n)
{
	const char *p = domain ? strstr(domain, ".s3") : NULL, *end;
	size_t len;

	if (!p || n == 0)
		return false;
	p += 3;
	if (!strncmp(p, "-website", 8))
		p += 8;
	if (*p != '.' && *p != '-')
		return false;
	p++;
	end = strchr(p, '.');
	if (!end || !strncmp(p, "amazonaws", 9) || end == p)
		return false;
	len = (size_t)(end - p);
	if (len + 1 > n || !strchr(p, '-') || strchr(p, '-') > end)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

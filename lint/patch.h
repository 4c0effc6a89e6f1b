/* patch.h - a finding's fix as text in the language of its input.
 *
 * Rules write a CloudFormation patch once, as YAML with short tags (!Ref,
 * !GetAtt).  eg_patch_cfn gives it the template's own style: unchanged for a
 * YAML template that uses short tags, the Fn:: long form for one that does
 * not, and JSON for a JSON template.
 *
 * Ownership: returned text is allocated in the caller's arena.
 */
#ifndef EG_PATCH_H
#define EG_PATCH_H

#include "arena.h"
#include "rules.h"
#include "source.h"

typedef enum eg_patch_lang {
	EG_LANG_NONE, EG_LANG_HCL, EG_LANG_YAML, EG_LANG_JSON,
} eg_patch_lang;

const char *eg_patch_lang_name(eg_patch_lang l); /* "hcl", "yaml", "json" */

/* Which of a rule's patch texts fits an input of this format, and in what
 * language it comes out; false for formats without one (Pulumi, DNS). */
bool eg_patch_source_for(eg_format f, eg_patch_src *src, eg_patch_lang *lang);

/* Rendered CloudFormation YAML in the style of src (see above); sets *lang.
 * NULL when yaml does not parse: a rule's mistake, which its golden test
 * shows. */
const char *eg_patch_cfn(eg_arena *a, const char *yaml, const eg_source *src,
			 eg_patch_lang *lang);

#endif

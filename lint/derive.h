/* derive.h - what the model says across objects, computed once after it is
 * built and before rules run; evaluation then only reads.
 */
#ifndef EG_DERIVE_H
#define EG_DERIVE_H

#include "config.h"
#include "model.h"

/* Sets env and env_source on every distribution and origin of the model.
 * A distribution's environment comes, in order, from --env, the config's
 * environments.resources, its tags (config tag_keys), a Stage/Environment
 * template parameter, tokens in its stack name, tokens in its address, then
 * its comment.  An origin's from tokens in the owner-chosen part of its
 * domain, its origin path, then the resource its domain refers to.  Unknown
 * inputs give EG_UNKNOWN, never "no environment". */
void eg_derive_environments(eg_model *m, const eg_config *c);

/* Every --env PATTERN=ENV must match some distribution: a typo would hide
 * an error.  EG_ERR_USAGE with the closest name otherwise. */
int eg_derive_check_env_args(const eg_model *m, const eg_config *c, eg_error *err);

#endif

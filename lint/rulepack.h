/* rulepack.h - the rule pack parsed at build time.
 *
 * The build (Makefile: $(BUILD)/rulepack.c, written by lint/tools/rulepack.c)
 * serializes the YAML tree of each rule file in rules/ into the binary, so that a
 * run reads the pack without libyaml: a small plan's lint is mostly loading
 * its rules.  A rule file is still read from disk and used only when its
 * bytes are exactly those compiled in (yamldoc.h, eg_ydoc_load_prepared):
 * an edited, added or foreign rule file is parsed as before.  Linked into
 * the CLI only; the library takes the table as a run option.
 */
#ifndef EG_RULEPACK_H
#define EG_RULEPACK_H

#include "yamldoc.h"

#include <stddef.h>

extern const eg_ydoc_prepared eg_rulepack[];
extern const size_t eg_rulepack_n;

#endif

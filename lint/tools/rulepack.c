/* rulepack.c - writes the C source of the prepared rule pack (rulepack.h).
 *
 * usage: rulepack OUT.c RULE.yml...
 * A rule file that does not parse is left out (the run parses it and says
 * why, with its line:col), so the build never hides a broken rule.
 */
#include "common.h"
#include "rules.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>

static void put_bytes(FILE *out, const char *name, size_t i, const unsigned char *b, size_t n)
{
	size_t k;

	fprintf(out, "static const unsigned char %s%zu[] = {", name, i);
	for (k = 0; k < n; k++)
		fprintf(out, "%s%u,", k % 20 ? "" : "\n\t", b[k]);
	fprintf(out, "%s0\n};\n", n % 20 ? "" : "\n\t"); /* never empty */
}

int main(int argc, char **argv)
{
	FILE *out;
	size_t i, kept = 0;
	int ok = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: rulepack OUT.c RULE.yml...\n");
		return 2;
	}
	if (!(out = fopen(argv[1], "w"))) {
		perror(argv[1]);
		return 2;
	}
	fprintf(out, "/* Written by lint/tools/rulepack.c from rules/: do not edit. */\n"
		     "#include \"rulepack.h\"\n\n");
	for (i = 2; i < (size_t)argc; i++) {
		eg_strbuf text = EG_STRBUF_INIT, tree = EG_STRBUF_INIT;
		eg_error err = EG_ERROR_INIT;

		if (eg_ruleset_prepare_file(argv[i], &text, &tree, &err)) {
			fprintf(stderr, "rulepack: left out %s (%s)\n", argv[i], err.message);
			eg_sb_release(&tree);
			eg_sb_release(&text);
			continue;
		}
		put_bytes(out, "text", kept, (const unsigned char *)text.buf, text.len);
		put_bytes(out, "tree", kept, (const unsigned char *)tree.buf, tree.len);
		fprintf(out, "#define LEN%zu_TEXT %zu\n#define LEN%zu_TREE %zu\n", kept, text.len,
			kept, tree.len);
		argv[2 + kept] = argv[i];
		kept++;
		eg_sb_release(&text);
		eg_sb_release(&tree);
	}
	fprintf(out, "\nconst eg_ydoc_prepared eg_rulepack[] = {\n");
	for (i = 0; i < kept; i++) {
		const char *base = strrchr(argv[2 + i], '/') ? strrchr(argv[2 + i], '/') + 1
							    : argv[2 + i];
		fprintf(out, "\t{ \"%s\", text%zu, LEN%zu_TEXT, tree%zu, LEN%zu_TREE },\n", base, i, i,
			i, i);
	}
	fprintf(out, "\t{ \"\", NULL, 0, NULL, 0 } /* never empty */\n};\n"
		     "const size_t eg_rulepack_n = %zu;\n", kept);
	if (fclose(out) != 0) {
		perror(argv[1]);
		ok = 0;
	}
	return ok ? 0 : 2;
}

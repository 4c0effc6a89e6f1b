/* jansson_load.c - the yardstick of make bench: jansson's json_load_file of
 * one file, as a program that parses a plan "the obvious way" would. */
#include <jansson.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	json_error_t err;
	json_t *j;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	j = json_load_file(argv[1], 0, &err);
	if (!j) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], err.line, err.column, err.text);
		return 1;
	}
	printf("%zu\n", json_is_object(j) ? json_object_size(j) : json_array_size(j));
	json_decref(j);
	return 0;
}

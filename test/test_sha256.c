/* test_sha256.c - FIPS 180-4 / NIST CAVP vectors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "sha256.h"
#include "testutil.h"

static void vectors(void **state)
{
	char hex[65];
	(void)state;
	eg_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	eg_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	eg_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* A million 'a's fed in odd-sized pieces crosses every block boundary case. */
static void million_a_in_pieces(void **state)
{
	char hex[65], chunk[997];
	eg_sha256 s;
	size_t left = 1000000;
	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	eg_sha256_init(&s);
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		eg_sha256_update(&s, chunk, n);
		left -= n;
	}
	eg_sha256_final_hex(&s, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void file_and_missing_file(void **state)
{
	char hex[65];
	char *path = test_write_temp("abc", 3);
	eg_error err = EG_ERROR_INIT;
	(void)state;
	assert_int_equal(eg_sha256_file(path, hex, &err), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	assert_int_equal(eg_sha256_file(path, hex, &err), EG_ERR_IO);
	assert_string_equal(err.file, path);
	eg_free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vectors),
		cmocka_unit_test(million_a_in_pieces),
		cmocka_unit_test(file_and_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* testutil.h - helpers shared by the cmocka unit tests (include after
 * <cmocka.h>).  Test-only, so the definitions live here. */
#ifndef EG_TESTUTIL_H
#define EG_TESTUTIL_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/* Writes data to a fresh file under /tmp; returns the path (eg_xmalloc), which
 * the caller unlinks and frees with eg_free. */
static char *test_write_temp(const char *data, size_t len)
{
	char tmpl[] = "/tmp/edgegate-test.XXXXXX";
	int fd = mkstemp(tmpl);
	char *path;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	path = eg_xmalloc(sizeof(tmpl));
	assert_non_null(path);
	memcpy(path, tmpl, sizeof(tmpl));
	return path;
}

#endif

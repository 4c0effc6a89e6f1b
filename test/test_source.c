/* test_source.c - loading input files and mapping offsets to line:col.
 *
 * Each test writes its files into a fresh mkdtemp directory under /tmp that
 * the teardown removes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uchar.h>
#include <unistd.h>

#include "source.h"

typedef struct fixture {
	char dir[64];
	char path[256];
} fixture;

static int setup(void **state)
{
	fixture *f = eg_xcalloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/eg_test_source_XXXXXX");
	if (!mkdtemp(f->dir)) {
		eg_free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char path[512];
	struct dirent *d;
	DIR *dir = opendir(f->dir);

	while (dir && (d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", f->dir, d->d_name);
		chmod(path, 0600);
		unlink(path);
	}
	if (dir)
		closedir(dir);
	rmdir(f->dir);
	eg_free(f);
	return 0;
}

/* Writes data to <dir>/name; returns the path (in the fixture). */
static const char *write_file(fixture *f, const char *name, const void *data, size_t len)
{
	FILE *fp;

	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	fp = fopen(f->path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return f->path;
}

static eg_source *load_ok(const char *path, size_t max_bytes)
{
	eg_error err = EG_ERROR_INIT;
	eg_source *src = NULL;
	int rc = eg_source_load(&src, path, max_bytes, &err);

	if (rc)
		fail_msg("%s: %d %s", path, rc, err.message);
	assert_non_null(src);
	assert_non_null(src->data);
	assert_int_equal(src->data[src->len], '\0');
	return src;
}

/* Writes n UTF-16 code units to <dir>/name, big-endian when be, after a
 * byte order mark when bom; returns the path (in the fixture). */
static const char *write_utf16(fixture *f, const char *name, const char16_t *units, size_t n,
			       bool be, bool bom)
{
	unsigned char buf[512];
	size_t len = 0;

	assert_true(2 * (n + 1) <= sizeof(buf));
	if (bom) {
		buf[len++] = be ? 0xFE : 0xFF;
		buf[len++] = be ? 0xFF : 0xFE;
	}
	for (size_t i = 0; i < n; i++) {
		buf[len++] = (unsigned char)(be ? units[i] >> 8 : units[i] & 0xFF);
		buf[len++] = (unsigned char)(be ? units[i] & 0xFF : units[i] >> 8);
	}
	return write_file(f, name, buf, len);
}

/* A u"" literal as (units, count), without its terminating zero. */
#define U16(lit) (lit), (sizeof(lit) / sizeof((lit)[0]) - 1)

/* Loads path, expecting failure with exactly code and message at line:col. */
static void load_fails_at(const char *path, size_t max_bytes, eg_status code, int line, int col,
			  const char *msg)
{
	eg_error err = EG_ERROR_INIT;
	eg_source sentinel;
	eg_source *src = &sentinel; /* a failed load must set it to NULL */
	int rc = eg_source_load(&src, path, max_bytes, &err);

	assert_null(src);
	if (rc != (int)code || err.code != code || strcmp(err.message, msg) != 0)
		fail_msg("want %d \"%s\"\n  got %d \"%s\"", code, msg, rc, err.message);
	assert_string_equal(err.file, path);
	if (err.line != line || err.col != col)
		fail_msg("want %d:%d, got %d:%d", line, col, err.line, err.col);
}

/* Loads path, expecting failure with exactly code and message, no position. */
static void load_fails(const char *path, size_t max_bytes, eg_status code, const char *msg)
{
	load_fails_at(path, max_bytes, code, 0, 0, msg);
}

static void test_source__load_reads_whole_file(void **state)
{
	static const char text[] = "{\"format_version\": \"1.2\"}\n";
	const char *path = write_file(*state, "plan.json", text, sizeof(text) - 1);
	eg_source *src = load_ok(path, EG_MAX_INPUT_BYTES);

	assert_int_equal(src->len, sizeof(text) - 1);
	assert_string_equal(src->data, text);
	assert_string_equal(src->path, path);
	assert_int_equal(src->format, EG_FMT_UNKNOWN);
	assert_null(src->encoding);
	eg_source_free(src);
}

static void test_source__load_keeps_nul_bytes(void **state)
{
	const char *path = write_file(*state, "bin", "a\0b", 3);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, 3);
	assert_memory_equal(src->data, "a\0b", 4);
	eg_source_free(src);
}

static void test_source__load_empty_file(void **state)
{
	const char *path = write_file(*state, "empty.json", "", 0);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, 0);
	assert_string_equal(src->data, "");
	eg_source_free(src);
}

static void test_source__load_large_file(void **state)
{
	size_t n = 3 * 1024 * 1024 + 7;
	char *data = eg_xmalloc(n);
	const char *path;
	eg_source *src;

	assert_non_null(data);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	path = write_file(*state, "big.json", data, n);
	src = load_ok(path, n);
	assert_int_equal(src->len, n);
	assert_memory_equal(src->data, data, n);
	eg_source_free(src);
	eg_free(data);
}

/* A file is mapped, not copied, unless its size is a multiple of the page
 * size (no zero fill after it for the trailing NUL): then it is read.
 * Either way the text ends in a NUL. */
static void test_source__load_maps_or_reads_with_nul(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), sizes[] = { page - 1, page, page + 1,
								  2 * page };
	char *data = eg_xmalloc(2 * page + 1);

	assert_non_null(data);
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t n = sizes[s];
		const char *path;
		eg_source *src;

		memset(data, 'x', n);
		data[0] = '[';
		path = write_file(*state, "page.json", data, n);
		src = load_ok(path, n);
		assert_int_equal(src->len, n);
		assert_memory_equal(src->data, data, n);
		assert_int_equal(src->data[n], '\0');
		if (n % page)
			assert_non_null(src->map);
		else
			assert_null(src->map);
		eg_source_free(src);
	}
	eg_free(data);
}

static void test_source__load_strips_utf8_bom(void **state)
{
	const char *path = write_file(*state, "bom.json", "\xEF\xBB\xBF{}", 5);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, 2);
	assert_string_equal(src->data, "{}");
	assert_null(src->encoding); /* still UTF-8: nothing was converted */
	eg_source_free(src);
}

static void test_source__load_bom_only_file_is_empty(void **state)
{
	const char *path = write_file(*state, "bom-only.json", "\xEF\xBB\xBF", 3);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, 0);
	assert_string_equal(src->data, "");
	eg_source_free(src);
}

static void test_source__load_keeps_partial_bom(void **state)
{
	const char *path = write_file(*state, "partial", "\xEF\xBB", 2);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, 2);
	eg_source_free(src);
}

static void test_source__load_bom_counts_against_cap(void **state)
{
	const char *path = write_file(*state, "capped.json", "\xEF\xBB\xBF{}", 5);

	load_fails(path, 4, EG_ERR_LIMIT, "file is larger than 4 bytes");
}

/* What PowerShell's '>' writes: UTF-16LE, BOM, CRLF.  CR stays, so lines
 * and columns are those of the file. */
static void test_source__load_converts_utf16le_bom_crlf(void **state)
{
	static const char want[] = "{\r\n  \"a\": \"b\"\r\n}\r\n";
	const char *path = write_utf16(*state, "plan.json", U16(u"{\r\n  \"a\": \"b\"\r\n}\r\n"),
				       false, true);
	eg_source *src = load_ok(path, 100);
	int line = 0, col = 0;

	assert_int_equal(src->len, sizeof(want) - 1);
	assert_string_equal(src->data, want);
	assert_string_equal(src->encoding, "UTF-16LE");
	eg_source_line_col(src, (size_t)(strchr(src->data, 'b') - src->data), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 9);
	eg_source_free(src);
}

static void test_source__load_converts_utf16be_bom(void **state)
{
	const char *path = write_utf16(*state, "state.tfstate", U16(u"{\n}"), true, true);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, 3);
	assert_string_equal(src->data, "{\n}");
	assert_string_equal(src->encoding, "UTF-16BE");
	eg_source_free(src);
}

/* Without a BOM, the NUL byte of each ASCII character tells the order. */
static void test_source__load_converts_utf16_without_bom(void **state)
{
	fixture *f = *state;
	eg_source *src = load_ok(write_file(f, "le.json", "{\0\n\0}\0", 6), 100);

	assert_int_equal(src->len, 3);
	assert_string_equal(src->data, "{\n}");
	assert_string_equal(src->encoding, "UTF-16LE");
	eg_source_free(src);
	src = load_ok(write_file(f, "be.json", "\0{\0}", 4), 100);
	assert_int_equal(src->len, 2);
	assert_string_equal(src->data, "{}");
	assert_string_equal(src->encoding, "UTF-16BE");
	eg_source_free(src);
}

static void test_source__load_utf16_bom_only_file_is_empty(void **state)
{
	eg_source *src = load_ok(write_file(*state, "empty.json", "\xFF\xFE", 2), 100);

	assert_int_equal(src->len, 0);
	assert_string_equal(src->data, "");
	assert_string_equal(src->encoding, "UTF-16LE");
	eg_source_free(src);
}

/* Each UTF-8 length at its edges, a surrogate pair, and U+0000, which is
 * the JSON parser's to reject. */
static void test_source__load_converts_non_ascii(void **state)
{
	static const char want[] = "[\"\x7F \xC2\x80 \xC3\xA9 \xDF\xBF \xE0\xA0\x80 "
				   "\xED\x95\x9C \xEF\xBF\xBF \xF0\x9F\x98\x80 "
				   "\xF4\x8F\xBF\xBF\"]\0";
	const char *path = write_utf16(*state, "intl.json",
				       U16(u"[\"\x7F \x80 \u00E9 \u07FF \u0800 \uD55C \uFFFF "
					   "\U0001F600 \U0010FFFF\"]\0"),
				       false, true);
	eg_source *src = load_ok(path, 100);

	assert_int_equal(src->len, sizeof(want) - 1);
	assert_memory_equal(src->data, want, sizeof(want));
	eg_source_free(src);
	path = write_utf16(*state, "intl-be.json", U16(u"\U0001F600\u00E9"), true, true);
	src = load_ok(path, 100);
	assert_string_equal(src->data, "\xF0\x9F\x98\x80\xC3\xA9");
	eg_source_free(src);
}

/* A file cut off after an odd byte is damaged: say where, and how to
 * re-save it. */
static void test_source__load_utf16_odd_length(void **state)
{
	fixture *f = *state;
	const char *path = write_file(f, "plan.json", "\xFF\xFE{\0\r\0\n\0}\0\n", 11);
	char msg[1024];

	snprintf(msg, sizeof(msg),
		 "file is UTF-16LE (saved by PowerShell '>') but damaged: it ends in the middle of "
		 "a character (odd number of bytes); re-save it as UTF-8: in PowerShell use "
		 "'... | Out-File -Encoding utf8 %s/plan.json' or run: "
		 "iconv -f UTF-16LE -t UTF-8 %s/plan.json > %s/plan.utf8.json",
		 f->dir, f->dir, f->dir);
	load_fails_at(path, 100, EG_ERR_INPUT, 2, 2, msg);
	path = write_file(f, "p.json", "\0{\0\n\0}\0", 7);
	snprintf(msg, sizeof(msg),
		 "file is UTF-16BE without a byte order mark but damaged: it ends in the middle of "
		 "a character (odd number of bytes); re-save it as UTF-8, for example run: "
		 "iconv -f UTF-16BE -t UTF-8 %s/p.json > %s/p.utf8.json",
		 f->dir, f->dir);
	load_fails_at(path, 100, EG_ERR_INPUT, 2, 2, msg);
}

/* The column counts bytes of the UTF-8 text, as everywhere else. */
static void test_source__load_utf16_lone_high_surrogate(void **state)
{
	fixture *f = *state;
	static const char16_t text[] = { '[', '\r', '\n', '"', 0xE9, 0xD83D, '"', ']' };
	const char *path = write_utf16(f, "state.tfstate", text, EG_ARRAY_SIZE(text), true, true);
	char msg[1024];

	snprintf(msg, sizeof(msg),
		 "file is UTF-16BE but damaged: unpaired high surrogate U+D83D; re-save it as "
		 "UTF-8, for example run: iconv -f UTF-16BE -t UTF-8 %s/state.tfstate > "
		 "%s/state.tfstate.utf8",
		 f->dir, f->dir);
	load_fails_at(path, 100, EG_ERR_INPUT, 2, 4, msg);
}

/* A high surrogate needs a low one next, not end of file. */
static void test_source__load_utf16_high_surrogate_at_end(void **state)
{
	fixture *f = *state;
	static const char16_t text[] = { '"', 0xD83D };
	const char *path = write_utf16(f, "p.json", text, EG_ARRAY_SIZE(text), false, true);
	char msg[1024];

	snprintf(msg, sizeof(msg),
		 "file is UTF-16LE (saved by PowerShell '>') but damaged: unpaired high surrogate "
		 "U+D83D; re-save it as UTF-8: in PowerShell use '... | Out-File -Encoding utf8 "
		 "%s/p.json' or run: iconv -f UTF-16LE -t UTF-8 %s/p.json > %s/p.utf8.json",
		 f->dir, f->dir, f->dir);
	load_fails_at(path, 100, EG_ERR_INPUT, 1, 2, msg);
}

static void test_source__load_utf16_lone_low_surrogate(void **state)
{
	fixture *f = *state;
	static const char16_t text[] = { '{', '\r', '\n', '\r', '\n', ' ', 0xDE00, '}' };
	const char *path = write_utf16(f, "p.json", text, EG_ARRAY_SIZE(text), false, true);
	char msg[1024];

	snprintf(msg, sizeof(msg),
		 "file is UTF-16LE (saved by PowerShell '>') but damaged: unpaired low surrogate "
		 "U+DE00; re-save it as UTF-8: in PowerShell use '... | Out-File -Encoding utf8 "
		 "%s/p.json' or run: iconv -f UTF-16LE -t UTF-8 %s/p.json > %s/p.utf8.json",
		 f->dir, f->dir, f->dir);
	load_fails_at(path, 100, EG_ERR_INPUT, 3, 2, msg);
}

/* UTF-8 can be half again as long as UTF-16: the cap holds for what is
 * kept, not only for what is read. */
static void test_source__load_utf16_size_cap_after_conversion(void **state)
{
	const char *path = write_utf16(*state, "ko.json", U16(u"\uD55C\uD55C\uD55C"), false, true);
	eg_source *src;

	load_fails(path, 8, EG_ERR_LIMIT,
		   "file is larger than 8 bytes once converted from UTF-16LE to UTF-8");
	src = load_ok(path, 9);
	assert_int_equal(src->len, 9);
	eg_source_free(src);
}

/* FF FE 00 00 is UTF-32LE, not UTF-16LE followed by a NUL character. */
static void test_source__load_rejects_utf32(void **state)
{
	fixture *f = *state;
	const char *le = write_file(f, "le.json", "\xFF\xFE\0\0{\0\0\0", 8);
	char msg[1024];

	snprintf(msg, sizeof(msg),
		 "file is UTF-32LE; re-save it as UTF-8, for example run: "
		 "iconv -f UTF-32LE -t UTF-8 %s/le.json > %s/le.utf8.json", f->dir, f->dir);
	load_fails(le, 100, EG_ERR_INPUT, msg);
	write_file(f, "be.json", "\0\0\xFE\xFF\0\0\0{", 8);
	snprintf(msg, sizeof(msg),
		 "file is UTF-32BE; re-save it as UTF-8, for example run: "
		 "iconv -f UTF-32BE -t UTF-8 %s/be.json > %s/be.utf8.json", f->dir, f->dir);
	load_fails(f->path, 100, EG_ERR_INPUT, msg);
	write_file(f, "nobom.json", "{\0\0\0", 4);
	snprintf(msg, sizeof(msg),
		 "file is UTF-32LE without a byte order mark; re-save it as UTF-8, for example "
		 "run: iconv -f UTF-32LE -t UTF-8 %s/nobom.json > %s/nobom.utf8.json",
		 f->dir, f->dir);
	load_fails(f->path, 100, EG_ERR_INPUT, msg);
	write_file(f, "nobom-be.json", "\0\0\0{", 4);
	snprintf(msg, sizeof(msg),
		 "file is UTF-32BE without a byte order mark; re-save it as UTF-8, for example "
		 "run: iconv -f UTF-32BE -t UTF-8 %s/nobom-be.json > %s/nobom-be.utf8.json",
		 f->dir, f->dir);
	load_fails(f->path, 100, EG_ERR_INPUT, msg);
}

/* The suggested commands must survive being pasted into a shell. */
static void test_source__load_quotes_awkward_paths(void **state)
{
	fixture *f = *state;
	const char *path = write_file(f, "my plan's.json", "\xFF\xFE{\0}", 5);
	char msg[1024];

	snprintf(msg, sizeof(msg),
		 "file is UTF-16LE (saved by PowerShell '>') but damaged: it ends in the middle of "
		 "a character (odd number of bytes); re-save it as UTF-8: in PowerShell "
		 "use '... | Out-File -Encoding utf8 '%s/my plan''s.json'' or run: "
		 "iconv -f UTF-16LE -t UTF-8 '%s/my plan'\\''s.json' > '%s/my plan'\\''s.utf8.json'",
		 f->dir, f->dir, f->dir);
	load_fails_at(path, 100, EG_ERR_INPUT, 1, 2, msg);
}

static void test_source__load_size_cap(void **state)
{
	const char *path = write_file(*state, "eleven.json", "[1,2,3,4,5]", 11);
	eg_source *src;

	load_fails(path, 10, EG_ERR_LIMIT, "file is larger than 10 bytes");
	src = load_ok(path, 11);
	assert_int_equal(src->len, 11);
	eg_source_free(src);
}

/* /proc files report size 0, so only the read loop can enforce the cap. */
static void test_source__load_size_cap_without_stat_size(void **state)
{
	eg_source *src;

	(void)state;
	if (access("/proc/self/status", R_OK) != 0)
		skip();
	load_fails("/proc/self/status", 10, EG_ERR_LIMIT, "file is larger than 10 bytes");
	src = load_ok("/proc/self/status", 1 << 20);
	assert_true(src->len > 10);
	assert_memory_equal(src->data, "Name:", 5);
	eg_source_free(src);
}

#define NOT_REGULAR "not a regular file (to read a pipe, name `-` and give it on stdin)"

/* A device named as an input is refused: /dev/zero or /dev/urandom would
 * never end. */
static void test_source__load_character_device(void **state)
{
	(void)state;
	load_fails("/dev/null", 100, EG_ERR_IO, NOT_REGULAR);
	load_fails("/dev/zero", 100, EG_ERR_IO, NOT_REGULAR);
}

/* A FIFO that no one writes to: the old blocking open() hung for ever;
 * now it is refused at once, naming the file. */
static void test_source__load_fifo_without_writer(void **state)
{
	fixture *f = *state;

	snprintf(f->path, sizeof(f->path), "%s/plan.json", f->dir);
	assert_int_equal(mkfifo(f->path, 0600), 0);
	load_fails(f->path, 100, EG_ERR_IO, NOT_REGULAR);
}

/* "-" is stdin, read to its end whatever it is (here a pipe). */
static void test_source__load_stdin(void **state)
{
	static const char text[] = "{\"format_version\": \"1.2\"}\n";
	int fds[2], saved = dup(STDIN_FILENO);
	eg_source *src;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, sizeof(text) - 1), (ssize_t)sizeof(text) - 1);
	assert_int_equal(close(fds[1]), 0);
	assert_true(dup2(fds[0], STDIN_FILENO) >= 0);
	close(fds[0]);
	src = load_ok("-", 100);
	dup2(saved, STDIN_FILENO);
	close(saved);
	assert_string_equal(src->path, EG_SOURCE_STDIN);
	assert_int_equal(src->len, sizeof(text) - 1);
	assert_memory_equal(src->data, text, sizeof(text) - 1);
	eg_source_free(src);
}

static void test_source__load_missing_file(void **state)
{
	fixture *f = *state;

	snprintf(f->path, sizeof(f->path), "%s/absent.json", f->dir);
	load_fails(f->path, 100, EG_ERR_IO, "cannot read: No such file or directory");
}

static void test_source__load_unreadable_file(void **state)
{
	const char *path = write_file(*state, "secret.json", "{}", 2);

	if (geteuid() == 0)
		skip(); /* root reads anything */
	assert_int_equal(chmod(path, 0), 0);
	load_fails(path, 100, EG_ERR_IO, "cannot read: Permission denied");
}

static void test_source__load_directory(void **state)
{
	fixture *f = *state;

	load_fails(f->dir, 100, EG_ERR_IO, "is a directory");
}

static void test_source__load_without_error_struct(void **state)
{
	fixture *f = *state;
	eg_source *src = NULL;

	assert_int_equal(eg_source_load(&src, f->dir, 100, NULL), EG_ERR_IO);
	assert_null(src);
}

static void test_source__free_null(void **state)
{
	(void)state;
	eg_source_free(NULL);
}

static void test_source__format_names(void **state)
{
	(void)state;
	assert_string_equal(eg_format_name(EG_FMT_TF_PLAN), "terraform-plan");
	assert_string_equal(eg_format_name(EG_FMT_TF_STATE), "terraform-state");
	assert_string_equal(eg_format_name(EG_FMT_UNKNOWN), "unknown");
	assert_string_equal(eg_format_name((eg_format)42), "unknown");
}

static void assert_line_col(const eg_source *src, size_t off, int line, int col)
{
	int l = -1, c = -1;

	eg_source_line_col(src, off, &l, &c);
	if (l != line || c != col)
		fail_msg("offset %zu: want %d:%d, got %d:%d", off, line, col, l, c);
}

static void test_source__line_col(void **state)
{
	char text[] = "ab\ncd\n\nx";
	eg_line_index ix = { NULL, 0 };
	eg_source src = { .data = text, .len = sizeof(text) - 1, .format = EG_FMT_UNKNOWN };
	int pass;

	(void)state;
	/* without a line index (scanning), then with one (built on first use) */
	for (pass = 0; pass < 2; pass++) {
		src.lines = pass ? &ix : NULL;
		assert_line_col(&src, 0, 1, 1);
		assert_line_col(&src, 1, 1, 2);
		assert_line_col(&src, 2, 1, 3); /* the '\n' ends line 1 */
		assert_line_col(&src, 3, 2, 1);
		assert_line_col(&src, 5, 2, 3);
		assert_line_col(&src, 6, 3, 1);
		assert_line_col(&src, 7, 4, 1);
		assert_line_col(&src, 8, 4, 2);  /* end of data */
		assert_line_col(&src, 99, 4, 2); /* clamped to the end */
	}
	assert_int_equal(ix.n, 4);
	eg_free(ix.starts);
}

static void test_source__line_col_counts_bytes(void **state)
{
	char text[] = "a\r\n\xC3\xA9x";
	eg_source src = { .data = text, .len = sizeof(text) - 1, .format = EG_FMT_UNKNOWN };
	int line = 0;

	(void)state;
	assert_line_col(&src, 1, 1, 2); /* '\r' is an ordinary byte */
	assert_line_col(&src, 3, 2, 1);
	assert_line_col(&src, 5, 2, 3); /* 'x' after a two-byte character */
	eg_source_line_col(&src, 5, &line, NULL);
	assert_int_equal(line, 2);
}

static void test_source__line_col_of_empty_source(void **state)
{
	char text[] = "";
	eg_source src = { .data = text, .format = EG_FMT_UNKNOWN };

	(void)state;
	assert_line_col(&src, 0, 1, 1);
	assert_line_col(&src, 5, 1, 1);
}

#define T(name) cmocka_unit_test_setup_teardown(test_source__##name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(load_reads_whole_file),
		T(load_keeps_nul_bytes),
		T(load_empty_file),
		T(load_large_file),
		T(load_maps_or_reads_with_nul),
		T(load_strips_utf8_bom),
		T(load_bom_only_file_is_empty),
		T(load_keeps_partial_bom),
		T(load_bom_counts_against_cap),
		T(load_converts_utf16le_bom_crlf),
		T(load_converts_utf16be_bom),
		T(load_converts_utf16_without_bom),
		T(load_utf16_bom_only_file_is_empty),
		T(load_converts_non_ascii),
		T(load_utf16_odd_length),
		T(load_utf16_lone_high_surrogate),
		T(load_utf16_high_surrogate_at_end),
		T(load_utf16_lone_low_surrogate),
		T(load_utf16_size_cap_after_conversion),
		T(load_rejects_utf32),
		T(load_quotes_awkward_paths),
		T(load_size_cap),
		T(load_size_cap_without_stat_size),
		T(load_character_device),
		T(load_fifo_without_writer),
		T(load_stdin),
		T(load_missing_file),
		T(load_unreadable_file),
		T(load_directory),
		T(load_without_error_struct),
		T(free_null),
		T(format_names),
		T(line_col),
		T(line_col_counts_bytes),
		T(line_col_of_empty_source),
	};

	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}

/* failalloc.c - the allocation-failure sweep: runs the edgegate CLI (main.c,
 * linked in as edgegate_main) on one command line with the nth allocation
 * failing, for every n up to the number the run makes, in one process.
 *
 *	failalloc [--every K] -- lint examples/x --rules r ...
 *
 * Each run must give the result of the run without a failure (same exit
 * code, same stdout) or exit 2 saying "out of memory"; and after each the
 * library holds no more blocks and the process no more descriptors than
 * before.  Under ASan the process ends with a leak check, which sees what
 * the library allocates outside its own allocator (libyaml, stdio, regex).
 * --every K tries every Kth n only (a quick look; make test tries all).
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int edgegate_main(int argc, char **argv);

typedef struct capture {
	char *out, *err;
	size_t out_len, err_len;
	int status;
} capture;

static size_t open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	size_t n = 0;

	if (!d)
		return 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static char *slurp(int fd, size_t *len)
{
	size_t alloc = 4096;
	char *buf = malloc(alloc);
	ssize_t got;

	*len = 0;
	lseek(fd, 0, SEEK_SET);
	while (buf && (got = read(fd, buf + *len, alloc - *len)) > 0) {
		*len += (size_t)got;
		if (*len == alloc)
			buf = realloc(buf, alloc *= 2);
	}
	return buf;
}

/* Runs the CLI with stdout and stderr sent to two scratch files. */
static void run(int argc, char **argv, int fd_out, int fd_err, capture *c)
{
	int save_out = dup(STDOUT_FILENO), save_err = dup(STDERR_FILENO);

	fflush(stdout);
	fflush(stderr);
	if (ftruncate(fd_out, 0) || ftruncate(fd_err, 0) || save_out < 0 || save_err < 0) {
		perror("failalloc");
		exit(3);
	}
	lseek(fd_out, 0, SEEK_SET);
	lseek(fd_err, 0, SEEK_SET);
	dup2(fd_out, STDOUT_FILENO);
	dup2(fd_err, STDERR_FILENO);
	c->status = edgegate_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(save_out, STDOUT_FILENO);
	dup2(save_err, STDERR_FILENO);
	close(save_out);
	close(save_err);
	c->out = slurp(fd_out, &c->out_len);
	c->err = slurp(fd_err, &c->err_len);
}

static void release(capture *c)
{
	free(c->out);
	free(c->err);
}

static int scratch(void)
{
	char tmpl[] = "/tmp/edgegate-failalloc.XXXXXX";
	int fd = mkstemp(tmpl);

	if (fd < 0) {
		perror("failalloc: mkstemp");
		exit(3);
	}
	unlink(tmpl);
	return fd;
}

int main(int argc, char **argv)
{
	size_t every = 1, n, tried = 0, nomem = 0, same = 0, live, fds;
	int first = 1, fd_out = scratch(), fd_err = scratch(), failures = 0;
	capture base, c;
	char **args;

	if (argc > 2 && !strcmp(argv[1], "--every")) {
		every = strtoul(argv[2], NULL, 10);
		first = 3;
	}
	if (first >= argc || strcmp(argv[first], "--") || every == 0) {
		fprintf(stderr, "usage: failalloc [--every K] -- EDGEGATE-ARGS...\n");
		return 3;
	}
	/* argv[first] stands in for argv[0] */
	args = argv + first;
	argc -= first;
	live = eg_mem_live_blocks();
	fds = open_fds();
	run(argc, args, fd_out, fd_err, &base);
	if (base.status == 2 && base.err_len && strstr(base.err, "out of memory")) {
		fprintf(stderr, "failalloc: the run without a failure ran out of memory\n");
		return 1;
	}
	for (n = 1;; n += every) {
		bool pending;

		eg_mem_fail_nth(n);
		run(argc, args, fd_out, fd_err, &c);
		pending = eg_mem_fail_pending();
		eg_mem_fail_nth(0);
		tried++;
		if (eg_mem_live_blocks() != live) {
			fprintf(stderr, "failalloc: allocation %zu failing left %zu blocks live\n", n,
				eg_mem_live_blocks() - live);
			failures++;
			live = eg_mem_live_blocks();
		}
		if (open_fds() != fds) {
			fprintf(stderr, "failalloc: allocation %zu failing left %zu descriptors open\n",
				n, open_fds() - fds);
			failures++;
			fds = open_fds();
		}
		if (c.status == base.status && c.out_len == base.out_len &&
		    !memcmp(c.out, base.out, c.out_len)) {
			same++;
		} else if (!pending && c.status == 2 && c.err && strstr(c.err, "out of memory")) {
			nomem++;
		} else {
			fprintf(stderr, "failalloc: allocation %zu failing gave exit %d (not %d), "
					"stderr:\n%.*s\n", n, c.status, base.status,
				(int)(c.err_len > 2000 ? 2000 : c.err_len), c.err);
			failures++;
		}
		release(&c);
		if (pending || failures > 10)
			break;
	}
	printf("failalloc: %zu runs, allocations 1..%zu%s failing: %zu out-of-memory exits, "
	       "%zu normal results, %d wrong\n", tried, n, every > 1 ? " (a sample)" : "", nomem,
	       same, failures);
	release(&base);
	fflush(stdout); /* before the leak check, which may end the process */
	return failures ? 1 : 0;
}

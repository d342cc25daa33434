/*
 * fdt_oracle: libfdt's verdict on many blobs, one process for all of them.
 *
 * Built and driven by the test class io.khotools.fdt.oracle.LibfdtOracle (gcc ... -lfdt, Debian libfdt-dev).
 * Written for khotools; it only calls libfdt's public API.
 *
 * stdin:  any number of frames { u32 big-endian length; length bytes of blob }, until EOF.
 * stdout: "ready <path>\n" once (path: the libfdt shared object in use, resolved, or "unknown"), then one line
 *         per frame, in order:
 *           "s -8"    shorter than struct fdt_header (40 bytes): not given to libfdt (see below), TRUNCATED
 *           "h <rc>"  fdt_check_header() failed with rc
 *           "f <rc>"  fdt_check_full(blob, length) returned rc (0 = accepted)
 *         If libfdt crashes on a frame, the line for that frame is "crash <signal>"; if it spends more than
 *         CPU_LIMIT_S seconds of CPU time on it (libfdt 1.6.1 loops forever on some property lengths), "hang".
 *         Either way the process then exits with status 3.
 * exit:   0 at EOF; 2 for a malformed frame or an I/O error (message on stderr).
 *
 * Guards, so that libfdt misbehaving is reported instead of hidden or hanging the caller:
 *  - each blob is copied to the end of a mapping followed by an inaccessible guard page, so a read more than
 *    7 bytes past the blob faults (the 0-7 bytes up to the next multiple of 8 are zero: libfdt wants an
 *    8-aligned blob start);
 *  - SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT end the process with a "crash" line, a CPU-time timer
 *    (ITIMER_PROF: load on the machine does not count) around each libfdt call with a "hang" line;
 *  - fdt_check_full gets the real length as bufsize.
 * A careful caller never lets fdt_check_header read header fields the buffer does not have: it reads all
 * 40 bytes of struct fdt_header for a v17 blob, so shorter buffers are refused here before libfdt sees them.
 * Every blob that short is invalid anyway (a header and a reservation-map terminator alone take 44 bytes).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libfdt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#define CPU_LIMIT_S 1
#define MAX_FRAME (64u * 1024 * 1024)

static unsigned char *region; /* mapping: data pages, then one guard page */
static size_t region_data;    /* bytes before the guard page */
static size_t page;

static void on_signal(int sig)
{
	/* async-signal-safe: format the number by hand, write(2), _exit(2) */
	char line[32] = "crash ";
	int n = 6, d = 1;
	if (sig == SIGPROF) {
		memcpy(line, "hang", 4);
		n = 4;
	} else {
		while (d * 10 <= sig)
			d *= 10;
		for (; d > 0; d /= 10)
			line[n++] = (char)('0' + (sig / d) % 10);
	}
	line[n++] = '\n';
	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		_exit(4);
	_exit(3);
}

static void install_guards(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGPROF };
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL) != 0) {
			perror("fdt_oracle: sigaction");
			exit(2);
		}
}

/* Returns a pointer p with p + round8(len) == the guard page; grows the mapping when needed. */
static unsigned char *slot_for(size_t len)
{
	size_t padded = (len + 7) & ~(size_t)7;
	if (padded > region_data || region == NULL) {
		if (region != NULL)
			munmap(region, region_data + page);
		region_data = (padded + page - 1) / page * page;
		if (region_data == 0)
			region_data = page;
		region = mmap(NULL, region_data + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (region == MAP_FAILED) {
			perror("fdt_oracle: mmap");
			exit(2);
		}
		if (mprotect(region + region_data, page, PROT_NONE) != 0) {
			perror("fdt_oracle: mprotect");
			exit(2);
		}
	}
	unsigned char *p = region + region_data - padded;
	memset(p + len, 0, padded - len);
	return p;
}

/* Reads exactly n bytes; returns 1, or 0 at EOF before the first byte. Exits on a short frame. */
static int read_fully(unsigned char *dst, size_t n, int eof_ok)
{
	size_t got = fread(dst, 1, n, stdin);
	if (got == n)
		return 1;
	if (got == 0 && eof_ok && feof(stdin))
		return 0;
	fprintf(stderr, "fdt_oracle: frame cut short (%zu of %zu bytes)\n", got, n);
	exit(2);
}

/* Arms (seconds > 0) or disarms (0) the CPU-time limit. */
static void cpu_limit(int seconds)
{
	struct itimerval t;
	memset(&t, 0, sizeof(t));
	t.it_value.tv_sec = seconds;
	if (setitimer(ITIMER_PROF, &t, NULL) != 0) {
		perror("fdt_oracle: setitimer");
		exit(2);
	}
}

static void verdict(const unsigned char *blob, size_t len)
{
	char stage = 'h';
	int rc;
	if (len < sizeof(struct fdt_header)) {
		printf("s %d\n", -FDT_ERR_TRUNCATED);
		return;
	}
	cpu_limit(CPU_LIMIT_S);
	rc = fdt_check_header(blob);
	if (rc == 0) {
		stage = 'f';
		rc = fdt_check_full(blob, len);
	}
	cpu_limit(0);
	printf("%c %d\n", stage, rc);
}

/* The file libfdt was loaded from, symlinks resolved (Debian: .../libfdt-1.6.1.so), so the caller knows the version. */
static const char *libfdt_path(void)
{
	static char real[PATH_MAX];
	Dl_info info;
	if (dladdr((void *)fdt_check_full, &info) != 0 && info.dli_fname != NULL && realpath(info.dli_fname, real) != NULL)
		return real;
	return "unknown";
}

int main(void)
{
	unsigned char hdr[4];
	page = (size_t)sysconf(_SC_PAGESIZE);
	install_guards();
	printf("ready %s\n", libfdt_path());
	fflush(stdout);
	while (read_fully(hdr, 4, 1)) {
		size_t len = (size_t)hdr[0] << 24 | (size_t)hdr[1] << 16 | (size_t)hdr[2] << 8 | hdr[3];
		if (len > MAX_FRAME) {
			fprintf(stderr, "fdt_oracle: frame of %zu bytes exceeds %u\n", len, MAX_FRAME);
			return 2;
		}
		unsigned char *blob = slot_for(len);
		if (len > 0)
			read_fully(blob, len, 0);
		verdict(blob, len);
		/* flushed per frame: the caller may wait for this line before sending more */
		if (fflush(stdout) != 0) {
			perror("fdt_oracle: stdout");
			return 2;
		}
	}
	return 0;
}

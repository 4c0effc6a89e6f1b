/* sha256.h - SHA-256 (FIPS 180-4), for evidence digests and fingerprints.
 *
 * Self-contained so evidence does not add a crypto library to the build.
 * The caller owns every buffer.
 */
#ifndef EG_SHA256_H
#define EG_SHA256_H

#include "common.h"

#include <stddef.h>
#include <stdint.h>

typedef struct eg_sha256 {
	uint32_t h[8];
	uint64_t len;      /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} eg_sha256;

void eg_sha256_init(eg_sha256 *s);
void eg_sha256_update(eg_sha256 *s, const void *data, size_t len);
/* Writes 64 lowercase hex digits and a NUL to hex. */
void eg_sha256_final_hex(eg_sha256 *s, char hex[65]);
void eg_sha256_hex(const void *data, size_t len, char hex[65]);
/* A 32-hex-digit identity: SHA-256 over the parts, each ended by a NUL so
 * ("ab","c") and ("a","bc") differ; NULL parts hash as "". */
void eg_fingerprint(char out[33], const char *const *parts, size_t nparts);
/* The digest of a file's bytes as stored (before any UTF-16 conversion). */
int eg_sha256_file(const char *path, char hex[65], eg_error *err);

#endif

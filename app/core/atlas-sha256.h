/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sha256.h: the SHA-256 of an imported file, with the x86 SHA
 * instructions where the CPU has them.
 *
 * An import stores the SHA-256 of its file, hashed while the rows are
 * parsed.  GLib's GChecksum is portable C: 9.2 ms of CPU for the 4 MB
 * aijobs file on the machines this app is measured on, ~4 % of its import
 * (bench/README.md, perf-import4 and perf-import5).  With the SHA
 * extensions (Intel since Goldmont and Ice Lake, AMD since Zen) the same
 * bytes take 2.6 ms.  Without them, or on another architecture, this
 * is GChecksum itself; the digest is the same either way (test-sha256
 * compares the two). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GChecksum *portable;  /* NULL when the SHA instructions are used */
  guint32    state[8];
  guint8     block[64];
  gsize      fill;      /* bytes in @block */
  guint64    length;    /* bytes hashed in all */
} AtlasSha256;

void     atlas_sha256_init     (AtlasSha256  *self);
void     atlas_sha256_update   (AtlasSha256  *self,
                                const guint8 *data,
                                gsize         len);
/* The digest in lowercase hexadecimal, as g_checksum_get_string() gives
 * it; @self is cleared and may be initialised again. */
char    *atlas_sha256_end      (AtlasSha256  *self);
/* Frees what @self holds without a digest (safe on a cleared one). */
void     atlas_sha256_clear    (AtlasSha256  *self);
/* Whether the SHA instructions are used (for the test's message). */
gboolean atlas_sha256_is_accelerated (void);

G_END_DECLS

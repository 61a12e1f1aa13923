/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sha256.c: SHA-256 (FIPS 180-4) with the x86 SHA instructions, else
 * GChecksum (see atlas-sha256.h). */

#include "config.h"

#include <string.h>

#include "atlas-sha256.h"

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#ifdef HAVE_SHA_NI

static const guint32 initial_state[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static const guint32 round_constants[64] __attribute__ ((aligned (16))) = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static gboolean
cpu_has_sha (void)
{
  static int has = -1;

  if (has < 0)
    {
      unsigned int a, b, c, d;
      gboolean sse = __get_cpuid (1, &a, &b, &c, &d) &&
                     (c & bit_SSSE3) != 0 && (c & bit_SSE4_1) != 0;
      gboolean sha = __get_cpuid_count (7, 0, &a, &b, &c, &d) && (b & bit_SHA) != 0;

      /* Benign race: every thread computes the same value. */
      g_atomic_int_set (&has, sse && sha);
    }
  return g_atomic_int_get (&has) == 1;
}

/* The compression function over @n_blocks blocks of 64 bytes.  The
 * instructions keep the eight working variables as ABEF and CDGH (two
 * registers of four), and take four message words plus constants per pair
 * of sha256rnds2 (two rounds each): 16 groups of 4 rounds per block, the
 * message schedule of groups 4-15 made by sha256msg1/msg2 from the four
 * groups before. */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
compress_sha_ni (guint32       state[8],
                 const guint8 *data,
                 gsize         n_blocks)
{
  const __m128i byte_swap = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abef, cdgh, tmp;

  /* state[] is A..H; the instructions want ABEF and CDGH with A, C in the
   * high words (the comments list the words from the low one). */
  tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);  /* B A D C */
  cdgh = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B); /* H G F E */
  abef = _mm_alignr_epi8 (tmp, cdgh, 8);                                           /* F E B A */
  cdgh = _mm_blend_epi16 (cdgh, tmp, 0xF0);                                        /* H G D C */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      const __m128i abef_before = abef, cdgh_before = cdgh;
      __m128i w[4];

      for (guint group = 0; group < 16; group++)
        {
          __m128i words, sum;

          if (group < 4)
            words = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * group)),
                                      byte_swap);
          else
            {
              /* W[t] from W[t-16], W[t-15], W[t-7] and W[t-2], four at a time:
               * w[group % 4] holds the group 4 back, the others the 3 after it. */
              __m128i w16 = w[group % 4], w12 = w[(group + 1) % 4];
              __m128i w8 = w[(group + 2) % 4], w4 = w[(group + 3) % 4];

              words = _mm_sha256msg1_epu32 (w16, w12);
              words = _mm_add_epi32 (words, _mm_alignr_epi8 (w4, w8, 4));
              words = _mm_sha256msg2_epu32 (words, w4);
            }
          w[group % 4] = words;

          sum = _mm_add_epi32 (words, _mm_load_si128 ((const __m128i *) &round_constants[4 * group]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, sum);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (sum, 0x0E));
        }

      abef = _mm_add_epi32 (abef, abef_before);
      cdgh = _mm_add_epi32 (cdgh, cdgh_before);
    }

  tmp = _mm_shuffle_epi32 (abef, 0x1B);                  /* A B E F */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);                 /* G H C D */
  abef = _mm_blend_epi16 (tmp, cdgh, 0xF0);              /* A B C D */
  cdgh = _mm_alignr_epi8 (cdgh, tmp, 8);                 /* E F G H */
  _mm_storeu_si128 ((__m128i *) &state[0], abef);
  _mm_storeu_si128 ((__m128i *) &state[4], cdgh);
}

#endif /* HAVE_SHA_NI */

gboolean
atlas_sha256_is_accelerated (void)
{
#ifdef HAVE_SHA_NI
  return cpu_has_sha ();
#else
  return FALSE;
#endif
}

void
atlas_sha256_init (AtlasSha256 *self)
{
  memset (self, 0, sizeof *self);
#ifdef HAVE_SHA_NI
  if (cpu_has_sha ())
    {
      memcpy (self->state, initial_state, sizeof initial_state);
      return;
    }
#endif
  self->portable = g_checksum_new (G_CHECKSUM_SHA256);
}

void
atlas_sha256_update (AtlasSha256  *self,
                     const guint8 *data,
                     gsize         len)
{
  if (self->portable != NULL)
    {
      g_checksum_update (self->portable, data, len);
      return;
    }

#ifdef HAVE_SHA_NI
  self->length += len;
  if (self->fill > 0)
    {
      gsize take = MIN (len, sizeof self->block - self->fill);

      memcpy (self->block + self->fill, data, take);
      self->fill += take;
      data += take;
      len -= take;
      if (self->fill < sizeof self->block)
        return;
      compress_sha_ni (self->state, self->block, 1);
      self->fill = 0;
    }
  if (len >= 64)
    {
      compress_sha_ni (self->state, data, len / 64);
      data += len & ~(gsize) 63;
      len &= 63;
    }
  memcpy (self->block, data, len);
  self->fill = len;
#endif
}

char *
atlas_sha256_end (AtlasSha256 *self)
{
  char *hex;

  if (self->portable != NULL)
    {
      hex = g_strdup (g_checksum_get_string (self->portable));
      atlas_sha256_clear (self);
      return hex;
    }

  hex = g_malloc (65);
#ifdef HAVE_SHA_NI
  {
    guint64 bits = self->length * 8;

    /* The padding: a 1 bit, zeros, then the length in bits, big-endian,
     * in the last 8 bytes of a block. */
    self->block[self->fill++] = 0x80;
    if (self->fill > 56)
      {
        memset (self->block + self->fill, 0, 64 - self->fill);
        compress_sha_ni (self->state, self->block, 1);
        self->fill = 0;
      }
    memset (self->block + self->fill, 0, 56 - self->fill);
    for (guint i = 0; i < 8; i++)
      self->block[56 + i] = (guint8) (bits >> (56 - 8 * i));
    compress_sha_ni (self->state, self->block, 1);

    for (guint i = 0; i < 8; i++)
      g_snprintf (hex + 8 * i, 9, "%08x", self->state[i]);
  }
#endif
  atlas_sha256_clear (self);
  return hex;
}

void
atlas_sha256_clear (AtlasSha256 *self)
{
  g_clear_pointer (&self->portable, g_checksum_free);
  memset (self, 0, sizeof *self);
}

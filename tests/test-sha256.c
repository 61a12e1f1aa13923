/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SHA-256 of imported files (atlas-sha256.c): the published test
 * vectors of FIPS 180-2, and the same digests as GLib's GChecksum for
 * every length around the 64-byte blocks and any way of cutting the input
 * into pieces. */

#include <string.h>

#include "atlas-sha256.h"

static char *
digest_of (const guint8 *data,
           gsize         len)
{
  AtlasSha256 sha;

  atlas_sha256_init (&sha);
  atlas_sha256_update (&sha, data, len);
  return atlas_sha256_end (&sha);
}

static void
test_vectors (void)
{
  /* FIPS 180-2, appendix B: one block, two blocks, and a million "a". */
  static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  g_autofree char *empty = digest_of ((const guint8 *) "", 0);
  g_autofree char *abc = digest_of ((const guint8 *) "abc", 3);
  g_autofree char *two = digest_of ((const guint8 *) two_blocks, strlen (two_blocks));
  g_autofree guint8 *million = g_malloc (1000000);
  g_autofree char *a = NULL;

  g_test_message ("SHA instructions used: %s", atlas_sha256_is_accelerated () ? "yes" : "no");

  memset (million, 'a', 1000000);
  a = digest_of (million, 1000000);
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (two, ==, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  g_assert_cmpstr (a, ==, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void
test_like_gchecksum (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  gsize size = 100000;
  g_autofree guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);

  /* Every length up to five blocks: the padding's two cases (the length
   * fits in the last block or needs another one). */
  for (gsize len = 0; len <= 5 * 64 + 1; len++)
    {
      g_autofree char *ours = digest_of (data, len);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

      g_assert_cmpstr (ours, ==, glib);
    }

  /* Pieces of random sizes, from none to more than a block, as reads from
   * a file give them. */
  for (guint round = 0; round < 50; round++)
    {
      gsize len = g_rand_int_range (rand, 0, (gint32) size + 1);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
      g_autofree char *ours = NULL;
      AtlasSha256 sha;

      atlas_sha256_init (&sha);
      for (gsize done = 0; done < len;)
        {
          gsize piece = (gsize) g_rand_int_range (rand, 0, round % 2 ? 200 : 5000);

          piece = MIN (piece, len - done);

          atlas_sha256_update (&sha, data + done, piece);
          done += piece;
        }
      ours = atlas_sha256_end (&sha);
      g_assert_cmpstr (ours, ==, glib);
    }
}

static void
test_clear (void)
{
  AtlasSha256 sha;
  g_autofree char *again = NULL;

  /* Cleared without a digest, twice, then used again. */
  atlas_sha256_init (&sha);
  atlas_sha256_update (&sha, (const guint8 *) "abc", 3);
  atlas_sha256_clear (&sha);
  atlas_sha256_clear (&sha);
  atlas_sha256_init (&sha);
  atlas_sha256_update (&sha, (const guint8 *) "ab", 2);
  atlas_sha256_update (&sha, (const guint8 *) "c", 1);
  again = atlas_sha256_end (&sha);
  g_assert_cmpstr (again, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/sha256/vectors", test_vectors);
  g_test_add_func ("/atlas/sha256/like-gchecksum", test_like_gchecksum);
  g_test_add_func ("/atlas/sha256/clear", test_clear);

  return g_test_run ();
}

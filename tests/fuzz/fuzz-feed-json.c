/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-feed-json.c: the Salary Atlas JSON feed parser on any bytes.  An
 * accepted feed's CSV rendering must parse as CSV; a refused feed's message
 * must name the feed and be printable. */

#include "config.h"

#include "atlas-csv.h"
#include "atlas-feed-json.h"

static gboolean
row_cb (const AtlasCsvRow  *row,
        gpointer            user_data,
        GError            **error)
{
  guint *n_rows = user_data;

  g_assert (row->valid_utf8);
  (*n_rows)++;
  return TRUE;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFeedJson) feed = NULL;

  feed = atlas_feed_json_parse ((const char *) data, size, "fuzz.json", &error);
  if (feed == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_str_has_prefix (error->message, "fuzz.json"));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert ((guchar) *p >= 0x20 || *p == '\n');
      return 0;
    }

  /* The records go on through the CSV importer: one CSV record per feed
   * record, after the header, whatever the strings hold. */
  {
    g_autoptr(GBytes) csv = atlas_feed_json_records_to_csv (feed);
    guint n_rows = 0;

    if (csv != NULL)
      {
        gsize len;
        const char *text = g_bytes_get_data (csv, &len);

        g_assert (atlas_csv_parse_buffer (text, len, row_cb, &n_rows, NULL));
        g_assert_cmpuint (n_rows, ==, atlas_feed_json_get_n_records (feed) + 1);
      }
    else
      g_assert_cmpuint (atlas_feed_json_get_n_records (feed), ==, 0);
  }

  return 0;
}

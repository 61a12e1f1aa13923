/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-mapping.c: the mapping-file parser on any bytes.  An accepted mapping
 * must be usable; a refused one's message must be printable. */

#include "config.h"

#include "atlas-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  AtlasMapping *mapping;

  mapping = atlas_mapping_new_from_data ((const char *) data, size, "fuzz.map", &error);
  if (mapping == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
    }
  else
    {
      g_assert (error == NULL);
      atlas_mapping_free (mapping);
    }

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-formats.c: the registry of import formats: their names, and
 * which one reads an input, from its header.  A new format adds its class
 * to format_classes and its name to format_names. */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-quote.h"

/* In detection order: the first whose detect() accepts a header reads it. */
static const AtlasImportFormatClass * const format_classes[] = {
  &_atlas_import_aijobs,
  &_atlas_import_h1b,
  &_atlas_import_dol_lca,
  &_atlas_import_glassdoor,
  &_atlas_import_levels,
  &_atlas_import_mapped,
};

static const struct
{
  AtlasFormat format;
  const char *name;
} format_names[] = {
  { ATLAS_FORMAT_AUTO, "auto" },
  { ATLAS_FORMAT_AIJOBS, "aijobs" },
  { ATLAS_FORMAT_H1B, "h1b" },
  { ATLAS_FORMAT_DOL_LCA, "dol-lca" },
  { ATLAS_FORMAT_GLASSDOOR_IN, "glassdoor-in" },
  { ATLAS_FORMAT_CSV, "csv" },
  { ATLAS_FORMAT_LEVELS_FYI, "levels-fyi" },
  { ATLAS_FORMAT_IN_FIGURES, "in-figures" },
};

const char *
atlas_format_to_string (AtlasFormat format)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return "auto";
}

gboolean
atlas_format_from_string (const char  *str,
                          AtlasFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (format_names[i].name, str) == 0)
      {
        *format = format_names[i].format;
        return TRUE;
      }

  return FALSE;
}

const AtlasImportFormatClass *
_atlas_import_format_find (AtlasFormat format)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_classes); i++)
    if (format_classes[i]->format == format)
      return format_classes[i];
  return NULL;
}

const AtlasImportFormatClass *
_atlas_import_format_choose (AtlasFormat         forced,
                             AtlasMapping       *mapping,
                             const AtlasCsvRow  *header,
                             const char         *display_name,
                             GError            **error)
{
  const AtlasImportFormatClass *klass = NULL;

  if (forced != ATLAS_FORMAT_AUTO)
    klass = _atlas_import_format_find (forced);
  else if (mapping != NULL)
    klass = &_atlas_import_mapped;
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (format_classes); i++)
        if (format_classes[i]->detect != NULL && format_classes[i]->detect (header))
          {
            klass = format_classes[i];
            break;
          }
    }

  if (klass == NULL)
    {
      g_autoptr(GString) columns = g_string_new (NULL);

      /* The header is the file's: quoted safely (atlas-quote.h). */
      for (guint i = 0; i < header->n_fields && i < 8; i++)
        {
          g_string_append (columns, i ? ", “" : "“");
          atlas_quote_append_len (columns, header->fields[i], header->lengths[i],
                                  ATLAS_QUOTE_MAX_CHARS / 2);
          g_string_append (columns, "”");
        }
      if (header->n_fields > 8)
        g_string_append (columns, ", …");

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s:%" PRIu64 ": the columns (%s) match no known format; "
                     "import it with a mapping file (--format csv --map FILE)"),
                   display_name, header->line, columns->str);
      return NULL;
    }

  if (klass->format == ATLAS_FORMAT_CSV && mapping == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: a generic CSV import needs a mapping file (--map FILE)"),
                   display_name);
      return NULL;
    }

  return klass;
}

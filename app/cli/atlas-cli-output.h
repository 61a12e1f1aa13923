/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-output.h: rows printed as an aligned table, RFC 4180 CSV or JSON. */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _AtlasCliTable AtlasCliTable;

AtlasCliTable *atlas_cli_table_new         (const char * const *columns,
                                            guint               n_columns);
void           atlas_cli_table_free        (AtlasCliTable      *self);
/* "table" (default), "csv" or "json". */
gboolean       atlas_cli_table_set_format  (AtlasCliTable      *self,
                                            const char         *format,
                                            GError            **error);
void           atlas_cli_table_begin_row   (AtlasCliTable      *self);
void           atlas_cli_table_add_string  (AtlasCliTable      *self,
                                            const char         *value);
void           atlas_cli_table_add_int     (AtlasCliTable      *self,
                                            gint64              value);
void           atlas_cli_table_add_int_display (AtlasCliTable  *self,
                                                gint64          value,
                                                const char     *display);
/* @display is what the table shows (e.g. "$140K"); CSV and JSON carry the
 * unrounded @value. NAN is empty in CSV and null in JSON. */
void           atlas_cli_table_add_double  (AtlasCliTable      *self,
                                            double              value,
                                            const char         *display);
void           atlas_cli_table_add_bool    (AtlasCliTable      *self,
                                            gboolean            value);
/* Marks the last @n columns as JSON-only (not in table or CSV output). */
void           atlas_cli_table_set_json_only (AtlasCliTable    *self,
                                              guint             n);
/* Marks the @n columns before the JSON-only ones as not in CSV output, so
 * that CSV keeps the columns scripts read by position. */
void           atlas_cli_table_set_not_csv (AtlasCliTable      *self,
                                            guint               n);
void           atlas_cli_table_print       (AtlasCliTable      *self,
                                            FILE               *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCliTable, atlas_cli_table_free)

G_END_DECLS

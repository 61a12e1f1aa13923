/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-csv.h: a streaming RFC 4180 reader that is fed bytes as they arrive. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_CSV_ERROR (atlas_csv_error_quark ())

typedef enum
{
  ATLAS_CSV_ERROR_UNTERMINATED_QUOTE,
  ATLAS_CSV_ERROR_BAD_QUOTE,
  ATLAS_CSV_ERROR_TOO_LARGE,
} AtlasCsvError;
/* Their messages start with the record's line and a colon, "3: reason": a
 * caller puts the input's name and a colon before it, "FILE:3: reason". */

typedef struct
{
  guint64             line;       /* physical line (1-based) where the record starts */
  guint64             index;      /* record number: 0 is the header */
  guint               n_fields;
  const char * const *fields;     /* NUL-terminated; a leading UTF-8 BOM is removed */
  const gsize        *lengths;
  gboolean            valid_utf8; /* every field is valid UTF-8 */
} AtlasCsvRow;

/* Return FALSE with error set to stop the reader; the error is passed on
 * from atlas_csv_reader_feed()/finish(). */
typedef gboolean (*AtlasCsvRowFunc) (const AtlasCsvRow  *row,
                                     gpointer            user_data,
                                     GError            **error);

/* A record with a syntax error (unterminated or misplaced quote), starting at
 * @line; @reason is a translated phrase without the line.  Return FALSE with
 * @error set to stop the reader. */
typedef gboolean (*AtlasCsvSyntaxFunc) (guint64      line,
                                        const char  *reason,
                                        gpointer     user_data,
                                        GError     **error);

typedef struct _AtlasCsvReader AtlasCsvReader;

GQuark          atlas_csv_error_quark    (void);
AtlasCsvReader *atlas_csv_reader_new     (AtlasCsvRowFunc   func,
                                          gpointer          user_data);
gboolean        atlas_csv_reader_feed    (AtlasCsvReader   *self,
                                          const char       *data,
                                          gsize             len,
                                          GError          **error);
gboolean        atlas_csv_reader_finish  (AtlasCsvReader   *self,
                                          GError          **error);
void            atlas_csv_reader_free    (AtlasCsvReader   *self);
/* ',' (the default) or ';'; set before the first feed. */
void            atlas_csv_reader_set_separator (AtlasCsvReader *self,
                                          char              separator);
/* With @func set, a syntax error does not stop the reader: @func hears of
 * the record and reading resumes at the line after the record's first (an
 * unterminated quote) or after the bad quote (text after a closing quote).
 * Without it (the default), the first syntax error fails the feed/finish. */
void            atlas_csv_reader_set_recover (AtlasCsvReader     *self,
                                          AtlasCsvSyntaxFunc  func,
                                          gpointer            user_data);
/* The separator of a file whose first bytes are @data: ';' when its first
 * line has semicolons and no comma or quote (levels.fyi's export), else ','. */
char            atlas_csv_sniff_separator (const char      *data,
                                          gsize             len);

/* Parses a whole buffer; convenience for small embedded files. */
gboolean        atlas_csv_parse_buffer   (const char       *data,
                                          gsize             len,
                                          AtlasCsvRowFunc   func,
                                          gpointer          user_data,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCsvReader, atlas_csv_reader_free)

G_END_DECLS

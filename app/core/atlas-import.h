/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import.h: streaming importers. Each import is one transaction: it
 * replaces the source's records only when the whole input arrived and parsed. */
#pragma once

#include <gio/gio.h>

#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_IMPORT_ERROR (atlas_import_error_quark ())

typedef enum
{
  ATLAS_IMPORT_ERROR_FORMAT,    /* header does not match any known or forced format */
  ATLAS_IMPORT_ERROR_ROW,       /* a bad row in --strict mode */
  ATLAS_IMPORT_ERROR_MAPPING,   /* bad mapping file */
  ATLAS_IMPORT_ERROR_IO,
  ATLAS_IMPORT_ERROR_EMPTY,     /* no rows at all */
} AtlasImportError;

typedef enum
{
  ATLAS_FORMAT_AUTO = 0,
  ATLAS_FORMAT_AIJOBS,          /* aijobs.net salary index */
  ATLAS_FORMAT_H1B,             /* the two h1bdata.info layouts in ../shared/data */
  ATLAS_FORMAT_DOL_LCA,         /* US DOL OFLC LCA disclosure columns */
  ATLAS_FORMAT_GLASSDOOR_IN,    /* Glassdoor India 2022 (INR) */
  ATLAS_FORMAT_CSV,             /* any CSV with a mapping file */
  ATLAS_FORMAT_LEVELS_FYI,      /* levels.fyi submissions (semicolon-separated) */
  ATLAS_FORMAT_IN_FIGURES,      /* published Indian figures in lakh: figures, not records */
} AtlasFormat;

const char *atlas_format_to_string   (AtlasFormat  format);
gboolean    atlas_format_from_string (const char  *str,
                                      AtlasFormat *format);

typedef struct _AtlasMapping AtlasMapping;

/* A mapping file is a GKeyFile:
 *   [columns]   title=Job Title  company=Employer  amount=Pay  currency=Cur …
 *   [constants] country=IN  currency=INR  year=2023  kind=survey …
 *   [options]   amount-unit=year|month|week|hour
 * Keys: title company country city state experience years amount
 * amount_usd currency year date employment_type remote_ratio weight kind. */
AtlasMapping *atlas_mapping_load     (const char   *path,
                                      GError      **error);
AtlasMapping *atlas_mapping_new_from_data (const char *data,
                                      gsize         len,
                                      const char   *name,
                                      GError      **error);
void          atlas_mapping_free     (AtlasMapping *self);

typedef struct
{
  const char   *source_name;   /* defaults to the file's basename */
  const char   *source_kind;   /* "file", "feed"; default "file" */
  const char   *url;           /* where it came from (file:// or http(s)) */
  const char   *licence;       /* defaults per format */
  const char   *attribution;
  AtlasFormat   format;        /* AUTO detects from the header */
  const char   *format_name;   /* recorded as the source's format instead of the
                                * importer's (a JSON feed fed through the CSV path) */
  AtlasMapping *mapping;       /* required for ATLAS_FORMAT_CSV */
  gboolean      strict;        /* abort on the first bad row */
  guint         max_reported_rejections; /* 0: 20 */
  /* A refresh's HTTP validators, stored with the records in the import's
   * transaction (issue 13: never new records beside an old ETag). */
  gboolean      set_validators;
  const char   *etag;
  const char   *last_modified;
} AtlasImportOptions;

typedef struct
{
  char      *source_name;
  AtlasFormat format;
  guint64    imported;        /* records the source holds after the import */
  guint64    rejected;
  guint64    previous;        /* records it held before (0 for a new source) */
  gint64     added;           /* imported - previous */
  gboolean   unchanged;       /* same content as already stored: nothing written */
  char      *sha256;
  GPtrArray *rejections;      /* "FILE:LINE: reason", at most max_reported_rejections */
} AtlasImportResult;

void      atlas_import_result_clear (AtlasImportResult *result);

typedef struct _AtlasImport AtlasImport;

GQuark       atlas_import_error_quark (void);

/* Push interface, used by files and by downloads alike. @display_name names
 * the input in messages ("salaries.csv", a URL).  A large import writes its
 * rows on a thread of its own: from begin until finish or free, the caller
 * must not use @store (its connection) for anything else. */
AtlasImport *atlas_import_begin   (AtlasStore                *store,
                                   const char                *display_name,
                                   const AtlasImportOptions  *options,
                                   GError                   **error);
gboolean     atlas_import_feed    (AtlasImport               *self,
                                   const char                *data,
                                   gsize                      len,
                                   GError                   **error);
/* Commits the transaction (or rolls it back when the content is unchanged). */
gboolean     atlas_import_finish  (AtlasImport               *self,
                                   AtlasImportResult         *result,
                                   GError                   **error);
/* Rolls back and frees; safe after finish. */
void         atlas_import_free    (AtlasImport               *self);

gboolean     atlas_import_file    (AtlasStore                *store,
                                   const char                *path,
                                   const AtlasImportOptions  *options,
                                   AtlasImportResult         *result,
                                   GError                   **error);

/* Called from the importing thread with the bytes of the file read so far. */
typedef void (*AtlasImportProgressFunc) (guint64   done,
                                         guint64   total,
                                         gpointer  user_data);

/* atlas_import_file() that reports its progress and stops, rolled back,
 * when @cancellable is cancelled (G_IO_ERROR_CANCELLED). */
gboolean     atlas_import_file_full (AtlasStore                *store,
                                     const char                *path,
                                     const AtlasImportOptions  *options,
                                     AtlasImportProgressFunc    progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     AtlasImportResult         *result,
                                     GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasImport, atlas_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasMapping, atlas_mapping_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-source.h: an import's bookkeeping in the sources table.
 *
 * Inside the import's transaction, open finds or creates the source row and
 * removes its old records (keeping their uids aside), and record writes the
 * outcome into the source row and one source_history row. */
#pragma once

#include "atlas-import.h"

G_BEGIN_DECLS

/* What the import says about the source it writes. */
typedef struct
{
  const char *name;
  const char *kind;            /* "file", "feed" */
  const char *format;          /* recorded format name */
  const char *url;             /* NULL: unknown */
  const char *licence;         /* NULL: "" */
  const char *attribution;     /* NULL: "" */
  gboolean    set_validators;  /* also store etag and last_modified */
  const char *etag;
  const char *last_modified;
} AtlasImportSourceInfo;

/* What the source held before the import. */
typedef struct
{
  gint64   id;
  gboolean existed;
  char    *old_sha256;
  gint64   old_rejected;
  gint64   previous;           /* its records before (0 for a new source) */
} AtlasImportSource;

/* The name an input is stored under: the option, the mapping's [source]
 * name, else the basename of @display_name (a URL without its query). */
char     *_atlas_import_source_name   (const char                  *display_name,
                                       const AtlasImportOptions    *options);
/* Finds or creates the source of @info (the format of a new row is
 * @info's) and clears its records, inside the transaction. */
gboolean  _atlas_import_source_open   (AtlasStore                  *store,
                                       const AtlasImportSourceInfo *info,
                                       AtlasImportSource           *source,
                                       GError                     **error);
/* Updates the source row and appends its history, after the rows were
 * written: @imported records now, @rejected rows left out. */
gboolean  _atlas_import_source_record (AtlasStore                  *store,
                                       const AtlasImportSource     *source,
                                       const AtlasImportSourceInfo *info,
                                       const char                  *sha256,
                                       guint64                      imported,
                                       guint64                      rejected,
                                       GError                     **error);
void      _atlas_import_source_clear  (AtlasImportSource           *source);
/* Hashes the whole input (SHA-256, hex); NULL with @error set on a read error. */
typedef char *(*AtlasImportHashFunc) (gpointer   user_data,
                                      GError   **error);

/* When the source @name is stored with the content that @hash_func hashes,
 * fills @result as an unchanged import and returns TRUE.  @hash_func runs
 * only when the source exists, and *@sha256 gets its hash then (NULL
 * otherwise, so that a new source is hashed while it is parsed).  Returns
 * FALSE with @error set when hashing failed, FALSE alone when the content
 * differs or the source is new. */
gboolean  _atlas_import_source_unchanged (AtlasStore               *store,
                                       const char                  *name,
                                       AtlasImportHashFunc          hash_func,
                                       gpointer                     hash_data,
                                       AtlasFormat                  format,
                                       char                       **sha256,
                                       AtlasImportResult           *result,
                                       GError                     **error);

G_END_DECLS

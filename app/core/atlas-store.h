/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store.h: the SQLite database that holds sources, companies, records and figures. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_STORE_ERROR (atlas_store_error_quark ())

typedef enum
{
  ATLAS_STORE_ERROR_OPEN,
  ATLAS_STORE_ERROR_SQL,
  ATLAS_STORE_ERROR_TOO_NEW,
  ATLAS_STORE_ERROR_BUSY,     /* another connection holds the write lock */
} AtlasStoreError;

/* The schema version this build writes; PRAGMA user_version holds it. */
#define ATLAS_STORE_SCHEMA_VERSION 8

typedef struct _AtlasStore AtlasStore;

GQuark      atlas_store_error_quark      (void);
char       *atlas_store_default_path     (void);
AtlasStore *atlas_store_open             (const char  *path,
                                          GError     **error);
void        atlas_store_free             (AtlasStore  *self);
const char *atlas_store_get_path         (AtlasStore  *self);
int         atlas_store_get_schema_version (AtlasStore *self);

gboolean    atlas_store_exec             (AtlasStore  *self,
                                          const char  *sql,
                                          GError     **error);
gboolean    atlas_store_begin            (AtlasStore  *self,
                                          GError     **error);
gboolean    atlas_store_commit           (AtlasStore  *self,
                                          GError     **error);
void        atlas_store_rollback         (AtlasStore  *self);
/* An outer transaction around several write paths that must commit
 * together or not at all (a new feed and its first refresh): inside it,
 * begin, commit and rollback work on savepoints, and a rollback never ends
 * the outer transaction; atlas_store_end_outer() commits it (@commit) or
 * rolls everything back.  A kill before the end leaves nothing behind. */
gboolean    atlas_store_begin_outer      (AtlasStore  *self,
                                          GError     **error);
gboolean    atlas_store_end_outer        (AtlasStore  *self,
                                          gboolean     commit,
                                          GError     **error);
void        atlas_store_set_error        (AtlasStore  *self,
                                          GError     **error,
                                          const char  *what);

gint64      atlas_store_count_records    (AtlasStore  *self);
gint64      atlas_store_count_figures    (AtlasStore  *self);
gboolean    atlas_store_is_empty         (AtlasStore  *self);

/* The facets of records: how many records each source has per role
 * family, country, year and company (the record_facets table), which the
 * catalog reads instead of the records.  The importer keeps them as it
 * writes; any other code that inserts, updates or deletes records calls
 * this in the same transaction.  Deleting a source deletes its counts.
 * @source_id: the source whose records changed, 0 for all. */
typedef enum
{
  ATLAS_FACET_FAMILY = 0,
  ATLAS_FACET_COUNTRY = 1,
  ATLAS_FACET_YEAR = 2,
  ATLAS_FACET_COMPANY = 3,
} AtlasFacet;

gboolean    atlas_store_recount_facets   (AtlasStore  *self,
                                          gint64       source_id,
                                          GError     **error);

/* Companies: resolves a raw employer name to a company row through its
 * normalised key, creating the company on first sight.  Returns 0 for names
 * that are not employers (empty, placeholders). */
gint64      atlas_store_ensure_company   (AtlasStore  *self,
                                          const char  *raw_name,
                                          GError     **error);

/* A soft limit on the heap of every SQLite connection of the process, so
 * that connections recycle their cache pages before growing past it.  Set
 * before any connection opens. */
void        atlas_store_set_soft_heap_limit (gint64 bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasStore, atlas_store_free)

G_END_DECLS

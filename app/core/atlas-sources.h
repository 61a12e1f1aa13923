/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sources.h: the sources of the database and their history.
 *
 * This module owns the sources and source_history tables: it alone lists,
 * finds, adds, renames and removes sources and writes their history.  Other
 * core statements may name sources in a join or a sub-select of their own
 * table (a filter by source name, a figure's citation), never write it. */
#pragma once

#include <gio/gio.h>

#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_SOURCES_ERROR (atlas_sources_error_quark ())

typedef enum
{
  ATLAS_SOURCES_ERROR_NOT_FOUND,  /* no source of that name */
  ATLAS_SOURCES_ERROR_EXISTS,     /* a source of that name exists already */
  ATLAS_SOURCES_ERROR_INVALID,    /* an empty name */
} AtlasSourcesError;

/* One row of the sources table, with what is counted about it. */
typedef struct
{
  gint64    id;
  char     *name;
  char     *kind;             /* "feed", "file" or "embedded" */
  char     *format;           /* importer format name, "salary-atlas-json", "curated" … */
  char     *url;              /* NULL when unknown */
  char     *licence;
  char     *attribution;
  char     *mapping;          /* mapping text of a generic CSV feed */
  gboolean  enabled;
  char     *retrieved_at;     /* ISO 8601 UTC of the snapshot held, or NULL */
  char     *content_sha256;
  char     *etag;
  char     *last_modified;
  char     *last_attempt_at;  /* ISO 8601 UTC of the last refresh attempt */
  char     *last_status;      /* "imported", "not modified", "unchanged", "failed: …" */
  gint64    row_count;        /* records stored by the last import */
  gint64    rejected;         /* rows the last import left out */
  gint64    figures;          /* published figures it holds */
  /* With ATLAS_SOURCES_LIST_COUNT, counted; else records is row_count and
   * the others are 0. */
  gint64    records;
  gint64    rates;            /* exchange rates and PPP factors (the "fx-ppp" source) */
  gint64    last_added;       /* records added by the last import (may be < 0) */
} AtlasSource;

#define ATLAS_TYPE_SOURCE (atlas_source_get_type ())

GType        atlas_source_get_type        (void) G_GNUC_CONST;
AtlasSource *atlas_source_new             (void);
AtlasSource *atlas_source_copy            (const AtlasSource *source);
void         atlas_source_free            (AtlasSource       *source);
/* Whether a refresh can download it: a feed with an http(s) URL. */
gboolean     atlas_source_is_refreshable  (const AtlasSource *source);

/* One row of source_history: an import or a refresh attempt. */
typedef struct
{
  char   *at;                 /* ISO 8601 UTC */
  char   *outcome;            /* "imported", "unchanged", "failed" */
  gint    http_status;        /* -1: none (an import from a file) */
  char   *etag;
  char   *last_modified;
  char   *content_sha256;
  gint64  rows_before;
  gint64  rows_after;
  gint64  added;
  gint64  removed;
  char   *message;
} AtlasSourceEvent;

void         atlas_source_event_free      (AtlasSourceEvent  *event);

typedef enum
{
  ATLAS_SOURCES_LIST_DEFAULT       = 0,       /* every source, in name order */
  ATLAS_SOURCES_LIST_ENABLED       = 1 << 0,  /* only the enabled ones */
  ATLAS_SOURCES_LIST_EMBEDDED_LAST = 1 << 1,  /* the built-in figures after the others */
  ATLAS_SOURCES_LIST_COUNT         = 1 << 2,  /* count records (reads their index) */
} AtlasSourcesListFlags;

typedef enum
{
  ATLAS_SOURCES_ADD_DEFAULT = 0,  /* fail with EXISTS when the name is taken */
  ATLAS_SOURCES_ADD_IGNORE  = 1,  /* keep the existing source as it is */
  ATLAS_SOURCES_ADD_REPLACE = 2,  /* update its description; a new url, format
                                   * or mapping forgets its validators (and a
                                   * new format or mapping its content hash),
                                   * so that the next refresh downloads again */
} AtlasSourcesAddFlags;

GQuark       atlas_sources_error_quark    (void);

/* AtlasSource*, in name order (see the flags). */
GPtrArray   *atlas_sources_list           (AtlasStore             *store,
                                           AtlasSourcesListFlags   flags,
                                           GError                **error);
/* The source @name, or NULL with ATLAS_SOURCES_ERROR_NOT_FOUND. */
AtlasSource *atlas_sources_find           (AtlasStore             *store,
                                           const char             *name,
                                           GError                **error);
/* The id of the source @name, 0 when there is none. */
gint64       atlas_sources_find_id        (AtlasStore             *store,
                                           const char             *name);
/* Adds @source (its name, kind, format, url, licence, attribution and
 * mapping; kind "file" when NULL); returns its id, or 0 with @error. */
gint64       atlas_sources_add            (AtlasStore             *store,
                                           const AtlasSource      *source,
                                           AtlasSourcesAddFlags    flags,
                                           GError                **error);
/* Renames a source.  Its records keep their uids, which were made from the
 * old name: a later import under the new name counts them all as new. */
gboolean     atlas_sources_rename         (AtlasStore             *store,
                                           const char             *name,
                                           const char             *new_name,
                                           GError                **error);
/* Removes a source with its records, figures and history. */
gboolean     atlas_sources_remove         (AtlasStore             *store,
                                           const char             *name,
                                           GError                **error);
/* AtlasSourceEvent*, the newest first. */
GPtrArray   *atlas_sources_history        (AtlasStore             *store,
                                           const char             *name,
                                           GError                **error);

/* The same on a worker thread with its own connection to the database at
 * @db_path, for callers that must not block (the window). */
void         atlas_sources_list_async     (const char             *db_path,
                                           AtlasSourcesListFlags   flags,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
GPtrArray   *atlas_sources_list_finish    (GAsyncResult           *result,
                                           GError                **error);
void         atlas_sources_remove_async   (const char             *db_path,
                                           const char             *name,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
gboolean     atlas_sources_remove_finish  (GAsyncResult           *result,
                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSource, atlas_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSourceEvent, atlas_source_event_free)

G_END_DECLS

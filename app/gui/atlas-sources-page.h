/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sources-page.h: the Sources page: every source of the database with
 * its licence, counts, last fetch, last result and HTTP validators, and the
 * buttons that add, edit, remove and refresh feeds (the window's actions). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One row of the sources table (atlas-sources.h), as the page shows it:
 * empty texts are absent (NULL). */
typedef struct
{
  char   *name;
  char   *kind;             /* "feed", "file" or "embedded" */
  char   *format;           /* importer format name or "salary-atlas-json" */
  char   *url;              /* NULL for files and embedded data */
  char   *licence;
  char   *attribution;
  char   *mapping;          /* mapping text of generic CSV feeds */
  char   *retrieved_at;     /* ISO 8601 UTC of the snapshot held, or NULL */
  char   *etag;
  char   *last_modified;
  char   *last_attempt_at;  /* ISO 8601 UTC of the last refresh attempt */
  char   *last_status;      /* "imported", "not modified", "unchanged", "failed: …" */
  gint64  last_added;       /* records added by the last import (may be < 0) */
  gint64  records;
  gint64  figures;
  gint64  rejected;
  gint64  rates;            /* exchange rates and PPP factors (the "fx-ppp" source) */
} AtlasSourceInfo;

AtlasSourceInfo *atlas_source_info_copy (const AtlasSourceInfo *info);
void             atlas_source_info_free (AtlasSourceInfo       *info);
/* Whether a refresh can download this source: a feed with an http(s) URL. */
gboolean         atlas_source_info_is_refreshable (const AtlasSourceInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSourceInfo, atlas_source_info_free)

#define ATLAS_TYPE_SOURCES_PAGE (atlas_sources_page_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSourcesPage, atlas_sources_page, ATLAS, SOURCES_PAGE, GtkWidget)

GtkWidget             *atlas_sources_page_new          (void);
/* Reads the sources of @db_path again (asynchronously); "loading" is TRUE
 * until the list shows them. */
void                   atlas_sources_page_reload       (AtlasSourcesPage *self,
                                                        const char       *db_path);
gboolean               atlas_sources_page_get_loading  (AtlasSourcesPage *self);
/* While a refresh runs, the page shows it on the rows it concerns. */
void                   atlas_sources_page_set_refreshing (AtlasSourcesPage *self,
                                                          const char       *name);
guint                  atlas_sources_page_get_n_sources (AtlasSourcesPage *self);
const AtlasSourceInfo *atlas_sources_page_lookup       (AtlasSourcesPage *self,
                                                        const char       *name);
/* The row of @name (an AdwExpanderRow), or NULL. */
GtkWidget             *atlas_sources_page_get_row      (AtlasSourcesPage *self,
                                                        const char       *name);
/* "aijobs.net salary index (CSV)" for "aijobs"; the name itself when unknown. */
char                  *atlas_source_format_label       (const char       *format);
/* "74,301 records", "311 published figures", "not downloaded yet". */
char                  *atlas_source_info_describe_counts (const AtlasSourceInfo *info);
/* "74,301 records (+2,745)"-style text of the last attempt, for rows and tests. */
char                  *atlas_source_info_describe_status (const AtlasSourceInfo *info);

G_END_DECLS

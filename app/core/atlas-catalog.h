/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-catalog.h: what the window needs to know about a database before
 * it queries it: role families, countries, companies, years, sources, the
 * quoted headline figures and the exchange-rate/PPP factors. GLib only;
 * loaded on a worker thread. */
#pragma once

#include <gio/gio.h>

#include "atlas-query.h"
#include "atlas-rates.h"
#include "atlas-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *name;
  char   *kind;          /* file, feed, embedded */
  char   *licence;
  char   *url;
  char   *retrieved_at;  /* ISO 8601, may be NULL */
  gint64  row_count;     /* records, or figures for embedded sources */
  char   *superseded_by; /* an older snapshot: the newer one's name (its records are
                          * not counted in the lists), else NULL */
} AtlasCatalogSource;

typedef struct
{
  char   *code;          /* ISO 3166 alpha-2 */
  gint64  n;             /* records in this country */
  gint64  n_figures;     /* published figures (rows, not their sample sizes) */
} AtlasCatalogCountry;

typedef struct
{
  GStrv       families;    /* role families present, most common first */
  GPtrArray  *countries;   /* AtlasCatalogCountry*, most common first */
  GStrv       companies;   /* display names, most records first (at most 5000) */
  int         year_min;    /* 0 when unknown */
  int         year_max;
  GPtrArray  *sources;     /* AtlasCatalogSource* */
  GPtrArray  *headlines;   /* AtlasFigure*: quoted figures (no n), US first */
  gint64      n_records;   /* superseded snapshots left out */
  gint64      n_figures;
  AtlasRates *rates;
} AtlasCatalog;

/* When @seed (the window opens the database), seeds an empty database with
 * the embedded default and registers the built-in feeds; then reads it. */
AtlasCatalog *atlas_catalog_load      (AtlasStore    *store,
                                       gboolean       seed,
                                       GError       **error);
/* The same, cancellable (a seed included): a cancelled load fails with
 * G_IO_ERROR_CANCELLED within a few hundred rows of the seed or one
 * interrupted statement, and leaves the database as it was. */
AtlasCatalog *atlas_catalog_load_full (AtlasStore    *store,
                                       gboolean       seed,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* Only the years and the factors (what a chart's caption quotes): no
 * lists, sources or headlines, and so without reading the figures table
 * row by row. */
AtlasCatalog *atlas_catalog_load_years_and_rates (AtlasStore  *store,
                                                  GError     **error);
void          atlas_catalog_free      (AtlasCatalog  *self);
gboolean      atlas_catalog_is_empty  (AtlasCatalog  *self);
gboolean      atlas_catalog_has_country (AtlasCatalog *self,
                                       const char    *code);
/* The latest year (at most @year_hint, unless nothing is that old) with a
 * factor for @country in @mode, and the factor; FALSE if there is none.
 * USD: local currency units per US dollar; PPP: per international dollar. */
gboolean      atlas_catalog_find_factor (AtlasCatalog  *self,
                                       int            mode,
                                       const char    *country,
                                       int            year_hint,
                                       int           *year,
                                       double        *factor);

void          atlas_catalog_load_async  (const char          *db_path,
                                         gboolean             seed,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
AtlasCatalog *atlas_catalog_load_finish (GAsyncResult        *result,
                                         GError             **error);
/* Blocks until every load started so far has ended or @timeout_us
 * microseconds have passed; TRUE if they all ended.  A load reads the
 * seed's compiled-in resource, which GIO frees when the process exits:
 * the application waits for them at shutdown; a cancelled load stops at
 * its next check (atlas_catalog_load_full()), a seed it began rolled back. */
gboolean      atlas_catalog_load_wait   (gint64               timeout_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCatalog, atlas_catalog_free)

G_END_DECLS

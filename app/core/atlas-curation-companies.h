/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-companies.h: the companies as the statistics count them —
 * each with the companies the user merged into it, their record and figure
 * counts and the raw spellings the built-in normalisation folds into each —
 * for the window's Companies dialog and `salary-atlas curate companies`;
 * and merging several companies into one as a single curation action. */
#pragma once

#include <gio/gio.h>

#include "atlas-store.h"

G_BEGIN_DECLS

/* One normalised company key (one row of the companies table). */
typedef struct
{
  char     *key;          /* normalised key: what merges name */
  char     *name;         /* display name */
  gint64    n_records;    /* records of every source, excluded ones too */
  gint64    n_figures;    /* published or hand-entered figures */
  gboolean  merged;       /* counted under another company by the user's merge */
  char    **spellings;    /* raw spellings (case-folded) the importers saw and the
                           * built-in rules and alias table folded into this key */
} AtlasCompanyMember;

/* A company as counted: the canonical one and those merged into it. */
typedef struct
{
  char      *key;
  char      *name;
  gint64     n_records;   /* of every member */
  gint64     n_figures;
  GPtrArray *members;     /* AtlasCompanyMember: the canonical one first, then
                           * the merged ones by records, most first */
} AtlasCompanyGroup;

void       atlas_company_group_free  (AtlasCompanyGroup *group);

/* The companies that have records or figures, most records first (then
 * figures, then name); with @search (may be NULL), those of which any
 * member's name, key or raw spelling contains it, in any case. */
GPtrArray *atlas_curation_companies  (AtlasStore   *store,
                                      const char   *search,
                                      GError      **error);

/* Merges the companies @names (display names or keys) into @into_name as
 * one action with one undo entry: each counts under @into_name's company
 * (created when no data names it yet, so the merge still applies), as
 * atlas_curation_merge() would; names of @into_name's own company are
 * left out. Fails on an empty name, or when nothing would change. */
gboolean   atlas_curation_merge_companies (AtlasStore         *store,
                                           const char * const *names,
                                           const char         *into_name,
                                           GError            **error);

/* As query-pool jobs (atlas-query-pool.h). */
void       atlas_curation_companies_async  (const char          *db_path,
                                            const char          *search,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* AtlasCompanyGroup*, or NULL. */
GPtrArray *atlas_curation_companies_finish (GAsyncResult        *result,
                                            GError             **error);
/* Its _finish is atlas_curation_action_finish() (atlas-records-async.h). */
void       atlas_curation_merge_companies_async (const char          *db_path,
                                                 const char * const  *names,
                                                 const char          *into_name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCompanyGroup, atlas_company_group_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-session.h: what the window shows, without the window. The session
 * holds the filter, the currency mode, the small-sample threshold, the
 * visible page, the query results and the drill state; it queries what the
 * visible page needs when any of them changes and cancels the stale
 * queries. Widgets follow its properties and its ::result-changed signal;
 * it knows no GTK, so tests drive it without a display.
 *
 * Which page needs which queries is written once, here: a page shows a
 * chart kind (whose queries AtlasChartRequest names) and perhaps more (the
 * overview's region cards and top companies). */
#pragma once

#include <gio/gio.h>

#include "atlas-catalog.h"
#include "atlas-chart-request.h"
#include "atlas-query-runner.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SESSION (atlas_session_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSession, atlas_session, ATLAS, SESSION, GObject)

/* Called when the visible page has its results and other pages' queries
 * wait: call atlas_session_run_deferred() when they may start (the window
 * does after the frame that paints the results). */
typedef void (*AtlasSessionDeferFunc) (AtlasSession *session,
                                       gpointer      user_data);

AtlasSession      *atlas_session_new                (const char         *db_path);
const char        *atlas_session_get_db_path        (AtlasSession       *self);

/* The catalog of the database; setting one (transfer full) makes every
 * result stale and queries anew. */
AtlasCatalog      *atlas_session_get_catalog        (AtlasSession       *self);
void               atlas_session_set_catalog        (AtlasSession       *self,
                                                     AtlasCatalog       *catalog);

/* NULL until the first set_filter(). */
const AtlasFilter *atlas_session_get_filter         (AtlasSession       *self);
void               atlas_session_set_filter         (AtlasSession       *self,
                                                     const AtlasFilter  *filter);
AtlasCurrencyMode  atlas_session_get_currency_mode  (AtlasSession       *self);
void               atlas_session_set_currency_mode  (AtlasSession       *self,
                                                     AtlasCurrencyMode   mode);
guint              atlas_session_get_small_sample_threshold (AtlasSession *self);
void               atlas_session_set_small_sample_threshold (AtlasSession *self,
                                                             guint         threshold);
/* The page shown: "overview", a chart kind's name, "records", "sources". */
const char        *atlas_session_get_page           (AtlasSession       *self);
void               atlas_session_set_page           (AtlasSession       *self,
                                                     const char         *page);

/* The slots @page needs, most important first; the chart it shows. */
guint              atlas_session_page_get_slots     (const char         *page,
                                                     AtlasSlot          *slots);
gboolean           atlas_session_page_get_chart     (const char         *page,
                                                     AtlasChartKind     *kind);
/* TRUE if the @n slots of @slots hold @slot. */
gboolean           atlas_session_slots_contain      (const AtlasSlot    *slots,
                                                     guint               n,
                                                     AtlasSlot           slot);
/* The slot of a chart request's query, given the mode the user chose. */
AtlasSlot          atlas_session_slot_for_query     (const AtlasChartQuery *query,
                                                     AtlasCurrencyMode      chosen);

AtlasSharedResult *atlas_session_get_result         (AtlasSession       *self,
                                                     AtlasSlot           slot);
gboolean           atlas_session_get_pending        (AtlasSession       *self,
                                                     AtlasSlot           slot);
/* TRUE while any query of @page runs or waits. */
gboolean           atlas_session_page_is_loading    (AtlasSession       *self,
                                                     const char         *page);
gboolean           atlas_session_get_busy           (AtlasSession       *self);
/* The error of the last failed query, or NULL. */
const GError      *atlas_session_get_error          (AtlasSession       *self);
/* How many slots were handed to the query runner so far. */
guint              atlas_session_get_n_queried      (AtlasSession       *self);

/* The chart @kind as the session would draw it now: the request with the
 * results that came (transfer full), and its spec. */
AtlasChartRequest *atlas_session_dup_request        (AtlasSession       *self,
                                                     AtlasChartKind      kind);
AtlasChartSpec    *atlas_session_build_spec         (AtlasSession       *self,
                                                     AtlasChartKind      kind);
/* The result @kind draws (not a new reference), or NULL. */
AtlasSharedResult *atlas_session_get_chart_result   (AtlasSession       *self,
                                                     AtlasChartKind      kind);
/* The conversion factor the amounts go through, in words; NULL if none. */
char              *atlas_session_describe_basis     (AtlasSession       *self);

/* The data changed: query everything anew at the next change. */
void               atlas_session_invalidate         (AtlasSession       *self);
/* The user's curation changed the rows: query everything anew now and
 * emit ::data-changed. */
void               atlas_session_data_changed       (AtlasSession       *self);
void               atlas_session_set_defer_func     (AtlasSession          *self,
                                                     AtlasSessionDeferFunc  func,
                                                     gpointer               user_data);
void               atlas_session_run_deferred       (AtlasSession       *self);
/* Cancels every query. */
void               atlas_session_cancel             (AtlasSession       *self);

/* A click on a mark narrows the filter to @filter; @label says how ("Company:
 * Google"). The filter before the first drill is kept for undo_drill(). */
void               atlas_session_drill              (AtlasSession       *self,
                                                     const AtlasFilter  *filter,
                                                     const char         *label);
/* Narrows the filter to @mark of a chart of @kind (a company, a level, a
 * year); FALSE if a mark of that kind does not narrow anything. */
gboolean           atlas_session_drill_mark         (AtlasSession         *self,
                                                     AtlasChartKind        kind,
                                                     const AtlasChartMark *mark);
/* Back to the filter before the drill; FALSE if there was none. */
gboolean           atlas_session_undo_drill         (AtlasSession       *self);
/* Forgets the drill, keeping the filter. */
void               atlas_session_forget_drill       (AtlasSession       *self);
/* NULL when not drilled. */
const char        *atlas_session_get_drill_label    (AtlasSession       *self);

/* atlas-session-records.c: the filter of exactly the records behind @mark
 * of a chart of @kind (atlas_filter_for_group() on the session's filter),
 * with a label for the drill chip ("India, Senior"); NULL for a mark that
 * no filter selects (a histogram's bin, an empty slot). */
AtlasFilter       *atlas_session_filter_for_mark    (AtlasSession         *self,
                                                     AtlasChartKind        kind,
                                                     const AtlasChartMark *mark,
                                                     char                **label);
/* Drills to the records of @mark (the Records page then shows exactly
 * them); FALSE as for filter_for_mark(). */
gboolean           atlas_session_drill_to_records   (AtlasSession         *self,
                                                     AtlasChartKind        kind,
                                                     const AtlasChartMark *mark);

gboolean           atlas_session_filter_equal            (const AtlasFilter  *a,
                                                     const AtlasFilter  *b);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-overview-page.c: region cards (atlas-region-card.c), ratio, headline
 * figures, chart and lists. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-headline.h"
#include "atlas-money.h"
#include "atlas-query-pool.h"
#include "atlas-overview-page.h"
#include "atlas-region-card.h"
#include "atlas-region-toggles.h"
#include "atlas-overview-source-row.h"
#include "atlas-wrap-labels.h"

/* How many companies the overview lists. */
#define TOP_COMPANIES 8

struct _AtlasOverviewPage
{
  GtkWidget       parent_instance;

  GtkScrolledWindow *scroller;
  GtkFlowBox     *cards_box;
  GtkBox         *ratio_box;
  GtkLabel       *ratio_label;
  GtkLabel       *ratio_detail;
  /* The like-with-like comparison (one source, basis and period for
   * both regions), computed off the main thread per filter; NULL before
   * it came, or an empty one when no source has both regions. */
  AtlasHeadline  *comparable;
  GCancellable   *comparable_cancellable;
  char           *comparable_key;   /* what it was made for, or NULL */
  gboolean        comparable_waiting; /* to run after the page's results */
  gboolean        sources_waiting;    /* the sources list, likewise */
  guint           after_results_idle; /* both, once the frame is over */
  double          pooled_nominal;
  double          pooled_ppp;
  GtkBox         *headline_box;
  GtkLabel       *headline_label;
  GtkLabel       *headline_citation;
  AtlasChartView *compare_view;
  GtkFlowBox     *lists_box;
  AdwPreferencesGroup *companies_group;
  GtkListBox     *companies_list;
  GtkListBox     *sources_list;

  GHashTable     *card_medians;   /* region -> median text */
  GPtrArray      *cards;          /* AtlasRegionCard*, in the order shown */
  GtkWidget      *no_match;       /* the status page in place of cards, or NULL */
  /* What the sources list shows, to rebuild it only when it changes: it
   * does not depend on the filter, and new rows cost a frame time. */
  char           *sources_key;
  /* Likewise for the top companies: what the list shows, and its rows and
   * their value labels, updated in place when only the figures change. */
  char           *companies_key;
  GPtrArray      *company_rows;     /* AdwActionRow* */
  GPtrArray      *company_values;   /* GtkLabel* */

  AtlasSession   *session;
};

G_DEFINE_FINAL_TYPE (AtlasOverviewPage, atlas_overview_page, GTK_TYPE_WIDGET)

GtkWidget *
atlas_overview_page_new (void)
{
  return g_object_new (ATLAS_TYPE_OVERVIEW_PAGE, NULL);
}

AtlasChartView *
atlas_overview_page_get_compare_view (AtlasOverviewPage *self)
{
  g_return_val_if_fail (ATLAS_IS_OVERVIEW_PAGE (self), NULL);

  return self->compare_view;
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

static int
card_order (GtkFlowBoxChild *child)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (child)),
                                             "atlas-card-order"));
}

static int
card_sort_cb (GtkFlowBoxChild *a,
              GtkFlowBoxChild *b,
              gpointer         user_data)
{
  return card_order (a) - card_order (b);
}

static void
set_card_order (GtkWidget *card,
                guint      order,
                gboolean  *moved)
{
  if (card_order (GTK_FLOW_BOX_CHILD (gtk_widget_get_parent (card))) != (int) order)
    *moved = TRUE;
  g_object_set_data (G_OBJECT (card), "atlas-card-order", GUINT_TO_POINTER (order));
}

/* Cards whose region stays keep their widgets: a toggled region adds or
 * removes one card, and the others are neither made nor measured anew. */
void
atlas_overview_page_set_regions (AtlasOverviewPage *self,
                                 AtlasSharedResult *shared)
{
  const AtlasQueryResult *result;
  g_autoptr(GPtrArray) cards = NULL;
  gboolean moved = FALSE;

  g_return_if_fail (ATLAS_IS_OVERVIEW_PAGE (self));

  g_hash_table_remove_all (self->card_medians);
  if (shared == NULL)
    {
      remove_all (GTK_WIDGET (self->cards_box));
      g_ptr_array_set_size (self->cards, 0);
      self->no_match = NULL;
      return;
    }

  result = atlas_shared_result_get (shared);
  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_region_card_free);
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);
      AtlasRegionCard *card = NULL;
      GtkWidget *widget;

      for (guint j = 0; j < self->cards->len && card == NULL; j++)
        if (atlas_region_card_update (g_ptr_array_index (self->cards, j), group))
          card = g_ptr_array_steal_index (self->cards, j);
      if (card != NULL)
        set_card_order (atlas_region_card_get_widget (card), i, &moved);
      else
        {
          card = atlas_region_card_new (group);
          widget = atlas_region_card_get_widget (card);
          g_object_set_data (G_OBJECT (widget), "atlas-card-order", GUINT_TO_POINTER (i));
          gtk_flow_box_append (self->cards_box, widget);
        }
      g_hash_table_insert (self->card_medians, g_strdup (group->region),
                           g_strdup (atlas_region_card_get_amount (card)));
      g_ptr_array_add (cards, card);
    }

  /* The cards of regions no longer shown. */
  for (guint j = 0; j < self->cards->len; j++)
    gtk_flow_box_remove (self->cards_box, atlas_region_card_get_widget (g_ptr_array_index (self->cards, j)));
  g_ptr_array_unref (self->cards);
  self->cards = g_steal_pointer (&cards);
  if (moved)
    gtk_flow_box_invalidate_sort (self->cards_box);

  gtk_flow_box_set_max_children_per_line (self->cards_box, CLAMP (result->groups->len, 1, 4));

  if (result->groups->len > 0 && self->no_match != NULL)
    {
      gtk_flow_box_remove (self->cards_box, self->no_match);
      self->no_match = NULL;
    }
  else if (result->groups->len == 0 && self->no_match == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-search-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Salaries Match"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("No record or published figure matches these filters."));
      gtk_widget_add_css_class (status, "compact");
      gtk_flow_box_append (self->cards_box, status);
      self->no_match = status;
    }
}

/* The first quoted figure (a press headline, no n) the filter matches. */
static const AtlasFigure *
quoted_figure (AtlasOverviewPage *self)
{
  AtlasCatalog *catalog = self->session ? atlas_session_get_catalog (self->session) : NULL;
  const AtlasFilter *filter = self->session ? atlas_session_get_filter (self->session) : NULL;

  for (guint i = 0; catalog != NULL && i < catalog->headlines->len; i++)
    {
      const AtlasFigure *figure = g_ptr_array_index (catalog->headlines, i);

      if (filter == NULL || filter->role == NULL || g_strcmp0 (filter->role, figure->role_family) == 0)
        return figure;
    }
  return NULL;
}

/* The headline says what it compares: one source, basis and period for
 * both regions when the data has one; otherwise the pooled ratio, saying
 * that it pools sources. */
static void
update_ratio_text (AtlasOverviewPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  double nominal = self->pooled_nominal, ppp = self->pooled_ppp;

  if (self->comparable != NULL && self->comparable->sentence != NULL)
    {
      const AtlasFigure *quote = quoted_figure (self);

      text = g_strdup (self->comparable->sentence);
      if (quote != NULL)
        detail = atlas_headline_explain_quote (self->comparable, quote);
      else
        detail = g_strdup (_("One source for both regions, so one pay basis and one period."));
    }
  else if (!isnan (nominal) || !isnan (ppp))
    {
      if (!isnan (nominal) && !isnan (ppp))
        /* Translators: the median in India as a share of the US median */
        text = g_strdup_printf (_("All sources pooled: India earns %.0f %% of the US median in dollars, %.0f %% at purchasing-power parity"),
                                100 * nominal, 100 * ppp);
      else if (!isnan (nominal))
        text = g_strdup_printf (_("All sources pooled: India earns %.0f %% of the US median in dollars"), 100 * nominal);
      else
        text = g_strdup_printf (_("All sources pooled: India earns %.0f %% of the US median at purchasing-power parity"), 100 * ppp);
      detail = g_strdup (_("No one source has both regions under this filter: this ratio sets different "
                           "sources, pay bases and years against each other. PPP uses the World Bank "
                           "conversion factor for private consumption of each salary’s year."));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->ratio_box), FALSE);
      return;
    }

  gtk_label_set_text (self->ratio_label, text);
  gtk_label_set_text (self->ratio_detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->ratio_box), TRUE);
}

void
atlas_overview_page_set_ratios (AtlasOverviewPage *self,
                                double             nominal,
                                double             ppp)
{
  g_return_if_fail (ATLAS_IS_OVERVIEW_PAGE (self));

  self->pooled_nominal = nominal;
  self->pooled_ppp = ppp;
  update_ratio_text (self);
}

typedef struct
{
  AtlasFilter *filter;
  guint        small_sample;
} ComparableJob;

static void
comparable_job_free (gpointer data)
{
  ComparableJob *job = data;

  atlas_filter_free (job->filter);
  g_free (job);
}

static gpointer
comparable_job_run (AtlasStore    *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ComparableJob *job = data;
  g_autoptr(GError) local = NULL;
  AtlasHeadline *headline = atlas_headline_compute (store, job->filter, job->small_sample,
                                                       cancellable, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* No source has both regions: an empty headline, not an error. */
  return headline != NULL ? headline : g_new0 (AtlasHeadline, 1);
}

static void
comparable_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AtlasOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AtlasHeadline *headline = atlas_query_pool_run_finish (result, &error);

  if (headline == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Comparing the regions failed: %s", error->message);
          /* Made again at the next change. */
          g_clear_pointer (&self->comparable_key, g_free);
        }
      return;
    }
  g_clear_pointer (&self->comparable, atlas_headline_free);
  self->comparable = headline;
  update_ratio_text (self);
}

static void maybe_after_results  (AtlasOverviewPage *self);
static void run_comparable       (AtlasOverviewPage *self);
static void atlas_overview_page_fill_sources (AtlasOverviewPage  *self,
                                              const AtlasCatalog *catalog);

/* What the comparison depends on: the filter without its regions (it
 * always compares India with the US, source by source) and the threshold.
 * A region toggled or the currency mode changed leave it as it is, and
 * its queries (two per source) are not run again. */
static char *
comparable_key (const AtlasFilter *filter,
                guint              small_sample)
{
  g_autofree char *experience = filter->experience != NULL ? g_strjoinv (",", filter->experience) : NULL;

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f%.17g\x1f%.17g\x1f%u",
                          experience != NULL ? experience : "\x1e",
                          filter->role != NULL ? filter->role : "\x1e",
                          filter->title != NULL ? filter->title : "\x1e",
                          filter->company != NULL ? filter->company : "\x1e",
                          filter->year_from, filter->year_to,
                          filter->experience_years_min, filter->experience_years_max,
                          small_sample);
}

/* With @again (new data), the comparison is made again even when the
 * filter would give the same. */
static void
start_comparable (AtlasOverviewPage *self,
                  gboolean           again)
{
  const AtlasFilter *filter = atlas_session_get_filter (self->session);
  const char *db_path = atlas_session_get_db_path (self->session);
  g_autofree char *key = NULL;

  if (filter != NULL && db_path != NULL && atlas_session_get_catalog (self->session) != NULL)
    {
      key = comparable_key (filter, atlas_session_get_small_sample_threshold (self->session));
      if (!again && g_strcmp0 (key, self->comparable_key) == 0)
        return;
    }

  g_cancellable_cancel (self->comparable_cancellable);
  g_clear_object (&self->comparable_cancellable);
  g_clear_pointer (&self->comparable, atlas_headline_free);
  g_free (self->comparable_key);
  self->comparable_key = g_steal_pointer (&key);
  self->comparable_waiting = self->comparable_key != NULL;
  maybe_after_results (self);
}

static void
after_results (AtlasOverviewPage *self)
{
  AtlasCatalog *catalog = atlas_session_get_catalog (self->session);

  if (self->sources_waiting && catalog != NULL)
    atlas_overview_page_fill_sources (self, catalog);
  self->sources_waiting = FALSE;
  run_comparable (self);
}

static gboolean
after_results_idle_cb (gpointer data)
{
  AtlasOverviewPage *self = data;

  self->after_results_idle = 0;
  /* A new filter may have come between the frame and the idle: its
   * results call maybe_after_results() again. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL &&
      !atlas_session_page_is_loading (self->session, "overview"))
    after_results (self);
  return G_SOURCE_REMOVE;
}

/* Not in the frame's own "after-paint": an application quitting after
 * that frame (the start-up benchmark does; so does a user who closes the
 * window at once) ends its main loop before an idle, instead of making
 * the sources list and starting the comparison only to destroy and cancel
 * them. Otherwise the idle comes right after the frame. */
static void
results_painted_cb (GdkFrameClock     *clock,
                    AtlasOverviewPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, results_painted_cb, self);
  if (self->after_results_idle == 0)
    self->after_results_idle = g_idle_add (after_results_idle_cb, self);
}

/* What comes after the page's own results, once they are painted (right
 * away when the page is not shown):
 * - the comparison, which runs two queries per source (hundreds of
 *   milliseconds of CPU time on a million records), so that it takes
 *   neither a query worker nor a core from them;
 * - the rows of the sources list, at the foot of the page (a row per
 *   source, 22 on the benchmarks' 1M-record database), so that the frame
 *   that first shows the results does not also make, measure and paint
 *   them (about 35 ms of CPU on that database). */
static void
maybe_after_results (AtlasOverviewPage *self)
{
  GdkFrameClock *clock = NULL;

  if ((!self->comparable_waiting && !self->sources_waiting) ||
      atlas_session_page_is_loading (self->session, "overview"))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      after_results (self);
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, results_painted_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (results_painted_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
run_comparable (AtlasOverviewPage *self)
{
  const AtlasFilter *filter = atlas_session_get_filter (self->session);
  const char *db_path = atlas_session_get_db_path (self->session);
  ComparableJob *job;

  if (!self->comparable_waiting || filter == NULL || db_path == NULL)
    return;
  self->comparable_waiting = FALSE;

  job = g_new0 (ComparableJob, 1);
  job->filter = atlas_filter_copy (filter);
  job->small_sample = atlas_session_get_small_sample_threshold (self->session);
  self->comparable_cancellable = g_cancellable_new ();
  atlas_query_pool_run_async (db_path, comparable_job_run, job, comparable_job_free,
                              (GDestroyNotify) atlas_headline_free, self->comparable_cancellable,
                              comparable_done_cb, g_object_ref (self));
}

typedef struct
{
  char *title;      /* markup */
  char *subtitle;
  char *value;
} CompanyRow;

static void
company_row_clear (gpointer data)
{
  CompanyRow *row = data;

  g_free (row->title);
  g_free (row->subtitle);
  g_free (row->value);
}

static void
atlas_overview_page_fill_companies (AtlasOverviewPage *self,
                                    GArray            *rows)
{
  remove_all (GTK_WIDGET (self->companies_list));
  g_ptr_array_set_size (self->company_rows, 0);
  g_ptr_array_set_size (self->company_values, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      const CompanyRow *data = &g_array_index (rows, CompanyRow, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (data->value);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), data->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), data->subtitle);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      atlas_wrap_labels_limit (row);
      gtk_list_box_append (self->companies_list, row);
      g_ptr_array_add (self->company_rows, row);
      g_ptr_array_add (self->company_values, value);
    }

  if (rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No company data for these filters"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Employer names come from H-1B filings and Glassdoor India; "
                                     "the aijobs.net survey has none."));
      atlas_wrap_labels_limit (row);
      gtk_list_box_append (self->companies_list, row);
    }
}

void
atlas_overview_page_set_companies (AtlasOverviewPage *self,
                                   AtlasSharedResult *shared)
{
  const AtlasQueryResult *result;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) key = NULL;

  g_return_if_fail (ATLAS_IS_OVERVIEW_PAGE (self));

  if (shared == NULL)
    {
      remove_all (GTK_WIDGET (self->companies_list));
      g_ptr_array_set_size (self->company_rows, 0);
      g_ptr_array_set_size (self->company_values, 0);
      g_clear_pointer (&self->companies_key, g_free);
      return;
    }

  result = atlas_shared_result_get (shared);

  /* The best-documented companies, not the best-paying few-record ones. */
  sorted = g_ptr_array_new ();
  for (guint i = 0; i < result->groups->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (result->groups, i));
  for (guint i = 1; i < sorted->len; i++)
    for (guint j = i; j > 0; j--)
      {
        AtlasGroup *a = g_ptr_array_index (sorted, j - 1);
        AtlasGroup *b = g_ptr_array_index (sorted, j);

        if (a->summary.n >= b->summary.n)
          break;
        sorted->pdata[j - 1] = b;
        sorted->pdata[j] = a;
      }

  rows = g_array_new (FALSE, TRUE, sizeof (CompanyRow));
  g_array_set_clear_func (rows, company_row_clear);
  key = g_string_new (NULL);
  for (guint i = 0; i < MIN (sorted->len, TOP_COMPANIES); i++)
    {
      const AtlasGroup *group = g_ptr_array_index (sorted, i);
      g_autofree char *n = atlas_money_group_digits (group->summary.n, FALSE);
      const char *region = atlas_money_country_name (group->region);
      CompanyRow row;

      row.value = atlas_money_format (group->summary.median, group->currency, ATLAS_MONEY_FULL);
      row.title = g_markup_escape_text (group->label, -1);
      /* Translators: "United States · n = 1,234" */
      row.subtitle = g_strdup_printf (_("%s · n = %s"), region ? region : group->region, n);
      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", row.title, row.subtitle, row.value);
      g_array_append_val (rows, row);
    }

  /* New rows cost most of a frame's layout (the lists around them are
   * measured again): keep the rows when they show the same thing, and
   * change their text when there are as many. */
  if (self->companies_key != NULL && g_str_equal (key->str, self->companies_key))
    return;

  if (rows->len > 0 && rows->len == self->company_rows->len)
    for (guint i = 0; i < rows->len; i++)
      {
        const CompanyRow *data = &g_array_index (rows, CompanyRow, i);

        adw_preferences_row_set_title (g_ptr_array_index (self->company_rows, i), data->title);
        adw_action_row_set_subtitle (g_ptr_array_index (self->company_rows, i), data->subtitle);
        gtk_label_set_text (g_ptr_array_index (self->company_values, i), data->value);
      }
  else
    atlas_overview_page_fill_companies (self, rows);

  g_free (self->companies_key);
  self->companies_key = g_string_free (g_steal_pointer (&key), FALSE);
}

void
atlas_overview_page_set_experience (AtlasOverviewPage *self,
                                    AtlasSharedResult *result)
{
  g_return_if_fail (ATLAS_IS_OVERVIEW_PAGE (self));

  atlas_chart_view_set_result (self->compare_view, result);
}

static void atlas_overview_page_set_headlines (AtlasOverviewPage  *self,
                                               const AtlasCatalog *catalog,
                                               const AtlasFilter  *filter);

static gboolean
headline_matches (const AtlasFigure *headline,
                  const AtlasFilter *filter)
{
  if (filter == NULL)
    return TRUE;
  if (filter->regions != NULL && filter->regions[0] != NULL &&
      !g_strv_contains ((const char * const *) filter->regions, headline->country))
    return FALSE;
  if (filter->role != NULL && g_strcmp0 (filter->role, headline->role_family) != 0)
    return FALSE;

  return TRUE;
}

void
atlas_overview_page_set_catalog (AtlasOverviewPage *self,
                                 AtlasCatalog      *catalog,
                                 const AtlasFilter *filter)
{
  g_return_if_fail (ATLAS_IS_OVERVIEW_PAGE (self));

  if (catalog == NULL)
    {
      remove_all (GTK_WIDGET (self->sources_list));
      g_clear_pointer (&self->sources_key, g_free);
      self->sources_waiting = FALSE;
      return;
    }

  {
    g_autoptr(GString) key = g_string_new (NULL);

    for (guint i = 0; i < catalog->sources->len; i++)
      {
        AtlasCatalogSource *source = g_ptr_array_index (catalog->sources, i);

        g_string_append_printf (key, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1e",
                                source->name, source->licence ? source->licence : "",
                                source->retrieved_at ? source->retrieved_at : "",
                                source->kind ? source->kind : "", source->url ? source->url : "",
                                source->row_count);
        if (source->superseded_by != NULL)
          g_string_append_printf (key, "\x1f%s", source->superseded_by);
      }
    if (g_strcmp0 (key->str, self->sources_key) != 0)
      {
        g_free (self->sources_key);
        self->sources_key = g_string_free (g_steal_pointer (&key), FALSE);
        if (self->session != NULL)
          {
            self->sources_waiting = TRUE;
            maybe_after_results (self);
          }
        else
          atlas_overview_page_fill_sources (self, catalog);
      }
  }

  atlas_overview_page_set_headlines (self, catalog, filter);
}

static void
atlas_overview_page_fill_sources (AtlasOverviewPage  *self,
                                  const AtlasCatalog *catalog)
{
  remove_all (GTK_WIDGET (self->sources_list));

  for (guint i = 0; i < catalog->sources->len; i++)
    {
      const AtlasCatalogSource *source = g_ptr_array_index (catalog->sources, i);

      gtk_list_box_append (self->sources_list, atlas_overview_source_row_new (source));
    }
}

static void
atlas_overview_page_set_headlines (AtlasOverviewPage  *self,
                                   const AtlasCatalog *catalog,
                                   const AtlasFilter  *filter)
{
  g_autoptr(GString) headlines = g_string_new (NULL);
  const char *citation = NULL;

  for (guint i = 0; i < catalog->headlines->len; i++)
    {
      AtlasFigure *headline = g_ptr_array_index (catalog->headlines, i);
      /* A quoted figure states one statistic: its median or its mean. */
      double value = isnan (headline->median) ? headline->mean : headline->median;
      const char *country = atlas_money_country_name (headline->country);
      g_autofree char *full = NULL;
      g_autofree char *brief = NULL;
      g_autofree char *role = NULL;

      if (!headline_matches (headline, filter))
        continue;

      full = atlas_money_format (value, headline->currency, ATLAS_MONEY_FULL);
      brief = atlas_money_format (value, headline->currency, ATLAS_MONEY_SHORT);
      role = g_markup_escape_text (headline->role_family ? headline->role_family : "", -1);

      if (headlines->len > 0)
        g_string_append_c (headlines, '\n');
      if (g_strcmp0 (full, brief) != 0 && g_strcmp0 (headline->currency, "INR") == 0)
        /* Translators: "India: <b>₹12,00,000</b> (₹12 L) a year, mean, Machine Learning Engineer, 2024" */
        g_string_append_printf (headlines, _("%s: <b>%s</b> (%s) a year, %s, %s, %d"),
                                country ? country : headline->country, full, brief,
                                atlas_figure_statistic_label (headline->statistic), role,
                                headline->year);
      else
        g_string_append_printf (headlines, _("%s: <b>%s</b> a year, %s, %s, %d"),
                                country ? country : headline->country, full,
                                atlas_figure_statistic_label (headline->statistic), role,
                                headline->year);
      citation = headline->citation;
    }

  /* Unchanged text keeps its layout. */
  if (g_strcmp0 (gtk_label_get_label (self->headline_label), headlines->str) != 0)
    gtk_label_set_markup (self->headline_label, headlines->str);
  if (citation != NULL)
    {
      /* Translators: the citation of the headline figures */
      g_autofree char *text = g_strdup_printf (_("Source: %s. Headline figures with unknown sample "
                                                 "size and method, shown as quoted; the cards above "
                                                 "are computed from the data."), citation);
      gtk_label_set_text (self->headline_citation, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->headline_box), headlines->len > 0);
}

const char *
atlas_overview_page_get_card_median (AtlasOverviewPage *self,
                                     const char        *region)
{
  g_return_val_if_fail (ATLAS_IS_OVERVIEW_PAGE (self), NULL);

  return g_hash_table_lookup (self->card_medians, region);
}

const char *
atlas_overview_page_get_headline_text (AtlasOverviewPage *self)
{
  g_return_val_if_fail (ATLAS_IS_OVERVIEW_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->headline_box)))
    return NULL;

  return gtk_label_get_text (self->headline_label);
}

/* The compare chart as the chart request builds it, and its ratios. */
static void
session_compare_cb (AtlasOverviewPage *self)
{
  g_autoptr(AtlasChartSpec) spec = atlas_session_build_spec (self->session, ATLAS_CHART_COMPARE);

  atlas_chart_view_set_spec (self->compare_view, spec);
  atlas_overview_page_set_ratios (self, spec->ratio_nominal, spec->ratio_ppp);
}

static void
update_for_filter (AtlasOverviewPage *self,
                   gboolean           new_data)
{
  AtlasCatalog *catalog = atlas_session_get_catalog (self->session);
  const AtlasFilter *filter = atlas_session_get_filter (self->session);

  if (catalog != NULL && filter != NULL)
    atlas_overview_page_set_catalog (self, catalog, filter);
  start_comparable (self, new_data);
  session_compare_cb (self);
}

static void
session_filter_cb (AtlasOverviewPage *self)
{
  update_for_filter (self, FALSE);
}

static void
session_catalog_cb (AtlasOverviewPage *self)
{
  update_for_filter (self, TRUE);
}

static void
session_result_cb (AtlasOverviewPage *self,
                   guint              slot,
                   AtlasSession      *session)
{
  AtlasSharedResult *result = atlas_session_get_result (session, slot);

  maybe_after_results (self);

  switch ((AtlasSlot) slot)
    {
    case ATLAS_SLOT_REGION:
      atlas_overview_page_set_regions (self, result);
      break;

    case ATLAS_SLOT_EXPERIENCE:
      session_compare_cb (self);
      atlas_overview_page_set_experience (self, result);
      break;

    case ATLAS_SLOT_REGION_USD:
    case ATLAS_SLOT_REGION_PPP:
      session_compare_cb (self);
      break;

    case ATLAS_SLOT_COMPANY:
      atlas_overview_page_set_companies (self, result);
      break;

    case ATLAS_SLOT_YEAR:
    case ATLAS_SLOT_EXPERIENCE_YEARS:
    case ATLAS_N_SLOTS:
    default:
      break;
    }
}

void
atlas_overview_page_set_session (AtlasOverviewPage *self,
                                 AtlasSession      *session)
{
  g_return_if_fail (ATLAS_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::filter", G_CALLBACK (session_filter_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::catalog", G_CALLBACK (session_catalog_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::currency-mode", G_CALLBACK (session_compare_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "result-changed", G_CALLBACK (session_result_cb),
                           self, G_CONNECT_SWAPPED);
  /* A failed query ends the page's loading too. */
  g_signal_connect_object (session, "failed", G_CALLBACK (maybe_after_results),
                           self, G_CONNECT_SWAPPED);

  update_for_filter (self, TRUE);
  for (guint slot = 0; slot < ATLAS_N_SLOTS; slot++)
    if (atlas_session_get_result (session, slot) != NULL)
      session_result_cb (self, slot, session);
}

/* A comparison still running when the page leaves its window (the window
 * is destroyed, at quit) is stopped: the job's reference would otherwise
 * keep the page, and the application's shutdown would wait for queries
 * nobody sees (a few hundred milliseconds of CPU on a million records). */
static void
atlas_overview_page_unroot (GtkWidget *widget)
{
  AtlasOverviewPage *self = ATLAS_OVERVIEW_PAGE (widget);

  g_clear_handle_id (&self->after_results_idle, g_source_remove);
  if (self->comparable_cancellable != NULL && self->comparable == NULL)
    {
      g_cancellable_cancel (self->comparable_cancellable);
      g_clear_object (&self->comparable_cancellable);
      /* Made again by the next start_comparable(). */
      g_clear_pointer (&self->comparable_key, g_free);
    }

  GTK_WIDGET_CLASS (atlas_overview_page_parent_class)->unroot (widget);
}

static void
atlas_overview_page_dispose (GObject *object)
{
  AtlasOverviewPage *self = ATLAS_OVERVIEW_PAGE (object);

  self->comparable_waiting = FALSE;
  self->sources_waiting = FALSE;
  g_clear_handle_id (&self->after_results_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->card_medians, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->sources_key, g_free);
  g_clear_pointer (&self->companies_key, g_free);
  g_clear_pointer (&self->company_rows, g_ptr_array_unref);
  g_clear_pointer (&self->company_values, g_ptr_array_unref);
  g_cancellable_cancel (self->comparable_cancellable);
  g_clear_object (&self->comparable_cancellable);
  g_clear_pointer (&self->comparable, atlas_headline_free);
  g_clear_pointer (&self->comparable_key, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (atlas_overview_page_parent_class)->dispose (object);
}

static void
atlas_overview_page_class_init (AtlasOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_overview_page_dispose;
  widget_class->unroot = atlas_overview_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, ratio_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, ratio_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, ratio_detail);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, headline_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, headline_citation);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, compare_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, lists_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, companies_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, companies_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasOverviewPage, sources_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-overview-page");
}

static void
atlas_overview_page_init (AtlasOverviewPage *self)
{
  g_type_ensure (ATLAS_TYPE_CHART_VIEW);
  g_type_ensure (ATLAS_TYPE_REGION_TOGGLES);

  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
  /* The Sources group's description. */
  atlas_wrap_labels_limit (GTK_WIDGET (self->lists_box));

  self->card_medians = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_region_card_free);
  gtk_flow_box_set_sort_func (self->cards_box, card_sort_cb, NULL, NULL);
  /* The list box owns the rows: these are borrowed. */
  self->company_rows = g_ptr_array_new ();
  self->company_values = g_ptr_array_new ();
  self->pooled_nominal = NAN;
  self->pooled_ppp = NAN;
  atlas_chart_view_set_kind (self->compare_view, ATLAS_CHART_COMPARE);
}

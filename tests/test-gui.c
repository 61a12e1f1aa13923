/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui.c: the real window under a display (Xvfb in CI), driven through
 * its actions and inspected through its widget tree and chart layouts. */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "atlas-accessible.h"
#include "atlas-application.h"
#include "atlas-chart-page.h"
#include "atlas-chart-view.h"
#include "atlas-export-dialog.h"
#include "atlas-filter-pane.h"
#include "atlas-money.h"
#include "atlas-overview-page.h"
#include "atlas-region-toggles.h"
#include "atlas-window.h"
#include "atlas-store.h"
#include "gui-fixture.h"

static gboolean
window_ready (Fixture *fixture)
{
  return g_strcmp0 (atlas_window_get_state (fixture->window), "content") == 0 &&
         !atlas_window_get_busy (fixture->window);
}

/* Lets a few frames go by so that charts are laid out and drawn. */
static void
wait_frames (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_open_window (fixture, "overview");
  wait_for (window_ready, fixture);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first frame shows the loading state alone: the filter pane, the
 * overview page and the view switcher's buttons are neither built nor laid
 * out for it. They come with the data. */
static void
test_loading_state (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window;
  AdwViewSwitcherTitle *title;

  fixture_open_window (fixture, "overview");
  window = GTK_WIDGET (fixture->window);
  title = ADW_VIEW_SWITCHER_TITLE (find_descendant (window, ADW_TYPE_VIEW_SWITCHER_TITLE));

  g_assert_cmpstr (atlas_window_get_state (fixture->window), ==, "loading");
  g_assert_null (adw_view_switcher_title_get_stack (title));
  g_assert_null (find_descendant (window, ATLAS_TYPE_FILTER_PANE));
  g_assert_null (find_descendant (window, ATLAS_TYPE_OVERVIEW_PAGE));
  g_assert_false (gtk_widget_get_sensitive (find_descendant (window, GTK_TYPE_TOGGLE_BUTTON)));

  wait_for (window_ready, fixture);
  g_assert_true (gtk_widget_get_sensitive (find_descendant (window, GTK_TYPE_TOGGLE_BUTTON)));
  g_assert_nonnull (adw_view_switcher_title_get_stack (title));
  g_assert_true (find_descendant (window, ATLAS_TYPE_FILTER_PANE) ==
                 atlas_window_get_filter_pane (fixture->window));
  g_assert_true (gtk_widget_is_visible (atlas_window_get_filter_pane (fixture->window)));
  g_assert_nonnull (find_descendant (window, ATLAS_TYPE_OVERVIEW_PAGE));
  g_assert_cmpstr (atlas_window_get_page (fixture->window), ==, "overview");
}

static AtlasChartView *
page_chart (Fixture    *fixture,
            const char *page)
{
  GtkWidget *widget = atlas_window_get_page_widget (fixture->window, page);

  g_assert_nonnull (widget);
  if (ATLAS_IS_OVERVIEW_PAGE (widget))
    return atlas_overview_page_get_compare_view (ATLAS_OVERVIEW_PAGE (widget));

  return atlas_chart_page_get_chart_view (ATLAS_CHART_PAGE (widget));
}

static void
test_default_overview (Fixture       *fixture,
                       gconstpointer  data)
{
  AtlasOverviewPage *overview;
  const char *headline;
  AtlasChartLayout *layout;

  overview = ATLAS_OVERVIEW_PAGE (atlas_window_get_page_widget (fixture->window, "overview"));
  g_assert_cmpstr (atlas_window_get_page (fixture->window), ==, "overview");

  /* The embedded default seeds the empty database: cards for US and India. */
  g_assert_nonnull (atlas_overview_page_get_card_median (overview, "US"));
  g_assert_nonnull (atlas_overview_page_get_card_median (overview, "IN"));
  g_assert_true (g_str_has_prefix (atlas_overview_page_get_card_median (overview, "US"), "$"));

  /* The quoted headline figures, with their amounts as published. */
  headline = atlas_overview_page_get_headline_text (overview);
  g_assert_nonnull (headline);
  g_assert_nonnull (strstr (headline, "$140,000"));
  g_assert_nonnull (strstr (headline, "₹12,00,000"));

  wait_frames ();
  layout = atlas_chart_view_get_layout (atlas_overview_page_get_compare_view (overview));
  g_assert_nonnull (layout);
  g_assert_cmpuint (atlas_chart_layout_get_n_marks (layout), >, 0);
}

static void
test_every_page (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *pages[] = { "compare", "companies", "experience", "distribution", "trend", "overview" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AtlasChartView *view;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.show-page", "s", pages[i]));
      g_assert_cmpstr (atlas_window_get_page (fixture->window), ==, pages[i]);
      wait_for (window_ready, fixture);
      wait_frames ();

      view = page_chart (fixture, pages[i]);
      g_assert_nonnull (atlas_chart_view_get_result (view));

      if (g_strcmp0 (pages[i], "compare") == 0 || g_strcmp0 (pages[i], "companies") == 0 ||
          g_strcmp0 (pages[i], "experience") == 0)
        {
          AtlasChartLayout *layout = atlas_chart_view_get_layout (view);

          /* The default ML engineer figures have levels and companies. */
          g_assert_nonnull (layout);
          g_assert_cmpuint (atlas_chart_layout_get_n_marks (layout), >, 0);
          g_assert_cmpint (atlas_chart_layout_get_mark (layout, 0)->group_index, >=, 0);
        }
      else if (!ATLAS_IS_OVERVIEW_PAGE (atlas_window_get_page_widget (fixture->window, pages[i])))
        {
          const char *state = atlas_chart_page_get_state (ATLAS_CHART_PAGE (atlas_window_get_page_widget (fixture->window, pages[i])));

          /* Figures only: a histogram or a trend may honestly be empty. */
          g_assert_true (g_strcmp0 (state, "chart") == 0 || g_strcmp0 (state, "empty") == 0);
        }
    }
}

static void
test_currency_mode (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasOverviewPage *overview;
  AtlasSharedResult *result;
  g_autofree char *stored = NULL;

  overview = ATLAS_OVERVIEW_PAGE (atlas_window_get_page_widget (fixture->window, "overview"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.currency-mode", "s", "local"));
  wait_for (window_ready, fixture);
  stored = g_settings_get_string (fixture->settings, "currency-mode");
  g_assert_cmpstr (stored, ==, "local");
  result = atlas_chart_view_get_result (atlas_overview_page_get_compare_view (overview));
  g_assert_nonnull (result);
  g_assert_cmpint (atlas_shared_result_get (result)->mode, ==, ATLAS_CURRENCY_MODE_LOCAL);
  /* India's card is in rupees in local mode. */
  g_assert_true (g_str_has_prefix (atlas_overview_page_get_card_median (overview, "IN"), "₹"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.currency-mode", "s", "ppp"));
  wait_for (window_ready, fixture);
  result = atlas_chart_view_get_result (atlas_overview_page_get_compare_view (overview));
  g_assert_cmpint (atlas_shared_result_get (result)->mode, ==, ATLAS_CURRENCY_MODE_PPP);
}

/* The region result a page shows equals a query run directly in @mode. */
static void
assert_region_result (Fixture           *fixture,
                      AtlasCurrencyMode  mode)
{
  AtlasChartPage *page = ATLAS_CHART_PAGE (atlas_window_get_page_widget (fixture->window, "distribution"));
  AtlasSharedResult *shared = atlas_chart_view_get_result (atlas_chart_page_get_chart_view (page));
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (atlas_window_get_db_path (fixture->window), &error);
  g_autoptr(AtlasQueryResult) direct = NULL;
  const AtlasQueryResult *result;

  g_assert_no_error (error);
  direct = atlas_query_run (store, filter, ATLAS_GROUP_REGION, mode, 10, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (shared);
  result = atlas_shared_result_get (shared);
  g_assert_cmpint (result->mode, ==, mode);
  g_assert_cmpuint (result->groups->len, ==, direct->groups->len);
  g_assert_cmpuint (result->groups->len, >, 0);
  for (guint i = 0; i < direct->groups->len; i++)
    {
      const AtlasGroup *a = g_ptr_array_index (result->groups, i);
      const AtlasGroup *b = g_ptr_array_index (direct->groups, i);

      g_assert_cmpstr (a->region, ==, b->region);
      g_assert_cmpstr (a->currency, ==, b->currency);
      g_assert_true (a->summary.median == b->summary.median ||
                     (isnan (a->summary.median) && isnan (b->summary.median)));
    }
}

/* A change of the currency mode alone keeps the region results in USD and
 * PPP: the region page must still show the new mode's figures, whichever
 * way the mode goes. */
static void
test_currency_mode_kept_results (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char *modes[] = { "usd", "ppp", "usd", "local", "ppp", "local", "usd" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      AtlasCurrencyMode mode;

      g_assert_true (atlas_currency_mode_from_string (modes[i], &mode));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.currency-mode", "s", modes[i]));
      wait_for (window_ready, fixture);
      assert_region_result (fixture, mode);
    }
}

static void
test_filter_regions (Fixture       *fixture,
                     gconstpointer  data)
{
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  AtlasOverviewPage *overview;

  overview = ATLAS_OVERVIEW_PAGE (atlas_window_get_page_widget (fixture->window, "overview"));

  g_assert_true (atlas_filter_pane_get_region (pane, "US"));
  atlas_filter_pane_set_region (pane, "US", FALSE);
  wait_for (window_ready, fixture);

  g_assert_null (atlas_overview_page_get_card_median (overview, "US"));
  g_assert_nonnull (atlas_overview_page_get_card_median (overview, "IN"));

  /* Reset brings back the default regions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reset-filters", NULL));
  wait_for (window_ready, fixture);
  g_assert_nonnull (atlas_overview_page_get_card_median (overview, "US"));
}

/* The region card at INDEX of the overview, in the order shown, or NULL. */
static GtkWidget *
region_card (AtlasOverviewPage *overview,
             int                index)
{
  GtkFlowBox *cards = GTK_FLOW_BOX (find_descendant (GTK_WIDGET (overview), GTK_TYPE_FLOW_BOX));
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (cards, index);

  return child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
}

/* The cards show, in order, the regions and medians of a query run
 * directly (in USD, the default mode), however they were updated. */
static void
assert_cards_show_query (Fixture           *fixture,
                         AtlasOverviewPage *overview)
{
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (atlas_window_get_db_path (fixture->window), &error);
  g_autoptr(AtlasQueryResult) direct = NULL;

  g_assert_no_error (error);
  direct = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (direct->groups->len, >, 0);

  for (guint i = 0; i < direct->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (direct->groups, i);
      GtkWidget *card = region_card (overview, i);
      GtkWidget *name, *median;
      g_autofree char *amount = atlas_money_format (isnan (group->summary.median)
                                                    ? group->summary.mean : group->summary.median,
                                                    group->currency, ATLAS_MONEY_FULL);

      g_assert_nonnull (card);
      name = gtk_widget_get_first_child (card);
      median = gtk_widget_get_next_sibling (name);
      g_assert_cmpstr (gtk_widget_get_name (median), ==, "median");
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name)), ==, atlas_money_country_name (group->region));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (median)), ==, amount);
    }
  g_assert_null (region_card (overview, direct->groups->len));
}

/* A region toggled off removes its card and keeps the other cards' widgets
 * (not made, shaped and measured again); toggled on again, the cards show
 * the query's regions and figures in its order. */
static void
test_filter_regions_cards (Fixture       *fixture,
                           gconstpointer  data)
{
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  AtlasOverviewPage *overview;
  GtkWidget *india = NULL;

  overview = ATLAS_OVERVIEW_PAGE (atlas_window_get_page_widget (fixture->window, "overview"));
  assert_cards_show_query (fixture, overview);
  for (int i = 0; region_card (overview, i) != NULL; i++)
    if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (region_card (overview, i)))),
                   atlas_money_country_name ("IN")) == 0)
      india = region_card (overview, i);
  g_assert_nonnull (india);

  atlas_filter_pane_set_region (pane, "US", FALSE);
  wait_for (window_ready, fixture);
  assert_cards_show_query (fixture, overview);
  g_assert_true (region_card (overview, 0) == india);

  atlas_filter_pane_set_region (pane, "US", TRUE);
  wait_for (window_ready, fixture);
  assert_cards_show_query (fixture, overview);
}

/* The check button of REGION's row under WIDGET, or NULL. */
static GtkCheckButton *
find_region_check (GtkWidget  *widget,
                   const char *region)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "atlas-region"), region) == 0)
    return GTK_CHECK_BUTTON (find_descendant (widget, GTK_TYPE_CHECK_BUTTON));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_region_check (child, region);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows of "More Regions" are made when it is first expanded: a region
 * chosen before that is in the filter all the same, and its row's check
 * button shows it once made. */
static void
test_filter_more_regions (Fixture       *fixture,
                          gconstpointer  data)
{
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  AdwExpanderRow *more = ADW_EXPANDER_ROW (find_descendant (GTK_WIDGET (pane),
                                                            ADW_TYPE_EXPANDER_ROW));
  g_autoptr(AtlasFilter) filter = NULL;
  GtkCheckButton *check;

  g_assert_nonnull (more);
  g_assert_false (adw_expander_row_get_expanded (more));
  g_assert_nonnull (find_region_check (GTK_WIDGET (pane), "US"));
  g_assert_false (atlas_filter_pane_get_region (pane, "GB"));

  atlas_filter_pane_set_region (pane, "GB", TRUE);
  g_assert_null (find_region_check (GTK_WIDGET (more), "GB"));
  g_assert_true (atlas_filter_pane_get_region (pane, "GB"));
  filter = atlas_filter_pane_get_filter (pane);
  g_assert_true (g_strv_contains ((const char * const *) filter->regions, "GB"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (more), !=, "");
  wait_for (window_ready, fixture);

  adw_expander_row_set_expanded (more, TRUE);
  check = find_region_check (GTK_WIDGET (more), "GB");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (check));

  gtk_check_button_set_active (check, FALSE);
  g_assert_false (atlas_filter_pane_get_region (pane, "GB"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (more), ==, "");
  wait_for (window_ready, fixture);
}

static void
test_drill_down (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasChartView *view;
  AtlasChartLayout *layout;
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  g_autoptr(AtlasFilter) filter = NULL;
  const AtlasChartMark *mark = NULL;

  atlas_window_set_page (fixture->window, "compare");
  wait_for (window_ready, fixture);
  wait_frames ();

  view = page_chart (fixture, "compare");
  layout = atlas_chart_view_get_layout (view);
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout) && mark == NULL; i++)
    if (atlas_chart_layout_get_mark (layout, i)->kind == ATLAS_CHART_MARK_BOX)
      mark = atlas_chart_layout_get_mark (layout, i);
  g_assert_nonnull (mark);

  /* Activating a box offers its records and narrowing to its level
   * (atlas-mark-menu.c); narrowing filters to the level; Escape's action
   * goes back. */
  g_signal_emit_by_name (view, "mark-activated", mark->index);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mark.narrow", NULL));
  filter = atlas_filter_pane_get_filter (pane);
  g_assert_nonnull (filter->experience);
  g_assert_cmpuint (g_strv_length (filter->experience), ==, 1);
  wait_for (window_ready, fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-drill", NULL));
  g_clear_pointer (&filter, atlas_filter_free);
  filter = atlas_filter_pane_get_filter (pane);
  g_assert_null (filter->experience);
  wait_for (window_ready, fixture);
}

static void
test_chart_cache (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasChartView *view;
  guint renders;

  atlas_window_set_page (fixture->window, "experience");
  wait_for (window_ready, fixture);
  wait_frames ();

  view = page_chart (fixture, "experience");
  renders = atlas_chart_view_get_n_renders (view);
  g_assert_cmpuint (renders, >, 0);

  /* A redraw without any change reuses the cached node. */
  gtk_widget_queue_draw (GTK_WIDGET (view));
  wait_frames ();
  g_assert_cmpuint (atlas_chart_view_get_n_renders (view), ==, renders);

  /* Moving the keyboard focus between marks does not render again either. */
  atlas_chart_view_set_focus_mark (view, 0);
  wait_frames ();
  g_assert_cmpint (atlas_chart_view_get_focus_mark (view), ==, 0);
  g_assert_cmpuint (atlas_chart_view_get_n_renders (view), ==, renders);

  /* A new size does. */
  gtk_widget_set_size_request (GTK_WIDGET (view), 500, 300);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  wait_frames ();
  g_assert_cmpuint (atlas_chart_view_get_n_renders (view), >, renders);
}

/* A legend entry hides its region in the chart and brings it back; the
 * filter keeps the region. */
static void
test_legend_toggle (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  AtlasChartView *view;
  AtlasChartLayout *layout;
  guint n_before, n_in = 0;

  atlas_window_set_page (fixture->window, "companies");
  wait_for (window_ready, fixture);
  wait_frames ();

  /* All roles: the embedded figures name employers in both regions then. */
  {
    g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);

    g_clear_pointer (&filter->role, g_free);
    atlas_filter_pane_set_filter (pane, filter);
  }
  wait_for (window_ready, fixture);
  wait_frames ();

  view = page_chart (fixture, "companies");
  layout = atlas_chart_view_get_layout (view);
  n_before = atlas_chart_layout_get_n_marks (layout);
  for (guint i = 0; i < n_before; i++)
    if (g_strcmp0 (atlas_chart_layout_get_mark (layout, i)->region, "IN") == 0 &&
        atlas_chart_layout_get_mark (layout, i)->group_index >= 0)
      n_in++;
  g_assert_cmpuint (n_in, >, 0);
  n_in = 0;

  g_assert_true (atlas_chart_view_toggle_region (view, "IN"));
  g_assert_true (atlas_chart_view_get_region_hidden (view, "IN"));
  wait_frames ();
  layout = atlas_chart_view_get_layout (view);
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
    if (g_strcmp0 (atlas_chart_layout_get_mark (layout, i)->region, "IN") == 0)
      n_in++;
  g_assert_cmpuint (n_in, ==, 0);
  g_assert_cmpuint (atlas_chart_layout_get_n_marks (layout), <, n_before);
  /* Still in the legend, to be toggled back; still in the filter. */
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_LEGEND, "India"));
  g_assert_true (atlas_filter_pane_get_region (pane, "IN"));
  g_assert_false (atlas_window_get_busy (fixture->window));

  /* The last region shown stays. */
  g_assert_false (atlas_chart_view_toggle_region (view, "US"));
  g_assert_false (atlas_chart_view_get_region_hidden (view, "US"));

  g_assert_true (atlas_chart_view_toggle_region (view, "IN"));
  wait_frames ();
  g_assert_cmpuint (atlas_chart_layout_get_n_marks (atlas_chart_view_get_layout (view)), ==, n_before);
}

/* The keyboard's way to the legend: a check button per region in the
 * chart page's "Regions" popover, in step with the legend. */
static void
test_region_toggles (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *page;
  AtlasChartView *view;
  GtkWidget *regions_button = NULL;
  GtkCheckButton *us = NULL, *in = NULL;

  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));

  /* All roles: the embedded figures name employers in both regions then. */
  atlas_window_set_page (fixture->window, "companies");
  {
    g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);

    g_clear_pointer (&filter->role, g_free);
    atlas_filter_pane_set_filter (pane, filter);
  }
  wait_for (window_ready, fixture);
  page = atlas_window_get_page_widget (fixture->window, "companies");
  view = page_chart (fixture, "companies");

  regions_button = find_descendant (page, ATLAS_TYPE_REGION_TOGGLES);
  g_assert_nonnull (regions_button);
  g_assert_true (atlas_region_toggles_get_chart_view (ATLAS_REGION_TOGGLES (regions_button)) == view);
  g_assert_true (gtk_widget_get_visible (regions_button));

  for (GtkWidget *box = gtk_widget_get_first_child (find_descendant (regions_button, GTK_TYPE_POPOVER));
       box != NULL; box = NULL)
    {
      GtkWidget *check = find_descendant (box, GTK_TYPE_CHECK_BUTTON);

      for (; check != NULL; check = gtk_widget_get_next_sibling (check))
        {
          if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), "United States") == 0)
            us = GTK_CHECK_BUTTON (check);
          else if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), "India") == 0)
            in = GTK_CHECK_BUTTON (check);
        }
    }
  g_assert_nonnull (us);
  g_assert_nonnull (in);
  g_assert_true (gtk_check_button_get_active (us));
  g_assert_true (gtk_check_button_get_active (in));

  /* A check button hides its region; the other one, the last shown, cannot. */
  gtk_check_button_set_active (in, FALSE);
  g_assert_true (atlas_chart_view_get_region_hidden (view, "IN"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (us)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (in)));

  /* A click on the legend (the same call) and the buttons follow. */
  g_assert_true (atlas_chart_view_toggle_region (view, "IN"));
  g_assert_true (gtk_check_button_get_active (in));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (us)));

  /* The overview's chart has its own. */
  {
    GtkWidget *overview = atlas_window_get_page_widget (fixture->window, "overview");
    GtkWidget *toggles = find_descendant (overview, ATLAS_TYPE_REGION_TOGGLES);

    g_assert_nonnull (toggles);
    g_assert_true (atlas_region_toggles_get_chart_view (ATLAS_REGION_TOGGLES (toggles)) ==
                   atlas_overview_page_get_compare_view (ATLAS_OVERVIEW_PAGE (overview)));
  }
}

static void
test_strip_mnemonic (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "_Export…", "Export…" }, { "Refresh A_ll", "Refresh All" }, { "snake__case", "snake_case" },
    { "Plain", "Plain" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = atlas_accessible_strip_mnemonic (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasExportDialog *dialog;
  g_autofree char *path = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  atlas_window_set_page (fixture->window, "companies");
  wait_for (window_ready, fixture);
  wait_frames ();

  dialog = atlas_export_dialog_new (GTK_WINDOW (fixture->window), fixture->settings,
                                    page_chart (fixture, "companies"));
  g_assert_true (atlas_export_dialog_export_to (dialog, file, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "<title>"));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GtkEntry *company_entry;

static gboolean
company_completion_attached (Fixture *fixture)
{
  return gtk_entry_get_completion (company_entry) != NULL;
}

/* The company entry completes from the catalog's companies; its completion
 * (whose popover costs a surface of its own) is made when the entry first
 * takes the focus, not with the window. */
static void
test_company_completion (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkEntryCompletion *completion;
  GtkTreeModel *model;
  GtkTreeIter iter;
  guint n = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (atlas_window_get_db_path (fixture->window), &error);
  g_autoptr(AtlasCatalog) catalog = NULL;

  g_assert_no_error (error);
  catalog = atlas_catalog_load (store, FALSE, &error);
  g_assert_no_error (error);

  company_entry = GTK_ENTRY (find_descendant (atlas_window_get_filter_pane (fixture->window),
                                              GTK_TYPE_ENTRY));
  g_assert_nonnull (company_entry);
  g_assert_cmpstr (gtk_entry_get_icon_name (company_entry, GTK_ENTRY_ICON_PRIMARY), ==,
                   "system-search-symbolic");
  g_assert_null (gtk_entry_get_completion (company_entry));

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (company_entry)));
  wait_for (company_completion_attached, fixture);

  completion = gtk_entry_get_completion (company_entry);
  g_assert_cmpint (gtk_entry_completion_get_text_column (completion), ==, 0);
  g_assert_cmpint (gtk_entry_completion_get_minimum_key_length (completion), ==, 1);
  model = gtk_entry_completion_get_model (completion);
  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    n++;
  /* The catalog's companies, read here from the database. */
  g_assert_cmpuint (n, ==, g_strv_length (catalog->companies));
  company_entry = NULL;
}
G_GNUC_END_IGNORE_DEPRECATIONS

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* TAP for "nothing to run here": the window needs a display. */
      g_print ("1..0 # SKIP no display: run the tests under xvfb-run\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What AdwApplication does for the app: our symbolic icons. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/salaryatlas/SalaryAtlas/icons");

#define ADD(path, func) \
  g_test_add ("/atlas/gui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add ("/atlas/gui/window/loading-state", Fixture, NULL, NULL, test_loading_state, fixture_tear_down);
  ADD ("window/default-overview", test_default_overview);
  ADD ("window/every-page", test_every_page);
  ADD ("window/currency-mode", test_currency_mode);
  ADD ("window/currency-mode-kept-results", test_currency_mode_kept_results);
  ADD ("window/filter-regions", test_filter_regions);
  ADD ("window/filter-regions-cards", test_filter_regions_cards);
  ADD ("window/filter-more-regions", test_filter_more_regions);
  ADD ("window/drill-down", test_drill_down);
  ADD ("window/company-completion", test_company_completion);
  ADD ("chart-view/cache", test_chart_cache);
  ADD ("chart-view/legend-toggle", test_legend_toggle);
  ADD ("chart-page/region-toggles", test_region_toggles);
  ADD ("export/svg", test_export);
  g_test_add_func ("/atlas/gui/accessible/strip-mnemonic", test_strip_mnemonic);
#undef ADD

  return g_test_run ();
}

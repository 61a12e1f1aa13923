/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window.c: the main window and the queries behind its pages. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-feed.h"
#include "atlas-money.h"
#include "atlas-window-private.h"

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DB_PATH,
  PROP_CURRENCY_MODE,
  PROP_BUSY,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The chart pages, in switcher order after the overview. */
static const struct {
  AtlasChartKind  kind;
  const char     *title;
  const char     *icon_name;
} chart_pages[] = {
  { ATLAS_CHART_COMPARE, N_("Compare"), "atlas-compare-symbolic" },
  { ATLAS_CHART_COMPANIES, N_("Companies"), "atlas-companies-symbolic" },
  { ATLAS_CHART_EXPERIENCE, N_("Experience"), "atlas-experience-symbolic" },
  { ATLAS_CHART_DISTRIBUTION, N_("Distribution"), "atlas-distribution-symbolic" },
  { ATLAS_CHART_TREND, N_("Trend"), "atlas-trend-symbolic" },
};

AtlasWindow *
atlas_window_new (AtlasApplication *application)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (application), NULL);

  return g_object_new (ATLAS_TYPE_WINDOW,
                       "application", application,
                       "settings", atlas_application_get_settings (application),
                       "db-path", atlas_application_get_db_path (application),
                       NULL);
}

AtlasWindow *
atlas_window_new_for_path (GtkApplication *application,
                           GSettings      *settings,
                           const char     *db_path)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (ATLAS_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "db-path", db_path,
                       NULL);
}

const char *
atlas_window_get_db_path (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->db_path;
}

gboolean
atlas_window_get_busy (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  if (self->catalog_cancellable != NULL ||
      (self->sources_page != NULL && atlas_sources_page_get_loading (self->sources_page)))
    return TRUE;

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    if (self->pending[i])
      return TRUE;

  return FALSE;
}

const char *
atlas_window_get_state (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
atlas_window_get_page (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
atlas_window_set_page (AtlasWindow *self,
                       const char  *name)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The page called @name, built if it was not yet; NULL if there is none. */
static GtkWidget *
atlas_window_ensure_page (AtlasWindow *self,
                          const char  *name)
{
  AtlasChartKind kind;

  if (name == NULL)
    return NULL;
  if (g_strcmp0 (name, "sources") == 0)
    return GTK_WIDGET (_atlas_window_ensure_sources_page (self));
  if (g_strcmp0 (name, "overview") == 0)
    {
      _atlas_window_ensure_content (self);
      return GTK_WIDGET (self->overview_page);
    }
  if (atlas_chart_kind_from_string (name, &kind))
    return GTK_WIDGET (_atlas_window_ensure_chart_page (self, kind));

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

GtkWidget *
atlas_window_get_page_widget (AtlasWindow *self,
                              const char  *name)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return NULL;

  return atlas_window_ensure_page (self, name);
}

GtkWidget *
_atlas_window_get_visible_page (AtlasWindow *self)
{
  return atlas_window_ensure_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
}

GtkWidget *
atlas_window_get_filter_pane (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  _atlas_window_ensure_content (self);
  return GTK_WIDGET (self->filter_pane);
}

const char *
atlas_window_get_last_toast (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/* Toast titles are Pango markup in libadwaita 1.2; messages name files and
 * feeds, which may hold any character. */
static AdwToast *
atlas_window_new_toast (AtlasWindow *self,
                        const char  *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);

  return adw_toast_new (escaped);
}

void
_atlas_window_toast (AtlasWindow *self,
                     const char  *message)
{
  AdwToast *toast = atlas_window_new_toast (self, message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_atlas_window_toast_with_action (AtlasWindow *self,
                                 const char  *message,
                                 const char  *button_label,
                                 const char  *action_name,
                                 GVariant    *target)
{
  AdwToast *toast = atlas_window_new_toast (self, message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  if (target != NULL)
    adw_toast_set_action_target_value (toast, target);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The chart page of @kind if it was built; NULL otherwise (it takes the
 * window's results when it is built). */
static AtlasChartPage *
atlas_window_get_chart_page (AtlasWindow    *self,
                             AtlasChartKind  kind)
{
  return self->chart_pages[kind];
}

AtlasChartView *
_atlas_window_get_current_chart (AtlasWindow *self)
{
  GtkWidget *child = _atlas_window_get_visible_page (self);

  if (ATLAS_IS_CHART_PAGE (child))
    return atlas_chart_page_get_chart_view (ATLAS_CHART_PAGE (child));
  if (ATLAS_IS_OVERVIEW_PAGE (child))
    return atlas_overview_page_get_compare_view (ATLAS_OVERVIEW_PAGE (child));

  return NULL;
}

AtlasSharedResult *
_atlas_window_get_current_result (AtlasWindow *self)
{
  AtlasChartView *view = _atlas_window_get_current_chart (self);

  return view ? atlas_chart_view_get_result (view) : NULL;
}

/* The slots a page shows, most important first. */
static guint
slots_for_page (const char *page,
                AtlasSlot  *slots)
{
  guint n = 0;

  if (g_strcmp0 (page, "companies") == 0)
    slots[n++] = ATLAS_SLOT_COMPANY;
  else if (g_strcmp0 (page, "experience") == 0)
    slots[n++] = ATLAS_SLOT_EXPERIENCE;
  else if (g_strcmp0 (page, "distribution") == 0)
    slots[n++] = ATLAS_SLOT_REGION;
  else if (g_strcmp0 (page, "trend") == 0)
    slots[n++] = ATLAS_SLOT_YEAR;
  else if (g_strcmp0 (page, "compare") == 0)
    {
      slots[n++] = ATLAS_SLOT_EXPERIENCE;
      slots[n++] = ATLAS_SLOT_REGION_USD;
      slots[n++] = ATLAS_SLOT_REGION_PPP;
    }
  else
    {
      slots[n++] = ATLAS_SLOT_REGION;
      slots[n++] = ATLAS_SLOT_EXPERIENCE;
      slots[n++] = ATLAS_SLOT_REGION_USD;
      slots[n++] = ATLAS_SLOT_REGION_PPP;
      slots[n++] = ATLAS_SLOT_COMPANY;
    }

  return n;
}

static char *
atlas_window_describe_basis (AtlasWindow *self)
{
  const char *other = NULL;
  int year_hint;
  int year;
  double factor;

  if (self->catalog == NULL || self->filter == NULL || self->mode == ATLAS_CURRENCY_MODE_LOCAL)
    return NULL;

  /* The factor of the first selected region that is not the US, or India. */
  if (self->filter->regions != NULL)
    for (guint i = 0; self->filter->regions[i] != NULL && other == NULL; i++)
      if (g_strcmp0 (self->filter->regions[i], "US") != 0)
        other = self->filter->regions[i];
  if (other == NULL)
    other = "IN";

  year_hint = self->filter->year_to > 0 ? self->filter->year_to : self->catalog->year_max;
  if (!atlas_catalog_find_factor (self->catalog, self->mode, other, year_hint, &year, &factor))
    return NULL;

  {
    const char *currency = atlas_money_currency_for_country (other);
    const char *symbol = currency ? atlas_money_currency_symbol (currency) : NULL;

    if (symbol == NULL)
      symbol = currency ? currency : other;

    if (self->mode == ATLAS_CURRENCY_MODE_PPP)
      /* Translators: "PPP: World Bank private consumption factor, 2024: 19.9 ₹ per intl $" */
      return g_strdup_printf (_("PPP: World Bank private consumption factor, %d: %.4g %s per intl $"),
                              year, factor, symbol);
    else
      /* Translators: "USD: World Bank official exchange rate, 2024: 83.67 ₹ per $" */
      return g_strdup_printf (_("USD: World Bank official exchange rate, %d: %.4g %s per $"),
                              year, factor, symbol);
  }
}

static void
atlas_window_update_basis (AtlasWindow *self)
{
  g_autofree char *basis = NULL;
  g_autofree char *subtitle = NULL;

  if (self->filter_pane == NULL)
    return;

  basis = atlas_window_describe_basis (self);
  subtitle = self->filter ? atlas_filter_describe (self->filter) : NULL;

  if (basis != NULL)
    atlas_filter_pane_set_factor_text (self->filter_pane, basis);
  else if (self->mode == ATLAS_CURRENCY_MODE_LOCAL)
    atlas_filter_pane_set_factor_text (self->filter_pane,
                                       _("Each region in its own currency: amounts of different regions are not comparable."));
  else
    atlas_filter_pane_set_factor_text (self->filter_pane, _("No conversion factor for this selection."));

  for (guint i = 0; i < ATLAS_CHART_N_KINDS; i++)
    {
      AtlasChartView *view;

      if (self->chart_pages[i] == NULL)
        continue;
      view = atlas_chart_page_get_chart_view (self->chart_pages[i]);
      atlas_chart_view_set_currency_basis (view, basis);
      atlas_chart_view_set_subtitle (view, subtitle);
    }
  atlas_chart_view_set_currency_basis (atlas_overview_page_get_compare_view (self->overview_page), basis);
  atlas_chart_view_set_subtitle (atlas_overview_page_get_compare_view (self->overview_page), subtitle);
}

/* India's median over the US median. Records give pooled medians; a
 * result made of published figures has one figure per region, whose
 * medians are compared instead. */
static double
median_ratio (AtlasSharedResult *shared)
{
  const AtlasQueryResult *result;
  double ratio;
  double in = NAN, us = NAN;

  if (shared == NULL)
    return NAN;

  result = atlas_shared_result_get (shared);
  ratio = atlas_chart_median_ratio (result, "IN", "US");
  if (!isnan (ratio) || !result->from_figures)
    return ratio;

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (group->region, "IN") == 0)
        in = isnan (in) ? group->summary.median : NAN;
      else if (g_strcmp0 (group->region, "US") == 0)
        us = isnan (us) ? group->summary.median : NAN;
    }

  return us > 0 ? in / us : NAN;
}

static void
atlas_window_update_ratios (AtlasWindow *self)
{
  double nominal = median_ratio (self->results[ATLAS_SLOT_REGION_USD]);
  double ppp = median_ratio (self->results[ATLAS_SLOT_REGION_PPP]);

  atlas_overview_page_set_ratios (self->overview_page, nominal, ppp);
  if (self->chart_pages[ATLAS_CHART_COMPARE] != NULL)
    atlas_chart_view_set_ratios (atlas_chart_page_get_chart_view (self->chart_pages[ATLAS_CHART_COMPARE]),
                                 nominal, ppp);
}

static void
chart_page_set_result (AtlasChartPage    *page,
                       AtlasSharedResult *result)
{
  if (page != NULL)
    atlas_chart_page_set_result (page, result);
}

static void
atlas_window_apply_slot (AtlasWindow *self,
                         AtlasSlot    slot)
{
  AtlasSharedResult *result = self->results[slot];

  switch (slot)
    {
    case ATLAS_SLOT_REGION:
      atlas_overview_page_set_regions (self->overview_page, result);
      chart_page_set_result (atlas_window_get_chart_page (self, ATLAS_CHART_DISTRIBUTION), result);
      break;

    case ATLAS_SLOT_REGION_USD:
    case ATLAS_SLOT_REGION_PPP:
      atlas_window_update_ratios (self);
      break;

    case ATLAS_SLOT_EXPERIENCE:
      atlas_overview_page_set_experience (self->overview_page, result);
      chart_page_set_result (atlas_window_get_chart_page (self, ATLAS_CHART_COMPARE), result);
      chart_page_set_result (atlas_window_get_chart_page (self, ATLAS_CHART_EXPERIENCE), result);
      break;

    case ATLAS_SLOT_COMPANY:
      atlas_overview_page_set_companies (self->overview_page, result);
      chart_page_set_result (atlas_window_get_chart_page (self, ATLAS_CHART_COMPANIES), result);
      break;

    case ATLAS_SLOT_YEAR:
      chart_page_set_result (atlas_window_get_chart_page (self, ATLAS_CHART_TREND), result);
      break;

    case ATLAS_N_SLOTS:
    default:
      g_assert_not_reached ();
    }
}

static void
atlas_window_update_spinners (AtlasWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_pages); i++)
    {
      AtlasSlot slots[ATLAS_N_SLOTS];
      guint n = slots_for_page (atlas_chart_kind_to_string (chart_pages[i].kind), slots);
      gboolean loading = FALSE;

      if (self->chart_pages[chart_pages[i].kind] == NULL)
        continue;
      for (guint j = 0; j < n; j++)
        loading |= self->pending[slots[j]];
      atlas_chart_page_set_loading (self->chart_pages[chart_pages[i].kind], loading);
    }
}

/* Benchmarks (bench/README.md), off unless their variable is set to 1.
 * What is measured ends at the "after-paint" of the frame clock that follows
 * the moment the visible page has the results of all its queries: the first
 * frame that paints them (not the loading state).
 *
 * SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME: quit after the first such frame; set
 * to "any", quit after the first frame the window paints, whatever it shows
 * (on a new start, the loading state).
 * SALARY_ATLAS_TRACE_LATENCY: add the window action "bench-filter" (exported
 * on D-Bus like every window action), whose parameter "region:CODE" toggles
 * a region and "mode:usd|local|ppp" sets the currency mode, and print
 * "filter→paint N ms" to stderr, from the start of that action to the frame
 * that paints its result. */
static gboolean
bench_env (const char *name)
{
  return g_strcmp0 (g_getenv (name), "1") == 0;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      AtlasWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);

  if (self->bench_started != 0)
    g_printerr ("filter→paint %.1f ms (page %s)\n",
                (g_get_monotonic_time () - self->bench_started) / 1000.0,
                atlas_window_get_page (self));
  else if (!self->bench_painted && bench_env ("SALARY_ATLAS_TRACE_LATENCY"))
    g_printerr ("first frame with data painted (page %s)\n", atlas_window_get_page (self));
  self->bench_started = 0;

  if (!self->bench_painted && bench_env ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"))
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  self->bench_painted = TRUE;
}

static void
atlas_window_bench_result_shown (AtlasWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  AtlasSlot slots[ATLAS_N_SLOTS];
  guint n = slots_for_page (atlas_window_get_page (self), slots);

  if (clock == NULL || (self->bench_painted && self->bench_started == 0))
    return;
  for (guint i = 0; i < n; i++)
    if (self->pending[slots[i]])
      return;

  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
bench_filter_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AtlasWindow *self = user_data;
  const char *change = g_variant_get_string (parameter, NULL);

  self->bench_started = g_get_monotonic_time ();
  _atlas_window_ensure_content (self);
  if (g_str_has_prefix (change, "region:"))
    atlas_filter_pane_set_region (self->filter_pane, change + 7,
                                  !atlas_filter_pane_get_region (self->filter_pane, change + 7));
  else if (g_str_has_prefix (change, "mode:"))
    g_object_set (self, "currency-mode", change + 5, NULL);
}

static void atlas_window_schedule_deferred (AtlasWindow *self);

static void
slot_ready_cb (AtlasSlot          slot,
               AtlasSharedResult *result,
               const GError      *error,
               gpointer           user_data)
{
  AtlasWindow *self = user_data;
  gboolean was_busy = atlas_window_get_busy (self);
  AtlasSlot visible[ATLAS_N_SLOTS];

  self->pending[slot] = FALSE;

  if (error != NULL)
    {
      g_warning ("Query failed: %s", error->message);
      for (guint i = 0; i < ATLAS_N_SLOTS; i++)
        {
          self->pending[i] = FALSE;
          self->fresh[i] = FALSE;
        }
      self->n_deferred = 0;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }
  else if (result != NULL)
    {
      g_clear_pointer (&self->results[slot], atlas_shared_result_unref);
      self->results[slot] = atlas_shared_result_ref (result);
      self->fresh[slot] = TRUE;
      atlas_window_apply_slot (self, slot);

      if (slots_for_page (atlas_window_get_page (self), visible) > 0 && visible[0] == slot)
        g_debug ("Filter to %s (%s) shown in %.1f ms",
                 atlas_window_get_page (self), atlas_group_by_to_string (atlas_slot_get_group_by (slot)),
                 (g_get_monotonic_time () - self->query_started) / 1000.0);
      atlas_window_bench_result_shown (self);
      atlas_window_schedule_deferred (self);
    }

  atlas_window_update_spinners (self);
  _atlas_window_update_actions (self);
  if (was_busy != atlas_window_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
atlas_window_run_deferred (AtlasWindow *self)
{
  guint n = self->n_deferred;

  self->n_deferred = 0;
  self->deferred_scheduled = FALSE;
  if (n == 0 || self->query_cancellable == NULL || g_cancellable_is_cancelled (self->query_cancellable))
    return;

  atlas_query_runner_run (self->db_path, self->filter, self->mode, self->threshold,
                          self->deferred, n, self->query_cancellable,
                          slot_ready_cb, g_object_ref (self), g_object_unref);
}

static void
deferred_after_paint_cb (GdkFrameClock *clock,
                         AtlasWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, deferred_after_paint_cb, self);
  if (self->deferred_scheduled)
    atlas_window_run_deferred (self);
}

/* Starts the queries of the other pages once the urgent ones are done,
 * after the frame that shows their results (right away if the window is
 * not shown). */
static void
atlas_window_schedule_deferred (AtlasWindow *self)
{
  GdkFrameClock *clock;

  if (self->n_deferred == 0 || self->deferred_scheduled)
    return;
  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    if (self->urgent[i] && self->pending[i])
      return;

  clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;
  if (clock == NULL)
    {
      atlas_window_run_deferred (self);
      return;
    }

  self->deferred_scheduled = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (deferred_after_paint_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* When only the currency mode changed, the results of the current filter
 * that do not depend on the mode (the region queries in USD and in PPP) are
 * still right, and the region query in the new mode is one of them in USD
 * and PPP mode. Returns a new reference to the result @slot can reuse, or
 * NULL. */
static AtlasSharedResult *
atlas_window_reusable_result (AtlasWindow *self,
                              AtlasSlot    slot)
{
  AtlasSlot same = slot;

  if (slot == ATLAS_SLOT_REGION && self->mode == ATLAS_CURRENCY_MODE_USD)
    same = ATLAS_SLOT_REGION_USD;
  else if (slot == ATLAS_SLOT_REGION && self->mode == ATLAS_CURRENCY_MODE_PPP)
    same = ATLAS_SLOT_REGION_PPP;

  if (same != ATLAS_SLOT_REGION_USD && same != ATLAS_SLOT_REGION_PPP)
    return NULL;
  if (!self->fresh[same] || self->results[same] == NULL)
    return NULL;

  return atlas_shared_result_ref (self->results[same]);
}

/* Runs the queries for the current filter: the visible page's first, so
 * that it updates as soon as possible, then, once it has painted them, the
 * other pages' in the background.
 * With @mode_only (nothing but the currency mode changed), results that do
 * not depend on the mode are kept instead of queried again. */
static void
atlas_window_requery_full (AtlasWindow *self,
                           gboolean     mode_only)
{
  AtlasSharedResult *reused[ATLAS_N_SLOTS] = { NULL, };
  AtlasSlot order[ATLAS_N_SLOTS];
  AtlasSlot slots[ATLAS_N_SLOTS];
  guint n_order;
  guint n_visible;
  guint n = 0;
  gboolean was_busy;
  GdkFrameClock *clock;

  if (self->catalog == NULL || self->filter == NULL)
    return;

  was_busy = atlas_window_get_busy (self);

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, deferred_after_paint_cb, self);
  self->deferred_scheduled = FALSE;
  self->n_deferred = 0;

  n_order = n_visible = slots_for_page (atlas_window_get_page (self), order);
  for (guint s = 0; s < ATLAS_N_SLOTS; s++)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < n_order; i++)
        listed |= order[i] == (AtlasSlot) s;
      if (!listed)
        order[n_order++] = s;
    }

  /* All at once, before any result is applied: a reused region result in
   * the new mode must come from the old USD or PPP slot. */
  if (mode_only)
    for (guint s = 0; s < ATLAS_N_SLOTS; s++)
      reused[s] = atlas_window_reusable_result (self, s);

  for (guint i = 0; i < n_order; i++)
    {
      self->urgent[order[i]] = i < n_visible;
      if (reused[order[i]] != NULL)
        continue;
      if (i < n_visible)
        slots[n++] = order[i];
      else
        self->deferred[self->n_deferred++] = order[i];
    }

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    {
      self->pending[i] = TRUE;
      self->fresh[i] = FALSE;
    }

  self->query_started = g_get_monotonic_time ();
  if (n > 0)
    atlas_query_runner_run (self->db_path, self->filter, self->mode, self->threshold,
                            slots, n, self->query_cancellable,
                            slot_ready_cb, g_object_ref (self), g_object_unref);

  for (guint i = 0; i < n_order; i++)
    if (reused[order[i]] != NULL)
      {
        g_autoptr(AtlasSharedResult) result = g_steal_pointer (&reused[order[i]]);

        g_debug ("Query by %s in %s: kept",
                 atlas_group_by_to_string (atlas_slot_get_group_by (order[i])),
                 atlas_currency_mode_to_string (atlas_slot_get_mode (order[i], self->mode)));
        slot_ready_cb (order[i], result, NULL, self);
      }
  /* Nothing urgent to query (all kept). */
  atlas_window_schedule_deferred (self);

  atlas_window_update_basis (self);
  atlas_overview_page_set_catalog (self->overview_page, self->catalog, self->filter);
  atlas_window_update_spinners (self);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
atlas_window_requery (AtlasWindow *self)
{
  atlas_window_requery_full (self, FALSE);
}

static void
filter_changed_cb (AtlasWindow     *self,
                   AtlasFilterPane *pane)
{
  g_clear_pointer (&self->filter, atlas_filter_free);
  self->filter = atlas_filter_pane_get_filter (pane);
  atlas_window_requery (self);
}

static void
page_changed_cb (AtlasWindow  *self,
                 GParamSpec   *pspec,
                 AdwViewStack *stack)
{
  gboolean sources = g_strcmp0 (atlas_window_get_page (self), "sources") == 0;

  /* A page is built when it is first shown. */
  _atlas_window_get_visible_page (self);

  /* The filters do not apply to the list of sources. */
  if (self->filter_pane != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->filter_pane), !sources);
  /* No filters to show before the content (loading, empty, error). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button),
                            !sources && gtk_widget_get_visible (GTK_WIDGET (self->flap)));
  _atlas_window_update_actions (self);
}

/* The bottom switcher is shown only in a narrow window: its buttons (one
 * per page, each built from a template) are made the first time it is. */
static void
title_visible_cb (AtlasWindow          *self,
                  GParamSpec           *pspec,
                  AdwViewSwitcherTitle *title)
{
  if (adw_view_switcher_title_get_title_visible (title) &&
      adw_view_switcher_title_get_stack (title) != NULL &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

/* The content (filter pane, pages) and the view switcher, whose buttons are
 * built from a template each, are shown once there is something to show:
 * the first frame, the loading state, has neither to lay out and paint. */
static void
atlas_window_show_content (AtlasWindow *self)
{
  if (adw_view_switcher_title_get_stack (self->switcher_title) == NULL)
    {
      adw_view_switcher_title_set_stack (self->switcher_title, self->view_stack);
      title_visible_cb (self, NULL, self->switcher_title);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->flap), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button),
                            g_strcmp0 (atlas_window_get_page (self), "sources") != 0);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
}

static AtlasFilter *
atlas_window_default_filter (AtlasWindow *self)
{
  AtlasFilter *filter = atlas_filter_new ();

  g_autofree char *role = g_settings_get_string (self->settings, "default-role");

  filter->regions = g_settings_get_strv (self->settings, "default-regions");
  /* Only a family the data has: otherwise every page would be empty. */
  if (*role != '\0' && self->catalog != NULL &&
      g_strv_contains ((const char * const *) self->catalog->families, role))
    filter->role = g_steal_pointer (&role);

  return filter;
}

void
_atlas_window_reset_filters (AtlasWindow *self)
{
  g_autoptr(AtlasFilter) filter = atlas_window_default_filter (self);

  _atlas_window_ensure_content (self);
  g_clear_pointer (&self->before_drill, atlas_filter_free);
  gtk_revealer_set_reveal_child (self->drill_revealer, FALSE);
  atlas_filter_pane_set_filter (self->filter_pane, filter);
}

void
_atlas_window_clear_drill (AtlasWindow *self)
{
  g_autoptr(AtlasFilter) before = g_steal_pointer (&self->before_drill);

  gtk_revealer_set_reveal_child (self->drill_revealer, FALSE);
  _atlas_window_update_actions (self);
  if (before != NULL)
    {
      _atlas_window_ensure_content (self);
      atlas_filter_pane_set_filter (self->filter_pane, before);
    }
}

static void
mark_activated_cb (AtlasWindow    *self,
                   guint           index,
                   AtlasChartView *view)
{
  AtlasChartLayout *layout = atlas_chart_view_get_layout (view);
  const AtlasChartMark *mark;
  g_autoptr(AtlasFilter) filter = NULL;
  g_autofree char *chip = NULL;
  AtlasGroupBy by;

  if (layout == NULL || index >= atlas_chart_layout_get_n_marks (layout))
    return;

  mark = atlas_chart_layout_get_mark (layout, index);
  by = atlas_chart_kind_group_by (atlas_chart_view_get_kind (view));
  filter = atlas_filter_copy (self->filter);

  if (by == ATLAS_GROUP_COMPANY && mark->key != NULL)
    {
      g_free (filter->company);
      filter->company = g_strdup (mark->key);
      /* Translators: the chip that undoes a click on a company */
      chip = g_strdup_printf (_("Company: %s"), mark->label ? mark->label : mark->key);
    }
  else if (by == ATLAS_GROUP_EXPERIENCE && mark->key != NULL)
    {
      g_strfreev (filter->experience);
      filter->experience = g_new0 (char *, 2);
      filter->experience[0] = g_strdup (mark->key);
      /* Translators: the chip that undoes a click on an experience level */
      chip = g_strdup_printf (_("Level: %s"), mark->label ? mark->label : mark->key);
    }
  else if (by == ATLAS_GROUP_YEAR && mark->key != NULL)
    {
      filter->year_from = filter->year_to = atoi (mark->key);
      chip = g_strdup_printf (_("Year: %s"), mark->key);
    }
  else
    return;

  if (self->before_drill == NULL)
    self->before_drill = atlas_filter_copy (self->filter);

  gtk_label_set_text (self->drill_label, chip);
  {
    /* Translators: the accessible name of the chip; %s is "Company: Google" */
    g_autofree char *name = g_strdup_printf (_("%s: back to the previous filter"), chip);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->drill_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->drill_button), _("Back to the previous filter (Escape)"));
  gtk_revealer_set_reveal_child (self->drill_revealer, TRUE);
  atlas_filter_pane_set_filter (self->filter_pane, filter);
  _atlas_window_update_actions (self);
}

void
_atlas_window_ensure_content (AtlasWindow *self)
{
  AtlasChartView *compare;

  if (self->filter_pane != NULL)
    return;

  self->filter_pane = ATLAS_FILTER_PANE (atlas_filter_pane_new ());
  g_signal_connect_object (self->filter_pane, "changed", G_CALLBACK (filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_pane),
                          g_strcmp0 (atlas_window_get_page (self), "sources") != 0);
  adw_bin_set_child (self->filter_bin, GTK_WIDGET (self->filter_pane));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self->filter_pane));

  self->overview_page = ATLAS_OVERVIEW_PAGE (atlas_overview_page_new ());
  compare = atlas_overview_page_get_compare_view (self->overview_page);
  g_signal_connect_object (compare, "mark-activated", G_CALLBACK (mark_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->overview_bin, GTK_WIDGET (self->overview_page));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self->overview_page));

  atlas_window_update_basis (self);
}

/* Takes @catalog; @error is set when it is NULL. */
static void
atlas_window_apply_catalog (AtlasWindow  *self,
                            AtlasCatalog *catalog,
                            const GError *error)
{
  g_autoptr(AtlasFilter) filter = NULL;

  g_clear_object (&self->catalog_cancellable);
  /* Only now: the catalog seeds an empty database, which must happen
   * before anything else registers a source in it. A sources page not
   * built yet reads the database when it is. */
  self->sources_ready = TRUE;
  if (self->sources_page != NULL)
    atlas_sources_page_reload (self->sources_page, self->db_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (catalog == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      _atlas_window_update_actions (self);
      return;
    }

  g_clear_pointer (&self->catalog, atlas_catalog_free);
  self->catalog = catalog;

  /* The filter of the window is kept across reloads; the first load starts
   * from the defaults. */
  filter = self->filter ? atlas_filter_copy (self->filter) : atlas_window_default_filter (self);

  if (atlas_catalog_is_empty (catalog))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      _atlas_window_update_actions (self);
      return;
    }

  _atlas_window_ensure_content (self);
  g_signal_handlers_block_by_func (self->filter_pane, filter_changed_cb, self);
  atlas_filter_pane_set_catalog (self->filter_pane, catalog);
  atlas_filter_pane_set_filter (self->filter_pane, filter);
  g_signal_handlers_unblock_by_func (self->filter_pane, filter_changed_cb, self);

  atlas_window_show_content (self);
  filter_changed_cb (self, self->filter_pane);
  _atlas_window_update_actions (self);
}

static void
catalog_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AtlasCatalog *catalog;

  catalog = atlas_catalog_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* On a small database the catalog comes before the window has painted
   * anything, and this callback runs before the frame clock's paint: the
   * first frame would wait for the pages to be filled and for the queries
   * they start (0.2 s on the embedded default). Paint the loading state
   * first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->first_frame_painted)
    {
      self->early_catalog = catalog;
      self->early_error = g_steal_pointer (&error);
      return;
    }

  atlas_window_apply_catalog (self, catalog, error);
}

static void
first_frame_after_paint_cb (GdkFrameClock *clock,
                            AtlasWindow   *self)
{
  g_autoptr(GError) error = g_steal_pointer (&self->early_error);
  AtlasCatalog *catalog = g_steal_pointer (&self->early_catalog);

  g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, self);
  self->first_frame_painted = TRUE;

  if (g_strcmp0 (g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"), "any") == 0)
    {
      if (bench_env ("SALARY_ATLAS_TRACE_LATENCY"))
        g_printerr ("first frame painted (%s)\n", gtk_stack_get_visible_child_name (self->main_stack));
      g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      g_clear_pointer (&catalog, atlas_catalog_free);
      return;
    }

  if (catalog != NULL || error != NULL)
    atlas_window_apply_catalog (self, catalog, error);
}

static void
atlas_window_realize (GtkWidget *widget)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  GTK_WIDGET_CLASS (atlas_window_parent_class)->realize (widget);

  if (!self->first_frame_painted)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_frame_after_paint_cb), self, 0);
}

void
_atlas_window_reload (AtlasWindow *self)
{
  /* The data may have changed: no result is kept for the next query. */
  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    self->fresh[i] = FALSE;

  g_clear_pointer (&self->early_catalog, atlas_catalog_free);
  g_clear_error (&self->early_error);
  if (self->catalog_cancellable != NULL)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->catalog_cancellable);
  self->catalog_cancellable = g_cancellable_new ();

  if (self->catalog == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  /* The first load opens the database: it seeds it if it is new and
   * registers the built-in feeds (a removed one comes back only then). */
  atlas_catalog_load_async (self->db_path, self->catalog == NULL, self->catalog_cancellable,
                            catalog_loaded_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_atlas_window_reload_all (AtlasWindow *self)
{
  _atlas_window_reload (self);
}

static void
sources_loading_cb (AtlasWindow      *self,
                    GParamSpec       *pspec,
                    AtlasSourcesPage *page)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
threshold_changed_cb (AtlasWindow *self,
                      const char  *key,
                      GSettings   *settings)
{
  guint threshold = g_settings_get_uint (settings, "small-sample-threshold");

  if (threshold == self->threshold)
    return;

  self->threshold = threshold;
  atlas_window_requery (self);
}

static void
atlas_window_set_currency_mode_string (AtlasWindow *self,
                                       const char  *str)
{
  AtlasCurrencyMode mode;

  if (str == NULL || !atlas_currency_mode_from_string (str, &mode) || mode == self->mode)
    return;

  self->mode = mode;
  atlas_window_requery_full (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY_MODE]);
}

AtlasChartPage *
_atlas_window_ensure_chart_page (AtlasWindow    *self,
                                 AtlasChartKind  kind)
{
  AtlasChartPage *page;
  AtlasChartView *view;
  g_autofree char *basis = NULL;
  g_autofree char *subtitle = NULL;
  AtlasSlot slots[ATLAS_N_SLOTS];
  guint n;
  gboolean loading = FALSE;

  g_assert (kind < ATLAS_CHART_N_KINDS);

  if (self->chart_pages[kind] != NULL || self->chart_bins[kind] == NULL)
    return self->chart_pages[kind];

  page = ATLAS_CHART_PAGE (atlas_chart_page_new (kind));
  self->chart_pages[kind] = page;
  view = atlas_chart_page_get_chart_view (page);
  g_signal_connect_object (view, "mark-activated", G_CALLBACK (mark_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->chart_bins[kind], GTK_WIDGET (page));

  /* What the page would have been given had it been there all along. */
  basis = atlas_window_describe_basis (self);
  subtitle = self->filter ? atlas_filter_describe (self->filter) : NULL;
  atlas_chart_view_set_currency_basis (view, basis);
  atlas_chart_view_set_subtitle (view, subtitle);
  if (kind == ATLAS_CHART_COMPARE)
    atlas_chart_view_set_ratios (view, median_ratio (self->results[ATLAS_SLOT_REGION_USD]),
                                 median_ratio (self->results[ATLAS_SLOT_REGION_PPP]));

  n = slots_for_page (atlas_chart_kind_to_string (kind), slots);
  for (guint i = 0; i < n; i++)
    loading |= self->pending[slots[i]];
  /* The compare page lists the ratio slots too; its chart is the
   * experience result (see atlas_window_apply_slot). */
  switch (kind)
    {
    case ATLAS_CHART_COMPARE:
    case ATLAS_CHART_EXPERIENCE:
      atlas_chart_page_set_result (page, self->results[ATLAS_SLOT_EXPERIENCE]);
      break;
    case ATLAS_CHART_COMPANIES:
      atlas_chart_page_set_result (page, self->results[ATLAS_SLOT_COMPANY]);
      break;
    case ATLAS_CHART_DISTRIBUTION:
      atlas_chart_page_set_result (page, self->results[ATLAS_SLOT_REGION]);
      break;
    case ATLAS_CHART_TREND:
      atlas_chart_page_set_result (page, self->results[ATLAS_SLOT_YEAR]);
      break;
    default:
      g_assert_not_reached ();
    }
  atlas_chart_page_set_loading (page, loading);
  atlas_accessible_fix_mnemonics (GTK_WIDGET (page));

  return page;
}

AtlasSourcesPage *
_atlas_window_ensure_sources_page (AtlasWindow *self)
{
  if (self->sources_page != NULL || self->sources_bin == NULL)
    return self->sources_page;

  self->sources_page = ATLAS_SOURCES_PAGE (atlas_sources_page_new ());
  g_signal_connect_object (self->sources_page, "notify::loading",
                           G_CALLBACK (sources_loading_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->sources_bin, GTK_WIDGET (self->sources_page));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self->sources_page));

  if (self->refresh_queue != NULL && self->refresh_index < g_strv_length (self->refresh_queue))
    atlas_sources_page_set_refreshing (self->sources_page,
                                       self->refresh_queue[self->refresh_index]);
  if (self->sources_ready)
    atlas_sources_page_reload (self->sources_page, self->db_path);

  return self->sources_page;
}

static gboolean
atlas_window_close_request (GtkWindow *window)
{
  AtlasWindow *self = ATLAS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  if (self->query_cancellable != NULL)
    g_cancellable_cancel (self->query_cancellable);

  return GTK_WINDOW_CLASS (atlas_window_parent_class)->close_request (window);
}

static void
atlas_window_constructed (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  G_OBJECT_CLASS (atlas_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_assert (self->db_path != NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->threshold = g_settings_get_uint (self->settings, "small-sample-threshold");
  g_settings_bind (self->settings, "currency-mode", self, "currency-mode", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "filter-pane-revealed", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::small-sample-threshold",
                           G_CALLBACK (threshold_changed_cb), self, G_CONNECT_SWAPPED);

  {
    g_autofree char *last_view = g_settings_get_string (self->settings, "last-view");

    atlas_window_set_page (self, last_view);
    g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                     G_SETTINGS_BIND_SET);
  }

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  if (bench_env ("SALARY_ATLAS_TRACE_LATENCY"))
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("bench-filter", G_VARIANT_TYPE_STRING);

      g_signal_connect_object (action, "activate", G_CALLBACK (bench_filter_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  _atlas_window_refresh_init (self);
  _atlas_window_update_actions (self);
  _atlas_window_reload (self);
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  if (self->query_cancellable != NULL)
    g_cancellable_cancel (self->query_cancellable);
  if (self->catalog_cancellable != NULL)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->catalog_cancellable);
  g_clear_pointer (&self->early_catalog, atlas_catalog_free);
  g_clear_error (&self->early_error);
  g_clear_pointer (&self->help_overlay, gtk_window_destroy);
  _atlas_window_refresh_dispose (self);

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    g_clear_pointer (&self->results[i], atlas_shared_result_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);

  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_finalize (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->catalog, atlas_catalog_free);
  g_clear_pointer (&self->filter, atlas_filter_free);
  g_clear_pointer (&self->before_drill, atlas_filter_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (atlas_window_parent_class)->finalize (object);
}

static void
atlas_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_CURRENCY_MODE:
      g_value_set_string (value, atlas_currency_mode_to_string (self->mode));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, atlas_window_get_busy (self));
      break;

    case PROP_REFRESHING:
      g_value_set_boolean (value, atlas_window_get_refreshing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    case PROP_CURRENCY_MODE:
      atlas_window_set_currency_mode_string (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = atlas_window_constructed;
  object_class->dispose = atlas_window_dispose;
  object_class->finalize = atlas_window_finalize;
  object_class->get_property = atlas_window_get_property;
  object_class->set_property = atlas_window_set_property;

  widget_class->realize = atlas_window_realize;

  window_class->close_request = atlas_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY_MODE] =
    g_param_spec_string ("currency-mode", NULL, NULL, "usd",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, filter_bin);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, drill_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, drill_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, drill_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, overview_bin);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);

  _atlas_window_class_actions_init (widget_class);
}

static void
atlas_window_init (AtlasWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));

  self->mode = ATLAS_CURRENCY_MODE_USD;
  self->threshold = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;

  /* Only the overview is built with the window; the other pages get an
   * empty placeholder with their title and icon, so that the switcher shows
   * them all, and are built when first shown (page_changed_cb). */
  for (guint i = 0; i < G_N_ELEMENTS (chart_pages); i++)
    {
      GtkWidget *bin = adw_bin_new ();
      AdwViewStackPage *stack_page;

      self->chart_bins[chart_pages[i].kind] = ADW_BIN (bin);
      stack_page = adw_view_stack_add_titled (self->view_stack, bin,
                                              atlas_chart_kind_to_string (chart_pages[i].kind),
                                              _(chart_pages[i].title));
      adw_view_stack_page_set_icon_name (stack_page, chart_pages[i].icon_name);
    }

  {
    AdwViewStackPage *stack_page;

    self->sources_bin = ADW_BIN (adw_bin_new ());
    stack_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->sources_bin),
                                            "sources", _("Sources"));
    adw_view_stack_page_set_icon_name (stack_page, "network-server-symbolic");
  }
}

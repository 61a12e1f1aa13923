/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window.c: the main window: it builds the pages and connects them,
 * the filter pane and the drill chip to its AtlasSession, which holds the
 * filter and the results. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-feed.h"
#include "atlas-mark-menu.h"
#include "atlas-page-menu.h"
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
  /* Translators: the page setting one employer's US and Indian pay side by side */
  { ATLAS_CHART_COMPANY_REGIONS, N_("US vs India"), "atlas-compare-symbolic" },
  { ATLAS_CHART_EXPERIENCE, N_("Experience"), "atlas-experience-symbolic" },
  /* Translators: the career curve, pay by years of experience */
  { ATLAS_CHART_CAREER, N_("Career"), "atlas-trend-symbolic" },
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

  return atlas_session_get_busy (self->session);
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

static GtkWidget *
atlas_window_ensure_records_page (AtlasWindow *self)
{
  if (self->records_page != NULL || self->records_bin == NULL)
    return self->records_page;

  self->records_page = atlas_records_page_new (self->session);
  adw_bin_set_child (self->records_bin, self->records_page);
  atlas_accessible_fix_mnemonics (self->records_page);
  return self->records_page;
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
  if (g_strcmp0 (name, "records") == 0)
    return atlas_window_ensure_records_page (self);
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

static void
page_changed_cb (AtlasWindow  *self,
                 GParamSpec   *pspec,
                 AdwViewStack *stack)
{
  gboolean sources = g_strcmp0 (atlas_window_get_page (self), "sources") == 0;

  atlas_session_set_page (self->session, atlas_window_get_page (self));
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

static gboolean
update_export_button_cb (gpointer data)
{
  AtlasWindow *self = data;

  /* Not after the window's dispose. */
  if (self->export_button != NULL && self->flap != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->export_button), !adw_flap_get_folded (self->flap));
  return G_SOURCE_REMOVE;
}

/* Narrow (the flap folded over the pages), the export button leaves its
 * room to the page menu; the main menu has Export Chart… too. Changed after
 * the layout that folded the flap, which comes after the header's: a change
 * to the header then would be painted before it is laid out. */
static void
flap_folded_cb (AtlasWindow *self,
                GParamSpec  *pspec,
                AdwFlap     *flap)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_export_button_cb, g_object_ref (self),
                   g_object_unref);
}

/* The content (filter pane, pages) and the view switcher, whose buttons are
 * built from a template each, are shown once there is something to show:
 * the first frame, the loading state, has neither to lay out and paint. */
static void
atlas_window_show_content (AtlasWindow *self)
{
  if (adw_view_switcher_title_get_stack (self->switcher_title) == NULL)
    {
      GtkWidget *page_menu;

      adw_view_switcher_title_set_stack (self->switcher_title, self->view_stack);
      /* Where the switcher does not fit, the page menu takes its place and
       * the title's: the page's name says more than the app's. */
      adw_view_switcher_title_set_title (self->switcher_title, "");
      page_menu = atlas_page_menu_new (self->switcher_title);
      gtk_overlay_add_overlay (self->title_overlay, page_menu);
      gtk_overlay_set_measure_overlay (self->title_overlay, page_menu, TRUE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->flap), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button),
                            g_strcmp0 (atlas_window_get_page (self), "sources") != 0);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
}

/* The error page's icon is set only when the page is shown: the main stack
 * measures all its pages, and an icon named in the template is looked up and
 * rendered (librsvg, at 128 px) in the first frames of every start. */
static void
show_error (AtlasWindow  *self,
            const GError *error)
{
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static AtlasFilter *
atlas_window_default_filter (AtlasWindow *self)
{
  AtlasFilter *filter = atlas_filter_new ();
  AtlasCatalog *catalog = atlas_session_get_catalog (self->session);
  g_autofree char *role = g_settings_get_string (self->settings, "default-role");

  filter->regions = g_settings_get_strv (self->settings, "default-regions");
  /* Only a family the data has: otherwise every page would be empty. */
  if (*role != '\0' && catalog != NULL &&
      g_strv_contains ((const char * const *) catalog->families, role))
    filter->role = g_steal_pointer (&role);

  return filter;
}

void
_atlas_window_reset_filters (AtlasWindow *self)
{
  g_autoptr(AtlasFilter) filter = atlas_window_default_filter (self);

  atlas_session_forget_drill (self->session);
  atlas_session_set_filter (self->session, filter);
}

void
_atlas_window_clear_drill (AtlasWindow *self)
{
  atlas_session_undo_drill (self->session);
}

/* A click on a mark offers its records and narrowing the session's
 * filter to it (atlas-mark-menu.c); the pane follows. */
static void
mark_activated_cb (AtlasWindow    *self,
                   guint           index,
                   AtlasChartView *view)
{
  atlas_mark_menu_popup (view, self->session, index);
}

/* The chip that undoes a drill shows while the session is drilled. */
static void
session_drill_cb (AtlasWindow *self)
{
  const char *chip = atlas_session_get_drill_label (self->session);

  if (chip != NULL)
    {
      /* Translators: the accessible name of the chip; %s is "Company: Google" */
      g_autofree char *name = g_strdup_printf (_("%s: back to the previous filter"), chip);

      gtk_label_set_text (self->drill_label, chip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->drill_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->drill_button),
                                   _("Back to the previous filter (Escape)"));
    }
  gtk_revealer_set_reveal_child (self->drill_revealer, chip != NULL);
  _atlas_window_update_actions (self);
}

void
_atlas_window_ensure_content (AtlasWindow *self)
{
  AtlasChartView *compare;

  if (self->filter_pane != NULL)
    return;

  self->filter_pane = ATLAS_FILTER_PANE (atlas_filter_pane_new ());
  atlas_filter_pane_set_session (self->filter_pane, self->session);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_pane),
                          g_strcmp0 (atlas_window_get_page (self), "sources") != 0);
  adw_bin_set_child (self->filter_bin, GTK_WIDGET (self->filter_pane));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self->filter_pane));

  self->overview_page = ATLAS_OVERVIEW_PAGE (atlas_overview_page_new ());
  atlas_overview_page_set_session (self->overview_page, self->session);
  compare = atlas_overview_page_get_compare_view (self->overview_page);
  g_signal_connect_object (compare, "mark-activated", G_CALLBACK (mark_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->overview_bin, GTK_WIDGET (self->overview_page));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self->overview_page));
}

/* Takes @catalog; @error is set when it is NULL. */
static void
atlas_window_apply_catalog (AtlasWindow  *self,
                            AtlasCatalog *catalog,
                            const GError *error)
{
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
      show_error (self, error);
      _atlas_window_update_actions (self);
      return;
    }

  /* The filter is kept across reloads; the first load starts from the
   * defaults, which need the catalog. */
  if (atlas_catalog_is_empty (catalog))
    {
      atlas_session_set_catalog (self->session, catalog);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      _atlas_window_update_actions (self);
      return;
    }

  _atlas_window_ensure_content (self);
  atlas_session_set_catalog (self->session, catalog);
  if (atlas_session_get_filter (self->session) == NULL)
    {
      g_autoptr(AtlasFilter) filter = atlas_window_default_filter (self);

      atlas_session_set_filter (self->session, filter);
    }

  atlas_window_show_content (self);
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

  if (_atlas_window_bench_first_frame (self))
    {
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
  atlas_session_invalidate (self->session);

  g_clear_pointer (&self->early_catalog, atlas_catalog_free);
  g_clear_error (&self->early_error);
  if (self->catalog_cancellable != NULL)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->catalog_cancellable);
  self->catalog_cancellable = g_cancellable_new ();

  if (atlas_session_get_catalog (self->session) == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  /* The first load opens the database: it seeds it if it is new and
   * registers the built-in feeds (a removed one comes back only then). */
  atlas_catalog_load_async (self->db_path, atlas_session_get_catalog (self->session) == NULL,
                            self->catalog_cancellable,
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
  atlas_session_set_small_sample_threshold (self->session,
                                            g_settings_get_uint (settings, "small-sample-threshold"));
}

static void
atlas_window_set_currency_mode_string (AtlasWindow *self,
                                       const char  *str)
{
  AtlasCurrencyMode mode;

  if (str != NULL && atlas_currency_mode_from_string (str, &mode))
    atlas_session_set_currency_mode (self->session, mode);
}

AtlasChartPage *
_atlas_window_ensure_chart_page (AtlasWindow    *self,
                                 AtlasChartKind  kind)
{
  AtlasChartPage *page;

  g_assert (kind < ATLAS_CHART_N_KINDS);

  if (self->chart_pages[kind] != NULL || self->chart_bins[kind] == NULL)
    return self->chart_pages[kind];

  page = ATLAS_CHART_PAGE (atlas_chart_page_new (kind));
  self->chart_pages[kind] = page;
  /* What the session has now, and from here on what it gets. */
  atlas_chart_page_set_session (page, self->session);
  g_signal_connect_object (atlas_chart_page_get_chart_view (page), "mark-activated",
                           G_CALLBACK (mark_activated_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->chart_bins[kind], GTK_WIDGET (page));
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

  atlas_session_cancel (self->session);

  return GTK_WINDOW_CLASS (atlas_window_parent_class)->close_request (window);
}

static void
session_busy_cb (AtlasWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  _atlas_window_update_actions (self);
}

static void
session_mode_cb (AtlasWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY_MODE]);
}

static void
session_failed_cb (AtlasWindow  *self,
                   const GError *error)
{
  show_error (self, error);
}

static void
deferred_after_paint_cb (GdkFrameClock *clock,
                         AtlasWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, deferred_after_paint_cb, self);
  atlas_session_run_deferred (self->session);
}

/* The other pages' queries start after the frame that shows the visible
 * page's results (right away if the window is not shown). */
static void
session_defer_cb (AtlasSession *session,
                  gpointer      user_data)
{
  AtlasWindow *self = user_data;
  GdkFrameClock *clock = NULL;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      atlas_session_run_deferred (session);
      return;
    }

  g_signal_handlers_disconnect_by_func (clock, deferred_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (deferred_after_paint_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
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

  self->session = atlas_session_new (self->db_path);
  atlas_session_set_small_sample_threshold (self->session,
                                            g_settings_get_uint (self->settings, "small-sample-threshold"));
  atlas_session_set_page (self->session, atlas_window_get_page (self));
  atlas_session_set_defer_func (self->session, session_defer_cb, self);
  g_signal_connect_object (self->session, "notify::busy", G_CALLBACK (session_busy_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::currency-mode", G_CALLBACK (session_mode_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::drill-label", G_CALLBACK (session_drill_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "failed", G_CALLBACK (session_failed_cb),
                           self, G_CONNECT_SWAPPED);
  _atlas_window_bench_init (self);

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

  _atlas_window_refresh_init (self);
  _atlas_window_import_init (self);
  _atlas_window_update_actions (self);
  _atlas_window_reload (self);
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  if (self->session != NULL)
    atlas_session_cancel (self->session);
  if (self->catalog_cancellable != NULL)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->catalog_cancellable);
  g_clear_pointer (&self->early_catalog, atlas_catalog_free);
  g_clear_error (&self->early_error);
  g_clear_pointer (&self->help_overlay, gtk_window_destroy);
  _atlas_window_refresh_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);

  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_finalize (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->session);
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
      g_value_set_string (value, atlas_currency_mode_to_string (atlas_session_get_currency_mode (self->session)));
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
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, title_overlay);
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
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, refresh_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);

  _atlas_window_class_actions_init (widget_class);
  _atlas_window_class_import_init (widget_class);
}

static void
atlas_window_init (AtlasWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));

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

    self->records_bin = ADW_BIN (adw_bin_new ());
    stack_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->records_bin),
                                            "records", _("Records"));
    adw_view_stack_page_set_icon_name (stack_page, "view-list-symbolic");
  }

  {
    AdwViewStackPage *stack_page;

    self->sources_bin = ADW_BIN (adw_bin_new ());
    stack_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->sources_bin),
                                            "sources", _("Sources"));
    adw_view_stack_page_set_icon_name (stack_page, "network-server-symbolic");
  }
}

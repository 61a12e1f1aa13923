/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-actions.c: the window's actions and their enabled state. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-export-dialog.h"
#include "atlas-seed.h"
#include "atlas-window-private.h"

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  atlas_window_set_page (self, g_variant_get_string (param, NULL));
}

static void
exported_cb (AtlasWindow       *self,
             GFile             *file,
             AtlasExportDialog *dialog)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: a toast after an export */
  g_autofree char *message = g_strdup_printf (_("Chart exported to “%s”"), name);

  _atlas_window_toast (self, message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasChartView *view = _atlas_window_get_current_chart (self);
  AtlasExportDialog *dialog;

  if (view == NULL || atlas_chart_view_get_result (view) == NULL)
    return;

  dialog = atlas_export_dialog_new (GTK_WINDOW (self), self->settings, view);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasChartView *view = _atlas_window_get_current_chart (self);
  g_autoptr(GError) error = NULL;

  if (view == NULL)
    return;

  if (atlas_export_copy_chart (view, self->settings, gtk_widget_get_clipboard (widget), &error))
    _atlas_window_toast (self, _("Chart copied"));
  else
    _atlas_window_toast (self, error->message);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _atlas_window_reload (ATLAS_WINDOW (widget));
}

static void
toggle_filters_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  atlas_filter_pane_focus_search (self->filter_pane);
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _atlas_window_reset_filters (ATLAS_WINDOW (widget));
}

static void
clear_drill_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _atlas_window_clear_drill (ATLAS_WINDOW (widget));
}

static void
toggle_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  if (ATLAS_IS_CHART_PAGE (child))
    atlas_chart_page_set_show_table (ATLAS_CHART_PAGE (child),
                                     !atlas_chart_page_get_show_table (ATLAS_CHART_PAGE (child)));
}

static void
load_default_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(AtlasStore) store = NULL;
  GError *error = NULL;

  store = atlas_store_open (task_data, &error);
  if (store == NULL || !atlas_seed_load_default (store, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_default_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _atlas_window_toast (self, error->message);
      return;
    }

  _atlas_window_reload (self);
}

static void
load_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (self, NULL, load_default_done_cb, NULL);

  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, load_default_thread);
}

void
_atlas_window_update_actions (AtlasWindow *self)
{
  gboolean content = g_strcmp0 (atlas_window_get_state (self), "content") == 0;
  AtlasChartView *view = content ? _atlas_window_get_current_chart (self) : NULL;
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  gboolean has_chart = view != NULL && atlas_chart_view_get_result (view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-table",
                                 content && ATLAS_IS_CHART_PAGE (child));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-drill",
                                 self->before_drill != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-filters", content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-search", content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-filters", content);
}

void
_atlas_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_property_action (widget_class, "win.currency-mode", "currency-mode");
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL, toggle_filters_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-drill", NULL, clear_drill_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-table", NULL, toggle_table_action);
  gtk_widget_class_install_action (widget_class, "win.load-default", NULL, load_default_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-drill", NULL);
}

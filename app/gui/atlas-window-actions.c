/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-actions.c: the window's actions and their enabled state. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-export-dialog.h"
#include "atlas-feed.h"
#include "atlas-money.h"
#include "atlas-seed.h"
#include "atlas-source-dialog.h"
#include "atlas-sources.h"
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
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _atlas_window_reload_all (ATLAS_WINDOW (widget));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _atlas_window_refresh_sources (ATLAS_WINDOW (widget), NULL, FALSE);
}

static void
refresh_source_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  const char *names[] = { g_variant_get_string (param, NULL), NULL };

  _atlas_window_refresh_sources (ATLAS_WINDOW (widget), names, FALSE);
}

static void
cancel_refresh_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _atlas_window_cancel_refresh (ATLAS_WINDOW (widget));
}

static void
source_saved_toast (AtlasWindow *self,
                    const char  *name)
{
  /* Translators: a toast after a feed was edited */
  g_autofree char *message = g_strdup_printf (_("“%s” saved: refresh it to download its data"),
                                              name);

  if (self->sources_page != NULL)
    atlas_sources_page_reload (self->sources_page, self->db_path);
  _atlas_window_toast_with_action (self, message, _("_Refresh"), "win.refresh-source",
                                   g_variant_new_string (name));
}

/* A feed added while a refresh runs waits for the next one. */
typedef struct
{
  AtlasWindow *self;
  char        *name;
} SourceAdd;

static void
source_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SourceAdd *add = user_data;
  g_autoptr(GError) error = NULL;

  if (!atlas_feed_add_source_finish (result, &error))
    _atlas_window_toast (add->self, error->message);
  else
    source_saved_toast (add->self, add->name);

  g_object_unref (add->self);
  g_free (add->name);
  g_free (add);
}

static void
source_saved_cb (AtlasWindow       *self,
                 const char        *name,
                 gboolean           added,
                 AtlasSourceDialog *dialog)
{
  const AtlasFeedSpec *spec = atlas_source_dialog_get_new_feed (dialog);

  if (!added)
    source_saved_toast (self, name);
  else if (!atlas_window_get_refreshing (self))
    /* A new feed is fetched at once, as "salary-atlas refresh --url" does,
     * and kept only when that works. */
    _atlas_window_add_and_refresh (self, spec);
  else
    {
      SourceAdd *add = g_new0 (SourceAdd, 1);

      add->self = g_object_ref (self);
      add->name = g_strdup (spec->name);
      atlas_feed_add_source_async (self->db_path, spec->name, spec->url, spec->format,
                                   spec->mapping, spec->mapping_file, spec->licence,
                                   spec->attribution, ATLAS_FEED_ADD_NEW, NULL,
                                   source_added_cb, add);
    }
}

static void
atlas_window_present_source_dialog (AtlasWindow           *self,
                                    const AtlasSourceInfo *existing)
{
  AtlasSourceDialog *dialog = atlas_source_dialog_new (GTK_WINDOW (self), self->db_path, existing);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (source_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  atlas_window_present_source_dialog (ATLAS_WINDOW (widget), NULL);
}

static void
edit_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  const AtlasSourceInfo *info = atlas_sources_page_lookup (_atlas_window_ensure_sources_page (self),
                                                           g_variant_get_string (param, NULL));

  if (info == NULL || !atlas_source_info_is_refreshable (info))
    return;

  atlas_window_present_source_dialog (self, info);
}

/* The window and the name of the source it removes. */
typedef struct
{
  AtlasWindow *window;
  char        *name;
} RemoveCall;

static void
remove_call_free (RemoveCall *call)
{
  g_object_unref (call->window);
  g_free (call->name);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoveCall, remove_call_free)

static void
remove_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RemoveCall) call = user_data;
  AtlasWindow *self = call->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!atlas_sources_remove_finish (result, &error))
    {
      _atlas_window_toast (self, error->message);
      return;
    }

  /* Translators: a toast after a source was removed */
  message = g_strdup_printf (_("“%s” removed with its records"), call->name);
  _atlas_window_toast (self, message);
  _atlas_window_reload_all (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *name = g_object_get_data (G_OBJECT (dialog), "atlas-source");
  RemoveCall *call;

  if (g_strcmp0 (response, "remove") != 0 || self == NULL || name == NULL)
    return;

  call = g_new0 (RemoveCall, 1);
  call->window = g_object_ref (self);
  call->name = g_strdup (name);
  atlas_sources_remove_async (self->db_path, name, NULL, remove_done_cb, call);
}

static void
remove_source_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);
  const AtlasSourceInfo *info = atlas_sources_page_lookup (_atlas_window_ensure_sources_page (self),
                                                           name);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *deleted = NULL;
  GtkWidget *dialog;

  if (info == NULL || g_strcmp0 (info->kind, "embedded") == 0)
    return;

  counts = atlas_source_info_describe_counts (info);
  /* Translators: the heading of the confirmation before a source is removed */
  heading = g_strdup_printf (_("Remove “%s”?"), name);
  if (info->records > 0 || info->figures > 0)
    /* Translators: %s is "74,301 records" or "2 records, 2 figures" */
    deleted = g_strdup_printf (_("Its %s and the history of its refreshes are deleted from "
                                 "this database."), counts);
  else
    deleted = g_strdup (_("It holds no data; the history of its refreshes is deleted from "
                          "this database."));
  if (g_strcmp0 (name, ATLAS_FEED_AIJOBS_NAME) == 0)
    body = g_strdup_printf ("%s %s", deleted,
                            _("The built-in feed is listed again, without records, the next "
                              "time Salary Atlas opens this database."));
  else
    body = g_steal_pointer (&deleted);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "atlas-source", g_strdup (name), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), NULL);
  atlas_accessible_fix_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
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
  _atlas_window_ensure_content (self);
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

/* GtkApplication would build the shortcuts window with every main window
 * if it were at gtk/help-overlay.ui in the resources: about 9 ms of the
 * start-up for a window that is seldom opened. It is built here instead,
 * the first time it is asked for (Ctrl+? or the primary menu). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/salaryatlas/SalaryAtlas/atlas-help-overlay.ui");

      self->help_overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_assert (self->help_overlay != NULL);
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      atlas_accessible_fix_mnemonics (GTK_WIDGET (self->help_overlay));
    }

  gtk_window_present (self->help_overlay);
}

static void
toggle_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GtkWidget *child = _atlas_window_get_visible_page (self);

  if (ATLAS_IS_CHART_PAGE (child))
    atlas_chart_page_set_show_table (ATLAS_CHART_PAGE (child),
                                     !atlas_chart_page_get_show_table (ATLAS_CHART_PAGE (child)));
}

static void
load_default_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!atlas_seed_load_default_finish (result, &error))
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

  atlas_seed_load_default_async (self->db_path, NULL, load_default_done_cb, g_object_ref (self));
}

void
_atlas_window_update_actions (AtlasWindow *self)
{
  gboolean content = g_strcmp0 (atlas_window_get_state (self), "content") == 0;
  AtlasChartView *view = content ? _atlas_window_get_current_chart (self) : NULL;
  /* Pages are built when shown: none for the loading state. */
  GtkWidget *child = content ? _atlas_window_get_visible_page (self) : NULL;
  gboolean has_chart = view != NULL && atlas_chart_view_get_result (view) != NULL;
  gboolean refreshing = atlas_window_get_refreshing (self);
  gboolean on_data = content && !ATLAS_IS_SOURCES_PAGE (child);
  gboolean usable = g_strcmp0 (atlas_window_get_state (self), "error") != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-table",
                                 content && ATLAS_IS_CHART_PAGE (child));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-drill",
                                 atlas_session_get_drill_label (self->session) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-filters", on_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-search", on_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-filters", on_data);

  /* Feeds are changed one thing at a time: a refresh holds a write
   * transaction on its source until it is done. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", usable && !refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh-source", usable && !refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-refresh", refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-source", usable && !refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-source", usable && !refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-source", usable && !refreshing);
  _atlas_window_import_update_actions (self);
}

void
_atlas_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_property_action (widget_class, "win.currency-mode", "currency-mode");
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-source", "s", refresh_source_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-refresh", NULL, cancel_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.add-source", NULL, add_source_action);
  gtk_widget_class_install_action (widget_class, "win.edit-source", "s", edit_source_action);
  gtk_widget_class_install_action (widget_class, "win.remove-source", "s", remove_source_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL, toggle_filters_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "win.clear-drill", NULL, clear_drill_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-table", NULL, toggle_table_action);
  gtk_widget_class_install_action (widget_class, "win.load-default", NULL, load_default_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-drill", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-export-dialog.c: the export options and the save dialog. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-export-dialog.h"
#include "atlas-file-chooser.h"

struct _AtlasExportDialog
{
  AdwWindow          parent_instance;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkButton         *export_button;
  AdwComboRow       *format_row;
  GtkAdjustment     *width_adjustment;
  GtkAdjustment     *height_adjustment;
  GtkAdjustment     *scale_adjustment;
  AdwActionRow      *scale_row;
  GtkSwitch         *dark_switch;

  GSettings         *settings;
  AtlasChartView    *view;     /* weak: the spec is copied at export time */
  AtlasChartSpec    *spec;     /* light theme; the theme is set per export */
  AtlasSharedResult *result;
};

G_DEFINE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const extensions[] = { "png", "svg", "pdf" };

static gboolean
format_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_strcmp0 (nick, extensions[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
format_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (extensions[MIN (i, G_N_ELEMENTS (extensions) - 1)]);
}

static void
format_changed_cb (AtlasExportDialog *self)
{
  gboolean png = adw_combo_row_get_selected (self->format_row) == ATLAS_CHART_FORMAT_PNG;

  /* Vector formats have no pixels to multiply. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), png);
}

gboolean
atlas_export_dialog_export_to (AtlasExportDialog  *self,
                               GFile              *file,
                               GError            **error)
{
  g_autoptr(AtlasChartSpec) spec = NULL;
  g_autofree char *path = NULL;
  AtlasChartFormat format;

  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot export to “%s”: choose a local folder"), uri);
      return FALSE;
    }

  if (!atlas_chart_format_from_path (path, &format))
    {
      char *with_extension;

      format = adw_combo_row_get_selected (self->format_row);
      with_extension = g_strconcat (path, ".", extensions[format], NULL);
      g_free (path);
      path = with_extension;
    }

  spec = atlas_chart_spec_copy (self->spec);
  atlas_chart_spec_set_theme (spec, gtk_switch_get_active (self->dark_switch)
                                      ? ATLAS_CHART_THEME_DARK : ATLAS_CHART_THEME_LIGHT);

  if (!atlas_chart_export_to_file (spec, atlas_shared_result_get (self->result), path, format,
                                   (int) gtk_adjustment_get_value (self->width_adjustment),
                                   (int) gtk_adjustment_get_value (self->height_adjustment),
                                   gtk_adjustment_get_value (self->scale_adjustment),
                                   error))
    return FALSE;

  {
    g_autoptr(GFile) written = g_file_new_for_path (path);

    g_signal_emit (self, signals[EXPORTED], 0, written);
  }

  return TRUE;
}

static void
atlas_export_dialog_save (AtlasExportDialog *self,
                          GFile             *file)
{
  g_autoptr(GError) error = NULL;

  if (!atlas_export_dialog_export_to (self, file, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static char *
atlas_export_dialog_suggest_name (AtlasExportDialog *self)
{
  guint format = adw_combo_row_get_selected (self->format_row);

  return g_strdup_printf ("salary-atlas-%s.%s",
                          atlas_chart_kind_to_string (self->spec->kind),
                          extensions[MIN (format, G_N_ELEMENTS (extensions) - 1)]);
}

static void
file_chosen_cb (GtkWindow *window,
                GFile     *file)
{
  atlas_export_dialog_save (ATLAS_EXPORT_DIALOG (window), file);
}

static void
export_clicked_cb (AtlasExportDialog *self)
{
  g_autofree char *name = atlas_export_dialog_suggest_name (self);

  atlas_file_chooser_run (GTK_WINDOW (self), _("Export Chart"), _("_Export"), name, file_chosen_cb);
}

static cairo_status_t
png_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static GdkTexture *
render_texture (const AtlasChartSpec    *spec,
                const AtlasQueryResult  *result,
                int                      width,
                int                      height,
                double                   scale,
                GError                 **error)
{
  g_autoptr(AtlasChartLayout) layout = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GByteArray *png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  layout = atlas_chart_render (spec, result, cr, width, height);
  cairo_destroy (cr);

  status = cairo_surface_write_to_png_stream (surface, png_write_cb, png);
  cairo_surface_destroy (surface);
  bytes = g_byte_array_free_to_bytes (png);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_RENDER,
                   _("Cannot draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return gdk_texture_new_from_bytes (bytes, error);
}

gboolean
atlas_export_copy_chart (AtlasChartView  *view,
                         GSettings       *settings,
                         GdkClipboard    *clipboard,
                         GError         **error)
{
  g_autoptr(AtlasChartSpec) spec = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  AtlasSharedResult *result;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (view), FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);

  result = atlas_chart_view_get_result (view);
  if (result == NULL)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   _("There is no chart to copy yet"));
      return FALSE;
    }

  spec = atlas_chart_view_dup_spec (view, g_settings_get_boolean (settings, "export-dark")
                                            ? ATLAS_CHART_THEME_DARK : ATLAS_CHART_THEME_LIGHT);
  texture = render_texture (spec, atlas_shared_result_get (result),
                            g_settings_get_uint (settings, "export-width"),
                            g_settings_get_uint (settings, "export-height"),
                            g_settings_get_uint (settings, "export-scale"),
                            error);
  if (texture == NULL)
    return FALSE;

  gdk_clipboard_set_texture (clipboard, texture);

  return TRUE;
}

static void
copy_clicked_cb (AtlasExportDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_settings_apply (self->settings);
  if (atlas_export_copy_chart (self->view, self->settings,
                               gtk_widget_get_clipboard (GTK_WIDGET (self)), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Chart copied")));
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

AtlasExportDialog *
atlas_export_dialog_new (GtkWindow      *parent,
                         GSettings      *settings,
                         AtlasChartView *view)
{
  AtlasExportDialog *self;
  AtlasChartLayout *layout;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (view), NULL);
  g_return_val_if_fail (atlas_chart_view_get_result (view) != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);

  self->settings = g_object_ref (settings);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->spec = atlas_chart_view_dup_spec (view, ATLAS_CHART_THEME_LIGHT);
  self->result = atlas_shared_result_ref (atlas_chart_view_get_result (view));

  layout = atlas_chart_view_get_layout (view);
  adw_window_title_set_subtitle (self->window_title,
                                 layout ? atlas_chart_layout_get_title (layout)
                                        : atlas_chart_kind_get_title (self->spec->kind));

  g_settings_bind_with_mapping (settings, "export-format", self->format_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, format_get_mapping, format_set_mapping,
                                NULL, NULL);
  g_settings_bind (settings, "export-width", self->width_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "export-height", self->height_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "export-scale", self->scale_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "export-dark", self->dark_switch, "active", G_SETTINGS_BIND_DEFAULT);
  format_changed_cb (self);

  return self;
}

static void
atlas_export_dialog_dispose (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  if (self->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
  g_clear_object (&self->settings);
  g_clear_pointer (&self->spec, atlas_chart_spec_free);
  g_clear_pointer (&self->result, atlas_shared_result_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->dispose (object);
}

static void
atlas_export_dialog_class_init (AtlasExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_export_dialog_dispose;

  /**
   * AtlasExportDialog::exported:
   * @file: the file written
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, height_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, dark_switch);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_export_dialog_init (AtlasExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
}

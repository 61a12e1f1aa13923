/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-preferences-window.c: the preferences, bound to GSettings. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-money.h"
#include "atlas-preferences-window.h"

struct _AtlasPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *regions_row;
  AdwComboRow          *currency_row;
  GtkAdjustment        *threshold_adjustment;
  AdwComboRow          *theme_row;
  GtkSwitch            *auto_refresh_switch;
  GtkAdjustment        *interval_adjustment;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (AtlasPreferencesWindow, atlas_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows list the enum nicks in this order. */
static const char * const currency_nicks[] = { "usd", "local", "ppp", NULL };
static const char * const theme_nicks[] = { "follow", "light", "dark", NULL };

static gboolean
nick_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
nick_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[i]);
}

static void
atlas_preferences_window_load_regions (AtlasPreferencesWindow *self)
{
  g_auto(GStrv) regions = g_settings_get_strv (self->settings, "default-regions");
  g_autofree char *text = g_strjoinv (", ", regions);

  gtk_editable_set_text (GTK_EDITABLE (self->regions_row), text);
}

static void
regions_apply_cb (AtlasPreferencesWindow *self,
                  AdwEntryRow            *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GStrv) parts = g_strsplit_set (text, ",; ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) regions = NULL;
  g_autoptr(GString) unknown = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (g_strstrip (parts[i]), -1);

      if (*code == '\0')
        continue;
      if (atlas_money_is_country (code))
        g_strv_builder_add (builder, code);
      else
        g_string_append_printf (unknown, "%s%s", unknown->len ? ", " : "", code);
    }
  regions = g_strv_builder_end (builder);

  if (unknown->len > 0)
    {
      /* Translators: %s lists what was typed but is not an ISO 3166 country code */
      g_autofree char *message = g_strdup_printf (_("Not a two-letter country code: %s"), unknown->str);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_strv (self->settings, "default-regions", (const char * const *) regions);
  atlas_preferences_window_load_regions (self);
}

AtlasPreferencesWindow *
atlas_preferences_window_new (GSettings *settings)
{
  AtlasPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATLAS_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "currency-mode", self->currency_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_get_mapping, nick_set_mapping,
                                (gpointer) currency_nicks, NULL);
  g_settings_bind_with_mapping (settings, "theme", self->theme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_get_mapping, nick_set_mapping,
                                (gpointer) theme_nicks, NULL);
  g_settings_bind (settings, "small-sample-threshold", self->threshold_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-refresh", self->auto_refresh_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-refresh-interval", self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  atlas_preferences_window_load_regions (self);

  return self;
}

static void
atlas_preferences_window_dispose (GObject *object)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->dispose (object);
}

static void
atlas_preferences_window_class_init (AtlasPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, regions_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, auto_refresh_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, regions_apply_cb);
}

static void
atlas_preferences_window_init (AtlasPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
}

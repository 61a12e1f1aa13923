/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-application.c: start-up, command-line options, app-wide actions,
 * the style (follow system, light or dark), help and About. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-about.h"
#include "atlas-application.h"
#include "atlas-catalog.h"
#include "atlas-help.h"
#include "atlas-preferences-window.h"
#include "atlas-query-pool.h"
#include "atlas-store.h"
#include "atlas-window.h"

struct _AtlasApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_path;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

AtlasApplication *
atlas_application_new (void)
{
  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/salaryatlas/SalaryAtlas",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
atlas_application_get_db_path (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  if (self->db_path == NULL)
    self->db_path = atlas_store_default_path ();

  return self->db_path;
}

void
atlas_application_set_db_path (AtlasApplication *self,
                               const char       *path)
{
  g_return_if_fail (ATLAS_IS_APPLICATION (self));

  if (g_strcmp0 (self->db_path, path) == 0)
    return;

  g_free (self->db_path);
  self->db_path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

GSettings *
atlas_application_get_settings (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
atlas_application_update_style (AtlasApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme scheme;

  switch (g_settings_get_enum (self->settings, "theme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;
    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static void
theme_changed_cb (AtlasApplication *self,
                  const char       *key,
                  GSettings        *settings)
{
  atlas_application_update_style (self);
}

static int
atlas_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);

      atlas_application_set_db_path (self, g_file_peek_path (file));
      /* A running instance would open its own database, not this one, so a
       * window for another database gets a process of its own. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("salary-atlas %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Go on with the default processing (activate). */
  return -1;
}

static void
atlas_application_activate (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (atlas_window_new (self));

  gtk_window_present (window);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows (rather than g_application_quit) lets each window
   * save its size and view. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AtlasPreferencesWindow *prefs = atlas_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (atlas_about_window_new (parent));
}

static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AtlasApplication *self = user_data;

  atlas_help_show (gtk_application_get_active_window (GTK_APPLICATION (self)), NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "preferences", preferences_action_cb },
  { "about", about_action_cb },
  { "help", help_action_cb },
};

static void
atlas_application_startup (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.copy-chart", { "<Control><Shift>c", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "win.toggle-filters", { "F9", NULL } },
    { "win.focus-search", { "<Control>f", NULL } },
    { "win.reset-filters", { "<Control><Shift>BackSpace", NULL } },
    { "win.toggle-table", { "<Control>t", NULL } },
    { "win.show-page('overview')", { "<Alt>1", NULL } },
    { "win.show-page('compare')", { "<Alt>2", NULL } },
    { "win.show-page('companies')", { "<Alt>3", NULL } },
    { "win.show-page('experience')", { "<Alt>4", NULL } },
    { "win.show-page('distribution')", { "<Alt>5", NULL } },
    { "win.show-page('trend')", { "<Alt>6", NULL } },
    { "win.show-page('sources')", { "<Alt>7", NULL } },
    { "win.currency-mode('usd')", { "<Control>1", NULL } },
    { "win.currency-mode('local')", { "<Control>2", NULL } },
    { "win.currency-mode('ppp')", { "<Control>3", NULL } },
    { "window.close", { "<Control>w", NULL } },
    /* GtkApplication would set this one if the shortcuts window were at
     * gtk/help-overlay.ui: it is built on demand (atlas-window-actions.c). */
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (app);

  g_set_application_name (_("Salary Atlas"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (ATLAS_SETTINGS_SCHEMA);
  g_signal_connect_object (self->settings, "changed::theme",
                           G_CALLBACK (theme_changed_cb), self, G_CONNECT_SWAPPED);
  atlas_application_update_style (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
}

/* How long shutdown waits for the workers; past it the process exits
 * anyway (a load on a huge database is not worth a hung quit). */
#define SHUTDOWN_WAIT_US (20 * G_USEC_PER_SEC)

static void
atlas_application_shutdown (GApplication *app)
{
  GList *windows;

  /* Destroying a window cancels its catalog load and its queries; they
   * end at their next check.  Wait for them: after shutdown the process
   * exits, GIO's destructor frees the compiled-in resources a catalog
   * load reads (the seed), and a thread still reading them crashes. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);

  if (!atlas_catalog_load_wait (SHUTDOWN_WAIT_US))
    g_warning ("A catalog load was still running at exit");
  atlas_query_pool_wait_idle (SHUTDOWN_WAIT_US);

  G_APPLICATION_CLASS (atlas_application_parent_class)->shutdown (app);
}

static void
atlas_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, atlas_application_get_db_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_application_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      atlas_application_set_db_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_application_finalize (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (atlas_application_parent_class)->finalize (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = atlas_application_finalize;
  object_class->get_property = atlas_application_get_property;
  object_class->set_property = atlas_application_set_property;

  app_class->startup = atlas_application_startup;
  app_class->shutdown = atlas_application_shutdown;
  app_class->activate = atlas_application_activate;
  app_class->handle_local_options = atlas_application_handle_local_options;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_application_init (AtlasApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database FILE instead of the default one"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

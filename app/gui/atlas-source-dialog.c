/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-source-dialog.c: the form that adds or edits a feed.
 *
 * An edited feed is saved here.  A new one is only checked here (the add
 * rolled back): the window adds it together with its first refresh, in
 * one transaction, so that a feed whose first download fails is not kept
 * (atlas_feed_add_and_refresh_async()). */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-feed.h"
#include "atlas-file-chooser.h"
#include "atlas-import.h"
#include "atlas-source-dialog.h"
#include "atlas-sources.h"

struct _AtlasSourceDialog
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkStack         *save_stack;
  GtkButton        *save_button;
  AdwEntryRow      *name_row;
  AdwEntryRow      *url_row;
  AdwComboRow      *format_row;
  AdwActionRow     *mapping_row;
  AdwEntryRow      *licence_row;
  AdwEntryRow      *attribution_row;

  char             *db_path;
  AtlasSourceInfo  *existing;
  GFile            *mapping_file;
  GCancellable     *cancellable;
  char             *error;
  AtlasFeedSpec    *new_feed;     /* checked, for the "saved" handler */
};

G_DEFINE_FINAL_TYPE (AtlasSourceDialog, atlas_source_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The formats a feed can have, in the order of the Format row. */
static const char * const formats[] = {
  ATLAS_FEED_FORMAT_JSON, "aijobs", "h1b", "dol-lca", "glassdoor-in", "csv",
};

static void atlas_source_dialog_update (AtlasSourceDialog *self);

const char *
atlas_source_dialog_get_format (AtlasSourceDialog *self)
{
  guint selected;

  g_return_val_if_fail (ATLAS_IS_SOURCE_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->format_row);
  return formats[MIN (selected, G_N_ELEMENTS (formats) - 1)];
}

gboolean
atlas_source_dialog_set_format (AtlasSourceDialog *self,
                                const char        *format)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_DIALOG (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i], format) == 0)
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }

  return FALSE;
}

gboolean
atlas_source_dialog_get_editing (AtlasSourceDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_DIALOG (self), FALSE);

  return self->existing != NULL;
}

gboolean
atlas_source_dialog_get_saving (AtlasSourceDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const AtlasFeedSpec *
atlas_source_dialog_get_new_feed (AtlasSourceDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_DIALOG (self), NULL);

  return self->new_feed;
}

const char *
atlas_source_dialog_get_error (AtlasSourceDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_DIALOG (self), NULL);

  return self->error;
}

static gboolean
is_csv (AtlasSourceDialog *self)
{
  return g_str_equal (atlas_source_dialog_get_format (self), "csv");
}

/* The mapping the feed has now, when it is edited and stays a CSV feed. */
static gboolean
has_stored_mapping (AtlasSourceDialog *self)
{
  return self->existing != NULL && self->existing->mapping != NULL;
}

void
atlas_source_dialog_set_mapping_file (AtlasSourceDialog *self,
                                      GFile             *file)
{
  g_return_if_fail (ATLAS_IS_SOURCE_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->mapping_file, file);
  atlas_source_dialog_update (self);
}

static void
atlas_source_dialog_update (AtlasSourceDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *stripped_name = g_strstrip (g_strdup (name));
  g_autofree char *stripped_url = g_strstrip (g_strdup (url));
  gboolean csv = is_csv (self);
  gboolean ready;

  gtk_widget_set_visible (GTK_WIDGET (self->mapping_row), csv);
  if (self->mapping_file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->mapping_file);

      adw_action_row_set_subtitle (self->mapping_row, basename);
    }
  else if (has_stored_mapping (self))
    adw_action_row_set_subtitle (self->mapping_row, _("The mapping stored with the feed"));
  else
    adw_action_row_set_subtitle (self->mapping_row,
                                 _("A key file that says which CSV column holds the title, "
                                   "employer, amount and currency"));

  ready = *stripped_name != '\0' && *stripped_url != '\0' &&
          (!csv || self->mapping_file != NULL || has_stored_mapping (self)) &&
          self->cancellable == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.choose-mapping", self->cancellable == NULL);
}

static void
field_changed_cb (AtlasSourceDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  atlas_source_dialog_update (self);
}

static void
format_changed_cb (AtlasSourceDialog *self)
{
  atlas_source_dialog_update (self);
}

static void
atlas_source_dialog_show_error (AtlasSourceDialog *self,
                                const char        *message,
                                GtkWidget         *row)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->error);
  self->error = g_strdup (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* Saving, on a worker thread */

/* What the answer of a save needs to know. */
typedef struct
{
  AtlasSourceDialog *self;
  AtlasFeedSpec     *spec;
  gboolean           adding;
} SaveCall;

static void
save_call_free (SaveCall *call)
{
  g_object_unref (call->self);
  atlas_feed_spec_free (call->spec);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveCall, save_call_free)

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SaveCall) call = user_data;
  AtlasSourceDialog *self = call->self;
  g_autoptr(GError) error = NULL;

  if (!atlas_feed_add_source_finish (result, &error))
    {
      GtkWidget *row = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->cancellable);
      gtk_stack_set_visible_child_name (self->save_stack, "button");
      atlas_source_dialog_update (self);

      if (g_error_matches (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL))
        row = GTK_WIDGET (self->url_row);
      else if (g_error_matches (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_EXISTS) ||
               g_error_matches (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_INVALID))
        row = GTK_WIDGET (self->name_row);
      atlas_source_dialog_show_error (self, error->message, row);
      return;
    }

  g_clear_object (&self->cancellable);
  if (call->adding)
    self->new_feed = g_steal_pointer (&call->spec);
  g_signal_emit (self, signals[SAVED], 0,
                 call->adding ? self->new_feed->name : call->spec->name, call->adding);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AtlasSourceDialog *self = ATLAS_SOURCE_DIALOG (widget);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *licence = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->licence_row))));
  g_autofree char *attribution = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->attribution_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *format = atlas_source_dialog_get_format (self);
  gboolean csv = g_str_equal (format, "csv");
  SaveCall *call = g_new0 (SaveCall, 1);
  /* Only the generic CSV format takes a mapping: the file chosen, else the
   * one stored. */
  AtlasFeedSpec spec = {
    .name = name,
    .url = url,
    .format = (char *) format,
    .mapping = csv && self->existing ? self->existing->mapping : NULL,
    .mapping_file = csv ? self->mapping_file : NULL,
    .licence = licence,
    .attribution = attribution,
  };

  call->self = g_object_ref (self);
  call->spec = atlas_feed_spec_copy (&spec);
  call->adding = self->existing == NULL;

  g_clear_pointer (&self->error, g_free);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->save_stack, "spinner");
  atlas_source_dialog_update (self);

  /* Adding under the name of another source would turn that source into
   * this feed: refused, with what to do instead.  A new feed is checked
   * only (see the top of this file). */
  atlas_feed_add_source_async (self->db_path, spec.name, spec.url, spec.format, spec.mapping,
                               spec.mapping_file, spec.licence, spec.attribution,
                               call->adding ? ATLAS_FEED_ADD_NEW | ATLAS_FEED_ADD_CHECK
                                            : ATLAS_FEED_ADD_DEFAULT,
                               self->cancellable, save_done_cb, call);
}

/* The mapping file chooser */

static void
mapping_chosen_cb (GtkWindow *window,
                   GFile     *file)
{
  atlas_source_dialog_set_mapping_file (ATLAS_SOURCE_DIALOG (window), file);
}

static void
choose_mapping_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  atlas_file_chooser_run (GTK_WINDOW (widget), _("Choose a Mapping File"), _("_Choose"), NULL,
                          mapping_chosen_cb);
}

AtlasSourceDialog *
atlas_source_dialog_new (GtkWindow             *parent,
                         const char            *db_path,
                         const AtlasSourceInfo *existing)
{
  AtlasSourceDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_SOURCE_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);

  if (existing != NULL)
    {
      self->existing = atlas_source_info_copy (existing);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Feed"));
      adw_window_title_set_title (self->window_title, _("Edit Feed"));
      adw_window_title_set_subtitle (self->window_title, existing->name);
      gtk_button_set_label (self->save_button, _("_Save"));
      atlas_accessible_fix_mnemonics (GTK_WIDGET (self->save_button));

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), existing->name);
      /* The name identifies the source in the database and in charts. */
      gtk_editable_set_editable (GTK_EDITABLE (self->name_row), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_row),
                                   _("A source keeps its name: add a new feed to use another one"));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), existing->url ? existing->url : "");
      atlas_source_dialog_set_format (self, existing->format);
      gtk_editable_set_text (GTK_EDITABLE (self->licence_row), existing->licence ? existing->licence : "");
      gtk_editable_set_text (GTK_EDITABLE (self->attribution_row),
                             existing->attribution ? existing->attribution : "");
    }

  atlas_source_dialog_update (self);

  return self;
}

static void
atlas_source_dialog_dispose (GObject *object)
{
  AtlasSourceDialog *self = ATLAS_SOURCE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->mapping_file);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SOURCE_DIALOG);

  G_OBJECT_CLASS (atlas_source_dialog_parent_class)->dispose (object);
}

static void
atlas_source_dialog_finalize (GObject *object)
{
  AtlasSourceDialog *self = ATLAS_SOURCE_DIALOG (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->existing, atlas_source_info_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->new_feed, atlas_feed_spec_free);

  G_OBJECT_CLASS (atlas_source_dialog_parent_class)->finalize (object);
}

static void
atlas_source_dialog_class_init (AtlasSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_source_dialog_dispose;
  object_class->finalize = atlas_source_dialog_finalize;

  /**
   * AtlasSourceDialog::saved:
   * @name: the feed's name
   * @added: TRUE for a new feed, FALSE for an edited one
   *
   * An edited feed is in the database; a new one was checked and is
   * atlas_source_dialog_get_new_feed().  The dialog closes next.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, save_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, mapping_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, licence_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourceDialog, attribution_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);

  gtk_widget_class_install_action (widget_class, "source.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "source.choose-mapping", NULL, choose_mapping_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "source.save", NULL);
}

static void
atlas_source_dialog_init (AtlasSourceDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *label = atlas_source_format_label (formats[i]);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  /* The documented Salary Atlas feed is what a team would publish. */
  adw_combo_row_set_selected (self->format_row, 0);
}

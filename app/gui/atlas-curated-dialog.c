/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curated-dialog.c: see the header. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-add-figure-dialog.h"
#include "atlas-companies-dialog.h"
#include "atlas-dialog-size.h"
#include "atlas-curated-dialog.h"
#include "atlas-curation-async.h"
#include "atlas-curation-ui.h"

struct _AtlasCuratedDialog
{
  AdwWindow           parent_instance;

  GtkStack           *stack;
  AdwPreferencesPage *page;

  AtlasSession       *session;
  GPtrArray          *groups;
  GCancellable       *cancellable;
  int                 n_entries;
};

G_DEFINE_FINAL_TYPE (AtlasCuratedDialog, atlas_curated_dialog, ADW_TYPE_WINDOW)

static const char *
reason_label (const AtlasCurationEntry *entry)
{
  AtlasExclusionReason reason;

  if (entry->kind == ATLAS_CURATION_EXCLUSION &&
      atlas_exclusion_reason_from_string (entry->reason, &reason))
    return atlas_exclusion_reason_label (reason);
  if (entry->kind == ATLAS_CURATION_ADDITION)
    return g_strcmp0 (entry->reason, "figure") == 0 ? _("Figure added") : _("Posting added");
  if (entry->kind == ATLAS_CURATION_MERGE)
    return _("Companies merged");
  return entry->reason;
}

/* "2026-12-06T23:50:00Z" in the user's time zone and words. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%x %X") : g_strdup (iso ? iso : "");
}

static GtkWidget *
entry_row (AtlasCuratedDialog       *self,
           const AtlasCurationEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (entry->description ? entry->description : entry->key, -1);
  g_autofree char *date = format_date (entry->created_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (entry->note != NULL && entry->note[0] != '\0')
    subtitle = g_strdup_printf ("%s · %s · %s", reason_label (entry), date, entry->note);
  else
    subtitle = g_strdup_printf ("%s · %s", reason_label (entry), date);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  if (entry->orphaned)
    {
      /* Translators: a badge: the record, figure or company of a curation entry is gone */
      GtkWidget *badge = gtk_label_new (_("Orphaned"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (badge, _("Its record is not in the data now; the entry is kept "
                                            "and applies again when the record comes back."));
      gtk_widget_add_css_class (badge, "atlas-badge");
      gtk_widget_add_css_class (badge, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  if (entry->kind == ATLAS_CURATION_EXCLUSION || entry->kind == ATLAS_CURATION_MERGE)
    {
      gboolean merge = entry->kind == ATLAS_CURATION_MERGE;
      GtkWidget *button = gtk_button_new_with_mnemonic (merge ? _("_Split") : _("_Restore"));
      g_autofree char *name = g_strdup_printf ("%s: %s", merge ? _("Split") : _("Restore"),
                                               entry->description ? entry->description : entry->key);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                      merge ? "curated.split" : "curated.restore");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (entry->key));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AtlasCuratedDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = atlas_curation_list_finish (result, &error);
  static const struct
  {
    AtlasCurationKind kind;
    const char       *title;
  } kinds[] = {
    { ATLAS_CURATION_EXCLUSION, N_("Excluded") },
    { ATLAS_CURATION_ADDITION,  N_("Added by Hand") },
    { ATLAS_CURATION_MERGE,     N_("Merged Companies") },
  };

  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the curation: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < entries->len; i++)
        {
          const AtlasCurationEntry *entry = g_ptr_array_index (entries, i);

          if (entry->kind != kinds[k].kind)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(kinds[k].title));
              adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
              g_ptr_array_add (self->groups, group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry_row (self, entry));
        }
    }

  self->n_entries = (int) entries->len;
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

static void
atlas_curated_dialog_reload (AtlasCuratedDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_entries = -1;
  atlas_curation_list_async (atlas_session_get_db_path (self->session), self->cancellable,
                             listed_cb, g_object_ref (self));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasCuratedDialog *self = ATLAS_CURATED_DIALOG (widget);

  atlas_curation_ui_restore (widget, self->session, g_variant_get_string (parameter, NULL));
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasCuratedDialog *self = ATLAS_CURATED_DIALOG (widget);

  atlas_curation_ui_split (widget, self->session, g_variant_get_string (parameter, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasCuratedDialog *self = ATLAS_CURATED_DIALOG (widget);

  atlas_curation_ui_undo (widget, self->session);
}

static void
add_figure_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasCuratedDialog *self = ATLAS_CURATED_DIALOG (widget);

  atlas_dialog_present (GTK_WINDOW (atlas_add_figure_dialog_new (GTK_WINDOW (self), self->session)));
}

static void
companies_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AtlasCuratedDialog *self = ATLAS_CURATED_DIALOG (widget);

  atlas_dialog_present (GTK_WINDOW (atlas_companies_dialog_new (GTK_WINDOW (self), self->session)));
}

static void
atlas_curated_dialog_dispose (GObject *object)
{
  AtlasCuratedDialog *self = ATLAS_CURATED_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_curated_dialog_parent_class)->dispose (object);
}

static void
atlas_curated_dialog_class_init (AtlasCuratedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_curated_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-curated-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasCuratedDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasCuratedDialog, page);
  gtk_widget_class_install_action (widget_class, "curated.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "curated.split", "s", split_action);
  gtk_widget_class_install_action (widget_class, "curated.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "curated.add-figure", NULL, add_figure_action);
  gtk_widget_class_install_action (widget_class, "curated.companies", NULL, companies_action);
}

static void
atlas_curated_dialog_init (AtlasCuratedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->n_entries = -1;
}

GtkWidget *
atlas_curated_dialog_new (GtkWindow    *parent,
                          AtlasSession *session)
{
  AtlasCuratedDialog *self;

  g_return_val_if_fail (ATLAS_IS_SESSION (session), NULL);

  self = g_object_new (ATLAS_TYPE_CURATED_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_swapped (session, "data-changed", G_CALLBACK (atlas_curated_dialog_reload), self);
  atlas_curated_dialog_reload (self);
  return GTK_WIDGET (self);
}

int
atlas_curated_dialog_get_n_entries (AtlasCuratedDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_CURATED_DIALOG (self), -1);

  return self->n_entries;
}

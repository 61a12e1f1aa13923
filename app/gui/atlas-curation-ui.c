/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-ui.c: see the header. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-curation-async.h"
#include "atlas-curation-companies.h"
#include "atlas-curation-ui.h"
#include "atlas-money.h"
#include "atlas-records-async.h"

static char *last_message;

static const AtlasExclusionReason reasons[] = {
  ATLAS_EXCLUSION_OUTLIER,
  ATLAS_EXCLUSION_DUPLICATE,
  ATLAS_EXCLUSION_MONTHLY_AS_ANNUAL,
  ATLAS_EXCLUSION_NOT_THIS_ROLE,
  ATLAS_EXCLUSION_OTHER,
};

GMenuModel *
atlas_curation_ui_reason_menu (const char *action)
{
  GMenu *menu = g_menu_new ();

  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (atlas_exclusion_reason_label (reasons[i]), NULL);

      g_menu_item_set_action_and_target_value (item, action,
                                               g_variant_new_string (atlas_exclusion_reason_to_string (reasons[i])));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay;

      if (ADW_IS_TOAST_OVERLAY (child))
        return ADW_TOAST_OVERLAY (child);
      if ((overlay = find_overlay (child)) != NULL)
        return overlay;
    }
  return NULL;
}

/* The main window's toast overlay, also from a dialog of it: a toast must
 * outlive the dialog it came from. */
static AdwToastOverlay *
toast_overlay_for (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  while (window != NULL && gtk_window_get_transient_for (window) != NULL)
    window = gtk_window_get_transient_for (window);
  return window != NULL ? find_overlay (GTK_WIDGET (window)) : NULL;
}

typedef struct
{
  AdwToastOverlay *overlay;   /* may be NULL */
  AtlasSession    *session;
  AtlasExclusionReason reason;
  char            *name;      /* a merge's target */
} Call;

static Call *
call_new (GtkWidget    *widget,
          AtlasSession *session)
{
  Call *call = g_new0 (Call, 1);
  AdwToastOverlay *overlay = toast_overlay_for (widget);

  call->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  call->session = g_object_ref (session);
  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->overlay);
  g_object_unref (call->session);
  g_free (call->name);
  g_free (call);
}

static void undo_clicked_cb (AdwToast *toast,
                             Call     *call);

/* Toast titles are Pango markup in libadwaita 1.2: the message is escaped. */
static void
call_toast (Call       *call,
            const char *message,
            gboolean    with_undo)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;

  g_free (last_message);
  last_message = g_strdup (message);
  if (call->overlay == NULL)
    return;

  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, with_undo ? 10 : 4);
  if (with_undo)
    {
      Call *undo = g_new0 (Call, 1);

      undo->overlay = g_object_ref (call->overlay);
      undo->session = g_object_ref (call->session);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo,
                             (GClosureNotify) (void (*) (void)) call_free, 0);
    }
  adw_toast_overlay_add_toast (call->overlay, toast);
}

/* Whatever the action, the rows changed: every page counts them again. */
static gboolean
call_finish (Call          *call,
             GAsyncResult  *result,
             char         **description)
{
  g_autoptr(GError) error = NULL;

  if (!atlas_curation_action_finish (result, description, &error))
    {
      call_toast (call, error->message, FALSE);
      return FALSE;
    }
  atlas_session_data_changed (call->session);
  return TRUE;
}

static void
excluded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;

  if (call_finish (call, result, NULL))
    {
      /* Translators: a toast; %s is the reason: "Record excluded as outlier" */
      g_autofree char *message = g_strdup_printf (_("Excluded: %s"),
                                                  atlas_exclusion_reason_label (call->reason));
      call_toast (call, message, TRUE);
    }
  call_free (call);
}

void
atlas_curation_ui_exclude (GtkWidget            *widget,
                           AtlasSession         *session,
                           const char           *uid,
                           AtlasExclusionReason  reason)
{
  Call *call;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (uid != NULL);

  call = call_new (widget, session);
  call->reason = reason;
  atlas_curation_exclude_async (atlas_session_get_db_path (session), uid, reason, NULL,
                                excluded_cb, call);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;

  if (call_finish (call, result, NULL))
    /* Translators: a toast after a record was restored */
    call_toast (call, _("Restored: it counts again"), TRUE);
  call_free (call);
}

void
atlas_curation_ui_restore (GtkWidget    *widget,
                           AtlasSession *session,
                           const char   *uid)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (uid != NULL);

  atlas_curation_restore_async (atlas_session_get_db_path (session), uid, NULL,
                                restored_cb, call_new (widget, session));
}

static void
split_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Call *call = user_data;

  if (call_finish (call, result, NULL))
    /* Translators: a toast after a merge of company names was split */
    call_toast (call, _("Company split: it counts on its own again"), TRUE);
  call_free (call);
}

void
atlas_curation_ui_split (GtkWidget    *widget,
                         AtlasSession *session,
                         const char   *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (name != NULL);

  atlas_curation_split_async (atlas_session_get_db_path (session), name, NULL,
                              split_cb, call_new (widget, session));
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;

  if (call_finish (call, result, NULL))
    {
      /* Translators: a toast after companies were merged; %s is the name they count under */
      g_autofree char *message = g_strdup_printf (_("Companies merged into %s"), call->name);

      call_toast (call, message, TRUE);
    }
  call_free (call);
}

void
atlas_curation_ui_merge (GtkWidget          *widget,
                         AtlasSession       *session,
                         const char * const *keys,
                         const char         *into_name)
{
  Call *call;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (keys != NULL && into_name != NULL);

  call = call_new (widget, session);
  call->name = g_strstrip (g_strdup (into_name));
  atlas_curation_merge_companies_async (atlas_session_get_db_path (session), keys, call->name,
                                        NULL, merged_cb, call);
}

void
atlas_curation_ui_changed (GtkWidget    *widget,
                           AtlasSession *session,
                           const char   *message)
{
  Call *call;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (session == NULL || ATLAS_IS_SESSION (session));
  g_return_if_fail (message != NULL);

  if (session == NULL)
    {
      /* The toast needs no session without Undo. */
      Call error_call = { toast_overlay_for (widget), NULL, 0, NULL };

      call_toast (&error_call, message, FALSE);
      return;
    }
  call = call_new (widget, session);
  atlas_session_data_changed (session);
  call_toast (call, message, TRUE);
  call_free (call);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;
  g_autofree char *description = NULL;

  if (call_finish (call, result, &description))
    {
      /* Translators: a toast; %s says what was undone: "Excluded … (Outlier)" */
      g_autofree char *message = g_strdup_printf (_("Undone: %s"), description);

      call_toast (call, message, FALSE);
    }
  call_free (call);
}

static void
undo_start (Call *call)
{
  atlas_curation_undo_async (atlas_session_get_db_path (call->session), NULL, undone_cb, call);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Call     *call)
{
  Call *copy = g_new0 (Call, 1);

  copy->overlay = call->overlay != NULL ? g_object_ref (call->overlay) : NULL;
  copy->session = g_object_ref (call->session);
  undo_start (copy);
}

void
atlas_curation_ui_undo (GtkWidget    *widget,
                        AtlasSession *session)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ATLAS_IS_SESSION (session));

  undo_start (call_new (widget, session));
}

/* Excluding what a filter shows */

static void
excluded_query_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = atlas_curation_exclude_filter_finish (result, &error);

  if (n < 0)
    call_toast (call, error->message, FALSE);
  else
    {
      g_autofree char *count = atlas_money_group_digits ((guint64) n, FALSE);
      g_autofree char *message = NULL;

      atlas_session_data_changed (call->session);
      /* Translators: a toast; %s is a number */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record excluded",
                                              "%s records excluded", (gulong) n), count);
      call_toast (call, message, n > 0);
    }
  call_free (call);
}

typedef struct
{
  Call              *call;
  AtlasRecordsQuery *query;
  GtkDropDown       *reason;
} Confirm;

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Confirm          *confirm)
{
  if (g_strcmp0 (response, "exclude") == 0)
    {
      guint selected = gtk_drop_down_get_selected (confirm->reason);
      Call *call = g_steal_pointer (&confirm->call);

      call->reason = reasons[MIN (selected, G_N_ELEMENTS (reasons) - 1)];
      atlas_curation_exclude_filter_async (atlas_session_get_db_path (call->session),
                                           confirm->query, call->reason, NULL,
                                           excluded_query_cb, call);
    }
  g_clear_pointer (&confirm->call, call_free);
  atlas_records_query_free (confirm->query);
  g_free (confirm);
}

void
atlas_curation_ui_exclude_query (GtkWidget               *widget,
                                 AtlasSession            *session,
                                 const AtlasRecordsQuery *query,
                                 gint64                   n)
{
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *body = NULL;
  const char *labels[G_N_ELEMENTS (reasons) + 1] = { NULL, };
  GtkWidget *dialog;
  GtkWidget *reason;
  Confirm *confirm;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (query != NULL);

  count = atlas_money_group_digits ((guint64) MAX (n, 0), FALSE);
  /* Translators: the heading of a confirmation; %s is a number */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exclude %s Record?",
                                          "Exclude %s Records?", (gulong) MAX (n, 0)), count);
  filter = atlas_filter_describe (query->filter);
  if (query->search != NULL && query->search[0] != '\0')
    /* Translators: %1$s describes the filter, %2$s is the search text */
    body = g_strdup_printf (_("Every record of %1$s matching “%2$s” drops out of every statistic, "
                              "chart and export. The Curated list shows them and can restore "
                              "them."), filter, query->search);
  else
    /* Translators: %s describes the filter */
    body = g_strdup_printf (_("Every record of %s drops out of every statistic, chart and "
                              "export. The Curated list shows them and can restore them."),
                            filter);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "exclude", _("_Exclude"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "exclude",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "exclude", n > 0);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    labels[i] = atlas_exclusion_reason_label (reasons[i]);
  reason = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_halign (reason, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);

  confirm = g_new0 (Confirm, 1);
  confirm->call = call_new (widget, session);
  confirm->query = atlas_records_query_copy (query);
  confirm->reason = GTK_DROP_DOWN (reason);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
atlas_curation_ui_get_last_message (void)
{
  return last_message;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-file-chooser.c: one way to ask for a file, whatever the GTK version. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-file-chooser.h"

#if GTK_CHECK_VERSION (4, 10, 0)

typedef struct
{
  GtkWindow           *parent;   /* owned until the answer */
  AtlasFileChosenFunc  chosen;
  gboolean             save;
} Request;

static void
dialog_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GFile) file = NULL;

  if (request->save)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    request->chosen (request->parent, file);

  g_object_unref (request->parent);
  g_free (request);
}

void
atlas_file_chooser_run (GtkWindow           *parent,
                        const char          *title,
                        const char          *accept_label,
                        const char          *initial_name,
                        AtlasFileChosenFunc  chosen)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  Request *request = g_new0 (Request, 1);

  request->parent = g_object_ref (parent);
  request->chosen = chosen;
  request->save = initial_name != NULL;

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  if (request->save)
    {
      gtk_file_dialog_set_initial_name (dialog, initial_name);
      gtk_file_dialog_save (dialog, parent, NULL, dialog_ready_cb, request);
    }
  else
    gtk_file_dialog_open (dialog, parent, NULL, dialog_ready_cb, request);
}

#else

/* The chooser lives until it answers or its parent is destroyed, whichever
 * comes first; the other one then never happens. */
typedef struct
{
  GtkNativeDialog     *chooser;
  GtkWindow           *parent;
  gulong               destroy_id;
  AtlasFileChosenFunc  chosen;
} Request;

static void
request_finish (Request *request)
{
  g_clear_signal_handler (&request->destroy_id, request->parent);
  g_signal_handlers_disconnect_by_data (request->chooser, request);
  gtk_native_dialog_destroy (request->chooser);
  g_object_unref (request->chooser);
  g_free (request);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Request         *request)
{
  /* @chosen may close the parent: the request ends here, not there. */
  g_clear_signal_handler (&request->destroy_id, request->parent);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GtkWindow) parent = g_object_ref (request->parent);

      if (file != NULL)
        request->chosen (parent, file);
    }

  request_finish (request);
}

static void
parent_destroy_cb (GtkWindow *parent,
                   Request   *request)
{
  request_finish (request);
}

void
atlas_file_chooser_run (GtkWindow           *parent,
                        const char          *title,
                        const char          *accept_label,
                        const char          *initial_name,
                        AtlasFileChosenFunc  chosen)
{
  Request *request = g_new0 (Request, 1);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent,
                                         initial_name != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                              : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), initial_name);

  request->chooser = GTK_NATIVE_DIALOG (chooser);
  request->parent = parent;
  request->chosen = chosen;
  request->destroy_id = g_signal_connect (parent, "destroy", G_CALLBACK (parent_destroy_cb), request);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), request);

  gtk_native_dialog_show (request->chooser);
}

#endif

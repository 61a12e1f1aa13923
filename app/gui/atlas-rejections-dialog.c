/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-rejections-dialog.c: a plain window over the rejected lines of an
 * import.  The lines come from the importer, which quoted the file's bytes
 * (atlas-quote.h): they are shown as text, never as markup. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-money.h"
#include "atlas-rejections-dialog.h"

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "atlas-lines");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
}

GtkWindow *
atlas_rejections_dialog_new (GtkWindow          *parent,
                             const char         *source_name,
                             const char * const *lines,
                             guint64             n_rejected)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *summary;
  GtkWidget *copy;
  g_autofree char *n_text = atlas_money_group_digits (n_rejected, FALSE);
  g_autofree char *summary_text = NULL;
  g_autofree char *joined = NULL;
  guint n_lines = lines != NULL ? g_strv_length ((char **) lines) : 0;

  gtk_window_set_title (GTK_WINDOW (window), _("Rejected Lines"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Rejected Lines"), source_name));
  copy = gtk_button_new_with_mnemonic (_("_Copy All"));
  joined = g_strjoinv ("\n", (char **) lines);
  g_object_set_data_full (G_OBJECT (copy), "atlas-lines", g_steal_pointer (&joined), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  gtk_widget_set_sensitive (copy, n_lines > 0);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), copy);
  gtk_box_append (GTK_BOX (box), header);

  if (n_lines < n_rejected)
    /* Translators: %s is a number of lines, %u the number listed */
    summary_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s line was rejected; the first %u are listed, "
                                                 "each with its reason.",
                                                 "%s lines were rejected; the first %u are listed, "
                                                 "each with its reason.", n_rejected),
                                    n_text, n_lines);
  else
    /* Translators: %s is a number of lines */
    summary_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s line was rejected, with its reason.",
                                                 "%s lines were rejected, each with its reason.",
                                                 n_rejected),
                                    n_text);
  summary = gtk_label_new (summary_text);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_set_margin_start (summary, 12);
  gtk_widget_set_margin_end (summary, 12);
  gtk_widget_set_margin_top (summary, 12);
  gtk_widget_set_margin_bottom (summary, 6);
  gtk_box_append (GTK_BOX (box), summary);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rejected lines"), -1);
  for (guint i = 0; i < n_lines; i++)
    {
      GtkWidget *label = gtk_label_new (lines[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (window), box);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }
  atlas_accessible_fix_mnemonics (window);
  return GTK_WINDOW (window);
}

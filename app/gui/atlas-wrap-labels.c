/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-wrap-labels.c: see the header.
 *
 * A GtkLabel that wraps and has no width-chars measures its minimum width
 * by laying its text out at width 0: at PANGO_WRAP_WORD_CHAR, which
 * AdwActionRow, AdwExpanderRow and AdwPreferencesGroup use, that is one
 * line per character, each shaped apart, in every measure of the row. On
 * the overview at 1M records the Top Companies row and the Sources
 * group's description cost 40 of the 60 ms of the layout of the first
 * frame with data (GTK 4.8, Pango 1.50).
 *
 * A minimum of a few words keeps that to a few lines. It is given only to
 * texts of more than twice that (the costly ones), and follows the text as
 * it changes: on a short text it would be wider than the text itself and
 * widen its row (the filter pane's "From" row did). The
 * rows are never given less (at 360 px a row has some 300 px), so nothing
 * changes on screen; max-width-chars, set far beyond any of our texts,
 * keeps the natural width the text's own, as without width-chars. */

#include "config.h"

#include "atlas-wrap-labels.h"

/* About 85 px at the rows' subtitle size, 130 px with Large Text (x1.5):
 * a row of the overview's top companies keeps its value beside the text
 * at 360 px even then. */
#define MINIMUM_CHARS 12
/* Shorter texts keep GTK's own minimum (the filter pane at 1200 px is
 * measured by them: a minimum there would widen it). */
#define LONG_TEXT_CHARS 40
#define NATURAL_CHARS 1000

static void
update_label (GtkLabel *label)
{
  gboolean is_long = g_utf8_strlen (gtk_label_get_text (label), -1) > LONG_TEXT_CHARS;

  gtk_label_set_width_chars (label, is_long ? MINIMUM_CHARS : -1);
  gtk_label_set_max_width_chars (label, is_long ? NATURAL_CHARS : -1);
}

static void
limit_label (GtkLabel *label)
{
  if (!gtk_label_get_wrap (label) ||
      gtk_label_get_wrap_mode (label) != PANGO_WRAP_WORD_CHAR ||
      g_object_get_data (G_OBJECT (label), "atlas-wrap-limited") != NULL ||
      gtk_label_get_width_chars (label) >= 0 ||
      gtk_label_get_max_width_chars (label) >= 0)
    return;

  g_object_set_data (G_OBJECT (label), "atlas-wrap-limited", GINT_TO_POINTER (TRUE));
  g_signal_connect (label, "notify::label", G_CALLBACK (update_label), NULL);
  update_label (label);
}

/* Every such label in @widget and below it. */
void
atlas_wrap_labels_limit (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    limit_label (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    atlas_wrap_labels_limit (child);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-overview-source-row.c: a row of the overview's sources list: the
 * source's name, its licence, date and rows counted (or why they are not),
 * and a link to its page when it has one. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-money.h"
#include "atlas-overview-source-row.h"
#include "atlas-wrap-labels.h"

GtkWidget *
atlas_overview_source_row_new (const AtlasCatalogSource *source)
{
  g_autofree char *title = g_markup_escape_text (source->name, -1);
  g_autofree char *count = atlas_money_group_digits (MAX (source->row_count, 0), FALSE);
  g_autofree char *subtitle = NULL;
  g_autofree char *licence = g_markup_escape_text (source->licence && *source->licence
                                                   ? source->licence : _("licence not recorded"), -1);
  g_autofree char *date = NULL;
  g_autofree char *newer = source->superseded_by != NULL
                           ? g_markup_escape_text (source->superseded_by, -1) : NULL;
  GtkWidget *row = adw_action_row_new ();

  if (source->retrieved_at != NULL && *source->retrieved_at != '\0')
    {
      /* Dates are ISO 8601; the date part is enough here. */
      date = g_strndup (source->retrieved_at, 10);
    }

  if (newer != NULL)
    /* Translators: an older snapshot of a publication whose newer
     * snapshot is also imported: "CC0-1.0 · 71,556 rows, not counted:
     * superseded by aijobs-2025.csv" */
    subtitle = g_strdup_printf (_("%s · %s rows, not counted: superseded by %s"), licence, count,
                                newer);
  else if (date != NULL)
    /* Translators: "CC0-1.0 · updated 2025-01-19 · 74,301 rows" */
    subtitle = g_strdup_printf (_("%s · updated %s · %s rows"), licence, date, count);
  else if (g_strcmp0 (source->kind, "feed") == 0 && source->row_count <= 0)
    /* Translators: an online feed that was never refreshed */
    subtitle = g_strdup_printf (_("%s · not downloaded yet: refresh it on the Sources page"),
                                licence);
  else
    subtitle = g_strdup_printf (_("%s · %s rows"), licence, count);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (source->url != NULL && g_str_has_prefix (source->url, "http"))
    {
      GtkWidget *link = gtk_link_button_new_with_label (source->url, _("Open"));

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, source->url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }

  atlas_wrap_labels_limit (row);
  return row;
}

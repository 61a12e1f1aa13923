/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-mark-menu.c: see the header. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-mark-menu.h"
#include "atlas-money.h"

/* The mark the menu is for, copied: the view may draw a new layout while
 * the menu is open. */
typedef struct
{
  AtlasSession   *session;
  AtlasChartKind  kind;
  AtlasChartMark  mark;
  char           *region;
  char           *key;
  char           *label;
} MarkMenu;

static void
mark_menu_clear (MarkMenu *menu)
{
  g_clear_object (&menu->session);
  g_clear_pointer (&menu->region, g_free);
  g_clear_pointer (&menu->key, g_free);
  g_clear_pointer (&menu->label, g_free);
}

static void
mark_menu_free (MarkMenu *menu)
{
  mark_menu_clear (menu);
  g_free (menu);
}

static void
records_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkWidget *view = user_data;
  MarkMenu *menu = g_object_get_data (G_OBJECT (view), "atlas-mark-menu");

  if (menu == NULL || menu->session == NULL)
    return;
  if (atlas_session_drill_to_records (menu->session, menu->kind, &menu->mark))
    gtk_widget_activate_action (view, "win.show-page", "s", "records");
}

static void
narrow_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  GtkWidget *view = user_data;
  MarkMenu *menu = g_object_get_data (G_OBJECT (view), "atlas-mark-menu");

  if (menu != NULL && menu->session != NULL)
    atlas_session_drill_mark (menu->session, menu->kind, &menu->mark);
}

static MarkMenu *
ensure_menu (AtlasChartView *view)
{
  MarkMenu *menu = g_object_get_data (G_OBJECT (view), "atlas-mark-menu");
  g_autoptr(GSimpleActionGroup) group = NULL;
  const GActionEntry entries[] = {
    { .name = "records", .activate = records_cb },
    { .name = "narrow", .activate = narrow_cb },
  };

  if (menu != NULL)
    return menu;

  menu = g_new0 (MarkMenu, 1);
  g_object_set_data_full (G_OBJECT (view), "atlas-mark-menu", menu, (GDestroyNotify) mark_menu_free);
  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), view);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "mark", G_ACTION_GROUP (group));
  return menu;
}

static gboolean
unparent_idle (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

/* After the menu's action ran: a popover is a child of the view. */
static void
closed_cb (GtkPopover *popover)
{
  g_idle_add (unparent_idle, g_object_ref (popover));
}

void
atlas_mark_menu_popup (AtlasChartView *view,
                       AtlasSession   *session,
                       guint           index)
{
  AtlasChartLayout *layout = atlas_chart_view_get_layout (view);
  const AtlasChartMark *mark;
  const AtlasQueryResult *result;
  const AtlasGroup *group = NULL;
  g_autoptr(AtlasFilter) filter = NULL;
  g_autoptr(GMenu) model = g_menu_new ();
  gboolean from_records;
  MarkMenu *menu;
  GtkWidget *popover;
  GdkRectangle rect;

  g_return_if_fail (ATLAS_IS_CHART_VIEW (view));
  g_return_if_fail (ATLAS_IS_SESSION (session));

  if (layout == NULL || index >= atlas_chart_layout_get_n_marks (layout))
    return;
  mark = atlas_chart_layout_get_mark (layout, index);

  menu = ensure_menu (view);
  mark_menu_clear (menu);
  menu->session = g_object_ref (session);
  menu->kind = atlas_chart_view_get_kind (view);
  menu->mark = *mark;
  menu->mark.region = menu->region = g_strdup (mark->region);
  menu->mark.key = menu->key = g_strdup (mark->key);
  menu->mark.label = menu->label = g_strdup (mark->label);

  result = atlas_chart_view_get_result (view) ? atlas_shared_result_get (atlas_chart_view_get_result (view)) : NULL;
  if (result != NULL && mark->group_index >= 0 && (guint) mark->group_index < result->groups->len)
    group = g_ptr_array_index (result->groups, mark->group_index);
  /* A group of published figures has no records behind it. */
  from_records = group == NULL || group->origin == ATLAS_GROUP_FROM_RECORDS;
  filter = atlas_session_filter_for_mark (session, menu->kind, mark, NULL);

  if (filter != NULL && from_records && mark->summary.n > 0)
    {
      g_autofree char *count = atlas_money_group_digits (mark->summary.n, FALSE);
      /* Translators: a menu item at a chart's mark; %s is its n */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show the %s Record",
                                                            "Show the %s Records",
                                                            (gulong) mark->summary.n),
                                               count);
      g_menu_append (model, text, "mark.records");
    }
  if (atlas_chart_kind_group_by (menu->kind) != ATLAS_GROUP_REGION && mark->key != NULL)
    {
      /* Translators: a menu item at a chart's mark: narrow the filter to "Senior", "Google" */
      g_autofree char *text = g_strdup_printf (_("Narrow the Filter to %s"),
                                               mark->label ? mark->label : mark->key);
      g_menu_append (model, text, "mark.narrow");
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (model)) == 0)
    return;

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
  gtk_widget_set_parent (popover, GTK_WIDGET (view));
  rect = (GdkRectangle) { floor (mark->anchor_x) - 1, floor (mark->anchor_y) - 1, 2, 2 };
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), TRUE);
  g_signal_connect (popover, "closed", G_CALLBACK (closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

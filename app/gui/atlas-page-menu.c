/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-page-menu.c: the page switcher of a narrow window. The window has
 * ten pages: their view switcher needs some 700 px, and a bottom
 * AdwViewSwitcherBar would give each of them 36 px at 360, too little for
 * any label. So when the header's AdwViewSwitcherTitle gives up its
 * switcher for its title, this button takes the title's place: it names
 * the current page and opens a menu of all pages, the current one checked
 * (a stateful action). The menu follows the view stack's pages (its
 * list model), so pages added to the stack later are in it without a list
 * here. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-page-menu.h"

typedef struct
{
  AdwViewStack      *stack;  /* weak: the window owns it */
  GtkSelectionModel *pages;  /* the stack's, kept up to date by it */
  GSimpleAction     *action;
  GtkLabel          *label;
  GMenu             *menu;
} PageMenu;

static void
page_menu_free (gpointer data)
{
  PageMenu *self = data;

  g_clear_weak_pointer (&self->stack);
  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_clear_object (&self->action);
  g_clear_object (&self->menu);
  g_free (self);
}

/* A page title without its mnemonic underline. */
static char *
page_title (AdwViewStackPage *page)
{
  const char *title = adw_view_stack_page_get_title (page);
  GString *text = g_string_new (NULL);

  for (const char *p = title ? title : ""; *p != '\0'; p++)
    {
      if (*p == '_' && adw_view_stack_page_get_use_underline (page))
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
visible_page_cb (AdwViewStack *stack,
                 GParamSpec   *pspec,
                 GtkWidget    *button)
{
  PageMenu *self = g_object_get_data (G_OBJECT (button), "atlas-page-menu");
  GtkWidget *child = adw_view_stack_get_visible_child (stack);
  AdwViewStackPage *page = child ? adw_view_stack_get_page (stack, child) : NULL;
  const char *name = page ? adw_view_stack_page_get_name (page) : NULL;
  g_autofree char *title = page ? page_title (page) : g_strdup ("");

  gtk_label_set_text (self->label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_simple_action_set_state (self->action, g_variant_new_string (name ? name : ""));
}

static void
change_page_cb (GSimpleAction *action,
                GVariant      *value,
                gpointer       user_data)
{
  PageMenu *self = user_data;

  if (self->stack != NULL)
    adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (value, NULL));
}

/* The stack's pages as they are now, one item each. */
static void
fill_menu (PageMenu *self)
{
  GListModel *pages = G_LIST_MODEL (self->pages);

  g_menu_remove_all (self->menu);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *title = NULL;

      if (!adw_view_stack_page_get_visible (page) || adw_view_stack_page_get_name (page) == NULL)
        continue;
      title = page_title (page);
      item = g_menu_item_new (title, NULL);
      g_menu_item_set_action_and_target (item, "page-menu.show", "s",
                                         adw_view_stack_page_get_name (page));
      g_menu_append_item (self->menu, item);
    }
}

static void
pages_changed_cb (GListModel *pages,
                  guint       position,
                  guint       removed,
                  guint       added,
                  PageMenu   *self)
{
  fill_menu (self);
}

static void
title_visible_cb (AdwViewSwitcherTitle *title,
                  GParamSpec           *pspec,
                  GtkWidget            *button)
{
  gtk_widget_set_visible (button, adw_view_switcher_title_get_title_visible (title));
}

GtkWidget *
atlas_page_menu_new (AdwViewSwitcherTitle *title)
{
  PageMenu *self;
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *arrow;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_return_val_if_fail (ADW_IS_VIEW_SWITCHER_TITLE (title), NULL);
  g_return_val_if_fail (adw_view_switcher_title_get_stack (title) != NULL, NULL);

  self = g_new0 (PageMenu, 1);
  g_set_weak_pointer (&self->stack, adw_view_switcher_title_get_stack (title));
  self->menu = g_menu_new ();
  self->action = g_simple_action_new_stateful ("show", G_VARIANT_TYPE_STRING,
                                               g_variant_new_string (""));
  g_signal_connect (self->action, "change-state", G_CALLBACK (change_page_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->action));

  /* The page's name in the header's title style, ellipsized rather than
   * pushing the buttons beside it, and the arrow that says it opens. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->label, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "title");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
  gtk_box_append (GTK_BOX (box), arrow);

  button = gtk_menu_button_new ();
  gtk_widget_set_name (button, "page-menu");
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), box);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (self->menu));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Switch Page"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Opens the list of pages"), -1);
  gtk_widget_insert_action_group (button, "page-menu", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (button), "atlas-page-menu", self, page_menu_free);
  self->pages = adw_view_stack_get_pages (self->stack);
  g_signal_connect (self->pages, "items-changed", G_CALLBACK (pages_changed_cb), self);
  fill_menu (self);

  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (visible_page_cb),
                           button, 0);
  visible_page_cb (self->stack, NULL, button);
  g_signal_connect_object (title, "notify::title-visible", G_CALLBACK (title_visible_cb),
                           button, 0);
  title_visible_cb (title, NULL, button);

  return button;
}

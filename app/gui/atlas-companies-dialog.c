/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-companies-dialog.c: see the header.
 *
 * The list is read once per change of the data (a query-pool job, about
 * 20k companies for all the shared files) into a GListStore; the search
 * filters it in memory through an incremental GtkFilterListModel, so
 * typing never waits for the database. A row's check button marks it for
 * merging: the marks live in the items, so that a search keeps them. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-companies-dialog.h"
#include "atlas-curation-companies.h"
#include "atlas-curation-ui.h"
#include "atlas-money.h"

/* One company as counted, with the mark of the row's check button. */

#define ATLAS_TYPE_COMPANY_ITEM (atlas_company_item_get_type ())
G_DECLARE_FINAL_TYPE (AtlasCompanyItem, atlas_company_item, ATLAS, COMPANY_ITEM, GObject)

struct _AtlasCompanyItem
{
  GObject            parent_instance;
  AtlasCompanyGroup *group;
  char              *haystack;   /* case-folded names, keys and spellings */
  gboolean           checked;
};

G_DEFINE_FINAL_TYPE (AtlasCompanyItem, atlas_company_item, G_TYPE_OBJECT)

static void
atlas_company_item_finalize (GObject *object)
{
  AtlasCompanyItem *self = ATLAS_COMPANY_ITEM (object);

  g_clear_pointer (&self->group, atlas_company_group_free);
  g_free (self->haystack);

  G_OBJECT_CLASS (atlas_company_item_parent_class)->finalize (object);
}

static void
atlas_company_item_class_init (AtlasCompanyItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_company_item_finalize;
}

static void
atlas_company_item_init (AtlasCompanyItem *self)
{
}

static AtlasCompanyItem *
atlas_company_item_new (AtlasCompanyGroup *group)
{
  AtlasCompanyItem *self = g_object_new (ATLAS_TYPE_COMPANY_ITEM, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  self->group = group;
  for (guint i = 0; i < group->members->len; i++)
    {
      const AtlasCompanyMember *member = g_ptr_array_index (group->members, i);

      g_string_append_printf (text, "%s\n%s\n", member->name, member->key);
      for (guint j = 0; member->spellings[j] != NULL; j++)
        g_string_append_printf (text, "%s\n", member->spellings[j]);
    }
  self->haystack = g_utf8_casefold (text->str, -1);
  return self;
}

struct _AtlasCompaniesDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;

  AtlasSession       *session;
  GListStore         *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *needle;      /* the search, case-folded; NULL: all */
  GCancellable       *cancellable;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (AtlasCompaniesDialog, atlas_companies_dialog, ADW_TYPE_WINDOW)

static char *
count_text (gint64 n_records,
            gint64 n_figures)
{
  g_autofree char *records = atlas_money_group_digits ((guint64) n_records, FALSE);
  g_autofree char *figures = atlas_money_group_digits ((guint64) n_figures, FALSE);
  /* Translators: counts of a company: "1,234 records" */
  g_autofree char *r = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records",
                                                     (gulong) n_records), records);
  /* Translators: counts of a company: "12 figures" (published aggregates) */
  g_autofree char *f = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s figure", "%s figures",
                                                     (gulong) n_figures), figures);

  if (n_figures == 0)
    return g_steal_pointer (&r);
  if (n_records == 0)
    return g_steal_pointer (&f);
  return g_strdup_printf ("%s · %s", r, f);
}

/* "1,234 records · 12 figures", then who is merged in and the spellings. */
static char *
group_subtitle (const AtlasCompanyGroup *group)
{
  g_autofree char *counts = count_text (group->n_records, group->n_figures);
  g_autoptr(GString) merged = g_string_new (NULL);
  g_autoptr(GString) spellings = g_string_new (NULL);
  GString *text = g_string_new (counts);

  for (guint i = 0; i < group->members->len; i++)
    {
      const AtlasCompanyMember *member = g_ptr_array_index (group->members, i);

      if (member->merged)
        {
          g_autofree char *n = count_text (member->n_records, member->n_figures);

          g_string_append_printf (merged, "%s%s (%s)", merged->len > 0 ? ", " : "", member->name, n);
        }
      for (guint j = 0; member->spellings[j] != NULL; j++)
        g_string_append_printf (spellings, "%s%s", spellings->len > 0 ? ", " : "",
                                member->spellings[j]);
    }
  if (merged->len > 0)
    /* Translators: the companies the user merged into this one, with their counts */
    g_string_append_printf (text, "\n%s %s", _("Merged in:"), merged->str);
  if (spellings->len > 0)
    /* Translators: the raw spellings in the data that count as this company */
    g_string_append_printf (text, "\n%s %s", _("Spellings:"), spellings->str);
  return g_string_free (text, FALSE);
}

static void update_selection (AtlasCompaniesDialog *self);

/* Rows */

static void
check_toggled_cb (GtkCheckButton *check,
                  GtkListItem    *list_item)
{
  AtlasCompanyItem *item = gtk_list_item_get_item (list_item);
  AtlasCompaniesDialog *self = g_object_get_data (G_OBJECT (check), "dialog");

  if (item == NULL || item->checked == gtk_check_button_get_active (check))
    return;
  item->checked = gtk_check_button_get_active (check);
  update_selection (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AtlasCompaniesDialog     *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *split = gtk_menu_button_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), "dialog", self);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), list_item);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);

  /* Translators: a button that opens the list of merges to undo one by one */
  gtk_menu_button_set_label (GTK_MENU_BUTTON (split), _("Split"));
  gtk_widget_set_valign (split, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), split);
  gtk_list_item_set_child (list_item, box);
  /* The check button takes the focus; the row needs none of its own. */
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         AtlasCompaniesDialog     *self)
{
  AtlasCompanyItem *item = gtk_list_item_get_item (list_item);
  const AtlasCompanyGroup *group = item->group;
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (check);
  GtkWidget *split = gtk_widget_get_next_sibling (labels);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  g_autofree char *subtitle = group_subtitle (group);
  /* Translators: the accessible name of a company's check button */
  g_autofree char *check_name = g_strdup_printf (_("Select %s"), group->name);
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->checked);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check_name, -1);
  gtk_label_set_text (GTK_LABEL (title), group->name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), subtitle);

  for (guint i = 0; i < group->members->len; i++)
    {
      const AtlasCompanyMember *member = g_ptr_array_index (group->members, i);
      g_autoptr(GMenuItem) menu_item = NULL;
      g_autofree char *label = NULL;

      if (!member->merged)
        continue;
      /* Translators: a menu item: "Split Uber Technologies From Uber" */
      label = g_strdup_printf (_("Split %s From %s"), member->name, group->name);
      menu_item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (menu_item, "companies.split",
                                               g_variant_new_string (member->key));
      g_menu_append_item (menu, menu_item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (split), G_MENU_MODEL (menu));
  gtk_widget_set_visible (split, g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
  {
    /* Translators: the accessible name of a company's Split menu button */
    g_autofree char *split_name = g_strdup_printf (_("Split %s"), group->name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (split), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    split_name, -1);
  }
}

/* The search and the selection */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  AtlasCompaniesDialog *self = user_data;

  return self->needle == NULL || strstr (ATLAS_COMPANY_ITEM (item)->haystack, self->needle) != NULL;
}

/* The checked items, most records first (the list's order). */
static GPtrArray *
checked_items (AtlasCompaniesDialog *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      AtlasCompanyItem *item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (item->checked)
        g_ptr_array_add (items, item);
      else
        g_object_unref (item);
    }
  return items;
}

static void
update_selection (AtlasCompaniesDialog *self)
{
  g_autoptr(GPtrArray) checked = checked_items (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *shown_text = atlas_money_group_digits (shown, FALSE);
  g_autofree char *text = NULL;

  if (!self->loaded)
    text = g_strdup ("");
  else if (checked->len > 0)
    {
      g_autofree char *n = atlas_money_group_digits (checked->len, FALSE);

      /* Translators: "12 companies shown, 2 selected" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s company shown, %s selected",
                                           "%s companies shown, %s selected", shown),
                              shown_text, n);
    }
  else
    /* Translators: "12 companies shown" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s company shown", "%s companies shown",
                                         shown), shown_text);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "companies.merge", checked->len >= 2);
  if (self->loaded)
    gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
search_changed_cb (AtlasCompaniesDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (self->needle != NULL && text[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (text, -1);

      /* Typing on narrows what is shown; deleting widens it. */
      if (strstr (needle, self->needle) != NULL)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (strstr (self->needle, needle) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;
    }
  g_free (self->needle);
  self->needle = text[0] != '\0' ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
items_changed_cb (AtlasCompaniesDialog *self)
{
  update_selection (self);
}

/* Reading */

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AtlasCompaniesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = atlas_curation_companies_finish (result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (groups == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the companies: %s", error->message);
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_free_func (groups, NULL);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (items, atlas_company_item_new (g_ptr_array_index (groups, i)));
  self->loaded = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  update_selection (self);
}

static void
atlas_companies_dialog_reload (AtlasCompaniesDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  atlas_curation_companies_async (atlas_session_get_db_path (self->session), NULL,
                                  self->cancellable, listed_cb, g_object_ref (self));
}

/* Actions */

typedef struct
{
  AtlasCompaniesDialog *self;
  GtkEntry             *entry;
  GStrv                 keys;
} Merge;

static void
merge_free (Merge *merge)
{
  g_object_unref (merge->self);
  g_strfreev (merge->keys);
  g_free (merge);
}

static char *
entry_name (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Merge            *merge)
{
  g_autofree char *name = entry_name (merge->entry);

  if (g_strcmp0 (response, "merge") == 0 && name[0] != '\0')
    atlas_curation_ui_merge (GTK_WIDGET (merge->self), merge->self->session,
                             (const char * const *) merge->keys, name);
  merge_free (merge);
}

/* A name is needed: empty or blank, Merge is off. */
static void
merge_name_changed_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *name = entry_name (entry);

  adw_message_dialog_set_response_enabled (dialog, "merge", name[0] != '\0');
}

static void
merge_name_activate_cb (GtkEntry         *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *name = entry_name (entry);

  if (name[0] != '\0')
    adw_message_dialog_response (dialog, "merge");
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasCompaniesDialog *self = ATLAS_COMPANIES_DIALOG (widget);
  g_autoptr(GPtrArray) checked = checked_items (self);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *count = NULL;
  GtkWidget *dialog, *entry;
  Merge *merge;

  if (checked->len < 2)
    return;
  for (guint i = 0; i < checked->len; i++)
    {
      const AtlasCompanyGroup *group = ATLAS_COMPANY_ITEM (g_ptr_array_index (checked, i))->group;

      g_strv_builder_add (keys, group->key);
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", group->name);
    }

  count = atlas_money_group_digits (checked->len, FALSE);
  /* Translators: the heading of the merge dialog; %s is a number */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merge %s Company?",
                                          "Merge %s Companies?", checked->len), count);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  /* Translators: %s lists the companies to merge */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s will count as one company, under the name below, in "
                                    "every source, present and future. Undo or Split takes "
                                    "it back."), names->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* The company with the most records is the likely name. */
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         ATLAS_COMPANY_ITEM (g_ptr_array_index (checked, 0))->group->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name to merge into"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (merge_name_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (merge_name_activate_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  merge = g_new0 (Merge, 1);
  merge->self = g_object_ref (self);
  merge->entry = GTK_ENTRY (entry);
  merge->keys = g_strv_builder_end (keys);
  g_signal_connect (dialog, "response", G_CALLBACK (merge_response_cb), merge);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasCompaniesDialog *self = ATLAS_COMPANIES_DIALOG (widget);

  atlas_curation_ui_split (widget, self->session, g_variant_get_string (parameter, NULL));
}

static void
atlas_companies_dialog_dispose (GObject *object)
{
  AtlasCompaniesDialog *self = ATLAS_COMPANIES_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (atlas_companies_dialog_parent_class)->dispose (object);
}

static void
atlas_companies_dialog_class_init (AtlasCompaniesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_companies_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-companies-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasCompaniesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasCompaniesDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasCompaniesDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasCompaniesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasCompaniesDialog, list_view);
  gtk_widget_class_install_action (widget_class, "companies.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "companies.split", "s", split_action);
}

static void
atlas_companies_dialog_init (AtlasCompaniesDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (ATLAS_TYPE_COMPANY_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  /* Filtered in steps between frames: typing stays smooth at 20k companies. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (items_changed_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_object_unref (factory);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "companies.merge", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

GtkWidget *
atlas_companies_dialog_new (GtkWindow    *parent,
                            AtlasSession *session)
{
  AtlasCompaniesDialog *self;

  g_return_val_if_fail (ATLAS_IS_SESSION (session), NULL);

  self = g_object_new (ATLAS_TYPE_COMPANIES_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_swapped (session, "data-changed", G_CALLBACK (atlas_companies_dialog_reload), self);
  atlas_companies_dialog_reload (self);
  return GTK_WIDGET (self);
}

int
atlas_companies_dialog_get_n_shown (AtlasCompaniesDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPANIES_DIALOG (self), -1);

  if (!self->loaded)
    return -1;
  return (int) g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

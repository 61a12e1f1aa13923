/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-page.c: see the header. */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-records-page.h"

struct _AtlasRecordsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkColumnView     *column_view;

  AtlasSession      *session;
  AtlasRecordsModel *model;
  GtkSorter         *view_sorter;
  /* The column whose sorter a probe comparison reached first. */
  int                probe;
  AtlasRecordItem   *probe_items[2];
};

G_DEFINE_FINAL_TYPE (AtlasRecordsPage, atlas_records_page, GTK_TYPE_WIDGET)

static const struct
{
  const char       *property;   /* of AtlasRecordItem */
  const char       *title;
  AtlasRecordsSort  sort;       /* DEFAULT: not sortable */
  gboolean          numeric;
  gboolean          expand;
} columns[] = {
  { "title",   N_("Title"),   ATLAS_RECORDS_SORT_TITLE,   FALSE, TRUE },
  { "company", N_("Company"), ATLAS_RECORDS_SORT_COMPANY, FALSE, TRUE },
  { "country", N_("Country"), ATLAS_RECORDS_SORT_COUNTRY, FALSE, FALSE },
  { "level",   N_("Level"),   ATLAS_RECORDS_SORT_LEVEL,   FALSE, FALSE },
  { "years",   N_("Years"),   ATLAS_RECORDS_SORT_YEARS,   TRUE,  FALSE },
  { "pay",     N_("Pay"),     ATLAS_RECORDS_SORT_PAY,     TRUE,  FALSE },
  { "basis",   N_("Basis"),   ATLAS_RECORDS_SORT_DEFAULT, FALSE, FALSE },
  { "year",    N_("Year"),    ATLAS_RECORDS_SORT_YEAR,    TRUE,  FALSE },
  { "source",  N_("Source"),  ATLAS_RECORDS_SORT_SOURCE,  FALSE, TRUE },
};

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (columns[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* A cell follows its item: a placeholder fills in when its page arrives. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (item),
                                              columns[column].property,
                                              gtk_list_item_get_child (item), "label",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (item), "atlas-binding", binding);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "atlas-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* GTK 4.8 cannot say which column the view sorts by (that came in 4.10):
 * a comparison through the view's sorter asks the primary column's sorter
 * first, and that one notes its column and answers "smaller", which the
 * view inverts when the order is descending. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AtlasRecordsPage *self = g_object_get_data (G_OBJECT (a), "atlas-page");

  if (self != NULL && self->probe < 0)
    self->probe = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
atlas_records_page_read_sort (AtlasRecordsPage *self,
                              AtlasRecordsSort *sort,
                              gboolean         *descending)
{
  GtkOrdering order;

  self->probe = -1;
  order = gtk_sorter_compare (self->view_sorter, self->probe_items[0], self->probe_items[1]);
  if (self->probe < 0)
    {
      *sort = ATLAS_RECORDS_SORT_DEFAULT;
      *descending = FALSE;
      return;
    }
  *sort = columns[self->probe].sort;
  *descending = order == GTK_ORDERING_LARGER;
}

void
atlas_records_page_reload (AtlasRecordsPage *self)
{
  const AtlasFilter *filter;
  g_autoptr(AtlasRecordsQuery) query = NULL;
  const char *search;

  g_return_if_fail (ATLAS_IS_RECORDS_PAGE (self));

  filter = atlas_session_get_filter (self->session);
  if (filter == NULL)
    return;

  query = atlas_records_query_new (filter);
  /* Records only for now: the published figures (with_figures) belong in
   * a marked section of their own, and the count says "records". */
  query->with_figures = FALSE;
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (search[0] != '\0')
    query->search = g_strdup (search);
  atlas_records_page_read_sort (self, &query->sort, &query->descending);
  atlas_records_model_set_query (self->model, query);
}

static void
update_count (AtlasRecordsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (atlas_records_model_get_counting (self->model))
    {
      gtk_label_set_text (self->count_label, _("Counting…"));
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  gtk_label_set_text (self->count_label, text);
}

static void
search_changed_cb (AtlasRecordsPage *self,
                   GtkSearchEntry   *entry)
{
  atlas_records_page_reload (self);
}

static void
atlas_records_page_dispose (GObject *object)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->view_sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->view_sorter, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_RECORDS_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_items[0]);
  g_clear_object (&self->probe_items[1]);
  self->view_sorter = NULL;

  G_OBJECT_CLASS (atlas_records_page_parent_class)->dispose (object);
}

static void
atlas_records_page_class_init (AtlasRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_records_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
atlas_records_page_init (AtlasRecordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->probe_items); i++)
    {
      self->probe_items[i] = g_object_new (ATLAS_TYPE_RECORD_ITEM, NULL);
      g_object_set_data (G_OBJECT (self->probe_items[i]), "atlas-page", self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].sort != ATLAS_RECORDS_SORT_DEFAULT)
        {
          GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare,
                                                                 GINT_TO_POINTER (i), NULL));
          gtk_column_view_column_set_sorter (column, sorter);
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
filter_changed_cb (AtlasRecordsPage *self)
{
  atlas_records_page_reload (self);
}

GtkWidget *
atlas_records_page_new (AtlasSession *session)
{
  AtlasRecordsPage *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (ATLAS_IS_SESSION (session), NULL);

  self = g_object_new (ATLAS_TYPE_RECORDS_PAGE, NULL);
  self->session = g_object_ref (session);
  self->model = atlas_records_model_new (atlas_session_get_db_path (session));
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  /* The view sorts nothing itself: a new order is a new query. */
  self->view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_swapped (self->view_sorter, "changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (session, "notify::filter", G_CALLBACK (filter_changed_cb), self);
  /* A new catalog: the data changed (an import, a refresh). */
  g_signal_connect_swapped (session, "notify::catalog", G_CALLBACK (filter_changed_cb), self);

  atlas_records_page_reload (self);
  return GTK_WIDGET (self);
}

AtlasRecordsModel *
atlas_records_page_get_model (AtlasRecordsPage *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_PAGE (self), NULL);

  return self->model;
}

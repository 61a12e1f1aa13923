/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-page.c: see the header. */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-add-figure-dialog.h"
#include "atlas-companies-dialog.h"
#include "atlas-dialog-size.h"
#include "atlas-curated-dialog.h"
#include "atlas-curation-ui.h"
#include "atlas-money.h"
#include "atlas-record-detail.h"
#include "atlas-records-page.h"
#include "atlas-records-pay.h"
#include "atlas-records-title-cell.h"

struct _AtlasRecordsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkLabel          *figures_label;
  GtkColumnView     *column_view;
  GtkMenuButton     *exclude_button;
  GtkMenuButton     *exclude_icon_button;
  GtkWidget         *sorting_box;
  GtkSpinner        *sorting_spinner;

  AtlasSession      *session;
  AtlasRecordsModel *model;
  GtkSingleSelection *selection;
  gboolean           show_figures;
  gboolean           show_excluded;
  GtkSorter         *view_sorter;
  GPtrArray         *view_columns;   /* GtkColumnViewColumn*, as columns[] */
  int                width_shown;    /* the width class the columns show: see below */
  int                width_class;    /* the one of the last allocation */
  guint              width_idle;
  gboolean           rows_traced;
  /* The column whose sorter a probe comparison reached first. */
  int                probe;
  AtlasRecordItem   *probe_items[2];
};

G_DEFINE_FINAL_TYPE (AtlasRecordsPage, atlas_records_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SHOW_FIGURES,
  PROP_SHOW_EXCLUDED,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Width classes: a narrow page (a phone, 360 px) shows the title, the
 * company and the pay in the chosen mode whole, without scrolling
 * sideways; a middle one adds the source's own pay; a wide one (the
 * default 1200 px window beside the filter pane, about 890 px) the
 * country, years, year and source; a full one (a maximized window) the
 * level and basis too. With all ten columns at 890 px the title kept
 * about 12 characters ("Machine L…"); without level and basis it gets
 * about twice that. Every cut text shows whole in its tooltip. A narrow
 * page has no company column: the title cell shows the company (or,
 * without one, the source) dimmed beneath the title, as a phone's list
 * does; an empty company column took 150 of 360 px and left the title
 * "Ma…" beside the German "Kennzahl" badge. */
enum { WIDTH_NARROW, WIDTH_MIDDLE, WIDTH_WIDE, WIDTH_FULL };
#define WIDTH_MIDDLE_FROM 560
#define WIDTH_WIDE_FROM   860
#define WIDTH_FULL_FROM   1180

/* The column of the pay in the chosen currency mode: its cells are not an
 * item property but a conversion (atlas-records-pay.c). */
#define CONVERTED "converted"

static const struct
{
  const char       *property;   /* of AtlasRecordItem */
  const char       *title;
  AtlasRecordsSort  sort;       /* DEFAULT: not sortable */
  gboolean          numeric;
  gboolean          expand;
  int               shown_from; /* the narrowest width class that shows it */
  int               max_chars;  /* the widest its text asks for; 0: all of it */
} columns[] = {
  /* Only the title takes the width left, and company and source names ask
   * for at most about 20 characters (a figure's basis, 24): with three expanding columns a title
   * showed as "Ma…" at 1200 px. (A fixed width would be their minimum too,
   * and the view would not fit a narrow window.) See setup_cb too. */
  { "title",   N_("Title"),   ATLAS_RECORDS_SORT_TITLE,   FALSE, TRUE,  WIDTH_NARROW, 0 },
  { "company", N_("Company"), ATLAS_RECORDS_SORT_COMPANY, FALSE, FALSE, WIDTH_MIDDLE, 20 },
  { "country", N_("Country"), ATLAS_RECORDS_SORT_COUNTRY, FALSE, FALSE, WIDTH_WIDE,   0 },
  { "level",   N_("Level"),   ATLAS_RECORDS_SORT_LEVEL,   FALSE, FALSE, WIDTH_FULL,   0 },
  { "years",   N_("Years"),   ATLAS_RECORDS_SORT_YEARS,   TRUE,  FALSE, WIDTH_WIDE,   0 },
  { "pay",     N_("Pay"),     ATLAS_RECORDS_SORT_PAY,     TRUE,  FALSE, WIDTH_MIDDLE, 0 },
  { CONVERTED, NULL,          ATLAS_RECORDS_SORT_CONVERTED, TRUE, FALSE, WIDTH_NARROW, 0 },
  { "basis",   N_("Basis"),   ATLAS_RECORDS_SORT_BASIS,   FALSE, FALSE, WIDTH_FULL,   24 },
  { "year",    N_("Year"),    ATLAS_RECORDS_SORT_YEAR,    TRUE,  FALSE, WIDTH_WIDE,   0 },
  { "source",  N_("Source"),  ATLAS_RECORDS_SORT_SOURCE,  FALSE, FALSE, WIDTH_WIDE,   20 },
};

/* A text cut short ("Machine L…") shows whole on hover; a company also
 * its own spelling in the source. The accessible name is the whole text
 * anyway: only what is drawn is cut. */
static gboolean
query_tooltip_cb (GtkLabel   *label,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  GtkListItem *list_item = user_data;

  return atlas_records_cell_query_tooltip (label, tooltip, gtk_list_item_get_item (list_item),
                                           g_object_get_data (G_OBJECT (label),
                                                              "atlas-company") != NULL);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label;

  /* The title says whether the row is a figure or excluded, with a badge;
   * in a narrow page the company or source is beneath it (see above). */
  if (g_str_equal (columns[column].property, "title"))
    {
      GtkWidget *cell = atlas_records_title_cell_new ();

      g_object_bind_property (g_object_get_data (G_OBJECT (factory), "atlas-page"), "narrow",
                              cell, "narrow", G_BINDING_SYNC_CREATE);
      gtk_list_item_set_child (item, cell);
      return;
    }

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1.0 : 0.0);
  /* An amount is shown whole ("$140,…" says nothing): the text columns
   * give way. */
  if (columns[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);
      if (g_str_equal (columns[column].property, "company"))
        g_object_set_data (G_OBJECT (label), "atlas-company", GINT_TO_POINTER (TRUE));
    }
  if (columns[column].max_chars > 0)
    gtk_label_set_max_width_chars (GTK_LABEL (label), columns[column].max_chars);
  gtk_list_item_set_child (item, label);
}

/* The pay in the session's currency mode, "—" with the reason on hover. */
static void
converted_changed_cb (AtlasRecordItem *item,
                      GParamSpec      *pspec,
                      GtkLabel        *label)
{
  AtlasRecordsPage *self = g_object_get_data (G_OBJECT (label), "atlas-page");
  const AtlasRecordRow *row = atlas_record_item_get_row (item);
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;

  if (row != NULL && self != NULL && self->session != NULL)
    text = atlas_records_pay_in_mode (row, atlas_session_get_catalog (self->session),
                                      atlas_session_get_currency_mode (self->session), &why);
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), why);

  /* For build-aux/take-screenshots.sh: the rows, not the placeholders. */
  if (row != NULL && self != NULL && !self->rows_traced &&
      g_strcmp0 (g_getenv ("SALARY_ATLAS_TRACE_LATENCY"), "1") == 0)
    {
      self->rows_traced = TRUE;
      g_printerr ("records: first rows shown\n");
    }
}

/* The company's own spelling in the source, for a screen reader too (the
 * tooltip shows only on hover). */
static void
company_changed_cb (AtlasRecordItem *item,
                    GParamSpec      *pspec,
                    GtkWidget       *label)
{
  atlas_records_cell_describe_company (label, item);
}

/* A cell follows its item: a placeholder fills in when its page arrives. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GObject *record = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GPtrArray *bindings;

  if (ATLAS_IS_RECORDS_TITLE_CELL (child))
    {
      atlas_records_title_cell_bind (ATLAS_RECORDS_TITLE_CELL (child), ATLAS_RECORD_ITEM (record));
      return;
    }
  if (g_str_equal (columns[column].property, CONVERTED))
    {
      g_object_set_data (G_OBJECT (child), "atlas-page",
                         g_object_get_data (G_OBJECT (factory), "atlas-page"));
      /* "pay" notifies when the item's page of rows arrives. */
      g_signal_connect_object (record, "notify::pay", G_CALLBACK (converted_changed_cb), child, 0);
      converted_changed_cb (ATLAS_RECORD_ITEM (record), NULL, GTK_LABEL (child));
      return;
    }
  /* The company as counted; its own spelling in the source is in its
   * tooltip (query_tooltip_cb) and accessible description. */
  bindings = g_ptr_array_new ();
  g_ptr_array_add (bindings, g_object_bind_property (record, columns[column].property,
                                                     child, "label", G_BINDING_SYNC_CREATE));
  if (g_str_equal (columns[column].property, "company"))
    {
      g_signal_connect_object (record, "notify::company-tooltip",
                               G_CALLBACK (company_changed_cb), child, 0);
      company_changed_cb (ATLAS_RECORD_ITEM (record), NULL, child);
    }

  g_object_set_data_full (G_OBJECT (item), "atlas-bindings", bindings,
                          (GDestroyNotify) g_ptr_array_unref);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GPtrArray *bindings = g_object_steal_data (G_OBJECT (item), "atlas-bindings");
  GtkWidget *child = gtk_list_item_get_child (item);
  GObject *record = gtk_list_item_get_item (item);

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_clear_pointer (&bindings, g_ptr_array_unref);
  if (ATLAS_IS_RECORDS_TITLE_CELL (child))
    atlas_records_title_cell_bind (ATLAS_RECORDS_TITLE_CELL (child), NULL);
  if (GTK_IS_LABEL (child) && record != NULL)
    {
      g_signal_handlers_disconnect_by_func (record, converted_changed_cb, child);
      g_signal_handlers_disconnect_by_func (record, company_changed_cb, child);
    }
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
  /* The published figures come after the records, marked (a badge). */
  query->with_figures = self->show_figures;
  query->excluded = self->show_excluded ? ATLAS_RECORDS_WITH_EXCLUDED
                                        : ATLAS_RECORDS_WITHOUT_EXCLUDED;
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (search[0] != '\0')
    query->search = g_strdup (search);
  atlas_records_page_read_sort (self, &query->sort, &query->descending);
  query->mode = atlas_session_get_currency_mode (self->session);
  atlas_records_model_set_query (self->model, query);
}

static void
update_count (AtlasRecordsPage *self)
{
  gint64 n_records = 0, n_figures = 0;
  g_autofree char *records = NULL;
  g_autofree char *text = NULL;

  if (atlas_records_model_get_counting (self->model))
    {
      gtk_label_set_text (self->count_label, _("Counting…"));
      gtk_widget_set_visible (GTK_WIDGET (self->figures_label), FALSE);
      return;
    }
  atlas_records_model_get_counts (self->model, &n_records, &n_figures);
  records = atlas_money_group_digits ((guint64) n_records, FALSE);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records",
                                       (gulong) n_records), records);
  gtk_label_set_text (self->count_label, text);

  /* The figures on a line of their own: the records' count is what a
   * chart's n is compared with. */
  gtk_widget_set_visible (GTK_WIDGET (self->figures_label), self->show_figures && n_figures > 0);
  if (self->show_figures && n_figures > 0)
    {
      g_autofree char *figures = atlas_money_group_digits ((guint64) n_figures, FALSE);
      g_autofree char *with = NULL;

      /* Translators: below "1,234 records" in the Records page */
      with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s published figure",
                                           "and %s published figures", (gulong) n_figures),
                              figures);
      gtk_label_set_text (self->figures_label, with);
    }
}

/* The selected row, NULL when none is or it is still a placeholder. */
static AtlasRecordItem *
atlas_records_page_get_selected (AtlasRecordsPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || atlas_record_item_get_row (item) == NULL)
    return NULL;
  return item;
}

static void
atlas_records_page_update_actions (AtlasRecordsPage *self)
{
  AtlasRecordItem *item = atlas_records_page_get_selected (self);
  const AtlasRecordRow *row = item ? atlas_record_item_get_row (item) : NULL;
  gint64 n_records = 0;
  gboolean counting = atlas_records_model_get_counting (self->model);

  atlas_records_model_get_counts (self->model, &n_records, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.details", row != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.exclude",
                                 row != NULL && row->excluded_reason == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->exclude_button),
                            row != NULL && row->excluded_reason == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->exclude_icon_button),
                            row != NULL && row->excluded_reason == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.restore",
                                 row != NULL && row->excluded_reason != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.exclude-shown",
                                 !counting && n_records > 0 && !self->show_excluded);
}

/* For build-aux/take-screenshots.sh: SALARY_ATLAS_SCREENSHOT_DIALOG=detail
 * opens the first row's detail, =curated the Curated dialog, =add-figure
 * the Add Figure form, =companies the Companies dialog, once the first
 * rows are read. */
static gboolean
screenshot_dialog_cb (gpointer data)
{
  AtlasRecordsPage *self = data;
  const char *dialog = g_getenv ("SALARY_ATLAS_SCREENSHOT_DIALOG");

  if (g_strcmp0 (dialog, "detail") == 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self), "records.details", NULL);
    }
  else if (g_strcmp0 (dialog, "curated") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "records.curated", NULL);
  else if (g_strcmp0 (dialog, "add-figure") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "records.add-figure", NULL);
  else if (g_strcmp0 (dialog, "companies") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "records.companies", NULL);
  return G_SOURCE_REMOVE;
}

/* "Sorting…" over the list while the first rows of a new order are read
 * (seconds the first time a column sorts 10M records); choosing another
 * order meanwhile cancels it. */
static void
sorting_changed_cb (AtlasRecordsPage *self)
{
  gboolean sorting = atlas_records_model_get_sorting (self->model);

  gtk_widget_set_visible (self->sorting_box, sorting);
  gtk_spinner_set_spinning (self->sorting_spinner, sorting);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->column_view),
                               GTK_ACCESSIBLE_STATE_BUSY, sorting, -1);
}

static void
model_changed_cb (AtlasRecordsPage *self)
{
  static gboolean screenshot_done;

  update_count (self);
  atlas_records_page_update_actions (self);
  if (!screenshot_done && !atlas_records_model_get_counting (self->model) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 &&
      g_getenv ("SALARY_ATLAS_SCREENSHOT_DIALOG") != NULL)
    {
      screenshot_done = TRUE;
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (self->model), 0));
      g_timeout_add_full (G_PRIORITY_DEFAULT, 2000, screenshot_dialog_cb, g_object_ref (self),
                          g_object_unref);
    }
}

static void
row_activated_cb (AtlasRecordsPage *self,
                  guint             position,
                  GtkColumnView    *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "records.details", NULL);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  AtlasRecordItem *item = atlas_records_page_get_selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *detail;

  if (item == NULL)
    return;
  detail = atlas_record_detail_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->session, item);
  gtk_window_present (GTK_WINDOW (detail));
}

static void
exclude_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  AtlasRecordItem *item = atlas_records_page_get_selected (self);
  AtlasExclusionReason reason;

  if (item == NULL ||
      !atlas_exclusion_reason_from_string (g_variant_get_string (parameter, NULL), &reason))
    return;
  atlas_curation_ui_exclude (widget, self->session, atlas_record_item_get_row (item)->uid, reason);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  AtlasRecordItem *item = atlas_records_page_get_selected (self);

  if (item != NULL)
    atlas_curation_ui_restore (widget, self->session, atlas_record_item_get_row (item)->uid);
}

static void
exclude_shown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  const AtlasRecordsQuery *query = atlas_records_model_get_query (self->model);
  gint64 n_records = 0;

  if (query == NULL || atlas_records_model_get_counting (self->model))
    return;
  atlas_records_model_get_counts (self->model, &n_records, NULL);
  atlas_curation_ui_exclude_query (widget, self->session, query, n_records);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);

  atlas_curation_ui_undo (widget, self->session);
}

static void
curated_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = atlas_curated_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                self->session);

  atlas_dialog_present (GTK_WINDOW (dialog));
}

static void
add_figure_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  atlas_dialog_present (GTK_WINDOW (atlas_add_figure_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                 self->session)));
}

static void
companies_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  atlas_dialog_present (GTK_WINDOW (atlas_companies_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                self->session)));
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
  g_clear_object (&self->selection);
  g_clear_object (&self->probe_items[0]);
  g_clear_object (&self->probe_items[1]);
  g_clear_pointer (&self->view_columns, g_ptr_array_unref);
  g_clear_handle_id (&self->width_idle, g_source_remove);
  self->view_sorter = NULL;

  G_OBJECT_CLASS (atlas_records_page_parent_class)->dispose (object);
}

static void
atlas_records_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_FIGURES:
      g_value_set_boolean (value, self->show_figures);
      break;
    case PROP_SHOW_EXCLUDED:
      g_value_set_boolean (value, self->show_excluded);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->width_shown == WIDTH_NARROW);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_records_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (object);
  gboolean *field;

  switch (prop_id)
    {
    case PROP_SHOW_FIGURES:
      field = &self->show_figures;
      break;
    case PROP_SHOW_EXCLUDED:
      field = &self->show_excluded;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_boolean (value))
    return;
  *field = g_value_get_boolean (value);
  g_object_notify_by_pspec (object, pspec);
  if (self->session != NULL)
    atlas_records_page_reload (self);
}

/* The columns a width class shows. Changed from an idle, never in the
 * allocation that found the new width (a change queues a resize). */
static gboolean
apply_width_cb (gpointer data)
{
  AtlasRecordsPage *self = data;
  gboolean narrow_changed;

  self->width_idle = 0;
  /* A page the stack has hidden meanwhile keeps its columns: changing them
   * then resizes a column view that is not shown, which can be allocated
   * a negative width (GTK warned so once the test switched pages at
   * 360 px); its next allocation, once shown, asks again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  narrow_changed = (self->width_shown == WIDTH_NARROW) != (self->width_class == WIDTH_NARROW);
  self->width_shown = self->width_class;
  if (narrow_changed)
    {
      gboolean narrow = self->width_shown == WIDTH_NARROW;

      /* The counts beneath the list wrap in a narrow page, where the German
       * "und 144 veröffentlichte K…" was cut beside the buttons, and end
       * in "…" in a wider one: there a wrapping label was given the width
       * that fits the action bar's height, which the buttons set, and
       * broke "and 144 published figures" in two at 1200 px. */
      gtk_label_set_wrap (self->count_label, narrow);
      gtk_label_set_ellipsize (self->count_label, narrow ? PANGO_ELLIPSIZE_NONE
                                                         : PANGO_ELLIPSIZE_END);
      gtk_label_set_wrap (self->figures_label, narrow);
      gtk_label_set_ellipsize (self->figures_label, narrow ? PANGO_ELLIPSIZE_NONE
                                                           : PANGO_ELLIPSIZE_END);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }
  if (self->width_shown >= WIDTH_WIDE)
    gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "wide");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->column_view), "wide");
  for (guint i = 0; i < self->view_columns->len; i++)
    gtk_column_view_column_set_visible (g_ptr_array_index (self->view_columns, i),
                                        columns[i].shown_from <= self->width_shown);
  return G_SOURCE_REMOVE;
}

static void
atlas_records_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* As GtkBinLayout, and notes the width class. */
static void
atlas_records_page_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  AtlasRecordsPage *self = ATLAS_RECORDS_PAGE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  self->width_class = width >= WIDTH_FULL_FROM ? WIDTH_FULL
                      : width >= WIDTH_WIDE_FROM ? WIDTH_WIDE
                      : width >= WIDTH_MIDDLE_FROM ? WIDTH_MIDDLE : WIDTH_NARROW;
  if (self->width_class != self->width_shown && self->width_idle == 0)
    self->width_idle = g_idle_add (apply_width_cb, self);
}

/* The chosen currency mode's column: its header, and its cells anew. */
static void
currency_mode_changed_cb (AtlasRecordsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].property, CONVERTED))
      gtk_column_view_column_set_title (g_ptr_array_index (self->view_columns, i),
                                        atlas_records_pay_mode_title (atlas_session_get_currency_mode (self->session)));
  atlas_records_page_reload (self);
}

static void
atlas_records_page_class_init (AtlasRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_records_page_dispose;
  object_class->get_property = atlas_records_page_get_property;
  object_class->set_property = atlas_records_page_set_property;

  /* The published figures that match, after the records, marked. */
  properties[PROP_SHOW_FIGURES] =
    g_param_spec_boolean ("show-figures", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The records the user excluded too, marked, so that they can be restored. */
  properties[PROP_SHOW_EXCLUDED] =
    g_param_spec_boolean ("show-excluded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the width class is the narrow one: its title cells show two lines. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, figures_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, sorting_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, sorting_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, exclude_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsPage, exclude_icon_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "records.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "records.exclude", "s", exclude_action);
  gtk_widget_class_install_action (widget_class, "records.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "records.exclude-shown", NULL,
                                   exclude_shown_action);
  gtk_widget_class_install_action (widget_class, "records.curated", NULL, curated_action);
  gtk_widget_class_install_action (widget_class, "records.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "records.add-figure", NULL, add_figure_action);
  gtk_widget_class_install_action (widget_class, "records.companies", NULL, companies_action);
  /* A text field takes Ctrl+Z itself first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "records.undo", NULL);
  gtk_widget_class_install_property_action (widget_class, "records.show-figures", "show-figures");
  gtk_widget_class_install_property_action (widget_class, "records.show-excluded",
                                            "show-excluded");
}

static void
atlas_records_page_init (AtlasRecordsPage *self)
{
  g_autoptr(GMenuModel) reasons = atlas_curation_ui_reason_menu ("records.exclude");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, atlas_records_page_measure,
                                                        atlas_records_page_allocate));
  self->view_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->width_shown = self->width_class = WIDTH_FULL;
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "wide");
  gtk_menu_button_set_menu_model (self->exclude_button, reasons);
  gtk_menu_button_set_menu_model (self->exclude_icon_button, reasons);
  self->show_figures = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (self->probe_items); i++)
    {
      self->probe_items[i] = g_object_new (ATLAS_TYPE_RECORD_ITEM, NULL);
      g_object_set_data (G_OBJECT (self->probe_items[i]), "atlas-page", self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "atlas-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (columns[i].title ? _(columns[i].title)
                                                            : atlas_records_pay_mode_title (ATLAS_CURRENCY_MODE_USD),
                                           factory);
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
      g_ptr_array_add (self->view_columns, column);
    }
}

static void
filter_changed_cb (AtlasRecordsPage *self)
{
  atlas_records_page_reload (self);
}

/* The user's curation changed rows, not the question: the list reads them
 * again in place and keeps its scroll position and selection. */
static void
data_changed_cb (AtlasRecordsPage *self)
{
  atlas_records_model_refresh (self->model);
}

GtkWidget *
atlas_records_page_new (AtlasSession *session)
{
  AtlasRecordsPage *self;

  g_return_val_if_fail (ATLAS_IS_SESSION (session), NULL);

  self = g_object_new (ATLAS_TYPE_RECORDS_PAGE, NULL);
  self->session = g_object_ref (session);
  self->model = atlas_records_model_new (atlas_session_get_db_path (session));
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting",
                           G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::sorting",
                           G_CALLBACK (sorting_changed_cb), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (atlas_records_page_update_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* The view sorts nothing itself: a new order is a new query. */
  self->view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_swapped (self->view_sorter, "changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (session, "notify::filter", G_CALLBACK (filter_changed_cb), self);
  /* A new catalog: the data changed (an import, a refresh); data-changed:
   * the user's curation did. */
  g_signal_connect_swapped (session, "notify::catalog", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (session, "data-changed", G_CALLBACK (data_changed_cb), self);
  g_signal_connect_swapped (session, "notify::currency-mode", G_CALLBACK (currency_mode_changed_cb),
                            self);
  currency_mode_changed_cb (self);

  atlas_records_page_update_actions (self);
  return GTK_WIDGET (self);
}

AtlasRecordsModel *
atlas_records_page_get_model (AtlasRecordsPage *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_PAGE (self), NULL);

  return self->model;
}

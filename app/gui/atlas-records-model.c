/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-model.c: see the header. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-money.h"
#include "atlas-records-async.h"
#include "atlas-records-model.h"

/* ---- AtlasRecordItem ---------------------------------------------------- */

struct _AtlasRecordItem
{
  GObject         parent_instance;
  AtlasRecordRow *row;
};

G_DEFINE_FINAL_TYPE (AtlasRecordItem, atlas_record_item, G_TYPE_OBJECT)

/* The columns' texts, one string property each, so that a cell binds to one. */
enum
{
  ITEM_PROP_0,
  ITEM_PROP_TITLE,
  ITEM_PROP_COMPANY,
  ITEM_PROP_COUNTRY,
  ITEM_PROP_LEVEL,
  ITEM_PROP_YEARS,
  ITEM_PROP_PAY,
  ITEM_PROP_BASIS,
  ITEM_PROP_YEAR,
  ITEM_PROP_SOURCE,
  ITEM_PROP_BADGE,
  ITEM_PROP_COMPANY_TOOLTIP,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

/* "n = 120 · ₹9L–₹15L": how many reports and the range of a figure. */
static char *
atlas_record_item_describe_figure (const AtlasRecordRow *row)
{
  GString *text = g_string_new (NULL);
  const char *currency = row->currency ? row->currency : "USD";

  if (row->n > 0)
    {
      g_autofree char *n = atlas_money_group_digits (row->n, FALSE);

      g_string_append_printf (text, "n = %s", n);
    }
  if (!isnan (row->low) && !isnan (row->high))
    {
      g_autofree char *low = atlas_money_format (row->low, currency, ATLAS_MONEY_SHORT);
      g_autofree char *high = atlas_money_format (row->high, currency, ATLAS_MONEY_SHORT);

      g_string_append_printf (text, "%s%s–%s", text->len > 0 ? " · " : "", low, high);
    }
  return g_string_free (text, FALSE);
}

static char *
atlas_record_item_dup_text (AtlasRecordItem *self,
                            guint            prop_id)
{
  const AtlasRecordRow *row = self->row;

  /* A placeholder shows an empty cell until its page arrives. */
  if (row == NULL)
    return g_strdup ("");

  switch (prop_id)
    {
    case ITEM_PROP_TITLE:
      return g_strdup (atlas_record_row_get_label (row));
    case ITEM_PROP_COMPANY:
      return g_strdup (row->company ? row->company : "");
    case ITEM_PROP_COUNTRY:
      return g_strdup (row->country ? row->country : "");
    case ITEM_PROP_LEVEL:
      return g_strdup (row->experience ? row->experience : "");
    case ITEM_PROP_YEARS:
      return isnan (row->years_experience) ? g_strdup ("")
                                           : g_strdup_printf ("%.0f", row->years_experience);
    case ITEM_PROP_PAY:
      if (isnan (row->amount))
        return g_strdup ("");
      return atlas_money_format (row->amount, row->currency ? row->currency : "USD",
                                 ATLAS_MONEY_FULL);
    case ITEM_PROP_BASIS:
      /* Amounts are annual; what differs is what stands behind one. A
       * figure says how many reports and what range. */
      if (row->is_figure)
        return atlas_record_item_describe_figure (row);
      return g_strdup (row->kind ? row->kind : "");
    case ITEM_PROP_BADGE:
      if (row->is_figure)
        /* Translators: the badge of a published figure in the Records list */
        return g_strdup (C_("records", "Figure"));
      if (row->excluded_reason != NULL)
        /* Translators: the badge of a record the user excluded */
        return g_strdup (C_("records", "Excluded"));
      return g_strdup ("");
    case ITEM_PROP_COMPANY_TOOLTIP:
      if (row->company_own == NULL)
        return NULL;
      /* Translators: the tooltip of a company in the Records list: its own spelling in the source */
      return g_strdup_printf (_("In the source: “%s”"), row->company_own);
    case ITEM_PROP_YEAR:
      return row->year > 0 ? g_strdup_printf ("%d", row->year) : g_strdup ("");
    case ITEM_PROP_SOURCE:
      return g_strdup (row->source ? row->source : "");
    default:
      g_assert_not_reached ();
    }
}

static void
atlas_record_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasRecordItem *self = ATLAS_RECORD_ITEM (object);

  if (prop_id > ITEM_PROP_0 && prop_id < ITEM_N_PROPS)
    g_value_take_string (value, atlas_record_item_dup_text (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
atlas_record_item_finalize (GObject *object)
{
  AtlasRecordItem *self = ATLAS_RECORD_ITEM (object);

  g_clear_pointer (&self->row, atlas_record_row_free);
  G_OBJECT_CLASS (atlas_record_item_parent_class)->finalize (object);
}

static void
atlas_record_item_class_init (AtlasRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[ITEM_N_PROPS] = {
    NULL, "title", "company", "country", "level", "years", "pay", "basis", "year", "source",
    "badge", "company-tooltip",
  };

  object_class->get_property = atlas_record_item_get_property;
  object_class->finalize = atlas_record_item_finalize;

  for (guint i = 1; i < ITEM_N_PROPS; i++)
    item_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
atlas_record_item_init (AtlasRecordItem *self)
{
}

const AtlasRecordRow *
atlas_record_item_get_row (AtlasRecordItem *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_ITEM (self), NULL);

  return self->row;
}

/* Takes @row. */
static void
atlas_record_item_set_row (AtlasRecordItem *self,
                           AtlasRecordRow  *row)
{
  g_clear_pointer (&self->row, atlas_record_row_free);
  self->row = row;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < ITEM_N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- AtlasRecordsModel -------------------------------------------------- */

struct _AtlasRecordsModel
{
  GObject            parent_instance;

  char              *db_path;
  AtlasRecordsQuery *query;
  GCancellable      *cancellable;   /* of the current query's jobs */
  guint              n_items;
  gint64             n_records;
  gint64             n_figures;
  gboolean           counting;
  guint              n_pages_read;
  /* page index -> Page, the pages asked for */
  GHashTable        *pages;
  /* The first page of a new order is being read (a sort of every
   * matching row until the sort's index is made). */
  gboolean           sorting;
  /* The sort whose index is being made, and what cancels it (another
   * sort chosen meanwhile); NULL when none is. */
  AtlasRecordsSort   index_sort;
  GCancellable      *index_cancellable;
};

static void atlas_records_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasRecordsModel, atlas_records_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_records_model_list_init))

enum
{
  PROP_0,
  PROP_COUNTING,
  PROP_SORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A page of items: placeholders until its rows arrive.  The items stay the
 * same objects when the page is read again (after a curation action), so
 * the view keeps its rows, its scroll position and its selection. */
typedef struct
{
  GPtrArray    *items;
  GCancellable *cancellable;   /* of the job reading it; NULL once read */
  gboolean      read;
} Page;

static void
page_free (Page *page)
{
  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_ptr_array_unref (page->items);
  g_free (page);
}

typedef struct
{
  AtlasRecordsModel *model;
  GCancellable      *cancellable;   /* the query's */
  GCancellable      *page_cancellable;
  guint              page;
  gboolean           first;         /* the first page, read before the count */
} PageJob;

static void
page_job_free (PageJob *job)
{
  g_object_unref (job->model);
  g_object_unref (job->cancellable);
  g_clear_object (&job->page_cancellable);
  g_free (job);
}

static void atlas_records_model_set_sorting (AtlasRecordsModel *self,
                                             gboolean           sorting);
static void atlas_records_model_set_n_items (AtlasRecordsModel *self,
                                             guint              n_items);

static void
page_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PageJob *job = user_data;
  AtlasRecordsModel *self = job->model;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = atlas_records_page_finish (result, &error);
  Page *page;

  /* A page of a query that was replaced meanwhile is dropped, and so is
   * one that scrolled out of view before it was read (see request_page). */
  if (job->cancellable != self->cancellable || g_cancellable_is_cancelled (job->cancellable) ||
      g_cancellable_is_cancelled (job->page_cancellable))
    goto out;
  if (job->page == 0 && self->sorting)
    {
      atlas_records_model_set_sorting (self, FALSE);
      if (!self->counting)
        atlas_records_model_set_n_items (self, (guint) MIN (self->n_records + self->n_figures,
                                                             (gint64) G_MAXUINT));
    }
  if (rows == NULL)
    {
      g_warning ("Could not read the records: %s", error->message);
      goto out;
    }

  self->n_pages_read++;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->page));
  if (page == NULL || page->cancellable != job->page_cancellable)
    goto out;
  page->read = TRUE;
  g_clear_object (&page->cancellable);
  for (guint i = 0; i < rows->len && i < page->items->len; i++)
    atlas_record_item_set_row (g_ptr_array_index (page->items, i),
                               g_steal_pointer (&g_ptr_array_index (rows, i)));

  /* The first page is shown before the count arrives: that takes a scan of
   * every record when the filter has a title or a search. */
  if (job->first && self->counting && self->n_items < rows->len)
    atlas_records_model_set_n_items (self, rows->len);

out:
  page_job_free (job);
}

/* Pages not read yet that are far from the one asked for now were asked
 * for while scrolling past them: their jobs would only delay this one. */
static void
cancel_far_pages (AtlasRecordsModel *self,
                  guint              near)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;
      guint index = GPOINTER_TO_UINT (key);

      if (!page->read && page->cancellable != NULL && (index + 4 < near || index > near + 4))
        {
          g_cancellable_cancel (page->cancellable);
          g_clear_object (&page->cancellable);
        }
    }
}

/* Reads @index into its items; from the row before it when the page
 * before is read (scrolling), else by offset. */
static void
request_page (AtlasRecordsModel *self,
              guint              index,
              Page              *page,
              gboolean           by_offset)
{
  PageJob *job = g_new0 (PageJob, 1);
  Page *before = index > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1)) : NULL;
  const AtlasRecordRow *after = NULL;

  if (!by_offset && before != NULL && before->read && before->items->len > 0)
    after = atlas_record_item_get_row (g_ptr_array_index (before->items, before->items->len - 1));

  if (page->cancellable != NULL)
    g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  page->cancellable = g_cancellable_new ();
  page->read = FALSE;

  job->model = g_object_ref (self);
  job->cancellable = g_object_ref (self->cancellable);
  job->page_cancellable = g_object_ref (page->cancellable);
  job->page = index;
  job->first = index == 0 && self->counting;
  atlas_records_page_after_async (self->db_path, self->query,
                                  (gint64) index * ATLAS_RECORDS_MODEL_PAGE_SIZE, page->items->len,
                                  after, page->cancellable, page_ready_cb, job);
}

static Page *
page_new (guint n_items)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (page->items, g_object_new (ATLAS_TYPE_RECORD_ITEM, NULL));
  return page;
}

static GType
atlas_records_model_get_item_type (GListModel *list)
{
  return ATLAS_TYPE_RECORD_ITEM;
}

static guint
atlas_records_model_get_n_items (GListModel *list)
{
  return ATLAS_RECORDS_MODEL (list)->n_items;
}

static gpointer
atlas_records_model_get_item (GListModel *list,
                              guint       position)
{
  AtlasRecordsModel *self = ATLAS_RECORDS_MODEL (list);
  guint index = position / ATLAS_RECORDS_MODEL_PAGE_SIZE;
  guint size;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  size = MIN (ATLAS_RECORDS_MODEL_PAGE_SIZE, self->n_items - index * ATLAS_RECORDS_MODEL_PAGE_SIZE);

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    {
      page = page_new (size);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      cancel_far_pages (self, index);
      request_page (self, index, page, FALSE);
    }
  else if (page->items->len < size)
    {
      /* The list grew past the page's end (a larger count): read it whole. */
      while (page->items->len < size)
        g_ptr_array_add (page->items, g_object_new (ATLAS_TYPE_RECORD_ITEM, NULL));
      request_page (self, index, page, TRUE);
    }
  else if (!page->read && page->cancellable == NULL)
    {
      /* Cancelled while scrolling past it; in view again. */
      cancel_far_pages (self, index);
      request_page (self, index, page, FALSE);
    }

  /* Scrolling down the second half of a read page: the next one is read
   * ahead, from this page's last row, so that it is there when it shows. */
  if (page->read && position % ATLAS_RECORDS_MODEL_PAGE_SIZE >= ATLAS_RECORDS_MODEL_PAGE_SIZE / 2 &&
      (index + 1) * ATLAS_RECORDS_MODEL_PAGE_SIZE < self->n_items &&
      !g_hash_table_contains (self->pages, GUINT_TO_POINTER (index + 1)))
    {
      Page *next = page_new (MIN (ATLAS_RECORDS_MODEL_PAGE_SIZE,
                                  self->n_items - (index + 1) * ATLAS_RECORDS_MODEL_PAGE_SIZE));

      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index + 1), next);
      request_page (self, index + 1, next, FALSE);
    }

  return g_object_ref (g_ptr_array_index (page->items, position % ATLAS_RECORDS_MODEL_PAGE_SIZE));
}

static void
atlas_records_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_records_model_get_item_type;
  iface->get_n_items = atlas_records_model_get_n_items;
  iface->get_item = atlas_records_model_get_item;
}

static void
atlas_records_model_dispose (GObject *object)
{
  AtlasRecordsModel *self = ATLAS_RECORDS_MODEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->index_cancellable);
  G_OBJECT_CLASS (atlas_records_model_parent_class)->dispose (object);
}

static void
atlas_records_model_finalize (GObject *object)
{
  AtlasRecordsModel *self = ATLAS_RECORDS_MODEL (object);

  g_free (self->db_path);
  g_clear_pointer (&self->query, atlas_records_query_free);
  g_hash_table_unref (self->pages);
  G_OBJECT_CLASS (atlas_records_model_parent_class)->finalize (object);
}

static void
atlas_records_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasRecordsModel *self = ATLAS_RECORDS_MODEL (object);

  switch (prop_id)
    {
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;
    case PROP_SORTING:
      g_value_set_boolean (value, self->sorting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_records_model_class_init (AtlasRecordsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_records_model_dispose;
  object_class->finalize = atlas_records_model_finalize;
  object_class->get_property = atlas_records_model_get_property;

  properties[PROP_COUNTING] = g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The first rows of a new order are being read: the list is empty (or
   * placeholders) and no row shows in an order it does not have. */
  properties[PROP_SORTING] = g_param_spec_boolean ("sorting", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_records_model_init (AtlasRecordsModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
}

AtlasRecordsModel *
atlas_records_model_new (const char *db_path)
{
  AtlasRecordsModel *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_RECORDS_MODEL, NULL);
  self->db_path = g_strdup (db_path);
  return self;
}

static void
atlas_records_model_set_counting (AtlasRecordsModel *self,
                                  gboolean           counting)
{
  if (self->counting == counting)
    return;
  self->counting = counting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
atlas_records_model_set_sorting (AtlasRecordsModel *self,
                                 gboolean           sorting)
{
  if (self->sorting == sorting)
    return;
  self->sorting = sorting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTING]);
}

/* Grows or shrinks the list at its end: the rows before keep their items. */
static void
atlas_records_model_set_n_items (AtlasRecordsModel *self,
                                 guint              n_items)
{
  guint old = self->n_items;

  if (n_items == old)
    return;
  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
}

static void
count_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageJob *job = user_data;
  AtlasRecordsModel *self = job->model;
  g_autoptr(GError) error = NULL;
  gint64 n_records = 0, n_figures = 0;
  gboolean ok = atlas_records_count_finish (result, &n_records, &n_figures, &error);

  if (job->cancellable != self->cancellable || g_cancellable_is_cancelled (job->cancellable))
    {
      page_job_free (job);
      return;
    }
  if (!ok)
    g_warning ("Could not count the records: %s", error->message);

  self->n_records = n_records;
  self->n_figures = n_figures;

  /* A list longer than a guint holds is shown up to that.  While a new
   * order is read, the list stays empty (its first page sets the length):
   * no placeholder rows in an order not known yet. */
  atlas_records_model_set_counting (self, FALSE);
  if (!self->sorting)
    atlas_records_model_set_n_items (self, (guint) MIN (n_records + n_figures, (gint64) G_MAXUINT));
  page_job_free (job);
}

typedef struct
{
  AtlasRecordsModel *model;
  AtlasRecordsSort   sort;
  GCancellable      *cancellable;
} IndexJob;

static void
sort_index_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  IndexJob *job = user_data;
  g_autoptr(GError) error = NULL;

  /* A database the user cannot write keeps sorting by scanning; an
   * index given up for another sort is made again when next asked for. */
  if (!atlas_records_sort_index_finish (result, &error))
    g_debug ("No index for sorting by %s: %s", atlas_records_sort_to_string (job->sort),
             error->message);
  if (job->model->index_cancellable == job->cancellable)
    g_clear_object (&job->model->index_cancellable);
  g_object_unref (job->cancellable);
  g_object_unref (job->model);
  g_free (job);
}

/* The sort's index, made the first time the list sorts by its column (and
 * after an import dropped it); the pages read meanwhile scan.  Choosing
 * another order gives up an index still being made (seconds of a worker
 * and of the database's write lock at 10M records). */
static void
make_sort_index (AtlasRecordsModel *self,
                 AtlasRecordsSort   sort)
{
  IndexJob *job;

  if (self->index_cancellable != NULL)
    {
      if (self->index_sort == sort)
        return;
      g_cancellable_cancel (self->index_cancellable);
      g_clear_object (&self->index_cancellable);
    }
  if (sort == ATLAS_RECORDS_SORT_DEFAULT)
    return;
  self->index_sort = sort;
  self->index_cancellable = g_cancellable_new ();
  job = g_new0 (IndexJob, 1);
  job->model = g_object_ref (self);
  job->sort = sort;
  job->cancellable = g_object_ref (self->index_cancellable);
  atlas_records_sort_index_async (self->db_path, sort, job->cancellable, sort_index_ready_cb, job);
}

static void
count (AtlasRecordsModel *self)
{
  PageJob *job = g_new0 (PageJob, 1);

  atlas_records_model_set_counting (self, TRUE);
  job->model = g_object_ref (self);
  job->cancellable = g_object_ref (self->cancellable);
  atlas_records_count_async (self->db_path, self->query, self->cancellable,
                             count_ready_cb, job);
}

static void
new_cancellable (AtlasRecordsModel *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

void
atlas_records_model_set_query (AtlasRecordsModel       *self,
                               const AtlasRecordsQuery *query)
{
  guint removed;
  Page *first;
  gboolean new_order;

  g_return_if_fail (ATLAS_IS_RECORDS_MODEL (self));
  g_return_if_fail (query != NULL);

  new_cancellable (self);
  /* A new order, not only a new filter: the view says so until its first
   * rows are read. */
  new_order = self->query == NULL ? query->sort != ATLAS_RECORDS_SORT_DEFAULT
                                  : (query->sort != self->query->sort ||
                                     query->descending != self->query->descending ||
                                     (query->sort == ATLAS_RECORDS_SORT_CONVERTED &&
                                      query->mode != self->query->mode)) &&
                                    query->sort != ATLAS_RECORDS_SORT_DEFAULT;
  g_clear_pointer (&self->query, atlas_records_query_free);
  self->query = atlas_records_query_copy (query);

  removed = self->n_items;
  self->n_items = 0;
  self->n_records = self->n_figures = 0;
  g_hash_table_remove_all (self->pages);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  /* The first page, the count and the index, in this order on the two
   * workers: the first rows appear before the count when that scans. */
  atlas_records_model_set_counting (self, TRUE);
  atlas_records_model_set_sorting (self, new_order);
  first = page_new (ATLAS_RECORDS_MODEL_PAGE_SIZE);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), first);
  request_page (self, 0, first, TRUE);
  count (self);
  make_sort_index (self, atlas_records_query_walked_sort (query));
}

void
atlas_records_model_refresh (AtlasRecordsModel *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (ATLAS_IS_RECORDS_MODEL (self));

  if (self->query == NULL)
    return;

  /* Every page read again into the same items, by offset (the row before
   * a page may be the one that changed); the count then grows or shrinks
   * the list at its end. */
  new_cancellable (self);
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    request_page (self, GPOINTER_TO_UINT (key), value, TRUE);
  count (self);
}

const AtlasRecordsQuery *
atlas_records_model_get_query (AtlasRecordsModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_MODEL (self), NULL);

  return self->query;
}

gboolean
atlas_records_model_get_sorting (AtlasRecordsModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_MODEL (self), FALSE);

  return self->sorting;
}

gboolean
atlas_records_model_get_counting (AtlasRecordsModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_MODEL (self), FALSE);

  return self->counting;
}

guint
atlas_records_model_get_n_pages_read (AtlasRecordsModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_MODEL (self), 0);

  return self->n_pages_read;
}

void
atlas_records_model_get_counts (AtlasRecordsModel *self,
                                gint64            *n_records,
                                gint64            *n_figures)
{
  g_return_if_fail (ATLAS_IS_RECORDS_MODEL (self));

  if (n_records != NULL)
    *n_records = self->n_records;
  if (n_figures != NULL)
    *n_figures = self->n_figures;
}

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
      return g_strdup (row->title ? row->title : "");
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
  /* page index -> GPtrArray of AtlasRecordItem, the pages asked for */
  GHashTable        *pages;
};

static void atlas_records_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasRecordsModel, atlas_records_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_records_model_list_init))

enum
{
  PROP_0,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  AtlasRecordsModel *model;
  GCancellable      *cancellable;
  guint              page;
} PageJob;

static void
page_job_free (PageJob *job)
{
  g_object_unref (job->model);
  g_object_unref (job->cancellable);
  g_free (job);
}

static void
page_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PageJob *job = user_data;
  AtlasRecordsModel *self = job->model;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = atlas_records_page_finish (result, &error);
  GPtrArray *items;

  /* A page of a query that was replaced meanwhile is dropped. */
  if (job->cancellable != self->cancellable || g_cancellable_is_cancelled (job->cancellable))
    goto out;
  if (rows == NULL)
    {
      g_warning ("Could not read the records: %s", error->message);
      goto out;
    }

  self->n_pages_read++;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->page));
  for (guint i = 0; items != NULL && i < rows->len && i < items->len; i++)
    atlas_record_item_set_row (g_ptr_array_index (items, i),
                               g_steal_pointer (&g_ptr_array_index (rows, i)));

out:
  page_job_free (job);
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
  guint page = position / ATLAS_RECORDS_MODEL_PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      guint first = page * ATLAS_RECORDS_MODEL_PAGE_SIZE;
      guint limit = MIN (ATLAS_RECORDS_MODEL_PAGE_SIZE, self->n_items - first);
      PageJob *job = g_new0 (PageJob, 1);

      items = g_ptr_array_new_full (limit, g_object_unref);
      for (guint i = 0; i < limit; i++)
        g_ptr_array_add (items, g_object_new (ATLAS_TYPE_RECORD_ITEM, NULL));
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);

      job->model = g_object_ref (self);
      job->cancellable = g_object_ref (self->cancellable);
      job->page = page;
      atlas_records_page_async (self->db_path, self->query, first, limit,
                                self->cancellable, page_ready_cb, job);
    }

  return g_object_ref (g_ptr_array_index (items, position % ATLAS_RECORDS_MODEL_PAGE_SIZE));
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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_records_model_init (AtlasRecordsModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
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

  /* A list longer than a guint holds is shown up to that. */
  self->n_items = (guint) MIN (n_records + n_figures, (gint64) G_MAXUINT);
  atlas_records_model_set_counting (self, FALSE);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  page_job_free (job);
}

void
atlas_records_model_set_query (AtlasRecordsModel       *self,
                               const AtlasRecordsQuery *query)
{
  guint removed;
  PageJob *job;

  g_return_if_fail (ATLAS_IS_RECORDS_MODEL (self));
  g_return_if_fail (query != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->query, atlas_records_query_free);
  self->query = atlas_records_query_copy (query);

  removed = self->n_items;
  self->n_items = 0;
  self->n_records = self->n_figures = 0;
  g_hash_table_remove_all (self->pages);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  atlas_records_model_set_counting (self, TRUE);
  job = g_new0 (PageJob, 1);
  job->model = g_object_ref (self);
  job->cancellable = g_object_ref (self->cancellable);
  atlas_records_count_async (self->db_path, self->query, self->cancellable,
                             count_ready_cb, job);
}

const AtlasRecordsQuery *
atlas_records_model_get_query (AtlasRecordsModel *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_MODEL (self), NULL);

  return self->query;
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

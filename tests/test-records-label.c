/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-records-label.c: a published figure without a title is listed by
 * the role family it stands for (atlas_record_row_get_label()), and sorts
 * and is found by that label too.  The expected order and matches are
 * worked out here in C from the labels, on the built-in figures (most of
 * which name a family, not a title). */

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-records.h"
#include "atlas-seed.h"
#include "store-test-util.h"

static char *db_dir;
static AtlasStore *store;

static void
ensure_store (void)
{
  if (store == NULL)
    store = default_store_new ("atlas-records-label-XXXXXX", &db_dir);
}

/* Every row of @query, as AtlasRecordRow*, read 700 at a time. */
static GPtrArray *
all_rows (const AtlasRecordsQuery *query)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_record_row_free);

  for (gint64 offset = 0;; offset += 700)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = atlas_records_page (store, query, offset, 700, NULL, &error);
      guint n;

      g_assert_no_error (error);
      n = page->len;
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (rows, atlas_record_row_copy (g_ptr_array_index (page, i)));
      if (n < 700)
        return rows;
    }
}

/* By label (byte order, as SQLite compares text), rows without one last,
 * then by id. */
static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const AtlasRecordRow *x = *(AtlasRecordRow **) a, *y = *(AtlasRecordRow **) b;
  const char *lx = atlas_record_row_get_label (x), *ly = atlas_record_row_get_label (y);

  if ((*lx == '\0') != (*ly == '\0'))
    return *lx == '\0' ? 1 : -1;
  if (strcmp (lx, ly) != 0)
    return strcmp (lx, ly);
  return (x->id > y->id) - (x->id < y->id);
}

static void
test_figures_sort_by_label (void)
{
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  g_autoptr(GPtrArray) every = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  guint n_family = 0;

  ensure_store ();
  query->with_figures = TRUE;
  every = all_rows (query);
  g_assert_cmpuint (every->len, >, 100);
  for (guint i = 0; i < every->len; i++)
    {
      AtlasRecordRow *row = g_ptr_array_index (every, i);

      g_assert_true (row->is_figure);
      g_ptr_array_add (expected, row);
      if ((row->title == NULL || *row->title == '\0') && row->role_family != NULL)
        n_family++;
    }
  /* The built-in figures include many that name only a family. */
  g_assert_cmpuint (n_family, >, 100);
  g_ptr_array_sort (expected, compare_labels);

  query->sort = ATLAS_RECORDS_SORT_TITLE;
  rows = all_rows (query);
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (((AtlasRecordRow *) g_ptr_array_index (rows, i))->uid, ==,
                     ((AtlasRecordRow *) g_ptr_array_index (expected, i))->uid);
}

static void
test_search_finds_the_label (void)
{
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  g_autoptr(GPtrArray) every = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_untitled = 0;
  gint64 n_records = -1, n_figures = -1;
  g_autoptr(GError) error = NULL;

  ensure_store ();
  query->with_figures = TRUE;
  every = all_rows (query);
  /* "scientist" in the label or the company, in any case (ASCII). */
  for (guint i = 0; i < every->len; i++)
    {
      AtlasRecordRow *row = g_ptr_array_index (every, i);
      g_autofree char *label = g_ascii_strdown (atlas_record_row_get_label (row), -1);
      g_autofree char *company = g_ascii_strdown (row->company_own ? row->company_own : "", -1);

      if (strstr (label, "scientist") != NULL || strstr (company, "scientist") != NULL)
        {
          g_hash_table_add (wanted, g_strdup (row->uid));
          if (row->title == NULL || *row->title == '\0')
            n_untitled++;
        }
    }
  g_assert_cmpuint (n_untitled, >, 10);

  query->search = g_strdup ("Scientist");
  found = all_rows (query);
  g_assert_cmpuint (found->len, ==, g_hash_table_size (wanted));
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_hash_table_contains (wanted, ((AtlasRecordRow *) g_ptr_array_index (found, i))->uid));
  g_assert_true (atlas_records_count (store, query, &n_records, &n_figures, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_records + n_figures, ==, found->len);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/records-label/figures-sort-by-label", test_figures_sort_by_label);
  g_test_add_func ("/atlas/records-label/search-finds-the-label", test_search_finds_the_label);

  status = g_test_run ();

  g_clear_pointer (&store, atlas_store_free);
  if (db_dir != NULL)
    test_dir_remove (db_dir);
  g_free (db_dir);

  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-curation-companies.c: the companies as counted (the Companies
 * dialog and `curate companies`) against SQL over the records and figures
 * written here and against counts read from the files of ../shared/data
 * themselves; merging several companies is one action with one undo.
 *
 * The H-1B data-jobs file spells Uber "UBER TECHNOLOGIES INC" and the
 * levels.fyi file "Uber": two companies until the user merges them. */

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-curation.h"
#include "atlas-curation-companies.h"
#include "atlas-import.h"
#include "atlas-records-async.h"
#include "atlas-seed.h"
#include "store-test-util.h"

#define H1B "h1b-data-jobs-2015-2019.csv"
#define LEVELS "levels-fyi-stem-salaries-2017-2021.csv"

static char *db_dir;
static AtlasStore *store;

static gboolean
ensure_store (void)
{
  g_autofree char *h1b = NULL, *levels = NULL;
  const char *files[2];

  if (store != NULL)
    return TRUE;
  if ((h1b = shared_file (H1B)) == NULL || (levels = shared_file (LEVELS)) == NULL)
    return FALSE;

  /* The default data: companies with published figures. */
  store = default_store_new ("atlas-companies-XXXXXX", &db_dir);
  files[0] = h1b;
  files[1] = levels;
  store_import_files (store, files, G_N_ELEMENTS (files));
  return TRUE;
}

/* Rows of a data file whose field @column (split at @separator; the
 * files' fields before it are never quoted) equals @value, ignoring case
 * and surrounding blanks. */
static gint64
file_count (const char *name,
            char        separator,
            guint       column,
            const char *value)
{
  g_autofree char *path = shared_file (name);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 n = 0;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], (char[]) { separator, '\0' }, column + 2);

      if (g_strv_length (fields) > column)
        {
          g_autofree char *field = g_strstrip (g_strdup (fields[column]));

          n += g_ascii_strcasecmp (field, value) == 0;
        }
    }
  return n;
}

static gint64
sql_count (const char *sql,
           const char *key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GPtrArray *
companies (const char *search)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *groups = atlas_curation_companies (store, search, &error);

  g_assert_no_error (error);
  g_assert_nonnull (groups);
  return groups;
}

static const AtlasCompanyGroup *
find_group (GPtrArray  *groups,
            const char *key)
{
  for (guint i = 0; i < groups->len; i++)
    {
      const AtlasCompanyGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->key, key))
        return group;
    }
  return NULL;
}

static const AtlasCompanyMember *
find_member (const AtlasCompanyGroup *group,
             const char              *key)
{
  for (guint i = 0; group != NULL && i < group->members->len; i++)
    {
      const AtlasCompanyMember *member = g_ptr_array_index (group->members, i);

      if (g_str_equal (member->key, key))
        return member;
    }
  return NULL;
}

/* As find_*(), for companies that must be there. */
static const AtlasCompanyGroup *
get_group (GPtrArray  *groups,
           const char *key)
{
  const AtlasCompanyGroup *group = find_group (groups, key);

  if (group == NULL)
    g_error ("no company “%s” in the list", key);
  return group;
}

static const AtlasCompanyMember *
get_member (const AtlasCompanyGroup *group,
            const char              *key)
{
  const AtlasCompanyMember *member = find_member (group, key);

  if (member == NULL)
    g_error ("“%s” is not a member of “%s”", key, group->key);
  return member;
}

/* Every member's counts are those of SQL over the records and figures;
 * every company with data is listed once. */
static void
test_counts_equal_sql (void)
{
  g_autoptr(GPtrArray) groups = NULL;
  gint64 n_members = 0, total = 0;

  if (!ensure_store ())
    return;
  groups = companies (NULL);
  g_assert_cmpuint (groups->len, >, 1000);

  for (guint i = 0; i < groups->len; i++)
    {
      const AtlasCompanyGroup *group = g_ptr_array_index (groups, i);
      gint64 records = 0, figures = 0;

      g_assert_cmpuint (group->members->len, ==, 1);   /* nothing merged yet */
      for (guint j = 0; j < group->members->len; j++)
        {
          const AtlasCompanyMember *member = g_ptr_array_index (group->members, j);

          g_assert_cmpint (member->n_records, ==,
                           sql_count ("SELECT count(*) FROM records WHERE company_id ="
                                      " (SELECT id FROM companies WHERE key = ?)", member->key));
          g_assert_cmpint (member->n_figures, ==,
                           sql_count ("SELECT count(*) FROM figures WHERE company_id ="
                                      " (SELECT id FROM companies WHERE key = ?)", member->key));
          g_assert_cmpuint (g_strv_length (member->spellings), ==,
                            sql_count ("SELECT count(*) FROM company_aliases WHERE company_id ="
                                       " (SELECT id FROM companies WHERE key = ?)", member->key));
          records += member->n_records;
          figures += member->n_figures;
          n_members++;
        }
      g_assert_cmpint (group->n_records, ==, records);
      g_assert_cmpint (group->n_figures, ==, figures);
      g_assert_cmpint (records + figures, >, 0);
      total += records;
      /* Most records first. */
      if (i > 0)
        g_assert_cmpint (((AtlasCompanyGroup *) g_ptr_array_index (groups, i - 1))->n_records, >=,
                         group->n_records);
    }
  g_assert_cmpint (n_members, ==,
                   query_int (store, "SELECT count(*) FROM companies c WHERE"
                                     " EXISTS (SELECT 1 FROM records WHERE company_id = c.id) OR"
                                     " EXISTS (SELECT 1 FROM figures WHERE company_id = c.id)"));
  g_assert_cmpint (total, ==, query_int (store, "SELECT count(*) FROM records WHERE company_id IS NOT NULL"));
}

/* The two spellings of Uber count what their files have, and a search
 * finds exactly the companies whose names or spellings contain it. */
static void
test_counts_equal_files (void)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const AtlasCompanyGroup *technologies, *uber;
  guint expected = 0;

  if (!ensure_store ())
    return;
  all = companies (NULL);
  technologies = get_group (all, "uber technologies");
  uber = get_group (all, "uber");
  g_assert_cmpint (technologies->n_records, ==, file_count (H1B, ',', 2, "UBER TECHNOLOGIES INC"));
  g_assert_cmpint (uber->n_records, ==, file_count (LEVELS, ';', 0, "uber"));
  g_assert_cmpint (uber->n_records, >, 300);
  g_assert_true (g_strv_contains ((const char * const *) get_member (technologies, "uber technologies")->spellings,
                                  "uber technologies inc"));

  for (guint i = 0; i < all->len; i++)
    {
      const AtlasCompanyMember *m = g_ptr_array_index (((AtlasCompanyGroup *) g_ptr_array_index (all, i))->members, 0);
      g_autofree char *name = g_utf8_casefold (m->name, -1);
      gboolean hit = strstr (name, "uber") != NULL || strstr (m->key, "uber") != NULL;

      for (guint j = 0; !hit && m->spellings[j] != NULL; j++)
        hit = strstr (m->spellings[j], "uber") != NULL;
      expected += hit;
    }
  found = companies ("  UBER ");
  g_assert_cmpuint (found->len, ==, expected);
  g_assert_cmpuint (found->len, >=, 3);   /* Uber, Uber Technologies, Neuberger Berman */
  g_assert_nonnull (find_group (found, "uber"));
  g_assert_nonnull (find_group (found, "uber technologies"));
  g_clear_pointer (&found, g_ptr_array_unref);
  /* LIKE's wildcards are only text. */
  found = companies ("u_er");
  g_assert_cmpuint (found->len, ==, 0);
}

static gint64
n_log (void)
{
  return query_int (store, "SELECT count(*) FROM curation_log");
}

/* Several companies merge into one as one action: the merged company
 * counts all their records, the list shows them as its members, one undo
 * splits them all again. */
static void
test_merge_many (void)
{
  g_autoptr(GPtrArray) before = NULL, after = NULL, undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const AtlasCompanyGroup *uber, *merged;
  gint64 technologies, ubertal, log_before;

  if (!ensure_store ())
    return;
  before = companies (NULL);
  uber = get_group (before, "uber");
  technologies = get_group (before, "uber technologies")->n_records;
  ubertal = get_group (before, "ubertal")->n_records;
  g_assert_cmpint (ubertal, ==, file_count (H1B, ',', 2, "UBERTAL INC"));

  /* Wrong names change nothing. */
  log_before = n_log ();
  g_assert_false (atlas_curation_merge_companies (store, (const char *[]) { "Uber Technologies", NULL },
                                                  "   ", &error));
  g_assert_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (atlas_curation_merge_companies (store, (const char *[]) { "uber", NULL },
                                                  " Uber ", &error));
  g_assert_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (n_log (), ==, log_before);

  /* Keys (as the window passes them) and names both work. */
  g_assert_true (atlas_curation_merge_companies (store,
                                                 (const char *[]) { "uber technologies", "Ubertal Inc",
                                                                    "uber", NULL },
                                                 "  Uber  ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_log (), ==, log_before + 1);
  after = companies (NULL);
  g_assert_cmpuint (after->len, ==, before->len - 2);
  g_assert_null (find_group (after, "uber technologies"));
  merged = get_group (after, "uber");
  g_assert_cmpuint (merged->members->len, ==, 3);
  g_assert_cmpint (merged->n_records, ==, uber->n_records + technologies + ubertal);
  g_assert_false (((AtlasCompanyMember *) g_ptr_array_index (merged->members, 0))->merged);
  g_assert_cmpstr (((AtlasCompanyMember *) g_ptr_array_index (merged->members, 0))->key, ==, "uber");
  g_assert_true (get_member (merged, "uber technologies")->merged);
  g_assert_true (get_member (merged, "ubertal")->merged);
  /* The statistics count them as one too. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM records r JOIN company_canonical cc"
                                     " ON cc.company_id = r.company_id"
                                     " WHERE cc.canonical_id = (SELECT id FROM companies WHERE key = 'uber')"),
                   ==, merged->n_records);

  g_assert_true (atlas_curation_undo (store, &description, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (description, "Uber Technologies"));
  undone = companies (NULL);
  g_assert_cmpuint (undone->len, ==, before->len);
  g_assert_cmpint (get_group (undone, "uber")->n_records, ==, uber->n_records);
  g_assert_cmpint (get_group (undone, "uber technologies")->n_records, ==, technologies);
}

/* A name no data has used yet gets a company to count under, so the
 * merge applies; undo leaves nothing listed under it. */
static void
test_merge_into_new_name (void)
{
  g_autoptr(GPtrArray) before = NULL, after = NULL, undone = NULL;
  g_autoptr(GError) error = NULL;
  const AtlasCompanyGroup *group;
  gint64 expected;

  if (!ensure_store ())
    return;
  before = companies (NULL);
  g_assert_null (find_group (before, "uber worldwide"));
  expected = get_group (before, "uber")->n_records + get_group (before, "uber technologies")->n_records;

  g_assert_true (atlas_curation_merge_companies (store,
                                                 (const char *[]) { "Uber", "Uber Technologies", NULL },
                                                 "Uber Worldwide", &error));
  g_assert_no_error (error);
  after = companies ("uber worldwide");
  g_assert_cmpuint (after->len, ==, 1);
  group = get_group (after, "uber worldwide");
  g_assert_cmpint (group->n_records, ==, expected);
  g_assert_cmpuint (group->members->len, ==, 3);   /* itself, with nothing, and the two */

  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_no_error (error);
  undone = companies (NULL);
  g_assert_cmpuint (undone->len, ==, before->len);
  g_assert_null (find_group (undone, "uber worldwide"));
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The window's jobs give what the direct calls give. */
static void
test_async (void)
{
  g_autoptr(GPtrArray) direct = NULL, pooled = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  const char *path;

  if (!ensure_store ())
    return;
  path = atlas_store_get_path (store);

  atlas_curation_merge_companies_async (path, (const char *[]) { "uber technologies", NULL }, "uber",
                                        NULL, store_result_cb, &result);
  g_assert_true (atlas_curation_action_finish (wait_result (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  atlas_curation_companies_async (path, "uber", NULL, store_result_cb, &result);
  pooled = atlas_curation_companies_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  direct = companies ("uber");
  g_assert_cmpuint (pooled->len, ==, direct->len);
  for (guint i = 0; i < direct->len; i++)
    {
      const AtlasCompanyGroup *a = g_ptr_array_index (direct, i);
      const AtlasCompanyGroup *b = g_ptr_array_index (pooled, i);

      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpint (a->n_records, ==, b->n_records);
      g_assert_cmpuint (a->members->len, ==, b->members->len);
    }
  g_assert_cmpuint (get_group (pooled, "uber")->members->len, ==, 2);

  atlas_curation_undo_async (path, NULL, store_result_cb, &result);
  g_assert_true (atlas_curation_action_finish (wait_result (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/curation-companies/counts-equal-sql", test_counts_equal_sql);
  g_test_add_func ("/atlas/curation-companies/counts-equal-files", test_counts_equal_files);
  g_test_add_func ("/atlas/curation-companies/merge-many", test_merge_many);
  g_test_add_func ("/atlas/curation-companies/merge-into-new-name", test_merge_into_new_name);
  g_test_add_func ("/atlas/curation-companies/async", test_async);

  status = g_test_run ();

  g_clear_pointer (&store, atlas_store_free);
  if (db_dir != NULL)
    test_dir_remove (db_dir);
  g_free (db_dir);

  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's query runner on a small hand-made database: every slot is
 * answered once, slots that need the same query share its result, results
 * equal those of atlas_query_run(), and a cancelled or failed job still
 * releases its user data. */

#include <glib/gstdio.h>

#include "atlas-query-runner.h"

typedef struct
{
  char              *dir;
  char              *path;
  guint              calls[ATLAS_N_SLOTS];
  AtlasSharedResult *results[ATLAS_N_SLOTS];
  guint              n_errors;
  guint              n_freed;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);

  fixture->dir = g_dir_make_tmp ("atlas-runner-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "r.db", NULL);
  store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (atlas_store_exec (store,
    "INSERT INTO sources (id, name, format, licence) VALUES (1, 'test', 'aijobs', 'CC0-1.0');"
    "INSERT INTO fx_rates VALUES ('INR', 2024, 83.669, 'World Bank', 'CC-BY-4.0');"
    "INSERT INTO ppp_factors VALUES ('IN', 2024, 19.9, 'World Bank', 'CC-BY-4.0');",
    &error));
  g_assert_no_error (error);

  /* US MLEs: 100k..140k (median 120k); Indian MLEs in rupees. */
  for (int i = 0; i < 5; i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " experience, amount, currency, amount_usd, year)"
      " VALUES ('us%d', 1, %d, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer',"
      " 'US', '%s', %d, 'USD', %d, 2024);",
      i, i + 2, i < 3 ? "SE" : "MI", 100000 + 10000 * i, 100000 + 10000 * i);
  for (int i = 0; i < 3; i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " experience, amount, currency, year)"
      " VALUES ('in%d', 1, %d, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer',"
      " 'IN', 'SE', %d, 'INR', 2024);",
      i, i + 10, 1200000 + 600000 * i);
  g_assert_true (atlas_store_exec (store, sql->str, &error));
  /* As every writer of records does: the counts and the statistics' cells. */
  g_assert_true (atlas_store_recount_facets (store, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    g_clear_pointer (&fixture->results[i], atlas_shared_result_unref);
  g_remove (wal);
  g_remove (shm);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
ready_cb (AtlasSlot          slot,
          AtlasSharedResult *result,
          const GError      *error,
          gpointer           user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpuint (slot, <, ATLAS_N_SLOTS);
  fixture->calls[slot]++;
  if (error != NULL)
    {
      g_assert_null (result);
      fixture->n_errors++;
      return;
    }

  g_assert_nonnull (result);
  g_clear_pointer (&fixture->results[slot], atlas_shared_result_unref);
  fixture->results[slot] = atlas_shared_result_ref (result);
}

static void
user_data_free_cb (gpointer data)
{
  Fixture *fixture = data;

  fixture->n_freed++;
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("The query runner did not release its job within 10 s");
  return G_SOURCE_REMOVE;
}

/* Runs the main context until the job has released its user data, which
 * happens after its last delivery. */
static void
wait_freed (Fixture *fixture)
{
  guint timeout = g_timeout_add_seconds (10, timeout_cb, NULL);

  while (fixture->n_freed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  /* Nothing may come after the release. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->n_freed, ==, 1);
}

static void
run (Fixture           *fixture,
     const char        *path,
     AtlasCurrencyMode  mode,
     GCancellable      *cancellable,
     gboolean           cancel)
{
  static const AtlasSlot slots[] = {
    ATLAS_SLOT_REGION, ATLAS_SLOT_EXPERIENCE, ATLAS_SLOT_REGION_USD,
    ATLAS_SLOT_REGION_PPP, ATLAS_SLOT_COMPANY, ATLAS_SLOT_YEAR, ATLAS_SLOT_EXPERIENCE_YEARS,
  };
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();

  filter->regions = g_strsplit ("US,IN", ",", -1);
  atlas_query_runner_run (path, filter, mode, 3, slots, G_N_ELEMENTS (slots), cancellable,
                          ready_cb, fixture, user_data_free_cb);
  if (cancel)
    g_cancellable_cancel (cancellable);
  wait_freed (fixture);
}

/* The groups of @shared equal those of a query run directly. */
static void
assert_same_as_direct (Fixture           *fixture,
                       AtlasSharedResult *shared,
                       AtlasGroupBy       by,
                       AtlasCurrencyMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (fixture->path, &error);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasQueryResult) direct = NULL;
  const AtlasQueryResult *result = atlas_shared_result_get (shared);

  g_assert_no_error (error);
  filter->regions = g_strsplit ("US,IN", ",", -1);
  direct = atlas_query_run (store, filter, by, mode, 3, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (result->by, ==, by);
  g_assert_cmpint (result->mode, ==, mode);
  g_assert_cmpuint (result->n_records, ==, direct->n_records);
  g_assert_cmpuint (result->groups->len, ==, direct->groups->len);
  for (guint i = 0; i < direct->groups->len; i++)
    {
      const AtlasGroup *a = g_ptr_array_index (result->groups, i);
      const AtlasGroup *b = g_ptr_array_index (direct->groups, i);

      g_assert_cmpstr (a->region, ==, b->region);
      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpuint (a->summary.n, ==, b->summary.n);
      g_assert_cmpfloat_with_epsilon (a->summary.median, b->summary.median, 1e-9);
    }
}

static void
test_usd (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  run (fixture, fixture->path, ATLAS_CURRENCY_MODE_USD, cancellable, FALSE);

  g_assert_cmpuint (fixture->n_errors, ==, 0);
  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    {
      g_assert_cmpuint (fixture->calls[i], ==, 1);
      g_assert_nonnull (fixture->results[i]);
    }

  /* In USD mode the region query is the USD one: one result for both. */
  g_assert_true (fixture->results[ATLAS_SLOT_REGION] == fixture->results[ATLAS_SLOT_REGION_USD]);
  g_assert_true (fixture->results[ATLAS_SLOT_REGION] != fixture->results[ATLAS_SLOT_REGION_PPP]);

  assert_same_as_direct (fixture, fixture->results[ATLAS_SLOT_REGION],
                         ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD);
  assert_same_as_direct (fixture, fixture->results[ATLAS_SLOT_REGION_PPP],
                         ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_PPP);
  assert_same_as_direct (fixture, fixture->results[ATLAS_SLOT_EXPERIENCE],
                         ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_USD);
  assert_same_as_direct (fixture, fixture->results[ATLAS_SLOT_YEAR],
                         ATLAS_GROUP_YEAR, ATLAS_CURRENCY_MODE_USD);
}

static void
test_local (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const AtlasQueryResult *region;

  run (fixture, fixture->path, ATLAS_CURRENCY_MODE_LOCAL, cancellable, FALSE);

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    g_assert_cmpuint (fixture->calls[i], ==, 1);

  /* In local mode the three region slots are three different queries. */
  g_assert_true (fixture->results[ATLAS_SLOT_REGION] != fixture->results[ATLAS_SLOT_REGION_USD]);
  g_assert_true (fixture->results[ATLAS_SLOT_REGION] != fixture->results[ATLAS_SLOT_REGION_PPP]);
  region = atlas_shared_result_get (fixture->results[ATLAS_SLOT_REGION]);
  g_assert_cmpint (region->mode, ==, ATLAS_CURRENCY_MODE_LOCAL);
  assert_same_as_direct (fixture, fixture->results[ATLAS_SLOT_REGION],
                         ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_LOCAL);
  assert_same_as_direct (fixture, fixture->results[ATLAS_SLOT_REGION_USD],
                         ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* Cancelled before the main context runs: nothing is delivered, and the
   * job is still released. */
  run (fixture, fixture->path, ATLAS_CURRENCY_MODE_USD, cancellable, TRUE);

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    g_assert_cmpuint (fixture->calls[i], ==, 0);
}

static void
test_open_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (fixture->path, "not-a-folder", "r.db", NULL);
  guint calls = 0;

  /* A database under a file cannot be opened: one error, no result. */
  run (fixture, path, ATLAS_CURRENCY_MODE_USD, cancellable, FALSE);

  g_assert_cmpuint (fixture->n_errors, ==, 1);
  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    {
      calls += fixture->calls[i];
      g_assert_null (fixture->results[i]);
    }
  g_assert_cmpuint (calls, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/atlas/query-runner/usd-shares-region", Fixture, NULL,
              fixture_set_up, test_usd, fixture_tear_down);
  g_test_add ("/atlas/query-runner/local-three-region-queries", Fixture, NULL,
              fixture_set_up, test_local, fixture_tear_down);
  g_test_add ("/atlas/query-runner/cancelled", Fixture, NULL,
              fixture_set_up, test_cancelled, fixture_tear_down);
  g_test_add ("/atlas/query-runner/open-error", Fixture, NULL,
              fixture_set_up, test_open_error, fixture_tear_down);

  return g_test_run ();
}

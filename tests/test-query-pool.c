/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core's query pool: its results equal those of atlas_query_run() in
 * the calling thread (several queries in one job too), a query cancelled before it starts (a stale one)
 * never runs while the next one does, a cancellation interrupts a statement
 * that is running, atlas_query_run() itself honours its cancellable, and
 * atlas_query_pool_wait_idle() returns when the jobs have returned (their
 * callbacks queued) or at its timeout. */

#include <glib/gstdio.h>

#include "atlas-query-async.h"
#include "atlas-query-pool.h"
#include "store-test-util.h"

typedef struct
{
  char       *dir;
  char       *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GString) sql = g_string_new ("BEGIN;");

  fixture->dir = g_dir_make_tmp ("atlas-pool-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "p.db", NULL);
  store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (atlas_store_exec (store,
    "INSERT INTO sources (id, name, format, licence) VALUES (1, 'test', 'aijobs', 'CC0-1.0');"
    "INSERT INTO fx_rates VALUES ('INR', 2024, 83.669, 'World Bank', 'CC-BY-4.0');"
    "INSERT INTO ppp_factors VALUES ('IN', 2024, 19.9, 'World Bank', 'CC-BY-4.0');",
    &error));
  g_assert_no_error (error);

  /* 600 records in two countries (the Indian ones in 2024, the year of the
   * rupee's rate), three levels and two years. */
  for (int i = 0; i < 600; i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " experience, amount, currency, amount_usd, year)"
      " VALUES ('r%d', 1, %d, 'survey', 'Data Scientist', 'Data Scientist', '%s', '%s', %d,"
      " '%s', %s, %d);",
      i, i + 2, i % 2 ? "US" : "IN", (const char *[]) { "EN", "MI", "SE" }[i % 3],
      i % 2 ? 100000 + 1000 * (i % 100) : 8000000 + 10000 * (i % 100),
      i % 2 ? "USD" : "INR", i % 2 ? "100000" : "NULL", i % 2 ? 2023 + (i / 2) % 2 : 2024);
  g_string_append (sql, "COMMIT;");
  g_assert_true (atlas_store_exec (store, sql->str, &error));
  /* As every writer of records does: the counts and the statistics' cells. */
  g_assert_true (atlas_store_recount_facets (store, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

typedef struct
{
  gboolean          done;
  AtlasQueryResult *result;
  GError           *error;
} Answer;

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Answer *answer = user_data;

  answer->result = atlas_query_run_finish (result, &answer->error);
  answer->done = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("The query pool did not answer within 20 s");
  return G_SOURCE_REMOVE;
}

static void
wait_for (const gboolean *done)
{
  guint timeout = g_timeout_add_seconds (20, timeout_cb, NULL);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->result, atlas_query_result_free);
  g_clear_error (&answer->error);
  answer->done = FALSE;
}

static void
test_same_as_sync (Fixture       *fixture,
                   gconstpointer  data)
{
  static const AtlasGroupBy groupings[] = {
    ATLAS_GROUP_REGION, ATLAS_GROUP_EXPERIENCE, ATLAS_GROUP_YEAR,
  };
  static const AtlasCurrencyMode modes[] = {
    ATLAS_CURRENCY_MODE_USD, ATLAS_CURRENCY_MODE_LOCAL, ATLAS_CURRENCY_MODE_PPP,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (fixture->path, &error);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();

  g_assert_no_error (error);
  filter->regions = g_strsplit ("US,IN", ",", -1);

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        g_autoptr(AtlasQueryResult) direct = NULL;
        Answer answer = { 0 };

        direct = atlas_query_run (store, filter, groupings[g], modes[m], 3, NULL, &error);
        g_assert_no_error (error);
        atlas_query_run_async (fixture->path, filter, groupings[g], modes[m], 3, NULL,
                                      query_done_cb, &answer);
        wait_for (&answer.done);
        g_assert_no_error (answer.error);

        g_assert_cmpuint (answer.result->n_records, ==, direct->n_records);
        g_assert_cmpuint (direct->n_records, ==, 600);
        g_assert_cmpuint (answer.result->groups->len, ==, direct->groups->len);
        g_assert_cmpuint (direct->groups->len, >, 1);
        for (guint i = 0; i < direct->groups->len; i++)
          {
            const AtlasGroup *a = g_ptr_array_index (answer.result->groups, i);
            const AtlasGroup *b = g_ptr_array_index (direct->groups, i);

            g_assert_cmpstr (a->region, ==, b->region);
            g_assert_cmpstr (a->key, ==, b->key);
            g_assert_cmpuint (a->summary.n, ==, b->summary.n);
            g_assert_cmpfloat_with_epsilon (a->summary.median, b->summary.median, 1e-9);
          }
        answer_clear (&answer);
      }
}

/* The answer of a job of the pool; for atlas_query_run_many_async(), whose
 * finish is the pool's own, the result is a GPtrArray of results. */
typedef struct
{
  gboolean done;
  gpointer result;
  GError  *error;
} RunAnswer;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunAnswer *answer = user_data;

  answer->result = atlas_query_pool_run_finish (result, &answer->error);
  answer->done = TRUE;
}

/* Several queries in one job of the pool (the window's query runner sends
 * those that read the same rows together): each result is the one
 * atlas_query_run() gives alone, whichever rows the others read.  And which
 * queries read the same rows, as atlas_query_read_key() says. */
static void
test_many_same_as_sync (Fixture       *fixture,
                        gconstpointer  data)
{
  static const AtlasQuerySpec specs[] = {
    { ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, TRUE },
    { ATLAS_GROUP_COMPANY, ATLAS_CURRENCY_MODE_USD, TRUE },
    { ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_PPP, TRUE },
    { ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_LOCAL, TRUE },
    { ATLAS_GROUP_YEAR, ATLAS_CURRENCY_MODE_USD, TRUE },
    { ATLAS_GROUP_EXPERIENCE_YEARS, ATLAS_CURRENCY_MODE_USD, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (fixture->path, &error);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  RunAnswer answer = { 0 };
  GPtrArray *results;
  guint coarse, fine;

  g_assert_no_error (error);
  filter->regions = g_strsplit ("US,IN", ",", -1);

  atlas_query_run_many_async (fixture->path, filter, specs, G_N_ELEMENTS (specs), 3, NULL,
                              run_done_cb, &answer);
  wait_for (&answer.done);
  g_assert_no_error (answer.error);
  results = answer.result;
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (specs));

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(AtlasQueryResult) direct = atlas_query_run (store, filter, specs[s].by,
                                                            specs[s].mode, 3, NULL, &error);
      const AtlasQueryResult *many = g_ptr_array_index (results, s);

      g_assert_no_error (error);
      g_assert_cmpint (many->by, ==, specs[s].by);
      g_assert_cmpint (many->mode, ==, specs[s].mode);
      g_assert_cmpuint (many->n_records, ==, direct->n_records);
      g_assert_cmpuint (direct->n_records, ==, 600);
      g_assert_cmpuint (many->groups->len, ==, direct->groups->len);
      g_assert_cmpuint (many->n_excluded, ==, direct->n_excluded);
      g_assert_cmpint (many->from_figures, ==, direct->from_figures);
      g_assert_cmpuint (many->sources->len, ==, direct->sources->len);
      /* The fixture's records have no company and no years of experience:
       * those two groupings are empty, the others are not. */
      if (specs[s].by != ATLAS_GROUP_COMPANY && specs[s].by != ATLAS_GROUP_EXPERIENCE_YEARS)
        g_assert_cmpuint (direct->groups->len, >, 1);
      for (guint i = 0; i < direct->groups->len; i++)
        {
          const AtlasGroup *a = g_ptr_array_index (many->groups, i);
          const AtlasGroup *b = g_ptr_array_index (direct->groups, i);

          g_assert_cmpstr (a->region, ==, b->region);
          g_assert_cmpstr (a->key, ==, b->key);
          g_assert_cmpuint (a->summary.n, ==, b->summary.n);
          g_assert_cmpfloat_with_epsilon (a->summary.median, b->summary.median, 1e-9);
          g_assert_cmpfloat_with_epsilon (a->summary.p25, b->summary.p25, 1e-9);
          g_assert_cmpfloat_with_epsilon (a->summary.p75, b->summary.p75, 1e-9);
          g_assert_cmpstr (a->sources, ==, b->sources);
          /* with_values: the same sorted values, exactly. */
          g_assert_cmpuint (a->n_values, ==, b->n_values);
          g_assert_cmpuint (a->n_values, ==, a->summary.n);
          for (gsize v = 0; v < a->n_values; v++)
            g_assert_cmpfloat (a->values[v], ==, b->values[v]);
        }
    }
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Regions, levels and years read the coarse cells; companies and years
   * of experience the cells with those columns; a title, the records. */
  coarse = atlas_query_read_key (filter, ATLAS_GROUP_REGION);
  fine = atlas_query_read_key (filter, ATLAS_GROUP_COMPANY);
  g_assert_cmpuint (coarse, !=, fine);
  g_assert_cmpuint (atlas_query_read_key (filter, ATLAS_GROUP_EXPERIENCE), ==, coarse);
  g_assert_cmpuint (atlas_query_read_key (filter, ATLAS_GROUP_YEAR), ==, coarse);
  g_assert_cmpuint (atlas_query_read_key (filter, ATLAS_GROUP_EXPERIENCE_YEARS), ==, fine);
  filter->title = g_strdup ("Data");
  g_assert_cmpuint (atlas_query_read_key (filter, ATLAS_GROUP_REGION), ==,
                    atlas_query_read_key (filter, ATLAS_GROUP_COMPANY));
  g_assert_cmpuint (atlas_query_read_key (filter, ATLAS_GROUP_REGION), !=, coarse);
}

static void
test_stale_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GCancellable) stale = g_cancellable_new ();
  g_autoptr(GCancellable) fresh = g_cancellable_new ();
  Answer old = { 0 }, new = { 0 };

  /* The window's pattern: a newer filter cancels the query of the older. */
  atlas_query_run_async (fixture->path, filter, ATLAS_GROUP_REGION,
                                ATLAS_CURRENCY_MODE_USD, 3, stale, query_done_cb, &old);
  g_cancellable_cancel (stale);
  atlas_query_run_async (fixture->path, filter, ATLAS_GROUP_EXPERIENCE,
                                ATLAS_CURRENCY_MODE_USD, 3, fresh, query_done_cb, &new);
  wait_for (&old.done);
  wait_for (&new.done);

  g_assert_error (old.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (old.result);
  g_assert_no_error (new.error);
  g_assert_cmpint (new.result->by, ==, ATLAS_GROUP_EXPERIENCE);
  g_assert_cmpuint (new.result->n_records, ==, 600);
  answer_clear (&old);
  answer_clear (&new);
}

/* A statement that would run for minutes: counting to ten billion. */
typedef struct
{
  gint    started;  /* atomic */
  gint64  count;
} Slow;

static gpointer
slow_job (AtlasStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Slow *slow = data;
  sqlite3_stmt *stmt = atlas_store_prepare (store,
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000)"
    " SELECT count(*) FROM c", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  g_atomic_int_set (&slow->started, TRUE);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    slow->count = sqlite3_column_int64 (stmt, 0);
  else
    atlas_store_set_error (store, error, "counting");
  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
test_cancel_mid_statement (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Slow slow = { 0 };
  RunAnswer answer = { 0 };
  gint64 cancelled_at;

  atlas_query_pool_run_async (fixture->path, slow_job, &slow, NULL, NULL, cancellable,
                              run_done_cb, &answer);
  while (!g_atomic_int_get (&slow.started))
    g_usleep (1000);
  g_usleep (50 * 1000);   /* well inside the statement */
  g_assert_false (answer.done);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  wait_for (&answer.done);

  g_assert_null (answer.result);
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (slow.count, ==, 0);
  /* Interrupted, not run to its end (minutes); generous for a busy machine. */
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&answer.error);
}

/* Dispatches what is ready in the main context, without blocking. */
static void
dispatch_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_wait_idle (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  Slow slow = { 0 };
  RunAnswer slow_answer = { 0 };
  Answer answer = { 0 };
  gint64 start;

  /* A quick query: after the wait its callback is ready to run. */
  atlas_query_run_async (fixture->path, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 3,
                         NULL, query_done_cb, &answer);
  g_assert_true (atlas_query_pool_wait_idle (20 * G_USEC_PER_SEC));
  g_assert_false (answer.done);
  dispatch_pending ();
  g_assert_true (answer.done);
  g_assert_no_error (answer.error);
  g_assert_cmpuint (answer.result->n_records, ==, 600);
  answer_clear (&answer);

  /* A job that does not end by itself: the wait gives up at its timeout. */
  atlas_query_pool_run_async (fixture->path, slow_job, &slow, NULL, NULL, cancellable,
                              run_done_cb, &slow_answer);
  while (!g_atomic_int_get (&slow.started))
    g_usleep (1000);
  start = g_get_monotonic_time ();
  g_assert_false (atlas_query_pool_wait_idle (30 * G_TIME_SPAN_MILLISECOND));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 30 * G_TIME_SPAN_MILLISECOND);
  dispatch_pending ();
  g_assert_false (slow_answer.done);

  g_cancellable_cancel (cancellable);
  g_assert_true (atlas_query_pool_wait_idle (20 * G_USEC_PER_SEC));
  dispatch_pending ();
  g_assert_true (slow_answer.done);
  g_assert_error (slow_answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&slow_answer.error);
}

static void
test_query_run_cancellable (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (fixture->path, &error);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AtlasQueryResult) result = NULL;

  g_assert_no_error (error);

  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 3,
                            cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_records, ==, 600);
  g_clear_pointer (&result, atlas_query_result_free);

  g_cancellable_cancel (cancellable);
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 3,
                            cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is usable again afterwards, without the handler. */
  result = atlas_query_run (store, filter, ATLAS_GROUP_YEAR, ATLAS_CURRENCY_MODE_USD, 3,
                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->groups->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/atlas/query-pool/same-as-sync", Fixture, NULL,
              fixture_set_up, test_same_as_sync, fixture_tear_down);
  g_test_add ("/atlas/query-pool/many-same-as-sync", Fixture, NULL,
              fixture_set_up, test_many_same_as_sync, fixture_tear_down);
  g_test_add ("/atlas/query-pool/stale-cancelled", Fixture, NULL,
              fixture_set_up, test_stale_cancelled, fixture_tear_down);
  g_test_add ("/atlas/query-pool/cancel-mid-statement", Fixture, NULL,
              fixture_set_up, test_cancel_mid_statement, fixture_tear_down);
  g_test_add ("/atlas/query-pool/wait-idle", Fixture, NULL,
              fixture_set_up, test_wait_idle, fixture_tear_down);
  g_test_add ("/atlas/query-pool/query-run-cancellable", Fixture, NULL,
              fixture_set_up, test_query_run_cancellable, fixture_tear_down);

  return g_test_run ();
}

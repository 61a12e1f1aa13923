/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session.c: the window's session without a window (and without GTK:
 * this test is built from the session's sources with the core and the
 * charts only), with the real query runner on the small database of
 * request-test-db.h. A filter change notifies once, queries only what the
 * visible page needs until the window lets the rest go, and cancels the
 * stale queries; the session's specs are the chart request's. */

#include "config.h"

#include <math.h>

#include "atlas-curation.h"
#include "atlas-records-model.h"
#include "atlas-session.h"
#include "request-test-db.h"

typedef struct
{
  char         *dir;
  char         *path;
  AtlasSession *session;
  guint         n_filter_notifies;
  guint         n_mode_notifies;
  guint         n_drill_notifies;
  guint         n_results[ATLAS_N_SLOTS];
  guint         n_deferred;
  gboolean      hold_deferred;
} Fixture;

static void
results_cb (AtlasSession *session,
            guint         slot,
            Fixture      *fixture)
{
  g_assert_cmpuint (slot, <, ATLAS_N_SLOTS);
  g_assert_nonnull (atlas_session_get_result (session, slot));
  fixture->n_results[slot]++;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

static void
defer_cb (AtlasSession *session,
          gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->n_deferred++;
  if (!fixture->hold_deferred)
    atlas_session_run_deferred (session);
}

static AtlasFilter *
filter_for (const char *regions)
{
  AtlasFilter *filter = atlas_filter_new ();

  filter->regions = g_strsplit (regions, ",", -1);
  filter->role = g_strdup ("Machine Learning Engineer");
  return filter;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  AtlasCatalog *catalog;

  fixture->dir = g_dir_make_tmp ("atlas-session-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = test_db_create (fixture->dir);
  store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
  catalog = atlas_catalog_load (store, FALSE, &error);
  g_assert_no_error (error);

  fixture->session = atlas_session_new (fixture->path);
  atlas_session_set_defer_func (fixture->session, defer_cb, fixture);
  g_signal_connect (fixture->session, "result-changed", G_CALLBACK (results_cb), fixture);
  g_signal_connect (fixture->session, "notify::filter", G_CALLBACK (count_cb), &fixture->n_filter_notifies);
  g_signal_connect (fixture->session, "notify::currency-mode", G_CALLBACK (count_cb), &fixture->n_mode_notifies);
  g_signal_connect (fixture->session, "notify::drill-label", G_CALLBACK (count_cb), &fixture->n_drill_notifies);
  atlas_session_set_catalog (fixture->session, catalog);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  /* Let the runner's workers give back their references and connections. */
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (2000);
    }
  test_db_remove (fixture->dir, fixture->path);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
wait_idle (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (atlas_session_get_busy (fixture->session) &&
         !(fixture->hold_deferred && !atlas_session_page_is_loading (fixture->session,
                                                                     atlas_session_get_page (fixture->session))))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
test_page_table (void)
{
  AtlasSlot slots[ATLAS_N_SLOTS];
  AtlasChartKind kind;
  guint n;

  /* The overview: cards, the compare chart with its ratios, companies. */
  n = atlas_session_page_get_slots ("overview", slots);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (slots[0], ==, ATLAS_SLOT_REGION);
  g_assert_cmpint (slots[1], ==, ATLAS_SLOT_EXPERIENCE);
  g_assert_cmpint (slots[2], ==, ATLAS_SLOT_REGION_USD);
  g_assert_cmpint (slots[3], ==, ATLAS_SLOT_REGION_PPP);
  g_assert_cmpint (slots[4], ==, ATLAS_SLOT_COMPANY);

  /* A chart page needs what its chart request names. */
  for (kind = 0; kind < ATLAS_CHART_N_KINDS; kind++)
    {
      AtlasChartQuery queries[4];
      guint n_queries = atlas_chart_kind_get_queries (kind, ATLAS_CURRENCY_MODE_LOCAL, queries, 4);
      AtlasChartKind shown;

      n = atlas_session_page_get_slots (atlas_chart_kind_to_string (kind), slots);
      g_assert_cmpuint (n, ==, n_queries);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (atlas_slot_get_group_by (slots[i]), ==, queries[i].group_by);
          g_assert_cmpint (atlas_slot_get_mode (slots[i], ATLAS_CURRENCY_MODE_LOCAL), ==, queries[i].mode);
        }
      g_assert_true (atlas_session_page_get_chart (atlas_chart_kind_to_string (kind), &shown));
      g_assert_cmpint (shown, ==, kind);
    }

  g_assert_cmpuint (atlas_session_page_get_slots ("sources", slots), ==, 0);
  g_assert_false (atlas_session_page_get_chart ("sources", &kind));
  g_assert_cmpuint (atlas_session_page_get_slots ("records", slots), ==, 0);
}

static void
test_filter_notifies_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AtlasFilter) a = filter_for ("US,IN");
  g_autoptr(AtlasFilter) same = filter_for ("US,IN");
  g_autoptr(AtlasFilter) b = filter_for ("IN");
  guint queried;

  atlas_session_set_page (fixture->session, "distribution");
  atlas_session_set_filter (fixture->session, a);
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 1);
  g_assert_true (atlas_session_get_busy (fixture->session));
  wait_idle (fixture);
  queried = atlas_session_get_n_queried (fixture->session);

  /* An equal filter (another copy) changes nothing and queries nothing. */
  atlas_session_set_filter (fixture->session, same);
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 1);
  g_assert_false (atlas_session_get_busy (fixture->session));
  g_assert_cmpuint (atlas_session_get_n_queried (fixture->session), ==, queried);

  atlas_session_set_filter (fixture->session, b);
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 2);
  g_assert_true (atlas_session_filter_equal (atlas_session_get_filter (fixture->session), b));
  wait_idle (fixture);

  /* The currency mode likewise. */
  atlas_session_set_currency_mode (fixture->session, ATLAS_CURRENCY_MODE_PPP);
  atlas_session_set_currency_mode (fixture->session, ATLAS_CURRENCY_MODE_PPP);
  g_assert_cmpuint (fixture->n_mode_notifies, ==, 1);
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 2);
  wait_idle (fixture);
}

static void
test_visible_page_first (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = filter_for ("US,IN");

  /* The window has not painted yet: the other pages' queries wait. */
  fixture->hold_deferred = TRUE;
  atlas_session_set_page (fixture->session, "trend");
  atlas_session_set_filter (fixture->session, filter);
  g_assert_cmpuint (atlas_session_get_n_queried (fixture->session), ==, 1);
  g_assert_true (atlas_session_page_is_loading (fixture->session, "trend"));
  wait_idle (fixture);

  g_assert_false (atlas_session_page_is_loading (fixture->session, "trend"));
  g_assert_true (atlas_session_page_is_loading (fixture->session, "overview"));
  g_assert_cmpuint (fixture->n_deferred, ==, 1);
  for (guint slot = 0; slot < ATLAS_N_SLOTS; slot++)
    g_assert_cmpuint (fixture->n_results[slot], ==, slot == ATLAS_SLOT_YEAR ? 1 : 0);
  g_assert_cmpuint (atlas_session_get_n_queried (fixture->session), ==, 1);

  /* Then the rest, once. */
  atlas_session_run_deferred (fixture->session);
  fixture->hold_deferred = FALSE;
  wait_idle (fixture);
  g_assert_false (atlas_session_get_busy (fixture->session));
  for (guint slot = 0; slot < ATLAS_N_SLOTS; slot++)
    g_assert_cmpuint (fixture->n_results[slot], ==, 1);
  g_assert_cmpuint (atlas_session_get_n_queried (fixture->session), ==, ATLAS_N_SLOTS);

  /* The page's results are the ones the session shows. */
  g_assert_true (atlas_session_get_chart_result (fixture->session, ATLAS_CHART_TREND) ==
                 atlas_session_get_result (fixture->session, ATLAS_SLOT_YEAR));
}

static void
test_cancels_stale (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AtlasFilter) both = filter_for ("US,IN");
  g_autoptr(AtlasFilter) india = filter_for ("IN");
  const AtlasQueryResult *result;

  atlas_session_set_page (fixture->session, "distribution");
  atlas_session_set_filter (fixture->session, both);
  /* Before any result of the first filter came back. */
  atlas_session_set_filter (fixture->session, india);
  wait_idle (fixture);

  /* Only the second filter's results arrived, each slot once. */
  for (guint slot = 0; slot < ATLAS_N_SLOTS; slot++)
    g_assert_cmpuint (fixture->n_results[slot], ==, 1);
  result = atlas_shared_result_get (atlas_session_get_result (fixture->session, ATLAS_SLOT_REGION));
  g_assert_cmpuint (result->groups->len, ==, 1);
  g_assert_cmpstr (((AtlasGroup *) g_ptr_array_index (result->groups, 0))->region, ==, "IN");
  /* Four Indian records, in rupees converted to dollars. */
  g_assert_cmpuint (result->n_records, ==, 4);
}

static void
test_mode_keeps_region_results (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = filter_for ("US,IN");
  guint queried;

  atlas_session_set_page (fixture->session, "distribution");
  atlas_session_set_filter (fixture->session, filter);
  wait_idle (fixture);
  queried = atlas_session_get_n_queried (fixture->session);

  /* To PPP: the region result in PPP is already there; the region results
   * in USD and PPP do not depend on the mode. */
  atlas_session_set_currency_mode (fixture->session, ATLAS_CURRENCY_MODE_PPP);
  wait_idle (fixture);
  g_assert_cmpuint (atlas_session_get_n_queried (fixture->session) - queried, ==, ATLAS_N_SLOTS - 3);
  g_assert_cmpint (atlas_shared_result_get (atlas_session_get_result (fixture->session, ATLAS_SLOT_REGION))->mode,
                   ==, ATLAS_CURRENCY_MODE_PPP);
  g_assert_true (atlas_session_get_result (fixture->session, ATLAS_SLOT_REGION) ==
                 atlas_session_get_result (fixture->session, ATLAS_SLOT_REGION_PPP));
}

/* The session's spec for a chart is the chart request's on the same
 * filter, mode and threshold: the window and the command line agree. */
static void
test_same_spec_as_request (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = filter_for ("US,IN");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (fixture->path, &error);

  g_assert_no_error (error);
  atlas_session_set_small_sample_threshold (fixture->session, 3);
  atlas_session_set_currency_mode (fixture->session, ATLAS_CURRENCY_MODE_USD);
  atlas_session_set_filter (fixture->session, filter);
  wait_idle (fixture);

  for (AtlasChartKind kind = 0; kind < ATLAS_CHART_N_KINDS; kind++)
    {
      g_autoptr(AtlasChartRequest) request =
        atlas_chart_request_new (kind, filter, ATLAS_CURRENCY_MODE_USD, 3);
      g_autoptr(AtlasChartSpec) direct = NULL;
      g_autoptr(AtlasChartSpec) spec = atlas_session_build_spec (fixture->session, kind);
      const AtlasQueryResult *shown = atlas_shared_result_get (atlas_session_get_chart_result (fixture->session, kind));

      g_assert_true (atlas_chart_request_run (request, store, &error));
      g_assert_no_error (error);
      direct = atlas_chart_request_build_spec (request, atlas_session_get_catalog (fixture->session));

      g_assert_cmpstr (spec->subtitle, ==, direct->subtitle);
      g_assert_cmpstr (spec->currency_basis, ==, direct->currency_basis);
      g_assert_nonnull (spec->currency_basis);
      g_assert_true (spec->ratio_nominal == direct->ratio_nominal ||
                     (isnan (spec->ratio_nominal) && isnan (direct->ratio_nominal)));
      g_assert_true (spec->ratio_ppp == direct->ratio_ppp ||
                     (isnan (spec->ratio_ppp) && isnan (direct->ratio_ppp)));
      g_assert_cmpuint (shown->groups->len, ==, atlas_chart_request_get_result (request)->groups->len);
      g_assert_cmpuint (shown->small_sample_threshold, ==, 3);
      if (kind == ATLAS_CHART_COMPARE)
        g_assert_cmpfloat_with_epsilon (spec->ratio_nominal, (2100000 / TEST_DB_INR_PER_USD) / 120000.0, 1e-9);
    }
}

static void
test_drill (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = filter_for ("US,IN");
  AtlasChartMark mark = { .key = "SE", .label = "Senior" };

  atlas_session_set_filter (fixture->session, filter);
  g_assert_null (atlas_session_get_drill_label (fixture->session));
  g_assert_false (atlas_session_undo_drill (fixture->session));

  g_assert_true (atlas_session_drill_mark (fixture->session, ATLAS_CHART_COMPARE, &mark));
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 2);
  g_assert_cmpuint (fixture->n_drill_notifies, ==, 1);
  g_assert_cmpstr (atlas_session_get_drill_label (fixture->session), ==, "Level: Senior");
  g_assert_cmpstr (atlas_session_get_filter (fixture->session)->experience[0], ==, "SE");
  g_assert_null (atlas_session_get_filter (fixture->session)->experience[1]);

  /* A region box narrows nothing. */
  g_assert_false (atlas_session_drill_mark (fixture->session, ATLAS_CHART_DISTRIBUTION, &mark));
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 2);

  g_assert_true (atlas_session_undo_drill (fixture->session));
  g_assert_null (atlas_session_get_drill_label (fixture->session));
  g_assert_cmpuint (fixture->n_drill_notifies, ==, 2);
  g_assert_cmpuint (fixture->n_filter_notifies, ==, 3);
  g_assert_true (atlas_session_filter_equal (atlas_session_get_filter (fixture->session), filter));
  wait_idle (fixture);
}

/* How many rows the Records page's model has for @filter, once counted. */
static guint
model_count (Fixture           *fixture,
             const AtlasFilter *filter)
{
  g_autoptr(AtlasRecordsModel) model = atlas_records_model_new (fixture->path);
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (filter);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  atlas_records_model_set_query (model, query);
  while (atlas_records_model_get_counting (model))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* The n of the compare chart's box for @region and @key, 0 if none. */
static gsize
compare_n (Fixture    *fixture,
           const char *region,
           const char *key)
{
  const AtlasQueryResult *result =
    atlas_shared_result_get (atlas_session_get_chart_result (fixture->session, ATLAS_CHART_COMPARE));

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (group->region, region) == 0 && g_strcmp0 (group->key, key) == 0)
        return group->summary.n;
    }
  return 0;
}

/* A chart's mark leads to exactly its records: the Records page's count for
 * the mark's filter is the mark's n, for every mark of the compare and the
 * trend chart; the fixture's own rows (request-test-db.h) say what n is:
 * US Senior 3, US Mid 2, India Senior 3 (its fourth row has no level). */
static void
test_mark_records (Fixture       *fixture,
                   gconstpointer  data)
{
  static const AtlasChartKind kinds[] = { ATLAS_CHART_COMPARE, ATLAS_CHART_TREND };
  g_autoptr(AtlasFilter) filter = filter_for ("US,IN");
  guint checked = 0;

  atlas_session_set_filter (fixture->session, filter);
  wait_idle (fixture);
  g_assert_cmpuint (compare_n (fixture, "US", "SE"), ==, 3);
  g_assert_cmpuint (compare_n (fixture, "US", "MI"), ==, 2);
  g_assert_cmpuint (compare_n (fixture, "IN", "SE"), ==, 3);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const AtlasQueryResult *result =
        atlas_shared_result_get (atlas_session_get_chart_result (fixture->session, kinds[k]));

      for (guint i = 0; i < result->groups->len; i++)
        {
          const AtlasGroup *group = g_ptr_array_index (result->groups, i);
          AtlasChartMark mark = {
            .kind = ATLAS_CHART_MARK_BOX, .region = group->region, .key = group->key,
            .label = group->label, .group_index = i, .summary = group->summary,
          };
          g_autoptr(AtlasFilter) narrowed = NULL;
          g_autofree char *label = NULL;

          narrowed = atlas_session_filter_for_mark (fixture->session, kinds[k], &mark, &label);
          g_assert_nonnull (narrowed);
          g_assert_nonnull (label);
          g_assert_cmpuint (model_count (fixture, narrowed), ==, group->summary.n);
          checked++;
        }
    }
  /* Three level boxes, and the year 2024 in each region. */
  g_assert_cmpuint (checked, ==, 5);

  /* A histogram's bin is a range of amounts: no filter selects it. */
  {
    AtlasChartMark bin = { .kind = ATLAS_CHART_MARK_BIN, .region = "US", .key = "US" };

    g_assert_null (atlas_session_filter_for_mark (fixture->session, ATLAS_CHART_DISTRIBUTION,
                                                  &bin, NULL));
  }

  /* Drilling to a mark's records makes the session's filter that filter. */
  {
    AtlasChartMark mark = { .kind = ATLAS_CHART_MARK_BOX, .region = "US", .key = "MI", .label = "Mid" };

    g_assert_true (atlas_session_drill_to_records (fixture->session, ATLAS_CHART_COMPARE, &mark));
    g_assert_cmpuint (model_count (fixture, atlas_session_get_filter (fixture->session)), ==, 2);
    g_assert_nonnull (atlas_session_get_drill_label (fixture->session));
    g_assert_true (atlas_session_undo_drill (fixture->session));
  }
  wait_idle (fixture);
}

static void
count_signal_cb (AtlasSession *session,
                 guint        *counter)
{
  (*counter)++;
}

/* An exclusion (what the window's curation does through the query pool,
 * here directly on the database) and data_changed(): the compare chart's
 * n and the Records count both drop by exactly one; a restore brings both
 * back. */
static void
test_data_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = filter_for ("US,IN");
  g_autoptr(AtlasFilter) us_senior = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_signal_connect (fixture->session, "data-changed", G_CALLBACK (count_signal_cb), &n_changed);
  atlas_session_set_filter (fixture->session, filter);
  wait_idle (fixture);
  us_senior = atlas_filter_for_group (filter, ATLAS_GROUP_EXPERIENCE, "US", "SE");
  g_assert_cmpuint (compare_n (fixture, "US", "SE"), ==, 3);
  g_assert_cmpuint (model_count (fixture, us_senior), ==, 3);

  store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* us0 is a Senior US record (request-test-db.h). */
  g_assert_true (atlas_curation_exclude (store, "us0", ATLAS_EXCLUSION_OUTLIER, NULL, &error));
  g_assert_no_error (error);

  atlas_session_data_changed (fixture->session);
  g_assert_cmpuint (n_changed, ==, 1);
  wait_idle (fixture);
  g_assert_cmpuint (compare_n (fixture, "US", "SE"), ==, 2);
  g_assert_cmpuint (compare_n (fixture, "US", "MI"), ==, 2);
  g_assert_cmpuint (model_count (fixture, us_senior), ==, 2);

  g_assert_true (atlas_curation_restore (store, "us0", &error));
  g_assert_no_error (error);
  atlas_session_data_changed (fixture->session);
  wait_idle (fixture);
  g_assert_cmpuint (compare_n (fixture, "US", "SE"), ==, 3);
  g_assert_cmpuint (model_count (fixture, us_senior), ==, 3);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u ", position, removed, added);
}

/* The uids of @model's rows, once its count and its first page are read. */
static GPtrArray *
model_uids (AtlasRecordsModel *model,
            guint              pages_read)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint n;

  while (atlas_records_model_get_counting (model) ||
         atlas_records_model_get_n_pages_read (model) < pages_read)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, <=, ATLAS_RECORDS_MODEL_PAGE_SIZE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasRecordItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_ptr_array_add (uids, g_strdup (atlas_record_item_get_row (item)->uid));
    }
  return uids;
}

/* After a curation action the Records page's model reads its rows again in
 * place: the rows before the excluded one keep their items (so the view
 * keeps its scroll position and selection), the rows after it move up one,
 * the list loses one row at its end; the rows are those a new model reads. */
static void
test_records_refresh_in_place (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AtlasRecordsModel) model = atlas_records_model_new (fixture->path);
  g_autoptr(AtlasRecordsModel) fresh = atlas_records_model_new (fixture->path);
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = NULL;
  const guint excluded = 2;

  query->sort = ATLAS_RECORDS_SORT_TITLE;
  atlas_records_model_set_query (model, query);
  before = model_uids (model, 1);
  g_assert_cmpuint (before->len, >, excluded + 2);
  for (guint i = 0; i < before->len; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (model), i));

  store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_curation_exclude (store, g_ptr_array_index (before, excluded),
                                         ATLAS_EXCLUSION_OUTLIER, NULL, &error));
  g_assert_no_error (error);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), log);
  atlas_records_model_refresh (model);
  after = model_uids (model, 2);
  wanted = g_strdup_printf ("%u-1+0 ", before->len - 1);
  g_assert_cmpstr (log->str, ==, wanted);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  for (guint i = 0; i < after->len; i++)
    {
      g_autoptr(AtlasRecordItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (item == g_ptr_array_index (items, i));
      g_assert_cmpstr (g_ptr_array_index (after, i), ==,
                       g_ptr_array_index (before, i < excluded ? i : i + 1));
    }

  atlas_records_model_set_query (fresh, query);
  expected = model_uids (fresh, 1);
  g_assert_cmpuint (expected->len, ==, after->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (expected, i));
}

static void
no_rows_while_sorting_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          gpointer    user_data)
{
  /* No row shows before the new order's first rows are read. */
  if (added > 0)
    g_assert_false (atlas_records_model_get_sorting (ATLAS_RECORDS_MODEL (model)));
}

/* A new order empties the list and says "sorting" until its first rows
 * are read, whichever of the count and the first page comes first; a new
 * filter in the same order is not a new order. */
static void
test_records_sorting_state (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AtlasRecordsModel) model = atlas_records_model_new (fixture->path);
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  atlas_records_model_set_query (model, query);
  g_assert_false (atlas_records_model_get_sorting (model));
  g_ptr_array_unref (model_uids (model, 1));

  g_signal_connect (model, "items-changed", G_CALLBACK (no_rows_while_sorting_cb), NULL);
  query->sort = ATLAS_RECORDS_SORT_TITLE;
  query->descending = TRUE;
  atlas_records_model_set_query (model, query);
  g_assert_true (atlas_records_model_get_sorting (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  shown = model_uids (model, 2);
  g_assert_false (atlas_records_model_get_sorting (model));

  store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
  page = atlas_records_page (store, query, 0, ATLAS_RECORDS_MODEL_PAGE_SIZE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, >, 1);
  g_assert_cmpuint (shown->len, ==, page->len);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==,
                     ((AtlasRecordRow *) g_ptr_array_index (page, i))->uid);

  g_clear_pointer (&query->filter, atlas_filter_free);
  query->filter = filter_for ("US");
  atlas_records_model_set_query (model, query);
  g_assert_false (atlas_records_model_get_sorting (model));
  g_ptr_array_unref (model_uids (model, 3));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/session/page-table", test_page_table);
#define ADD(path, func) \
  g_test_add ("/atlas/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("filter-notifies-once", test_filter_notifies_once);
  ADD ("visible-page-first", test_visible_page_first);
  ADD ("cancels-stale", test_cancels_stale);
  ADD ("mode-keeps-region-results", test_mode_keeps_region_results);
  ADD ("same-spec-as-request", test_same_spec_as_request);
  ADD ("drill", test_drill);
  ADD ("mark-records", test_mark_records);
  ADD ("data-changed", test_data_changed);
  ADD ("records-refresh-in-place", test_records_refresh_in_place);
  ADD ("records-sorting-state", test_records_sorting_state);
#undef ADD

  return g_test_run ();
}

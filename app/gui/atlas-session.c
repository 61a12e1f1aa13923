/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-session.c: the filter, the currency mode, the threshold, the page,
 * the results and the drill state of a window, and the queries behind them
 * (which page needs which: atlas-session-pages.c). GLib only (see
 * atlas-session.h). */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "atlas-query-pool.h"
#include "atlas-session.h"

/* How long a change waits for the visible page's queries before the window
 * goes on (see atlas_session_requery()): about the time llvmpipe takes to
 * render one frame of the window, so that waiting never costs more than the
 * frame it saves. */
#define VISIBLE_WAIT_US (40 * G_TIME_SPAN_MILLISECOND)

struct _AtlasSession
{
  GObject                parent_instance;

  char                  *db_path;
  AtlasCatalog          *catalog;
  AtlasFilter           *filter;
  AtlasCurrencyMode      mode;
  guint                  threshold;
  char                  *page;

  GCancellable          *cancellable;
  AtlasSharedResult     *results[ATLAS_N_SLOTS];
  gboolean               pending[ATLAS_N_SLOTS];
  /* results[i] is for the current filter, threshold and data (only the
   * currency mode may have changed since). */
  gboolean               fresh[ATLAS_N_SLOTS];
  /* The queries of the other pages wait until the visible page (whose
   * slots are urgent) has its results: they would slow it down. */
  gboolean               urgent[ATLAS_N_SLOTS];
  AtlasSlot              deferred[ATLAS_N_SLOTS];
  guint                  n_deferred;
  gboolean               deferred_scheduled;
  AtlasSessionDeferFunc  defer_func;
  gpointer               defer_data;
  gint64                 query_started;
  guint                  n_queried;
  gboolean               busy;
  GError                *error;

  /* A click on a mark narrows the filter; this is what it was before. */
  AtlasFilter           *before_drill;
  char                  *drill_label;
};

G_DEFINE_FINAL_TYPE (AtlasSession, atlas_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_CATALOG,
  PROP_FILTER,
  PROP_CURRENCY_MODE,
  PROP_SMALL_SAMPLE_THRESHOLD,
  PROP_PAGE,
  PROP_BUSY,
  PROP_DRILL_LABEL,
  N_PROPS
};

enum {
  RESULT_CHANGED,
  FAILED,
  DATA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


AtlasSession *
atlas_session_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (ATLAS_TYPE_SESSION, "db-path", db_path, NULL);
}

const char *
atlas_session_get_db_path (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  return self->db_path;
}

gboolean
atlas_session_get_busy (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), FALSE);

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    if (self->pending[i])
      return TRUE;

  return FALSE;
}

static void
atlas_session_update_busy (AtlasSession *self)
{
  gboolean busy = atlas_session_get_busy (self);

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void atlas_session_schedule_deferred (AtlasSession *self);

static void
slot_ready_cb (AtlasSlot          slot,
               AtlasSharedResult *result,
               const GError      *error,
               gpointer           user_data)
{
  AtlasSession *self = user_data;

  self->pending[slot] = FALSE;

  if (error != NULL)
    {
      g_warning ("Query failed: %s", error->message);
      for (guint i = 0; i < ATLAS_N_SLOTS; i++)
        {
          self->pending[i] = FALSE;
          self->fresh[i] = FALSE;
        }
      self->n_deferred = 0;
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      g_signal_emit (self, signals[FAILED], 0, error);
    }
  else if (result != NULL)
    {
      AtlasSlot visible[ATLAS_N_SLOTS];

      g_clear_pointer (&self->results[slot], atlas_shared_result_unref);
      self->results[slot] = atlas_shared_result_ref (result);
      self->fresh[slot] = TRUE;

      if (atlas_session_page_get_slots (self->page, visible) > 0 && visible[0] == slot)
        g_debug ("Filter to %s (%s) shown in %.1f ms",
                 self->page, atlas_group_by_to_string (atlas_slot_get_group_by (slot)),
                 (g_get_monotonic_time () - self->query_started) / 1000.0);
      g_signal_emit (self, signals[RESULT_CHANGED], 0, (guint) slot);
      atlas_session_schedule_deferred (self);
    }

  atlas_session_update_busy (self);
}

static void
atlas_session_query (AtlasSession    *self,
                     const AtlasSlot *slots,
                     guint            n)
{
  self->n_queried += n;
  atlas_query_runner_run (self->db_path, self->filter, self->mode, self->threshold,
                          slots, n, self->cancellable,
                          slot_ready_cb, g_object_ref (self), g_object_unref);
}

void
atlas_session_run_deferred (AtlasSession *self)
{
  guint n;

  g_return_if_fail (ATLAS_IS_SESSION (self));

  if (!self->deferred_scheduled)
    return;

  n = self->n_deferred;
  self->n_deferred = 0;
  self->deferred_scheduled = FALSE;
  if (n == 0 || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  atlas_session_query (self, self->deferred, n);
}

/* Starts the queries of the other pages once the urgent ones are done,
 * when the defer function says so (right away without one). */
static void
atlas_session_schedule_deferred (AtlasSession *self)
{
  if (self->n_deferred == 0 || self->deferred_scheduled)
    return;
  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    if (self->urgent[i] && self->pending[i])
      return;

  self->deferred_scheduled = TRUE;
  if (self->defer_func != NULL)
    self->defer_func (self, self->defer_data);
  else
    atlas_session_run_deferred (self);
}

void
atlas_session_set_defer_func (AtlasSession          *self,
                              AtlasSessionDeferFunc  func,
                              gpointer               user_data)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  self->defer_func = func;
  self->defer_data = user_data;
}

/* When only the currency mode changed, the results of the current filter
 * that do not depend on the mode (the region queries in USD and in PPP) are
 * still right, and the region query in the new mode is one of them in USD
 * and PPP mode. Returns a new reference to the result @slot can reuse, or
 * NULL. */
static AtlasSharedResult *
atlas_session_reusable_result (AtlasSession *self,
                               AtlasSlot     slot)
{
  AtlasSlot same = slot;

  if (slot == ATLAS_SLOT_REGION && self->mode == ATLAS_CURRENCY_MODE_USD)
    same = ATLAS_SLOT_REGION_USD;
  else if (slot == ATLAS_SLOT_REGION && self->mode == ATLAS_CURRENCY_MODE_PPP)
    same = ATLAS_SLOT_REGION_PPP;

  if (same != ATLAS_SLOT_REGION_USD && same != ATLAS_SLOT_REGION_PPP)
    return NULL;
  if (!self->fresh[same] || self->results[same] == NULL)
    return NULL;

  return atlas_shared_result_ref (self->results[same]);
}

/* Runs the queries for the current filter: the visible page's first, then,
 * once they are done (and the defer function lets them), the other pages'
 * in the background. A newer change cancels what is still running.
 * With @mode_only (nothing but the currency mode changed), results that do
 * not depend on the mode are kept instead of queried again. */
static void
atlas_session_requery (AtlasSession *self,
                       gboolean      mode_only)
{
  AtlasSharedResult *reused[ATLAS_N_SLOTS] = { NULL, };
  AtlasSlot order[ATLAS_N_SLOTS];
  AtlasSlot slots[ATLAS_N_SLOTS];
  guint n_order;
  guint n_visible;
  guint n = 0;

  if (self->catalog == NULL || self->filter == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->deferred_scheduled = FALSE;
  self->n_deferred = 0;
  g_clear_error (&self->error);

  n_order = n_visible = atlas_session_page_get_slots (self->page, order);
  for (guint s = 0; s < ATLAS_N_SLOTS; s++)
    if (!atlas_session_slots_contain (order, n_order, s))
      order[n_order++] = s;

  /* All at once, before any result is applied: a reused region result in
   * the new mode must come from the old USD or PPP slot. */
  if (mode_only)
    for (guint s = 0; s < ATLAS_N_SLOTS; s++)
      reused[s] = atlas_session_reusable_result (self, s);

  for (guint i = 0; i < n_order; i++)
    {
      self->urgent[order[i]] = i < n_visible;
      if (reused[order[i]] != NULL)
        continue;
      if (i < n_visible)
        slots[n++] = order[i];
      else
        self->deferred[self->n_deferred++] = order[i];
    }

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    {
      self->pending[i] = TRUE;
      self->fresh[i] = FALSE;
    }

  self->query_started = g_get_monotonic_time ();
  if (n > 0)
    {
      atlas_session_query (self, slots, n);
      /* The change itself (a toggled button) asks for a frame at once,
       * and results that come while it renders wait for the next one:
       * two frames per change, each 30–50 ms of rendering on a machine
       * without a GPU, competing with the queries for the cores. Waiting
       * here a little for fast queries (their callbacks have a higher
       * priority than GDK's paint) paints the change and its results in
       * one frame; slow ones are still shown as they come. */
      atlas_query_pool_wait_idle (VISIBLE_WAIT_US);
    }

  for (guint i = 0; i < n_order; i++)
    if (reused[order[i]] != NULL)
      {
        g_autoptr(AtlasSharedResult) result = g_steal_pointer (&reused[order[i]]);

        g_debug ("Query by %s in %s: kept",
                 atlas_group_by_to_string (atlas_slot_get_group_by (order[i])),
                 atlas_currency_mode_to_string (atlas_slot_get_mode (order[i], self->mode)));
        slot_ready_cb (order[i], result, NULL, self);
      }
  /* Nothing urgent to query (all kept). */
  atlas_session_schedule_deferred (self);
  atlas_session_update_busy (self);
}

AtlasCatalog *
atlas_session_get_catalog (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  return self->catalog;
}

void
atlas_session_set_catalog (AtlasSession *self,
                           AtlasCatalog *catalog)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  g_clear_pointer (&self->catalog, atlas_catalog_free);
  self->catalog = catalog;
  atlas_session_invalidate (self);
  atlas_session_requery (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

const AtlasFilter *
atlas_session_get_filter (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  return self->filter;
}

void
atlas_session_set_filter (AtlasSession      *self,
                          const AtlasFilter *filter)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));
  g_return_if_fail (filter != NULL);

  if (atlas_session_filter_equal (self->filter, filter))
    return;

  g_clear_pointer (&self->filter, atlas_filter_free);
  self->filter = atlas_filter_copy (filter);
  atlas_session_requery (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

AtlasCurrencyMode
atlas_session_get_currency_mode (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), ATLAS_CURRENCY_MODE_USD);

  return self->mode;
}

void
atlas_session_set_currency_mode (AtlasSession      *self,
                                 AtlasCurrencyMode  mode)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  if (self->mode == mode)
    return;

  self->mode = mode;
  atlas_session_requery (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY_MODE]);
}

guint
atlas_session_get_small_sample_threshold (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), 0);

  return self->threshold;
}

void
atlas_session_set_small_sample_threshold (AtlasSession *self,
                                          guint         threshold)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  if (self->threshold == threshold)
    return;

  self->threshold = threshold;
  atlas_session_requery (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMALL_SAMPLE_THRESHOLD]);
}

const char *
atlas_session_get_page (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  return self->page;
}

void
atlas_session_set_page (AtlasSession *self,
                        const char   *page)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  if (g_strcmp0 (self->page, page) == 0)
    return;

  g_free (self->page);
  self->page = g_strdup (page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

AtlasSharedResult *
atlas_session_get_result (AtlasSession *self,
                          AtlasSlot     slot)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);
  g_return_val_if_fail (slot < ATLAS_N_SLOTS, NULL);

  return self->results[slot];
}

gboolean
atlas_session_get_pending (AtlasSession *self,
                           AtlasSlot     slot)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (slot < ATLAS_N_SLOTS, FALSE);

  return self->pending[slot];
}

gboolean
atlas_session_page_is_loading (AtlasSession *self,
                               const char   *page)
{
  AtlasSlot slots[ATLAS_N_SLOTS];
  guint n;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), FALSE);

  n = atlas_session_page_get_slots (page, slots);
  for (guint i = 0; i < n; i++)
    if (self->pending[slots[i]])
      return TRUE;

  return FALSE;
}

const GError *
atlas_session_get_error (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  return self->error;
}

guint
atlas_session_get_n_queried (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), 0);

  return self->n_queried;
}

static void
shared_result_unref (gpointer data)
{
  atlas_shared_result_unref (data);
}

AtlasChartRequest *
atlas_session_dup_request (AtlasSession   *self,
                           AtlasChartKind  kind)
{
  AtlasChartRequest *request;
  g_autoptr(AtlasFilter) none = NULL;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  if (self->filter == NULL)
    none = atlas_filter_new ();
  request = atlas_chart_request_new (kind, self->filter ? self->filter : none, self->mode,
                                     self->threshold);

  for (guint i = 0; i < atlas_chart_request_get_n_queries (request); i++)
    {
      AtlasSlot slot = atlas_session_slot_for_query (atlas_chart_request_get_query (request, i),
                                                     self->mode);
      AtlasSharedResult *shared = self->results[slot];

      if (shared != NULL)
        atlas_chart_request_set_result (request, i, atlas_shared_result_get (shared),
                                        atlas_shared_result_ref (shared), shared_result_unref);
    }

  return request;
}

AtlasChartSpec *
atlas_session_build_spec (AtlasSession   *self,
                          AtlasChartKind  kind)
{
  g_autoptr(AtlasChartRequest) request = NULL;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  request = atlas_session_dup_request (self, kind);
  return atlas_chart_request_build_spec (request, self->catalog);
}

AtlasSharedResult *
atlas_session_get_chart_result (AtlasSession   *self,
                                AtlasChartKind  kind)
{
  AtlasChartQuery query;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  if (atlas_chart_kind_get_queries (kind, self->mode, &query, 1) == 0)
    return NULL;

  return self->results[atlas_session_slot_for_query (&query, self->mode)];
}

char *
atlas_session_describe_basis (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  if (self->catalog == NULL || self->filter == NULL)
    return NULL;

  return atlas_chart_describe_basis (self->catalog, self->filter, self->mode);
}

void
atlas_session_invalidate (AtlasSession *self)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    self->fresh[i] = FALSE;
}

void
atlas_session_data_changed (AtlasSession *self)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  /* Every result counted the rows as they were: query them all again. */
  atlas_session_invalidate (self);
  atlas_session_requery (self, FALSE);
  g_signal_emit (self, signals[DATA_CHANGED], 0);
}

void
atlas_session_cancel (AtlasSession *self)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
atlas_session_drill (AtlasSession      *self,
                     const AtlasFilter *filter,
                     const char        *label)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (label != NULL);

  if (self->before_drill == NULL && self->filter != NULL)
    self->before_drill = atlas_filter_copy (self->filter);

  if (g_strcmp0 (self->drill_label, label) != 0)
    {
      g_free (self->drill_label);
      self->drill_label = g_strdup (label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRILL_LABEL]);
    }
  atlas_session_set_filter (self, filter);
}

gboolean
atlas_session_drill_mark (AtlasSession         *self,
                          AtlasChartKind        kind,
                          const AtlasChartMark *mark)
{
  g_autoptr(AtlasFilter) filter = NULL;
  g_autofree char *label = NULL;
  AtlasGroupBy by;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  if (self->filter == NULL || mark->key == NULL)
    return FALSE;

  by = atlas_chart_kind_group_by (kind);
  filter = atlas_filter_copy (self->filter);

  if (by == ATLAS_GROUP_COMPANY)
    {
      g_free (filter->company);
      filter->company = g_strdup (mark->key);
      /* Translators: the chip that undoes a click on a company */
      label = g_strdup_printf (_("Company: %s"), mark->label ? mark->label : mark->key);
    }
  else if (by == ATLAS_GROUP_EXPERIENCE)
    {
      g_strfreev (filter->experience);
      filter->experience = g_new0 (char *, 2);
      filter->experience[0] = g_strdup (mark->key);
      /* Translators: the chip that undoes a click on an experience level */
      label = g_strdup_printf (_("Level: %s"), mark->label ? mark->label : mark->key);
    }
  else if (by == ATLAS_GROUP_YEAR)
    {
      filter->year_from = filter->year_to = atoi (mark->key);
      label = g_strdup_printf (_("Year: %s"), mark->key);
    }
  else if (by == ATLAS_GROUP_EXPERIENCE_YEARS)
    {
      /* A band's key ("5-10", "15+") is the filter's own range syntax. */
      if (!atlas_filter_set_experience_years (filter, mark->key))
        return FALSE;
      /* Translators: the chip that undoes a click on a band, "Experience: 5–10 years" */
      label = g_strdup_printf (_("Experience: %s"), mark->label ? mark->label : mark->key);
    }
  else
    return FALSE;

  atlas_session_drill (self, filter, label);
  return TRUE;
}

void
atlas_session_forget_drill (AtlasSession *self)
{
  g_return_if_fail (ATLAS_IS_SESSION (self));

  g_clear_pointer (&self->before_drill, atlas_filter_free);
  if (self->drill_label != NULL)
    {
      g_clear_pointer (&self->drill_label, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRILL_LABEL]);
    }
}

gboolean
atlas_session_undo_drill (AtlasSession *self)
{
  g_autoptr(AtlasFilter) before = NULL;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), FALSE);

  before = g_steal_pointer (&self->before_drill);
  atlas_session_forget_drill (self);
  if (before == NULL)
    return FALSE;

  atlas_session_set_filter (self, before);
  return TRUE;
}

const char *
atlas_session_get_drill_label (AtlasSession *self)
{
  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);

  return self->drill_label;
}

static void
atlas_session_dispose (GObject *object)
{
  AtlasSession *self = ATLAS_SESSION (object);

  atlas_session_cancel (self);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < ATLAS_N_SLOTS; i++)
    g_clear_pointer (&self->results[i], atlas_shared_result_unref);

  G_OBJECT_CLASS (atlas_session_parent_class)->dispose (object);
}

static void
atlas_session_finalize (GObject *object)
{
  AtlasSession *self = ATLAS_SESSION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->catalog, atlas_catalog_free);
  g_clear_pointer (&self->filter, atlas_filter_free);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->before_drill, atlas_filter_free);
  g_clear_pointer (&self->drill_label, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (atlas_session_parent_class)->finalize (object);
}

static void
atlas_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasSession *self = ATLAS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_CATALOG:
      g_value_set_pointer (value, self->catalog);
      break;

    case PROP_FILTER:
      g_value_set_pointer (value, self->filter);
      break;

    case PROP_CURRENCY_MODE:
      g_value_set_string (value, atlas_currency_mode_to_string (self->mode));
      break;

    case PROP_SMALL_SAMPLE_THRESHOLD:
      g_value_set_uint (value, self->threshold);
      break;

    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_DRILL_LABEL:
      g_value_set_string (value, self->drill_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasSession *self = ATLAS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    case PROP_CURRENCY_MODE:
      {
        AtlasCurrencyMode mode;

        if (atlas_currency_mode_from_string (g_value_get_string (value), &mode))
          atlas_session_set_currency_mode (self, mode);
      }
      break;

    case PROP_SMALL_SAMPLE_THRESHOLD:
      atlas_session_set_small_sample_threshold (self, g_value_get_uint (value));
      break;

    case PROP_PAGE:
      atlas_session_set_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_session_class_init (AtlasSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_session_dispose;
  object_class->finalize = atlas_session_finalize;
  object_class->get_property = atlas_session_get_property;
  object_class->set_property = atlas_session_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The AtlasCatalog (owned by the session). */
  properties[PROP_CATALOG] =
    g_param_spec_pointer ("catalog", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The AtlasFilter (owned by the session); notified once per change. */
  properties[PROP_FILTER] =
    g_param_spec_pointer ("filter", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY_MODE] =
    g_param_spec_string ("currency-mode", NULL, NULL, "usd",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SMALL_SAMPLE_THRESHOLD] =
    g_param_spec_uint ("small-sample-threshold", NULL, NULL, 1, G_MAXUINT,
                       ATLAS_STATS_DEFAULT_SMALL_SAMPLE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRILL_LABEL] =
    g_param_spec_string ("drill-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasSession::result-changed:
   * @slot: the AtlasSlot that has a new result
   */
  signals[RESULT_CHANGED] =
    g_signal_new ("result-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * AtlasSession::failed:
   * @error: the GError of the failed query
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * AtlasSession::data-changed:
   *
   * The rows changed under the same catalog (the user's curation): lists
   * of rows read them again.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
atlas_session_init (AtlasSession *self)
{
  self->mode = ATLAS_CURRENCY_MODE_USD;
  self->threshold = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
}

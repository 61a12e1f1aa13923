/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed.c: refreshing sources over HTTP(S): options, results, and the
 * refresh itself, synchronous and on a worker thread.
 *
 * One refresh is up to max_tries tries of one transfer (atlas-feed-http.c)
 * whose body goes into an applier (atlas-feed-apply.c); the applier's
 * transaction commits only after the whole body arrived, and any failure
 * resets it, which rolls back.  The response's validators (ETag,
 * Last-Modified) are written in that same transaction (atlas-feed-apply.c),
 * so a kill never leaves new records beside old validators; the attempt's
 * status and history follow in a small transaction of their own
 * (atlas-feed-sources.c). */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "atlas-feed-http.h"
#include "atlas-feed-private.h"
#include "atlas-quote.h"
#include "atlas-money.h"

G_DEFINE_QUARK (atlas-feed-error-quark, atlas_feed_error)

static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &number, NULL))
    return fallback;

  return number;
}

void
atlas_feed_options_init (AtlasFeedOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->max_size = env_number ("SALARY_ATLAS_FEED_MAX_SIZE", ATLAS_FEED_DEFAULT_MAX_SIZE);
  options->connect_timeout = env_number ("SALARY_ATLAS_FEED_CONNECT_TIMEOUT", 30);
  options->low_speed_time = env_number ("SALARY_ATLAS_FEED_LOW_SPEED_TIME", 60);
  options->low_speed_limit = env_number ("SALARY_ATLAS_FEED_LOW_SPEED_LIMIT", 1);
  options->max_tries = env_number ("SALARY_ATLAS_FEED_TRIES", 3);
  options->retry_delay_ms = env_number ("SALARY_ATLAS_FEED_RETRY_DELAY_MS", 1000);
  options->attempt_timeout = env_number ("SALARY_ATLAS_FEED_ATTEMPT_TIMEOUT", 120);
  options->deadline = env_number ("SALARY_ATLAS_FEED_DEADLINE", 300);
}

static void
options_fill_defaults (AtlasFeedOptions *options)
{
  if (options->max_size == 0)
    options->max_size = ATLAS_FEED_DEFAULT_MAX_SIZE;
  if (options->connect_timeout == 0)
    options->connect_timeout = 30;
  if (options->low_speed_time == 0)
    options->low_speed_time = 60;
  if (options->low_speed_limit == 0)
    options->low_speed_limit = 1;
  if (options->max_tries == 0)
    options->max_tries = 3;
  if (options->retry_delay_ms == 0)
    options->retry_delay_ms = 1000;
  if (options->attempt_timeout == 0)
    options->attempt_timeout = 120;
  if (options->deadline == 0)
    options->deadline = 300;
}

/* Results. */

AtlasFeedResult *
atlas_feed_result_copy (const AtlasFeedResult *result)
{
  AtlasFeedResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_memdup2 (result, sizeof *result);
  copy->source_name = g_strdup (result->source_name);
  copy->url = g_strdup (result->url);
  copy->etag = g_strdup (result->etag);
  copy->last_modified = g_strdup (result->last_modified);
  copy->sha256 = g_strdup (result->sha256);
  copy->rejections = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; result->rejections != NULL && i < result->rejections->len; i++)
    g_ptr_array_add (copy->rejections, g_strdup (g_ptr_array_index (result->rejections, i)));

  return copy;
}

void
atlas_feed_result_free (AtlasFeedResult *result)
{
  if (result == NULL)
    return;

  g_free (result->source_name);
  g_free (result->url);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->sha256);
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
  g_free (result);
}

char *
atlas_feed_result_describe (const AtlasFeedResult *result)
{
  g_autofree char *records = NULL;
  g_autofree char *added = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  records = atlas_money_group_digits (result->records, FALSE);
  switch (result->outcome)
    {
    case ATLAS_FEED_OUTCOME_NOT_MODIFIED:
      return g_strdup (_("unchanged (304)"));

    case ATLAS_FEED_OUTCOME_UNCHANGED:
      return g_strdup_printf (_("unchanged, %s records"), records);

    case ATLAS_FEED_OUTCOME_IMPORTED:
    default:
      added = atlas_money_group_digits (ABS (result->added), FALSE);
      if (result->figures > 0 && result->records == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " figure",
                                             "%" PRIu64 " figures", result->figures),
                                result->figures);
      return g_strdup_printf (_("%s records (%s%s)"), records,
                              result->added < 0 ? "−" : "+", added);
    }
}


/* The refresh. */

AtlasFeedResult *
atlas_feed_refresh_sync (AtlasStore              *store,
                         const char              *source_name,
                         const AtlasFeedOptions  *options,
                         GCancellable            *cancellable,
                         AtlasFeedProgressFunc    progress,
                         gpointer                 progress_data,
                         GError                 **error)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AtlasFeedTransfer) transfer = NULL;
  AtlasFeedApply *apply;
  AtlasFeedOptions opts;
  AtlasFeedSource source = { 0 };
  AtlasFeedRequest request = { 0 };
  guint64 delay_ms;
  gint64 started;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (options != NULL)
    opts = *options;
  else
    atlas_feed_options_init (&opts);
  options_fill_defaults (&opts);

  if (!_atlas_feed_source_load (store, source_name, &source, error))
    {
      _atlas_feed_source_clear (&source);
      return NULL;
    }

  apply = _atlas_feed_apply_new (store, &source, opts.strict);

  request.url = source.url;
  request.etag = source.etag;
  request.last_modified = source.last_modified;
  request.kind = source.is_json ? ATLAS_FEED_BODY_JSON : ATLAS_FEED_BODY_CSV;
  request.options = &opts;
  request.cancellable = cancellable;
  request.progress = progress;
  request.progress_data = progress_data;
  request.body = _atlas_feed_apply_write;
  request.body_data = apply;
  transfer = _atlas_feed_transfer_new (&request);
  _atlas_feed_apply_set_transfer (apply, transfer);

  result = g_new0 (AtlasFeedResult, 1);
  result->source_name = g_strdup (source_name);
  result->rejections = g_ptr_array_new_with_free_func (g_free);

  delay_ms = opts.retry_delay_ms;
  started = g_get_monotonic_time ();
  for (;;)
    {
      gboolean retry = FALSE;
      gint64 left_ms = (gint64) opts.deadline * 1000 - (g_get_monotonic_time () - started) / 1000;

      /* A server that drips a byte now and then never trips the low-speed
       * limit: each try has a time limit, and all of them together one more
       * (issue 13).  A try never runs past the overall deadline. */
      if (left_ms <= 0)
        {
          if (local_error == NULL)
            {
              g_autofree char *url = atlas_quote_name (source.url);

              g_set_error (&local_error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TIMEOUT,
                           _("%s: gave up after %u s, the deadline for all tries "
                             "(SALARY_ATLAS_FEED_DEADLINE)"), url, opts.deadline);
            }
          break;
        }
      _atlas_feed_transfer_set_timeout (transfer, MIN ((gint64) opts.attempt_timeout * 1000,
                                                       left_ms));

      result->tries++;
      g_clear_error (&local_error);
      _atlas_feed_apply_reset (apply);

      if (_atlas_feed_transfer_perform (transfer, result->tries, &retry, &local_error))
        {
          guint status = _atlas_feed_transfer_get_status (transfer);

          _atlas_feed_set_str (&result->url, _atlas_feed_transfer_get_url (transfer));
          result->http_status = status;
          result->bytes = _atlas_feed_transfer_get_bytes (transfer);
          _atlas_feed_set_str (&result->etag, _atlas_feed_transfer_get_etag (transfer));
          _atlas_feed_set_str (&result->last_modified,
                               _atlas_feed_transfer_get_last_modified (transfer));

          if (status != 304)
            {
              if (_atlas_feed_apply_finish (apply, result, &local_error))
                break;
              /* A body that does not import fails the same way again. */
              retry = FALSE;
            }
          else
            {
              result->outcome = ATLAS_FEED_OUTCOME_NOT_MODIFIED;
              result->records = source.row_count;
              result->previous = source.row_count;
              /* A 304 may omit the validators; the stored ones then stay. */
              if (result->etag == NULL)
                _atlas_feed_set_str (&result->etag, source.etag);
              if (result->last_modified == NULL)
                _atlas_feed_set_str (&result->last_modified, source.last_modified);
              break;
            }
        }

      _atlas_feed_apply_reset (apply);
      if (!retry || result->tries >= opts.max_tries)
        break;

      delay_ms = _atlas_feed_transfer_retry_delay (transfer, delay_ms);
      if ((g_get_monotonic_time () - started) / 1000 + (gint64) delay_ms >=
          (gint64) opts.deadline * 1000)
        {
          g_autofree char *first = g_strdup (local_error->message);

          g_clear_error (&local_error);
          g_set_error (&local_error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TIMEOUT,
                       _("%s; no time left for another try within %u s "
                         "(SALARY_ATLAS_FEED_DEADLINE)"), first, opts.deadline);
          break;
        }
      g_debug ("%s: try %u failed (%s); again in %" G_GUINT64_FORMAT " ms",
               source_name, result->tries, local_error->message, delay_ms);
      if (!_atlas_feed_transfer_pause (transfer, delay_ms, NULL))
        {
          g_clear_error (&local_error);
          g_cancellable_set_error_if_cancelled (cancellable, &local_error);
          break;
        }
      delay_ms *= 2;
    }

  if (local_error == NULL &&
      !_atlas_feed_source_record_success (store, &source, result, &local_error))
    {
      /* The snapshot and its validators are committed (one transaction);
       * only the attempt's status and the history's HTTP details are
       * missing (tests/test-feed.c, /atlas/feed/validators-with-records). */
      g_warning ("%s", local_error->message);
      g_clear_error (&local_error);
    }
  else if (local_error != NULL)
    _atlas_feed_source_record_failure (store, &source,
                                       _atlas_feed_transfer_get_status (transfer),
                                       local_error, result->tries);

  g_clear_pointer (&transfer, _atlas_feed_transfer_free);
  _atlas_feed_apply_free (apply);
  _atlas_feed_source_clear (&source);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* The asynchronous version: a GTask thread with its own database connection,
 * progress relayed to the caller's main context. */

typedef struct
{
  char               *store_path;
  char               *source_name;
  AtlasFeedSpec      *add;          /* a new feed, added in the refresh's transaction */
  AtlasFeedOptions    options;
  AtlasFeedRelay     *relay;
  GAsyncReadyCallback callback;
  gpointer            user_data;
} RefreshTaskData;

static void
refresh_task_data_free (gpointer data)
{
  RefreshTaskData *task_data = data;

  g_free (task_data->store_path);
  g_free (task_data->source_name);
  atlas_feed_spec_free (task_data->add);
  if (task_data->relay != NULL)
    _atlas_feed_relay_release (task_data->relay);
  g_free (task_data);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      data,
                GCancellable *cancellable)
{
  RefreshTaskData *task_data = data;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedResult *result;

  /* SQLite connections are not shared between threads here. */
  store = atlas_store_open (task_data->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A new feed is added in an outer transaction that commits only with a
   * refresh that succeeded (as in the command line's refresh --url). */
  if (task_data->add != NULL)
    {
      if (!atlas_store_begin_outer (store, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (!_atlas_feed_spec_add (store, task_data->add, ATLAS_FEED_ADD_NEW, cancellable, &error))
        {
          atlas_store_end_outer (store, FALSE, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  result = atlas_feed_refresh_sync (store, task_data->source_name, &task_data->options,
                                    cancellable,
                                    task_data->relay ? _atlas_feed_relay_push : NULL,
                                    task_data->relay, &error);
  if (task_data->add != NULL &&
      !atlas_store_end_outer (store, result != NULL, result != NULL ? &error : NULL))
    g_clear_pointer (&result, atlas_feed_result_free);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) atlas_feed_result_free);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RefreshTaskData *task_data = g_task_get_task_data (G_TASK (result));

  if (task_data->relay != NULL)
    _atlas_feed_relay_done (task_data->relay);
  if (task_data->callback != NULL)
    task_data->callback (NULL, result, task_data->user_data);
}

static void
refresh_start (const char              *store_path,
               const char              *source_name,
               const AtlasFeedSpec     *add,
               const AtlasFeedOptions  *options,
               GCancellable            *cancellable,
               AtlasFeedProgressFunc    progress,
               gpointer                 progress_data,
               GDestroyNotify           progress_notify,
               GAsyncReadyCallback      callback,
               gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshTaskData *task_data;

  _atlas_feed_http_init ();

  task_data = g_new0 (RefreshTaskData, 1);
  task_data->store_path = g_strdup (store_path);
  task_data->source_name = g_strdup (source_name);
  task_data->add = add != NULL ? atlas_feed_spec_copy (add) : NULL;
  if (options != NULL)
    task_data->options = *options;
  else
    atlas_feed_options_init (&task_data->options);

  if (progress != NULL)
    task_data->relay = _atlas_feed_relay_new (progress, progress_data, progress_notify);
  else if (progress_notify != NULL)
    progress_notify (progress_data);

  task_data->callback = callback;
  task_data->user_data = user_data;

  task = g_task_new (NULL, cancellable, refresh_done_cb, NULL);
  g_task_set_source_tag (task, atlas_feed_refresh_async);
  g_task_set_name (task, "[salary-atlas] feed refresh");
  g_task_set_task_data (task, task_data, refresh_task_data_free);
  /* Not return-on-cancel: the worker must roll back and record the attempt. */
  g_task_run_in_thread (task, refresh_thread);
}

void
atlas_feed_refresh_async (const char              *store_path,
                          const char              *source_name,
                          const AtlasFeedOptions  *options,
                          GCancellable            *cancellable,
                          AtlasFeedProgressFunc    progress,
                          gpointer                 progress_data,
                          GDestroyNotify           progress_notify,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_return_if_fail (store_path != NULL);
  g_return_if_fail (source_name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  refresh_start (store_path, source_name, NULL, options, cancellable, progress, progress_data,
                 progress_notify, callback, user_data);
}

void
atlas_feed_add_and_refresh_async (const char              *store_path,
                                  const AtlasFeedSpec     *spec,
                                  const AtlasFeedOptions  *options,
                                  GCancellable            *cancellable,
                                  AtlasFeedProgressFunc    progress,
                                  gpointer                 progress_data,
                                  GDestroyNotify           progress_notify,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_return_if_fail (store_path != NULL);
  g_return_if_fail (spec != NULL && spec->name != NULL && spec->url != NULL &&
                    spec->format != NULL);
  g_return_if_fail (spec->mapping_file == NULL || G_IS_FILE (spec->mapping_file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  refresh_start (store_path, spec->name, spec, options, cancellable, progress, progress_data,
                 progress_notify, callback, user_data);
}

AtlasFeedResult *
atlas_feed_refresh_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_feed_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

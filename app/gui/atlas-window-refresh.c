/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-refresh.c: refreshing the online sources from the window.
 *
 * Sources are refreshed one after the other (each refresh is a GTask with
 * its own database connection, atlas_feed_refresh_async()); the bar under
 * the header shows the bytes and rows of the current one and a Cancel
 * button; a toast sums up the outcome of each. The automatic refresh runs
 * the same thing at most once per interval while the window is open. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-feed.h"
#include "atlas-money.h"
#include "atlas-network.h"
#include "atlas-window-private.h"

/* The automatic refresh looks at the clock at least this often, so that a
 * suspended machine or a changed interval is noticed. */
#define AUTO_REFRESH_CHECK_S (60 * 60)

static void atlas_window_schedule_auto_refresh (AtlasWindow *self);
static void atlas_window_refresh_next          (AtlasWindow *self);

gboolean
atlas_window_get_refreshing (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  return self->refresh_cancellable != NULL;
}

const char *
atlas_window_get_refresh_text (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->refresh_label);
}

/* "+2,745 records", "unchanged", "2 figures". */
static char *
describe_outcome (const AtlasFeedResult *result)
{
  g_autofree char *count = NULL;

  if (result->outcome != ATLAS_FEED_OUTCOME_IMPORTED)
    return g_strdup (_("unchanged"));

  if (result->records == 0 && result->figures > 0)
    {
      count = atlas_money_group_digits (result->figures, FALSE);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s figure", "%s figures",
                                           result->figures), count);
    }

  if (result->added == 0)
    {
      count = atlas_money_group_digits (result->records, FALSE);
      /* Translators: new content, but as many records as before */
      return g_strdup_printf (_("updated, %s records"), count);
    }

  count = atlas_money_group_digits (ABS (result->added), FALSE);
  /* Translators: "+2,745 records" after a refresh; the sign is + or − */
  return g_strdup_printf (_("%s%s records"), result->added < 0 ? "−" : "+", count);
}

static const char *
atlas_window_refresh_current (AtlasWindow *self)
{
  if (self->refresh_queue == NULL || self->refresh_index >= g_strv_length (self->refresh_queue))
    return NULL;

  return self->refresh_queue[self->refresh_index];
}

static void
atlas_window_set_refresh_text (AtlasWindow *self,
                               const char  *text)
{
  gtk_label_set_text (self->refresh_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_progress),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
progress_cb (const AtlasFeedProgress *progress,
             gpointer                 user_data)
{
  AtlasWindow *self = user_data;
  const char *name = atlas_window_refresh_current (self);
  guint n = self->refresh_queue ? g_strv_length (self->refresh_queue) : 0;
  g_autofree char *downloaded = g_format_size (progress->downloaded);
  g_autofree char *rows = atlas_money_group_digits (progress->rows, FALSE);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  if (name == NULL)
    return;

  if (progress->total > 0)
    {
      g_autofree char *total = g_format_size (progress->total);

      /* Translators: "3.2 MB of 6.1 MB" */
      amount = g_strdup_printf (_("%s of %s"), downloaded, total);
      gtk_progress_bar_set_fraction (self->refresh_progress,
                                     MIN (1.0, (double) progress->downloaded / progress->total));
    }
  else
    {
      amount = g_strdup (downloaded);
      gtk_progress_bar_pulse (self->refresh_progress);
    }

  if (n > 1)
    /* Translators: "Refreshing aijobs.net (1 of 2): 3.2 MB of 6.1 MB, 41,200 rows" */
    text = g_strdup_printf (_("Refreshing %s (%u of %u): %s, %s rows"),
                            name, self->refresh_index + 1, n, amount, rows);
  else
    /* Translators: "Refreshing aijobs.net: 3.2 MB of 6.1 MB, 41,200 rows" */
    text = g_strdup_printf (_("Refreshing %s: %s, %s rows"), name, amount, rows);

  if (progress->attempt > 1)
    {
      /* Translators: appended while a failed download is tried again */
      g_autofree char *retry = g_strdup_printf (_("%s (try %u)"), text, progress->attempt);

      g_free (text);
      text = g_steal_pointer (&retry);
    }

  atlas_window_set_refresh_text (self, text);
}

static void
atlas_window_refresh_finish (AtlasWindow *self,
                             gboolean     cancelled)
{
  g_autofree char *message = NULL;
  gboolean quiet;

  /* An automatic refresh speaks only when something changed or failed. */
  quiet = self->refresh_automatic && !self->refresh_imported && !self->refresh_failed && !cancelled;

  if (self->refresh_outcomes->len > 0)
    {
      g_ptr_array_add (self->refresh_outcomes, NULL);
      message = g_strjoinv (" · ", (char **) self->refresh_outcomes->pdata);
    }
  else
    message = g_strdup (_("No online feeds to refresh: add one on the Sources page"));

  g_ptr_array_set_size (self->refresh_outcomes, 0);
  g_clear_pointer (&self->refresh_queue, g_strfreev);
  g_clear_object (&self->refresh_cancellable);
  g_clear_pointer (&self->refresh_new_feed, atlas_feed_spec_free);

  gtk_revealer_set_reveal_child (self->refresh_revealer, FALSE);
  if (self->sources_page != NULL)
    atlas_sources_page_set_refreshing (self->sources_page, NULL);

  if (!quiet)
    _atlas_window_toast (self, message);
  else
    {
      g_free (self->last_toast);
      self->last_toast = g_strdup (message);
    }

  /* New records change every page; the sources page shows each attempt. */
  if (self->refresh_imported)
    _atlas_window_reload (self);
  else if (self->sources_page != NULL)
    atlas_sources_page_reload (self->sources_page, self->db_path);

  _atlas_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "refreshing");
  atlas_window_schedule_auto_refresh (self);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(AtlasFeedResult) feed = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = atlas_window_refresh_current (self);
  gboolean cancelled = FALSE;
  char *line;

  feed = atlas_feed_refresh_finish (result, &error);
  /* The window was closed while the refresh ran. */
  if (self->refresh_outcomes == NULL || name == NULL)
    return;

  if (feed != NULL)
    {
      g_autofree char *outcome = describe_outcome (feed);

      /* Translators: "aijobs.net: +2,745 records" */
      line = g_strdup_printf (_("%s: %s"), name, outcome);
      if (feed->outcome == ATLAS_FEED_OUTCOME_IMPORTED)
        self->refresh_imported = TRUE;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: "aijobs.net: cancelled, nothing changed" */
      line = g_strdup_printf (_("%s: cancelled, nothing changed"), name);
      cancelled = TRUE;
    }
  else
    {
      line = g_strdup_printf (_("%s: %s"), name, error->message);
      self->refresh_failed = TRUE;
    }
  g_ptr_array_add (self->refresh_outcomes, line);

  self->refresh_index++;
  if (cancelled || atlas_window_refresh_current (self) == NULL ||
      g_cancellable_is_cancelled (self->refresh_cancellable))
    atlas_window_refresh_finish (self, cancelled || g_cancellable_is_cancelled (self->refresh_cancellable));
  else
    atlas_window_refresh_next (self);
}

static void
atlas_window_refresh_next (AtlasWindow *self)
{
  const char *name = atlas_window_refresh_current (self);
  g_autofree char *text = NULL;

  g_assert (name != NULL);

  /* Translators: shown until the first bytes arrive */
  text = g_strdup_printf (_("Refreshing %s: connecting…"), name);
  atlas_window_set_refresh_text (self, text);
  gtk_progress_bar_set_fraction (self->refresh_progress, 0);
  if (self->sources_page != NULL)
    atlas_sources_page_set_refreshing (self->sources_page, name);

  if (self->refresh_new_feed != NULL && g_str_equal (self->refresh_new_feed->name, name))
    {
      g_autoptr(AtlasFeedSpec) spec = g_steal_pointer (&self->refresh_new_feed);

      atlas_feed_add_and_refresh_async (self->db_path, spec, NULL, self->refresh_cancellable,
                                        progress_cb, g_object_ref (self), g_object_unref,
                                        refresh_done_cb, g_object_ref (self));
      return;
    }

  atlas_feed_refresh_async (self->db_path, name, NULL, self->refresh_cancellable,
                            progress_cb, g_object_ref (self), g_object_unref,
                            refresh_done_cb, g_object_ref (self));
}

static void
atlas_window_refresh_start (AtlasWindow        *self,
                            const char * const *names)
{
  if (names == NULL || names[0] == NULL)
    {
      atlas_window_refresh_finish (self, FALSE);
      return;
    }

  g_clear_pointer (&self->refresh_queue, g_strfreev);
  self->refresh_queue = g_strdupv ((char **) names);
  self->refresh_index = 0;
  atlas_window_refresh_next (self);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = atlas_feed_list_refreshable_finish (result, &error);

  if (self->refresh_outcomes == NULL)
    return;

  if (names == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_ptr_array_add (self->refresh_outcomes, g_strdup (error->message));
      atlas_window_refresh_finish (self, error != NULL &&
                                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      return;
    }

  atlas_window_refresh_start (self, (const char * const *) names);
}

void
_atlas_window_refresh_sources (AtlasWindow        *self,
                               const char * const *names,
                               gboolean            automatic)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (self->refresh_cancellable != NULL)
    return;

  self->refresh_cancellable = g_cancellable_new ();
  self->refresh_automatic = automatic;
  self->refresh_imported = FALSE;
  self->refresh_failed = FALSE;
  g_ptr_array_set_size (self->refresh_outcomes, 0);

  atlas_window_set_refresh_text (self, _("Looking for online feeds…"));
  gtk_progress_bar_set_fraction (self->refresh_progress, 0);
  gtk_revealer_set_reveal_child (self->refresh_revealer, TRUE);
  _atlas_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "refreshing");

  if (names == NULL)
    {
      /* A refresh of everything is what the automatic refresh waits for. */
      g_settings_set_int64 (self->settings, "last-auto-refresh",
                            g_get_real_time () / G_USEC_PER_SEC);
      atlas_feed_list_refreshable_async (self->db_path, self->refresh_cancellable,
                                         list_done_cb, g_object_ref (self));
    }
  else
    atlas_window_refresh_start (self, names);
}

void
_atlas_window_add_and_refresh (AtlasWindow         *self,
                               const AtlasFeedSpec *spec)
{
  const char *names[] = { spec->name, NULL };

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (self->refresh_cancellable == NULL);

  g_clear_pointer (&self->refresh_new_feed, atlas_feed_spec_free);
  self->refresh_new_feed = atlas_feed_spec_copy (spec);
  _atlas_window_refresh_sources (self, names, FALSE);
}

void
_atlas_window_cancel_refresh (AtlasWindow *self)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (self->refresh_cancellable == NULL)
    return;

  atlas_window_set_refresh_text (self, _("Cancelling…"));
  g_cancellable_cancel (self->refresh_cancellable);
}

/* The automatic refresh */

static gboolean
auto_refresh_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;

  self->auto_refresh_id = 0;
  atlas_window_schedule_auto_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
network_changed_cb (AtlasWindow *self)
{
  atlas_window_schedule_auto_refresh (self);
}

/* The default network monitor is only made once automatic refreshes are on:
 * making it costs a D-Bus round trip at start-up. */
static void
watch_network (AtlasWindow *self)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  if (g_signal_handler_find (monitor, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             network_changed_cb, self) != 0)
    return;

  g_signal_connect_object (monitor, "notify::network-metered",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_window_schedule_auto_refresh (AtlasWindow *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 last = g_settings_get_int64 (self->settings, "last-auto-refresh");
  gint64 interval = (gint64) g_settings_get_uint (self->settings, "auto-refresh-interval") * 3600;
  gint64 wait;

  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);

  if (!g_settings_get_boolean (self->settings, "auto-refresh"))
    return;

  /* A clock set back must not postpone the refresh for years. */
  if (last > now)
    last = now - interval;

  /* On a metered connection (a phone's hotspot) or without a network, an
   * automatic refresh waits; a change of the network schedules it again. */
  watch_network (self);
  wait = last + interval - now;
  if (wait <= 0 && self->refresh_cancellable == NULL && atlas_network_auto_refresh_allowed (NULL))
    {
      g_debug ("Automatic refresh: the last one was %" G_GINT64_FORMAT " s ago", now - last);
      _atlas_window_refresh_sources (self, NULL, TRUE);
      return; /* scheduled again when it is done */
    }

  self->auto_refresh_id = g_timeout_add_seconds (CLAMP (wait, 1, AUTO_REFRESH_CHECK_S),
                                                 auto_refresh_cb, self);
}

static void
auto_refresh_changed_cb (AtlasWindow *self,
                         const char  *key,
                         GSettings   *settings)
{
  atlas_window_schedule_auto_refresh (self);
}

void
_atlas_window_refresh_init (AtlasWindow *self)
{
  self->refresh_outcomes = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (self->settings, "changed::auto-refresh",
                           G_CALLBACK (auto_refresh_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::auto-refresh-interval",
                           G_CALLBACK (auto_refresh_changed_cb), self, G_CONNECT_SWAPPED);
  atlas_window_schedule_auto_refresh (self);
}

void
_atlas_window_refresh_dispose (AtlasWindow *self)
{
  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_pointer (&self->refresh_queue, g_strfreev);
  g_clear_pointer (&self->refresh_outcomes, g_ptr_array_unref);
  g_clear_pointer (&self->refresh_new_feed, atlas_feed_spec_free);
}

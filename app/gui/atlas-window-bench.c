/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-bench.c: the window's benchmark hooks (bench/README.md), off
 * unless their variable is set to 1. What is measured ends at the
 * "after-paint" of the frame clock that follows the moment the visible page
 * has the results of all its queries: the first frame that paints them
 * (not the loading state).
 *
 * SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME: quit after the first such frame; set
 * to "any", quit after the first frame the window paints, whatever it shows
 * (on a new start, the loading state).
 * SALARY_ATLAS_TRACE_LATENCY: add the window action "bench-filter" (exported
 * on D-Bus like every window action), whose parameter "region:CODE" toggles
 * a region and "mode:usd|local|ppp" sets the currency mode, and print
 * "filter→paint N ms" to stderr, from the start of that action to the frame
 * that paints its result. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include "atlas-window-private.h"

static gboolean
bench_env (const char *name)
{
  return g_strcmp0 (g_getenv (name), "1") == 0;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      AtlasWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);

  if (self->bench_started != 0)
    g_printerr ("filter→paint %.1f ms (page %s)\n",
                (g_get_monotonic_time () - self->bench_started) / 1000.0,
                atlas_window_get_page (self));
  else if (!self->bench_painted && bench_env ("SALARY_ATLAS_TRACE_LATENCY"))
    g_printerr ("first frame with data painted (page %s)\n", atlas_window_get_page (self));
  self->bench_started = 0;

  if (!self->bench_painted && bench_env ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"))
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  self->bench_painted = TRUE;
}

static void
bench_result_cb (AtlasWindow  *self,
                 guint         slot,
                 AtlasSession *session)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || (self->bench_painted && self->bench_started == 0))
    return;
  if (atlas_session_page_is_loading (session, atlas_window_get_page (self)))
    return;

  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
bench_filter_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AtlasWindow *self = user_data;
  const char *change = g_variant_get_string (parameter, NULL);

  self->bench_started = g_get_monotonic_time ();
  _atlas_window_ensure_content (self);
  if (g_str_has_prefix (change, "region:"))
    atlas_filter_pane_set_region (self->filter_pane, change + 7,
                                  !atlas_filter_pane_get_region (self->filter_pane, change + 7));
  else if (g_str_has_prefix (change, "mode:"))
    g_object_set (self, "currency-mode", change + 5, NULL);
}

void
_atlas_window_bench_init (AtlasWindow *self)
{
  if (bench_env ("SALARY_ATLAS_TRACE_LATENCY"))
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("bench-filter", G_VARIANT_TYPE_STRING);

      g_signal_connect_object (action, "activate", G_CALLBACK (bench_filter_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  if (bench_env ("SALARY_ATLAS_TRACE_LATENCY") || g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect_object (self->session, "result-changed", G_CALLBACK (bench_result_cb),
                             self, G_CONNECT_SWAPPED);
}

gboolean
_atlas_window_bench_first_frame (AtlasWindow *self)
{
  if (g_strcmp0 (g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"), "any") != 0)
    return FALSE;

  if (bench_env ("SALARY_ATLAS_TRACE_LATENCY"))
    g_printerr ("first frame painted (%s)\n", gtk_stack_get_visible_child_name (self->main_stack));
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

  return TRUE;
}

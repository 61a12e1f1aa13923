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
 * that paints its result, followed by what it consisted of: when the visible
 * page had all its results ("results N ms"), how many frames were painted
 * in between ("frames N") and the CPU time of the main thread and of the
 * whole process meanwhile ("cpu main N ms, process N ms"; on a loaded
 * machine these say more than the wall time). */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <time.h>

#include "atlas-window-private.h"

/* One benchmarked window per process: the figures of the current change. */
static struct
{
  gint64 results;    /* when the visible page had its results, or 0 */
  guint  frames;     /* frames painted since the change */
  double cpu_main;   /* CPU time of the main thread at the change, ms */
  double cpu_process;
} bench_change;

static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
bench_count_frame_cb (GdkFrameClock *clock,
                      AtlasWindow   *self)
{
  if (self->bench_started != 0)
    bench_change.frames++;
}

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
    g_printerr ("filter→paint %.1f ms (page %s) results %.1f ms frames %u"
                " cpu main %.1f ms, process %.1f ms\n",
                (g_get_monotonic_time () - self->bench_started) / 1000.0,
                atlas_window_get_page (self),
                (bench_change.results - self->bench_started) / 1000.0, bench_change.frames,
                cpu_ms (CLOCK_THREAD_CPUTIME_ID) - bench_change.cpu_main,
                cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - bench_change.cpu_process);
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

  if (bench_change.results == 0)
    bench_change.results = g_get_monotonic_time ();
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

  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->bench_started = g_get_monotonic_time ();
  bench_change.results = 0;
  bench_change.frames = 0;
  bench_change.cpu_main = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
  bench_change.cpu_process = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  if (clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (clock, bench_count_frame_cb, self);
      /* Before bench_after_paint_cb: the frame that shows the results counts. */
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_count_frame_cb), self, 0);
    }
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

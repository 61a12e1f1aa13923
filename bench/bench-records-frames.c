/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-records-frames: frame times while the Records list scrolls, in a
 * real window (run it on a display: Xvfb does):
 *
 *   [FRAMES=N] [ROWS_PER_FRAME=N] bench-records-frames DB [SORT [desc]]
 *
 * A GtkColumnView over the Records page's list model (the page's model and
 * the same item properties bound to labels, as atlas-records-page.c binds
 * them) scrolls ROWS_PER_FRAME rows (default 3: a brisk wheel or a
 * kinetic fling) each frame for FRAMES frames (default 600), from the
 * frame clock's tick.  Printed: the frame intervals (median, p90, worst:
 * 16.7 ms is every frame of a 60 Hz clock), how many frames showed rows
 * without their values yet (placeholders), and the CPU time of the main
 * thread and of the whole process during the scroll, with the load
 * average.  The model asks for the sort's index on its first query: give
 * it a copy of the database, or one whose indexes are made
 * (bench-records --make-indexes). */

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "atlas-records-model.h"

/* A row's height when the scroll range does not say it (GTK caps the
 * range of a list of millions of rows). */
#define ROW_PX 32.0

static const char * const properties[] = { "title", "company", "country", "level", "years", "pay",
                                           "year", "source" };

typedef struct
{
  GtkWidget         *window;
  GtkWidget         *view;
  GtkAdjustment     *vadj;
  AtlasRecordsModel *model;
  GArray            *intervals;   /* double, ms */
  gint64             last_frame;
  guint              frames;
  guint              n_frames;
  guint              rows_per_frame;
  guint              placeholders;
  double             row_height;
  double             cpu_main;
  double             cpu_process;
  double             start;
  gboolean           done;
} Bench;

static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (item), data,
                                              gtk_list_item_get_child (item), "label",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (item), "bench-binding", binding);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "bench-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* Whether the rows on screen from @first have their values. */
static gboolean
screen_ready (Bench *b,
              guint  first,
              guint  n)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (b->model));

  for (guint i = first; i < MIN (first + n, n_items); i++)
    {
      g_autoptr(AtlasRecordItem) item = g_list_model_get_item (G_LIST_MODEL (b->model), i);

      if (item == NULL || atlas_record_item_get_row (item) == NULL)
        return FALSE;
    }
  return TRUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *b = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double page = gtk_adjustment_get_page_size (b->vadj);
  guint first, n;

  if (b->last_frame != 0)
    {
      double ms = (now - b->last_frame) / 1000.0;

      g_array_append_val (b->intervals, ms);
    }
  b->last_frame = now;

  /* The rows on screen, where the scroll range says (see main()). */
  if (b->row_height >= 1)
    {
      first = (guint) (gtk_adjustment_get_value (b->vadj) / b->row_height);
      n = (guint) (page / b->row_height) + 1;
      if (b->frames > 0 && !screen_ready (b, first, n))
        b->placeholders++;
    }

  if (b->frames++ == b->n_frames)
    {
      b->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (b->vadj, gtk_adjustment_get_value (b->vadj) +
                            b->rows_per_frame * MAX (b->row_height, ROW_PX));
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkWidget *scrolled;
  double loadavg[3] = { 0 };
  double upper, wall;
  Bench b = { 0 };

  if (argc < 2 || (argc > 2 && !atlas_records_sort_from_string (argv[2], &query->sort)))
    {
      fprintf (stderr, "usage: [FRAMES=N] [ROWS_PER_FRAME=N] %s DB [SORT [desc]]\n", argv[0]);
      return 2;
    }
  query->descending = argc > 3 && g_str_equal (argv[3], "desc");
  b.n_frames = g_getenv ("FRAMES") != NULL ? atoi (g_getenv ("FRAMES")) : 600;
  b.rows_per_frame = g_getenv ("ROWS_PER_FRAME") != NULL ? atoi (g_getenv ("ROWS_PER_FRAME")) : 3;
  b.intervals = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_init ();
  b.model = atlas_records_model_new (argv[1]);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (b.model)));
  b.view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (selection)));
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), (gpointer) properties[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
      column = gtk_column_view_column_new (properties[i], factory);
      gtk_column_view_column_set_expand (column, i < 2);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (b.view), column);
      g_object_unref (column);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), b.view);
  b.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (b.window), scrolled);
  gtk_window_present (GTK_WINDOW (b.window));
  b.vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b.view));

  b.start = g_get_monotonic_time () / 1000.0;
  atlas_records_model_set_query (b.model, query);
  /* The first screen with its values, and the count (the scroll range). */
  while (g_list_model_get_n_items (G_LIST_MODEL (b.model)) == 0 ||
         atlas_records_model_get_counting (b.model) || !screen_ready (&b, 0, 30) ||
         gtk_adjustment_get_upper (b.vadj) <= gtk_adjustment_get_page_size (b.vadj))
    g_main_context_iteration (NULL, TRUE);
  upper = gtk_adjustment_get_upper (b.vadj);
  b.row_height = upper / g_list_model_get_n_items (G_LIST_MODEL (b.model));
  printf ("sort %s%s: %u rows, first screen and count after %.0f ms; row %.1f px\n",
          atlas_records_sort_to_string (query->sort), query->descending ? " descending" : "",
          g_list_model_get_n_items (G_LIST_MODEL (b.model)),
          g_get_monotonic_time () / 1000.0 - b.start, b.row_height);

  b.cpu_main = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
  b.cpu_process = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  b.start = g_get_monotonic_time () / 1000.0;
  gtk_widget_add_tick_callback (b.view, tick_cb, &b, NULL);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  wall = g_get_monotonic_time () / 1000.0 - b.start;

  g_array_sort (b.intervals, compare_doubles);
  if (getloadavg (loadavg, 3) < 0)
    loadavg[0] = loadavg[1] = loadavg[2] = -1;
  printf ("  %u frames, %u rows a frame, %.0f ms: frame interval median %.1f ms, p90 %.1f ms,"
          " worst %.1f ms; %d frames with rows still waiting for their values (-1: not known,"
          " the scroll range is capped)\n",
          b.intervals->len, b.rows_per_frame, wall,
          g_array_index (b.intervals, double, b.intervals->len / 2),
          g_array_index (b.intervals, double, b.intervals->len * 9 / 10),
          g_array_index (b.intervals, double, b.intervals->len - 1),
          b.row_height >= 1 ? (int) b.placeholders : -1);
  printf ("  CPU: main thread %.0f ms (%.2f ms a frame), process %.0f ms; pages read %u;"
          " load average %.2f %.2f %.2f\n",
          cpu_ms (CLOCK_THREAD_CPUTIME_ID) - b.cpu_main,
          (cpu_ms (CLOCK_THREAD_CPUTIME_ID) - b.cpu_main) / MAX (b.intervals->len, 1),
          cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - b.cpu_process,
          atlas_records_model_get_n_pages_read (b.model), loadavg[0], loadavg[1], loadavg[2]);

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.intervals);
  g_object_unref (b.model);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-adaptive.c: the window at 360 × 640, the narrowest size the
 * metainfo promises. On every page: the window stays 360 px wide, no
 * control or text sticks out of it, none lies on top of another, the page
 * switcher moves to the bottom bar, and chart text stays readable. With
 * ATLAS_SCREENSHOT_DIR set, each page is also saved as PAGE-360-THEME.png
 * there, in light and dark, to be looked at. */

#include "config.h"

#include <adwaita.h>

#include "atlas-chart-view.h"
#include "atlas-window.h"
#include "gui-fixture.h"

#define WIDTH  360
#define HEIGHT 640
/* The smallest line of chart text, in pixels: a 9 px font makes a line of
 * about 10.8 px (an 8 px font, 9.6). */
#define MIN_CHART_TEXT_HEIGHT 10.5

static const char * const pages[] = {
  "overview", "compare", "companies", "experience", "distribution", "trend", "sources",
};

static gboolean
window_ready (Fixture *fixture)
{
  return g_strcmp0 (atlas_window_get_state (fixture->window), "content") == 0 &&
         !atlas_window_get_busy (fixture->window);
}

static void
wait_frames (void)
{
  gint64 until = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Widgets whose insides are theirs: compared as one box. */
static gboolean
is_leaf (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) || GTK_IS_IMAGE (widget) || GTK_IS_BUTTON (widget) ||
         GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_EDITABLE (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_PROGRESS_BAR (widget) ||
         ATLAS_IS_CHART_VIEW (widget);
}

typedef struct
{
  GtkWidget       *widget;
  graphene_rect_t  bounds;   /* in the window, clipped to scrolled views */
} Leaf;

static void
collect_leaves (GtkWidget       *window,
                GtkWidget       *widget,
                graphene_rect_t *clip,
                GArray          *leaves)
{
  graphene_rect_t bounds;
  graphene_rect_t inner_clip = *clip;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget) ||
      gtk_widget_get_opacity (widget) == 0.0)
    return;
  /* Popovers and their kind are windows of their own. */
  if (GTK_IS_NATIVE (widget) && widget != window)
    return;
  if (!gtk_widget_compute_bounds (widget, window, &bounds))
    return;

  if (is_leaf (widget))
    {
      Leaf leaf = { widget };

      if (graphene_rect_intersection (&bounds, clip, &leaf.bounds) &&
          leaf.bounds.size.width >= 1 && leaf.bounds.size.height >= 1)
        g_array_append_val (leaves, leaf);
      return;
    }

  /* What a scrolled view shows is cut to its own box. */
  if (GTK_IS_SCROLLED_WINDOW (widget) && !graphene_rect_intersection (clip, &bounds, &inner_clip))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_leaves (window, child, &inner_clip, leaves);
}

static char *
describe (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget)) ?: gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_IMAGE (widget))
    text = gtk_image_get_icon_name (GTK_IMAGE (widget));

  return g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget), text ? text : "");
}

/* The deepest widgets that alone need more than @limit px: what to fix. */
static void
find_too_wide (GtkWidget *widget,
               int        limit,
               GString   *out)
{
  gboolean child_too_wide = FALSE;
  int min = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > limit)
        {
          child_too_wide = TRUE;
          find_too_wide (child, limit, out);
        }
    }

  if (!child_too_wide || GTK_IS_CENTER_BOX (widget))
    {
      g_autofree char *what = NULL;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      what = g_strdup_printf ("%s%s%s", G_OBJECT_TYPE_NAME (widget),
                              gtk_widget_get_name (widget) ? " " : "",
                              GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");
      g_string_append_printf (out, "\n  %s needs %d px:", what, min);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
          g_string_append_printf (out, " %s %d", G_OBJECT_TYPE_NAME (child), child_min);
        }
    }
}

/* NULL when the page is laid out as it should be, else what is wrong. */
static char *
check_page (Fixture    *fixture,
            const char *page)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  graphene_rect_t clip;
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (Leaf));
  GtkWidget *content;
  double left, right;
  int min_width = 0;

  /* The window's content (inside the frame that Xvfb's solid-csd style
   * draws) asks for no more than 360 px, and got them. */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  if (min_width > WIDTH)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      find_too_wide (content, WIDTH - 24, culprits);
      g_error ("%s: the window needs %d px, more than %d:%s", page, min_width, WIDTH,
               culprits->str);
    }
  g_assert_true (gtk_widget_compute_bounds (content, window, &clip));
  g_assert_cmpfloat (clip.size.width, <=, WIDTH);
  g_assert_cmpfloat (clip.size.width, >=, WIDTH - 20);
  left = clip.origin.x;
  right = clip.origin.x + clip.size.width;

  collect_leaves (window, content, &clip, leaves);
  g_assert_cmpuint (leaves->len, >, 5);

  for (guint i = 0; i < leaves->len; i++)
    {
      Leaf *a = &g_array_index (leaves, Leaf, i);
      graphene_rect_t full;

      /* Nothing sticks out of the window (cut off). */
      g_assert_true (gtk_widget_compute_bounds (a->widget, window, &full));
      if (full.origin.x < left - 0.5 || full.origin.x + full.size.width > right + 0.5)
        {
          /* Inside a scrolled view that is fine; clip tells. */
          if (a->bounds.size.width + 0.5 < full.size.width && gtk_widget_get_ancestor (a->widget, GTK_TYPE_SCROLLED_WINDOW) != NULL)
            ;
          else
            {
              g_autofree char *what = describe (a->widget);
              return g_strdup_printf ("%s: %s spans x %.0f–%.0f, outside the window's %.0f–%.0f",
                                      page, what, full.origin.x, full.origin.x + full.size.width,
                                      left, right);
            }
        }

      for (guint j = i + 1; j < leaves->len; j++)
        {
          Leaf *b = &g_array_index (leaves, Leaf, j);
          graphene_rect_t overlap;

          if (gtk_widget_is_ancestor (a->widget, b->widget) ||
              gtk_widget_is_ancestor (b->widget, a->widget))
            continue;
          if (graphene_rect_intersection (&a->bounds, &b->bounds, &overlap) &&
              overlap.size.width > 1.0 && overlap.size.height > 1.0)
            {
              g_autofree char *wa = describe (a->widget);
              g_autofree char *wb = describe (b->widget);

              return g_strdup_printf ("%s: %s (%.0f,%.0f %.0f×%.0f) and %s (%.0f,%.0f %.0f×%.0f) "
                                      "overlap", page, wa, a->bounds.origin.x, a->bounds.origin.y,
                                      a->bounds.size.width, a->bounds.size.height,
                                      wb, b->bounds.origin.x, b->bounds.origin.y,
                                      b->bounds.size.width, b->bounds.size.height);
            }
        }

      /* Chart text at a size that can be read. */
      if (ATLAS_IS_CHART_VIEW (a->widget))
        {
          AtlasChartLayout *layout = atlas_chart_view_get_layout (ATLAS_CHART_VIEW (a->widget));

          for (guint t = 0; layout != NULL && t < atlas_chart_layout_get_n_texts (layout); t++)
            {
              const AtlasChartText *text = atlas_chart_layout_get_text (layout, t);

              if (text->rect.height < MIN_CHART_TEXT_HEIGHT)
                return g_strdup_printf ("%s: chart text “%s” is %.1f px high", page, text->text,
                                        text->rect.height);
            }
        }
    }
  return NULL;
}

static void
save_screenshot (Fixture    *fixture,
                 const char *page,
                 const char *theme)
{
  const char *dir = g_getenv ("ATLAS_SCREENSHOT_DIR");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  graphene_rect_t viewport;

  if (dir == NULL || *dir == '\0')
    return;

  paintable = gtk_widget_paintable_new (window);
  /* Empty until the window has been drawn since the page changed. */
  for (int tries = 0; node == NULL && tries < 20; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window),
                              gtk_widget_get_height (window));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        wait_frames ();
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  viewport = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window), gtk_widget_get_height (window));
  texture = gsk_renderer_render_texture (renderer, node, &viewport);
  name = g_strdup_printf ("%s-360-%s.png", page, theme);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* fixture_open_window() at 360 × 640, the size set before the window is
 * first shown. */
static void
open_narrow (Fixture *fixture)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-gui-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "atlas.db", NULL);
  fixture->settings = g_settings_new (ATLAS_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "last-view", "overview");
  fixture->window = atlas_window_new_for_path (NULL, fixture->settings, db);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  const char *theme = data;
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, g_str_equal (theme, "dark")
                                             ? ADW_COLOR_SCHEME_FORCE_DARK
                                             : ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_narrow (fixture);
  wait_for (window_ready, fixture);
  wait_frames ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      atlas_window_set_page (fixture->window, pages[i]);
      wait_for (window_ready, fixture);
      wait_frames ();
      save_screenshot (fixture, pages[i], theme);
      /* Rows and charts of a page just shown may take a few more frames to
       * settle (a row's buttons briefly share one spot): look again before
       * calling it a failure. */
      for (int tries = 0; ; tries++)
        {
          g_autofree char *problem = check_page (fixture, pages[i]);

          if (problem == NULL)
            break;
          if (tries == 10)
            g_error ("%s", problem);
          wait_frames ();
        }
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run the tests under xvfb-run\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The window buttons GNOME shows (its button-layout is "appmenu:close"),
   * as on a phone; Xvfb has no desktop to say so. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/salaryatlas/SalaryAtlas/icons");

  g_test_add ("/atlas/gui/adaptive/360/light", Fixture, "light", NULL, test_narrow,
              fixture_tear_down);
  g_test_add ("/atlas/gui/adaptive/360/dark", Fixture, "dark", NULL, test_narrow,
              fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-adaptive.c: the window at 360 × 640, the narrowest size the
 * metainfo promises. On every page of the view stack (read from it, so a
 * page added later is checked too): the window stays 360 px wide, no
 * control or text sticks out of it, nor out of its row or box, none lies
 * on top of another, the page switcher gives way to the page menu, which
 * switches to the page and names it, nothing in the header is cut short,
 * no table scrolls sideways, and chart text stays readable. In light and
 * dark, in English, and in German and Hindi (with their number formats)
 * where those locales are installed. With ATLAS_SCREENSHOT_DIR set, each
 * page is also saved as PAGE-360-THEME[-LANG].png there, to be looked at. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <adwaita.h>

#include "atlas-chart-view.h"
#include "atlas-window.h"
#include "gui-fixture.h"

#define WIDTH  360
#define HEIGHT 640
/* The smallest line of chart text, in pixels: a 9 px font makes a line of
 * about 10.8 px (an 8 px font, 9.6). */
#define MIN_CHART_TEXT_HEIGHT 10.5

typedef struct
{
  const char *theme;
  const char *language;   /* NULL: the untranslated English */
  const char *locale;
} Variant;

static const Variant variants[] = {
  { "light", NULL, NULL },
  { "dark", NULL, NULL },
  { "light", "de", "de_DE.UTF-8" },
  { "dark", "de", "de_DE.UTF-8" },
  { "light", "hi", "hi_IN.UTF-8" },
  { "dark", "hi", "hi_IN.UTF-8" },
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

/* NULL when @widget (at @bounds in @window) lies inside each of its
 * ancestors up to the nearest scrolled one (whose content may be larger
 * than its own box), else what sticks out of which. */
static char *
check_inside_ancestors (GtkWidget             *widget,
                        GtkWidget             *window,
                        const graphene_rect_t *bounds,
                        const char            *page)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget);
       parent != NULL && parent != window && !GTK_IS_SCROLLABLE (parent) &&
       !GTK_IS_SCROLLED_WINDOW (parent);
       parent = gtk_widget_get_parent (parent))
    {
      graphene_rect_t outer;

      if (!gtk_widget_compute_bounds (parent, window, &outer))
        continue;
      if (bounds->origin.x < outer.origin.x - 0.5 ||
          bounds->origin.x + bounds->size.width > outer.origin.x + outer.size.width + 0.5 ||
          bounds->origin.y < outer.origin.y - 0.5 ||
          bounds->origin.y + bounds->size.height > outer.origin.y + outer.size.height + 0.5)
        {
          g_autofree char *what = describe (widget);
          g_autofree char *in = describe (parent);
          int min = 0, parent_min = 0;

          gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          gtk_widget_measure (parent, GTK_ORIENTATION_HORIZONTAL, -1, &parent_min, NULL, NULL,
                              NULL);
          return g_strdup_printf ("%s: %s (%.0f,%.0f %.0f×%.0f, needs %d px) sticks out of %s "
                                  "(%.0f,%.0f %.0f×%.0f, needs %d px)", page, what,
                                  bounds->origin.x, bounds->origin.y, bounds->size.width,
                                  bounds->size.height, min, in, outer.origin.x, outer.origin.y,
                                  outer.size.width, outer.size.height, parent_min);
        }
    }
  return NULL;
}

/* NULL when the page is laid out as it should be, else what is wrong. */
static char *
check_page (Fixture    *fixture,
            const char *page,
            GtkWidget  *part)
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

  /* Only @part, where it lies over the rest (the filter pane). */
  collect_leaves (window, part != NULL ? part : content, &clip, leaves);
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

      /* Nor out of its row or any box it lies in: a row's subtitle once ran
       * past the row's edge in Hindi, cut off by the scrolled view, where
       * the check above lets it pass. */
      {
        g_autofree char *problem = check_inside_ancestors (a->widget, window, &full, page);

        if (problem != NULL)
          return g_steal_pointer (&problem);
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
              /* Nor one line of chart text on another (their boxes, which
               * hold the line spacing too, may share 2 px), or touching
               * it on the same line ("2–5 years5–10 y…"): 2 px apart. */
              for (guint u = t + 1; u < atlas_chart_layout_get_n_texts (layout); u++)
                {
                  const AtlasChartText *other = atlas_chart_layout_get_text (layout, u);
                  double w = MIN (text->rect.x + text->rect.width, other->rect.x + other->rect.width) -
                             MAX (text->rect.x, other->rect.x);
                  double h = MIN (text->rect.y + text->rect.height, other->rect.y + other->rect.height) -
                             MAX (text->rect.y, other->rect.y);

                  if ((w > 2.0 && h > 2.0) ||
                      (w > -2.0 && h > MIN (text->rect.height, other->rect.height) / 2))
                    return g_strdup_printf ("%s: chart texts “%s” (%.0f,%.0f %.0f×%.0f) and “%s” "
                                            "(%.0f,%.0f %.0f×%.0f) overlap", page,
                                            text->text, text->rect.x, text->rect.y,
                                            text->rect.width, text->rect.height, other->text,
                                            other->rect.x, other->rect.y, other->rect.width,
                                            other->rect.height);
                }
            }
        }
    }
  return NULL;
}

static void
save_screenshot (Fixture       *fixture,
                 const char    *page,
                 const Variant *variant)
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
  name = g_strdup_printf ("%s-360-%s%s%s.png", page, variant->theme,
                          variant->language ? "-" : "", variant->language ? variant->language : "");
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
  fixture_load_style ();
  fixture->settings = g_settings_new (ATLAS_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "last-view", "overview");
  fixture->window = atlas_window_new_for_path (NULL, fixture->settings, db);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first label under @widget whose text Pango had to shorten. */
static GtkLabel *
find_ellipsized_label (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_ellipsized_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Goes to @page through the page menu, as a user of a narrow window does,
 * and checks the header: the menu names the page, and nothing in the
 * header is shortened. NULL when all is right, else what is wrong. */
static char *
switch_page (Fixture          *fixture,
             AdwViewStackPage *page)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *header = find_descendant (window, ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *menu = find_descendant (header, GTK_TYPE_MENU_BUTTON, "page-menu");
  AdwViewSwitcherTitle *title;
  const char *name = adw_view_stack_page_get_name (page);
  GtkLabel *cut;

  title = ADW_VIEW_SWITCHER_TITLE (find_descendant (header, ADW_TYPE_VIEW_SWITCHER_TITLE, NULL));
  g_assert_nonnull (title);
  /* Ten pages do not fit a switcher in 360 px: the menu takes its place. */
  g_assert_true (adw_view_switcher_title_get_title_visible (title));
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_mapped (menu));

  g_assert_true (gtk_widget_activate_action (menu, "page-menu.show", "s", name));
  g_assert_cmpstr (atlas_window_get_page (fixture->window), ==, name);
  wait_for (window_ready, fixture);
  wait_frames ();

  {
    GtkLabel *label = GTK_LABEL (find_descendant (menu, GTK_TYPE_LABEL, NULL));
    g_autoptr(GString) expected = g_string_new (adw_view_stack_page_get_title (page));

    /* Without its mnemonic underline. */
    if (adw_view_stack_page_get_use_underline (page))
      g_string_replace (expected, "_", "", 0);
    if (g_strcmp0 (gtk_label_get_text (label), expected->str) != 0)
      return g_strdup_printf ("%s: the page menu reads “%s”, not “%s”", name,
                              gtk_label_get_text (label), expected->str);
  }

  cut = find_ellipsized_label (header);
  if (cut != NULL)
    return g_strdup_printf ("%s: “%s” in the header is cut short", name, gtk_label_get_text (cut));

  return NULL;
}

/* A table (GtkColumnView) on the page that needs scrolling sideways: at
 * 360 px the Records page shows the columns that fit (its width classes);
 * a minimum width of the title column once pushed the pay out of sight. */
static char *
check_tables (GtkWidget  *widget,
              const char *name)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (widget));

      if (h != NULL && gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 1)
        return g_strdup_printf ("%s: a table is %.0f px wide in %.0f px: it scrolls sideways",
                                name, gtk_adjustment_get_upper (h),
                                gtk_adjustment_get_page_size (h));
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      char *problem = check_tables (child, name);

      if (problem != NULL)
        return problem;
    }
  return NULL;
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  const Variant *variant = data;
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GtkSelectionModel) pages = NULL;
  AdwViewStack *stack;
  guint n_checked = 0;

  if (variant->language != NULL)
    {
      g_autofree char *po_dir = g_build_filename (g_getenv ("ATLAS_BUILD_ROOT"), "po", NULL);

      if (setlocale (LC_ALL, variant->locale) == NULL)
        {
          g_autofree char *why = g_strdup_printf ("locale %s is not installed", variant->locale);

          g_test_skip (why);
          return;
        }
      g_setenv ("LANGUAGE", variant->language, TRUE);
      bindtextdomain (GETTEXT_PACKAGE, po_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      /* Not English after all without the build tree's .mo files. */
      g_assert_cmpstr (_("Companies"), !=, "Companies");
    }

  adw_style_manager_set_color_scheme (style, g_str_equal (variant->theme, "dark")
                                             ? ADW_COLOR_SCHEME_FORCE_DARK
                                             : ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_narrow (fixture);
  wait_for (window_ready, fixture);
  wait_frames ();

  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *name = adw_view_stack_page_get_name (page);

      if (!adw_view_stack_page_get_visible (page))
        continue;

      g_test_message ("page %s", name);
      /* Rows and charts of a page just shown may take a few more frames to
       * settle (a row's buttons briefly share one spot): look again before
       * calling it a failure. */
      for (int tries = 0; ; tries++)
        {
          g_autofree char *problem = switch_page (fixture, page);

          if (problem == NULL)
            problem = check_page (fixture, name, NULL);
          if (problem == NULL)
            problem = check_tables (GTK_WIDGET (fixture->window), name);
          if (problem == NULL)
            break;
          if (tries == 10)
            {
              save_screenshot (fixture, name, variant);
              g_error ("%s", problem);
            }
          wait_frames ();
        }
      save_screenshot (fixture, name, variant);
      n_checked++;
    }
  /* The overview, seven charts, the records and the sources at least. */
  g_assert_cmpuint (n_checked, >=, 10);
  /* The filter pane, folded over the page, fits too. */
  {
    AdwFlap *flap = ADW_FLAP (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_FLAP, NULL));

    g_assert_true (adw_flap_get_folded (flap));
    atlas_window_set_page (fixture->window, "overview");
    wait_frames ();
    adw_flap_set_reveal_flap (flap, TRUE);
    for (int tries = 0; ; tries++)
      {
        g_autofree char *problem = NULL;

        wait_frames ();
        problem = check_page (fixture, "filters", adw_flap_get_flap (flap));
        if (problem == NULL)
          break;
        if (tries == 10)
          {
            save_screenshot (fixture, "filters", variant);
            g_error ("%s", problem);
          }
      }
    save_screenshot (fixture, "filters", variant);
    adw_flap_set_reveal_flap (flap, FALSE);
  }

  /* The page menu lists them all. */
  {
    GtkWidget *menu = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON, "page-menu");

    g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu))),
                     ==, n_checked);
  }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (variant->language != NULL)
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "");
    }
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

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/atlas/gui/adaptive/360/%s%s%s",
                                               variants[i].theme,
                                               variants[i].language ? "/" : "",
                                               variants[i].language ? variants[i].language : "");

      g_test_add (path, Fixture, &variants[i], NULL, test_narrow, fixture_tear_down);
    }

  return g_test_run ();
}

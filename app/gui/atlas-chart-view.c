/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-view.c: draws a chart through the engine into a cached node. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-chart-view-private.h"
#include "atlas-money.h"


G_DEFINE_FINAL_TYPE (AtlasChartView, atlas_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_RESULT,
  PROP_LOG_AXIS,
  PROP_FOCUS_MARK,
  PROP_HIDDEN_REGIONS,
  N_PROPS
};

enum {
  MARK_ACTIVATED,
  LEGEND_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
atlas_chart_view_new (AtlasChartKind kind)
{
  return g_object_new (ATLAS_TYPE_CHART_VIEW, "kind", kind, NULL);
}

static gboolean
set_str (char       **dest,
         const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static void
atlas_chart_view_invalidate (AtlasChartView *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
atlas_chart_view_is_dark (AtlasChartView *self)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
color_from_rgba (AtlasChartColor *color,
                 const GdkRGBA   *rgba)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha;
}

/* Text and accent come from the widget's style, so the chart matches the
 * window in light, dark and high-contrast styles; the series colours stay
 * the engine's colour-blind-safe palette. */
static void
atlas_chart_view_apply_style (AtlasChartView *self,
                              AtlasChartSpec *spec)
{
  GtkStyleContext *context;
  GdkRGBA fg, accent;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;
  G_GNUC_END_IGNORE_DEPRECATIONS

  color_from_rgba (&spec->palette.foreground, &fg);
  color_from_rgba (&spec->palette.accent, &accent);
  spec->palette.muted = spec->palette.foreground;
  spec->palette.muted.alpha *= 0.65;
  spec->palette.grid = spec->palette.foreground;
  spec->palette.grid.alpha *= 0.15;
  /* Transparent: the window or card shows through. */
  spec->palette.background.alpha = 0;
}

static void
atlas_chart_view_update_accessible (AtlasChartView *self)
{
  const AtlasChartMark *mark = NULL;
  g_autofree char *description = NULL;
  const char *title = NULL;

  if (self->layout != NULL)
    {
      title = atlas_chart_layout_get_title (self->layout);
      if (self->focus_mark >= 0 &&
          (guint) self->focus_mark < atlas_chart_layout_get_n_marks (self->layout))
        mark = atlas_chart_layout_get_mark (self->layout, self->focus_mark);
    }

  if (title == NULL)
    title = atlas_chart_kind_get_title (self->spec->kind);

  if (mark != NULL)
    description = atlas_chart_view_describe_mark (self, mark, FALSE);
  else if (self->layout != NULL && self->spec->hidden_regions != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; self->spec->hidden_regions[i] != NULL; i++)
        {
          const char *name = atlas_money_country_name (self->spec->hidden_regions[i]);

          g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                  name ? name : self->spec->hidden_regions[i]);
        }
      /* Translators: %s lists the regions toggled off in the legend */
      description = g_strdup_printf (_("%u marks; hidden: %s. Use the arrow keys to move between them. %s"),
                                     atlas_chart_layout_get_n_marks (self->layout), names->str,
                                     atlas_chart_layout_get_caption (self->layout));
    }
  else if (self->layout != NULL)
    description = g_strdup_printf (_("%u marks. Use the arrow keys to move between them. %s"),
                                   atlas_chart_layout_get_n_marks (self->layout),
                                   atlas_chart_layout_get_caption (self->layout));
  else
    description = g_strdup (_("No data yet"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
atlas_chart_view_render (AtlasChartView *self,
                         int             width,
                         int             height,
                         int             scale,
                         gboolean        dark)
{
  g_autoptr(AtlasChartSpec) spec = NULL;
  g_autoptr(AtlasQueryResult) empty = NULL;
  const AtlasQueryResult *result;
  GtkSnapshot *snapshot;
  cairo_t *cr;

  spec = atlas_chart_spec_copy (self->spec);
  atlas_chart_spec_set_theme (spec, dark ? ATLAS_CHART_THEME_DARK : ATLAS_CHART_THEME_LIGHT);
  atlas_chart_view_apply_style (self, spec);
  spec->focus_mark = -1;

  if (self->result != NULL)
    result = atlas_shared_result_get (self->result);
  else
    {
      /* Nothing queried yet: the engine draws its "no data" chart. */
      empty = g_new0 (AtlasQueryResult, 1);
      empty->by = atlas_chart_kind_group_by (spec->kind);
      empty->mode = spec->currency_mode;
      empty->groups = g_ptr_array_new ();
      empty->sources = g_ptr_array_new ();
      result = empty;
    }

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_clear_pointer (&self->layout, atlas_chart_layout_unref);
  self->layout = atlas_chart_render (spec, result, cr, width, height);
  cairo_destroy (cr);

  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->node = gtk_snapshot_free_to_node (snapshot);
  self->node_width = width;
  self->node_height = height;
  self->node_scale = scale;
  self->node_dark = dark;
  self->n_renders++;

  if (self->layout != NULL &&
      self->focus_mark >= (int) atlas_chart_layout_get_n_marks (self->layout))
    self->focus_mark = -1;
  self->hover_mark = -1;

  atlas_chart_view_update_accessible (self);
}

static void
append_mark_outline (GtkSnapshot          *snapshot,
                     const AtlasChartMark *mark,
                     const GdkRGBA        *color,
                     double                width)
{
  GskRoundedRect outline;
  GdkRGBA colors[4] = { *color, *color, *color, *color };
  float widths[4] = { width, width, width, width };
  double grow = width + 1;

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (mark->rect.x - grow,
                                                        mark->rect.y - grow,
                                                        mark->rect.width + 2 * grow,
                                                        mark->rect.height + 2 * grow),
                                   3);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
atlas_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  gboolean dark = atlas_chart_view_is_dark (self);

  if (width <= 0 || height <= 0)
    return;

  if (self->node == NULL ||
      self->node_width != width || self->node_height != height ||
      self->node_scale != scale || self->node_dark != dark)
    atlas_chart_view_render (self, width, height, scale, dark);

  gtk_snapshot_append_node (snapshot, self->node);

  /* Hover and focus are drawn over the cached chart, so moving between
   * marks does not render the chart again. */
  if (self->layout != NULL)
    {
      guint n_marks = atlas_chart_layout_get_n_marks (self->layout);
      GdkRGBA accent;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                           "accent_color", &accent))
        gdk_rgba_parse (&accent, "#3584e4");
      G_GNUC_END_IGNORE_DEPRECATIONS

      if (self->hover_mark >= 0 && (guint) self->hover_mark < n_marks &&
          self->hover_mark != self->focus_mark)
        {
          GdkRGBA faint = accent;

          faint.alpha = 0.5;
          append_mark_outline (snapshot, atlas_chart_layout_get_mark (self->layout, self->hover_mark),
                               &faint, 1);
        }

      if (self->focus_mark >= 0 && (guint) self->focus_mark < n_marks &&
          gtk_widget_has_focus (widget))
        append_mark_outline (snapshot, atlas_chart_layout_get_mark (self->layout, self->focus_mark),
                             &accent, 2);
    }
}

static void
atlas_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 720;
    }
  else
    {
      *minimum = 240;
      *natural = 440;
    }
}

static void
atlas_chart_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (atlas_chart_view_parent_class)->css_changed (widget, change);

  /* Colours (light, dark, high contrast, accent) may have changed. */
  atlas_chart_view_invalidate (ATLAS_CHART_VIEW (widget));
}

char *
atlas_chart_view_describe_mark (AtlasChartView       *self,
                                const AtlasChartMark *mark,
                                gboolean              markup)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);
  g_return_val_if_fail (mark != NULL, NULL);

  return atlas_chart_describe_mark (self->result ? atlas_shared_result_get (self->result) : NULL,
                                    mark, markup);
}

gboolean
_atlas_chart_view_is_last_shown (AtlasChartView *self,
                                const char     *region)
{
  const AtlasQueryResult *result = atlas_shared_result_get (self->result);

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (group->region, region) != 0 &&
          !atlas_chart_view_get_region_hidden (self, group->region))
        return FALSE;
    }

  return TRUE;
}

void
_atlas_chart_view_emit_mark_activated (AtlasChartView *self,
                                       guint           index)
{
  g_signal_emit (self, signals[MARK_ACTIVATED], 0, index);
}

void
_atlas_chart_view_emit_legend_activated (AtlasChartView *self,
                                         const char     *text)
{
  g_signal_emit (self, signals[LEGEND_ACTIVATED], 0, text);
}

static void
dark_changed_cb (AtlasChartView  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  atlas_chart_view_invalidate (self);
}

AtlasChartKind
atlas_chart_view_get_kind (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), ATLAS_CHART_COMPARE);

  return self->spec->kind;
}

void
atlas_chart_view_set_kind (AtlasChartView *self,
                           AtlasChartKind  kind)
{
  AtlasChartSpec *spec;

  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  if (self->spec != NULL && self->spec->kind == kind)
    return;

  spec = atlas_chart_spec_new (kind);
  if (self->spec != NULL)
    {
      spec->subtitle = g_strdup (self->spec->subtitle);
      spec->currency_basis = g_strdup (self->spec->currency_basis);
      spec->currency_mode = self->spec->currency_mode;
      atlas_chart_spec_free (self->spec);
    }
  self->spec = spec;
  self->focus_mark = -1;

  atlas_chart_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

AtlasSharedResult *
atlas_chart_view_get_result (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);

  return self->result;
}

/* Regions that left the result (a new filter) are shown again when they
 * come back; a result where every region is hidden shows them all. */
static void
atlas_chart_view_prune_hidden (AtlasChartView *self)
{
  const AtlasQueryResult *result = atlas_shared_result_get (self->result);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any_shown = FALSE;
  g_auto(GStrv) kept = NULL;

  if (self->spec->hidden_regions == NULL)
    return;

  for (guint i = 0; self->spec->hidden_regions[i] != NULL; i++)
    {
      const char *region = self->spec->hidden_regions[i];
      gboolean present = FALSE;

      for (guint j = 0; j < result->groups->len && !present; j++)
        present = g_strcmp0 (((AtlasGroup *) g_ptr_array_index (result->groups, j))->region, region) == 0;
      if (present)
        g_strv_builder_add (builder, region);
    }
  kept = g_strv_builder_end (builder);

  for (guint j = 0; j < result->groups->len && !any_shown; j++)
    any_shown = !g_strv_contains ((const char * const *) kept,
                                  ((AtlasGroup *) g_ptr_array_index (result->groups, j))->region);

  if (kept[0] != NULL && any_shown &&
      g_strv_equal ((const char * const *) kept, (const char * const *) self->spec->hidden_regions))
    return;

  g_strfreev (self->spec->hidden_regions);
  self->spec->hidden_regions = kept[0] != NULL && any_shown ? g_steal_pointer (&kept) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_REGIONS]);
}

void
atlas_chart_view_set_result (AtlasChartView    *self,
                             AtlasSharedResult *result)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  if (self->result == result)
    return;

  g_clear_pointer (&self->result, atlas_shared_result_unref);
  if (result != NULL)
    {
      self->result = atlas_shared_result_ref (result);
      self->spec->currency_mode = atlas_shared_result_get (result)->mode;
      atlas_chart_view_prune_hidden (self);
    }

  atlas_chart_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
strv_equal_or_null (GStrv a,
                    GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

void
atlas_chart_view_set_spec (AtlasChartView       *self,
                           const AtlasChartSpec *spec)
{
  gboolean changed = FALSE;

  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));
  g_return_if_fail (spec != NULL);

  changed |= set_str (&self->spec->title, spec->title);
  changed |= set_str (&self->spec->subtitle, spec->subtitle);
  changed |= set_str (&self->spec->currency_basis, spec->currency_basis);
  changed |= set_str (&self->spec->snapshot_date, spec->snapshot_date);
  changed |= set_str (&self->spec->note, spec->note);
  changed |= set_str (&self->spec->ratio_basis, spec->ratio_basis);
  if (!strv_equal_or_null (self->spec->expected_regions, spec->expected_regions))
    {
      /* A region asked for without data is said in the chart. */
      g_strfreev (self->spec->expected_regions);
      self->spec->expected_regions = g_strdupv (spec->expected_regions);
      changed = TRUE;
    }
  if (self->spec->currency_mode != spec->currency_mode ||
      !same_double (self->spec->ratio_nominal, spec->ratio_nominal) ||
      !same_double (self->spec->ratio_ppp, spec->ratio_ppp))
    {
      self->spec->currency_mode = spec->currency_mode;
      self->spec->ratio_nominal = spec->ratio_nominal;
      self->spec->ratio_ppp = spec->ratio_ppp;
      changed = TRUE;
    }

  if (changed)
    atlas_chart_view_invalidate (self);
}

gboolean
atlas_chart_view_get_log_axis (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  return self->spec->log_axis;
}

void
atlas_chart_view_set_log_axis (AtlasChartView *self,
                               gboolean        log_axis)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  log_axis = !!log_axis;
  if (self->spec->log_axis == log_axis)
    return;

  self->spec->log_axis = log_axis;
  atlas_chart_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_AXIS]);
}

AtlasChartSpec *
atlas_chart_view_dup_spec (AtlasChartView  *self,
                           AtlasChartTheme  theme)
{
  AtlasChartSpec *spec;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);

  spec = atlas_chart_spec_copy (self->spec);
  atlas_chart_spec_set_theme (spec, theme);
  spec->focus_mark = -1;

  return spec;
}

AtlasChartLayout *
atlas_chart_view_get_layout (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);

  return self->layout;
}

int
atlas_chart_view_get_focus_mark (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), -1);

  return self->focus_mark;
}

void
atlas_chart_view_set_focus_mark (AtlasChartView *self,
                                 int             index)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  if (self->layout == NULL || index < -1 ||
      index >= (int) atlas_chart_layout_get_n_marks (self->layout))
    index = -1;

  if (self->focus_mark == index)
    return;

  self->focus_mark = index;
  atlas_chart_view_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_MARK]);
}

gboolean
atlas_chart_view_get_region_hidden (AtlasChartView *self,
                                    const char     *region)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  return self->spec->hidden_regions != NULL &&
         g_strv_contains ((const char * const *) self->spec->hidden_regions, region);
}

void
atlas_chart_view_set_region_hidden (AtlasChartView *self,
                                    const char     *region,
                                    gboolean        hidden)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));
  g_return_if_fail (region != NULL);

  if (atlas_chart_view_get_region_hidden (self, region) == !!hidden)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; self->spec->hidden_regions != NULL && self->spec->hidden_regions[i] != NULL; i++)
    if (g_strcmp0 (self->spec->hidden_regions[i], region) != 0)
      g_strv_builder_add (builder, self->spec->hidden_regions[i]);
  if (hidden)
    g_strv_builder_add (builder, region);

  g_strfreev (self->spec->hidden_regions);
  self->spec->hidden_regions = g_strv_builder_end (builder);
  if (self->spec->hidden_regions[0] == NULL)
    g_clear_pointer (&self->spec->hidden_regions, g_strfreev);

  self->focus_mark = -1;
  atlas_chart_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_REGIONS]);
}

gboolean
atlas_chart_view_toggle_region (AtlasChartView *self,
                                const char     *region)
{
  gboolean hidden;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  hidden = !atlas_chart_view_get_region_hidden (self, region);

  /* An empty chart helps nobody: the last region shown stays. */
  if (hidden && (self->result == NULL || _atlas_chart_view_is_last_shown (self, region)))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  atlas_chart_view_set_region_hidden (self, region, hidden);
  return TRUE;
}

guint
atlas_chart_view_get_n_renders (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), 0);

  return self->n_renders;
}

static void
atlas_chart_view_dispose (GObject *object)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);
  GtkWidget *child;

  /* A mark's menu (atlas-mark-menu.c) is a child while it is open. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->layout, atlas_chart_layout_unref);
  g_clear_pointer (&self->result, atlas_shared_result_unref);

  G_OBJECT_CLASS (atlas_chart_view_parent_class)->dispose (object);
}

static void
atlas_chart_view_finalize (GObject *object)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  g_clear_pointer (&self->spec, atlas_chart_spec_free);

  G_OBJECT_CLASS (atlas_chart_view_parent_class)->finalize (object);
}

static void
atlas_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->spec->kind);
      break;

    case PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;

    case PROP_LOG_AXIS:
      g_value_set_boolean (value, self->spec->log_axis);
      break;

    case PROP_FOCUS_MARK:
      g_value_set_int (value, self->focus_mark);
      break;

    case PROP_HIDDEN_REGIONS:
      g_value_set_boxed (value, self->spec->hidden_regions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      atlas_chart_view_set_kind (self, g_value_get_int (value));
      break;

    case PROP_RESULT:
      atlas_chart_view_set_result (self, g_value_get_boxed (value));
      break;

    case PROP_LOG_AXIS:
      atlas_chart_view_set_log_axis (self, g_value_get_boolean (value));
      break;

    case PROP_FOCUS_MARK:
      atlas_chart_view_set_focus_mark (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_chart_view_class_init (AtlasChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_chart_view_dispose;
  object_class->finalize = atlas_chart_view_finalize;
  object_class->get_property = atlas_chart_view_get_property;
  object_class->set_property = atlas_chart_view_set_property;

  widget_class->snapshot = atlas_chart_view_snapshot;
  widget_class->measure = atlas_chart_view_measure;
  widget_class->css_changed = atlas_chart_view_css_changed;
  widget_class->query_tooltip = _atlas_chart_view_query_tooltip;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      0, ATLAS_CHART_N_KINDS - 1, ATLAS_CHART_COMPARE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, ATLAS_TYPE_SHARED_RESULT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_AXIS] =
    g_param_spec_boolean ("log-axis", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_MARK] =
    g_param_spec_int ("focus-mark", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN_REGIONS] =
    g_param_spec_boxed ("hidden-regions", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasChartView::mark-activated:
   * @index: the mark's index in the layout
   *
   * A mark was clicked or activated with Enter: the window filters to it.
   */
  signals[MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[LEGEND_ACTIVATED] =
    g_signal_new ("legend-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "atlas-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_chart_view_init (AtlasChartView *self)
{
  self->spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  self->focus_mark = -1;
  self->hover_mark = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  _atlas_chart_view_add_controllers (self);

  /* The focus ring is only drawn while the chart has the keyboard focus. */
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), NULL);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  atlas_chart_view_update_accessible (self);
}

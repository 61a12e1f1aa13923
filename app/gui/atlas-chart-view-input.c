/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-view-input.c: the chart view's pointer, keyboard and tooltip
 * handling, on the layout's mark geometry. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-chart-view-private.h"

gboolean
_atlas_chart_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);
  const AtlasChartMark *mark = NULL;
  g_autofree char *markup = NULL;

  if (self->layout == NULL)
    return FALSE;

  if (keyboard_mode)
    {
      if (self->focus_mark >= 0)
        mark = atlas_chart_layout_get_mark (self->layout, self->focus_mark);
    }
  else
    mark = atlas_chart_layout_hit_test (self->layout, x, y);

  if (mark == NULL || (mark->kind == ATLAS_CHART_MARK_EMPTY && mark->label == NULL))
    return FALSE;

  markup = atlas_chart_view_describe_mark (self, mark, TRUE);
  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) { floor (mark->rect.x), floor (mark->rect.y),
                                              ceil (mark->rect.width), ceil (mark->rect.height) });

  return TRUE;
}

static void
motion_cb (AtlasChartView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  const AtlasChartMark *mark;
  int hover;

  if (self->layout == NULL)
    return;

  mark = atlas_chart_layout_hit_test (self->layout, x, y);
  hover = mark ? (int) mark->index : -1;
  if (hover != self->hover_mark)
    {
      self->hover_mark = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (AtlasChartView           *self,
          GtkEventControllerMotion *controller)
{
  if (self->hover_mark != -1)
    {
      self->hover_mark = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The region a legend entry names: the charts label regions by name. */
static const char *
atlas_chart_view_legend_region (AtlasChartView *self,
                                const char     *text)
{
  const AtlasQueryResult *result = self->result ? atlas_shared_result_get (self->result) : NULL;

  for (guint i = 0; result != NULL && i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);
      const char *name = atlas_money_country_name (group->region);

      if (g_strcmp0 (text, group->region) == 0 || (name != NULL && g_strcmp0 (text, name) == 0))
        return group->region;
    }

  return NULL;
}

/* Whether @region is the only region of the result that is still shown. */
static void
released_cb (AtlasChartView *self,
             int             n_press,
             double          x,
             double          y,
             GtkGestureClick *gesture)
{
  const AtlasChartMark *mark;

  if (self->layout == NULL)
    return;

  mark = atlas_chart_layout_hit_test (self->layout, x, y);
  if (mark != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      atlas_chart_view_set_focus_mark (self, mark->index);
      if (mark->kind != ATLAS_CHART_MARK_EMPTY)
        _atlas_chart_view_emit_mark_activated (self, mark->index);
      return;
    }

  for (guint i = 0; i < atlas_chart_layout_get_n_texts (self->layout); i++)
    {
      const AtlasChartText *text = atlas_chart_layout_get_text (self->layout, i);

      /* The swatch left of the text counts as part of the entry. */
      if (text->role == ATLAS_CHART_TEXT_LEGEND &&
          x >= text->rect.x - text->rect.height * 1.5 && x <= text->rect.x + text->rect.width &&
          y >= text->rect.y && y <= text->rect.y + text->rect.height)
        {
          const char *region = atlas_chart_view_legend_region (self, text->text);

          if (region != NULL)
            atlas_chart_view_toggle_region (self, region);
          _atlas_chart_view_emit_legend_activated (self, text->text);
          return;
        }
    }
}

static gboolean
key_pressed_cb (AtlasChartView        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int n_marks;
  int focus = self->focus_mark;

  if (self->layout == NULL)
    return FALSE;

  n_marks = atlas_chart_layout_get_n_marks (self->layout);
  if (n_marks == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      focus = focus < 0 ? 0 : MIN (focus + 1, n_marks - 1);
      break;

    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      focus = focus < 0 ? n_marks - 1 : MAX (focus - 1, 0);
      break;

    case GDK_KEY_Home:
      focus = 0;
      break;

    case GDK_KEY_End:
      focus = n_marks - 1;
      break;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (focus >= 0 &&
          atlas_chart_layout_get_mark (self->layout, focus)->kind != ATLAS_CHART_MARK_EMPTY)
        {
          _atlas_chart_view_emit_mark_activated (self, (guint) focus);
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }

  atlas_chart_view_set_focus_mark (self, focus);

  return TRUE;
}

void
_atlas_chart_view_add_controllers (AtlasChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

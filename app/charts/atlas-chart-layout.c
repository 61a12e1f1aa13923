/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-layout.c: the mark geometry a render leaves behind. */
#include "config.h"

#include <string.h>

#include "atlas-chart-private.h"

G_DEFINE_BOXED_TYPE (AtlasChartLayout, atlas_chart_layout,
                     atlas_chart_layout_ref, atlas_chart_layout_unref)

/* Small marks (points, thin bins) are hard to hit with a pointer. */
#define MIN_HIT_SIZE 8.0

AtlasChartLayout *
_atlas_chart_layout_new (double width,
                         double height)
{
  AtlasChartLayout *self = g_new0 (AtlasChartLayout, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->width = width;
  self->height = height;
  self->marks = g_array_new (FALSE, TRUE, sizeof (AtlasChartMark));
  self->texts = g_array_new (FALSE, TRUE, sizeof (AtlasChartText));
  self->strings = g_string_chunk_new (1024);
  return self;
}

AtlasChartLayout *
atlas_chart_layout_ref (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
atlas_chart_layout_unref (AtlasChartLayout *layout)
{
  g_return_if_fail (layout != NULL);

  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;

  g_array_unref (layout->marks);
  g_array_unref (layout->texts);
  g_string_chunk_free (layout->strings);
  g_free (layout->title);
  g_free (layout->caption);
  g_free (layout);
}

static const char *
intern (AtlasChartLayout *self,
        const char       *str)
{
  return str != NULL ? g_string_chunk_insert_const (self->strings, str) : NULL;
}

AtlasChartMark *
_atlas_chart_layout_add_mark (AtlasChartLayout     *self,
                              const AtlasChartMark *mark)
{
  AtlasChartMark copy = *mark;

  copy.index = self->marks->len;
  copy.region = intern (self, mark->region);
  copy.key = intern (self, mark->key);
  copy.label = intern (self, mark->label);
  copy.currency = intern (self, mark->currency);

  if (copy.rect.width < MIN_HIT_SIZE)
    {
      copy.rect.x -= (MIN_HIT_SIZE - copy.rect.width) / 2;
      copy.rect.width = MIN_HIT_SIZE;
    }
  if (copy.rect.height < MIN_HIT_SIZE)
    {
      copy.rect.y -= (MIN_HIT_SIZE - copy.rect.height) / 2;
      copy.rect.height = MIN_HIT_SIZE;
    }

  g_array_append_val (self->marks, copy);
  return &g_array_index (self->marks, AtlasChartMark, self->marks->len - 1);
}

void
_atlas_chart_layout_add_text (AtlasChartLayout        *self,
                              AtlasChartTextRole       role,
                              const char              *text,
                              const cairo_rectangle_t *rect)
{
  AtlasChartText t = { role, intern (self, text), *rect };

  g_array_append_val (self->texts, t);
}

void
_atlas_chart_layout_set_plot_area (AtlasChartLayout        *self,
                                   const cairo_rectangle_t *area)
{
  if (self->has_plot_area)
    return;
  self->plot_area = *area;
  self->has_plot_area = TRUE;
}

double
atlas_chart_layout_get_width (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->width;
}

double
atlas_chart_layout_get_height (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->height;
}

void
atlas_chart_layout_get_plot_area (AtlasChartLayout  *layout,
                                  cairo_rectangle_t *area)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (area != NULL);
  *area = layout->plot_area;
}

guint
atlas_chart_layout_get_n_marks (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->marks->len;
}

const AtlasChartMark *
atlas_chart_layout_get_mark (AtlasChartLayout *layout,
                             guint             index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->marks->len, NULL);
  return &g_array_index (layout->marks, AtlasChartMark, index);
}

const AtlasChartMark *
atlas_chart_layout_hit_test (AtlasChartLayout *layout,
                             double            x,
                             double            y)
{
  g_return_val_if_fail (layout != NULL, NULL);

  /* Backwards: the last drawn mark is on top. */
  for (guint i = layout->marks->len; i > 0; i--)
    {
      const AtlasChartMark *m = &g_array_index (layout->marks, AtlasChartMark, i - 1);

      if (x >= m->rect.x && x < m->rect.x + m->rect.width
          && y >= m->rect.y && y < m->rect.y + m->rect.height)
        return m;
    }

  return NULL;
}

guint
atlas_chart_layout_get_n_texts (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->texts->len;
}

const AtlasChartText *
atlas_chart_layout_get_text (AtlasChartLayout *layout,
                             guint             index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->texts->len, NULL);
  return &g_array_index (layout->texts, AtlasChartText, index);
}

const AtlasChartText *
atlas_chart_layout_find_text (AtlasChartLayout *layout,
                              int               role,
                              const char       *needle)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  for (guint i = 0; i < layout->texts->len; i++)
    {
      const AtlasChartText *t = &g_array_index (layout->texts, AtlasChartText, i);

      if ((role < 0 || (int) t->role == role) && strstr (t->text, needle) != NULL)
        return t;
    }

  return NULL;
}

const char *
atlas_chart_layout_get_title (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->title;
}

const char *
atlas_chart_layout_get_caption (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->caption;
}

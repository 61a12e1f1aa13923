/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-private.h: what the renderer's files share. The kinds draw
 * through the helpers in atlas-chart-draw.c and record marks and texts in
 * the layout as they go, so hit-testing uses the drawn geometry. */
#pragma once

#include <pango/pangocairo.h>

#include "atlas-chart.h"
#include "atlas-scale.h"

G_BEGIN_DECLS

struct _AtlasChartLayout
{
  gatomicrefcount    ref_count;
  double             width;
  double             height;
  cairo_rectangle_t  plot_area;
  gboolean           has_plot_area;
  GArray            *marks;    /* AtlasChartMark */
  GArray            *texts;    /* AtlasChartText */
  GStringChunk      *strings;  /* every string the marks and texts point to */
  char              *title;
  char              *caption;
};

AtlasChartLayout *_atlas_chart_layout_new        (double                width,
                                                  double                height);
/* Copies @mark (interning its strings) and returns the stored one. */
AtlasChartMark   *_atlas_chart_layout_add_mark   (AtlasChartLayout     *layout,
                                                  const AtlasChartMark *mark);
void              _atlas_chart_layout_add_text   (AtlasChartLayout     *layout,
                                                  AtlasChartTextRole    role,
                                                  const char           *text,
                                                  const cairo_rectangle_t *rect);
void              _atlas_chart_layout_set_plot_area (AtlasChartLayout  *layout,
                                                     const cairo_rectangle_t *area);

typedef enum
{
  ATLAS_ALIGN_START,
  ATLAS_ALIGN_CENTER,
  ATLAS_ALIGN_END,
} AtlasAlign;

typedef struct
{
  const AtlasChartSpec    *spec;
  const AtlasQueryResult  *result;
  const AtlasChartPalette *palette;
  cairo_t                 *cr;
  PangoLayout             *pango;
  AtlasChartLayout        *layout;
  double                   width;
  double                   height;
  double                   font_size;   /* base text size in user units */
  double                   margin;
  GPtrArray               *regions;     /* char*, distinct regions in result order */
  GPtrArray               *legend_regions; /* the same with hidden regions: colours, legend */
  GPtrArray               *missing_regions; /* expected (spec) but without any group */
  GArray                  *missing_marks;   /* their legend entries' EMPTY marks, added last */
  gboolean                 mixed_currency;
  gboolean                 any_small;   /* a small-sample mark was drawn */
  gboolean                 any_figure;  /* a group came from a curated figure */
} AtlasChartCtx;

/* Text: draws @text with its (@x, @y) anchor aligned as asked, records it
 * in the layout, and returns its extents. @max_width > 0 ellipsizes (or
 * wraps, with @wrap). @scale multiplies the base font size. */
void     _atlas_chart_text         (AtlasChartCtx      *ctx,
                                    AtlasChartTextRole  role,
                                    const char         *text,
                                    double              x,
                                    double              y,
                                    AtlasAlign          halign,
                                    AtlasAlign          valign,
                                    double              scale,
                                    gboolean            bold,
                                    const AtlasChartColor *color,
                                    double              max_width,
                                    gboolean            wrap,
                                    cairo_rectangle_t  *extents);
/* Measures without drawing or recording. */
void     _atlas_chart_measure      (AtlasChartCtx      *ctx,
                                    const char         *text,
                                    double              scale,
                                    gboolean            bold,
                                    double              max_width,
                                    gboolean            wrap,
                                    double             *width,
                                    double             *height);

void     _atlas_chart_set_color    (AtlasChartCtx         *ctx,
                                    const AtlasChartColor *color,
                                    double                 alpha);
const AtlasChartColor *_atlas_chart_region_color (AtlasChartCtx *ctx,
                                                  const char    *region);
guint    _atlas_chart_region_index (AtlasChartCtx *ctx,
                                    const char    *region);
/* GCompareFunc for a GPtrArray of region codes: US, IN, then the rest in
 * their order (with a stable sort). */
int      _atlas_chart_compare_regions (gconstpointer a,
                                       gconstpointer b);
/* Fills @rect in the region's style: solid, or faded and hatched for small
 * samples; in the print theme, also a pattern per series. */
void     _atlas_chart_fill_rect    (AtlasChartCtx           *ctx,
                                    const cairo_rectangle_t *rect,
                                    const char              *region,
                                    gboolean                 small_sample,
                                    double                   alpha);
void     _atlas_chart_hatch        (AtlasChartCtx           *ctx,
                                    const cairo_rectangle_t *rect,
                                    const AtlasChartColor   *color);

/* A value axis along one side of @plot: grid lines across it and labels
 * outside. @vertical: values grow upwards along the left side; otherwise
 * rightwards along the bottom. @currency NULL formats plain counts; "%"
 * formats shares. */
void     _atlas_chart_value_axis   (AtlasChartCtx           *ctx,
                                    const cairo_rectangle_t *plot,
                                    const AtlasScale        *scale,
                                    const AtlasTicks        *ticks,
                                    const char              *currency,
                                    gboolean                 vertical);
/* The width the tick labels of a vertical value axis need. */
double   _atlas_chart_value_axis_width (AtlasChartCtx    *ctx,
                                        const AtlasTicks *ticks,
                                        const char       *currency);
char    *_atlas_chart_format_value (const char *currency,
                                    double      value);
/* Builds a scale for @lo..@hi, with about one tick per @spacing units of
 * @length, honouring the spec's log axis. */
void     _atlas_chart_make_scale   (AtlasChartCtx *ctx,
                                    double         lo,
                                    double         hi,
                                    double         length,
                                    gboolean       zero_based,
                                    AtlasScale    *scale,
                                    AtlasTicks    *ticks);

/* The frame (atlas-chart-render.c) draws these. */
gboolean _atlas_chart_is_hidden    (const AtlasChartSpec    *spec,
                                    const char              *region);
/* Returns the height the legend took. */
double   _atlas_chart_draw_legend  (AtlasChartCtx           *ctx,
                                    double                   x,
                                    double                   y,
                                    double                   max_x,
                                    gboolean                 with_small);
/* @missing: the expected regions without any group (char*). */
char    *_atlas_chart_build_caption (const AtlasChartSpec   *spec,
                                     const AtlasQueryResult *result,
                                     GPtrArray              *missing);

void     _atlas_chart_no_data      (AtlasChartCtx           *ctx,
                                    const cairo_rectangle_t *area,
                                    const char              *region,
                                    const char              *key,
                                    const char              *message);
void     _atlas_chart_mark_init    (AtlasChartMark   *mark,
                                    AtlasChartMarkKind kind,
                                    const AtlasGroup *group,
                                    int               group_index);
/* Regions in result order that share one currency form a panel; with mixed
 * currencies (local mode), each region gets its own. Returns GPtrArray of
 * GPtrArray of region strings. */
GPtrArray *_atlas_chart_panels     (AtlasChartCtx *ctx,
                                    gboolean       force_split);
/* Splits @area into @n columns (or rows) with @gap between them. */
void     _atlas_chart_split        (const cairo_rectangle_t *area,
                                    guint                    n,
                                    guint                    i,
                                    double                   gap,
                                    gboolean                 rows,
                                    cairo_rectangle_t       *out);
const char *_atlas_chart_region_name (const char *region);
const char *_atlas_chart_level_label (const char *key);
/* The group of @region with @key, or NULL (index in *index). */
const AtlasGroup *_atlas_chart_find_group (AtlasChartCtx *ctx,
                                           const char    *region,
                                           const char    *key,
                                           int           *index);
gboolean _atlas_chart_has_spread   (const AtlasGroup *group);
/* Draws a panel title above @area. Returns the height used. */
double   _atlas_chart_panel_title  (AtlasChartCtx           *ctx,
                                    const cairo_rectangle_t *area,
                                    const char              *text);

/* The distinct group keys in level (EN MI SE EX) or numeric year order. */
GPtrArray *_atlas_chart_category_keys (AtlasChartCtx *ctx,
                                       gboolean       years);
/* Value → coordinate inside @plot, clamped to it. */
double   _atlas_chart_map_y        (const AtlasScale        *scale,
                                    const cairo_rectangle_t *plot,
                                    double                   value);
double   _atlas_chart_map_x        (const AtlasScale        *scale,
                                    const cairo_rectangle_t *plot,
                                    double                   value);
char    *_atlas_chart_format_n     (gsize n);
/* Experience, career and trend share the category line chart. */
typedef enum
{
  ATLAS_LINE_AXIS_LEVELS,  /* EN MI SE EX, with p25–p75 bands */
  ATLAS_LINE_AXIS_BANDS,   /* bands of years of experience, with p25–p75 bands */
  ATLAS_LINE_AXIS_YEARS,   /* calendar years, broken where the source changes */
} AtlasLineAxis;

void     _atlas_chart_draw_lines   (AtlasChartCtx           *ctx,
                                    const cairo_rectangle_t *area,
                                    AtlasLineAxis            axis);

void     _atlas_chart_draw_compare      (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
void     _atlas_chart_draw_companies    (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
void     _atlas_chart_draw_experience   (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
void     _atlas_chart_draw_distribution (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
/* From published histograms (atlas-chart-distribution-bins.c), when the
 * result is figures and some group has one. */
gboolean _atlas_chart_distribution_is_binned (const AtlasQueryResult *result);
void     _atlas_chart_draw_distribution_bins (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
void     _atlas_chart_draw_trend        (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
void     _atlas_chart_draw_company_regions (AtlasChartCtx *ctx, const cairo_rectangle_t *area);
/* "Companies shown in both United States and India: Amazon, Google. ", or
 * NULL when there is none (for the caption and the export's description). */
char    *_atlas_chart_company_regions_summary (const AtlasChartSpec   *spec,
                                               const AtlasQueryResult *result);
void     _atlas_chart_draw_career       (AtlasChartCtx *ctx, const cairo_rectangle_t *area);

/* Replaces the fsync() that export calls on the finished file before it
 * renames it over the target (NULL: fsync() again): tests/test-export.c
 * checks the order and a failure's outcome through it. */
void              _atlas_chart_export_set_fsync  (int (*func) (int fd));

G_END_DECLS

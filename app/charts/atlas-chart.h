/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart.h: chart specs, the GTK-free cairo + Pango renderer, the mark
 * geometry it leaves behind (for tooltips, click-to-filter, keyboard focus
 * and tests) and export to PNG, SVG and PDF.
 *
 * Typical use in a widget:
 *
 *   g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
 *   atlas_chart_spec_set_theme (spec, dark ? ATLAS_CHART_THEME_DARK
 *                                          : ATLAS_CHART_THEME_LIGHT);
 *   spec->palette.accent = …;   // optionally, colours from the widget's theme
 *   spec->subtitle = atlas_filter_describe (filter);
 *   result = atlas_query_run (store, filter, atlas_chart_kind_group_by (spec->kind),
 *                             spec->currency_mode, ATLAS_STATS_DEFAULT_SMALL_SAMPLE,
 *                             &error);
 *   layout = atlas_chart_render (spec, result, cr, width, height);
 *   …
 *   mark = atlas_chart_layout_hit_test (layout, pointer_x, pointer_y);
 *
 * All coordinates are in the logical units of the cairo_t passed to
 * atlas_chart_render(): for a widget, its own pixels; scaling the cairo_t
 * (HiDPI, export --scale) does not change the layout.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "atlas-query.h"

G_BEGIN_DECLS

#define ATLAS_CHART_ERROR (atlas_chart_error_quark ())

typedef enum
{
  ATLAS_CHART_ERROR_FORMAT,   /* unknown format or extension */
  ATLAS_CHART_ERROR_WRITE,    /* the file could not be written */
  ATLAS_CHART_ERROR_NO_DATA,  /* the result has no group to draw */
  ATLAS_CHART_ERROR_RENDER,   /* cairo failed (out of memory, size too large) */
} AtlasChartError;

GQuark atlas_chart_error_quark (void);

/* ----------------------------------------------------------------- Kinds */

typedef enum
{
  ATLAS_CHART_COMPARE,       /* boxes per experience level, one per region */
  ATLAS_CHART_COMPANIES,     /* ranked horizontal bars of the median per company */
  ATLAS_CHART_EXPERIENCE,    /* career curve: median per level with a p25–p75 band */
  ATLAS_CHART_DISTRIBUTION,  /* histogram per region, overlaid or faceted */
  ATLAS_CHART_TREND,         /* median per year per region */
  ATLAS_CHART_COMPANY_REGIONS, /* one employer's pay in two regions, paired bars */
  ATLAS_CHART_CAREER,        /* median and p25–p75 by band of years of experience */
} AtlasChartKind;

#define ATLAS_CHART_N_KINDS 7

const char  *atlas_chart_kind_to_string    (AtlasChartKind  kind);   /* "compare", … */
gboolean     atlas_chart_kind_from_string  (const char     *str,
                                            AtlasChartKind *kind);
/* The translated default title, e.g. "Pay by experience level". */
const char  *atlas_chart_kind_get_title    (AtlasChartKind  kind);
/* How to group the query whose result this kind draws:
 * compare, experience → EXPERIENCE; companies → COMPANY;
 * distribution → REGION; trend → YEAR; company-regions → COMPANY;
 * career → EXPERIENCE_YEARS. */
AtlasGroupBy atlas_chart_kind_group_by     (AtlasChartKind  kind);

/* ---------------------------------------------------------------- Themes */

typedef enum
{
  ATLAS_CHART_THEME_LIGHT,
  ATLAS_CHART_THEME_DARK,
  ATLAS_CHART_THEME_PRINT,   /* black on white, greys and hatching: monochrome-safe */
} AtlasChartTheme;

const char  *atlas_chart_theme_to_string   (AtlasChartTheme  theme);
gboolean     atlas_chart_theme_from_string (const char      *str,
                                            AtlasChartTheme *theme);

typedef struct
{
  double red, green, blue, alpha;   /* 0..1, like GdkRGBA */
} AtlasChartColor;

#define ATLAS_CHART_PALETTE_N_SERIES 8

typedef struct
{
  AtlasChartColor background;  /* alpha 0 leaves the target untouched (widgets) */
  AtlasChartColor foreground;  /* titles, labels */
  AtlasChartColor muted;       /* subtitles, caption, tick labels */
  AtlasChartColor grid;        /* grid lines and axes */
  AtlasChartColor accent;      /* keyboard focus ring and highlights */
  /* Series colours, in region order (Okabe–Ito by default). In the print
   * theme these are greys and series are also told apart by pattern. */
  AtlasChartColor series[ATLAS_CHART_PALETTE_N_SERIES];
  gboolean        patterns;    /* tell series apart by fill pattern as well */
} AtlasChartPalette;

void atlas_chart_palette_init_for_theme (AtlasChartPalette *palette,
                                         AtlasChartTheme    theme);

/* ------------------------------------------------------------------ Spec */

typedef enum
{
  ATLAS_CHART_WHISKERS_P10_P90,   /* default; the caption says so */
  ATLAS_CHART_WHISKERS_MIN_MAX,
} AtlasChartWhiskers;

typedef struct
{
  AtlasChartKind      kind;
  char               *title;          /* NULL: atlas_chart_kind_get_title() */
  char               *subtitle;       /* the filter in words, atlas_filter_describe(); NULL: none */
  AtlasCurrencyMode   currency_mode;  /* the mode the result was queried in (caption basis) */
  AtlasChartTheme     theme;
  AtlasChartPalette   palette;        /* filled from @theme by atlas_chart_spec_new() */

  guint               top_n;          /* companies: bars per region (default 15; 0: all) */
  guint               min_n;          /* companies: hide companies with n < min_n (default 5) */
  gboolean            log_axis;       /* value axis on a log scale */
  AtlasChartWhiskers  whiskers;       /* compare, companies */
  gboolean            facet;          /* distribution: one panel per region instead of overlaid */
  guint               bins;           /* distribution: number of bins; 0 = automatic */

  /* Compare: the "India = X % of US" annotation; NAN hides it. Fill with
   * atlas_chart_median_ratio() on a USD and a PPP result. */
  double              ratio_nominal;
  double              ratio_ppp;
  /* What the ratio pools when it does not come from the drawn boxes'
   * records ("all levels, SOURCE: total compensation"); NULL: nothing said. */
  char               *ratio_basis;

  /* Caption extras. NULL: derived from the result (sources, their licences
   * and retrieval dates, n) and a generic basis for the currency mode. */
  char               *currency_basis; /* "PPP: World Bank private consumption factor, 2024: 19.9 ₹ per intl $" */
  char               *snapshot_date;  /* "2025-01-19" */
  char               *note;           /* any further sentence for the caption */

  /* The mark to draw with a focus ring (keyboard focus); -1: none. */
  int                 focus_mark;

  /* Regions (ISO 3166 alpha-2) toggled off in the legend: their groups are
   * not drawn, their legend entry is drawn hollow, and the other regions
   * keep their colours. Marks still index the whole result. NULL: none. */
  GStrv               hidden_regions;

  /* Regions the chart is expected to show (the filter's, or the US and
   * India when the data has both): one without any group is not left out
   * silently but named in the legend and the caption as "no data under
   * this filter", with an EMPTY mark. NULL: none expected. */
  GStrv               expected_regions;
} AtlasChartSpec;

GType           atlas_chart_spec_get_type (void) G_GNUC_CONST;
#define ATLAS_TYPE_CHART_SPEC (atlas_chart_spec_get_type ())

AtlasChartSpec *atlas_chart_spec_new      (AtlasChartKind        kind);
AtlasChartSpec *atlas_chart_spec_copy     (const AtlasChartSpec *spec);
void            atlas_chart_spec_free     (AtlasChartSpec       *spec);
/* Sets @theme and resets the palette to that theme's. */
void            atlas_chart_spec_set_theme (AtlasChartSpec      *spec,
                                            AtlasChartTheme      theme);

/* The ratio of the median of @region_a's pooled values to @region_b's
 * (e.g. "IN" over "US"), or NAN when either has no values. Use with results
 * queried in USD and in PPP mode to fill ratio_nominal / ratio_ppp. */
double          atlas_chart_median_ratio  (const AtlasQueryResult *result,
                                           const char             *region_a,
                                           const char             *region_b);

/* ---------------------------------------------------------------- Layout */

typedef enum
{
  ATLAS_CHART_MARK_BOX,    /* compare: p25–p75 box, median line, whiskers */
  ATLAS_CHART_MARK_BAR,    /* companies, company-regions: bar to the median, p25–p75 whisker */
  ATLAS_CHART_MARK_POINT,  /* experience, career, trend: the median point (band p25–p75) */
  ATLAS_CHART_MARK_BIN,    /* distribution: one histogram bin */
  ATLAS_CHART_MARK_EMPTY,  /* a slot drawn as "no data" */
} AtlasChartMarkKind;

typedef struct
{
  guint               index;        /* position in the layout: reading/focus order */
  AtlasChartMarkKind  kind;
  const char         *region;       /* ISO 3166 alpha-2 */
  const char         *key;          /* group key: "SE", company name, "2024", region */
  const char         *label;        /* group label for display */
  const char         *currency;     /* "USD", "INR", "intl$" */
  int                 group_index;  /* index into result->groups; -1 for EMPTY slots */

  /* The mark's bounding box (hit area; never smaller than 8×8) and the
   * point that stands for its value (the middle of the median line for a
   * box, the end of a bar, the point itself, the top of a bin): anchor
   * tooltips and focus rings there. */
  cairo_rectangle_t   rect;
  double              anchor_x;
  double              anchor_y;

  AtlasSummary        summary;      /* copy of the group's summary (bins: zeroed) */
  gboolean            small_sample; /* drawn hatched/faded */

  /* Bins only: [low, high) in the group's currency and the count. */
  double              bin_low;
  double              bin_high;
  guint               bin_count;
} AtlasChartMark;

typedef enum
{
  ATLAS_CHART_TEXT_TITLE,
  ATLAS_CHART_TEXT_SUBTITLE,
  ATLAS_CHART_TEXT_AXIS,        /* tick labels and axis titles */
  ATLAS_CHART_TEXT_CATEGORY,    /* level / company / year names */
  ATLAS_CHART_TEXT_N,           /* "n=123" under a mark */
  ATLAS_CHART_TEXT_LEGEND,
  ATLAS_CHART_TEXT_ANNOTATION,  /* ratios, growth multipliers, medians */
  ATLAS_CHART_TEXT_NO_DATA,
  ATLAS_CHART_TEXT_NOTE,        /* the small-sample note */
  ATLAS_CHART_TEXT_CAPTION,
} AtlasChartTextRole;

typedef struct
{
  AtlasChartTextRole  role;
  const char         *text;
  cairo_rectangle_t   rect;
} AtlasChartText;

/* Immutable once returned; reference counted so a widget can keep the last
 * one while the next is drawn. */
typedef struct _AtlasChartLayout AtlasChartLayout;

GType             atlas_chart_layout_get_type   (void) G_GNUC_CONST;
#define ATLAS_TYPE_CHART_LAYOUT (atlas_chart_layout_get_type ())

AtlasChartLayout *atlas_chart_layout_ref        (AtlasChartLayout *layout);
void              atlas_chart_layout_unref      (AtlasChartLayout *layout);

double            atlas_chart_layout_get_width  (AtlasChartLayout *layout);
double            atlas_chart_layout_get_height (AtlasChartLayout *layout);
/* The data area of the first panel (inside the axes). */
void              atlas_chart_layout_get_plot_area (AtlasChartLayout  *layout,
                                                    cairo_rectangle_t *area);

/* Marks in reading order: left to right, then top to bottom, panel by panel,
 * so index ± 1 is the natural next/previous keyboard focus. */
guint                 atlas_chart_layout_get_n_marks (AtlasChartLayout *layout);
const AtlasChartMark *atlas_chart_layout_get_mark    (AtlasChartLayout *layout,
                                                      guint             index);
/* The mark under (@x, @y), or NULL. Where marks overlap (overlaid
 * histograms), the one drawn last — the topmost — wins. */
const AtlasChartMark *atlas_chart_layout_hit_test    (AtlasChartLayout *layout,
                                                      double            x,
                                                      double            y);

guint                 atlas_chart_layout_get_n_texts (AtlasChartLayout *layout);
const AtlasChartText *atlas_chart_layout_get_text    (AtlasChartLayout *layout,
                                                      guint             index);
/* The first text of @role (or of any role, with -1) containing @needle. */
const AtlasChartText *atlas_chart_layout_find_text   (AtlasChartLayout *layout,
                                                      int               role,
                                                      const char       *needle);

/* The full caption (sources, licences, snapshot date, currency basis, n) and
 * a one-line description, also used for SVG <desc> and PDF subject. */
const char           *atlas_chart_layout_get_title   (AtlasChartLayout *layout);
const char           *atlas_chart_layout_get_caption (AtlasChartLayout *layout);

/* A one-line description of @mark of a chart of @result (NULL: the mark
 * alone), for tooltips (@markup: Pango markup) and screen readers. */
char                 *atlas_chart_describe_mark      (const AtlasQueryResult *result,
                                                      const AtlasChartMark   *mark,
                                                      gboolean                markup);

/* -------------------------------------------------------------- Drawing */

/* Draws @result as @spec says into @cr, in the rectangle (0, 0, @width,
 * @height) of @cr's user space, and returns the mark geometry (transfer
 * full). @cr may be NULL to compute the layout without drawing. A result
 * without groups draws a "no data" chart (and its layout has no marks but
 * EMPTY ones). */
AtlasChartLayout *atlas_chart_render (const AtlasChartSpec   *spec,
                                      const AtlasQueryResult *result,
                                      cairo_t                *cr,
                                      double                  width,
                                      double                  height);

/* --------------------------------------------------------------- Export */

typedef enum
{
  ATLAS_CHART_FORMAT_PNG,
  ATLAS_CHART_FORMAT_SVG,
  ATLAS_CHART_FORMAT_PDF,
} AtlasChartFormat;

const char *atlas_chart_format_to_string   (AtlasChartFormat  format);
gboolean    atlas_chart_format_from_string (const char       *str,
                                            AtlasChartFormat *format);
/* From the file name's extension, case-insensitively (.png .svg .pdf). */
gboolean    atlas_chart_format_from_path   (const char       *path,
                                            AtlasChartFormat *format);

/* Renders into @path as @format at @width × @height logical pixels; PNG
 * pixels are multiplied by @scale (≥ 1), SVG and PDF are vector and ignore
 * it. Writes a temporary file in the same folder and renames it, so a failed
 * export leaves nothing behind. SVG gets <title>/<desc>, PDF its title,
 * subject and creator metadata. */
gboolean    atlas_chart_export_to_file     (const AtlasChartSpec   *spec,
                                            const AtlasQueryResult *result,
                                            const char             *path,
                                            AtlasChartFormat        format,
                                            int                     width,
                                            int                     height,
                                            double                  scale,
                                            GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartSpec, atlas_chart_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartLayout, atlas_chart_layout_unref)

G_END_DECLS

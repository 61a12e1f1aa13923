/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-page.c: a chart page: toolbar, chart or table, empty state. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-chart-page.h"
#include "atlas-money.h"
#include "atlas-region-toggles.h"

struct _AtlasChartPage
{
  GtkWidget          parent_instance;

  GtkBox            *box;
  GtkLabel          *summary_label;
  GtkSpinner        *spinner;
  GtkToggleButton   *log_button;
  GtkToggleButton   *table_button;
  GtkStack          *stack;
  AtlasChartView    *chart_view;
  GtkGrid           *table_grid;
  AdwStatusPage     *empty_page;

  AtlasSharedResult *result;
  gboolean           table_stale;
  guint              spinner_source;
  AtlasSession      *session;
};

/* Most queries answer well within this: a spinner that flashes for a few
 * frames only costs redraws and draws the eye for nothing. */
#define SPINNER_DELAY_MS 300

G_DEFINE_FINAL_TYPE (AtlasChartPage, atlas_chart_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
atlas_chart_page_new (AtlasChartKind kind)
{
  AtlasChartPage *self = g_object_new (ATLAS_TYPE_CHART_PAGE, NULL);

  atlas_chart_view_set_kind (self->chart_view, kind);
  gtk_widget_set_visible (GTK_WIDGET (self->log_button),
                          kind == ATLAS_CHART_DISTRIBUTION || kind == ATLAS_CHART_COMPANIES ||
                          kind == ATLAS_CHART_COMPARE);

  return GTK_WIDGET (self);
}

AtlasChartView *
atlas_chart_page_get_chart_view (AtlasChartPage *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_PAGE (self), NULL);

  return self->chart_view;
}

static void
add_cell (GtkGrid    *grid,
          const char *text,
          int         column,
          int         row,
          gboolean    numeric,
          gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), !header);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

void
atlas_chart_page_fill_table (GtkGrid                *grid,
                             const AtlasQueryResult *result,
                             guint                   max_rows)
{
  static const char *headers[] = {
    N_("Region"), N_("Group"), N_("Median"), N_("25th pct."), N_("75th pct."),
    N_("n"),
    /* xgettext:no-c-format */
    N_("95 % CI of median"), N_("Source"),
  };
  GtkWidget *child;
  guint rows;

  g_return_if_fail (GTK_IS_GRID (grid));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  if (result == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    add_cell (grid, _(headers[i]), i, 0, i >= 2 && i <= 6, TRUE);

  rows = MIN (result->groups->len, max_rows);
  for (guint i = 0; i < rows; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);
      const char *region = atlas_money_country_name (group->region);
      g_autofree char *median = atlas_money_format (group->summary.median, group->currency, ATLAS_MONEY_FULL);
      g_autofree char *p25 = NULL;
      g_autofree char *p75 = NULL;
      g_autofree char *n = atlas_money_group_digits (group->summary.n, FALSE);
      g_autofree char *ci = NULL;
      g_autofree char *label = NULL;

      p25 = isnan (group->summary.p25) ? g_strdup ("—")
            : atlas_money_format (group->summary.p25, group->currency, ATLAS_MONEY_FULL);
      p75 = isnan (group->summary.p75) ? g_strdup ("—")
            : atlas_money_format (group->summary.p75, group->currency, ATLAS_MONEY_FULL);
      if (!isnan (group->summary.median_ci_low) && !isnan (group->summary.median_ci_high))
        {
          g_autofree char *low = atlas_money_format (group->summary.median_ci_low, group->currency, ATLAS_MONEY_SHORT);
          g_autofree char *high = atlas_money_format (group->summary.median_ci_high, group->currency, ATLAS_MONEY_SHORT);

          ci = g_strdup_printf ("%s–%s", low, high);
        }
      else
        ci = g_strdup ("—");

      if (group->small_sample)
        /* Translators: a group label with the small-sample flag */
        label = g_strdup_printf (_("%s (small sample)"), group->label);
      else
        label = g_strdup (group->label);

      add_cell (grid, region ? region : group->region, 0, i + 1, FALSE, FALSE);
      add_cell (grid, label, 1, i + 1, FALSE, FALSE);
      add_cell (grid, median, 2, i + 1, TRUE, FALSE);
      add_cell (grid, p25, 3, i + 1, TRUE, FALSE);
      add_cell (grid, p75, 4, i + 1, TRUE, FALSE);
      add_cell (grid, n, 5, i + 1, TRUE, FALSE);
      add_cell (grid, ci, 6, i + 1, TRUE, FALSE);
      add_cell (grid, group->citation ? group->citation : (group->sources ? group->sources : ""),
                7, i + 1, FALSE, FALSE);
    }

  if (result->groups->len > rows)
    {
      g_autofree char *count = atlas_money_group_digits (result->groups->len - rows, FALSE);
      g_autofree char *more = g_strdup_printf (_("%s more groups are not shown."), count);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (grid, label, 0, rows + 1, G_N_ELEMENTS (headers), 1);
    }
}

/* A histogram needs individual salaries or a histogram published as an
 * aggregate (a figure's bins): quartiles alone cannot be drawn as one. */
static gboolean
atlas_chart_page_needs_records (AtlasChartPage *self)
{
  const AtlasQueryResult *r;

  if (atlas_chart_view_get_kind (self->chart_view) != ATLAS_CHART_DISTRIBUTION ||
      self->result == NULL)
    return FALSE;
  r = atlas_shared_result_get (self->result);
  if (!r->from_figures)
    return FALSE;
  for (guint i = 0; i < r->groups->len; i++)
    if (((const AtlasGroup *) g_ptr_array_index (r->groups, i))->n_bins > 0)
      return FALSE;
  return TRUE;
}

static gboolean
atlas_chart_page_has_data (AtlasChartPage *self)
{
  return self->result != NULL && atlas_shared_result_get (self->result)->groups->len > 0 &&
         !atlas_chart_page_needs_records (self);
}

static void
atlas_chart_page_update_state (AtlasChartPage *self)
{
  gboolean show_table = gtk_toggle_button_get_active (self->table_button);

  if (self->result != NULL && !atlas_chart_page_has_data (self))
    {
      if (atlas_chart_page_needs_records (self))
        {
          adw_status_page_set_title (self->empty_page, _("No Individual Salaries"));
          adw_status_page_set_description (self->empty_page,
                                           _("A distribution needs individual salaries, and these filters "
                                             "match published summaries only. Import a survey such as the "
                                             "aijobs.net salaries CSV with “salary-atlas import FILE”, or "
                                             "widen the filters."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Salaries Match"));
          adw_status_page_set_description (self->empty_page,
                                           _("No record or published figure matches these filters. Try "
                                             "more regions, more experience levels or a wider year range."));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (show_table)
    {
      if (self->table_stale)
        {
          atlas_chart_page_fill_table (self->table_grid,
                                       self->result ? atlas_shared_result_get (self->result) : NULL,
                                       300);
          self->table_stale = FALSE;
        }
      gtk_stack_set_visible_child_name (self->stack, "table");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "chart");

  gtk_widget_set_sensitive (GTK_WIDGET (self->table_button), atlas_chart_page_has_data (self));
}

void
atlas_chart_page_set_result (AtlasChartPage    *self,
                             AtlasSharedResult *result)
{
  g_return_if_fail (ATLAS_IS_CHART_PAGE (self));

  if (self->result == result)
    return;

  g_clear_pointer (&self->result, atlas_shared_result_unref);
  if (result != NULL)
    self->result = atlas_shared_result_ref (result);

  atlas_chart_view_set_result (self->chart_view, result);
  self->table_stale = TRUE;

  if (result != NULL)
    {
      const AtlasQueryResult *r = atlas_shared_result_get (result);
      g_autofree char *records = atlas_money_group_digits (r->n_records, FALSE);
      g_autofree char *summary = NULL;

      g_autofree char *groups = atlas_money_group_digits (r->groups->len, FALSE);

      if (r->from_figures)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s group from published figures",
                                                "%s groups from published figures",
                                                r->groups->len),
                                   groups);
      else
        /* Translators: "1,234 salaries in 1,012 groups" */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s salaries in %s group",
                                                "%s salaries in %s groups",
                                                r->groups->len),
                                   records, groups);

      if (r->missing_factors != NULL)
        {
          g_autofree char *with_missing = g_strdup_printf (_("%s · not convertible: %s"),
                                                           summary, r->missing_factors);
          g_free (summary);
          summary = g_steal_pointer (&with_missing);
        }

      gtk_label_set_text (self->summary_label, summary);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
    }

  atlas_chart_page_update_state (self);
}

static gboolean
start_spinner_cb (gpointer user_data)
{
  AtlasChartPage *self = user_data;

  self->spinner_source = 0;
  gtk_spinner_set_spinning (self->spinner, TRUE);

  return G_SOURCE_REMOVE;
}

void
atlas_chart_page_set_loading (AtlasChartPage *self,
                              gboolean        loading)
{
  g_return_if_fail (ATLAS_IS_CHART_PAGE (self));

  if (!loading)
    {
      g_clear_handle_id (&self->spinner_source, g_source_remove);
      gtk_spinner_set_spinning (self->spinner, FALSE);
    }
  else if (self->spinner_source == 0 && !gtk_spinner_get_spinning (self->spinner))
    {
      self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, start_spinner_cb, self);
    }
}

gboolean
atlas_chart_page_get_show_table (AtlasChartPage *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_PAGE (self), FALSE);

  return gtk_toggle_button_get_active (self->table_button);
}

void
atlas_chart_page_set_show_table (AtlasChartPage *self,
                                 gboolean        show_table)
{
  g_return_if_fail (ATLAS_IS_CHART_PAGE (self));

  gtk_toggle_button_set_active (self->table_button, show_table);
}

const char *
atlas_chart_page_get_state (AtlasChartPage *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
table_toggled_cb (AtlasChartPage  *self,
                  GtkToggleButton *button)
{
  atlas_chart_page_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

static void
session_state_cb (AtlasChartPage *self)
{
  AtlasChartKind kind = atlas_chart_view_get_kind (self->chart_view);
  g_autoptr(AtlasChartSpec) spec = atlas_session_build_spec (self->session, kind);

  atlas_chart_view_set_spec (self->chart_view, spec);
  atlas_chart_page_set_loading (self, atlas_session_page_is_loading (self->session,
                                                                     atlas_chart_kind_to_string (kind)));
}

static void
session_busy_cb (AtlasChartPage *self)
{
  AtlasChartKind kind = atlas_chart_view_get_kind (self->chart_view);

  atlas_chart_page_set_loading (self, atlas_session_page_is_loading (self->session,
                                                                     atlas_chart_kind_to_string (kind)));
}

static void
session_result_cb (AtlasChartPage *self,
                   guint           slot,
                   AtlasSession   *session)
{
  AtlasChartKind kind = atlas_chart_view_get_kind (self->chart_view);
  AtlasSlot slots[ATLAS_N_SLOTS];
  guint n = atlas_session_page_get_slots (atlas_chart_kind_to_string (kind), slots);
  gboolean used = FALSE;

  for (guint i = 0; i < n; i++)
    used |= slots[i] == slot;

  if (used)
    {
      /* The spec first: the result then says which mode it is in. */
      session_state_cb (self);
      atlas_chart_page_set_result (self, atlas_session_get_chart_result (session, kind));
    }
  else
    session_busy_cb (self);
}

void
atlas_chart_page_set_session (AtlasChartPage *self,
                              AtlasSession   *session)
{
  static const char * const state[] = {
    "notify::filter", "notify::currency-mode", "notify::small-sample-threshold", "notify::catalog",
  };

  g_return_if_fail (ATLAS_IS_CHART_PAGE (self));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  for (guint i = 0; i < G_N_ELEMENTS (state); i++)
    g_signal_connect_object (session, state[i], G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::busy", G_CALLBACK (session_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "result-changed", G_CALLBACK (session_result_cb), self, G_CONNECT_SWAPPED);

  session_state_cb (self);
  atlas_chart_page_set_result (self, atlas_session_get_chart_result (session,
                                                                     atlas_chart_view_get_kind (self->chart_view)));
}

static void
log_toggled_cb (AtlasChartPage  *self,
                GtkToggleButton *button)
{
  atlas_chart_view_set_log_axis (self->chart_view, gtk_toggle_button_get_active (button));
}

static void
atlas_chart_page_dispose (GObject *object)
{
  AtlasChartPage *self = ATLAS_CHART_PAGE (object);

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  g_clear_pointer (&self->result, atlas_shared_result_unref);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_CHART_PAGE);

  G_OBJECT_CLASS (atlas_chart_page_parent_class)->dispose (object);
}

static void
atlas_chart_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasChartPage *self = ATLAS_CHART_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, atlas_chart_page_get_show_table (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_chart_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasChartPage *self = ATLAS_CHART_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      atlas_chart_page_set_show_table (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_chart_page_class_init (AtlasChartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_chart_page_dispose;
  object_class->get_property = atlas_chart_page_get_property;
  object_class->set_property = atlas_chart_page_set_property;

  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-chart-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, log_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, table_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, table_grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasChartPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, table_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-chart-page");
}

static void
atlas_chart_page_init (AtlasChartPage *self)
{
  g_type_ensure (ATLAS_TYPE_CHART_VIEW);
  g_type_ensure (ATLAS_TYPE_REGION_TOGGLES);

  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
  self->table_stale = TRUE;
  atlas_chart_page_update_state (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-region-toggles.c: a check button per region of a chart, in a popover.
 *
 * The buttons follow the chart view: they are made again when its result
 * changes and follow its hidden regions, which a click on a legend entry
 * changes too. The widget hides itself when there is nothing to toggle: one
 * region, or a chart that draws nothing. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-money.h"
#include "atlas-region-toggles.h"

struct _AtlasRegionToggles
{
  GtkWidget       parent_instance;

  GtkWidget      *button;
  GtkBox         *box;
  AtlasChartView *view;
};

G_DEFINE_FINAL_TYPE (AtlasRegionToggles, atlas_region_toggles, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
atlas_region_toggles_sync (AtlasRegionToggles *self)
{
  GtkWidget *child;
  guint n_shown = 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *region = g_object_get_data (G_OBJECT (child), "atlas-region");
      gboolean shown = !atlas_chart_view_get_region_hidden (self->view, region);

      g_signal_handlers_block_matched (child, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), shown);
      g_signal_handlers_unblock_matched (child, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      n_shown += shown;
    }

  /* The last region shown cannot be hidden, as in the legend. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_sensitive (child, n_shown > 1 ||
                              !gtk_check_button_get_active (GTK_CHECK_BUTTON (child)));
}

static void
region_toggled_cb (GtkCheckButton     *button,
                   AtlasRegionToggles *self)
{
  atlas_chart_view_set_region_hidden (self->view,
                                      g_object_get_data (G_OBJECT (button), "atlas-region"),
                                      !gtk_check_button_get_active (button));
}

/* Whether the chart draws anything: a histogram needs individual salaries,
 * which published figures do not give. */
static gboolean
chart_draws (AtlasChartView         *view,
             const AtlasQueryResult *result)
{
  return result != NULL && result->groups->len > 0 &&
         !(atlas_chart_view_get_kind (view) == ATLAS_CHART_DISTRIBUTION && result->from_figures);
}

static void
atlas_region_toggles_rebuild (AtlasRegionToggles *self)
{
  AtlasSharedResult *shared = self->view ? atlas_chart_view_get_result (self->view) : NULL;
  const AtlasQueryResult *result = shared ? atlas_shared_result_get (shared) : NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);

  for (guint i = 0; result != NULL && i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);
      const char *name;
      GtkWidget *button;

      if (group->region == NULL || !g_hash_table_add (seen, group->region))
        continue;

      name = atlas_money_country_name (group->region);
      button = gtk_check_button_new_with_label (name != NULL ? name : group->region);
      g_object_set_data_full (G_OBJECT (button), "atlas-region", g_strdup (group->region), g_free);
      g_signal_connect (button, "toggled", G_CALLBACK (region_toggled_cb), self);
      gtk_box_append (self->box, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self),
                          g_hash_table_size (seen) > 1 && chart_draws (self->view, result));
  atlas_region_toggles_sync (self);
}

AtlasChartView *
atlas_region_toggles_get_chart_view (AtlasRegionToggles *self)
{
  g_return_val_if_fail (ATLAS_IS_REGION_TOGGLES (self), NULL);

  return self->view;
}

void
atlas_region_toggles_set_chart_view (AtlasRegionToggles *self,
                                     AtlasChartView     *view)
{
  g_return_if_fail (ATLAS_IS_REGION_TOGGLES (self));
  g_return_if_fail (view == NULL || ATLAS_IS_CHART_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_swapped (view, "notify::result",
                                G_CALLBACK (atlas_region_toggles_rebuild), self);
      g_signal_connect_swapped (view, "notify::hidden-regions",
                                G_CALLBACK (atlas_region_toggles_sync), self);
    }

  atlas_region_toggles_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_VIEW]);
}

GtkWidget *
atlas_region_toggles_new (AtlasChartView *view)
{
  return g_object_new (ATLAS_TYPE_REGION_TOGGLES, "chart-view", view, NULL);
}

static void
atlas_region_toggles_dispose (GObject *object)
{
  AtlasRegionToggles *self = ATLAS_REGION_TOGGLES (object);

  atlas_region_toggles_set_chart_view (self, NULL);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (atlas_region_toggles_parent_class)->dispose (object);
}

static void
atlas_region_toggles_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasRegionToggles *self = ATLAS_REGION_TOGGLES (object);

  switch (prop_id)
    {
    case PROP_CHART_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_region_toggles_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasRegionToggles *self = ATLAS_REGION_TOGGLES (object);

  switch (prop_id)
    {
    case PROP_CHART_VIEW:
      atlas_region_toggles_set_chart_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_region_toggles_class_init (AtlasRegionTogglesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_region_toggles_dispose;
  object_class->get_property = atlas_region_toggles_get_property;
  object_class->set_property = atlas_region_toggles_set_property;

  properties[PROP_CHART_VIEW] =
    g_param_spec_object ("chart-view", NULL, NULL, ATLAS_TYPE_CHART_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-region-toggles");
}

static void
atlas_region_toggles_init (AtlasRegionToggles *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->box));

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->button), _("Regions"));
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->button), FALSE);
  gtk_widget_set_tooltip_text (self->button, _("Show or hide regions in this chart"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

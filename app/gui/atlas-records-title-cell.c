/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-title-cell.c: see the header. */
#include "config.h"

#include "atlas-records-title-cell.h"

struct _AtlasRecordsTitleCell
{
  GtkBox           parent_instance;

  GtkWidget       *badge;
  GtkWidget       *title;
  GtkWidget       *below;

  AtlasRecordItem *item;
  GBinding        *bindings[3];
};

G_DEFINE_FINAL_TYPE (AtlasRecordsTitleCell, atlas_records_title_cell, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
atlas_records_cell_query_tooltip (GtkLabel        *label,
                                  GtkTooltip      *tooltip,
                                  AtlasRecordItem *item,
                                  gboolean         company)
{
  g_autofree char *company_tooltip = NULL;
  gboolean cut;

  g_return_val_if_fail (GTK_IS_LABEL (label), FALSE);
  g_return_val_if_fail (item == NULL || ATLAS_IS_RECORD_ITEM (item), FALSE);

  cut = pango_layout_is_ellipsized (gtk_label_get_layout (label));
  if (item != NULL && company)
    g_object_get (item, "company-tooltip", &company_tooltip, NULL);
  if (cut && company_tooltip != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", gtk_label_get_text (label),
                                               company_tooltip);
      gtk_tooltip_set_text (tooltip, text);
    }
  else if (cut || company_tooltip != NULL)
    gtk_tooltip_set_text (tooltip, cut ? gtk_label_get_text (label) : company_tooltip);
  else
    return FALSE;
  return TRUE;
}

void
atlas_records_cell_describe_company (GtkWidget       *label,
                                     AtlasRecordItem *item)
{
  g_autofree char *own = NULL;

  g_return_if_fail (GTK_IS_WIDGET (label));
  g_return_if_fail (ATLAS_IS_RECORD_ITEM (item));

  g_object_get (item, "company-tooltip", &own, NULL);
  if (own != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    own, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The title's tooltip is the whole title when it is cut; the line beneath
 * it also has the company's own spelling. */
static gboolean
query_tooltip_cb (GtkLabel              *label,
                  int                    x,
                  int                    y,
                  gboolean               keyboard,
                  GtkTooltip            *tooltip,
                  AtlasRecordsTitleCell *self)
{
  return atlas_records_cell_query_tooltip (label, tooltip, self->item,
                                           GTK_WIDGET (label) == self->below);
}

static gboolean
badge_visible (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text != NULL && text[0] != '\0');
  return TRUE;
}

/* The badge's colour says which it is. */
static void
badge_changed_cb (AtlasRecordsTitleCell *self)
{
  const AtlasRecordRow *row = atlas_record_item_get_row (self->item);

  gtk_widget_remove_css_class (self->badge, "figure");
  gtk_widget_remove_css_class (self->badge, "excluded");
  if (row != NULL && row->is_figure)
    gtk_widget_add_css_class (self->badge, "figure");
  else if (row != NULL && row->excluded_reason != NULL)
    gtk_widget_add_css_class (self->badge, "excluded");
}

/* Beneath a narrow page's title: the company, or the source of a row
 * without one (most published figures). */
static void
below_changed_cb (AtlasRecordsTitleCell *self)
{
  g_autofree char *company = NULL;
  g_autofree char *source = NULL;

  g_object_get (self->item, "company", &company, "source", &source, NULL);
  gtk_label_set_text (GTK_LABEL (self->below),
                      company != NULL && company[0] != '\0' ? company : source);
  atlas_records_cell_describe_company (self->below, self->item);
}

void
atlas_records_title_cell_bind (AtlasRecordsTitleCell *self,
                               AtlasRecordItem       *item)
{
  g_return_if_fail (ATLAS_IS_RECORDS_TITLE_CELL (self));
  g_return_if_fail (item == NULL || ATLAS_IS_RECORD_ITEM (item));

  if (self->item == item)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->bindings); i++)
    g_clear_pointer (&self->bindings[i], g_binding_unbind);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  self->bindings[0] = g_object_bind_property (item, "title", self->title, "label",
                                              G_BINDING_SYNC_CREATE);
  self->bindings[1] = g_object_bind_property (item, "badge", self->badge, "label",
                                              G_BINDING_SYNC_CREATE);
  self->bindings[2] = g_object_bind_property_full (item, "badge", self->badge, "visible",
                                                   G_BINDING_SYNC_CREATE, badge_visible,
                                                   NULL, NULL, NULL);
  g_signal_connect_object (item, "notify::badge", G_CALLBACK (badge_changed_cb), self,
                           G_CONNECT_SWAPPED);
  badge_changed_cb (self);
  /* All of an item's texts notify together, when its page arrives. */
  g_signal_connect_object (item, "notify::company", G_CALLBACK (below_changed_cb), self,
                           G_CONNECT_SWAPPED);
  below_changed_cb (self);
}

void
atlas_records_title_cell_set_narrow (AtlasRecordsTitleCell *self,
                                     gboolean               narrow)
{
  g_return_if_fail (ATLAS_IS_RECORDS_TITLE_CELL (self));

  narrow = !!narrow;
  if (gtk_widget_get_visible (self->below) == narrow)
    return;
  gtk_widget_set_visible (self->below, narrow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

gboolean
atlas_records_title_cell_get_narrow (AtlasRecordsTitleCell *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_TITLE_CELL (self), FALSE);

  return gtk_widget_get_visible (self->below);
}

static void
atlas_records_title_cell_dispose (GObject *object)
{
  atlas_records_title_cell_bind (ATLAS_RECORDS_TITLE_CELL (object), NULL);

  G_OBJECT_CLASS (atlas_records_title_cell_parent_class)->dispose (object);
}

static void
atlas_records_title_cell_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AtlasRecordsTitleCell *self = ATLAS_RECORDS_TITLE_CELL (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, atlas_records_title_cell_get_narrow (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_records_title_cell_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AtlasRecordsTitleCell *self = ATLAS_RECORDS_TITLE_CELL (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      atlas_records_title_cell_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_records_title_cell_class_init (AtlasRecordsTitleCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_records_title_cell_dispose;
  object_class->get_property = atlas_records_title_cell_get_property;
  object_class->set_property = atlas_records_title_cell_set_property;

  /* The company or source beneath the title: a narrow page has no column
   * for them. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Built in code, not a template: there is one per visible row, and
 * scrolling makes them. */
static void
atlas_records_title_cell_init (AtlasRecordsTitleCell *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->badge, "atlas-badge");
  gtk_widget_set_visible (self->badge, FALSE);
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), self->badge);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (self->title, TRUE);
  g_signal_connect (self->title, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  /* When the columns do not all get what their text asks for, GTK gives
   * the width left to those that ask least first: the title, which asks
   * most, needs a minimum of its own to be read where many columns show
   * (style.css: .wide .records-title). Not in a narrow page: there the
   * minimum of the three columns made the view wider than 360 px, and the
   * title gets what company and pay leave anyway. */
  gtk_widget_add_css_class (self->title, "records-title");
  gtk_box_append (GTK_BOX (line), self->title);
  gtk_box_append (GTK_BOX (self), line);

  self->below = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->below), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (self->below), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->below, "dim-label");
  gtk_widget_add_css_class (self->below, "caption");
  gtk_widget_set_visible (self->below, FALSE);
  gtk_widget_set_has_tooltip (self->below, TRUE);
  g_signal_connect (self->below, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_box_append (GTK_BOX (self), self->below);
}

GtkWidget *
atlas_records_title_cell_new (void)
{
  return g_object_new (ATLAS_TYPE_RECORDS_TITLE_CELL, NULL);
}

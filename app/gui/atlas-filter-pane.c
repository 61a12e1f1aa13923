/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-filter-pane.c: the filter controls. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-filter-pane.h"
#include "atlas-money.h"
#include "atlas-wrap-labels.h"

struct _AtlasFilterPane
{
  GtkWidget            parent_instance;

  GtkBox              *box;
  AdwComboRow         *role_row;
  GtkSearchEntry      *title_entry;
  AdwPreferencesGroup *regions_group;
  AdwExpanderRow      *more_regions_row;
  GtkToggleButton     *level_en;
  GtkToggleButton     *level_mi;
  GtkToggleButton     *level_se;
  GtkToggleButton     *level_ex;
  GtkSpinButton       *year_from;
  GtkSpinButton       *year_to;
  GtkAdjustment       *year_from_adjustment;
  GtkAdjustment       *year_to_adjustment;
  GtkEntry            *company_entry;
  GtkLabel            *factor_label;

  GtkStringList       *families;
  GHashTable          *region_checks;  /* code -> GtkCheckButton (borrowed) */
  GPtrArray           *region_rows;    /* AdwActionRow (borrowed), with their parent */
  /* The regions of "More Regions" until it is first expanded: their rows
   * are made then (see atlas_filter_pane_add_region). */
  GPtrArray           *pending_regions; /* PendingRegion, in the order added */
  gboolean             more_regions_made;
  GtkListStore        *companies;
  char                *company;        /* the committed company filter */

  guint                updating;
  gboolean             changed_while_updating;

  /* The pane shows the session's filter and edits go to it; while the
   * session's catalog is applied, the controls' changes are not edits. */
  AtlasSession        *session;
  gboolean             following;
};

G_DEFINE_FINAL_TYPE (AtlasFilterPane, atlas_filter_pane, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The regions that get rows of their own above "More Regions". */
static const char * const main_regions[] = { "US", "IN" };

/* A region of "More Regions" whose row is not made yet. */
typedef struct
{
  char     *code;
  gint64    n;
  gint64    n_figures;
  gboolean  selected;
} PendingRegion;

static void
pending_region_free (gpointer data)
{
  PendingRegion *pending = data;

  g_free (pending->code);
  g_free (pending);
}

static PendingRegion *
find_pending_region (AtlasFilterPane *self,
                     const char      *code)
{
  for (guint i = 0; i < self->pending_regions->len; i++)
    {
      PendingRegion *pending = g_ptr_array_index (self->pending_regions, i);

      if (g_strcmp0 (pending->code, code) == 0)
        return pending;
    }

  return NULL;
}

GtkWidget *
atlas_filter_pane_new (void)
{
  return g_object_new (ATLAS_TYPE_FILTER_PANE, NULL);
}

static void
atlas_filter_pane_emit_changed (AtlasFilterPane *self)
{
  if (self->updating > 0)
    {
      self->changed_while_updating = TRUE;
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
atlas_filter_pane_begin_update (AtlasFilterPane *self)
{
  self->updating++;
}

static void
atlas_filter_pane_end_update (AtlasFilterPane *self)
{
  g_assert (self->updating > 0);

  if (--self->updating == 0 && self->changed_while_updating)
    {
      self->changed_while_updating = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
control_changed_cb (AtlasFilterPane *self)
{
  atlas_filter_pane_emit_changed (self);
}

static void
role_changed_cb (AtlasFilterPane *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);
  const char *role = NULL;

  if (self->families != NULL && selected != GTK_INVALID_LIST_POSITION)
    role = gtk_string_list_get_string (self->families, selected);

  /* Long role names may still be ellipsized in a narrow pane. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->role_row), role);
  atlas_filter_pane_emit_changed (self);
}

static void
atlas_filter_pane_commit_company (AtlasFilterPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->company_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *value = *stripped != '\0' ? stripped : NULL;

  gtk_entry_set_icon_from_icon_name (self->company_entry, GTK_ENTRY_ICON_SECONDARY,
                                     *text != '\0' ? "edit-clear-symbolic" : NULL);

  if (g_strcmp0 (self->company, value) == 0)
    return;

  g_free (self->company);
  self->company = g_strdup (value);
  atlas_filter_pane_emit_changed (self);
}

static void
company_activate_cb (AtlasFilterPane *self,
                     GtkEntry        *entry)
{
  atlas_filter_pane_commit_company (self);
}

static void
company_icon_release_cb (AtlasFilterPane      *self,
                         GtkEntryIconPosition  position,
                         GtkEntry             *entry)
{
  if (position == GTK_ENTRY_ICON_SECONDARY)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
company_text_changed_cb (AtlasFilterPane *self,
                         GtkEditable     *editable)
{
  const char *text = gtk_editable_get_text (editable);

  gtk_entry_set_icon_from_icon_name (self->company_entry, GTK_ENTRY_ICON_SECONDARY,
                                     *text != '\0' ? "edit-clear-symbolic" : NULL);

  /* Clearing the entry removes the filter at once; typing waits for Enter
   * or a choice from the completion. */
  if (*text == '\0')
    atlas_filter_pane_commit_company (self);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static gboolean
company_match_selected_cb (AtlasFilterPane    *self,
                           GtkTreeModel       *model,
                           GtkTreeIter        *iter,
                           GtkEntryCompletion *completion)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->company_entry), name);
  gtk_editable_set_position (GTK_EDITABLE (self->company_entry), -1);
  atlas_filter_pane_commit_company (self);

  return TRUE;
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* The completion is attached when the entry first takes the focus (before
 * the first key). Attached with the pane, its popover was realized at the
 * entry's first allocation: a surface and a GL renderer of its own in the
 * window's first frame with data. */
static void
company_focus_enter_cb (AtlasFilterPane         *self,
                        GtkEventControllerFocus *controller)
{
  GtkEntryCompletion *completion;

  g_signal_handlers_disconnect_by_func (controller, company_focus_enter_cb, self);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->companies));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_completion (completion, TRUE);
  g_signal_connect_object (completion, "match-selected",
                           G_CALLBACK (company_match_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_entry_set_completion (self->company_entry, completion);
  g_object_unref (completion);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
atlas_filter_pane_update_more_regions (AtlasFilterPane *self)
{
  guint n_more = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->region_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value) &&
        !g_strv_contains ((const char * const *) main_regions, key))
      n_more++;
  for (guint i = 0; i < self->pending_regions->len; i++)
    n_more += ((PendingRegion *) g_ptr_array_index (self->pending_regions, i))->selected;

  if (n_more > 0)
    {
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u selected", "%u selected",
                                                                n_more), n_more);
      adw_expander_row_set_subtitle (self->more_regions_row, subtitle);
    }
  else
    adw_expander_row_set_subtitle (self->more_regions_row, "");
}

static void
region_toggled_cb (AtlasFilterPane *self,
                   GtkCheckButton  *check)
{
  atlas_filter_pane_update_more_regions (self);
  atlas_filter_pane_emit_changed (self);
}

static void
atlas_filter_pane_make_region_row (AtlasFilterPane *self,
                                   const char      *code,
                                   gint64           n,
                                   gint64           n_figures,
                                   gboolean         selected)
{
  GtkWidget *row;
  GtkWidget *check;
  const char *name = atlas_money_country_name (code);
  g_autofree char *title = NULL;

  title = g_strdup_printf ("%s (%s)", name ? name : code, code);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (n > 0)
    {
      g_autofree char *count = atlas_money_group_digits (n, FALSE);
      /* Translators: how many salary records a region has */
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s salary",
                                                                "%s salaries", n), count);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else if (n_figures > 0)
    /* Translators: a region with no salary records, only figures published by others */
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Published figures only"));

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (region_toggled_cb), self, G_CONNECT_SWAPPED);
  atlas_wrap_labels_limit (row);

  g_object_set_data_full (G_OBJECT (row), "atlas-region", g_strdup (code), g_free);
  g_hash_table_insert (self->region_checks, g_strdup (code), check);
  g_ptr_array_add (self->region_rows, row);

  if (g_strv_contains ((const char * const *) main_regions, code))
    {
      /* Keep the main regions above "More Regions", in their fixed order. */
      adw_preferences_group_remove (self->regions_group, GTK_WIDGET (self->more_regions_row));
      adw_preferences_group_add (self->regions_group, row);
      adw_preferences_group_add (self->regions_group, GTK_WIDGET (self->more_regions_row));
    }
  else
    adw_expander_row_add_row (self->more_regions_row, row);
}

/* A row per region, made when needed: the rows of "More Regions" (every
 * country of the data, a hundred or more) only when it is first expanded.
 * Made at once, they were most of the work of the window's first frame
 * with data: an AdwActionRow with a check button each, and collapsed as
 * they are, GtkRevealer still measures them, shaping every title and
 * subtitle (1M aijobs records, 94 countries: ~40 % of the main thread's
 * time from the loading frame to the first frame with data). */
static void
atlas_filter_pane_add_region (AtlasFilterPane *self,
                              const char      *code,
                              gint64           n,
                              gint64           n_figures,
                              gboolean         selected)
{
  PendingRegion *pending;

  if (g_hash_table_contains (self->region_checks, code) ||
      find_pending_region (self, code) != NULL)
    return;

  if (self->more_regions_made || g_strv_contains ((const char * const *) main_regions, code))
    {
      atlas_filter_pane_make_region_row (self, code, n, n_figures, selected);
      return;
    }

  pending = g_new0 (PendingRegion, 1);
  pending->code = g_strdup (code);
  pending->n = n;
  pending->n_figures = n_figures;
  pending->selected = selected;
  g_ptr_array_add (self->pending_regions, pending);
}

static void
more_regions_expanded_cb (AtlasFilterPane *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  if (self->more_regions_made || !adw_expander_row_get_expanded (self->more_regions_row))
    return;

  self->more_regions_made = TRUE;
  pending = g_steal_pointer (&self->pending_regions);
  self->pending_regions = g_ptr_array_new_with_free_func (pending_region_free);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingRegion *region = g_ptr_array_index (pending, i);

      atlas_filter_pane_make_region_row (self, region->code, region->n, region->n_figures,
                                         region->selected);
    }
}

static void
atlas_filter_pane_clear_regions (AtlasFilterPane *self)
{
  for (guint i = 0; i < self->region_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->region_rows, i);
      const char *code = g_object_get_data (G_OBJECT (row), "atlas-region");

      if (g_strv_contains ((const char * const *) main_regions, code))
        adw_preferences_group_remove (self->regions_group, row);
      else
        adw_expander_row_remove (self->more_regions_row, row);
    }

  g_ptr_array_set_size (self->region_rows, 0);
  g_ptr_array_set_size (self->pending_regions, 0);
  g_hash_table_remove_all (self->region_checks);
  /* Collapsed, a new catalog's rows wait for the next expansion again. */
  self->more_regions_made = adw_expander_row_get_expanded (self->more_regions_row);
}

void
atlas_filter_pane_set_catalog (AtlasFilterPane *self,
                               AtlasCatalog    *catalog)
{
  g_autoptr(AtlasFilter) filter = NULL;
  g_autoptr(GStrvBuilder) families = g_strv_builder_new ();
  g_auto(GStrv) family_list = NULL;

  g_return_if_fail (ATLAS_IS_FILTER_PANE (self));
  g_return_if_fail (catalog != NULL);

  filter = atlas_filter_pane_get_filter (self);

  atlas_filter_pane_begin_update (self);

  g_strv_builder_add (families, _("All Roles"));
  g_strv_builder_addv (families, (const char **) catalog->families);
  family_list = g_strv_builder_end (families);
  g_set_object (&self->families, gtk_string_list_new ((const char * const *) family_list));
  g_object_unref (self->families);
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (self->families));

  atlas_filter_pane_clear_regions (self);
  for (guint i = 0; i < G_N_ELEMENTS (main_regions); i++)
    {
      gint64 n = 0, n_figures = 0;

      for (guint j = 0; j < catalog->countries->len; j++)
        {
          AtlasCatalogCountry *country = g_ptr_array_index (catalog->countries, j);

          if (g_strcmp0 (country->code, main_regions[i]) == 0)
            {
              n = country->n;
              n_figures = country->n_figures;
            }
        }
      atlas_filter_pane_add_region (self, main_regions[i], n, n_figures, FALSE);
    }
  for (guint i = 0; i < catalog->countries->len; i++)
    {
      AtlasCatalogCountry *country = g_ptr_array_index (catalog->countries, i);

      atlas_filter_pane_add_region (self, country->code, country->n, country->n_figures, FALSE);
    }

  if (catalog->year_min > 0 && catalog->year_max >= catalog->year_min)
    {
      gtk_adjustment_configure (self->year_from_adjustment, catalog->year_min,
                                catalog->year_min, catalog->year_max, 1, 1, 0);
      gtk_adjustment_configure (self->year_to_adjustment, catalog->year_max,
                                catalog->year_min, catalog->year_max, 1, 1, 0);
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_list_store_clear (self->companies);
  for (guint i = 0; catalog->companies[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->companies, NULL, -1, 0, catalog->companies[i], -1);
  G_GNUC_END_IGNORE_DEPRECATIONS

  atlas_filter_pane_set_filter (self, filter);

  atlas_filter_pane_end_update (self);
}

AtlasFilter *
atlas_filter_pane_get_filter (AtlasFilterPane *self)
{
  AtlasFilter *filter;
  g_autoptr(GStrvBuilder) regions = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) levels = g_strv_builder_new ();
  const char *title;
  guint selected;
  guint n_levels = 0;
  int from, to;

  g_return_val_if_fail (ATLAS_IS_FILTER_PANE (self), NULL);

  filter = atlas_filter_new ();

  /* Regions in the order of the rows: the main ones first. */
  for (guint i = 0; i < self->region_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->region_rows, i);
      const char *code = g_object_get_data (G_OBJECT (row), "atlas-region");
      GtkCheckButton *check = g_hash_table_lookup (self->region_checks, code);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (regions, code);
    }
  for (guint i = 0; i < self->pending_regions->len; i++)
    {
      PendingRegion *pending = g_ptr_array_index (self->pending_regions, i);

      if (pending->selected)
        g_strv_builder_add (regions, pending->code);
    }
  filter->regions = g_strv_builder_end (regions);

  if (gtk_toggle_button_get_active (self->level_en))
    g_strv_builder_add (levels, "EN"), n_levels++;
  if (gtk_toggle_button_get_active (self->level_mi))
    g_strv_builder_add (levels, "MI"), n_levels++;
  if (gtk_toggle_button_get_active (self->level_se))
    g_strv_builder_add (levels, "SE"), n_levels++;
  if (gtk_toggle_button_get_active (self->level_ex))
    g_strv_builder_add (levels, "EX"), n_levels++;
  /* All four levels (or none, which would match nothing) mean no filter:
   * figures without a level still count then. */
  if (n_levels > 0 && n_levels < 4)
    filter->experience = g_strv_builder_end (levels);

  selected = adw_combo_row_get_selected (self->role_row);
  if (self->families != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0)
    filter->role = g_strdup (gtk_string_list_get_string (self->families, selected));

  title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  if (title != NULL && *title != '\0')
    filter->title = g_strstrip (g_strdup (title));

  filter->company = g_strdup (self->company);

  from = gtk_spin_button_get_value_as_int (self->year_from);
  to = gtk_spin_button_get_value_as_int (self->year_to);
  if (from > gtk_adjustment_get_lower (self->year_from_adjustment))
    filter->year_from = from;
  if (to < gtk_adjustment_get_upper (self->year_to_adjustment))
    filter->year_to = to;

  return filter;
}

void
atlas_filter_pane_set_filter (AtlasFilterPane   *self,
                              const AtlasFilter *filter)
{
  GHashTableIter iter;
  gpointer key, value;
  guint role = 0;

  g_return_if_fail (ATLAS_IS_FILTER_PANE (self));
  g_return_if_fail (filter != NULL);

  atlas_filter_pane_begin_update (self);

  if (filter->regions != NULL)
    for (guint i = 0; filter->regions[i] != NULL; i++)
      atlas_filter_pane_add_region (self, filter->regions[i], 0, 0, FALSE);

  g_hash_table_iter_init (&iter, self->region_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (value, filter->regions != NULL &&
                                        g_strv_contains ((const char * const *) filter->regions, key));
  for (guint i = 0; i < self->pending_regions->len; i++)
    {
      PendingRegion *pending = g_ptr_array_index (self->pending_regions, i);

      pending->selected = filter->regions != NULL &&
                          g_strv_contains ((const char * const *) filter->regions, pending->code);
    }
  atlas_filter_pane_update_more_regions (self);

#define LEVEL(button, code) \
  gtk_toggle_button_set_active (self->button, filter->experience == NULL || \
                                g_strv_contains ((const char * const *) filter->experience, code))
  LEVEL (level_en, "EN");
  LEVEL (level_mi, "MI");
  LEVEL (level_se, "SE");
  LEVEL (level_ex, "EX");
#undef LEVEL

  if (filter->role != NULL && self->families != NULL)
    for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->families)); i++)
      if (g_strcmp0 (gtk_string_list_get_string (self->families, i), filter->role) == 0)
        role = i;
  adw_combo_row_set_selected (self->role_row, role);

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), filter->title ? filter->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->company_entry), filter->company ? filter->company : "");
  atlas_filter_pane_commit_company (self);

  gtk_spin_button_set_value (self->year_from,
                             filter->year_from > 0 ? filter->year_from
                                                   : gtk_adjustment_get_lower (self->year_from_adjustment));
  gtk_spin_button_set_value (self->year_to,
                             filter->year_to > 0 ? filter->year_to
                                                 : gtk_adjustment_get_upper (self->year_to_adjustment));

  /* Setting the controls may not have changed any of them. */
  self->changed_while_updating = TRUE;
  atlas_filter_pane_end_update (self);
}

void
atlas_filter_pane_set_region (AtlasFilterPane *self,
                              const char      *code,
                              gboolean         selected)
{
  GtkCheckButton *check;

  g_return_if_fail (ATLAS_IS_FILTER_PANE (self));
  g_return_if_fail (code != NULL);

  atlas_filter_pane_add_region (self, code, 0, 0, FALSE);
  check = g_hash_table_lookup (self->region_checks, code);
  if (check != NULL)
    gtk_check_button_set_active (check, selected);
  else
    {
      PendingRegion *pending = find_pending_region (self, code);

      if (pending != NULL && pending->selected != selected)
        {
          pending->selected = selected;
          atlas_filter_pane_update_more_regions (self);
          atlas_filter_pane_emit_changed (self);
        }
    }
}

gboolean
atlas_filter_pane_get_region (AtlasFilterPane *self,
                              const char      *code)
{
  GtkCheckButton *check;
  PendingRegion *pending;

  g_return_val_if_fail (ATLAS_IS_FILTER_PANE (self), FALSE);

  check = g_hash_table_lookup (self->region_checks, code);
  if (check != NULL)
    return gtk_check_button_get_active (check);
  pending = find_pending_region (self, code);

  return pending != NULL && pending->selected;
}

void
atlas_filter_pane_set_factor_text (AtlasFilterPane *self,
                                   const char      *text)
{
  g_return_if_fail (ATLAS_IS_FILTER_PANE (self));

  gtk_label_set_text (self->factor_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->factor_label), text != NULL && *text != '\0');
}

static void
session_basis_cb (AtlasFilterPane *self)
{
  AtlasSession *session = self->session;
  g_autofree char *basis = atlas_session_describe_basis (session);

  if (basis != NULL)
    atlas_filter_pane_set_factor_text (self, basis);
  else if (atlas_session_get_currency_mode (session) == ATLAS_CURRENCY_MODE_LOCAL)
    atlas_filter_pane_set_factor_text (self,
                                       _("Each region in its own currency: amounts of different regions are not comparable."));
  else
    atlas_filter_pane_set_factor_text (self, _("No conversion factor for this selection."));
}

static void
session_catalog_cb (AtlasFilterPane *self)
{
  AtlasCatalog *catalog = atlas_session_get_catalog (self->session);

  if (catalog == NULL)
    return;

  self->following = TRUE;
  atlas_filter_pane_set_catalog (self, catalog);
  self->following = FALSE;
  session_basis_cb (self);
}

static void
session_filter_cb (AtlasFilterPane *self)
{
  const AtlasFilter *filter = atlas_session_get_filter (self->session);
  g_autoptr(AtlasFilter) shown = atlas_filter_pane_get_filter (self);

  /* Most changes come from the pane itself: the controls already say it,
   * and setting them again would move the cursor of an entry being typed
   * in. Others (a click on a chart, Reset) set them; the controls may say
   * it their way (a role the catalog lacks), which goes back to the
   * session, and the session ignores an equal filter. */
  if (filter != NULL && !atlas_session_filter_equal (filter, shown))
    atlas_filter_pane_set_filter (self, filter);
  session_basis_cb (self);
}

static void
pane_changed_cb (AtlasFilterPane *self)
{
  g_autoptr(AtlasFilter) filter = NULL;

  if (self->following || atlas_session_get_catalog (self->session) == NULL ||
      atlas_session_get_filter (self->session) == NULL)
    return;

  filter = atlas_filter_pane_get_filter (self);
  atlas_session_set_filter (self->session, filter);
}

void
atlas_filter_pane_set_session (AtlasFilterPane *self,
                               AtlasSession    *session)
{
  g_return_if_fail (ATLAS_IS_FILTER_PANE (self));
  g_return_if_fail (ATLAS_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::catalog", G_CALLBACK (session_catalog_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::filter", G_CALLBACK (session_filter_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::currency-mode", G_CALLBACK (session_basis_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "changed", G_CALLBACK (pane_changed_cb), NULL);

  session_catalog_cb (self);
  session_filter_cb (self);
}

void
atlas_filter_pane_focus_search (AtlasFilterPane *self)
{
  g_return_if_fail (ATLAS_IS_FILTER_PANE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

static void
atlas_filter_pane_dispose (GObject *object)
{
  AtlasFilterPane *self = ATLAS_FILTER_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_FILTER_PANE);
  g_clear_object (&self->families);
  g_clear_object (&self->companies);
  g_clear_pointer (&self->region_checks, g_hash_table_unref);
  g_clear_pointer (&self->region_rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending_regions, g_ptr_array_unref);
  g_clear_pointer (&self->company, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (atlas_filter_pane_parent_class)->dispose (object);
}

static void
atlas_filter_pane_class_init (AtlasFilterPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_filter_pane_dispose;

  /**
   * AtlasFilterPane::changed:
   *
   * The filter changed; read it with atlas_filter_pane_get_filter().
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-filter-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, role_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, title_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, regions_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, more_regions_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, level_en);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, level_mi);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, level_se);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, level_ex);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, year_from);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, year_to);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, year_from_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, year_to_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, company_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasFilterPane, factor_label);
  gtk_widget_class_bind_template_callback (widget_class, control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, company_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, company_icon_release_cb);
  gtk_widget_class_bind_template_callback (widget_class, company_text_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-filter-pane");
}

static void
atlas_filter_pane_init (AtlasFilterPane *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
  atlas_wrap_labels_limit (GTK_WIDGET (self));

  self->region_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->region_rows = g_ptr_array_new ();
  self->pending_regions = g_ptr_array_new_with_free_func (pending_region_free);
  g_signal_connect_object (self->more_regions_row, "notify::expanded",
                           G_CALLBACK (more_regions_expanded_cb), self, G_CONNECT_SWAPPED);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->companies = gtk_list_store_new (1, G_TYPE_STRING);
  G_GNUC_END_IGNORE_DEPRECATIONS
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (company_focus_enter_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->company_entry), focus);

  atlas_filter_pane_set_factor_text (self, NULL);
}

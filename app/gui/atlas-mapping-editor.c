/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-mapping-editor.c: a combo row per field the generic importer reads,
 * offering the file's columns; entry rows for values the whole file shares
 * (a country, a currency, a year); the licence of the data.  Above them the
 * first rows of the file, with the field each column feeds under its name,
 * so that a wrong choice shows at once.  The editor only writes a mapping
 * file's text: the core reads and checks it (atlas-import-mapped.c), and
 * the import uses it exactly as `salary-atlas import --format csv --map`. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-mapping-editor.h"

/* Rows of the file shown. */
#define PREVIEW_ROWS 5

typedef struct
{
  const char *key;          /* the mapping key (atlas-import.h) */
  const char *label;
  const char *subtitle;
} Field;

static const Field fields[] = {
  { "title", N_("Job title"), NULL },
  { "company", N_("Company"), NULL },
  { "amount", N_("Pay"), N_("A number; “$85,000” is read too") },
  { "currency", N_("Currency"), N_("An ISO code such as USD or INR") },
  { "amount_unit", N_("Pay period"), N_("year, month, week or hour") },
  { "country", N_("Country"), N_("An ISO code such as US or IN") },
  { "city", N_("City"), NULL },
  { "year", N_("Year"), NULL },
  { "date", N_("Date"), N_("YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY") },
  { "experience", N_("Level"), N_("EN, MI, SE, EX or entry, mid, senior, executive") },
  { "years", N_("Years of experience"), NULL },
  { "employment_type", N_("Employment type"), NULL },
};

/* Values for the whole file: the importer's [constants]. */
static const Field constants[] = {
  { "country", N_("Country of every row"), N_("Where a row names none: an ISO code such as US or IN") },
  { "currency", N_("Currency of every row"), N_("Where a row names none: USD, INR…") },
  { "year", N_("Year of every row"), N_("Where a row has no year or date") },
};

static const char * const periods[] = { NULL, "year", "month", "week", "hour" };

struct _AtlasMappingEditor
{
  AdwBin        parent_instance;

  GtkGrid      *grid;
  GtkWidget    *field_rows[G_N_ELEMENTS (fields)];
  GtkWidget    *constant_rows[G_N_ELEMENTS (constants)];
  GtkWidget    *period_row;
  GtkWidget    *licence_row;
  GtkWidget    *attribution_row;
  GtkWidget   **mapped_labels;      /* under each column of the preview */
  GStrv         columns;            /* the header as written */
  guint         n_columns;
};

G_DEFINE_FINAL_TYPE (AtlasMappingEditor, atlas_mapping_editor, ADW_TYPE_BIN)

/* The column (0-based) a field's row picks, or -1. */
static int
field_column (AtlasMappingEditor *self,
              guint               field)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->field_rows[field]));

  return selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;
}

static void
update_mapped_labels (AtlasMappingEditor *self)
{
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (field_column (self, f) == (int) c)
          {
            if (text->len > 0)
              g_string_append (text, ", ");
            g_string_append (text, _(fields[f].label));
          }
      /* Translators: under a column of the preview that no field reads */
      gtk_label_set_text (GTK_LABEL (self->mapped_labels[c]), text->len > 0 ? text->str : _("not read"));
      if (text->len > 0)
        gtk_widget_remove_css_class (self->mapped_labels[c], "dim-label");
      else
        gtk_widget_add_css_class (self->mapped_labels[c], "dim-label");
    }
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  /* The preview scrolls sideways: a cell keeps enough to be read. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 14));
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

void
atlas_mapping_editor_set_preview (AtlasMappingEditor       *self,
                                  const AtlasImportPreview *preview)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *child;
  gboolean used[G_N_ELEMENTS (fields)] = { FALSE };

  g_return_if_fail (ATLAS_IS_MAPPING_EDITOR (self));
  g_return_if_fail (preview != NULL && preview->header != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_clear_pointer (&self->mapped_labels, g_free);
  g_clear_pointer (&self->columns, g_strfreev);

  self->columns = g_strdupv (preview->columns);
  self->n_columns = g_strv_length (preview->header);
  self->mapped_labels = g_new0 (GtkWidget *, self->n_columns);

  /* Translators: in the list of a file's columns, for a field it lacks */
  gtk_string_list_append (model, _("Not in the file"));
  for (guint c = 0; c < self->n_columns; c++)
    {
      gtk_string_list_append (model, preview->header[c]);
      gtk_grid_attach (self->grid, cell_label (preview->header[c], TRUE), c, 0, 1, 1);
      self->mapped_labels[c] = cell_label ("", FALSE);
      gtk_widget_add_css_class (self->mapped_labels[c], "accent");
      gtk_widget_add_css_class (self->mapped_labels[c], "caption");
      gtk_grid_attach (self->grid, self->mapped_labels[c], c, 1, 1, 1);
    }
  for (guint r = 0; r < preview->rows->len && r < PREVIEW_ROWS; r++)
    {
      GStrv row = g_ptr_array_index (preview->rows, r);

      for (guint c = 0; row[c] != NULL && c < self->n_columns; c++)
        gtk_grid_attach (self->grid, cell_label (row[c], FALSE), c, r + 2, 1, 1);
    }

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      guint selected = 0;

      /* A column whose name says what it holds is chosen for it. */
      for (guint c = 0; c < self->n_columns && selected == 0; c++)
        if (g_strcmp0 (atlas_import_guess_key (self->columns[c]), fields[f].key) == 0 && !used[f])
          selected = c + 1;
      used[f] = selected != 0;

      g_signal_handlers_block_by_func (self->field_rows[f], update_mapped_labels, self);
      adw_combo_row_set_model (ADW_COMBO_ROW (self->field_rows[f]), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->field_rows[f]), selected);
      g_signal_handlers_unblock_by_func (self->field_rows[f], update_mapped_labels, self);
    }

  update_mapped_labels (self);
}

void
atlas_mapping_editor_focus_first (AtlasMappingEditor *self)
{
  g_return_if_fail (ATLAS_IS_MAPPING_EDITOR (self));

  gtk_widget_grab_focus (self->field_rows[0]);
}

static const char *
entry_text (GtkWidget *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  while (text != NULL && g_ascii_isspace (*text))
    text++;
  return text != NULL && *text != '\0' ? text : NULL;
}

char *
atlas_mapping_editor_build (AtlasMappingEditor  *self,
                            GError             **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  gboolean have[G_N_ELEMENTS (fields)] = { FALSE };
  guint period;
  const char *text;

  g_return_val_if_fail (ATLAS_IS_MAPPING_EDITOR (self), NULL);

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      int c = field_column (self, f);

      if (c < 0 || self->columns == NULL || (guint) c >= self->n_columns)
        continue;
      g_key_file_set_string (keyfile, "columns", fields[f].key, self->columns[c]);
      have[f] = TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (constants); i++)
    if ((text = entry_text (self->constant_rows[i])) != NULL)
      {
        g_key_file_set_string (keyfile, "constants", constants[i].key, text);
        for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
          if (g_str_equal (fields[f].key, constants[i].key))
            have[f] = TRUE;
      }

  period = adw_combo_row_get_selected (ADW_COMBO_ROW (self->period_row));
  if (period > 0 && period < G_N_ELEMENTS (periods))
    g_key_file_set_string (keyfile, "constants", "amount_unit", periods[period]);

  if ((text = entry_text (self->licence_row)) != NULL)
    g_key_file_set_string (keyfile, "source", "licence", text);
  if ((text = entry_text (self->attribution_row)) != NULL)
    g_key_file_set_string (keyfile, "source", "attribution", text);

  /* What the importer needs, said in the dialog's words (its own messages
   * speak of mapping files). */
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      const char *key = fields[f].key;

      if (have[f] || !(g_str_equal (key, "title") || g_str_equal (key, "amount") ||
                       g_str_equal (key, "currency") || g_str_equal (key, "country")))
        continue;
      /* Translators: %s is a field of the mapping dialog, such as “Pay” */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Choose the column that holds “%s”, or give a value for every row"),
                   _(fields[f].label));
      return NULL;
    }
  if (!have[7] && !have[8])
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Choose the column that holds the year or the date, or give a "
                             "year for every row"));
      return NULL;
    }

  return g_key_file_to_data (keyfile, NULL, NULL);
}

static GtkWidget *
add_group (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
add_entry_row (GtkWidget  *group,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
atlas_mapping_editor_dispose (GObject *object)
{
  AtlasMappingEditor *self = ATLAS_MAPPING_EDITOR (object);

  g_clear_pointer (&self->mapped_labels, g_free);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (atlas_mapping_editor_parent_class)->dispose (object);
}

static void
atlas_mapping_editor_class_init (AtlasMappingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_mapping_editor_dispose;
}

static void
atlas_mapping_editor_init (AtlasMappingEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group;
  GtkWidget *scrolled;
  g_autoptr(GtkStringList) period_model = NULL;

  adw_bin_set_child (ADW_BIN (self), page);

  group = add_group (page, _("First Rows"),
                     _("No known format reads this file: say which column holds what."));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_widget_add_css_class (scrolled, "card");
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("First rows of the file"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scrolled);

  group = add_group (page, _("Columns"),
                     _("Pay, a job title, a currency, a country and a year or date are needed."));
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[f].label));
      if (fields[f].subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(fields[f].subtitle));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_mapped_labels), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->field_rows[f] = row;
    }

  group = add_group (page, _("Same for Every Row"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (constants); i++)
    self->constant_rows[i] = add_entry_row (group, _(constants[i].label));
  period_model = gtk_string_list_new (NULL);
  /* Translators: the pay period of every row is not given */
  gtk_string_list_append (period_model, _("Not given (per year)"));
  gtk_string_list_append (period_model, _("Per year"));
  gtk_string_list_append (period_model, _("Per month"));
  gtk_string_list_append (period_model, _("Per week"));
  gtk_string_list_append (period_model, _("Per hour"));
  self->period_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->period_row), _("Pay period of every row"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->period_row), G_LIST_MODEL (period_model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->period_row);

  group = add_group (page, _("Source"),
                     _("Every figure names its source: say under which terms the data may be "
                       "used and where it comes from."));
  self->licence_row = add_entry_row (group, _("Licence"));
  self->attribution_row = add_entry_row (group, _("Attribution"));
}

GtkWidget *
atlas_mapping_editor_new (void)
{
  return g_object_new (ATLAS_TYPE_MAPPING_EDITOR, NULL);
}

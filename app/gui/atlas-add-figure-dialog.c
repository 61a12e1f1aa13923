/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-add-figure-dialog.c: see the header. The form is built in code:
 * each field is an entry row followed by a row that holds its error, so
 * that the error reads right under the field, also at 360 px. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-add-figure-dialog.h"
#include "atlas-curation-async.h"
#include "atlas-curation-ui.h"

struct _AtlasAddFigureDialog
{
  AdwWindow     parent_instance;

  AtlasSession *session;
  GtkWidget    *add_button;
  AdwComboRow  *kind;
  AdwComboRow  *experience;
  AdwEntryRow  *low;      /* the range's two ends; errors under the high end */
  AdwEntryRow  *high;
  /* Per field: the row whose error it is, the row that shows it, its label. */
  GtkWidget    *rows[ATLAS_ADDITION_N_FIELDS];
  GtkWidget    *error_rows[ATLAS_ADDITION_N_FIELDS];
  GtkLabel     *error_labels[ATLAS_ADDITION_N_FIELDS];
  gboolean      show_errors;   /* after the first Add */
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (AtlasAddFigureDialog, atlas_add_figure_dialog, ADW_TYPE_WINDOW)

static const char * const experience_codes[] = { NULL, "EN", "MI", "SE", "EX" };

static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
field_text (AtlasAddFigureDialog *self,
            AtlasAdditionField    field)
{
  return row_text (ADW_ENTRY_ROW (self->rows[field]));
}

/* ISO codes: "in" is IN. */
static char *
upper_text (AtlasAddFigureDialog *self,
            AtlasAdditionField    field)
{
  g_autofree char *text = field_text (self, field);

  return text != NULL ? g_ascii_strup (text, -1) : NULL;
}

/* A number as people write it: "24,00,000" or "185 000" or "1.2e6"; NAN
 * when empty, -1 (which every check refuses) when it is not a number. */
static double
parse_amount (AdwEntryRow *row)
{
  g_autofree char *text = row_text (row);
  g_autoptr(GString) digits = g_string_new (NULL);
  char *end = NULL;
  double value;

  if (text == NULL)
    return NAN;
  for (const char *p = text; *p != '\0'; p++)
    if (*p != ',' && *p != ' ' && *p != '_')
      g_string_append_c (digits, *p);
  value = g_ascii_strtod (digits->str, &end);
  if (end == digits->str || *end != '\0' || !isfinite (value))
    return -1;
  return value;
}

static AtlasAddition *
read_form (AtlasAddFigureDialog *self)
{
  AtlasAddition *a = atlas_addition_new ();
  g_autofree char *year = field_text (self, ATLAS_ADDITION_FIELD_YEAR);
  guint experience = adw_combo_row_get_selected (self->experience);
  guint64 year_value = 0;

  a->kind = adw_combo_row_get_selected (self->kind) == 1 ? ATLAS_ADDITION_FIGURE
                                                         : ATLAS_ADDITION_POSTING;
  a->title = field_text (self, ATLAS_ADDITION_FIELD_TITLE);
  a->company = field_text (self, ATLAS_ADDITION_FIELD_COMPANY);
  a->country = upper_text (self, ATLAS_ADDITION_FIELD_COUNTRY);
  a->currency = upper_text (self, ATLAS_ADDITION_FIELD_CURRENCY);
  if (experience < G_N_ELEMENTS (experience_codes) && experience_codes[experience] != NULL)
    a->experience = g_strdup (experience_codes[experience]);
  a->amount = parse_amount (ADW_ENTRY_ROW (self->rows[ATLAS_ADDITION_FIELD_AMOUNT]));
  a->amount_low = parse_amount (self->low);
  a->amount_high = parse_amount (self->high);
  if (year == NULL || !g_ascii_string_to_unsigned (year, 10, 0, 9999, &year_value, NULL))
    year_value = 0;
  a->year = (int) year_value;
  a->publisher = field_text (self, ATLAS_ADDITION_FIELD_PUBLISHER);
  a->reference = field_text (self, ATLAS_ADDITION_FIELD_REFERENCE);
  a->cited_on = field_text (self, ATLAS_ADDITION_FIELD_CITED_ON);
  return a;
}

static void
show_error (AtlasAddFigureDialog *self,
            AtlasAdditionField    field,
            const char           *message)
{
  GtkWidget *row = self->rows[field];

  if (row == NULL)
    return;
  gtk_label_set_text (self->error_labels[field], message != NULL ? message : "");
  gtk_widget_set_visible (self->error_rows[field], message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  if (field == ATLAS_ADDITION_FIELD_RANGE)
    {
      if (message != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->low), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->low), "error");
    }
}

/* Shows every field's error (without the rates: the pool judges the
 * amount's plausibility on Add); returns the first wrong field or
 * ATLAS_ADDITION_N_FIELDS. */
static AtlasAdditionField
check_form (AtlasAddFigureDialog *self)
{
  g_autoptr(AtlasAddition) a = read_form (self);
  AtlasAdditionField first = ATLAS_ADDITION_N_FIELDS;

  for (guint f = 0; f < ATLAS_ADDITION_N_FIELDS; f++)
    {
      g_autofree char *message = atlas_addition_check_field (a, f, NULL);

      if (message != NULL && first == ATLAS_ADDITION_N_FIELDS && self->rows[f] != NULL)
        first = f;
      show_error (self, f, message);
    }
  return first;
}

static void
changed_cb (AtlasAddFigureDialog *self)
{
  if (self->show_errors)
    check_form (self);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AtlasAddFigureDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  AtlasAdditionField field = ATLAS_ADDITION_N_FIELDS;
  gint64 id = atlas_curation_add_finish (result, &field, &error);

  self->busy = FALSE;
  gtk_widget_set_sensitive (self->add_button, TRUE);
  if (id > 0)
    {
      g_autofree char *title = field_text (self, ATLAS_ADDITION_FIELD_TITLE);
      /* Translators: a toast; %s is the job title of the added figure */
      g_autofree char *message = g_strdup_printf (_("Added: %s"), title);

      atlas_curation_ui_changed (GTK_WIDGET (self), self->session, message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (field < ATLAS_ADDITION_N_FIELDS && self->rows[field] != NULL)
    {
      show_error (self, field, error->message);
      gtk_widget_grab_focus (self->rows[field]);
    }
  else
    atlas_curation_ui_changed (GTK_WIDGET (self), NULL, error->message);
}

void
atlas_add_figure_dialog_submit (AtlasAddFigureDialog *self)
{
  AtlasAdditionField first;

  g_return_if_fail (ATLAS_IS_ADD_FIGURE_DIALOG (self));

  if (self->busy)
    return;
  self->show_errors = TRUE;
  first = check_form (self);
  if (first != ATLAS_ADDITION_N_FIELDS)
    {
      gtk_widget_grab_focus (self->rows[first]);
      return;
    }
  self->busy = TRUE;
  gtk_widget_set_sensitive (self->add_button, FALSE);
  atlas_curation_add_async (atlas_session_get_db_path (self->session), read_form (self), NULL,
                            added_cb, g_object_ref (self));
}

static GtkWidget *
group_new (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return group;
}

/* The row under @field's row that shows its error, hidden while there is none. */
static void
add_error_row (AtlasAddFigureDialog *self,
               GtkWidget            *group,
               AtlasAdditionField    field,
               GtkWidget            *row)
{
  GtkWidget *error_row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                       "activatable", FALSE, "selectable", FALSE,
                                       "visible", FALSE, NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), error_row);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  label, NULL, -1);
  self->rows[field] = row;
  self->error_rows[field] = error_row;
  self->error_labels[field] = GTK_LABEL (label);
}

static GtkWidget *
entry_new (AtlasAddFigureDialog *self,
           GtkWidget            *group,
           AtlasAdditionField    field,
           const char           *title,
           const char           *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (field < ATLAS_ADDITION_N_FIELDS)
    add_error_row (self, group, field, row);
  return row;
}

static AdwComboRow *
combo_new (AtlasAddFigureDialog *self,
           GtkWidget            *group,
           const char           *title,
           const char * const   *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static void
build_form (AtlasAddFigureDialog *self,
            AdwPreferencesPage   *page)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *year = g_date_time_format (now, "%Y");
  GtkWidget *group;

  group = group_new (page, _("What"), NULL);
  self->kind = combo_new (self, group, _("_Kind"),
                          (const char *[]) { _("Job posting"), _("Published figure"), NULL });
  entry_new (self, group, ATLAS_ADDITION_FIELD_TITLE, _("Job _title"), NULL);
  entry_new (self, group, ATLAS_ADDITION_FIELD_COMPANY, _("C_ompany (optional)"), NULL);
  self->experience = combo_new (self, group, _("E_xperience"),
                                (const char *[]) { _("Not given"), _("Entry level"),
                                                   _("Mid level"), _("Senior"),
                                                   _("Executive"), NULL });

  group = group_new (page, _("Pay"), _("Annual amounts, in the currency of the source."));
  entry_new (self, group, ATLAS_ADDITION_FIELD_COUNTRY, _("Co_untry (ISO code, such as IN)"),
             NULL);
  entry_new (self, group, ATLAS_ADDITION_FIELD_CURRENCY, _("Cu_rrency (such as INR)"), NULL);
  entry_new (self, group, ATLAS_ADDITION_FIELD_AMOUNT, _("_Amount per year"), NULL);
  self->low = ADW_ENTRY_ROW (entry_new (self, group, ATLAS_ADDITION_N_FIELDS,
                                        _("Range _low (optional)"), NULL));
  self->high = ADW_ENTRY_ROW (entry_new (self, group, ATLAS_ADDITION_FIELD_RANGE,
                                         _("Range _high (optional)"), NULL));
  entry_new (self, group, ATLAS_ADDITION_FIELD_YEAR, _("_Year"), year);

  group = group_new (page, _("Citation"), _("Required: who published it, where and when."));
  entry_new (self, group, ATLAS_ADDITION_FIELD_PUBLISHER, _("_Publisher"), NULL);
  entry_new (self, group, ATLAS_ADDITION_FIELD_REFERENCE, _("_URL or reference"), NULL);
  entry_new (self, group, ATLAS_ADDITION_FIELD_CITED_ON, _("_Date (YYYY-MM-DD)"), today);
}

static void
cancel_clicked_cb (AtlasAddFigureDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
atlas_add_figure_dialog_dispose (GObject *object)
{
  AtlasAddFigureDialog *self = ATLAS_ADD_FIGURE_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (atlas_add_figure_dialog_parent_class)->dispose (object);
}

static void
atlas_add_figure_dialog_class_init (AtlasAddFigureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_add_figure_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_add_figure_dialog_init (AtlasAddFigureDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Add Figure"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, 680);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->add_button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  g_signal_connect_swapped (self->add_button, "clicked",
                            G_CALLBACK (atlas_add_figure_dialog_submit), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->add_button);
  gtk_box_append (GTK_BOX (box), header);

  build_form (self, ADW_PREFERENCES_PAGE (page));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
atlas_add_figure_dialog_new (GtkWindow    *parent,
                             AtlasSession *session)
{
  AtlasAddFigureDialog *self;

  g_return_val_if_fail (ATLAS_IS_SESSION (session), NULL);

  self = g_object_new (ATLAS_TYPE_ADD_FIGURE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

GtkEditable *
atlas_add_figure_dialog_get_entry (AtlasAddFigureDialog *self,
                                   AtlasAdditionField    field)
{
  g_return_val_if_fail (ATLAS_IS_ADD_FIGURE_DIALOG (self), NULL);
  g_return_val_if_fail (field < ATLAS_ADDITION_N_FIELDS, NULL);

  if (field == ATLAS_ADDITION_FIELD_RANGE)
    return GTK_EDITABLE (self->high);
  return self->rows[field] != NULL ? GTK_EDITABLE (self->rows[field]) : NULL;
}

const char *
atlas_add_figure_dialog_get_error (AtlasAddFigureDialog *self,
                                   AtlasAdditionField    field)
{
  g_return_val_if_fail (ATLAS_IS_ADD_FIGURE_DIALOG (self), NULL);
  g_return_val_if_fail (field < ATLAS_ADDITION_N_FIELDS, NULL);

  if (self->error_rows[field] == NULL || !gtk_widget_get_visible (self->error_rows[field]))
    return NULL;
  return gtk_label_get_text (self->error_labels[field]);
}

gboolean
atlas_add_figure_dialog_get_busy (AtlasAddFigureDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_ADD_FIGURE_DIALOG (self), FALSE);

  return self->busy;
}

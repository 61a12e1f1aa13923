/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-record-detail.c: see the header. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "atlas-curation-ui.h"
#include "atlas-money.h"
#include "atlas-record-detail.h"
#include "atlas-records-pay.h"
#include "atlas-records-async.h"

struct _AtlasRecordDetail
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkMenuButton   *exclude_button;
  GtkButton       *restore_button;
  AdwPreferencesPage *page;

  AtlasSession    *session;
  AtlasRecordItem *item;
  /* The row read again after a curation action; NULL: the item's. */
  AtlasRecordRow  *row;
  GPtrArray       *groups;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (AtlasRecordDetail, atlas_record_detail, ADW_TYPE_WINDOW)

const AtlasRecordRow *
atlas_record_detail_get_row (AtlasRecordDetail *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_DETAIL (self), NULL);

  return self->row != NULL ? self->row : atlas_record_item_get_row (self->item);
}

/* One field: its name as the title, its value as the subtitle (which
 * wraps, so a narrow window shows it whole). Empty values are left out. */
static void
add_field (AdwPreferencesGroup *group,
           const char          *name,
           const char          *value)
{
  g_autofree char *escaped = NULL;
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return;

  escaped = g_markup_escape_text (value, -1);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (AtlasRecordDetail *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* The band of years of experience @years falls in under @filter's bands:
 * "5–10 years", "15+ years". */
static char *
describe_band (const AtlasFilter *filter,
               double             years)
{
  static const double defaults[] = ATLAS_EXPERIENCE_BANDS_DEFAULT;
  const double *starts = defaults;
  guint n = G_N_ELEMENTS (defaults);

  if (isnan (years))
    return NULL;
  if (filter != NULL && filter->n_experience_bands > 0)
    {
      starts = filter->experience_bands;
      n = filter->n_experience_bands;
    }
  for (guint i = n; i-- > 0;)
    if (years >= starts[i])
      {
        if (i + 1 == n)
          /* Translators: the open band of years of experience, "15+ years" */
          return g_strdup_printf (_("%g+ years"), starts[i]);
        /* Translators: a band of years of experience, "5–10 years" */
        return g_strdup_printf (_("%g–%g years"), starts[i], starts[i + 1]);
      }
  return NULL;
}

static char *
format_amount (double      amount,
               const char *currency)
{
  return isnan (amount) ? NULL : atlas_money_format (amount, currency, ATLAS_MONEY_FULL);
}

static void
atlas_record_detail_fill (AtlasRecordDetail *self)
{
  const AtlasRecordRow *row = atlas_record_detail_get_row (self);
  const char *currency;
  const char *country;
  AdwPreferencesGroup *group;
  AtlasExclusionReason reason;
  g_autofree char *place = NULL;
  g_autofree char *years = NULL;
  g_autofree char *pay = NULL;
  g_autofree char *usd = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *why = NULL;
  g_autofree char *range = NULL;
  g_autofree char *n = NULL;
  g_autofree char *year = NULL;
  g_autofree char *band = NULL;
  g_autofree char *state = NULL;
  g_autofree char *line = NULL;
  g_autofree char *company = NULL;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  if (row == NULL)
    return;

  currency = row->currency ? row->currency : "USD";
  country = row->country ? atlas_money_country_name (row->country) : NULL;
  adw_window_title_set_title (self->window_title, row->is_figure ? _("Figure") : _("Record"));
  adw_window_title_set_subtitle (self->window_title, atlas_record_row_get_label (row));

  /* What it is */
  group = add_group (self, row->is_figure ? _("Figure") : _("Record"));
  add_field (group, _("Title"), row->title);
  if (row->company != NULL && row->company_own != NULL && g_strcmp0 (row->company, row->company_own) != 0)
    /* Translators: the company as counted, then its own spelling in the source */
    company = g_strdup_printf (_("%s (in the source: “%s”)"), row->company, row->company_own);
  else
    company = g_strdup (row->company_own ? row->company_own : row->company);
  add_field (group, _("Company"), company);
  place = g_strjoin (", ", row->city ? row->city : "", NULL);
  if (row->state != NULL)
    {
      g_autofree char *joined = g_strdup_printf ("%s%s%s", place, place[0] ? ", " : "", row->state);
      g_free (place);
      place = g_steal_pointer (&joined);
    }
  if (row->country != NULL)
    {
      g_autofree char *joined = g_strdup_printf ("%s%s%s (%s)", place, place[0] ? ", " : "",
                                                 country ? country : row->country, row->country);
      g_free (place);
      place = g_steal_pointer (&joined);
    }
  add_field (group, _("Place"), place);
  add_field (group, _("Company’s country"), row->company_country);
  add_field (group, _("Level"), row->experience ? atlas_experience_label (row->experience) : NULL);
  if (!isnan (row->years_experience))
    years = g_strdup_printf ("%g", row->years_experience);
  add_field (group, _("Years of experience"), years);
  add_field (group, _("Employment type"), row->employment_type);
  add_field (group, _("Company size"), row->company_size);
  add_field (group, _("Case status"), row->case_status);
  add_field (group, _("Kind"), row->kind);

  /* Pay */
  group = add_group (self, _("Pay"));
  pay = format_amount (row->amount, currency);
  add_field (group, row->is_figure ? _("Median, annual") : _("Annual pay"), pay);
  usd = format_amount (row->amount_usd, "USD");
  add_field (group, _("In US dollars, as the source gives it"), usd);
  /* In the mode the charts show: the same conversion as the statistics. */
  converted = atlas_records_pay_in_mode (row, atlas_session_get_catalog (self->session),
                                         atlas_session_get_currency_mode (self->session), &why);
  add_field (group, atlas_records_pay_mode_label (atlas_session_get_currency_mode (self->session)),
             why != NULL ? why : converted);
  if (row->is_figure && !isnan (row->low) && !isnan (row->high))
    {
      g_autofree char *low = format_amount (row->low, currency);
      g_autofree char *high = format_amount (row->high, currency);

      range = g_strdup_printf ("%s–%s", low, high);
    }
  add_field (group, _("Range"), range);
  if (row->is_figure && row->n > 0)
    n = atlas_money_group_digits (row->n, FALSE);
  add_field (group, _("Reports behind it (n)"), n);
  if (row->year > 0)
    year = g_strdup_printf ("%d", row->year);
  add_field (group, _("Year"), year);
  add_field (group, _("Date"), row->date);

  /* Where it counts */
  group = add_group (self, _("Counted In"));
  add_field (group, _("Role family"), row->role_family);
  band = describe_band (atlas_session_get_filter (self->session), row->years_experience);
  add_field (group, _("Band of years of experience"), band);
  if (row->excluded_reason != NULL && atlas_exclusion_reason_from_string (row->excluded_reason, &reason))
    /* Translators: the curation state; %s is a reason such as "Outlier" */
    state = g_strdup_printf (_("Excluded by you: %s"), atlas_exclusion_reason_label (reason));
  else if (row->excluded_reason != NULL)
    state = g_strdup_printf (_("Excluded by you: %s"), row->excluded_reason);
  else
    state = g_strdup (_("Counted in every statistic"));
  add_field (group, _("Curation"), state);

  /* Where it comes from */
  group = add_group (self, _("Source"));
  add_field (group, _("Source"), row->source);
  if (!row->is_figure && row->source_line > 0)
    line = g_strdup_printf ("%s:%" PRId64, row->source ? row->source : "", row->source_line);
  add_field (group, _("Source line"), line);
  add_field (group, _("Record ID"), row->uid);
  add_field (group, _("Citation"), row->citation);
  add_field (group, _("Licence"), row->licence);
  if (row->url != NULL && row->url[0] != '\0')
    {
      GtkWidget *link_row = adw_action_row_new ();
      GtkWidget *link = gtk_link_button_new_with_label (row->url, _("Open"));
      g_autofree char *escaped = g_markup_escape_text (row->url, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (link_row), _("Address"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (link_row), escaped);
      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (link_row), link);
      adw_preferences_group_add (group, link_row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->exclude_button), row->excluded_reason == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), row->excluded_reason != NULL);
}

static void
reread_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AtlasRecordDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  AtlasRecordRow *row = atlas_records_get_finish (result, &error);

  if (row == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && error != NULL)
        g_warning ("Could not read the record again: %s", error->message);
      return;
    }
  g_clear_pointer (&self->row, atlas_record_row_free);
  self->row = row;
  atlas_record_detail_fill (self);
}

/* A curation action (here or anywhere) may have changed the row's state. */
static void
data_changed_cb (AtlasRecordDetail *self)
{
  const AtlasRecordRow *row = atlas_record_detail_get_row (self);

  if (row == NULL || row->uid == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  atlas_records_get_async (atlas_session_get_db_path (self->session), row->uid,
                           self->cancellable, reread_cb, g_object_ref (self));
}

static void
exclude_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasRecordDetail *self = ATLAS_RECORD_DETAIL (widget);
  const AtlasRecordRow *row = atlas_record_detail_get_row (self);
  AtlasExclusionReason reason;

  if (row == NULL || !atlas_exclusion_reason_from_string (g_variant_get_string (parameter, NULL), &reason))
    return;
  atlas_curation_ui_exclude (widget, self->session, row->uid, reason);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasRecordDetail *self = ATLAS_RECORD_DETAIL (widget);
  const AtlasRecordRow *row = atlas_record_detail_get_row (self);

  if (row != NULL)
    atlas_curation_ui_restore (widget, self->session, row->uid);
}

static void
atlas_record_detail_dispose (GObject *object)
{
  AtlasRecordDetail *self = ATLAS_RECORD_DETAIL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->item);
  g_clear_pointer (&self->row, atlas_record_row_free);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_record_detail_parent_class)->dispose (object);
}

static void
atlas_record_detail_class_init (AtlasRecordDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_record_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-record-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordDetail, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordDetail, exclude_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordDetail, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordDetail, page);
  gtk_widget_class_install_action (widget_class, "detail.exclude", "s", exclude_action);
  gtk_widget_class_install_action (widget_class, "detail.restore", NULL, restore_action);
}

static void
atlas_record_detail_init (AtlasRecordDetail *self)
{
  g_autoptr(GMenuModel) menu = atlas_curation_ui_reason_menu ("detail.exclude");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  gtk_menu_button_set_menu_model (self->exclude_button, menu);
}

GtkWidget *
atlas_record_detail_new (GtkWindow       *parent,
                         AtlasSession    *session,
                         AtlasRecordItem *item)
{
  AtlasRecordDetail *self;

  g_return_val_if_fail (ATLAS_IS_SESSION (session), NULL);
  g_return_val_if_fail (ATLAS_IS_RECORD_ITEM (item), NULL);

  self = g_object_new (ATLAS_TYPE_RECORD_DETAIL, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->item = g_object_ref (item);
  g_signal_connect_swapped (session, "data-changed", G_CALLBACK (data_changed_cb), self);
  atlas_record_detail_fill (self);
  return GTK_WIDGET (self);
}

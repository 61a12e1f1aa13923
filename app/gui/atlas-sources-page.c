/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sources-page.c: the list of sources and what can be done to them. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-feed.h"
#include "atlas-money.h"
#include "atlas-sources-page.h"
#include "atlas-sources.h"

struct _AtlasSourcesPage
{
  GtkWidget            parent_instance;

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *group;

  GPtrArray           *sources;   /* AtlasSourceInfo* */
  GPtrArray           *rows;      /* AdwExpanderRow (borrowed), same order */
  GCancellable        *cancellable;
  char                *refreshing;
};

G_DEFINE_FINAL_TYPE (AtlasSourcesPage, atlas_sources_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Source info */

AtlasSourceInfo *
atlas_source_info_copy (const AtlasSourceInfo *info)
{
  AtlasSourceInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->name = g_strdup (info->name);
  copy->kind = g_strdup (info->kind);
  copy->format = g_strdup (info->format);
  copy->url = g_strdup (info->url);
  copy->licence = g_strdup (info->licence);
  copy->attribution = g_strdup (info->attribution);
  copy->mapping = g_strdup (info->mapping);
  copy->retrieved_at = g_strdup (info->retrieved_at);
  copy->etag = g_strdup (info->etag);
  copy->last_modified = g_strdup (info->last_modified);
  copy->last_attempt_at = g_strdup (info->last_attempt_at);
  copy->last_status = g_strdup (info->last_status);

  return copy;
}

void
atlas_source_info_free (AtlasSourceInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->kind);
  g_free (info->format);
  g_free (info->url);
  g_free (info->licence);
  g_free (info->attribution);
  g_free (info->mapping);
  g_free (info->retrieved_at);
  g_free (info->etag);
  g_free (info->last_modified);
  g_free (info->last_attempt_at);
  g_free (info->last_status);
  g_free (info);
}

gboolean
atlas_source_info_is_refreshable (const AtlasSourceInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return g_strcmp0 (info->kind, "feed") == 0 && info->url != NULL &&
         (g_str_has_prefix (info->url, "http://") || g_str_has_prefix (info->url, "https://"));
}

/* Dates in the database are ISO 8601 in UTC; people read local time. */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso8601, g_time_zone_new_utc ());
  if (utc == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (utc);
  /* Translators: a date and time as in "2025-01-19 14:02"; see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

char *
atlas_source_info_describe_status (const AtlasSourceInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->last_status == NULL || *info->last_status == '\0')
    return atlas_source_info_is_refreshable (info) ? g_strdup (_("never refreshed")) : NULL;

  if (g_str_equal (info->last_status, "imported"))
    {
      g_autofree char *records = atlas_money_group_digits (MAX (info->records, 0), FALSE);
      g_autofree char *added = atlas_money_group_digits (ABS (info->last_added), FALSE);

      g_autofree char *figures = atlas_money_group_digits (MAX (info->figures, 0), FALSE);

      if (info->records == 0 && info->figures > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "imported: %s figure",
                                             "imported: %s figures", info->figures), figures);
      /* Translators: "imported: 74,301 records (+2,745)" */
      return g_strdup_printf (_("imported: %s records (%s%s)"), records,
                              info->last_added < 0 ? "−" : "+", added);
    }
  if (g_str_equal (info->last_status, "not modified"))
    return g_strdup (_("unchanged (304)"));
  if (g_str_equal (info->last_status, "unchanged"))
    return g_strdup (_("unchanged"));
  if (g_str_has_prefix (info->last_status, "failed: "))
    /* Translators: %s is the error message of the last refresh */
    return g_strdup_printf (_("failed: %s"), info->last_status + strlen ("failed: "));

  return g_strdup (info->last_status);
}

/* Loading, on the core's query pool */

static char *
nonempty_dup (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* The page shows what is empty as absent. */
static AtlasSourceInfo *
source_info_new (const AtlasSource *source)
{
  AtlasSourceInfo *info = g_new0 (AtlasSourceInfo, 1);

  info->name = g_strdup (source->name);
  info->kind = nonempty_dup (source->kind);
  info->format = nonempty_dup (source->format);
  info->url = nonempty_dup (source->url);
  info->licence = nonempty_dup (source->licence);
  info->attribution = nonempty_dup (source->attribution);
  info->mapping = nonempty_dup (source->mapping);
  info->retrieved_at = nonempty_dup (source->retrieved_at);
  info->etag = nonempty_dup (source->etag);
  info->last_modified = nonempty_dup (source->last_modified);
  info->last_attempt_at = nonempty_dup (source->last_attempt_at);
  info->last_status = nonempty_dup (source->last_status);
  info->last_added = source->last_added;
  info->records = source->records;
  info->figures = source->figures;
  info->rejected = source->rejected;
  info->rates = source->rates;

  return info;
}

/* The page */

GtkWidget *
atlas_sources_page_new (void)
{
  return g_object_new (ATLAS_TYPE_SOURCES_PAGE, NULL);
}

static const char *
kind_label (const AtlasSourceInfo *info)
{
  if (g_strcmp0 (info->kind, "embedded") == 0)
    return _("Built-in figures");
  if (g_strcmp0 (info->kind, "file") == 0)
    return _("Imported file");
  if (g_strcmp0 (info->name, ATLAS_FEED_AIJOBS_NAME) == 0)
    return _("Built-in feed");
  return _("Online feed");
}

char *
atlas_source_format_label (const char *format)
{
  static const struct {
    const char *name;
    const char *label;
  } labels[] = {
    { ATLAS_FEED_FORMAT_JSON, N_("Salary Atlas JSON feed") },
    { "aijobs", N_("aijobs.net salary index (CSV)") },
    { "h1b", N_("H-1B salaries, h1bdata.info (CSV)") },
    { "dol-lca", N_("US DOL LCA disclosures (CSV)") },
    { "glassdoor-in", N_("Glassdoor India salaries (CSV)") },
    { "csv", N_("CSV with a column mapping") },
    { "quoted", N_("Quoted headline figures") },
    { "curated", N_("Curated figures") },
    { "fx-ppp", N_("Exchange rates and PPP factors") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (format, labels[i].name) == 0)
      return g_strdup (_(labels[i].label));

  return g_strdup (format ? format : "—");
}

char *
atlas_source_info_describe_counts (const AtlasSourceInfo *info)
{
  g_autofree char *records = atlas_money_group_digits (MAX (info->records, 0), FALSE);
  g_autofree char *figures = atlas_money_group_digits (MAX (info->figures, 0), FALSE);
  g_autofree char *rates = atlas_money_group_digits (MAX (info->rates, 0), FALSE);

  if (info->records > 0 && info->figures > 0)
    /* Translators: "2 records, 2 figures" */
    return g_strdup_printf (_("%s records, %s figures"), records, figures);
  if (info->records > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records",
                                         info->records), records);
  if (info->figures > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s published figure",
                                         "%s published figures", info->figures), figures);
  if (info->rates > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s exchange rate or PPP factor",
                                         "%s exchange rates and PPP factors", info->rates),
                            rates);

  return g_strdup (atlas_source_info_is_refreshable (info) ? _("not downloaded yet")
                                                            : _("no data"));
}

static GtkWidget *
detail_row (const char *title,
            const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "—");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "property");

  return row;
}

static GtkWidget *
action_button (const char *icon_name,
               const char *accessible_label,
               const char *action_name,
               const char *source_name,
               const char *tooltip,
               const char *disabled_reason)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);

  if (disabled_reason != NULL)
    {
      /* No action: the button stays insensitive and says why. */
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, disabled_reason);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, disabled_reason, -1);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", source_name);
      gtk_widget_set_tooltip_text (button, tooltip);
    }

  return button;
}

/* The first descendant of @widget of @type, with @css_class if not NULL. */
static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A subtitle cut short shows whole on hover (its accessible name is the
 * whole text anyway: only what is drawn is cut). */
static gboolean
subtitle_tooltip_cb (GtkLabel   *label,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

/* A source's subtitle (kind, licence, counts, date) takes three lines at
 * most, then ends in "…". Wrapped without a limit, a subtitle of three
 * lines in Hindi at 360 px made GtkBox give the title and subtitle more
 * width than the row had (it measures their width for a height worked out
 * for another width): they ran past the row's edge and pushed its buttons
 * out of sight. libadwaita 1.2's expander row cannot limit its subtitle
 * (1.3's subtitle-lines can); its header, an AdwActionRow, can. */
static void
limit_subtitle (GtkWidget *expander_row)
{
  GtkWidget *header = find_descendant (expander_row, ADW_TYPE_ACTION_ROW, NULL);
  GtkWidget *label;

  /* Another libadwaita may build the row otherwise: the subtitle then
   * keeps its own wrapping, as before. */
  if (header == NULL)
    return;
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (header), 3);
  label = find_descendant (header, GTK_TYPE_LABEL, "subtitle");
  if (label == NULL)
    return;
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (subtitle_tooltip_cb), NULL);
}

static GtkWidget *
build_row (AtlasSourcesPage      *self,
           const AtlasSourceInfo *info)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autoptr(GString) subtitle = g_string_new (kind_label (info));
  g_autofree char *counts = atlas_source_info_describe_counts (info);
  g_autofree char *fetched = format_time (info->retrieved_at);
  g_autofree char *attempted = format_time (info->last_attempt_at);
  g_autofree char *status = atlas_source_info_describe_status (info);
  g_autofree char *format = atlas_source_format_label (info->format);
  g_autofree char *refresh_tooltip = NULL;
  g_autofree char *edit_tooltip = NULL;
  g_autofree char *remove_tooltip = NULL;
  g_autofree char *refresh_label = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *remove_label = NULL;
  const char *no_refresh = NULL;
  const char *no_edit = NULL;
  const char *no_remove = NULL;
  gboolean embedded = g_strcmp0 (info->kind, "embedded") == 0;
  gboolean failed = info->last_status != NULL && g_str_has_prefix (info->last_status, "failed");
  GtkWidget *spinner;

  g_string_append_printf (subtitle, " · %s", info->licence ? info->licence : _("licence not recorded"));
  g_string_append_printf (subtitle, " · %s", counts);
  if (fetched != NULL)
    /* Translators: when the data held was downloaded or imported */
    g_string_append_printf (subtitle, " · %s", fetched);
  if (failed)
    g_string_append_printf (subtitle, " · %s", _("last refresh failed"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  limit_subtitle (row);
  g_object_set_data_full (G_OBJECT (row), "atlas-source", g_strdup (info->name), g_free);

  if (embedded)
    {
      no_refresh = no_edit = no_remove =
        _("Built into Salary Atlas: these curated figures ship with the app, with their "
          "citations. There is nothing to download, and they cannot be removed: every "
          "chart falls back on them.");
    }
  else if (!atlas_source_info_is_refreshable (info))
    {
      no_refresh = no_edit =
        _("Imported from a file, which has no address to download from: import it again "
          "with “salary-atlas import FILE”.");
    }

  /* Translators: tooltips and accessible labels of a source's buttons */
  refresh_tooltip = g_strdup_printf (_("Download what changed in “%s”"), info->name);
  edit_tooltip = g_strdup_printf (_("Change the address, format or licence of “%s”"), info->name);
  remove_tooltip = g_strdup_printf (_("Remove “%s” and its records"), info->name);
  refresh_label = g_strdup_printf (_("Refresh %s"), info->name);
  edit_label = g_strdup_printf (_("Edit %s"), info->name);
  remove_label = g_strdup_printf (_("Remove %s"), info->name);

  /* Actions are packed from the end: the first added ends up nearest the
   * expander's arrow. */
  if (embedded)
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_valign (lock, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_end (lock, 6);
      gtk_widget_add_css_class (lock, "dim-label");
      gtk_widget_set_tooltip_text (lock, no_remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (lock),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Built in"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, no_remove, -1);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), lock);
    }
  else
    {
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   action_button ("user-trash-symbolic", remove_label,
                                                  "win.remove-source", info->name,
                                                  remove_tooltip, no_remove));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   action_button ("document-edit-symbolic", edit_label,
                                                  "win.edit-source", info->name,
                                                  edit_tooltip, no_edit));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   action_button ("view-refresh-symbolic", refresh_label,
                                                  "win.refresh-source", info->name,
                                                  refresh_tooltip, no_refresh));
    }

  spinner = gtk_spinner_new ();
  gtk_widget_set_visible (spinner, FALSE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spinner, _("Refreshing…"));
  g_object_set_data (G_OBJECT (row), "atlas-spinner", spinner);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), spinner);

  if (info->url != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_row (_("Address"), info->url));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_row (_("Format"), format));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            detail_row (_("Licence"), info->licence ? info->licence
                                                                    : _("not recorded")));
  if (info->attribution != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_row (_("Attribution"), info->attribution));

  {
    g_autofree char *data = NULL;

    if (info->rejected > 0)
      {
        g_autofree char *rejected = atlas_money_group_digits (info->rejected, FALSE);

        /* Translators: "74,301 records; 12 rows rejected" */
        data = g_strdup_printf (_("%s; %s rows rejected"), counts, rejected);
      }
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_row (_("Data"), data ? data : counts));
  }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            detail_row (_("Snapshot"), fetched ? fetched : _("none yet")));

  if (atlas_source_info_is_refreshable (info) || status != NULL)
    {
      g_autofree char *last = attempted != NULL && status != NULL
                              /* Translators: "2025-01-19 14:02: unchanged (304)" */
                              ? g_strdup_printf (_("%s: %s"), attempted, status)
                              : g_strdup (status);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_row (_("Last Refresh"), last));
    }

  if (atlas_source_info_is_refreshable (info))
    {
      g_autoptr(GString) validators = g_string_new (NULL);

      if (info->etag != NULL)
        g_string_append_printf (validators, "ETag %s", info->etag);
      if (info->last_modified != NULL)
        g_string_append_printf (validators, "%sLast-Modified %s",
                                validators->len > 0 ? "\n" : "", info->last_modified);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                detail_row (_("HTTP Validators"),
                                            validators->len > 0
                                            ? validators->str
                                            : _("none: the next refresh downloads the whole file")));
    }

  return row;
}

static void
atlas_sources_page_update_spinners (AtlasSourcesPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);
      GtkWidget *spinner = g_object_get_data (row, "atlas-spinner");
      gboolean on = g_strcmp0 (g_object_get_data (row, "atlas-source"), self->refreshing) == 0;

      gtk_widget_set_visible (spinner, on);
      gtk_spinner_set_spinning (GTK_SPINNER (spinner), on);
    }
}

static void
atlas_sources_page_set_sources (AtlasSourcesPage *self,
                                GPtrArray        *sources)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->sources = g_ptr_array_ref (sources);

  for (guint i = 0; i < sources->len; i++)
    {
      GtkWidget *row = build_row (self, g_ptr_array_index (sources, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  atlas_sources_page_update_spinners (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AtlasSourcesPage) self = user_data;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  stored = atlas_sources_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stored != NULL)
    {
      sources = g_ptr_array_new_full (stored->len, (GDestroyNotify) atlas_source_info_free);
      for (guint i = 0; i < stored->len; i++)
        g_ptr_array_add (sources, source_info_new (g_ptr_array_index (stored, i)));
    }

  g_clear_object (&self->cancellable);

  if (sources == NULL)
    {
      /* The window shows database errors; the page says what it could not do. */
      adw_preferences_group_set_description (self->group, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  atlas_sources_page_set_sources (self, sources);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
atlas_sources_page_reload (AtlasSourcesPage *self,
                           const char       *db_path)
{
  gboolean was_loading;

  g_return_if_fail (ATLAS_IS_SOURCES_PAGE (self));
  g_return_if_fail (db_path != NULL);

  was_loading = self->cancellable != NULL;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  atlas_sources_list_async (db_path, ATLAS_SOURCES_LIST_COUNT | ATLAS_SOURCES_LIST_EMBEDDED_LAST,
                            self->cancellable, loaded_cb, g_object_ref (self));
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
atlas_sources_page_get_loading (AtlasSourcesPage *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCES_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

void
atlas_sources_page_set_refreshing (AtlasSourcesPage *self,
                                   const char       *name)
{
  g_return_if_fail (ATLAS_IS_SOURCES_PAGE (self));

  if (g_strcmp0 (self->refreshing, name) == 0)
    return;

  g_free (self->refreshing);
  self->refreshing = g_strdup (name);
  atlas_sources_page_update_spinners (self);
}

guint
atlas_sources_page_get_n_sources (AtlasSourcesPage *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCES_PAGE (self), 0);

  return self->sources ? self->sources->len : 0;
}

const AtlasSourceInfo *
atlas_sources_page_lookup (AtlasSourcesPage *self,
                           const char       *name)
{
  g_return_val_if_fail (ATLAS_IS_SOURCES_PAGE (self), NULL);

  for (guint i = 0; self->sources != NULL && i < self->sources->len; i++)
    {
      const AtlasSourceInfo *info = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }

  return NULL;
}

GtkWidget *
atlas_sources_page_get_row (AtlasSourcesPage *self,
                            const char       *name)
{
  g_return_val_if_fail (ATLAS_IS_SOURCES_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (row, "atlas-source"), name) == 0)
        return GTK_WIDGET (row);
    }

  return NULL;
}

static void
atlas_sources_page_dispose (GObject *object)
{
  AtlasSourcesPage *self = ATLAS_SOURCES_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SOURCES_PAGE);

  G_OBJECT_CLASS (atlas_sources_page_parent_class)->dispose (object);
}

static void
atlas_sources_page_finalize (GObject *object)
{
  AtlasSourcesPage *self = ATLAS_SOURCES_PAGE (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->refreshing, g_free);

  G_OBJECT_CLASS (atlas_sources_page_parent_class)->finalize (object);
}

static void
atlas_sources_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasSourcesPage *self = ATLAS_SOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, atlas_sources_page_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_sources_page_class_init (AtlasSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_sources_page_dispose;
  object_class->finalize = atlas_sources_page_finalize;
  object_class->get_property = atlas_sources_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcesPage, page);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcesPage, group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-sources-page");
}

static void
atlas_sources_page_init (AtlasSourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

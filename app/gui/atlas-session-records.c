/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-session-records.c: from a chart's mark to the records behind it
 * (see atlas-session.h). GLib only, like the rest of the session. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-money.h"
#include "atlas-records.h"
#include "atlas-session.h"

AtlasFilter *
atlas_session_filter_for_mark (AtlasSession         *self,
                               AtlasChartKind        kind,
                               const AtlasChartMark *mark,
                               char                **label)
{
  const AtlasFilter *filter;
  AtlasFilter *narrowed;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), NULL);
  g_return_val_if_fail (mark != NULL, NULL);

  filter = atlas_session_get_filter (self);
  /* A bin is a range of amounts, which no filter has; an empty slot has
   * no rows. */
  if (filter == NULL || mark->key == NULL || mark->region == NULL ||
      mark->kind == ATLAS_CHART_MARK_BIN || mark->kind == ATLAS_CHART_MARK_EMPTY)
    return NULL;

  narrowed = atlas_filter_for_group (filter, atlas_chart_kind_group_by (kind),
                                     mark->region, mark->key);
  if (narrowed != NULL && label != NULL)
    {
      const char *region = atlas_money_country_name (mark->region);

      if (atlas_chart_kind_group_by (kind) == ATLAS_GROUP_REGION)
        /* Translators: the chip of the records behind a chart's mark: "Records: India" */
        *label = g_strdup_printf (_("Records: %s"), region ? region : mark->region);
      else
        /* Translators: the chip of the records behind a chart's mark: "Records: India, Senior" */
        *label = g_strdup_printf (_("Records: %s, %s"), region ? region : mark->region,
                                  mark->label ? mark->label : mark->key);
    }
  return narrowed;
}

gboolean
atlas_session_drill_to_records (AtlasSession         *self,
                                AtlasChartKind        kind,
                                const AtlasChartMark *mark)
{
  g_autoptr(AtlasFilter) filter = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ATLAS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  filter = atlas_session_filter_for_mark (self, kind, mark, &label);
  if (filter == NULL)
    return FALSE;

  atlas_session_drill (self, filter, label);
  return TRUE;
}

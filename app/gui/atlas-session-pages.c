/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-session-pages.c: what each page of the window shows and so which
 * query slots it waits for; when two filters ask the same (see
 * atlas-session.h). GLib only, like the rest of the session. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include "atlas-session.h"

/* The one place that says what each page shows: its chart (whose queries
 * the chart request names) and what else it needs, in order of importance.
 * ATLAS_N_SLOTS stands for the chart's queries. */
static const struct
{
  const char *page;
  gboolean    has_chart;
  AtlasChartKind chart;
  AtlasSlot   slots[4];
  guint       n_slots;
} pages[] = {
  /* Region cards, the compare chart and its ratios, top companies. */
  { "overview", TRUE, ATLAS_CHART_COMPARE,
    { ATLAS_SLOT_REGION, ATLAS_N_SLOTS, ATLAS_SLOT_COMPANY }, 3 },
  { "compare", TRUE, ATLAS_CHART_COMPARE, { ATLAS_N_SLOTS }, 1 },
  { "companies", TRUE, ATLAS_CHART_COMPANIES, { ATLAS_N_SLOTS }, 1 },
  { "experience", TRUE, ATLAS_CHART_EXPERIENCE, { ATLAS_N_SLOTS }, 1 },
  { "distribution", TRUE, ATLAS_CHART_DISTRIBUTION, { ATLAS_N_SLOTS }, 1 },
  { "trend", TRUE, ATLAS_CHART_TREND, { ATLAS_N_SLOTS }, 1 },
  { "career", TRUE, ATLAS_CHART_CAREER, { ATLAS_N_SLOTS }, 1 },
  { "company-regions", TRUE, ATLAS_CHART_COMPANY_REGIONS, { ATLAS_N_SLOTS }, 1 },
  { "sources", FALSE, 0, { 0 }, 0 },
  /* The records page reads its rows itself (AtlasRecordsModel). */
  { "records", FALSE, 0, { 0 }, 0 },
};

AtlasSlot
atlas_session_slot_for_query (const AtlasChartQuery *query,
                              AtlasCurrencyMode      chosen)
{
  g_return_val_if_fail (query != NULL, ATLAS_SLOT_REGION);

  switch (query->group_by)
    {
    case ATLAS_GROUP_REGION:
      if (query->chosen_mode)
        return ATLAS_SLOT_REGION;
      return query->mode == ATLAS_CURRENCY_MODE_PPP ? ATLAS_SLOT_REGION_PPP : ATLAS_SLOT_REGION_USD;
    case ATLAS_GROUP_EXPERIENCE:
      return ATLAS_SLOT_EXPERIENCE;
    case ATLAS_GROUP_COMPANY:
      return ATLAS_SLOT_COMPANY;
    case ATLAS_GROUP_YEAR:
      return ATLAS_SLOT_YEAR;
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return ATLAS_SLOT_EXPERIENCE_YEARS;
    case ATLAS_GROUP_ROLE:
    default:
      g_return_val_if_reached (ATLAS_SLOT_REGION);
    }
}

gboolean
atlas_session_slots_contain (const AtlasSlot *slots,
               guint            n,
               AtlasSlot        slot)
{
  for (guint i = 0; i < n; i++)
    if (slots[i] == slot)
      return TRUE;

  return FALSE;
}

guint
atlas_session_page_get_slots (const char *page,
                              AtlasSlot  *slots)
{
  guint n = 0;
  guint p;

  for (p = 0; p < G_N_ELEMENTS (pages); p++)
    if (g_strcmp0 (page, pages[p].page) == 0)
      break;
  /* An unknown page (none yet) loads what the overview shows. */
  if (p == G_N_ELEMENTS (pages))
    p = 0;

  for (guint i = 0; i < pages[p].n_slots; i++)
    {
      if (pages[p].slots[i] == ATLAS_N_SLOTS)
        {
          AtlasChartQuery queries[ATLAS_N_SLOTS];
          /* The slots do not depend on the chosen mode. */
          guint n_queries = atlas_chart_kind_get_queries (pages[p].chart, ATLAS_CURRENCY_MODE_USD,
                                                          queries, G_N_ELEMENTS (queries));

          for (guint q = 0; q < n_queries; q++)
            {
              AtlasSlot slot = atlas_session_slot_for_query (&queries[q], ATLAS_CURRENCY_MODE_USD);

              if (!atlas_session_slots_contain (slots, n, slot))
                slots[n++] = slot;
            }
        }
      else if (!atlas_session_slots_contain (slots, n, pages[p].slots[i]))
        slots[n++] = pages[p].slots[i];
    }

  return n;
}

gboolean
atlas_session_page_get_chart (const char     *page,
                              AtlasChartKind *kind)
{
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    if (g_strcmp0 (page, pages[p].page) == 0)
      {
        if (pages[p].has_chart && kind != NULL)
          *kind = pages[p].chart;
        return pages[p].has_chart;
      }

  return FALSE;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
atlas_session_filter_equal (const AtlasFilter *a,
                            const AtlasFilter *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return strv_equal0 (a->regions, b->regions) &&
         strv_equal0 (a->experience, b->experience) &&
         g_strcmp0 (a->role, b->role) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->company, b->company) == 0 &&
         a->year_from == b->year_from &&
         a->year_to == b->year_to &&
         g_strcmp0 (a->source, b->source) == 0;
}

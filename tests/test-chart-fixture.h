/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-fixture.h: a small, fixed query result built by hand, so the
 * chart tests do not depend on the database or the query layer. The values
 * are synthetic test inputs, not salary data. */
#pragma once

#include <math.h>
#include <string.h>

#include "atlas-chart.h"

static inline void
fixture_group_free (gpointer data)
{
  AtlasGroup *g = data;

  g_free (g->region);
  g_free (g->key);
  g_free (g->label);
  g_free (g->currency);
  g_free (g->values);
  g_free (g->citation);
  g_free (g->sources);
  g_free (g);
}

static inline void
fixture_source_free (gpointer data)
{
  AtlasQuerySource *s = data;

  g_free (s->name);
  g_free (s->licence);
  g_free (s->url);
  g_free (s->retrieved_at);
  g_free (s);
}

/* @n values spread evenly over [@lo, @hi], in a scrambled order so that the
 * summary really has to sort them. */
static inline AtlasGroup *
fixture_group (const char *region,
               const char *key,
               const char *label,
               const char *currency,
               double      lo,
               double      hi,
               guint       n)
{
  AtlasGroup *g = g_new0 (AtlasGroup, 1);

  g->region = g_strdup (region);
  g->key = g_strdup (key);
  g->label = g_strdup (label);
  g->currency = g_strdup (currency);
  g->origin = ATLAS_GROUP_FROM_RECORDS;
  g->sources = g_strdup ("Test source");
  g->n_values = n;
  g->values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint j = (i * 7919u) % n;
      g->values[i] = n > 1 ? lo + (hi - lo) * j / (n - 1) : lo;
    }
  atlas_stats_summarise (g->values, n, &g->summary);
  g->small_sample = n < ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
  return g;
}

static inline AtlasQueryResult *
fixture_result_new (AtlasGroupBy by)
{
  AtlasQueryResult *r = g_new0 (AtlasQueryResult, 1);
  AtlasQuerySource *src = g_new0 (AtlasQuerySource, 1);

  r->by = by;
  r->mode = ATLAS_CURRENCY_MODE_USD;
  r->small_sample_threshold = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
  r->groups = g_ptr_array_new_with_free_func (fixture_group_free);
  r->sources = g_ptr_array_new_with_free_func (fixture_source_free);

  src->name = g_strdup ("Test source");
  src->licence = g_strdup ("CC0-1.0");
  src->retrieved_at = g_strdup ("2025-01-19");
  g_ptr_array_add (r->sources, src);
  return r;
}

static inline void
fixture_add (AtlasQueryResult *r,
             AtlasGroup       *g)
{
  g_ptr_array_add (r->groups, g);
  r->n_records += g->n_values;
}

/* compare / experience: US at four levels, IN at three (no EX: an empty
 * slot), IN EN a small sample. */
static inline AtlasQueryResult *
fixture_levels (void)
{
  AtlasQueryResult *r = fixture_result_new (ATLAS_GROUP_EXPERIENCE);

  fixture_add (r, fixture_group ("US", "EN", "Entry", "USD", 60000, 140000, 200));
  fixture_add (r, fixture_group ("US", "MI", "Mid", "USD", 90000, 190000, 400));
  fixture_add (r, fixture_group ("US", "SE", "Senior", "USD", 120000, 260000, 800));
  fixture_add (r, fixture_group ("US", "EX", "Executive", "USD", 150000, 320000, 60));
  fixture_add (r, fixture_group ("IN", "EN", "Entry", "USD", 8000, 30000, 12));
  fixture_add (r, fixture_group ("IN", "MI", "Mid", "USD", 15000, 50000, 40));
  fixture_add (r, fixture_group ("IN", "SE", "Senior", "USD", 25000, 80000, 50));
  return r;
}

/* companies: five US companies (one below min-n), three IN ones. */
static inline AtlasQueryResult *
fixture_companies (void)
{
  AtlasQueryResult *r = fixture_result_new (ATLAS_GROUP_COMPANY);

  fixture_add (r, fixture_group ("US", "Initech", "Initech", "USD", 90000, 150000, 40));
  fixture_add (r, fixture_group ("US", "Globex", "Globex", "USD", 150000, 260000, 80));
  fixture_add (r, fixture_group ("US", "Hooli", "Hooli", "USD", 120000, 220000, 12));
  fixture_add (r, fixture_group ("US", "Tiny", "Tiny", "USD", 300000, 400000, 3));
  fixture_add (r, fixture_group ("US", "Umbrella", "Umbrella", "USD", 100000, 180000, 35));
  fixture_add (r, fixture_group ("IN", "Acme", "Acme", "USD", 20000, 60000, 30));
  fixture_add (r, fixture_group ("IN", "Stark", "Stark", "USD", 30000, 90000, 8));
  fixture_add (r, fixture_group ("IN", "Wayne", "Wayne", "USD", 10000, 40000, 50));
  return r;
}

/* distribution: one group per region, with their values. */
static inline AtlasQueryResult *
fixture_regions (void)
{
  AtlasQueryResult *r = fixture_result_new (ATLAS_GROUP_REGION);

  fixture_add (r, fixture_group ("US", "US", "United States", "USD", 40000, 400000, 1000));
  fixture_add (r, fixture_group ("IN", "IN", "India", "USD", 5000, 90000, 100));
  return r;
}

/* trend: US every year, IN missing 2022. */
static inline AtlasQueryResult *
fixture_years (void)
{
  AtlasQueryResult *r = fixture_result_new (ATLAS_GROUP_YEAR);

  fixture_add (r, fixture_group ("US", "2022", "2022", "USD", 100000, 180000, 100));
  fixture_add (r, fixture_group ("US", "2023", "2023", "USD", 110000, 190000, 300));
  fixture_add (r, fixture_group ("US", "2024", "2024", "USD", 120000, 200000, 900));
  fixture_add (r, fixture_group ("IN", "2023", "2023", "USD", 15000, 50000, 20));
  fixture_add (r, fixture_group ("IN", "2024", "2024", "USD", 18000, 60000, 60));
  return r;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-schema.h: the migrations, one SQL script per schema version. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _atlas_store_migrations[i] upgrades a database from user_version i to i + 1. */
extern const char * const _atlas_store_migrations[];
extern const guint _atlas_store_n_migrations;

/* The pre-aggregated cells (schema 8) of the records @WHERE selects: the
 * statements that fill record_cells from records, then record_cells_coarse
 * from record_cells.  Shared by the migration and by
 * _atlas_store_cells_rebuild(), so both build the same cells. */
#define ATLAS_STORE_CELLS_FILL_FINE_SQL(WHERE)                                                   \
  "INSERT INTO record_cells (source_id, country, experience, role_family, year, currency,"      \
  " company_id, years_experience, excluded, amount, amount_usd, n, weight, cell)"              \
  " SELECT source_id, country, experience, role_family, year, currency, company_id,"           \
  " years_experience, uid IN (SELECT uid FROM curation_exclusions) AS x, amount, amount_usd,"  \
  " count(*), sum(weight), row_number () OVER () FROM records WHERE " WHERE                     \
  " GROUP BY source_id, country, experience, role_family, year, currency, company_id,"         \
  " years_experience, x, amount, amount_usd"
#define ATLAS_STORE_CELLS_FILL_COARSE_SQL(WHERE)                                                 \
  "INSERT INTO record_cells_coarse (source_id, country, experience, role_family, year,"        \
  " currency, excluded, amount, amount_usd, n, weight, cell)"                                  \
  " SELECT source_id, country, experience, role_family, year, currency, excluded, amount,"     \
  " amount_usd, sum(n), sum(weight), row_number () OVER () FROM record_cells WHERE " WHERE      \
  " GROUP BY source_id, country, experience, role_family, year, currency, excluded, amount,"   \
  " amount_usd"

G_END_DECLS

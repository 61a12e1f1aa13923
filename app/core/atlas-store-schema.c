/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-schema.c: the schema, as migrations. Never edit a released
 * migration; add a new one and bump ATLAS_STORE_SCHEMA_VERSION. */

#include "atlas-store-schema.h"

static const char migration_1[] =
  /* Where data came from. A source is identified by its name; its content
   * hash tells an unchanged re-import from a new snapshot. */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL DEFAULT 'file',"       /* file, feed, embedded */
  "  format TEXT NOT NULL,"
  "  url TEXT,"
  "  licence TEXT NOT NULL DEFAULT '',"
  "  attribution TEXT NOT NULL DEFAULT '',"
  "  retrieved_at TEXT,"                       /* ISO 8601 UTC */
  "  content_sha256 TEXT,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  row_count INTEGER NOT NULL DEFAULT 0,"
  "  rejected_count INTEGER NOT NULL DEFAULT 0,"
  "  last_attempt_at TEXT,"
  "  last_status TEXT,"
  "  enabled INTEGER NOT NULL DEFAULT 1"
  ");"
  /* One row per fetch or import attempt of a source. */
  "CREATE TABLE source_history ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"                   /* imported, unchanged, failed */
  "  http_status INTEGER,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  content_sha256 TEXT,"
  "  rows_before INTEGER,"
  "  rows_after INTEGER,"
  "  added INTEGER,"
  "  removed INTEGER,"
  "  message TEXT"
  ");"
  "CREATE TABLE companies ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  display_name TEXT NOT NULL"
  ");"
  /* Raw spellings seen for a company, for search and later alias merges. */
  "CREATE TABLE company_aliases ("
  "  alias TEXT PRIMARY KEY,"
  "  company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  /* Individual observations. uid is a stable identity: a hash of the
   * source name and the row's content, plus the occurrence number of that
   * content in the source, so it survives refreshes of the same data. It is
   * unique by construction (tests check it); a UNIQUE index on random hashes
   * would cost more on import than anything reads by uid. */
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  source_line INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"                      /* survey, posting, filing, report */
  "  job_title TEXT NOT NULL,"
  "  role_family TEXT NOT NULL,"
  "  company_id INTEGER REFERENCES companies(id),"
  "  country TEXT NOT NULL,"                   /* ISO 3166 alpha-2, where the work is */
  "  company_country TEXT,"
  "  city TEXT,"
  "  state TEXT,"
  "  experience TEXT CHECK (experience IN ('EN','MI','SE','EX')),"
  "  years_experience REAL,"
  "  amount REAL NOT NULL CHECK (amount >= 0),"  /* annual, in currency */
  "  currency TEXT NOT NULL,"                  /* ISO 4217 */
  "  amount_usd REAL,"
  "  year INTEGER NOT NULL,"
  "  date TEXT,"
  "  employment_type TEXT,"
  "  remote_ratio INTEGER,"
  "  company_size TEXT,"
  "  case_status TEXT,"
  "  weight INTEGER NOT NULL DEFAULT 1"
  ");"
  /* No index on the filter columns: the grouped queries read most rows
   * (a full scan of 74k rows takes about 20 ms, an index with look-ups
   * longer), and every index slows imports. bench/ measures both. */
  "CREATE INDEX records_by_company ON records (company_id);"
  "CREATE INDEX records_by_source ON records (source_id);"
  /* Published or curated aggregates, each with its citation. */
  "CREATE TABLE figures ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  role_family TEXT,"
  "  job_title TEXT,"
  "  country TEXT NOT NULL,"
  "  company_id INTEGER REFERENCES companies(id),"
  "  experience TEXT,"
  "  year INTEGER,"
  "  currency TEXT NOT NULL,"
  "  p25 REAL,"
  "  median REAL,"
  "  p75 REAL,"
  "  mean REAL,"
  "  n INTEGER,"
  "  statistic TEXT NOT NULL DEFAULT 'median',"  /* what a headline figure states */
  "  citation TEXT NOT NULL,"
  "  url TEXT,"
  "  licence TEXT NOT NULL,"
  "  retrieved TEXT,"
  "  note TEXT"
  ");"
  "CREATE INDEX figures_by_filter ON figures (country, role_family, experience);"
  "CREATE TABLE fx_rates ("
  "  currency TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  lcu_per_usd REAL NOT NULL CHECK (lcu_per_usd > 0),"
  "  source TEXT NOT NULL,"
  "  licence TEXT NOT NULL,"
  "  PRIMARY KEY (currency, year)"
  ") WITHOUT ROWID;"
  "CREATE TABLE ppp_factors ("
  "  country TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  lcu_per_intl_dollar REAL NOT NULL CHECK (lcu_per_intl_dollar > 0),"
  "  source TEXT NOT NULL,"
  "  licence TEXT NOT NULL,"
  "  PRIMARY KEY (country, year)"
  ") WITHOUT ROWID;";

static const char migration_2[] =
  /* The mapping file's text, for feeds in the generic CSV format: a refresh
   * needs it long after the file the user named is gone. NULL otherwise. */
  "ALTER TABLE sources ADD COLUMN mapping TEXT;";

static const char migration_3[] =
  /* Most records have no company (the aijobs.net file has none at all): an
   * index of only those that have one is smaller, and importing a record
   * without a company no longer touches it.  Every query by company
   * (company_id = ? or IN (…)) implies NOT NULL and can still use it. */
  "DROP INDEX records_by_company;"
  "CREATE INDEX records_by_company ON records (company_id) WHERE company_id IS NOT NULL;";

static const char migration_4[] =
  /* How many records each source has per role family (facet 0), country
   * (1), year (2) and company id (3; records without a company are not
   * counted).  The window's catalog lists these at start-up; reading them
   * from here instead of scanning every record keeps its start-up work
   * independent of the number of records.  Per source, so that an import
   * replaces one source's counts and deleting a source removes its counts
   * by cascade.  The value is the column's own value: text for family and
   * country, an integer for year and company id.  Whoever writes records
   * keeps these in the same transaction: the importer counts while it
   * writes, other writers call atlas_store_recount_facets().  The key
   * starts with the facet, so that the catalog's sum per value reads one
   * facet in key order; the rarer look-ups by source (an import replacing
   * its counts, a deleted source) scan this small table.  Filled here from
   * the records already stored. */
  "CREATE TABLE record_facets ("
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  facet INTEGER NOT NULL,"
  "  value NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (facet, value, source_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO record_facets (source_id, facet, value, n)"
  "  SELECT source_id, 0, role_family, count(*) FROM records GROUP BY source_id, role_family;"
  "INSERT INTO record_facets (source_id, facet, value, n)"
  "  SELECT source_id, 1, country, count(*) FROM records GROUP BY source_id, country;"
  "INSERT INTO record_facets (source_id, facet, value, n)"
  "  SELECT source_id, 2, year, count(*) FROM records GROUP BY source_id, year;"
  "INSERT INTO record_facets (source_id, facet, value, n)"
  "  SELECT source_id, 3, company_id, count(*) FROM records"
  "  WHERE company_id IS NOT NULL GROUP BY source_id, company_id;";

static const char migration_5[] =
  /* Curation: the user's own layer over the data, in tables that no import,
   * refresh or rebuild of the default data writes.  Records and figures are
   * named by their stable uid (never by rowid: an import re-writes its
   * source's rows), companies by their normalised key, so an entry follows
   * its row through new snapshots; an entry whose row is gone is kept and
   * listed as orphaned.  atlas-curation.c is the only writer.  IF NOT
   * EXISTS: a test turns a database back into an older schema by its
   * version alone. */
  "CREATE TABLE IF NOT EXISTS curation_exclusions ("
  "  uid TEXT PRIMARY KEY,"                    /* records.uid or figures.uid */
  "  target TEXT NOT NULL CHECK (target IN ('record','figure')),"
  "  reason TEXT NOT NULL CHECK (reason IN ('outlier','duplicate','monthly-as-annual',"
  "                                         'not-this-role','other')),"
  "  note TEXT,"
  "  summary TEXT NOT NULL,"                   /* the row as it was: for orphans */
  "  created_at TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* Figures and postings entered by hand, each with its citation.  They are
   * written as records and figures of a source of kind 'curated', which
   * atlas_curation_sync_additions() re-writes from this table. */
  "CREATE TABLE IF NOT EXISTS curation_additions ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('posting','figure')),"
  "  job_title TEXT NOT NULL,"
  "  company TEXT,"
  "  country TEXT NOT NULL,"
  "  city TEXT,"
  "  experience TEXT CHECK (experience IN ('EN','MI','SE','EX')),"
  "  currency TEXT NOT NULL,"
  "  amount REAL NOT NULL CHECK (amount > 0),"  /* annual; a figure's median */
  "  amount_low REAL,"
  "  amount_high REAL,"
  "  n INTEGER,"
  "  year INTEGER NOT NULL,"
  "  publisher TEXT NOT NULL CHECK (publisher <> ''),"
  "  reference TEXT NOT NULL CHECK (reference <> ''),"  /* URL or reference */
  "  cited_on TEXT NOT NULL,"
  "  note TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  /* Company merges, by normalised key, so they apply to every source, to
   * companies that first appear later and on top of the built-in aliases. */
  "CREATE TABLE IF NOT EXISTS curation_merges ("
  "  alias_key TEXT PRIMARY KEY,"
  "  into_key TEXT NOT NULL,"
  "  alias_name TEXT NOT NULL,"
  "  into_name TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* Each company id with the id it is counted under. */
  "CREATE VIEW IF NOT EXISTS company_canonical AS"
  "  SELECT c.id AS company_id, coalesce (t.id, c.id) AS canonical_id FROM companies c"
  "  LEFT JOIN curation_merges m ON m.alias_key = c.key"
  "  LEFT JOIN companies t ON t.key = m.into_key;"
  /* The actions, newest last; items say how to undo each (see
   * atlas-curation.c for the ops). */
  "CREATE TABLE IF NOT EXISTS curation_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  undone INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE IF NOT EXISTS curation_log_items ("
  "  log_id INTEGER NOT NULL REFERENCES curation_log(id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  op TEXT NOT NULL,"
  "  a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT,"
  "  PRIMARY KEY (log_id, seq)"
  ") WITHOUT ROWID;";
static const char migration_6[] =
  /* Published aggregates say more than a median: the pay basis they state
   * (base salary, total compensation; NULL: not stated), the range of the
   * reports behind them (an Indian aggregator's minimum and maximum, which
   * are not percentiles), the years of experience of the people they
   * describe (a minimum, or a half-open band [years_min, years_max)), and
   * the first year of a period (year is the last: levels.fyi's 2017–2021
   * submissions have no single year).  Records get their basis and period
   * from their source's format (atlas-pay-basis.c), which states them for
   * the whole file. */
  "ALTER TABLE figures ADD COLUMN pay_basis TEXT"
  "  CHECK (pay_basis IN ('base', 'total'));"
  "ALTER TABLE figures ADD COLUMN min REAL;"
  "ALTER TABLE figures ADD COLUMN max REAL;"
  "ALTER TABLE figures ADD COLUMN years_min REAL;"
  "ALTER TABLE figures ADD COLUMN years_max REAL;"
  "ALTER TABLE figures ADD COLUMN year_from INTEGER;";
static const char migration_7[] =
  /* Histograms published as aggregates: how many of a source's people fall
   * in each pay range [lo, hi) (hi NULL: open), per region and role family
   * ('' : all roles), in the source's currency, on its basis and period.
   * The distribution chart draws them when no record matches, so the
   * default data can show a shape without shipping a single row. */
  "CREATE TABLE IF NOT EXISTS figure_bins ("
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  region TEXT NOT NULL,"
  "  role_family TEXT NOT NULL DEFAULT '',"
  "  pay_basis TEXT CHECK (pay_basis IN ('base', 'total')),"
  "  currency TEXT NOT NULL,"
  "  year_from INTEGER,"
  "  year INTEGER NOT NULL,"
  "  lo REAL NOT NULL,"
  "  hi REAL CHECK (hi IS NULL OR hi > lo),"
  "  n INTEGER NOT NULL CHECK (n > 0),"
  "  PRIMARY KEY (source_id, region, role_family, lo)"
  ") WITHOUT ROWID;";

static const char migration_8[] =
  /* Pre-aggregated cells for the statistics (issue 12): every distinct
   * combination of what a query filters or groups by, with the pay amounts
   * as they are stored and how many records (n) and reports (weight) share
   * them.  A query reads the cells of the regions and sources it selects,
   * not every record, and still sees every individual amount: n copies of
   * a cell's amount are n records' amounts, so quantiles stay exact.
   * record_cells has every column a filter or grouping may name;
   * record_cells_coarse leaves out the company and the years of experience
   * (which make cells of single records in the H-1B and levels.fyi files)
   * for queries that use neither.  excluded is the record's exclusion by
   * the user (curation).  Per source: an import or a refresh rebuilds its
   * source's cells in its own transaction (atlas-store-cells.c), deleting a
   * source deletes them by cascade.  Changes to curation_exclusions are
   * noted by triggers in record_cells_pending; the curation action applies
   * them before it commits, and a query reads records while any are left.
   * IF NOT EXISTS and the DELETEs: a test turns a database back into an
   * older schema by its version alone.  The key starts with the country,
   * which nearly every query names, then the source, so that a query reads
   * the cells of its regions and counted sources in key order and nothing
   * else.  Filled here from the records. */
  "CREATE TABLE IF NOT EXISTS record_cells ("
  "  country TEXT NOT NULL,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  cell INTEGER NOT NULL,"                  /* numbers the source's cells */
  "  experience TEXT,"
  "  role_family TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  company_id INTEGER,"
  "  years_experience REAL,"
  "  excluded INTEGER NOT NULL,"
  "  amount REAL NOT NULL,"
  "  amount_usd REAL,"
  "  n INTEGER NOT NULL,"
  "  weight INTEGER NOT NULL,"
  "  PRIMARY KEY (country, source_id, cell)"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS record_cells_by_source ON record_cells (source_id);"
  "CREATE INDEX IF NOT EXISTS record_cells_by_company ON record_cells (company_id)"
  "  WHERE company_id IS NOT NULL;"
  "CREATE TABLE IF NOT EXISTS record_cells_coarse ("
  "  country TEXT NOT NULL,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  cell INTEGER NOT NULL,"
  "  experience TEXT,"
  "  role_family TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  excluded INTEGER NOT NULL,"
  "  amount REAL NOT NULL,"
  "  amount_usd REAL,"
  "  n INTEGER NOT NULL,"
  "  weight INTEGER NOT NULL,"
  "  PRIMARY KEY (country, source_id, cell)"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS record_cells_coarse_by_source ON record_cells_coarse (source_id);"
  "CREATE TABLE IF NOT EXISTS record_cells_pending ("
  "  uid TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  /* The triggers test before they insert: an INSERT OR FAIL that fires
   * them would turn an OR IGNORE of theirs into OR FAIL. */
  "CREATE TRIGGER IF NOT EXISTS record_cells_exclude AFTER INSERT ON curation_exclusions"
  "  BEGIN INSERT INTO record_cells_pending (uid) SELECT NEW.uid"
  "  WHERE NOT EXISTS (SELECT 1 FROM record_cells_pending WHERE uid = NEW.uid); END;"
  "CREATE TRIGGER IF NOT EXISTS record_cells_restore AFTER DELETE ON curation_exclusions"
  "  BEGIN INSERT INTO record_cells_pending (uid) SELECT OLD.uid"
  "  WHERE NOT EXISTS (SELECT 1 FROM record_cells_pending WHERE uid = OLD.uid); END;"
  "CREATE TRIGGER IF NOT EXISTS record_cells_rename AFTER UPDATE OF uid ON curation_exclusions"
  "  BEGIN INSERT INTO record_cells_pending (uid) SELECT u FROM"
  "  (SELECT OLD.uid AS u UNION SELECT NEW.uid)"
  "  WHERE u NOT IN (SELECT uid FROM record_cells_pending); END;"
  "DELETE FROM record_cells;"
  "DELETE FROM record_cells_coarse;"
  "DELETE FROM record_cells_pending;"
  ATLAS_STORE_CELLS_FILL_FINE_SQL ("1") ";"
  ATLAS_STORE_CELLS_FILL_COARSE_SQL ("1") ";";

const char * const _atlas_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
};

const guint _atlas_store_n_migrations = G_N_ELEMENTS (_atlas_store_migrations);

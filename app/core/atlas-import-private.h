/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-private.h: what the importer shares with its per-format files.
 *
 * A format recognises a header, binds its columns, and turns each CSV row
 * into an AtlasImportRecord.  Everything common (column count, UTF-8,
 * currency and country checks, role families, companies, the uid, the
 * INSERT) happens in atlas-import.c and the files it leans on. */
#pragma once

#include "atlas-csv.h"
#include "atlas-import.h"

G_BEGIN_DECLS

/* One row, ready to insert.  Strings are NUL-terminated and point into the
 * CSV row or into buffers owned by the format state; they must stay valid
 * until the row has been inserted. NULL means "unknown" (SQL NULL). */
typedef struct
{
  const char *kind;
  const char *job_title;
  const char *role_family;      /* NULL: classified from job_title */
  const char *company;          /* raw employer name */
  const char *country;          /* ISO 3166 alpha-2, upper case */
  const char *company_country;
  const char *city;
  const char *state;
  const char *experience;       /* EN, MI, SE, EX */
  double      years_experience;
  gboolean    has_years_experience;
  double      amount;           /* annual, in currency */
  const char *currency;         /* ISO 4217, upper case */
  double      amount_usd;
  gboolean    has_amount_usd;
  gint64      year;
  const char *date;             /* ISO 8601 date */
  const char *employment_type;
  gint64      remote_ratio;
  gboolean    has_remote_ratio;
  const char *company_size;
  const char *case_status;
  gint64      weight;
} AtlasImportRecord;

typedef struct
{
  AtlasFormat  format;
  const char  *licence;       /* default licence of the source */
  const char  *attribution;   /* default attribution */
  /* TRUE when @header looks like this format. */
  gboolean   (*detect)      (const AtlasCsvRow *header);
  /* Finds the columns; returns the per-import state, or NULL with @error. */
  gpointer   (*bind)        (const AtlasCsvRow *header,
                             AtlasMapping      *mapping,
                             const char        *display_name,
                             GError           **error);
  /* Fills @rec (already zeroed, weight 1) from @row; on a bad row returns
   * FALSE with a reason for the user in @reason. */
  gboolean   (*convert)     (gpointer           state,
                             const AtlasCsvRow *row,
                             AtlasImportRecord *rec,
                             GString           *reason);
  void       (*free_state)  (gpointer           state);
} AtlasImportFormatClass;

extern const AtlasImportFormatClass _atlas_import_aijobs;
extern const AtlasImportFormatClass _atlas_import_h1b;
extern const AtlasImportFormatClass _atlas_import_dol_lca;
extern const AtlasImportFormatClass _atlas_import_glassdoor;
extern const AtlasImportFormatClass _atlas_import_mapped;
extern const AtlasImportFormatClass _atlas_import_levels;

/* levels.fyi's location parts (atlas-import-levels.c): an English
 * country name to its ISO code (NULL when unknown), and one spelling per
 * city ("Bangalore" is Bengaluru). */
const char *_atlas_import_levels_country (const char *name);
const char *_atlas_import_levels_city    (const char *city);

/* Published Indian figures (atlas-import-in-figures.c): files of figures,
 * not records, imported whole in one transaction. */
gboolean    _atlas_import_in_figures_detect (const char *data,
                                             gsize       len);
gboolean    _atlas_import_in_figures   (AtlasStore                *store,
                                        const char                *display_name,
                                        const char                *source_name,
                                        const char                *data,
                                        gsize                      len,
                                        const AtlasImportOptions  *options,
                                        AtlasImportResult         *result,
                                        GError                   **error);
/* "7.8L" -> 780000, "1.2Cr" -> 12000000, "650000" -> 650000. */
gboolean    _atlas_import_parse_lakh   (const char *text,
                                        double     *rupees);

/* The registry (atlas-import-formats.c). */
const AtlasImportFormatClass *_atlas_import_format_find   (AtlasFormat         format);
/* The format that reads an input whose first row is @header: @forced, else
 * the mapped format when there is a @mapping, else the first whose detect()
 * accepts the header; NULL with an error that names @display_name. */
const AtlasImportFormatClass *_atlas_import_format_choose (AtlasFormat         forced,
                                                           AtlasMapping       *mapping,
                                                           const AtlasCsvRow  *header,
                                                           const char         *display_name,
                                                           GError            **error);

/* The column named @name (case-insensitive, surrounding blanks ignored), or -1. */
int         _atlas_import_find_column  (const AtlasCsvRow *header,
                                        const char        *name);
/* Finds every name in @names (NULL-terminated) into @columns; on a missing
 * one sets an error that names it and the input. */
gboolean    _atlas_import_find_columns (const AtlasCsvRow  *header,
                                        const char * const *names,
                                        int                *columns,
                                        const char         *display_name,
                                        const char         *format_name,
                                        GError            **error);
/* The field at @column, "" when the column is absent (-1). */
static inline const char *
_atlas_import_field (const AtlasCsvRow *row,
                     int                column)
{
  return column >= 0 && (guint) column < row->n_fields ? row->fields[column] : "";
}

/* Parses an amount.  With @lenient, a leading currency sign, blanks and
 * thousands separators ("$85,000.00") are accepted.  On failure writes the
 * reason ("salary “abc” is not a number") naming @what. */
gboolean    _atlas_import_parse_amount (const char *text,
                                        gboolean    lenient,
                                        const char *what,
                                        double     *value,
                                        GString    *reason);
gboolean    _atlas_import_parse_int    (const char *text,
                                        const char *what,
                                        gint64     *value,
                                        GString    *reason);
/* Accepts YYYY-MM-DD (with an optional time after it), YYYY/MM/DD and
 * MM/DD/YYYY; writes YYYY-MM-DD into @iso. */
gboolean    _atlas_import_parse_date   (const char *text,
                                        GString    *iso,
                                        gint64     *year);
/* Hour 2080, Week 52, Bi-Weekly 26, Month 12, Year 1 (DOL's units and the
 * usual English words). */
gboolean    _atlas_import_unit_factor  (const char *unit,
                                        double     *factor);
/* Upper-cases the ASCII letters of @text into @out, trimmed. */
const char *_atlas_import_upper        (const char *text,
                                        GString    *out);
/* Copies @text trimmed into @out; NULL when empty. */
const char *_atlas_import_trimmed      (const char *text,
                                        GString    *out);
/* EN/MI/SE/EX from a code or a word ("Entry", "Senior", "Director"). */
const char *_atlas_import_experience   (const char *text);
/* FT/PT/CT/FL from a code or words ("Full Time", "Contractor"); other
 * values ("Intern") are kept as written. */
const char *_atlas_import_employment   (const char *text);

/* A value from the mapping's [source] group (name, licence, attribution,
 * url), or NULL. */
const char *_atlas_mapping_get_source  (AtlasMapping *mapping,
                                        const char   *key);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation.h: the user's own layer over the data — exclusions,
 * hand-entered figures and postings, company merges — with an undo log.
 * It lives in tables of its own (schema 5) keyed by stable identities
 * (record and figure uids, normalised company keys), so that imports,
 * refreshes and rebuilds of the default data never touch it. */
#pragma once

#include "atlas-query.h"
#include "atlas-rates.h"
#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_CURATION_ERROR (atlas_curation_error_quark ())

typedef enum
{
  ATLAS_CURATION_ERROR_NOT_FOUND,     /* no record, figure or entry with that name */
  ATLAS_CURATION_ERROR_INVALID,       /* a field of an addition or a merge is wrong */
  ATLAS_CURATION_ERROR_NOTHING_TO_UNDO,
} AtlasCurationError;

GQuark atlas_curation_error_quark (void);

/* The name of the source that holds the hand-entered additions (kind
 * 'curated'); atlas_curation_sync_additions() re-writes it. */
#define ATLAS_CURATION_SOURCE_NAME "Hand-entered"

typedef enum
{
  ATLAS_EXCLUSION_OUTLIER,
  ATLAS_EXCLUSION_DUPLICATE,
  ATLAS_EXCLUSION_MONTHLY_AS_ANNUAL,
  ATLAS_EXCLUSION_NOT_THIS_ROLE,
  ATLAS_EXCLUSION_OTHER,
} AtlasExclusionReason;

/* "outlier", "duplicate", "monthly-as-annual", "not-this-role", "other". */
const char *atlas_exclusion_reason_to_string   (AtlasExclusionReason  reason);
gboolean    atlas_exclusion_reason_from_string (const char           *str,
                                                AtlasExclusionReason *reason);
/* Translated, for display: "Monthly pay entered as annual". */
const char *atlas_exclusion_reason_label       (AtlasExclusionReason  reason);

/* Excludes the record or figure whose uid is @uid from every statistic,
 * chart and export; excluding it again replaces the reason. */
gboolean atlas_curation_exclude        (AtlasStore            *store,
                                        const char            *uid,
                                        AtlasExclusionReason   reason,
                                        const char            *note,
                                        GError               **error);
/* Excludes every record matching @filter and @search (as in
 * atlas-records.h) that is not excluded yet, as one action. Returns how
 * many, or -1 on error. */
gint64   atlas_curation_exclude_filter (AtlasStore            *store,
                                        const AtlasFilter     *filter,
                                        const char            *search,
                                        AtlasExclusionReason   reason,
                                        const char            *note,
                                        GError               **error);
gboolean atlas_curation_restore        (AtlasStore            *store,
                                        const char            *uid,
                                        GError               **error);
/* Whether @uid is excluded, with its reason and date (either may be NULL). */
gboolean atlas_curation_is_excluded    (AtlasStore            *store,
                                        const char            *uid,
                                        AtlasExclusionReason  *reason,
                                        char                 **created_at);
gint64   atlas_curation_count_exclusions (AtlasStore          *store);

typedef enum
{
  ATLAS_ADDITION_POSTING,   /* one observation: a record */
  ATLAS_ADDITION_FIGURE,    /* a published figure: median (and range, n) */
} AtlasAdditionKind;

typedef enum
{
  ATLAS_ADDITION_FIELD_TITLE,
  ATLAS_ADDITION_FIELD_COMPANY,
  ATLAS_ADDITION_FIELD_COUNTRY,
  ATLAS_ADDITION_FIELD_EXPERIENCE,
  ATLAS_ADDITION_FIELD_CURRENCY,
  ATLAS_ADDITION_FIELD_AMOUNT,
  ATLAS_ADDITION_FIELD_RANGE,
  ATLAS_ADDITION_FIELD_N,
  ATLAS_ADDITION_FIELD_YEAR,
  ATLAS_ADDITION_FIELD_PUBLISHER,
  ATLAS_ADDITION_FIELD_REFERENCE,
  ATLAS_ADDITION_FIELD_CITED_ON,
  ATLAS_ADDITION_N_FIELDS
} AtlasAdditionField;

typedef struct
{
  AtlasAdditionKind  kind;
  char              *title;
  char              *company;      /* optional */
  char              *country;      /* ISO 3166 alpha-2 */
  char              *city;         /* optional */
  char              *experience;   /* EN MI SE EX, optional */
  char              *currency;     /* ISO 4217 */
  double             amount;       /* annual; a figure's median */
  double             amount_low;   /* NAN: none; a posting's or figure's range */
  double             amount_high;  /* NAN: none */
  gint64             n;            /* figures: reports behind it, 0: not given */
  int                year;
  char              *publisher;    /* citation: who published it */
  char              *reference;    /* citation: URL or reference */
  char              *cited_on;     /* citation: YYYY-MM-DD */
  char              *note;
} AtlasAddition;

AtlasAddition *atlas_addition_new   (void);
void           atlas_addition_free  (AtlasAddition *addition);
/* The error of one field, translated, or NULL when it is right; @rates
 * (may be NULL) judges whether the amount is plausible for its currency. */
char          *atlas_addition_check_field (const AtlasAddition *addition,
                                           AtlasAdditionField   field,
                                           AtlasRates          *rates);
/* Checks every field and adds the entry; returns its id or 0. The error
 * names the first wrong field. */
gint64         atlas_curation_add   (AtlasStore           *store,
                                     const AtlasAddition  *addition,
                                     GError              **error);

/* Counts @alias_name's company under @into_name's in every source, present
 * and future (by normalised key, so also on top of the built-in aliases).
 * Merging into a company that is itself merged goes to its target. */
gboolean atlas_curation_merge (AtlasStore  *store,
                               const char  *alias_name,
                               const char  *into_name,
                               GError     **error);
/* Undoes the merge of @name's company: it counts on its own again. */
gboolean atlas_curation_split (AtlasStore  *store,
                               const char  *name,
                               GError     **error);

/* Undoes the newest action not undone yet; @description (may be NULL)
 * says which. */
gboolean atlas_curation_undo  (AtlasStore  *store,
                               char       **description,
                               GError     **error);

typedef enum
{
  ATLAS_CURATION_EXCLUSION,
  ATLAS_CURATION_ADDITION,
  ATLAS_CURATION_MERGE,
} AtlasCurationKind;

typedef struct
{
  AtlasCurationKind  kind;
  char              *key;          /* uid, addition id, alias key */
  char              *reason;       /* exclusion reason, addition kind, "merge" */
  char              *description;  /* what it is about, for display */
  char              *note;
  char              *created_at;
  gboolean           orphaned;     /* its record, figure or company is gone */
} AtlasCurationEntry;

void       atlas_curation_entry_free (AtlasCurationEntry *entry);
/* Every exclusion, addition and merge, oldest first within each kind. */
GPtrArray *atlas_curation_list       (AtlasStore  *store,
                                      GError     **error);

/* Re-writes the records and figures of ATLAS_CURATION_SOURCE_NAME from the
 * additions table, in the caller's transaction. */
gboolean   atlas_curation_sync_additions (AtlasStore  *store,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasAddition, atlas_addition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCurationEntry, atlas_curation_entry_free)

G_END_DECLS

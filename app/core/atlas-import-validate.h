/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-validate.h: the checks every converted row passes, whatever
 * its format, and its role family. */
#pragma once

#include "atlas-import-private.h"
#include "atlas-roles.h"

G_BEGIN_DECLS

/* The years a record may have. */
#define ATLAS_IMPORT_YEAR_FIRST 1900
#define ATLAS_IMPORT_YEAR_LAST  2100

/* The longest text field a record may have, in bytes: titles and employer
 * names are far shorter, and a longer one is a broken or hostile file. */
#define ATLAS_IMPORT_MAX_FIELD_BYTES 1024

/* One input's validator: atlas_money_is_currency()/is_country() answers and
 * role families, remembered, since each row asks again. */
typedef struct
{
  AtlasRoles *roles;
  GHashTable *role_cache;                 /* title -> family (owned by the rules) */
  guint8      currency_ok[26 * 26 * 26];  /* 0 not asked yet, 1 known, 2 unknown */
  guint8      country_ok[26 * 26];
} AtlasRowValidator;

void        _atlas_row_validator_init   (AtlasRowValidator       *self);
void        _atlas_row_validator_clear  (AtlasRowValidator       *self);
/* FALSE with the reason for the user in @reason when @rec cannot be stored. */
gboolean    _atlas_row_validator_check  (AtlasRowValidator       *self,
                                         const AtlasImportRecord *rec,
                                         GString                 *reason);
/* The role family of @title ("Other" when no rule matches); a static string
 * of the rules, so that a pointer identifies a family. */
const char *_atlas_row_validator_family (AtlasRowValidator       *self,
                                         const char              *title);

G_END_DECLS

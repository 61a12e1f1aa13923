/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-roles.h: role families from free-text job titles, driven by the
 * rules table data/role-families.tsv (bundled as a resource). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AtlasRoles AtlasRoles;

/* Rules, one per line: FAMILY<TAB>pattern, first match wins; a pattern is a
 * case-insensitive substring matched on word boundaries; '#' starts a comment. */
AtlasRoles  *atlas_roles_new_from_data   (const char  *data,
                                          gsize        len,
                                          GError     **error);
/* The default rules, from the bundled resource. */
AtlasRoles  *atlas_roles_get_default     (void);
void         atlas_roles_free            (AtlasRoles  *self);
const char  *atlas_roles_classify        (AtlasRoles  *self,
                                          const char  *title);
/* The families in table order, ending with "Other". */
const char * const *atlas_roles_list_families (AtlasRoles *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasRoles, atlas_roles_free)

G_END_DECLS

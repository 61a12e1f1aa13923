/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-application.h: the AdwApplication that owns settings, the database
 * path and the app-wide actions (preferences, about, quit). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The settings schema id does not change with the .Devel app id, so that a
 * development build reads the same preferences. */
#define ATLAS_SETTINGS_SCHEMA "org.salaryatlas.SalaryAtlas"

#define ATLAS_TYPE_APPLICATION (atlas_application_get_type ())

G_DECLARE_FINAL_TYPE (AtlasApplication, atlas_application, ATLAS, APPLICATION, AdwApplication)

AtlasApplication *atlas_application_new          (void);
/* The database the windows open: --db, $SALARY_ATLAS_DB or the default path. */
const char       *atlas_application_get_db_path  (AtlasApplication *self);
void              atlas_application_set_db_path  (AtlasApplication *self,
                                                  const char       *path);
GSettings        *atlas_application_get_settings (AtlasApplication *self);

G_END_DECLS

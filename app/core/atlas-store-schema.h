/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-schema.h: the migrations, one SQL script per schema version. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _atlas_store_migrations[i] upgrades a database from user_version i to i + 1. */
extern const char * const _atlas_store_migrations[];
extern const guint _atlas_store_n_migrations;

G_END_DECLS

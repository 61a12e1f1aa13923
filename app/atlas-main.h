/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-main.h: the entry point of libatlas-main.so, which the executable
 * (main.c) loads for everything but `--version`. */

#pragma once

int atlas_main (int    argc,
                char **argv);

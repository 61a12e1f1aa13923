/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting charts: PNG size and scale, SVG that parses as XML and carries
 * <title>/<desc>, a one-page PDF with metadata, and failures that leave
 * nothing behind. */

#include <glib/gstdio.h>

#include "test-chart-fixture.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-chart-private.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("atlas-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static AtlasChartSpec *
make_spec (void)
{
  AtlasChartSpec *spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);

  spec->title = g_strdup ("Test chart");
  spec->subtitle = g_strdup ("Machine Learning & friends");
  return spec;
}

static void
test_png (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = make_spec ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);

  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *png;

      g_assert_true (atlas_chart_export_to_file (spec, result, path, ATLAS_CHART_FORMAT_PNG,
                                                 800, 500, scale, &error));
      g_assert_no_error (error);
      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800 * scale);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 500 * scale);
      cairo_surface_destroy (png);
      /* Only the file: the temporary one was renamed, not left behind. */
      g_assert_cmpuint (count_entries (dir), ==, 1);
    }

  remove_dir (dir);
}

typedef struct
{
  GString  *path;      /* element stack, "/svg/title" */
  GString  *title;
  GString  *desc;
  gboolean  root_is_svg;
} SvgCheck;

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  SvgCheck *c = user_data;

  if (c->path->len == 0)
    c->root_is_svg = g_str_equal (element, "svg");
  g_string_append_printf (c->path, "/%s", element);
}

static void
svg_end (GMarkupParseContext *context,
         const char          *element,
         gpointer             user_data,
         GError             **error)
{
  SvgCheck *c = user_data;
  const char *slash = strrchr (c->path->str, '/');

  g_string_truncate (c->path, slash - c->path->str);
}

static void
svg_text (GMarkupParseContext *context,
          const char          *text,
          gsize                len,
          gpointer             user_data,
          GError             **error)
{
  SvgCheck *c = user_data;

  if (g_str_equal (c->path->str, "/svg/title"))
    g_string_append_len (c->title, text, len);
  else if (g_str_equal (c->path->str, "/svg/desc"))
    g_string_append_len (c->desc, text, len);
}

static void
test_svg (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = make_spec ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) parser = NULL;
  GMarkupParser callbacks = { svg_start, svg_end, svg_text, NULL, NULL };
  SvgCheck check = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL), FALSE };
  gsize len;

  g_assert_true (atlas_chart_export_to_file (spec, result, path, ATLAS_CHART_FORMAT_SVG,
                                             800, 500, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));

  parser = g_markup_parse_context_new (&callbacks, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, contents, len, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (parser, &error));
  g_assert_no_error (error);

  g_assert_true (check.root_is_svg);
  /* The title and filter, escaped on the way in and read back intact. */
  g_assert_cmpstr (check.title->str, ==, "Test chart — Machine Learning & friends");
  g_assert_nonnull (strstr (check.desc->str, "Test source"));
  g_assert_nonnull (strstr (check.desc->str, "CC0-1.0"));
  g_assert_nonnull (strstr (contents, "width=\"800"));

  g_string_free (check.path, TRUE);
  g_string_free (check.title, TRUE);
  g_string_free (check.desc, TRUE);
  remove_dir (dir);
}

/* PDFs hold binary streams with NUL bytes: strstr would stop at them. */
static const char *
find_bytes (const char *haystack,
            gsize       len,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

static guint
count_pages (const char *pdf,
             gsize       len)
{
  const char *p = pdf, *end = pdf + len;
  guint n = 0;

  /* "/Type /Page" but not "/Type /Pages". */
  while ((p = find_bytes (p, end - p, "/Type /Page")) != NULL)
    {
      p += strlen ("/Type /Page");
      if (p < end && *p != 's')
        n++;
    }
  return n;
}

static void
test_pdf (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = make_spec ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_free (spec->subtitle);
  spec->subtitle = g_strdup ("ML");
  g_assert_true (atlas_chart_export_to_file (spec, result, path, ATLAS_CHART_FORMAT_PDF,
                                             800, 500, 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_pages (contents, len), ==, 1);
  /* Non-ASCII text makes cairo write UTF-16; the title here is ASCII up to
   * the dash, so look for its start. */
  g_assert_nonnull (find_bytes (contents, len, "/Title"));
  g_assert_nonnull (find_bytes (contents, len, "/Subject"));
  g_assert_nonnull (find_bytes (contents, len, "/Creator (Salary Atlas"));
  remove_dir (dir);
}

static void
test_failures (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = make_spec ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *existing = g_build_filename (dir, "keep.png", NULL);
  AtlasChartFormat format;

  /* A folder that does not exist: a clear error naming it, and no file. */
  g_assert_false (atlas_chart_export_to_file (spec, result, missing, ATLAS_CHART_FORMAT_PNG,
                                              800, 500, 1, &error));
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* Impossible sizes are refused before anything is written; an existing
   * file stays as it was. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  g_assert_false (atlas_chart_export_to_file (spec, result, existing, ATLAS_CHART_FORMAT_PNG,
                                              800, 500, 100, &error));
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_RENDER);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  {
    g_autofree char *old = NULL;
    g_assert_true (g_file_get_contents (existing, &old, NULL, NULL));
    g_assert_cmpstr (old, ==, "old");
  }

  /* Formats from names. */
  g_assert_true (atlas_chart_format_from_path ("/tmp/a.b/Chart.PDF", &format));
  g_assert_cmpint (format, ==, ATLAS_CHART_FORMAT_PDF);
  g_assert_true (atlas_chart_format_from_path ("x.svg", &format));
  g_assert_cmpint (format, ==, ATLAS_CHART_FORMAT_SVG);
  g_assert_false (atlas_chart_format_from_path ("x.jpeg", &format));
  g_assert_false (atlas_chart_format_from_path ("/tmp/a.png/chart", &format));
  g_assert_false (atlas_chart_format_from_string ("gif", &format));

  remove_dir (dir);
}

/* Issue 13, item 6: the finished file reaches the disk before its name
 * does. A stand-in for fsync() sees the temporary file whole and the target
 * not yet replaced; when fsync fails the export fails and the target stays. */
static struct
{
  const char *target;
  guint       calls;
  gint64      size;         /* of the synced file */
  char       *target_then;  /* the target's contents at the fsync */
  int         fail_with;    /* errno to fail with, or 0 */
} sync_seen;

static int
fake_fsync (int fd)
{
  struct stat st;

  sync_seen.calls++;
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  sync_seen.size = st.st_size;
  g_clear_pointer (&sync_seen.target_then, g_free);
  g_assert_true (g_file_get_contents (sync_seen.target, &sync_seen.target_then, NULL, NULL));
  if (sync_seen.fail_with != 0)
    {
      errno = sync_seen.fail_with;
      return -1;
    }
  return fsync (fd);
}

static void
test_fsync (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = make_spec ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  sync_seen.target = path;
  _atlas_chart_export_set_fsync (fake_fsync);

  g_assert_true (atlas_chart_export_to_file (spec, result, path, ATLAS_CHART_FORMAT_SVG,
                                             800, 500, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sync_seen.calls, ==, 1);
  g_assert_cmpstr (sync_seen.target_then, ==, "old");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpint (sync_seen.size, ==, (gint64) len);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* A failed fsync (a full or failing disk): an error naming the file and
   * the reason; the target keeps its old contents; no temporary is left. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  sync_seen.calls = 0;
  sync_seen.fail_with = EIO;
  g_assert_false (atlas_chart_export_to_file (spec, result, path, ATLAS_CHART_FORMAT_SVG,
                                              800, 500, 1, &error));
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (EIO)));
  g_assert_cmpuint (sync_seen.calls, ==, 1);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  _atlas_chart_export_set_fsync (NULL);
  g_clear_pointer (&sync_seen.target_then, g_free);
  memset (&sync_seen, 0, sizeof sync_seen);
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/export/png", test_png);
  g_test_add_func ("/atlas/export/svg", test_svg);
  g_test_add_func ("/atlas/export/pdf", test_pdf);
  g_test_add_func ("/atlas/export/failures", test_failures);
  g_test_add_func ("/atlas/export/fsync", test_fsync);

  return g_test_run ();
}

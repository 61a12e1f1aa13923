/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <gio/gio.h>
#include <string.h>

#include "atlas-roles.h"

static void
test_default_rules (void)
{
  AtlasRoles *roles = atlas_roles_get_default ();
  struct { const char *title; const char *family; } cases[] = {
    { "Machine Learning Engineer", "Machine Learning Engineer" },
    { "SENIOR MACHINE LEARNING ENGINEER", "Machine Learning Engineer" },
    { "MLOps Engineer", "Machine Learning Engineer" },
    { "Machine Learning Scientist", "Research Scientist" },
    { "Machine Learning Researcher", "Research Scientist" },
    { "Applied Scientist", "Research Scientist" },
    { "Data Scientist", "Data Scientist" },
    { "DATA SCIENTIST II", "Data Scientist" },
    { "Data Engineer", "Data Engineer" },
    { "Analytics Engineer", "Data Engineer" },
    { "Data Analyst", "Data Analyst" },
    { "BI Developer", "Data Analyst" },
    { "Research Analyst", "Data Analyst" },
    { "AI Engineer", "AI Engineer" },
    { "Prompt Engineer", "AI Engineer" },
    { "Software Engineer", "Software Engineer" },
    { "Android Developer", "Software Engineer" },
    { "Engineering Manager", "Manager" },
    { "Head of Data", "Manager" },
    { "Consultant", "Other" },
    { "", "Other" },
    /* Word boundaries: "bi" must not match inside "mobile". */
    { "Mobile Tester", "Other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (atlas_roles_classify (roles, cases[i].title), ==, cases[i].family);
}

static void
test_family_order (void)
{
  const char * const *families = atlas_roles_list_families (atlas_roles_get_default ());
  guint n = g_strv_length ((GStrv) families);

  g_assert_cmpstr (families[0], ==, "Machine Learning Engineer");
  g_assert_cmpstr (families[n - 1], ==, "Other");
  g_assert_true (g_strv_contains (families, "Data Scientist"));
}

static void
test_custom_rules (void)
{
  const char *rules = "# test\n=B\nA\tfoo bar\nB\tbar\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasRoles) roles = atlas_roles_new_from_data (rules, strlen (rules), &error);
  const char * const *families;

  g_assert_no_error (error);
  g_assert_cmpstr (atlas_roles_classify (roles, "Foo Bar Baz"), ==, "A");
  g_assert_cmpstr (atlas_roles_classify (roles, "Bar"), ==, "B");
  g_assert_cmpstr (atlas_roles_classify (roles, "Barista"), ==, "Other");
  families = atlas_roles_list_families (roles);
  g_assert_cmpstr (families[0], ==, "B");
  g_assert_cmpstr (families[1], ==, "A");
  g_assert_cmpstr (families[2], ==, "Other");
  g_assert_null (families[3]);
}

static void
test_bad_rules (void)
{
  const char *rules = "A\tok\nno tab here\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasRoles) roles = atlas_roles_new_from_data (rules, strlen (rules), &error);

  g_assert_null (roles);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/roles/default-rules", test_default_rules);
  g_test_add_func ("/atlas/roles/family-order", test_family_order);
  g_test_add_func ("/atlas/roles/custom-rules", test_custom_rules);
  g_test_add_func ("/atlas/roles/bad-rules", test_bad_rules);

  return g_test_run ();
}

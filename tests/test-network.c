/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-network.c: the proxy each download gets from a (fake) GProxyResolver,
 * and the automatic refresh held back on a (fake) metered network. */

#include "config.h"

#include <glib/gstdio.h>

#include "atlas-feed.h"
#include "atlas-network.h"
#include "atlas-store.h"
#include "fake-network.h"

#define AIJOBS "aijobs-salaries-2025-01-19.csv"
/* A name that never resolves (RFC 2606): only a proxy can reach it. */
#define PROXIED_URL "http://salaries.invalid/files/head.csv"

static void
test_proxy_http (void)
{
  g_autoptr(FakeResolver) resolver =
    fake_resolver_new ((const char *[]) { "http://proxy.example:3128", "direct://", NULL });
  g_autofree char *proxy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_network_proxy_for_url (G_PROXY_RESOLVER (resolver),
                                              "https://aijobs.net/salaries/download/salaries.csv",
                                              NULL, &proxy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (proxy, ==, "http://proxy.example:3128");
  /* The resolver was asked about this very URL (PAC files decide per URL). */
  g_assert_cmpuint (resolver->lookups, ==, 1);
  g_assert_cmpstr (resolver->last_url, ==, "https://aijobs.net/salaries/download/salaries.csv");
}

static void
test_proxy_direct (void)
{
  g_autoptr(FakeResolver) resolver = fake_resolver_new ((const char *[]) { "direct://", NULL });
  g_autofree char *proxy = NULL;
  g_autoptr(GError) error = NULL;

  /* Direct is an empty string: libcurl then ignores http_proxy as well. */
  g_assert_true (atlas_network_proxy_for_url (G_PROXY_RESOLVER (resolver), "http://a.example/",
                                              NULL, &proxy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (proxy, ==, "");
}

static void
test_proxy_skips_unusable (void)
{
  g_autoptr(FakeResolver) resolver =
    fake_resolver_new ((const char *[]) { "ftp://old.example:21", "socks5://socks.example:1080",
                                          "direct://", NULL });
  g_autoptr(FakeResolver) none = fake_resolver_new ((const char *[]) { "ftp://old.example:21", NULL });
  g_autofree char *proxy = NULL;
  g_autofree char *none_proxy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_network_proxy_for_url (G_PROXY_RESOLVER (resolver), "https://a.example/",
                                              NULL, &proxy, &error));
  g_assert_cmpstr (proxy, ==, "socks5://socks.example:1080");

  g_assert_false (atlas_network_proxy_for_url (G_PROXY_RESOLVER (none), "https://a.example/",
                                               NULL, &none_proxy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "https://a.example/"));
  g_assert_null (none_proxy);
}

static void
test_proxy_lookup_fails (void)
{
  g_autoptr(FakeResolver) resolver = fake_resolver_new (NULL);
  g_autofree char *proxy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_network_proxy_for_url (G_PROXY_RESOLVER (resolver), "https://a.example/",
                                               NULL, &proxy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (proxy);
}

static void
test_metered (void)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  GNetworkMonitor *m = G_NETWORK_MONITOR (monitor);

  fake_monitor_set (monitor, TRUE, FALSE);
  g_assert_true (atlas_network_auto_refresh_allowed (m));

  /* A phone's hotspot: no automatic download. */
  fake_monitor_set (monitor, TRUE, TRUE);
  g_assert_false (atlas_network_auto_refresh_allowed (m));

  /* No network at all: nothing to try. */
  fake_monitor_set (monitor, FALSE, FALSE);
  g_assert_false (atlas_network_auto_refresh_allowed (m));
}

typedef struct
{
  char        *dir;
  GSubprocess *server;
  char        *proxy;     /* http://127.0.0.1:PORT, the feed server */
  AtlasStore  *store;
} Loopback;

/* tests/feed-server.py serving the first 50 lines of the real aijobs.net
 * snapshot; FALSE (and the test skipped) without the data or python3. */
static gboolean
loopback_start (Loopback *lb)
{
  const char *shared = g_getenv ("ATLAS_SHARED_DATA");
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *csv = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *head = NULL;
  g_autofree char *root = NULL;
  g_autofree char *target = NULL;
  g_autofree char *script = NULL;
  g_autofree char *db = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *p;

  csv = g_build_filename (shared ? shared : "", AIJOBS, NULL);
  if (shared == NULL || python == NULL || !g_file_get_contents (csv, &contents, NULL, NULL))
    {
      g_test_skip ("needs python3 and " AIJOBS " in ATLAS_SHARED_DATA");
      return FALSE;
    }
  p = contents;
  for (int lines = 0; lines < 50 && p != NULL; lines++)
    p = strchr (p, '\n') ? strchr (p, '\n') + 1 : NULL;
  g_assert_nonnull (p);
  head = g_strndup (contents, p - contents);

  lb->dir = g_dir_make_tmp ("atlas-network-XXXXXX", &error);
  g_assert_no_error (error);
  root = g_build_filename (lb->dir, "www", NULL);
  g_assert_cmpint (g_mkdir (root, 0700), ==, 0);
  target = g_build_filename (root, "head.csv", NULL);
  g_file_set_contents (target, head, -1, &error);
  g_assert_no_error (error);

  script = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "tests", "feed-server.py", NULL);
  lb->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 &error, python, script, "--root", root, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (lb->server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  lb->proxy = g_strdup_printf ("http://127.0.0.1:%s", line);

  db = g_build_filename (lb->dir, "atlas.db", NULL);
  lb->store = atlas_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_feed_add_source (lb->store, "proxied", PROXIED_URL, "aijobs", NULL,
                                        "CC0-1.0", NULL, &error));
  g_assert_no_error (error);
  return TRUE;
}

static void
loopback_stop (Loopback *lb)
{
  g_autoptr(GDir) dir = NULL;

  g_clear_pointer (&lb->store, atlas_store_free);
  if (lb->server != NULL)
    {
      g_subprocess_force_exit (lb->server);
      g_subprocess_wait (lb->server, NULL, NULL);
      g_clear_object (&lb->server);
    }
  if (lb->dir != NULL)
    {
      g_autofree char *www = g_build_filename (lb->dir, "www", NULL);
      g_autofree char *csv = g_build_filename (www, "head.csv", NULL);
      const char *name;

      g_unlink (csv);
      g_rmdir (www);
      dir = g_dir_open (lb->dir, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (lb->dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (lb->dir);
    }
  g_free (lb->dir);
  g_free (lb->proxy);
}

/* A refresh asks the resolver about the feed's URL and goes through the
 * proxy it names: the feed's host does not exist, so only the proxy (the
 * loopback feed server, which serves absolute-form requests) can answer. */
static void
test_refresh_through_proxy (void)
{
  Loopback lb = { 0 };
  g_autoptr(FakeResolver) resolver = NULL;
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedOptions options;

  if (!loopback_start (&lb))
    return;
  resolver = fake_resolver_new ((const char *[]) { lb.proxy, NULL });

  atlas_feed_options_init (&options);
  options.max_tries = 1;
  options.proxy_resolver = G_PROXY_RESOLVER (resolver);
  result = atlas_feed_refresh_sync (lb.store, "proxied", &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* 49 data rows under the header. */
  g_assert_cmpuint (result->records, ==, 49);
  g_assert_cmpuint (resolver->lookups, ==, 1);
  g_assert_cmpstr (resolver->last_url, ==, PROXIED_URL);

  loopback_stop (&lb);
}

/* "direct://" from the settings wins over a proxy in the environment; a
 * failed lookup fails the refresh with the URL named, before any request. */
static void
test_refresh_direct_and_failed_lookup (void)
{
  Loopback lb = { 0 };
  g_autoptr(FakeResolver) direct = fake_resolver_new ((const char *[]) { "direct://", NULL });
  g_autoptr(FakeResolver) broken = fake_resolver_new (NULL);
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedOptions options;

  if (!loopback_start (&lb))
    return;

  /* Were the environment's proxy used, the loopback server would answer. */
  g_setenv ("http_proxy", lb.proxy, TRUE);
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");

  atlas_feed_options_init (&options);
  options.max_tries = 1;
  options.connect_timeout = 5;
  options.proxy_resolver = G_PROXY_RESOLVER (direct);
  result = atlas_feed_refresh_sync (lb.store, "proxied", &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK);
  g_assert_cmpuint (direct->lookups, ==, 1);
  g_clear_error (&error);

  options.proxy_resolver = G_PROXY_RESOLVER (broken);
  result = atlas_feed_refresh_sync (lb.store, "proxied", &options, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, PROXIED_URL));
  g_assert_nonnull (strstr (error->message, "the PAC script failed"));

  g_unsetenv ("http_proxy");
  loopback_stop (&lb);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/network/proxy/http", test_proxy_http);
  g_test_add_func ("/atlas/network/proxy/direct", test_proxy_direct);
  g_test_add_func ("/atlas/network/proxy/skips-unusable", test_proxy_skips_unusable);
  g_test_add_func ("/atlas/network/proxy/lookup-fails", test_proxy_lookup_fails);
  g_test_add_func ("/atlas/network/metered", test_metered);
  g_test_add_func ("/atlas/network/refresh/through-proxy", test_refresh_through_proxy);
  g_test_add_func ("/atlas/network/refresh/direct-and-failed-lookup",
                   test_refresh_direct_and_failed_lookup);

  return g_test_run ();
}

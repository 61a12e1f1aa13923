/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-network.c: the proxy each download gets from a (fake) GProxyResolver,
 * and the automatic refresh held back on a (fake) metered network. */

#include "config.h"

#include "atlas-network.h"
#include "fake-network.h"

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

  return g_test_run ();
}

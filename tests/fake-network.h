/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fake-network.h: a GProxyResolver that answers a fixed list of proxies and
 * counts its lookups, and a GNetworkMonitor whose availability and metered
 * state a test sets, for the network tests. */
#pragma once

#include <gio/gio.h>

/* FakeResolver */

#define FAKE_TYPE_RESOLVER (fake_resolver_get_type ())
G_DECLARE_FINAL_TYPE (FakeResolver, fake_resolver, FAKE, RESOLVER, GObject)

struct _FakeResolver
{
  GObject  parent_instance;
  GStrv    proxies;   /* NULL: the lookup fails */
  char    *last_url;
  guint    lookups;
};

static void fake_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeResolver, fake_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      fake_resolver_iface_init))

static gchar **
fake_resolver_lookup (GProxyResolver  *resolver,
                      const gchar     *uri,
                      GCancellable    *cancellable,
                      GError         **error)
{
  FakeResolver *self = FAKE_RESOLVER (resolver);

  self->lookups++;
  g_free (self->last_url);
  self->last_url = g_strdup (uri);
  if (self->proxies == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the PAC script failed");
      return NULL;
    }
  return g_strdupv (self->proxies);
}

static void
fake_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->lookup = fake_resolver_lookup;
}

static void
fake_resolver_finalize (GObject *object)
{
  FakeResolver *self = FAKE_RESOLVER (object);

  g_strfreev (self->proxies);
  g_free (self->last_url);
  G_OBJECT_CLASS (fake_resolver_parent_class)->finalize (object);
}

static void
fake_resolver_class_init (FakeResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_resolver_finalize;
}

static void
fake_resolver_init (FakeResolver *self)
{
}

static inline FakeResolver *
fake_resolver_new (const char * const *proxies)
{
  FakeResolver *self = g_object_new (FAKE_TYPE_RESOLVER, NULL);

  self->proxies = g_strdupv ((char **) proxies);
  return self;
}

/* FakeMonitor: GNetworkMonitor's properties are read-only to the outside,
 * so the test sets the fields and notifies. */

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject             parent_instance;
  gboolean            available;
  gboolean            metered;
};

enum {
  FAKE_MONITOR_PROP_0,
  FAKE_MONITOR_PROP_AVAILABLE,
  FAKE_MONITOR_PROP_METERED,
  FAKE_MONITOR_PROP_CONNECTIVITY,
};

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);
static void fake_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      fake_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      fake_monitor_iface_init))

static gboolean
fake_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return FAKE_MONITOR (monitor)->available;
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = fake_monitor_can_reach;
}

static gboolean
fake_monitor_initable_init_cb (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  return TRUE;
}

static void
fake_monitor_initable_init (GInitableIface *iface)
{
  iface->init = fake_monitor_initable_init_cb;
}

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case FAKE_MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case FAKE_MONITOR_PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case FAKE_MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, FAKE_MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, FAKE_MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, FAKE_MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

static inline void
fake_monitor_set (FakeMonitor *self,
                  gboolean     available,
                  gboolean     metered)
{
  self->available = available;
  self->metered = metered;
  g_object_notify (G_OBJECT (self), "network-metered");
  g_object_notify (G_OBJECT (self), "network-available");
}

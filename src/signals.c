#include "src/signals.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

/* Atomic, not just volatile sig_atomic_t: the handler may run on a worker thread while the
 * main thread reads the flag (a lock-free atomic int is safe in a handler). */
static atomic_int pending;

static void on_stop(int sig)
{
    int none = 0;
    atomic_compare_exchange_strong(&pending, &none, sig);
}

void signals_install(void)
{
    static const int stops[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        sigaction(stops[i], &sa, NULL);
}

int signals_pending(void)
{
    return atomic_load(&pending);
}

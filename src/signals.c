#include "src/signals.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending;

static void on_stop(int sig)
{
    if (!pending)
        pending = sig;
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
    return pending;
}

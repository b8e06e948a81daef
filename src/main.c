/* main.c — the process: parse the command line, then run the dashboard or the headless runner.
 * Exit status: 0 success, 2 bad usage or input, 1 other failure. */
#include "src/app.h"

int main(int argc, char **argv)
{
    return app_main(argc, argv);
}

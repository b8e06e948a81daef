/* app.h — the program's entry: parse arguments, then headless run or dashboard. */
#ifndef LOSSARENA_SRC_APP_H
#define LOSSARENA_SRC_APP_H

int app_main(int argc, char **argv);

#endif

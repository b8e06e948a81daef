/* merge.h — `lossarena merge FILE... [--csv F] [--export F.png] [--format F]`: reads the CSV
 * files of the shards of one grid (src/shard.h) and writes what the unsharded run writes: the
 * same summary on stdout, the same CSV and the same figure, byte for byte. */
#ifndef LOSSARENA_SRC_MERGE_H
#define LOSSARENA_SRC_MERGE_H

/* argv[1] is "merge" or "--merge". Returns the exit status: 0, 2 for missing, duplicate,
 * foreign or broken shard files (one line naming the file), 1 when an output failed. */
int merge_main(int argc, char **argv);

#endif

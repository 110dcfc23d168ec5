// The floor of a full build on this disk: creates the files of a built site (sizes and paths
// listed as "SIZE PATH" lines, from find -printf) with plain open/write/close, one thread.
// Usage: create-files LIST OUTDIR. Built and run by bench/build.sh.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>
#include <errno.h>
static void mkdirs(char *path) {
    char *slash = strrchr(path, '/'); if (!slash) return;
    *slash = 0;
    if (mkdir(path, 0755) != 0 && errno == ENOENT) { mkdirs(path); mkdir(path, 0755); }
    *slash = '/';
}
int main(int argc, char **argv) {
    FILE *list = fopen(argv[1], "r"); const char *out = argv[2];
    static char buf[1 << 20]; memset(buf, 'x', sizeof buf);
    char line[4096], path[8192]; long size; int n = 0;
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    mkdir(out, 0755);
    while (fscanf(list, "%ld %4095s", &size, line) == 2) {
        snprintf(path, sizeof path, "%s/%s", out, line);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { mkdirs(path); fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644); }
        if (fd < 0) { perror(path); return 1; }
        while (size > 0) { long k = size > (long)sizeof buf ? (long)sizeof buf : size; write(fd, buf, k); size -= k; }
        close(fd); n++;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%d files in %.3f s\n", n, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
    return 0;
}

// The plain exact scan the engine's FLAT search is compared with (docs/performance.md): one thread, one query at a
// time over every row, top-10 by insertion, COSINE from precomputed inverse row norms (as the engine caches them).
// Also measures the memory read bandwidth (1 and 2 threads summing the rows). Compiled by AnnBenchmark at run time:
// gcc -O3 -march=native -ffast-math scan.c -lpthread -lm. Usage: scan <dir> <rows> <dim> <l2|cosine> <queries>
// Prints one JSON line.
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static float *read_floats(const char *dir, const char *name, size_t count) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  float *data = malloc(count * sizeof(float));
  if (fread(data, sizeof(float), count, f) != count) { fprintf(stderr, "short read %s\n", path); exit(1); }
  fclose(f);
  return data;
}

typedef struct { const float *data; size_t begin, end; double sum; } Part;

static void *sum_part(void *arg) {
  Part *p = arg;
  float s = 0;
  for (size_t i = p->begin; i < p->end; i++) s += p->data[i];
  p->sum = s;
  return NULL;
}

/* GB/s reading n floats with the given number of threads, best of 3. */
static double bandwidth(const float *data, size_t n, int threads) {
  double best = 0;
  for (int round = 0; round < 3; round++) {
    Part parts[2];
    pthread_t ids[2];
    double t = seconds();
    for (int i = 0; i < threads; i++) {
      parts[i] = (Part){data, n * i / threads, n * (i + 1) / threads, 0};
      pthread_create(&ids[i], NULL, sum_part, &parts[i]);
    }
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    double gbs = n * sizeof(float) / (seconds() - t) / 1e9;
    if (parts[0].sum == 12345.678f) printf("#");
    if (gbs > best) best = gbs;
  }
  return best;
}

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: scan <dir> <rows> <dim> <l2|cosine> <queries>\n"); return 2; }
  const char *dir = argv[1];
  size_t rows = strtoul(argv[2], 0, 10), dim = strtoul(argv[3], 0, 10), nq = strtoul(argv[5], 0, 10);
  int cosine = strcmp(argv[4], "cosine") == 0;
  float *base = read_floats(dir, "base.f32", rows * dim), *queries = read_floats(dir, "queries.f32", nq * dim);
  float *inverse = malloc(rows * sizeof(float));
  for (size_t r = 0; r < rows; r++) {
    float s = 0;
    for (size_t i = 0; i < dim; i++) s += base[r * dim + i] * base[r * dim + i];
    inverse[r] = s > 0 ? 1 / sqrtf(s) : 0;
  }
  double one = bandwidth(base, rows * dim, 1), two = bandwidth(base, rows * dim, 2);
  long checksum = 0;
  double t = seconds();
  for (size_t q = 0; q < nq; q++) {
    const float *v = queries + q * dim;
    float best[10];
    long ids[10];
    int kept = 0;
    for (size_t r = 0; r < rows; r++) {
      const float *x = base + r * dim;
      float s = 0;
      if (cosine) { for (size_t i = 0; i < dim; i++) s += v[i] * x[i]; s = -s * inverse[r]; }
      else for (size_t i = 0; i < dim; i++) { float d = v[i] - x[i]; s += d * d; }
      if (kept == 10 && s >= best[9]) continue;
      int j = kept < 10 ? kept++ : 9;
      while (j > 0 && best[j - 1] > s) { best[j] = best[j - 1]; ids[j] = ids[j - 1]; j--; }
      best[j] = s;
      ids[j] = (long)r;
    }
    checksum += ids[0];
  }
  double elapsed = seconds() - t;
  printf("{\"qps\": %.3f, \"ms\": %.4f, \"bandwidth1\": %.2f, \"bandwidth2\": %.2f, \"checksum\": %ld}\n",
         nq / elapsed, elapsed * 1000 / nq, one, two, checksum);
  return 0;
}

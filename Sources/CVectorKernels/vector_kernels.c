// Swift's default x86-64 target stops at SSE2, so its SIMD types run a 384-float dot
// product as 96 four-lane steps. Compiling the kernel here, per instruction set, and
// picking one at run time lets one binary use AVX2/AVX-512 where the CPU has them
// (hnswlib gets the same by being built with -march=native).
#include "vector_kernels.h"

static float dot_portable(const float *a, const float *b, size_t count) {
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        for (int lane = 0; lane < 8; lane++) acc[lane] += a[i + lane] * b[i + lane];
    }
    float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < count; i++) sum += a[i] * b[i];
    return sum;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx2,fma")))
static float dot_avx2(const float *a, const float *b, size_t count) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
    }
    __m256 acc = _mm256_add_ps(acc0, acc1);
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_shuffle_ps(half, half, 1));
    float sum = _mm_cvtss_f32(half);
    for (; i < count; i++) sum += a[i] * b[i];
    return sum;
}

__attribute__((target("avx512f")))
static float dot_avx512(const float *a, const float *b, size_t count) {
    __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= count; i += 32) {
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), acc0);
        acc1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), acc1);
    }
    if (i + 16 <= count) {
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), acc0);
        i += 16;
    }
    float sum = _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
    for (; i < count; i++) sum += a[i] * b[i];
    return sum;
}

typedef float (*dot_kernel)(const float *, const float *, size_t);

static dot_kernel chosen_kernel(const char **name) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) { *name = "avx512"; return dot_avx512; }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { *name = "avx2-fma"; return dot_avx2; }
    *name = "portable";
    return dot_portable;
}

static dot_kernel kernel = dot_portable;
static const char *kernel_name = "portable";

// Resolved before main runs, so the hot path reads a plain pointer with no lazy check
// and no data race between threads.
__attribute__((constructor))
static void resolve_kernel(void) {
    kernel = chosen_kernel(&kernel_name);
}

float sluice_dot_f32(const float *a, const float *b, size_t count) {
    return kernel(a, b, count);
}

const char *sluice_dot_kernel_name(void) { return kernel_name; }

#else

float sluice_dot_f32(const float *a, const float *b, size_t count) {
    return dot_portable(a, b, count);
}

const char *sluice_dot_kernel_name(void) { return "portable"; }

#endif

void sluice_prefetch(const void *address, size_t bytes) {
    const char *p = (const char *)address;
    for (size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(p + offset, 0, 3);
}

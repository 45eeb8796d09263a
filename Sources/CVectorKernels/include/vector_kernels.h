#ifndef SLUICE_VECTOR_KERNELS_H
#define SLUICE_VECTOR_KERNELS_H

#include <stddef.h>

/// Dot product of two `count`-long float vectors, using the widest vector unit the CPU
/// has (AVX-512, else AVX2 with FMA, else the compiler's baseline), chosen once per process.
float sluice_dot_f32(const float *a, const float *b, size_t count);

/// Asks the CPU to start loading the cache lines of `bytes` bytes at `address`: a hint,
/// never a fault, so any address is allowed.
void sluice_prefetch(const void *address, size_t bytes);

/// The kernel `sluice_dot_f32` uses on this CPU: "avx512", "avx2-fma" or "portable".
const char *sluice_dot_kernel_name(void);

#endif

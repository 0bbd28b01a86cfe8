// kernels.h — the hot loops of Dense and Conv2D (matrix products and the sparse passes' weighted
// sums), compiled once per x86-64 level and picked when the program starts.
//
// The package is built for a baseline CPU (x86-64-v2) so that it runs anywhere; Eigen chooses its
// SIMD width from preprocessor macros at compile time, so the baseline alone would never use AVX.
// src/core/isa/kernels_impl.cpp is therefore compiled three times (x86-64-v2, -v3 = AVX2 + FMA,
// -v4 = AVX-512), each copy with Eigen and its own functions in a namespace of their own, so that no
// inline or template function compiled for a wider CPU can be picked by the linker for the rest of
// the program (a ctest, isa_symbols, checks that with nm). kernels() returns the table for the
// widest level this CPU has, or the one $NEUROSTEP_ISA names (baseline, avx2, avx512).
// A -DNEUROSTEP_NATIVE=ON build compiles one copy, for this machine's CPU ("native"). The web build
// (web/CMakeLists.txt) has two: Eigen's portable code ("generic", its baseline) and WebAssembly
// SIMD kernels written by hand ("wasm_simd", src/core/isa/kernels_wasm_simd.cpp), which it uses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurostep {

// A run of values starting at `at` in some buffer, to be added up with weight `weight` (Conv2D's
// sparse passes).
template <typename T>
struct WeightedRun {
  std::uint32_t at;  // 32 bits (a sample's buffer, or one layer's weights, is far smaller) keep a float run in 8 bytes
  T weight;
};

// add_weighted_runs reads up to this many values past the end of a run: buffers it reads from need
// that much slack at their end.
constexpr int kRunSlack = 64;

// How gemm combines its operands, named at the call: k.gemm({.accumulate = true, .transpose_a = true}, …).
struct GemmOptions {
  bool accumulate = false;   // c += op(a)·op(b) instead of c = op(a)·op(b)
  bool transpose_a = false;  // a is stored (k×m) and read as its transpose
  bool transpose_b = false;  // b is stored (n×k) and read as its transpose
};

template <typename T>
struct KernelTable {
  // c (m×n) = op(a)·op(b), or c += op(a)·op(b) with .accumulate; all row-major and contiguous; a is
  // stored (m×k), or (k×m) with .transpose_a; b is stored (k×n), or (n×k) with .transpose_b.
  void (*gemm)(GemmOptions options, int m, int n, int k, const T* a, const T* b, T* c);
  // to[0, width) += Σ weight · base[at + offset, at + offset + width) over the runs [first, last).
  void (*add_weighted_runs)(const WeightedRun<T>* first, const WeightedRun<T>* last, const T* base,
                            std::ptrdiff_t offset, int width, T* to);
  // For every run r in [first, last) and every row p < rows:
  //   to[r.at + p·to_stride, … + width) += r.weight · from[p·width, (p + 1)·width)
  // (Conv2D's sparse backward: δ times a filter, added onto the input patch it came from).
  void (*scatter_runs)(const WeightedRun<T>* first, const WeightedRun<T>* last, const T* from, int rows, int width,
                       std::ptrdiff_t to_stride, T* to);
};

struct Kernels {
  const char* name;   // baseline, avx2, avx512 or native; generic or wasm_simd on the web
  const char* level;  // x86-64-v2, x86-64-v3, x86-64-v4 or -march=native; what the web's are
  KernelTable<float> f32;
  KernelTable<double> f64;
};

struct IsaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The kernels in use, chosen at the first call. Throws IsaError when $NEUROSTEP_ISA names a level
// this CPU lacks or that this build does not have, or is not a level at all.
const Kernels& kernels();

// The same choice as a message: empty when kernels() will succeed, else why it will not.
std::string kernel_choice_problem();

// Every set of kernels in this build that this CPU can run (the tests compare them all).
std::vector<const Kernels*> runnable_kernels();

// The baseline kernels (x86-64-v2; in a single-level build, that build's).
const Kernels& baseline_kernels();

// The kernels for T: float (training) takes the widest this CPU has; double (the worked examples)
// always the baseline, so that a lesson shows the same numbers on every CPU. (With FMA a sum such
// as 0.2·0.9 + 0.5·0.9 + … is rounded once per term instead of twice and can land a bit beside
// 0.72, which a student then sees as "0.7200" on one machine and "0.72" on another.)
template <typename T>
const KernelTable<T>& kernel_table() {
  if constexpr (sizeof(T) == sizeof(float))
    return kernels().f32;
  else
    return baseline_kernels().f64;
}

}  // namespace neurostep

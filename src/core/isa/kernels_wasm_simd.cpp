// kernels_wasm_simd.cpp — the float kernels of kernels.h written with WebAssembly SIMD
// (wasm_simd128.h: 128-bit vectors of 4 floats), for the web build (web/CMakeLists.txt), where
// Eigen 3.4 has no SIMD code and its products are the compiler's auto-vectorised scalar loops.
// This level is the build's wide one (NEUROSTEP_WIDE_ISA=wasm_simd); the Eigen copy of
// kernels_impl.cpp (neurostep_isa_generic) stays its baseline and does the doubles of the worked
// examples, as the baseline does on every CPU. WebAssembly SIMD has no fused multiply-add, so the
// sums round as the baseline's do; only their order differs.
// Not compiled by the native build: it globs src/core/*.cpp, not this folder.
#include <wasm_simd128.h>

#include <cstddef>
#include <vector>

#include "core/kernels.h"

namespace neurostep_isa_generic {
const neurostep::Kernels& table();
}

namespace neurostep_isa_wasm_simd {

using neurostep::GemmOptions;
using neurostep::WeightedRun;

// op(a)(i, p) of the product: a stored (m×k), or (k×m) read as its transpose.
struct MatrixA {
  const float* a;
  std::ptrdiff_t row_step, col_step;
  float operator()(int i, int p) const { return a[i * row_step + p * col_step]; }
};

// c[i, j0 + [0, Cols)) for the Rows rows from i0 (Cols = 8 or 4): Σp op(a)(i, p) · b[p, j0 + …), with
// b (k×n) row-major; added to c with `accumulate`. Rows × Cols/4 sums held in registers.
template <int Rows, int Cols>
void block(const MatrixA& A, const float* b, int n, int k, int i0, int j0, bool accumulate, float* c) {
  constexpr int kVectors = Cols / 4;
  v128_t sum[Rows][kVectors];
  for (auto& row : sum)
    for (v128_t& v : row) v = wasm_f32x4_splat(0);
  for (int p = 0; p < k; ++p) {
    const float* bp = b + static_cast<std::ptrdiff_t>(p) * n + j0;
    v128_t bv[kVectors];
    for (int v = 0; v < kVectors; ++v) bv[v] = wasm_v128_load(bp + 4 * v);
    for (int r = 0; r < Rows; ++r) {
      const v128_t av = wasm_f32x4_splat(A(i0 + r, p));
      for (int v = 0; v < kVectors; ++v) sum[r][v] = wasm_f32x4_add(sum[r][v], wasm_f32x4_mul(av, bv[v]));
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int v = 0; v < kVectors; ++v) {
      float* to = c + static_cast<std::ptrdiff_t>(i0 + r) * n + j0 + 4 * v;
      wasm_v128_store(to, accumulate ? wasm_f32x4_add(wasm_v128_load(to), sum[r][v]) : sum[r][v]);
    }
}

// The columns [j0, n) that fill no vector of 4, one sum at a time.
void scalar_columns(const MatrixA& A, const float* b, int n, int k, int i, int j0, bool accumulate, float* c) {
  for (int j = j0; j < n; ++j) {
    float sum = 0;
    for (int p = 0; p < k; ++p) sum += A(i, p) * b[static_cast<std::ptrdiff_t>(p) * n + j];
    float& to = c[static_cast<std::ptrdiff_t>(i) * n + j];
    to = accumulate ? to + sum : sum;
  }
}

// Rows [i0, i0 + Rows) of c: blocks of 8 columns, one of 4, then the rest.
template <int Rows>
void rows(const MatrixA& A, const float* b, int n, int k, int i0, bool accumulate, float* c) {
  int j = 0;
  for (; j + 8 <= n; j += 8) block<Rows, 8>(A, b, n, k, i0, j, accumulate, c);
  if (j + 4 <= n) {
    block<Rows, 4>(A, b, n, k, i0, j, accumulate, c);
    j += 4;
  }
  if (j < n)
    for (int r = 0; r < Rows; ++r) scalar_columns(A, b, n, k, i0 + r, j, accumulate, c);
}

// The sum of the 4 lanes of v.
float lanes_sum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) +
         wasm_f32x4_extract_lane(v, 3);
}

// c[i0 + [0, Rows), j0 + [0, Cols)) as dot products along k, for a (m×k) and a transposed b (n×k):
// both read along their rows as vectors, Rows × Cols sums in registers (Dense's z = x·Wᵀ).
template <int Rows, int Cols>
void dot_block(const float* a, const float* b, int n, int k, int i0, int j0, bool accumulate, float* c) {
  v128_t sum[Rows][Cols];
  for (auto& row : sum)
    for (v128_t& v : row) v = wasm_f32x4_splat(0);
  const float* ar[Rows];
  const float* br[Cols];
  for (int r = 0; r < Rows; ++r) ar[r] = a + static_cast<std::ptrdiff_t>(i0 + r) * k;
  for (int q = 0; q < Cols; ++q) br[q] = b + static_cast<std::ptrdiff_t>(j0 + q) * k;
  int p = 0;
  for (; p + 4 <= k; p += 4) {
    v128_t bv[Cols];
    for (int q = 0; q < Cols; ++q) bv[q] = wasm_v128_load(br[q] + p);
    for (int r = 0; r < Rows; ++r) {
      const v128_t av = wasm_v128_load(ar[r] + p);
      for (int q = 0; q < Cols; ++q) sum[r][q] = wasm_f32x4_add(sum[r][q], wasm_f32x4_mul(av, bv[q]));
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int q = 0; q < Cols; ++q) {
      float total = lanes_sum(sum[r][q]);
      for (int t = p; t < k; ++t) total += ar[r][t] * br[q][t];
      float& to = c[static_cast<std::ptrdiff_t>(i0 + r) * n + j0 + q];
      to = accumulate ? to + total : total;
    }
}

// c (m×n) = a·bᵀ (or +=) for a (m×k) and b (n×k): blocks of 2 rows × 4 columns, then the edges.
void gemm_dot(int m, int n, int k, const float* a, const float* b, bool accumulate, float* c) {
  int i = 0;
  for (; i + 2 <= m; i += 2) {
    int j = 0;
    for (; j + 4 <= n; j += 4) dot_block<2, 4>(a, b, n, k, i, j, accumulate, c);
    for (; j < n; ++j) dot_block<2, 1>(a, b, n, k, i, j, accumulate, c);
  }
  for (; i < m; ++i) {
    int j = 0;
    for (; j + 4 <= n; j += 4) dot_block<1, 4>(a, b, n, k, i, j, accumulate, c);
    for (; j < n; ++j) dot_block<1, 1>(a, b, n, k, i, j, accumulate, c);
  }
}

// c (m×n) = op(a)·op(b) (or += with .accumulate). With only b transposed, dot products along k;
// with both, b (n×k) is first copied into (k×n), so that the inner loop reads b's rows as vectors.
void gemm(GemmOptions options, int m, int n, int k, const float* a, const float* b, float* c) {
  if (options.transpose_b && !options.transpose_a) {
    gemm_dot(m, n, k, a, b, options.accumulate, c);
    return;
  }
  std::vector<float> b_rows;
  if (options.transpose_b) {
    b_rows.resize(static_cast<std::size_t>(k) * n);
    for (int j = 0; j < n; ++j)
      for (int p = 0; p < k; ++p)
        b_rows[static_cast<std::size_t>(p) * n + j] = b[static_cast<std::ptrdiff_t>(j) * k + p];
    b = b_rows.data();
  }
  const MatrixA A = options.transpose_a ? MatrixA{a, 1, m} : MatrixA{a, k, 1};
  int i = 0;
  for (; i + 4 <= m; i += 4) rows<4>(A, b, n, k, i, options.accumulate, c);
  for (; i < m; ++i) rows<1>(A, b, n, k, i, options.accumulate, c);
}

// to[0, n) += Σ weight · base[at + offset, … + n) for n ≤ 16: 16 values (4 vectors) of every run
// read (the buffers have kRunSlack values of slack), two runs at a time into two sets of sums so
// that each addition need not wait for the one before; only n values stored.
void add_weighted_16(const WeightedRun<float>* first, const WeightedRun<float>* last, const float* base,
                     std::ptrdiff_t offset, int n, float* to) {
  v128_t sum[2][4];
  for (auto& set : sum)
    for (v128_t& v : set) v = wasm_f32x4_splat(0);
  auto add = [&](v128_t* set, const WeightedRun<float>& r) {
    const float* from = base + static_cast<std::ptrdiff_t>(r.at) + offset;
    const v128_t w = wasm_f32x4_splat(r.weight);
    for (int v = 0; v < 4; ++v) set[v] = wasm_f32x4_add(set[v], wasm_f32x4_mul(w, wasm_v128_load(from + 4 * v)));
  };
  const WeightedRun<float>* r = first;
  for (; last - r >= 2; r += 2) {
    add(sum[0], r[0]);
    add(sum[1], r[1]);
  }
  if (r != last) add(sum[0], *r);
  int v = 0;
  for (; 4 * v + 4 <= n; ++v)  // whole vectors (all four for 16 filters) added as vectors
    wasm_v128_store(to + 4 * v, wasm_f32x4_add(wasm_v128_load(to + 4 * v), wasm_f32x4_add(sum[0][v], sum[1][v])));
  if (4 * v == n) return;
  float total[4];  // the last few values one by one
  wasm_v128_store(total, wasm_f32x4_add(sum[0][v], sum[1][v]));
  for (int i = 0; 4 * v + i < n; ++i) to[4 * v + i] += total[i];
}

void add_weighted_runs(const WeightedRun<float>* first, const WeightedRun<float>* last, const float* base,
                       std::ptrdiff_t offset, int width, float* to) {
  for (int b0 = 0; b0 < width; b0 += 16)
    add_weighted_16(first, last, base, offset + b0, width - b0 < 16 ? width - b0 : 16, to + b0);
}

void scatter_runs(const WeightedRun<float>* first, const WeightedRun<float>* last, const float* from, int rows,
                  int width, std::ptrdiff_t to_stride, float* to) {
  for (const WeightedRun<float>* r = first; r != last; ++r) {
    const v128_t w = wasm_f32x4_splat(r->weight);
    for (int p = 0; p < rows; ++p) {
      const float* f = from + static_cast<std::ptrdiff_t>(p) * width;
      float* t = to + static_cast<std::ptrdiff_t>(r->at) + p * to_stride;
      int i = 0;
      for (; i + 4 <= width; i += 4)
        wasm_v128_store(t + i, wasm_f32x4_add(wasm_v128_load(t + i), wasm_f32x4_mul(w, wasm_v128_load(f + i))));
      for (; i < width; ++i) t[i] += r->weight * f[i];
    }
  }
}

const neurostep::Kernels& table() {
  static const neurostep::Kernels kTable{
      "wasm_simd", "wasm simd128", {&gemm, &add_weighted_runs, &scatter_runs}, neurostep_isa_generic::table().f64};
  return kTable;
}

}  // namespace neurostep_isa_wasm_simd

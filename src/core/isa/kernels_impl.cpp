// kernels_impl.cpp — the hot loops of kernels.h, compiled once per x86-64 level (CMakeLists.txt:
// NEUROSTEP_ISA = baseline, avx2, avx512, or native with -march of that level).
//
// Everything here lives in namespaces named after the level: Eigen's own namespace is renamed by
// the macro below, and this file uses no std container or std algorithm, so that every inline or
// template function it instantiates is this level's own. Otherwise the linker would keep one copy
// of, say, Eigen's matrix product among the copies compiled for different CPUs, and could run
// AVX-512 code on a CPU without it. The isa_symbols test checks the object files with nm.
#ifndef NEUROSTEP_ISA
#error "NEUROSTEP_ISA must name the level this copy is compiled for"
#endif
#define NEUROSTEP_CAT2(a, b) a##b
#define NEUROSTEP_CAT(a, b) NEUROSTEP_CAT2(a, b)
#define NEUROSTEP_ISA_NAMESPACE NEUROSTEP_CAT(neurostep_isa_, NEUROSTEP_ISA)
#define Eigen NEUROSTEP_CAT(Eigen_isa_, NEUROSTEP_ISA)
#define EIGEN_DONT_PARALLELIZE

#include <Eigen/Core>

#include "core/kernels.h"

namespace NEUROSTEP_ISA_NAMESPACE {

using neurostep::GemmOptions;
using neurostep::WeightedRun;

template <typename T>
using MatrixRM = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename T>
void gemm(GemmOptions options, int m, int n, int k, const T* a, const T* b, T* c) {
  const bool trans_a = options.transpose_a, trans_b = options.transpose_b;
  using ConstMap = Eigen::Map<const MatrixRM<T>>;
  Eigen::Map<MatrixRM<T>> C(c, m, n);
  const ConstMap A(a, trans_a ? k : m, trans_a ? m : k), B(b, trans_b ? n : k, trans_b ? k : n);
  auto product = [&](const auto& left, const auto& right) {
    if (options.accumulate)
      C.noalias() += left * right;
    else
      C.noalias() = left * right;
  };
  if (trans_a && trans_b)
    product(A.transpose(), B.transpose());
  else if (trans_a)
    product(A.transpose(), B);
  else if (trans_b)
    product(A, B.transpose());
  else
    product(A, B);
}

template <typename T>
void scatter_runs(const WeightedRun<T>* first, const WeightedRun<T>* last, const T* __restrict from, int rows,
                  int width, std::ptrdiff_t to_stride, T* __restrict to) {
  for (const WeightedRun<T>* r = first; r != last; ++r)
    for (int p = 0; p < rows; ++p) {
      const T* f = from + static_cast<std::ptrdiff_t>(p) * width;
      T* t = to + static_cast<std::ptrdiff_t>(r->at) + p * to_stride;
      for (int k = 0; k < width; ++k) t[k] += r->weight * f[k];
    }
}

// to[0, n) += Σ weight · base[at + offset, at + offset + n) over the runs [first, last), for n ≤ Size,
// with the sum held in registers: as partial sums over 128 values in all (8 AVX-512 registers of
// floats), so that each multiply-add need not wait for the one before. Reads Size values of every
// run (the buffers have kRunSlack values of slack at their end) but stores only n.
constexpr int kBlock = neurostep::kRunSlack;
template <int Size, typename T>
void add_weighted_block(const WeightedRun<T>* first, const WeightedRun<T>* last, const T* base, std::ptrdiff_t offset,
                        int n, T* to) {
  using Block = Eigen::Array<T, Size, 1>;
  constexpr int kPartial = 128 / Size;
  auto run = [&](const WeightedRun<T>& r) {
    return r.weight * Eigen::Map<const Block>(base + (static_cast<std::ptrdiff_t>(r.at) + offset));
  };
  Block partial[kPartial];
  for (Block& p : partial) p.setZero();
  const WeightedRun<T>* r = first;
  for (; last - r >= kPartial; r += kPartial)
    for (int k = 0; k < kPartial; ++k) partial[k] += run(r[k]);
  for (; r != last; ++r) partial[0] += run(*r);
  for (int k = 1; k < kPartial; ++k) partial[0] += partial[k];
  if (n == Size)
    Eigen::Map<Block>(to) += partial[0];
  else
    Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>(to, n) += partial[0].head(n);
}

// The same for any width: whole blocks of kBlock values, then the rest in the smallest block that
// holds it (a run of 32, e.g. the weights of 32 filters, is not summed 64 values at a time).
template <typename T>
void add_weighted_runs(const WeightedRun<T>* first, const WeightedRun<T>* last, const T* base, std::ptrdiff_t offset,
                       int width, T* to) {
  int b0 = 0;
  for (; b0 + kBlock <= width; b0 += kBlock)
    add_weighted_block<kBlock>(first, last, base, offset + b0, kBlock, to + b0);
  const int rest = width - b0;
  if (rest > 32)
    add_weighted_block<64>(first, last, base, offset + b0, rest, to + b0);
  else if (rest > 16)
    add_weighted_block<32>(first, last, base, offset + b0, rest, to + b0);
  else if (rest > 0)
    add_weighted_block<16>(first, last, base, offset + b0, rest, to + b0);
}

#define NEUROSTEP_STRING2(x) #x
#define NEUROSTEP_STRING(x) NEUROSTEP_STRING2(x)

const neurostep::Kernels& table() {
  static constexpr neurostep::Kernels kTable{NEUROSTEP_STRING(NEUROSTEP_ISA),
                                             NEUROSTEP_ISA_LEVEL,
                                             {&gemm<float>, &add_weighted_runs<float>, &scatter_runs<float>},
                                             {&gemm<double>, &add_weighted_runs<double>, &scatter_runs<double>}};
  return kTable;
}

}  // namespace NEUROSTEP_ISA_NAMESPACE

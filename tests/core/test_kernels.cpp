// The kernels of every instruction-set level this CPU runs (src/core/kernels.h) against plain
// loops: the matrix products in all four transpositions, with and without accumulating, and the
// sparse passes' weighted sums and scatters at widths that exercise every block size.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/kernels.h"

using namespace neurostep;

namespace {

template <typename T>
std::vector<T> random_values(std::size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(u(rng));
  return v;
}

template <typename T>
void check_gemm(const Kernels& k, const KernelTable<T>& t, double tolerance) {
  std::mt19937 rng(7);
  struct Size {
    int m, n, k;
  };
  for (const Size size : {Size{1, 1, 1}, Size{3, 5, 2}, Size{17, 33, 9}, Size{32, 784, 25}, Size{64, 49, 288}})
    for (const bool ta : {false, true})
      for (const bool tb : {false, true})
        for (const bool acc : {false, true}) {
          const int m = size.m, n = size.n,
                    kk = size.k;  // not a structured binding: INFO's lambda captures them (Clang 14, emscripten)
          const auto a = random_values<T>(static_cast<std::size_t>(m) * kk, rng),
                     b = random_values<T>(static_cast<std::size_t>(kk) * n, rng);
          auto c = random_values<T>(static_cast<std::size_t>(m) * n, rng);
          std::vector<double> expected(c.begin(), c.end());
          for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) {
              double sum = 0;
              for (int p = 0; p < kk; ++p)
                sum += double(ta ? a[p * m + i] : a[i * kk + p]) * double(tb ? b[j * kk + p] : b[p * n + j]);
              expected[i * n + j] = (acc ? expected[i * n + j] : 0) + sum;
            }
          t.gemm({.accumulate = acc, .transpose_a = ta, .transpose_b = tb}, m, n, kk, a.data(), b.data(), c.data());
          INFO(std::string(k.name), " m=", m, " n=", n, " k=", kk, " trans_a=", ta, " trans_b=", tb,
               " accumulate=", acc);
          double worst = 0;
          for (std::size_t i = 0; i < c.size(); ++i) worst = std::max(worst, std::abs(double(c[i]) - expected[i]));
          CHECK(worst < tolerance);
        }
}

template <typename T>
void check_runs(const Kernels& k, const KernelTable<T>& t, double tolerance) {
  std::mt19937 rng(11);
  for (const int width : {1, 5, 16, 17, 32, 33, 64, 65, 100, 200})
    for (const int count : {0, 1, 3, 20}) {
      const auto base = random_values<T>(1000 + kRunSlack, rng);
      std::vector<WeightedRun<T>> runs;
      for (int r = 0; r < count; ++r)
        runs.push_back({static_cast<std::uint32_t>(rng() % (1000 - 200 - 10)), random_values<T>(1, rng)[0]});
      auto to = random_values<T>(static_cast<std::size_t>(width) + kRunSlack, rng);
      std::vector<double> expected(to.begin(), to.end());
      const std::ptrdiff_t offset = 7;
      for (const auto& r : runs)
        for (int i = 0; i < width; ++i) expected[i] += double(r.weight) * double(base[r.at + offset + i]);
      t.add_weighted_runs(runs.data(), runs.data() + runs.size(), base.data(), offset, width, to.data());
      INFO(std::string(k.name), " width=", width, " runs=", count);
      for (int i = 0; i < width; ++i) CHECK(std::abs(double(to[i]) - expected[i]) < tolerance);
      for (std::size_t i = width; i < to.size(); ++i)
        CHECK(double(to[i]) == expected[i]);  // nothing past width is written
      // scatter_runs: 3 rows of `width` values, added at a stride of 250 under each run
      const int rows = 3;
      const std::ptrdiff_t stride = 250;
      const auto from = random_values<T>(static_cast<std::size_t>(rows) * width, rng);
      auto into = random_values<T>(1000 + 2 * stride + width, rng);
      std::vector<double> want(into.begin(), into.end());
      for (const auto& r : runs)
        for (int p = 0; p < rows; ++p)
          for (int i = 0; i < width; ++i) want[r.at + p * stride + i] += double(r.weight) * double(from[p * width + i]);
      t.scatter_runs(runs.data(), runs.data() + runs.size(), from.data(), rows, width, stride, into.data());
      for (std::size_t i = 0; i < into.size(); ++i) CHECK(std::abs(double(into[i]) - want[i]) < tolerance);
    }
}

}  // namespace

TEST_CASE("every runnable set of kernels computes the products and weighted sums of plain loops") {
  const auto all = runnable_kernels();
  REQUIRE(!all.empty());
  for (const Kernels* k : all) {
    check_gemm(*k, k->f32, 1e-4);
    check_gemm(*k, k->f64, 1e-12);
    check_runs(*k, k->f32, 1e-5);
    check_runs(*k, k->f64, 1e-13);
  }
}

TEST_CASE("the kernels in use are the widest this CPU runs, or the ones NEUROSTEP_ISA forces") {
  const auto all = runnable_kernels();
  const char* forced = std::getenv("NEUROSTEP_ISA");
  if (forced && *forced)
    CHECK(std::string(kernels().name) == forced);
  else
    CHECK(&kernels() == all.back());
  MESSAGE("kernels in use: ", std::string(kernels().name), " (", std::string(kernels().level),
          "); runnable here: ", all.size());
}

TEST_CASE(
    "double precision (the worked examples) runs the baseline kernels whatever the CPU, so lessons show the same "
    "numbers everywhere") {
  CHECK(&kernel_table<double>() == &baseline_kernels().f64);
  CHECK(&kernel_table<float>() == &kernels().f32);
}

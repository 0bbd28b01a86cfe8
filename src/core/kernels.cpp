#include "core/kernels.h"

#include <cstdlib>
#include <string_view>

// The copies of src/core/isa/kernels_impl.cpp in this build (CMakeLists.txt defines which).
#ifdef NEUROSTEP_MULTI_ISA
namespace neurostep_isa_baseline {
const neurostep::Kernels& table();
}
namespace neurostep_isa_avx2 {
const neurostep::Kernels& table();
}
namespace neurostep_isa_avx512 {
const neurostep::Kernels& table();
}
#else
// One level (NEUROSTEP_SINGLE_ISA, the baseline), and perhaps one wider level that the build chose
// for its target (NEUROSTEP_WIDE_ISA, e.g. the web build's wasm_simd), taken by default.
#define NEUROSTEP_CAT2(a, b) a##b
#define NEUROSTEP_CAT(a, b) NEUROSTEP_CAT2(a, b)
namespace NEUROSTEP_CAT(neurostep_isa_, NEUROSTEP_SINGLE_ISA) {
  const neurostep::Kernels& table();
}
#ifdef NEUROSTEP_WIDE_ISA
namespace NEUROSTEP_CAT(neurostep_isa_, NEUROSTEP_WIDE_ISA) {
  const neurostep::Kernels& table();
}
#endif
#endif

namespace neurostep {

namespace {

#ifndef NEUROSTEP_MULTI_ISA
// This build's levels, the baseline first and the widest last.
std::vector<const Kernels*> built_levels() {
  return {&NEUROSTEP_CAT(neurostep_isa_, NEUROSTEP_SINGLE_ISA)::table()
#ifdef NEUROSTEP_WIDE_ISA
              ,
          &NEUROSTEP_CAT(neurostep_isa_, NEUROSTEP_WIDE_ISA)::table()
#endif
  };
}
#endif

struct Choice {
  const Kernels* kernels = nullptr;
  std::string problem;
};

Choice choose_for(std::string_view wanted) {
#ifdef NEUROSTEP_MULTI_ISA
  __builtin_cpu_init();
  // x86-64-v3: AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE; x86-64-v4 adds AVX-512 F, BW, CD, DQ, VL.
  const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
                  __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("f16c") && __builtin_cpu_supports("lzcnt") &&
                  __builtin_cpu_supports("movbe");
  const bool v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                  __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
                  __builtin_cpu_supports("avx512vl");
  if (wanted.empty())
    return {v4   ? &neurostep_isa_avx512::table()
            : v3 ? &neurostep_isa_avx2::table()
                 : &neurostep_isa_baseline::table(),
            {}};
  if (wanted == "baseline") return {&neurostep_isa_baseline::table(), {}};
  if (wanted == "avx2") {
    if (v3) return {&neurostep_isa_avx2::table(), {}};
    return {nullptr,
            "NEUROSTEP_ISA=avx2 asks for the AVX2 kernels (x86-64-v3: AVX2, FMA, BMI2, …), but this CPU lacks them; "
            "unset it or use NEUROSTEP_ISA=baseline"};
  }
  if (wanted == "avx512") {
    if (v4) return {&neurostep_isa_avx512::table(), {}};
    return {
        nullptr,
        std::string(
            "NEUROSTEP_ISA=avx512 asks for the AVX-512 kernels (x86-64-v4: AVX-512 F, BW, CD, DQ, VL), but this CPU "
            "lacks them; unset it or use NEUROSTEP_ISA=") +
            (v3 ? "avx2" : "baseline")};
  }
  return {nullptr, "NEUROSTEP_ISA must be baseline, avx2 or avx512, not '" + std::string(wanted) + "'"};
#else
  const auto levels = built_levels();
  if (wanted.empty()) return {levels.back(), {}};
  std::string names;
  for (const Kernels* k : levels) {
    if (wanted == k->name) return {k, {}};
    names += std::string(names.empty() ? "" : ", ") + "'" + k->name + "' (" + k->level + ")";
  }
  return {nullptr,
          "NEUROSTEP_ISA='" + std::string(wanted) + "': this build's kernels are " + names + "; unset NEUROSTEP_ISA"};
#endif
}

const Choice& choice() {
  static const Choice c = [] {
    const char* env = std::getenv("NEUROSTEP_ISA");
    return choose_for(env ? env : "");
  }();
  return c;
}

}  // namespace

const Kernels& kernels() {
  const Choice& c = choice();
  if (!c.kernels) throw IsaError(c.problem);
  return *c.kernels;
}

std::string kernel_choice_problem() { return choice().problem; }

const Kernels& baseline_kernels() {
#ifdef NEUROSTEP_MULTI_ISA
  return neurostep_isa_baseline::table();
#else
  return NEUROSTEP_CAT(neurostep_isa_, NEUROSTEP_SINGLE_ISA)::table();
#endif
}

std::vector<const Kernels*> runnable_kernels() {
#ifdef NEUROSTEP_MULTI_ISA
  std::vector<const Kernels*> all{&neurostep_isa_baseline::table()};
  for (const char* name : {"avx2", "avx512"}) {
    const Choice c = choose_for(name);
    if (c.kernels) all.push_back(c.kernels);
  }
  return all;
#else
  return built_levels();
#endif
}

}  // namespace neurostep

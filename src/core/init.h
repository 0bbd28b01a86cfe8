// init.h — weight initializers. Biases start at zero; weights are drawn from a seeded generator so
// a run is reproducible.
//
//   NormalFanIn      N(0, 1/√fan_in)                          (Symon, §5.3)
//   HeNormal         N(0, √(2/fan_in))                         (He et al. 2015, for ReLU)
//   VarianceScaling  truncated N(0, √(1/fan_in)/0.8796), cut at 2σ (Keras VarianceScaling() defaults, Sougrati et al.)
//   GlorotUniform    U(−l, l), l = √(6/(fan_in + fan_out))     (Keras' default for Dense and Conv2D)
//   Zeros            0
//   Constant         1/√fan_in, every weight the same (Jäppinen 2024, §2.5; Symon, §5.3: what not to do —
//                    the units of a layer then compute the same and learn the same)
// fan_in is the number of inputs feeding one output (I for Dense, C·K·K for Conv2D);
// fan_out is O for Dense and F·K·K for Conv2D.
#pragma once

#include <optional>
#include <random>
#include <string_view>

#include "core/tensor.h"

namespace neurostep {

enum class InitKind { NormalFanIn, HeNormal, VarianceScaling, GlorotUniform, Zeros, Constant };

std::string_view init_name(
    InitKind kind);  // "normal_fan_in", "he_normal", "variance_scaling", "glorot_uniform", "zeros", "constant"
std::optional<InitKind> parse_init(std::string_view name);

template <typename T>
void initialize(Tensor<T>& w, InitKind kind, int fan_in, int fan_out, std::mt19937_64& rng);

}  // namespace neurostep

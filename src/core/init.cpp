#include "core/init.h"

#include <cmath>
#include <iterator>

namespace neurostep {

namespace {
constexpr std::string_view kNames[] = {"normal_fan_in",  "he_normal", "variance_scaling",
                                       "glorot_uniform", "zeros",     "constant"};
}

std::string_view init_name(InitKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<InitKind> parse_init(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kNames)); ++i)
    if (kNames[i] == name) return static_cast<InitKind>(i);
  return std::nullopt;
}

template <typename T>
void initialize(Tensor<T>& w, InitKind kind, int fan_in, int fan_out, std::mt19937_64& rng) {
  switch (kind) {
    case InitKind::Zeros: w.fill(T(0)); return;
    case InitKind::Constant: w.fill(T(1.0 / std::sqrt(double(fan_in)))); return;
    case InitKind::GlorotUniform: {
      const double limit = std::sqrt(6.0 / (fan_in + fan_out));
      std::uniform_real_distribution<double> u(-limit, limit);
      for (auto& v : w.values()) v = T(u(rng));
      return;
    }
    case InitKind::VarianceScaling: {
      // Keras: stddev of the untruncated normal whose 2σ-truncation has variance 1/fan_in.
      const double sigma = std::sqrt(1.0 / fan_in) / 0.87962566103423978;
      std::normal_distribution<double> d(0.0, sigma);
      for (auto& v : w.values()) {
        double x;
        do x = d(rng);
        while (std::abs(x) > 2 * sigma);
        v = T(x);
      }
      return;
    }
    case InitKind::NormalFanIn:
    case InitKind::HeNormal: {
      const double sigma = std::sqrt((kind == InitKind::HeNormal ? 2.0 : 1.0) / fan_in);
      std::normal_distribution<double> d(0.0, sigma);
      for (auto& v : w.values()) v = T(d(rng));
      return;
    }
  }
}

template void initialize(Tensor<float>&, InitKind, int, int, std::mt19937_64&);
template void initialize(Tensor<double>&, InitKind, int, int, std::mt19937_64&);

}  // namespace neurostep

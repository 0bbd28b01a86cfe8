// The playground's decision heatmap: what evaluate_grid costs at the resolutions the window could
// use, for a 2-8-8-2 tanh network, next to the reference of one training epoch on 500 points.
// Built and run by bench/playground_frames.sh; never by the tests.
#include <chrono>
#include <cstdio>
#include <random>

#include "core/playground_net.h"

using namespace neurostep;

namespace {

template <typename F>
double median_ms(F&& f, int runs = 41) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::nth_element(ms.begin(), ms.begin() + runs / 2, ms.end());
  return ms[static_cast<std::size_t>(runs / 2)];
}

}  // namespace

int main() {
  PointSet data;
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> u(-kPlaneExtent, kPlaneExtent);
  for (int i = 0; i < 500; ++i) {
    const double x = u(rng), y = u(rng);
    data.points.push_back({.x = x, .y = y, .label = x * y > 0, .test = i % 10 < 3});
  }
  PlaygroundTraining training({.hidden = {{8, ActivationKind::Tanh}, {8, ActivationKind::Tanh}}}, {});
  const double epoch = median_ms([&] { training.step_epoch(data); });
  std::printf("one training epoch, 500 points (350 trained, batch 10): %.3f ms (the reference)\n", epoch);
  for (int resolution : {24, 48, 64}) {
    const double grid = median_ms([&] { evaluate_grid(training.net(), resolution); });
    std::printf("decision heatmap %d x %d: %.3f ms, %.2f epochs' worth\n", resolution, resolution, grid, grid / epoch);
  }
}

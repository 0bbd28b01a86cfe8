// What the training-job tests share: the embedded MNIST sample and a small CNN that trains on it
// in a second.
#pragma once

#include <filesystem>

#include "core/model_spec.h"

namespace neurostep::test {

inline const std::filesystem::path kSample = std::filesystem::path(NEUROSTEP_SOURCE_DIR) / "assets" / "mnist-sample";

inline ModelSpec small_cnn() {
  ModelSpec s;
  s.name = "small";
  s.layers = {{.type = "conv", .filters = 4, .kernel = 5},
              {.type = "relu"},
              {.type = "maxpool"},
              {.type = "flatten"},
              {.type = "dense", .units = 10}};
  return s;
}

}  // namespace neurostep::test

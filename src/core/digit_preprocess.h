// digit_preprocess.h — a drawing made like an MNIST digit (the MNIST paper's recipe, which Sougrati et al.
// §3.4 needs for its drawing GUI): crop to the ink's bounding box, scale it so its longer side is
// 20 pixels (keeping its shape), and place it in a 28×28 image so that its centre of mass is at the
// centre.
#pragma once

#include <vector>

namespace neurostep {

// `canvas` is size × size brightness values in [0, 1] (ink = 1). Returns 28 × 28 values in [0, 1];
// all zero if there is no ink.
std::vector<float> mnist_from_drawing(const std::vector<float>& canvas, int size);

}  // namespace neurostep

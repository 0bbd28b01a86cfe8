// image_set.h — labelled images as the trainer reads them, wherever they came from (the IDX reader
// in core/io/idx.h, the embedded sample, a test's own images).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace neurostep {

// Images with their labels: images (count, rows, cols) as bytes 0–255, labels 0–9.
struct ImageSet {
  int count = 0, rows = 0, cols = 0;
  std::vector<std::uint8_t> pixels;  // count·rows·cols
  std::vector<std::uint8_t> labels;  // count
  const std::uint8_t* image(int i) const { return pixels.data() + static_cast<std::size_t>(i) * rows * cols; }
};

struct Dataset {
  std::string source;  // the folder it came from
  ImageSet train, test;
};

}  // namespace neurostep

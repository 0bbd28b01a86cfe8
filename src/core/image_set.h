// image_set.h — labelled images as the trainer reads them, wherever they came from (the IDX reader
// in core/io/idx.h, the CIFAR-10 reader in core/io/cifar10.h, the embedded sample, a test's own
// images). MNIST and Fashion-MNIST have one channel, CIFAR-10 three (red, green, blue).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace neurostep {

// Images with their labels: images (count, channels, rows, cols) as bytes 0–255, labels 0–9.
struct ImageSet {
  int count = 0, rows = 0, cols = 0, channels = 1;
  std::vector<std::uint8_t> pixels;      // count·channels·rows·cols, each image's channels one plane after another
  std::vector<std::uint8_t> labels;      // count
  std::vector<std::string> class_names;  // what label k means ("airplane"); empty: the digit k itself
  std::size_t image_bytes() const { return static_cast<std::size_t>(channels) * rows * cols; }
  const std::uint8_t* image(int i) const { return pixels.data() + static_cast<std::size_t>(i) * image_bytes(); }
};

struct Dataset {
  std::string source;  // the folder it came from
  ImageSet train, test;
};

}  // namespace neurostep

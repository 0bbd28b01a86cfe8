// idx.h — reading the IDX files of MNIST and Fashion-MNIST, raw or gzip-compressed.
//
// IDX layout: bytes 0–1 zero, byte 2 the element type (only 0x08, unsigned byte, is used by these
// data sets), byte 3 the rank, then one big-endian uint32 per dimension, then the data in row-major
// order. The reader checks the magic, the rank, every dimension, and that the file holds exactly
// the data its header announces; any problem throws a DataError naming the file and what is wrong.
// Images stay uint8 in memory (the full MNIST is 47 MB this way instead of 188 MB as float).
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/image_set.h"

namespace neurostep {

// A data file that cannot be used; what() says which file and why.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct IdxArray {
  std::vector<int> dims;           // e.g. {60000, 28, 28}
  std::vector<std::uint8_t> data;  // product(dims) bytes
};

IdxArray read_idx(const std::filesystem::path& path);

// Reads an image file (rank 3) and a label file (rank 1) and checks that they agree in count and
// that every label is below `classes`.
ImageSet load_image_set(const std::filesystem::path& images, const std::filesystem::path& labels, int classes = 10);

// Loads the four standard files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally ending in .gz) from a folder;
// a CIFAR-10 folder (one named cifar10, or holding batches.meta.txt) through core/io/cifar10.h.
Dataset load_dataset_dir(const std::filesystem::path& dir);

}  // namespace neurostep

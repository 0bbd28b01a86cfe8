// cifar10.h — reading CIFAR-10 (Krizhevsky 2009), the colour images of Jäppinen 2024, §5.1, in the
// official binary version (cifar-10-binary.tar.gz, unpacked into cifar-10-batches-bin/).
//
// Layout: data_batch_1.bin … data_batch_5.bin (training, 10,000 images each) and test_batch.bin
// (10,000); every record is 3,073 bytes: 1 label byte (0–9), then 3,072 pixel bytes — 1,024 red,
// 1,024 green, 1,024 blue, each plane 32×32 row-major. batches.meta.txt names the 10 classes, one
// per line (airplane … truck; blank lines are ignored). The images stay bytes with their three
// planes one after another, as ImageSet holds them. Any problem throws DataError (core/io/idx.h)
// naming the file and the record or byte offset. Does not read the Python or MATLAB versions, and
// does not download anything (`neurostep data fetch cifar10` does, in src/app/native/).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/image_set.h"
#include "core/io/idx.h"

namespace neurostep {

inline constexpr int kCifarSide = 32, kCifarChannels = 3, kCifarClasses = 10;
inline constexpr std::size_t kCifarPixels = std::size_t(kCifarChannels) * kCifarSide * kCifarSide;  // 3,072
inline constexpr std::size_t kCifarRecord = 1 + kCifarPixels;                                       // 3,073

// The files of the binary version, in the order the training set joins them.
inline constexpr const char* kCifarTrainFiles[] = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                                   "data_batch_4.bin", "data_batch_5.bin"};
inline constexpr const char* kCifarTestFile = "test_batch.bin";
inline constexpr const char* kCifarNamesFile = "batches.meta.txt";

// One batch file's bytes as images; `name` is the file named in errors. At least one record.
ImageSet parse_cifar10_batch(std::span<const std::uint8_t> bytes, const std::string& name);
// batches.meta.txt's text: exactly 10 non-blank lines, trimmed.
std::vector<std::string> parse_cifar10_names(std::string_view text, const std::string& name);

ImageSet read_cifar10_batch(const std::filesystem::path& file);
std::vector<std::string> read_cifar10_names(const std::filesystem::path& file);

// Whether `dir` looks like a CIFAR-10 folder (it has batches.meta.txt), not a folder of IDX files.
bool is_cifar10_dir(const std::filesystem::path& dir);
// The five training batches joined and the test batch, both carrying the class names.
Dataset load_cifar10_dir(const std::filesystem::path& dir);

}  // namespace neurostep

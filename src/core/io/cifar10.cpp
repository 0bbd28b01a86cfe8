#include "core/io/cifar10.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

namespace neurostep {

namespace fs = std::filesystem;

namespace {

// Batch files larger than this are refused before reading (an official batch is 30,730,000 bytes).
constexpr std::uintmax_t kMaxBatchBytes = std::uintmax_t(1) << 30;

std::vector<std::uint8_t> read_whole(const fs::path& file, std::uintmax_t limit) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw DataError(fmt::format("{}: no such file", file.string()));
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) throw DataError(fmt::format("{}: cannot read its size: {}", file.string(), ec.message()));
  if (size > limit)
    throw DataError(fmt::format("{}: {} bytes, more than the {} a CIFAR-10 file may have", file.string(), size, limit));
  std::ifstream in(file, std::ios::binary);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
    throw DataError(fmt::format("{}: cannot read the file", file.string()));
  return bytes;
}

std::string_view trimmed(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Appends `more`'s images to `all` (both 3×32×32).
void append(ImageSet& all, ImageSet&& more) {
  if (all.count == 0) {
    all = std::move(more);
    return;
  }
  all.count += more.count;
  all.pixels.insert(all.pixels.end(), more.pixels.begin(), more.pixels.end());
  all.labels.insert(all.labels.end(), more.labels.begin(), more.labels.end());
}

}  // namespace

ImageSet parse_cifar10_batch(std::span<const std::uint8_t> bytes, const std::string& name) {
  if (bytes.empty())
    throw DataError(
        fmt::format("{}: the file is empty (a CIFAR-10 batch holds records of {} bytes)", name, kCifarRecord));
  if (const std::size_t rest = bytes.size() % kCifarRecord; rest != 0)
    throw DataError(
        fmt::format("{}: {} bytes is not a whole number of {}-byte records (1 label + 3,072 pixels): record {} at byte "
                    "offset {} is cut off after {} bytes",
                    name, bytes.size(), kCifarRecord, bytes.size() / kCifarRecord + 1, bytes.size() - rest, rest));
  ImageSet set;
  set.count = static_cast<int>(bytes.size() / kCifarRecord);
  set.rows = set.cols = kCifarSide;
  set.channels = kCifarChannels;
  set.labels.resize(static_cast<std::size_t>(set.count));
  set.pixels.resize(static_cast<std::size_t>(set.count) * kCifarPixels);
  for (std::size_t i = 0; i < set.labels.size(); ++i) {
    const std::uint8_t* record = bytes.data() + i * kCifarRecord;
    if (record[0] >= kCifarClasses)
      throw DataError(fmt::format("{}: record {} (byte offset {}): label {} is not a class 0–9", name, i + 1,
                                  i * kCifarRecord, record[0]));
    set.labels[i] = record[0];
    std::copy(record + 1, record + kCifarRecord, set.pixels.begin() + static_cast<std::ptrdiff_t>(i * kCifarPixels));
  }
  return set;
}

std::vector<std::string> parse_cifar10_names(std::string_view text, const std::string& name) {
  std::vector<std::string> names;
  std::size_t start = 0, line = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    ++line;
    if (const std::string_view n = trimmed(text.substr(start, end - start)); !n.empty()) {
      if (names.size() == kCifarClasses)
        throw DataError(
            fmt::format("{}:{}: an 11th class name '{}': CIFAR-10 has 10 classes, one name per line", name, line, n));
      names.emplace_back(n);
    }
    start = end + 1;
  }
  if (names.size() != kCifarClasses)
    throw DataError(fmt::format(
        "{}: {} class names, but CIFAR-10 has 10 (one per line: airplane, automobile, …, truck)", name, names.size()));
  return names;
}

ImageSet read_cifar10_batch(const fs::path& file) {
  const std::vector<std::uint8_t> bytes = read_whole(file, kMaxBatchBytes);
  return parse_cifar10_batch(bytes, file.string());
}

std::vector<std::string> read_cifar10_names(const fs::path& file) {
  const std::vector<std::uint8_t> bytes = read_whole(file, 1 << 16);
  return parse_cifar10_names(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                             file.string());
}

bool is_cifar10_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / kCifarNamesFile, ec);
}

Dataset load_cifar10_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw DataError(
        fmt::format("{}: CIFAR-10 is not there — `neurostep data fetch cifar10` fetches it (162 MB)", dir.string()));
  for (const char* file : {kCifarNamesFile, kCifarTrainFiles[0], kCifarTrainFiles[1], kCifarTrainFiles[2],
                           kCifarTrainFiles[3], kCifarTrainFiles[4], kCifarTestFile})
    if (!fs::exists(dir / file, ec))
      throw DataError(fmt::format("{}: no {} in this folder — `neurostep data fetch cifar10` fetches the whole set",
                                  dir.string(), file));
  Dataset d;
  d.source = dir.string();
  const std::vector<std::string> names = read_cifar10_names(dir / kCifarNamesFile);
  for (const char* file : kCifarTrainFiles) append(d.train, read_cifar10_batch(dir / file));
  d.test = read_cifar10_batch(dir / kCifarTestFile);
  d.train.class_names = d.test.class_names = names;
  return d;
}

}  // namespace neurostep

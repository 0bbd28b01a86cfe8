// The CIFAR-10 reader (core/io/cifar10.h) on small batches made here: the record layout, the class
// names, the joined training set, and every broken case naming its file and record.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "../../temp_dir.h"
#include "core/io/cifar10.h"

using namespace neurostep;
namespace fs = std::filesystem;

namespace {

// `count` records; record i has label labels[i % size] and pixel p = (i + p) mod 256.
std::vector<std::uint8_t> batch(int count, std::vector<std::uint8_t> labels = {3}) {
  std::vector<std::uint8_t> b;
  for (int i = 0; i < count; ++i) {
    b.push_back(labels[static_cast<std::size_t>(i) % labels.size()]);
    for (std::size_t p = 0; p < kCifarPixels; ++p)
      b.push_back(static_cast<std::uint8_t>((static_cast<std::size_t>(i) + p) % 256));
  }
  return b;
}

void write(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

const char* kNames = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n";

void write_set(const fs::path& dir) {
  std::ofstream(dir / kCifarNamesFile) << kNames;
  for (int k = 0; k < 5; ++k) write(dir / kCifarTrainFiles[k], batch(k + 1, {static_cast<std::uint8_t>(k)}));
  write(dir / kCifarTestFile, batch(2, {9, 0}));
}

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("cifar10: a record is 1 label byte, then the red, green and blue 32×32 planes") {
  const std::vector<std::uint8_t> bytes = batch(2, {7, 9});
  const ImageSet set = parse_cifar10_batch(bytes, "b.bin");
  CHECK(set.count == 2);
  CHECK(set.channels == 3);
  CHECK(set.rows == 32);
  CHECK(set.cols == 32);
  CHECK(set.image_bytes() == 3072);
  CHECK(set.labels == std::vector<std::uint8_t>{7, 9});
  // Image 1 is record 1 without its label: its first red pixel is (1 + 0) mod 256, its first green
  // pixel (byte 1,024 of the plane) (1 + 1,024) mod 256 = 1.
  CHECK(set.image(1)[0] == 1);
  CHECK(set.image(1)[1024] == 1);
  CHECK(set.image(1)[3071] == (1 + 3071) % 256);
}

TEST_CASE("cifar10: the class names, one per line, blank lines ignored") {
  const std::vector<std::string> names = parse_cifar10_names(kNames, "m.txt");
  REQUIRE(names.size() == 10);
  CHECK(names.front() == "airplane");
  CHECK(names.back() == "truck");
  CHECK(parse_cifar10_names("a\r\nb\r\nc\nd\ne\nf\ng\nh\ni\n  j  ", "m.txt")[9] == "j");
}

TEST_CASE("cifar10: a folder joins the five training batches and carries the names") {
  test::TempDir dir("cifar10-good");
  write_set(dir.path);
  CHECK(is_cifar10_dir(dir.path));
  const Dataset d = load_dataset_dir(dir.path);  // the general loader recognises the folder
  CHECK(d.train.count == 1 + 2 + 3 + 4 + 5);
  CHECK(d.test.count == 2);
  CHECK(d.train.labels[0] == 0);
  CHECK(d.train.labels[14] == 4);
  CHECK(d.train.pixels.size() == 15 * 3072);
  CHECK(d.train.class_names.at(2) == "bird");
  CHECK(d.test.class_names.at(9) == "truck");
}

TEST_CASE("cifar10: broken files name the file and the record") {
  std::vector<std::uint8_t> cut = batch(3);
  cut.resize(2 * kCifarRecord + 100);
  CHECK(error_of([&] { parse_cifar10_batch(cut, "cut.bin"); }) ==
        "cut.bin: 6246 bytes is not a whole number of 3073-byte records (1 label + 3,072 pixels): record 3 at byte "
        "offset 6146 "
        "is cut off after 100 bytes");
  std::vector<std::uint8_t> bad = batch(3);
  bad[2 * kCifarRecord] = 10;
  CHECK(error_of([&] { parse_cifar10_batch(bad, "bad.bin"); }) ==
        "bad.bin: record 3 (byte offset 6146): label 10 is not a class 0–9");
  CHECK(error_of([&] { parse_cifar10_batch({}, "empty.bin"); }).find("empty.bin: the file is empty") == 0);
  CHECK(error_of([&] { parse_cifar10_names("a\nb\n", "m.txt"); }).find("m.txt: 2 class names, but CIFAR-10 has 10") ==
        0);
  CHECK(error_of([&] {
          parse_cifar10_names("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n", "m.txt");
        }).find("m.txt:11: an 11th class name 'k'") == 0);

  test::TempDir dir("cifar10-broken");
  write_set(dir.path);
  fs::remove(dir.path / "data_batch_4.bin");
  CHECK(error_of([&] { load_cifar10_dir(dir.path); }) ==
        (dir.path / "").string().substr(0, dir.path.string().size()) +
            ": no data_batch_4.bin in this folder — `neurostep data fetch cifar10` fetches the whole set");
  write(dir.path / "data_batch_4.bin", std::vector<std::uint8_t>(3073 * 2 + 1));
  CHECK(error_of([&] { load_cifar10_dir(dir.path); }).find((dir.path / "data_batch_4.bin").string() + ": 6147 bytes") ==
        0);
  CHECK(error_of([&] { load_cifar10_dir(dir.path / "nothing"); }).find("CIFAR-10 is not there") != std::string::npos);
}

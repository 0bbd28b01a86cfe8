// The IDX reader on good files (raw and gzip) and on broken ones.
#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/io/idx.h"

using namespace neurostep;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("neurostep-idx-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  static inline int counter = 0;
};

std::vector<unsigned char> idx_bytes(std::vector<std::uint32_t> dims, std::size_t data_bytes,
                                     unsigned char type = 0x08) {
  std::vector<unsigned char> b = {0, 0, type, static_cast<unsigned char>(dims.size())};
  for (auto d : dims)
    for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<unsigned char>(d >> shift));
  for (std::size_t i = 0; i < data_bytes; ++i) b.push_back(static_cast<unsigned char>(i % 10));
  return b;
}

void write(const fs::path& p, const std::vector<unsigned char>& bytes) {
  std::ofstream(p, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void write_gz(const fs::path& p, const std::vector<unsigned char>& bytes) {
  gzFile f = gzopen(p.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

}  // namespace

TEST_CASE("a good image file and label file, raw and gzip") {
  TempDir dir;
  write(dir.path / "img", idx_bytes({3, 2, 2}, 12));
  write_gz(dir.path / "lab.gz", idx_bytes({3}, 3));
  const IdxArray a = read_idx(dir.path / "img");
  CHECK(a.dims == std::vector<int>{3, 2, 2});
  CHECK(a.data.size() == 12);
  CHECK(a.data[11] == 1);
  const ImageSet set = load_image_set(dir.path / "img", dir.path / "lab.gz");
  CHECK(set.count == 3);
  CHECK(set.rows == 2);
  CHECK(set.labels == std::vector<std::uint8_t>{0, 1, 2});
  CHECK(set.image(1)[0] == 4);
}

TEST_CASE("broken files are refused with the file name and the reason") {
  TempDir dir;
  const fs::path p = dir.path / "bad";
  auto expect_error = [&](const std::vector<unsigned char>& bytes, const std::string& reason) {
    CAPTURE(reason);
    write(p, bytes);
    CHECK_THROWS_WITH_AS(read_idx(p), doctest::Contains(reason.c_str()), DataError);
    CHECK_THROWS_WITH_AS(read_idx(p), doctest::Contains(p.c_str()), DataError);
  };
  expect_error({}, "empty");
  expect_error({0, 0}, "magic");
  expect_error({0x1f, 0x00, 0x08, 0x01, 0, 0, 0, 1, 7}, "not an IDX file");
  expect_error(idx_bytes({4}, 4, 0x0d), "element type 0x0d");
  expect_error({0, 0, 8, 9}, "rank 9");
  expect_error({0, 0, 8, 3, 0, 0, 0, 5}, "ends inside the header");
  expect_error(idx_bytes({0, 28}, 0), "dimension 1 is 0");
  expect_error(idx_bytes({10, 28, 28}, 100), "truncated");
  expect_error(idx_bytes({2}, 3), "longer than its header");
  expect_error(idx_bytes({0xffff, 0xffff, 0xffff}, 0), "more than");
}

TEST_CASE("a truncated gzip file is refused") {
  TempDir dir;
  write_gz(dir.path / "full.gz", idx_bytes({100, 28, 28}, 78400));
  std::ifstream in(dir.path / "full.gz", std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
  bytes.resize(bytes.size() / 2);
  write(dir.path / "half.gz", bytes);
  CHECK_THROWS_AS(read_idx(dir.path / "half.gz"), DataError);
}

TEST_CASE("images and labels must agree") {
  TempDir dir;
  write(dir.path / "img", idx_bytes({3, 2, 2}, 12));
  write(dir.path / "lab", idx_bytes({4}, 4));
  CHECK_THROWS_WITH_AS(load_image_set(dir.path / "img", dir.path / "lab"), doctest::Contains("3 images"), DataError);
  write(dir.path / "lab", idx_bytes({3, 1}, 3));
  CHECK_THROWS_WITH_AS(load_image_set(dir.path / "img", dir.path / "lab"), doctest::Contains("rank 1"), DataError);
  auto labels = idx_bytes({3}, 0);
  for (unsigned char l : {1, 2, 12}) labels.push_back(l);
  write(dir.path / "lab", labels);
  CHECK_THROWS_WITH_AS(load_image_set(dir.path / "img", dir.path / "lab"), doctest::Contains("label 12"), DataError);
  CHECK_THROWS_WITH_AS(load_dataset_dir(dir.path), doctest::Contains("train-images-idx3-ubyte"), DataError);
}

TEST_CASE("the full MNIST fetched by setup, when present") {
  const fs::path dir = fs::path(NEUROSTEP_SOURCE_DIR) / "data" / "mnist";
  if (!fs::exists(dir / "train-images-idx3-ubyte")) {
    MESSAGE("data/mnist is missing (scripts/setup.sh fetches it); skipped");
    return;
  }
  const Dataset d = load_dataset_dir(dir);
  CHECK(d.train.count == 60000);
  CHECK(d.test.count == 10000);
  CHECK(d.train.rows == 28);
  CHECK(d.train.labels[0] == 5);  // the first MNIST training digit is a 5
}

TEST_CASE("fuzzer regressions: every input found by scripts/fuzz.sh is refused cleanly") {
  // idx-oom-header-announces-gigabytes: a 20-byte file whose header announces 2.1 GB of data once
  // made the reader allocate it all before finding the file short.
  for (const auto& f : fs::directory_iterator(fs::path(NEUROSTEP_TEST_DIR) / "fuzz" / "regressions")) {
    if (f.path().filename().string().rfind("idx-", 0) != 0) continue;
    CAPTURE(f.path().string());
    CHECK_THROWS_AS(read_idx(f.path()), DataError);
  }
}

#include "core/io/idx.h"

#include "core/io/cifar10.h"

#include <fmt/format.h>
#include <zlib.h>

#include <memory>

namespace neurostep {

namespace {

// Files larger than this are refused before any allocation (the full MNIST is 47 MB).
constexpr std::uint64_t kMaxIdxBytes = std::uint64_t(1) << 31;

struct GzFile {
  gzFile f;
  ~GzFile() {
    if (f) gzclose(f);
  }
};

// Reads up to n bytes; gzread reads uncompressed files unchanged, so both kinds take this path.
std::size_t read_bytes(gzFile f, void* out, std::size_t n, const std::filesystem::path& path) {
  std::size_t done = 0;
  auto* p = static_cast<unsigned char*>(out);
  while (done < n) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n - done, 1u << 30));
    const int got = gzread(f, p + done, chunk);
    if (got < 0) {
      int errnum = 0;
      const char* msg = gzerror(f, &errnum);
      throw DataError(fmt::format("{}: cannot decompress: {}", path.string(), msg ? msg : "unknown zlib error"));
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

}  // namespace

IdxArray read_idx(const std::filesystem::path& path) {
  GzFile file{gzopen(path.c_str(), "rb")};
  if (!file.f) throw DataError(fmt::format("{}: cannot open the file", path.string()));

  unsigned char magic[4];
  const std::size_t got = read_bytes(file.f, magic, 4, path);
  if (got == 0) throw DataError(fmt::format("{}: the file is empty", path.string()));
  if (got < 4) throw DataError(fmt::format("{}: the file ends inside the 4-byte IDX magic number", path.string()));
  if (magic[0] != 0 || magic[1] != 0)
    throw DataError(fmt::format("{}: not an IDX file (magic {:02x} {:02x} {:02x} {:02x}; IDX starts with 00 00)",
                                path.string(), magic[0], magic[1], magic[2], magic[3]));
  if (magic[2] != 0x08)
    throw DataError(fmt::format("{}: IDX element type 0x{:02x} is not supported (only 0x08, unsigned byte)",
                                path.string(), magic[2]));
  const int rank = magic[3];
  if (rank < 1 || rank > 4) throw DataError(fmt::format("{}: IDX rank {} is not between 1 and 4", path.string(), rank));

  IdxArray out;
  std::uint64_t total = 1;
  for (int d = 0; d < rank; ++d) {
    unsigned char b[4];
    if (read_bytes(file.f, b, 4, path) < 4)
      throw DataError(
          fmt::format("{}: the file ends inside the header (dimension {} of {})", path.string(), d + 1, rank));
    const std::uint32_t n =
        (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
    if (n == 0) throw DataError(fmt::format("{}: dimension {} is 0 (no data)", path.string(), d + 1));
    total *= n;
    if (total > kMaxIdxBytes)
      throw DataError(fmt::format("{}: the header announces more than {} bytes of data", path.string(), kMaxIdxBytes));
    out.dims.push_back(static_cast<int>(n));
  }

  // Read in chunks, so that memory grows with the data actually there: a header that announces
  // gigabytes in a small (or truncated) file must not allocate them first.
  constexpr std::size_t kChunk = std::size_t(1) << 22;
  std::size_t data = 0;
  while (data < total) {
    const std::size_t want = std::min<std::size_t>(kChunk, total - data);
    out.data.resize(data + want);
    const std::size_t got_now = read_bytes(file.f, out.data.data() + data, want, path);
    data += got_now;
    if (got_now < want) break;
  }
  out.data.resize(data);
  if (data < total)
    throw DataError(fmt::format("{}: truncated: the header announces {} bytes of data but the file holds {}",
                                path.string(), total, data));
  unsigned char extra;
  if (read_bytes(file.f, &extra, 1, path) != 0)
    throw DataError(
        fmt::format("{}: the file is longer than its header announces ({} bytes of data)", path.string(), total));
  return out;
}

ImageSet load_image_set(const std::filesystem::path& images, const std::filesystem::path& labels, int classes) {
  IdxArray img = read_idx(images);
  IdxArray lab = read_idx(labels);
  if (img.dims.size() != 3)
    throw DataError(fmt::format("{}: an image file has rank 3 (count, rows, cols), this one rank {}", images.string(),
                                img.dims.size()));
  if (lab.dims.size() != 1)
    throw DataError(fmt::format("{}: a label file has rank 1, this one rank {}", labels.string(), lab.dims.size()));
  if (img.dims[0] != lab.dims[0])
    throw DataError(fmt::format("{} holds {} images but {} holds {} labels", images.string(), img.dims[0],
                                labels.string(), lab.dims[0]));
  for (std::size_t i = 0; i < lab.data.size(); ++i)
    if (lab.data[i] >= classes)
      throw DataError(fmt::format("{}: label {} of item {} is not below {}", labels.string(), lab.data[i], i, classes));
  ImageSet set;
  set.count = img.dims[0];
  set.rows = img.dims[1];
  set.cols = img.dims[2];
  set.pixels = std::move(img.data);
  set.labels = std::move(lab.data);
  return set;
}

// How to get the data sets the app names (lessons/mnist.cpp's mnist_data_folder), when they are missing.
static std::string missing_data_hint(const std::filesystem::path& dir) {
  if (dir.filename() == "mnist")
    return " — the full MNIST is not downloaded: `neurostep data fetch mnist` fetches it (in the source tree, "
           "scripts/setup.sh does)";
  if (dir.filename() == "fashion-mnist")
    return " — Fashion-MNIST comes from Debian's package dataset-fashion-mnist: sudo apt-get install "
           "dataset-fashion-mnist";
  return "";
}

Dataset load_dataset_dir(const std::filesystem::path& dir) {
  if (dir.filename() == "cifar10" || is_cifar10_dir(dir))
    return load_cifar10_dir(dir);  // the other format of Jäppinen 2024's §5
  auto find = [&](const std::string& name) {
    for (const auto& candidate : {dir / name, dir / (name + ".gz")})
      if (std::filesystem::exists(candidate)) return candidate;
    throw DataError(
        fmt::format("{}: no {} (or {}.gz) in this folder{}", dir.string(), name, name, missing_data_hint(dir)));
  };
  Dataset d;
  d.source = dir.string();
  const auto train_images = find("train-images-idx3-ubyte"), train_labels = find("train-labels-idx1-ubyte");
  const auto test_images = find("t10k-images-idx3-ubyte"), test_labels = find("t10k-labels-idx1-ubyte");
  d.train = load_image_set(train_images, train_labels);
  d.test = load_image_set(test_images, test_labels);
  if (d.train.rows != d.test.rows || d.train.cols != d.test.cols)
    throw DataError(fmt::format("{}: training images are {}×{} but test images {}×{}", dir.string(), d.train.rows,
                                d.train.cols, d.test.rows, d.test.cols));
  return d;
}

}  // namespace neurostep

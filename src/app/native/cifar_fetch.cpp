#include "app/external_program.h"
#include "app/native/cifar_fetch.h"

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <stdexcept>

#include "app/native/fetch_tools.h"
#include "core/io/cifar10.h"
#include "core/io/user_dirs.h"

namespace neurostep {

namespace fs = std::filesystem;

namespace {

constexpr const char* kArchive = "cifar-10-binary.tar.gz";
constexpr const char* kUnpacked = "cifar-10-batches-bin";  // the folder the archive holds

// Exit codes of curl (6 cannot resolve the host, 7 cannot connect, 28 timed out) and wget (4
// network failure) that mean the server could not be reached at all.
bool unreachable(const std::string& program, int code) {
  return program == "curl" ? code == 6 || code == 7 || code == 28 : code == 4;
}

// Downloads `url` to dir/kArchive with curl or wget; throws saying why it failed.
void download(const fs::path& dir, const std::string& url) {
  const std::optional<fs::path> curl = find_program("curl"), wget = find_program("wget");
  if (!curl && !wget)
    throw std::runtime_error("neither curl nor wget is installed (on Debian: sudo apt-get install curl)");
  const std::string program = curl ? "curl" : "wget";
  const std::vector<std::string> argv =
      curl ? std::vector<std::string>{curl->string(), "-fsSL", "--connect-timeout", "20", "-o", kArchive, url}
           : std::vector<std::string>{wget->string(), "-q", "--timeout=20", "-O", kArchive, url};
  fmt::print("Downloading {} (about 162 MB) with {} …\n", url, program);
  const int code = run_in(dir, argv);
  if (code == 0) return;
  if (unreachable(program, code))
    throw std::runtime_error(
        fmt::format("cannot reach {} ({} exit code {}): this machine seems to have no network, or needs a proxy", url,
                    program, code));
  throw std::runtime_error(fmt::format("{} could not download {} (exit code {})", program, url, code));
}

// Checks dir/kArchive's MD5 with md5sum; throws if it differs.
void check_md5(const fs::path& dir, const std::string& md5) {
  const std::optional<fs::path> md5sum = find_program("md5sum");
  if (!md5sum)
    throw std::runtime_error("md5sum is not installed, so the archive cannot be checked (on Debian: coreutils)");
  std::ofstream(dir / "archive.md5") << md5 << "  " << kArchive << "\n";
  if (run_in(dir, {md5sum->string(), "--quiet", "--status", "-c", "archive.md5"}) != 0)
    throw std::runtime_error(
        fmt::format("the downloaded archive's MD5 checksum is not {}: the download is damaged or is not the "
                    "official archive",
                    md5));
}

void unpack(const fs::path& dir) {
  const std::optional<fs::path> tar = find_program("tar");
  if (!tar)
    throw std::runtime_error("tar is not installed; it unpacks the archive (on Debian: sudo apt-get install tar)");
  if (run_in(dir, {tar->string(), "xzf", kArchive}) != 0)
    throw std::runtime_error(fmt::format("tar could not unpack {} (a truncated or damaged archive?)", kArchive));
  if (!fs::is_directory(dir / kUnpacked))
    throw std::runtime_error(fmt::format("the archive holds no folder {}", kUnpacked));
}

}  // namespace

std::string check_cifar10_folder(const fs::path& dir) {
  try {
    const Dataset d = load_cifar10_dir(dir);
    if (d.train.count == 0 || d.test.count == 0) return dir.string() + ": no images";
  } catch (const DataError& e) {
    return e.what();
  }
  return {};
}

int fetch_cifar10(const CifarFetchOptions& options) {
  const fs::path target = user_data_dir() / "cifar10";
  if (!options.force && fs::is_directory(target) && check_cifar10_folder(target).empty()) {
    fmt::print("CIFAR-10 is already in {} (checked). --force fetches it again.\n", target.string());
    return 0;
  }
  try {
    const fs::path parent = create_user_dir(target.parent_path());
    FetchTempDir tmp(parent, "cifar10");
    download(tmp.path, options.url);
    check_md5(tmp.path, options.md5);
    unpack(tmp.path);
    if (const std::string problem = check_cifar10_folder(tmp.path / kUnpacked); !problem.empty())
      throw std::runtime_error("a file of the archive fails the check: " + problem);
    move_in_place(tmp.path / kUnpacked, target, tmp.path);
    fmt::print(
        "CIFAR-10 (checked: MD5 {}, every batch read) is in {}\n"
        "Use it with `neurostep train --model jappinen2024-cifar-cnn --data cifar10` or in the window's Train tab.\n",
        options.md5, target.string());
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: could not fetch CIFAR-10: {}. Nothing was changed in {}.\n", e.what(),
               target.string());
    return 1;
  }
}

}  // namespace neurostep

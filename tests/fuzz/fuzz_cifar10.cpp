// libFuzzer target: the CIFAR-10 reader on arbitrary bytes, as a batch file and as batches.meta.txt.
// Any input must either load or throw DataError — never crash, hang, or trip a sanitizer.
#include <cstdint>
#include <span>
#include <string_view>

#include "core/io/cifar10.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const neurostep::ImageSet set =
        neurostep::parse_cifar10_batch(std::span<const std::uint8_t>(data, size), "fuzz.bin");
    if (set.pixels.size() != static_cast<std::size_t>(set.count) * set.image_bytes() ||
        set.labels.size() != static_cast<std::size_t>(set.count))
      __builtin_trap();  // the reader promised whole images
    for (std::uint8_t label : set.labels)
      if (label > 9) __builtin_trap();
  } catch (const neurostep::DataError&) {
  }
  try {
    if (neurostep::parse_cifar10_names(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.txt")
            .size() != 10)
      __builtin_trap();
  } catch (const neurostep::DataError&) {
  }
  return 0;
}

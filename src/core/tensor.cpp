#include "core/tensor.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace neurostep {

std::size_t shape_size(const Shape& shape) {
  std::size_t n = 1;
  for (int d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

std::string shape_string(const Shape& shape) { return fmt::format("({})", fmt::join(shape, ", ")); }

}  // namespace neurostep

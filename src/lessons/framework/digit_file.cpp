#include "lessons/framework/digit_file.h"

#include <fmt/format.h>

#include "core/io/idx.h"

namespace neurostep {

Tensor<double> read_digit(LessonTable& table, std::string_view file_key, std::string_view index_key) {
  const auto path = table.file(file_key);
  const int index = table.integer(index_key, 0, 1'000'000);
  try {
    const IdxArray idx = read_idx(path);
    if (idx.dims.size() != 3 || index >= idx.dims[0])
      table.fail(index_key, fmt::format("{} holds {} images; there is no image {}", path.string(),
                                        idx.dims.empty() ? 0 : idx.dims[0], index));
    const int rows = idx.dims[1], cols = idx.dims[2];
    Tensor<double> digit({rows, cols});
    for (int i = 0; i < rows * cols; ++i)
      digit[static_cast<std::size_t>(i)] =
          idx.data[static_cast<std::size_t>(index) * rows * cols + static_cast<std::size_t>(i)] / 255.0;
    return digit;
  } catch (const DataError& e) {
    table.fail(file_key, e.what());
  }
}

}  // namespace neurostep

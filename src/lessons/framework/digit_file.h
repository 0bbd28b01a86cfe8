// digit_file.h — a digit image named in a lesson file: an IDX file and the index of one of its
// images (the lessons that show a real digit: pooling's shift, convolution's feature maps).
#pragma once

#include <string_view>

#include "core/tensor.h"
#include "lessons/framework/lesson_file.h"

namespace neurostep {

// Image `index_key` of the IDX file `file_key`, as 0–1 (rows, cols); a missing file, a broken one
// or an index past its images throws LessonError at the key's line.
Tensor<double> read_digit(LessonTable& table, std::string_view file_key, std::string_view index_key);

}  // namespace neurostep
